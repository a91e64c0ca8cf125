/**
 * Convention 12: case numbers are unique. A repeated case id is reported (`duplicate_record`) and
 * only one record of it is counted: the first (default) or the last. Checked in every path: in
 * memory, through the intake, from a file's bytes (in one pass and in two parts), and on the
 * command line; the id table itself is checked against a `Map`, with colliding hashes too.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  aggregateCases,
  aggregateInputs,
  createIntake,
  evaluatePlan,
  getPlan,
  mergeAggregates,
  pendingAt,
  renderHtml,
  renderReport,
  reportFromAggregate,
  type InvalidRecord,
  type PlanAggregate,
  type ServicePlan,
} from '../src/index.js';
import { BLOCK_SIZE, IdTable, LONG_ID, MAX_FAMILIES, NUMBER_DIGITS, PAGE_FILL, PREFIX_BYTES } from '../src/evaluate/ids.js';
import { readIdsInto, readInto } from '../src/io/index.js';
import { scanCases, scanPart, type ParallelRead } from '../src/io/scan.js';
import { scenarioArb, type DateOnlyCase } from './arbitraries.js';
import { runCli } from './cli-run.js';
import { thrown } from './helpers.js';
import { referenceEvaluate } from './reference.js';

const plan = getPlan('siri-2023');
const period = '2023';
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-duplicates-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const fast = (id: string, applied = '2023-03-01', decided: string | null = '2023-03-20'): DateOnlyCase => ({ id, caseType: 'fast-track', applied, decided });

const problems = (aggregate: PlanAggregate): [number, string | null, string][] => aggregate.invalid.map((problem) => [problem.index, problem.id, problem.code]);

/** The CSV text of case records (`id;caseType;applied;decided`). */
function csvOf(records: readonly DateOnlyCase[]): string {
  return `id;caseType;applied;decided\n${records.map((record) => `${record.id};${record.caseType};${record.applied};${record.decided ?? ''}`).join('\n')}\n`;
}

/** What two routes must agree on: everything but where a problem says it was read. */
function comparable(aggregate: PlanAggregate): unknown {
  return { ...aggregate, invalid: aggregate.invalid.map(({ input, index, id, field, code }: InvalidRecord) => ({ input, index, id, field, code })) };
}

/** Reads CSV texts into one intake, as the command line reads several files (ids first for `last`). */
async function readTexts(texts: readonly string[], duplicates: 'first' | 'last', chosenPlan: ServicePlan = plan, chosenPeriod: unknown = period): Promise<PlanAggregate> {
  const intake = createIntake(chosenPlan, { period: chosenPeriod as string, duplicates, maxProblems: 0 });
  if (duplicates === 'last') {
    for (const [i, text] of texts.entries()) await readIdsInto(intake, { text }, { name: `part${String(i)}.csv` });
  }
  for (const [i, text] of texts.entries()) await readInto(intake, { text }, { name: `part${String(i)}.csv` });
  return intake.aggregate();
}

