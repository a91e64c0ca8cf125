/**
 * `evaluate` where the records lie: `--engine duckdb` on a CSV or Parquet file, or on a table of a
 * DuckDB database file (`--database file.duckdb --table t`), and `--database postgres://… --table t`
 * on PostgreSQL. The plan's query (`toSql`) runs on the engine; the library counts its rows
 * (`aggregateFromRows`) and places each problem at its file (or table) and line (or row).
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { extname } from 'node:path';
import { ServicemaalError } from '../errors.js';
import type { MissingAttributes, PlanAggregate } from '../evaluate/model.js';
import { placeProblem, type InvalidRecord } from '../evaluate/records.js';
import type { PeriodInput } from '../dates/periods.js';
import { detectDelimiter } from '../io/csv.js';
import type { ReadOptions } from '../io/types.js';
import { aggregateFromRows } from '../sql/from-rows.js';
import type { SqlCaseColumns, SqlDateKind, SqlSource } from '../sql/model.js';
import type { SqlRunner } from '../sql/runner.js';
import { toSql } from '../sql/to-sql.js';
import type { ServicePlan } from '../targets/model.js';
import { list, oneOf, text, UsageError, type OptionSpec, type ParsedCommand } from './args.js';
import { line } from './common.js';
import type { CliIo } from './io.js';

/** The options of `evaluate` that read the records where they lie. */
export const ENGINE_OPTIONS = {
  engine: { type: 'string' },
  database: { type: 'string' },
  table: { type: 'string' },
  order: { type: 'string' },
  dates: { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

/** The options of `evaluate` that read files the command line reads itself, not given with an engine. */
const FILE_ONLY_OPTIONS = ['contacts', 'observations', 'cases-out', 'by', 'threads', 'encoding', 'sheet', 'skip-rows'] as const;

const SPARK_FROM_THE_COMMAND_LINE = "Spark from the command line: use servicemaal/spark's connectSpark in a script (see docs/at-scale.md)";

/** Where the records lie, as the options name it. */
export type EngineChoice =
  | { engine: 'duckdb'; kind: 'csv' | 'parquet'; file: string }
  | { engine: 'duckdb'; kind: 'table'; database: string; table: string }
  | { engine: 'postgres'; kind: 'table'; database: string; table: string };

/**
 * The engine and source of `--engine`, `--database` and `--table`, or `null` when the records are
 * files the command line reads itself. Every combination that cannot be run is a usage error.
 */
export function engineChoice(parsed: ParsedCommand): EngineChoice | null {
  const engine = text(parsed, 'engine');
  const database = text(parsed, 'database');
  const table = text(parsed, 'table');
  if (engine === undefined && database === undefined) {
    for (const name of ['table', 'order', 'dates'] as const) {
      if (text(parsed, name) !== undefined) throw new UsageError(`--${name} applies to a table of a database: give --database (and --engine duckdb for a DuckDB file)`);
    }
    return null;
  }
  if (engine === 'spark' || database?.startsWith('spark://') === true) throw new ServicemaalError([{ code: 'invalid_option', message: SPARK_FROM_THE_COMMAND_LINE, path: ['database'] }]);
  const given = engine === undefined ? undefined : oneOf(engine, ['duckdb', 'postgres'] as const, 'engine', 'duckdb');
  for (const name of FILE_ONLY_OPTIONS) {
    if (text(parsed, name) !== undefined || list(parsed, name).length > 0) {
      throw new UsageError(`--${name} is not read with ${database === undefined ? '--engine' : '--database'}: the engine reads the case records only (run without it for --${name})`);
    }
  }
  const files = parsed.positionals;
  if (database !== undefined) {
    if (table === undefined) throw new UsageError('--database needs --table, the table of the case records (e.g. --table sager, or --table analyse.sager)');
    if (files.length > 0) throw new UsageError(`--database reads the table ${table}: give no case files (got ${files.join(', ')})`);
    const postgres = /^postgres(ql)?:\/\//i.test(database);
    if (postgres && given === 'duckdb') throw new UsageError(`--engine duckdb reads a DuckDB database file, not ${database}`);
    if (!postgres && given !== 'duckdb') {
      throw new UsageError(`--database takes a postgres:// or postgresql:// URL, or a DuckDB database file with --engine duckdb, not "${database}"`);
    }
    if (!postgres && !existsSync(database)) throw new UsageError(`cannot read ${database}: no such file`);
    return postgres ? { engine: 'postgres', kind: 'table', database, table } : { engine: 'duckdb', kind: 'table', database, table };
  }
  if (given === 'postgres') throw new UsageError('--engine postgres reads a table: give --database postgres://… and --table');
  for (const name of ['table', 'order', 'dates'] as const) {
    if (text(parsed, name) !== undefined) throw new UsageError(`--${name} applies to a table of a database (--database); a file's records are in file order and its types are its own`);
  }
  if (files.length !== 1) throw new UsageError(`--engine duckdb reads one file of case records (a .csv or .parquet file), got ${String(files.length)}`);
  const file = files[0] as string;
  if (file === '-') throw new UsageError('--engine duckdb reads a file, not standard input: save it to a file and give that file');
  const extension = extname(file.replace(/\.(gz|zst)$/i, '')).toLowerCase();
  const kind = extension === '.parquet' ? 'parquet' : extension === '.csv' || extension === '.tsv' || extension === '.txt' ? 'csv' : null;
  if (kind === null) throw new UsageError(`--engine duckdb reads .csv and .parquet files (or a table with --database and --table); ${file} is neither`);
  if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`);
  return { engine: 'duckdb', kind, file };
}

/** The options of the evaluation the engine's query depends on. */
export interface EngineEvaluation {
  period: PeriodInput;
  duplicates: 'first' | 'last';
  maxProblems?: number;
  missingAttributes?: MissingAttributes;
}

/** An open engine: its runner, the columns of the source, and how to close it. */
interface Session {
  runner: SqlRunner;
  /** Source column → `date`, `timestamp`, `boolean` or `text` (any other type, read as text). */
  columns: { name: string; type: 'date' | 'timestamp' | 'boolean' | 'text' }[];
  close(): Promise<void>;
}

/**
 * Evaluates the plan's query on the engine and returns the aggregate, its problems placed at the
 * file (or table) and line (or row) of their record; `fields` (record field → column) is what the
 * source fed, for the warnings about scopes.
 */
export async function aggregateInEngine(
  plan: ServicePlan,
  choice: EngineChoice,
  evaluation: EngineEvaluation,
  parsed: ParsedCommand,
  read: ReadOptions,
  io: CliIo,
): Promise<{ aggregate: PlanAggregate; name: string; fields: Readonly<Record<string, string>> }> {
  const datesOption = text(parsed, 'dates');
  const dates = datesOption === undefined ? undefined : oneOf(datesOption, ['text', 'date', 'timestamp'] as const, 'dates', 'text');
  const order = text(parsed, 'order');
  if (read.delimiter !== undefined && choice.kind !== 'csv') throw new UsageError('--delimiter applies to CSV files');
  const name = choice.kind === 'table' ? choice.table : choice.file;
  // A CSV file's delimiter as the file readers find it (from the header), not as DuckDB's sniffer guesses it.
  const delimiter = choice.kind === 'csv' ? (read.delimiter ?? detectDelimiter(headerLine(choice.file))) : undefined;
  const session = await openSession(choice, delimiter);
  try {
    if (order !== undefined && !session.columns.some((column) => column.name === order)) {
      throw new UsageError(`--order: the column "${order}" is not in ${name} (columns: ${session.columns.map((column) => column.name).join(', ')})`);
    }
    const fields = resolveFields(read, session.columns, name);
    const used = new Set([...fields.values(), ...(order === undefined ? [] : [order]), ...(choice.kind === 'parquet' ? ['file_row_number'] : [])]);
    const ignored = session.columns.map((column) => column.name).filter((column) => !used.has(column));
    if (ignored.length > 0) io.stderr(line(`servicemaal: warning: ${name}: columns not used: ${ignored.join(', ')}`));
    if (choice.engine === 'postgres' && order === undefined) {
      io.stderr(line(`servicemaal: warning: ${name}: without --order the records are numbered (and a repeated id's first record chosen) in the order PostgreSQL reads them, which may change between runs`));
    }
    const source = sourceOf(choice, session, fields, read, dates, order, delimiter);
    const query = toSql(plan, {
      dialect: session.runner.dialect,
      source,
      period: evaluation.period,
      duplicates: evaluation.duplicates,
      ...(evaluation.maxProblems === undefined ? {} : { maxProblems: evaluation.maxProblems }),
      ...(evaluation.missingAttributes === undefined ? {} : { missingAttributes: evaluation.missingAttributes }),
    });
    const aggregate = await aggregateFromRows(plan, query, session.runner.rows(query.sql));
    // A CSV file's first line is its header; a Parquet file's and a table's rows are numbered from 1.
    const first = choice.kind === 'csv' ? 2 : 1;
    const invalid = aggregate.invalid.map((problem): InvalidRecord => (problem.input === 'cases' ? placeProblem(otherPlaced(problem, name, first), { file: name, line: problem.index + first, columns: query.columns }) : problem));
    return { aggregate: { ...aggregate, invalid }, name, fields: Object.fromEntries(fields) };
  } finally {
    await session.close();
  }
}

/**
 * A repeated id's problem names the other record (the one that counts) by its line too, as the
 * file readers name it: `the first record with it is at sager.csv:205`, not `… is record 203`.
 */
function otherPlaced(problem: InvalidRecord, name: string, first: number): InvalidRecord {
  const params = problem.params;
  const other = params?.['index'];
  if (problem.code !== 'duplicate_record' || params === undefined || typeof other !== 'number' || params['line'] !== null) return problem;
  const unplaced = `record ${String(other)}`;
  if (!problem.reason.endsWith(unplaced)) return problem;
  const line = other + first;
  return { ...problem, reason: `${problem.reason.slice(0, -unplaced.length)}at ${name}:${String(line)}`, params: { ...params, file: name, line } };
}

/** Opens the engine and reads the source's columns. */
async function openSession(choice: EngineChoice, delimiter: string | undefined): Promise<Session> {
  if (choice.engine === 'postgres') {
    const { openPostgres } = await import('./engine-postgres.js');
    const postgres = await openPostgres(choice.database);
    try {
      const columns = await postgres.describe(tableName(choice.table));
      return { runner: postgres.runner, columns: columns.map(({ name, type }) => ({ name, type: type === 'other' ? 'text' : type })), close: () => postgres.close() };
    } catch (error) {
      await postgres.close();
      throw error;
    }
  }
  const { openDuckdb } = await import('./engine-duckdb.js');
  const duckdb = await openDuckdb(choice.kind === 'table' ? choice.database : null);
  try {
    const columns = await duckdb.describe(fromOf(choice, delimiter));
    return {
      runner: duckdb.runner,
      columns: columns.map(({ name, type }) => ({ name, type: duckdbKind(type) })),
      close: () => {
        duckdb.close();
        return Promise.resolve();
      },
    };
  } catch (error) {
    duckdb.close();
    throw error;
  }
}

/** The kind of a DuckDB column type. */
function duckdbKind(type: string): Session['columns'][number]['type'] {
  const upper = type.toUpperCase();
  if (upper === 'DATE') return 'date';
  if (upper.startsWith('TIMESTAMP')) return 'timestamp';
  return upper === 'BOOLEAN' ? 'boolean' : 'text';
}

/** The first line of a file (its first 64 KiB at most), without a byte-order mark. */
function headerLine(file: string): string {
  const handle = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(65_536);
    const read = readSync(handle, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  } finally {
    closeSync(handle);
  }
}

/** A double-quoted identifier (DuckDB and PostgreSQL). */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal (DuckDB and PostgreSQL, standard strings). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A table name; dots separate schema and table. */
function tableName(table: string): string {
  return table.split('.').map(quote).join('.');
}

/**
 * What DuckDB reads: a CSV file as text columns (so that the library's reading of dates applies),
 * a Parquet file with its row numbers, or a table.
 */
function fromOf(choice: EngineChoice, delimiter: string | undefined): string {
  if (choice.kind === 'table') return tableName(choice.table);
  if (choice.kind === 'parquet') return `read_parquet(${literal(choice.file)}, file_row_number = true)`;
  // The header's columns, all text, and DuckDB's sniffer off: it would guess the dialect from the values.
  const separator = delimiter ?? ',';
  const names: unknown = parse(headerLine(choice.file), { delimiter: separator, relax_column_count: true });
  const header = Array.isArray(names) && Array.isArray(names[0]) ? (names[0] as unknown[]).map(String) : [];
  const columns = header.map((name) => `${literal(name)}: 'VARCHAR'`).join(', ');
  return `read_csv(${literal(choice.file)}, auto_detect = false, header = true, delim = ${literal(separator)}, quote = '"', escape = '"', columns = {${columns}})`;
}

const RECORD_FIELDS = ['id', 'caseType', 'applied', 'decided', 'withoutTarget', 'pauses'] as const;

/** The record field a column or map key names (without regard to case), or `null`. */
function fieldNamed(name: string): string | null {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  for (const prefix of ['events.', 'attributes.']) {
    if (lower.startsWith(prefix)) {
      const rest = trimmed.slice(prefix.length).trim();
      return rest === '' ? null : `${prefix}${rest}`;
    }
  }
  return RECORD_FIELDS.find((field) => field.toLowerCase() === lower) ?? null;
}

/**
 * Record field → source column: the columns of `--map` first, then columns named like a record
 * field (without regard to case), as the file readers decide. The fields the query needs must be
 * there; pauses are no column the query reads.
 */
function resolveFields(read: ReadOptions, columns: Session['columns'], name: string): Map<string, string> {
  const fields = new Map<string, string>();
  const byKey = new Map<string, string>();
  for (const column of columns) byKey.set(column.name.trim().toLowerCase(), column.name);
  const all = columns.map((column) => column.name).join(', ');
  for (const [key, column] of Object.entries(read.map ?? {})) {
    const field = fieldNamed(key) ?? `attributes.${key.trim()}`;
    const found = byKey.get(column.trim().toLowerCase());
    if (found === undefined) throw new UsageError(`--map: the column "${column}" for ${field} is not in ${name} (columns: ${all})`);
    if ([...fields.values()].includes(found)) throw new UsageError(`--map: the column "${found}" feeds two fields`);
    fields.set(field, found);
  }
  for (const column of columns) {
    const field = fieldNamed(column.name);
    if (field === null || fields.has(field) || [...fields.values()].includes(column.name)) continue;
    fields.set(field, column.name);
  }
  if (fields.has('pauses')) throw new UsageError(`${name}: a pauses column is not read by an engine; evaluate the file without --engine, or give the pauses as a table to evaluateInDatabase (see docs/at-scale.md)`);
  const missing = ['id', 'caseType', 'applied'].filter((field) => !fields.has(field));
  if (missing.length > 0) throw new UsageError(`${name}: no column for ${missing.join(', ')} (map columns with --map, e.g. applied=indgivet; columns: ${all})`);
  return fields;
}

/** The codes of each field: `--case-types` as the codes of `caseType`, and `--codes`. */
function codesOf(read: ReadOptions): Map<string, ReadonlyMap<string, string>> {
  const codes = new Map<string, ReadonlyMap<string, string>>();
  const add = (field: string, values: ReadonlyMap<string, string>): void => {
    const merged = new Map(codes.get(field) ?? []);
    for (const [code, value] of values) {
      const previous = merged.get(code);
      if (previous !== undefined && previous !== value) throw new UsageError(`--codes: "${code}" of ${field} is "${value}", but --case-types makes it "${previous}"`);
      merged.set(code, value);
    }
    codes.set(field, merged);
  };
  if (read.caseTypeMap !== undefined) add('caseType', new Map(read.caseTypeMap instanceof Map ? read.caseTypeMap : Object.entries(read.caseTypeMap)));
  // The command line's codes (readOptions) are a Map of Maps.
  const given = read.codes;
  if (given instanceof Map) {
    for (const [name, values] of given as ReadonlyMap<string, ReadonlyMap<string, string>>) {
      const field = fieldNamed(name) ?? `attributes.${name.trim()}`;
      add(field, values);
    }
  }
  return codes;
}

/**
 * The source of `toSql`: a query over the file or table that gives each column the library reads
 * under its own name, as text (trimmed, for a CSV file, as the file readers trim cells) with the
 * codes applied, or as the DATE, TIMESTAMP or BOOLEAN it holds.
 */
function sourceOf(
  choice: EngineChoice,
  session: Session,
  fields: ReadonlyMap<string, string>,
  read: ReadOptions,
  dates: SqlDateKind | undefined,
  order: string | undefined,
  delimiter: string | undefined,
): SqlSource {
  const typeOf = new Map(session.columns.map((column) => [column.name, column.type]));
  const codes = codesOf(read);
  for (const field of codes.keys()) {
    if (!fields.has(field)) continue;
    if (field.startsWith('events.') || field === 'applied' || field === 'decided') throw new UsageError(`--codes: ${field} is a date, which codes do not map`);
  }
  const csv = choice.kind === 'csv';
  const textType = choice.engine === 'duckdb' ? 'VARCHAR' : 'text';
  const asText = (column: string): string => (csv ? `trim(${quote(column)})` : `CAST(${quote(column)} AS ${textType})`);
  const coded = (field: string, expr: string): string => {
    const values = codes.get(field);
    if (values === undefined || values.size === 0) return expr;
    const cases: string[] = [];
    for (const [code, value] of values) cases.push(`WHEN ${literal(code)} THEN ${literal(value)}`);
    return `CASE ${expr} ${cases.join(' ')} ELSE ${expr} END`;
  };
  const select: string[] = [];
  const kinds: Record<string, SqlDateKind> = Object.create(null) as Record<string, SqlDateKind>;
  const columns: { id: string; caseType: string; applied: string; decided?: string; events: Record<string, string>; attributes: Record<string, string>; withoutTarget?: string } = {
    id: '',
    caseType: '',
    applied: '',
    events: Object.create(null) as Record<string, string>,
    attributes: Object.create(null) as Record<string, string>,
  };
  for (const [field, column] of fields) {
    const type = typeOf.get(column) ?? 'text';
    const isDate = field === 'applied' || field === 'decided' || field.startsWith('events.');
    let expr: string;
    if (isDate) {
      const kind = dates ?? (type === 'date' || type === 'timestamp' ? type : 'text');
      kinds[field] = kind;
      expr = kind === 'text' ? (csv ? danishDateToIsoSql(asText(column)) : asText(column)) : quote(column);
    } else if (field === 'withoutTarget') {
      expr = flagOf(choice, column, type, coded(field, asText(column)), name(choice));
    } else {
      // NULL reads as an empty text, as an empty cell of a CSV file (missing either way).
      expr = coded(field, field === 'id' || field === 'caseType' ? `coalesce(${asText(column)}, '')` : asText(column));
    }
    select.push(`${expr} AS ${quote(column)}`);
    if (field === 'id' || field === 'caseType' || field === 'applied' || field === 'decided' || field === 'withoutTarget') columns[field] = column;
    else if (field.startsWith('events.')) columns.events[field.slice('events.'.length)] = column;
    else columns.attributes[field.slice('attributes.'.length)] = column;
  }
  const position = choice.kind === 'parquet' ? 'file_row_number' : order;
  if (position !== undefined && ![...fields.values()].includes(position)) select.push(`${quote(position)} AS ${quote(position)}`);
  const caseColumns: SqlCaseColumns = {
    id: columns.id,
    caseType: columns.caseType,
    applied: columns.applied,
    ...(columns.decided === undefined ? {} : { decided: columns.decided }),
    ...(Object.keys(columns.events).length === 0 ? {} : { events: columns.events }),
    ...(Object.keys(columns.attributes).length === 0 ? {} : { attributes: columns.attributes }),
    ...(columns.withoutTarget === undefined ? {} : { withoutTarget: columns.withoutTarget }),
  };
  const from = choice.engine === 'postgres' ? tableName(choice.table) : fromOf(choice, delimiter);
  return {
    query: `SELECT ${select.join(', ')} FROM ${from}`,
    columns: caseColumns,
    dates: kinds,
    // A Parquet file's row numbers are the records' positions as they are: no sort of the records.
    ...(position === undefined ? {} : choice.kind === 'parquet' ? { position } : { order: position }),
  };
}

/** A Danish date, `dd-mm-yyyy` or `dd.mm.yyyy` (day and month with one or two digits). */
const DANISH_DATES = ['([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})', '([0-9]{1,2})[.]([0-9]{1,2})[.]([0-9]{4})'];
/** A Danish date with a time: `01-03-2023 10:15`, `1.3.2023 9.05.30,5`. */
const DANISH_TIMESTAMPS = ['-', '[.]'].map((separator) => `([0-9]{1,2})${separator}([0-9]{1,2})${separator}([0-9]{4})[ T]([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2})(?:[.,]([0-9]{1,9}))?)?`);

/**
 * A CSV cell's text with a Danish date rewritten as `yyyy-mm-dd`, and a Danish date with a time as
 * `yyyy-mm-ddThh:mm[:ss[.fff]]` (Copenhagen wall-clock time), as the file readers rewrite them
 * (`danishDateToIso`): only the order changes, so an impossible date stays impossible; any other
 * text is left as it is. DuckDB (RE2 has no back-references: one pattern per separator).
 */
function danishDateToIsoSql(text: string): string {
  const pad = (expr: string): string => `lpad(${expr}, 2, '0')`;
  const group = (pattern: string, i: number): string => `regexp_extract(${text}, ${literal(`^${pattern}$`)}, ${String(i)})`;
  const full = (pattern: string): string => `regexp_full_match(${text}, ${literal(pattern)})`;
  const date = (pattern: string): string => `${group(pattern, 3)} || '-' || ${pad(group(pattern, 2))} || '-' || ${pad(group(pattern, 1))}`;
  const stamp = (pattern: string): string => {
    const [seconds, fraction] = [group(pattern, 6), group(pattern, 7)];
    return `${date(pattern)} || 'T' || ${pad(group(pattern, 4))} || ':' || ${group(pattern, 5)} || CASE WHEN ${seconds} = '' THEN '' ELSE ':' || ${seconds} || CASE WHEN ${fraction} = '' THEN '' ELSE '.' || ${fraction} END END`;
  };
  const cases = [...DANISH_DATES.map((pattern) => `WHEN ${full(pattern)} THEN ${date(pattern)}`), ...DANISH_TIMESTAMPS.map((pattern) => `WHEN ${full(pattern)} THEN ${stamp(pattern)}`)];
  return `CASE ${cases.join(' ')} ELSE ${text} END`;
}

/** The name of the source in messages. */
function name(choice: EngineChoice): string {
  return choice.kind === 'table' ? choice.table : choice.file;
}

/**
 * `withoutTarget` as the BOOLEAN the query reads: a BOOLEAN column as it is; in DuckDB, text
 * `true` or `false` (any case; after the codes), empty as absent, and any other text stops the
 * query with a message naming it.
 */
function flagOf(choice: EngineChoice, column: string, type: Session['columns'][number]['type'], text: string, source: string): string {
  if (type === 'boolean') return quote(column);
  if (choice.engine !== 'duckdb') throw new UsageError(`${source}: withoutTarget is read from a boolean column in PostgreSQL; "${column}" is not one`);
  const message = literal(`${source}: withoutTarget (column ${column}) must be true or false, got "`);
  return `CASE WHEN ${text} IS NULL OR ${text} = '' THEN NULL WHEN lower(${text}) = 'true' THEN TRUE WHEN lower(${text}) = 'false' THEN FALSE ELSE error(${message} || ${text} || '"') END`;
}
