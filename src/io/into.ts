import { fail } from '../errors.js';
import type { Intake } from '../evaluate/intake.js';
import { parallelRead } from './parallel.js';
import { readRecords } from './read.js';
import { scanCases, type CaseRowSink } from './scan.js';
import type { RecordSource } from './source.js';
import type { ReadOptions, ReadSummary } from './types.js';

/**
 * Options of {@link readInto}: those of {@link readRecords}, and how to name the source, report
 * progress and use a second thread.
 *
 * @example
 * ```ts
 * const options: ReadIntoOptions = { kind: 'cases', name: 'sager.csv', threads: 2, onProgress: (rows) => { void rows; } };
 * options.threads; // 2
 * ```
 */
export interface ReadIntoOptions extends ReadOptions {
  /**
   * The name problems give the source with the line (`sager.csv:14 …`). Default: the path of a file,
   * the `name` of a stream (else `stream`), `text` for a string.
   */
  name?: string;
  /** Called now and then with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  /**
   * `1` (default) reads in one pass. `2` reads a CSV file of case records of 16 MiB or more in two
   * parts at once, the last on a worker thread (`dist/scan-worker.js` of the package), with the
   * result of one pass; where the thread cannot start, or the first part holds a quote, the file is
   * read in one pass.
   */
  threads?: 1 | 2;
}

/** Rows between two calls of `onProgress` for inputs read record by record. */
const PROGRESS_ROWS = 65_536;

/**
 * Reads a file, string or stream of records into an {@link Intake}: every row becomes one record of
 * the input `kind` (default `cases`) or, when it cannot, one invalid record; each problem names the
 * source and line. A CSV file of case records is read straight from its bytes where rows have the
 * common shape (`id, caseType, applied, decided`; see `scanCases`), with the counts of reading it
 * record by record. Returns the summary of the read (columns, rows, warnings).
 *
 * Case records go through the intake's check of repeated ids (the `duplicates` option of
 * `createIntake`), also across the files and strings read into one intake, in the order they are
 * read: a problem names the file and line of the record that counts. Files read into separate
 * intakes (with `indexOffset`) and merged with `mergeAggregates` are checked each on its own. With
 * `duplicates: 'last'`, read each source with {@link readIdsInto} first.
 *
 * @example
 * ```ts
 * import { createIntake, getPlan, reportFromAggregate } from 'servicemaal';
 * import { readInto } from 'servicemaal/io';
 *
 * const plan = getPlan('siri-2023');
 * const intake = createIntake(plan, { period: '2023' });
 * const text = 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;2023-03-20\nA2;eu;2023-02-29;\n';
 * const summary = await readInto(intake, { text }, { name: 'sager.csv' });
 * summary.rows; // 2
 * const report = reportFromAggregate(plan, intake.aggregate());
 * report.counts; // { input: 2, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 }
 * report.invalid[0]?.message; // 'sager.csv:3 (id A2): applied "2023-02-29" is not a calendar date'
 * ```
 */
export async function readInto(intake: Intake, source: RecordSource, options: ReadIntoOptions = {}): Promise<ReadSummary> {
  const { name, onProgress, threads, ...read } = options;
  const file = name ?? sourceName(source);
  const kind = read.kind ?? 'cases';
  if (kind === 'cases') {
    const parallel = threads === 2 ? { parallel: parallelRead() } : {};
    const seen: { summary: ReadSummary | null } = { summary: null };
    const summary = await scanCases(
      source,
      { ...read, ...parallel, ...(onProgress === undefined ? {} : { onProgress }), onStart: (started) => { seen.summary = started; } },
      sheetRows(file, () => seen.summary, (named) => intake.caseRows(named)),
    );
    // The columns are known once the read is done: each problem of the file names its column.
    intake.nameColumns(placeName(file, summary), summary.fields);
    return summary;
  }
  const reader = readRecords(source, read);
  let rows = 0;
  for await (const row of reader) {
    const place = { file: placeName(file, reader.summary), line: row.line, columns: reader.summary.fields };
    if (row.problem === undefined) intake.add(kind, row.record, place);
    else intake.addUnreadable(kind, row.problem, place);
    if (onProgress !== undefined && ++rows % PROGRESS_ROWS === 0) onProgress(rows);
  }
  return reader.summary;
}

