import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, shareTier, thrown } from './helpers.js';
import { isoFromUtcDay, utcDay } from './arbitraries.js';
import { dayOf, isoOf } from './fixtures/danish-holidays.js';
import { definePlan, getPlan, pendingAt, type PendingCase, type PendingReport, type TargetInput } from '../src/index.js';

const siri2023 = getPlan('siri-2023');
const us2019 = getPlan('us-2019');

/** An open case (no decision). */
const open = (id: string, caseType: string, applied: string, extra: Record<string, unknown> = {}) => ({ id, caseType, applied, ...extra });

/** The listed cases of one target. */
const casesOf = (report: PendingReport, targetId: string): PendingCase[] => report.cases.filter((entry) => entry.targetId === targetId);

/** Due date and days remaining of the listed cases of one target, by id. */
const dueOf = (report: PendingReport, targetId: string) =>
  casesOf(report, targetId).map((entry) => ({ id: entry.id, tier: entry.tier, dueDate: entry.dueDate, daysRemaining: entry.daysRemaining, overdue: entry.overdue }));

/** A plan of 2024 with the given case targets. */
const plan2024 = (targets: TargetInput[]) => definePlan({ id: 'test', title: 'Test plan', year: 2024, targets });

describe('pendingAt: which cases are pending', () => {
  it('finds none when every case is decided by the end of the as-of date or applied later', () => {
    const report = pendingAt(
      siri2023,
      [
        // decided on the as-of date itself: decided by its end
        { id: 'a', caseType: 'fast-track', applied: '2023-05-01', decided: '2023-06-30' },
        // applied the day after
        open('b', 'fast-track', '2023-07-01'),
      ],
      { asOf: '2023-06-30' },
    );
    expect(report.asOf).toBe('2023-06-30');
    expect(report.counts).toEqual({ input: 2, pending: 0, notPending: 2, withoutTarget: 0, invalid: 0 });
    expect(report.cases).toEqual([]);
    const fastTrack = report.targets.find((entry) => entry.id === 'fast-track');
    expect(fastTrack?.tiers[0]).toMatchObject({ pending: 0, overdue: 0, age: { count: 0, median: null } });
  });

  it('lists cases past the limit as overdue with negative days remaining', () => {
    // siri-2023 Fast-track, 31 days; as of 30 June 2023
    const report = pendingAt(siri2023, [open('b', 'fast-track', '2023-05-15'), open('a', 'fast-track', '2023-05-01')], { asOf: '2023-06-30' });
    const limit = { amount: 31, unit: 'days' };
    expect(report.cases).toEqual([
      // 1 May + 31 days = 1 June: 29 days before 30 June; age 30 + 30 = 60 days
      { id: 'a', caseType: 'fast-track', targetId: 'fast-track', tier: 0, limit, applied: '2023-05-01', dueDate: '2023-06-01', daysRemaining: -29, overdue: true, paused: false, age: 60 },
      // 15 May + 31 days = 15 June; age 16 + 30 = 46 days
      { id: 'b', caseType: 'fast-track', targetId: 'fast-track', tier: 0, limit, applied: '2023-05-15', dueDate: '2023-06-15', daysRemaining: -15, overdue: true, paused: false, age: 46 },
    ]);
    const fastTrack = report.targets.find((entry) => entry.id === 'fast-track');
    expect(fastTrack).toMatchObject({ id: 'fast-track', caseTypes: ['fast-track'], settled: 0 });
    // ages 46 and 60: mean 53, median rank 1 → 46, p75 rank 2 → 60
    expect(fastTrack?.tiers[0]).toEqual({
      limit,
      label: '85 pct. afgøres inden 31 dage',
      pending: 2,
      overdue: 2,
      age: { count: 2, unit: 'days', mean: 53, median: 46, p75: 60, p90: 60, p95: 60, min: 46, max: 60 },
    });
  });

  it('counts a case decided after the as-of date as pending, and ignores later events', () => {
    const report = pendingAt(
      siri2023,
      [
        // decided 10 July: pending at 30 June, due 10 June + 31 = 11 July
        { id: 'later', caseType: 'fast-track', applied: '2023-06-10', decided: '2023-07-10' },
        { id: 'today', caseType: 'fast-track', applied: '2023-06-10', decided: '2023-06-30' },
      ],
      { asOf: '2023-06-30' },
    );
    expect(report.counts).toMatchObject({ pending: 1, notPending: 1 });
    expect(report.cases).toMatchObject([{ id: 'later', dueDate: '2023-07-11', daysRemaining: 11, overdue: false, age: 20 }]);

    // us-2019: the first interview on 1 May has not happened on 15 April; 1 March + 30 days = 31 March
    const interview = pendingAt(us2019, [open('s', 'asyl', '2019-03-01', { events: { firstInterview: '2019-05-01' } })], { asOf: '2019-04-15' });
    expect(interview.targets.find((entry) => entry.id === 'asyl-foerste-samtale')?.settled).toBe(0);
    expect(dueOf(interview, 'asyl-foerste-samtale')).toEqual([{ id: 's', tier: 0, dueDate: '2019-03-31', daysRemaining: -15, overdue: true }]);
  });

  it('counts a case applied on the as-of date as pending, aged 0 days', () => {
    const report = pendingAt(siri2023, [open('new', 'fast-track', '2023-06-30')], { asOf: '2023-06-30' });
    expect(report.cases).toMatchObject([{ id: 'new', age: 0, dueDate: '2023-07-31', daysRemaining: 31, overdue: false }]);
  });

  it('reconciles its counts: input = pending + notPending + withoutTarget + invalid', () => {
    const report = pendingAt(
      siri2023,
      [
        open('p1', 'fast-track', '2023-06-01'),
        open('p2', 'eu', '2023-06-29'),
        { id: 'n1', caseType: 'eu', applied: '2023-06-01', decided: '2023-06-02' },
        open('n2', 'eu', '2023-07-02'),
        open('w1', 'visum', '2023-06-01'),
        { id: 'i1', caseType: 'eu', applied: '2023-06-02', decided: '2023-06-01' },
        { id: 'i2', caseType: 'eu', applied: '2023-02-30' },
      ],
      { asOf: '2023-06-30' },
    );
    expect(report.counts).toEqual({ input: 7, pending: 2, notPending: 2, withoutTarget: 1, invalid: 2 });
    const { input, pending, notPending, withoutTarget, invalid } = report.counts;
    expect(pending + notPending + withoutTarget + invalid).toBe(input);
    expect(report.invalid.map(({ index, id, field, code }) => ({ index, id, field, code }))).toEqual([
      { index: 5, id: 'i1', field: 'decided', code: 'decision_before_application' },
      { index: 6, id: 'i2', field: 'applied', code: 'invalid_date' },
    ]);
    // one Fast-track tier and three EU tiers
    expect(report.cases).toHaveLength(4);
  });
});

