import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, meanTier, shareTier, target } from './helpers.js';
import {
  definePlan,
  type CalendarOptions,
  type PlanReport,
  type TargetInput,
} from '../src/index.js';
import { countFixtureWorkingDays, dayOf, isoOf } from './fixtures/danish-holidays.js';

/** `within` of every tier of a target. */
const withinPerTier = (report: PlanReport, id: string): number[] =>
  target(report, id).tiers.map((tier) => (tier.kind === 'share' ? tier.within : Number.NaN));

/** A decided visa case. */
const decided = (id: string, applied: string, decidedOn: string, extra: Record<string, unknown> = {}) => ({
  id,
  caseType: 'visum',
  applied,
  decided: decidedOn,
  ...extra,
});

/** A one-plan wrapper around visa targets, for 2024 into January 2025. */
const visaPlan = (targets: TargetInput[], calendar?: CalendarOptions) =>
  definePlan({ id: 'visa', title: 'Visa service targets', year: 2024, calendar, targets });

const PERIOD = { period: { from: '2024-01-01', to: '2025-01-31' } };

/** "90 % of visa cases decided within 15 working days". */
const within15 = (id = 'visa', calendar?: CalendarOptions | null): TargetInput => ({
  id,
  label: 'Visa within 15 working days',
  caseTypes: ['visum'],
  tiers: [{ limit: { amount: 15, unit: 'workingDays' }, required: 0.9 }],
  calendar,
});

/*
 * Hand-made cases around Easter 2024 (Thu 28 March – Mon 1 April closed) and Christmas 2024 (with
 * the state's closing days: Tue 24, Wed 25, Thu 26, Tue 31 December and Wed 1 January closed).
 * Working days are those after the application, up to and including the decision.
 */
const EASTER_AND_CHRISTMAS = [
  // Wed 20 March → Mon 15 April: 21, 22, 25, 26, 27 March (5), 2–5 April (9), 8–12 (14), 15 (15)
  decided('E1', '2024-03-20', '2024-04-15'),
  // one more day: Tue 16 April is the 16th working day, not within
  decided('E2', '2024-03-20', '2024-04-16'),
  // applied Sat 30 March, decided Wed 3 April: 2 and 3 April (Easter Monday closed) → 2
  decided('E3', '2024-03-30', '2024-04-03'),
  // applied Easter Monday 1 April, decided Mon 22 April: 2–5 (4), 8–12 (9), 15–19 (14), 22 (15)
  decided('E4', '2024-04-01', '2024-04-22'),
  // applied Wed 27 March, decided on Good Friday: Maundy Thursday and Good Friday are closed → 0
  decided('E5', '2024-03-27', '2024-03-29'),
  // Fri 6 December → Mon 30 December: 9–13 (5), 16–20 (10), 23 (11), 27 (12), 30 (13); default calendar 14 (24th open)
  decided('C1', '2024-12-06', '2024-12-30'),
  // Fri 13 December → Fri 10 January: 16–20 (5), 23, 27, 30 (8), 2, 3 January (10), 6–10 (15); default 17
  decided('C2', '2024-12-13', '2025-01-10'),
  // Mon 23 December → decided on Tue 24 December, a closing day: 0; default 1
  decided('C4', '2024-12-23', '2024-12-24'),
  // Wed 18 December → Fri 3 January: 19, 20, 23, 27, 30, 2 January, 3 January → 7; default 9
  decided('C5', '2024-12-18', '2025-01-03'),
  // Fri 20 December → Fri 27 December: 23 and 27 → 2; default 3 (23, 24, 27)
  decided('C6', '2024-12-20', '2024-12-27'),
];
// Fri 13 December → Mon 13 January: the 16th working day with the state's closing days (18 by default)
const C3 = decided('C3', '2024-12-13', '2025-01-13');

