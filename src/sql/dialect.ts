/*
 * What differs between SQL engines, as far as the queries of `toSql` need: quoting, literals, casts,
 * integer division, regular expressions, inline tables, record positions and the days of DATE and
 * TIMESTAMP columns. Every query is written with these functions only, so a new engine is one file.
 */

/**
 * The SQL dialects `toSql` writes.
 *
 * @example
 * ```ts
 * const dialect: SqlDialectName = 'postgres';
 * toSql(getPlan('siri-2023'), { dialect, source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } } }).sql.startsWith('WITH'); // true
 * ```
 */
export type SqlDialectName = 'duckdb' | 'postgres' | 'spark';

/**
 * One SQL engine's way of writing what the queries need. Every expression given is already SQL
 * text; every function returns SQL text.
 *
 * @example
 * ```ts
 * const dialect: SqlDialect = sqlDialect('spark');
 * dialect.quote('Sags id'); // '`Sags id`'
 * dialect.literal("it's"); // "'it\\'s'"
 * ```
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** A quoted identifier (a column or table name, one part). */
  quote(name: string): string;
  /** A string literal. */
  literal(text: string): string;
  /** The engine's name of a type: `text`, `int` (32-bit) or `bigint`. */
  type(kind: 'text' | 'int' | 'bigint'): string;
  /** Any value as text (`NULL` stays `NULL`). */
  text(expr: string): string;
  /** Text of ASCII digits only (checked before) as an integer. */
  int(expr: string): string;
  /** Integer division of two non-negative integers. */
  div(a: string, b: string): string;
  /** The number of characters of a text. */
  length(expr: string): string;
  /** Whether the whole text matches a regular expression (ASCII classes only, no backslashes). */
  matches(expr: string, pattern: string): string;
  /** The first group of a regular expression found in a text, `''` or `NULL` when none (see `nullIfEmpty`). */
  find(expr: string, pattern: string): string;
  /** A table of integer rows, to put after `FROM`, with these column names. */
  values(alias: string, columns: readonly string[], rows: readonly (readonly number[])[]): string;
  /** A DATE value as days since 1970-01-01. */
  dateDays(expr: string): string;
  /** A TIMESTAMP value (an instant) as whole seconds since 1970-01-01T00:00Z, rounded down. */
  epochSeconds(expr: string): string;
  /** A BOOLEAN value as 1, 0 or `NULL`. */
  flag(expr: string): string;
  /** The position of each row (0-based): by `order` (SQL text), or in the order the engine reads them. */
  position(order: string | null): string;
  /** A table of the integers `from`…`to` (both included) in a column `column`, to put after `FROM`. */
  integers(from: number, to: number, column: string): string;
  /** `WITH name AS (…)` of a table expression that more than one part of the query reads. */
  shared(name: string, body: string): string;
  /** `WITH name AS (…)` of a step whose columns later steps use many times: computed once where the engine would otherwise inline it. */
  fence(name: string, body: string): string;
}

/** Writes `(VALUES …)`-style integer rows as a list of tuples. */
export function tuples(rows: readonly (readonly number[])[]): string {
  return rows.map((row) => `(${row.map((value) => String(value)).join(', ')})`).join(', ');
}

/** A double-quoted identifier, as DuckDB and PostgreSQL write it. */
export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A standard string literal (quotes doubled; backslashes are plain characters). */
export function standardLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
