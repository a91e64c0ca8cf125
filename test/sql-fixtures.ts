/**
 * Records for the SQL path's tests: random case records as a table stores them (text columns, a
 * boolean flag, a child table of pauses), the same records as the library takes them in memory,
 * the plans they are evaluated on, and the comparison of an engine's aggregate with
 * `aggregateCases` on the same records.
 */
import fc from 'fast-check';
import {
  aggregateCases,
  aggregateFromRows,
  definePlan,
  getPlan,
  toSql,
  type AggregateOptions,
  type ServicePlan,
  type SqlDialectName,
  type SqlSource,
} from '../src/index.js';

/** A case as a row of the test table; `null` is SQL `NULL`. */
export interface CaseRow {
  id: string | null;
  type: string | null;
  applied: string | null;
  decided: string | null;
  interview: string | null;
  kind: string | null;
  flag: boolean | null;
}

/** A pause as a row of the pause table. */
export interface PauseRow {
  cid: string | null;
  from: string | null;
  to: string | null;
}

/** A user plan with everything the SQL path must carry: working days, months, milestones, pauses, scopes, flags. */
export const USER_PLAN: ServicePlan = definePlan({
  id: 'visa-2024',
  title: 'Visa targets 2024',
  year: 2024,
  calendar: { country: 'DK', closingDays: ['2024-12-24', '2024-12-31'] },
  targets: [
    { id: 'visum-arbejdsdage', label: 'Visa within 15 working days', caseTypes: ['visum'], tiers: [{ limit: { amount: 15, unit: 'workingDays' }, required: 0.9 }] },
    { id: 'visum-maaneder', label: 'Visa within 2 months', caseTypes: ['visum'], subtractPauses: true, tiers: [{ limit: { amount: 2, unit: 'months' }, required: 0.95 }] },
    { id: 'asyl-samtale', label: 'Asylum interview within 30 days', caseTypes: ['asyl'], clock: { stop: 'events.firstInterview' }, tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.8 }] },
    { id: 'asyl-afgoerelse', label: 'Asylum decision within 60 days of the interview', caseTypes: ['asyl'], clock: { start: 'events.firstInterview' }, subtractPauses: true, tiers: [{ limit: { amount: 60, unit: 'days' }, required: 0.8 }] },
    { id: 'studie-foerste', label: 'Studie, first applications', caseTypes: ['studie'], where: { applicationKind: 'first' }, period: '2024-H2', tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] },
  ],
});

/** The plans every engine is held to: the catalogue's four and the user plan. */
export const SQL_PLANS: readonly ServicePlan[] = [getPlan('us-2019'), getPlan('siri-2020'), getPlan('siri-2023'), getPlan('siri-2024'), USER_PLAN];

const CASE_TYPES = ['fast-track', 'eu', 'studie', 'asyl', 'visum', 'loenarbejde', 'familiesammenfoering', 'phd', '__proto__', "x'y\\z"];

