import { extname } from 'node:path';
import { fail } from '../errors.js';
import type { InputKind } from '../evaluate/records.js';
import { checkFieldMap, type CaseTypeMap } from './convert.js';
import { codedField, codesOrigin, ReadContext } from './context.js';
import { checkDelimiter, readCsv } from './csv.js';
import { readJsonArray, readNdjson } from './json.js';
import { checkEncoding, checkSource, peek, sourceBytes, type Peeked, type RecordSource } from './source.js';
import type { FieldCodes, InputFormat, ProblemRow, ReadOptions, ReadRow, ReadSummary } from './types.js';
import { checkWorkbookOptions, isZip, readWorkbook } from './xlsx.js';

const KINDS: readonly InputKind[] = ['cases', 'contacts', 'observations'];
const FORMATS: readonly InputFormat[] = ['csv', 'json', 'ndjson', 'xlsx'];

/**
 * A running read: an async generator of rows (its return value is the summary) with the summary
 * at hand as `summary`, which is complete once the generator is done.
 *
 * @example
 * ```ts
 * const reader: RecordReader = readRecords({ text: 'id,caseType,applied\nA1,eu,2023-03-01\nA2,eu,2023-03-02\n' });
 * reader.summary.done; // false
 * const lines: number[] = [];
 * for await (const row of reader) lines.push(row.line);
 * lines; // [2, 3]
 * reader.summary.done; // true
 * reader.summary.records; // 2
 * ```
 */
export interface RecordReader extends AsyncGenerator<ReadRow, ReadSummary, undefined> {
  /** The format, columns and counts of the read, filled in as the rows are read. */
  readonly summary: ReadSummary;
}

