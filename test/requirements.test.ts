/**
 * The whole plan: every requirement of each bundled plan with its weight, the requirements of user
 * plans, the points of a report over all requirements (from the data, supplied, missing), and the
 * `results` option.
 */
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { thrown, evaluate } from './helpers.js';
import { CATALOGUE_PLAN_IDS, caseSpaceFor, validCasesArb } from './arbitraries.js';
import {
  catalogue,
  definePlan,
  getPlan,
  type GroupScoringRule,
  type PlanInput,
  type PlanReport,
  type RequirementReport,
  type ServicePlan,
  type SuppliedResult,
} from '../src/index.js';

const decided = (id: string, caseType: string, applied: string, decidedOn: string) => ({ id, caseType, applied, decided: decidedOn });
const requirement = (report: PlanReport, number: string): RequirementReport => {
  const found = report.requirements.find((entry) => entry.number === number);
  if (found === undefined) throw new Error(`no requirement ${number}`);
  return found;
};
const weights = (plan: ServicePlan) => Object.fromEntries(plan.requirements.map((entry) => [entry.number, entry.weight]));

describe('the requirements of the bundled plans', () => {
  it('lists every requirement with the weight the signed plan gives it', () => {
    expect(weights(getPlan('siri-2020'))).toEqual({ '1.1': 5, '1.2': 5, '1.3': 5, '1.4': 70, '2.1': 5, '2.2': 5, '2.3': 5 });
    expect(weights(getPlan('siri-2023'))).toEqual({ '1.1': 65, '1.2': 5, '1.3': 10, '1.4': 5, '2.1': 2.5, '2.2': 2.5, '2.3': 5, '2.4': 5 });
    expect(weights(getPlan('us-2019'))).toEqual({ '1.1': 25, '1.2': 30, '1.3': 5, '2.1': 10, '2.2': 10, '2.3': 5, '2.4': 5, '3.1': 5, '3.2': 5 });
    expect(weights(getPlan('siri-2024'))).toEqual({ '1.1': 60, '1.2': 10, '1.3': 5, '1.4': null, '2.1': 2.5, '2.2': 2.5, '2.3': 5, '2.4': null });
  });

  it('totals 100 points for each plan; SIRI 2024 has two weights that cannot be read', () => {
    for (const plan of catalogue) {
      const known = plan.requirements.reduce((sum, entry) => sum + (entry.weight ?? 0), 0);
      const unknown = plan.requirements.filter((entry) => entry.weight === null).map((entry) => entry.number);
      if (plan.id === 'siri-2024') {
        // The weights of 1.4 and 2.4 cannot be read from the source: 85 known, and the plan says so.
        expect([known, unknown, plan.totalWeight]).toEqual([85, ['1.4', '2.4'], 100]);
        expect(plan.notes.some((note) => note.includes('is worth 100 points') && note.includes('the other 15 points together'))).toBe(true);
        for (const number of unknown) expect(plan.requirements.find((entry) => entry.number === number)?.note).toMatch(/cannot be read/);
      } else {
        expect([plan.id, known, unknown, plan.totalWeight]).toEqual([plan.id, 100, [], 100]);
      }
    }
  });

  it('says which requirements the data evaluates, and why the others are not', () => {
    for (const plan of catalogue) {
      for (const entry of plan.requirements) {
        const evaluated = entry.groups.length + entry.targets.length > 0;
        expect([plan.id, entry.number, evaluated ? entry.reason : typeof entry.reason]).toEqual([plan.id, entry.number, evaluated ? null : 'string']);
        // Each requirement cites the signed plan under its own number.
        expect([entry.source?.document, entry.source?.requirement]).toEqual([plan.documents[0]?.id, entry.number]);
      }
      // Every group of the plan is evaluated by exactly one requirement.
      expect(plan.requirements.flatMap((entry) => entry.groups).sort()).toEqual(plan.groups.map((group) => group.id).sort());
    }
  });

  it('numbers SIRI 2020 service targets 1.4 as the signed plan does, citing the appendix 1.5 as well', () => {
    const plan = getPlan('siri-2020');
    const service = plan.requirements.find((entry) => entry.number === '1.4');
    expect(service).toMatchObject({ weight: 70, groups: ['1.4-erhverv', '1.4-studie', '1.4-eu'] });
    expect(service?.source).toMatchObject({ document: 'siri-2020', requirement: '1.4', also: [{ document: 'siri-2020-bilag', requirement: '1.5' }] });
    expect(service?.source?.note).toMatch(/numbers this requirement 1\.5/);
    expect(plan.groups.map((group) => group.id)).toEqual(['1.4-erhverv', '1.4-studie', '1.4-eu']);
  });

  it('flags that further EU tiers of SIRI 2024 may be missing', () => {
    expect(getPlan('siri-2024').targets.find((target) => target.id === 'eu')?.source?.note).toMatch(/further EU tiers .* may be missing/);
  });
});

