import type { IssueCode } from '../errors.js';
import type { InputKind } from '../evaluate/records.js';
import type { CaseTypeMap, FieldMap } from './convert.js';

/**
 * The file formats {@link readRecords} reads.
 *
 * @example
 * ```ts
 * const formats: (InputFormat | null)[] = [];
 * for (const text of ['[{"id": "J1"}]', '{"id": "N1"}\n', 'id;caseType\nC1;eu\n']) {
 *   formats.push((await readAllRecords({ text })).summary.format);
 * }
 * formats; // ['json', 'ndjson', 'csv']: detected from the first character
 * const format: InputFormat = 'ndjson';
 * (await readAllRecords({ text: '{"id": "N1"}\n' }, { format })).records; // [{ id: 'N1' }]
 * ```
 */
export type InputFormat = 'csv' | 'json' | 'ndjson' | 'xlsx';

/**
 * Options of {@link readRecords}.
 *
 * @example
 * ```ts
 * const options: ReadOptions = {
 *   kind: 'cases',
 *   map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' },
 *   caseTypeMap: { FT1: 'fast-track' },
 * };
 * const { records, summary } = await readAllRecords({ text: 'sagsnr;sagstype;indgivet;afgjort\nA1;FT1;01-03-2023;20-03-2023\n' }, options);
 * records; // [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }]
 * summary.delimiter; // ';'
 * ```
 */
export interface ReadOptions {
  /**
   * The format. Default: from the file extension (`.csv`, `.tsv`, `.txt`: CSV; `.ndjson`, `.jsonl`:
   * NDJSON; `.json`: a JSON array, or NDJSON when the content starts with `{`), else from the
   * first non-blank character: `[` JSON, `{` NDJSON, anything else CSV. A source whose bytes are a
   * ZIP archive is read as an Excel workbook (`xlsx`), whatever its extension.
   */
  format?: InputFormat;
  /**
   * The worksheet of a workbook to read: its name (matched exactly, else without regard to case)
   * or its number, from 1 in the workbook's order. Default: the first. Only for workbooks.
   */
  sheet?: string | number;
  /**
   * The rows above a workbook's header (titles, notes): the header is the first row with a cell
   * after them. Default: the header is found, the first of the first 20 rows that names every
   * mapped column (`map`) and every required field, else the first row with a cell. Only for
   * workbooks.
   */
  skipRows?: number;
  /**
   * The CSV delimiter, one character. Default: detected from the header line — whichever of `;`,
   * `,` and tab occurs most often outside quotes (`;` on a tie with `,`; `,` when none occurs).
   */
  delimiter?: string;
  /** The kind of records: case records (default), contacts or observations. */
  kind?: InputKind;
  /**
   * Record field → source column (CSV header name or JSON key), e.g.
   * `{ applied: 'indgivet', 'events.firstInterview': 'foerste_samtale' }`. Columns named like a field
   * that is not mapped feed that field; names match without regard to case. See {@link parseFieldMap}
   * for the command-line form.
   */
  map?: FieldMap;
  /**
   * Agency case-type code → catalogue case-type id, applied to `caseType` of case records. Codes it
   * does not list pass through unchanged and are counted in `summary.unmappedCaseTypes`.
   */
  caseTypeMap?: CaseTypeMap;
  /**
   * The agency's codes of any record fields: field → (code → value), as {@link parseCodes} or
   * {@link loadCodes} give them, e.g. `applicationKind: { Forlængelse: 'extension' }` or
   * `withoutTarget: { Nej: 'true' }`. A field is a text field of the records read (for cases `id`,
   * `caseType`, `withoutTarget`, or an attribute: `attributes.<name>`, or a name that is no record
   * field; for contacts `id`, `channel`; for observations `centre`); any other is an option error.
   * A CSV cell is replaced by its value before it is read; in JSON, text and number values are.
   * Values that are neither a code nor a value of the field pass through unchanged and are counted
   * in `summary.unmappedCodes` (case types in `summary.unmappedCaseTypes`). Codes of `caseType` and
   * `caseTypeMap` may both be given when they agree.
   */
  codes?: FieldCodes;
  /**
   * The text encoding of byte sources (files and byte streams), e.g. `windows-1252` for a CSV file
   * that Excel saved as "CSV (semicolon separated)" in a Danish locale. Default: UTF-8, or UTF-16
   * when the file starts with a UTF-16 byte-order mark.
   */
  encoding?: string;
}

/**
 * The codes of record fields: field → (code → value), as `Map`s or plain objects (see
 * {@link ReadOptions.codes}).
 *
 * @example
 * ```ts
 * const codes: FieldCodes = new Map([['channel', new Map([['TLF', 'phone']])]]);
 * const { records, summary } = await readAllRecords({ text: 'id;channel;at;waitMinutes\nK1;TLF;2023-08-01;4\nK2;SMS;2023-08-01;1\n' }, { kind: 'contacts', codes });
 * records.map((record) => record.channel); // ['phone', 'SMS']
 * [...(summary.unmappedCodes.get('channel') ?? [])]; // [['SMS', 1]]
 * ```
 */
export type FieldCodes =
  | ReadonlyMap<string, ReadonlyMap<string, string>>
  | Readonly<Record<string, ReadonlyMap<string, string> | Readonly<Record<string, string>>>>;

/**
 * A problem that keeps a source row from becoming a record. Its `message` is the reason alone, in
 * the words of the English catalogue of record problems; the command line lists it as an invalid
 * record of its input with the row's file and line, this `column` and `value`, and the message
 * written by `describeProblem`.
 *
 * @example
 * ```ts
 * const { problems } = await readAllRecords({ text: 'id;caseType;applied\nA1;eu;01-03-2023;x\n' });
 * const problem: RowProblem | undefined = problems[0]?.problem;
 * problem; // { column: '', value: 'x', code: 'invalid_value', message: 'extra columns: the row has 4 cells, the header 3' }
 * ```
 */
