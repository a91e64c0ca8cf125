/**
 * The fuzz suite: generated CSV, JSON and NDJSON bytes (quotes, separators, byte-order marks, line
 * ends, NUL bytes, long cells, hostile keys) through the file readers, the library and the command
 * line, within a fixed time budget per property. Each run prints its seed; `FUZZ_SEED=<seed>` replays
 * it, and `FUZZ_MS=<milliseconds>` sets the budget per property (default 4 seconds).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatePlan, getPlan, type InvalidRecord, type PlanReport } from '../src/index.js';
import { readAllRecords } from '../src/io/index.js';
import { runCli } from './cli-run.js';

const SEED = process.env['FUZZ_SEED'] === undefined ? Date.now() % 2_147_483_647 : Number(process.env['FUZZ_SEED']);
const BUDGET = Number(process.env['FUZZ_MS'] ?? 4000);
console.log(`fuzz: seed ${SEED}, ${BUDGET} ms per property (replay with FUZZ_SEED=${SEED})`);

/** fast-check parameters: the seed printed above, and a time budget rather than a number of runs. */
const params = { seed: SEED, numRuns: 10_000, interruptAfterTimeLimit: BUDGET, markInterruptAsFailure: false, endOnFailure: true };

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-fuzz-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
let files = 0;

const plan = getPlan('siri-2023');

/** Keys that name properties of every object: a record must never reach them. */
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** One generated case record, and whether the library must find it invalid. */
interface Row {
  id: string;
  caseType: string;
  applied: string;
  decided: string;
  invalid: boolean;
}

const day = fc.integer({ min: 0, max: 700 }).map((offset) => isoDay(Date.UTC(2022, 6, 1) / 86_400_000 + offset));
function isoDay(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** Text a cell may hold: separators, quotes, line ends, NUL bytes, formula starts, long runs. */
const cellText = fc.oneof(
  fc.constantFrom(...HOSTILE, '=1+1', '-5', '+45 1234', '@SUM(A1)', 'a"b', 'a;b', 'a,b', 'a\nb', 'a\r\nb', 'x\u0000y', 'æøå ÆØÅ', '\u001b[2J'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: 200, max: 5000 }).map((length) => 'L'.repeat(length)),
);

const row: fc.Arbitrary<Row> = fc.oneof(
  // valid, decided or pending
  fc.record({ caseType: fc.constantFrom('fast-track', 'eu', 'studie', 'ukendt', ...HOSTILE), applied: day, wait: fc.option(fc.integer({ min: 0, max: 120 })), id: cellText }).map(
    ({ caseType, applied, wait, id }) => ({ id, caseType, applied, decided: wait === null ? '' : isoDay(Date.parse(applied) / 86_400_000 + wait), invalid: false }),
  ),
  // a date that is no date
  fc.record({ caseType: fc.constantFrom('fast-track', 'eu'), applied: fc.constantFrom('2023-02-29', 'yesterday', '2023-13-01', '01.03.2023x', '"'), id: cellText }).map(
    ({ caseType, applied, id }) => ({ id, caseType, applied, decided: '', invalid: true }),
  ),
  // decided before applied
  fc.record({ caseType: fc.constantFrom('fast-track', 'eu'), applied: day, back: fc.integer({ min: 1, max: 30 }), id: cellText }).map(
    ({ caseType, applied, back, id }) => ({ id, caseType, applied, decided: isoDay(Date.parse(applied) / 86_400_000 - back), invalid: true }),
  ),
);

/** Every id made unique (the position is appended), so that no record repeats another. */
const rows = fc.array(row, { minLength: 0, maxLength: 40 }).map((list) => list.map((entry, index) => ({ ...entry, id: `${entry.id}#${index}` })));

interface CsvStyle {
  separator: ',' | ';';
  lineEnd: '\n' | '\r\n';
  bom: boolean;
  quoteAll: boolean;
  blankLines: boolean[];
  /** Plain valid rows written after the first half of the rows: past 1 MiB, the readers' chunk size. */
  bulk: number;
}
const csvStyle: fc.Arbitrary<CsvStyle> = fc.record({
  separator: fc.constantFrom(',', ';'),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  blankLines: fc.array(fc.boolean(), { maxLength: 40 }),
  bulk: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(100_000) }),
});

/** A CSV file of the rows, with the line each row starts on (the header is line 1). */
function csv(list: Row[], style: CsvStyle): { text: string; lines: number[] } {
  const cell = (value: string): string =>
    style.quoteAll || value.includes(style.separator) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
  let text = `${style.bom ? '\uFEFF' : ''}id${style.separator}caseType${style.separator}applied${style.separator}decided${style.lineEnd}`;
  let line = 2;
  const lines: number[] = [];
  list.forEach((entry, index) => {
    if (index === Math.floor(list.length / 2) && style.bulk > 0) {
      // Ids unique like those of the rows (`#` is in every row's id, in none of these).
      const plain = (k: number): string => `B${String(k)},eu,2023-03-01,2023-03-02${style.lineEnd}`.replaceAll(',', style.separator);
      text += Array.from({ length: style.bulk }, (_, k) => plain(k)).join('');
      line += style.bulk;
    }
    if (style.blankLines[index] === true) {
      text += style.lineEnd;
      line++;
    }
    lines.push(line);
    const written = [entry.id, entry.caseType, entry.applied, entry.decided].map(cell).join(style.separator);
    text += `${written}${style.lineEnd}`;
    line += 1 + (written.match(/\r\n|\r|\n/g)?.length ?? 0);
  });
  return { text, lines };
}

