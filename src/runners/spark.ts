/**
 * Running the library's SQL on Apache Spark through its Thrift server (HiveServer2), with a session
 * of the `hive-driver` client (or any client object of the same shape): `sparkRunner(session)`.
 * Rows come back in batches (FetchResults with a maximum row count), so a result of millions of
 * rows never sits in memory whole. `connectSpark({ host, port })` opens such a session.
 */
import type { SqlRunner } from '../sql/runner.js';
import { decimalToNumber, integerToNumber, placeOf, type ValuePlace } from './convert.js';

/**
 * The parts of a HiveServer2 session that {@link sparkRunner} uses: `hive-driver`'s session
 * (`IHiveSession`) has this shape.
 *
 * @example
 * ```ts
 * const { session, close } = await connectSpark({ host: '127.0.0.1', port: 10000 });
 * const spark: SparkSession = session;
 * const operation = await spark.executeStatement('SELECT 1', { runAsync: true });
 * typeof operation.fetch; // 'function'
 * await close();
 * ```
 */
export interface SparkSession {
  /** Starts one statement; with `runAsync` it returns before the statement has finished. */
  executeStatement(statement: string, options?: { runAsync?: boolean }): Promise<SparkOperation>;
}

/**
 * One running statement of a {@link SparkSession}, as `hive-driver`'s `IOperation` has it: its
 * state, and its result fetched in batches of at most `setMaxRows` rows.
 *
 * @example
 * ```ts
 * const { session, close } = await connectSpark({ host: '127.0.0.1', port: 10000 });
 * const operation: SparkOperation = await session.executeStatement('SELECT 1', { runAsync: true });
 * operation.setMaxRows(1000);
 * await operation.close();
 * await close();
 * ```
 */
export interface SparkOperation {
  /** The statement's state (`operationState`, a Thrift `TOperationState`) and error, if any. */
  status(progress?: boolean): Promise<SparkOperationStatus>;
  /** The most rows one `fetch` brings. */
  setMaxRows(maxRows: number): void;
  /** Fetches the next batch of rows into `getData()`. */
  fetch(): Promise<unknown>;
  /** Whether another `fetch` may bring rows. */
  hasMoreRows(): boolean;
  /** The result's columns, known after the first `fetch` (null for a statement without result). */
  getSchema(): SparkTableSchema | null;
  /** The batches fetched since the last `flush`. */
  getData(): readonly SparkRowSet[];
  /** Forgets the batches fetched so far. */
  flush(): void;
  /** Closes the statement on the server. */
  close(): Promise<unknown>;
}

/**
 * The state of a {@link SparkOperation} (Thrift `TGetOperationStatusResp`).
 *
 * @example
 * ```ts
 * const finished: SparkOperationStatus = { operationState: 2 };
 * finished.operationState; // 2
 * ```
 */
export interface SparkOperationStatus {
  /** Thrift `TOperationState`: 0 initialized, 1 running, 2 finished, 3 canceled, 4 closed, 5 error, 6 unknown, 7 pending, 8 timed out. */
  operationState?: number | null;
  /** The server's message when the statement failed. */
  errorMessage?: string | null;
  /** The SQL state of the failure. */
  sqlState?: string | null;
}

/**
 * The columns of a result (Thrift `TTableSchema`): names and type ids, in the SELECT's order.
 *
 * @example
 * ```ts
 * const schema: SparkTableSchema = { columns: [{ columnName: 'n', typeDesc: { types: [{ primitiveEntry: { type: 4 } }] } }] };
 * schema.columns.length; // 1
 * ```
 */
export interface SparkTableSchema {
  /** One entry per column; `primitiveEntry.type` is a Thrift `TTypeId` (4 is BIGINT, 7 STRING). */
  columns: readonly { columnName: string; typeDesc: { types: readonly { primitiveEntry?: { type: number } | null }[] } }[];
}

