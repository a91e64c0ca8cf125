/**
 * Addenda (allonger) that add and retire targets mid-year, and targets measured in a sub-period of
 * the plan. Expected values are worked out by hand from the case dates.
 */
import { describe, expect, it } from 'vitest';
import { thrown, evaluate, shareTier, target } from './helpers.js';
import {
  definePlan,
  type Issue,
  type PlanInput,
  type PlanReport,
} from '../src/index.js';

/** id → [measured, within, pending] of each target. */
const summary = (report: PlanReport) =>
  Object.fromEntries(report.targets.map((t) => [t.id, [t.measured, t.tiers[0]?.kind === 'share' ? t.tiers[0].within : null, t.pending]]));

const days = (amount: number) => ({ amount, unit: 'days' as const });

/**
 * Visa cases at most 30 days for 80 %; from 1 July 2023 an addendum replaces the target by a
 * 20-day one, and from 1 October another adds a target for a new scheme.
 */
const VISA_2023 = {
  id: 'visa-2023',
  title: 'Visa 2023',
  year: 2023,
  targets: [
    { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: days(30), required: 0.8 }] },
    { id: 'studie', label: 'Studie', caseTypes: ['studie'], tiers: [{ limit: days(60), required: 0.9 }] },
  ],
  addenda: [
    {
      id: 'allonge-1',
      label: 'Allonge 1: kortere frist for visum',
      effective: '2023-07-01',
      retire: ['visa'],
      add: [{ id: 'visa-20', label: 'Visa, 20 dage', caseTypes: ['visa'], tiers: [{ limit: days(20), required: 0.8 }] }],
    },
    {
      id: 'allonge-2',
      effective: '2023-10-01',
      add: [{ id: 'ny-ordning', label: 'Ny ordning', caseTypes: ['ny-ordning'], tiers: [{ limit: days(31), required: 0.85 }] }],
    },
  ],
} satisfies PlanInput;

const byDecision = definePlan(VISA_2023);
const byApplication = definePlan({ ...VISA_2023, addenda: VISA_2023.addenda.map((addendum) => ({ ...addendum, by: 'applied' as const })) });

const decided = (id: string, caseType: string, applied: string, decidedOn: string) => ({ id, caseType, applied, decided: decidedOn });
const CASES = [
  decided('v-june', 'visa', '2023-06-01', '2023-06-30'), // 29 days
  decided('v-june-late', 'visa', '2023-05-01', '2023-06-15'), // 45 days
  decided('v-boundary', 'visa', '2023-06-10', '2023-07-01'), // 21 days, decided on the addendum's day
  decided('v-july', 'visa', '2023-07-10', '2023-07-25'), // 15 days
  decided('v-applied-boundary', 'visa', '2023-07-01', '2023-07-22'), // 21 days, applied on the addendum's day
  decided('n-sept', 'ny-ordning', '2023-09-01', '2023-09-30'), // 29 days, before the new target
  decided('n-oct', 'ny-ordning', '2023-09-15', '2023-10-01'), // 16 days, decided on its first day
  decided('n-applied-boundary', 'ny-ordning', '2023-10-01', '2023-10-20'), // 19 days
  { id: 'n-open', caseType: 'ny-ordning', applied: '2023-11-01' },
  { id: 'v-open', caseType: 'visa', applied: '2023-06-20' },
  decided('l', 'loenarbejde', '2023-03-01', '2023-03-10'), // no target covers it
];