describe("a user plan '90 % within 15 working days' with the state's closing days", () => {
  const plan = visaPlan([within15()], { closingDays: 'state' });

  it('counts the Easter and Christmas cases by hand', () => {
    // all within 15 working days except E2 (16): 9 of 10 = 90 %, met
    const report = evaluate(plan, EASTER_AND_CHRISTMAS, PERIOD);
    expect(report.counts).toEqual({ input: 10, measured: 10, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    expect(shareTier(report, 'visa')).toMatchObject({ limit: { amount: 15, unit: 'workingDays' }, measured: 10, within: 9, share: 0.9, met: true });
  });

  it('misses the target with one more late case', () => {
    // C3 is 16 working days: 9 of 11 < 90 %; 10 of 11 would be needed (9.9 rounded up)
    const report = evaluate(plan, [...EASTER_AND_CHRISTMAS, C3], PERIOD);
    expect(shareTier(report, 'visa')).toMatchObject({ measured: 11, within: 9, needed: 10, met: false });
  });

  it('counts 24 and 31 December as working days without the closing days', () => {
    // default calendar: C2 takes 17 working days, so E2 and C2 are late: 8 of 10
    const report = evaluate(visaPlan([within15()]), EASTER_AND_CHRISTMAS, PERIOD);
    expect(shareTier(report, 'visa')).toMatchObject({ measured: 10, within: 8, share: 0.8, met: false });
  });
});

describe('calendars of plans and targets', () => {
  it("uses the plan's calendar unless the target has its own", () => {
    const plan = visaPlan(
      [
        within15('plan-calendar'),
        within15('explicit-null', null),
        within15('danish-holidays-only', {}),
        within15('no-holidays', { country: null }),
      ],
      { closingDays: 'state' },
    );
    const report = evaluate(plan, EASTER_AND_CHRISTMAS, PERIOD);
    // state closing days: 9 within (above); default Danish holidays: 8 within (above)
    expect(shareTier(report, 'plan-calendar').within).toBe(9);
    expect(shareTier(report, 'explicit-null').within).toBe(9);
    expect(shareTier(report, 'danish-holidays-only').within).toBe(8);
    // Monday–Friday only: E1 18, E2 19, C1 16, C2 20 are late; E3 3, E4 15, E5 2, C4 1, C5 12, C6 5 are within
    expect(shareTier(report, 'no-holidays').within).toBe(6);
  });
});

describe('targets mixing units', () => {
  it("reads a 'days' tier and a 'workingDays' tier of one target", () => {
    const plan = visaPlan([
      {
        id: 'mixed',
        label: 'Mixed',
        caseTypes: ['visum'],
        calendar: { closingDays: 'state' },
        tiers: [
          { limit: { amount: 21, unit: 'days' }, required: 0.5 },
          { limit: { amount: 15, unit: 'workingDays' }, required: 0.9 },
        ],
      },
    ]);
    // calendar days: E1 20 March → 15 April = 26, E3 30 March → 3 April = 4, E4 1 → 22 April = 21,
    // C2 13 December → 10 January = 28; working days 15, 2, 15, 15
    const cases = EASTER_AND_CHRISTMAS.filter((record) => ['E1', 'E3', 'E4', 'C2'].includes(record.id));
    const report = evaluate(plan, cases, PERIOD);
    expect(shareTier(report, 'mixed', 0)).toMatchObject({ measured: 4, within: 2, share: 0.5, met: true });
    expect(shareTier(report, 'mixed', 1)).toMatchObject({ measured: 4, within: 4, share: 1, met: true });
    expect(target(report, 'mixed').met).toBe(true);
  });

  it('computes a mean in working days', () => {
    const mean = (amount: number) =>
      visaPlan([{ id: 'mean', label: 'Mean', caseTypes: ['visum'], aggregate: 'mean', tiers: [{ limit: { amount, unit: 'workingDays' } }] }]);
    // E1 15, E3 2, E5 0 working days: mean 17/3 ≈ 5.67
    const cases = EASTER_AND_CHRISTMAS.filter((record) => ['E1', 'E3', 'E5'].includes(record.id));
    const six = meanTier(evaluate(mean(6), cases, PERIOD), 'mean');
    expect(six).toMatchObject({ measured: 3, met: true });
    expect(six.mean).toBeCloseTo(17 / 3, 12);
    expect(meanTier(evaluate(mean(5), cases, PERIOD), 'mean')).toMatchObject({ measured: 3, met: false });
  });
});

describe('pauses', () => {
  const tiers = [
    { limit: { amount: 39, unit: 'days' as const }, required: 0.5 },
    { limit: { amount: 29, unit: 'workingDays' as const }, required: 0.5 },
    { limit: { amount: 1, unit: 'months' as const }, required: 0.5 },
  ];
  const plan = visaPlan([
    { id: 'paused', label: 'Pauses subtracted', caseTypes: ['visum'], subtractPauses: true, tiers },
    { id: 'plain', label: 'Pauses ignored', caseTypes: ['visum'], tiers },
  ]);

  it('takes paused calendar days, working days and month-limit days off the elapsed time', () => {
    const cases = [
      // Mon 4 March → Fri 26 April: 53 days, 36 working days (28, 29 March and 1 April closed).
      // Pause 25 March → 8 April: 14 days; working days (25 March, 8 April] = 26, 27 March, 2–5, 8 April = 7.
      // Net 39 days (within 39) and 29 working days (within 29). Months: 26 April − 14 days = 12 April,
      // after 4 March + 1 month = 4 April: not within.
      decided('P1', '2024-03-04', '2024-04-26', { pauses: [{ from: '2024-03-25', to: '2024-04-08' }] }),
      // Wed 31 January → Fri 15 March: 44 days, 32 working days. Pause 5 → 20 February: 15 days, 11
      // working days (6–9, 12–16, 19, 20). Net 29 days, 21 working days. Months: 15 March − 15 days =
      // 29 February = 31 January + 1 month (clamped): within.
      decided('P2', '2024-01-31', '2024-03-15', { pauses: [{ from: '2024-02-05', to: '2024-02-20' }] }),
      // the same, decided Sat 16 March: 30 days, still 21 working days; 16 March − 15 = 1 March: not within 1 month
      decided('P3', '2024-01-31', '2024-03-16', { pauses: [{ from: '2024-02-05', to: '2024-02-20' }] }),
      // no pause: 1 May → 2 May, 1 day, 1 working day, within 1 month
      decided('P4', '2024-05-01', '2024-05-02'),
      // P1 decided Mon 29 April: net 42 days and 30 working days, not within anything
      decided('P5', '2024-03-04', '2024-04-29', { pauses: [{ from: '2024-03-25', to: '2024-04-08' }] }),
    ];
    const report = evaluate(plan, cases);
    expect(report.counts).toMatchObject({ input: 5, measured: 5, invalid: 0 });
    // subtracted: days P1–P4 (4), working days P1–P4 (4), months P2 and P4 (2)
    expect(withinPerTier(report, 'paused')).toEqual([4, 4, 2]);
    // ignored: only P4 is within anything (P1 53 days / 36 working days, P2 44 / 32, P3 45 / 32, P5 56 / 37)
    expect(withinPerTier(report, 'plain')).toEqual([1, 1, 1]);
  });

  it('clips pauses to the clock run of milestone targets', () => {
    const allCases = (amount: number, unit: 'days' | 'workingDays') => ({ limit: { amount, unit }, required: 1 });
    const milestones = visaPlan([
      {
        id: 'to-interview',
        label: 'Application to interview',
        caseTypes: ['visum'],
        clock: { stop: 'events.interview' },
        subtractPauses: true,
        tiers: [allCases(11, 'days'), allCases(10, 'days'), allCases(9, 'workingDays'), allCases(8, 'workingDays')],
      },
      {
        id: 'from-interview',
        label: 'Interview to decision',
        caseTypes: ['visum'],
        clock: { start: 'events.interview' },
        subtractPauses: true,
        tiers: [allCases(21, 'days'), allCases(20, 'days'), allCases(15, 'workingDays'), allCases(14, 'workingDays')],
      },
    ]);
    // applied Mon 4 March, interview Wed 20 March, decided Fri 26 April; paused 15 March → 5 April.
    // To the interview: 16 days, pause clipped to 15 → 20 March = 5 days → 11; working days
    // (4, 20 March] = 12, paused (15, 20 March] = 18, 19, 20 → 9.
    // From the interview: 37 days, pause clipped to 20 March → 5 April = 16 days → 21; working days
    // (20 March, 26 April] = 5 + 4 + 15 = 24, paused (20 March, 5 April] = 21, 22, 25, 26, 27 March, 2–5 April = 9 → 15.
    const report = evaluate(milestones, [
      decided('M1', '2024-03-04', '2024-04-26', { events: { interview: '2024-03-20' }, pauses: [{ from: '2024-03-15', to: '2024-04-05' }] }),
    ]);
    expect(withinPerTier(report, 'to-interview')).toEqual([1, 0, 1, 0]);
    expect(withinPerTier(report, 'from-interview')).toEqual([1, 0, 1, 0]);
  });

  it('lists invalid pauses as invalid records with index, id and field', () => {
    const base = { caseType: 'visum', applied: '2024-03-01', decided: '2024-04-01' };
    const cases = [
      { id: 'r0', ...base, pauses: [{ from: '2024-03-10', to: '2024-03-05' }] },
      { id: 'r1', ...base, pauses: [{ from: '2024-03-05', to: '2024-03-10' }, { from: '2024-03-08', to: '2024-03-12' }] },
      { id: 'r2', ...base, pauses: [{ from: '2024-02-28', to: '2024-03-05' }] },
      { id: 'r3', ...base, pauses: [{ from: '2024-03-20', to: '2024-04-02' }] },
      { id: 'r4', ...base, pauses: [{ from: '2024-03-20', to: null }] },
      { id: 'r5', ...base, pauses: [{ from: '2024-03-05', to: '2024-03-10', reason: 'documents' }] },
      { id: 'r6', ...base, pauses: [{ from: '2024-03-05', to: '2024-03-10' }, { from: '2024-03-20', to: '2024-03-18' }] },
      // valid: a pending case waiting for documents, and back-to-back pauses
      { id: 'open', caseType: 'visum', applied: '2024-03-01', pauses: [{ from: '2024-03-10', to: null }] },
      { id: 'adjacent', ...base, pauses: [{ from: '2024-03-05', to: '2024-03-10' }, { from: '2024-03-10', to: '2024-03-12' }] },
    ];
    const report = evaluate(plan, cases);
    expect(report.counts).toEqual({ input: 9, measured: 1, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 7 });
    expect(report.invalid.map(({ input, index, id, field, code }) => ({ input, index, id, field, code }))).toEqual([
      { input: 'cases', index: 0, id: 'r0', field: 'pauses.0', code: 'invalid_pause' },
      { input: 'cases', index: 1, id: 'r1', field: 'pauses', code: 'overlapping_pauses' },
      { input: 'cases', index: 2, id: 'r2', field: 'pauses.0', code: 'pause_outside_case' },
      { input: 'cases', index: 3, id: 'r3', field: 'pauses.0', code: 'pause_outside_case' },
      { input: 'cases', index: 4, id: 'r4', field: 'pauses.0.to', code: 'invalid_pause' },
      { input: 'cases', index: 5, id: 'r5', field: 'pauses.0.reason', code: 'unknown_field' },
      { input: 'cases', index: 6, id: 'r6', field: 'pauses.1', code: 'invalid_pause' },
    ]);
    expect(report.invalid[0]?.message).toContain('record 0 (id r0)');
    // the adjacent pauses take 5 + 2 = 7 days off 31: 24 days
    expect(target(report, 'paused').pending).toBe(1);
    expect(withinPerTier(report, 'paused')[0]).toBe(1);
  });
});

describe('properties', () => {
  const FIRST = dayOf('2019-01-01');
  const LAST_APPLIED = dayOf('2026-11-15');
  const PERIOD_2019_2026 = { period: { from: '2019-01-01', to: '2026-12-31' } };

  /** Cases applied 2019 – mid-November 2026, decided 0–45 days later (so by 30 December 2026) or pending. */
  const casesArb = fc.array(
    fc.record({
      applied: fc.integer({ min: FIRST, max: LAST_APPLIED }),
      elapsed: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null, freq: 6 }),
    }),
    { maxLength: 40 },
  );

  it("a user-defined '90 % within 15 working days' plan gives the same result as counting by hand on random data", () => {
    fc.assert(
      fc.property(casesArb, fc.boolean(), (generated, stateDays) => {
        const plan = visaPlan([within15()], stateDays ? { closingDays: 'state' } : undefined);
        const cases = generated.map(({ applied, elapsed }, i) => ({
          id: `c${i}`,
          caseType: 'visum',
          applied: isoOf(applied),
          decided: elapsed === null ? null : isoOf(applied + elapsed),
        }));
        const report = evaluate(plan, cases, PERIOD_2019_2026);

        // by hand: Monday–Friday minus the fixture's holidays (and 5 June, 24, 31 December for the state)
        const decidedCases = generated.filter(({ elapsed }) => elapsed !== null);
        const measured = decidedCases.length;
        const within = decidedCases.filter(({ applied, elapsed }) => countFixtureWorkingDays(applied, applied + (elapsed ?? 0), stateDays) <= 15).length;
        const met = measured === 0 ? null : within * 10 >= measured * 9;
        expect(report.counts).toEqual({ input: cases.length, measured, pending: cases.length - measured, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
        expect(shareTier(report, 'visa')).toMatchObject({ measured, within, met });
      }),
      { numRuns: 100 },
    );
  });

  it('adding a pause never lowers elapsed-time compliance', () => {
    const plan = visaPlan([
      {
        id: 'paused',
        label: 'Pauses subtracted',
        caseTypes: ['visum'],
        subtractPauses: true,
        tiers: [
          { limit: { amount: 20, unit: 'days' }, required: 0.9 },
          { limit: { amount: 15, unit: 'workingDays' }, required: 0.9 },
          { limit: { amount: 1, unit: 'months' }, required: 0.9 },
        ],
      },
    ]);
    const pausedCasesArb = fc.array(
      fc
        .record({
          applied: fc.integer({ min: FIRST, max: LAST_APPLIED }),
          elapsed: fc.integer({ min: 0, max: 45 }),
          start: fc.double({ min: 0, max: 1, noNaN: true }),
          length: fc.double({ min: 0, max: 1, noNaN: true }),
        })
        .map(({ applied, elapsed, start, length }) => {
          // a pause inside [applied, decided]
          const from = applied + Math.floor(start * elapsed);
          const to = from + Math.floor(length * (applied + elapsed - from));
          return { applied, decided: applied + elapsed, from, to };
        }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(pausedCasesArb, (generated) => {
        const without = generated.map(({ applied, decided: decidedOn }, i) => decided(`c${i}`, isoOf(applied), isoOf(decidedOn)));
        const withPauses = generated.map(({ applied, decided: decidedOn, from, to }, i) =>
          decided(`c${i}`, isoOf(applied), isoOf(decidedOn), { pauses: [{ from: isoOf(from), to: isoOf(to) }] }),
        );
        const before = withinPerTier(evaluate(plan, without, PERIOD_2019_2026), 'paused');
        const after = withinPerTier(evaluate(plan, withPauses, PERIOD_2019_2026), 'paused');
        after.forEach((count, tier) => {
          expect(count).toBeGreaterThanOrEqual(before[tier] ?? Number.POSITIVE_INFINITY);
        });
      }),
      { numRuns: 100 },
    );
  });
});
