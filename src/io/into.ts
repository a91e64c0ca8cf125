import type { Intake } from '../evaluate/intake.js';
import { parallelRead } from './parallel.js';
import { readRecords } from './read.js';
import { scanCases } from './scan.js';
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
    const summary = await scanCases(source, { ...read, ...parallel, ...(onProgress === undefined ? {} : { onProgress }) }, intake.caseRows(file));
    // The columns are known once the read is done: each problem of the file names its column.
    intake.nameColumns(file, summary.fields);
    return summary;
  }
  const reader = readRecords(source, read);
  let rows = 0;
  for await (const row of reader) {
    const place = { file, line: row.line, columns: reader.summary.fields };
    if (row.problem === undefined) intake.add(kind, row.record, place);
    else intake.addUnreadable(kind, row.problem, place);
    if (onProgress !== undefined && ++rows % PROGRESS_ROWS === 0) onProgress(rows);
  }
  return reader.summary;
}

/** The default name of a source in problems. */
function sourceName(source: RecordSource): string {
  if ('path' in source) return source.path;
  if ('stream' in source) return source.name ?? 'stream';
  return 'text';
}
