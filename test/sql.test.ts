/**
 * The SQL path on DuckDB, embedded: the query of every plan, run on random records in a real
 * engine, gives the aggregate `aggregateCases` gives on the same records. PostgreSQL and Spark are
 * held to the same in `npm run test:engines`.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCases, aggregateFromRows, copenhagenDayFromUtcMinutes, dayNumberFromCivil, evaluateInDatabase, evaluatePlan, formatDayNumber, getPlan, ServicemaalError, toSql } from '../src/index.js';
import { duckdbRunner } from '../src/runners/duckdb.js';
import { bothAggregates, caseRowArb, inMemory, optionsArb, pauseRowArb, sourceOf, SQL_PLANS, tablesOf, USER_PLAN, type CaseRow, type PauseRow } from './sql-fixtures.js';

let connection: DuckDBConnection;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
});

const literal = (value: string | number | boolean | null): string => (value === null ? 'NULL' : typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value));

async function load(name: string, columns: readonly { name: string; type?: 'integer' | 'boolean' }[], rows: readonly (readonly (string | number | boolean | null)[])[]): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE ${name} (${columns.map((column) => `"${column.name}" ${column.type === 'integer' ? 'INTEGER' : column.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'}`).join(', ')})`);
  if (rows.length > 0) await connection.run(`INSERT INTO ${name} VALUES ${rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`);
}

async function loadCases(rows: readonly CaseRow[], pauses: readonly PauseRow[]): Promise<void> {
  const tables = tablesOf(rows, pauses);
  await load('sager', tables.cases.columns, tables.cases.rows);
  await load('pauser', tables.pauses.columns, tables.pauses.rows);
}

/** Rows as a runner gives them: BIGINT values as numbers. */
async function run(sql: string): Promise<unknown[][]> {
  const result = await connection.runAndReadAll(sql);
  return result.getRows().map((row) => row.map((value) => (typeof value === 'bigint' ? Number(value) : value)));
}


