import { formatDayNumber } from '../dates/civil.js';
import { addMonths } from '../dates/months.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { clockDay, compilePlan, resolveRegistry, type CaseTypesOption } from './compile.js';
import { addToHistogram, mergeHistograms } from './histogram.js';
import { readCaseRecord, type InvalidRecord } from './records.js';

/** How many input records ended in each bucket. `input` is the sum of the other five. */
export interface Counts {
  input: number;
  measured: number;
  pending: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/** The mergeable state of one target. */
export interface TargetAggregate {
  id: string;
  /** The case types the target covered in this evaluation (explicit ones and those of its areas). */
  caseTypes: string[];
  /** Histogram of elapsed calendar days of measured cases that have both clock events. */
  days: number[];
  /** Ids of measured cases lacking a clock event (DOMAIN.md convention 10): never within. */
  missingEvent: string[];
  /** Per tier, cases within for tiers not read from `days` (month limits); `null` for day tiers. */
  within: (number | null)[];
  /** Cases the target covers that are pending at the end of the period. */
  pending: number;
}

/**
 * The exact, JSON-serialisable state of an evaluation before it becomes a report. Aggregates of
 * disjoint parts of the input (months, shards, files) merge with {@link mergeAggregates} into the
 * aggregate of the whole.
 */
export interface PlanAggregate {
  format: 'servicemaal.aggregate';
  version: 1;
  plan: string;
  period: { from: string; to: string; label: string };
  counts: Counts;
  invalid: InvalidRecord[];
  /** Cases without a target, by case type. */
  withoutTarget: Record<string, number>;
  /** One entry per plan target, in plan order. */
  targets: TargetAggregate[];
}

/** Options for {@link aggregateCases} and `evaluatePlan`. */
export interface AggregateOptions {
  /** Measurement period (default: the plan's period, else its year). */
  period?: PeriodInput;
  /** Further case types (e.g. new business schemes), or a whole registry. */
  caseTypes?: CaseTypesOption;
  /** Added to record positions in `invalid` (for shards of a larger input). */
  indexOffset?: number;
}

/**
 * Runs the counting conventions over case records and returns the mergeable aggregate.
 *
 * Every record lands in exactly one bucket, checked in this order: `invalid`, `withoutTarget`
 * (no target of the plan covers its case type), `measured` (decided inside the period), `pending`
 * (applied on or before the period's last day and not decided by it), `outOfPeriod`.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const january = aggregateCases(plan, januaryCases, { period: '2024' });
 * const february = aggregateCases(plan, februaryCases, { period: '2024', indexOffset: januaryCases.length });
 * const report = reportFromAggregate(plan, mergeAggregates(january, february));
 * ```
 */
export function aggregateCases(
  plan: ServicePlan,
  cases: Iterable<unknown>,
  options: AggregateOptions = {},
): PlanAggregate {
  assertPlan(plan);
  if (cases === null || typeof (cases as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    fail('invalid_option', 'cases must be an array (or other iterable) of case records', ['cases']);
  }
  const period = resolvePeriod(plan, options.period);
  const compiled = compilePlan(plan, resolveRegistry(options.caseTypes));
  const offset = options.indexOffset ?? 0;
  const targets: TargetAggregate[] = plan.targets.map((target) => ({
    id: target.id,
    caseTypes: compiled.caseTypesOf(target),
    days: [],
    missingEvent: [],
    within: target.tiers.map((tier) => (tier.limit.unit === 'days' ? null : 0)),
    pending: 0,
  }));
  const counts: Counts = { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 };
  const invalid: InvalidRecord[] = [];
  const withoutTarget: Record<string, number> = {};

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
    const covering = compiled.targetsFor(read.caseType);
    if (covering.length === 0) {
      counts.withoutTarget++;
      withoutTarget[read.caseType] = (withoutTarget[read.caseType] ?? 0) + 1;
      continue;
    }
    const reversed = covering.find((t) => {
      const clock = plan.targets[t]?.clock;
      if (clock === undefined || clock.start === 'applied') return false;
      const start = clockDay(read, clock.start);
      const stop = clockDay(read, clock.stop);
      return start !== null && stop !== null && stop < start;
    });
    if (reversed !== undefined) {
      const clock = plan.targets[reversed]?.clock;
      counts.invalid++;
      invalid.push({
        index,
        id: read.id,
        field: clock?.stop ?? '',
        code: 'clock_reversed',
        message: `record ${index} (id ${read.id}): ${clock?.stop ?? ''} is before ${clock?.start ?? ''}, where target "${plan.targets[reversed]?.id ?? ''}" starts its clock`,
      });
      continue;
    }

    const decided = read.decided;
    if (decided !== null && decided >= period.from && decided <= period.to) {
      counts.measured++;
      for (const t of covering) {
        const target = plan.targets[t];
        const state = targets[t];
        if (target === undefined || state === undefined) continue;
        const start = clockDay(read, target.clock.start);
        const stop = clockDay(read, target.clock.stop);
        if (start === null || stop === null) {
          state.missingEvent.push(read.id);
          continue;
        }
        addToHistogram(state.days, stop - start);
        target.tiers.forEach((tier, i) => {
          if (tier.limit.unit === 'months' && stop <= addMonths(start, tier.limit.amount)) {
            state.within[i] = (state.within[i] ?? 0) + 1;
          }
        });
      }
    } else if (read.applied <= period.to && (decided === null || decided > period.to)) {
      counts.pending++;
      for (const t of covering) {
        const state = targets[t];
        if (state !== undefined) state.pending++;
      }
    } else {
      counts.outOfPeriod++;
    }
  }

  return {
    format: 'servicemaal.aggregate',
    version: 1,
    plan: plan.id,
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    counts,
    invalid,
    withoutTarget,
    targets,
  };
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

function mergeTwo(a: PlanAggregate, b: PlanAggregate): PlanAggregate {
  if (a.plan !== b.plan || a.period.from !== b.period.from || a.period.to !== b.period.to) {
    fail(
      'incompatible_aggregates',
      `cannot merge aggregates of ${b.plan} ${b.period.from}..${b.period.to} into ${a.plan} ${a.period.from}..${a.period.to}`,
    );
  }
  if (a.targets.length !== b.targets.length || a.targets.some((target, i) => target.id !== b.targets[i]?.id)) {
    fail('incompatible_aggregates', `the aggregates of ${a.plan} have different targets`);
  }
  const counts = { ...a.counts };
  for (const key of Object.keys(counts) as (keyof Counts)[]) counts[key] += b.counts[key];
  const withoutTarget = { ...a.withoutTarget };
  for (const [caseType, count] of Object.entries(b.withoutTarget)) {
    withoutTarget[caseType] = (withoutTarget[caseType] ?? 0) + count;
  }
  return {
    ...a,
    counts,
    invalid: [...a.invalid, ...b.invalid],
    withoutTarget,
    targets: a.targets.map((target, i) => {
      const other = b.targets[i] as TargetAggregate;
      return {
        id: target.id,
        caseTypes: [...new Set([...target.caseTypes, ...other.caseTypes])],
        days: mergeHistograms(target.days, other.days),
        missingEvent: [...target.missingEvent, ...other.missingEvent],
        within: target.within.map((count, tier) => (count === null ? null : count + (other.within[tier] ?? 0))),
        pending: target.pending + other.pending,
      };
    }),
  };
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
    candidate.targets.every((target) => typeof target === 'object' && target !== null && typeof target.clock === 'object' && Array.isArray(target.areas));
  if (!normalised) {
    fail('invalid_plan', 'expected a plan from definePlan() or getPlan(); pass plans written as JSON through definePlan() first', ['plan']);
  }
}

function resolvePeriod(plan: ServicePlan, period: PeriodInput | undefined) {
  if (period !== undefined) return parsePeriod(period);
  if (plan.period !== null) return parsePeriod(plan.period, ['plan', 'period']);
  if (plan.year !== null) return parsePeriod(String(plan.year));
  return fail('invalid_period', `plan "${plan.id}" has no year or period: pass options.period`, ['period']);
}
