import { formatDayNumber } from '../dates/civil.js';
import type { PeriodInput } from '../dates/periods.js';
import { parsePeriod } from '../dates/periods.js';
import { fail } from '../errors.js';
import { resolvePeriodInput } from '../evaluate/model.js';
import { dueDay, runClock, withinMonths } from '../evaluate/clock.js';
import { clockDay, compilePlan, measuresOn, measuringTargets, resolveRegistry, type CaseTypesOption, type CompiledPlan, type CompiledTarget } from '../evaluate/compile.js';
import { assertIterable, assertOptions, assertPlan } from '../evaluate/guards.js';
import { createIntake } from '../evaluate/intake.js';
import type { ValidCase } from '../evaluate/records.js';
import type { Limit, ServicePlan, Tier } from '../targets/model.js';

/**
 * Options for {@link explainTier}.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ];
 * const options: ExplainOptions = { target: 'fast-track', outcome: 'all' };
 * [...explainTier(getPlan('siri-2023'), cases, options)].map((entry) => [entry.id, entry.within]); // [['A1', true], ['A2', false]]
 * ```
 */
export interface ExplainOptions {
  /** The target's id. */
  target: string;
  /** Position of the tier in the target (default 0). */
  tier?: number;
  period?: PeriodInput;
  caseTypes?: CaseTypesOption;
  /** Which measured cases to list: those that `missed` (default), those `within`, or `all`. */
  outcome?: 'missed' | 'within' | 'all';
}

/**
 * One measured case of a tier, as an auditor checks it against the case system.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ];
 * const [miss]: ExplainedCase[] = [...explainTier(getPlan('siri-2023'), cases, { target: 'fast-track', period: '2023' })];
 * miss;
 * // { index: 1, id: 'A2', caseType: 'fast-track', start: '2023-03-01', stop: '2023-04-15', elapsed: 45, dueDate: '2023-04-01',
 * //   within: false, limit: { amount: 31, unit: 'days' } }
 * ```
 */
export interface ExplainedCase {
  /** Position of the record in the input. */
  index: number;
  id: string;
  caseType: string;
  /** The day the clock started and stopped (`null` when the stop event is missing). */
  start: string;
  stop: string | null;
  /** Elapsed time in the tier's unit (calendar days for month limits), pauses taken off; `null` when an event is missing. */
  elapsed: number | null;
  /** The last day still within the tier; `null` for waiting-time units. */
  dueDate: string | null;
  within: boolean;
  limit: Limit;
}

/**
 * Lists the measured cases of a case-target tier one by one — by default those that missed the
 * limit — without holding the input or the list in memory: a generator over the records (any
 * synchronous iterable, read lazily), so that an auditor can check any figure of a report against
 * the case system. The options are checked when it is called.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ];
 * const misses = [...explainTier(getPlan('siri-2023'), cases, { target: 'fast-track', period: '2023' })];
 * // A2 was due 31 days after 1 March and took 45 days.
 * misses.map((miss) => [miss.id, miss.elapsed, miss.dueDate]); // [['A2', 45, '2023-04-01']]
 * explainTier(getPlan('siri-2023'), cases, { target: 'fast' }); // throws: code 'invalid_option', not a case target
 * ```
 */
export function explainTier(plan: ServicePlan, cases: Iterable<unknown>, options: ExplainOptions): Generator<ExplainedCase> {
  assertPlan(plan);
  assertIterable(cases, 'cases');
  assertOptions(options, false);
  const period = parsePeriod(resolvePeriodInput(plan, options.period));
  const compiled = compilePlan(plan, resolveRegistry(options.caseTypes), period);
  const target = compiled.targets.find((candidate) => candidate.target.id === options.target);
  if (target === undefined || target.target.input !== 'cases') {
    const ids = compiled.targets.filter((candidate) => candidate.target.input === 'cases').map((candidate) => candidate.target.id);
    return fail('invalid_option', `"${options.target}" is not a case target of ${plan.id} (case targets: ${ids.join(', ')})`, ['target']);
  }
  const tierIndex = options.tier ?? 0;
  const tier = target.target.tiers[tierIndex];
  if (tier === undefined) return fail('invalid_option', `target "${options.target}" has no tier ${tierIndex}`, ['tier']);
  const outcome = options.outcome ?? 'missed';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript caller may pass any value: String() shows even a symbol, where a template literal throws
  if (!['missed', 'within', 'all'].includes(outcome)) fail('invalid_option', `outcome must be "missed", "within" or "all", not "${String(outcome)}"`, ['outcome']);
  // Options are checked above, when called; the cases are read lazily below.
  return listCases(plan, options, compiled, target, tierIndex, cases, outcome);
}

function* listCases(
  plan: ServicePlan,
  options: ExplainOptions,
  compiled: CompiledPlan,
  target: CompiledTarget,
  tierIndex: number,
  cases: Iterable<unknown>,
  outcome: 'missed' | 'within' | 'all',
): Generator<ExplainedCase> {
  const period = compiled.period;
  const tier = target.target.tiers[tierIndex] as Tier;
  // The records go through an intake, which validates each once; its valid cases come back here.
  const valid: { read: ValidCase; index: number }[] = [];
  const intake = createIntake(plan, {
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to) },
    ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
    onCase: (read, index) => { valid.push({ read, index }); },
  });
  for (const record of cases) {
    intake.add('cases', record);
    const next = valid.pop();
    if (next === undefined) continue;
    const { read, index } = next;
    if (!measuringTargets(compiled, read).includes(target)) continue;
    const decided = read.decided;
    if (decided === null || decided < period.from || decided > period.to) continue;
    if (!measuresOn(target, decided, target.byApplication ? read.applied : decided)) continue;
    const run = runClock(read, target, null);
    let elapsed: number | null = null;
    let within = false;
    let due: number | null = null;
    if (run !== null) {
      due = dueDay(target, run, tier.limit);
      elapsed = tier.limit.unit === 'workingDays' ? run.workingDays : run.days;
      within = tier.limit.unit === 'months' ? withinMonths(run, tier.limit.amount) : elapsed !== null && elapsed <= tier.limit.amount;
    } else {
      // The stop event is missing (never within); the due date still follows from the start.
      const start = clockDay(read, target.target.clock.start);
      if (start !== null) due = dueDay(target, { start, stop: start, pausedDays: 0, pausedWorkingDays: 0, days: 0, workingDays: 0 }, tier.limit);
    }
    if (outcome === 'missed' && within) continue;
    if (outcome === 'within' && !within) continue;
    const start = run?.start ?? read.applied;
    yield {
      index,
      id: read.id,
      caseType: read.caseType,
      start: formatDayNumber(start),
      stop: run === null ? null : formatDayNumber(run.stop),
      elapsed,
      dueDate: due === null ? null : formatDayNumber(due),
      within,
      limit: tier.limit,
    };
  }
}
