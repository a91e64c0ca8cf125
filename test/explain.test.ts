import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, shareTier, thrown } from './helpers.js';
import { isoFromUtcDay, utcDay } from './arbitraries.js';
import { definePlan, evaluatePlan, explainTier, getPlan } from '../src/index.js';

const siri2023 = getPlan('siri-2023');
const us2019 = getPlan('us-2019');

const DAYS_31 = { amount: 31, unit: 'days' };

const FAST_TRACK = [
  // 0: 31 days, within
  { id: 'f1', caseType: 'fast-track', applied: '2023-01-01', decided: '2023-02-01' },
  // 1: another target's case type
  { id: 'e1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-03' },
  // 2: 32 days, a miss
  { id: 'f2', caseType: 'fast-track', applied: '2023-01-01', decided: '2023-02-02' },
  // 3: invalid (decided before applied)
  { id: 'bad', caseType: 'fast-track', applied: '2023-05-02', decided: '2023-05-01' },
  // 4: 1 December 2022 → 1 March 2023: 31 + 31 + 28 = 90 days, a miss
  { id: 'f3', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-03-01' },
  // 5: open
  { id: 'f4', caseType: 'fast-track', applied: '2023-05-01' },
  // 6: decided in 2022 (59 days)
  { id: 'f5', caseType: 'fast-track', applied: '2022-11-01', decided: '2022-12-30' },
  // 7: decided in 2024
  { id: 'f6', caseType: 'fast-track', applied: '2023-12-15', decided: '2024-01-20' },
];

describe('explainTier on hand-made cases', () => {
  it('lists the misses of the period by default, in input order', () => {
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'fast-track' })]).toEqual([
      // due 1 January + 31 days = 1 February
      { index: 2, id: 'f2', caseType: 'fast-track', start: '2023-01-01', stop: '2023-02-02', elapsed: 32, dueDate: '2023-02-01', within: false, limit: DAYS_31 },
      // due 1 December 2022 + 31 days = 1 January 2023
      { index: 4, id: 'f3', caseType: 'fast-track', start: '2022-12-01', stop: '2023-03-01', elapsed: 90, dueDate: '2023-01-01', within: false, limit: DAYS_31 },
    ]);
  });

  it('lists as many misses as the report has measured − within', () => {
    const tier = shareTier(evaluate(siri2023, FAST_TRACK), 'fast-track');
    // f1, f2, f3 measured; f1 within
    expect(tier).toMatchObject({ measured: 3, within: 1 });
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'fast-track', period: '2023' })]).toHaveLength(tier.measured - tier.within);
  });

  it("lists the cases within with outcome 'within', and every measured case with 'all'", () => {
    const within = [...explainTier(siri2023, FAST_TRACK, { target: 'fast-track', outcome: 'within' })];
    expect(within).toEqual([
      { index: 0, id: 'f1', caseType: 'fast-track', start: '2023-01-01', stop: '2023-02-01', elapsed: 31, dueDate: '2023-02-01', within: true, limit: DAYS_31 },
    ]);
    const all = [...explainTier(siri2023, FAST_TRACK, { target: 'fast-track', outcome: 'all' })];
    expect(all.map((entry) => [entry.id, entry.within])).toEqual([
      ['f1', true],
      ['f2', false],
      ['f3', false],
    ]);
  });

  it('lists the cases of another period', () => {
    // 2022: only f5, 59 days
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'fast-track', period: '2022', outcome: 'all' })]).toMatchObject([
      { id: 'f5', elapsed: 59, dueDate: '2022-12-02', within: false },
    ]);
  });

  it('explains each tier of a multi-tier target (siri-2023 EU: 2 days is a miss of 1 day, within 31)', () => {
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'eu', tier: 0 })]).toEqual([
      { index: 1, id: 'e1', caseType: 'eu', start: '2023-03-01', stop: '2023-03-03', elapsed: 2, dueDate: '2023-03-02', within: false, limit: { amount: 1, unit: 'days' } },
    ]);
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'eu', tier: 1 })]).toEqual([]);
    expect([...explainTier(siri2023, FAST_TRACK, { target: 'eu', tier: 1, outcome: 'within' })]).toMatchObject([{ id: 'e1', dueDate: '2023-04-01' }]);
  });

  it('counts working days across Easter 2024, elapsed in working days', () => {
    const plan = definePlan({
      id: 'visa',
      title: 'Visa',
      year: 2024,
      targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visum'], tiers: [{ limit: { amount: 5, unit: 'workingDays' }, required: 0.9 }] }],
    });
    const cases = [
      // Fri 22 March → Wed 3 April: 25, 26, 27 March, 2, 3 April = 5 (Maundy Thursday to Easter Monday closed)
      { id: 'w1', caseType: 'visum', applied: '2024-03-22', decided: '2024-04-03' },
      // one day later: 6
      { id: 'w2', caseType: 'visum', applied: '2024-03-22', decided: '2024-04-04' },
      // Mon 25 March → Easter Monday: 26, 27 March = 2; the 6th working day is Fri 5 April, so 4 April is due
      { id: 'w3', caseType: 'visum', applied: '2024-03-25', decided: '2024-04-01' },
    ];
    const limit = { amount: 5, unit: 'workingDays' };
    expect([...explainTier(plan, cases, { target: 'visa' })]).toEqual([
      { index: 1, id: 'w2', caseType: 'visum', start: '2024-03-22', stop: '2024-04-04', elapsed: 6, dueDate: '2024-04-03', within: false, limit },
    ]);
    expect([...explainTier(plan, cases, { target: 'visa', outcome: 'all' })].map((entry) => [entry.id, entry.elapsed, entry.dueDate, entry.within])).toEqual([
      ['w1', 5, '2024-04-03', true],
      ['w2', 6, '2024-04-03', false],
      ['w3', 2, '2024-04-04', true],
    ]);
  });

  it('judges a month tier by the clamped month end, with the elapsed time in calendar days', () => {
    const cases = [
      // 31 January + 10 months = 30 November 2019: 303 days, within
      { id: 'm1', caseType: 'familiesammenfoering', applied: '2019-01-31', decided: '2019-11-30' },
      // 1 December: 304 days, a miss
      { id: 'm2', caseType: 'familiesammenfoering', applied: '2019-01-31', decided: '2019-12-01' },
      // 15 March 2018 + 10 months = 15 January 2019: 306 days, yet within
      { id: 'm3', caseType: 'familiesammenfoering', applied: '2018-03-15', decided: '2019-01-15' },
    ];
    expect([...explainTier(us2019, cases, { target: 'familiesammenfoering' })]).toEqual([
      {
        index: 1,
        id: 'm2',
        caseType: 'familiesammenfoering',
        start: '2019-01-31',
        stop: '2019-12-01',
        elapsed: 304,
        dueDate: '2019-11-30',
        within: false,
        limit: { amount: 10, unit: 'months' },
      },
    ]);
    expect([...explainTier(us2019, cases, { target: 'familiesammenfoering', outcome: 'all' })].map((entry) => [entry.id, entry.elapsed, entry.dueDate, entry.within])).toEqual([
      ['m1', 303, '2019-11-30', true],
      ['m2', 304, '2019-11-30', false],
      ['m3', 306, '2019-01-15', true],
    ]);
  });

  it('lists a decided case without its milestone as a miss without a stop, due 30 days after the application (us-2019 first interview)', () => {
    const cases = [
      { id: 'none', caseType: 'asyl', applied: '2019-03-01', decided: '2019-06-01' },
      // interview after 40 days: stop at the interview, due 1 March + 30 = 31 March
      { id: 'late', caseType: 'asyl', applied: '2019-03-01', decided: '2019-06-01', events: { firstInterview: '2019-04-10' } },
      { id: 'ok', caseType: 'asyl', applied: '2019-03-01', decided: '2019-06-01', events: { firstInterview: '2019-03-31' } },
    ];
    const limit = { amount: 30, unit: 'days' };
    expect([...explainTier(us2019, cases, { target: 'asyl-foerste-samtale' })]).toEqual([
      // the interview was due by 1 March + 30 days = 31 March, whether or not it happened
      { index: 0, id: 'none', caseType: 'asyl', start: '2019-03-01', stop: null, elapsed: null, dueDate: '2019-03-31', within: false, limit },
      { index: 1, id: 'late', caseType: 'asyl', start: '2019-03-01', stop: '2019-04-10', elapsed: 40, dueDate: '2019-03-31', within: false, limit },
    ]);
  });
});