describe('the normalised plan', () => {
  it('lists addendum targets in targets, with their effective dates', () => {
    expect(byDecision.targets.map((t) => [t.id, t.effective])).toEqual([
      ['visa', { from: null, until: '2023-07-01', by: 'decided' }],
      ['studie', { from: null, until: null, by: 'decided' }],
      ['visa-20', { from: '2023-07-01', until: null, by: 'decided' }],
      ['ny-ordning', { from: '2023-10-01', until: null, by: 'decided' }],
    ]);
    expect(byDecision.addenda).toEqual([
      { id: 'allonge-1', label: 'Allonge 1: kortere frist for visum', effective: '2023-07-01', by: 'decided', adds: ['visa-20'], retires: ['visa'], source: null },
      { id: 'allonge-2', label: 'allonge-2', effective: '2023-10-01', by: 'decided', adds: ['ny-ordning'], retires: [], source: null },
    ]);
    expect(byApplication.targets.map((t) => t.effective.by)).toEqual(['applied', 'decided', 'applied', 'applied']);
  });

  it('is accepted again by definePlan unchanged, also after a JSON round trip', () => {
    for (const plan of [byDecision, byApplication]) {
      expect(definePlan(plan)).toEqual(plan);
      expect(definePlan(JSON.parse(JSON.stringify(plan)) as PlanInput)).toEqual(plan);
    }
  });

  it('round-trips a target that one addendum adds and a later one retires', () => {
    const plan = definePlan({
      ...VISA_2023,
      addenda: [...VISA_2023.addenda, { id: 'allonge-3', effective: '2023-12-01', retire: ['ny-ordning'] }],
    });
    expect(plan.targets.find((t) => t.id === 'ny-ordning')?.effective).toEqual({ from: '2023-10-01', until: '2023-12-01', by: 'decided' });
    expect(definePlan(plan)).toEqual(plan);
    const copy = definePlan(JSON.parse(JSON.stringify(plan)) as PlanInput);
    expect(copy).toEqual(plan);
    // and evaluates the same
    expect(evaluate(copy, CASES)).toEqual(evaluate(plan, CASES));
  });

  it('reports the addenda and each target’s effective dates', () => {
    const report = evaluate(byDecision, CASES);
    expect(report.addenda).toEqual(byDecision.addenda);
    expect(target(report, 'visa-20').effective).toEqual({ from: '2023-07-01', until: null, by: 'decided' });
  });
});

describe('which version of a target measures a case', () => {
  it('goes by the decision date by default', () => {
    const report = evaluate(byDecision, CASES);
    // measured: the five visa cases and n-oct, n-applied-boundary; n-sept is decided before
    // ny-ordning applies; n-open and v-open are pending; loenarbejde has no target
    expect(report.counts).toEqual({ input: 11, measured: 7, pending: 2, outOfPeriod: 1, withoutTarget: 1, invalid: 0 });
    expect(report.withoutTarget).toEqual({ loenarbejde: 1 });
    expect(summary(report)).toEqual({
      // v-june (29 ≤ 30) within, v-june-late (45) not
      visa: [2, 1, 0],
      studie: [0, 0, 0],
      // v-boundary (21 > 20), v-july (15) within, v-applied-boundary (21); v-open is pending at year end
      'visa-20': [3, 1, 1],
      // n-oct (16) and n-applied-boundary (19) within 31; n-open pending
      'ny-ordning': [2, 2, 1],
    });
    expect(shareTier(report, 'visa')).toMatchObject({ share: 0.5, met: false });
  });

  it('goes by the application date with by: "applied"', () => {
    const report = evaluate(byApplication, CASES);
    // n-oct was applied for before 1 October: the new target does not apply to it either
    expect(report.counts).toEqual({ input: 11, measured: 6, pending: 2, outOfPeriod: 2, withoutTarget: 1, invalid: 0 });
    expect(summary(report)).toEqual({
      // v-june (29), v-june-late (45), v-boundary (applied 10 June, 21 ≤ 30); v-open applied in June
      visa: [3, 2, 1],
      studie: [0, 0, 0],
      // v-july (15) within, v-applied-boundary (21) not
      'visa-20': [2, 1, 0],
      // n-applied-boundary (19); n-open applied 1 November
      'ny-ordning': [1, 1, 1],
    });
  });

  it('measures a case decided on the effective day by the new version only', () => {
    const boundary = [decided('b', 'visa', '2023-06-30', '2023-07-01')]; // 1 day
    expect(summary(evaluate(byDecision, boundary))).toMatchObject({ visa: [0, 0, 0], 'visa-20': [1, 1, 0] });
    // by application date, applied the day before: the old version
    expect(summary(evaluate(byApplication, boundary))).toMatchObject({ visa: [1, 1, 0], 'visa-20': [0, 0, 0] });
  });

  it('counts a case decided while no version of its target applies as out of period, not without target', () => {
    const plan = definePlan({
      id: 'retire-only',
      title: 'Retire only',
      year: 2023,
      targets: [{ id: 'studie', label: 'Studie', caseTypes: ['studie'], tiers: [{ limit: days(60), required: 0.9 }] }],
      addenda: [{ id: 'a', effective: '2023-04-01', retire: ['studie'] }],
    });
    const report = evaluate(plan, [
      decided('march', 'studie', '2023-03-01', '2023-03-31'),
      decided('april', 'studie', '2023-03-01', '2023-04-01'),
      { id: 'open', caseType: 'studie', applied: '2023-03-15' },
      decided('other', 'visa', '2023-03-01', '2023-03-02'),
    ]);
    // the open case is still pending at the end of the period
    expect(report.counts).toEqual({ input: 4, measured: 1, pending: 1, outOfPeriod: 1, withoutTarget: 1, invalid: 0 });
    // the retired target no longer has pending cases at the end of the year
    expect(summary(report)).toEqual({ studie: [1, 1, 0] });
  });

  it('evaluates a quarter by the same rules', () => {
    // Q3: v-boundary, v-july, v-applied-boundary are measured by visa-20. Pending on 30 September:
    // v-open (visa-20 would measure it) and n-oct (decided 1 October, when ny-ordning applies).
    // Out of period: v-june, v-june-late (decided in June), n-sept (decided in Q3 before
    // ny-ordning applies), n-applied-boundary and n-open (applied after Q3).
    const report = evaluate(byDecision, CASES, { period: '2023-Q3' });
    expect(summary(report)).toMatchObject({ visa: [0, 0, 0], 'visa-20': [3, 1, 1], 'ny-ordning': [0, 0, 1] });
    expect(report.counts).toEqual({ input: 11, measured: 3, pending: 2, outOfPeriod: 5, withoutTarget: 1, invalid: 0 });
  });
});

