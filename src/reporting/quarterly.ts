import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, formatDayNumber, type DayNumber } from '../dates/civil.js';
import { toDayNumber, type DateInput } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { CaseTypesOption } from '../evaluate/compile.js';
import { evaluateSeries } from '../evaluate/evaluate.js';
import { assertOptions, assertPlan } from '../evaluate/guards.js';
import { resolvePeriodInput, type EvaluationInputs, type MissingAttributes, type ObservationGaps } from '../evaluate/model.js';
import type { GroupScoringRule, PlanReport, SuppliedResult } from '../evaluate/report.js';
import type { Limit, LimitUnit, ServicePlan } from '../targets/model.js';
import { backlogReport, type BacklogReport } from './backlog.js';
import { forecastPlan, type PlanForecast } from './forecast.js';
import { estimateInflow, type InflowOption, type TargetInflow } from './inflow.js';
import { pendingAt } from './pending.js';

/**
 * Options for {@link quarterlyReport}.
 *
 * @example
 * ```ts
 * const options: QuarterlyOptions = { asOf: '2023-09-30', atRiskDays: 20, inflow: 'none' };
 * const report = quarterlyReport(getPlan('siri-2023'), [{ id: 'F1', caseType: 'fast-track', applied: '2023-09-15' }], options);
 * // F1 is due on 16 October, 16 days on: within 20 days
 * report.atRisk.cases.map((entry) => [entry.id, entry.dueDate, entry.daysRemaining]); // [['F1', '2023-10-16', 16]]
 * ```
 */
export interface QuarterlyOptions {
  /** The day of the report (end of day): nothing later is known. */
  asOf: DateInput;
  /** The plan period (default: the plan's period, else its year); `asOf` must lie inside it. */
  period?: PeriodInput;
  /** The further cases expected: estimated from the data unless given (see {@link InflowOption}). */
  inflow?: InflowOption;
  /** The weeks of the recent weekly rate when the data does not reach back a year (default 8). */
  inflowWeeks?: number;
  /** Open cases due within this many days (and overdue ones) are at risk (default 14). */
  atRiskDays?: number;
  caseTypes?: CaseTypesOption;
  missingAttributes?: MissingAttributes;
  duplicates?: 'first' | 'last';
  observationGaps?: ObservationGaps;
  groupScoring?: Readonly<Record<string, GroupScoringRule>>;
  results?: Readonly<Record<string, SuppliedResult>>;
  /** The most problems listed (default 1,000; 0: all), as for `evaluatePlan`. */
  maxProblems?: number;
}

/**
 * One tier's result in a quarter or month: the cases measured, those within, the share (or the
 * mean of a mean target) and whether the requirement was met in that period alone.
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-07-01', decided: '2023-08-21' },
 * ], { asOf: '2023-09-30' });
 * const august: PeriodTier | undefined = report.months[7]?.targets[0]?.tiers[0];
 * august; // { measured: 2, within: 1, share: 0.5, mean: null, met: false }
 * ```
 */
export interface PeriodTier {
  measured: number;
  within: number | null;
  share: number | null;
  mean: number | null;
  met: boolean | null;
}

/**
 * A quarter or month of the report: up to `asOf` (`complete: false` for the one under way).
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [], { asOf: '2023-08-15' });
 * const quarter: ReportPeriod | undefined = report.quarters[2];
 * // the third quarter, cut at 15 August
 * [quarter?.number, quarter?.from, quarter?.to, quarter?.complete]; // [3, '2023-07-01', '2023-08-15', false]
 * ```
 */
export interface ReportPeriod {
  kind: 'quarter' | 'month';
  year: number;
  /** The quarter (1–4) or month (1–12). */
  number: number;
  from: string;
  to: string;
  /** Whether the whole quarter or month lies on or before `asOf` (and inside the period). */
  complete: boolean;
  targets: { id: string; tiers: PeriodTier[] }[];
}

/**
 * An open case at risk: due within `atRiskDays` days of `asOf`, or overdue, for one tier.
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [{ id: 'F1', caseType: 'fast-track', applied: '2023-08-20' }], { asOf: '2023-09-30' });
 * const [entry]: AtRiskCase[] = report.atRisk.cases;
 * entry; // { id: 'F1', caseType: 'fast-track', targetId: 'fast-track', tier: 0, limit: { amount: 31, unit: 'days' }, applied: '2023-08-20', dueDate: '2023-09-20', daysRemaining: -10, overdue: true }
 * ```
 */
