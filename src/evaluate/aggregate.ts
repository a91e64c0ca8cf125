import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { CaseAccumulator } from './cases.js';
import { checkAggregate } from './check-aggregate.js';
import { compilePlan, resolveRegistry } from './compile.js';
import { mergeObservedDays } from './coverage.js';
import { DatedAccumulator } from './dated.js';
import { mergeHistograms } from './histogram.js';
import { assertIterable, assertOptions, assertPlan, duplicatesOf, indexOffsets, missingAttributesOf } from './guards.js';
import { createIntake } from './intake.js';
import { addCount, copyKeyed, keyedRecord, ownValue } from './keys.js';
import { emptyAggregate, resolvePeriodInput, type AggregateOptions, type EvaluationInputs, type PlanAggregate, type TargetAggregate } from './model.js';
import { maxProblemsOf, type InputKind, type InvalidRecord } from './records.js';

export type { AggregateOptions, ContactCounts, Counts, EvaluationInputs, MissingAttributes, ObservationCounts, ObservationGaps, PlanAggregate, TargetAggregate, WithoutTargetReason, WithoutTargetReasons } from './model.js';
export { resolvePeriodInput } from './model.js';

const INPUT_KINDS: readonly InputKind[] = ['cases', 'contacts', 'observations'];

/** The options but the period (given to a series as one of its periods). */
function withoutPeriod(options: AggregateOptions): Omit<AggregateOptions, 'period'> {
  const rest: AggregateOptions = { ...options };
  delete rest.period;
  return rest;
}

/**
 * Runs the counting conventions over the plan's inputs — case records, contacts and observations —
 * and returns the mergeable aggregate.
 *
 * Every record lands in exactly one bucket of its input. Cases, checked in this order: `invalid`,
 * `withoutTarget` (no target of the plan covers its case type), `measured` (decided inside the
 * period, and a covering target applies then), `pending` (applied on or before the period's last
 * day and not decided by it), `outOfPeriod`. Contacts: `invalid`, `withoutTarget` (no target
 * measures the channel), `outOfPeriod`, `unanswered`, `measured`. Observations: `invalid`
 * (including a second observation of the same centre and day), `withoutTarget` (no target covers
 * the centre), `outOfPeriod`, `notWorkingDay`, `measured`.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const aggregate = aggregateInputs(plan, {
 *   cases: [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }],
 *   contacts: [
 *     { id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 },
 *     { id: 'K2', channel: 'phone', at: '2023-03-01', waitMinutes: 2 },
 *   ],
 * }, { period: '2023' });
 * aggregate.counts.measured; // 1
 * // The phone target measures 2023-H2 only, so K2 is out of period.
 * aggregate.contacts.counts; // { input: 2, measured: 1, unanswered: 0, outOfPeriod: 1, withoutTarget: 0, invalid: 0 }
 * ```
 */
export function aggregateInputs(plan: ServicePlan, inputs: EvaluationInputs, options: AggregateOptions = {}): PlanAggregate {
  assertPlan(plan);
  assertOptions(options);
  const period = resolvePeriodInput(plan, options.period);
  parsePeriod(period, options.period === undefined ? ['plan', 'period'] : ['period']);
  const [aggregate] = aggregateSeries(plan, inputs, { ...withoutPeriod(options), periods: [period] });
  return aggregate as PlanAggregate;
}

/**
 * Options for {@link aggregateSeries}: those of {@link AggregateOptions}, with a list of periods in
 * place of one period.
 *
 * @example
 * ```ts
 * const options: SeriesOptions = { periods: ['2023-Q1', '2023-Q2', '2023-H1'] };
 * const aggregates = aggregateSeries(getPlan('siri-2023'), {
 *   cases: [
 *     { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *     { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 *   ],
 * }, options);
 * aggregates.map((aggregate) => aggregate.counts.measured); // [1, 1, 2]
 * ```
 */
export interface SeriesOptions extends Omit<AggregateOptions, 'period'> {
  /** The periods to aggregate, e.g. `['2023-Q1', '2023-Q2', '2023-H1', '2023']`. */
  periods: readonly PeriodInput[];
}

/**
 * Aggregates the inputs for several periods in one pass: each record is read and validated once
 * and counted in every period's aggregate. The result for a period equals {@link aggregateInputs}
 * with that period.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ];
 * const [q1, q2, h1] = aggregateSeries(plan, { cases }, { periods: ['2023-Q1', '2023-Q2', '2023-H1'] });
 * [q1?.counts.measured, q1?.counts.pending]; // [1, 1]: A2 is still open at the end of Q1
 * [q2?.counts.measured, q2?.counts.outOfPeriod]; // [1, 1]: A1 was decided before Q2
 * h1?.counts.measured; // 2
 * ```
 */
