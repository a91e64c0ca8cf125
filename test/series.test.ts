import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareTier, thrown } from './helpers.js';
import { isoFromUtcDay, utcDay } from './arbitraries.js';
import {
  aggregateSeries,
  definePlan,
  evaluatePlan,
  evaluateSeries,
  getPlan,
  mergeAggregates,
  reportingPeriods,
  type PlanAggregate,
  type PlanReport,
} from '../src/index.js';

describe('reportingPeriods', () => {
  it('lists every quarter, both half-years and the year without an as-of date', () => {
    expect(reportingPeriods(2023)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2023-H1', '2023-H2', '2023']);
  });

  it('lists only Q1, H1, the first day and the year on 1 January', () => {
    expect(reportingPeriods(2023, { asOf: '2023-01-01' })).toEqual(['2023-Q1', '2023-H1', { from: '2023-01-01', to: '2023-01-01' }, '2023']);
  });

  it('starts Q2 on 1 April, not on 31 March', () => {
    expect(reportingPeriods(2023, { asOf: '2023-03-31' })).toEqual(['2023-Q1', '2023-H1', { from: '2023-01-01', to: '2023-03-31' }, '2023']);
    expect(reportingPeriods(2023, { asOf: '2023-04-01' })).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-H1',
      { from: '2023-01-01', to: '2023-04-01' },
      '2023',
    ]);
  });

  it('lists Q3 and H2 once July has begun (15 August)', () => {
    expect(reportingPeriods(2023, { asOf: '2023-08-15' })).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-H1',
      '2023-H2',
      { from: '2023-01-01', to: '2023-08-15' },
      '2023',
    ]);
  });

  it('has no year-to-date period on 31 December (it is the year) nor after the year', () => {
    const all = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2023-H1', '2023-H2', '2023'];
    expect(reportingPeriods(2023, { asOf: '2023-12-31' })).toEqual(all);
    expect(reportingPeriods(2023, { asOf: '2024-05-01' })).toEqual(all);
  });

  it('lists only the year before the year has begun', () => {
    expect(reportingPeriods(2023, { asOf: '2022-12-31' })).toEqual(['2023']);
  });

  it('reads a timestamp as-of date as its Copenhagen date', () => {
    // 2023-06-30T22:30Z is 00:30 on 1 July in Copenhagen: Q3 and H2 have begun
    expect(reportingPeriods(2023, { asOf: '2023-06-30T22:30:00Z' })).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-H1',
      '2023-H2',
      { from: '2023-01-01', to: '2023-07-01' },
      '2023',
    ]);
  });

  it('rejects a year that is not a whole number in range, and an invalid as-of date', () => {
    expect(thrown(() => reportingPeriods(2023.5)).issues[0]?.code).toBe('invalid_period');
    expect(thrown(() => reportingPeriods(1899)).issues[0]?.code).toBe('invalid_period');
    expect(thrown(() => reportingPeriods(2023, { asOf: '2023-02-30' })).issues[0]?.code).toBe('invalid_date');
  });
});

