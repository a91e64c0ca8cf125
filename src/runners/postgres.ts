/**
 * Runs the library's SQL on PostgreSQL through node-postgres (`pg`, with `pg-cursor` for streaming),
 * on a client of the caller's (optional peer dependencies: install both beside servicemaal to use
 * this entry).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresRunner } from 'servicemaal/postgres';
 *
 * const client = new pg.Client({ connectionString: 'postgres://servicemaal@127.0.0.1:5432/servicemaal' });
 * const runner = postgresRunner(client);
 * ```
 *
 * @packageDocumentation
 * @module servicemaal/postgres
 */
import Cursor from 'pg-cursor';
import type { SqlRunner } from '../sql/runner.js';
import { decimalToNumber, integerToNumber, placeOf, type ValuePlace } from './convert.js';

/**
 * What the runner needs of a node-postgres client: a `pg.Client` or a `pg.PoolClient` (from
 * `await pool.connect()`) has it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 *
 * const client: PostgresClient = new pg.Client();
 * typeof client.query; // 'function'
 * ```
 */
export interface PostgresClient {
  /** Runs a statement (`BEGIN`, `SET LOCAL …`). */
  query(text: string): Promise<unknown>;
  /** Submits a query object of its own protocol: the runner's cursor (`pg-cursor`). */
  query<
    T extends {
      /** Sends the query object's messages on the client's connection. */
      submit(connection: unknown): void;
    },
  >(submittable: T): T;
  /** node-postgres 8.12 and later: `'I'` when the client is outside a transaction. */
  getTransactionStatus?(): string | null;
}

/**
 * What the runner needs of a node-postgres pool (`pg.Pool`): a client for each query, released
 * after it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 *
 * const pool = new pg.Pool({ max: 2 });
 * const target: PostgresPool = pool;
 * target.totalCount; // 0
 * await pool.end();
 * ```
 */
export interface PostgresPool {
  /** Lends a client of the pool. */
  connect(): Promise<
    PostgresClient & {
      /** Gives the client back to the pool (or, with an error or `true`, ends it). */
      release(error?: Error | boolean): void;
    }
  >;
  /** The number of the pool's clients (tells a pool from a client). */
  readonly totalCount: number;
}

/**
 * Options of {@link postgresRunner}.
 *
 * @example
 * ```ts
 * const options: PostgresRunnerOptions = { batchSize: 1000 };
 * options.batchSize; // 1000
 * ```
 */
export interface PostgresRunnerOptions {
  /** Rows fetched from the cursor at a time (default 10,000): what the runner holds in memory at most. */
  batchSize?: number;
}

/** PostgreSQL's type ids (pg_type.oid) of the columns the runner reads. */
const TYPES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [26, 'oid'],
  [700, 'real'],
  [701, 'double precision'],
  [1700, 'numeric'],
  [18, 'char'],
  [19, 'name'],
  [25, 'text'],
  [705, 'unknown'],
  [1042, 'character'],
  [1043, 'character varying'],
]);
/** date, time, timestamp, timestamp with time zone, interval, time with time zone. */
const DATES_AND_TIMES: ReadonlyMap<number, string> = new Map([
  [1082, 'date'],
  [1083, 'time'],
  [1114, 'timestamp'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1266, 'time with time zone'],
]);

/** Every value comes from the server as its text; the runner converts it (see columnReaders). */
const AS_TEXT = { getTypeParser: () => (text: string) => text };

type Convert = (text: string, row: number) => unknown;

interface Field {
  name: string;
  dataTypeID: number;
}

/** How to read each column: checked before the first row, so a wrong column fails even when no row has a value. */
function columnReaders(fields: readonly Field[]): Convert[] {
  return fields.map((field, index): Convert => {
    const type = TYPES.get(field.dataTypeID) ?? DATES_AND_TIMES.get(field.dataTypeID) ?? `type oid ${field.dataTypeID}`;
    const at = (row: number | null): ValuePlace => ({ runner: 'servicemaal/postgres', row, column: index + 1, name: field.name, type });
    switch (field.dataTypeID) {
      case 16:
        return (text) => text === 't' || text === 'true';
      case 21:
      case 23:
      case 26:
      case 700:
      case 701:
        return (text) => Number(text);
      case 20:
        return (text, row) => integerToNumber(BigInt(text), at(row));
      case 1700:
        return (text, row) => decimalToNumber(text, at(row));
      case 18:
      case 19:
      case 25:
      case 705:
      case 1042:
      case 1043:
        return (text) => text;
      default:
        if (DATES_AND_TIMES.has(field.dataTypeID)) {
          throw new TypeError(`${placeOf(at(null))}: a date or time column; the runner returns integers, decimals, text, booleans and nulls only (the library's queries give days as integers)`);
        }
        throw new TypeError(`${placeOf(at(null))}: a column of a type the runner does not read; it returns integers, decimals, text, booleans and nulls only`);
    }
  });
}

