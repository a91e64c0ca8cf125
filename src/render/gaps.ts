/*
 * The gaps of observation targets as the renderers show them: per target a statement of the window,
 * the working days and the policy (docs/methodology.md, convention 13), and per centre a row with
 * the working days, the days observed, the gaps and their dates.
 */
import type { CentreCoverage, ObservationCoverage } from '../evaluate/coverage.js';
import type { PlanReport, TargetReport } from '../evaluate/report.js';
import { formatCount, type RenderLocale } from './format.js';

/** `2023-09-04..2023-09-08, 2023-09-12`: gap ranges, a single day as its date; `–` for none. */
export function gapDatesText(dates: CentreCoverage['gapDates']): string {
  if (dates === null) return 'not known';
  if (dates.length === 0) return '–';
  return dates.map((range) => (range.from === range.to ? range.from : `${range.from}..${range.to}`)).join(', ');
}

/** The observation targets of a report that apply, with their coverage. */
export function covered(report: PlanReport): { target: TargetReport; coverage: ObservationCoverage }[] {
  return report.targets.flatMap((target) => (target.coverage === undefined || target.coverage.window === null ? [] : [{ target, coverage: target.coverage }]));
}

/** How the gaps entered the shares, in words. */
export function policyText(coverage: ObservationCoverage): string {
  return coverage.policy === 'notWithin'
    ? "gaps count as not within (observationGaps 'notWithin'): the shares are of every working day"
    : "gaps are left out of the shares (observationGaps 'exclude'): the shares are of the days observed only";
}

/** One statement per observation target: its window, working days, centre-days observed and gaps, and the policy. */
export function coverageStatements(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const count = (value: number): string => formatCount(value, locale);
  return covered(report).map(({ target, coverage }) => {
    const window = coverage.window as { from: string; to: string };
    const head = `${target.id}: ${window.from}..${window.to}, ${count(coverage.workingDays)} working day${coverage.workingDays === 1 ? '' : 's'} per centre`;
    if (coverage.observed === 0) return `${head}; no observation in the window: nothing measured, every working day is a gap.`;
    const centres =
      coverage.centresFrom === 'weights'
        ? `${count(coverage.centres.length)} centres of the plan`
        : `${count(coverage.centres.length)} centre${coverage.centres.length === 1 ? '' : 's'} observed (the plan weighs none, so the centres are those observed)`;
    const unknown = coverage.datesKnown ? '' : ' The dates of the gaps are not known: the aggregate was saved without the observed days (an earlier version); their number is.';
    return `${head}; ${centres}: ${count(coverage.observed)} centre-day${coverage.observed === 1 ? '' : 's'} observed, ${count(coverage.gaps)} gap${coverage.gaps === 1 ? '' : 's'}; ${policyText(coverage)}.${unknown}`;
  });
}

/** Rows of target, centre, working days, observed, gaps and gap dates, for targets with an observation in their window. */
export function coverageRows(report: PlanReport, locale: RenderLocale | undefined): string[][] {
  const count = (value: number): string => formatCount(value, locale);
  return covered(report)
    .filter(({ coverage }) => coverage.observed > 0)
    .flatMap(({ target, coverage }) =>
      coverage.centres.map((centre, index) => [
        index === 0 ? target.id : '',
        centre.centre,
        count(centre.workingDays),
        count(centre.observed),
        count(centre.gaps),
        gapDatesText(centre.gapDates),
      ]),
    );
}

/** The gap dates of a target's centres in one CSV cell: `Valby: 2023-09-06..2023-09-07; Aarhus: 2023-09-04`. */
export function gapDatesCell(coverage: ObservationCoverage): string {
  if (!coverage.datesKnown) return 'not known';
  return coverage.centres
    .filter((centre) => centre.gaps > 0)
    .map((centre) => `${centre.centre}: ${gapDatesText(centre.gapDates)}`)
    .join('; ');
}
