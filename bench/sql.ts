/**
 * The files and tables of the SQL paths of the speed benchmark (bench/speed.ts, (h)): the CSV file
 * of the cases written again as Parquet by DuckDB, and loaded into a PostgreSQL table with COPY.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

/** Writes the CSV file as Parquet with DuckDB (text columns, as the CSV holds them); returns the seconds it took. */
export async function writeParquet(csv: string, parquet: string): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const quoted = (path: string): string => `'${path.replaceAll("'", "''")}'`;
    await connection.run(`COPY (SELECT * FROM read_csv(${quoted(csv)}, all_varchar = true, header = true)) TO ${quoted(parquet)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Loads the CSV file into a new PostgreSQL table (`columns` text, and `nr`, the row number in file
 * order, for `--order`) with psql's `\copy` (COPY through the client: the server need not see the
 * file); `psql` is the one on the PATH, or `$PSQL`. Returns the seconds it took.
 */
export async function loadPostgres(url: string, csv: string, table: string, columns: readonly string[]): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE UNLOGGED TABLE ${table} (nr bigserial, ${columns.map((column) => `${column} text`).join(', ')})`);
  } finally {
    await client.end();
  }
  const psql = process.env['PSQL'] ?? 'psql';
  const copy = `\\copy ${table} (${columns.join(', ')}) FROM '${csv.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`;
  const result = spawnSync(psql, [url, '-v', 'ON_ERROR_STOP=1', '-c', copy, '-c', `ANALYZE ${table}`], { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`cannot run ${psql} to load PostgreSQL (set PSQL to its path): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${psql} could not load ${csv} into ${table}: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Drops the table of {@link loadPostgres}. */
export async function dropPostgres(url: string, table: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await client.end();
  }
}
