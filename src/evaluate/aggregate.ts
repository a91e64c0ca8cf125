import { formatDayNumber } from '../dates/civil.js';
import { addMonths } from '../dates/months.js';
import { parsePeriod, type Period, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { clockDay, compilePlan, measuresOn, resolveRegistry, type CaseTypesOption, type CompiledPlan, type CompiledTarget } from './compile.js';
import { readContactRecord } from './contacts.js';
import { addToHistogram, mergeHistograms } from './histogram.js';
import { readObservationRecord } from './observations.js';
import { readCaseRecord, type InputKind, type InvalidRecord, type ValidCase } from './records.js';

/** How many case records ended in each bucket. `input` is the sum of the other five. */
export interface Counts {
  input: number;
  measured: number;
  pending: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/** How many contact records ended in each bucket. `input` is the sum of the others. */
export interface ContactCounts {
  input: number;
  measured: number;
  /** Contacts that were never answered: they have no waiting time and are not measured. */
  unanswered: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/** How many observation records ended in each bucket. `input` is the sum of the others. */
export interface ObservationCounts {
  input: number;
  measured: number;
  /** Observations on days that are not working days (weekends, public holidays, closing days). */
  notWorkingDay: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/** The mergeable state of one target. Histograms count cases (or contacts, or centre-days) per value. */
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
  /** Days to the next slot per centre, for observation targets; otherwise `null`. */
  centres: Record<string, number[]> | null;
  /** Ids of measured cases lacking a clock event (DOMAIN.md convention 10): never within. */
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
 */
export interface PlanAggregate {
  format: 'servicemaal.aggregate';
  version: 2;
  plan: string;
  period: { from: string; to: string; label: string };
  /** Case records per bucket. */
  counts: Counts;
  /** Problems of invalid records of every input. */
  invalid: InvalidRecord[];
  /** Cases without a target, by case type. */
  withoutTarget: Record<string, number>;
  /** Contact records per bucket, and those without a target by channel. */
  contacts: { counts: ContactCounts; withoutTarget: Record<string, number> };
  /** Observation records per bucket, and those without a target by centre. */
  observations: { counts: ObservationCounts; withoutTarget: Record<string, number> };
  /** One entry per plan target, in plan order. */
  targets: TargetAggregate[];
}

/** The inputs of an evaluation. A bare array or iterable means case records. */
export interface EvaluationInputs {
  cases?: Iterable<unknown>;
  contacts?: Iterable<unknown>;
  observations?: Iterable<unknown>;
}

const INPUT_KINDS: readonly InputKind[] = ['cases', 'contacts', 'observations'];

/** Options for {@link aggregateInputs}, {@link aggregateCases} and `evaluatePlan`. */
export interface AggregateOptions {
  /** Measurement period (default: the plan's period, else its year). */
  period?: PeriodInput;
  /** Further case types (e.g. new business schemes), or a whole registry. */
  caseTypes?: CaseTypesOption;
  /**
   * Added to record positions in `invalid` (for shards of a larger input): a number for case
   * records, or one per input.
   */
  indexOffset?: number | Partial<Record<InputKind, number>>;
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
 * const aggregate = aggregateInputs(plan, { cases, contacts, observations }, { period: '2023' });
 * aggregate.contacts.counts.measured; // contacts measured by the phone target in 2023-H2
 * ```
 */
export function aggregateInputs(plan: ServicePlan, inputs: EvaluationInputs, options: AggregateOptions = {}): PlanAggregate {
  assertPlan(plan);
  for (const key of Object.keys(inputs)) {
    if (!INPUT_KINDS.includes(key as InputKind)) {
      fail('invalid_option', `unknown input "${key}": inputs are ${INPUT_KINDS.join(', ')}`, [key]);
    }
  }
  for (const kind of INPUT_KINDS) {
    const input = inputs[kind];
    if (input !== undefined && (input === null || typeof (input as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function')) {
      fail('invalid_option', `${kind} must be an array (or other iterable) of records`, [kind]);
    }
  }
  const period = resolvePeriod(plan, options.period);
  const compiled = compilePlan(plan, resolveRegistry(options.caseTypes), period);
  const offsets = typeof options.indexOffset === 'number' ? { cases: options.indexOffset } : (options.indexOffset ?? {});
  const aggregate: PlanAggregate = {
    format: 'servicemaal.aggregate',
    version: 2,
    plan: plan.id,
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    counts: { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 },
    invalid: [],
    withoutTarget: {},
    contacts: { counts: { input: 0, measured: 0, unanswered: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: {} },
    observations: { counts: { input: 0, measured: 0, notWorkingDay: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: {} },
    targets: compiled.targets.map(({ target, needsWorkingDays }) => ({
      id: target.id,
      caseTypes: target.input === 'cases' ? compiled.caseTypesOf(target) : [],
      days: [],
      workingDays: needsWorkingDays ? [] : null,
      seconds: target.input === 'contacts' ? [] : null,
      centres: target.input === 'observations' ? {} : null,
      missingEvent: [],
      within: target.tiers.map((tier) => (tier.limit.unit === 'months' ? 0 : null)),
      pending: 0,
    })),
  };
  if (inputs.cases !== undefined) aggregateCaseRecords(compiled, inputs.cases, offsets.cases ?? 0, aggregate);
  if (inputs.contacts !== undefined) aggregateContacts(compiled, inputs.contacts, offsets.contacts ?? 0, aggregate);
  if (inputs.observations !== undefined) aggregateObservations(compiled, inputs.observations, offsets.observations ?? 0, aggregate);
  return aggregate;
}

/**
 * {@link aggregateInputs} for case records only.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const january = aggregateCases(plan, januaryCases, { period: '2024' });
 * const february = aggregateCases(plan, februaryCases, { period: '2024', indexOffset: januaryCases.length });
 * const report = reportFromAggregate(plan, mergeAggregates(january, february));
 * ```
 */
export function aggregateCases(plan: ServicePlan, cases: Iterable<unknown>, options: AggregateOptions = {}): PlanAggregate {
  if (cases === null || typeof (cases as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    fail('invalid_option', 'cases must be an array (or other iterable) of case records', ['cases']);
  }
  return aggregateInputs(plan, { cases }, options);
}

function aggregateCaseRecords(compiled: CompiledPlan, cases: Iterable<unknown>, offset: number, aggregate: PlanAggregate): void {
  const { counts, invalid, withoutTarget, targets } = aggregate;
  const period = compiled.period;
  let index = offset - 1;
  for (const record of cases) {
    index++;
    counts.input++;
    const read = readCaseRecord(record, index, compiled.clockEvents);
    if (Array.isArray(read)) {
      counts.invalid++;
      invalid.push(...read);
      continue;
    }
    const covering = compiled.caseTargetsFor(read.caseType);
    if (covering.length === 0) {
      counts.withoutTarget++;
      withoutTarget[read.caseType] = (withoutTarget[read.caseType] ?? 0) + 1;
      continue;
    }
    const reversed = reversedClock(read, covering, index);
    if (reversed !== null) {
      counts.invalid++;
      invalid.push(reversed);
      continue;
    }

    const decided = read.decided;
    const measuring =
      decided !== null && decided >= period.from && decided <= period.to
        ? covering.filter((target) => measuresOn(target, decided, target.byApplication ? read.applied : decided))
        : [];
    if (measuring.length > 0) {
      counts.measured++;
      for (const target of measuring) measureCase(read, target, targets[target.index] as TargetAggregate);
    } else if (read.applied <= period.to && (decided === null || decided > period.to)) {
      counts.pending++;
    } else {
      counts.outOfPeriod++;
    }
    // A target's pending cases are those pending at the end of its own window.
    for (const target of covering) {
      const end = target.to;
      const key = target.byApplication ? read.applied : end + 1;
      if (read.applied <= end && (decided === null || decided > end) && key >= target.effectiveFrom && key < target.effectiveUntil) {
        (targets[target.index] as TargetAggregate).pending++;
      }
    }
  }
}

function reversedClock(read: ValidCase, covering: readonly CompiledTarget[], index: number): InvalidRecord | null {
  for (const { target } of covering) {
    if (target.clock.start === 'applied') continue;
    const start = clockDay(read, target.clock.start);
    const stop = clockDay(read, target.clock.stop);
    if (start !== null && stop !== null && stop < start) {
      return {
        input: 'cases',
        index,
        id: read.id,
        field: target.clock.stop,
        code: 'clock_reversed',
        message: `record ${index} (id ${read.id}): ${target.clock.stop} is before ${target.clock.start}, where target "${target.id}" starts its clock`,
      };
    }
  }
  return null;
}

function measureCase(read: ValidCase, compiled: CompiledTarget, state: TargetAggregate): void {
  const { target, calendar } = compiled;
  const start = clockDay(read, target.clock.start);
  const stop = clockDay(read, target.clock.stop);
  if (start === null || stop === null) {
    state.missingEvent.push(read.id);
    return;
  }
  let pausedDays = 0;
  let pausedWorkingDays = 0;
  if (target.subtractPauses && read.pauses !== null) {
    for (const [from, to] of read.pauses) {
      // The part of the pause inside the clock's run (start, stop].
      const low = Math.max(from, start);
      const high = Math.min(to ?? stop, stop);
      if (high <= low) continue;
      pausedDays += high - low;
      if (compiled.needsWorkingDays) pausedWorkingDays += calendar.workingDaysBetween(low, high);
    }
  }
  addToHistogram(state.days, stop - start - pausedDays);
  if (state.workingDays !== null) addToHistogram(state.workingDays, calendar.workingDaysBetween(start, stop) - pausedWorkingDays);
  if (compiled.monthTiers) {
    target.tiers.forEach((tier, i) => {
      if (tier.limit.unit === 'months' && stop - pausedDays <= addMonths(start, tier.limit.amount)) {
        state.within[i] = (state.within[i] ?? 0) + 1;
      }
    });
  }
}

function aggregateContacts(compiled: CompiledPlan, contacts: Iterable<unknown>, offset: number, aggregate: PlanAggregate): void {
  const { counts, withoutTarget } = aggregate.contacts;
  const period = compiled.period;
  let index = offset - 1;
  for (const record of contacts) {
    index++;
    counts.input++;
    const read = readContactRecord(record, index);
    if (Array.isArray(read)) {
      counts.invalid++;
      aggregate.invalid.push(...read);
      continue;
    }
    const covering = compiled.contactTargetsFor(read.channel);
    if (covering.length === 0) {
      counts.withoutTarget++;
      withoutTarget[read.channel] = (withoutTarget[read.channel] ?? 0) + 1;
      continue;
    }
    const measuring = read.day >= period.from && read.day <= period.to ? covering.filter((target) => measuresOn(target, read.day)) : [];
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

function aggregateObservations(compiled: CompiledPlan, observations: Iterable<unknown>, offset: number, aggregate: PlanAggregate): void {
  const { counts, withoutTarget } = aggregate.observations;
  const period = compiled.period;
  const seen = new Set<string>();
  let index = offset - 1;
  for (const record of observations) {
    index++;
    counts.input++;
    const read = readObservationRecord(record, index);
    if (Array.isArray(read)) {
      counts.invalid++;
      aggregate.invalid.push(...read);
      continue;
    }
    const key = `${read.centre}\u0000${read.day}`;
    if (seen.has(key)) {
      counts.invalid++;
      aggregate.invalid.push({
        input: 'observations',
        index,
        id: `${read.centre} ${formatDayNumber(read.day)}`,
        field: 'date',
        code: 'duplicate_record',
        message: `observation ${index} (id ${read.centre} ${formatDayNumber(read.day)}): date is observed twice for this centre`,
      });
      continue;
    }
    seen.add(key);
    const covering = compiled.observationTargetsFor(read.centre);
    if (covering.length === 0) {
      counts.withoutTarget++;
      withoutTarget[read.centre] = (withoutTarget[read.centre] ?? 0) + 1;
      continue;
    }
    const measuring = read.day >= period.from && read.day <= period.to ? covering.filter((target) => measuresOn(target, read.day)) : [];
    const working = measuring.filter((target) => target.calendar.isWorkingDay(read.day));
    if (measuring.length === 0) {
      counts.outOfPeriod++;
    } else if (working.length === 0) {
      counts.notWorkingDay++;
    } else {
      counts.measured++;
      for (const target of working) {
        const state = aggregate.targets[target.index] as TargetAggregate;
        addToHistogram(state.days, read.daysToNextSlot);
        const centres = state.centres ?? {};
        addToHistogram((centres[read.centre] ??= []), read.daysToNextSlot);
      }
    }
  }
}

/**
 * Merges aggregates of disjoint parts of the input into the aggregate of the whole. The parts must
 * come from the same plan and period.
 *
 * @throws {ServicemaalError} `incompatible_aggregates` when plans, periods or targets differ.
 * @example
 * ```ts
 * const whole = mergeAggregates(firstHalf, secondHalf);
 * whole.counts.input === firstHalf.counts.input + secondHalf.counts.input; // true
 * ```
 */
export function mergeAggregates(first: PlanAggregate, ...rest: PlanAggregate[]): PlanAggregate {
  return rest.reduce(mergeTwo, first);
}

function addCounts<T extends object>(a: T, b: T): T {
  const sum = { ...a } as Record<string, number>;
  for (const [key, value] of Object.entries(b as Record<string, number>)) sum[key] = (sum[key] ?? 0) + value;
  return sum as T;
}

function mergeHistogramMaps(a: Record<string, number[]>, b: Record<string, number[]>): Record<string, number[]> {
  const merged = { ...a };
  for (const [key, histogram] of Object.entries(b)) merged[key] = mergeHistograms(merged[key] ?? [], histogram);
  return merged;
}

function mergeOptional<T>(a: T | null, b: T | null, merge: (a: T, b: T) => T): T | null {
  return a === null || b === null ? (a ?? b) : merge(a, b);
}

function mergeTwo(a: PlanAggregate, b: PlanAggregate): PlanAggregate {
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
    invalid: inInputOrder([...a.invalid, ...b.invalid]),
    withoutTarget: addCounts(a.withoutTarget, b.withoutTarget),
    contacts: { counts: addCounts(a.contacts.counts, b.contacts.counts), withoutTarget: addCounts(a.contacts.withoutTarget, b.contacts.withoutTarget) },
    observations: {
      counts: addCounts(a.observations.counts, b.observations.counts),
      withoutTarget: addCounts(a.observations.withoutTarget, b.observations.withoutTarget),
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

/** Orders invalid-record problems as one evaluation lists them: by input, then by position. */
function inInputOrder(invalid: InvalidRecord[]): InvalidRecord[] {
  // Array.prototype.sort is stable, so the problems of one record keep their order.
  return invalid.sort((x, y) => INPUT_KINDS.indexOf(x.input) - INPUT_KINDS.indexOf(y.input) || x.index - y.index);
}

/** Guards against plans that did not go through `definePlan` (e.g. JSON passed on directly). */
function assertPlan(plan: ServicePlan): void {
  const candidate = plan as Partial<ServicePlan> | null;
  const normalised =
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.targets) &&
    Array.isArray(candidate.groups) &&
    Array.isArray(candidate.notEvaluable) &&
    candidate.targets.every(
      (target) => typeof target === 'object' && target !== null && typeof target.clock === 'object' && typeof target.effective === 'object',
    );
  if (!normalised) {
    fail('invalid_plan', 'expected a plan from definePlan() or getPlan(); pass plans written as JSON through definePlan() first', ['plan']);
  }
}

function resolvePeriod(plan: ServicePlan, period: PeriodInput | undefined): Period {
  if (period !== undefined) return parsePeriod(period);
  if (plan.period !== null) return parsePeriod(plan.period, ['plan', 'period']);
  if (plan.year !== null) return parsePeriod(String(plan.year));
  return fail('invalid_period', `plan "${plan.id}" has no year or period: pass options.period`, ['period']);
}

