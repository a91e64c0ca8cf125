import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromUtcDay, utcDay } from './arbitraries.js';
import { backlog, backlogReport, type BacklogRow } from '../src/index.js';

/** A case record; `decided` null while open. */
const record = (id: string, caseType: string, applied: string, decided: string | null = null) => ({
  id,
  caseType,
  applied,
  ...(decided === null ? {} : { decided }),
});

const CASES = [
  // a: pending at the start of 2023, decided in January
  record('a1', 'a', '2022-12-01', '2023-01-10'),
  // a: pending at the start and still at the end
  record('a2', 'a', '2022-11-01'),
  // a: applied and decided in March
  record('a3', 'a', '2023-03-01', '2023-03-20'),
  // a: applied in December, decided in 2024
  record('a4', 'a', '2023-12-01', '2024-01-05'),
  // a: wholly before 2023
  record('a5', 'a', '2022-05-01', '2022-06-01'),
  // a: applied in 2024
  record('a6', 'a', '2024-01-02'),
  // b: applied and decided in February
  record('b1', 'b', '2023-02-01', '2023-02-02'),
  // b: applied in June, still open
  record('b2', 'b', '2023-06-01'),
  // b: applied in July, decided in August
  record('b3', 'b', '2023-07-01', '2023-08-01'),
];

describe('backlog rows computed by hand', () => {
  it('counts the flow of a year (365 days)', () => {
    const report = backlogReport(CASES, { period: '2023' });
    expect(report.period).toEqual({ from: '2023-01-01', to: '2023-12-31', label: '2023' });
    expect(report.days).toBe(365);
    expect(report.rows).toEqual([
      // a: start a1, a2; in a3, a4; decided a1, a3; end a2, a4. Disposition 365 × 2 / 2
      { caseType: 'a', pendingStart: 2, incoming: 2, decided: 2, pendingEnd: 2, clearanceRate: 1, dispositionTime: 365 },
      // b: in b1, b2, b3; decided b1, b3; end b2. Clearance 2/3; disposition 365 × 1 / 2
      { caseType: 'b', pendingStart: 0, incoming: 3, decided: 2, pendingEnd: 1, clearanceRate: 2 / 3, dispositionTime: 182.5 },
    ]);
    // clearance 4/5; disposition 365 × 3 / 4
    expect(report.total).toEqual({ caseType: '(all)', pendingStart: 2, incoming: 5, decided: 4, pendingEnd: 3, clearanceRate: 0.8, dispositionTime: 273.75 });
    expect(report.invalid).toEqual([]);
    // a5 (decided in 2022) and a6 (applied in 2024) lie outside the year
    expect(report.counts).toEqual({ input: 9, counted: 7, outside: 2, skipped: 0, invalid: 0 });
  });

  it('scales the disposition time by the days of a quarter (Q1 2023: 90 days)', () => {
    const report = backlogReport(CASES, { period: '2023-Q1' });
    expect(report.days).toBe(90);
    expect(report.rows).toEqual([
      // a: start a1, a2; in a3; decided a1, a3; end a2. Clearance 2/1; disposition 90 × 1 / 2
      { caseType: 'a', pendingStart: 2, incoming: 1, decided: 2, pendingEnd: 1, clearanceRate: 2, dispositionTime: 45 },
      // b: b1 in and decided; nothing left. Disposition 90 × 0 / 1
      { caseType: 'b', pendingStart: 0, incoming: 1, decided: 1, pendingEnd: 0, clearanceRate: 1, dispositionTime: 0 },
    ]);
    expect(report.total).toEqual({ caseType: '(all)', pendingStart: 2, incoming: 2, decided: 3, pendingEnd: 1, clearanceRate: 1.5, dispositionTime: 30 });
    // a4, b2 and b3 (applied after March), a5 (decided before January) and a6 lie outside Q1
    expect(report.counts).toEqual({ input: 9, counted: 4, outside: 5, skipped: 0, invalid: 0 });
  });

  it('counts 366 days in a leap year', () => {
    expect(backlogReport([], { period: '2024' }).days).toBe(366);
    // backlog() gives the rows alone
    expect(backlog(CASES, { period: '2023' })).toEqual(backlogReport(CASES, { period: '2023' }).rows);
    expect(backlogReport([], { period: { from: '2024-02-01', to: '2024-02-29' } }).days).toBe(29);
  });

  it('has no clearance rate without incoming cases and no disposition time without decisions', () => {
    const report = backlogReport([record('c1', 'c', '2022-01-01'), record('c2', 'c', '2022-03-01', '2024-01-01')], { period: '2023' });
    expect(report.rows).toEqual([{ caseType: 'c', pendingStart: 2, incoming: 0, decided: 0, pendingEnd: 2, clearanceRate: null, dispositionTime: null }]);
  });

  it('reads timestamps as Copenhagen dates', () => {
    // 2022-12-31T23:30Z is 00:30 on 1 January 2023 in Copenhagen: incoming in 2023, not pending at its start
    const report = backlogReport([record('t', 'a', '2022-12-31T23:30:00Z')], { period: '2023' });
    expect(report.total).toMatchObject({ pendingStart: 0, incoming: 1, pendingEnd: 1 });
  });

  it('lists invalid records and leaves them out of the rows', () => {
    const report = backlogReport(
      [
        ...CASES,
        { id: 'x1', caseType: 'a', applied: '2023-02-30' },
        { id: 'x2', caseType: 'b', applied: '2023-03-01', decided: '2023-02-01' },
        { id: 'x3', caseType: 'b', applied: '2023-03-01', note: 'unknown field' },
      ],
      { period: '2023' },
    );
    expect(report.invalid.map(({ index, id, field, code }) => ({ index, id, field, code }))).toEqual([
      { index: 9, id: 'x1', field: 'applied', code: 'invalid_date' },
      { index: 10, id: 'x2', field: 'decided', code: 'decision_before_application' },
      { index: 11, id: 'x3', field: 'note', code: 'unknown_field' },
    ]);
    // the rows are those of the valid records alone
    expect(report.total).toMatchObject({ pendingStart: 2, incoming: 5, decided: 4, pendingEnd: 3 });
    expect(report.counts).toEqual({ input: 12, counted: 7, outside: 2, skipped: 0, invalid: 3 });
  });

  it('keeps only the included case types and counts the others as skipped', () => {
    const report = backlogReport([...CASES, { id: 'x1', caseType: 'b', applied: '2023-02-30' }], { period: '2023', include: ['a'] });
    expect(report.rows.map((row) => row.caseType)).toEqual(['a']);
    // b1, b2, b3 are skipped; the invalid record is listed, not skipped; a5 and a6 are outside
    expect(report.counts).toEqual({ input: 10, counted: 4, outside: 2, skipped: 3, invalid: 1 });
    expect(report.invalid).toHaveLength(1);
    expect(report.total).toEqual({ ...(report.rows[0] as BacklogRow), caseType: '(all)' });
  });
});

