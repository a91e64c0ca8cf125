/**
 * The engines the library's SQL is tested on (`npm run test:engines`): DuckDB, embedded, always
 * there; PostgreSQL and Spark's Thrift server, found through the variables that
 * scripts/engines/start.sh writes to .engines/env:
 *
 * - `SERVICEMAAL_TEST_POSTGRES`: a libpq URL, `postgres://servicemaal@127.0.0.1:PORT/servicemaal`;
 * - `SERVICEMAAL_TEST_SPARK`: `host:port` of the Thrift server (HiveServer2).
 *
 * Spark's opener lives in a module of its own, which registers it with `registerEngine('spark', …)`.
 * Under `CI=true` a missing engine fails its tests; elsewhere they are skipped, with the reason in
 * the name of the skipped suite (see `skipReason`).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { duckdbRunner } from '../src/runners/duckdb.js';
import { postgresRunner } from '../src/runners/postgres.js';
import type { SqlRunner } from '../src/sql/runner.js';
import { openSpark } from './spark.js';

/** The type of a column of a test table: text unless given. */
export type ColumnType = 'text' | 'date' | 'timestamp' | 'integer' | 'boolean';

/** A value of a test table's cell: dates as 'YYYY-MM-DD' text, timestamps as ISO text with an offset (an instant). */
export type Cell = string | number | boolean | null;

/** An engine to run SQL on in tests. */
export interface TestEngine {
  name: 'duckdb' | 'postgres' | 'spark';
  runner: SqlRunner;
  /** Creates (replacing) a table with these columns (all TEXT unless a type is given: 'text'|'date'|'timestamp'|'integer'|'boolean') and rows. */
  load(table: string, columns: readonly { name: string; type?: ColumnType }[], rows: readonly (readonly Cell[])[]): Promise<void>;
  close(): Promise<void>;
}

/** Every engine, in the order the tests run them. */
export const ENGINE_NAMES: readonly TestEngine['name'][] = ['duckdb', 'postgres', 'spark'];

/** The variable that tells where each server engine is. */
const VARIABLES: Readonly<Record<'postgres' | 'spark', string>> = { postgres: 'SERVICEMAAL_TEST_POSTGRES', spark: 'SERVICEMAAL_TEST_SPARK' };

type Opener = () => Promise<TestEngine>;
const openers = new Map<TestEngine['name'], Opener>([
  ['duckdb', openDuckdb],
  ['postgres', openPostgres],
  ['spark', openSpark],
]);

/** Makes an engine available to openEngine (or replaces its opener). */
export function registerEngine(name: TestEngine['name'], open: Opener): void {
  openers.set(name, open);
}

