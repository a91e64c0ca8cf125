/**
 * Hostile and large inputs: cells of megabytes, rows that never end, and inputs full of invalid
 * rows. Messages stay readable, reading stays bounded and ends with a message naming the file and
 * line, and problem lists stay bounded while their counts stay exact.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { aggregateCases, evaluatePlan, getPlan, mergeAggregates, renderHtml, renderInvalidCsv, renderReport, reportFromAggregate, type PlanAggregate, type PlanReport } from '../src/index.js';
import { readAllRecords, readRecords, type ReadOptions } from '../src/io/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-hostile-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function run(argv: string[], stdin: Readable = Readable.from([])): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdin,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

describe('a long cell', () => {
  it('is quoted in a message by its first 60 characters and its full length', () => {
    const long = `2023-${'9'.repeat(10_000_000)}`;
    const report = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'eu', applied: long }], { period: '2023' });
    const message = report.invalid[0]?.message ?? '';
    expect(message).toBe(`record 0 (id A1): applied "2023-${'9'.repeat(55)}… (10000005 characters)" is not a date (expected YYYY-MM-DD or an ISO timestamp such as 2023-03-01T10:00:00+01:00)`);
  });

  it('as an id, is cut the same way in every message of its record', () => {
    const id = 'S'.repeat(1_000_000);
    const report = evaluatePlan(getPlan('siri-2023'), [{ id, caseType: 'eu', applied: '2023-02-30', decided: 'x' }], { period: '2023' });
    expect(report.invalid.map((problem) => problem.message.length)).toEqual([expect.any(Number), expect.any(Number)]);
    for (const problem of report.invalid) {
      expect(problem.message).toContain(`(id ${'S'.repeat(60)}… (1000000 characters))`);
      expect(problem.message.length).toBeLessThan(200);
      // The id itself is kept whole.
      expect(problem.id).toBe(id);
    }
  });

  it('in extra CSV cells and broken NDJSON lines is cut in the problem’s value', async () => {
    const csv = await readAllRecords({ text: `id,caseType,applied\nA1,eu,2023-03-01,${'x'.repeat(500_000)}\n` });
    expect(csv.problems[0]?.problem.value).toBe(`${'x'.repeat(60)}… (500000 characters)`);
    const ndjson = await readAllRecords({ text: `{"id":"${'y'.repeat(300_000)}\n` }, { format: 'ndjson' });
    expect(ndjson.problems[0]?.problem.value).toBe(`{"id":"${'y'.repeat(53)}… (300007 characters)`);
  });

  it('is cut in the lines of validate', async () => {
    const path = join(scratch, 'long.csv');
    writeFileSync(path, `id,caseType,applied\nA1,eu,${'7'.repeat(900_000)}\n`);
    const { code, out } = await run(['validate', path]);
    expect(code).toBe(2);
    expect(out.split('\n')[0]).toBe(
      `${path}:2 (id A1): applied "${'7'.repeat(60)}… (900000 characters)" is not a date (expected YYYY-MM-DD or an ISO timestamp such as 2023-03-01T10:00:00+01:00) (value "${'7'.repeat(60)}… (900000 characters)") [invalid_date]`,
    );
  });
});

/**
 * A stream of `first` and then `fill` over and over, without end: it throws once it has given
 * 128 MB, so a reader that does not stop fails instead of running out of memory.
 */
function endless(first: string, fill: string, pulled: { chunks: number }): AsyncGenerator<Buffer> {
  return (async function* (): AsyncGenerator<Buffer> {
    await Promise.resolve();
    if (first !== '') yield Buffer.from(first);
    const block = Buffer.from(fill.repeat(65_536 / fill.length));
    for (;;) {
      if (++pulled.chunks > 2048) throw new Error('128 MB read: the reading is not bounded');
      yield block;
    }
  })();
}