describe('evaluateSeries', () => {
  const siri2023 = getPlan('siri-2023');
  const inputs = {
    cases: [
      // Q1: 22 days (within 31) and 42 days (not)
      { id: 'f1', caseType: 'fast-track', applied: '2023-01-10', decided: '2023-02-01' },
      { id: 'f2', caseType: 'fast-track', applied: '2023-02-01', decided: '2023-03-15' },
      // Q2: 19 days
      { id: 'f3', caseType: 'fast-track', applied: '2023-04-01', decided: '2023-04-20' },
      // Q3: 15 days
      { id: 'f4', caseType: 'fast-track', applied: '2023-06-20', decided: '2023-07-05' },
      // pending from 1 August
      { id: 'f5', caseType: 'fast-track', applied: '2023-08-01' },
      // EU, Q2: 1 day
      { id: 'e1', caseType: 'eu', applied: '2023-03-31', decided: '2023-04-01' },
      // EU, decided in 2024: pending at the end of 2023
      { id: 'e2', caseType: 'eu', applied: '2023-12-30', decided: '2024-01-02' },
      { id: 'x1', caseType: 'visum', applied: '2023-02-01', decided: '2023-02-02' },
      { id: 'bad', caseType: 'fast-track', applied: '2023-05-02', decided: '2023-05-01' },
    ],
    contacts: [
      // before the phone target's period (2023-H2)
      { id: 'c1', channel: 'phone', at: '2023-05-01', waitMinutes: 5 },
      { id: 'c2', channel: 'phone', at: '2023-07-03', waitMinutes: 12 },
      { id: 'c3', channel: 'phone', at: '2023-07-04', waitMinutes: 4 },
    ],
    observations: [
      { date: '2023-07-03', centre: 'Valby', daysToNextSlot: 5 },
      { date: '2023-07-04', centre: 'Valby', daysToNextSlot: 14 },
    ],
  };
  const options = { groupScoring: { '1.1': 'share-of-tiers' as const } };

  it('returns for each period the report evaluatePlan returns for it', () => {
    const periods = reportingPeriods(2023, { asOf: '2023-08-15' });
    const series = evaluateSeries(siri2023, inputs, { ...options, periods });
    expect(series.map((report) => report.period.label)).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-H1',
      '2023-H2',
      '2023-01-01..2023-08-15',
      '2023',
    ]);
    periods.forEach((period, i) => {
      expect(series[i]).toEqual(evaluatePlan(siri2023, inputs, { ...options, period }));
    });
  });

  it('counts each period as computed by hand', () => {
    const [q1, q2, q3, year] = evaluateSeries(siri2023, inputs, { ...options, periods: ['2023-Q1', '2023-Q2', '2023-Q3', '2023'] }) as [
      PlanReport,
      PlanReport,
      PlanReport,
      PlanReport,
    ];
    // Q1: f1 within, f2 not; f3, f4, f5 and the EU cases are applied later (out of period); x1 without target
    expect(shareTier(q1, 'fast-track')).toMatchObject({ measured: 2, within: 1 });
    expect(q1.counts).toEqual({ input: 9, measured: 2, pending: 1, outOfPeriod: 4, withoutTarget: 1, invalid: 1 });
    expect(shareTier(q2, 'fast-track')).toMatchObject({ measured: 1, within: 1 });
    expect(shareTier(q2, 'eu', 0)).toMatchObject({ measured: 1, within: 1 });
    // Q3: f4 measured; the phone target measures c2 (12 min, not within 10) and c3
    expect(shareTier(q3, 'fast-track')).toMatchObject({ measured: 1, within: 1 });
    expect(shareTier(q3, 'telefon')).toMatchObject({ measured: 2, within: 1 });
    // the year: 4 Fast-track cases, 3 within; f5 and e2 pending at the end
    expect(shareTier(year, 'fast-track')).toMatchObject({ measured: 4, within: 3 });
    expect(year.counts).toEqual({ input: 9, measured: 5, pending: 2, outOfPeriod: 0, withoutTarget: 1, invalid: 1 });
  });

  it('rejects an empty list of periods and an invalid period', () => {
    expect(thrown(() => evaluateSeries(siri2023, inputs, { periods: [] })).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => evaluateSeries(siri2023, inputs, { periods: ['2023', '2023-Q5'] })).issues[0]?.code).toBe('invalid_period');
  });
});