describe('the first record with an id counts (default)', () => {
  test('a later record with the id is invalid and names the first, at any distance', () => {
    const records = [fast('A1'), ...Array.from({ length: 16 }, (_, i) => fast(`B${String(i)}`)), fast('A1', '2023-03-01', null)];
    const aggregate = aggregateCases(plan, records, { period });
    expect(aggregate.duplicates).toBe('first');
    expect(aggregate.counts).toEqual({ input: 18, measured: 17, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 });
    expect(aggregate.invalid).toEqual([
      expect.objectContaining({ index: 17, id: 'A1', field: 'id', code: 'duplicate_record', message: 'record 17 (id A1): id is repeated: the first record with it is record 0' }),
    ]);
    expect(aggregate.invalidCounts).toEqual({ duplicate_record: 1 });
  });

  test('three copies: the first counts, the other two are invalid', () => {
    const aggregate = aggregateCases(plan, [fast('A1', '2023-03-01', '2023-05-20'), fast('A2'), fast('A1'), fast('A1')], { period });
    expect(aggregate.counts).toMatchObject({ input: 4, measured: 2, invalid: 2 });
    expect(problems(aggregate)).toEqual([
      [2, 'A1', 'duplicate_record'],
      [3, 'A1', 'duplicate_record'],
    ]);
    // The first copy (77 days) is the one measured: the fast-track target (31 days) misses it.
    expect(evaluatePlan(plan, [fast('A1', '2023-03-01', '2023-05-20'), fast('A2'), fast('A1'), fast('A1')], { period }).targets[0]?.tiers[0]).toMatchObject({ measured: 2, within: 1 });
  });

  test('duplicates beyond maxProblems are counted exactly', () => {
    const records = [fast('A1'), fast('A1'), fast('A2', '2023-02-29'), fast('A1'), fast('A1')];
    const short = aggregateCases(plan, records, { period, maxProblems: 1 });
    const all = aggregateCases(plan, records, { period, maxProblems: 0 });
    expect(short.counts).toEqual(all.counts);
    expect(short.invalidCounts).toEqual({ duplicate_record: 3, invalid_date: 1 });
    expect(short.invalidCounts).toEqual(all.invalidCounts);
    expect([short.invalid.length, short.invalidOmitted]).toEqual([1, 3]);
  });

  test('the first record keeps its id even when it is invalid itself', () => {
    const aggregate = aggregateCases(plan, [fast('A1', '2023-02-29'), fast('A1')], { period });
    expect(aggregate.counts).toMatchObject({ input: 2, measured: 0, invalid: 2 });
    expect(problems(aggregate)).toEqual([
      [0, 'A1', 'invalid_date'],
      [1, 'A1', 'duplicate_record'],
    ]);
  });

  test('records without an id are not checked, and ids are compared exactly', () => {
    const aggregate = aggregateCases(plan, [{ caseType: 'fast-track', applied: '2023-03-01' }, { id: '', caseType: 'fast-track', applied: '2023-03-01' }, fast('a1'), fast('A1'), fast('A1 '), fast('Å1'), fast('A\u030a1')], { period });
    expect(aggregate.invalidCounts).toEqual({ missing_field: 2 });
    expect(aggregate.counts).toMatchObject({ input: 7, measured: 5, invalid: 2 });
  });

  test('an index offset names the first record by its place in the whole', () => {
    const aggregate = aggregateCases(plan, [fast('A1'), fast('A1')], { period, indexOffset: 100 });
    expect(aggregate.invalid[0]?.message).toBe('record 101 (id A1): id is repeated: the first record with it is record 100');
  });

  test('contacts and observations are not checked by id', () => {
    const contact = { id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 3 };
    const aggregate = aggregateInputs(plan, { contacts: [contact, contact] }, { period });
    expect(aggregate.contacts.counts).toMatchObject({ input: 2, invalid: 0 });
  });

  test('every path of the intake checks: add, addAll, and records of several periods', () => {
    const intake = createIntake(plan, { periods: ['2023-Q1', '2023'] });
    intake.add('cases', fast('A1'));
    intake.addAll('cases', new Set([fast('A1'), fast('A2')]));
    const [q1, year] = intake.aggregates();
    expect(q1?.counts).toMatchObject({ input: 3, invalid: 1 });
    expect(year?.counts).toMatchObject({ input: 3, invalid: 1, measured: 2 });
    expect(createIntake(null).aggregate().duplicates).toBe('first');
  });

  test('validate without a plan (createIntake(null)) reports the repeated id', () => {
    const records = createIntake(null);
    records.addAll('cases', [fast('A1'), fast('A1')]);
    expect(records.aggregate().invalidCounts).toEqual({ duplicate_record: 1 });
  });

  test('the pending list counts one record per id', () => {
    const pending = pendingAt(plan, [fast('F1', '2023-08-20', null), fast('F1', '2023-08-20', '2023-09-01')], { asOf: '2023-09-30', duplicates: 'last' });
    expect(pending.counts).toMatchObject({ input: 2, pending: 0, notPending: 1, invalid: 1 });
    expect(pending.duplicates).toBe('last');
  });
});

