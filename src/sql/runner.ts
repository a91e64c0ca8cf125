/**
 * The interface between the SQL the library builds and the engine that runs it: a runner takes the
 * user's own client object (a DuckDB connection, a PostgreSQL client, a Spark session) and streams
 * the rows of one query back. The runners of the engines are their own entries of the package
 * (`servicemaal/duckdb`, `servicemaal/postgres`, `servicemaal/spark`), so that the library itself
 * never loads an engine's client.
 */

import type { SqlDialectName } from './dialect.js';

export type { SqlDialectName };

/**
 * Runs SQL on an engine. Values: string, number (integers as JS numbers; BIGINT/NUMERIC converted
 * exactly when safe, else an error), boolean, or null. Rows are arrays, in the SELECT's column order.
 *
 * @example
 * ```ts
 * // A runner over rows held in memory: what a runner of an engine gives for `SELECT 1, 'a'`.
 * const runner: SqlRunner = {
 *   dialect: 'duckdb',
 *   async *rows(_sql: string) {
 *     yield [1, 'a'];
 *   },
 * };
 * const rows: (readonly unknown[])[] = [];
 * for await (const row of runner.rows("SELECT 1, 'a'")) rows.push(row);
 * rows; // [[1, 'a']]
 * ```
 */
export interface SqlRunner {
  /** The dialect of the SQL this runner's engine understands. */
  readonly dialect: SqlDialectName;
  /** Runs one query and yields its rows in the order the engine returns them (streamed, bounded memory). */
  rows(sql: string): AsyncIterable<readonly unknown[]>;
}