export interface AtRiskCase {
  id: string;
  caseType: string;
  targetId: string;
  tier: number;
  limit: Limit;
  applied: string;
  dueDate: string;
  daysRemaining: number;
  overdue: boolean;
}

/**
 * The at-risk counts of one tier: the cases open at `asOf` it will measure, those overdue, and
 * those due within `atRiskDays` days.
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20' }, // overdue since 20 September
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-10' }, // due 11 October, 11 days on
 *   { id: 'F3', caseType: 'fast-track', applied: '2023-09-29' }, // due 30 October
 * ], { asOf: '2023-09-30' });
 * const row: AtRiskTier | undefined = report.atRisk.tiers[0];
 * row; // { targetId: 'fast-track', tier: 0, limit: { amount: 31, unit: 'days' }, open: 3, overdue: 1, dueSoon: 1 }
 * ```
 */
export interface AtRiskTier {
  targetId: string;
  tier: number;
  limit: Limit;
  open: number;
  overdue: number;
  dueSoon: number;
}

/**
 * Processing times of one case target's decisions so far (its first tier's unit).
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-11' }, // 10 days
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-31' }, // 30 days
 * ], { asOf: '2023-09-30' });
 * const times: TargetTimes | undefined = report.processingTimes[0];
 * times; // { targetId: 'fast-track', unit: 'days', count: 2, mean: 20, median: 10, p90: 30 }
 * ```
 */
export interface TargetTimes {
  targetId: string;
  unit: Exclude<LimitUnit, 'months'>;
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * The points of one group so far and the scoring rule used: a rule's name, `'custom'` for a
 * function, `'target-weights'` when the targets carry the weights, or `null` (not scored).
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [], { asOf: '2023-09-30', groupScoring: { '1.1': 'share-of-tiers' } });
 * const groups: GroupPoints[] = report.points.groups;
 * groups.map((group) => [group.id, group.rule]); // [['1.1', 'share-of-tiers'], ['1.2', null]]
 * ```
 */
export interface GroupPoints {
  id: string;
  label: string;
  weight: number | null;
  points: number | null;
  rule: 'all-met' | 'share-of-tiers' | 'mean-score' | 'custom' | 'target-weights' | null;
}

/**
 * The quarterly report of a plan as of a day: plain data (JSON as it is), from which
 * {@link quarterlyDocument} builds the document in English or Danish.
 *
 * @example
 * ```ts
 * const report: QuarterlyReport = quarterlyReport(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' },
 * ], { asOf: '2023-09-30' });
 * report.quarters.map((quarter) => quarter.number); // [1, 2, 3]
 * ```
 */
export interface QuarterlyReport {
  asOf: string;
  period: { from: string; to: string; label: string };
  /** The period so far: the plan evaluated from the period's start to `asOf`. */
  yearToDate: PlanReport;
  /** Each quarter begun by `asOf`, cut at `asOf`. */
  quarters: ReportPeriod[];
  /** Each month begun by `asOf`, cut at `asOf`. */
  months: ReportPeriod[];
  /** The forecast to the period's end, with the inflow of {@link QuarterlyReport.inflow}. */
  forecast: PlanForecast;
  /** The inflow used per case target, and how it was found. */
  inflow: TargetInflow[];
  atRisk: { days: number; tiers: AtRiskTier[]; cases: AtRiskCase[] };
  /** Incoming, decided and pending cases of the plan's case types from the period's start to `asOf`. */
  backlog: BacklogReport;
  processingTimes: TargetTimes[];
  points: { earned: number | null; possible: number | null; groups: GroupPoints[]; forecast: PlanForecast['points'] };
}

/** The calendar quarters or months that overlap `from`..`to`, each cut to it. */
function slices(from: DayNumber, to: DayNumber, kind: 'quarter' | 'month', periodTo: DayNumber): { year: number; number: number; from: DayNumber; to: DayNumber; complete: boolean }[] {
  const found: { year: number; number: number; from: DayNumber; to: DayNumber; complete: boolean }[] = [];
  let { year, month } = civilFromDayNumber(from);
  if (kind === 'quarter') month -= (month - 1) % 3;
  const step = kind === 'quarter' ? 3 : 1;
  for (;;) {
    const start = dayNumberFromCivil(year, month, 1);
    if (start > to) break;
    const lastMonth = month + step - 1;
    const end = dayNumberFromCivil(year, lastMonth, daysInMonth(year, lastMonth));
    found.push({
      year,
      number: kind === 'quarter' ? (month + 2) / 3 : month,
      from: Math.max(start, from),
      to: Math.min(end, to),
      complete: start >= from && end <= to && end <= periodTo,
    });
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return found;
}

/** The name of a group's rule, for the report. */
function ruleName(rule: GroupScoringRule | undefined, scoring: 'target-weights' | 'rule' | null): GroupPoints['rule'] {
  if (typeof rule === 'function') return 'custom';
  if (rule !== undefined) return rule;
  return scoring === 'target-weights' ? 'target-weights' : null;
}

/**
 * The quarterly report to the ministry as of a day: the period so far (shares per tier and target,
 * points with the scoring rule used), each quarter and month decided so far, the year-end forecast
 * ("forventet målopfyldelse": guaranteed bounds, estimate, cases still needed, status) with the
 * inflow estimated from the data itself ({@link estimateInflow}) unless given, the open cases at
 * risk (due within `atRiskDays` days, or overdue), the backlog, and processing times. Everything is
 * as known at the end of `asOf`; a status of `met` or `lost` holds whatever the inflow.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' }, // 19 days
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-10', decided: '2023-09-18' }, // 8 days
 *   { id: 'F3', caseType: 'fast-track', applied: '2023-09-15', decided: null }, // open, due 16 October
 *   { id: 'F4', caseType: 'fast-track', applied: '2023-08-10', decided: null }, // open, overdue since 10 September
 * ];
 * const report = quarterlyReport(getPlan('siri-2023'), cases, { asOf: '2023-09-30' });
 * report.months.filter((month) => month.targets[0]?.tiers[0]?.measured !== 0).map((month) => month.number); // [8, 9]
 * // Fast-track: 3 applications in the last 8 weeks (from 6 August), 3/8 a week over the 92 days left: 4.9, so 5.
 * report.inflow[0]; // { targetId: 'fast-track', method: 'recentRate', cases: 5, observed: 3, … }
 * // 2 within of 2 decided, F4 overdue, F3 still possible, 5 expected: at worst 2 of 9, at best 8 of 8
 * report.forecast.targets[0]?.tiers[0]; // { lower: 2 / 9, upper: 1, status: 'open', inflow: 5, … }
 * report.atRisk.cases.map((entry) => [entry.id, entry.daysRemaining]); // [['F4', -20]]
 * ```
 */
