/**
 * The command line's connection to DuckDB (`--engine duckdb`): an in-memory database that reads a
 * CSV or Parquet file, or a DuckDB database file opened read-only, as a `SqlRunner`.
 * `@duckdb/node-api` is an optional peer dependency, loaded only here.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SqlRunner } from '../sql/runner.js';
import { UsageError } from './args.js';
import { engineValue } from './engine-values.js';

/** The most memory DuckDB takes for a query of the command line (it spills the rest to disk). */
const DUCKDB_MEMORY = '1GB';

/** A DuckDB database opened by the command line. */
export interface DuckdbSession {
  runner: SqlRunner;
  /** The columns of a table expression (`SELECT * FROM …`): name and DuckDB type, in order. */
  describe(from: string): Promise<{ name: string; type: string }[]>;
  close(): void;
}

/**
 * Opens DuckDB: in memory (`database` `null`), or a database file, read-only. Results keep the
 * order in which DuckDB reads the rows (`preserve_insertion_order`), so a CSV file's records are
 * numbered in file order.
 */
export async function openDuckdb(database: string | null): Promise<DuckdbSession> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch {
    throw new UsageError('install @duckdb/node-api to use --engine duckdb (npm install @duckdb/node-api)');
  }
  const instance: DuckDBInstance = await api.DuckDBInstance.create(database ?? ':memory:', database === null ? {} : { access_mode: 'READ_ONLY' });
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
    await connection.run('SET preserve_insertion_order = true');
    // Bounded memory at any input size: DuckDB spills what does not fit to a temporary folder of
    // its own (not the working folder) instead of taking most of the machine's memory.
    await connection.run(`SET memory_limit = '${DUCKDB_MEMORY}'`);
    await connection.run(`SET temp_directory = '${join(tmpdir(), `servicemaal-duckdb-${String(process.pid)}`).replaceAll("'", "''")}'`);
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  const runner: SqlRunner = {
    dialect: 'duckdb',
    async *rows(sql: string) {
      const result = await connection.stream(sql);
      for await (const chunk of result.yieldRowsJs()) {
        for (const row of chunk) yield row.map(engineValue);
      }
    },
  };
  return {
    runner,
    async describe(from) {
      const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
      const text = (value: unknown): string => (typeof value === 'string' ? value : '');
      return reader.getRowObjectsJS().map((row) => ({ name: text(row['column_name']), type: text(row['column_type']) }));
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