/** Reads up to `count` rows of a cursor, with the result's columns. */
function read(cursor: Cursor<(string | null)[]>, count: number): Promise<{ rows: (string | null)[][]; fields: Field[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, rows, result) => {
      // pg-cursor passes null, not undefined, when there is no error.
      if (error) reject(error);
      else resolve({ rows, fields: result.fields });
    });
  });
}

function isPool(target: PostgresClient | PostgresPool): target is PostgresPool {
  return typeof (target as Partial<PostgresPool>).totalCount === 'number' && typeof (target as Partial<PostgresPool>).connect === 'function';
}

/**
 * A runner of SQL on PostgreSQL through node-postgres: takes a connected `pg.Client` or
 * `pg.PoolClient` (or a `pg.Pool`, from which it borrows a client per query), and streams a query's
 * rows with a cursor (`pg-cursor`), `batchSize` rows at a time, so that even a result of millions
 * of rows is never held whole.
 *
 * Each query runs in a transaction of its own (`BEGIN` … `COMMIT`, or `ROLLBACK` on an error or
 * when the caller stops reading early) in which the runner first sets `SET LOCAL jit = off`:
 * PostgreSQL's JIT compilation made the library's single large query about 100 times slower in a
 * test, and `SET LOCAL` ends with the transaction, so the session's own settings are left as they
 * were (PostgreSQL 11 or later, which has the setting). When you run such queries yourself, run them
 * with `SET jit = off` too. The client must not be inside a transaction of the caller's (an Error
 * says so).
 *
 * Values come back as JavaScript values: boolean as booleans; smallint, integer, real and double
 * precision as numbers; bigint and numeric as numbers, exactly or a RangeError; text types as
 * strings; NULL as null. A column of a date or time type (the library's queries give days as
 * integers), or of any other type, is a TypeError naming it.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresRunner } from 'servicemaal/postgres';
 *
 * // Connect the client first: `await client.connect()`; the runner neither opens nor closes it.
 * const client = new pg.Client({ connectionString: 'postgres://servicemaal@127.0.0.1:5432/servicemaal' });
 * const runner = postgresRunner(client, { batchSize: 5000 });
 * runner.dialect; // 'postgres'
 * ```
 */
export function postgresRunner(client: PostgresClient | PostgresPool, options: PostgresRunnerOptions = {}): SqlRunner {
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`servicemaal/postgres: batchSize must be a positive integer, not ${String(batchSize)}`);
  return {
    dialect: 'postgres',
    async *rows(sql: string) {
      const lease = isPool(client) ? await client.connect() : null;
      const connection: PostgresClient = lease ?? (client as PostgresClient);
      let cursor: Cursor<(string | null)[]> | null = null;
      let open = false;
      let failed = false;
      try {
        const status = connection.getTransactionStatus?.() ?? 'I';
        if (status !== 'I') throw new Error('servicemaal/postgres: the client is inside a transaction; the runner runs each query in a transaction of its own, so give it a client outside one');
        await connection.query('BEGIN');
        open = true;
        await connection.query('SET LOCAL jit = off');
        cursor = connection.query(new Cursor<(string | null)[]>(sql, undefined, { rowMode: 'array', types: AS_TEXT }));
        let readers: Convert[] | null = null;
        let row = 0;
        for (;;) {
          const batch = await read(cursor, batchSize);
          readers ??= columnReaders(batch.fields);
          for (const raw of batch.rows) {
            row++;
            const values: unknown[] = new Array<unknown>(readers.length);
            for (let column = 0; column < readers.length; column++) {
              const text = raw[column] ?? null;
              values[column] = text === null ? null : (readers[column] as Convert)(text, row);
            }
            yield values;
          }
          if (batch.rows.length < batchSize) break;
        }
        await cursor.close();
        cursor = null;
        await connection.query('COMMIT');
        open = false;
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // An error, or the caller stopped reading: close the cursor, end the transaction.
        if (cursor !== null) await cursor.close().catch(() => undefined);
        if (open) await connection.query('ROLLBACK').catch(() => undefined);
        lease?.release(failed);
      }
    },
  };
}