/** The variable's value, or null when it is unset or empty. */
function variable(name: 'postgres' | 'spark'): string | null {
  const value = process.env[VARIABLES[name]];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** Whether the engine can be opened here: DuckDB always; a server engine when its variable is set and its opener registered. */
export function engineAvailable(name: TestEngine['name']): boolean {
  if (!openers.has(name)) return false;
  return name === 'duckdb' || variable(name) !== null;
}

/** Why an engine is missing, with what to do about it; null when it is available. */
function missing(name: TestEngine['name']): string | null {
  if (!openers.has(name)) return `no opener is registered for ${name} (its module calls registerEngine('${name}', …))`;
  if (name !== 'duckdb' && variable(name) === null) {
    return `${VARIABLES[name]} is not set: start the engines with scripts/engines/start.sh, then \`. .engines/env\``;
  }
  return null;
}

/**
 * Why the tests of an engine are skipped here, or null when they run. An engine whose server is
 * not running is skipped on a developer's machine, and runs (to fail, in openEngine) under
 * `CI=true`; one with no registered opener (no module for it in this checkout) is skipped everywhere.
 */
export function skipReason(name: TestEngine['name']): string | null {
  const reason = missing(name);
  if (reason !== null && openers.has(name) && process.env['CI'] === 'true') return null;
  return reason;
}

/** Opens an engine; a missing one is an Error that says how to start it. */
export async function openEngine(name: TestEngine['name']): Promise<TestEngine> {
  const reason = missing(name);
  const open = openers.get(name);
  if (reason !== null || open === undefined) throw new Error(`the ${name} engine is not available: ${reason ?? 'no opener'}`);
  return open();
}

// ---- Loading tables ---------------------------------------------------------------------------

/** Rows per INSERT statement. */
const ROWS_PER_INSERT = 1000;

/** An identifier in double quotes, as DuckDB and PostgreSQL read it. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string as an SQL literal (standard: quotes doubled, backslashes as they are). */
function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The SQL types of the column types, per engine. */
const SQL_TYPES: Readonly<Record<'duckdb' | 'postgres', Readonly<Record<ColumnType, string>>>> = {
  duckdb: { text: 'VARCHAR', date: 'DATE', timestamp: 'TIMESTAMPTZ', integer: 'BIGINT', boolean: 'BOOLEAN' },
  postgres: { text: 'TEXT', date: 'DATE', timestamp: 'TIMESTAMPTZ', integer: 'BIGINT', boolean: 'BOOLEAN' },
};

/** A cell as an SQL literal of its column's type. */
function literal(cell: Cell, type: ColumnType, sqlType: string, where: string): string {
  if (cell === null) return 'NULL';
  switch (type) {
    case 'integer':
      if (typeof cell !== 'number' || !Number.isSafeInteger(cell)) throw new TypeError(`${where}: an integer column needs safe integers, not ${JSON.stringify(cell)}`);
      return String(cell);
    case 'boolean':
      if (typeof cell !== 'boolean') throw new TypeError(`${where}: a boolean column needs booleans, not ${JSON.stringify(cell)}`);
      return cell ? 'TRUE' : 'FALSE';
    case 'date':
    case 'timestamp':
      if (typeof cell !== 'string') throw new TypeError(`${where}: a ${type} column needs text, not ${JSON.stringify(cell)}`);
      return `CAST(${quoteText(cell)} AS ${sqlType})`;
    case 'text':
      return quoteText(String(cell));
  }
}

/** The statements that create (replacing) a table and insert its rows, at most ROWS_PER_INSERT rows a statement. */
export function loadStatements(
  engine: 'duckdb' | 'postgres',
  table: string,
  columns: readonly { name: string; type?: ColumnType }[],
  rows: readonly (readonly Cell[])[],
): string[] {
  if (columns.length === 0) throw new Error(`table ${table}: no columns`);
  const types = columns.map((column) => column.type ?? 'text');
  const sqlTypes = types.map((type) => SQL_TYPES[engine][type]);
  const name = quoteIdentifier(table);
  const statements = [
    `DROP TABLE IF EXISTS ${name}`,
    `CREATE TABLE ${name} (${columns.map((column, index) => `${quoteIdentifier(column.name)} ${sqlTypes[index] ?? 'TEXT'}`).join(', ')})`,
  ];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const values: string[] = [];
    for (let index = start; index < Math.min(rows.length, start + ROWS_PER_INSERT); index++) {
      const row = rows[index] ?? [];
      if (row.length !== columns.length) throw new Error(`table ${table}, row ${index + 1}: ${row.length} values for ${columns.length} columns`);
      values.push(`(${row.map((cell, column) => literal(cell, types[column] ?? 'text', sqlTypes[column] ?? 'TEXT', `table ${table}, row ${index + 1}, column ${columns[column]?.name ?? ''}`)).join(', ')})`);
    }
    statements.push(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
  }
  return statements;
}

// ---- The engines ------------------------------------------------------------------------------

async function openDuckdb(): Promise<TestEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    name: 'duckdb',
    runner: duckdbRunner(connection),
    async load(table, columns, rows) {
      for (const statement of loadStatements('duckdb', table, columns, rows)) await connection.run(statement);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
      return Promise.resolve();
    },
  };
}

/** The URL of the test PostgreSQL server; an Error that says how to start it when it is not set. */
export function postgresUrl(): string {
  const url = variable('postgres');
  if (url === null) throw new Error(`the postgres engine is not available: ${missing('postgres') ?? ''}`);
  return url;
}

async function openPostgres(): Promise<TestEngine> {
  const url = postgresUrl();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    name: 'postgres',
    runner: postgresRunner(client),
    async load(table, columns, rows) {
      for (const statement of loadStatements('postgres', table, columns, rows)) await client.query(statement);
    },
    async close() {
      await client.end();
    },
  };
}
