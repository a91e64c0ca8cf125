/**
 * Every problem names the physical line its row starts on (1-based, counting the header), on every
 * path of the readers: the general reader, the byte scanner, csv-parse after the first quote, and
 * the read of a file in two parts. Files hold quoted cells with line breaks and doubled quotes,
 * CRLF and LF line ends, a byte-order mark, empty lines and invalid rows at random places, and
 * arrive in chunks cut anywhere.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.js';
import { readRecords, type ReadRow, type RecordSource } from '../src/io/index.js';
import { MAX_PART_ROWS, scanCases, scanPart, type ParallelRead } from '../src/io/scan.js';
import { chunked } from './streams.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-lines-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** One row of a generated file. */
interface RowSpec {
  /** `date`: an impossible applied date (found by the library); `extra`: a cell beyond the header (found by the reader). */
  kind: 'valid' | 'date' | 'extra';
  note: 'plain' | 'empty' | 'doubled' | 'lf' | 'crlf' | 'cr';
  quotedId: boolean;
  lineEnd: '\n' | '\r\n';
  emptyBefore: boolean;
}

const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  kind: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'date', 'extra'),
  note: fc.constantFrom('plain', 'plain', 'plain', 'empty', 'doubled', 'lf', 'crlf', 'cr'),
  quotedId: fc.integer({ min: 0, max: 7 }).map((value) => value === 0),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  emptyBefore: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
});

const NOTES: Record<RowSpec['note'], string> = {
  plain: 'n',
  empty: '',
  doubled: '"a ""quoted"" note"',
  lf: '"two\nlines"',
  crlf: '"two\r\nlines"',
  cr: '"two\rlines"',
};

/** Line breaks in a text: CRLF, LF and a lone CR each end one line. */
const breaks = (text: string): number => text.match(/\r\n|\n|\r/g)?.length ?? 0;

/** A CSV file of the rows, and the line each invalid row starts on, by its id. */
function fileOf(rows: readonly RowSpec[], bom: boolean, headerEnd: '\n' | '\r\n'): { text: string; expected: Map<string, number> } {
  let text = `${bom ? '\uFEFF' : ''}id,caseType,applied,decided,note${headerEnd}`;
  let line = 2;
  const expected = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.emptyBefore) {
      text += row.lineEnd;
      line++;
    }
    const id = row.kind === 'valid' ? `V${i}` : `BAD${i}`;
    const cells = [row.quotedId ? `"${id}"` : id, 'eu', row.kind === 'date' ? '2023-02-30' : '2023-03-01', '2023-03-05', NOTES[row.note]];
    if (row.kind === 'extra') cells.push(`X${id}`);
    const written = `${cells.join(',')}${row.lineEnd}`;
    if (row.kind !== 'valid') expected.set(id, line);
    text += written;
    line += breaks(written);
  });
  return { text, expected };
}

/** The line of each invalid row a reader gave: problem rows by the id in their extra cell, records by their id. */
function linesOfInvalid(rows: readonly ReadRow[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const row of rows) {
    if (row.problem !== undefined) found.set(row.problem.value.replace(/^X/, ''), row.line);
    else if (String(row.record['id']).startsWith('BAD')) found.set(String(row.record['id']), row.line);
  }
  return found;
}

/** The rows scanCases hands to its sink (rows read from bytes are valid and carry no line). */
async function scanned(source: RecordSource, parallel?: ParallelRead): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  await scanCases(source, parallel === undefined ? {} : { parallel }, {
    slot: (caseType) => caseType,
    days: (_slot, _applied, _decided, _line, id, from, to) => {
      expect(Buffer.from(id.subarray(from, to)).toString('utf8').startsWith('BAD')).toBe(false);
    },
    row: (row) => {
      rows.push(row);
    },
  });
  return rows;
}

/** A helper that reads its part in this thread (the command line uses a worker thread). */
function inProcessHelper(share: number): ParallelRead {
  return {
    minBytes: 0,
    share,
    start(job) {
      const result = scanPart(structuredClone(job));
      result.catch(() => undefined);
      return { result, cancel: () => undefined };
    },
  };
}

const fileArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 60 }),
  bom: fc.boolean(),
  headerEnd: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
});

