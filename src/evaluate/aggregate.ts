import { formatDayNumber } from '../dates/civil.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { CaseAccumulator, type AggregatePart } from './cases.js';
import { checkAggregate } from './check-aggregate.js';
import { compilePlan, measuresOn, resolveRegistry, type CaseTypesOption, type CompiledPlan, type CompiledTarget } from './compile.js';
import { readContactRecord } from './contacts.js';
import { addToHistogram, mergeHistograms } from './histogram.js';
import { assertIterable, assertOptions, assertPlan, indexOffsets } from './guards.js';
import { addCount, copyKeyed, keyedRecord, ownValue, setOwn } from './keys.js';
import { readObservationRecord } from './observations.js';
import { listProblems, maxProblemsOf, recordProblem, type InputKind, type InvalidRecord } from './records.js';

/**
 * How many case records ended in each bucket. `input` is the sum of the other five.
 *
 * @example
 * ```ts
 * const counts: Counts = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // measured
 *   { id: 'A2', caseType: 'studie', applied: '2023-12-01', decided: null }, // pending
 *   { id: 'A3', caseType: 'fast-track', applied: '2022-11-01', decided: '2022-12-01' }, // decided in 2022
 *   { id: 'A4', caseType: 'loenarbejde', applied: '2023-03-01', decided: '2023-03-10' }, // no SIRI 2023 target
 *   { id: 'A5', caseType: 'fast-track', applied: '2023-02-29' }, // not a calendar date
 * ], { period: '2023' }).counts;
 * counts; // { input: 5, measured: 1, pending: 1, outOfPeriod: 1, withoutTarget: 1, invalid: 1 }
 * ```
 */
