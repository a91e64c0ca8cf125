/**
 * The command line end to end, run in process through `main` with captured streams, on the files
 * in test/fixtures/io/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VERSION, evaluatePlan, getPlan, type PlanReport } from '../src/index.js';
import { readAllRecords } from '../src/io/index.js';
import { runCli } from './cli-run.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/io/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const run = runCli;

const DANISH = ['--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', fixture('sagstyper.csv')];

describe('servicemaal', () => {
  it('prints its version and help', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/evaluate[\s\S]*validate[\s\S]*pending[\s\S]*plans/);
    for (const command of ['evaluate', 'validate', 'pending', 'plans']) {
      const commandHelp = await run([command, '--help']);
      expect(commandHelp.code).toBe(0);
      expect(commandHelp.out).toContain(`servicemaal ${command}`);
    }
  });

  it('keeps VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('answers usage errors with exit code 1 and a message, never a stack trace', async () => {
    for (const argv of [[], ['frobnicate'], ['evaluate', '--plan', 'siri-2023', '--bogus', 'x.csv'], ['evaluate', 'x.csv'], ['evaluate', '--plan', 'siri-1999', 'x.csv'], ['evaluate', '--plan', 'siri-2023', fixture('nope.csv')], ['evaluate', '--plan', 'siri-2023', '--format', 'pdf', fixture('sager.json')]]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err + result.out).not.toMatch(/\n\s+at /);
    }
    expect((await run(['evaluate', '--plan', 'siri-1999', 'x.csv'])).err).toContain('siri-2023');
    expect((await run(['evaluate', '--plan', 'siri-2023', fixture('nope.csv')])).err).toContain('no such file');
    const threads = await run(['evaluate', '--plan', 'siri-2023', '--threads', '4', fixture('sager.json')]);
    expect(threads.code).toBe(1);
    expect(threads.err).toContain('--threads must be 1 or 2, got "4"');
  });
});

describe('servicemaal plans', () => {
  it('lists the bundled plans and shows one', async () => {
    const list = await run(['plans']);
    expect(list.out.split('\n').filter(Boolean).map((line) => line.split(/\s+/)[0])).toEqual(['us-2019', 'siri-2020', 'siri-2023', 'siri-2024']);
    const show = await run(['plans', 'show', 'siri-2023', '--format', 'markdown']);
    expect(show.code).toBe(0);
    expect(show.out).toContain('| SIRI, Mål- og resultatplan 2023, resultatkrav 1.1a |');
    const table = await run(['plans', 'show', 'siri-2023']);
    // Every target is cited by its document's title and requirement number, never by a file name.
    for (const target of getPlan('siri-2023').targets) expect(table.out).toContain(`${target.id}: SIRI, Mål- og resultatplan 2023, resultatkrav 1.`);
    expect(table.out + show.out).not.toMatch(/[0-9]{3}_[0-9a-f]{16}|\.txt\b/);
    expect(JSON.parse((await run(['plans', 'show', 'us-2019', '--format', 'json'])).out)).toEqual(JSON.parse(JSON.stringify(getPlan('us-2019'))));
  });
});

describe('servicemaal evaluate', () => {
  it('gives the library report unchanged as JSON', async () => {
    const result = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', fixture('sager.json')]);
    const report = JSON.parse(result.out) as PlanReport;
    // The library's report on the records as the reader gives them (keys that feed no field are left out).
    const { records } = await readAllRecords({ path: fixture('sager.json') });
    const expected = evaluatePlan(getPlan('siri-2023'), records, { period: '2023' });
    expect({ ...report, invalid: [] }).toEqual(JSON.parse(JSON.stringify({ ...expected, invalid: [] })));
    expect(report.invalid.map((entry) => entry.code)).toEqual(expected.invalid.map((entry) => entry.code));
    expect(result.code).toBe(expected.invalid.length > 0 ? 2 : 0);
  });

  it('reads a Danish semicolon export with a BOM and CRLF, with a column and a case-type mapping', async () => {
    const result = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', ...DANISH, fixture('sager-danske.csv')]);
    const report = JSON.parse(result.out) as PlanReport;
    const { input, measured, pending, outOfPeriod, withoutTarget, invalid } = report.counts;
    expect(input).toBeGreaterThan(0);
    expect(measured + pending + outOfPeriod + withoutTarget + invalid).toBe(input);
    expect(report.targets.find((target) => target.id === 'fast-track')?.measured).toBeGreaterThan(0);
  });

  it('reports every bad row with its line number and exits with 2, still writing the report', async () => {
    const result = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', ...DANISH, fixture('daarlige-raekker.csv')]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.out) as PlanReport;
    const lines = (report.invalid.map((entry) => /daarlige-raekker\.csv:(\d+)/.exec(entry.message)?.[1]).filter(Boolean) as string[]).map(Number);
    // line 3: 29-02-2023; line 4: decided before applied; line 6: no case type; line 7: extra columns
    expect(lines).toEqual(expect.arrayContaining([3, 4, 6, 7]));
    expect(report.counts.invalid).toBeGreaterThanOrEqual(4);
    expect(result.err).toContain('problem(s)');
  });

  it('stops before evaluating with --strict', async () => {
    const result = await run(['evaluate', '--plan', 'siri-2023', '--strict', ...DANISH, fixture('daarlige-raekker.csv')]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/daarlige-raekker\.csv:3 .*\[invalid_date\]/);
  });

  it('reads standard input for -', async () => {
    const content = readFileSync(fixture('sager.ndjson'), 'utf8');
    const fromStdin = JSON.parse((await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '-'], content)).out) as PlanReport;
    const fromFile = JSON.parse((await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', fixture('sager.ndjson')])).out) as PlanReport;
    expect(fromStdin.counts).toEqual(fromFile.counts);
    expect(fromStdin.targets).toEqual(fromFile.targets);
  });

  it('writes table, markdown and csv, in Danish number format too, to --out', async () => {
    const out = join(scratch, 'report.csv');
    const result = await run(['evaluate', '--plan', 'siri-2023', '--format', 'csv', '--locale', 'da', '--out', out, fixture('sager.json')]);
    expect(result.out).toBe('');
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toContain(';');
    const table = await run(['evaluate', '--plan', 'siri-2023', fixture('sager.json')]);
    expect(table.out).toContain('Fast-track 1. gang');
    const markdown = await run(['evaluate', '--plan', 'siri-2023', '--format', 'markdown', fixture('sager.json')]);
    expect(markdown.out).toMatch(/^\| target /m);
  });
});

describe('servicemaal validate', () => {
  it('lists every invalid row with its line and exits with 2', async () => {
    const result = await run(['validate', ...DANISH, fixture('daarlige-raekker.csv')]);
    expect(result.code).toBe(2);
    for (const line of [3, 4, 6, 7]) expect(result.out).toContain(`daarlige-raekker.csv:${line}`);
    expect(result.out).toMatch(/row\(s\): \d+ valid, \d+ invalid, \d+ empty line\(s\)/);
  });

  it('exits with 0 for a valid file', async () => {
    const examples = fileURLToPath(new URL('../examples/data/siri-2024-observations.json', import.meta.url));
    const result = await run(['validate', '--kind', 'observations', examples]);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/2562 row\(s\): 2562 valid, 0 invalid, 0 empty line/);
  });

  it('warns about case-type codes the mapping lacks, with their number of rows', async () => {
    const data = (name: string): string => fileURLToPath(new URL(`../examples/data/${name}`, import.meta.url));
    const rows = readFileSync(data('agency-export.csv'), 'utf8').split(/\r?\n/);
    const header = (rows[0] ?? '').split(';');
    const codeColumn = header.indexOf('sagstype');
    const mapped = new Set(readFileSync(data('case-type-codes.csv'), 'utf8').split(/\r?\n/).slice(1).map((line) => line.split(';')[0]));
    const unmapped = new Map<string, number>();
    for (const row of rows.slice(1)) {
      const code = row.split(';')[codeColumn];
      if (code !== undefined && code !== '' && !mapped.has(code)) unmapped.set(code, (unmapped.get(code) ?? 0) + 1);
    }
    expect(unmapped.size).toBeGreaterThan(0);
    const map = ['--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', data('case-type-codes.csv')];
    const result = await run(['validate', ...map, data('agency-export.csv')]);
    expect(result.err).toContain(`case-type codes without a mapping, evaluate counts them as without target: ${[...unmapped].map(([code, count]) => `${code} (${count})`).join(', ')}`);
    // Without a mapping file nothing is unmapped.
    expect((await run(['validate', '--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', data('agency-export.csv')])).err).not.toContain('without a mapping');
  });

  it('reports unparseable NDJSON lines and records that are not objects', async () => {
    const result = await run(['validate', fixture('sager.ndjson')]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/sager\.ndjson:4: .*not valid JSON/);
  });
});

describe('servicemaal pending', () => {
  it('lists the cases pending at a date', async () => {
    const result = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--format', 'json', fixture('sager.json')]);
    const pending = JSON.parse(result.out) as { asOf: string; counts: { input: number; pending: number; notPending: number; withoutTarget: number; invalid: number } };
    expect(pending.asOf).toBe('2023-12-31');
    const { input, pending: open, notPending, withoutTarget, invalid } = pending.counts;
    expect(open + notPending + withoutTarget + invalid).toBe(input);
    expect((await run(['pending', '--plan', 'siri-2023', fixture('sager.json')])).code).toBe(1);
  });
});