describe('the line of every problem', () => {
  test('is the line its row starts on, for the general reader and the byte scanner, in chunks cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.array(fc.nat(6000), { maxLength: 8 }), async ({ rows, bom, headerEnd }, cuts) => {
        const { text, expected } = fileOf(rows, bom, headerEnd);
        const read: ReadRow[] = [];
        for await (const row of readRecords({ stream: chunked(text, cuts) })) read.push(row);
        expect(linesOfInvalid(read)).toEqual(expected);
        expect(linesOfInvalid(await scanned({ stream: chunked(text, cuts) }))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('is the line its row starts on when a file is read in two parts', async () => {
    const path = join(scratch, 'parts.csv');
    await fc.assert(
      fc.asyncProperty(fileArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }), async ({ rows, bom, headerEnd }, share) => {
        const { text, expected } = fileOf(rows, bom, headerEnd);
        writeFileSync(path, text);
        expect(linesOfInvalid(await scanned({ path }, inProcessHelper(share)))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

/** A file of many plain rows whose first id is quoted, with invalid rows far beyond the first megabytes. */
function longFileWithQuote(rows: number): { text: string; bad: number[] } {
  const bad = [rows - 1000, rows - 10];
  const lines = ['id,caseType,applied,decided', '"Q0",eu,2023-03-01,2023-03-05'];
  for (let i = 1; i < rows; i++) lines.push(bad.includes(i) ? `Q${i},eu,2023-02-30,2023-03-05` : `Q${i},eu,2023-03-01,2023-03-05`);
  return { text: `${lines.join('\n')}\n`, bad: bad.map((i) => i + 2) };
}

describe('a large file with a quote on its first row', () => {
  // Over 4 MiB after the quote: csv-parse reads the file in several chunks.
  const { text, bad } = longFileWithQuote(150_000);
  const path = join(scratch, 'quoted.csv');
  writeFileSync(path, text);

  test('the readers name the real lines of invalid rows far from the quote', async () => {
    const expected = new Map(bad.map((line) => [`Q${line - 2}`, line]));
    const ofRows = (rows: readonly ReadRow[]): Map<string, number> =>
      new Map(rows.flatMap((row): [string, number][] => (row.problem === undefined && row.record['applied'] === '2023-02-30' ? [[String(row.record['id']), row.line]] : [])));
    const read: ReadRow[] = [];
    for await (const row of readRecords({ path })) read.push(row);
    expect(ofRows(read)).toEqual(expected);
    expect(ofRows(await scanned({ path }))).toEqual(expected);
    expect(ofRows(await scanned({ path }, inProcessHelper(0.5)))).toEqual(expected);
  });

  test('validate and evaluate name the same real lines', async () => {
    const run = async (argv: string[]): Promise<string> => {
      let out = '';
      await main(argv, { stdin: Readable.from([]), stdout: (t) => (out += t), stderr: () => undefined });
      return out;
    };
    const validated = await run(['validate', path]);
    const evaluated = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--threads', '1', '--format', 'json', path]);
    for (const line of bad) {
      expect(validated).toContain(`${path}:${line} (id Q${line - 2})`);
      expect(evaluated).toContain(`${path}:${line} (id Q${line - 2})`);
    }
  });
});

describe('a helper whose part is full of rows read one by one', () => {
  test('gives up beyond MAX_PART_ROWS such rows, and the file is read in one pass with the same lines', async () => {
    const rows = MAX_PART_ROWS * 2 + 10;
    const lines = ['id,caseType,applied,decided'];
    for (let i = 0; i < rows; i++) lines.push(`B${i},eu,2023-02-30,2023-03-05`);
    const path = join(scratch, 'invalid.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const started: Promise<unknown>[] = [];
    const helper: ParallelRead = {
      ...inProcessHelper(0.6),
      start(job) {
        const result = scanPart(structuredClone(job));
        result.catch(() => undefined);
        started.push(result);
        return { result, cancel: () => undefined };
      },
    };
    const read = await scanned({ path }, helper);
    expect(started).toHaveLength(1);
    await expect(started[0]).rejects.toThrow(`the part holds more than ${MAX_PART_ROWS} rows to read one by one`);
    expect(read).toHaveLength(rows);
    expect(read.every((row, i) => row.line === i + 2 && row.record?.['id'] === `B${i}`)).toBe(true);
  });
});
