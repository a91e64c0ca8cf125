/**
 * The public functions called from untyped JavaScript (or with JSON passed on directly): a wrong
 * plan, options object, input or aggregate is a ServicemaalError with a stable code and the path
 * of what is wrong, never a TypeError from deep inside.
 */
import { describe, expect, it } from 'vitest';
import {
  aggregateCases,
  aggregateInputs,
  aggregateSeries,
  backlogReport,
  evaluatePlan,
  evaluateSeries,
  explainTier,
  forecastPlan,
  getPlan,
  mergeAggregates,
  pendingAt,
  processingTimes,
  reportFromAggregate,
  reportingPeriods,
  scoreScenario,
  type PlanAggregate,
} from '../src/index.js';
import { caseAccumulator } from '../src/evaluate/aggregate.js';
import { thrown } from './helpers.js';

const plan = getPlan('siri-2023');
const cases = [
  { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
  { id: 'A2', caseType: 'loenarbejde', applied: '2023-03-01', decided: '2023-03-10' },
  { id: 'A3', caseType: 'eu', applied: '2023-02-29' },
];
const aggregate = aggregateInputs(plan, { cases, observations: [{ date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 }] }, { period: '2023' });
const report = evaluatePlan(plan, cases);
/** Anything, as an untyped caller may pass it. */
const untyped = (value: unknown): never => value as never;

/** The code and path of the ServicemaalError that `fn` throws. */
function rejection(fn: () => unknown): { code: string | undefined; path: (string | number)[] | undefined } {
  const issue = thrown(fn).issues[0];
  return { code: issue?.code, path: issue?.path };
}

describe('a missing or malformed plan', () => {
  const calls: [string, (bad: never) => unknown][] = [
    ['evaluatePlan', (bad) => evaluatePlan(bad, [])],
    ['evaluateSeries', (bad) => evaluateSeries(bad, [], { periods: ['2023'] })],
    ['aggregateInputs', (bad) => aggregateInputs(bad, {})],
    ['aggregateCases', (bad) => aggregateCases(bad, [])],
    ['aggregateSeries', (bad) => aggregateSeries(bad, {}, { periods: ['2023'] })],
    ['caseAccumulator', (bad) => caseAccumulator(bad)],
    ['reportFromAggregate', (bad) => reportFromAggregate(bad, aggregate)],
    ['scoreScenario', (bad) => scoreScenario(bad, report, () => 'as-is')],
    ['pendingAt', (bad) => pendingAt(bad, [], { asOf: '2023-06-30' })],
    ['forecastPlan', (bad) => forecastPlan(bad, [], { asOf: '2023-06-30' })],
    ['explainTier', (bad) => explainTier(bad, [], { target: 'fast-track' })],
  ];
  it.each(calls)('is rejected by %s as invalid_plan, for null, undefined, a number and plan JSON not passed through definePlan', (_name, call) => {
    for (const bad of [null, undefined, 42, { id: 'x', targets: [{ id: 't' }] }]) {
      expect(rejection(() => call(bad as never))).toEqual({ code: 'invalid_plan', path: ['plan'] });
    }
  });
});

describe('options that are not an object', () => {
  const calls: [string, (bad: never) => unknown][] = [
    ['evaluatePlan', (bad) => evaluatePlan(plan, [], bad)],
    ['evaluateSeries', (bad) => evaluateSeries(plan, [], bad)],
    ['aggregateInputs', (bad) => aggregateInputs(plan, {}, bad)],
    ['aggregateCases', (bad) => aggregateCases(plan, [], bad)],
    ['aggregateSeries', (bad) => aggregateSeries(plan, {}, bad)],
    ['caseAccumulator', (bad) => caseAccumulator(plan, bad)],
    ['reportFromAggregate', (bad) => reportFromAggregate(plan, aggregate, bad)],
    ['pendingAt', (bad) => pendingAt(plan, [], bad)],
    ['forecastPlan', (bad) => forecastPlan(plan, [], bad)],
    ['explainTier', (bad) => explainTier(plan, [], bad)],
    ['backlogReport', (bad) => backlogReport([], bad)],
    ['processingTimes', (bad) => processingTimes([], bad)],
    ['reportingPeriods', (bad) => reportingPeriods(2023, bad)],
  ];
  it.each(calls)('are rejected by %s as invalid_option', (_name, call) => {
    for (const bad of [null, 'period=2023', 7]) {
      expect(rejection(() => call(bad as never))).toEqual({ code: 'invalid_option', path: ['options'] });
    }
  });
});

describe('records that are not a list', () => {
  const calls: [string, (bad: never) => unknown][] = [
    ['aggregateCases', (bad) => aggregateCases(plan, bad)],
    ['pendingAt', (bad) => pendingAt(plan, bad, { asOf: '2023-06-30' })],
    ['explainTier', (bad) => explainTier(plan, bad, { target: 'fast-track' })],
    ['backlogReport', (bad) => backlogReport(bad, { period: '2023' })],
    ['forecastPlan', (bad) => forecastPlan(plan, { cases: bad }, { asOf: '2023-06-30' })],
  ];
  it.each(calls)('are rejected by %s as invalid_option at cases', (_name, call) => {
    for (const bad of [null, 42, 'A1,fast-track', { id: 'A1' }]) {
      expect(rejection(() => call(bad as never))).toEqual({ code: 'invalid_option', path: ['cases'] });
    }
  });

  it('are rejected by evaluatePlan and forecastPlan as invalid_option at inputs when null', () => {
    expect(rejection(() => evaluatePlan(plan, untyped(null)))).toEqual({ code: 'invalid_option', path: ['inputs'] });
    expect(rejection(() => forecastPlan(plan, untyped(null), { asOf: '2023-06-30' }))).toEqual({ code: 'invalid_option', path: ['inputs'] });
  });
});

describe('the indexOffset option', () => {
  it.each([NaN, -1, 1.5, Infinity, 2 ** 60, '3', null])('rejects %s for case records', (offset) => {
    expect(rejection(() => aggregateCases(plan, cases, { indexOffset: untyped(offset) }))).toEqual({ code: 'invalid_option', path: ['indexOffset'] });
    expect(rejection(() => caseAccumulator(plan, { indexOffset: untyped(offset) }))).toEqual({ code: 'invalid_option', path: ['indexOffset'] });
  });

  it('rejects a NaN offset of one input, and an input that does not exist', () => {
    expect(rejection(() => aggregateInputs(plan, {}, { indexOffset: { contacts: NaN } }))).toEqual({ code: 'invalid_option', path: ['indexOffset', 'contacts'] });
    expect(rejection(() => aggregateInputs(plan, {}, { indexOffset: untyped({ calls: 3 }) }))).toEqual({ code: 'invalid_option', path: ['indexOffset', 'calls'] });
  });

  it('still moves the positions of invalid records by a whole number', () => {
    expect(aggregateCases(plan, cases, { indexOffset: 100 }).invalid.map((problem) => problem.index)).toEqual([102]);
    expect(aggregateInputs(plan, { cases }, { indexOffset: { cases: 0 } }).invalid.map((problem) => problem.index)).toEqual([2]);
  });
});

describe('other options from untyped callers', () => {
  it('rejects a caseTypes option that is neither a registry nor an object', () => {
    for (const bad of [null, 'green-card', 3, ['green-card']]) {
      expect(rejection(() => evaluatePlan(plan, cases, { caseTypes: untyped(bad) }))).toEqual({ code: 'invalid_option', path: ['caseTypes'] });
    }
  });

  it('rejects group scoring rules that are not an object, and unknown rule names (they used to score as share-of-tiers)', () => {
    expect(rejection(() => evaluatePlan(plan, cases, { groupScoring: untyped(null) }))).toEqual({ code: 'invalid_option', path: ['groupScoring'] });
    expect(rejection(() => evaluatePlan(plan, cases, { groupScoring: untyped({ '1.1': 'best-of' }) }))).toEqual({ code: 'invalid_option', path: ['groupScoring', '1.1'] });
    expect(rejection(() => scoreScenario(plan, report, () => 'as-is', untyped({ '1.1': 3 })))).toEqual({ code: 'invalid_option', path: ['groupScoring', '1.1'] });
  });

  it('rejects a forecast inflow that is neither a number nor an object of numbers', () => {
    expect(rejection(() => forecastPlan(plan, cases, { asOf: '2023-06-30', inflow: untyped('3') }))).toEqual({ code: 'invalid_option', path: ['inflow'] });
    expect(rejection(() => forecastPlan(plan, cases, { asOf: '2023-06-30', inflow: untyped({ 'fast-track': NaN }) }))).toEqual({ code: 'invalid_option', path: ['inflow'] });
  });

  it('rejects backlog and processing-time groups given as one string (they used to be read letter by letter)', () => {
    expect(rejection(() => backlogReport(cases, { period: '2023', include: untyped('eu') }))).toEqual({ code: 'invalid_option', path: ['include'] });
    expect(rejection(() => processingTimes(cases, { period: '2023', caseTypes: untyped('eu') }))).toEqual({ code: 'invalid_option', path: ['caseTypes'] });
  });
});

describe('reportFromAggregate on an aggregate that does not add up', () => {
  const copy = (): PlanAggregate => JSON.parse(JSON.stringify(aggregate)) as PlanAggregate;
  const problem = (change: (aggregate: PlanAggregate) => void): { code: string | undefined; path: (string | number)[] | undefined; message: string } => {
    const broken = copy();
    change(broken);
    const error = thrown(() => reportFromAggregate(plan, broken));
    expect(thrown(() => mergeAggregates(broken, copy())).issues).toEqual(error.issues);
    return { code: error.issues[0]?.code, path: error.issues[0]?.path, message: error.issues[0]?.message ?? '' };
  };

  it('accepts the aggregate stored as JSON and read back', () => {
    expect(reportFromAggregate(plan, copy()).counts).toEqual({ input: 3, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 1, invalid: 1 });
  });

  it('rejects an input count that is not the sum of the buckets, naming both', () => {
    expect(
      problem((broken) => {
        broken.counts.input = 4;
      }),
    ).toEqual({
      code: 'incompatible_aggregates',
      path: ['aggregate', 'counts', 'input'],
      message: 'the aggregate does not add up: counts.input is 4, but its buckets (measured, pending, outOfPeriod, withoutTarget, invalid) add up to 3',
    });
  });

  it('rejects negative, fractional and missing counts', () => {
    expect(
      problem((broken) => {
        broken.counts.measured = -1;
        broken.counts.pending = 1;
      }).message,
    ).toBe('the aggregate does not add up: counts.measured must be a whole number ≥ 0, got -1');
    expect(
      problem((broken) => {
        broken.contacts.counts.invalid = 0.5;
      }).path,
    ).toEqual(['aggregate', 'contacts', 'counts', 'invalid']);
    expect(
      problem((broken) => {
        delete (broken.observations.counts as Partial<PlanAggregate['observations']['counts']>).notWorkingDay;
      }).message,
    ).toBe('the aggregate does not add up: observations.counts.notWorkingDay must be a whole number ≥ 0, got undefined');
  });

  it('rejects counts without a target by case type that differ from the bucket', () => {
    expect(
      problem((broken) => {
        broken.withoutTarget = { loenarbejde: 2 };
      }),
    ).toEqual({
      code: 'incompatible_aggregates',
      path: ['aggregate', 'withoutTarget'],
      message: 'the aggregate does not add up: withoutTarget counts 2 records by key, but counts.withoutTarget is 1',
    });
  });

  it('rejects a target that measures more cases than were measured, or more within than it measures', () => {
    expect(
      problem((broken) => {
        const days = broken.targets[0]?.days ?? [];
        days[3] = 5;
      }).message,
    ).toBe('the aggregate does not add up: targets.0 measures 6 cases, more than the 1 measured cases');
    expect(
      problem((broken) => {
        const state = broken.targets[0];
        if (state !== undefined) state.within = [2];
      }).path,
    ).toEqual(['aggregate', 'targets', 0, 'within', 0]);
  });

  it('rejects centre histograms that do not add up to the target\'s days', () => {
    const observed = copy().targets.findIndex((state) => state.centres !== null);
    expect(
      problem((broken) => {
        const centres = broken.targets[observed]?.centres;
        if (centres) centres['Valby'] = [0, 2];
      }).message,
    ).toBe(`the aggregate does not add up: targets.${observed}.centres count 2 days, but targets.${observed}.days counts 1`);
  });

  it('rejects what is not an aggregate at all', () => {
    for (const bad of [null, {}, [], { format: 'servicemaal.report' }]) {
      expect(rejection(() => reportFromAggregate(plan, untyped(bad)))).toEqual({ code: 'incompatible_aggregates', path: ['aggregate'] });
      expect(rejection(() => mergeAggregates(aggregate, untyped(bad)))).toEqual({ code: 'incompatible_aggregates', path: ['aggregate'] });
    }
  });
});