describe('group scoring with targets that do not apply in the window', () => {
  const grouped = definePlan({
    ...VISA_2023,
    groups: [{ id: 'g', label: 'Visa', weight: 10, targets: ['visa', 'visa-20', 'studie', 'ny-ordning'] }],
  });

  it('marks a target retired before the window, or added after it, as not applying', () => {
    const q4 = evaluate(grouped, CASES, { period: '2023-Q4' });
    // visa is retired from 1 July (by decision date): nothing of it applies in Q4
    expect(target(q4, 'visa').applies).toBe(false);
    expect(target(q4, 'visa-20').applies).toBe(true);
    const q1 = evaluate(grouped, CASES, { period: '2023-Q1' });
    // visa-20 and ny-ordning only start in July and October
    expect([target(q1, 'visa-20').applies, target(q1, 'ny-ordning').applies]).toEqual([false, false]);
  });

  it('scores only the targets that apply, so a retired target does not leave the group unscored', () => {
    // Q4 with two more cases: s (studie, 19 days ≤ 60) and v (visa, 9 days ≤ 20, measured by
    // visa-20); ny-ordning measures n-oct (16 days) and n-applied-boundary (19 days), both ≤ 31.
    const q4 = evaluate(grouped, [...CASES, decided('s', 'studie', '2023-10-01', '2023-10-20'), decided('v', 'visa', '2023-10-01', '2023-10-10')], {
      period: '2023-Q4',
      groupScoring: { g: 'all-met' },
    });
    // visa does not apply in Q4 and is left out; visa-20 (9 days ≤ 20), studie (19 ≤ 60) and
    // ny-ordning are all met: the whole weight
    expect(q4.groups[0]).toMatchObject({ scoring: 'rule', points: 10 });
  });

  it('leaves a group unscored (no-cases) when none of its targets applies', () => {
    const only = definePlan({ ...VISA_2023, groups: [{ id: 'g', label: 'Visa', weight: 10, targets: ['visa'] }] });
    const q4 = evaluate(only, CASES, { period: '2023-Q4', groupScoring: { g: 'all-met' } });
    expect(q4.groups[0]?.points).toBeNull();
    expect(q4.points.unscored).toEqual([{ id: 'g', kind: 'group', weight: 10, reason: 'no-cases' }]);
  });
});