/**
 * Reads case records (or contacts, or observations) from a CSV, JSON or NDJSON file, a string, or
 * a stream such as `process.stdin`, yielding one entry per row: `{ line, record }`, or
 * `{ line, problem }` for a row that cannot become a record. Records are not validated: pass them
 * to `evaluatePlan`, which reports invalid ones by their position among the records.
 *
 * Line numbers are 1-based lines of the file: the line a row starts on (a quoted CSV field may
 * span several lines). In CSV and JSON, `\r\n`, `\n` and `\r` each end a line; in NDJSON, `\n` (or
 * `\r\n`). For a JSON array it is the line on which the element starts.
 *
 * Empty lines are skipped and counted, and so are CSV rows whose cells are all blank. When the
 * reading is done, `reader.summary` (also the generator's return value) reconciles:
 * `rows = records + problems + emptyLines`.
 *
 * CSV and NDJSON are read as streams, a row at a time, in bounded memory; a JSON array is read and
 * parsed whole.
 *
 * CSV (RFC 4180 quoting; a byte-order mark is dropped; line ends may be CRLF, LF or CR):
 * - The first row with a non-blank cell is the header. The delimiter is detected from it (see
 *   {@link ReadOptions.delimiter}).
 * - Cells are trimmed. An empty cell leaves the field out, except `decided` (becomes `null`: the
 *   case is pending) and `answered` (becomes `null` when the contact has an `arrived` time: it was
 *   never answered).
 * - A row with more cells than the header is a problem (`invalid_value`, "extra columns"), unless the
 *   extra cells are empty (a trailing delimiter); missing cells at the end of a shorter row count
 *   as empty cells.
 * - Date fields (`applied`, `decided`, `events.<name>`, pauses, `at`, `arrived`, `answered`,
 *   `date`): Danish `dd-mm-yyyy` and `dd.mm.yyyy` become `yyyy-mm-dd` (with a time,
 *   `dd-mm-yyyy hh:mm[:ss]` becomes `yyyy-mm-ddThh:mm[:ss]`, Copenhagen time); other text is kept,
 *   so ISO dates and timestamps pass unchanged. Only the order changes: `29-02-2023` becomes
 *   `2023-02-29`, which the library reports as an impossible date.
 * - `waitMinutes` and `daysToNextSlot`: numbers with a decimal comma or point (`7,5` → 7.5);
 *   other text is kept for the library to report.
 * - Columns `events.<name>` make `events: { <name>: date }`.
 * - A `pauses` cell holds `from/to` date pairs separated by `|` or `+`, e.g.
 *   `2023-03-01/2023-03-10|02-04-2023/14-04-2023`; `2023-03-01/` is a pause still going on. Any
 *   other text is a problem (`invalid_pause`).
 * - Columns that feed no record field are left out (the library rejects unknown fields) and
 *   listed once in `summary.ignoredColumns`.
 *
 * JSON arrays and NDJSON: each element or line must be an object (else `invalid_type`; an NDJSON
 * line that is not JSON is `invalid_value`). Keys are renamed by `map` like CSV columns, keys that
 * feed no field are left out and listed, `caseTypeMap` applies, and values are kept as they are.
 *
 * Throws a `ServicemaalError`: `invalid_option` for bad options (at the call) or a `map` naming a
 * column the header lacks or holds twice; `invalid_value` for a CSV row that cannot be parsed (a
 * quote never closed, or a row over 1,048,576 characters) and an NDJSON line over 1 MiB — the read
 * stops as soon as the limit is passed, the message names the source (`file:line`, else
 * `line N`) and the line the row starts on, and the rows before it have been yielded — and for a
 * JSON file that is not a valid array. File errors (`ENOENT`) come as they are.
 *
 * @example
 * ```ts
 * import { evaluatePlan, getPlan } from 'servicemaal';
 *
 * const reader = readRecords({ path: 'examples/data/agency-export.csv' }, {
 *   map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' },
 *   caseTypeMap: await loadCaseTypeMap('examples/data/case-type-codes.csv'),
 * });
 * const records: unknown[] = [];
 * const lines: number[] = [];
 * for await (const row of reader) {
 *   if (row.problem) console.error(`line ${String(row.line)}: ${row.problem.message}`);
 *   else {
 *     records.push(row.record);
 *     lines.push(row.line);
 *   }
 * }
 * const report = evaluatePlan(getPlan('siri-2023'), records, { period: '2023' });
 * report.invalid.map((entry) => `line ${String(lines[entry.index])}: ${entry.field} ${entry.code}`);
 * // ['line 601: applied invalid_date', 'line 852: caseType missing_field', 'line 1395: decided decision_before_application']
 * [...reader.summary.unmappedCaseTypes]; // [['ER-SUP', 39]]: a code to add to the mapping
 * ```
 */
export function readRecords(source: RecordSource, options: ReadOptions = {}): RecordReader {
  const context = startRead(source, options);
  const reader = run(source, options, context) as RecordReader;
  Object.defineProperty(reader, 'summary', { value: context.summary, enumerable: true });
  return reader;
}

/** Checks a source and the options of a read and sets up its context with an empty summary. */
export function startRead(source: RecordSource, options: ReadOptions): ReadContext {
  const summary: ReadSummary = {
    format: null,
    sheet: null,
    delimiter: null,
    headerLine: null,
    columns: [],
    fields: {},
    ignoredColumns: [],
    missingFields: [],
    rows: 0,
    records: 0,
    problems: 0,
    emptyLines: 0,
    unmappedCaseTypes: new Map(),
    unmappedCodes: new Map(),
    suspectEncoding: false,
    done: false,
  };
  checkSource(source);
  const context = contextOf(summary, options);
  context.name = 'path' in source ? source.path : 'stream' in source ? (source.name ?? null) : null;
  return context;
}

