/**
 * The fast paths of an evaluation against the reference paths they shortcut: date readers without
 * `Date` or regular expressions, counting plain records without allocating, and reading CSV rows
 * straight from their bytes. Each property names the one invariant it checks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NO_DAY, fastCivilDay, fastDayOfBytes, fastIsoDay } from '../src/dates/fast.js';
import { parseDate } from '../src/dates/parse.js';
import { caseAccumulator, type MissingAttributes, type PlanAggregate } from '../src/evaluate/aggregate.js';
import type { CaseAccumulator } from '../src/evaluate/cases.js';
import { describeProblem, placeProblem } from '../src/evaluate/records.js';
import { getPlan } from '../src/index.js';
import { readRecords, type ReadOptions, type ReadRow, type ReadSummary, type RecordSource } from '../src/io/index.js';
import { scanCases, scanPart, type ParallelRead } from '../src/io/scan.js';
import { CATALOGUE_PLAN_IDS, mixedScenarioArb, validCasesArb, type DateOnlyCase } from './arbitraries.js';
import { chunked } from './streams.js';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The header of the generated CSV files without scope columns. */
const HEADER = 'sagsnr;sagstype;indgivet;afgjort;note';

describe('fast date readers', () => {
  const civil = fc.record({
    year: fc.oneof(fc.integer({ min: 1890, max: 2210 }), fc.constantFrom(1900, 2000, 2100, 2199, 2200)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
  });

  test('the fast readers give parseDate’s day wherever they answer, and answer for every valid plain date', () => {
    fc.assert(
      fc.property(civil, ({ year, month, day }) => {
        const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        const expected = parseDate(iso);
        const valid = typeof expected === 'number';
        expect(fastCivilDay(year, month, day)).toBe(valid ? expected : NO_DAY);
        expect(fastIsoDay(iso)).toBe(valid ? expected : NO_DAY);
        expect(fastDayOfBytes(Buffer.from(iso), 0, 10)).toBe(valid ? expected : NO_DAY);
        for (const separator of ['-', '.']) {
          const danish = `${pad(day, 2)}${separator}${pad(month, 2)}${separator}${pad(year, 4)}`;
          const bytes = Buffer.from(`;${danish};`);
          expect(fastDayOfBytes(bytes, 1, 11)).toBe(valid ? expected : NO_DAY);
        }
      }),
    );
  });

  test('text that is not a plain date is left to parseDate', () => {
    for (const text of ['2023-03-01T10:00', '2023-3-01', '2023/03/01', '20230301', ' 2023-03-01', '2023-03-0a', '+023-03-01', '1-03-2023', '01-03.2023', '2023–03–01']) {
      expect(fastIsoDay(text)).toBe(NO_DAY);
      const bytes = Buffer.from(text);
      expect(fastDayOfBytes(bytes, 0, bytes.length)).toBe(NO_DAY);
    }
  });
});

/** The aggregate of one plan and period after `fill` has counted records into it. */
function counted(plan: ReturnType<typeof getPlan>, period: { from: string; to: string }, fill: (accumulator: CaseAccumulator) => void): PlanAggregate {
  const { accumulator, aggregate } = caseAccumulator(plan, { period });
  fill(accumulator);
  accumulator.finish();
  return aggregate;
}

describe('counting records in memory', () => {
  test('the fast path equals the reference path (readCaseRecord for every record)', () => {
    fc.assert(
      fc.property(mixedScenarioArb(50), fc.array(fc.nat(4), { maxLength: 50 }), ({ plan, period, input }, variants) => {
        // Variants of plain records that keep them plain or push them off the fast path.
        const records = input.records.map((record, i) => {
          if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
          const plain = record as DateOnlyCase;
          switch (variants[i] ?? 0) {
            case 1:
              return plain.decided === null ? { ...plain, decided: '' } : plain;
            case 2: {
              const { decided, ...rest } = plain;
              return decided === null ? rest : plain;
            }
            case 3:
              return { ...plain, events: undefined };
            case 4:
              return { ...plain, applied: `${plain.applied}T12:00:00+01:00` };
            default:
              return plain;
          }
        });
        const fast = counted(plan, period, (accumulator) => {
          accumulator.addAll(records);
        });
        const reference = counted(plan, period, (accumulator) => {
          for (const record of records) accumulator.addReference(record);
        });
        expect(fast).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });
});

describe('finishing an accumulator', () => {
  test('finishing part-way and counting on equals finishing once at the end', () => {
    fc.assert(
      fc.property(mixedScenarioArb(40), fc.nat(), ({ plan, period, input }, cut) => {
        const at = cut % (input.records.length + 1);
        const once = counted(plan, period, (accumulator) => {
          accumulator.addAll(input.records);
        });
        const twice = counted(plan, period, (accumulator) => {
          accumulator.addAll(input.records.slice(0, at));
          accumulator.finish();
          accumulator.addAll(input.records.slice(at));
        });
        expect(twice).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// CSV rows read from their bytes

/** How one data row is written. */
interface RowStyle {
  date: 'iso' | 'danish' | 'dotted' | 'short' | 'padded' | 'stamp';
  lineEnd: '\n' | '\r\n' | '\r';
  extra: 'none' | 'empty' | 'text' | 'missing';
  quoted: boolean;
  idText: 'plain' | 'padded' | 'blank' | 'danish';
  typeText: 'plain' | 'padded' | 'blank' | 'danish';
  blankBefore: boolean;
  /** How the `withoutTarget` cell of a scoped file is written. */
  flagText: 'lower' | 'upper' | 'padded' | 'invalid';
}

const rowStyleArb: fc.Arbitrary<RowStyle> = fc.record({
  date: fc.constantFrom('iso', 'iso', 'iso', 'danish', 'dotted', 'short', 'padded', 'stamp'),
  lineEnd: fc.constantFrom('\n', '\n', '\r\n', '\r'),
  extra: fc.constantFrom('none', 'none', 'none', 'empty', 'text', 'missing'),
  quoted: fc.integer({ min: 0, max: 9 }).map((value) => value === 0),
  idText: fc.constantFrom('plain', 'plain', 'plain', 'padded', 'blank', 'danish'),
  typeText: fc.constantFrom('plain', 'plain', 'plain', 'padded', 'blank', 'danish'),
  blankBefore: fc.integer({ min: 0, max: 4 }).map((value) => value === 0),
  flagText: fc.constantFrom<RowStyle['flagText']>('lower', 'upper', 'padded', 'lower', 'upper', 'invalid'),
});

function dateText(iso: string, style: RowStyle['date']): string {
  const [year, month, day] = iso.split('-') as [string, string, string];
  switch (style) {
    case 'danish':
      return `${day}-${month}-${year}`;
    case 'dotted':
      return `${day}.${month}.${year}`;
    case 'short':
      return `${Number(day)}-${Number(month)}-${year}`;
    case 'padded':
      return ` ${iso} `;
    case 'stamp':
      return `${iso}T23:30:00Z`;
    default:
      return iso;
  }
}

/** The text of a `withoutTarget` cell in a style (`invalid`: not a flag, for a flagged case). */
function flagCell(flag: boolean | undefined, style: RowStyle['flagText']): string {
  if (flag === undefined) return '';
  const text = String(flag);
  return { lower: text, upper: text.toUpperCase(), padded: ` ${text} `, invalid: flag ? 'ja' : '' }[style];
}

/**
 * A CSV file of the cases in the given styles (`;`-separated, with an ignored column). A header
 * with more columns than {@link HEADER} has the scope columns: two attributes and the flag.
 */
function csvOf(cases: readonly DateOnlyCase[], styles: readonly RowStyle[], header: string): string {
  const scoped = header !== HEADER;
  let text = `\uFEFF${header}\r\n`;
  cases.forEach((record, i) => {
    const style: RowStyle = styles[i] ?? (styles[0] as RowStyle);
    if (style.blankBefore) text += i % 2 === 0 ? '\n' : ' ; ;\n';
    const id = { plain: record.id, padded: ` ${record.id}`, blank: '', danish: `Å${record.id}` }[style.idText];
    const caseType = { plain: record.caseType, padded: `${record.caseType} `, blank: ' ', danish: 'beløbsordning' }[style.typeText];
    const cells = [id, caseType, dateText(record.applied, style.date), record.decided === null ? '' : dateText(record.decided, style.date), 'note'];
    if (scoped) cells.push(record.attributes?.['applicationKind'] ?? '', ` ${record.attributes?.['complexity'] ?? ''}`, flagCell(record.withoutTarget, style.flagText));
    if (style.quoted) cells[4] = '"a ""quoted"" note"';
    if (style.extra === 'empty') cells.push('');
    if (style.extra === 'text') cells.push('x');
    if (style.extra === 'missing') cells.splice(3);
    text += `${cells.join(';')}${style.lineEnd}`;
  });
  return text;
}

/** Counts a row as the command line does: problems and invalid records named by their line. */
function countRow(accumulator: CaseAccumulator, aggregate: PlanAggregate, row: ReadRow, reference: boolean): void {
  if (row.problem !== undefined) {
    const { column, value, code, message: reason } = row.problem;
    const problem = { input: 'cases' as const, index: accumulator.index, id: null, field: '', file: 'file', line: row.line, column: column === '' ? null : column, value, code, reason };
    accumulator.addProblem({ ...problem, message: describeProblem(problem) });
    return;
  }
  const before = aggregate.invalid.length;
  if (reference) accumulator.addReference(row.record);
  else accumulator.add(row.record);
  for (let i = before; i < aggregate.invalid.length; i++) {
    const entry = aggregate.invalid[i] as PlanAggregate['invalid'][number];
    aggregate.invalid[i] = placeProblem(entry, { file: 'file', line: row.line });
  }
}

/**
 * How the fast side reads a file in two parts: the helper runs `scanPart` in this thread (the
 * command line runs it in a worker thread), or fails.
 */
interface HelperPlan {
  share: number;
  fails?: boolean;
  /** Counts the helpers started. */
  started: { count: number };
}

function inProcessHelper(plan: HelperPlan): ParallelRead {
  return {
    minBytes: 0,
    share: plan.share,
    start(job) {
      plan.started.count++;
      // The job crosses a thread boundary in the command line: a structured clone is what the helper gets.
      const result = plan.fails === true ? Promise.reject(new Error('the helper failed')) : scanPart(structuredClone(job));
      result.catch(() => undefined);
      return { result, cancel: () => undefined };
    },
  };
}

/** The plan and missing-attribute policy a file is counted for. */
interface Counting {
  plan: (typeof CATALOGUE_PLAN_IDS)[number];
  missingAttributes: MissingAttributes;
}

const countingArb: fc.Arbitrary<Counting> = fc.record({
  plan: fc.constantFrom(...CATALOGUE_PLAN_IDS),
  missingAttributes: fc.constantFrom<MissingAttributes>('inScope', 'outOfScope', 'invalid'),
});

async function readBoth(
  source: () => RecordSource,
  options: ReadOptions,
  period: { from: string; to: string },
  helper?: HelperPlan,
  counting: Counting = { plan: 'siri-2023', missingAttributes: 'inScope' },
): Promise<{ fast: { aggregate: PlanAggregate; summary: ReadSummary; fromBytes: number }; reference: { aggregate: PlanAggregate; summary: ReadSummary } }> {
  const plan = getPlan(counting.plan);
  const reference = caseAccumulator(plan, { period, missingAttributes: counting.missingAttributes });
  const reader = readRecords(source(), options);
  for await (const row of reader) countRow(reference.accumulator, reference.aggregate, row, true);
  reference.accumulator.finish();

  const fast = caseAccumulator(plan, { period, missingAttributes: counting.missingAttributes });
  let fromBytes = 0;
  const parallel = helper === undefined ? {} : { parallel: inProcessHelper(helper) };
  const summary = await scanCases(source(), { ...options, ...parallel }, {
    slot: (caseType, attributes, flagged) => {
      const slot = fast.accumulator.variant(fast.accumulator.slot(caseType), attributes, flagged);
      return slot.invalidAttribute === null ? slot : null;
    },
    days: (slot, applied, decided, _line, id, from, to) => {
      fromBytes++;
      fast.accumulator.addDays(slot, applied, decided, slot.eventClock ? Buffer.from(id.subarray(from, to)).toString('utf8') : '');
    },
    row: (row) => {
      countRow(fast.accumulator, fast.aggregate, row, false);
    },
  });
  fast.accumulator.finish();
  return { fast: { aggregate: fast.aggregate, summary, fromBytes }, reference: { aggregate: reference.aggregate, summary: reader.summary } };
}

/** The ways of mapping codes while reading: none, a case-type mapping, codes of case types, of ids too (read the slow way), of attributes and flags. */
const CODINGS: readonly Pick<ReadOptions, 'caseTypeMap' | 'codes'>[] = [
  {},
  { caseTypeMap: { 'beløbsordning': 'beloebsordning' } },
  { codes: { caseType: { 'beløbsordning': 'beloebsordning', eu: 'studie' } } },
  { codes: new Map([['id', new Map([['S1', 'T1']])], ['caseType', new Map([['studie', 'eu']])]]) },
  // Attribute and flag cells with codes: some values map, others pass through and are counted.
  { codes: { applicationKind: { renewal: 'extension' }, 'attributes.complexity': { complex: 'simple' }, withoutTarget: { ja: 'true' } } },
];

describe('reading CSV rows from their bytes', () => {
  const period = { from: '2019-01-01', to: '2025-12-31' };
  const header = HEADER;
  const map = { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' };
  /** With columns of attributes (one mapped by its name alone) and the agency's flag. */
  const scopedHeader = `${HEADER};ansoegning;attributes.complexity;uden_maal`;
  const scopedMap = { ...map, applicationKind: 'ansoegning', withoutTarget: 'uden_maal' };

  test('scanCases gives the rows, counts and summary of readRecords, in chunks cut anywhere, with attribute and flag columns', async () => {
    await fc.assert(
      fc.asyncProperty(
        validCasesArb(40).chain((cases) =>
          fc.tuple(fc.constant(cases), fc.array(rowStyleArb, { minLength: cases.length, maxLength: cases.length }), fc.array(fc.nat(4000), { maxLength: 6 })),
        ),
        fc.constantFrom(...CODINGS),
        fc.boolean(),
        countingArb,
        async ([cases, styles, cuts], coding, scoped, counting) => {
          const text = csvOf(cases, styles, scoped ? scopedHeader : header);
          const options: ReadOptions = { map: scoped ? scopedMap : map, ...coding };
          const { fast, reference } = await readBoth(() => ({ stream: chunked(text, cuts) }), options, period, undefined, counting);
          expect(fast.aggregate).toEqual(reference.aggregate);
          expect(fast.summary).toEqual(reference.summary);
          expect(fast.summary.rows).toBe(fast.summary.records + fast.summary.problems + fast.summary.emptyLines);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a file is read the same way: plain rows, then a quoted row from which csv-parse reads on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'servicemaal-scan-'));
    try {
      const rows = Array.from({ length: 3000 }, (_, i) => `S${i};${i % 3 === 0 ? 'eu' : 'studie'};2023-0${(i % 9) + 1}-1${i % 10};${i % 7 === 0 ? '' : `2023-1${i % 3}-2${i % 10}`};n`);
      rows.splice(2500, 0, 'Q1;eu;2023-02-01;2023-02-03;"a note\nover two lines"');
      rows.splice(100, 0, 'B1;eu;2023-02-30;2023-03-01;n', 'B2;;2023-02-01;;n', '', 'B3;eu;2023-02-01;2023-01-01;n;extra');
      const path = join(dir, 'sager.csv');
      writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
      const { fast, reference } = await readBoth(() => ({ path }), { map }, { from: '2023-01-01', to: '2023-12-31' });
      expect(fast.aggregate).toEqual(reference.aggregate);
      expect(fast.summary).toEqual(reference.summary);
      expect(fast.aggregate.invalid.map((entry) => `${String(entry.line)} ${entry.field}`)).toEqual(['102 applied', '103 caseType', '105 ']);
      expect(fast.aggregate.counts).toMatchObject({ input: 3004, invalid: 3 });
      expect(fast.summary).toMatchObject({ records: 3003, problems: 1, emptyLines: 1 });
      // Every plain row before the quoted one was read from its bytes.
      expect(fast.fromBytes).toBe(2500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reading a file in two parts, the second by a helper, equals reading it in one pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'servicemaal-split-'));
    const started = { count: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(
          validCasesArb(40).chain((cases) => fc.tuple(fc.constant(cases), fc.array(rowStyleArb, { minLength: cases.length, maxLength: cases.length }))),
          fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          fc.boolean(),
          fc.boolean(),
          fc.boolean(),
          countingArb,
          async ([cases, styles], share, bom, quotes, scoped, counting) => {
            const path = join(dir, 'sager.csv');
            // Files with quotes are mostly read in one pass: they are one run in two.
            const written = quotes ? styles : styles.map((style) => ({ ...style, quoted: false }));
            writeFileSync(path, `${bom ? '\uFEFF' : ''}${csvOf(cases, written, scoped ? scopedHeader : header)}`);
            const { fast, reference } = await readBoth(() => ({ path }), { map: scoped ? scopedMap : map }, period, { share, started }, counting);
            expect(fast.aggregate).toEqual(reference.aggregate);
            expect(fast.summary).toEqual(reference.summary);
          },
        ),
        { numRuns: 150 },
      );
      // Most files are split (a file whose first part holds a quote is then read on in one pass).
      expect(started.count).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rows with attribute and flag columns stay on the byte path; rows a lacking attribute makes invalid are read as records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'servicemaal-scope-'));
    try {
      const kinds = ['first', 'extension', 'first', ''];
      const rows = Array.from({ length: 2000 }, (_, i) => `S${i};studie;2023-0${(i % 9) + 1}-1${i % 10};${i % 7 === 0 ? '' : `2023-1${i % 3}-2${i % 10}`};n;${kinds[i % 4] ?? ''};;${i % 50 === 0 ? 'TRUE' : ''}`);
      const path = join(dir, 'sager.csv');
      writeFileSync(path, `${scopedHeader}\n${rows.join('\n')}\n`);
      const year = { from: '2023-01-01', to: '2023-12-31' };
      const inScope = await readBoth(() => ({ path }), { map: scopedMap }, year, undefined, { plan: 'siri-2023', missingAttributes: 'inScope' });
      expect(inScope.fast.aggregate).toEqual(inScope.reference.aggregate);
      expect(inScope.fast.fromBytes).toBe(2000);
      // Every 50th row is flagged (none of them an extension or lacking the attribute); the extensions (i % 4 = 1) are outside the Studie target's scope.
      expect(inScope.fast.aggregate.withoutTargetReasons).toEqual({ noTarget: {}, outOfScope: { studie: 500 }, flagged: { studie: 40 } });
      expect(inScope.fast.aggregate.scope.missing).toEqual({ applicationKind: 500 });
      const invalid = await readBoth(() => ({ path }), { map: scopedMap }, year, undefined, { plan: 'siri-2023', missingAttributes: 'invalid' });
      expect(invalid.fast.aggregate).toEqual(invalid.reference.aggregate);
      expect(invalid.fast.fromBytes).toBe(1500);
      expect(invalid.fast.aggregate.invalid[0]).toMatchObject({ line: 5, field: 'attributes.applicationKind', code: 'missing_attribute' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when the helper fails, the file is read on in one pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'servicemaal-split-'));
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => `S${i};${i % 3 === 0 ? 'eu' : 'studie'};2023-0${(i % 9) + 1}-1${i % 10};${i % 7 === 0 ? '' : `2023-1${i % 3}-2${i % 10}`};n`);
      rows.splice(1500, 0, 'B1;eu;2023-02-30;2023-03-01;n');
      const path = join(dir, 'sager.csv');
      writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
      const started = { count: 0 };
      const { fast, reference } = await readBoth(() => ({ path }), { map }, period, { share: 0.5, fails: true, started });
      expect(started.count).toBe(1);
      expect(fast.aggregate).toEqual(reference.aggregate);
      expect(fast.summary).toEqual(reference.summary);
      expect(fast.aggregate.invalid.map((entry) => entry.line)).toEqual([1502]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('JSON and NDJSON sources pass through readRecords unchanged', async () => {
    const cases = [
      { id: 'A', caseType: 'eu', applied: '2023-01-02', decided: '2023-01-03' },
      { id: 'B', caseType: 'eu', applied: '2023-01-02', decided: 'bad' },
    ];
    for (const text of [JSON.stringify(cases), cases.map((record) => JSON.stringify(record)).join('\n')]) {
      const { fast, reference } = await readBoth(() => ({ text }), {}, { from: '2023-01-01', to: '2023-12-31' });
      expect(fast.aggregate).toEqual(reference.aggregate);
      expect(fast.summary).toEqual(reference.summary);
    }
  });
});