describe('requirements of a user plan', () => {
  const base: PlanInput = {
    id: 'visa-2025',
    title: 'Visa 2025',
    year: 2025,
    targets: [
      { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 6 }] },
      { id: 'studie', label: 'Studie', caseTypes: ['studie'], tiers: [{ limit: { amount: 60, unit: 'days' }, required: 0.9, weight: 4 }] },
      { id: 'work', label: 'Work', caseTypes: ['work'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] },
    ],
    groups: [{ id: 'g', label: 'Visa and study', weight: 10, targets: ['visa', 'studie'] }],
  };
  const messages = (input: PlanInput) => thrown(() => definePlan(input)).issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('is optional: a plan without requirements reports as before, with no total', () => {
    const plan = definePlan(base);
    expect(plan.requirements).toEqual([]);
    const report = evaluate(plan, [decided('v', 'visa', '2025-03-03', '2025-03-05')]);
    expect([report.requirements, report.total]).toEqual([[], null]);
    expect(report.points).toEqual({ earned: 6, possible: 6, unscored: [{ id: 'studie', kind: 'target', weight: 4, reason: 'no-cases' }] });
  });

  it('fills in the defaults', () => {
    const plan = definePlan({ ...base, requirements: [{ number: '1', title: 'Service', weight: 10, groups: ['g'] }, { number: '2', title: 'Survey' }] });
    expect(plan.requirements).toEqual([
      { number: '1', title: 'Service', weight: 10, source: null, targets: [], groups: ['g'], reason: null, note: null },
      { number: '2', title: 'Survey', weight: null, source: null, targets: [], groups: [], reason: null, note: null },
    ]);
  });

  it('rejects repeated numbers, unknown or doubly claimed targets and groups, and weights that do not add up', () => {
    expect(
      messages({
        ...base,
        requirements: [
          { number: '1', title: 'Service', groups: ['g'], targets: ['visa', 'nope'] },
          { number: '1', title: 'Again', groups: ['g', 'h'], reason: 'a survey' },
        ],
      }),
    ).toEqual([
      ['requirements.0.targets.0', 'requirement 1 names target "visa", which is in group "g": name the group'],
      ['requirements.0.targets.1', 'requirement 1 names unknown target "nope"'],
      ['requirements.1.number', 'requirement number "1" is used twice'],
      ['requirements.1.groups.0', 'group "g" is in requirements 1 and 1'],
      ['requirements.1.groups.1', 'requirement 1 names unknown group "h"'],
      ['requirements.1.reason', 'requirement 1 is evaluated from the data (its targets or groups); it takes no reason'],
    ]);
    expect(messages({ ...base, requirements: [{ number: '1', title: 'Service', weight: 12, groups: ['g'] }] })).toEqual([
      ['requirements.0.weight', "requirement 1 weighs 12 but its targets' and groups' weights add up to 10"],
    ]);
  });

  it('checks totalWeight against the weights: equal when all are known, at least their sum otherwise', () => {
    const service = { number: '1', title: 'Service', weight: 10, groups: ['g'] };
    const survey = { number: '2', title: 'Survey', reason: 'a survey' };
    expect(messages({ ...base, requirements: [service, { ...survey, weight: 5 }], totalWeight: 100 })).toEqual([
      ['totalWeight', "totalWeight 100 is not the sum of the requirements' weights (15)"],
    ]);
    expect(messages({ ...base, requirements: [service, survey], totalWeight: 8 })).toEqual([['totalWeight', "totalWeight 8 is below the known weights' sum (10)"]]);
    expect(messages({ ...base, totalWeight: 10 })).toEqual([['totalWeight', "totalWeight needs the plan's requirements"]]);
    // The 5 points that the known weight leaves over are the survey's, which nothing supplies.
    const plan = definePlan({ ...base, requirements: [service, survey], totalWeight: 15 });
    const report = evaluate(plan, [decided('v', 'visa', '2025-03-03', '2025-03-05'), decided('s', 'studie', '2025-03-03', '2025-03-05')]);
    expect(report.total).toEqual({ possible: 15, fromData: 10, supplied: 0, missing: 5, earned: 10, unknownWeights: ['2'], unreadable: 5 });
  });

  it('rejects a weighted group or target that no requirement covers, and a negative weight', () => {
    expect(messages({ ...base, requirements: [{ number: '2', title: 'Survey', weight: 5, reason: 'a survey' }] })).toEqual([
      ['groups.0.id', 'group "g" has a weight but is in no requirement'],
    ]);
    expect(messages({ ...base, requirements: [{ number: '1', title: 'Service', weight: -1, groups: ['g'] }] })).toEqual([
      ['requirements.0.weight', 'must be 0 or more'],
    ]);
  });

  it('scores the whole plan from the data and supplied results', () => {
    const plan = definePlan({
      ...base,
      requirements: [
        { number: '1', title: 'Service', weight: 10, groups: ['g'] },
        { number: '2', title: 'Work', weight: 0, targets: ['work'] },
        { number: '3', title: 'Survey', weight: 2.5, reason: 'a survey' },
      ],
    });
    const report = evaluate(plan, [decided('v', 'visa', '2025-03-03', '2025-03-05')], { results: { '3': { points: 1.25 } } });
    expect(report.requirements.map((entry) => [entry.number, entry.basis, entry.points, entry.scored])).toEqual([
      ['1', 'data', 6, 6],
      ['2', 'unscored', null, 0],
      ['3', 'supplied', 1.25, 2.5],
    ]);
    expect(report.total).toEqual({ possible: 12.5, fromData: 6, supplied: 2.5, missing: 4, earned: 7.25, unknownWeights: [], unreadable: 0 });
  });
});