describe("the last record with an id counts (duplicates: 'last')", () => {
  test('each earlier record is invalid and names the last, the one counted', () => {
    const records = [fast('A1', '2023-03-01', null), fast('A2'), fast('A1', '2023-03-01', '2023-06-30'), fast('A1')];
    const aggregate = aggregateCases(plan, records, { period, duplicates: 'last' });
    expect(aggregate.duplicates).toBe('last');
    expect(aggregate.counts).toEqual({ input: 4, measured: 2, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 2 });
    expect(aggregate.invalid.map((problem) => problem.message)).toEqual([
      'record 0 (id A1): id is repeated: the last record with it, the one counted, is record 3',
      'record 2 (id A1): id is repeated: the last record with it, the one counted, is record 3',
    ]);
  });

  test('the last record counts even when it is invalid itself', () => {
    const aggregate = aggregateCases(plan, [fast('A1'), fast('A1', '2023-02-29')], { period, duplicates: 'last' });
    expect(problems(aggregate)).toEqual([
      [0, 'A1', 'duplicate_record'],
      [1, 'A1', 'invalid_date'],
    ]);
  });

  test('a one-shot iterable is an error unless the ids are given first', () => {
    const records = [fast('A1', '2023-03-01', null), fast('A1')];
    const once = function* (): Generator<DateOnlyCase> {
      yield* records;
    };
    const error = thrown(() => aggregateCases(plan, once(), { period, duplicates: 'last' }));
    expect(error.issues[0]?.code).toBe('invalid_option');
    expect(error.message).toContain('intake.expectIds');
    const intake = createIntake(plan, { period, duplicates: 'last' });
    intake.expectIds(records.map((record) => record.id));
    intake.addAll('cases', once());
    expect(comparable(intake.aggregate())).toEqual(comparable(aggregateCases(plan, records, { period, duplicates: 'last' })));
    // Records beyond the ids given, or other than those given, are errors too.
    const short = createIntake(plan, { period, duplicates: 'last' });
    short.expectIds(['A1']);
    short.add('cases', records[0]);
    expect(thrown(() => { short.add('cases', records[1]); }).issues[0]?.code).toBe('invalid_option');
    const other = createIntake(plan, { period, duplicates: 'last' });
    other.expectIds(['A1', 'A1']);
    expect(thrown(() => { other.add('cases', fast('B1')); }).message).toContain('the records differ from the ids given first');
  });

  test('the ids are given first only with last', () => {
    expect(thrown(() => { createIntake(plan, { period }).expectIds(['A1']); }).issues[0]?.code).toBe('invalid_option');
  });
});

describe('options and aggregates', () => {
  test('the duplicates option is checked', () => {
    const error = thrown(() => aggregateCases(plan, [], { period, duplicates: 'newest' as 'last' }));
    expect(error.issues[0]?.code).toBe('invalid_option');
    expect(error.message).toContain('duplicates must be "first" or "last", got "newest"');
  });

  test('merging refuses aggregates counted by different policies, and reads an older aggregate as first', () => {
    const first = aggregateCases(plan, [fast('A1')], { period });
    const last = aggregateCases(plan, [fast('A2')], { period, duplicates: 'last', indexOffset: 1 });
    expect(thrown(() => mergeAggregates(first, last)).issues[0]?.code).toBe('incompatible_aggregates');
    const older = { ...aggregateCases(plan, [fast('A2')], { period, indexOffset: 1 }) } as Partial<PlanAggregate>;
    delete older.duplicates;
    expect(mergeAggregates(first, older as PlanAggregate).duplicates).toBe('first');
    expect(reportFromAggregate(plan, older as PlanAggregate).duplicates).toBe('first');
    expect(thrown(() => reportFromAggregate(plan, { ...first, duplicates: 'newest' as 'last' })).issues[0]?.code).toBe('incompatible_aggregates');
    // Each part is checked on its own: an id in two parts is counted in each.
    expect(mergeAggregates(first, aggregateCases(plan, [fast('A1')], { period, indexOffset: 1 })).counts.measured).toBe(2);
  });

  test('the renderers state the policy and the number of duplicates', () => {
    const report = evaluatePlan(plan, [fast('A1'), fast('A1'), fast('A1')], { period, duplicates: 'last' });
    const sentence = 'Duplicates: 2 records not counted (duplicate_record); of a repeated case id, the last record counts.';
    expect(renderReport(report, { format: 'table' })).toContain(sentence);
    expect(renderReport(report, { format: 'markdown' })).toContain(sentence);
    expect(renderHtml(report)).toContain(sentence);
    expect(renderReport(evaluatePlan(plan, [fast('A1')], { period }), { format: 'table' })).toContain('Duplicates: none (of a repeated case id, the first record counts).');
  });
});