function contextOf(summary: ReadSummary, options: ReadOptions): ReadContext {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  if (typeof options !== 'object' || options === null) fail('invalid_option', 'options must be an object', ['options']);
  const kind = options.kind ?? 'cases';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript caller may pass any value: String() shows even a symbol, where a template literal throws
  if (!KINDS.includes(kind)) fail('invalid_option', `kind must be one of ${KINDS.join(', ')}, got ${String(kind)}`, ['kind']);
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript caller may pass any value: String() shows even a symbol, where a template literal throws
    fail('invalid_option', `format must be one of ${FORMATS.join(', ')}, got ${String(options.format)}`, ['format']);
  }
  checkEncoding(options.encoding);
  checkWorkbookOptions(options);
  const codes = codesOf(kind, options.codes, kind === 'cases' ? caseTypeMapOf(options.caseTypeMap) : null);
  return new ReadContext(summary, kind, checkFieldMap(kind, options.map), codes, options.delimiter === undefined ? undefined : checkDelimiter(options.delimiter));
}

/** The entries of a `Map` or of a plain object's own properties, or `null` for anything else. */
function entriesOf(value: unknown): (readonly [string, unknown])[] | null {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)].map(([key, entry]) => [String(key), entry] as const);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : null;
}

/**
 * The checked codes of a read, keyed by record field (attributes as `attributes.<name>`), with the
 * case-type mapping as the codes of `caseType`; `null` when there are none. A field the records do
 * not have, and a code given two values (by `codes` and `caseTypeMap` together, or by two names of
 * one attribute), are option errors naming the line of the codes where known.
 */
function codesOf(kind: InputKind, codes: FieldCodes | undefined, caseTypeMap: ReadonlyMap<string, string> | null): ReadonlyMap<string, ReadonlyMap<string, string>> | null {
  const checked = new Map<string, Map<string, string>>();
  if (caseTypeMap !== null) checked.set('caseType', new Map(caseTypeMap));
  if (codes !== undefined) {
    const fields = entriesOf(codes);
    if (fields === null) fail('invalid_option', 'codes must be a Map or an object { field: { code: value } }', ['codes']);
    for (const [name, values] of fields) {
      const origin = values instanceof Map ? codesOrigin(values as ReadonlyMap<string, string>) : null;
      const where = origin ?? `"${name}"`;
      const field = codedField(kind, name, where);
      const entries = entriesOf(values);
      if (entries === null) fail('invalid_option', `codes, ${where}: the codes of ${name} must be a Map or an object { code: value }`, ['codes', name]);
      let target = checked.get(field);
      if (target === undefined) {
        target = new Map();
        checked.set(field, target);
      }
      for (const [code, value] of entries) {
        if (typeof value !== 'string' || value === '') fail('invalid_option', `codes, ${where}: the value of "${code}" of ${name} must be a non-empty string`, ['codes', name, code]);
        const previous = target.get(code);
        if (previous !== undefined && previous !== value) {
          const other = field === 'caseType' && caseTypeMap?.get(code) === previous ? 'the case-type mapping' : 'another row';
          fail('invalid_option', `codes, ${where}: "${code}" of ${name} is "${value}", but ${other} makes it "${previous}"`, ['codes', name, code]);
        }
        target.set(code, value);
      }
    }
  }
  return checked.size === 0 ? null : checked;
}

function caseTypeMapOf(map: CaseTypeMap | undefined): ReadonlyMap<string, string> | null {
  if (map === undefined) return null;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  const entries: (readonly [string, unknown])[] | null = map instanceof Map ? [...map] : typeof map === 'object' && map !== null ? Object.entries(map) : null;
  if (entries === null) fail('invalid_option', 'caseTypeMap must be a Map or an object { code: caseType }', ['caseTypeMap']);
  const checked = new Map<string, string>();
  for (const [code, caseType] of entries) {
    if (typeof caseType !== 'string' || caseType === '') fail('invalid_option', `caseTypeMap: the case type for "${code}" must be a non-empty string`, ['caseTypeMap', code]);
    checked.set(code, caseType);
  }
  return checked;
}

async function* run(source: RecordSource, options: ReadOptions, context: ReadContext): AsyncGenerator<ReadRow, ReadSummary, undefined> {
  const peeked = await peek(sourceBytes(source, options.encoding));
  yield* readPeeked(source, options, context, peeked);
  return context.summary;
}