/** Dates as agencies store them, valid and not: around midnight, DST changes, month ends, 1945, the range's edges. */
function dateText(years: readonly number[]): fc.Arbitrary<string> {
  const day = fc.record({ year: fc.constantFrom(...years), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) });
  const two = (n: number): string => String(n).padStart(2, '0');
  const civil = day.map(({ year, month, day: d }) => `${String(year)}-${two(month)}-${two(Math.min(d, 28 + (d % 4)))}`);
  return fc.oneof(
    { weight: 6, arbitrary: civil },
    {
      weight: 3,
      arbitrary: fc
        .tuple(civil, fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 29, 30, 59), fc.constantFrom('Z', 'z', '+01:00', '+02:00', '-05:00', '+0530', '+14', '', ':07', ':07.123+01:00', ':59Z'), fc.constantFrom('T', ' ', 't'))
        .map(([date, hour, minute, zone, separator]) => `${date}${separator}${two(hour)}:${two(minute)}${zone}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '2023-02-29', '2024-02-29', '2023-3-1', '2023-13-01', '1899-12-31', '2200-01-01', '1900-01-01T00:30+02:00', '2199-12-31T23:30-01:00',
        '2023-01-01T24:00', '2023-01-01T10:00+19:00', '2023-01-01T10:00+01:60', 'i går', '2023-03-26T01:30:00Z', '2023-10-29T00:30:00Z',
        '1945-06-01T21:30:00Z', '1945-08-14T22:30Z', '1947-05-04T01:30Z', '2023-03-01T10:00:00.123456789+01:00', '2023-03-01\n', ' 2023-03-01',
        '２０２３-03-01', '2023-03-01T10:00Z\n', "2023-03-01'", '2023-03-01\\',
      ),
    },
  );
}

const optionalText = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | '' | null> => fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: fc.constant('' as const) }, { weight: 1, arbitrary: fc.constant(null) });

/** A case row: ids from a small pool (so that ids repeat), dates of 2023–2025 mostly. */
export function caseRowArb(years: readonly number[] = [2023, 2024, 2024, 2025]): fc.Arbitrary<CaseRow> {
  return fc.record({
    id: optionalText(fc.constantFrom('A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', "O'Brien", 'B\\1', 'Å1')),
    type: optionalText(fc.constantFrom(...CASE_TYPES)),
    applied: optionalText(dateText(years)),
    decided: fc.oneof({ weight: 3, arbitrary: dateText(years) }, { weight: 1, arbitrary: fc.constantFrom(null, '') }),
    interview: fc.oneof({ weight: 1, arbitrary: dateText(years) }, { weight: 1, arbitrary: fc.constant(null) }),
    kind: optionalText(fc.constantFrom('first', 'extension')),
    flag: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.boolean() }),
  });
}

/** A pause row of one of the pool's ids. */
export function pauseRowArb(years: readonly number[] = [2023, 2024, 2025]): fc.Arbitrary<PauseRow> {
  return fc.record({
    cid: fc.constantFrom('A1', 'A2', 'A3', 'A4', "O'Brien", null),
    from: optionalText(dateText(years)),
    to: fc.oneof({ weight: 3, arbitrary: dateText(years) }, { weight: 1, arbitrary: fc.constant(null) }),
  });
}

/** Options the comparison varies: which record of a repeated id counts, the problem list's length, the missing-attribute policy. */
export const optionsArb: fc.Arbitrary<Pick<AggregateOptions, 'duplicates' | 'maxProblems' | 'missingAttributes'>> = fc.record({
  duplicates: fc.constantFrom('first' as const, 'last' as const),
  maxProblems: fc.constantFrom(0, 1, 3, 1000),
  missingAttributes: fc.constantFrom('inScope' as const, 'outOfScope' as const, 'invalid' as const),
});

/** The table's source description. */
export function sourceOf(table: string, pauses: string | null): SqlSource {
  return {
    table,
    order: 'rn',
    columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided', events: { firstInterview: 'interview' }, attributes: { applicationKind: 'kind' }, withoutTarget: 'flag' },
    ...(pauses === null ? {} : { pauses: { table: pauses, columns: { caseId: 'cid', from: 'pfrom', to: 'pto' }, order: 'nr' } }),
  };
}

/** The records as the library takes them in memory: every record with an id has the pauses of that id. */
export function inMemory(rows: readonly CaseRow[], pauses: readonly PauseRow[]): Record<string, unknown>[] {
  const byId = new Map<string, { from: string | null; to: string | null }[]>();
  for (const pause of pauses) {
    if (pause.cid === null || pause.cid === '') continue;
    const list = byId.get(pause.cid) ?? [];
    list.push({ from: pause.from, to: pause.to });
    byId.set(pause.cid, list);
  }
  return rows.map((row) => {
    const own = row.id === null || row.id === '' ? undefined : byId.get(row.id);
    return {
      id: row.id,
      caseType: row.type,
      applied: row.applied,
      decided: row.decided,
      events: { firstInterview: row.interview },
      attributes: { applicationKind: row.kind },
      ...(row.flag === null ? {} : { withoutTarget: row.flag }),
      ...(own === undefined ? {} : { pauses: own }),
    };
  });
}

/** The columns and rows of the two tables. */
export function tablesOf(rows: readonly CaseRow[], pauses: readonly PauseRow[]) {
  return {
    cases: {
      columns: [{ name: 'rn', type: 'integer' as const }, { name: 'id' }, { name: 'type' }, { name: 'applied' }, { name: 'decided' }, { name: 'interview' }, { name: 'kind' }, { name: 'flag', type: 'boolean' as const }],
      rows: rows.map((row, i) => [i, row.id, row.type, row.applied, row.decided, row.interview, row.kind, row.flag]),
    },
    pauses: {
      columns: [{ name: 'nr', type: 'integer' as const }, { name: 'cid' }, { name: 'pfrom' }, { name: 'pto' }],
      rows: pauses.map((pause, i) => [i, pause.cid, pause.from, pause.to]),
    },
  };
}

/** Runs a plan's query on an engine and returns the aggregate, and `aggregateCases`'s on the same records, as JSON. */
export async function bothAggregates(
  dialect: SqlDialectName,
  run: (sql: string) => AsyncIterable<readonly unknown[]> | Promise<Iterable<readonly unknown[]>>,
  plan: ServicePlan,
  source: SqlSource,
  records: readonly unknown[],
  options: Pick<AggregateOptions, 'duplicates' | 'maxProblems' | 'missingAttributes' | 'period'>,
): Promise<{ engine: string; library: string }> {
  const query = toSql(plan, { dialect, source, ...options });
  const rows = await run(query.sql);
  const engine = await aggregateFromRows(plan, query, rows);
  const library = aggregateCases(plan, records, options);
  return { engine: JSON.stringify(engine), library: JSON.stringify(library) };
}
