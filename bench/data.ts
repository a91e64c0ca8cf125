/**
 * Deterministic SIRI 2023 case data for the benchmarks (`bench/memory.ts`, `bench/speed.ts`).
 *
 * Every row is drawn from a seeded PRNG (mulberry32) with integer day arithmetic only, so the same
 * number of rows gives the same records, and the same file shape the same bytes:
 *
 * - applications from 2022-10-01 to 2023-12-31, fewer at weekends;
 * - the case types of SIRI 2023, each with its share of the cases and processing times drawn from
 *   bands of days, plus two case types without a 2023 target (`loenarbejde`, `praktikant`);
 * - data extracted on 2024-01-15: cases decided later are pending (empty `decided`).
 *
 * The file shape is a parameter ({@link CaseFileShape}): the column names, the share of dates
 * written in Danish `dd-mm-yyyy`, whether invalid records are mixed in (one in so many rows, or
 * every even row) and whether every cell is quoted. The draws do not depend on the shape, so
 * {@link MEMORY_FILE}, {@link SPEED_FILE}, {@link HALF_INVALID_FILE} and {@link QUOTED_FILE} hold
 * the same cases, apart from their invalid records.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** mulberry32: a small seeded PRNG giving numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date `yyyy-mm-dd`. */
export const dayOf = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

const isoCache = new Map<number, string>();
const danishCache = new Map<number, string>();

/** The ISO date `yyyy-mm-dd` of a day number (cached: the data spans a few hundred days). */
export function isoOf(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, text);
  }
  return text;
}