/**
 * The first of the two reads of `duplicates: 'last'`: reads the ids of the case records of a file,
 * string or stream, with their lines, into an intake (as `intake.expectIds` does), so that each
 * record read after with {@link readInto} knows whether a later one has its id. Read every source
 * this way, then read them again with `readInto`, in the same order and with the same options; a
 * stream can be read once only, so it cannot be read this way. Returns the summary of the read.
 *
 * @throws {ServicemaalError} `invalid_option` when the intake counts with `duplicates: 'first'`, or
 *   for a `kind` other than cases.
 * @example
 * ```ts
 * import { createIntake, getPlan } from 'servicemaal';
 * import { readIdsInto, readInto } from 'servicemaal/io';
 *
 * // Two extracts read oldest first: A1 is pending in the first and decided in the second.
 * const older = 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;\n';
 * const newer = 'id;caseType;applied;decided\nA1;fast-track;2023-03-01;2023-03-20\n';
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023', duplicates: 'last' });
 * await readIdsInto(intake, { text: older }, { name: 'januar.csv' });
 * await readIdsInto(intake, { text: newer }, { name: 'februar.csv' });
 * await readInto(intake, { text: older }, { name: 'januar.csv' });
 * await readInto(intake, { text: newer }, { name: 'februar.csv' });
 * intake.aggregate().counts; // { input: 2, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 }
 * intake.aggregate().invalid[0]?.message; // 'januar.csv:2 (id A1): id is repeated: the last record with it, the one counted, is at februar.csv:2'
 * ```
 */
export async function readIdsInto(intake: Intake, source: RecordSource, options: ReadIntoOptions = {}): Promise<ReadSummary> {
  const { name, onProgress, threads, ...read } = options;
  if ((read.kind ?? 'cases') !== 'cases') fail('invalid_option', 'readIdsInto reads the ids of case records: kind must be cases', ['kind']);
  const seen: { summary: ReadSummary | null } = { summary: null };
  const rows = sheetRows(name ?? sourceName(source), () => seen.summary, (named) => intake.idRows(named));
  const parallel = threads === 2 ? { parallel: parallelRead() } : {};
  return scanCases(source, { ...read, ...parallel, ...(onProgress === undefined ? {} : { onProgress }), onStart: (started) => { seen.summary = started; } }, rows);
}

/**
 * How problems name the rows of a source: by its name, and for a workbook with its sheet as well,
 * `export.xlsx [sheet Sager]`, so that `export.xlsx [sheet Sager]:14` is row 14 of that sheet.
 */
function placeName(file: string, summary: ReadSummary | null): string {
  return summary === null || summary.sheet === null ? file : `${file} [sheet ${summary.sheet}]`;
}

/**
 * The receiver of the case rows of a source: the rows of a workbook (known by the read's summary
 * once its sheet is chosen) go to a receiver named with the sheet.
 */
function sheetRows<S>(file: string, summary: () => ReadSummary | null, rowsOf: (name: string) => CaseRowSink<S>): CaseRowSink<S> {
  const rows = rowsOf(file);
  const plain = rows.row.bind(rows);
  let named: { name: string; rows: CaseRowSink<S> } | null = null;
  // Only the rows read one by one are redirected: rows read from bytes (CSV only) go straight to the receiver.
  rows.row = (row) => {
    const name = placeName(file, summary());
    if (name === file) plain(row);
    else {
      if (named?.name !== name) named = { name, rows: rowsOf(name) };
      named.rows.row(row);
    }
  };
  return rows;
}

/** The default name of a source in problems. */
function sourceName(source: RecordSource): string {
  if ('path' in source) return source.path;
  if ('stream' in source) return source.name ?? 'stream';
  return 'text';
}
