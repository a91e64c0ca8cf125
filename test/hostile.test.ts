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
import { evaluatePlan, getPlan } from '../src/index.js';
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
