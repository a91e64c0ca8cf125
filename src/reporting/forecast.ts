import { formatDayNumber } from '../dates/civil.js';
import { toDayNumber, type DateInput } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import { resolvePeriodInput, type EvaluationInputs, type ObservationGaps } from '../evaluate/model.js';
import type { CaseTypesOption } from '../evaluate/compile.js';
import { evaluatePlan } from '../evaluate/evaluate.js';
import { assertGroupScoring, assertIterable, assertObservationGaps, assertOptions, assertPlan } from '../evaluate/guards.js';
import { ownValue } from '../evaluate/keys.js';
import { scoreScenario, type GroupScoringRule } from '../evaluate/report.js';
import { casesNeeded, meetsShare } from '../targets/share.js';
import type { Limit, ServicePlan } from '../targets/model.js';
import { dueDay } from '../evaluate/clock.js';
import { collectPending, compileAt } from './pending.js';

/**
 * Options for {@link forecastPlan}.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' }, // 19 days
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: null }, // open, due 16 October
 * ];
 * const options: ForecastOptions = { asOf: '2023-09-30', inflow: { 'fast-track': 2 } };
 * const tier = forecastPlan(getPlan('siri-2023'), cases, options).targets[0]?.tiers[0];
 * // 1 within so far, 1 open and 2 expected: at worst 1 of 4, at best 4 of 4; ⌈0.85 × 4⌉ − 1 = 3 still needed.
 * tier; // { inflow: 2, lower: 0.25, upper: 1, casesNeeded: 3, status: 'open', … }
 * ```
 */
export interface ForecastOptions {
  /** The day the forecast is made (end of day); inside the plan's period. */
  asOf: DateInput;
  /** The plan period to forecast (default: the plan's period, else its year). */
  period?: PeriodInput;
  /**
   * Further cases expected to be applied for after `asOf` and decided within the period: one number
   * for every case target, or a number per target id (default 0; only the object's own keys are
   * read). Used as a maximum for the bounds and as the expected number for the estimate.
   */
  inflow?: number | Readonly<Record<string, number>>;
  caseTypes?: CaseTypesOption;
  /** Scoring rules by group id, as for `evaluatePlan`, for the expected points. */
  groupScoring?: Readonly<Record<string, GroupScoringRule>>;
  /**
   * Observation targets, as for `evaluatePlan`: whether a working day up to `asOf` without an
   * observation of a centre counts as not within (`'notWithin'`, the default) or is left out
   * (`'exclude'`). The days after `asOf` are not yet gaps.
   */
  observationGaps?: ObservationGaps;
}

/**
 * The forecast of one tier.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' }, // 19 days
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: null }, // open, due 16 October
 * ];
 * const tier: TierForecast | undefined = forecastPlan(getPlan('siri-2023'), cases, { asOf: '2023-09-30' }).targets[0]?.tiers[0];
 * // 85 % within 31 days: F2 decides it (1 of 2 = 50 % if it misses, 2 of 2 if it makes it).
 * tier;
 * // { limit: { amount: 31, unit: 'days' }, label: '85 pct. afgøres inden 31 dage', required: 0.85, soFar: { measured: 1, within: 1, share: 1, mean: null },
 * //   open: { overdue: 0, possible: 1, settledWithin: 0 }, inflow: 0, lower: 0.5, upper: 1, estimate: 1, casesNeeded: 1, status: 'open' }
 * ```
 */
export interface TierForecast {
  limit: Limit;
  label: string | null;
  /** Required share, or `null` for a mean target. */
  required: number | null;
  /** Decided so far in the period: measured, within (or the mean), share. */
  soFar: { measured: number; within: number | null; share: number | null; mean: number | null };
  /** Open cases at `asOf` the tier will measure if decided in the period. */
  open: { overdue: number; possible: number; settledWithin: number };
  inflow: number;
  /** Guaranteed lowest share of the period (every open and expected case a miss); `null` when unknown. */
  lower: number | null;
  /** Guaranteed highest share (every still-possible and expected case in time, overdue ones not decided). */
  upper: number | null;
  /** Expected share (or mean): the share so far applied to the open and expected cases. */
  estimate: number | null;
  /**
   * How many of the still-possible and expected cases must be decided in time, if the overdue ones
   * are not decided in the period (each one that is raises the need); 0 when met, or when none need
   * be in time while overdue cases decided in the period could still spoil the tier (`open`); `null`
   * when lost, when even the best case with the known and expected cases misses (only more
   * applications decided in time than expected could meet it), or unknown (every open case overdue,
   * nothing decided or expected).
   */
  casesNeeded: number | null;
  /**
   * `met`: met whatever happens; `lost`: cannot be met; `open`: depends on the rest of the period.
   * Certain whatever the inflow: `met` only if no case applied for after `asOf` can be late within
   * the period (its earliest due day is the period's last day or later), `lost` only if no case
   * applied for after `asOf` can be measured (the last day, or the target's window has ended) or
   * all must be in time (100 % required).
   */
  status: 'met' | 'lost' | 'open';
}