describe('from files', () => {
  test('a problem names the file and line of the record that counts, across files, blank lines and quoted rows', async () => {
    const older = 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;\n\nA2;fast-track;2023-03-01;2023-03-10\n"A3";fast-track;2023-03-02;\n';
    const newer = 'id;caseType;applied;decided\n\n\nA3;fast-track;2023-03-02;2023-03-12\nA1;fast-track;2023-03-01;2023-03-20\n';
    const first = await readTexts([older, newer], 'first');
    expect(first.invalid.map((problem) => problem.message)).toEqual([
      'part1.csv:4 (id A3): id is repeated: the first record with it is at part0.csv:5',
      'part1.csv:5 (id A1): id is repeated: the first record with it is at part0.csv:2',
    ]);
    expect(first.invalid[0]?.column).toBe('id');
    const last = await readTexts([older, newer], 'last');
    expect(last.invalid.map((problem) => problem.message)).toEqual([
      'part0.csv:2 (id A1): id is repeated: the last record with it, the one counted, is at part1.csv:5',
      'part0.csv:5 (id A3): id is repeated: the last record with it, the one counted, is at part1.csv:4',
    ]);
    expect(last.counts).toMatchObject({ input: 5, measured: 3, pending: 0, invalid: 2 });
  });

  test('a record added without a place is named by its position, among records read from files', () => {
    const intake = createIntake(plan, { period });
    intake.add('cases', fast('A1'), { file: 'a.csv', line: 2 });
    intake.add('cases', fast('A2'));
    intake.add('cases', fast('A3'), { file: 'a.csv', line: 3 });
    intake.add('cases', fast('A2'), { file: 'a.csv', line: 4 });
    intake.add('cases', fast('A3'), { file: 'b.csv', line: 9 });
    intake.add('cases', fast('A1'), { file: 'a.csv', line: 7 });
    expect(intake.aggregate().invalid.map((problem) => problem.message)).toEqual([
      'a.csv:4 (id A2): id is repeated: the first record with it is record 1',
      'b.csv:9 (id A3): id is repeated: the first record with it is at a.csv:3',
      'a.csv:7 (id A1): id is repeated: the first record with it is at a.csv:2',
    ]);
  });

  test('readIdsInto needs an intake that counts the last record, and case records', async () => {
    expect((await readIdsInto(createIntake(plan, { duplicates: 'last' }), { text: 'id,caseType,applied\nA1,eu,2023-01-01\n' })).rows).toBe(1);
    await expect(readIdsInto(createIntake(plan), { text: 'id\nA1\n' })).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'invalid_option' })] });
    await expect(readIdsInto(createIntake(plan, { duplicates: 'last' }), { text: 'id\nA1\n' }, { kind: 'contacts' })).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'invalid_option' })] });
  });

  /** Cases of a scenario with their ids drawn from a small pool (so they repeat), some left without. */
  const repeatedArb = scenarioArb(50).chain((scenario) =>
    fc.array(fc.integer({ min: -1, max: 7 }), { minLength: scenario.cases.length, maxLength: scenario.cases.length }).map((pool) => ({
      ...scenario,
      // Without events: a CSV file of the common columns has none.
      cases: scenario.cases.map(({ caseType, applied, decided }, i): DateOnlyCase => ({ id: (pool[i] as number) < 0 ? '' : `d${String(pool[i])}`, caseType, applied, decided })),
    })),
  );

  test('property: reading a file equals counting the same records in memory, with repeated ids', async () => {
    await fc.assert(
      fc.asyncProperty(repeatedArb, fc.constantFrom<'first' | 'last'>('first', 'last'), fc.nat(), async ({ plan: chosen, period: chosenPeriod, cases }, duplicates, cut) => {
        // Every case in the file has its dates; an empty id is a missing id in both.
        const at = cut % (cases.length + 1);
        const fromFiles = await readTexts([csvOf(cases.slice(0, at)), csvOf(cases.slice(at))], duplicates, chosen, chosenPeriod);
        const inMemory = aggregateCases(chosen, cases.map((record) => (record.id === '' ? { ...record, id: undefined } : record)).map(withoutUndefined), { period: chosenPeriod, duplicates, maxProblems: 0 });
        expect(comparable(fromFiles)).toEqual(comparable(inMemory));
      }),
      { numRuns: 60 },
    );
  });

  test('property: first and last each count exactly one record per id', () => {
    fc.assert(
      fc.property(repeatedArb, fc.constantFrom<'first' | 'last'>('first', 'last'), ({ plan: chosen, period: chosenPeriod, cases }, duplicates) => {
        const aggregate = aggregateCases(chosen, cases, { period: chosenPeriod, duplicates, maxProblems: 0 });
        const ids = cases.filter((record) => record.id !== '').map((record) => record.id);
        const counted = aggregate.counts.input - (aggregate.invalidCounts.duplicate_record ?? 0);
        expect(counted).toBe(new Set(ids).size + cases.length - ids.length);
      }),
      { numRuns: 100 },
    );
  });

  test('property: the reference computation with repeated ids agrees', () => {
    fc.assert(
      fc.property(repeatedArb.filter(({ cases }) => cases.every((record) => record.id !== '')), fc.constantFrom<'first' | 'last'>('first', 'last'), ({ plan: chosen, period: chosenPeriod, cases }, duplicates) => {
        const report = evaluatePlan(chosen, cases, { period: chosenPeriod, duplicates });
        const reference = referenceEvaluate(chosen, cases, chosenPeriod, duplicates);
        expect(report.counts).toEqual(reference.counts);
        expect(report.targets.map((target) => [target.id, target.measured, target.pending])).toEqual(reference.targets.map((target) => [target.id, target.measured, target.pending]));
      }),
      { numRuns: 100 },
    );
  });

  test('a file read in two parts, the second by a helper, finds the repeated ids across the split', async () => {
    const rows: DateOnlyCase[] = [];
    for (let i = 0; i < 3000; i++) rows.push(fast(`S${String(i % 1700)}`, '2023-03-01', i % 5 === 0 ? null : '2023-03-20'));
    // Blank lines in the helper's part move its lines away from its rows.
    const text = csvOf(rows).replace(/\n(S1[0-9]{3};)/g, '\n\n$1');
    const path = join(scratch, 'split.csv');
    writeFileSync(path, text);
    for (const duplicates of ['first', 'last'] as const) {
      const started = { count: 0 };
      const helper: ParallelRead = {
        minBytes: 0,
        share: 0.5,
        start(job) {
          started.count++;
          const result = scanPart(structuredClone(job));
          result.catch(() => undefined);
          return { result, cancel: () => undefined };
        },
      };
      const split = createIntake(plan, { period, duplicates, maxProblems: 0 });
      if (duplicates === 'last') await readIdsInto(split, { path }, { name: 'split.csv' });
      await scanCases({ path }, { parallel: helper }, split.caseRows('split.csv'));
      expect(started.count).toBe(1);
      const whole = await readTexts([text], duplicates);
      expect(split.aggregate().counts).toEqual(whole.counts);
      expect(split.aggregate().invalid.map((problem) => problem.message)).toEqual(whole.invalid.map((problem) => problem.message.replaceAll('part0.csv', 'split.csv')));
      expect(split.aggregate().counts.invalid).toBe(1300);
    }
  });
});