export interface Counts {
  input: number;
  measured: number;
  pending: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * How many contact records ended in each bucket. `input` is the sum of the others.
 *
 * @example
 * ```ts
 * const counts: ContactCounts = evaluatePlan(getPlan('siri-2023'), {
 *   contacts: [
 *     { id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }, // measured
 *     { id: 'K2', channel: 'phone', arrived: '2023-09-04T10:05:00+02:00', answered: null }, // unanswered
 *     { id: 'K3', channel: 'phone', at: '2023-03-01', waitMinutes: 2 }, // the phone target measures 2023-H2 only
 *     { id: 'K4', channel: 'email', at: '2023-09-04', waitMinutes: 30 }, // no target measures e-mail
 *   ],
 * }, { period: '2023' }).contacts.counts;
 * counts; // { input: 4, measured: 1, unanswered: 1, outOfPeriod: 1, withoutTarget: 1, invalid: 0 }
 * ```
 */
export interface ContactCounts {
  input: number;
  measured: number;
  /** Contacts that were never answered: they have no waiting time and are not measured. */
  unanswered: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * How many observation records ended in each bucket. `input` is the sum of the others.
 *
 * @example
 * ```ts
 * const counts: ObservationCounts = evaluatePlan(getPlan('siri-2023'), {
 *   observations: [
 *     { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 }, // a Monday: measured
 *     { date: '2023-09-09', centre: 'Valby', daysToNextSlot: 12 }, // a Saturday
 *     { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 5 }, // the same centre and day again: invalid
 *     { date: '2023-09-04', centre: 'Nuuk', daysToNextSlot: 2 }, // not a centre of the plan
 *   ],
 * }, { period: '2023' }).observations.counts;
 * counts; // { input: 4, measured: 1, notWorkingDay: 1, outOfPeriod: 0, withoutTarget: 1, invalid: 1 }
 * ```
 */
export interface ObservationCounts {
  input: number;
  measured: number;
  /** Observations on days that are not working days (weekends, public holidays, closing days). */
  notWorkingDay: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * The mergeable state of one target. Histograms count cases (or contacts, or centre-days) per value.
 *
 * @example
 * ```ts
 * const aggregate = aggregateCases(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ], { period: '2023' });
 * const fastTrack: TargetAggregate | undefined = aggregate.targets.find((target) => target.id === 'fast-track');
 * [fastTrack?.days[19], fastTrack?.days[45], fastTrack?.days.length]; // [1, 1, 46]
 * countAtMost(fastTrack?.days ?? [], 31); // 1
 * ```
 */
export interface TargetAggregate {
  id: string;
  /** The case types the target covered in this evaluation (explicit ones and those of its areas). */
  caseTypes: string[];
  /** Elapsed calendar days of measured cases with both clock events; days to the next slot for observations. */
  days: number[];
  /** Elapsed working days of measured cases, for targets with working-day limits; otherwise `null`. */
  workingDays: number[] | null;
  /** Waiting time in whole seconds, for contact targets; otherwise `null`. */
  seconds: number[] | null;
  /** Days to the next slot per centre (a record without a prototype), for observation targets; otherwise `null`. */
  centres: Record<string, number[]> | null;
  /** Ids of measured cases lacking a clock event (docs/methodology.md, convention 10): never within. */
  missingEvent: string[];
  /** Per tier, cases within for tiers not read from a histogram (month limits); `null` for the others. */
  within: (number | null)[];
  /** Cases the target covers that are pending at the end of its measurement window. */
  pending: number;
}

/**
 * The exact, JSON-serialisable state of an evaluation before it becomes a report. Aggregates of
 * disjoint parts of the input (months, shards, files) merge with {@link mergeAggregates} into the
 * aggregate of the whole.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const aggregate: PlanAggregate = aggregateCases(plan, [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], { period: '2023' });
 * aggregate.period; // { from: '2023-01-01', to: '2023-12-31', label: '2023' }
 * // Stored as JSON and read back, it gives the same report.
 * const stored = JSON.parse(JSON.stringify(aggregate)) as PlanAggregate;
 * reportFromAggregate(plan, stored).targets[0]?.tiers[0]; // { kind: 'share', measured: 2, within: 1, share: 0.5, … }
 * ```
 */
export interface PlanAggregate {
  format: 'servicemaal.aggregate';
  version: 2;
  plan: string;
  period: { from: string; to: string; label: string };
  /** Case records per bucket. */
  counts: Counts;
  /** Problems of invalid records of every input: the first `maxProblems` of them. */
  invalid: InvalidRecord[];
  /** The number of problems of each code, listed in `invalid` or not. */
  invalidCounts: Partial<Record<IssueCode, number>>;
  /** The number of problems left out of `invalid`. */
  invalidOmitted: number;
  /** The most problems `invalid` lists; `null`: all of them. */
  maxProblems: number | null;
  /** Cases without a target, by case type (a record without a prototype: any case type is an own key). */
  withoutTarget: Record<string, number>;
  /** Contact records per bucket, and those without a target by channel. */
  contacts: { counts: ContactCounts; withoutTarget: Record<string, number> };
  /** Observation records per bucket, and those without a target by centre. */
  observations: { counts: ObservationCounts; withoutTarget: Record<string, number> };
  /** One entry per plan target, in plan order. */
  targets: TargetAggregate[];
}

/**
 * The inputs of an evaluation. A bare array or iterable means case records.
 *
 * @example
 * ```ts
 * const inputs: EvaluationInputs = {
 *   cases: [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }],
 *   contacts: [{ id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }],
 * };
 * const report = evaluatePlan(getPlan('siri-2023'), inputs, { period: '2023' });
 * [report.counts.measured, report.contacts.counts.measured, report.observations.counts.input]; // [1, 1, 0]
 * ```
 */
export interface EvaluationInputs {
  cases?: Iterable<unknown>;
  contacts?: Iterable<unknown>;
  observations?: Iterable<unknown>;
}

const INPUT_KINDS: readonly InputKind[] = ['cases', 'contacts', 'observations'];

/**
 * Options for {@link aggregateInputs}, {@link aggregateCases} and `evaluatePlan`.
 *
 * @example
 * ```ts
 * // The second shard of a larger input: its first record is record 100 of the whole.
 * const options: AggregateOptions = { period: '2023-Q1', indexOffset: 100 };
 * const aggregate = aggregateCases(getPlan('siri-2023'), [{ id: 'A101', caseType: 'fast-track', applied: '2023-02-29' }], options);
 * aggregate.invalid; // [{ input: 'cases', index: 100, id: 'A101', field: 'applied', code: 'invalid_date', … }]
 * aggregate.period.label; // '2023-Q1'
 * aggregateCases(getPlan('siri-2023'), [], { indexOffset: Number('x') }); // throws: code 'invalid_option', indexOffset must be a whole number ≥ 0, got NaN
 * ```
 */
export interface AggregateOptions {
  /** Measurement period (default: the plan's period, else its year). */
  period?: PeriodInput;
  /** Further case types (e.g. new business schemes), or a whole registry. */
  caseTypes?: CaseTypesOption;
  /**
   * Added to record positions in `invalid` (for shards of a larger input): a whole number ≥ 0 for
   * case records, or one per input. Anything else (`NaN`, `-1`, `1.5`) is `invalid_option`.
   */
  indexOffset?: number | Partial<Record<InputKind, number>>;
  /**
   * The most problems listed in `invalid` (default 1,000; 0 or `Infinity`: all). Problems beyond
   * it are counted in `invalidCounts` and `invalidOmitted`, so a large input full of invalid rows
   * takes bounded memory.
   */
  maxProblems?: number;
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
  const [aggregate] = aggregateSeries(plan, inputs, { ...options, periods: [period] });
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
  const registry = resolveRegistry(options.caseTypes);
  const maxProblems = maxProblemsOf(options.maxProblems);
  const parts = options.periods.map((period: PeriodInput, i): Part => {
    const compiled = compilePlan(plan, registry, parsePeriod(period, ['periods', i]));
    return { compiled, aggregate: emptyAggregate(plan, compiled, maxProblems) };
  });
  const offsets = indexOffsets(options.indexOffset);
  if (inputs.cases !== undefined) {
    const accumulator = new CaseAccumulator(parts, offsets.cases ?? 0);
    accumulator.addAll(inputs.cases);
    accumulator.finish();
  }
  for (const kind of ['contacts', 'observations'] as const) {
    const records = inputs[kind];
    if (records === undefined) continue;
    const accumulator = new DatedAccumulator(parts, kind, offsets[kind] ?? 0);
    for (const record of records) accumulator.add(record);
  }
  return parts.map((part) => part.aggregate);
}

type Part = AggregatePart;

function emptyAggregate(plan: ServicePlan, compiled: CompiledPlan, maxProblems: number | null): PlanAggregate {
  const period = compiled.period;
  return {
    format: 'servicemaal.aggregate',
    version: 2,
    plan: plan.id,
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    counts: { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 },
    invalid: [],
    invalidCounts: {},
    invalidOmitted: 0,
    maxProblems,
    // Keyed by case type, channel and centre: records without a prototype (see keys.ts).
    withoutTarget: keyedRecord(),
    contacts: { counts: { input: 0, measured: 0, unanswered: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: keyedRecord() },
    observations: { counts: { input: 0, measured: 0, notWorkingDay: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: keyedRecord() },
    targets: compiled.targets.map(({ target, needsWorkingDays }) => ({
      id: target.id,
      caseTypes: target.input === 'cases' ? compiled.caseTypesOf(target) : [],
      days: [],
      workingDays: needsWorkingDays ? [] : null,
      seconds: target.input === 'contacts' ? [] : null,
      centres: target.input === 'observations' ? keyedRecord() : null,
      missingEvent: [],
      within: target.tiers.map((tier) => (tier.limit.unit === 'months' ? 0 : null)),
      pending: 0,
    })),
  };
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
  const aggregate = emptyAggregate(plan, compiled, maxProblemsOf(options.maxProblems));
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
 * Counts a dated record (contact or observation) into the first buckets of its input — invalid,
 * without target — and returns the targets measuring its day in this period (empty: out of
 * period), or `null` when the record is already placed.
 */
function placeDated(
  aggregate: PlanAggregate,
  input: { counts: { input: number; invalid: number; withoutTarget: number }; withoutTarget: Record<string, number> },
  read: { day: number } | InvalidRecord[],
  key: string,
  coveringAnyPeriod: readonly CompiledTarget[],
  compiled: CompiledPlan,
): CompiledTarget[] | null {
  input.counts.input++;
  if (Array.isArray(read)) {
    input.counts.invalid++;
    listProblems(aggregate, read);
    return null;
  }
  if (coveringAnyPeriod.length === 0) {
    input.counts.withoutTarget++;
    addCount(input.withoutTarget, key);
    return null;
  }
  const { from, to } = compiled.period;
  if (read.day < from || read.day > to) return [];
  return coveringAnyPeriod.map((target) => compiled.targets[target.index] as CompiledTarget).filter((target) => measuresOn(target, read.day));
}

/**
 * Counts contact or observation records into the aggregates of one or more periods, one record at
 * a time (as `aggregateInputs` counts them). Observations of a centre and day seen before, at any
 * distance, are invalid (`duplicate_record`).
 */
export class DatedAccumulator {
  /** Position of the next record. */
  index: number;
  /** Centre and day of every observation counted. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly parts: readonly Part[],
    private readonly kind: 'contacts' | 'observations',
    offset: number,
  ) {
    this.index = offset;
  }

  /** Counts one record (of any shape: invalid ones are listed with their problems). */
  add(record: unknown): void {
    const index = this.index++;
    if (this.kind === 'contacts') this.addContact(record, index);
    else this.addObservation(record, index);
  }

  /** Counts a source row that could not become a record as an invalid record; returns its position. */
  addProblem(problem: Omit<InvalidRecord, 'index'>): number {
    const index = this.index++;
    for (const { aggregate } of this.parts) {
      const { counts } = aggregate[this.kind];
      counts.input++;
      counts.invalid++;
      listProblems(aggregate, [{ ...problem, index }]);
    }
    return index;
  }

  private addContact(record: unknown, index: number): void {
    const first = (this.parts[0] as Part).compiled;
    const read = readContactRecord(record, index);
    const coveringAnyPeriod = Array.isArray(read) ? [] : first.contactTargetsFor(read.channel);
    for (const { compiled, aggregate } of this.parts) {
      const { counts } = aggregate.contacts;
      const measuring = placeDated(aggregate, aggregate.contacts, read, Array.isArray(read) ? '' : read.channel, coveringAnyPeriod, compiled);
      if (measuring === null || Array.isArray(read)) continue;
      if (measuring.length === 0) {
        counts.outOfPeriod++;
      } else if (read.waitSeconds === null) {
        counts.unanswered++;
      } else {
        counts.measured++;
        for (const target of measuring) addToHistogram((aggregate.targets[target.index] as TargetAggregate).seconds ?? [], read.waitSeconds);
      }
    }
  }

  private addObservation(record: unknown, index: number): void {
    const first = (this.parts[0] as Part).compiled;
    let read = readObservationRecord(record, index);
    if (!Array.isArray(read)) {
      const key = `${read.centre}\u0000${read.day}`;
      if (this.seen.has(key)) {
        const id = `${read.centre} ${formatDayNumber(read.day)}`;
        read = [recordProblem('observations', index, id, 'date', { code: 'duplicate_record' }, formatDayNumber(read.day))];
      } else {
        this.seen.add(key);
      }
    }
    const coveringAnyPeriod = Array.isArray(read) ? [] : first.observationTargetsFor(read.centre);
    for (const { compiled, aggregate } of this.parts) {
      const { counts } = aggregate.observations;
      const measuring = placeDated(aggregate, aggregate.observations, read, Array.isArray(read) ? '' : read.centre, coveringAnyPeriod, compiled);
      if (measuring === null || Array.isArray(read)) continue;
      const day = read.day;
      const working = measuring.filter((target) => target.calendar.isWorkingDay(day));
      if (measuring.length === 0) {
        counts.outOfPeriod++;
      } else if (working.length === 0) {
        counts.notWorkingDay++;
      } else {
        counts.measured++;
        for (const target of working) {
          const state = aggregate.targets[target.index] as TargetAggregate;
          addToHistogram(state.days, read.daysToNextSlot);
          const centres = state.centres ?? keyedRecord<number[]>();
          let histogram = ownValue(centres, read.centre);
          if (histogram === undefined) {
            histogram = [];
            setOwn(centres, read.centre, histogram);
          }
          addToHistogram(histogram, read.daysToNextSlot);
        }
      }
    }
  }
}

/**
 * Merges aggregates of disjoint parts of the input into the aggregate of the whole. The parts must
 * come from the same plan and period, and each must add up (see {@link reportFromAggregate}).
 *
 * @throws {ServicemaalError} `incompatible_aggregates` when plans, periods or targets differ, or a part does not add up.
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
  return rest.reduce(mergeTwo, first);
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
  return {
    ...a,
    counts: addCounts(a.counts, b.counts),
    ...mergeProblems(a, b),
    withoutTarget: addKeyedCounts(a.withoutTarget, b.withoutTarget),
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
        missingEvent: [...target.missingEvent, ...other.missingEvent],
        within: target.within.map((count, tier) => (count === null ? null : count + (other.within[tier] ?? 0))),
        pending: target.pending + other.pending,
      };
    }),
  };
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
    invalidCounts: addCounts(first.invalidCounts, second.invalidCounts),
    invalidOmitted: first.invalidOmitted + second.invalidOmitted + cut,
    maxProblems,
  };
}

/** The problem counts of an aggregate, counted from its list when it comes from an earlier version. */
export function problemsOf(aggregate: PlanAggregate): Pick<PlanAggregate, 'invalidCounts' | 'invalidOmitted' | 'maxProblems'> {
  const saved = aggregate as Partial<PlanAggregate>;
  if (saved.invalidCounts !== undefined && saved.invalidOmitted !== undefined && saved.maxProblems !== undefined) {
    return { invalidCounts: saved.invalidCounts, invalidOmitted: saved.invalidOmitted, maxProblems: saved.maxProblems };
  }
  const invalidCounts: Partial<Record<IssueCode, number>> = {};
  for (const problem of aggregate.invalid) invalidCounts[problem.code] = (invalidCounts[problem.code] ?? 0) + 1;
  return { invalidCounts, invalidOmitted: 0, maxProblems: null };
}

/** Orders invalid-record problems as one evaluation lists them: by input, then by position. */
function inInputOrder(invalid: InvalidRecord[]): InvalidRecord[] {
  // Array.prototype.sort is stable, so the problems of one record keep their order.
  return invalid.sort((x, y) => INPUT_KINDS.indexOf(x.input) - INPUT_KINDS.indexOf(y.input) || x.index - y.index);
}

/** The period to evaluate: the option, else the plan's period, else its year. */
export function resolvePeriodInput(plan: ServicePlan, period: PeriodInput | undefined): PeriodInput {
  if (period !== undefined) return period;
  if (plan.period !== null) return plan.period;
  if (plan.year !== null) return String(plan.year);
  return fail('invalid_period', `plan "${plan.id}" has no year or period: pass options.period`, ['period']);
}