describe('explainTier on the bundled example data (siri-2023, 20 000 records)', () => {
  const cases = JSON.parse(readFileSync(new URL('../examples/data/siri-2023-cases.json', import.meta.url), 'utf8')) as unknown[];
  const report = evaluatePlan(siri2023, cases, { period: '2023' });

  it.each([
    ['fast-track', 0],
    ['eu', 0],
    ['eu', 2],
  ] as const)('lists exactly the misses of %s tier %i', (target, tier) => {
    const counted = shareTier(report, target, tier);
    const misses = [...explainTier(siri2023, cases, { target, tier, period: '2023' })];
    expect(misses.length).toBe(counted.measured - counted.within);
    expect(misses.every((entry) => !entry.within && (entry.elapsed === null || entry.elapsed > counted.limit.amount))).toBe(true);
    expect([...explainTier(siri2023, cases, { target, tier, period: '2023', outcome: 'within' })].length).toBe(counted.within);
  });
});

describe('explainTier options and laziness', () => {
  it('throws invalid_option for an unknown target, a waiting-time target, an unknown tier and an unknown outcome', () => {
    expect(thrown(() => explainTier(siri2023, FAST_TRACK, { target: 'nope' }).next()).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => explainTier(siri2023, FAST_TRACK, { target: 'telefon' }).next()).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => explainTier(siri2023, FAST_TRACK, { target: 'fast-track', tier: 1 }).next()).issues[0]?.code).toBe('invalid_option');
    const outcome = 'late' as unknown as 'missed';
    expect(thrown(() => explainTier(siri2023, FAST_TRACK, { target: 'fast-track', outcome }).next()).issues[0]?.code).toBe('invalid_option');
  });

  it('reads no more of the input than it needs: the first miss of an endless input', () => {
    let read = 0;
    function* endless() {
      for (let i = 0; ; i++) {
        read++;
        // the first five within 9 days, then misses of 59 days
        yield { id: `c${i}`, caseType: 'fast-track', applied: '2023-01-01', decided: i < 5 ? '2023-01-10' : '2023-03-01' };
      }
    }
    const first = explainTier(siri2023, endless(), { target: 'fast-track', period: '2023' }).next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ index: 5, id: 'c5', elapsed: 59 });
    expect(read).toBe(6);
  });
});