/**
 * One fetched batch (Thrift `TRowSet`), column by column: each column has its values and a bitmap
 * of nulls (bit `i % 8` of byte `⌊i / 8⌋` set when row `i` is null).
 *
 * @example
 * ```ts
 * const batch: SparkRowSet = { columns: [{ i32Val: { values: [1, 0], nulls: Uint8Array.of(0b10) } }] };
 * batch.columns?.[0]?.i32Val?.values; // [1, 0]
 * ```
 */
export interface SparkRowSet {
  /** The batch's columns, in the result's order. */
  columns?: readonly SparkColumn[] | null;
}

/**
 * One column of a {@link SparkRowSet}: exactly one of the typed value lists is set.
 *
 * @example
 * ```ts
 * const column: SparkColumn = { stringVal: { values: ['a', ''], nulls: Uint8Array.of(0b10) } };
 * column.stringVal?.values[0]; // 'a'
 * ```
 */
export interface SparkColumn {
  /** BOOLEAN values. */
  boolVal?: SparkColumnValues | null;
  /** TINYINT values. */
  byteVal?: SparkColumnValues | null;
  /** SMALLINT values. */
  i16Val?: SparkColumnValues | null;
  /** INT values. */
  i32Val?: SparkColumnValues | null;
  /** BIGINT values (64-bit integers: `node-int64` objects, bigints or numbers). */
  i64Val?: SparkColumnValues | null;
  /** FLOAT and DOUBLE values. */
  doubleVal?: SparkColumnValues | null;
  /** STRING values, and DECIMAL, DATE and TIMESTAMP values as text. */
  stringVal?: SparkColumnValues | null;
  /** BINARY values. */
  binaryVal?: SparkColumnValues | null;
}

/**
 * The values of one column of a batch, and the bitmap of its nulls.
 *
 * @example
 * ```ts
 * const values: SparkColumnValues = { values: [true], nulls: new Uint8Array(0) };
 * values.values; // [true]
 * ```
 */
export interface SparkColumnValues {
  /** One value per row (a placeholder where the row is null). */
  values: readonly unknown[];
  /** Bit `i % 8` of byte `⌊i / 8⌋` is set when row `i` is null. */
  nulls?: Uint8Array | null;
}

/**
 * Options of {@link sparkRunner}.
 *
 * @example
 * ```ts
 * const options: SparkRunnerOptions = { batchRows: 5000 };
 * options.batchRows; // 5000
 * ```
 */
export interface SparkRunnerOptions {
  /** The most rows fetched from the server at a time (default 10,000): memory stays bounded by one batch. */
  batchRows?: number;
}

// Thrift TOperationState and TTypeId values (TCLIService.thrift of Hive, which Spark's Thrift server speaks).
const FINISHED = 2;
const WAITING_STATES = new Set([0, 1, 7]); // initialized, running, pending
const STATE_NAMES = ['initialized', 'running', 'finished', 'canceled', 'closed', 'failed', 'in an unknown state', 'pending', 'timed out'];
const TYPE_NAMES = new Map([
  [0, 'BOOLEAN'], [1, 'TINYINT'], [2, 'SMALLINT'], [3, 'INT'], [4, 'BIGINT'], [5, 'FLOAT'], [6, 'DOUBLE'], [7, 'STRING'],
  [8, 'TIMESTAMP'], [9, 'BINARY'], [10, 'ARRAY'], [11, 'MAP'], [12, 'STRUCT'], [13, 'UNION'], [14, 'USER_DEFINED'],
  [15, 'DECIMAL'], [16, 'NULL'], [17, 'DATE'], [18, 'VARCHAR'], [19, 'CHAR'], [20, 'INTERVAL_YEAR_MONTH'],
  [21, 'INTERVAL_DAY_TIME'], [22, 'TIMESTAMP_LOCAL_TZ'],
]);
const DECIMAL = 15;
const DEFAULT_BATCH_ROWS = 10_000;
/** Thrift TProtocolVersion HIVE_CLI_SERVICE_PROTOCOL_V10: columnar result batches (Hive 2.3 and later, Spark 2 and later). */
const HIVE_CLI_SERVICE_PROTOCOL_V10 = 9;

