import type { ServicePlan } from '../targets/model.js';
import { aggregateInputs, aggregateSeries, type AggregateOptions, type EvaluationInputs, type SeriesOptions } from './aggregate.js';
import { dayNumberFromCivil, formatDayNumber } from '../dates/civil.js';
import { toDayNumber, type DateInput } from '../dates/parse.js';
import type { PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { CaseRecord } from './records.js';
import { assertObservationGaps, assertOptions } from './guards.js';
import { reportFromAggregate, type PlanReport, type ReportOptions } from './report.js';

/**
 * Options for {@link evaluatePlan}: the period, case types and record offsets of
 * {@link AggregateOptions}, and the group scoring rules of {@link ReportOptions}.
 *
 * @example
 * ```ts
 * const options: EvaluateOptions = { period: '2023-Q1', groupScoring: { '1.1': 'share-of-tiers' } };
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], options);
 * report.period; // { from: '2023-01-01', to: '2023-03-31', label: '2023-Q1' }
 * // A2 is decided after the quarter, so it is pending at its end.
 * report.counts; // { input: 2, measured: 1, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }
 * ```
 */
export interface EvaluateOptions extends AggregateOptions, ReportOptions {}

/**
 * Evaluates a plan: the compliance report for the period.
 *
 * `inputs` is an array (or iterable) of case records, or `{ cases, contacts, observations }` for
 * plans that also have waiting-time and appointment-availability targets. Records are validated one
 * by one; invalid ones are listed in `report.invalid` with input, index, id, field, code and
 * message, and never dropped silently. The counts of each input add up to its number of records.
 *
 * @example
 * ```ts
 * import { evaluatePlan, getPlan } from 'servicemaal';
 *
 * const report = evaluatePlan(
 *   getPlan('siri-2023'),
 *   [
 *     { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *     { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 *   ],
 *   { period: '2023' },
 * );
 * // 85 % within 31 days: A1 took 19 days, A2 45 days.
 * report.targets.find((t) => t.id === 'fast-track')?.tiers[0];
 * // { kind: 'share', limit: { amount: 31, unit: 'days' }, required: 0.85, measured: 2, within: 1, share: 0.5, needed: 2, met: false, … }
 * report.counts.measured; // 2
 * // A plan must come from getPlan() or definePlan(): plan JSON passed on directly is rejected.
 * evaluatePlan(JSON.parse('{ "id": "visa-2025", "targets": [] }'), []); // throws: code 'invalid_plan'
 * ```
 */
export function evaluatePlan(
  plan: ServicePlan,
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- CaseRecord names the expected shape in the declarations; any value is read, and reported when invalid
  inputs: Iterable<CaseRecord | unknown> | EvaluationInputs,
  options: EvaluateOptions = {},
): PlanReport {
  const byKind: EvaluationInputs = isIterable(inputs) ? { cases: inputs } : inputs;
  // Checked before the pass over the inputs, not after it.
  assertObservationGaps((options as Partial<EvaluateOptions> | null)?.observationGaps);
  return reportFromAggregate(plan, aggregateInputs(plan, byKind, options), options);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

/**
 * Options for {@link evaluateSeries}: the periods, case types and record offsets of
 * {@link SeriesOptions}, and the group scoring rules of {@link ReportOptions}.
 *
 * @example
 * ```ts
 * const options: SeriesEvaluateOptions = { periods: ['2023-Q1', '2023-Q2'], groupScoring: { '1.1': 'share-of-tiers' } };
 * const [q1, q2] = evaluateSeries(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], options);
 * // Fast-track: A1 (19 days) is decided in Q1, A2 (45 days) in Q2.
 * [q1?.targets[0]?.met, q2?.targets[0]?.met]; // [true, false]
 * ```
 */
export interface SeriesEvaluateOptions extends SeriesOptions, ReportOptions {}

/**
 * Evaluates a plan for several periods — quarters, half-years, the year to date, the full year —
 * in one pass over the inputs. Each report equals `evaluatePlan` with that period.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ];
 * const series = evaluateSeries(getPlan('siri-2023'), { cases }, {
 *   periods: reportingPeriods(2023, { asOf: '2023-09-30' }),
 *   groupScoring: { '1.1': 'share-of-tiers' },
 * });
 * series.map((report) => report.period.label);
 * // ['2023-Q1', '2023-Q2', '2023-Q3', '2023-H1', '2023-H2', '2023-01-01..2023-09-30', '2023']
 * series.map((report) => report.targets[0]?.measured); // [1, 1, 0, 2, 0, 2, 2]: fast-track cases decided in each period
 * ```
 */
export function evaluateSeries(
  plan: ServicePlan,
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- CaseRecord names the expected shape in the declarations; any value is read, and reported when invalid
  inputs: Iterable<CaseRecord | unknown> | EvaluationInputs,
  options: SeriesEvaluateOptions,
): PlanReport[] {
  const byKind: EvaluationInputs = isIterable(inputs) ? { cases: inputs } : inputs;
  assertObservationGaps((options as Partial<SeriesEvaluateOptions> | null)?.observationGaps);
  return aggregateSeries(plan, byKind, options).map((aggregate) => reportFromAggregate(plan, aggregate, options));
}

/**
 * The usual reporting periods of a year: the quarters and half-years that have begun by `asOf`
 * (all of them without `asOf`), the year to date (`{ from: 1 January, to: asOf }`) when `asOf` is
 * inside the year, and the whole year.
 *
 * @example
 * ```ts
 * reportingPeriods(2023, { asOf: '2023-08-15' });
 * // ['2023-Q1', '2023-Q2', '2023-Q3', '2023-H1', '2023-H2', { from: '2023-01-01', to: '2023-08-15' }, '2023']
 * ```
 */
export function reportingPeriods(year: number, options: { asOf?: DateInput } = {}): PeriodInput[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) fail('invalid_period', `year must be a whole number 1900–2199, got ${year}`, ['year']);
  assertOptions(options);
  const first = dayNumberFromCivil(year, 1, 1);
  const last = dayNumberFromCivil(year, 12, 31);
  const asOf = options.asOf === undefined ? last : toDayNumber(options.asOf, ['asOf']);
  const started = (month: number): boolean => dayNumberFromCivil(year, month, 1) <= asOf;
  const periods: PeriodInput[] = [];
  for (const quarter of [1, 2, 3, 4]) if (started(quarter * 3 - 2)) periods.push(`${year}-Q${quarter}`);
  for (const half of [1, 2]) if (started(half * 6 - 5)) periods.push(`${year}-H${half}`);
  if (asOf >= first && asOf < last) periods.push({ from: formatDayNumber(first), to: formatDayNumber(asOf) });
  periods.push(String(year));
  return periods;
}