describe('the id table', () => {
  test('goes on in a new arena block when an entry ends a block exactly', () => {
    // An id of 123 bytes takes 128 bytes of the arena (length, bytes, position): 8,192 fill a block.
    const table = new IdTable();
    const id = (n: number): string => String(n).padStart(123, 'x');
    const count = BLOCK_SIZE / 128 + 10;
    for (let n = 0; n < count; n++) expect(table.string(id(n), n, true)).toBe(-1);
    for (let n = 0; n < count; n++) expect(table.string(id(n), 0, false)).toBe(n);
    expect(table.size).toBe(count);
  });

  test('colliding hashes never make a false duplicate', () => {
    // hashMask 0: every id has the same hash, so every lookup compares bytes.
    const table = new IdTable({ hashMask: 0, offsetBits: 12 });
    const ids = ['A1', 'A10', 'A1 ', 'a1', 'Å1', 'A\u030a1', '\u{1F600}', 'x'.repeat(200), 'x'.repeat(LONG_ID + 1), 'x'.repeat(LONG_ID + 2), '\ud800', '\udc00', ''];
    ids.forEach((id, position) => {
      expect(table.string(id, position, true)).toBe(-1);
    });
    ids.forEach((id, position) => {
      expect(table.string(id, 99, true)).toBe(position);
    });
    const bytes = new TextEncoder().encode('zzA1zz');
    expect(table.bytes(bytes, 2, 4, 99, true)).toBe(0);
    expect(table.bytes(bytes, 2, 5, 99, true)).toBe(-1);
    expect(table.size).toBe(ids.length + 1);
  });

  test('property: strings and byte ranges give the positions of a Map, with colliding hashes too', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom('A1', 'A2', 'Å'), numberedId), fc.boolean()), { maxLength: 300 }), fc.constantFrom(0, 3, -1), fc.boolean(), (ids, hashMask, numbered) => {
        const table = new IdTable({ hashMask, base: 10, numbered });
        const reference = new Map<string, number>();
        ids.forEach(([id, viaBytes], i) => {
          const position = 10 + i;
          // Byte ranges are UTF-8: only well-formed text has them.
          const bytes = viaBytes && !LONE_SURROGATE.test(id) ? encoder.encode(`#${id}#`) : null;
          const found = bytes === null ? table.string(id, position, true) : table.bytes(bytes, 1, bytes.length - 1, position, true);
          expect(found).toBe(reference.get(id) ?? -1);
          if (!reference.has(id)) reference.set(id, position);
        });
        expect(table.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  test('numbered ids: the prefix and the number of digits are part of the id', () => {
    const table = new IdTable();
    const ids = ['C1', 'C01', 'C001', 'D1', '1', '01', 'C1x', 'x'.repeat(PREFIX_BYTES) + '7', 'x'.repeat(PREFIX_BYTES + 1) + '7', '9'.repeat(NUMBER_DIGITS + 3), '8'.repeat(NUMBER_DIGITS + 3), '0', '00'];
    ids.forEach((id, position) => {
      expect(table.string(id, position, true)).toBe(-1);
    });
    ids.forEach((id, position) => {
      expect(table.string(id, 99, true)).toBe(position);
    });
    expect(table.size).toBe(ids.length);
  });

  test('a numbered id read as bytes that are not UTF-8, or that start with a byte order mark, is not taken for a string id', () => {
    const table = new IdTable();
    // Each string right after the bytes, whose family is then the last one used.
    expect(table.bytes(Uint8Array.of(0xff, 0x31), 0, 2, 0, true)).toBe(-1);
    expect(table.string('\ufffd1', 1, true)).toBe(-1);
    expect(table.bytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0x31), 0, 4, 2, true)).toBe(-1);
    expect(table.string('1', 3, true)).toBe(-1);
    expect(table.string('\ufeff1', 4, true)).toBe(2);
    expect(table.bytes(new TextEncoder().encode('\ufffd1'), 0, 4, 5, true)).toBe(1);
    expect(table.size).toBe(4);
  });

  test('numbered ids whose pages are refused go to the hash table, and are found there once their page exists', () => {
    const table = new IdTable();
    // Far apart: a page each while the free pages last, then the hash table.
    const sparse = Array.from({ length: 40 }, (_, i) => `S-${String(i * 1_000_000_007).padStart(12, '0')}`);
    sparse.forEach((id, position) => {
      expect(table.string(id, position, true)).toBe(-1);
    });
    // Many ids close together: pages are made again, among them the pages of the sparse ids above.
    const dense: string[] = [];
    for (let i = 0; i < 200_000; i++) dense.push(`S-${String(i * 2).padStart(12, '0')}`);
    dense.forEach((id, i) => {
      const expected = sparse.indexOf(id);
      expect(table.string(id, 1000 + i, true)).toBe(expected);
    });
    // The page of the last sparse id, refused then, is made now that many ids fill pages: a new id
    // on it goes there, and the sparse ids kept in the hash table are still found.
    const late = `S-${String(39 * 1_000_000_007 + 1).padStart(12, '0')}`;
    expect(table.string(late, 5, true)).toBe(-1);
    sparse.forEach((id, position) => {
      expect(table.string(id, 99, false)).toBe(position);
    });
    expect(table.string(late, 99, false)).toBe(5);
    expect(table.memory()).toBeLessThan(200_000 * 4 * PAGE_FILL);
  });

  test('numbered ids of more families than pages hold go to the hash table', () => {
    const table = new IdTable();
    const ids = Array.from({ length: MAX_FAMILIES * 3 }, (_, i) => `F${String(i)}-${String(i)}`);
    ids.forEach((id, position) => {
      expect(table.string(id, position, true)).toBe(-1);
    });
    ids.forEach((id, position) => {
      expect(table.string(id, 99, true)).toBe(position);
    });
  });

  test('sparse numbers keep memory bounded', () => {
    const table = new IdTable();
    const count = 100_000;
    for (let i = 0; i < count; i++) table.string(String((i * 2_654_435_761) % 999_999_999_937), i, true);
    expect(table.size).toBe(count);
    expect(table.memory()).toBeLessThan(count * 40);
  });

  test('setting a position overwrites it (the ids of duplicates: last)', () => {
    const table = new IdTable();
    table.setString('A1', 0);
    table.setString('A1', 5);
    table.setString('Å'.repeat(LONG_ID), 6);
    table.setString('Å'.repeat(LONG_ID), 7);
    table.setBytes(new TextEncoder().encode('A1'), 0, 2, 8);
    table.setString('A-x', 9);
    table.setString('A-x', 10);
    expect(table.string('A1', 0, false)).toBe(8);
    expect(table.string('A-x', 0, false)).toBe(10);
    expect(table.string('Å'.repeat(LONG_ID), 0, false)).toBe(7);
    expect(table.string('A2', 0, false)).toBe(-1);
    expect(table.size).toBe(3);
  });

  test('grows across many blocks and keeps every id exact', () => {
    // Offsets of 20 bits at first: the table takes wider offsets (and fewer tag bits) twice.
    const table = new IdTable({ offsetBits: 20, numbered: false });
    const count = 200_000;
    let found = 0;
    for (let i = 0; i < count; i++) if (table.string(`ID-${String(i).padStart(9, '0')}`, i, true) !== -1) found++;
    expect(found).toBe(0);
    const positions: number[] = [];
    for (let i = 0; i < count; i += 997) positions.push(table.string(`ID-${String(i).padStart(9, '0')}`, 0, true) - i);
    expect(new Set(positions)).toEqual(new Set([0]));
    expect(table.memory()).toBeGreaterThan(count * 13);
    expect(table.memory()).toBeLessThan(count * 40);
    expect(() => table.string('late', -1, true)).toThrow(RangeError);
  });
});