/**
 * A {@link SqlRunner} for Apache Spark's Thrift server (HiveServer2), on the caller's session of
 * the `hive-driver` client (an optional peer dependency). Each query runs asynchronously on the
 * server and its rows are fetched `batchRows` at a time, closing the statement at the end (also
 * when the caller stops early). Values: BOOLEAN → boolean; TINYINT … BIGINT → number (a BIGINT
 * beyond ±(2^53 − 1) is an error, not a rounded number); DECIMAL → number when it is an integer
 * a number holds exactly or a fraction that reads back the same, else an error; FLOAT/DOUBLE →
 * number; STRING → string; NULL → null; DATE, TIMESTAMP, BINARY and nested types are errors (the
 * library's queries give days and seconds as integers).
 *
 * @example
 * ```ts
 * const { session, close } = await connectSpark({ host: '127.0.0.1', port: 10000 });
 * const runner = sparkRunner(session);
 * const rows: (readonly unknown[])[] = [];
 * for await (const row of runner.rows("SELECT 1 + 1, 'a', CAST(NULL AS INT)")) rows.push(row);
 * rows; // [[2, 'a', null]]
 * await close();
 * ```
 */
export function sparkRunner(session: SparkSession, options: SparkRunnerOptions = {}): SqlRunner {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) {
    throw new RangeError(`sparkRunner: batchRows must be a positive integer, got ${String(batchRows)}`);
  }
  return {
    dialect: 'spark',
    rows: (sql) => sparkRows(session, sql, batchRows),
  };
}

async function* sparkRows(session: SparkSession, sql: string, batchRows: number): AsyncGenerator<readonly unknown[]> {
  let operation: SparkOperation;
  try {
    operation = await session.executeStatement(sql, { runAsync: true });
  } catch (error) {
    throw queryError(sql, error instanceof Error ? error.message : String(error), error);
  }
  try {
    await waitUntilFinished(operation, sql);
    operation.setMaxRows(batchRows);
    let row = 0;
    let columns: Decoder[] | null = null;
    do {
      await operation.fetch();
      const schema = operation.getSchema();
      if (schema === null) break; // a statement without a result set (DDL, INSERT)
      columns ??= checkedColumns(schema.columns.map(decoderOf));
      const batches = operation.getData();
      operation.flush();
      for (const batch of batches) {
        for (const decoded of decodeBatch(batch, columns, row)) {
          row += 1;
          yield decoded;
        }
      }
    } while (operation.hasMoreRows());
  } finally {
    await operation.close();
  }
}

async function waitUntilFinished(operation: SparkOperation, sql: string): Promise<void> {
  let pause = 5;
  for (;;) {
    const status = await operation.status(false);
    const state = status.operationState ?? 0;
    if (state === FINISHED) return;
    if (!WAITING_STATES.has(state)) {
      const reason = status.errorMessage == null ? `the statement was ${STATE_NAMES[state] ?? `in state ${String(state)}`}` : serverMessage(status.errorMessage);
      const full = status.errorMessage == null ? undefined : new Error(status.errorMessage);
      throw queryError(sql, status.sqlState == null ? reason : `${reason} (SQL state ${status.sqlState})`, full);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 200);
  }
}

/** The server's message without the Java stack trace and the Thrift server's wrapping. */
function serverMessage(text: string): string {
  const stack = text.search(/\n\s*at /);
  return (stack < 0 ? text : text.slice(0, stack))
    .replace(/^org\.apache\.hive\.service\.cli\.HiveSQLException: (Error running query: )?/, '')
    .trim();
}

function queryError(sql: string, reason: string, cause?: unknown): Error {
  const head = sql.length > 200 ? `${sql.slice(0, 200)}…` : sql;
  return new Error(`Spark could not run the query: ${reason}\nQuery: ${head}`, cause === undefined ? undefined : { cause });
}

