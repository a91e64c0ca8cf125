/**
 * File readers (src/io): CSV, JSON and NDJSON sources, line numbers, mapping, Danish dates and
 * decimal commas, and reconciliation with the library's evaluation. Every expected value is worked
 * out by hand from the fixtures in test/fixtures/io.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reconciled, shareTier, thrown } from './helpers.js';
import { evaluatePlan, getPlan, type PlanReport } from '../src/index.js';
import {
  danishDateToIso,
  decimalNumber,
  detectDelimiter,
  loadCaseTypeMap,
  loadCodes,
  parseCaseTypeMap,
  parseCodes,
  parseFieldMap,
  readAllRecords,
  readRecords,
  type ReadOptions,
  type ReadResult,
  type ReadRow,
  type RecordSource,
} from '../src/io/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/io/${name}`, import.meta.url));
const siri2023 = getPlan('siri-2023');

/** The Danish export's columns. */
const danishMap = { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' };

/** Reads a source and checks the summary's counts reconcile with the rows yielded. */
async function read(source: RecordSource, options: ReadOptions = {}): Promise<ReadResult> {
  const result = await readAllRecords(source, options);
  const { summary } = result;
  expect(summary.done).toBe(true);
  expect(summary.records).toBe(result.records.length);
  expect(summary.problems).toBe(result.problems.length);
  expect(summary.rows).toBe(summary.records + summary.problems + summary.emptyLines);
  return result;
}

/** A stdin-like stream of the file's bytes in chunks of `size` bytes. */
async function chunked(name: string, size: number): Promise<Readable> {
  const bytes = await readFile(fixture(name));
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

/** Problem rows as `line: code column message`. */
const problemLines = (result: ReadResult): string[] =>
  result.problems.map(({ line, problem }) => `${line}: ${problem.code} ${problem.column} ${problem.message}`);

describe('a Danish Excel export: BOM, CRLF, semicolons, dd-mm-yyyy, agency codes', () => {
  it('reads every row into a record with ISO dates and catalogue case types', async () => {
    const caseTypeMap = await loadCaseTypeMap(fixture('sagstyper.csv'));
    const result = await read({ path: fixture('sager-danske.csv') }, { map: danishMap, caseTypeMap });
    expect(result.records).toEqual([
      { id: '2023-0001', caseType: 'fast-track', applied: '2023-01-02', decided: '2023-01-20' },
      { id: '2023-0002', caseType: 'fast-track', applied: '2023-01-03', decided: '2023-02-10' },
      { id: '2023-0003', caseType: 'beloebsordning', applied: '2023-01-05', decided: '2023-01-25' },
      // an empty decision cell: pending
      { id: '2023-0004', caseType: 'beloebsordning', applied: '2023-01-09', decided: null },
      // dd.mm.yyyy
      { id: '2023-0005', caseType: 'studie', applied: '2023-01-10', decided: '2023-02-28' },
      { id: '2023-0006', caseType: 'eu', applied: '2023-01-16', decided: '2023-01-16' },
      { id: '2023-0007', caseType: 'eu', applied: '2023-01-16', decided: '2023-01-18' },
      { id: '2023-0008', caseType: 'phd', applied: '2023-02-01', decided: '2023-02-15' },
      // XX9 is not in the mapping: it passes through unchanged
      { id: '2023-0009', caseType: 'XX9', applied: '2023-02-01', decided: '2023-03-01' },
      // cells are trimmed; one-digit days and months are padded
      { id: '2023-0010', caseType: 'fast-track', applied: '2023-02-01', decided: '2023-03-03' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('numbers rows by their first line after the BOM, CRLF, a quoted field over two lines and an empty line', async () => {
    const result = await read({ path: fixture('sager-danske.csv') }, { map: danishMap });
    // line 1 header; 4–5 the quoted remark over two lines; 7 empty
    expect(result.lines).toEqual([2, 3, 4, 6, 8, 9, 10, 11, 12, 13]);
    expect(result.summary).toMatchObject({
      format: 'csv',
      delimiter: ';',
      headerLine: 1,
      columns: ['sagsnr', 'sagstype', 'indgivet', 'afgjort', 'sagsbehandler', 'bemaerkning'],
      fields: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' },
      ignoredColumns: ['sagsbehandler', 'bemaerkning'],
      missingFields: [],
      rows: 11,
      records: 10,
      problems: 0,
      emptyLines: 1,
      suspectEncoding: false,
    });
    // without a caseTypeMap no code is "unmapped"
    expect(result.summary.unmappedCaseTypes.size).toBe(0);
  });

  it('lists the case-type codes the mapping lacks, with their row counts', async () => {
    const caseTypeMap = await loadCaseTypeMap(fixture('sagstyper.json'));
    const { summary } = await read({ path: fixture('sager-danske.csv') }, { map: danishMap, caseTypeMap });
    expect([...summary.unmappedCaseTypes]).toEqual([['XX9', 1]]);
  });

  it('gives the same rows from a file, a string and a stdin-like stream in small chunks', async () => {
    const options = { map: danishMap, caseTypeMap: { FT1: 'fast-track' } };
    const fromFile = await read({ path: fixture('sager-danske.csv') }, options);
    const fromText = await read({ text: await readFile(fixture('sager-danske.csv'), 'utf8') }, options);
    expect(fromText.records).toEqual(fromFile.records);
    expect(fromText.lines).toEqual(fromFile.lines);
    // chunks of 1, 2 and 7 bytes split the BOM, CRLF pairs and the two bytes of "Ø"
    for (const size of [1, 2, 7]) {
      const fromStream = await read({ stream: await chunked('sager-danske.csv', size) }, options);
      expect(fromStream.records).toEqual(fromFile.records);
      expect(fromStream.lines).toEqual(fromFile.lines);
      expect(fromStream.summary).toEqual(fromFile.summary);
    }
    // a stream of strings, as process.stdin gives after setEncoding('utf8')
    const text = await readFile(fixture('sager-danske.csv'), 'utf8');
    const fromStrings = await read({ stream: Readable.from([text.slice(0, 50), text.slice(50)]) }, options);
    expect(fromStrings.records).toEqual(fromFile.records);
    expect(fromStrings.lines).toEqual(fromFile.lines);
  });

  it('evaluates with siri-2023: shares worked out by hand, every record accounted for', async () => {
    const caseTypeMap = await loadCaseTypeMap(fixture('sagstyper.csv'));
    const { records } = await read({ path: fixture('sager-danske.csv') }, { map: danishMap, caseTypeMap });
    const report = reconciled(evaluatePlan(siri2023, records), records);
    expect(report.counts).toEqual({ input: 10, measured: 8, pending: 1, outOfPeriod: 0, withoutTarget: 1, invalid: 0 });
    expect(report.withoutTarget).toEqual({ XX9: 1 });
    // Fast-track: 18, 38 and 30 days (1 Feb → 3 Mar 2023) against 31: 2 of 3
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 3, within: 2 });
    // Beløbsordningen: 20 days; 2023-0004 is pending
    expect(shareTier(report, 'beloebsordning')).toMatchObject({ measured: 1, within: 1 });
    // Studie: 10 Jan → 28 Feb = 49 days ≤ 62
    expect(shareTier(report, 'studie')).toMatchObject({ measured: 1, within: 1 });
    // EU: 0 and 2 days; within 1 day: 1 of 2; within 31 days: 2 of 2
    expect(shareTier(report, 'eu', 0)).toMatchObject({ measured: 2, within: 1, share: 0.5 });
    expect(shareTier(report, 'eu', 1)).toMatchObject({ measured: 2, within: 2 });
    expect(shareTier(report, 'phd')).toMatchObject({ measured: 1, within: 1 });
  });
});

describe('a comma CSV in the library field names: events, pauses, quoted commas', () => {
  it('detects the comma, builds events and pauses, and keeps ISO dates and timestamps', async () => {
    const result = await read({ path: fixture('sager-komma.csv') });
    expect(result.summary).toMatchObject({
      delimiter: ',',
      fields: { id: 'id', caseType: 'caseType', applied: 'applied', decided: 'decided', 'events.firstInterview': 'events.firstInterview', pauses: 'pauses' },
      ignoredColumns: ['note'],
      rows: 5,
      emptyLines: 0,
    });
    expect(result.records).toEqual([
      { id: 'U1', caseType: 'asyl', applied: '2019-01-07', decided: '2019-03-01', events: { firstInterview: '2019-01-30' } },
      { id: 'U2', caseType: 'asyl', applied: '2019-01-10', decided: null, events: { firstInterview: '2019-02-20' } },
      {
        id: 'U3',
        caseType: 'familiesammenfoering',
        applied: '2019-02-01',
        decided: '2019-10-15',
        pauses: [
          { from: '2019-03-01', to: '2019-03-20' },
          { from: '2019-05-01', to: '2019-05-10' },
        ],
      },
      {
        id: 'U4',
        caseType: 'familiesammenfoering',
        // the +01:00 offset is no pause separator, and the timestamp passes unchanged
        applied: '2019-02-01T09:30:00+01:00',
        decided: '2019-11-01',
        // Danish dates, separated by " + "
        pauses: [
          { from: '2019-04-01', to: '2019-04-15' },
          { from: '2019-06-01', to: '2019-06-05' },
        ],
      },
      { id: 'U5', caseType: 'permanent-ophold', applied: '2019-03-04', decided: '2019-12-20' },
    ]);
    // U4's note runs over lines 5 and 6
    expect(result.lines).toEqual([2, 3, 4, 5, 7]);
  });

  it('evaluates with us-2019: the first interview within 30 days', async () => {
    const { records } = await read({ path: fixture('sager-komma.csv') });
    const report = reconciled(evaluatePlan(getPlan('us-2019'), records), records);
    expect(report.counts).toMatchObject({ input: 5, invalid: 0, pending: 1 });
    // U1: 7 Jan → 30 Jan = 23 days ≤ 30 (U2 is pending)
    expect(shareTier(report, 'asyl-foerste-samtale')).toMatchObject({ measured: 1, within: 1 });
  });
});

describe('JSON arrays', () => {
  it('yields the elements with the line each starts on; keys that feed no field are left out and listed', async () => {
    const result = await read({ path: fixture('sager.json') });
    expect(result.records).toEqual([
      { id: 'J1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
      { id: 'J2', caseType: 'fast-track', applied: '2023-03-01', decided: null },
      { id: 'J3', caseType: 'eu', applied: '2023-03-01T23:30:00Z', decided: '2023-03-03' },
    ]);
    expect(result.lines).toEqual([2, 8, 9]);
    expect(result.summary).toMatchObject({
      format: 'json',
      delimiter: null,
      headerLine: null,
      columns: ['id', 'caseType', 'applied', 'decided', 'kommentar'],
      ignoredColumns: ['kommentar'],
      rows: 3,
    });
  });

  it('evaluates the elements: J3 applied 2 March in Copenhagen, decided the next day', async () => {
    const { records } = await read({ path: fixture('sager.json') });
    const report = reconciled(evaluatePlan(siri2023, records), records);
    expect(shareTier(report, 'eu', 0)).toMatchObject({ measured: 1, within: 1 });
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 1, within: 1 });
    expect(report.counts).toMatchObject({ pending: 1 });
  });

  it('reports elements that are not objects, renames keys by the map and maps case types', async () => {
    const text = '[{"sagsnr": "A", "type": "FT1", "indgivet": "2023-01-02"},\n null,\n {"sagsnr": 7, "type": 12}]';
    const result = await read({ text }, { map: { id: 'sagsnr', caseType: 'type', applied: 'indgivet' }, caseTypeMap: { FT1: 'fast-track', '12': 'eu' } });
    // values are kept as they are: a numeric id is for the library to report
    expect(result.records).toEqual([
      { id: 'A', caseType: 'fast-track', applied: '2023-01-02' },
      { id: 7, caseType: 'eu' },
    ]);
    expect(result.lines).toEqual([1, 3]);
    expect(problemLines(result)).toEqual(['2: invalid_type  is not an object']);
  });

  it('throws for text that is not JSON, and for JSON that is not an array', async () => {
    const broken = await readAllRecords({ text: '[{"id": 1},' }).catch((error: unknown) => error);
    expect(broken).toMatchObject({ name: 'ServicemaalError', issues: [{ code: 'invalid_value' }] });
    const object = await readAllRecords({ text: '{"id": 1}' }, { format: 'json' }).catch((error: unknown) => error);
    expect(object).toMatchObject({ issues: [{ code: 'invalid_value', message: expect.stringContaining('array') as unknown }] });
  });
});

describe('NDJSON', () => {
  it('yields a record per line, reports broken lines and counts empty ones', async () => {
    const result = await read({ path: fixture('sager.ndjson') });
    expect(result.records).toEqual([
      { id: 'N1', caseType: 'studie', applied: '2023-01-05', decided: '2023-02-01' },
      { id: 'N2', caseType: 'studie', applied: '2023-01-05', decided: '2023-04-01' },
      { id: 'N4', caseType: 'phd', applied: '2023-02-01', decided: '2023-02-10', events: { firstInterview: '2023-02-03' } },
    ]);
    expect(result.lines).toEqual([1, 2, 6]);
    expect(result.problems.map((row) => [row.line, row.problem.code, row.problem.value])).toEqual([
      [4, 'invalid_value', '{"id":"N3","caseType":"studie","applied":"2023-01-05",'],
      [5, 'invalid_type', '["not", "an", "object"]'],
    ]);
    expect(result.problems[0]?.problem.message).toMatch(/^is not valid JSON: /);
    expect(result.summary).toMatchObject({ format: 'ndjson', rows: 6, records: 3, problems: 2, emptyLines: 1 });
  });

  it('reads CRLF lines and a last line without a line break', async () => {
    const text = '{"id":"a"}\r\n\r\n  \r\n{"id":"b"}';
    const result = await read({ text }, { format: 'ndjson' });
    expect(result.lines).toEqual([1, 4]);
    expect(result.summary).toMatchObject({ rows: 4, emptyLines: 2 });
  });
});

describe('contacts with decimal commas and Danish timestamps', () => {
  const map = parseFieldMap('channel=kanal,at=dato,waitMinutes=ventetid_min,arrived=ankomst,answered=besvaret');

  it('reads 7,5 as 7.5 minutes, and an empty answer after an arrival as never answered', async () => {
    const result = await read({ path: fixture('kontakter.csv') }, { kind: 'contacts', map });
    expect(result.records).toEqual([
      { id: 'K1', channel: 'phone', at: '2023-09-01', waitMinutes: 7.5 },
      { id: 'K2', channel: 'phone', at: '2023-09-01', waitMinutes: 12 },
      { id: 'K3', channel: 'phone', at: '2023-09-04', waitMinutes: 0.25 },
      { id: 'K4', channel: 'in-person', at: '2023-09-04', waitMinutes: 65 },
      // not a number: kept for the library to report
      { id: 'K5', channel: 'phone', at: '2023-09-05', waitMinutes: 'ukendt' },
      { id: 'K6', channel: 'phone', arrived: '2023-09-05T10:00:00', answered: '2023-09-05T10:07:30' },
      { id: 'K7', channel: 'phone', arrived: '2023-09-05T10:15', answered: null },
    ]);
    expect(result.lines).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(result.summary.fields).toEqual({ id: 'id', channel: 'kanal', at: 'dato', waitMinutes: 'ventetid_min', arrived: 'ankomst', answered: 'besvaret' });
  });

  it('evaluates the phone target of siri-2023; the bad wait maps back to its line', async () => {
    const { records, lines } = await read({ path: fixture('kontakter.csv') }, { kind: 'contacts', map });
    const report = reconciled(evaluatePlan(siri2023, { contacts: records }), { contacts: records });
    // K1 450 s, K2 720 s, K3 15 s, K6 450 s against 600 s: 3 of 4; K7 never answered
    expect(shareTier(report, 'telefon')).toMatchObject({ within: 3 });
    expect(report.contacts.counts).toMatchObject({ input: 7, unanswered: 1, withoutTarget: 1, invalid: 1 });
    expect(report.invalid.map((entry) => [lines[entry.index], entry.field, entry.code])).toEqual([[6, 'waitMinutes', 'invalid_value']]);
  });
});

describe('a file with bad rows', () => {
  it('reports extra columns, skips empty lines and blank rows, and reads missing cells as empty', async () => {
    const result = await read({ path: fixture('daarlige-raekker.csv') }, { map: danishMap, caseTypeMap: { FT1: 'fast-track', STU: 'studie' } });
    expect(result.records).toEqual([
      { id: 'B1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
      // only reordered: the library reports the impossible date
      { id: 'B2', caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-20' },
      { id: 'B3', caseType: 'fast-track', applied: '2023-03-20', decided: '2023-03-01' },
      // an empty case type is left out
      { id: 'B4', applied: '2023-03-01', decided: '2023-03-10' },
      // three cells of four: the missing one is empty, so the case is pending
      { id: 'B6', caseType: 'studie', applied: '2023-03-01', decided: null },
      // a trailing delimiter (an empty fifth cell) is no extra column
      { id: 'B7', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-31' },
    ]);
    expect(result.lines).toEqual([2, 3, 4, 6, 10, 11]);
    expect(result.problems).toEqual([
      { line: 7, problem: { column: '', value: 'ekstra;x', code: 'invalid_value', message: 'extra columns: the row has 6 cells, the header 4' } },
    ]);
    // lines 5 and 9 are empty, line 8 is ';;;'
    expect(result.summary).toMatchObject({ rows: 10, records: 6, problems: 1, emptyLines: 3 });
  });

  it('reconciles with the library: rows = records + problems + empty lines, and invalid entries map to lines', async () => {
    const { records, lines, problems, summary } = await read(
      { path: fixture('daarlige-raekker.csv') },
      { map: danishMap, caseTypeMap: await loadCaseTypeMap(fixture('sagstyper.csv')) },
    );
    const report: PlanReport = reconciled(evaluatePlan(siri2023, records), records);
    expect(summary.rows).toBe(report.counts.input + problems.length + summary.emptyLines);
    // B1 19 days and B7 30 days: within; B6 pending
    expect(report.counts).toEqual({ input: 6, measured: 2, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 3 });
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 2, within: 2 });
    expect(report.invalid.map((entry) => [lines[entry.index], entry.id, entry.field, entry.code])).toEqual([
      [3, 'B2', 'applied', 'invalid_date'],
      [4, 'B3', 'decided', 'decision_before_application'],
      [6, 'B4', 'caseType', 'missing_field'],
    ]);
  });
});

describe('line numbers', () => {
  const lines = async (text: string, options: ReadOptions = {}): Promise<number[]> => (await read({ text }, options)).lines;

  it('counts LF, CRLF and lone CR line ends, mixed in one file', async () => {
    expect(await lines('id;applied\nA;1\nB;2\n')).toEqual([2, 3]);
    expect(await lines('id;applied\r\nA;1\r\nB;2')).toEqual([2, 3]);
    expect(await lines('id;applied\rA;1\rB;2\r')).toEqual([2, 3]);
    expect(await lines('id;applied\r\nA;1\nB;2\r\n\rC;3')).toEqual([2, 3, 5]);
  });

  it('gives a row spanning lines its first line, for LF and CRLF inside quotes', async () => {
    expect(await lines('id;note\nA;"x\ny\nz"\nB;w\n')).toEqual([2, 5]);
    expect(await lines('id;note\r\nA;"x\r\ny\r\n\r\nz"\r\nB;w\r\n')).toEqual([2, 6]);
  });

  it('counts empty lines before the header, between rows and at the end', async () => {
    const result = await read({ text: '\n\r\n  \nid;applied\n\nA;1\n \n;\n\n' });
    expect(result.summary.headerLine).toBe(4);
    expect(result.lines).toEqual([6]);
    // lines 1, 2, 3 (blank), 5, 7 (blank), 8 (";") and 9
    expect(result.summary).toMatchObject({ rows: 8, records: 1, emptyLines: 7 });
  });

  it('counts no empty line for the line break that ends the file', async () => {
    expect((await read({ text: 'id\nA\n' })).summary.emptyLines).toBe(0);
    expect((await read({ text: 'id\nA\n\n' })).summary.emptyLines).toBe(1);
  });

  it('reads a header alone, and nothing at all', async () => {
    expect((await read({ text: 'id;applied\r\n' })).summary).toMatchObject({ headerLine: 1, rows: 0, columns: ['id', 'applied'] });
    expect((await read({ text: '' })).summary).toMatchObject({ format: 'csv', headerLine: null, rows: 0, columns: [] });
  });
});

describe('CSV cells and columns', () => {
  it('detects the delimiter from the header line, outside quotes', () => {
    expect(detectDelimiter('sagsnr;sagstype;indgivet;afgjort')).toBe(';');
    expect(detectDelimiter('id,caseType,applied')).toBe(',');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('id\tcaseType\tapplied')).toBe('\t');
    expect(detectDelimiter('a;b,c')).toBe(';');
    expect(detectDelimiter('id')).toBe(',');
  });

  it('uses a given delimiter', async () => {
    const result = await read({ text: 'id|caseType;x\nA|eu;y\n' }, { delimiter: '|' });
    expect(result.records).toEqual([{ id: 'A' }]);
    expect(result.summary).toMatchObject({ delimiter: '|', columns: ['id', 'caseType;x'], ignoredColumns: ['caseType;x'] });
    expect(thrown(() => readRecords({ text: '' }, { delimiter: ';;' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['delimiter'] });
  });

  it('rewrites Danish dates and leaves other text to the library', () => {
    expect(danishDateToIso('01-03-2023')).toBe('2023-03-01');
    expect(danishDateToIso('01.03.2023')).toBe('2023-03-01');
    expect(danishDateToIso('1-3-2023')).toBe('2023-03-01');
    expect(danishDateToIso('29-02-2023')).toBe('2023-02-29');
    expect(danishDateToIso('31.04.2023')).toBe('2023-04-31');
    expect(danishDateToIso('01-03-2023 9:05')).toBe('2023-03-01T09:05');
    expect(danishDateToIso('01.03.2023 10.15.30')).toBe('2023-03-01T10:15:30');
    expect(danishDateToIso('01-03-2023 10:15:30,5')).toBe('2023-03-01T10:15:30.5');
    for (const unchanged of ['2023-03-01', '2023-03-01T23:30:00Z', '01-03.2023', '01-03-23', '2023/03/01', 'i går']) {
      expect(danishDateToIso(unchanged)).toBe(unchanged);
    }
  });

  it('reads decimal commas and points', () => {
    expect(decimalNumber('7,5')).toBe(7.5);
    expect(decimalNumber('7.5')).toBe(7.5);
    expect(decimalNumber('0,25')).toBe(0.25);
    expect(decimalNumber('12')).toBe(12);
    expect(decimalNumber('1.234,5')).toBe('1.234,5');
    expect(decimalNumber('')).toBe('');
  });

  it('reads observations: Danish dates and whole days, 4,0 included', async () => {
    const text = 'dato;center;dage\n04-09-2023;Valby;4\n04-09-2023;Aarhus;4,0\n04-09-2023;Odense;2,5\n';
    const result = await read({ text }, { kind: 'observations', map: parseFieldMap('date=dato,centre=center,daysToNextSlot=dage') });
    expect(result.records).toEqual([
      { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 },
      { date: '2023-09-04', centre: 'Aarhus', daysToNextSlot: 4 },
      { date: '2023-09-04', centre: 'Odense', daysToNextSlot: 2.5 },
    ]);
    const report = evaluatePlan(siri2023, { observations: result.records });
    // 2,5 days is no whole number of days: the library says so, on line 4
    expect(report.invalid.map((entry) => [result.lines[entry.index], entry.field])).toEqual([[4, 'daysToNextSlot']]);
  });

  it('reports a pauses cell that is not from/to pairs, naming the source column', async () => {
    const result = await read({ text: 'id;caseType;applied;pauser\nA;eu;2023-01-02;2023-01-03\nB;eu;2023-01-02;2023-01-03/\n' }, { map: { pauses: 'pauser' } });
    expect(result.problems).toEqual([
      {
        line: 2,
        problem: {
          column: 'pauser',
          value: '2023-01-03',
          code: 'invalid_pause',
          message: expect.stringContaining('is not a from/to pair') as unknown,
        },
      },
    ]);
    // an open pause
    expect(result.records).toEqual([{ id: 'B', caseType: 'eu', applied: '2023-01-02', pauses: [{ from: '2023-01-03', to: null }] }]);
  });

  it('matches column names without regard to case, and a mapped field ignores a column of its own name', async () => {
    const result = await read({ text: 'ID;CaseType;Applied;decided;afgjort\nA;eu;2023-01-02;x;2023-01-03\n' }, { map: { decided: 'AFGJORT' } });
    expect(result.records).toEqual([{ id: 'A', caseType: 'eu', applied: '2023-01-02', decided: '2023-01-03' }]);
    expect(result.summary.ignoredColumns).toEqual(['decided']);
  });

  it('lists required fields no column feeds', async () => {
    const { summary } = await read({ path: fixture('sager-danske.csv') });
    expect(summary.missingFields).toEqual(['id', 'caseType', 'applied']);
    expect(summary.ignoredColumns).toHaveLength(6);
  });

  it('throws for a map naming a column the header lacks, an unknown field, or a duplicated column', async () => {
    const missing = await readAllRecords({ path: fixture('sager-danske.csv') }, { map: { applied: 'indgivelse' } }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ issues: [{ code: 'invalid_option', path: ['map', 'applied'], message: expect.stringContaining('"indgivelse"') as unknown }] });
    // For case records a name that is no field names an attribute: a misspelt field maps an attribute, whose column must exist.
    const attribute = await readAllRecords({ text: 'id;caseType;applied\nA;eu;2023-01-01\n' }, { map: { appplied: 'x' } }).catch((error: unknown) => error);
    expect(attribute).toMatchObject({ issues: [{ code: 'invalid_option', path: ['map', 'attributes.appplied'], message: 'map: the column "x" for attributes.appplied is not in the header (columns: id, caseType, applied)' }] });
    expect(thrown(() => readRecords({ text: '' }, { kind: 'contacts', map: { appplied: 'x' } })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['map', 'appplied'] });
    expect(thrown(() => readRecords({ text: '' }, { kind: 'contacts', map: { applied: 'x' } })).issues[0]?.code).toBe('invalid_option');
    const twice = await readAllRecords({ text: 'id;id\nA;B\n' }).catch((error: unknown) => error);
    expect(twice).toMatchObject({ issues: [{ code: 'invalid_option' }] });
  });

  it('throws, naming the line, for a quote that is never closed', async () => {
    const rows: ReadRow[] = [];
    const error = await (async () => {
      for await (const row of readRecords({ text: 'id;note\r\nA;ok\r\n\r\nB;"open\r\nC;x\r\n' })) rows.push(row);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ServicemaalError', issues: [{ code: 'invalid_value', message: expect.stringMatching(/^line 4: /) as unknown }] });
    expect(rows).toEqual([{ line: 2, record: { id: 'A' } }]);
  });

  it('keeps quotes inside unquoted cells', async () => {
    expect((await read({ text: 'id;caseType\nA 5";eu\n' })).records).toEqual([{ id: 'A 5"', caseType: 'eu' }]);
  });
});

describe('formats and encodings', () => {
  it('chooses the format by extension, else by the first character', async () => {
    expect((await read({ text: ' \n[{"id": "a"}]' })).summary.format).toBe('json');
    expect((await read({ text: '\uFEFF{"id": "a"}\n' })).summary.format).toBe('ndjson');
    expect((await read({ text: 'id\na\n' })).summary.format).toBe('csv');
    expect((await read({ path: fixture('sager.ndjson') })).summary.format).toBe('ndjson');
    expect((await read({ stream: await chunked('sager.json', 5) })).summary.format).toBe('json');
    // the format option wins
    expect((await read({ text: '{"id": "a"}' }, { format: 'csv' })).summary).toMatchObject({ format: 'csv', columns: ['{"id": "a"}'] });
  });

  it('reads Windows-1252 when told, and flags invalid UTF-8 otherwise', async () => {
    // "Søren" in Windows-1252: ø is the single byte 0xF8
    const bytes = Buffer.concat([Buffer.from('id;caseType\nS'), Buffer.from([0xf8]), Buffer.from('ren;eu\n')]);
    const latin = await read({ stream: Readable.from([bytes]) }, { encoding: 'windows-1252' });
    expect(latin.records).toEqual([{ id: 'Søren', caseType: 'eu' }]);
    expect(latin.summary.suspectEncoding).toBe(false);
    const utf8 = await read({ stream: Readable.from([bytes]) });
    expect(utf8.summary.suspectEncoding).toBe(true);
    expect(thrown(() => readRecords({ text: '' }, { encoding: 'klingon' })).issues[0]).toMatchObject({ path: ['encoding'] });
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFid\tcaseType\r\nA\tfast-track\r\n', 'utf16le');
    const result = await read({ stream: Readable.from([bytes]) });
    expect(result.records).toEqual([{ id: 'A', caseType: 'fast-track' }]);
    expect(result.summary.delimiter).toBe('\t');
  });

  it('rejects bad options before reading', () => {
    expect(thrown(() => readRecords({ text: '' }, { kind: 'visits' as 'cases' })).issues[0]?.path).toEqual(['kind']);
    expect(thrown(() => readRecords({ text: '' }, { format: 'parquet' as 'csv' })).issues[0]?.path).toEqual(['format']);
    expect(thrown(() => readRecords({ text: '' }, { caseTypeMap: { FT1: '' } })).issues[0]?.path).toEqual(['caseTypeMap', 'FT1']);
  });
});

describe('the reader', () => {
  it('fills the summary as it reads, and returns it at the end', async () => {
    const reader = readRecords({ path: fixture('sager-danske.csv') }, { map: danishMap });
    expect(reader.summary).toMatchObject({ format: null, rows: 0, done: false });
    const first = await reader.next();
    expect(first).toEqual({ done: false, value: { line: 2, record: { id: '2023-0001', caseType: 'FT1', applied: '2023-01-02', decided: '2023-01-20' } } });
    expect(reader.summary).toMatchObject({ format: 'csv', delimiter: ';', records: 1 });
    let last = await reader.next();
    while (last.done !== true) last = await reader.next();
    expect(last.value).toBe(reader.summary);
    expect(reader.summary).toMatchObject({ done: true, records: 10 });
  });

  it('streams CSV and NDJSON: the first row comes before most of a 1 MB source is read', async () => {
    const source = (first: string, row: (i: number) => string) => {
      const counter = { pulled: 0 };
      // eslint-disable-next-line @typescript-eslint/require-await -- an async source that never has to wait, like a stream whose data is buffered
      async function* chunks(): AsyncGenerator<string> {
        yield first;
        for (let i = 0; i < 1000; i++) {
          counter.pulled++;
          yield row(i);
        }
      }
      return { stream: Readable.from(chunks()), counter };
    };
    // 1000 chunks of 50 rows each (about 1 KB); the streams buffer some tens of kilobytes
    const rows = (i: number, row: (j: number) => string): string => Array.from({ length: 50 }, (_, j) => row(i * 50 + j)).join('');
    const csv = source('id;caseType;applied\r\n', (i) => rows(i, (j) => `C${j};eu;01-03-2023\r\n`));
    const csvReader = readRecords({ stream: csv.stream });
    expect((await csvReader.next()).value).toEqual({ line: 2, record: { id: 'C0', caseType: 'eu', applied: '2023-03-01' } });
    expect(csv.counter.pulled).toBeLessThan(200);
    let last: ReadRow | undefined;
    for await (const row of csvReader) last = row;
    expect(last).toEqual({ line: 50_001, record: { id: 'C49999', caseType: 'eu', applied: '2023-03-01' } });
    expect(csvReader.summary).toMatchObject({ rows: 50_000, records: 50_000 });

    const ndjson = source('', (i) => rows(i, (j) => `{"id":"N${j}"}\n`));
    const ndjsonReader = readRecords({ stream: ndjson.stream }, { format: 'ndjson' });
    expect((await ndjsonReader.next()).value).toEqual({ line: 1, record: { id: 'N0' } });
    expect(ndjson.counter.pulled).toBeLessThan(200);
    await ndjsonReader.return(ndjsonReader.summary);
  });

  it('can be left early', async () => {
    const reader = readRecords({ path: fixture('sager.ndjson') });
    for await (const row of reader) {
      expect(row.line).toBe(1);
      break;
    }
    expect(reader.summary).toMatchObject({ records: 1, done: false });
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it('passes file errors on', async () => {
    await expect(readAllRecords({ path: fixture('no-such-file.csv') })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('mappings', () => {
  it('parses the command-line field map', () => {
    expect(parseFieldMap('applied=indgivet, decided = afgjort,events.firstInterview=foerste_samtale')).toEqual({
      applied: 'indgivet',
      decided: 'afgjort',
      'events.firstInterview': 'foerste_samtale',
    });
    expect(parseFieldMap('')).toEqual({});
    expect(thrown(() => parseFieldMap('applied')).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => parseFieldMap('applied=a=b')).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => parseFieldMap('applied=a,applied=b')).issues[0]?.path).toEqual(['map', 'applied']);
  });

  it('loads the same case-type mapping from CSV and JSON files', async () => {
    const csv = await loadCaseTypeMap(fixture('sagstyper.csv'));
    const json = await loadCaseTypeMap(fixture('sagstyper.json'));
    expect([...csv]).toEqual([
      ['FT1', 'fast-track'],
      ['BEL', 'beloebsordning'],
      ['STU', 'studie'],
      ['EU1', 'eu'],
      ['PHD', 'phd'],
      ['POS', 'positivliste'],
    ]);
    expect(json).toEqual(csv);
  });

  it('parses CSV mappings with or without a header, comma or semicolon, and rejects bad rows', () => {
    expect([...parseCaseTypeMap('FT1,fast-track\r\n\r\nSTU , studie\r\n')]).toEqual([
      ['FT1', 'fast-track'],
      ['STU', 'studie'],
    ]);
    expect([...parseCaseTypeMap('\uFEFFkode;sagstype\nFT1;fast-track\n')]).toEqual([['FT1', 'fast-track']]);
    expect(thrown(() => parseCaseTypeMap('code,caseType\nFT1,fast-track\nSTU\n')).message).toMatch(/line 3: expected two cells/);
    expect(thrown(() => parseCaseTypeMap('FT1,fast-track\nFT1,eu\n')).message).toMatch(/"FT1" is mapped to both "fast-track" and "eu"/);
    expect(thrown(() => parseCaseTypeMap('["FT1"]', { format: 'json' })).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => parseCaseTypeMap('{"FT1": 1}')).issues[0]?.code).toBe('invalid_option');
  });

  it('does not count catalogue ids or the mapping’s own case types as unmapped', async () => {
    const text = 'id;caseType;applied\nA;FT1;2023-01-02\nB;fast-track;2023-01-02\nC;eu;2023-01-02\nD;Q7;2023-01-02\nE;Q7;2023-01-02\n';
    const { records, summary } = await read({ text }, { caseTypeMap: new Map([['FT1', 'fast-track']]) });
    expect(records.map((record) => record['caseType'])).toEqual(['fast-track', 'fast-track', 'eu', 'Q7', 'Q7']);
    expect([...summary.unmappedCaseTypes]).toEqual([['Q7', 2]]);
  });
});

describe('codes of any field', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-codes-'));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });
  /** Writes a file into the scratch folder and returns its path. */
  const file = (name: string, content: string | Buffer): string => {
    const path = join(scratch, name);
    writeFileSync(path, content);
    return path;
  };
  const entries = (codes: ReadonlyMap<string, ReadonlyMap<string, string>>): [string, [string, string][]][] => [...codes].map(([field, values]) => [field, [...values]]);

  it('parses CSV rows field;code;value with an English or Danish header, or none, and the same codes as JSON', () => {
    const expected = [
      ['applicationKind', [['Første ansøgning', 'first'], ['Forlængelse', 'extension']]],
      ['withoutTarget', [['Nej', 'true']]],
    ];
    const rows = 'applicationKind;Første ansøgning;first\n\napplicationKind ; Forlængelse ; extension\nwithoutTarget;Nej;true;\n';
    expect(entries(parseCodes(rows))).toEqual(expected);
    expect(entries(parseCodes(`\uFEFFfelt;kode;værdi\r\n${rows}`))).toEqual(expected);
    expect(entries(parseCodes(`field,code,value\n${rows.replaceAll(';', ',')}`))).toEqual(expected);
    const json = '{ "applicationKind": { "Første ansøgning": "first", "Forlængelse": "extension" }, "withoutTarget": { "Nej": "true" } }';
    expect(entries(parseCodes(json))).toEqual(expected);
  });

  it('rejects, naming the line, a row without three cells and a code given two values', () => {
    expect(thrown(() => parseCodes('felt;kode;værdi\ncaseType;ER-FT\n')).message).toMatch(/codes, line 2: expected three cells \(field, code, value\), got 2/);
    expect(thrown(() => parseCodes('caseType;ER-FT;fast-track\ncaseType;ER-FT;eu\n')).message).toMatch(/line 2: "ER-FT" of caseType is given both "fast-track" and "eu"/);
    // The same value twice is no conflict.
    expect(entries(parseCodes('caseType;ER-FT;fast-track\ncaseType;ER-FT;fast-track\n'))).toEqual([['caseType', [['ER-FT', 'fast-track']]]]);
    expect(thrown(() => parseCodes('{ "caseType": ["ER-FT"] }')).message).toMatch(/"caseType": must be an object/);
    expect(thrown(() => parseCodes('{ "caseType": { "ER-FT": "" } }')).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => parseCodes('[1]', { format: 'json' })).issues[0]?.code).toBe('invalid_option');
  });

  it('maps the cells of any text field and attribute before they are read, and counts values without a code per field', async () => {
    const codes = parseCodes('caseType;ER-FT;fast-track\nid;OLD-1;NEW-1\nchannel;TLF;phone\n');
    const text = 'sagsnr;sagstype;indgivet\nOLD-1;ER-FT;02-01-2023\nA2;ER-XX;03-01-2023\nA3;eu;04-01-2023\nA4;ER-XX;05-01-2023\n';
    const { records, summary } = await read({ text }, { map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet' }, codes: new Map([...codes].filter(([field]) => field !== 'channel')) });
    expect(records.map((record) => [record['id'], record['caseType']])).toEqual([
      ['NEW-1', 'fast-track'],
      ['A2', 'ER-XX'],
      ['A3', 'eu'],
      ['A4', 'ER-XX'],
    ]);
    expect([...summary.unmappedCaseTypes]).toEqual([['ER-XX', 2]]);
    expect([...summary.unmappedCodes].map(([field, values]) => [field, [...values]])).toEqual([['id', [['A2', 1], ['A3', 1], ['A4', 1]]]]);

    const contacts = await read({ text: 'id;channel;at;waitMinutes\nK1;TLF;2023-08-01;4\nK2;phone;2023-08-01;2\nK3;SMS;2023-08-01;1\n' }, { kind: 'contacts', codes: { channel: { TLF: 'phone' } } });
    expect(contacts.records.map((record) => record['channel'])).toEqual(['phone', 'phone', 'SMS']);
    // 'phone' is a value of the codes, so only SMS is counted.
    expect([...(contacts.summary.unmappedCodes.get('channel') ?? [])]).toEqual([['SMS', 1]]);
  });

  it('maps JSON and NDJSON values, numbers included', async () => {
    const codes = { caseType: { '17': 'fast-track', 'ER-FT': 'fast-track' } };
    const json = await read({ text: '[{"id": "J1", "caseType": 17, "applied": "2023-01-02"}, {"id": "J2", "caseType": "ER-FT", "applied": "2023-01-02"}, {"id": "J3", "caseType": "X", "applied": "2023-01-02"}]' }, { codes });
    expect(json.records.map((record) => record['caseType'])).toEqual(['fast-track', 'fast-track', 'X']);
    expect([...json.summary.unmappedCaseTypes]).toEqual([['X', 1]]);
    const ndjson = await read({ text: '{"id": "N1", "channel": "TLF", "at": "2023-08-01", "waitMinutes": 3}\n' }, { kind: 'contacts', codes: { channel: { TLF: 'phone' } } });
    expect(ndjson.records[0]?.['channel']).toBe('phone');
  });

  it('checks the fields of the codes against the records read, naming the file and line', async () => {
    const path = file('koder.csv', 'felt;kode;værdi\ncaseType;ER-FT;fast-track\napplied;I dag;2023-01-01\n');
    const codes = await loadCodes(path);
    const error = thrown(() => readRecords({ text: 'id\n' }, { codes }));
    expect(error.message).toContain(`codes, ${path}, line 3: "applied" is not a text field of cases records (codes apply to id, caseType, withoutTarget and attributes)`);
    expect(thrown(() => readRecords({ text: 'id\n' }, { kind: 'contacts', codes: { caseType: { A: 'b' } } })).message).toMatch(/"caseType" is not a text field of contacts records \(codes apply to id, channel\)/);
    expect(thrown(() => readRecords({ text: 'id\n' }, { codes: { 'events.firstInterview': { A: 'b' } } })).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => readRecords({ text: 'id\n' }, { codes: { pauses: { A: 'b' } } })).issues[0]?.code).toBe('invalid_option');
    // An attribute may be named with or without `attributes.`: both are the same attribute.
    expect(() => readRecords({ text: 'id\n' }, { codes: { team: { A: 'a' }, 'attributes.team': { B: 'b' } } })).not.toThrow();
    expect(thrown(() => readRecords({ text: 'id\n' }, { codes: { team: { A: 'a' }, 'attributes.team': { A: 'b' } } })).message).toMatch(/"A" of attributes.team is "b", but another row makes it "a"/);
    expect(thrown(() => readRecords({ text: 'id\n' }, { codes: { caseType: ['A'] } as never })).issues[0]?.code).toBe('invalid_option');
  });

  it('takes a case-type mapping together with codes of caseType when they agree, and rejects them when they do not', async () => {
    const text = 'id;caseType;applied\nA;FT1;2023-01-02\nB;EU1;2023-01-02\n';
    const both = await read({ text }, { caseTypeMap: { FT1: 'fast-track' }, codes: { caseType: { FT1: 'fast-track', EU1: 'eu' } } });
    expect(both.records.map((record) => record['caseType'])).toEqual(['fast-track', 'eu']);
    const codes = parseCodes('felt;kode;værdi\ncaseType;FT1;studie\n');
    expect(thrown(() => readRecords({ text }, { caseTypeMap: { FT1: 'fast-track' }, codes })).message).toContain('codes, line 2: "FT1" of caseType is "studie", but the case-type mapping makes it "fast-track"');
  });

  it('reads codes and case-type mappings in the encoding given, and refuses text that is not UTF-8 without one', async () => {
    // Windows-1252: ø is the single byte 0xF8, æ 0xE6.
    const latin = file('koder-1252.csv', Buffer.from('felt;kode;værdi\napplicationKind;Første ansøgning;first\n', 'latin1'));
    expect(entries(await loadCodes(latin, { encoding: 'windows-1252' }))).toEqual([['applicationKind', [['Første ansøgning', 'first']]]]);
    await expect(loadCodes(latin)).rejects.toThrow(`${latin}, line 1: the text is not valid UTF-8; give the file's encoding (e.g. windows-1252)`);
    const types = file('typer-1252.csv', Buffer.from('kode;sagstype\nBELØB;beloebsordning\n', 'latin1'));
    expect([...(await loadCaseTypeMap(types, { encoding: 'windows-1252' }))]).toEqual([['BELØB', 'beloebsordning']]);
    await expect(loadCaseTypeMap(types)).rejects.toThrow(/line 2: the text is not valid UTF-8/);
  });
});
