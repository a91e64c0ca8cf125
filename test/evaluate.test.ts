import { describe, expect, it } from 'vitest';
import { thrown, evaluate, meanTier, reconciled, shareTier, target } from './helpers.js';
import {
  aggregateCases,
  definePlan,
  evaluatePlan,
  getPlan,
  mergeAggregates,
  registerCaseTypes,
  reportFromAggregate,
} from '../src/index.js';


/** A decided case. */
const decided = (id: string, caseType: string, applied: string, decidedOn: string) => ({ id, caseType, applied, decided: decidedOn });

/** `count` cases of a type, applied on `applied` and decided on `decidedOn`. */
const many = (prefix: string, count: number, caseType: string, applied: string, decidedOn: string) =>
  Array.from({ length: count }, (_, i) => decided(`${prefix}${i}`, caseType, applied, decidedOn));

const siri2020 = getPlan('siri-2020');
const siri2023 = getPlan('siri-2023');
const siri2024 = getPlan('siri-2024');
const us2019 = getPlan('us-2019');

/** A one-target plan with a limit in days. */
const dayPlan = (amount: number, required: number) =>
  definePlan({
    id: 'test',
    title: 'Test plan',
    year: 2023,
    targets: [{ id: 'x', label: 'X', caseTypes: ['x'], tiers: [{ limit: { amount, unit: 'days' }, required }] }],
  });

describe('convention 2 and 3: elapsed days within N days', () => {
  it('counts a same-day decision as 0 days, within even a 0-day limit', () => {
    const plan = dayPlan(0, 1);
    const sameDay = evaluate(plan, [decided('a', 'x', '2023-05-10', '2023-05-10')]);
    expect(shareTier(sameDay, 'x')).toMatchObject({ measured: 1, within: 1, share: 1, met: true });

    const both = evaluate(plan, [decided('a', 'x', '2023-05-10', '2023-05-10'), decided('b', 'x', '2023-05-10', '2023-05-11')]);
    expect(shareTier(both, 'x')).toMatchObject({ measured: 2, within: 1, share: 0.5, met: false });
  });

  it('counts 31 days as within a 31-day limit and 32 days as not', () => {
    // 1 January + 31 days = 1 February; siri-2023 Fast-track is 85 % within 31 days
    const within = evaluate(siri2023, [decided('a', 'fast-track', '2023-01-01', '2023-02-01')]);
    expect(shareTier(within, 'fast-track')).toMatchObject({ measured: 1, within: 1, met: true });

    const late = evaluate(siri2023, [decided('b', 'fast-track', '2023-01-01', '2023-02-02')]);
    expect(shareTier(late, 'fast-track')).toMatchObject({ measured: 1, within: 0, share: 0, met: false });
  });

  it('reads "0–1 day" as at most 1 elapsed day: next day within, two days not', () => {
    // siri-2020 EU tier 1: 75 % afgjort inden 0-1 dag
    const nextDay = evaluate(siri2020, [decided('a', 'eu', '2020-03-10', '2020-03-11')]);
    expect(shareTier(nextDay, 'eu', 0)).toMatchObject({ limit: { amount: 1, unit: 'days' }, within: 1, met: true });

    const twoDays = evaluate(siri2020, [decided('b', 'eu', '2020-03-10', '2020-03-12')]);
    expect(shareTier(twoDays, 'eu', 0)).toMatchObject({ within: 0, met: false });
    expect(shareTier(twoDays, 'eu', 1)).toMatchObject({ limit: { amount: 31, unit: 'days' }, within: 1, met: true });
  });

  it('counts leap days', () => {
    // 1 February + 29 days is 1 March in 2024, 2 March in 2023
    const plan = dayPlan(29, 1);
    const leap = evaluate(plan, [decided('a', 'x', '2024-02-01', '2024-03-01')], { period: '2024' });
    expect(shareTier(leap, 'x').within).toBe(1);
    const common = evaluate(plan, [decided('a', 'x', '2023-02-01', '2023-03-01')]);
    expect(shareTier(common, 'x').within).toBe(1);
    const commonLate = evaluate(plan, [decided('a', 'x', '2023-02-01', '2023-03-03')]);
    expect(shareTier(commonLate, 'x').within).toBe(0);
  });
});