describe('a row that never ends', () => {
  const cases: [string, string, string, ReadOptions][] = [
    ['an unquoted CSV cell', 'id,caseType,applied\nA1,eu,2023-03-01\nA2,eu,', 'x', {}],
    ['a quoted CSV cell never closed', 'id,caseType,note\r\nA1,eu,"', 'x', {}],
    ['NUL bytes from the first byte (like /dev/zero)', '', '\0', {}],
    ['an NDJSON line', '{"id":"A1"}\n\n{"id":"', 'x', { format: 'ndjson' }],
  ];

  it.each(cases)('%s ends the read with an error naming the source and line, having read a few megabytes', async (_name, first, fill, options) => {
    const pulled = { chunks: 0 };
    const lines: number[] = [];
    const error = await (async () => {
      for await (const row of readRecords({ stream: endless(first, fill, pulled), name: 'stdin' }, options)) lines.push(row.line);
    })().catch((caught: unknown) => caught);
    const line = first.split('\n').length;
    expect(error).toMatchObject({ name: 'ServicemaalError', issues: [{ code: 'invalid_value', message: expect.stringMatching(new RegExp(`^stdin:${line}: the (CSV row|NDJSON line) starting here cannot be read: .*longer than 1048576`)) as unknown }] });
    // The rows before it were read; at most a few megabytes were.
    expect(lines).toEqual(first.startsWith('id,caseType,applied') ? [2] : first.startsWith('{') ? [1] : []);
    expect(pulled.chunks).toBeLessThan(100);
  });

  it('from standard input, ends evaluate and validate with the line, in bounded reading', async () => {
    for (const command of [['evaluate', '--plan', 'siri-2023', '--threads', '1'], ['validate']]) {
      const pulled = { chunks: 0 };
      const result = await run([...command, '-'], Readable.from(endless('id,caseType,applied\nA1,eu,2023-03-01\n', '5', pulled)));
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^servicemaal: stdin:3: the CSV row starting here cannot be read: the row is longer than 1048576 characters/);
      expect(pulled.chunks).toBeLessThan(100);
    }
  });

  it.runIf(existsSync('/dev/zero'))('from /dev/zero, ends evaluate and validate with a message naming it', { timeout: 15_000 }, async () => {
    for (const command of [['evaluate', '--plan', 'siri-2023'], ['validate']]) {
      const result = await run([...command, '/dev/zero']);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^servicemaal: \/dev\/zero:1: the CSV row starting here cannot be read/);
    }
  });
});

/** Lines of a CSV file of observations: a header and one row per (centre, day) of 2023, `rows` in all. */
function observationRows(rows: number): string[] {
  const lines = ['date,centre,daysToNextSlot'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2023, 0, 1 + Math.floor(i / 40))).toISOString().slice(0, 10);
    lines.push(`${day},C${i % 40},${i % 20}`);
  }
  return lines;
}

describe('the command line on many rows', () => {
  it('finds a duplicate observation however far from the first', async () => {
    const lines = observationRows(12_000);
    lines.push(lines[1] as string);
    const path = join(scratch, 'observations.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { code, out } = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--observations', path]);
    expect(code).toBe(2);
    const report = JSON.parse(out) as PlanReport;
    expect(report.observations.counts).toMatchObject({ input: 12_001, invalid: 1 });
    expect(report.invalid.map((problem) => [problem.code, problem.message])).toEqual([
      ['duplicate_record', `${path}:12002 (id C0 2023-01-01): date is observed twice for this centre`],
    ]);
  });

  // Linear: a few seconds. Quadratic, as when every bad row copied the list so far: over a minute.
  it('reads 80,000 bad rows of contacts in linear time, listing all when told', { timeout: 45_000 }, async () => {
    const lines = ['id,channel,at,waitMinutes'];
    for (let i = 0; i < 80_000; i++) lines.push(`K${i},phone,2023-09-04,5,extra`);
    const path = join(scratch, 'contacts.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { code, out } = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--max-problems', '0', '--contacts', path]);
    expect(code).toBe(2);
    const report = JSON.parse(out) as PlanReport;
    expect(report.contacts.counts).toMatchObject({ input: 80_000, invalid: 80_000 });
    expect(report.invalid).toHaveLength(80_000);
    expect(report.invalid[79_999]?.message).toBe(`${path}:80001: extra columns: the row has 5 cells, the header 4`);
    expect(report.invalidOmitted).toBe(0);
  });
});