/** The Danish date `dd-mm-yyyy` of a day number. */
export function danishOf(day: number): string {
  let text = danishCache.get(day);
  if (text === undefined) {
    const iso = isoOf(day);
    text = `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
    danishCache.set(day, text);
  }
  return text;
}

/** First application day. */
export const FIRST = dayOf('2022-10-01');
/** Last application day. */
export const LAST = dayOf('2023-12-31');
/** The extraction date: cases decided after it are pending. */
export const EXTRACTED = dayOf('2024-01-15');
/** The seed of every data set. */
export const SEED = 20_230_101;

/** A case type of the data: its share of the cases and its processing times (bands of days with their weights). */
export interface CaseTypeProfile {
  caseType: string;
  weight: number;
  bands: [p: number, from: number, to: number][];
}

/** Case types, their share of the cases and processing times. `loenarbejde` and `praktikant` have no SIRI 2023 target. */
export const CASE_TYPES: readonly CaseTypeProfile[] = [
  { caseType: 'eu', weight: 30, bands: [[0.8, 1, 40], [0.2, 40, 150]] },
  { caseType: 'fast-track', weight: 8, bands: [[0.85, 3, 31], [0.15, 31, 90]] },
  { caseType: 'beloebsordning', weight: 10, bands: [[0.55, 10, 31], [0.25, 31, 92], [0.2, 92, 200]] },
  { caseType: 'positivliste', weight: 10, bands: [[0.5, 10, 31], [0.25, 31, 92], [0.25, 92, 220]] },
  { caseType: 'landbrug', weight: 3, bands: [[0.85, 5, 31], [0.15, 31, 120]] },
  { caseType: 'medfoelgende-familie-erhverv', weight: 9, bands: [[0.8, 10, 62], [0.2, 62, 180]] },
  { caseType: 'studie', weight: 18, bands: [[0.9, 5, 62], [0.1, 62, 150]] },
  { caseType: 'phd', weight: 3, bands: [[0.8, 5, 31], [0.2, 31, 100]] },
  { caseType: 'loenarbejde', weight: 6, bands: [[1, 10, 120]] },
  { caseType: 'praktikant', weight: 3, bands: [[1, 10, 90]] },
];
const TOTAL_WEIGHT = CASE_TYPES.reduce((sum, type) => sum + type.weight, 0);

/** How a CSV of the cases looks. */
export interface CaseFileShape {
  /** Header names of the id, case type, application date and decision date columns. */
  columns: readonly [id: string, caseType: string, applied: string, decided: string];
  /** Share (0–1) of rows whose dates are written in Danish `dd-mm-yyyy`; the rest are ISO. */
  danishShare: number;
  /** One invalid record (decided ten days before applied) per this many rows, or `null` for none. */
  invalidEvery: number | null;
  /**
   * Every even row invalid, the three kinds in turn ({@link invalidKindOf}): an application date
   * that is not a calendar date (day 32), decided ten days before applied, two extra cells.
   */
  halfInvalid: boolean;
  /** Every cell, the header's too, in double quotes (`"SIRI-0000001","eu","2023-05-02",""`). */
  quoted: boolean;
  /**
   * Header name of a last column with the application kind (`first`, or `extension` for one case in
   * five: {@link applicationKindOf}), or `null` for no such column.
   */
  kindColumn: string | null;
}

/** How a row was made invalid: see {@link CaseFileShape}. */
export type InvalidKind = 'badDate' | 'decidedBeforeApplied' | 'extraCells';

const HALF_INVALID_KINDS: readonly InvalidKind[] = ['badDate', 'decidedBeforeApplied', 'extraCells'];

/** How row `row` (1-based) of a file of this shape is invalid, or `null` when it is valid. */
export function invalidKindOf(row: number, shape: CaseFileShape): InvalidKind | null {
  if (shape.halfInvalid && row % 2 === 0) return HALF_INVALID_KINDS[(row / 2) % 3] ?? null;
  if (shape.invalidEvery !== null && row % shape.invalidEvery === 123) return 'decidedBeforeApplied';
  return null;
}

/** The shape of `bench/memory.ts`: `id,caseType,applied,decided`, 10 % Danish dates, one invalid record per 250,000 rows. */
export const MEMORY_FILE: CaseFileShape = { columns: ['id', 'caseType', 'applied', 'decided'], danishShare: 0.1, invalidEvery: 250_000, halfInvalid: false, quoted: false, kindColumn: null };

/**
 * The shape of `bench/speed.ts`: `case_id,case_type,applied,decided,application_kind`, ISO dates
 * only, no invalid records; one case in five is an extension, which the first-time targets leave out.
 */
export const SPEED_FILE: CaseFileShape = {
  columns: ['case_id', 'case_type', 'applied', 'decided'],
  danishShare: 0,
  invalidEvery: null,
  halfInvalid: false,
  quoted: false,
  kindColumn: 'application_kind',
};

/** {@link SPEED_FILE} with every even row invalid (bad date, decided before applied, extra cells in turn). */
export const HALF_INVALID_FILE: CaseFileShape = { ...SPEED_FILE, halfInvalid: true };

/** {@link SPEED_FILE} with every cell quoted (the command line reads it with csv-parse). */
export const QUOTED_FILE: CaseFileShape = { ...SPEED_FILE, quoted: true };

/**
 * The application kind of the case in row `row` (1-based): `extension` for one row in five, spread by
 * a multiplicative hash of the row number (not drawn from the PRNG, so every shape holds the same
 * cases), else `first`.
 */
export const applicationKindOf = (row: number): 'first' | 'extension' => ((Math.imul(row, 0x9e3779b1) >>> 0) % 5 === 0 ? 'extension' : 'first');

/** The id of the case in row `row` (1-based). */
export const caseId = (row: number): string => `SIRI-${String(row).padStart(7, '0')}`;

/**
 * Calls `visit` for each of `rows` cases in order, without allocating per row. `decided` is `null`
 * for a pending case; `invalid` says how the record was made invalid (`null`: valid; a record
 * decided before applied has its `decided` set so); `danish` whether its dates are written in Danish.
 */
export function forEachCase(
  rows: number,
  shape: CaseFileShape,
  visit: (row: number, caseType: string, applied: number, decided: number | null, danish: boolean, invalid: InvalidKind | null) => void,
): void {
  const random = mulberry32(SEED);
  const drawn = newDrawn();
  for (let row = 1; row <= rows; row++) {
    drawCase(random, row, shape, drawn);
    visit(row, drawn.caseType, drawn.applied, drawn.decided, drawn.danish, drawn.invalid);
  }
}

/** One case as drawn (day numbers), reused from row to row. */
interface Drawn {
  caseType: string;
  applied: number;
  decided: number | null;
  danish: boolean;
  invalid: InvalidKind | null;
}

const newDrawn = (): Drawn => ({ caseType: '', applied: 0, decided: null, danish: false, invalid: null });

/** Draws the case of row `row` (the rows must be drawn in order from one `random`) into `into`. */
function drawCase(random: () => number, row: number, shape: CaseFileShape, into: Drawn): Drawn {
  let pick = random() * TOTAL_WEIGHT;
  const type: CaseTypeProfile = CASE_TYPES.find((candidate) => (pick -= candidate.weight) < 0) ?? (CASE_TYPES[0] as CaseTypeProfile);
  let applied = FIRST + Math.floor(random() * (LAST - FIRST + 1));
  // Fewer applications at weekends (1970-01-01, day 0, was a Thursday).
  const weekday = (applied + 3) % 7;
  if (weekday >= 5 && random() < 0.8) applied -= weekday - 4;
  if (applied < FIRST) applied = FIRST;
  let band = random();
  const [, from, to]: [number, number, number] = type.bands.find(([p]) => (band -= p) < 0) ?? (type.bands[type.bands.length - 1] as [number, number, number]);
  let decided: number | null = applied + from + Math.floor(random() * (to - from + 1));
  if (decided > EXTRACTED) decided = null;
  const invalid = invalidKindOf(row, shape);
  if (invalid === 'decidedBeforeApplied') decided = applied - 10;
  // Drawn for every row whatever the shape, so that all shapes hold the same cases.
  into.danish = random() < shape.danishShare;
  into.caseType = type.caseType;
  into.applied = applied;
  into.decided = decided;
  into.invalid = invalid;
  return into;
}

/** A date that is not a calendar date: day 32 of the month of `day`, in ISO or Danish form. */
export const badDateOf = (day: number, danish: boolean): string => (danish ? `32${danishOf(day).slice(2)}` : `${isoOf(day).slice(0, 8)}32`);

/** The two non-empty cells after the header's columns of an `extraCells` row. */
export const EXTRA_CELLS = ['extra', 'cells'] as const;

/**
 * Writes `rows` cases as CSV in the given shape (string chunks of 10,000 rows, written with
 * `writeSync`). Returns the number of invalid records written.
 */
export function writeCases(path: string, rows: number, shape: CaseFileShape): { invalid: number } {
  const fd = openSync(path, 'w');
  let invalid = 0;
  const q = shape.quoted ? '"' : '';
  const separator = `${q},${q}`;
  try {
    const header = shape.kindColumn === null ? shape.columns : [...shape.columns, shape.kindColumn];
    let chunk = `${q}${header.join(separator)}${q}\n`;
    forEachCase(rows, shape, (row, caseType, applied, decided, danish, kind) => {
      if (kind !== null) invalid++;
      const format = danish ? danishOf : isoOf;
      const appliedText = kind === 'badDate' ? badDateOf(applied, danish) : format(applied);
      const extra = kind === 'extraCells' ? `${separator}${EXTRA_CELLS.join(separator)}` : '';
      const kindCell = shape.kindColumn === null ? '' : `${separator}${applicationKindOf(row)}`;
      chunk += `${q}${caseId(row)}${separator}${caseType}${separator}${appliedText}${separator}${decided === null ? '' : format(decided)}${kindCell}${extra}${q}\n`;
      if (row % 10_000 === 0) {
        writeSync(fd, chunk);
        chunk = '';
      }
    });
    if (chunk !== '') writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { invalid };
}

/** A case record as `evaluatePlan` takes it, with ISO dates (and the application kind, for a shape with that column). */
export interface BenchCase {
  id: string;
  caseType: string;
  applied: string;
  decided: string | null;
  attributes?: { applicationKind: string };
}

/** The attributes of row `row` for a shape: its application kind when the shape has that column. */
const attributesOf = (row: number, shape: CaseFileShape): Pick<BenchCase, 'attributes'> =>
  shape.kindColumn === null ? {} : { attributes: { applicationKind: applicationKindOf(row) } };

/**
 * The first `rows` cases as in-memory records (ISO date strings, `decided` `null` when pending):
 * the same cases as the CSV of {@link writeCases} with the same shape, for a shape without
 * invalid rows other than decided before applied (see {@link caseRecordsOneByOne} for the others).
 */
export function caseRecords(rows: number, shape: CaseFileShape): BenchCase[] {
  if (shape.halfInvalid) throw new Error('caseRecords: a half-invalid shape has rows no BenchCase holds; use caseRecordsOneByOne');
  const records: BenchCase[] = [];
  forEachCase(rows, shape, (row, caseType, applied, decided) => {
    records.push({ id: caseId(row), caseType, applied: isoOf(applied), decided: decided === null ? null : isoOf(decided), ...attributesOf(row, shape) });
  });
  return records;
}

/**
 * The records the command line reads from the CSV of {@link writeCases} with the same shape, made
 * one at a time (nothing is held: 5,000,000 of them can be given to `evaluatePlan`). A row with a
 * bad date has it as its `applied` text, a row decided before applied its dates, and a row with
 * extra cells a field `extra` that no case record has (`unknown_field`): each is one invalid record,
 * as the row is in the file.
 */
export function* caseRecordsOneByOne(rows: number, shape: CaseFileShape): Generator<BenchCase & { extra?: string }> {
  const random = mulberry32(SEED);
  const drawn = newDrawn();
  for (let row = 1; row <= rows; row++) {
    drawCase(random, row, shape, drawn);
    const applied = drawn.invalid === 'badDate' ? badDateOf(drawn.applied, false) : isoOf(drawn.applied);
    const record = { id: caseId(row), caseType: drawn.caseType, applied, decided: drawn.decided === null ? null : isoOf(drawn.decided), ...attributesOf(row, shape) };
    yield drawn.invalid === 'extraCells' ? { ...record, extra: EXTRA_CELLS.join(',') } : record;
  }
}