describe('convention 1: timestamps in case records', () => {
  it('counts 2024-03-30T23:30Z → 2024-04-01T21:30Z as 1 day (31 March → 1 April in Copenhagen)', () => {
    // siri-2024 EU: 70 % within 1 day. In UTC dates it would be 2 days and not within.
    const report = evaluate(siri2024, [
      { id: 'a', caseType: 'eu', applied: '2024-03-30T23:30:00Z', decided: '2024-04-01T21:30:00Z' },
    ]);
    expect(shareTier(report, 'eu')).toMatchObject({ measured: 1, within: 1, met: true });
  });

  it('places a late-evening UTC decision in the next Copenhagen day, and period', () => {
    // 2023-06-30T22:30Z is 00:30 on 1 July in Copenhagen: decided in Q3, not Q2
    const cases = [{ id: 'a', caseType: 'fast-track', applied: '2023-06-01', decided: '2023-06-30T22:30:00Z' }];
    const q2 = evaluate(siri2023, cases, { period: '2023-Q2' });
    expect(q2.counts).toMatchObject({ measured: 0, pending: 1 });
    const q3 = evaluate(siri2023, cases, { period: '2023-Q3' });
    expect(q3.counts).toMatchObject({ measured: 1, pending: 0 });
  });

  it('accepts Date objects as instants', () => {
    const report = evaluate(siri2023, [
      { id: 'a', caseType: 'eu', applied: new Date('2023-03-01'), decided: new Date('2023-03-01T23:30:00Z') },
      { id: 'b', caseType: 'eu', applied: new Date('2023-03-01T12:00:00+01:00'), decided: new Date('2023-03-02T12:00:00+01:00') },
    ]);
    // both are 1 March → 2 March: 1 day
    expect(shareTier(report, 'eu', 0)).toMatchObject({ measured: 2, within: 2 });
  });
});

describe('convention 4: within N months', () => {
  // us-2019 asylum extension: at most 7 months in 90 % of the cases
  const period = { from: '2023-01-01', to: '2025-12-31' };

  it('is within on the clamped end date and not the day after', () => {
    const onEnd = evaluate(
      us2019,
      [decided('a', 'asyl-forlaengelse', '2024-07-31', '2025-02-28'), decided('b', 'asyl-forlaengelse', '2023-07-31', '2024-02-29')],
      { period },
    );
    expect(shareTier(onEnd, 'asyl-forlaengelse')).toMatchObject({
      limit: { amount: 7, unit: 'months' },
      measured: 2,
      within: 2,
      share: 1,
      met: true,
    });

    const dayAfter = evaluate(
      us2019,
      [decided('c', 'asyl-forlaengelse', '2024-07-31', '2025-03-01'), decided('d', 'asyl-forlaengelse', '2023-07-31', '2024-03-01')],
      { period },
    );
    expect(shareTier(dayAfter, 'asyl-forlaengelse')).toMatchObject({ measured: 2, within: 0, share: 0, met: false });
  });

  it('counts family reunification within 10 months', () => {
    // 2019-01-15 + 10 months = 2019-11-15
    const report = evaluate(us2019, [
      decided('a', 'familiesammenfoering', '2019-01-15', '2019-11-15'),
      decided('b', 'familiesammenfoering', '2019-01-15', '2019-11-16'),
    ]);
    expect(shareTier(report, 'familiesammenfoering')).toMatchObject({ measured: 2, within: 1, share: 0.5, met: false });
  });
});

