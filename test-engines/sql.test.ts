/**
 * The SQL path on every engine the tests can reach (DuckDB embedded; PostgreSQL and Spark started by
 * scripts/engines/start.sh): for every bundled plan and a user plan with working days, pauses,
 * milestones and scopes, the report from the engine equals `evaluatePlan`'s on the same records.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCases, aggregateFromRows, evaluatePlan, reportFromAggregate, toSql } from '../src/index.js';
import { caseRowArb, inMemory, optionsArb, pauseRowArb, sourceOf, SQL_PLANS, tablesOf, type CaseRow, type PauseRow } from '../test/sql-fixtures.js';
import { engineAvailable, openEngine, type TestEngine } from './engines.js';

const ENGINES = ['duckdb', 'postgres', 'spark'] as const;
/** Random cases per engine: Spark answers a query in about a second, DuckDB and PostgreSQL in milliseconds. */
const RUNS: Record<(typeof ENGINES)[number], number> = { duckdb: 60, postgres: 40, spark: 12 };

for (const name of ENGINES) {
  describe.skipIf(!engineAvailable(name))(`the SQL path on ${name}`, () => {
    let engine: TestEngine;

    beforeAll(async () => {
      engine = await openEngine(name);
    }, 120_000);

    afterAll(async () => {
      await engine.close();
    });

    async function load(rows: readonly CaseRow[], pauses: readonly PauseRow[]): Promise<void> {
      const tables = tablesOf(rows, pauses);
      await engine.load('sm_cases', tables.cases.columns, tables.cases.rows);
      await engine.load('sm_pauses', tables.pauses.columns, tables.pauses.rows);
    }

    async function rowsOf(sql: string): Promise<(readonly unknown[])[]> {
      const rows: (readonly unknown[])[] = [];
      for await (const row of engine.runner.rows(sql)) rows.push(row);
      return rows;
    }

    it('gives the report of evaluatePlan for every plan on random records (one invariant: the same report)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(caseRowArb(), { maxLength: 40 }), fc.array(pauseRowArb(), { maxLength: 6 }), optionsArb, fc.constantFrom(...SQL_PLANS), async (rows, pauses, options, plan) => {
          await load(rows, pauses);
          const period = plan.id === 'us-2019' ? '2019' : plan.id === 'siri-2020' ? '2020' : '2024';
          const query = toSql(plan, { dialect: name, source: sourceOf('sm_cases', 'sm_pauses'), ...options, period });
          const aggregate = await aggregateFromRows(plan, query, await rowsOf(query.sql));
          const report = reportFromAggregate(plan, aggregate);
          expect(JSON.stringify(report)).toBe(JSON.stringify(evaluatePlan(plan, inMemory(rows, pauses), { ...options, period })));
        }),
        { numRuns: RUNS[name] },
      );
    }, 600_000);

    it('reads DATE and TIMESTAMP columns as the library reads dates and instants, before 1970 too', async () => {
      const cases: [string, string, string][] = [
        ['T1', '1945-06-01', '1945-06-01T21:30:00Z'],
        ['T2', '2023-03-26', '2023-03-26T00:59:59Z'],
        ['T3', '2023-10-28', '2023-10-29T00:30:00Z'],
        ['T4', '2023-12-31', '2023-12-31T23:00:00Z'],
        ['T5', '1899-12-31', '1899-12-31T23:30:00Z'],
      ];
      await engine.load(
        'sm_typed',
        [{ name: 'rn', type: 'integer' }, { name: 'id' }, { name: 'type' }, { name: 'applied', type: 'date' }, { name: 'decided', type: 'timestamp' }],
        cases.map(([id, applied, decided], i) => [i, id, 'eu', applied, decided]),
      );
      const plan = SQL_PLANS[2];
      if (plan === undefined) throw new Error('no plan');
      const period = { from: '1945-01-01', to: '2023-12-31' };
      const source = { table: 'sm_typed', order: 'rn', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' }, dates: { applied: 'date' as const, decided: 'timestamp' as const } };
      const query = toSql(plan, { dialect: name, source, period });
      const aggregate = await aggregateFromRows(plan, query, await rowsOf(query.sql));
      const records = cases.map(([id, applied, decided]) => ({ id, caseType: 'eu', applied, decided: new Date(decided) }));
      expect(JSON.stringify(aggregate)).toBe(JSON.stringify(aggregateCases(plan, records, { period })));
      // T4 is decided on 1 January 2024 in Copenhagen, after the period; T5 was applied for before 1900.
      expect(aggregate.counts).toMatchObject({ measured: 3, pending: 1, invalid: 1 });
    }, 120_000);

    it('reads a date before 1970 with an offset as Denmark kept its clocks, whatever the engine\'s time zone data', async () => {
      const rows: CaseRow[] = [
        { id: 'H1', type: 'eu', applied: '1945-06-01T21:30:00Z', decided: '1945-06-01T23:30:00+02:00', interview: null, kind: null, flag: null },
        { id: 'H2', type: 'eu', applied: '1947-05-04T01:30Z', decided: '1948-08-08T22:30:00Z', interview: null, kind: null, flag: null },
      ];
      await load(rows, []);
      const plan = SQL_PLANS[2];
      if (plan === undefined) throw new Error('no plan');
      const query = toSql(plan, { dialect: name, source: sourceOf('sm_cases', null), period: { from: '1945-01-01', to: '1948-12-31' } });
      const aggregate = await aggregateFromRows(plan, query, await rowsOf(query.sql));
      // 1945-06-01T21:30Z is 23:30 on 1 June in Copenhagen (summer time, UTC+2), 00:30 on 2 June in Berlin (UTC+3): 0 days.
      expect(aggregate.targets.find((target) => target.id === 'eu')?.days[0]).toBe(1);
      expect(JSON.stringify(aggregate)).toBe(JSON.stringify(aggregateCases(plan, inMemory(rows, []), { period: { from: '1945-01-01', to: '1948-12-31' } })));
    }, 120_000);
  });
}
