import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, formatDayNumber, type DayNumber } from '../dates/civil.js';
import { toDayNumber, type DateInput } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import { measuringTargets, type CaseTypesOption } from '../evaluate/compile.js';
import { assertIterable, assertOptions, assertPlan } from '../evaluate/guards.js';
import { createIntake } from '../evaluate/intake.js';
import { resolvePeriodInput } from '../evaluate/model.js';
import type { ValidCase } from '../evaluate/records.js';
import type { ServicePlan } from '../targets/model.js';
import { compileAt } from './pending.js';

/**
 * The expected inflow of a forecast: a number of cases for every case target, a number per target
 * id (the targets not named are estimated from the data), or `'none'` (no further cases). Without
 * it, {@link estimateInflow} estimates it from the data.
 *
 * @example
 * ```ts
 * const given: InflowOption = { 'fast-track': 120, landbrug: 30 };
 * estimateInflow(getPlan('siri-2023'), [], { asOf: '2023-09-30', inflow: given }).map((entry) => entry.cases).slice(0, 3); // [120, 30, 0]
 * ```
 */
export type InflowOption = number | Readonly<Record<string, number>> | 'none';

/**
 * Options for {@link estimateInflow}.
 *
 * @example
 * ```ts
 * const options: InflowEstimateOptions = { asOf: '2023-09-30', weeks: 4 };
 * // Fast-track: 2 applications in the last 4 weeks, 2/4 a week over the 92 days left: 6.6, so 7.
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-09-10' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-20', decided: '2023-09-25' },
 * ];
 * estimateInflow(getPlan('siri-2023'), cases, options)[0]?.cases; // 7
 * ```
 */
export interface InflowEstimateOptions {
  /** The day of the forecast (end of day): cases applied after it are the inflow. */
  asOf: DateInput;
  /** The plan period (default: the plan's period, else its year). */
  period?: PeriodInput;
  /** Further case types, as for `evaluatePlan`. */
  caseTypes?: CaseTypesOption;
  /** The weeks before `asOf` whose applications give the recent weekly rate (default 8). */
  weeks?: number;
  /** The inflow given instead of the estimate, for every case target or some of them (see {@link InflowOption}). */
  inflow?: InflowOption;
}

/**
 * The inflow of one case target: the further cases expected to be applied for after `asOf` and
 * decided within the period, and how that number was found.
 *
 * - `previousYear`: the cases of the target applied for after the same day of the previous year
 *   and decided within that year's period (`from`..`to`, `observed` of them), when the data reaches
 *   back that far (its earliest application is on or before `from`);
 * - `recentRate`: else the applications of the last `weeks` weeks (`from`..`to`, `observed`) at
 *   their weekly rate over the `daysLeft` days left: `round(observed / weeks × daysLeft / 7)`;
 * - `given`: the number of the `inflow` option; `none`: `inflow: 'none'`;
 * - `ended`: the target measures no day after `asOf` (0).
 *
 * @example
 * ```ts
 * const [estimate]: TargetInflow[] = estimateInflow(getPlan('siri-2023'), [{ id: 'F1', caseType: 'fast-track', applied: '2023-09-10' }], { asOf: '2023-09-30' });
 * // 1 application in the 8 weeks from 6 August to 30 September, 1/8 a week over 92 days: 1.6, so 2.
 * estimate; // { targetId: 'fast-track', method: 'recentRate', cases: 2, observed: 1, from: '2023-08-06', to: '2023-09-30', weeks: 8, daysLeft: 92 }
 * ```
 */
export interface TargetInflow {
  targetId: string;
  method: 'previousYear' | 'recentRate' | 'given' | 'none' | 'ended';
  /** The cases expected. */
  cases: number;
  /** The cases counted in the window `from`..`to` the estimate rests on (`null` unless estimated). */
  observed: number | null;
  from: string | null;
  to: string | null;
  /** The weeks of the recent rate (`null` unless `recentRate`). */
  weeks: number | null;
  /** Days of the period left after `asOf` in which the target measures. */
  daysLeft: number;
}

/** The same day one year earlier (29 February: 28 February). */
function yearBefore(day: DayNumber): DayNumber {
  const { year, month, day: dayOfMonth } = civilFromDayNumber(day);
  return dayNumberFromCivil(year - 1, month, Math.min(dayOfMonth, daysInMonth(year - 1, month)));
}

