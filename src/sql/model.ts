/*
 * The data model of the SQL path: where the case records lie in a database (a table or a query, its
 * columns and their kinds) and the query `toSql` writes for a plan, with what `aggregateFromRows`
 * needs to read its rows back.
 */
import type { AggregateOptions } from '../evaluate/model.js';
import type { SqlDialectName } from './dialect.js';

/**
 * How a column holds dates: as text (`YYYY-MM-DD` or ISO timestamps, read exactly as the library
 * reads text), as SQL `DATE`, or as SQL `TIMESTAMP` holding an instant (`TIMESTAMP WITH TIME ZONE`,
 * or a `TIMESTAMP` in UTC), whose Copenhagen date counts.
 *
 * @example
 * ```ts
 * const dates: SqlDateKind = 'date';
 * toSql(getPlan('siri-2023'), { dialect: 'duckdb', source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' }, dates } }).sql.includes("DATE '1970-01-01'"); // true
 * ```
 */
export type SqlDateKind = 'text' | 'date' | 'timestamp';

/**
 * Which column holds each field of a case record. Attributes and events are named as in the plan
 * (`applicationKind`, `firstInterview`). Every column but the dates and the flag is read as text;
 * an empty text is a missing value, as in a CSV file.
 *
 * @example
 * ```ts
 * const columns: SqlCaseColumns = {
 *   id: 'sags_id', caseType: 'sagstype', applied: 'modtaget', decided: 'afgjort',
 *   attributes: { applicationKind: 'ansoegningstype' },
 *   withoutTarget: 'uden_styringsmaal',
 * };
 * columns.attributes?.applicationKind; // 'ansoegningstype'
 * ```
 */
export interface SqlCaseColumns {
  id: string;
  caseType: string;
  applied: string;
  /** The decision date; absent: every case is pending. */
  decided?: string;
  /** Event name → column. */
  events?: Readonly<Record<string, string>>;
  /** Attribute name → column. Only the attributes the plan's scopes test are read. */
  attributes?: Readonly<Record<string, string>>;
  /** A `BOOLEAN` column: `true` when the agency flags the case as without a management target. */
  withoutTarget?: string;
}

/**
 * Where the pauses of the cases lie: a table (or query) with a row per pause, naming the case by its
 * id. Every record with that id has those pauses.
 *
 * @example
 * ```ts
 * const pauses: SqlPauseSource = { table: 'pauser', columns: { caseId: 'sags_id', from: 'fra', to: 'til' }, order: 'nr' };
 * pauses.columns.caseId; // 'sags_id'
 * ```
 */
export interface SqlPauseSource {
  /** A table name; dots separate schema and table (`sager.pauser`). Give `table` or `query`. */
  table?: string;
  /** A query whose rows are the pauses. */
  query?: string;
  columns: { caseId: string; from: string; to: string };
  /** How `from` and `to` hold dates (default `'text'`). */
  dates?: SqlDateKind;
  /** The column that orders the pauses of a case (they are numbered `pauses.0`, `pauses.1`, … in problems); default: by `from`, then `to`. */
  order?: string;
}

/**
 * The case records in a database: a table or a query, its columns, how they hold dates, the column
 * that gives the records' order, and the pauses.
 *
 * @example
 * ```ts
 * const source: SqlSource = {
 *   table: 'sager',
 *   columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' },
 *   dates: { applied: 'date', decided: 'timestamp' },
 *   order: 'row_no',
 * };
 * toSql(getPlan('siri-2023'), { dialect: 'postgres', source }).sql.includes('ORDER BY s."row_no"'); // true
 * ```
 */
export interface SqlSource {
  /** A table name; dots separate catalogue, schema and table (`analyse.sager`). Give `table` or `query`. */
  table?: string;
  /** A query whose rows are the case records (`SELECT … FROM …`). */
  query?: string;
  columns: SqlCaseColumns;
  /**
   * How the date columns hold dates: one kind for all (default `'text'`), or a kind per field
   * (`applied`, `decided`, `events.<name>`; unnamed fields are text).
   */
  dates?: SqlDateKind | Readonly<Record<string, SqlDateKind>>;
  /**
   * The column (or SQL expression, given as `{ sql }`) whose ascending order is the records'
   * order: positions in problems, and which record of a repeated id counts. Without it, the
   * records are in the order the engine reads them, which a parallel engine need not keep.
   */
  order?: string | { sql: string };
  /**
   * A column that already holds each record's position, 0, 1, 2, … (as DuckDB's `file_row_number`
   * of a Parquet file does): the query takes it as it is, without sorting the records by `order`.
   * Positions must be unique.
   */
  position?: string;
  /** The pauses of the cases, when there are any. */
  pauses?: SqlPauseSource;
}

/**
 * Options of {@link toSql}: the dialect and the source, and the evaluation options the query depends
 * on (the rest of a report's options apply to `reportFromAggregate`).
 *
 * @example
 * ```ts
 * const options: ToSqlOptions = {
 *   dialect: 'duckdb',
 *   source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } },
 *   period: '2023-Q3',
 *   duplicates: 'last',
 * };
 * toSql(getPlan('siri-2023'), options).options.period; // '2023-Q3'
 * ```
 */
export interface ToSqlOptions extends Pick<AggregateOptions, 'period' | 'caseTypes' | 'maxProblems' | 'duplicates' | 'missingAttributes'> {
  dialect: SqlDialectName;
  source: SqlSource;
}

/**
 * A date field of the records as the query reads it: its record field (`applied`, `decided`,
 * `events.<name>`), its kind, and whether the field must be there.
 *
 * @example
 * ```ts
 * const query = toSql(getPlan('siri-2023'), { dialect: 'duckdb', source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' }, dates: { decided: 'date' } } });
 * const fields: readonly SqlDateField[] = query.dates;
 * fields.map(({ field, kind }) => `${field}: ${kind}`); // ['applied: text', 'decided: date']
 * ```
 */
export interface SqlDateField {
  field: string;
  kind: SqlDateKind;
  required: boolean;
}

/**
 * The query of a plan and period for one engine, and how to read its rows (see
 * {@link aggregateFromRows}).
 *
 * @example
 * ```ts
 * const query: SqlPlanQuery = toSql(getPlan('siri-2023'), {
 *   dialect: 'duckdb',
 *   source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided', attributes: { applicationKind: 'kind' } } },
 * });
 * [query.dialect, query.attributes, query.events]; // ['duckdb', ['applicationKind'], []]
 * ```
 */
export interface SqlPlanQuery {
  readonly dialect: SqlDialectName;
  /** The SQL text: one statement. */
  readonly sql: string;
  /** The plan's id. */
  readonly plan: string;
  /** The options the query was written for (`aggregateFromRows` counts with the same). */
  readonly options: Omit<ToSqlOptions, 'dialect' | 'source'>;
  /** The attributes the query returns (those the plan's scopes test and the source maps). */
  readonly attributes: readonly string[];
  /** The events the query returns (every event the source maps). */
  readonly events: readonly string[];
  /** The date fields of the records (`applied`, `decided`, `events.<name>`) and how they are held. */
  readonly dates: readonly SqlDateField[];
  /** How the pauses hold dates, or `null` without pauses. */
  readonly pauseDates: SqlDateKind | null;
  /** Record field → source column, to name the column in problems. */
  readonly columns: Readonly<Record<string, string>>;
  /** What the records are called in problems: the table, or `query`. */
  readonly sourceName: string;
}
