import type { ServicePlan } from '../targets/model.js';
import { aggregateCases, type AggregateOptions } from './aggregate.js';
import type { CaseRecord } from './records.js';
import { reportFromAggregate, type PlanReport, type ReportOptions } from './report.js';

/** Options for {@link evaluatePlan}. */
export interface EvaluateOptions extends AggregateOptions, ReportOptions {}

/**
 * Evaluates a plan on case records: the compliance report for the period.
 *
 * Records are validated one by one; invalid ones are listed in `report.invalid` with index, id,
 * field, code and message, and never dropped silently. `counts` add up to the input count.
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
 * report.targets.find((t) => t.id === 'fast-track')?.tiers[0]?.share; // 0.5
 * ```
 */
export function evaluatePlan(
  plan: ServicePlan,
  cases: Iterable<CaseRecord | unknown>,
  options: EvaluateOptions = {},
): PlanReport {
  return reportFromAggregate(plan, aggregateCases(plan, cases, options), options);
}
