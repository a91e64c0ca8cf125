/**
 * The command line's connection to PostgreSQL (`--database postgres://…`): one client, JIT off
 * for the session, rows streamed through a cursor in batches, as a `SqlRunner`. `pg` and
 * `pg-cursor` are optional peer dependencies, loaded only here.
 */
import type { SqlRunner } from '../sql/runner.js';
import { UsageError } from './args.js';
import { engineValue, exactNumber } from './engine-values.js';

/** Rows fetched from the cursor at a time. */
const BATCH = 10_000;
/** PostgreSQL's type ids: smallint, integer, bigint, numeric; date, timestamp, timestamptz; boolean. */
const INT2 = 21;
const INT4 = 23;
const INT8 = 20;
const NUMERIC = 1700;
const DATE_TYPES: ReadonlyMap<number, 'date' | 'timestamp'> = new Map([[1082, 'date'], [1114, 'timestamp'], [1184, 'timestamp']]);
const BOOL = 16;

/** A PostgreSQL database opened by the command line. */
export interface PostgresSession {
  runner: SqlRunner;
  /** The columns of a table: name, and `date`, `timestamp`, `boolean` or `other`. */
  describe(table: string): Promise<{ name: string; type: 'date' | 'timestamp' | 'boolean' | 'other' }[]>;
  close(): Promise<void>;
}

/** Connects to PostgreSQL at a libpq URL (`postgres://user@host:port/database`). */
export async function openPostgres(url: string): Promise<PostgresSession> {
  let pg: typeof import('pg').default;
  let Cursor: typeof import('pg-cursor');
  try {
    pg = (await import('pg')).default;
    Cursor = (await import('pg-cursor')).default;
  } catch {
    throw new UsageError('install pg and pg-cursor to read from PostgreSQL (npm install pg pg-cursor)');
  }
  // The query returns whole numbers (bigint and numeric ones as exact numbers, not texts), booleans and text.
  const parserOf = (oid: number): ((text: string) => unknown) => {
    if (oid === INT8 || oid === NUMERIC) return exactNumber;
    if (oid === INT2 || oid === INT4) return Number;
    return oid === BOOL ? (text: string) => text === 't' : (text: string) => text;
  };
  const types = { getTypeParser: parserOf as typeof pg.types.getTypeParser };
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  try {
    await client.query('SET jit = off');
  } catch (error) {
    await client.end();
    throw error;
  }
  const runner: SqlRunner = {
    dialect: 'postgres',
    async *rows(sql: string) {
      const cursor = client.query(new Cursor<unknown[]>(sql, [], { rowMode: 'array', types }));
      try {
        for (;;) {
          const batch = await cursor.read(BATCH);
          if (batch.length === 0) break;
          for (const row of batch) yield row.map(engineValue);
        }
      } finally {
        await cursor.close();
      }
    },
  };
  return {
    runner,
    async describe(table) {
      const result = await client.query(`SELECT * FROM ${table} LIMIT 0`);
      return result.fields.map(({ name, dataTypeID }) => ({ name, type: DATE_TYPES.get(dataTypeID) ?? (dataTypeID === BOOL ? 'boolean' : 'other') }));
    },
    async close() {
      await client.end();
    },
  };
}