/** Turns one column's values into the runner's values; `row` is the result's row number (from 1). */
interface Decoder {
  name: string;
  typeId: number;
  typeName: string;
}

function decoderOf(column: SparkTableSchema['columns'][number]): Decoder {
  const typeId = column.typeDesc.types[0]?.primitiveEntry?.type ?? -1;
  return { name: column.columnName, typeId, typeName: TYPE_NAMES.get(typeId) ?? `type ${String(typeId)}` };
}

const VALUE_LISTS = ['boolVal', 'byteVal', 'i16Val', 'i32Val', 'i64Val', 'doubleVal', 'stringVal', 'binaryVal'] as const;

function decodeBatch(batch: SparkRowSet, decoders: readonly Decoder[], firstRow: number): (readonly unknown[])[] {
  const columns = batch.columns ?? [];
  if (columns.length === 0) return []; // an empty result (Spark sends DDL results so)
  if (columns.length !== decoders.length) {
    throw new Error(`Spark returned a batch of ${String(columns.length)} columns for a result of ${String(decoders.length)} columns`);
  }
  const lists = columns.map((column, index) => {
    for (const kind of VALUE_LISTS) {
      const list = column[kind];
      if (list != null) return { kind, list };
    }
    throw new Error(`Spark returned no values for column "${decoders[index]?.name ?? String(index + 1)}"`);
  });
  const count = lists[0]?.list.values.length ?? 0;
  const rows: (readonly unknown[])[] = [];
  for (let i = 0; i < count; i += 1) {
    const row: unknown[] = [];
    for (let c = 0; c < lists.length; c += 1) {
      const { kind, list } = lists[c] as (typeof lists)[number];
      const decoder = decoders[c] as Decoder;
      row.push(isNull(list.nulls, i) ? null : convert(kind, list.values[i], decoder, firstRow + i + 1, c + 1));
    }
    rows.push(row);
  }
  return rows;
}

function isNull(nulls: Uint8Array | null | undefined, index: number): boolean {
  if (nulls == null) return false;
  const byte = nulls[index >> 3] ?? 0;
  return (byte & (1 << (index & 7))) !== 0;
}

/** Types a result may have: integers, decimals, floating-point numbers, text, booleans and NULL. */
const READABLE = new Set(['BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'STRING', 'DECIMAL', 'NULL', 'VARCHAR', 'CHAR']);
const DATES = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMP_LOCAL_TZ', 'INTERVAL_YEAR_MONTH', 'INTERVAL_DAY_TIME']);

/** The columns of a result, each of a type the runner reads: a date, time or nested column is a TypeError naming it. */
function checkedColumns(columns: Decoder[]): Decoder[] {
  columns.forEach((column, index) => {
    if (READABLE.has(column.typeName)) return;
    const place = placeOf({ runner: 'servicemaal/spark', row: null, column: index + 1, name: column.name, type: column.typeName });
    if (DATES.has(column.typeName)) {
      throw new TypeError(`${place}: a date or time column; the runner returns integers, decimals, text, booleans and nulls only (the library's queries give days as integers)`);
    }
    throw new TypeError(`${place}: a column of a type the runner does not read; it returns integers, decimals, text, booleans and nulls only`);
  });
  return columns;
}

function convert(kind: (typeof VALUE_LISTS)[number], value: unknown, decoder: Decoder, row: number, column: number): unknown {
  const place = { runner: 'servicemaal/spark', row, column, name: decoder.name, type: decoder.typeName };
  switch (kind) {
    case 'boolVal':
    case 'doubleVal':
      return value;
    case 'byteVal':
    case 'i16Val':
    case 'i32Val':
      return typeof value === 'number' ? value : Number(value);
    case 'i64Val':
      return integerToNumber(int64(value, place), place);
    case 'stringVal':
      return decoder.typeId === DECIMAL && typeof value === 'string' ? decimalToNumber(value.trim(), place) : value;
    case 'binaryVal':
      throw new TypeError(`${placeOf(place)}: a binary value; the runner reads integers, decimals, text, booleans and nulls`);
  }
}

/** A 64-bit integer of the Thrift client: a `node-int64` object (8 big-endian bytes), a bigint or a number. */
function int64(value: unknown, place: ValuePlace): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'object' && value !== null && 'buffer' in value && value.buffer instanceof Uint8Array) {
    const offset = 'offset' in value && typeof value.offset === 'number' ? value.offset : 0;
    const bytes = value.buffer;
    if (bytes.length >= offset + 8) return new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getBigInt64(0);
  }
  throw new RangeError(`${placeOf(place)}: ${String(value)} is not a 64-bit integer`);
}