describe('invalid addenda (invalid_plan with a path)', () => {
  const planWith = (addenda: unknown[]): unknown => ({ ...VISA_2023, addenda });
  const extra = { id: 'x', label: 'X', caseTypes: ['x'], tiers: [{ limit: days(10), required: 0.5 }] };

  /** The issues definePlan reports; every one is coded invalid_plan. */
  function issues(input: unknown): readonly Issue[] {
    const error = thrown(() => definePlan(input as PlanInput));
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(issue.code).toBe('invalid_plan');
    return error.issues;
  }

  it('rejects retiring an unknown target', () => {
    const found = issues(planWith([{ id: 'a', effective: '2023-07-01', retire: ['visum'] }]));
    expect(found.map((issue) => issue.path)).toEqual([['addenda', 0, 'retire', 0]]);
    expect(found[0]?.message).toContain('"visum"');
    expect(found[0]?.message).toContain('"a"');
  });

  it('rejects retiring a target before (or on the day) it takes effect', () => {
    const before = issues(
      planWith([
        { id: 'a', effective: '2023-10-01', add: [extra] },
        { id: 'b', effective: '2023-07-01', retire: ['x'] },
      ]),
    );
    expect(before.map((issue) => issue.path)).toEqual([['addenda', 1, 'retire', 0]]);
    expect(before[0]?.message).toContain('before it takes effect');
    const sameDay = issues(
      planWith([
        { id: 'a', effective: '2023-10-01', add: [extra] },
        { id: 'b', effective: '2023-10-01', retire: ['x'] },
      ]),
    );
    expect(sameDay.map((issue) => issue.path)).toEqual([['addenda', 1, 'retire', 0]]);
  });

  it('rejects retiring by another date than the target was added by', () => {
    const found = issues(
      planWith([
        { id: 'a', effective: '2023-07-01', by: 'applied', add: [extra] },
        { id: 'b', effective: '2023-10-01', retire: ['x'] },
      ]),
    );
    expect(found.map((issue) => issue.path)).toEqual([['addenda', 1, 'by']]);
    // the same dates both ways are fine
    const fine = definePlan(
      planWith([
        { id: 'a', effective: '2023-07-01', by: 'applied', add: [extra] },
        { id: 'b', effective: '2023-10-01', by: 'applied', retire: ['x'] },
      ]) as PlanInput,
    );
    expect(fine.targets.find((t) => t.id === 'x')?.effective).toEqual({ from: '2023-07-01', until: '2023-10-01', by: 'applied' });
  });

  it('rejects a malformed effective date and a bad target in add, with their paths', () => {
    expect(issues(planWith([{ id: 'a', effective: '1 July 2023', add: [extra] }])).map((issue) => issue.path)).toEqual([
      ['addenda', 0, 'effective'],
    ]);
    const badTier = { ...extra, tiers: [{ limit: days(10), required: 1.5 }] };
    expect(issues(planWith([{ id: 'a', effective: '2023-07-01', add: [badTier] }])).map((issue) => issue.path)).toEqual([
      ['addenda', 0, 'add', 0, 'tiers', 0, 'required'],
    ]);
  });

  it('rejects an impossible effective date when the plan is defined', () => {
    // 30 February passes the YYYY-MM-DD pattern but is no date
    const found = issues(planWith([{ id: 'a', effective: '2023-02-30', add: [extra] }]));
    expect(found.map((issue) => issue.path)).toContainEqual(['addenda', 0, 'effective']);
  });

  it('rejects an added target whose id the plan already uses, pointing at the addendum', () => {
    const found = issues(planWith([{ id: 'a', effective: '2023-07-01', add: [{ ...extra, id: 'studie' }] }]));
    expect(found.map((issue) => issue.path)).toEqual([['addenda', 0, 'add', 0, 'id']]);
    expect(found[0]?.message).toContain('"studie"');
  });
});

