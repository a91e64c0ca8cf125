/**
 * Runs the library's SQL on DuckDB through `@duckdb/node-api`, on a connection of the caller's
 * (an optional peer dependency: install it beside servicemaal to use this entry).
 *
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { duckdbRunner } from 'servicemaal/duckdb';
 *
 * const instance = await DuckDBInstance.create(':memory:');
 * const connection = await instance.connect();
 * const runner = duckdbRunner(connection);
 * ```
 *
 * @packageDocumentation
 * @module servicemaal/duckdb
 */
import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import type { SqlRunner } from '../sql/runner.js';
import { decimalToNumber, integerToNumber, placeOf, type ValuePlace } from './convert.js';

/** DuckDB's type ids (DuckDBTypeId of @duckdb/node-api) of the columns the runner reads. */
const BOOLEAN = 1;
const NUMBERS = new Set([2, 3, 4, 6, 7, 8, 10, 11]); // TINYINT … INTEGER, UTINYINT … UINTEGER, FLOAT, DOUBLE
const BIG_INTEGERS = new Set([5, 9, 16, 32]); // BIGINT, UBIGINT, HUGEINT, UHUGEINT: JavaScript bigints
const DECIMAL = 19;
const TEXTS = new Set([17, 23]); // VARCHAR, ENUM
const NULL = 36; // SQLNULL
/** DATE, TIME, TIMESTAMP (all precisions, with time zone), INTERVAL: never a result of the library's queries. */
const DATES_AND_TIMES = new Set([12, 13, 14, 15, 20, 21, 22, 30, 31, 39]);

type Convert = (value: unknown, row: number) => unknown;

/** How to read each column of a result: checked before the first row, so a wrong column fails even when no row has a value. */
function columnReaders(result: DuckDBResult): Convert[] {
  const readers: Convert[] = [];
  for (let index = 0; index < result.columnCount; index++) {
    const id: number = result.columnTypeId(index);
    const type = String(result.columnType(index));
    const at = (row: number | null): ValuePlace => ({ runner: 'servicemaal/duckdb', row, column: index + 1, name: result.columnName(index), type });
    if (DATES_AND_TIMES.has(id)) {
      throw new TypeError(`${placeOf(at(null))}: a date or time column; the runner returns integers, decimals, text, booleans and nulls only (the library's queries give days as integers)`);
    }
    if (id === BOOLEAN || NUMBERS.has(id) || TEXTS.has(id) || id === NULL) readers.push((value) => value);
    else if (BIG_INTEGERS.has(id)) readers.push((value, row) => (typeof value === 'bigint' ? integerToNumber(value, at(row)) : value));
    else if (id === DECIMAL) readers.push((value, row) => (value === null ? null : decimalToNumber(decimalText(value as DecimalValue), at(row))));
    else throw new TypeError(`${placeOf(at(null))}: a column of a type the runner does not read; it returns integers, decimals, text, booleans and nulls only`);
  }
  return readers;
}

/** A DECIMAL value of @duckdb/node-api: the number value / 10^scale. */
interface DecimalValue {
  readonly value: bigint;
  readonly scale: number;
}

/** A DECIMAL as decimal text, digit for digit. */
function decimalText({ value, scale }: DecimalValue): string {
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const sign = value < 0n ? '-' : '';
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * A runner of SQL on a DuckDB connection of `@duckdb/node-api`: streams a query's result chunk by
 * chunk (`connection.stream`, then `fetchChunk`), so that a large result is never held whole.
 * Values come back as JavaScript values: BOOLEAN as booleans; the integer types, FLOAT and DOUBLE
 * as numbers (BIGINT and HUGEINT exactly, or a RangeError when a number cannot hold the value);
 * DECIMAL as numbers, exactly or a RangeError; VARCHAR as strings; NULL as null. A column of a
 * date or time type (the library's queries give days as integers), or of any other type, is a
 * TypeError naming it.
 *
 * The connection stays the caller's: the runner neither opens nor closes it.
 *
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { duckdbRunner } from 'servicemaal/duckdb';
 *
 * const instance = await DuckDBInstance.create(':memory:');
 * const connection = await instance.connect();
 * const runner = duckdbRunner(connection);
 * const rows: (readonly unknown[])[] = [];
 * for await (const row of runner.rows("SELECT 42::BIGINT, 'Ærø', 2.50::DECIMAL(4, 2), NULL")) rows.push(row);
 * rows; // [[42, 'Ærø', 2.5, null]]
 * runner.dialect; // 'duckdb'
 * connection.closeSync();
 * instance.closeSync();
 * ```
 */
export function duckdbRunner(connection: DuckDBConnection): SqlRunner {
  return {
    dialect: 'duckdb',
    async *rows(sql: string) {
      const result = await connection.stream(sql);
      const readers = columnReaders(result);
      let row = 0;
      for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const columns = chunk.getColumns();
        for (let index = 0; index < chunk.rowCount; index++) {
          row++;
          const values: unknown[] = new Array<unknown>(readers.length);
          for (let column = 0; column < readers.length; column++) {
            const value: unknown = columns[column]?.[index] ?? null;
            values[column] = value === null ? null : (readers[column] as Convert)(value, row);
          }
          yield values;
        }
      }
    },
  };
}