/** The records as JSON objects, one per line (NDJSON) or in an array with one object per line. */
function json(list: Row[], ndjson: boolean): { text: string; lines: number[] } {
  const objects = list.map((entry) => JSON.stringify({ id: entry.id, caseType: entry.caseType, applied: entry.applied, decided: entry.decided === '' ? null : entry.decided }));
  if (ndjson) return { text: objects.map((object) => `${object}\n`).join(''), lines: list.map((_, index) => index + 1) };
  return { text: `[\n${objects.join(',\n')}\n]\n`, lines: list.map((_, index) => index + 2) };
}

function write(text: string, extension: string): string {
  const path = join(scratch, `input-${files++}.${extension}`);
  writeFileSync(path, text);
  return path;
}

const cli = runCli;

/** The line a problem names: its `line`, else the `file:line` its message starts with. */
function lineOf(problem: InvalidRecord): number | null {
  const line = (problem as InvalidRecord & { line?: number | null }).line;
  if (typeof line === 'number') return line;
  const match = /^.*?:(\d+)\b/.exec(problem.message);
  return match === null ? null : Number(match[1]);
}

/** The lines of the invalid rows, once each. */
function invalidLines(list: Row[], lines: number[]): number[] {
  return lines.filter((_, index) => list[index]?.invalid === true);
}

function reconciles(report: PlanReport): boolean {
  const { input, measured, pending, outOfPeriod, withoutTarget, invalid } = report.counts;
  return measured + pending + outOfPeriod + withoutTarget + invalid === input;
}

describe('fuzz: generated files', () => {
  it('through the command line, a CSV file never crashes, its counts reconcile with the rows written, and every problem names its real line', async () => {
    await fc.assert(
      fc.asyncProperty(rows, csvStyle, async (list, style) => {
        const { text, lines } = csv(list, style);
        const path = write(text, 'csv');
        const result = await cli(['evaluate', '--plan', plan.id, '--period', '2023', '--format', 'json', path]);
        expect(result.err).not.toMatch(/\n\s+at /);
        expect([0, 2]).toContain(result.code);
        const report = JSON.parse(result.out) as PlanReport;
        expect(report.counts.input).toBe(list.length + (list.length > 0 ? style.bulk : 0));
        expect(report.counts.invalid).toBe(list.filter((entry) => entry.invalid).length);
        expect(reconciles(report)).toBe(true);
        expect([...new Set(report.invalid.map(lineOf))].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(invalidLines(list, lines));
      }),
      params,
    );
  }, 60_000);

  it('through the file reader and the library, CSV, JSON and NDJSON give the counts of the rows written', async () => {
    await fc.assert(
      fc.asyncProperty(rows, csvStyle, fc.constantFrom('csv', 'json', 'ndjson'), async (list, written, format) => {
        const style = { ...written, bulk: 0 };
        const { text, lines } = format === 'csv' ? csv(list, style) : json(list, format === 'ndjson');
        const read = await readAllRecords({ text }, { format });
        expect(read.problems).toEqual([]);
        expect(read.records).toHaveLength(list.length);
        expect(read.lines).toEqual(lines);
        const report = evaluatePlan(plan, read.records, { period: '2023' });
        expect(report.counts.input).toBe(list.length);
        expect(report.counts.invalid).toBe(list.filter((entry) => entry.invalid).length);
        expect(reconciles(report)).toBe(true);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      params,
    );
  }, 60_000);

  it('through the command line, any bytes at all end in a report or one clear line, never a stack trace', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map((text) => new TextEncoder().encode(text)),
      fc.tuple(rows, csvStyle, fc.integer({ min: 0, max: 300 })).map(([list, style, cut]) => new TextEncoder().encode(csv(list, { ...style, bulk: 0 }).text.slice(0, cut))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('csv', 'json', 'ndjson'), async (content, extension) => {
        const path = join(scratch, `bytes-${files++}.${extension}`);
        writeFileSync(path, content);
        const result = await cli(['evaluate', '--plan', plan.id, '--period', '2023', '--format', 'json', path]);
        expect(result.err).not.toMatch(/\n\s+at /);
        expect([0, 1, 2]).toContain(result.code);
        if (result.code === 1) expect(result.err).toMatch(/^servicemaal: /);
        else expect(reconciles(JSON.parse(result.out) as PlanReport)).toBe(true);
        const validate = await cli(['validate', path]);
        expect(validate.err).not.toMatch(/\n\s+at /);
        expect([0, 1, 2]).toContain(validate.code);
      }),
      params,
    );
  }, 60_000);
});