describe('pendingAt: due dates', () => {
  it('adds calendar days per tier (siri-2023 EU: 1, 31 and 92 days)', () => {
    // applied 29 June; as of 30 June
    const report = pendingAt(siri2023, [open('e', 'eu', '2023-06-29')], { asOf: '2023-06-30' });
    expect(dueOf(report, 'eu')).toEqual([
      // 29 June + 1 = 30 June, the as-of date: not decided by its end, so it can no longer make it
      { id: 'e', tier: 0, dueDate: '2023-06-30', daysRemaining: 0, overdue: true },
      // + 31 = 30 July
      { id: 'e', tier: 1, dueDate: '2023-07-30', daysRemaining: 30, overdue: false },
      // + 92 = 29 September (1 + 31 + 31 + 29 days); 31 + 31 + 29 days after 30 June
      { id: 'e', tier: 2, dueDate: '2023-09-29', daysRemaining: 91, overdue: false },
    ]);
    expect(report.targets.find((entry) => entry.id === 'eu')?.tiers.map((tier) => [tier.pending, tier.overdue])).toEqual([
      [1, 1],
      [1, 0],
      [1, 0],
    ]);
  });

  it('adds calendar months, clamped at the month end', () => {
    const plan = plan2024([{ id: 'm', label: 'One month', caseTypes: ['x'], tiers: [{ limit: { amount: 1, unit: 'months' }, required: 0.9 }] }]);
    // 31 January 2024 + 1 month = 29 February (leap year); 30 January too; 15 January → 15 February
    const leap = pendingAt(plan, [open('a', 'x', '2024-01-31'), open('b', 'x', '2024-01-30'), open('c', 'x', '2024-01-15')], { asOf: '2024-02-10' });
    expect(dueOf(leap, 'm')).toEqual([
      { id: 'c', tier: 0, dueDate: '2024-02-15', daysRemaining: 5, overdue: false },
      { id: 'a', tier: 0, dueDate: '2024-02-29', daysRemaining: 19, overdue: false },
      { id: 'b', tier: 0, dueDate: '2024-02-29', daysRemaining: 19, overdue: false },
    ]);
    // 31 January 2023 + 1 month = 28 February
    const common = pendingAt(plan, [open('a', 'x', '2023-01-31')], { asOf: '2023-02-10' });
    expect(dueOf(common, 'm')).toEqual([{ id: 'a', tier: 0, dueDate: '2023-02-28', daysRemaining: 18, overdue: false }]);
  });

  it('gives a 7-month limit from 31 July 2024 the due date 28 February 2025 (us-2019 asylum extension)', () => {
    const report = pendingAt(us2019, [open('a', 'asyl-forlaengelse', '2024-07-31'), open('f', 'familiesammenfoering', '2024-04-30')], {
      asOf: '2024-12-31',
    });
    // 59 days remain: 31 in January, 28 in February; age 31 + 30 + 31 + 30 + 31 = 153 days
    expect(casesOf(report, 'asyl-forlaengelse')).toMatchObject([{ dueDate: '2025-02-28', daysRemaining: 59, overdue: false, age: 153 }]);
    // 30 April 2024 + 10 months = 28 February 2025 (30 February does not exist)
    expect(casesOf(report, 'familiesammenfoering')).toMatchObject([{ dueDate: '2025-02-28', daysRemaining: 59 }]);
  });

  describe('working days across Easter 2024 (Maundy Thursday 28 March – Easter Monday 1 April closed)', () => {
    const plan = plan2024([
      {
        id: 'wd',
        label: 'Working days',
        caseTypes: ['visum'],
        tiers: [3, 4, 5].map((amount) => ({ limit: { amount, unit: 'workingDays' as const }, required: 0.9 })),
      },
    ]);

    it('is the day before the (N + 1)-th working day, so a closed day after the N-th is still within', () => {
      // applied Fri 22 March; working days after it: Mon 25 (1), Tue 26 (2), Wed 27 (3), Tue 2 April (4),
      // Wed 3 April (5), Thu 4 April (6)
      const report = pendingAt(plan, [open('w1', 'visum', '2024-03-22')], { asOf: '2024-03-26' });
      expect(dueOf(report, 'wd')).toEqual([
        // 3 working days: the day before the 4th (2 April) is Easter Monday
        { id: 'w1', tier: 0, dueDate: '2024-04-01', daysRemaining: 6, overdue: false },
        // 4: the day before the 5th (3 April)
        { id: 'w1', tier: 1, dueDate: '2024-04-02', daysRemaining: 7, overdue: false },
        // 5: Mon 25, Tue 26, Wed 27, Tue 2, Wed 3 April; the 6th is Thu 4 April
        { id: 'w1', tier: 2, dueDate: '2024-04-03', daysRemaining: 8, overdue: false },
      ]);
    });

    it('agrees with the evaluation: decided on Easter Monday is 3 working days, on 2 April it is 4', () => {
      const onDue = evaluate(plan, [{ id: 'w1', caseType: 'visum', applied: '2024-03-22', decided: '2024-04-01' }]);
      expect(shareTier(onDue, 'wd', 0)).toMatchObject({ measured: 1, within: 1 });
      const dayAfter = evaluate(plan, [{ id: 'w1', caseType: 'visum', applied: '2024-03-22', decided: '2024-04-02' }]);
      expect(shareTier(dayAfter, 'wd', 0)).toMatchObject({ measured: 1, within: 0 });
      expect(shareTier(dayAfter, 'wd', 1)).toMatchObject({ measured: 1, within: 1 });
    });

    it('runs a due date over the weekend after a Friday N-th working day', () => {
      // applied Mon 8 April: Tue 9 (1), Wed 10 (2), Thu 11 (3), Fri 12 (4), Mon 15 (5), Tue 16 (6)
      const report = pendingAt(plan, [open('w2', 'visum', '2024-04-08')], { asOf: '2024-04-10' });
      expect(dueOf(report, 'wd')).toEqual([
        { id: 'w2', tier: 0, dueDate: '2024-04-11', daysRemaining: 1, overdue: false },
        // 4 working days: Sat 13 and Sun 14 follow Fri 12, so Sunday is the last day within
        { id: 'w2', tier: 1, dueDate: '2024-04-14', daysRemaining: 4, overdue: false },
        { id: 'w2', tier: 2, dueDate: '2024-04-15', daysRemaining: 5, overdue: false },
      ]);
    });
  });

  describe('pauses so far', () => {
    const plan = plan2024([
      { id: 'paused', label: 'Pauses off', caseTypes: ['x'], subtractPauses: true, tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] },
      { id: 'plain', label: 'Pauses count', caseTypes: ['x'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] },
      { id: 'paused-months', label: 'Months', caseTypes: ['y'], subtractPauses: true, tiers: [{ limit: { amount: 1, unit: 'months' }, required: 0.9 }] },
      {
        id: 'paused-wd',
        label: 'Working days',
        caseTypes: ['z'],
        subtractPauses: true,
        tiers: [{ limit: { amount: 5, unit: 'workingDays' }, required: 0.9 }],
      },
    ]);
    const cases = [
      // 10 days paused (5 → 15 March)
      open('p1', 'x', '2024-03-01', { pauses: [{ from: '2024-03-05', to: '2024-03-15' }] }),
      // a pause after the as-of date has not happened yet
      open('p4', 'x', '2024-03-01', { pauses: [{ from: '2024-03-25', to: '2024-03-30' }] }),
      // decided after the as-of date, 10 days paused before it
      { id: 'p5', caseType: 'x', applied: '2024-03-01', decided: '2024-04-20', pauses: [{ from: '2024-03-05', to: '2024-03-15' }] },
    ];

    it('extends the due date by the paused days so far, for targets that subtract pauses', () => {
      const report = pendingAt(plan, cases, { asOf: '2024-03-20' });
      // 1 March + 30 days = 31 March; + 10 paused days = 10 April (21 days after 20 March)
      expect(dueOf(report, 'paused')).toEqual([
        { id: 'p4', tier: 0, dueDate: '2024-03-31', daysRemaining: 11, overdue: false },
        { id: 'p1', tier: 0, dueDate: '2024-04-10', daysRemaining: 21, overdue: false },
        { id: 'p5', tier: 0, dueDate: '2024-04-10', daysRemaining: 21, overdue: false },
      ]);
      // the plain target does not subtract pauses: 31 March for all
      expect(dueOf(report, 'plain').map((entry) => entry.dueDate)).toEqual(Array(3).fill('2024-03-31'));
      expect(report.cases.every((entry) => !entry.paused)).toBe(true);
    });

    it('gives a case whose clock is stopped by a running pause no due date until the pause ends', () => {
      const running = [
        // paused since 10 March: at 20 March 10 days paused so far, and the due date moves on every day
        open('p2', 'x', '2024-03-01', { pauses: [{ from: '2024-03-10', to: null }] }),
        // paused 10 → 25 March: on 20 March the end is not known yet, so it is still running
        open('p3', 'x', '2024-03-01', { pauses: [{ from: '2024-03-10', to: '2024-03-25' }] }),
        // applied 1 February: 30 days ran out on 2 March, before the pause began on 10 March
        open('p6', 'x', '2024-02-01', { pauses: [{ from: '2024-03-10', to: null }] }),
        // applied 9 February: 30 days run out on 10 March, the day the pause began: still in time
        open('p7', 'x', '2024-02-09', { pauses: [{ from: '2024-03-10', to: null }] }),
      ];
      const report = pendingAt(plan, running, { asOf: '2024-03-20' });
      expect(casesOf(report, 'paused').map(({ id, dueDate, daysRemaining, overdue, paused }) => ({ id, dueDate, daysRemaining, overdue, paused }))).toEqual([
        // 2 March is 18 days before 20 March: overdue whatever the pause
        { id: 'p6', dueDate: '2024-03-02', daysRemaining: -18, overdue: true, paused: false },
        { id: 'p2', dueDate: null, daysRemaining: null, overdue: false, paused: true },
        { id: 'p3', dueDate: null, daysRemaining: null, overdue: false, paused: true },
        { id: 'p7', dueDate: null, daysRemaining: null, overdue: false, paused: true },
      ]);
      // the plain target does not stop its clock: 1 March + 30 = 31 March, 1 February + 30 = 2 March
      expect(casesOf(report, 'plain').map(({ id, dueDate, paused }) => [id, dueDate, paused])).toEqual([
        ['p6', '2024-03-02', false],
        ['p7', '2024-03-10', false],
        ['p2', '2024-03-31', false],
        ['p3', '2024-03-31', false],
      ]);
    });

    it('adds the paused days to a month limit', () => {
      // 31 January 2024 + 1 month = 29 February; 5 days paused (1 → 6 February) → 5 March
      const report = pendingAt(plan, [open('m', 'y', '2024-01-31', { pauses: [{ from: '2024-02-01', to: '2024-02-06' }] })], { asOf: '2024-02-10' });
      expect(dueOf(report, 'paused-months')).toEqual([{ id: 'm', tier: 0, dueDate: '2024-03-05', daysRemaining: 24, overdue: false }]);
    });

    it('adds the paused working days to a working-day limit', () => {
      // applied Mon 8 April 2024, paused Wed 10 → Fri 12 (Thu 11 and Fri 12 paused: 2 working days).
      // Without the pause the 5th working day is Mon 15; with it the limit is the day before the
      // (5 + 2 + 1) = 8th working day after 8 April (9, 10, 11, 12, 15, 16, 17, 18): Wed 17 April.
      const paused = open('z1', 'z', '2024-04-08', { pauses: [{ from: '2024-04-10', to: '2024-04-12' }] });
      const report = pendingAt(plan, [paused, open('z2', 'z', '2024-04-08')], { asOf: '2024-04-15' });
      expect(dueOf(report, 'paused-wd')).toEqual([
        { id: 'z2', tier: 0, dueDate: '2024-04-15', daysRemaining: 0, overdue: true },
        { id: 'z1', tier: 0, dueDate: '2024-04-17', daysRemaining: 2, overdue: false },
      ]);
      // and the evaluation agrees: decided Wed 17 April is within, Thu 18 is not
      const decidedOn = (day: string) => [{ id: 'z1', caseType: 'z', applied: '2024-04-08', decided: day, pauses: [{ from: '2024-04-10', to: '2024-04-12' }] }];
      expect(shareTier(evaluate(plan, decidedOn('2024-04-17')), 'paused-wd').within).toBe(1);
      expect(shareTier(evaluate(plan, decidedOn('2024-04-18')), 'paused-wd').within).toBe(0);
    });
  });
});