/** A tier forecast with whether the estimate meets the requirement (exactly), for the points. */
type InternalForecast = TierForecast & { expected: boolean | null | 'as-is' };

/**
 * The forecast of one target.
 *
 * @example
 * ```ts
 * // SIRI 2020's EU target: 75 % within 1 day (10 points), 85 % within 31 (5), 98 % within 92 (5).
 * const cases = [
 *   { id: 'E1', caseType: 'eu', applied: '2020-06-01', decided: '2020-06-02' }, // 1 day
 *   { id: 'E2', caseType: 'eu', applied: '2020-06-29', decided: null }, // open: too late for 1 day, in time for the others
 * ];
 * const target: TargetForecast | undefined = forecastPlan(getPlan('siri-2020'), cases, { asOf: '2020-06-30' }).targets.find((candidate) => candidate.id === 'eu');
 * target?.tiers.map((tier) => [tier.open.overdue, tier.open.possible]); // [[1, 0], [0, 1], [0, 1]]
 * target?.tiers.map((tier) => tier.status); // ['open', 'open', 'open']
 * ```
 */
export interface TargetForecast {
  id: string;
  label: string;
  caseTypes: string[];
  tiers: TierForecast[];
}

/**
 * The year-end forecast of a plan.
 *
 * @example
 * ```ts
 * // SIRI 2020's EU target: 75 % within 1 day (10 points), 85 % within 31 (5), 98 % within 92 (5).
 * const cases = [
 *   { id: 'E1', caseType: 'eu', applied: '2020-06-01', decided: '2020-06-02' }, // 1 day
 *   { id: 'E2', caseType: 'eu', applied: '2020-06-29', decided: null }, // open: too late for 1 day, in time for the others
 * ];
 * const forecast: PlanForecast = forecastPlan(getPlan('siri-2020'), cases, { asOf: '2020-06-30' });
 * forecast.period; // { from: '2020-01-01', to: '2020-12-31' }
 * // At worst 0: no tier is certain yet. At best 20: every tier can still be met (the 1-day tier if
 * // E2 is not decided this year). Expected 10: 1 of 2 within 1 day misses 75 %, the other tiers are met.
 * forecast.points; // { lower: 0, upper: 20, estimate: 10 }
 * ```
 */
export interface PlanForecast {
  asOf: string;
  period: { from: string; to: string };
  targets: TargetForecast[];
  /** Points if only what is certain is met (`lower`), if everything still possible is met (`upper`), and expected. */
  points: { lower: number | null; upper: number | null; estimate: number | null };
}

/**
 * The expected result of the period ("forventet målopfyldelse") at a date inside it: for every tier,
 * guaranteed bounds for the period's share, a point estimate, how many cases are still needed, and
 * whether the requirement is already met or already lost; rolled up to points.
 *
 * The bounds hold for the cases known at `asOf` plus at most `inflow` further cases: the lower bound
 * counts every open case and every expected case as a miss, the upper bound counts the cases that
 * can still be decided in time (and the expected ones) as within and the overdue ones as not decided
 * in the period. The estimate applies the share so far to the open cases that can still make it and
 * to the expected ones, and counts overdue cases as misses. On the period's last day the bounds and
 * the estimate are the actual result.
 *
 * The status does not rest on `inflow`: a tier is `met` only if it holds whatever the number of
 * later applications (each one late, where a case applied the day after `asOf` can still be late
 * within the period), and `lost` only if no number of later applications decided in time could
 * save it. So a tier whose upper bound misses stays `open` while later applications can count.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' }, // 19 days
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: null }, // open, due 16 October
 * ];
 * const forecast = forecastPlan(getPlan('siri-2023'), cases, { asOf: '2023-09-30', groupScoring: { '1.1': 'share-of-tiers' } });
 * // Fast-track, 85 % within 31 days: 1 of 1 so far; F2 still open and in time.
 * forecast.targets[0]?.tiers[0]; // { lower: 0.5, upper: 1, estimate: 1, casesNeeded: 1, status: 'open', … }
 * // The other targets of 1.1 have nothing decided or open, so the group cannot be scored.
 * forecast.points; // { lower: null, upper: null, estimate: null }
 * ```
 */