describe('toSql on DuckDB', () => {
  it('counts hand-made records as the library does: shapes, a repeated id, invalid dates, a pause, a milestone', async () => {
    const rows: CaseRow[] = [
      { id: 'V1', type: 'visum', applied: '2024-03-20', decided: '2024-04-15', interview: null, kind: null, flag: null },
      { id: 'V2', type: 'visum', applied: '2024-03-20', decided: '2024-04-15', interview: null, kind: null, flag: null },
      { id: 'V1', type: 'visum', applied: '2024-03-20', decided: '2024-05-15', interview: null, kind: null, flag: null },
      { id: 'V3', type: 'visum', applied: '2024-02-29', decided: '2024-02-30', interview: null, kind: null, flag: null },
      { id: 'S1', type: 'asyl', applied: '2024-01-02', decided: '2024-03-03', interview: '2024-01-20', kind: null, flag: null },
      { id: 'S2', type: 'asyl', applied: '2024-01-02', decided: '2024-03-03', interview: null, kind: null, flag: null },
      { id: 'P1', type: 'visum', applied: '2024-03-04', decided: '2024-06-26', interview: null, kind: null, flag: null },
      { id: 'F1', type: 'studie', applied: '2024-08-01', decided: '2024-08-20', interview: null, kind: 'first', flag: null },
      { id: 'F2', type: 'studie', applied: '2024-08-01', decided: '2024-08-20', interview: null, kind: 'extension', flag: null },
      { id: 'F3', type: 'studie', applied: '2024-08-01', decided: '2024-08-20', interview: null, kind: 'first', flag: true },
    ];
    const pauses: PauseRow[] = [{ cid: 'P1', from: '2024-03-25', to: '2024-04-08' }];
    await loadCases(rows, pauses);
    const { engine, library } = await bothAggregates('duckdb', run, USER_PLAN, sourceOf('sager', 'pauser'), inMemory(rows, pauses), { period: '2024' });
    expect(engine).toBe(library);
    const aggregate = JSON.parse(engine) as ReturnType<typeof aggregateCases>;
    expect(aggregate.counts).toEqual({ input: 10, measured: 6, pending: 0, outOfPeriod: 0, withoutTarget: 2, invalid: 2 });
    expect(aggregate.invalidCounts).toEqual({ duplicate_record: 1, invalid_date: 1 });
    expect(aggregate.targets.find((target) => target.id === 'asyl-samtale')?.missingEvent).toEqual(['S2']);
  });

  it('gives the report of evaluatePlan through evaluateInDatabase', async () => {
    const rows: CaseRow[] = [
      { id: 'A1', type: 'fast-track', applied: '2023-03-01', decided: '2023-03-20', interview: null, kind: 'first', flag: null },
      { id: 'A2', type: 'eu', applied: '2023-03-01T23:30:00Z', decided: '2023-03-02', interview: null, kind: null, flag: null },
      { id: 'A3', type: 'eu', applied: '2023-03-01', decided: null, interview: null, kind: null, flag: true },
    ];
    await loadCases(rows, []);
    const plan = getPlan('siri-2023');
    const report = await evaluateInDatabase(plan, { runner: duckdbRunner(connection), source: sourceOf('sager', null), period: '2023' });
    expect(JSON.stringify(report)).toBe(JSON.stringify(evaluatePlan(plan, inMemory(rows, []), { period: '2023' })));
    expect(report.counts).toEqual({ input: 3, measured: 2, pending: 0, outOfPeriod: 0, withoutTarget: 1, invalid: 0 });
  });

  it('holds every plan equal to aggregateCases on random records, pauses, repeated ids and options (one invariant: the same aggregate)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseRowArb(), { maxLength: 40 }), fc.array(pauseRowArb(), { maxLength: 6 }), optionsArb, fc.constantFrom(...SQL_PLANS), async (rows, pauses, options, plan) => {
        await loadCases(rows, pauses);
        const period = plan.id === 'us-2019' ? '2019' : plan.id === 'siri-2020' ? '2020' : undefined;
        const { engine, library } = await bothAggregates('duckdb', run, plan, sourceOf('sager', 'pauser'), inMemory(rows, pauses), { ...options, ...(period === undefined ? { period: '2024' } : {}) });
        expect(engine).toBe(library);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('reads DATE and TIMESTAMP columns as the library reads dates and instants (one invariant: the same aggregate)', async () => {
    const instant = fc.integer({ min: Date.UTC(1944, 0, 1) / 1000, max: Date.UTC(2026, 0, 1) / 1000 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: dayNumberFromCivil(1899, 12, 1), max: dayNumberFromCivil(2025, 12, 31) }), instant, fc.constantFrom('eu', 'fast-track')), { maxLength: 30 }), async (cases) => {
        await connection.run('CREATE OR REPLACE TABLE typed (rn INTEGER, id VARCHAR, type VARCHAR, applied DATE, decided TIMESTAMPTZ)');
        if (cases.length > 0) {
          await connection.run(`INSERT INTO typed VALUES ${cases.map(([day, seconds, type], i) => `(${String(i)}, 'T${String(i)}', '${type}', DATE '${formatDayNumber(day)}', to_timestamp(${String(seconds)}))`).join(', ')}`);
        }
        const records = cases.map(([day, seconds, type], i) => ({ id: `T${String(i)}`, caseType: type, applied: formatDayNumber(day), decided: new Date(seconds * 1000) }));
        const source = { table: 'typed', order: 'rn', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' }, dates: { applied: 'date' as const, decided: 'timestamp' as const } };
        const { engine, library } = await bothAggregates('duckdb', run, getPlan('siri-2023'), source, records, { period: '2023' });
        expect(engine).toBe(library);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('takes record positions from a position column as from an order, without sorting (one invariant: the same aggregate)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseRowArb(), { maxLength: 30 }), optionsArb, async (rows, options) => {
        await loadCases(rows, []);
        const source = { table: 'sager', columns: sourceOf('sager', null).columns, position: 'rn' };
        const { engine, library } = await bothAggregates('duckdb', run, getPlan('siri-2024'), source, inMemory(rows, []), { ...options, period: '2024' });
        expect(engine).toBe(library);
      }),
      { numRuns: 15 },
    );
    expect(() => toSql(getPlan('siri-2024'), { dialect: 'duckdb', source: { ...sourceOf('sager', null), position: 'rn' } })).toThrow(/order or a position/);
  }, 120_000);

  it('reads 1945-06-01T21:30Z as 1 June in Copenhagen, as Denmark kept its clocks', async () => {
    await loadCases([{ id: 'H1', type: 'eu', applied: '1945-06-01T21:30:00Z', decided: null, interview: null, kind: null, flag: null }], []);
    const query = toSql(getPlan('siri-2023'), { dialect: 'duckdb', source: sourceOf('sager', null), period: '2023' });
    const [shape] = await run(query.sql);
    expect(formatDayNumber(shape?.[6] as number)).toBe('1945-06-01');
    expect(copenhagenDayFromUtcMinutes(dayNumberFromCivil(1945, 6, 1) * 1440 + 21 * 60 + 30)).toBe(dayNumberFromCivil(1945, 6, 1));
  });

  it('reports a disagreement between the engine and the library instead of hiding it', async () => {
    const plan = getPlan('siri-2023');
    const query = toSql(plan, { dialect: 'duckdb', source: sourceOf('sager', null), period: '2023' });
    await loadCases([{ id: 'A1', type: 'eu', applied: '2023-02-29', decided: null, interview: null, kind: null, flag: null }], []);
    const rows = await run(query.sql);
    // The engine's row says the record has no problem: the library finds an invalid date.
    const forged = rows.map((row) => row.map((value, i) => (i >= 11 + 1 + 3 && i <= 16 + 1 + 3 ? 0 : value)));
    await expect(aggregateFromRows(plan, query, forged)).rejects.toThrow(ServicemaalError);
    await expect(aggregateFromRows(plan, query, forged)).rejects.toMatchObject({ issues: [{ code: 'engine_disagreement' }] });
    await expect(aggregateFromRows(getPlan('siri-2024'), query, rows)).rejects.toMatchObject({ issues: [{ code: 'invalid_option' }] });
  });

  it('rejects a source without a table, columns or a known date kind', () => {
    const plan = getPlan('siri-2023');
    const columns = { id: 'id', caseType: 'type', applied: 'applied' };
    expect(() => toSql(plan, { dialect: 'duckdb', source: { columns } })).toThrow(/table or a query/);
    expect(() => toSql(plan, { dialect: 'duckdb', source: { table: 't', columns: { ...columns, applied: '' } } })).toThrow(/columns.applied/);
    expect(() => toSql(plan, { dialect: 'duckdb', source: { table: 't', columns, dates: 'datetime' as 'date' } })).toThrow(/'text', 'date' or 'timestamp'/);
  });
});