describe('backlog properties', () => {
  const FIRST = utcDay(2021, 1, 1);
  const LAST = utcDay(2024, 12, 31);
  const casesArb = fc
    .array(
      fc.record({
        caseType: fc.constantFrom('a', 'b', 'c'),
        applied: fc.integer({ min: FIRST, max: LAST }),
        elapsed: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 3 }),
      }),
      { maxLength: 80 },
    )
    .map((cases) =>
      cases.map(({ caseType, applied, elapsed }, i) =>
        record(`c${i}`, caseType, isoFromUtcDay(applied), elapsed === null ? null : isoFromUtcDay(applied + elapsed)),
      ),
    );
  const periodArb = fc.oneof(
    fc.constantFrom('2022', '2023', '2023-H2', '2023-Q1', '2024-Q4', '2023-02', '2024-02'),
    fc
      .tuple(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: 0, max: 400 }))
      .map(([from, length]) => ({ from: isoFromUtcDay(from), to: isoFromUtcDay(from + length) })),
  );

  it('property "the backlog identity always holds: pendingStart + incoming − decided = pendingEnd, per row and in total"', () => {
    fc.assert(
      fc.property(casesArb, periodArb, (cases, period) => {
        const report = backlogReport(cases, { period });
        for (const row of [...report.rows, report.total]) {
          expect(row.pendingStart + row.incoming - row.decided).toBe(row.pendingEnd);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property "every record is counted once: input = counted + outside + skipped + invalid"', () => {
    fc.assert(
      fc.property(casesArb, periodArb, fc.subarray(['a', 'b', 'c']), (cases, period, include) => {
        const { counts } = backlogReport(cases, { period, include });
        expect(counts.input).toBe(cases.length);
        expect(counts.counted + counts.outside + counts.skipped + counts.invalid).toBe(counts.input);
      }),
      { numRuns: 100 },
    );
  });

  it('property "the total row is the sum of the case-type rows"', () => {
    fc.assert(
      fc.property(casesArb, periodArb, (cases, period) => {
        const report = backlogReport(cases, { period });
        for (const key of ['pendingStart', 'incoming', 'decided', 'pendingEnd'] as const) {
          expect(report.total[key]).toBe(report.rows.reduce((sum, row) => sum + row[key], 0));
        }
      }),
      { numRuns: 100 },
    );
  });
});
