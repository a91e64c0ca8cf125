import { doubleQuoted, standardLiteral, tuples, type SqlDialect } from '../dialect.js';

/**
 * PostgreSQL: `/` of integers truncates (exact for the non-negative operands the queries divide),
 * `~` matches POSIX regular expressions, `regexp_match` finds groups, and a table read twice is
 * `MATERIALIZED` so it is computed once.
 */
export const postgres: SqlDialect = {
  name: 'postgres',
  quote: doubleQuoted,
  literal: (text) => standardLiteral(text.replaceAll('\u0000', '')),
  type: (kind) => (kind === 'text' ? 'text' : kind === 'int' ? 'integer' : 'bigint'),
  text: (expr) => `CAST(${expr} AS text)`,
  int: (expr) => `CAST(${expr} AS integer)`,
  div: (a, b) => `((${a}) / (${b}))`,
  length: (expr) => `char_length(${expr})`,
  matches: (expr, pattern) => `(${expr} ~ ${standardLiteral(`^(?:${pattern})$`)})`,
  find: (expr, pattern) => `(regexp_match(${expr}, ${standardLiteral(pattern)}))[1]`,
  values: (alias, columns, rows) => `(VALUES ${tuples(rows)}) AS ${alias}(${columns.join(', ')})`,
  dateDays: (expr) => `(CAST(${expr} AS date) - DATE '1970-01-01')`,
  epochSeconds: (expr) => `CAST(floor(extract(epoch FROM ${expr})) AS bigint)`,
  flag: (expr) => `CASE WHEN CAST(${expr} AS boolean) THEN 1 WHEN NOT CAST(${expr} AS boolean) THEN 0 END`,
  position: (order) => `(row_number() OVER (${order === null ? '' : `ORDER BY ${order}`}) - 1)`,
  integers: (from, to, column) => `generate_series(${String(from)}, ${String(to)}) AS r(${column})`,
  fence: (name, body) => `${name} AS MATERIALIZED (${body})`,
  shared: (name, body) => `${name} AS MATERIALIZED (${body})`,
};