/**
 * Estimates, from the data itself, how many further cases each case target of a plan will measure
 * in the rest of the period: those applied for after `asOf` and decided within the period. When
 * the data reaches back a year, the same stretch of the previous year is counted (cases applied
 * after the same day of the previous year and decided within that year's period); otherwise the
 * weekly rate of applications in the last `weeks` weeks is carried over the days left. A number or
 * `'none'` in `inflow` replaces the estimate (see {@link TargetInflow} for the methods).
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'P0', caseType: 'fast-track', applied: '2022-09-20', decided: '2022-09-25' }, // the data reaches back a year
 *   // 2022: applied after 30 September and decided within 2022
 *   { id: 'P1', caseType: 'fast-track', applied: '2022-10-03', decided: '2022-10-20' },
 *   { id: 'P2', caseType: 'fast-track', applied: '2022-11-14', decided: '2022-12-01' },
 *   { id: 'P3', caseType: 'fast-track', applied: '2022-12-20', decided: '2023-01-10' }, // decided the next year
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-09-15', decided: null },
 * ];
 * const [fastTrack] = estimateInflow(getPlan('siri-2023'), cases, { asOf: '2023-09-30' });
 * fastTrack; // { targetId: 'fast-track', method: 'previousYear', cases: 2, observed: 2, from: '2022-10-01', to: '2022-12-31', weeks: null, daysLeft: 92 }
 * // Without a year of data: 1 application in the last 8 weeks, 1/8 a week over 92 days: 1.6, so 2.
 * estimateInflow(getPlan('siri-2023'), cases.slice(4), { asOf: '2023-09-30' })[0]?.cases; // 2
 * estimateInflow(getPlan('siri-2023'), cases, { asOf: '2023-09-30', inflow: 'none' })[0]?.method; // 'none'
 * ```
 */
export function estimateInflow(plan: ServicePlan, cases: Iterable<unknown>, options: InflowEstimateOptions): TargetInflow[] {
  assertPlan(plan);
  assertIterable(cases, 'cases');
  assertOptions(options, false);
  const weeks = options.weeks ?? 8;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) fail('invalid_option', `weeks must be a whole number from 1 to 52, got ${String(weeks)}`, ['weeks']);
  const given = options.inflow;
  const badInflow = (): never => fail('invalid_option', "inflow must be a whole number ≥ 0, an object of them by target id, or 'none'", ['inflow']);
  const checkCount = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : badInflow());
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass any value
  if (given !== undefined && given !== 'none' && typeof given !== 'number' && (typeof given !== 'object' || given === null || Array.isArray(given))) badInflow();
  if (typeof given === 'number') checkCount(given);
  const period = parsePeriod(resolvePeriodInput(plan, options.period), ['period']);
  const asOf = toDayNumber(options.asOf, ['asOf']);
  if (asOf < period.from || asOf > period.to) {
    fail('invalid_option', `asOf ${formatDayNumber(asOf)} is outside the period ${formatDayNumber(period.from)}..${formatDayNumber(period.to)}`, ['asOf']);
  }
  const compiled = compileAt(plan, options.caseTypes, asOf);
  const caseTargets = compiled.targets.filter((target) => target.target.input === 'cases');
  const previousFrom = yearBefore(asOf) + 1;
  const previousTo = yearBefore(period.to);
  const recentFrom = asOf - 7 * weeks + 1;
  const previous = new Map<number, number>();
  const recent = new Map<number, number>();
  let earliest = Number.POSITIVE_INFINITY;
  const observe = (read: ValidCase): void => {
    earliest = Math.min(earliest, read.applied);
    const inPrevious = read.applied >= previousFrom && read.applied <= previousTo && read.decided !== null && read.decided <= previousTo;
    const inRecent = read.applied >= recentFrom && read.applied <= asOf;
    if (!inPrevious && !inRecent) return;
    for (const target of measuringTargets(compiled, read)) {
      if (inPrevious) previous.set(target.index, (previous.get(target.index) ?? 0) + 1);
      if (inRecent) recent.set(target.index, (recent.get(target.index) ?? 0) + 1);
    }
  };
  createIntake(null, { onCase: observe, maxProblems: 1 }).addAll('cases', cases);
  const reachesBack = earliest <= previousFrom;

  return caseTargets.map((compiledTarget): TargetInflow => {
    const { target, index } = compiledTarget;
    const own = target.period === null ? period : parsePeriod(target.period);
    const daysLeft = Math.max(0, Math.min(own.to, period.to) - asOf);
    const base = { targetId: target.id, observed: null, from: null, to: null, weeks: null, daysLeft };
    const named = typeof given === 'object' && Object.hasOwn(given, target.id) ? checkCount(given[target.id]) : undefined;
    if (daysLeft === 0) return { ...base, method: 'ended', cases: 0 };
    if (given === 'none') return { ...base, method: 'none', cases: 0 };
    if (typeof given === 'number') return { ...base, method: 'given', cases: given };
    if (named !== undefined) return { ...base, method: 'given', cases: named };
    if (reachesBack) {
      const observed = previous.get(index) ?? 0;
      return { ...base, method: 'previousYear', cases: observed, observed, from: formatDayNumber(previousFrom), to: formatDayNumber(previousTo) };
    }
    const observed = recent.get(index) ?? 0;
    return {
      ...base,
      method: 'recentRate',
      cases: Math.round((observed * daysLeft) / (7 * weeks)),
      observed,
      from: formatDayNumber(recentFrom),
      to: formatDayNumber(asOf),
      weeks,
    };
  });
}
