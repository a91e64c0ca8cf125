/**
 * The runners on each engine: the values of a query come back as the library reads them (integers
 * as exact numbers or an error, text as it is, NULL, booleans, no dates), large results are
 * streamed, and test tables load. Then what only PostgreSQL's runner does: one transaction per
 * query with `SET LOCAL jit = off`, a cursor read in batches, and a pool.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresRunner } from '../src/runners/postgres.js';
import type { SqlRunner } from '../src/sql/runner.js';
import { ENGINE_NAMES, openEngine, postgresUrl, skipReason, type TestEngine } from './engines.js';

/** Every row of a query. */
async function all(runner: SqlRunner, sql: string): Promise<(readonly unknown[])[]> {
  const rows: (readonly unknown[])[] = [];
  for await (const row of runner.rows(sql)) rows.push(row);
  return rows;
}

type Dialect = TestEngine['name'];

/** The smoke tests' queries in each dialect. */
const QUERIES: Readonly<Record<string, Readonly<Record<Dialect, string>>>> = {
  integers: {
    duckdb: 'SELECT 1::INTEGER, 9007199254740991::BIGINT, -9007199254740991::BIGINT, 12345678901234::HUGEINT, 2.50::DECIMAL(4, 2), 7::DECIMAL(18, 0), SUM(x) FROM (VALUES (1), (2)) AS t(x)',
    postgres: 'SELECT 1::integer, 9007199254740991::bigint, -9007199254740991::bigint, 12345678901234::numeric, 2.50::numeric(4, 2), 7::numeric, SUM(x) FROM (VALUES (1::bigint), (2)) AS t(x)',
    spark: 'SELECT CAST(1 AS INT), CAST(9007199254740991 AS BIGINT), CAST(-9007199254740991 AS BIGINT), CAST(12345678901234 AS DECIMAL(20, 0)), CAST(2.50 AS DECIMAL(4, 2)), CAST(7 AS DECIMAL(18, 0)), SUM(x) FROM VALUES (1L), (2L) AS t(x)',
  },
  beyond: {
    duckdb: 'SELECT 9007199254740993::BIGINT AS beyond',
    postgres: 'SELECT 9007199254740993::bigint AS beyond',
    spark: 'SELECT CAST(9007199254740993 AS BIGINT) AS beyond',
  },
  decimals: {
    duckdb: 'SELECT -0.25::DECIMAL(4, 2), 123456789.125::DECIMAL(18, 3), 0.000::DECIMAL(4, 3)',
    postgres: 'SELECT -0.25::numeric(4, 2), 123456789.125::numeric(18, 3), 0.000::numeric(4, 3)',
    spark: 'SELECT CAST(-0.25 AS DECIMAL(4, 2)), CAST(123456789.125 AS DECIMAL(18, 3)), CAST(0.000 AS DECIMAL(4, 3))',
  },
  longDecimal: {
    duckdb: 'SELECT 1.00000000000000000001::DECIMAL(38, 20) AS long',
    postgres: 'SELECT 1.00000000000000000001::numeric AS long',
    spark: 'SELECT CAST(1.00000000000000000001 AS DECIMAL(38, 20)) AS long',
  },
  list: {
    duckdb: 'SELECT [1, 2] AS list',
    postgres: 'SELECT ARRAY[1, 2] AS list',
    spark: 'SELECT array(1, 2) AS list',
  },
  text: {
    duckdb: `SELECT 'O''Brien "Æblegrød" – 北京 🎉 \\n', ''`,
    postgres: `SELECT 'O''Brien "Æblegrød" – 北京 🎉 \\n', ''`,
    spark: `SELECT 'O\\'Brien "Æblegrød" – 北京 🎉 \\\\n', ''`,
  },
  nulls: {
    duckdb: 'SELECT NULL, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR), CAST(NULL AS DECIMAL(10, 2))',
    postgres: 'SELECT NULL, CAST(NULL AS bigint), CAST(NULL AS text), CAST(NULL AS numeric)',
    spark: 'SELECT NULL, CAST(NULL AS BIGINT), CAST(NULL AS STRING), CAST(NULL AS DECIMAL(10, 2))',
  },
  booleans: {
    duckdb: 'SELECT TRUE, FALSE, 1 = 2, CAST(NULL AS BOOLEAN)',
    postgres: 'SELECT TRUE, FALSE, 1 = 2, CAST(NULL AS boolean)',
    spark: 'SELECT TRUE, FALSE, 1 = 2, CAST(NULL AS BOOLEAN)',
  },
  date: {
    duckdb: "SELECT 1 AS n, DATE '2023-01-01' AS applied",
    postgres: "SELECT 1 AS n, DATE '2023-01-01' AS applied",
    spark: "SELECT 1 AS n, DATE '2023-01-01' AS applied",
  },
  many: {
    duckdb: 'SELECT range AS i FROM range(150000)',
    postgres: 'SELECT i FROM generate_series(0, 149999) AS g(i)',
    spark: 'SELECT id AS i FROM range(150000)',
  },
};