describe('2,000,000 rows, every id twice', () => {
  const ROWS = 2_000_000;
  const path = join(scratch, 'large.csv');
  // The id of row i is that of row i - 1,000,000: each of 1,000,000 ids twice, a whole file apart.
  const file = openSync(path, 'w');
  writeSync(file, 'id,caseType,applied,decided\n');
  for (let from = 0; from < ROWS; from += 100_000) {
    const rows: string[] = [];
    for (let i = from; i < from + 100_000; i++) rows.push(`SIRI-${String(i % (ROWS / 2)).padStart(7, '0')},fast-track,2023-03-01,${i % 3 === 0 ? '' : '2023-03-20'}\n`);
    writeSync(file, rows.join(''));
  }
  closeSync(file);
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;

  test.each(['first', 'last'] as const)('are counted exactly with %s, in bounded memory', async (duplicates) => {
    collect();
    const before = process.memoryUsage();
    const intake = createIntake(plan, { period, duplicates });
    if (duplicates === 'last') await readIdsInto(intake, { path }, { name: 'large.csv' });
    await readInto(intake, { path }, { name: 'large.csv' });
    const aggregate = intake.aggregate();
    collect();
    const after = process.memoryUsage();
    expect(aggregate.counts.input).toBe(ROWS);
    expect(aggregate.invalidCounts).toEqual({ duplicate_record: ROWS / 2 });
    expect(aggregate.invalidOmitted).toBe(ROWS / 2 - 1000);
    expect(aggregate.invalid[0]?.message).toBe(
      duplicates === 'first'
        ? 'large.csv:1000002 (id SIRI-0000000): id is repeated: the first record with it is at large.csv:2'
        : 'large.csv:2 (id SIRI-0000000): id is repeated: the last record with it, the one counted, is at large.csv:1000002',
    );
    // The ids live in typed arrays (about 30 bytes an id), none on the JS heap.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(48 * 2 ** 20);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 2 ** 20);
    // Keep the intake alive up to the measurement.
    expect(intake.aggregate().counts.input).toBe(ROWS);
  }, 120_000);
});

