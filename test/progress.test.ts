/**
 * The progress line of the command line: shown on a terminal for large files, never otherwise.
 * The size threshold is a parameter, so small files stand in for files over 20 MB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { withProgress } from '../src/cli/progress.js';
import type { PlanReport } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-progress-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const file = join(scratch, 'sager.csv');
const ROWS = 250_000;
writeFileSync(file, 'id,caseType,applied,decided\nA1,eu,2023-03-01,2023-03-20\nA2,eu,2023-04-03,\n');

// eslint-disable-next-line @typescript-eslint/require-await -- an async source that never has to wait, like a stream whose data is buffered
async function* numbers(count: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i++) yield i;
}

/** Reads rows to the end; returns how many there were. */
async function drain(rows: AsyncIterable<unknown>): Promise<number> {
  const iterator = rows[Symbol.asyncIterator]();
  let count = 0;
  while ((await iterator.next()).done !== true) count++;
  return count;
}

describe('progress line', () => {
  it('is written on a terminal for a file over the threshold, and erased at the end', async () => {
    let err = '';
    const io = { isTTY: true, stderr: (text: string) => void (err += text) };
    let seen = 0;
    for await (const n of withProgress(numbers(ROWS), file, io, { threshold: 10 })) if (n === seen) seen++;
    expect(seen).toBe(ROWS);
    const updates = err.split('\r').filter((part) => part.trim() !== '');
    expect(updates.map((part) => part.trimEnd())).toEqual([`servicemaal: reading ${file}: 100,000 rows`, `servicemaal: reading ${file}: 200,000 rows`]);
    // The last write erases the line: a carriage return, spaces, a carriage return.
    expect(err).toMatch(/\r {20,}\r$/);
    // Below the threshold, or for standard input, nothing.
    err = '';
    expect(await drain(withProgress(numbers(ROWS), file, io))).toBe(ROWS);
    expect(await drain(withProgress(numbers(ROWS), '-', io, { threshold: 0 }))).toBe(ROWS);
    expect(err).toBe('');
  });

  it('is never written when standard error is not a terminal', async () => {
    let err = '';
    expect(await drain(withProgress(numbers(ROWS), file, { isTTY: false, stderr: (text) => void (err += text) }, { threshold: 0 }))).toBe(ROWS);
    expect(err).toBe('');
    let out = '';
    const code = await main(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', file], {
      stdin: Readable.from(['']),
      stdout: (text) => void (out += text),
      stderr: (text) => void (err += text),
      isTTY: false,
    });
    expect(code).toBe(0);
    // No progress line: the one message is the warning that no column feeds applicationKind.
    expect(err.replace(/^servicemaal: warning: the plan's scopes test applicationKind, but no column feeds it: .*\n/, '')).toBe('');
    expect((JSON.parse(out) as PlanReport).counts.input).toBe(2);
  });
});