describe('a target measured in a sub-period (period: "2023-Q4")', () => {
  const plan = definePlan({
    id: 'q4-2023',
    title: 'Q4 2023',
    year: 2023,
    targets: [
      { id: 'ny', label: 'Ny ordning, 4. kvartal', caseTypes: ['ny'], period: '2023-Q4', tiers: [{ limit: days(20), required: 0.5 }] },
      { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: days(30), required: 0.8 }] },
    ],
  });
  const cases = [
    decided('a', 'ny', '2023-09-01', '2023-09-30'), // Q3: not measured
    decided('b', 'ny', '2023-09-20', '2023-10-01'), // 11 days, first day of Q4
    decided('c', 'ny', '2023-12-01', '2023-12-31'), // 30 days, last day of Q4
    { id: 'd', caseType: 'ny', applied: '2023-12-15' }, // pending at the end of Q4
    decided('e', 'visa', '2023-09-01', '2023-09-30'), // 29 days, the whole-year target
  ];

  it('measures only cases decided in the sub-period', () => {
    const report = evaluate(plan, cases);
    expect(report.counts).toEqual({ input: 5, measured: 3, pending: 1, outOfPeriod: 1, withoutTarget: 0, invalid: 0 });
    expect(target(report, 'ny')).toMatchObject({ period: { from: '2023-10-01', to: '2023-12-31' }, measured: 2, pending: 1 });
    // b within 20 days, c not: 1 of 2 meets 50 %
    expect(shareTier(report, 'ny')).toMatchObject({ measured: 2, within: 1, share: 0.5, met: true });
    expect(target(report, 'visa')).toMatchObject({ period: null, measured: 1 });
  });

  it('reports the window each target measures, and whether it applies at all', () => {
    const q3 = evaluate(plan, cases, { period: '2023-Q3' });
    // ny measures Q4 only: nothing of it lies in Q3
    expect(target(q3, 'ny')).toMatchObject({ window: null, applies: false });
    expect(target(q3, 'visa')).toMatchObject({ window: { from: '2023-07-01', to: '2023-09-30' }, applies: true });
    const straddling = evaluate(plan, cases, { period: { from: '2023-09-15', to: '2023-10-15' } });
    expect(target(straddling, 'ny')).toMatchObject({ window: { from: '2023-10-01', to: '2023-10-15' }, applies: true });
  });

  it('cuts the sub-period to the evaluation period', () => {
    const q3 = evaluate(plan, cases, { period: '2023-Q3' });
    expect(shareTier(q3, 'ny')).toMatchObject({ measured: 0, share: null, met: null });
    // a is decided in Q3 but its target does not measure Q3; b is pending on 30 September;
    // c and d were applied for after Q3; e is measured by visa
    expect(q3.counts).toMatchObject({ measured: 1, pending: 1, outOfPeriod: 3 });

    const straddling = evaluate(plan, cases, { period: { from: '2023-09-15', to: '2023-10-15' } });
    // only b (1 October) for ny; e (30 September) for visa; a, c and d are outside
    expect(shareTier(straddling, 'ny')).toMatchObject({ measured: 1, within: 1 });
    expect(straddling.counts).toMatchObject({ measured: 2, pending: 0, outOfPeriod: 3 });
  });

  it('rejects a sub-period that is no period', () => {
    const error = thrown(() =>
      definePlan({
        id: 'bad',
        title: 'Bad',
        year: 2023,
        targets: [{ id: 'ny', label: 'Ny', caseTypes: ['ny'], period: '2023-Q5', tiers: [{ limit: days(20), required: 0.5 }] }],
      }),
    );
    expect(error.issues.map(({ code, path }) => [code, path])).toEqual([['invalid_plan', ['targets', 0, 'period']]]);
  });
});
