/**
 * The Spark runner on the cluster of scripts/engines/spark-start.sh: values of each kind come back
 * as the runner promises, large results stream in batches, and the cluster has its two workers.
 * Skipped when SERVICEMAAL_TEST_SPARK is not set, except under CI=true, where that fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkRunner, type SparkOperation, type SparkSession } from '../src/runners/spark.js';
import { connectSpark } from '../src/runners/spark.js';
import { enginesDir, openSpark, quoteSparkText, sparkAddress, type SparkTestEngine } from './spark.js';

const address = sparkAddress();
const skip = address === null && process.env['CI'] !== 'true';

async function collect(rows: AsyncIterable<readonly unknown[]>): Promise<(readonly unknown[])[]> {
  const out: (readonly unknown[])[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** A session that counts the batches fetched, their largest size and the statements closed. */
function counting(session: SparkSession): { session: SparkSession; fetches: number; largestBatch: number; closed: number } {
  const counts = { fetches: 0, largestBatch: 0, closed: 0 };
  const wrapped: SparkSession = {
    async executeStatement(statement, options) {
      const operation = await session.executeStatement(statement, options);
      const counted: SparkOperation = {
        status: (progress) => operation.status(progress),
        setMaxRows: (maxRows) => {
          operation.setMaxRows(maxRows);
        },
        fetch: async () => {
          counts.fetches += 1;
          return operation.fetch();
        },
        hasMoreRows: () => operation.hasMoreRows(),
        getSchema: () => operation.getSchema(),
        getData: () => {
          const data = operation.getData();
          for (const batch of data) counts.largestBatch = Math.max(counts.largestBatch, batch.columns?.[0]?.i64Val?.values.length ?? 0);
          return data;
        },
        flush: () => {
          operation.flush();
        },
        close: async () => {
          counts.closed += 1;
          return operation.close();
        },
      };
      return counted;
    },
  };
  return {
    session: wrapped,
    get fetches() {
      return counts.fetches;
    },
    get largestBatch() {
      return counts.largestBatch;
    },
    get closed() {
      return counts.closed;
    },
  };
}

describe.skipIf(skip)('Spark (Thrift server on a standalone cluster)', () => {
  let engine: SparkTestEngine;
  beforeAll(async () => {
    engine = await openSpark();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads integers, text, booleans and nulls of a loaded table, in the SELECT’s column order', async () => {
    const tricky = "it's a \\ back\\slash, a \"quote\", a\nnewline and æøå";
    await engine.load(
      'spark_values',
      [{ name: 'id', type: 'integer' }, { name: 'name' }, { name: 'flag', type: 'boolean' }, { name: 'decided', type: 'date' }, { name: 'at', type: 'timestamp' }],
      [
        [1, tricky, true, '2024-02-29', '2024-03-01T10:15:00+01:00'],
        [2, '', false, null, null],
        [-9007199254740991, null, null, '1999-12-31', '2024-03-01T09:15:00Z'],
      ],
    );
    const rows = await collect(engine.runner.rows('SELECT flag, name, id, CAST(decided AS STRING), unix_timestamp(at) FROM spark_values ORDER BY id'));
    expect(rows).toEqual([
      [null, null, -9007199254740991, '1999-12-31', 1709284500],
      [true, tricky, 1, '2024-02-29', 1709284500],
      [false, '', 2, null, null],
    ]);
  });

  it('loads 20,000 rows, and a table of no rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => [`case-${index}`, 19_000 + (index % 400), index % 7 === 0 ? null : `x'\\${index}`]);
    await engine.load('spark_many', [{ name: 'id' }, { name: 'day', type: 'integer' }, { name: 'note' }], rows);
    expect(await collect(engine.runner.rows("SELECT count(*), count(note), sum(day), max(note) FROM spark_many"))).toEqual([[20_000, 17_142, 383_990_000, "x'\\9999"]]);
    await engine.load('spark_none', [{ name: 'id' }, { name: 'day', type: 'integer' }], []);
    expect(await collect(engine.runner.rows('SELECT count(*), count(id) FROM spark_none'))).toEqual([[0, 0]]);
  });

  it('gives integer results of each width as exact numbers, and refuses a BIGINT beyond 2^53', async () => {
    const rows = await collect(
      engine.runner.rows(`SELECT CAST(-7 AS TINYINT), CAST(300 AS SMALLINT), 2147483647, 9007199254740991, CAST(12 AS DECIMAL(20, 0)), ${quoteSparkText("a'b\\c")}, NULL`),
    );
    expect(rows).toEqual([[-7, 300, 2147483647, 9007199254740991, 12, "a'b\\c", null]]);
    await expect(collect(engine.runner.rows('SELECT id + 9007199254740992 AS big FROM range(1)'))).rejects.toThrow(
      'servicemaal/spark: row 1, column 1 (big, BIGINT): 9007199254740992 is beyond the integers a JavaScript number holds exactly',
    );
  });

  it('reports a query the server refuses with its reason and the query', async () => {
    await expect(collect(engine.runner.rows('SELECT no_such_column FROM range(1)'))).rejects.toThrow(
      /Spark could not run the query: .*no_such_column[\s\S]*Query: SELECT no_such_column FROM range\(1\)/,
    );
  });

  it('streams a 100,000-row result in batches, all rows in order', async () => {
    const { session, close } = await connectSpark(address ?? { host: '', port: 0 });
    try {
      const counted = counting(session);
      let count = 0;
      let sum = 0;
      let inOrder = true;
      for await (const row of sparkRunner(counted.session, { batchRows: 10_000 }).rows('SELECT id FROM range(0, 100000, 1, 4) ORDER BY id')) {
        if (row[0] !== count) inOrder = false;
        sum += row[0] as number;
        count += 1;
      }
      expect(count).toBe(100_000);
      expect(sum).toBe((99_999 * 100_000) / 2);
      expect(inOrder).toBe(true);
      expect(counted.largestBatch).toBe(10_000);
      expect(counted.fetches).toBeGreaterThanOrEqual(10);
      expect(counted.closed).toBe(1);
    } finally {
      await close();
    }
  });

  it('closes the statement when the reader stops early', async () => {
    const { session, close } = await connectSpark(address ?? { host: '', port: 0 });
    try {
      const counted = counting(session);
      let seen = 0;
      for await (const row of sparkRunner(counted.session, { batchRows: 100 }).rows('SELECT id FROM range(100000)')) {
        seen += row.length;
        if (seen === 150) break;
      }
      expect(seen).toBe(150);
      expect(counted.fetches).toBe(2);
      expect(counted.closed).toBe(1);
    } finally {
      await close();
    }
  });

  it('runs on a cluster of two ALIVE workers, whose cores the Thrift server holds', async () => {
    const portsFile = join(enginesDir(), 'spark', 'run', 'ports');
    expect(existsSync(portsFile), `${portsFile} (written by scripts/engines/spark-start.sh)`).toBe(true);
    const uiPort = /^MASTER_UI_PORT=(\d+)$/m.exec(readFileSync(portsFile, 'utf8'))?.[1];
    expect(uiPort).toBeDefined();
    const master = (await (await fetch(`http://127.0.0.1:${uiPort ?? ''}/json/`)).json()) as {
      workers: { state: string; cores: number }[];
      activeapps: { name: string; cores: number; state: string }[];
    };
    expect(master.workers.filter((worker) => worker.state === 'ALIVE').map((worker) => worker.cores)).toEqual([1, 1]);
    expect(master.activeapps.map((app) => [app.name, app.state, app.cores])).toEqual([['servicemaal-thriftserver', 'RUNNING', 2]]);
  });
});
