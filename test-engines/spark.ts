/**
 * Spark's Thrift server as a test engine: `openSpark()` connects to `SERVICEMAAL_TEST_SPARK`
 * (`host:port`, written to .engines/env by scripts/engines/spark-start.sh) with hive-driver and
 * runs the library's SQL through `sparkRunner`.
 *
 * Tables are loaded through a JSON-lines file under .engines/spark/load, read by a temporary view
 * and copied into a Parquet table with `CREATE TABLE … USING parquet AS SELECT` and a CAST per
 * column: one Spark job for the whole table. The cluster's workers run on this machine, so they
 * read the file where it was written. (20,000 rows load in a few seconds; INSERT … VALUES in
 * batches of 5,000 took about twice as long, a job per statement.)
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectSpark, sparkRunner } from '../src/runners/spark.js';
import type { SqlRunner } from '../src/sql/runner.js';

/** The type of a column of a test table: text unless given. */
export type SparkColumnType = 'text' | 'date' | 'timestamp' | 'integer' | 'boolean';

/** A value of a test table's cell: dates as 'YYYY-MM-DD' text, timestamps as ISO text with an offset (an instant). */
export type SparkCell = string | number | boolean | null;

/** An engine to run SQL on in tests (the shape of test-engines/engines.ts's TestEngine). */
export interface SparkTestEngine {
  name: 'spark';
  runner: SqlRunner;
  /** Creates (replacing) a table with these columns and rows. */
  load(table: string, columns: readonly { name: string; type?: SparkColumnType }[], rows: readonly (readonly SparkCell[])[]): Promise<void>;
  readonly close: () => Promise<void>;
}

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The folder of the engines' files (.engines unless SERVICEMAAL_ENGINES_DIR says otherwise). */
export function enginesDir(): string {
  const dir = process.env['SERVICEMAAL_ENGINES_DIR'];
  return dir === undefined || dir.trim() === '' ? join(ROOT, '.engines') : resolve(dir);
}

/** `SERVICEMAAL_TEST_SPARK` as host and port; null when it is not set. */
export function sparkAddress(): { host: string; port: number } | null {
  const value = process.env['SERVICEMAAL_TEST_SPARK']?.trim() ?? '';
  if (value === '') return null;
  const match = /^(.+):(\d+)$/.exec(value);
  if (match === null) throw new Error(`SERVICEMAAL_TEST_SPARK: expected host:port, got ${JSON.stringify(value)}`);
  return { host: match[1] ?? '', port: Number(match[2]) };
}

/** An identifier in backquotes, as Spark SQL reads it. */
export function quoteSparkIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** A string as a Spark SQL literal: backslash escapes are on by default, so `\` and `'` are escaped. */
export function quoteSparkText(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const SPARK_TYPES: Readonly<Record<SparkColumnType, string>> = { text: 'STRING', date: 'DATE', timestamp: 'TIMESTAMP', integer: 'BIGINT', boolean: 'BOOLEAN' };
/** How each column type sits in the JSON file (dates and timestamps as text, cast in SQL). */
const FILE_TYPES: Readonly<Record<SparkColumnType, string>> = { text: 'STRING', date: 'STRING', timestamp: 'STRING', integer: 'BIGINT', boolean: 'BOOLEAN' };

/** A cell as the JSON value of its column type; a cell of the wrong kind is an error naming table, row and column. */
function jsonValue(cell: SparkCell, type: SparkColumnType, where: string): string | number | boolean | null {
  if (cell === null) return null;
  switch (type) {
    case 'integer':
      if (typeof cell !== 'number' || !Number.isSafeInteger(cell)) throw new TypeError(`${where}: an integer column needs safe integers, not ${JSON.stringify(cell)}`);
      return cell;
    case 'boolean':
      if (typeof cell !== 'boolean') throw new TypeError(`${where}: a boolean column needs booleans, not ${JSON.stringify(cell)}`);
      return cell;
    case 'date':
    case 'timestamp':
      if (typeof cell !== 'string') throw new TypeError(`${where}: a ${type} column needs text, not ${JSON.stringify(cell)}`);
      return cell;
    case 'text':
      return String(cell);
  }
}

/** Connects to the Thrift server of SERVICEMAAL_TEST_SPARK; an Error that says how to start it when it is not set. */
export async function openSpark(): Promise<SparkTestEngine> {
  const address = sparkAddress();
  if (address === null) {
    throw new Error('the spark engine is not available: SERVICEMAAL_TEST_SPARK is not set: start the engines with scripts/engines/start.sh, then `. .engines/env`');
  }
  const { session, close } = await connectSpark(address);
  const runner = sparkRunner(session);
  const run = async (sql: string): Promise<void> => {
    // The statements of a load have no rows: run each to its end.
    const iterator = runner.rows(sql)[Symbol.asyncIterator]();
    while ((await iterator.next()).done !== true);
  };
  const loadDir = join(enginesDir(), 'spark', 'load');
  return {
    name: 'spark',
    runner,
    async load(table, columns, rows) {
      if (columns.length === 0) throw new Error(`table ${table}: no columns`);
      const types = columns.map((column) => column.type ?? 'text');
      const lines: string[] = [];
      rows.forEach((row, index) => {
        if (row.length !== columns.length) throw new Error(`table ${table}, row ${index + 1}: ${row.length} values for ${columns.length} columns`);
        const record = Object.create(null) as Record<string, unknown>;
        row.forEach((cell, column) => {
          record[`c${column}`] = jsonValue(cell, types[column] ?? 'text', `table ${table}, row ${index + 1}, column ${columns[column]?.name ?? ''}`);
        });
        lines.push(JSON.stringify(record));
      });
      mkdirSync(loadDir, { recursive: true });
      const id = randomUUID().replaceAll('-', '');
      const file = join(loadDir, `${id}.json`);
      const view = `servicemaal_load_${id}`;
      writeFileSync(file, lines.join('\n'));
      try {
        const fileColumns = types.map((type, column) => `c${column} ${FILE_TYPES[type]}`).join(', ');
        const selected = columns
          .map((column, index) => {
            const type = types[index] ?? 'text';
            const value = FILE_TYPES[type] === SPARK_TYPES[type] ? `c${index}` : `CAST(c${index} AS ${SPARK_TYPES[type]})`;
            return `${value} AS ${quoteSparkIdentifier(column.name)}`;
          })
          .join(', ');
        const name = quoteSparkIdentifier(table);
        await run(`CREATE OR REPLACE TEMPORARY VIEW ${view} (${fileColumns}) USING json OPTIONS (path ${quoteSparkText(file)})`);
        await run(`DROP TABLE IF EXISTS ${name}`);
        // Dates and instants before 1900 are written and read as they are (proleptic Gregorian), not
        // refused as ambiguous between Spark's old and new calendars.
        for (const mode of ['int96RebaseModeInWrite', 'datetimeRebaseModeInWrite', 'int96RebaseModeInRead', 'datetimeRebaseModeInRead']) {
          await run(`SET spark.sql.parquet.${mode}=CORRECTED`);
        }
        // A table of no rows: Spark reads an empty file as no columns at all, so select from nothing.
        await run(`CREATE TABLE ${name} USING parquet AS SELECT ${selected} FROM ${view}${rows.length === 0 ? ' WHERE FALSE' : ''}`);
        await run(`DROP VIEW IF EXISTS ${view}`);
      } finally {
        rmSync(file, { force: true });
      }
    },
    close,
  };
}