export interface RowProblem {
  /** The source column at fault (its name as in the header or JSON key), or `''` for the whole row. */
  column: string;
  /** The text at fault; beyond 60 characters, its first 60, `…` and its full length. */
  value: string;
  /** `invalid_value` (extra columns, unparseable JSON), `invalid_type` (not an object), `invalid_pause`. */
  code: IssueCode;
  /** What is wrong, without the line number (the row's `line` gives it). */
  message: string;
}

/**
 * A row that became a record. The record has the shape the library validates (`CaseRecord`,
 * `ContactRecord` or `ObservationRecord`) but is not validated yet: pass it to `evaluatePlan`.
 *
 * @example
 * ```ts
 * const rows: RecordRow[] = [];
 * for await (const row of readRecords({ text: 'id,caseType,applied,decided\nA1,eu,2023-03-01,\n' })) {
 *   if (row.problem === undefined) rows.push(row);
 * }
 * rows; // [{ line: 2, record: { id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: null } }]: an empty decided cell is a pending case
 * ```
 */
export interface RecordRow {
  /** The 1-based line of the file on which the row starts. */
  line: number;
  record: Record<string, unknown>;
  problem?: never;
}

/**
 * A row that could not become a record.
 *
 * @example
 * ```ts
 * const { problems } = await readAllRecords({ text: '{"id": "N1", "caseType": "studie", "applied": "2023-01-05"}\n["N2"]\n' });
 * const row: ProblemRow | undefined = problems[0];
 * row; // { line: 2, problem: { column: '', value: '["N2"]', code: 'invalid_type', message: 'is not an object' } }
 * ```
 */
export interface ProblemRow {
  /** The 1-based line of the file on which the row starts. */
  line: number;
  problem: RowProblem;
  record?: never;
}

/**
 * What {@link readRecords} yields for every row that is not empty: a record or a problem.
 *
 * @example
 * ```ts
 * const seen: string[] = [];
 * for await (const row of readRecords({ text: 'id,caseType,applied\nA1,eu,2023-03-01\nA2,eu,2023-03-02,extra\n' })) {
 *   const entry: ReadRow = row;
 *   if (entry.problem) seen.push(`line ${String(entry.line)}: ${entry.problem.message}`);
 *   else seen.push(`line ${String(entry.line)}: record ${String(entry.record.id)}`);
 * }
 * seen; // ['line 2: record A1', 'line 3: extra columns: the row has 4 cells, the header 3']
 * ```
 */
export type ReadRow = RecordRow | ProblemRow;

/**
 * What a read found, filled in while reading and complete when the reading ends. The counts
 * reconcile: `rows = records + problems + emptyLines`.
 *
 * @example
 * ```ts
 * const text = 'sagsnr;sagstype;indgivet;note\nA1;FT1;01-03-2023;\n\nA2;XX;02-03-2023;;extra\nA3;XX;03-03-2023;\n';
 * const options: ReadOptions = { map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet' }, caseTypeMap: { FT1: 'fast-track' } };
 * const summary: ReadSummary = (await readAllRecords({ text }, options)).summary;
 * const { rows, records, problems, emptyLines } = summary;
 * [rows, records, problems, emptyLines]; // [4, 2, 1, 1]
 * rows === records + problems + emptyLines; // true
 * summary.ignoredColumns; // ['note']
 * [...summary.unmappedCaseTypes]; // [['XX', 1]]
 * ```
 */
export interface ReadSummary {
  /** The format read (`null` until the reading starts). */
  format: InputFormat | null;
  /** The worksheet read from a workbook (`null` for other formats). */
  sheet: string | null;
  /** The CSV delimiter used (`null` for JSON, NDJSON and workbooks). */
  delimiter: string | null;
  /**
   * The line of the CSV header, or the row of a workbook's (`null` for JSON and NDJSON, or a source
   * with no header).
   */
  headerLine: number | null;
  /** The CSV header's column names (trimmed), or the JSON keys seen, in order. */
  columns: string[];
  /** Record field → the source column that feeds it. */
  fields: Record<string, string>;
  /**
   * Source columns that feed no record field, and so are left out of the records: each listed
   * once. Check it for misspelt column names.
   */
  ignoredColumns: string[];
  /**
   * Required record fields that no source column feeds (`id`, `caseType`, `applied` for cases;
   * `id`, `channel` for contacts; `date`, `centre`, `daysToNextSlot` for observations). Every
   * record will be invalid for lack of them: usually a `map` is missing.
   */
  missingFields: string[];
  /**
   * Every row read but the header: each record (however many lines it spans), each problem row,
   * and each empty line (before the header too).
   */
  rows: number;
  /** Rows that became records. */
  records: number;
  /** Rows that could not become records. */
  problems: number;
  /**
   * Empty lines, CSV rows whose cells are all blank (such as `;;;`), and a workbook's blank rows,
   * the rows it leaves out and the rows above its header: skipped.
   */
  emptyLines: number;
  /** Case-type codes not in `caseTypeMap` (nor catalogue ids), with the number of rows each: only with a `caseTypeMap`. */
  unmappedCaseTypes: Map<string, number>;
  /**
   * Per field with `codes` (other than `caseType`), the values that are neither a code nor a value
   * of its codes, with the number of rows each; attributes as `attributes.<name>`.
   */
  unmappedCodes: Map<string, Map<string, number>>;
  /**
   * `true` when some UTF-8 text was invalid (read as U+FFFD): the file is likely in another
   * encoding, such as `windows-1252`.
   */
  suspectEncoding: boolean;
  /** `true` once the whole source has been read. */
  done: boolean;
}