describe('pendingAt: milestones, filters and order', () => {
  const asylum = [
    // interviewed 20 March: the interview target's clock has stopped (settled)
    open('s1', 'asyl', '2019-03-01', { events: { firstInterview: '2019-03-20' } }),
    // no interview yet: due 1 April + 30 = 1 May
    open('s2', 'asyl', '2019-04-01'),
    // interview on 1 May, after the as-of date: not yet happened; due 31 March
    open('s3', 'asyl', '2019-03-01', { events: { firstInterview: '2019-05-01' } }),
  ];

  it('counts an open case whose milestone has happened as settled, not pending, for the milestone target', () => {
    const report = pendingAt(us2019, asylum, { asOf: '2019-04-15' });
    const interview = report.targets.find((entry) => entry.id === 'asyl-foerste-samtale');
    expect(interview?.settled).toBe(1);
    expect(interview?.tiers[0]).toMatchObject({ pending: 2, overdue: 1 });
    // the mean target still waits for all three decisions
    const mean = report.targets.find((entry) => entry.id === 'asyl-gennemsnit');
    expect(mean?.settled).toBe(0);
    expect(mean?.tiers[0]).toMatchObject({ pending: 3, overdue: 0 });
    expect(report.counts).toMatchObject({ input: 3, pending: 3 });
  });

  it('sorts by due date, mean targets (no due date) last, ties by id', () => {
    const report = pendingAt(us2019, asylum, { asOf: '2019-04-15' });
    expect(report.cases.map((entry) => [entry.id, entry.targetId, entry.dueDate, entry.daysRemaining, entry.overdue])).toEqual([
      ['s3', 'asyl-foerste-samtale', '2019-03-31', -15, true],
      ['s2', 'asyl-foerste-samtale', '2019-05-01', 16, false],
      // mean targets: no due date; ages 45, 14 and 45 days
      ['s1', 'asyl-gennemsnit', null, null, false],
      ['s2', 'asyl-gennemsnit', null, null, false],
      ['s3', 'asyl-gennemsnit', null, null, false],
    ]);
    expect(casesOf(report, 'asyl-gennemsnit').map((entry) => entry.age)).toEqual([45, 14, 45]);
  });

  it('sorts cases of several targets and tiers by due date', () => {
    const report = pendingAt(
      siri2023,
      [open('f', 'fast-track', '2023-06-01'), open('e', 'eu', '2023-06-20'), open('d', 'eu', '2023-06-20'), open('l', 'landbrug', '2023-06-25')],
      { asOf: '2023-06-30' },
    );
    expect(report.cases.map((entry) => `${entry.dueDate} ${entry.id}${entry.tier}`)).toEqual([
      // EU 1 day: 21 June; Fast-track 31 days from 1 June: 2 July; EU 31 days: 21 July; Landbrug: 26 July; EU 92 days: 20 September
      '2023-06-21 d0',
      '2023-06-21 e0',
      '2023-07-02 f0',
      '2023-07-21 d1',
      '2023-07-21 e1',
      '2023-07-26 l0',
      '2023-09-20 d2',
      '2023-09-20 e2',
    ]);
  });

  it('lists only cases with at most withinDays days remaining, overdue ones included', () => {
    const cases = [
      open('a', 'fast-track', '2023-05-01'), // due 1 June: −29
      open('b', 'fast-track', '2023-06-20'), // due 21 July: 21
      open('c', 'fast-track', '2023-06-28'), // due 29 July: 29
      open('d', 'fast-track', '2023-06-25'), // due 26 July: 26
    ];
    const within26 = pendingAt(siri2023, cases, { asOf: '2023-06-30', withinDays: 26 });
    expect(within26.cases.map((entry) => [entry.id, entry.daysRemaining])).toEqual([
      ['a', -29],
      ['b', 21],
      ['d', 26],
    ]);
    // the filter shortens the list, not the counts
    expect(within26.targets.find((entry) => entry.id === 'fast-track')?.tiers[0]).toMatchObject({ pending: 4, overdue: 1 });
    expect(within26.counts.pending).toBe(4);
    expect(pendingAt(siri2023, cases, { asOf: '2023-06-30', withinDays: 0 }).cases.map((entry) => entry.id)).toEqual(['a']);
  });

  it('leaves cases of mean targets (no due date) out of a withinDays list', () => {
    const report = pendingAt(us2019, asylum, { asOf: '2019-04-15', withinDays: 100 });
    expect(report.cases.map((entry) => [entry.id, entry.targetId])).toEqual([
      ['s3', 'asyl-foerste-samtale'],
      ['s2', 'asyl-foerste-samtale'],
    ]);
  });

  it('rejects a withinDays that is not a whole number and an invalid as-of date', () => {
    expect(thrown(() => pendingAt(siri2023, [], { asOf: '2023-06-30', withinDays: 1.5 })).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => pendingAt(siri2023, [], { asOf: '2023-02-29' })).issues[0]?.code).toBe('invalid_date');
  });
});