/** A plan with every kind of tier the histograms hold: days, working days (with pauses), months, a milestone and a mean. */
const mixedPlan = definePlan({
  id: 'mixed',
  title: 'Mixed units',
  year: 2023,
  calendar: { closingDays: 'state' },
  targets: [
    {
      id: 'dage',
      label: 'Days',
      caseTypes: ['a'],
      tiers: [
        { limit: { amount: 31, unit: 'days' }, required: 0.85 },
        { limit: { amount: 92, unit: 'days' }, required: 0.95 },
      ],
    },
    {
      id: 'hverdage',
      label: 'Working days',
      caseTypes: ['a', 'b'],
      subtractPauses: true,
      tiers: [{ limit: { amount: 10, unit: 'workingDays' }, required: 0.8 }],
    },
    { id: 'maaneder', label: 'Months', caseTypes: ['b'], tiers: [{ limit: { amount: 2, unit: 'months' }, required: 0.9 }] },
    {
      id: 'samtale',
      label: 'Interview',
      caseTypes: ['c'],
      clock: { start: 'applied', stop: 'events.firstInterview' },
      tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }],
    },
    { id: 'snit', label: 'Mean', caseTypes: ['c'], aggregate: 'mean', tiers: [{ limit: { amount: 60, unit: 'days' } }] },
  ],
});

const FIRST = utcDay(2022, 10, 1);
const LAST = utcDay(2023, 12, 31);

/** A case of type a, b or c applied from October 2022 to the end of 2023, perhaps decided, paused or interviewed. */
const mixedCaseArb = fc
  .record({
    caseType: fc.constantFrom('a', 'b', 'c'),
    applied: fc.integer({ min: FIRST, max: LAST }),
    elapsed: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null, freq: 4 }),
    interview: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    pause: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
  })
  .map(({ caseType, applied, elapsed, interview, pause }) => {
    const record: Record<string, unknown> = { caseType, applied: isoFromUtcDay(applied) };
    if (elapsed !== null) record['decided'] = isoFromUtcDay(applied + elapsed);
    if (caseType === 'c' && interview !== null) record['events'] = { firstInterview: isoFromUtcDay(applied + interview) };
    if (elapsed !== null && elapsed > 0 && pause !== null) {
      // a pause inside the case's run: from + length ≤ the decision
      const from = pause[0] % elapsed;
      const to = from + (pause[1] % (elapsed - from + 1));
      record['pauses'] = [{ from: isoFromUtcDay(applied + from), to: isoFromUtcDay(applied + to) }];
    }
    return record;
  });

const mixedCasesArb = fc
  .array(mixedCaseArb, { maxLength: 60 })
  .map((records) => records.map((record, i) => ({ id: `m${i}`, ...record })));

/** The parts of a target aggregate that only measured cases make. */
const measuredParts = (aggregate: PlanAggregate) =>
  aggregate.targets.map((target) => ({
    id: target.id,
    days: target.days,
    workingDays: target.workingDays,
    within: target.within,
    missingEvent: [...target.missingEvent].sort(),
  }));

describe('series properties', () => {
  it('property "the quarterly histograms merge into the yearly one"', () => {
    fc.assert(
      fc.property(mixedCasesArb, (cases) => {
        const [q1, q2, q3, q4, year] = aggregateSeries(mixedPlan, { cases }, { periods: ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2023'] }) as [
          PlanAggregate,
          PlanAggregate,
          PlanAggregate,
          PlanAggregate,
          PlanAggregate,
        ];
        // Measured cases of the quarters are disjoint (by decision date) and together those of the year.
        // mergeAggregates only merges parts of one period, so the quarters carry the year's period here;
        // their pending and out-of-period counts differ from the year's by design and are not compared.
        const merged = mergeAggregates(...([q1, q2, q3, q4].map((quarter) => ({ ...quarter, period: year.period })) as [PlanAggregate, ...PlanAggregate[]]));
        expect(measuredParts(merged)).toEqual(measuredParts(year));
        expect(merged.counts.measured).toBe(year.counts.measured);
      }),
      { numRuns: 150 },
    );
  });

  it('property "each report of evaluateSeries equals evaluatePlan with that period"', () => {
    const periods = ['2023-Q2', '2023-H2', { from: '2023-02-10', to: '2023-11-05' }, '2023'];
    fc.assert(
      fc.property(mixedCasesArb, (cases) => {
        const series = evaluateSeries(mixedPlan, cases, { periods });
        periods.forEach((period, i) => {
          expect(series[i]).toEqual(evaluatePlan(mixedPlan, cases, { period }));
        });
      }),
      { numRuns: 60 },
    );
  });
});