/**
 * Where and how {@link connectSpark} reaches a Spark Thrift server.
 *
 * @example
 * ```ts
 * const options: SparkConnectOptions = { host: '127.0.0.1', port: 10000 };
 * options.port; // 10000
 * ```
 */
export interface SparkConnectOptions {
  /** The Thrift server's host. */
  host: string;
  /** Its port (binary transport; 10000 by default on a Spark installation). */
  port: number;
  /** The user name the session runs as (default `anonymous`). */
  username?: string;
  /** With a password the connection authenticates with SASL PLAIN; without one it uses NOSASL. */
  password?: string;
}

/**
 * An open Spark session and the way to close it (session and connection).
 *
 * @example
 * ```ts
 * const connection: SparkConnection = await connectSpark({ host: '127.0.0.1', port: 10000 });
 * typeof connection.session.executeStatement; // 'function'
 * await connection.close();
 * ```
 */
export interface SparkConnection {
  /** The session, for {@link sparkRunner}. */
  session: SparkSession;
  /** Closes the session, then the connection. */
  readonly close: () => Promise<void>;
}

/**
 * Opens a session on a Spark Thrift server (HiveServer2, binary transport) with `hive-driver`,
 * which must be installed: for the command line and for tests; a program that has its own
 * client session passes that to {@link sparkRunner} instead.
 *
 * @example
 * ```ts
 * const { session, close } = await connectSpark({ host: '127.0.0.1', port: 10000 });
 * const rows: (readonly unknown[])[] = [];
 * for await (const row of sparkRunner(session).rows('SELECT 6 * 7')) rows.push(row);
 * rows; // [[42]]
 * await close();
 * ```
 */
export async function connectSpark(options: SparkConnectOptions): Promise<SparkConnection> {
  const hive = await import('hive-driver').catch((error: unknown) => {
    throw new Error('connectSpark needs the hive-driver package: npm install hive-driver', { cause: error });
  });
  const TCLIService = hive.thrift.TCLIService as object;
  const types = hive.thrift.TCLIService_types as ConstructorParameters<typeof hive.HiveClient>[1];
  const client = new hive.HiveClient(TCLIService, types);
  const auth =
    options.password === undefined
      ? new hive.auth.NoSaslAuthentication()
      : new hive.auth.PlainTcpAuthentication({ username: options.username ?? 'anonymous', password: options.password });
  const where = `${options.host}:${String(options.port)}`;
  try {
    await client.connect({ host: options.host, port: options.port }, new hive.connections.TcpConnection(), auth);
  } catch (error) {
    client.close();
    throw new Error(`Could not connect to the Spark Thrift server at ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let session: Awaited<ReturnType<typeof client.openSession>>;
  try {
    session = await client.openSession({
      client_protocol: HIVE_CLI_SERVICE_PROTOCOL_V10,
      username: options.username ?? 'anonymous',
      ...(options.password === undefined ? {} : { password: options.password }),
    });
  } catch (error) {
    client.close();
    throw new Error(`Could not open a session on the Spark Thrift server at ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    session,
    close: async () => {
      try {
        await session.close();
      } finally {
        client.close();
      }
    },
  };
}