export function forecastPlan(plan: ServicePlan, inputs: Iterable<unknown> | EvaluationInputs, options: ForecastOptions): PlanForecast {
  assertPlan(plan);
  assertOptions(options, false);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  if (typeof inputs !== 'object' || inputs === null) fail('invalid_option', 'inputs must be cases or { cases, contacts, observations }', ['inputs']);
  const { inflow: inflowOption } = options;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass any value
  if (inflowOption !== undefined && typeof inflowOption !== 'number' && (typeof inflowOption !== 'object' || inflowOption === null || Array.isArray(inflowOption))) {
    fail('invalid_option', 'inflow must be a whole number ≥ 0, or an object of them by target id', ['inflow']);
  }
  assertGroupScoring(options.groupScoring);
  assertObservationGaps(options.observationGaps);
  const period = parsePeriod(resolvePeriodInput(plan, options.period), ['period']);
  const asOf = toDayNumber(options.asOf, ['asOf']);
  if (asOf < period.from || asOf > period.to) {
    fail('invalid_option', `asOf ${formatDayNumber(asOf)} is outside the period ${formatDayNumber(period.from)}..${formatDayNumber(period.to)}`, ['asOf']);
  }
  const byKind: EvaluationInputs = Symbol.iterator in inputs ? { cases: inputs } : inputs;
  if (byKind.cases !== undefined) assertIterable(byKind.cases, 'cases');
  const cases = byKind.cases === undefined ? [] : Array.isArray(byKind.cases) ? byKind.cases : [...byKind.cases];
  const soFar = evaluatePlan(plan, { ...byKind, cases }, {
    period: { from: formatDayNumber(period.from), to: formatDayNumber(asOf) },
    ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
    ...(options.observationGaps === undefined ? {} : { observationGaps: options.observationGaps }),
  });
  const final = asOf === period.to;
  const compiled = final ? null : compileAt(plan, options.caseTypes, asOf);
  const { report: open, settled } = final
    ? { report: null, settled: null }
    : collectPending(plan, options.caseTypes, cases, asOf);

  const targets = soFar.targets.map((target, t): Omit<TargetForecast, 'tiers'> & { tiers: InternalForecast[] } => {
    const definition = plan.targets[t];
    const openTarget = open?.targets.find((candidate) => candidate.id === target.id);
    // Open cases count only if the target still measures days after asOf.
    const fullWindow = definition?.period === null || definition === undefined ? period : parsePeriod(definition.period);
    const stillMeasuring = !final && Math.min(fullWindow.to, period.to) > asOf && target.input === 'cases';
    const inflowFor = typeof inflowOption === 'number' ? inflowOption : ((inflowOption === undefined ? undefined : ownValue(inflowOption, target.id)) ?? 0);
    if (!Number.isInteger(inflowFor) || inflowFor < 0) fail('invalid_option', `inflow must be a whole number ≥ 0, got ${inflowFor}`, ['inflow']);
    const inflow = stillMeasuring ? inflowFor : 0;
    // Cases applied after asOf can be decided in time (a decision the next day is) while the target
    // measures days after asOf; they can be late only if the earliest of them, applied the day after
    // asOf, can pass its due day before the target stops measuring.
    const measuredTo = Math.min(fullWindow.to, period.to);
    const compiledTarget = stillMeasuring ? compiled?.targets.find((candidate) => candidate.index === t) : undefined;
    const lateLater = (limit: Limit): boolean => {
      if (compiledTarget === undefined) return false;
      const start = asOf + 1;
      const due = dueDay(compiledTarget, { start, stop: start, pausedDays: 0, pausedWorkingDays: 0, days: 0, workingDays: 0 }, limit);
      return due === null || due < measuredTo;
    };
    return {
      id: target.id,
      label: target.label,
      caseTypes: target.caseTypes,
      tiers: target.tiers.map((tier, i): InternalForecast => {
        const pending = stillMeasuring ? openTarget?.tiers[i] : undefined;
        const overdue = (pending?.overdue ?? 0) + (stillMeasuring ? (settled?.missed[t]?.[i] ?? 0) : 0);
        const possible = (pending?.pending ?? 0) - (pending?.overdue ?? 0);
        const settledWithin = stillMeasuring ? (settled?.within[t]?.[i] ?? 0) : 0;
        const base = { limit: tier.limit, label: tier.label, open: { overdue, possible, settledWithin }, inflow };
        if (tier.kind === 'mean') {
          const status = tier.met === null || !final ? 'open' : tier.met ? 'met' : 'lost';
          return { ...base, required: null, soFar: { measured: tier.measured, within: null, share: null, mean: tier.mean }, lower: null, upper: null, estimate: tier.mean, casesNeeded: null, status, expected: tier.met };
        }
        const { measured: d, within: w, required } = tier;
        const soFarShare = { measured: d, within: w, share: tier.share, mean: null };
        if (target.input !== 'cases') {
          // Waits and appointment availability have no open cases: known on the last day only.
          const status = !final || tier.met === null ? 'open' : tier.met ? 'met' : 'lost';
          const known = final ? tier.share : null;
          return { ...base, required, soFar: soFarShare, lower: known, upper: known, estimate: tier.share, casesNeeded: status === 'met' ? 0 : null, status, expected: 'as-is' };
        }
        const lowerDen = d + overdue + possible + inflow;
        const upperDen = d + possible + settledWithin + inflow;
        const all = lowerDen + settledWithin;
        if (upperDen === 0 && lowerDen === 0) {
          // Nothing decided, open or expected: nothing to forecast.
          return { ...base, required, soFar: soFarShare, lower: null, upper: null, estimate: null, casesNeeded: null, status: 'open', expected: null };
        }
        const lowerMet = meetsShare(w, lowerDen, required);
        const upperMet = meetsShare(w + possible + settledWithin + inflow, upperDen, required);
        // Certain only if it holds whatever the inflow: any number of later cases, each of them in
        // time, or (where one can still be late) each of them late.
        const unlimitedHits = stillMeasuring && required < 1;
        const unlimitedMisses = stillMeasuring && lateLater(tier.limit) && meetsShare(0, 1, required) !== true;
        const status = lowerMet === true && !unlimitedMisses ? 'met' : upperMet === false && !unlimitedHits ? 'lost' : 'open';
        // The estimate as an exact fraction: ((W + S)·D + W·(R + n)) / (D · all).
        const estimateNum = (w + settledWithin) * d + w * (possible + inflow);
        const estimateDen = d * all;
        // Cases needed, with the overdue ones not decided in the period (as the upper bound).
        const needed = casesNeeded(upperDen, required) - w - settledWithin;
        return {
          ...base,
          required,
          soFar: soFarShare,
          lower: lowerDen === 0 ? null : w / lowerDen,
          upper: upperDen === 0 ? null : (w + possible + settledWithin + inflow) / upperDen,
          estimate: estimateDen === 0 ? null : estimateNum / estimateDen,
          // With every open case overdue and nothing expected, the best case measures nothing: unknown.
          casesNeeded: status === 'met' ? 0 : status === 'lost' || upperDen === 0 || upperMet === false ? null : Math.max(0, needed),
          status,
          expected: status !== 'open' ? status === 'met' : estimateDen === 0 ? null : meetsShare(estimateNum, estimateDen, required),
        };
      }),
    };
  });

  const forecastOf = (id: string, tier: number): InternalForecast | undefined => targets.find((target) => target.id === id)?.tiers[tier];
  const rules = options.groupScoring ?? {};
  // Unknown tiers (nothing measured) earn nothing in any scenario; `open` ones are not certain.
  const scenario = (pick: (forecast: InternalForecast) => boolean | null | 'as-is') => (id: string, tier: number) => {
    const forecast = forecastOf(id, tier);
    return forecast === undefined || (forecast.estimate === null && forecast.lower === null && forecast.status === 'open') ? null : pick(forecast);
  };
  const points = {
    lower: scoreScenario(plan, soFar, scenario((forecast) => forecast.status === 'met'), rules).earned,
    upper: scoreScenario(plan, soFar, scenario((forecast) => forecast.status !== 'lost'), rules).earned,
    estimate: scoreScenario(plan, soFar, scenario((forecast) => forecast.expected ?? false), rules).earned,
  };
  return {
    asOf: formatDayNumber(asOf),
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to) },
    targets: targets.map((target) => ({ ...target, tiers: target.tiers.map(({ expected: _expected, ...tier }) => tier) })),
    points,
  };
}