describe('the whole plan in a report, by hand', () => {
  it('siri-2020: the study area scores 10 without Praktikant, sick leave supplied as met', () => {
    const a = '2020-03-02';
    const report = evaluate(getPlan('siri-2020'), [decided('s', 'studie', a, '2020-05-03'), decided('d', 'phd', a, '2020-05-03')], {
      results: { '2.3': { met: true } },
    });
    expect(requirement(report, '1.4')).toMatchObject({ weight: 70, points: 10, basis: 'data', scored: 10 });
    expect(requirement(report, '2.3')).toMatchObject({ weight: 5, points: 5, basis: 'supplied', scored: 5 });
    expect(requirement(report, '1.1')).toMatchObject({ weight: 5, points: null, basis: 'missing', scored: 0 });
    // 70 − 10 of 1.4 unscored + 5 × 5 not supplied = 85 missing
    expect(report.total).toEqual({ possible: 100, fromData: 10, supplied: 5, missing: 85, earned: 15, unknownWeights: [], unreadable: 0 });
  });

  it('siri-2023: 1.1 by share of tiers (11 of 12 met), 1.2 without a rule, two supplied results', () => {
    const cases = [
      ...['fast-track', 'landbrug', 'beloebsordning', 'positivliste', 'medfoelgende-familie-erhverv', 'studie', 'phd'].map((type) => decided(type, type, '2023-03-01', '2023-03-01')),
      decided('eu', 'eu', '2023-03-01', '2023-03-03'), // 2 days: misses 70 % within 1 day
    ];
    const report = evaluate(getPlan('siri-2023'), cases, {
      groupScoring: { '1.1': 'share-of-tiers' },
      results: { '1.4': { points: 2.5 }, '2.1': { met: false } },
    });
    expect(requirement(report, '1.1')).toMatchObject({ points: (65 * 11) / 12, basis: 'data', scored: 65 });
    expect(requirement(report, '1.2')).toMatchObject({ points: null, basis: 'unscored', scored: 0 });
    expect(requirement(report, '2.1')).toMatchObject({ points: 0, basis: 'supplied', scored: 2.5 });
    expect(report.total).toEqual({ possible: 100, fromData: 65, supplied: 7.5, missing: 27.5, earned: (65 * 11) / 12 + 2.5, unknownWeights: [], unreadable: 0 });
  });

  it('siri-2024: worth 100, the 15 points of the two weights that cannot be read are missing', () => {
    const cases = [decided('f', 'fast-track', '2024-03-01', '2024-03-20'), decided('e', 'eu', '2024-03-04', '2024-03-05')];
    const report = evaluate(getPlan('siri-2024'), cases, { groupScoring: { '1.1': 'share-of-tiers' }, results: { '1.3': { met: true } } });
    expect(requirement(report, '1.1')).toMatchObject({ points: 60, basis: 'data' });
    expect(requirement(report, '1.4')).toMatchObject({ weight: null, points: null, basis: 'missing' });
    expect(report.total).toEqual({ possible: 100, fromData: 60, supplied: 5, missing: 35, earned: 65, unknownWeights: ['1.4', '2.4'], unreadable: 15 });
  });

  it('us-2019: 1.2 by share of tiers, 1.1 and 1.3 without a rule, 3.1 and 2.1 supplied', () => {
    const cases = [
      decided('f', 'familiesammenfoering', '2019-01-02', '2019-06-01'),
      decided('l', 'forlaengelse', '2019-01-02', '2019-03-01'),
      decided('p', 'permanent-ophold', '2019-01-02', '2019-05-01'),
    ];
    const report = evaluate(getPlan('us-2019'), cases, { groupScoring: { '1.2': 'share-of-tiers' }, results: { '3.1': { met: false }, '2.1': { points: 7.5 } } });
    expect(report.requirements.map((entry) => [entry.number, entry.basis, entry.points])).toEqual([
      ['1.1', 'unscored', null],
      ['1.2', 'data', 30],
      ['1.3', 'unscored', null],
      ['2.1', 'supplied', 7.5],
      ['2.2', 'missing', null],
      ['2.3', 'missing', null],
      ['2.4', 'missing', null],
      ['3.1', 'supplied', 0],
      ['3.2', 'missing', null],
    ]);
    expect(report.total).toEqual({ possible: 100, fromData: 30, supplied: 15, missing: 55, earned: 37.5, unknownWeights: [], unreadable: 0 });
  });
});