describe('pendingAt properties', () => {
  it('property "a pending case decided on its due date (no further pause) is within the tier, and one day later is not"', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utcDay(2019, 1, 1), max: utcDay(2024, 12, 31) }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 30 }),
        (applied, age, pauseSeed, days, months, workingDays) => {
          const plan = definePlan({
            id: 'due',
            title: 'Due dates',
            year: 2024,
            calendar: { closingDays: 'state' },
            targets: [
              { id: 'days', label: 'Days', caseTypes: ['x'], subtractPauses: true, tiers: [{ limit: { amount: days, unit: 'days' }, required: 0.9 }] },
              { id: 'months', label: 'Months', caseTypes: ['x'], subtractPauses: true, tiers: [{ limit: { amount: months, unit: 'months' }, required: 0.9 }] },
              {
                id: 'wd',
                label: 'Working days',
                caseTypes: ['x'],
                subtractPauses: true,
                tiers: [{ limit: { amount: workingDays, unit: 'workingDays' }, required: 0.9 }],
              },
            ],
          });
          const appliedIso = isoFromUtcDay(applied);
          const asOf = applied + age;
          // a pause that has ended by the as-of date: applied ≤ from ≤ to ≤ asOf
          const from = pauseSeed === null ? null : applied + (pauseSeed[0] % (age + 1));
          const to = pauseSeed === null || from === null ? null : from + (pauseSeed[1] % (asOf - from + 1));
          const pauses = from === null || to === null ? {} : { pauses: [{ from: isoOf(from), to: isoOf(to) }] };
          const report = pendingAt(plan, [open('c', 'x', appliedIso, pauses)], { asOf: isoFromUtcDay(asOf) });
          expect(report.cases).toHaveLength(3);
          for (const entry of report.cases) {
            const due = dayOf(entry.dueDate as string);
            expect(entry.daysRemaining).toBe(due - asOf);
            expect(entry.overdue).toBe(due - asOf <= 0);
            if (to !== null && due < to) {
              // the limit had passed before the pause began: a decision after it can only miss
              expect(entry.overdue).toBe(true);
              continue;
            }
            const decidedOn = (day: number) => [{ id: 'c', caseType: 'x', applied: appliedIso, decided: isoOf(day), ...pauses }];
            const period = { from: appliedIso, to: '2026-12-31' };
            expect(shareTier(evaluate(plan, decidedOn(due), { period }), entry.targetId).within).toBe(1);
            expect(shareTier(evaluate(plan, decidedOn(due + 1), { period }), entry.targetId).within).toBe(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
