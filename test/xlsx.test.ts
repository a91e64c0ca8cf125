/**
 * Excel in and out: workbooks read as record sources (recognised by their bytes, the header found,
 * dates read as calendar dates whatever the host's time zone), documents written as workbooks
 * (typed cells, valid sheet names, the same bytes for the same document), and CSV for Excel (a
 * byte-order mark).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createIntake, getPlan, reportFromAggregate, type ReportDocument } from '../src/index.js';
import { loadCaseTypeMap, loadCodes, readAllRecords, readInto, renderDocumentXlsx } from '../src/io/index.js';
import { fixZipTimes, sheetName } from '../src/document/render-xlsx.js';
import { cellText } from '../src/io/xlsx.js';
import { agencyWorkbook } from '../examples/generate-xlsx.js';
import { runCli } from './cli-run.js';

const data = (name: string): string => fileURLToPath(new URL(`../examples/data/${name}`, import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'servicemaal-xlsx-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A workbook of sheets, each a list of rows of cell values (with a number format where given). */
async function workbook(sheets: Record<string, readonly (readonly unknown[])[]>, formats: Record<string, string> = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((values, index) => {
      const row = sheet.getRow(index + 1);
      values.forEach((value, column) => {
        if (value === undefined) return;
        const cell = row.getCell(column + 1);
        cell.value = value as ExcelJS.CellValue;
        const format = formats[`${name}!${String(index + 1)}:${String(column + 1)}`] ?? (value instanceof Date ? 'dd-mm-yyyy' : undefined);
        if (format !== undefined) cell.numFmt = format;
      });
      row.commit();
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  return path;
}

const MAP = { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' };
const MAP_OPTION = 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort';

describe('the example workbook', () => {
  it('is what examples/generate-xlsx.ts makes of agency-export.csv, byte for byte', async () => {
    const made = await agencyWorkbook();
    expect(Buffer.from(made).equals(readFileSync(data('agency-export.xlsx')))).toBe(true);
  });

  it('reads back as the records of the CSV, on the same lines', async () => {
    const workbookRead = await readAllRecords({ path: data('agency-export.xlsx') }, { map: MAP });
    const csvRead = await readAllRecords({ path: data('agency-export.csv') }, { map: MAP });
    expect(workbookRead.summary.format).toBe('xlsx');
    expect(workbookRead.summary.sheet).toBe('Sager');
    expect(workbookRead.records).toEqual(csvRead.records);
    expect(workbookRead.lines).toEqual(csvRead.lines);
    expect(workbookRead.records[2]).toEqual({ id: 'SIRI-00025', caseType: 'EU-OPH', applied: '2022-10-03T00:47', decided: '2022-10-03' });
  });

  it('gives the CLI the same report as the CSV, its problems naming the sheet and row', async () => {
    const args = ['evaluate', '--plan', 'siri-2023', '--group-scoring', '1.1=share-of-tiers', '--map', MAP_OPTION, '--case-types', data('case-type-codes.csv'), '--format', 'json'];
    const fromCsv = await runCli([...args, data('agency-export.csv')]);
    const fromWorkbook = await runCli([...args, data('agency-export.xlsx')]);
    expect(fromCsv.code).toBe(2);
    expect(fromWorkbook.code).toBe(2);
    const sameFile = fromWorkbook.out.split(`${data('agency-export.xlsx')} [sheet Sager]`).join(data('agency-export.csv'));
    expect(sameFile).toBe(fromCsv.out);
    const report = JSON.parse(fromWorkbook.out) as { invalid: { message: string; column: string; line: number }[] };
    expect(report.invalid[0]).toMatchObject({ line: 601, column: 'indgivet' });
    expect(report.invalid[0]?.message).toBe(`${data('agency-export.xlsx')} [sheet Sager]:601 (id SIRI-05986): applied "2023-02-29" is not a calendar date`);
  });

  it('is read as a workbook whatever its name, and the command line says so', async () => {
    const path = file('export.csv', readFileSync(data('agency-export.xlsx')));
    const run = await runCli(['validate', '--map', MAP_OPTION, path]);
    expect(run.err).toContain(`servicemaal: ${path} is an Excel workbook: read as one (sheet Sager)`);
    expect(run.out).toContain(`${path} [sheet Sager]:601 (id SIRI-05986): applied "2023-02-29" is not a calendar date`);
    expect(run.out).not.toContain('PK');
    // --encoding is for text: a workbook's bytes are never decoded.
    const encoded = await runCli(['validate', '--encoding', 'windows-1252', '--map', MAP_OPTION, path]);
    expect(encoded.out).toBe(run.out);
  });
});

describe('reading workbooks', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it('reads date cells as calendar dates in UTC, never in the host time zone', async () => {
    process.env['TZ'] = 'America/New_York';
    // The time zone is in force: this instant is the evening before in New York.
    expect(new Date(Date.UTC(2023, 2, 1)).getDate()).toBe(28);
    const bytes = await workbook(
      { Sager: [['id', 'caseType', 'applied', 'decided'], ['A1', 'eu', new Date(Date.UTC(2023, 2, 1)), new Date(Date.UTC(2023, 2, 2, 23, 30, 15))]] },
      { 'Sager!2:4': 'dd-mm-yyyy hh:mm:ss' },
    );
    const { records } = await readAllRecords({ stream: Readable.from([bytes]) });
    expect(records).toEqual([{ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02T23:30:15' }]);
  });

  it('keeps the time of day only where the record field takes times', async () => {
    const bytes = await workbook({
      Kontakter: [
        ['id', 'channel', 'at', 'arrived', 'answered'],
        ['K1', 'phone', new Date(Date.UTC(2023, 8, 4, 10, 0)), new Date(Date.UTC(2023, 8, 4, 10, 0)), new Date(Date.UTC(2023, 8, 4, 10, 12, 30))],
      ],
    });
    const { records } = await readAllRecords({ stream: Readable.from([bytes]) }, { kind: 'contacts' });
    expect(records).toEqual([{ id: 'K1', channel: 'phone', at: '2023-09-04', arrived: '2023-09-04T10:00', answered: '2023-09-04T10:12:30' }]);
  });

  it('finds the header below title rows, and reads numbers, formulas, rich text and empty cells as a CSV would hold them', async () => {
    const bytes = await workbook({
      Eksport: [
        ['Sager pr. 15. januar 2024'],
        [],
        ['sagsnr', 'sagstype', 'indgivet', 'afgjort', 'note'],
        [12345, 'FT1', new Date(Date.UTC(2023, 0, 5)), { formula: 'C4+10', result: 44941 }, 7.5],
        [{ richText: [{ text: 'A-' }, { text: '2' }] }, ' FT1 ', '06-01-2023', null, { formula: '1/0', result: { error: '#DIV/0!' } }],
        [],
        ['A3', 'FT1', '29-02-2023', undefined, 0.1 + 0.2],
      ],
    }, { 'Eksport!4:4': 'dd-mm-yyyy' });
    const { records, lines, summary } = await readAllRecords({ stream: Readable.from([bytes]) }, { map: MAP, caseTypeMap: { FT1: 'fast-track' } });
    expect(summary.headerLine).toBe(3);
    expect(records).toEqual([
      { id: '12345', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-01-15' },
      { id: 'A-2', caseType: 'fast-track', applied: '2023-01-06', decided: null },
      { id: 'A3', caseType: 'fast-track', applied: '2023-02-29', decided: null },
    ]);
    expect(lines).toEqual([4, 5, 7]);
    expect(summary.ignoredColumns).toEqual(['note']);
    // Every row but the header is accounted for: two above it, one blank between the records.
    expect([summary.rows, summary.records, summary.problems, summary.emptyLines]).toEqual([6, 3, 0, 3]);
  });

  it('takes the header after skipRows rows, and the sheet by name or number', async () => {
    const bytes = await workbook({
      Forside: [['Denne fil har to ark']],
      Sager: [['Titel'], ['id', 'caseType', 'applied'], ['S1', 'eu', '2023-03-01']],
    });
    const source = (): { stream: Readable } => ({ stream: Readable.from([bytes]) });
    expect((await readAllRecords(source())).summary).toMatchObject({ sheet: 'Forside', records: 0, missingFields: ['id', 'caseType', 'applied'] });
    for (const sheet of ['Sager', 'sager', 2]) {
      const { records, summary } = await readAllRecords(source(), { sheet });
      expect(summary.sheet).toBe('Sager');
      expect(records).toEqual([{ id: 'S1', caseType: 'eu', applied: '2023-03-01' }]);
    }
    const skipped = await readAllRecords(source(), { sheet: 'Sager', skipRows: 2 });
    expect(skipped.summary.columns).toEqual(['S1', 'eu', '2023-03-01']);
    await expect(readAllRecords(source(), { sheet: 'Sagerne' })).rejects.toThrow('the workbook has no sheet "Sagerne"; its sheets: "Forside", "Sager"');
    await expect(readAllRecords({ stream: Readable.from([bytes]), name: 'ark.xlsx' }, { sheet: 3 })).rejects.toThrow('ark.xlsx: the workbook has no sheet 3 (it has 2)');
    await expect(readAllRecords(source(), { skipRows: -1 })).rejects.toThrow('skipRows must be a whole number, 0 or more, got -1');
  });

  it('refuses the workbook options for a source that is no workbook, and a ZIP archive that is none', async () => {
    await expect(readAllRecords({ text: 'id,caseType,applied\nA1,eu,2023-03-01\n' }, { sheet: 'Sager' })).rejects.toThrow('sheet applies to Excel workbooks, and the source is read as CSV');
    const path = file('sager.csv', Buffer.from('id,caseType,applied\nA1,eu,2023-03-01\n'));
    const intake = createIntake(getPlan('siri-2023'), { period: '2023' });
    await expect(readInto(intake, { path }, { skipRows: 1 })).rejects.toThrow(`skipRows applies to Excel workbooks, and ${path} is read as CSV`);
    const zip = (await import('node:zlib')).deflateRawSync(Buffer.from('x'));
    // A ZIP archive of one entry, no worksheet: local header, data, central directory, end record.
    const name = Buffer.from('notes.txt');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zip.length, 18);
    local.writeUInt32LE(1, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(zip.length, 20);
    central.writeUInt32LE(1, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + zip.length, 16);
    const archive = file('notes.zip', Buffer.concat([local, name, zip, central, name, end]));
    await expect(readAllRecords({ path: archive })).rejects.toThrow(`${archive}: a ZIP archive without a worksheet (xl/worksheets/…): not an Excel workbook`);
  });

  it('never reads a cell whose shared string exceljs left unresolved as an empty cell', () => {
    expect(cellText({ value: 'Fast-track' }, false, false)).toBe('Fast-track');
    expect(() => cellText({ value: { sharedString: 3 } }, false, false)).toThrow('the text of a cell (a shared string) was not read; read the file again');
  });

  it('reads case-type mappings and codes from the first sheet of a workbook', async () => {
    const mapping = file('sagstyper.xlsx', await workbook({ Koder: [['kode', 'sagstype'], ['ER-FT', 'fast-track'], [], [4711, ' studie ']] }));
    expect([...(await loadCaseTypeMap(mapping))]).toEqual([['ER-FT', 'fast-track'], ['4711', 'studie']]);
    const codes = file('koder.csv', await workbook({ Koder: [['felt', 'kode', 'værdi'], ['applicationKind', 'Forlængelse', 'extension'], ['applicationKind', 'Forlængelse', 'first']] }));
    await expect(loadCodes(codes)).rejects.toThrow('codes, line 3: "Forlængelse" of applicationKind is given both "extension" and "first"');
  });

  it('names the sheet and the row of each problem read into an intake', async () => {
    const bytes = await workbook({ Ark1: [['id', 'caseType', 'applied', 'decided'], ['A1', 'fast-track', '2023-03-01', '2023-02-01']] });
    const plan = getPlan('siri-2023');
    const intake = createIntake(plan, { period: '2023' });
    await readInto(intake, { path: file('sager.xlsx', bytes) }, { name: 'sager.xlsx' });
    const report = reportFromAggregate(plan, intake.aggregate());
    expect(report.invalid[0]).toMatchObject({ file: 'sager.xlsx [sheet Ark1]', line: 2, column: 'decided' });
    expect(report.invalid[0]?.message).toBe('sager.xlsx [sheet Ark1]:2 (id A1): decided is before the application date');
  });
});

const DOCUMENT: ReportDocument = {
  language: 'da',
  title: 'Servicemål 2023',
  subtitle: 'Periode 2023',
  sections: [
    {
      id: 'targets',
      title: 'Mål',
      blocks: [
        { kind: 'text', text: 'Andelen af sager afgjort inden for fristen.' },
        { kind: 'facts', items: [{ key: 'as_of', label: 'Opgjort pr.', value: { kind: 'date', day: 19630 } }] },
        {
          kind: 'table',
          id: 'targets',
          title: 'Mål: andel [%]',
          columns: [
            { key: 'target', title: 'mål', align: 'left' },
            { key: 'limit', title: 'frist', align: 'right' },
            { key: 'measured', title: 'målt', align: 'right' },
            { key: 'share', title: 'andel', align: 'right' },
            { key: 'points', title: 'point', align: 'right' },
            { key: 'due', title: 'forfald', align: 'right' },
            { key: 'met', title: 'opfyldt', align: 'left' },
          ],
          rows: [
            [
              { kind: 'text', text: '=HYPERLINK("http://example.com")' },
              { kind: 'amount', value: 31, unit: 'days' },
              { kind: 'count', value: 12345 },
              { kind: 'share', value: 0.853 },
              { kind: 'points', value: 32.5 },
              { kind: 'date', day: 19631 },
              { kind: 'status', status: 'met', text: 'opfyldt' },
            ],
            [
              { kind: 'text', text: 'Studie' },
              { kind: 'amount', value: 1, unit: 'days' },
              { kind: 'count', value: null },
              { kind: 'share', value: null },
              { kind: 'points', value: null },
              { kind: 'date', day: null },
              { kind: 'status', status: 'unknown', text: 'ukendt' },
            ],
          ],
        },
        { kind: 'table', id: 'reading', title: 'Kun til læsning', use: 'reading', columns: [{ key: 'x', title: 'x', align: 'left' }], rows: [] },
        { kind: 'table', id: 'again', title: 'mål: ANDEL [%]', columns: [{ key: 'x', title: 'x', align: 'left' }], rows: { count: 2, at: (index) => [{ kind: 'count', value: index }] } },
      ],
    },
  ],
};

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

describe('writing workbooks', () => {
  it('writes a first sheet with the title, facts and notes, and one sheet per table with typed cells', async () => {
    const book = await readBack(await renderDocumentXlsx(DOCUMENT));
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Rapport', 'Mål  andel  %', 'mål  ANDEL  % (2)']);
    const first = book.worksheets[0] as ExcelJS.Worksheet;
    const column = (index: number): unknown[] => first.getColumn(index).values.slice(1);
    expect(column(1)).toEqual(['Servicemål 2023', 'Periode 2023', undefined, 'Mål', 'Andelen af sager afgjort inden for fristen.', 'Opgjort pr.', 'Mål: andel [%]: se arket "Mål  andel  %"', 'mål: ANDEL [%]: se arket "mål  ANDEL  % (2)"']);
    expect(first.getCell('B6').value).toEqual(new Date(Date.UTC(2023, 8, 30)));
    const sheet = book.worksheets[1] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, 'mål', 'frist', 'målt', 'andel', 'point', 'forfald', 'opfyldt']);
    const cells = [1, 2, 3, 4, 5, 6, 7].map((index) => sheet.getRow(2).getCell(index));
    expect(cells.map((cell) => cell.value)).toEqual(['=HYPERLINK("http://example.com")', 31, 12345, 0.853, 32.5, new Date(Date.UTC(2023, 9, 1)), 'opfyldt']);
    expect(cells.map((cell) => cell.numFmt)).toEqual([undefined, '[=1]0" dag";#,##0" dage"', '#,##0', '0.0%', '0.00', 'yyyy-mm-dd', undefined]);
    // Empty values are empty cells.
    expect([3, 4, 5, 6].map((index) => sheet.getRow(3).getCell(index).value)).toEqual([null, null, null, null]);
    expect(sheet.getColumn(1).width).toBe(34);
    expect((book.worksheets[2] as ExcelJS.Worksheet).getColumn(1).values.slice(1)).toEqual(['x', 0, 1]);
  });

  it('stores a text that looks like a formula as text, never as a formula', async () => {
    const book = await readBack(await renderDocumentXlsx(DOCUMENT));
    const cell = book.worksheets[1]?.getCell('A2');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();
    expect(cell?.value).toBe('=HYPERLINK("http://example.com")');
  });

  it('gives the same bytes for the same document, whenever it is made', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-01-05T08:00:00Z'));
      const first = await renderDocumentXlsx(DOCUMENT);
      vi.setSystemTime(new Date('2026-07-09T17:31:07Z'));
      const second = await renderDocumentXlsx(DOCUMENT);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      const dated = await renderDocumentXlsx(DOCUMENT, { generatedAt: '2026-03-31T12:00:00Z' });
      expect(Buffer.from(dated).equals(Buffer.from(first))).toBe(false);
      expect((await readBack(dated)).created).toEqual(new Date('2026-03-31T12:00:00Z'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('makes valid, unique sheet names', () => {
    const taken = new Set<string>(['rapport']);
    expect(sheetName('Rapport', taken)).toBe('Rapport (2)');
    expect(sheetName("'Sager: i/risiko?'", taken)).toBe('Sager  i risiko');
    const long = sheetName('Sager i risiko pr. 30. september 2023 efter forfaldsdato', taken);
    expect(long).toBe('Sager i risiko pr. 30. septembe');
    expect(sheetName('Sager i risiko pr. 30. september 2023 efter forfaldsdato', taken)).toBe('Sager i risiko pr. 30. sept (2)');
    expect(sheetName('[]', taken, 'tabel')).toBe('tabel');
    expect(sheetName('History', taken)).toBe('History (2)');
  });

  it('fixes the dates of every entry of a ZIP archive', () => {
    const bytes = Buffer.from(readFileSync(data('agency-export.xlsx')));
    // Set a date in one local header (the first entry's) and check that it is set back.
    bytes.writeUInt16LE(0x5a21, 12);
    expect(Buffer.from(fixZipTimes(new Uint8Array(bytes))).equals(readFileSync(data('agency-export.xlsx')))).toBe(true);
    expect(() => fixZipTimes(new Uint8Array(40))).toThrow('not a ZIP archive');
  });
});

describe('the command line', () => {
  const args = ['evaluate', '--plan', 'siri-2023', '--map', MAP_OPTION, '--case-types', data('case-type-codes.csv')];

  it('writes the report as a workbook to --out, and refuses one for the terminal', async () => {
    const out = join(directory, 'rapport.xlsx');
    const run = await runCli([...args, '--format', 'xlsx', '--locale', 'da', '--out', out, data('agency-export.csv')]);
    expect(run.code).toBe(2);
    const book = await readBack(readFileSync(out));
    expect(book.worksheets[0]?.name).toBe('Rapport');
    expect(book.worksheets[1]?.getRow(1).getCell(4).value).toBe('mål-id');
    const terminal = await runCli([...args, '--format', 'xlsx', data('agency-export.csv')]);
    expect(terminal.code).toBe(1);
    expect(terminal.err).toContain('--format xlsx writes an Excel workbook, which is no text for a terminal or a pipe: give --out with a file name');
    expect(terminal.out).toBe('');
  });

  it('starts CSV with a byte-order mark for --bom, and by default in Danish unless --no-bom', async () => {
    const input = data('agency-export.csv');
    const csv = async (...options: string[]): Promise<string> => (await runCli([...args, '--format', 'csv', ...options, input])).out;
    expect((await csv()).startsWith('\uFEFF')).toBe(false);
    expect((await csv('--bom')).startsWith('\uFEFFplan,')).toBe(true);
    expect((await csv('--locale', 'da')).startsWith('\uFEFFplan;')).toBe(true);
    expect((await csv('--locale', 'da', '--no-bom')).startsWith('plan;')).toBe(true);
    const both = await runCli([...args, '--format', 'csv', '--bom', '--no-bom', input]);
    expect([both.code, both.err.split('\n')[0]]).toEqual([1, 'servicemaal: --bom and --no-bom contradict each other: give one']);
    const table = await runCli([...args, '--bom', input]);
    expect([table.code, table.err.split('\n')[0]]).toEqual([1, 'servicemaal: --bom applies to CSV output (--format csv), not to table']);
    expect((await runCli([...args, '--format', 'table', '--locale', 'da', input])).out.startsWith('\uFEFF')).toBe(false);
  });

  it('takes --sheet and --skip-rows, and refuses bad values', async () => {
    const bytes = await workbook({ Forside: [['Om filen']], Sager: [['Udtræk 15-01-2024'], ['sagsnr', 'sagstype', 'indgivet', 'afgjort'], ['A1', 'ER-FT', '01-03-2023', '20-03-2023']] });
    const path = file('to-ark.xlsx', bytes);
    const run = await runCli(['validate', '--map', MAP_OPTION, '--sheet', 'Sager', '--skip-rows', '1', path]);
    expect([run.code, run.out]).toEqual([0, `${path}: 2 row(s): 1 valid, 0 invalid, 1 empty line(s)\n`]);
    const byNumber = await runCli(['validate', '--map', MAP_OPTION, '--sheet', '2', path]);
    expect([byNumber.code, byNumber.out, byNumber.err]).toEqual([run.code, run.out, run.err]);
    for (const [option, value, error] of [
      ['--sheet', '0', '--sheet numbers sheets from 1, got "0"'],
      ['--skip-rows', 'to', '--skip-rows must be a whole number, 0 or more, got "to"'],
    ] as const) {
      const bad = await runCli(['validate', option, value, path]);
      expect([bad.code, bad.err.split('\n')[0]]).toEqual([1, `servicemaal: ${error}`]);
    }
  });
});