describe('supplied results: validation', () => {
  const plan = getPlan('siri-2020');
  const error = (results: unknown) => {
    const issue = thrown(() => evaluate(plan, [], { results: results as Record<string, SuppliedResult> })).issues[0];
    return [issue?.code, issue?.path.join('.'), issue?.message];
  };

  it('rejects an unknown requirement, one the data decides, and a result of the wrong shape', () => {
    expect(error({ '9.9': { met: true } })).toEqual([
      'invalid_option',
      'results.9.9',
      'results: plan "siri-2020" has no requirement "9.9" (its requirements: 1.1, 1.2, 1.3, 1.4, 2.1, 2.2, 2.3)',
    ]);
    expect(error({ '1.4': { met: true } })).toEqual([
      'invalid_option',
      'results.1.4',
      'results: requirement 1.4 is evaluated from the data (group 1.4-erhverv, group 1.4-studie, group 1.4-eu); it takes no supplied result',
    ]);
    for (const wrong of [{ met: 'yes' }, { met: true, points: 5 }, {}, null, 5, [true]]) {
      expect(error({ '2.3': wrong })).toEqual(['invalid_option', 'results.2.3', 'results: the result of requirement 2.3 must be { met: true }, { met: false } or { points: number }']);
    }
    expect(error([])).toEqual(['invalid_option', 'results', 'results must be an object { "requirement number": { met: true | false } or { points: number } }']);
  });

  it('rejects points outside 0 to the weight, and results for a requirement without a known weight', () => {
    for (const points of [-1, 5.5, Number.NaN, Infinity]) {
      expect(error({ '2.3': { points } })).toEqual([
        'invalid_option',
        'results.2.3.points',
        `results: the points of requirement 2.3 must be from 0 to its weight 5, got ${String(points)}`,
      ]);
    }
    const issue = thrown(() => evaluate(getPlan('siri-2024'), [], { results: { '2.4': { met: true } } })).issues[0];
    expect(issue?.message).toBe('results: requirement 2.4 has no known weight in plan "siri-2024", so no points can be supplied for it');
  });

  it('rejects results for a plan that lists no requirements', () => {
    const own = definePlan({ id: 'visa-2025', title: 'Visa', year: 2025, targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9 }] }] });
    expect(thrown(() => evaluate(own, [], { results: { '1': { met: true } } })).issues[0]?.message).toBe('results: plan "visa-2025" lists no requirements to supply results for');
    expect(evaluate(own, [], { results: {} }).total).toBeNull();
  });
});