/** Reads the rows of a source whose first bytes have been peeked at; sets `summary.done` at the end. */
export async function* readPeeked(source: RecordSource, options: ReadOptions, context: ReadContext, peeked: Peeked): AsyncGenerator<ReadRow, void, undefined> {
  const format = options.format ?? formatOf(source, peeked.head);
  checkFormatOptions(format, options, context);
  context.summary.format = format;
  if (format === 'xlsx') yield* readWorkbook(peeked, context, options);
  else if (format === 'csv') yield* readCsv(peeked, context);
  else if (format === 'json') yield* readJsonArray(peeked, context);
  else yield* readNdjson(peeked, context);
  context.summary.done = true;
}

/** Refuses the options for workbooks (`sheet`, `skipRows`) when the source is no workbook. */
export function checkFormatOptions(format: InputFormat, options: ReadOptions, context: ReadContext): void {
  if (format === 'xlsx') return;
  const given = options.sheet !== undefined ? 'sheet' : options.skipRows !== undefined ? 'skipRows' : null;
  if (given === null) return;
  const what = context.name === null ? 'the source' : context.name;
  fail('invalid_option', `${given} applies to Excel workbooks, and ${what} is read as ${format.toUpperCase()}`, [given]);
}

/**
 * The format of a source: a workbook when its bytes are a ZIP archive, else from the file
 * extension, else from the first non-blank character.
 */
export function formatOf(source: RecordSource, head: string): InputFormat {
  if (isZip(head)) return 'xlsx';
  const first = /[^\s]/.exec(head)?.[0];
  const sniffed: InputFormat = first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv';
  if (!('path' in source)) return sniffed;
  const extension = extname(source.path).toLowerCase();
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.json') return first === '{' ? 'ndjson' : 'json';
  return sniffed;
}

/**
 * Everything a read gives: the records with the line of each (`lines[i]` is the line of
 * `records[i]`, so an entry of a report's `invalid` with `index: i` is on line `lines[i]`), the
 * problem rows, and the summary.
 *
 * @example
 * ```ts
 * const result: ReadResult = await readAllRecords({ text: 'id;caseType;applied;decided\nA1;eu;01-03-2023;02-03-2023\n\nA2;eu;03-03-2023;\n' });
 * result.records; // [{ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' }, { id: 'A2', caseType: 'eu', applied: '2023-03-03', decided: null }]
 * result.lines; // [2, 4]: line 3 is empty
 * result.problems; // []
 * ```
 */
export interface ReadResult {
  records: Record<string, unknown>[];
  lines: number[];
  problems: ProblemRow[];
  summary: ReadSummary;
}

/**
 * Reads all rows of a source into memory (see {@link readRecords}): the records, their lines, the
 * problem rows and the summary.
 *
 * @example
 * ```ts
 * import { evaluatePlan, getPlan } from 'servicemaal';
 *
 * const { records, lines, problems, summary } = await readAllRecords({ path: 'examples/data/agency-export.csv' }, {
 *   map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' },
 *   caseTypeMap: await loadCaseTypeMap('examples/data/case-type-codes.csv'),
 * });
 * summary.rows === records.length + problems.length + summary.emptyLines; // true
 * const report = evaluatePlan(getPlan('siri-2023'), records, { period: '2023' });
 * report.invalid.map((entry) => `line ${String(lines[entry.index])}: ${entry.message}`)[0];
 * // 'line 601: record 599 (id SIRI-05986): applied "2023-02-29" is not a calendar date'
 * ```
 */
export async function readAllRecords(source: RecordSource, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = readRecords(source, options);
  const records: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const problems: ProblemRow[] = [];
  for await (const row of reader) {
    if (row.problem === undefined) {
      records.push(row.record);
      lines.push(row.line);
    } else problems.push(row);
  }
  return { records, lines, problems, summary: reader.summary };
}