/** A loaded table read back: days since 1970-01-01, seconds since 1970-01-01T00:00Z. */
const READ_BACK: Readonly<Record<Dialect, (table: string) => string>> = {
  duckdb: (table) => `SELECT id, name, applied - DATE '1970-01-01', CAST(epoch(registered) AS BIGINT), ok FROM ${table} ORDER BY id`,
  postgres: (table) => `SELECT id, name, applied - DATE '1970-01-01', CAST(extract(epoch FROM registered) AS bigint), ok FROM ${table} ORDER BY id`,
  spark: (table) => `SELECT id, name, datediff(applied, DATE '1970-01-01'), unix_timestamp(registered), ok FROM ${table} ORDER BY id`,
};

function query(name: string, dialect: Dialect): string {
  const sql = QUERIES[name]?.[dialect];
  if (sql === undefined) throw new Error(`no query ${name} for ${dialect}`);
  return sql;
}

for (const name of ENGINE_NAMES) {
  const reason = skipReason(name);
  if (reason !== null) console.warn(`Skipped the tests of the ${name} runner: ${reason}`);
  describe.skipIf(reason !== null)(reason === null ? `the ${name} runner` : `the ${name} runner (skipped: ${reason})`, () => {
    let opened: TestEngine | undefined;
    const engine = (): TestEngine => {
      if (opened === undefined) throw new Error(`the ${name} engine did not open`);
      return opened;
    };
    beforeAll(async () => {
      opened = await openEngine(name);
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('names its dialect', () => {
      expect(engine().runner.dialect).toBe(name);
    });

    it('returns integers and decimals as exact numbers', async () => {
      expect(await all(engine().runner, query('integers', name))).toEqual([[1, 9007199254740991, -9007199254740991, 12345678901234, 2.5, 7, 3]]);
    });

    it('refuses an integer beyond what a number holds exactly, naming row, column and value', async () => {
      await expect(all(engine().runner, query('beyond', name))).rejects.toThrow(/row 1, column 1 \(beyond\b.*9007199254740993/);
    });

    it('returns a decimal with a fraction as the number that prints as it', async () => {
      expect(await all(engine().runner, query('decimals', name))).toEqual([[-0.25, 123456789.125, 0]]);
    });

    it('refuses a decimal with more digits than a number holds, naming it', async () => {
      await expect(all(engine().runner, query('longDecimal', name))).rejects.toThrow(/row 1, column 1 \(long\b.*1\.00000000000000000001/);
    });

    it('refuses a column of another type, naming it', async () => {
      await expect(all(engine().runner, query('list', name))).rejects.toThrow(/column 1 \(list\b/);
    });

    it('returns text as it is: quotes, backslashes, non-ASCII letters, emoji and the empty string', async () => {
      expect(await all(engine().runner, query('text', name))).toEqual([['O\'Brien "Æblegrød" – 北京 🎉 \\n', '']]);
    });

    it('returns NULL as null, whatever its type', async () => {
      expect(await all(engine().runner, query('nulls', name))).toEqual([[null, null, null, null]]);
    });

    it('returns booleans', async () => {
      expect(await all(engine().runner, query('booleans', name))).toEqual([[true, false, false, null]]);
    });

    it('refuses a date column, naming it', async () => {
      await expect(all(engine().runner, query('date', name))).rejects.toThrow(/column 2 \(applied\b.*date/i);
    });

    it('streams 150,000 rows', async () => {
      let count = 0;
      let sum = 0;
      for await (const [i] of engine().runner.rows(query('many', name))) {
        count++;
        sum += i as number;
      }
      expect(count).toBe(150_000);
      expect(sum).toBe((149_999 * 150_000) / 2);
    });

    it('stops a query when the reader stops, and runs the next one', async () => {
      let read = 0;
      for await (const row of engine().runner.rows(query('many', name))) {
        expect(row).toEqual([expect.any(Number)]);
        if (++read === 5) break;
      }
      expect(read).toBe(5);
      expect(await all(engine().runner, query('booleans', name))).toEqual([[true, false, false, null]]);
    });

    it('loads a table, in several INSERT statements, and replaces it', async () => {
      // Spark's tables take letters, digits and _ only; the other engines take any name, quoted.
      const table = name === 'spark' ? 'servicemaal_test_table' : 'servicemaal "test" table';
      const rows = Array.from({ length: 2500 }, (_, index) => [
        index,
        index === 7 ? null : `sag ${index} 'æ' "ø"`,
        index % 10 === 0 ? null : '2023-03-01',
        '2023-03-01T10:00:00+01:00',
        index % 2 === 0,
      ]);
      const columns = [{ name: 'id', type: 'integer' }, { name: 'name' }, { name: 'applied', type: 'date' }, { name: 'registered', type: 'timestamp' }, { name: 'ok', type: 'boolean' }] as const;
      await engine().load(table, columns, rows);
      const quoted = name === 'spark' ? `\`${table}\`` : `"${table.replaceAll('"', '""')}"`;
      const back = await all(engine().runner, READ_BACK[name](quoted));
      expect(back).toHaveLength(2500);
      expect(back.slice(6, 11)).toEqual([
        [6, `sag 6 'æ' "ø"`, 19417, 1677661200, true],
        [7, null, 19417, 1677661200, false],
        [8, `sag 8 'æ' "ø"`, 19417, 1677661200, true],
        [9, `sag 9 'æ' "ø"`, 19417, 1677661200, false],
        [10, `sag 10 'æ' "ø"`, null, 1677661200, true],
      ]);
      expect(back[2499]).toEqual([2499, `sag 2499 'æ' "ø"`, 19417, 1677661200, false]);

      await engine().load(table, columns, [[1, 'one', null, null, null]]);
      expect(await all(engine().runner, READ_BACK[name](quoted))).toEqual([[1, 'one', null, null, null]]);
    });
  });
}

const postgresSkip = skipReason('postgres');
describe.skipIf(postgresSkip !== null)(postgresSkip === null ? 'the PostgreSQL runner' : `the PostgreSQL runner (skipped: ${postgresSkip})`, () => {
  let url = '';
  let client: pg.Client;
  beforeAll(async () => {
    url = postgresUrl();
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    if (url !== '') await client.end();
  });

  it('runs each query with SET LOCAL jit = off, and leaves the session as it was', async () => {
    await client.query('SET jit = on');
    expect(await all(postgresRunner(client), "SELECT current_setting('jit')")).toEqual([['off']]);
    expect((await client.query<{ jit: string }>('SHOW jit')).rows).toEqual([{ jit: 'on' }]);
    expect(client.getTransactionStatus()).toBe('I');
    await client.query('RESET jit');
  });

  it('reads the cursor in batches of batchSize rows: the server makes a batch only when the runner asks for it', async () => {
    // clock_timestamp() is evaluated as each row is made: a pause of the reader after the first
    // batch shows between its last row and the next batch's first, and within a batch nowhere.
    const sql = 'SELECT i, CAST(extract(epoch FROM clock_timestamp()) * 1000 AS bigint) AS ms FROM generate_series(1, 150000) AS g(i)';
    const times: number[] = [];
    let count = 0;
    for await (const [, ms] of postgresRunner(client, { batchSize: 1000 }).rows(sql)) {
      count++;
      if (count <= 2001) times.push(ms as number);
      if (count === 1000 || count === 2000) await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(count).toBe(150_000);
    const gap = (row: number): number => (times[row] ?? 0) - (times[row - 1] ?? 0);
    expect(gap(1000)).toBeGreaterThanOrEqual(350); // rows 1000 → 1001: after the pause
    expect(gap(2000)).toBeGreaterThanOrEqual(350); // rows 2000 → 2001
    expect(gap(1500)).toBeLessThan(350); // within the second batch
  });

  it('rolls back after an error, leaving the client usable', async () => {
    await expect(all(postgresRunner(client), 'SELECT 1 / (i - 3) FROM generate_series(1, 5) AS g(i)')).rejects.toThrow(/division by zero/);
    expect(client.getTransactionStatus()).toBe('I');
    expect(await all(postgresRunner(client), 'SELECT 1')).toEqual([[1]]);
  });

  it('refuses a client inside a transaction of its own', async () => {
    await client.query('BEGIN');
    try {
      await expect(all(postgresRunner(client), 'SELECT 1')).rejects.toThrow(/inside a transaction/);
      expect(client.getTransactionStatus()).toBe('T');
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('takes a pool, and gives its client back', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const runner = postgresRunner(pool);
      expect(await all(runner, 'SELECT 2::bigint')).toEqual([[2]]);
      expect(await all(runner, 'SELECT 3::bigint')).toEqual([[3]]);
      expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 1, idle: 1 });
    } finally {
      await pool.end();
    }
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => postgresRunner(client, { batchSize: 0 })).toThrow(/batchSize must be a positive integer, not 0/);
  });
});
