import { doubleQuoted, standardLiteral, tuples, type SqlDialect } from '../dialect.js';

/**
 * DuckDB: `//` divides integers, `regexp_full_match` matches a whole text (RE2), `TRY_CAST` never
 * fails a query.
 */
export const duckdb: SqlDialect = {
  name: 'duckdb',
  quote: doubleQuoted,
  literal: standardLiteral,
  type: (kind) => (kind === 'text' ? 'VARCHAR' : kind === 'int' ? 'INTEGER' : 'BIGINT'),
  text: (expr) => `CAST(${expr} AS VARCHAR)`,
  int: (expr) => `TRY_CAST(${expr} AS INTEGER)`,
  div: (a, b) => `((${a}) // (${b}))`,
  length: (expr) => `length(${expr})`,
  matches: (expr, pattern) => `regexp_full_match(${expr}, ${standardLiteral(pattern)})`,
  find: (expr, pattern) => `regexp_extract(${expr}, ${standardLiteral(pattern)}, 1)`,
  values: (alias, columns, rows) => `(VALUES ${tuples(rows)}) AS ${alias}(${columns.join(', ')})`,
  dateDays: (expr) => `CAST(date_diff('day', DATE '1970-01-01', CAST(${expr} AS DATE)) AS INTEGER)`,
  // `epoch` of a TIMESTAMP reads it as UTC, of a TIMESTAMPTZ as its instant: never the session's time zone.
  epochSeconds: (expr) => `CAST(floor(epoch(${expr})) AS BIGINT)`,
  flag: (expr) => `CASE WHEN CAST(${expr} AS BOOLEAN) THEN 1 WHEN NOT CAST(${expr} AS BOOLEAN) THEN 0 END`,
  position: (order) => `(row_number() OVER (${order === null ? '' : `ORDER BY ${order}`}) - 1)`,
  integers: (from, to, column) => `range(${String(from)}, ${String(to + 1)}) AS r(${column})`,
  fence: (name, body) => `${name} AS (${body})`,
  shared: (name, body) => `${name} AS (${body})`,
};
