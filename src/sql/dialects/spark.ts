import { tuples, type SqlDialect } from '../dialect.js';

/**
 * Spark SQL: backquoted identifiers, string literals with backslash escapes (so `\` and `'` are
 * escaped), `div` divides integers, `RLIKE` and `regexp_extract` use Java's regular expressions
 * (whose `$` also matches before a final line break: the queries end patterns with `\z`).
 */
export const spark: SqlDialect = {
  name: 'spark',
  quote: (name) => `\`${name.replaceAll('`', '``')}\``,
  literal: sparkLiteral,
  type: (kind) => (kind === 'text' ? 'STRING' : kind === 'int' ? 'INT' : 'BIGINT'),
  text: (expr) => `CAST(${expr} AS STRING)`,
  int: (expr) => `CAST(${expr} AS INT)`,
  div: (a, b) => `((${a}) div (${b}))`,
  length: (expr) => `char_length(${expr})`,
  matches: (expr, pattern) => `(${expr} RLIKE ${sparkLiteral(`^(?:${pattern})\\z`)})`,
  find: (expr, pattern) => `regexp_extract(${expr}, ${sparkLiteral(pattern)}, 1)`,
  values: (alias, columns, rows) => `VALUES ${tuples(rows)} AS ${alias}(${columns.join(', ')})`,
  dateDays: (expr) => `datediff(CAST(${expr} AS DATE), DATE '1970-01-01')`,
  epochSeconds: (expr) => `CAST(floor(unix_micros(CAST(${expr} AS TIMESTAMP)) / 1000000) AS BIGINT)`,
  flag: (expr) => `CASE WHEN CAST(${expr} AS BOOLEAN) THEN 1 WHEN NOT CAST(${expr} AS BOOLEAN) THEN 0 END`,
  position: (order) => `(row_number() OVER (ORDER BY ${order ?? 'monotonically_increasing_id()'}) - 1)`,
  integers: (from, to, column) => `(SELECT id AS ${column} FROM range(${String(from)}, ${String(to + 1)})) AS r`,
  fence: (name, body) => `${name} AS (${body})`,
  shared: (name, body) => `${name} AS (${body})`,
};

/** A Spark string literal: backslashes and quotes escaped with a backslash. */
function sparkLiteral(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
