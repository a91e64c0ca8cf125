import type { ServicePlan } from '../targets/model.js';
import { aggregateInputs, type AggregateOptions, type EvaluationInputs } from './aggregate.js';
import type { CaseRecord } from './records.js';
import { reportFromAggregate, type PlanReport, type ReportOptions } from './report.js';

/** Options for {@link evaluatePlan}. */
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
 * report.targets.find((t) => t.id === 'fast-track')?.tiers[0]?.share; // 0.5
 * ```
 */
export function evaluatePlan(
  plan: ServicePlan,
  inputs: Iterable<CaseRecord | unknown> | EvaluationInputs,
  options: EvaluateOptions = {},
): PlanReport {
  const byKind: EvaluationInputs = isIterable(inputs) ? { cases: inputs } : inputs;
  return reportFromAggregate(plan, aggregateInputs(plan, byKind, options), options);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}
