import type { CalendarInput } from '../targets/schema.js';
import type { PeriodInput } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { CaseTypesOption } from '../evaluate/compile.js';
import { evaluatePlan } from '../evaluate/evaluate.js';
import type { Counts } from '../evaluate/aggregate.js';
import type { Stats } from '../evaluate/stats.js';
import { definePlan } from '../targets/define.js';

/** Options for {@link processingTimes}. */
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

/** Processing times of a group of case types decided in a period. */
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
 * const { stats } = processingTimes(cases, { period: '2023', areas: ['erhverv'] });
 * stats.median; stats.p90;
 * ```
 */
export function processingTimes(cases: Iterable<unknown>, options: ProcessingTimesOptions): ProcessingTimes {
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
