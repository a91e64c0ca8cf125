import type { CalendarInput } from '../targets/schema.js';
import type { PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { CaseTypesOption } from '../evaluate/compile.js';
import { evaluatePlan } from '../evaluate/evaluate.js';
import { assertOptions } from '../evaluate/guards.js';
import type { Counts } from '../evaluate/aggregate.js';
import type { Stats } from '../evaluate/stats.js';
import { definePlan } from '../targets/define.js';

/**
 * Options for {@link processingTimes}.
 *
 * @example
 * ```ts
 * const options: ProcessingTimesOptions = { period: '2024', caseTypes: ['visa'], unit: 'workingDays' };
 * const cases = [{ id: 'V1', caseType: 'visa', applied: '2024-03-27', decided: '2024-04-02' }];
 * processingTimes(cases, options).stats.max; // 1: Maundy Thursday to Easter Monday are closed
 * ```
 */
export interface ProcessingTimesOptions {
  period: PeriodInput;
  /** The case types of the group (give these, `areas`, or both). */
  caseTypes?: readonly string[];
  /** Areas of the group: every case type of these areas in the case-type registry. */
  areas?: readonly string[];
  /** `days` (calendar days, default) or `workingDays`. */
  unit?: 'days' | 'workingDays';
  /** The calendar for working days (default: Danish public holidays). */
  calendar?: CalendarInput;
  /** Further case types with their areas. */
  registry?: CaseTypesOption;
}

/**
 * Processing times of a group of case types decided in a period.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'beloebsordning', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 *   { id: 'A3', caseType: 'studie', applied: '2023-03-01', decided: '2023-03-02' }, // not a business case type
 * ];
 * const times: ProcessingTimes = processingTimes(cases, { period: '2023', caseTypes: ['fast-track', 'beloebsordning'] });
 * times.counts; // { input: 3, measured: 2, pending: 0, outOfPeriod: 0, withoutTarget: 1, invalid: 0 }
 * times.stats.mean; // 32: (19 + 45) / 2
 * ```
 */
export interface ProcessingTimes {
  caseTypes: string[];
  period: { from: string; to: string; label: string };
  /** Records per bucket, for this group. */
  counts: Counts;
  /** Count, mean, median, p75, p90, p95, min and max processing time. */
  stats: Stats;
}

/**
 * The distribution of processing times (application → decision) for any group of case types, not
 * only a plan's targets: "90 % of the cases were decided within X days" is `stats.p90`.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'beloebsordning', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 *   { id: 'A3', caseType: 'studie', applied: '2023-03-01', decided: '2023-03-02' }, // not a business case type
 * ];
 * const { caseTypes, stats } = processingTimes(cases, { period: '2023', areas: ['erhverv'] });
 * caseTypes.includes('beloebsordning'); // true: every case type of the business area
 * [stats.count, stats.median, stats.p90, stats.max]; // [2, 19, 45, 45]
 * ```
 */
export function processingTimes(cases: Iterable<unknown>, options: ProcessingTimesOptions): ProcessingTimes {
  assertOptions(options, false);
  for (const name of ['caseTypes', 'areas'] as const) {
    const list: unknown = options[name];
    if (list !== undefined && (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))) fail('invalid_option', `${name} must be a list of names`, [name]);
  }
  const caseTypes = [...(options.caseTypes ?? [])];
  const areas = [...(options.areas ?? [])];
  if (caseTypes.length === 0 && areas.length === 0) fail('invalid_option', 'give caseTypes or areas for the group', ['caseTypes']);
  const plan = definePlan({
    id: 'processing-times',
    title: 'Processing times',
    targets: [
      {
        id: 'group',
        label: 'Group',
        caseTypes,
        areas,
        ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
        tiers: [{ limit: { amount: 0, unit: options.unit ?? 'days' }, required: 0 }],
      },
    ],
  });
  const report = evaluatePlan(plan, cases, { period: options.period, ...(options.registry === undefined ? {} : { caseTypes: options.registry }) });
  const target = report.targets[0];
  const tier = target?.tiers[0];
  if (target === undefined || tier === undefined) return fail('invalid_option', 'no group to measure');
  return { caseTypes: target.caseTypes, period: report.period, counts: report.counts, stats: tier.stats };
}