describe('convention 6: periods', () => {
  // siri-2023 Fast-track over 2023-Q3 (1 July – 30 September)
  const cases = [
    decided('first-day', 'fast-track', '2023-06-20', '2023-07-01'),
    decided('last-day', 'fast-track', '2023-09-01', '2023-09-30'),
    decided('day-after', 'fast-track', '2023-09-01', '2023-10-01'),
    { id: 'open-applied-last-day', caseType: 'fast-track', applied: '2023-09-30' },
    { id: 'open-old', caseType: 'fast-track', applied: '2023-01-10', decided: null },
    decided('before', 'fast-track', '2023-05-01', '2023-06-30'),
    decided('applied-after', 'fast-track', '2023-10-01', '2023-10-02'),
    { id: 'open-applied-after', caseType: 'fast-track', applied: '2023-10-01' },
  ];

  it('measures cases decided on the first and last day, keeps later decisions pending', () => {
    const report = evaluate(siri2023, cases, { period: '2023-Q3' });
    expect(report.period).toEqual({ from: '2023-07-01', to: '2023-09-30', label: '2023-Q3' });
    expect(report.counts).toEqual({ input: 8, measured: 2, pending: 3, outOfPeriod: 3, withoutTarget: 0, invalid: 0 });
    expect(target(report, 'fast-track')).toMatchObject({ measured: 2, pending: 3 });
  });

  it('uses the plan year when no period is given', () => {
    const report = evaluate(siri2023, cases);
    expect(report.period).toEqual({ from: '2023-01-01', to: '2023-12-31', label: '2023' });
    // everything is decided in 2023 except the three open cases
    expect(report.counts).toEqual({ input: 8, measured: 5, pending: 3, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
  });

  it('accepts explicit bounds and rejects a bad period', () => {
    const report = evaluate(siri2023, cases, { period: { from: '2023-09-30', to: '2023-10-01' } });
    // last-day and day-after are decided in it; the ones applied 1 October are decided 2 October or open
    expect(report.counts).toMatchObject({ measured: 2, pending: 4, outOfPeriod: 2 });
    expect(thrown(() => evaluatePlan(siri2023, cases, { period: '2023-Q5' })).issues[0]?.code).toBe('invalid_period');
  });
});

describe('convention 7: share and exact comparison', () => {
  it('needs 6 of 7 cases for 85 %', () => {
    // siri-2023 Fast-track: 85 % within 31 days. 6/7 ≈ 0.857, 5/7 ≈ 0.714
    const six = evaluate(siri2023, [
      ...many('in', 6, 'fast-track', '2023-03-01', '2023-03-20'),
      decided('late', 'fast-track', '2023-03-01', '2023-05-01'),
    ]);
    expect(shareTier(six, 'fast-track')).toMatchObject({ measured: 7, within: 6, needed: 6, share: 6 / 7, met: true });
    expect(target(six, 'fast-track').met).toBe(true);

    const five = evaluate(siri2023, [
      ...many('in', 5, 'fast-track', '2023-03-01', '2023-03-20'),
      ...many('late', 2, 'fast-track', '2023-03-01', '2023-05-01'),
    ]);
    expect(shareTier(five, 'fast-track')).toMatchObject({ measured: 7, within: 5, needed: 6, met: false });
    expect(target(five, 'fast-track').met).toBe(false);
  });

  it('meets 55 % with 55 of 100 although 0.55 * 100 is 55.00000000000001', () => {
    // siri-2023 Beløbsordningen: 55 % within 31 days and 75 % within 92 days; 40 days is within 92 only
    const report = evaluate(siri2023, [
      ...many('in', 55, 'beloebsordning', '2023-03-01', '2023-03-20'),
      ...many('late', 45, 'beloebsordning', '2023-03-01', '2023-04-10'),
    ]);
    expect(shareTier(report, 'beloebsordning', 0)).toMatchObject({ required: 0.55, measured: 100, within: 55, needed: 55, met: true });
    expect(shareTier(report, 'beloebsordning', 1)).toMatchObject({ required: 0.75, within: 100, met: true });

    const short = evaluate(siri2023, [
      ...many('in', 54, 'beloebsordning', '2023-03-01', '2023-03-20'),
      ...many('late', 46, 'beloebsordning', '2023-03-01', '2023-04-10'),
    ]);
    expect(shareTier(short, 'beloebsordning', 0)).toMatchObject({ within: 54, needed: 55, met: false });
  });

  it('meets 57 % with 57 of 100 and not with 56 (0.57 * 100 is 56.99999999999999)', () => {
    const plan = dayPlan(10, 0.57);
    const met = evaluate(plan, [...many('in', 57, 'x', '2023-03-01', '2023-03-02'), ...many('out', 43, 'x', '2023-03-01', '2023-04-02')]);
    expect(shareTier(met, 'x')).toMatchObject({ within: 57, needed: 57, met: true });
    const notMet = evaluate(plan, [...many('in', 56, 'x', '2023-03-01', '2023-03-02'), ...many('out', 44, 'x', '2023-03-01', '2023-04-02')]);
    expect(shareTier(notMet, 'x')).toMatchObject({ within: 56, needed: 57, met: false });
  });

  it('gives share, met, needed and points null for an empty population, never 100 %', () => {
    const report = evaluate(siri2020, []);
    expect(report.counts).toEqual({ input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 0, within: 0, share: null, needed: null, met: null, weight: 7, points: null });
    expect(target(report, 'fast-track')).toMatchObject({ met: null, points: null });
    expect(report.points.earned).toBeNull();
    expect(report.points.possible).toBeNull();
    expect(report.points.unscored).toEqual([
      { id: '1.4-erhverv', kind: 'group', weight: 35, reason: 'no-cases' },
      { id: '1.4-studie', kind: 'group', weight: 15, reason: 'no-cases' },
      { id: '1.4-eu', kind: 'group', weight: 20, reason: 'no-cases' },
    ]);
  });

  it('leaves a target without cases at null while others are measured', () => {
    const report = evaluate(siri2023, [decided('a', 'fast-track', '2023-03-01', '2023-03-02')]);
    expect(shareTier(report, 'fast-track')).toMatchObject({ share: 1, met: true });
    expect(shareTier(report, 'studie')).toMatchObject({ measured: 0, share: null, met: null });
  });
});

describe('convention 7: mean targets', () => {
  // us-2019 asyl-gennemsnit: mean processing time at most 120 days.
  // From 2019-01-01: 100 days is 2019-04-11, 140 days is 2019-05-21, 141 days is 2019-05-22.
  it('is met when the mean is exactly 120', () => {
    const report = evaluate(us2019, [decided('a', 'asyl', '2019-01-01', '2019-04-11'), decided('b', 'asyl', '2019-01-01', '2019-05-21')]);
    expect(meanTier(report, 'asyl-gennemsnit')).toMatchObject({ measured: 2, mean: 120, met: true, required: null });
    expect(target(report, 'asyl-gennemsnit').met).toBe(true);
  });

  it('is not met when the mean is 120.5', () => {
    const report = evaluate(us2019, [decided('a', 'asyl', '2019-01-01', '2019-04-11'), decided('b', 'asyl', '2019-01-01', '2019-05-22')]);
    expect(meanTier(report, 'asyl-gennemsnit')).toMatchObject({ measured: 2, mean: 120.5, met: false });
  });

  it('is null without cases', () => {
    const report = evaluate(us2019, []);
    expect(meanTier(report, 'asyl-gennemsnit')).toMatchObject({ measured: 0, mean: null, met: null, points: null });
  });

  it('accepts a user-defined mean target', () => {
    const plan = definePlan({
      id: 'mean',
      title: 'Mean',
      year: 2023,
      targets: [{ id: 'm', label: 'M', caseTypes: ['m'], aggregate: 'mean', tiers: [{ limit: { amount: 10, unit: 'days' }, weight: 4 }] }],
    });
    // 0 + 10 + 21 days = 31, mean 10⅓ > 10
    const report = evaluate(plan, [
      decided('a', 'm', '2023-03-01', '2023-03-01'),
      decided('b', 'm', '2023-03-01', '2023-03-11'),
      decided('c', 'm', '2023-03-01', '2023-03-22'),
    ]);
    expect(meanTier(report, 'm')).toMatchObject({ mean: 31 / 3, met: false, weight: 4, points: 0 });
    expect(report.points).toEqual({ earned: 0, possible: 4, unscored: [] });
  });
});

describe('convention 8: cases without a target', () => {
  it('counts case types no target covers, by case type', () => {
    // siri-2023 has no target for Lønarbejde
    const report = evaluate(siri2023, [
      decided('a', 'loenarbejde', '2023-03-01', '2023-03-02'),
      { id: 'b', caseType: 'loenarbejde', applied: '2023-03-01' },
      decided('c', 'visa', '2023-03-01', '2023-03-02'),
      decided('d', 'fast-track', '2023-03-01', '2023-03-02'),
    ]);
    expect(report.counts).toEqual({ input: 4, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 3, invalid: 0 });
    expect(report.withoutTarget).toEqual({ loenarbejde: 2, visa: 1 });
  });

  it('counts a registered business case type in the siri-2024 whole-area target', () => {
    const cases = [decided('n', 'ny-ordning', '2024-03-01', '2024-03-15'), decided('f', 'fast-track', '2024-03-01', '2024-05-01')];

    const unregistered = evaluate(siri2024, cases);
    expect(unregistered.counts).toMatchObject({ measured: 1, withoutTarget: 1 });
    expect(unregistered.withoutTarget).toEqual({ 'ny-ordning': 1 });
    expect(shareTier(unregistered, 'erhverv')).toMatchObject({ measured: 1, within: 0 });

    const caseTypes = registerCaseTypes({ 'ny-ordning': 'erhverv' });
    const registered = evaluate(siri2024, cases, { caseTypes });
    expect(registered.counts).toMatchObject({ measured: 2, withoutTarget: 0 });
    expect(registered.withoutTarget).toEqual({});
    // the new scheme (14 days) and Fast-track (61 days) in the whole area; Fast-track alone in its own target
    expect(shareTier(registered, 'erhverv')).toMatchObject({ measured: 2, within: 1, share: 0.5 });
    expect(shareTier(registered, 'fast-track')).toMatchObject({ measured: 1, within: 0 });
    expect(target(registered, 'erhverv').caseTypes).toContain('ny-ordning');
    expect(target(registered, 'fast-track').caseTypes).toEqual(['fast-track']);

    // the additions may also be passed directly
    const direct = evaluate(siri2024, cases, { caseTypes: { 'ny-ordning': 'erhverv' } });
    expect(shareTier(direct, 'erhverv')).toMatchObject({ measured: 2, within: 1 });

    // the aggregate remembers the covered case types, so the report step needs no registry
    const fromAggregate = reportFromAggregate(siri2024, aggregateCases(siri2024, cases, { caseTypes }));
    expect(target(fromAggregate, 'erhverv').caseTypes).toContain('ny-ordning');
  });

  it('covers the seed business types in the siri-2024 area target, not other areas', () => {
    const report = evaluate(siri2024, [
      decided('l', 'loenarbejde', '2024-03-01', '2024-03-02'),
      decided('s', 'studie', '2024-03-01', '2024-03-02'),
    ]);
    expect(shareTier(report, 'erhverv')).toMatchObject({ measured: 1, within: 1 });
    expect(report.withoutTarget).toEqual({ studie: 1 });
  });
});

describe('convention 9: nothing lost, invalid records', () => {
  const fine = decided('ok', 'fast-track', '2023-03-01', '2023-03-02');

  it('lists impossible dates and decisions before the application instead of rolling over', () => {
    const report = evaluate(siri2023, [
      decided('feb29', 'fast-track', '2023-02-29', '2023-03-10'),
      decided('backwards', 'fast-track', '2023-03-10', '2023-03-09'),
      decided('bad-decision', 'fast-track', '2023-03-01', '2023-02-29'),
      fine,
    ]);
    expect(report.counts).toEqual({ input: 4, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 3 });
    expect(report.invalid.map(({ index, id, field, code }) => ({ index, id, field, code }))).toEqual([
      { index: 0, id: 'feb29', field: 'applied', code: 'invalid_date' },
      { index: 1, id: 'backwards', field: 'decided', code: 'decision_before_application' },
      { index: 2, id: 'bad-decision', field: 'decided', code: 'invalid_date' },
    ]);
    expect(report.invalid[0]?.message).toContain('2023-02-29');
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 1, within: 1 });
  });

  it('lists unknown fields, missing fields and non-objects', () => {
    const report = evaluate(siri2023, [
      { id: 'extra', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-02', status: 'closed' },
      { caseType: 'fast-track', applied: '2023-03-01' },
      { id: 'no-type', applied: '2023-03-01' },
      { id: 'no-applied', caseType: 'fast-track', decided: '2023-03-02' },
      'fast-track,2023-03-01',
      null,
      [],
      { id: 42, caseType: 'fast-track', applied: '2023-03-01' },
      fine,
    ]);
    expect(report.counts).toMatchObject({ input: 9, measured: 1, invalid: 8 });
    expect(report.invalid.map(({ index, id, field, code }) => ({ index, id, field, code }))).toEqual([
      { index: 0, id: 'extra', field: 'status', code: 'unknown_field' },
      { index: 1, id: null, field: 'id', code: 'missing_field' },
      { index: 2, id: 'no-type', field: 'caseType', code: 'missing_field' },
      { index: 3, id: 'no-applied', field: 'applied', code: 'missing_field' },
      { index: 4, id: null, field: '', code: 'invalid_type' },
      { index: 5, id: null, field: '', code: 'invalid_type' },
      { index: 6, id: null, field: '', code: 'invalid_type' },
      { index: 7, id: null, field: 'id', code: 'invalid_type' },
    ]);
  });

  it('counts a record with several problems once, listing each problem', () => {
    const report = evaluate(siri2023, [{ id: 'two', caseType: 'fast-track', applied: '2023-02-30', decided: 'soon' }]);
    expect(report.counts.invalid).toBe(1);
    expect(report.invalid.map(({ field, code }) => [field, code])).toEqual([
      ['applied', 'invalid_date'],
      ['decided', 'invalid_date'],
    ]);
  });

  it('adds indexOffset to record positions', () => {
    const report = evaluate(siri2023, [fine, decided('feb29', 'fast-track', '2023-02-29', '2023-03-10')], { indexOffset: 100 });
    expect(report.invalid).toHaveLength(1);
    expect(report.invalid[0]).toMatchObject({ index: 101, id: 'feb29' });
  });

  it('accepts any iterable of records', () => {
    function* records() {
      yield fine;
      yield decided('b', 'fast-track', '2023-03-01', '2023-05-01');
    }
    const report = reconciled(evaluatePlan(siri2023, records()), records());
    expect(report.counts).toMatchObject({ input: 2, measured: 2 });
    expect(shareTier(report, 'fast-track')).toMatchObject({ within: 1, share: 0.5 });
  });
});

describe('convention 10: milestones (us-2019 first asylum interview)', () => {
  // applied 10 January; interview 9 February is 30 days later, 10 February 31; decided 1 March (50 days)
  const asylum = (id: string, firstInterview: string | null, decidedOn: string | null) => ({
    id,
    caseType: 'asyl',
    applied: '2019-01-10',
    decided: decidedOn,
    ...(firstInterview === null ? {} : { events: { firstInterview } }),
  });

  it('stops the clock at events.firstInterview and reports decided cases without it', () => {
    const report = evaluate(us2019, [
      asylum('on-time', '2019-02-09', '2019-03-01'),
      asylum('late', '2019-02-10', '2019-03-01'),
      asylum('no-interview', null, '2019-03-01'),
      asylum('pending', '2019-01-20', null),
    ]);
    expect(report.counts).toEqual({ input: 4, measured: 3, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    const interview = target(report, 'asyl-foerste-samtale');
    expect(interview.clock).toEqual({ start: 'applied', stop: 'events.firstInterview' });
    expect(interview).toMatchObject({ measured: 3, pending: 1, missingEvent: { count: 1, ids: ['no-interview'] } });
    expect(shareTier(report, 'asyl-foerste-samtale')).toMatchObject({ measured: 3, within: 1, share: 1 / 3, met: false });
    // the mean target runs to the decision: 50 days for each of the three
    expect(meanTier(report, 'asyl-gennemsnit')).toMatchObject({ measured: 3, mean: 50, met: true });
  });

  it('measures a decided case with the interview after the decision by the interview', () => {
    const report = evaluate(us2019, [asylum('a', '2019-03-05', '2019-03-01')]);
    // 10 January → 5 March is 54 days: not within 30
    expect(shareTier(report, 'asyl-foerste-samtale')).toMatchObject({ measured: 1, within: 0 });
  });

  it('does not measure pending cases, even with an interview', () => {
    const report = evaluate(us2019, [asylum('p', '2019-01-11', null)]);
    expect(target(report, 'asyl-foerste-samtale')).toMatchObject({ measured: 0, pending: 1 });
    expect(shareTier(report, 'asyl-foerste-samtale')).toMatchObject({ share: null, met: null });
  });

  it('rejects an interview before the application', () => {
    const report = evaluate(us2019, [asylum('early', '2019-01-05', '2019-03-01'), asylum('ok', '2019-01-10', '2019-03-01')]);
    expect(report.counts).toMatchObject({ measured: 1, invalid: 1 });
    expect(report.invalid).toEqual([
      expect.objectContaining({ index: 0, id: 'early', field: 'events.firstInterview', code: 'event_before_application' }),
    ]);
    // same-day interview: 0 days
    expect(shareTier(report, 'asyl-foerste-samtale')).toMatchObject({ measured: 1, within: 1 });
  });

  it('rejects an impossible interview date', () => {
    const report = evaluate(us2019, [asylum('x', '2019-02-29', '2019-03-01')]);
    expect(report.invalid).toEqual([expect.objectContaining({ id: 'x', field: 'events.firstInterview', code: 'invalid_date' })]);
  });
});

describe('convention 11: weights and points', () => {
  // From Monday 2020-03-02: +1 day 03-03, +10 days 03-12, +31 days 04-02, +32 days 04-03, +40 days 04-11, +62 days 05-03
  const a = '2020-03-02';
  const business = [
    decided('b', 'beloebsordning', a, '2020-04-02'), // 31 days: met, 8
    decided('f', 'fast-track', a, '2020-04-03'), // 32 days: not met, 0
    decided('l', 'landbrug', a, a), // 0 days: 5
    decided('w', 'loenarbejde', a, '2020-04-02'), // 31 days: 5
    decided('p', 'positivliste', a, '2020-03-12'), // 10 days: 5
    decided('m', 'medfoelgende-familie-erhverv', a, '2020-05-03'), // 62 days: 5
  ];
  const eu = [
    decided('e1', 'eu', a, a),
    decided('e2', 'eu', a, '2020-03-03'),
    decided('e3', 'eu', a, '2020-03-03'),
    decided('e4', 'eu', a, '2020-04-11'),
  ];

  it('siri-2020: points = tier weight when met, group points = sum, plan points over scored groups', () => {
    const report = evaluate(siri2020, [...business, ...eu]);
    // EU: 3 of 4 within 1 day (75 % ≥ 75 %), 3 of 4 within 31 (75 % < 85 %), 4 of 4 within 92
    expect(target(report, 'eu').tiers.map((tier) => [tier.met, tier.weight, tier.points])).toEqual([
      [true, 10, 10],
      [false, 5, 0],
      [true, 5, 5],
    ]);
    expect(target(report, 'eu')).toMatchObject({ met: false, weight: 20, points: 15 });
    expect(target(report, 'beloebsordning')).toMatchObject({ met: true, weight: 8, points: 8 });
    expect(target(report, 'fast-track')).toMatchObject({ met: false, weight: 7, points: 0 });

    const groups = Object.fromEntries(report.groups.map((group) => [group.id, [group.scoring, group.weight, group.points]]));
    expect(groups).toEqual({
      '1.4-erhverv': ['target-weights', 35, 28],
      '1.4-studie': ['target-weights', 15, null],
      '1.4-eu': ['target-weights', 20, 15],
    });
    expect(report.points).toEqual({
      earned: 43,
      possible: 55,
      unscored: [{ id: '1.4-studie', kind: 'group', weight: 15, reason: 'no-cases' }],
    });
  });

  it('siri-2020: each weighted target scores on its own; an unmeasured target is unscored, never its whole area', () => {
    // Studie (62 days) and Ph.d. (92 days) met, no Praktikant case at all.
    const study = [decided('s', 'studie', a, '2020-05-03'), decided('d', 'phd', a, '2020-05-03')];
    const report = evaluate(siri2020, study);
    expect(target(report, 'praktikant')).toMatchObject({ measured: 0, met: null, points: null });
    expect(report.groups.find((group) => group.id === '1.4-studie')).toMatchObject({ scoring: 'target-weights', weight: 15, points: 10 });
    expect(report.points).toEqual({
      earned: 10,
      possible: 10,
      unscored: [
        { id: '1.4-erhverv', kind: 'group', weight: 35, reason: 'no-cases' },
        { id: 'praktikant', kind: 'target', weight: 5, reason: 'no-cases' },
        { id: '1.4-eu', kind: 'group', weight: 20, reason: 'no-cases' },
      ],
    });
    // With one business case more, the business area scores that target alone (Fast-track, 32 days: 0 of 7).
    const withBusiness = evaluate(siri2020, [...study, decided('f', 'fast-track', a, '2020-04-03')]);
    expect(withBusiness.groups.find((group) => group.id === '1.4-erhverv')).toMatchObject({ points: 0 });
    expect(withBusiness.points).toMatchObject({ earned: 10, possible: 17 });
  });

  // siri-2023 group 1.1: one case per target, all same-day except EU (2 days: misses "70 % within 1 day").
  // 12 tiers in all (1+1+2+2+1+1+1+3), 11 met; 7 of 8 targets met.
  const all2023 = [
    ...['fast-track', 'landbrug', 'beloebsordning', 'positivliste', 'medfoelgende-familie-erhverv', 'studie', 'phd'].map((type) =>
      decided(type, type, '2023-03-01', '2023-03-01'),
    ),
    decided('eu', 'eu', '2023-03-01', '2023-03-03'),
  ];

  it('siri-2023: a group weight alone gives no points without a scoring rule', () => {
    const report = evaluate(siri2023, all2023);
    expect(target(report, 'fast-track')).toMatchObject({ met: true, weight: null, points: null });
    expect(report.groups.map((group) => [group.id, group.scoring, group.points])).toEqual([
      ['1.1', null, null],
      ['1.2', null, null],
    ]);
    expect(report.points).toEqual({
      earned: null,
      possible: null,
      unscored: [
        { id: '1.1', kind: 'group', weight: 65, reason: 'no-scoring-rule' },
        { id: '1.2', kind: 'group', weight: 5, reason: 'no-scoring-rule' },
      ],
    });
    // biometrics and phone waits are real targets now, measured from observations and contacts
    expect(report.notEvaluable).toEqual([]);
  });

  it("siri-2023: groupScoring 'all-met'", () => {
    const report = evaluate(siri2023, all2023, { groupScoring: { '1.1': 'all-met' } });
    expect(report.groups[0]).toMatchObject({ id: '1.1', scoring: 'rule', points: 0 });
    expect(report.points).toEqual({ earned: 0, possible: 65, unscored: [{ id: '1.2', kind: 'group', weight: 5, reason: 'no-scoring-rule' }] });

    const allMet = all2023.map((record) => (record.id === 'eu' ? { ...record, decided: '2023-03-02' } : record));
    expect(evaluate(siri2023, allMet, { groupScoring: { '1.1': 'all-met' } }).points).toMatchObject({ earned: 65, possible: 65 });
  });

  it("siri-2023: groupScoring 'share-of-tiers'", () => {
    const report = evaluate(siri2023, all2023, { groupScoring: { '1.1': 'share-of-tiers' } });
    expect(report.groups[0]?.points).toBe((65 * 11) / 12);
    expect(report.points.earned).toBe((65 * 11) / 12);
  });

  it('siri-2023: a scoring function gets the group and its target reports', () => {
    const report = evaluate(siri2023, all2023, {
      groupScoring: { '1.1': ({ group, targets }) => (group.id === '1.1' ? targets.filter((t) => t.met === true).length : null) },
    });
    expect(report.groups[0]).toMatchObject({ scoring: 'rule', points: 7 });
    expect(report.points).toMatchObject({ earned: 7, possible: 65 });
  });

  it('siri-2023: a scoring function returning null leaves the group unscored (rule-returned-null)', () => {
    const report = evaluate(siri2023, all2023, { groupScoring: { '1.1': () => null } });
    expect(report.groups[0]).toMatchObject({ scoring: 'rule', points: null });
    expect(report.points.unscored).toContainEqual({ id: '1.1', kind: 'group', weight: 65, reason: 'rule-returned-null' });
  });

  it("siri-2023: group 1.2 scored with 'mean-score' from contacts and observations", () => {
    // Biometrics on Monday 4 September 2023 (H2): Valby and Aarhus within 10 days, the other
    // weighted centres not; Bornholm (weight 0) unobserved. Score 0.55 + 0.2 = 0.75.
    const observations = [
      { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 2 },
      { date: '2023-09-04', centre: 'Aarhus', daysToNextSlot: 10 },
      ...['Odense', 'Aalborg', 'Esbjerg', 'Sønderborg'].map((centre) => ({ date: '2023-09-04', centre, daysToNextSlot: 20 })),
    ];
    // Phone: 1 of 2 calls within 10 minutes, 50 % < 80 %: score 0
    const contacts = [
      { id: 'c1', channel: 'phone', at: '2023-09-04', waitMinutes: 5 },
      { id: 'c2', channel: 'phone', at: '2023-09-04', waitMinutes: 20 },
    ];
    // Evaluated for that one day, so that no weighted centre has a gap.
    const report = evaluate(siri2023, { cases: all2023, contacts, observations }, { period: { from: '2023-09-04', to: '2023-09-04' }, groupScoring: { '1.2': 'mean-score' } });
    expect(target(report, 'biometri')).toMatchObject({ met: false, score: 0.75 });
    expect(target(report, 'telefon')).toMatchObject({ met: false, score: 0 });
    // 5 × (0.75 + 0) / 2
    expect(report.groups[1]).toMatchObject({ id: '1.2', scoring: 'rule', points: 1.875 });
    expect(report.points).toEqual({
      earned: 1.875,
      possible: 5,
      unscored: [{ id: '1.1', kind: 'group', weight: 65, reason: 'no-scoring-rule' }],
    });
  });

  it('siri-2023: a rule for group 1.2 without contacts and observations gives null (no-cases)', () => {
    const report = evaluate(siri2023, all2023, { groupScoring: { '1.2': 'mean-score' } });
    expect(report.groups[1]).toMatchObject({ id: '1.2', scoring: 'rule', points: null });
    expect(report.points.unscored).toContainEqual({ id: '1.2', kind: 'group', weight: 5, reason: 'no-cases' });
  });

  it('siri-2023: a rule without cases for every target gives null (no-cases)', () => {
    const report = evaluate(siri2023, all2023.slice(0, 3), { groupScoring: { '1.1': 'all-met' } });
    expect(report.groups[0]?.points).toBeNull();
    expect(report.points.unscored).toContainEqual({ id: '1.1', kind: 'group', weight: 65, reason: 'no-cases' });
  });

  it('rejects scoring rules for unknown groups or out-of-range points', () => {
    const unknown = thrown(() => evaluatePlan(siri2023, all2023, { groupScoring: { '9.9': 'all-met' } }));
    expect(unknown.issues[0]).toMatchObject({ code: 'invalid_option', path: ['groupScoring', '9.9'] });
    const tooMany = thrown(() => evaluatePlan(siri2023, all2023, { groupScoring: { '1.1': () => 66 } }));
    expect(tooMany.issues[0]?.code).toBe('invalid_option');
    const negative = thrown(() => evaluatePlan(siri2023, all2023, { groupScoring: { '1.1': () => -1 } }));
    expect(negative.issues[0]?.code).toBe('invalid_option');
  });

  it('rejects a scoring rule for a group that its targets\' own weights already score', () => {
    const error = thrown(() => evaluatePlan(getPlan('siri-2020'), [], { groupScoring: { '1.4-eu': 'all-met' } }));
    expect(error.issues[0]).toMatchObject({ code: 'invalid_option', path: ['groupScoring', '1.4-eu'] });
  });
});

describe('merging aggregates', () => {
  const cases: unknown[] = [
    decided('a', 'fast-track', '2023-01-02', '2023-01-20'), // 18 days
    decided('b', 'eu', '2023-02-01', '2023-02-02'), // 1 day
    decided('c', 'loenarbejde', '2023-02-01', '2023-02-02'), // without target
    decided('d', 'fast-track', '2023-02-29', '2023-03-10'), // invalid
    decided('e', 'fast-track', '2023-03-01', '2023-05-01'), // 61 days
    { id: 'f', caseType: 'studie', applied: '2023-12-01' }, // pending
    decided('g', 'eu', '2022-12-01', '2022-12-30'), // decided before 2023
    decided('h', 'loenarbejde', '2023-06-01', '2023-06-02'), // without target
  ];

  it('merges disjoint parts into the aggregate of the whole', () => {
    const whole = aggregateCases(siri2023, cases);
    const first = aggregateCases(siri2023, cases.slice(0, 3));
    const second = aggregateCases(siri2023, cases.slice(3), { indexOffset: 3 });
    const merged = mergeAggregates(first, second);
    expect(merged).toEqual(whole);
    expect(merged.counts).toEqual({ input: 8, measured: 3, pending: 1, outOfPeriod: 1, withoutTarget: 2, invalid: 1 });
    expect(merged.withoutTarget).toEqual({ loenarbejde: 2 });
    expect(merged.invalid).toEqual([expect.objectContaining({ index: 3, id: 'd', code: 'invalid_date' })]);

    const three = mergeAggregates(
      aggregateCases(siri2023, cases.slice(0, 2)),
      aggregateCases(siri2023, cases.slice(2, 5), { indexOffset: 2 }),
      aggregateCases(siri2023, cases.slice(5), { indexOffset: 5 }),
    );
    expect(three).toEqual(whole);
  });

  it('reports from the merged aggregate as from the whole input', () => {
    const merged = mergeAggregates(aggregateCases(siri2023, cases.slice(0, 4)), aggregateCases(siri2023, cases.slice(4), { indexOffset: 4 }));
    const report = reconciled(reportFromAggregate(siri2023, merged), cases);
    expect(report).toEqual(evaluate(siri2023, cases));
    expect(shareTier(report, 'fast-track')).toMatchObject({ measured: 2, within: 1, share: 0.5 });
    expect(shareTier(report, 'eu', 0)).toMatchObject({ measured: 1, within: 1 });
    expect(target(report, 'studie')).toMatchObject({ measured: 0, pending: 1 });
  });

  it('rejects aggregates of different periods or plans', () => {
    const q1 = aggregateCases(siri2023, cases, { period: '2023-Q1' });
    const q2 = aggregateCases(siri2023, cases, { period: '2023-Q2' });
    expect(thrown(() => mergeAggregates(q1, q2)).issues[0]?.code).toBe('incompatible_aggregates');
    const other = aggregateCases(siri2024, [], { period: '2023-Q1' });
    expect(thrown(() => mergeAggregates(q1, other)).issues[0]?.code).toBe('incompatible_aggregates');
    expect(thrown(() => reportFromAggregate(siri2024, q1)).issues[0]?.code).toBe('incompatible_aggregates');
  });

  it('produces JSON-serialisable aggregates and reports', () => {
    const aggregate = aggregateCases(siri2023, cases);
    const copy = JSON.parse(JSON.stringify(aggregate)) as typeof aggregate;
    expect(copy).toEqual(aggregate);
    const report = reconciled(reportFromAggregate(siri2023, copy, { groupScoring: { '1.1': 'share-of-tiers' } }), cases);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const milestones = evaluate(us2019, [{ id: 'm', caseType: 'asyl', applied: '2019-01-10', decided: '2019-03-01' }]);
    expect(JSON.parse(JSON.stringify(milestones))).toEqual(milestones);
  });
});