describe('properties of the whole plan', () => {
  /** A bundled plan, cases in its year, random scoring rules and random supplied results. */
  const scenarioArb = fc.constantFrom(...CATALOGUE_PLAN_IDS).chain((id) => {
    const plan = getPlan(id);
    const year = plan.year ?? 2020;
    const open = plan.requirements.filter((entry) => entry.groups.length + entry.targets.length === 0 && entry.weight !== null);
    const resultArb = (weight: number): fc.Arbitrary<SuppliedResult | null> =>
      fc.option(fc.oneof(fc.boolean().map((met) => ({ met })), fc.double({ min: 0, max: weight, noNaN: true }).map((points) => ({ points }))));
    const ruleArb: fc.Arbitrary<GroupScoringRule | null> = fc.option(fc.constantFrom<GroupScoringRule>('all-met', 'share-of-tiers', 'mean-score'));
    const ruleGroups = plan.groups.filter((group) => group.targets.some((targetId) => plan.targets.find((target) => target.id === targetId)?.weight === null));
    return fc.record({
      plan: fc.constant(plan),
      cases: validCasesArb(60, caseSpaceFor(plan, { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` })),
      results: fc.tuple(...open.map((entry) => resultArb(entry.weight ?? 0))).map((values) => {
        const results: Record<string, SuppliedResult> = {};
        values.forEach((value, index) => {
          const number = open[index]?.number;
          if (value !== null && number !== undefined) results[number] = value;
        });
        return results;
      }),
      groupScoring: fc.tuple(...ruleGroups.map(() => ruleArb)).map((rules) => {
        const chosen: Record<string, GroupScoringRule> = {};
        rules.forEach((rule, index) => {
          const groupId = ruleGroups[index]?.id;
          if (rule !== null && groupId !== undefined) chosen[groupId] = rule;
        });
        return chosen;
      }),
    });
  });
  const reportOf = ({ plan, cases, results, groupScoring }: { plan: ServicePlan; cases: unknown[]; results: Record<string, SuppliedResult>; groupScoring: Record<string, GroupScoringRule> }) =>
    evaluate(plan, cases, { results, groupScoring });

  test('earned points never exceed the possible points, for each requirement and the plan', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const report = reportOf(scenario);
        for (const entry of report.requirements) expect(entry.points ?? 0).toBeLessThanOrEqual((entry.weight ?? Infinity) + 1e-9);
        expect(report.total?.earned ?? 0).toBeLessThanOrEqual((report.total?.possible ?? 0) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  test('the points from the data, the supplied points and the missing points partition the possible total', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const total = reportOf(scenario).total;
        expect(total).not.toBeNull();
        if (total === null) return;
        for (const part of [total.fromData, total.supplied, total.missing]) expect(part).toBeGreaterThanOrEqual(0);
        expect(total.fromData + total.supplied + total.missing).toBeCloseTo(total.possible, 9);
      }),
      { numRuns: 60 },
    );
  });
});
