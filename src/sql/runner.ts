import type { SqlDialectName } from './dialect.js';

/**
 * Runs SQL on an engine, for {@link evaluateInDatabase}. Values: string, number (integers as JS
 * numbers; BIGINT/NUMERIC converted exactly when safe, else an error), boolean, or null. Rows are
 * arrays, in the SELECT's column order.
 *
 * @example
 * ```ts
 * const runner: SqlRunner = { dialect: 'duckdb', rows: async function* () { yield [1, 'a', null]; } };
 * runner.dialect; // 'duckdb'
 * ```
 */
export interface SqlRunner {
  readonly dialect: SqlDialectName;
  /** Runs one query and yields its rows in the order the engine returns them (streamed, bounded memory). */
  rows(sql: string): AsyncIterable<readonly unknown[]>;
}