export function aggregateSeries(plan: ServicePlan, inputs: EvaluationInputs, options: SeriesOptions): PlanAggregate[] {
  assertPlan(plan);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  if (typeof inputs !== 'object' || inputs === null) fail('invalid_option', 'inputs must be { cases, contacts, observations }', ['inputs']);
  for (const key of Object.keys(inputs)) {
    if (!INPUT_KINDS.includes(key as InputKind)) {
      fail('invalid_option', `unknown input "${key}": inputs are ${INPUT_KINDS.join(', ')}`, [key]);
    }
  }
  for (const kind of INPUT_KINDS) {
    const input = inputs[kind];
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
    if (input !== undefined && (input === null || typeof (input as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function')) {
      fail('invalid_option', `${kind} must be an array (or other iterable) of records`, [kind]);
    }
  }
  assertOptions(options, false);
  if (!Array.isArray(options.periods) || options.periods.length === 0) fail('invalid_option', 'periods must list at least one period', ['periods']);
  const intake = createIntake(plan, options);
  for (const kind of INPUT_KINDS) {
    const records = inputs[kind];
    if (records !== undefined) intake.addAll(kind, records);
  }
  return intake.aggregates();
}

/**
 * A case accumulator for streaming readers: records (or cases read from bytes) are counted one at
 * a time into `aggregate`, the aggregate of one period, which is complete once the input is done
 * and `accumulator.finish()` has run.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const { accumulator, aggregate } = caseAccumulator(plan, { period: '2023' });
 * accumulator.add({ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' });
 * accumulator.add({ id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' });
 * accumulator.finish();
 * reportFromAggregate(plan, aggregate).counts.measured; // 2
 * ```
 */
export function caseAccumulator(
  plan: ServicePlan,
  options: AggregateOptions = {},
): { accumulator: CaseAccumulator; aggregate: PlanAggregate; contacts: DatedAccumulator; observations: DatedAccumulator } {
  assertPlan(plan);
  assertOptions(options);
  const period = parsePeriod(resolvePeriodInput(plan, options.period), options.period === undefined ? ['plan', 'period'] : ['period']);
  const offset = indexOffsets(options.indexOffset).cases ?? 0;
  const compiled = compilePlan(plan, resolveRegistry(options.caseTypes), period);
  const aggregate = emptyAggregate(plan, compiled, maxProblemsOf(options.maxProblems), duplicatesOf(options.duplicates), missingAttributesOf(options.missingAttributes));
  const offsets = indexOffsets(options.indexOffset);
  const parts = [{ compiled, aggregate }];
  return {
    accumulator: new CaseAccumulator(parts, offset),
    aggregate,
    contacts: new DatedAccumulator(parts, 'contacts', offsets.contacts ?? 0),
    observations: new DatedAccumulator(parts, 'observations', offsets.observations ?? 0),
  };
}

/**
 * {@link aggregateInputs} for case records only.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const januaryCases = [{ id: 'F1', caseType: 'fast-track', applied: '2024-01-02', decided: '2024-01-20' }];
 * const februaryCases = [{ id: 'F2', caseType: 'fast-track', applied: '2024-01-10', decided: '2024-02-28' }];
 * const january = aggregateCases(plan, januaryCases, { period: '2024' });
 * const february = aggregateCases(plan, februaryCases, { period: '2024', indexOffset: januaryCases.length });
 * const report = reportFromAggregate(plan, mergeAggregates(january, february));
 * // F1 took 18 days, F2 49 days: one of two within 31 days.
 * report.targets.find((target) => target.id === 'fast-track')?.tiers[0]; // { kind: 'share', measured: 2, within: 1, share: 0.5, … }
 * ```
 */
export function aggregateCases(plan: ServicePlan, cases: Iterable<unknown>, options: AggregateOptions = {}): PlanAggregate {
  // `aggregateInputs` reads an absent input as none; here the cases are required.
  assertIterable(cases, 'cases');
  return aggregateInputs(plan, { cases }, options);
}

/**
 * Merges aggregates of disjoint parts of the input into the aggregate of the whole. The parts must
 * come from the same plan and period, count repeated case ids the same way (`duplicates`), and each
 * must add up (see {@link reportFromAggregate}).
 *
 * Each part finds the repeated ids within itself only: an id in two parts is counted once in each.
 * To count one record per id across parts, read them into one intake (`createIntake`, `readInto`).
 *
 * @throws {ServicemaalError} `incompatible_aggregates` when plans, periods, targets or the
 *   `duplicates` policy differ, or a part does not add up.
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const first = aggregateCases(plan, [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], { period: '2023' });
 * const second = aggregateCases(plan, [{ id: 'A3', caseType: 'eu', applied: '2023-02-29' }], { period: '2023', indexOffset: 2 });
 * const whole = mergeAggregates(first, second);
 * whole.counts; // { input: 3, measured: 2, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 }
 * whole.invalid.map((problem) => problem.index); // [2]
 * mergeAggregates(first, aggregateCases(plan, [], { period: '2023-Q1' })); // throws: code 'incompatible_aggregates', the periods differ
 * ```
 */
export function mergeAggregates(first: PlanAggregate, ...rest: PlanAggregate[]): PlanAggregate {
  checkAggregate(first);
  for (const aggregate of rest) checkAggregate(aggregate);
  return rest.map(currentAggregate).reduce(mergeTwo, currentAggregate(first));
}

/**
 * An aggregate in the current version: an aggregate saved before scopes (version 2) has every case
 * without target under `noTarget`, no flagged or out-of-scope cases, and no records lacking an
 * attribute (its plan had no scopes: the `inScope` policy holds trivially).
 */
export function currentAggregate(aggregate: PlanAggregate): PlanAggregate {
  const saved = aggregate as Omit<PlanAggregate, 'version'> & { version: number };
  if (saved.version >= 3) return aggregate;
  return {
    ...saved,
    version: 3,
    withoutTargetReasons: { noTarget: copyKeyed(saved.withoutTarget), outOfScope: keyedRecord(), flagged: keyedRecord() },
    scope: { missingAttributes: 'inScope', missing: keyedRecord() },
  };
}

/** Adds counts with the same fixed keys (the buckets of `Counts`). */
function addCounts<T extends object>(a: T, b: T): T {
  const sum = { ...a } as Record<string, number>;
  for (const [key, value] of Object.entries(b as Record<string, number>)) sum[key] = (sum[key] ?? 0) + value;
  return sum as T;
}

/** Adds counts keyed by user strings (case types, channels, centres) into a record without a prototype. */
function addKeyedCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const sum = copyKeyed(a);
  for (const [key, value] of Object.entries(b)) addCount(sum, key, value);
  return sum;
}

function mergeHistogramMaps(a: Record<string, number[]>, b: Record<string, number[]>): Record<string, number[]> {
  const merged = copyKeyed(a);
  for (const [key, histogram] of Object.entries(b)) merged[key] = mergeHistograms(ownValue(merged, key) ?? [], histogram);
  return merged;
}

function mergeOptional<T>(a: T | null, b: T | null, merge: (a: T, b: T) => T): T | null {
  return a === null || b === null ? (a ?? b) : merge(a, b);
}

function mergeTwo(a: PlanAggregate, b: PlanAggregate): PlanAggregate {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an aggregate may come from JSON saved by another version
  if (a.version !== b.version || a.plan !== b.plan || a.period.from !== b.period.from || a.period.to !== b.period.to) {
    fail(
      'incompatible_aggregates',
      `cannot merge aggregates of ${b.plan} ${b.period.from}..${b.period.to} into ${a.plan} ${a.period.from}..${a.period.to}`,
    );
  }
  if (a.targets.length !== b.targets.length || a.targets.some((target, i) => target.id !== b.targets[i]?.id)) {
    fail('incompatible_aggregates', `the aggregates of ${a.plan} have different targets`);
  }
  const duplicates = duplicatesOfAggregate(a);
  if (duplicatesOfAggregate(b) !== duplicates) {
    fail('incompatible_aggregates', `cannot merge an aggregate that counts the ${duplicatesOfAggregate(b)} record of a repeated case id into one that counts the ${duplicates}`, ['duplicates']);
  }
  if (a.scope.missingAttributes !== b.scope.missingAttributes) {
    fail('incompatible_aggregates', `cannot merge aggregates counted with different missingAttributes policies ("${a.scope.missingAttributes}" and "${b.scope.missingAttributes}")`);
  }
  return {
    ...a,
    duplicates,
    counts: addCounts(a.counts, b.counts),
    ...mergeProblems(a, b),
    withoutTarget: addKeyedCounts(a.withoutTarget, b.withoutTarget),
    withoutTargetReasons: {
      noTarget: addKeyedCounts(a.withoutTargetReasons.noTarget, b.withoutTargetReasons.noTarget),
      outOfScope: addKeyedCounts(a.withoutTargetReasons.outOfScope, b.withoutTargetReasons.outOfScope),
      flagged: addKeyedCounts(a.withoutTargetReasons.flagged, b.withoutTargetReasons.flagged),
    },
    scope: { missingAttributes: a.scope.missingAttributes, missing: addKeyedCounts(a.scope.missing, b.scope.missing) },
    contacts: { counts: addCounts(a.contacts.counts, b.contacts.counts), withoutTarget: addKeyedCounts(a.contacts.withoutTarget, b.contacts.withoutTarget) },
    observations: {
      counts: addCounts(a.observations.counts, b.observations.counts),
      withoutTarget: addKeyedCounts(a.observations.withoutTarget, b.observations.withoutTarget),
    },
    targets: a.targets.map((target, i) => {
      const other = b.targets[i] as TargetAggregate;
      return {
        id: target.id,
        caseTypes: [...new Set([...target.caseTypes, ...other.caseTypes])],
        days: mergeHistograms(target.days, other.days),
        workingDays: mergeOptional(target.workingDays, other.workingDays, mergeHistograms),
        seconds: mergeOptional(target.seconds, other.seconds, mergeHistograms),
        centres: mergeOptional(target.centres, other.centres, mergeHistogramMaps),
        ...observedDaysOf(target.id, target, other),
        missingEvent: [...target.missingEvent, ...other.missingEvent],
        within: target.within.map((count, tier) => (count === null ? null : count + (other.within[tier] ?? 0))),
        pending: target.pending + other.pending,
      };
    }),
  };
}

/** The merged observed days of two states of a target, left out when either part lacks them (an earlier version). */
function observedDaysOf(id: string, a: TargetAggregate, b: TargetAggregate): Pick<TargetAggregate, 'observedDays'> {
  const merged = mergeObservedDays(id, a.observedDays, b.observedDays);
  return merged === undefined ? {} : { observedDays: merged };
}

/**
 * The problem list of two aggregates merged: both lists in input order, cut at the larger of their
 * limits; the counts added. (Aggregates saved by earlier versions list every problem and lack the
 * counts: they are counted from the list.)
 */
export function mergeProblems(a: PlanAggregate, b: PlanAggregate): Pick<PlanAggregate, 'invalid' | 'invalidCounts' | 'invalidOmitted' | 'maxProblems'> {
  const [first, second] = [problemsOf(a), problemsOf(b)];
  const maxProblems = first.maxProblems === null || second.maxProblems === null ? null : Math.max(first.maxProblems, second.maxProblems);
  const listed = inInputOrder([...a.invalid, ...b.invalid]);
  const cut = maxProblems === null ? 0 : Math.max(0, listed.length - maxProblems);
  if (cut > 0) listed.length -= cut;
  return {
    invalid: listed,
    invalidCounts: addKeyedCounts(first.invalidCounts, second.invalidCounts),
    invalidOmitted: first.invalidOmitted + second.invalidOmitted + cut,
    maxProblems,
  };
}

/** Which record of a repeated case id an aggregate counted: `'first'` for one stored before it said. */
export function duplicatesOfAggregate(aggregate: PlanAggregate): 'first' | 'last' {
  return (aggregate as Partial<PlanAggregate>).duplicates ?? 'first';
}

/** The problem counts of an aggregate, counted from its list when it comes from an earlier version. */
export function problemsOf(aggregate: PlanAggregate): Pick<PlanAggregate, 'invalidCounts' | 'invalidOmitted' | 'maxProblems'> {
  const saved = aggregate as Partial<PlanAggregate>;
  if (saved.invalidCounts !== undefined && saved.invalidOmitted !== undefined && saved.maxProblems !== undefined) {
    return { invalidCounts: saved.invalidCounts, invalidOmitted: saved.invalidOmitted, maxProblems: saved.maxProblems };
  }
  const invalidCounts = keyedRecord<number>();
  for (const problem of aggregate.invalid) addCount(invalidCounts, problem.code);
  return { invalidCounts, invalidOmitted: 0, maxProblems: null };
}

/** Orders invalid-record problems as one evaluation lists them: by input, then by position. */
function inInputOrder(invalid: InvalidRecord[]): InvalidRecord[] {
  // Array.prototype.sort is stable, so the problems of one record keep their order.
  return invalid.sort((x, y) => INPUT_KINDS.indexOf(x.input) - INPUT_KINDS.indexOf(y.input) || x.index - y.index);
}