describe('the command line', () => {
  const older = join(scratch, 'older.csv');
  const newer = join(scratch, 'newer.csv');
  writeFileSync(older, 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;\nA2;fast-track;2023-03-01;2023-03-10\n');
  writeFileSync(newer, 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;2023-03-20\n');

  test.each([
    ['first', `${newer}:2 (id A1): id is repeated: the first record with it is at ${older}:2`],
    ['last', `${older}:2 (id A1): id is repeated: the last record with it, the one counted, is at ${newer}:2`],
  ])('evaluate, validate and pending with --duplicates %s', async (duplicates, message) => {
    const evaluated = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--duplicates', duplicates, older, newer]);
    expect(evaluated.code).toBe(2);
    const report = JSON.parse(evaluated.out) as { duplicates: string; counts: { measured: number; pending: number }; invalid: InvalidRecord[] };
    expect(report.duplicates).toBe(duplicates);
    expect(report.invalid.map((problem) => problem.message)).toEqual([message]);
    expect(report.counts.pending).toBe(duplicates === 'first' ? 1 : 0);
    const pending = await runCli(['pending', '--plan', 'siri-2023', '--as-of', '2023-03-15', '--format', 'json', '--duplicates', duplicates, older, newer]);
    expect((JSON.parse(pending.out) as { invalid: InvalidRecord[] }).invalid.map((problem) => problem.message)).toEqual([message]);
    const both = join(scratch, `both-${duplicates}.csv`);
    writeFileSync(both, 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;\nA1;fast-track;2023-03-01;2023-03-20\n');
    const validated = await runCli(['validate', '--duplicates', duplicates, both]);
    expect(validated.code).toBe(2);
    expect(validated.out).toContain(duplicates === 'first' ? `${both}:3 (id A1): id is repeated` : `${both}:2 (id A1): id is repeated`);
  });

  test('--duplicates last on standard input is a usage error that says why; other values are refused', async () => {
    for (const command of [['evaluate', '--plan', 'siri-2023'], ['pending', '--plan', 'siri-2023', '--as-of', '2023-03-15'], ['validate']]) {
      const run = await runCli([...command, '--duplicates', 'last', '-'], 'id,caseType,applied\nA1,eu,2023-01-01\n');
      expect(run.code).toBe(1);
      expect(run.err).toContain('standard input can be read only once');
    }
    const wrong = await runCli(['evaluate', '--plan', 'siri-2023', '--duplicates', 'newest', older]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('--duplicates must be first or last, got "newest"');
  });
});

/** A UTF-16 code unit of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The record without its `undefined` fields (as a file would give it). */
function withoutUndefined(record: object): object {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Ids as case numbers are: a few prefixes, numbers close together or far apart, with leading zeros or not. */
const numberedId = fc
  .tuple(fc.constantFrom('', 'C', 'SIRI-', '21/', 'Å-'), fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 999_999_999_999 })), fc.constantFrom(0, 3, 12))
  .map(([prefix, number, width]) => `${prefix}${String(number).padStart(width, '0')}`);
