export type SqlDialectName = 'duckdb' | 'postgres' | 'spark';
/** Runs SQL on an engine. Values: string, number (integers as JS numbers; BIGINT/NUMERIC converted
 *  exactly when safe, else an error), boolean, or null. Rows are arrays, in the SELECT's column order. */
export interface SqlRunner {
  readonly dialect: SqlDialectName;
  /** Runs one query and yields its rows in the order the engine returns them (streamed, bounded memory). */
  rows(sql: string): AsyncIterable<readonly unknown[]>;
}
