/**
 * `servicemaal evaluate --cases-out` and `--by`: the cases behind a report recount to it, and its
 * figures broken down by an attribute, in every format that shows them.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../src/index.js';
import { runCli } from './cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-drill-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Cases of siri-2023 with every kind of row: measured within and not, pending, repeated, invalid, without target, out of scope. */
function casesFile(): string {
  const lines = ['id;caseType;applied;decided;attributes.team;attributes.applicationKind'];
  const teams = ['Nord', 'Syd', '', '=1+1'];
  const types = ['fast-track', 'eu', 'studie', 'turist', 'positivliste'];
  for (let i = 0; i < 120; i++) {
    const type = types[i % types.length] as string;
    const day = 1 + (i % 27);
    const decided = i % 7 === 0 ? '' : `2023-${String(3 + (i % 9)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const kind = i % 11 === 0 ? 'extension' : i % 5 === 0 ? '' : 'first';
    lines.push(`S${String(i % 100)};${type};2023-03-${String(day).padStart(2, '0')};${decided};${teams[i % teams.length] ?? ''};${kind}`);
  }
  lines.push('X1;eu;2023-02-29;;Nord;first', 'X2;eu;2023-03-10;2023-03-01;Syd;first');
  const path = join(scratch, 'sager.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const cases = casesFile();

/** A CSV file's rows as cells, split by `separator` (the file has no quoted fields but the detail column, which holds none of them here). */
function readCsv(path: string, separator: string): string[][] {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\n').map((line) => line.split(separator));
}

/** Per `within.<target>.<tier>` column: [measured, within] counted from the cases file. */
function recount(rows: string[][]): Map<string, [number, number]> {
  const [header = [], ...body] = rows;
  const counts = new Map<string, [number, number]>();
  header.forEach((column, i) => {
    if (!column.startsWith('within.')) return;
    const values = body.map((row) => row[i]);
    counts.set(column, [values.filter((value) => value !== '').length, values.filter((value) => value === 'true').length]);
  });
  return counts;
}

/** Per tier of the report's case targets: [measured, within]. */
function figures(report: PlanReport): Map<string, [number, number]> {
  return new Map(
    report.targets
      .filter((target) => target.input === 'cases')
      .flatMap((target) => target.tiers.map((tier, i): [string, [number, number]] => [`within.${target.id}.${String(i + 1)}`, [tier.measured, tier.kind === 'share' ? tier.within : -1]])),
  );
}

describe('servicemaal evaluate --cases-out', () => {
  it('writes one row per record, which recount to the report tier by tier', async () => {
    const out = join(scratch, 'cases.csv');
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--cases-out', out, cases]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.out) as PlanReport;
    const rows = readCsv(out, ',');
    expect(rows.length - 1).toBe(report.counts.input);
    const buckets = new Map<string, number>();
    for (const row of rows.slice(1)) buckets.set(row[3] ?? '', (buckets.get(row[3] ?? '') ?? 0) + 1);
    const counts = Object.entries(report.counts).filter(([bucket, count]) => bucket !== 'input' && count > 0);
    expect(Object.fromEntries(buckets)).toEqual(Object.fromEntries(counts));
    const expected = figures(report);
    const counted = recount(rows);
    for (const [column, [measured, within]] of expected) {
      expect([column, counted.get(column)?.[0]]).toEqual([column, measured]);
      if (within >= 0) expect([column, counted.get(column)?.[1]]).toEqual([column, within]);
    }
    expect([...expected.values()].some(([measured]) => measured > 0)).toBe(true);
    // The rows name the place of each record, and the repeated ids the record that counts.
    expect(rows[101]?.slice(0, 5)).toEqual(['S0', cases, '102', 'invalid', 'duplicate_record']);
    expect(rows[101]?.[5]).toBe(`id is repeated: the first record with it is at ${cases}:2`);
  });

  it('writes Danish with semicolons and a byte-order mark', async () => {
    const out = join(scratch, 'sager-ud.csv');
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--locale', 'da', '--cases-out', out, cases]);
    expect(result.code).toBe(2);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFid;file;line;bucket;reason;detail;case_type')).toBe(true);
    expect(readCsv(out, ';')[1]?.slice(3, 5)).toEqual(['withoutTarget', 'outOfScope']);
  });

  it('is written even when --strict stops before evaluating', async () => {
    const out = join(scratch, 'strict.csv');
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--strict', '--cases-out', out, cases]);
    expect(result.code).toBe(2);
    expect(readCsv(out, ',').filter((row) => row[3] === 'invalid').length).toBeGreaterThan(0);
  });

  it('leaves nothing behind when the evaluation fails, and refuses the file of --out', async () => {
    const folder = mkdtempSync(join(scratch, 'fail-'));
    const out = join(folder, 'cases.csv');
    const failed = await runCli(['evaluate', '--plan', 'siri-2023', '--cases-out', out, cases, join(folder, 'missing.csv')]);
    expect(failed.code).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
    const same = await runCli(['evaluate', '--plan', 'siri-2023', '--out', out, '--cases-out', out, cases]);
    expect([same.code, same.err.split('\n')[0]]).toEqual([1, 'servicemaal: --cases-out and --out name the same file']);
    const unwritable = await runCli(['evaluate', '--plan', 'siri-2023', '--cases-out', join(folder, 'no', 'such', 'cases.csv'), cases]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toContain(join(folder, 'no', 'such', 'cases.csv'));
    expect(existsSync(join(folder, 'no'))).toBe(false);
  });
});

describe('servicemaal evaluate --by', () => {
  it('breaks every tier down by an attribute after the report, in text', async () => {
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--locale', 'da', '--by', 'team', cases]);
    expect(result.code).toBe(2);
    const text = result.out.slice(result.out.indexOf('Fordelt på team'));
    // The breakdown is the last section of the report's document.
    expect(text.split('\n').slice(0, 3)).toEqual(['Fordelt på team', 'Hvert trin af sagsmålene fordelt på team. Sager uden en værdi tælles under (ingen).', '']);
    expect(result.out.startsWith('siri-2023: ')).toBe(true);
    expect(text).toMatch(/Fast-track 1\. gang: ≤ 31 dage, krav 85,0 %\nteam +målt +inden for +andel +opfyldt/);
    expect(text).toMatch(/\n=1\+1 +\d+/);
    expect(text).toMatch(/\n\(ingen\) +\d+/);
    expect(result.err).not.toContain('--by');
  });

  it('warns when no column feeds the attribute', async () => {
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--by', 'enhed', cases]);
    expect(result.err).toContain(`servicemaal: warning: --by enhed, but no column feeds it: those cases are counted under (none) (--map attributes.enhed=<column>)`);
  });

  it('adds a table of every figure to CSV and HTML, and the breakdown to JSON', async () => {
    const csv = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'csv', '--by', 'caseType', cases]);
    const table = csv.out.slice(csv.out.lastIndexOf('\n\ntarget,label,') + 2).trimEnd().split('\n');
    expect(table[0]).toBe('target,label,tier,limit,limit_unit,required,by,value,measured,within,share,met');
    expect(table.filter((row) => row.startsWith('fast-track,')).map((row) => row.split(',')[7])).toEqual(['fast-track']);
    const json = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--by', 'team', cases]);
    const report = JSON.parse(json.out) as PlanReport & { breakdown: { by: string; tiers: { target: string; total: { measured: number } }[] } };
    expect(report.breakdown.by).toBe('team');
    const fastTrack = report.targets.find((target) => target.id === 'fast-track');
    expect(report.breakdown.tiers.find((tier) => tier.target === 'fast-track')?.total.measured).toBe(fastTrack?.tiers[0]?.measured);
    const html = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'html', '--locale', 'da', '--by', 'team', cases]);
    // 2: the file has invalid rows, listed in the report as in the other formats.
    expect([html.code, html.err]).toEqual([2, 'servicemaal: 22 problem(s) in invalid rows; they are listed in the report\n']);
    expect(html.out).toContain('<html lang="da">');
    const section = html.out.slice(html.out.lastIndexOf('<section class="section"'));
    expect(section).toContain('<section class="section" id="breakdown">');
    expect(section).toContain('data-table="breakdown.fast-track.1"');
    expect(section.match(/<tr>/g)?.length).toBeGreaterThan(1);
  });
});