describe('a bounded list of problems', () => {
  const plan = getPlan('siri-2023');
  const bad = (count: number, from = 0): Record<string, unknown>[] =>
    Array.from({ length: count }, (_, i) => ({ id: `B${from + i}`, caseType: 'eu', applied: i % 2 === 0 ? '2023-02-30' : 'soon' }));

  it('lists the first maxProblems problems (1,000 by default) and counts all by code', () => {
    const cases = [{ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' }, ...bad(2500)];
    const report = evaluatePlan(plan, cases, { period: '2023' });
    expect(report.counts).toMatchObject({ input: 2501, invalid: 2500 });
    expect(report.invalid).toHaveLength(1000);
    expect(report.invalid.map((problem) => problem.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(report.invalidCounts).toEqual({ invalid_date: 2500 });
    expect(report.invalidOmitted).toBe(1500);
    expect(evaluatePlan(plan, cases, { period: '2023', maxProblems: 3 })).toMatchObject({ invalidOmitted: 2497, invalid: { length: 3 } });
    for (const all of [0, Number.POSITIVE_INFINITY]) {
      expect(evaluatePlan(plan, cases, { period: '2023', maxProblems: all })).toMatchObject({ invalidOmitted: 0, invalid: { length: 2500 } });
    }
    for (const wrong of [-1, 1.5, Number.NaN, '10']) {
      expect(() => evaluatePlan(plan, cases, { period: '2023', maxProblems: wrong as number })).toThrow(/maxProblems must be a whole number/);
    }
  });

  it('keeps the counts exact when lists are merged, cutting at the larger limit', () => {
    const first = aggregateCases(plan, bad(5), { period: '2023', maxProblems: 2 });
    const second = aggregateCases(plan, bad(5, 5), { period: '2023', maxProblems: 4, indexOffset: 5 });
    const merged = mergeAggregates(second, first);
    expect(merged.invalid.map((problem) => problem.index)).toEqual([0, 1, 5, 6]);
    expect(merged).toMatchObject({ invalidCounts: { invalid_date: 10 }, invalidOmitted: 6, maxProblems: 4 });
    // An aggregate saved before the lists were bounded lists all its problems and lacks the counts.
    const saved: Partial<PlanAggregate> = aggregateCases(plan, bad(3, 10), { period: '2023', indexOffset: 10 });
    delete saved.invalidCounts;
    delete saved.invalidOmitted;
    delete saved.maxProblems;
    const withSaved = mergeAggregates(merged, saved as PlanAggregate);
    expect(withSaved).toMatchObject({ invalidCounts: { invalid_date: 13 }, invalidOmitted: 6, maxProblems: null, invalid: { length: 7 } });
    expect(reportFromAggregate(plan, saved as PlanAggregate)).toMatchObject({ invalidCounts: { invalid_date: 3 }, invalidOmitted: 0 });
  });

  it('says how many problems are not listed, in every format', () => {
    const report = evaluatePlan(plan, bad(1005), { period: '2023' });
    for (const format of ['table', 'markdown'] as const) {
      const text = renderReport(report, { format });
      expect(text).toContain('Invalid records (1,005; the first 1,000 listed, all counted)');
      expect(text).toContain('5 more problems not listed');
    }
    expect(renderHtml(report)).toContain('<p>5 more problems not listed</p>');
    expect(renderInvalidCsv(report.invalid, { omitted: report.invalidOmitted }).split('\n').at(-2)).toBe(',,,,,5 more problems not listed,,,,');
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ invalidOmitted: 5, invalidCounts: { invalid_date: 1005 } });
  });

  it('bounds the list of evaluate and validate, with --max-problems to change it', async () => {
    const lines = ['id,caseType,applied'];
    for (let i = 0; i < 3000; i++) lines.push(i % 3 === 0 ? `B${i},eu,2023-02-30` : `B${i},eu,2023-03-01,extra`);
    const path = join(scratch, 'bad.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const evaluate = ['evaluate', '--plan', 'siri-2023', '--period', '2023'];

    const json = await run([...evaluate, '--format', 'json', path]);
    const report = JSON.parse(json.out) as PlanReport;
    expect(report.invalid).toHaveLength(1000);
    expect(report).toMatchObject({ invalidCounts: { invalid_date: 1000, invalid_value: 2000 }, invalidOmitted: 2000, counts: { invalid: 3000 } });
    expect(report.invalid[999]?.message).toMatch(new RegExp(`^${path}:1001 \\(id B999\\): applied`));
    expect(json.err).toContain('servicemaal: 3000 problem(s) in invalid rows; the first 1000 are listed in the report');

    const table = await run([...evaluate, '--max-problems', '10', path]);
    expect(table.out).toContain('Invalid records (3,000; the first 10 listed, all counted)');
    expect(table.out).toContain('2,990 more problems not listed');
    expect((await run([...evaluate, '--format', 'html', '--max-problems', '10', path])).out).toContain('<p>2,990 more problems not listed</p>');
    expect((await run([...evaluate, '--format', 'markdown', path])).out).toContain('2,000 more problems not listed');
    const all = JSON.parse((await run([...evaluate, '--format', 'json', '--max-problems', '0', path])).out) as PlanReport;
    expect(all).toMatchObject({ invalid: { length: 3000 }, invalidOmitted: 0 });
    const strict = await run([...evaluate, '--strict', '--max-problems', '2', path]);
    // (Leaving out the warning that no column feeds the attribute of SIRI 2023's scopes.)
    expect(strict.err.split('\n').filter((line) => !line.includes("the plan's scopes test")).slice(2)).toEqual(['2,998 more problems not listed (--max-problems 0 lists all)', 'servicemaal: 3000 problem(s) in the input; nothing evaluated (--strict)', '']);

    const validated = await run(['validate', path]);
    const out = validated.out.split('\n');
    expect(out).toHaveLength(1003);
    expect(out.slice(1000)).toEqual(['2,000 more problems not listed (--max-problems 0 lists all)', `${path}: 3000 row(s): 0 valid, 3000 invalid, 0 empty line(s)`, '']);
    expect((await run(['validate', '--max-problems', '0', path])).out.split('\n')).toHaveLength(3002);
    for (const wrong of ['--max-problems=-1', '--max-problems=all', '--max-problems=1.5']) {
      const result = await run([...evaluate, wrong, path]);
      expect(result.code).toBe(1);
      expect(result.err).toContain('--max-problems must be a whole number');
    }
  });
});