export function quarterlyReport(plan: ServicePlan, inputs: Iterable<unknown> | EvaluationInputs, options: QuarterlyOptions): QuarterlyReport {
  assertPlan(plan);
  assertOptions(options, false);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  if (typeof inputs !== 'object' || inputs === null) fail('invalid_option', 'inputs must be cases or { cases, contacts, observations }', ['inputs']);
  const atRiskDays = options.atRiskDays ?? 14;
  if (!Number.isInteger(atRiskDays) || atRiskDays < 0) fail('invalid_option', `atRiskDays must be a whole number ≥ 0, got ${String(atRiskDays)}`, ['atRiskDays']);
  const period = parsePeriod(resolvePeriodInput(plan, options.period), ['period']);
  const asOf = toDayNumber(options.asOf, ['asOf']);
  if (asOf < period.from || asOf > period.to) {
    fail('invalid_option', `asOf ${formatDayNumber(asOf)} is outside the period ${formatDayNumber(period.from)}..${formatDayNumber(period.to)}`, ['asOf']);
  }
  const byKind: EvaluationInputs = Symbol.iterator in inputs ? { cases: inputs } : inputs;
  // Every part reads the cases once: they are held as an array.
  const cases = byKind.cases === undefined ? [] : Array.isArray(byKind.cases) ? (byKind.cases as unknown[]) : [...byKind.cases];
  const all: EvaluationInputs = { ...byKind, cases };
  const shared = {
    ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
    ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }),
    ...(options.duplicates === undefined ? {} : { duplicates: options.duplicates }),
  };
  const groupScoring = options.groupScoring ?? {};

  const quarterSlices = slices(period.from, asOf, 'quarter', period.to);
  const monthSlices = slices(period.from, asOf, 'month', period.to);
  const toDate = { from: formatDayNumber(period.from), to: formatDayNumber(asOf) };
  const series = evaluateSeries(plan, all, {
    periods: [toDate, ...[...quarterSlices, ...monthSlices].map((slice) => ({ from: formatDayNumber(slice.from), to: formatDayNumber(slice.to) }))],
    groupScoring,
    ...shared,
    ...(options.missingAttributes === undefined ? {} : { missingAttributes: options.missingAttributes }),
    ...(options.observationGaps === undefined ? {} : { observationGaps: options.observationGaps }),
    ...(options.results === undefined ? {} : { results: options.results }),
  });
  const [yearToDate] = series;
  if (yearToDate === undefined) return fail('invalid_option', 'no report of the period so far');
  const periodOf = (kind: 'quarter' | 'month', offset: number) => (slice: (typeof quarterSlices)[number], i: number): ReportPeriod => {
    const report = series[offset + i] as PlanReport;
    return {
      kind,
      year: slice.year,
      number: slice.number,
      from: formatDayNumber(slice.from),
      to: formatDayNumber(slice.to),
      complete: slice.complete,
      targets: report.targets.map((target) => ({
        id: target.id,
        tiers: target.tiers.map((tier): PeriodTier =>
          tier.kind === 'share'
            ? { measured: tier.measured, within: tier.within, share: tier.share, mean: null, met: tier.met }
            : { measured: tier.measured, within: null, share: null, mean: tier.mean, met: tier.met },
        ),
      })),
    };
  };

  const inflow = estimateInflow(plan, cases, {
    asOf: formatDayNumber(asOf),
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to) },
    ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
    ...(options.inflowWeeks === undefined ? {} : { weeks: options.inflowWeeks }),
    ...(options.inflow === undefined ? {} : { inflow: options.inflow }),
  });
  const inflowByTarget = Object.create(null) as Record<string, number>;
  for (const entry of inflow) inflowByTarget[entry.targetId] = entry.cases;
  const forecast = forecastPlan(plan, all, {
    asOf: formatDayNumber(asOf),
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to) },
    inflow: inflowByTarget,
    groupScoring,
    ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
    ...(options.observationGaps === undefined ? {} : { observationGaps: options.observationGaps }),
  });

  const pending = pendingAt(plan, cases, { asOf: formatDayNumber(asOf), ...shared });
  const atRiskCases: AtRiskCase[] = [];
  const tierRows = new Map<string, AtRiskTier>();
  for (const target of pending.targets) {
    target.tiers.forEach((tier, index) => {
      tierRows.set(`${String(index)}:${target.id}`, { targetId: target.id, tier: index, limit: tier.limit, open: tier.pending, overdue: tier.overdue, dueSoon: 0 });
    });
  }
  for (const entry of pending.cases) {
    if (entry.dueDate === null || entry.daysRemaining === null || entry.daysRemaining > atRiskDays) continue;
    const row = tierRows.get(`${String(entry.tier)}:${entry.targetId}`);
    if (row !== undefined && !entry.overdue) row.dueSoon += 1;
    atRiskCases.push({
      id: entry.id,
      caseType: entry.caseType,
      targetId: entry.targetId,
      tier: entry.tier,
      limit: entry.limit,
      applied: entry.applied,
      dueDate: entry.dueDate,
      daysRemaining: entry.daysRemaining,
      overdue: entry.overdue,
    });
  }

  const caseTypes = new Set<string>();
  for (const target of yearToDate.targets) if (target.input === 'cases') for (const caseType of target.caseTypes) caseTypes.add(caseType);
  const backlog = backlogReport(cases, { period: toDate, include: [...caseTypes].sort(), ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }) });

  const processingTimes = yearToDate.targets.flatMap((target): TargetTimes[] => {
    const stats = target.input === 'cases' ? target.tiers[0]?.stats : undefined;
    return stats === undefined ? [] : [{ targetId: target.id, unit: stats.unit, count: stats.count, mean: stats.mean, median: stats.median, p90: stats.p90 }];
  });

  return {
    asOf: formatDayNumber(asOf),
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    yearToDate,
    quarters: quarterSlices.map(periodOf('quarter', 1)),
    months: monthSlices.map(periodOf('month', 1 + quarterSlices.length)),
    forecast,
    inflow,
    atRisk: { days: atRiskDays, tiers: [...tierRows.values()], cases: atRiskCases },
    backlog,
    processingTimes,
    points: {
      earned: yearToDate.points.earned,
      possible: yearToDate.points.possible,
      groups: yearToDate.groups.map((group) => ({
        id: group.id,
        label: group.label,
        weight: group.weight,
        points: group.points,
        rule: ruleName(Object.hasOwn(groupScoring, group.id) ? groupScoring[group.id] : undefined, group.scoring),
      })),
      forecast: forecast.points,
    },
  };
}
