/** `servicemaal report` on the agency export of the examples, with its mapping, in English and Danish. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { QuarterlyReport } from '../src/index.js';
import { parseInflow } from '../src/cli/report.js';
import { runCli } from './cli-run.js';

const data = (name: string): string => fileURLToPath(new URL(`../examples/data/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-report-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const MAPPING = ['--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', data('case-type-codes.csv')];
const BASE = ['report', '--plan', 'siri-2023', '--as-of', '2023-09-30', '--group-scoring', '1.1=share-of-tiers', ...MAPPING];

describe('servicemaal report', () => {
  it('writes the report in English, and names the invalid rows by file and line (exit 2)', async () => {
    const { code, out, err } = await runCli([...BASE, data('agency-export.csv')]);
    expect(code).toBe(2);
    expect(out.startsWith('Quarterly report: SIRI mål- og resultatplan 2023')).toBe(true);
    expect(out).toContain('1 January 2023 to 31 December 2023, as of 30 September 2023');
    expect(out).toContain('Expected result at year end');
    expect(out).toContain('Cases at risk');
    expect(out).toContain('same period last year:');
    expect(err).toContain('agency-export.csv:601 (id SIRI-05986): applied "2023-02-29" is not a calendar date [invalid_date]');
    expect(err).toContain('servicemaal: 3 problem(s) in the input, left out of every figure');
  });

  it('writes every word in Danish with --locale da', async () => {
    const { out } = await runCli([...BASE, '--locale', 'da', '--format', 'markdown', data('agency-export.csv')]);
    expect(out).toContain('## Kvartalsrapport: SIRI mål- og resultatplan 2023');
    expect(out).toContain('opgjort pr. 30. september 2023');
    for (const heading of ['### Resumé', '### Forventet målopfyldelse ved årets udgang', '### Sager i risiko', '### Sagsflow og sagsbeholdning', '### Sagsbehandlingstider', '### Point', '### Grundlag', '### Noter og forudsætninger']) {
      expect(out).toContain(heading);
    }
    expect(out).toContain('| Landbrug 1. gang | ≤ 31 dage |');
    expect(out).not.toMatch(/\b(open|lost|met|as of|share so far)\b/);
    // the input file with its SHA-256 and rows
    const sha = createHash('sha256').update(readFileSync(data('agency-export.csv'))).digest('hex');
    expect(out).toMatch(new RegExp(`agency-export\\.csv \\| sager \\| 2\\.003 \\| ${sha} \\|`));
  });

  it('writes CSV with ; and a byte-order mark in Danish, and the same bytes on every run', async () => {
    const first = await runCli([...BASE, '--locale', 'da', '--format', 'csv', data('agency-export.csv')]);
    const second = await runCli([...BASE, '--locale', 'da', '--format', 'csv', data('agency-export.csv')]);
    expect(first.out.startsWith('\uFEFFservicemål;grænse;andel indtil nu;')).toBe(true);
    expect(first.out).toBe(second.out);
    const english = await runCli([...BASE, '--format', 'csv', data('agency-export.csv')]);
    expect(english.out.startsWith('target,limit,share_so_far,')).toBe(true);
    expect((await runCli([...BASE, '--format', 'csv', '--bom', data('agency-export.csv')])).out.startsWith('\uFEFF')).toBe(true);
  });

  it('writes the report data as JSON, with the inflow given and the problems placed', async () => {
    const out = join(scratch, 'report.json');
    const { code } = await runCli([...BASE, '--format', 'json', '--inflow', 'landbrug=20', '--at-risk-days', '7', '--out', out, data('agency-export.csv')]);
    expect(code).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8')) as QuarterlyReport;
    expect(report.asOf).toBe('2023-09-30');
    expect(report.atRisk.days).toBe(7);
    expect(report.inflow.find((entry) => entry.targetId === 'landbrug')).toMatchObject({ method: 'given', cases: 20 });
    expect(report.inflow.find((entry) => entry.targetId === 'fast-track')?.method).toBe('previousYear');
    expect(report.yearToDate.invalid[0]).toMatchObject({ file: data('agency-export.csv'), line: 601 });
  });

  it('writes an Excel workbook with --format xlsx and --out, a sheet per table, in Danish', async () => {
    const out = join(scratch, 'kvartalsrapport.xlsx');
    expect((await runCli([...BASE, '--locale', 'da', '--format', 'xlsx', data('agency-export.csv')])).err).toContain('--format xlsx writes an Excel workbook');
    const { code } = await runCli([...BASE, '--locale', 'da', '--format', 'xlsx', '--out', out, data('agency-export.csv')]);
    expect(code).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names.length).toBeGreaterThan(10);
    const texts = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().filter((value): value is string => typeof value === 'string'));
    expect(texts).toContain('forventet målopfyldelse');
    expect(texts).toContain('Landbrug 1. gang');
  });

  it('gives the same figures in the workbook as in JSON, and from the export saved as a workbook as from the CSV', async () => {
    const out = join(scratch, 'figures.xlsx');
    await runCli([...BASE, '--format', 'xlsx', '--out', out, data('agency-export.csv')]);
    const json = JSON.parse((await runCli([...BASE, '--format', 'json', data('agency-export.csv')])).out) as QuarterlyReport;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    // The forecast's sheet: the one whose header has the lowest and the highest share.
    const sheet = book.worksheets.find((candidate) => {
      const header = candidate.getRow(1).values as unknown[];
      return header.includes('lowest') && header.includes('highest');
    });
    expect(sheet).toBeDefined();
    const header = sheet?.getRow(1).values as unknown[];
    const column = (title: string): number[] => {
      const at = header.indexOf(title);
      const values: number[] = [];
      sheet?.eachRow((row, number) => {
        if (number > 1) values.push(row.getCell(at).value as number);
      });
      return values;
    };
    const tiers = json.forecast.targets.flatMap((target) => target.tiers);
    expect(column('lowest')).toEqual(tiers.map((tier) => tier.lower));
    expect(column('highest')).toEqual(tiers.map((tier) => tier.upper));
    // The export saved as a workbook: the same report but for the name and bytes of its file.
    const fromWorkbook = JSON.parse((await runCli([...BASE, '--format', 'json', data('agency-export.xlsx')])).out) as QuarterlyReport;
    const figures = (report: QuarterlyReport): unknown => ({ ...report, yearToDate: { ...report.yearToDate, invalid: report.yearToDate.invalid.map((problem) => problem.code) } });
    expect(figures(fromWorkbook)).toEqual(figures(json));
  });

  it('reads standard input and takes its SHA-256 on the way', async () => {
    const text = readFileSync(data('agency-export.csv'), 'utf8');
    const { out } = await runCli([...BASE, '--format', 'csv', '-'], text);
    expect(out).toContain(`stdin,cases,2003,${createHash('sha256').update(text).digest('hex')}`);
  });

  it('refuses a report without --as-of, a bad --inflow or --at-risk-days, and an unknown format', async () => {
    const noDate = await runCli(['report', '--plan', 'siri-2023', data('agency-export.csv')]);
    expect([noDate.code, noDate.err.split('\n')[0]]).toEqual([1, 'servicemaal: --as-of is required: the day the report is made (e.g. 2023-09-30)']);
    expect((await runCli([...BASE, '--inflow', 'landbrug=many', data('agency-export.csv')])).err).toContain('--inflow takes none, a whole number, or target=number pairs');
    expect((await runCli([...BASE, '--at-risk-days', 'soon', data('agency-export.csv')])).err).toContain('--at-risk-days must be a whole number');
    expect((await runCli([...BASE, '--format', 'pdf', data('agency-export.csv')])).err).toContain('--format must be one of table, markdown, csv, json');
  });

  it('writes no report with --strict when a row is invalid', async () => {
    const { code, out, err } = await runCli([...BASE, '--strict', data('agency-export.csv')]);
    expect([code, out]).toEqual([2, '']);
    expect(err).toContain('no report written (--strict)');
  });

  it('shows its help', async () => {
    const { code, out } = await runCli(['report', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('servicemaal report --plan <id|file.json> --as-of <date>');
  });
});

describe('--inflow', () => {
  it('reads none, a number, or target=number pairs into an object without a prototype', () => {
    expect(parseInflow('none')).toBe('none');
    expect(parseInflow('120')).toBe(120);
    const pairs = parseInflow('fast-track=120, __proto__=3') as Record<string, number>;
    expect(Object.getPrototypeOf(pairs)).toBeNull();
    expect(Object.entries(pairs)).toEqual([
      ['fast-track', 120],
      ['__proto__', 3],
    ]);
    expect(parseInflow(undefined)).toBeUndefined();
  });
});