describe('explainTier properties', () => {
  const plan = definePlan({
    id: 'mixed',
    title: 'Mixed units',
    year: 2023,
    calendar: { closingDays: 'state' },
    targets: [
      {
        id: 'mixed',
        label: 'Mixed',
        caseTypes: ['a'],
        subtractPauses: true,
        tiers: [
          { limit: { amount: 31, unit: 'days' }, required: 0.85 },
          { limit: { amount: 10, unit: 'workingDays' }, required: 0.8 },
          { limit: { amount: 2, unit: 'months' }, required: 0.9 },
        ],
      },
    ],
  });
  const casesArb = fc
    .array(
      fc.record({
        applied: fc.integer({ min: utcDay(2022, 10, 1), max: utcDay(2023, 12, 31) }),
        elapsed: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 5 }),
        pause: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
      }),
      { maxLength: 60 },
    )
    .map((cases) =>
      cases.map(({ applied, elapsed, pause }, i) => {
        const record: Record<string, unknown> = { id: `c${i}`, caseType: 'a', applied: isoFromUtcDay(applied) };
        if (elapsed !== null) record['decided'] = isoFromUtcDay(applied + elapsed);
        if (elapsed !== null && elapsed > 0 && pause !== null) {
          const from = pause[0] % elapsed;
          record['pauses'] = [{ from: isoFromUtcDay(applied + from), to: isoFromUtcDay(applied + from + (pause[1] % (elapsed - from + 1))) }];
        }
        return record;
      }),
    );

  it('property "the listed misses are as many as the report\'s measured − within, for every tier"', () => {
    fc.assert(
      fc.property(casesArb, (cases) => {
        const report = evaluatePlan(plan, cases, { period: '2023' });
        [0, 1, 2].forEach((tier) => {
          const counted = shareTier(report, 'mixed', tier);
          expect([...explainTier(plan, cases, { target: 'mixed', tier, period: '2023' })]).toHaveLength(counted.measured - counted.within);
        });
      }),
      { numRuns: 100 },
    );
  });
});
