/*
 * The days each service centre was observed, and the gaps: the working days of an observation
 * target's window without an observation (docs/methodology.md, convention 13). The aggregate keeps
 * the observed days per centre as sorted ranges of day numbers; the report derives the gaps.
 */
import { createCalendar } from '../calendar/calendar.js';
import { formatDayNumber, type DayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import { parsePeriod } from '../dates/periods.js';
import { fail } from '../errors.js';
import type { ServicePlan, ServiceTarget } from '../targets/model.js';
import { histogramCount } from './histogram.js';
import { keyedRecord, ownValue, setOwn } from './keys.js';
import type { ObservationGaps, TargetAggregate } from './model.js';

/** Inclusive ranges of day numbers, sorted, neither overlapping nor adjacent. */
type DayRanges = [DayNumber, DayNumber][];

/**
 * Adds a day to sorted ranges (in place), joining neighbouring ranges. Returns `false` when the day
 * is already in them.
 */
export function addDay(ranges: DayRanges, day: DayNumber): boolean {
  // The last range whose start is at most `day` (observations mostly come in date order: look there first).
  let low = 0;
  let high = ranges.length;
  const last = ranges[ranges.length - 1];
  if (last !== undefined && last[0] <= day) low = ranges.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ranges[middle] as [number, number])[0] <= day) low = middle + 1;
    else high = middle;
  }
  // ranges[low - 1] starts at or before day; ranges[low] starts after it.
  const before = ranges[low - 1];
  const after = ranges[low];
  if (before !== undefined && before[1] >= day) return false;
  const joinsBefore = before !== undefined && before[1] === day - 1;
  const joinsAfter = after !== undefined && after[0] === day + 1;
  if (joinsBefore && joinsAfter) {
    before[1] = after[1];
    ranges.splice(low, 1);
  } else if (joinsBefore) {
    before[1] = day;
  } else if (joinsAfter) {
    after[0] = day;
  } else {
    ranges.splice(low, 0, [day, day]);
  }
  return true;
}

/**
 * The union of two range lists, or the first day both hold (an observation of the same centre and
 * day in two parts, which one evaluation would have counted once).
 */
function unionRanges(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): { ranges: DayRanges } | { overlap: DayNumber } {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const ranges: DayRanges = [];
  for (const [from, to] of all) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && from <= last[1]) return { overlap: from };
    if (last !== undefined && from === last[1] + 1) last[1] = to;
    else ranges.push([from, to]);
  }
  return { ranges };
}

/**
 * Merges the observed days of two parts of the input, per centre. The same centre observed on the
 * same day in both parts is an error (`incompatible_aggregates`): one evaluation would have counted
 * the second observation as a duplicate, and the parts' histograms have counted it twice. Either
 * part saved without observed days (an earlier version) leaves the merge without them.
 */
export function mergeObservedDays(
  targetId: string,
  a: TargetAggregate['observedDays'] | undefined,
  b: TargetAggregate['observedDays'] | undefined,
): TargetAggregate['observedDays'] | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === null || b === null) return a ?? b;
  const merged = keyedRecord<[number, number][]>();
  for (const [centre, ranges] of Object.entries(a)) setOwn(merged, centre, ranges.map(([from, to]): [number, number] => [from, to]));
  for (const [centre, ranges] of Object.entries(b)) {
    const union = unionRanges(ownValue(merged, centre) ?? [], ranges);
    if ('overlap' in union) {
      fail(
        'incompatible_aggregates',
        `both aggregates observed centre "${centre}" on ${formatDayNumber(union.overlap)} for target "${targetId}": ` +
          'one observation per centre and day is counted, so the parts must not hold the same observation',
        ['targets', targetId, 'observedDays', centre],
      );
    }
    setOwn(merged, centre, union.ranges);
  }
  return merged;
}

/**
 * The days an observation target measures in an evaluation: its window (the period cut to the
 * target's own period) cut to its addendum dates (an observation's own day decides). `null` when
 * none.
 */
export function observationWindow(target: ServiceTarget, period: { from: string; to: string }): { from: DayNumber; to: DayNumber } | null {
  let from = toDayNumber(period.from);
  let to = toDayNumber(period.to);
  if (target.period !== null) {
    const own = parsePeriod(target.period, ['targets', target.id, 'period']);
    from = Math.max(from, own.from);
    to = Math.min(to, own.to);
  }
  if (target.effective.from !== null) from = Math.max(from, toDayNumber(target.effective.from));
  if (target.effective.until !== null) to = Math.min(to, toDayNumber(target.effective.until) - 1);
  return from <= to ? { from, to } : null;
}

/**
 * One service centre's coverage by observations in an observation target's window.
 *
 * @example
 * ```ts
 * // Valby observed on Monday, Tuesday and Friday of the week of 2 September 2024.
 * const observations = ['2024-09-02', '2024-09-03', '2024-09-06'].map((date) => ({ date, centre: 'Valby', daysToNextSlot: 3 }));
 * const report = evaluatePlan(getPlan('siri-2024'), { observations }, { period: { from: '2024-09-02', to: '2024-09-08' } });
 * const valby: CentreCoverage | undefined = report.targets.find((target) => target.id === 'biometri')?.coverage?.centres[0];
 * valby; // { centre: 'Valby', workingDays: 5, observed: 3, gaps: 2, gapDates: [{ from: '2024-09-04', to: '2024-09-05' }] }
 * ```
 */
export interface CentreCoverage {
  centre: string;
  /** The working days of the window (the same for every centre of the target). */
  workingDays: number;
  /** Working days with an observation of the centre. */
  observed: number;
  /** Working days without one: `workingDays − observed`. */
  gaps: number;
  /**
   * The gaps as ranges of working days (every working day from `from` to `to` is a gap; the days
   * between that are not working days are no gaps), in date order; `null` when the aggregate does
   * not hold the observed days (saved by an earlier version): then only the number is known.
   */
  gapDates: { from: string; to: string }[] | null;
}

/**
 * How the working days of an observation target's window were covered by observations, and how
 * the gaps entered its shares (docs/methodology.md, convention 13). In a report, on observation
 * targets only (`TargetReport.coverage`).
 *
 * @example
 * ```ts
 * // SIRI 2024 pools its centres. Valby: Monday to Wednesday of the week of 2 September 2024; Aarhus: Monday only.
 * const observations = [
 *   { date: '2024-09-02', centre: 'Valby', daysToNextSlot: 4 },
 *   { date: '2024-09-03', centre: 'Valby', daysToNextSlot: 5 },
 *   { date: '2024-09-04', centre: 'Valby', daysToNextSlot: 6 },
 *   { date: '2024-09-02', centre: 'Aarhus', daysToNextSlot: 12 },
 * ];
 * const week = { from: '2024-09-02', to: '2024-09-08' };
 * const report = evaluatePlan(getPlan('siri-2024'), { observations }, { period: week });
 * const coverage: ObservationCoverage | undefined = report.targets.find((target) => target.id === 'biometri')?.coverage;
 * [coverage?.policy, coverage?.workingDays, coverage?.observed, coverage?.gaps]; // ['notWithin', 5, 4, 6]
 * coverage?.centres.map((centre) => [centre.centre, centre.gaps]); // [['Aarhus', 4], ['Valby', 2]]
 * // 3 of the 10 centre-days within 10 days; without the gaps, 3 of 4.
 * report.targets.find((target) => target.id === 'biometri')?.tiers[0]; // { measured: 10, within: 3, share: 0.3, … }
 * evaluatePlan(getPlan('siri-2024'), { observations }, { period: week, observationGaps: 'exclude' }).targets[3]?.tiers[0]; // { measured: 4, within: 3, share: 0.75, … }
 * ```
 */
export interface ObservationCoverage {
  /** How the gaps entered the shares: `'notWithin'` (as days not within the limit) or `'exclude'` (left out). */
  policy: ObservationGaps;
  /** The days measured: the target's window cut to its addendum dates; `null` when none. */
  window: { from: string; to: string } | null;
  /** The working days of the target's calendar in the window, per centre. */
  workingDays: number;
  /**
   * Where the centres come from: the target's centre weights (`'weights'`), or, for a target that
   * pools its centres, the centres observed at least once in the window (`'observations'`).
   */
  centresFrom: 'weights' | 'observations';
  /** Centre-days observed, over all centres. */
  observed: number;
  /** Centre-days without an observation, over all centres. */
  gaps: number;
  /** `false` when the aggregate does not hold the observed days (an earlier version): the gaps are counted, their dates unknown. */
  datesKnown: boolean;
  /** Per centre: in the order of the centre weights, or (pooled) sorted by name. */
  centres: CentreCoverage[];
}

/** The gaps of a centre: the working days of the window outside its observed days, as ranges of working days. */
function gapRanges(observed: readonly (readonly [number, number])[], from: DayNumber, to: DayNumber, isWorkingDay: (day: DayNumber) => boolean): { from: string; to: string }[] {
  const gaps: { from: string; to: string }[] = [];
  let open: [DayNumber, DayNumber] | null = null;
  let next = 0;
  for (let day = from; day <= to; day++) {
    if (!isWorkingDay(day)) continue;
    while (next < observed.length && (observed[next] as [number, number])[1] < day) next++;
    const range = observed[next];
    const seen = range !== undefined && range[0] <= day;
    if (seen) {
      if (open !== null) gaps.push({ from: formatDayNumber(open[0]), to: formatDayNumber(open[1]) });
      open = null;
    } else if (open === null) {
      open = [day, day];
    } else {
      open[1] = day;
    }
  }
  if (open !== null) gaps.push({ from: formatDayNumber(open[0]), to: formatDayNumber(open[1]) });
  return gaps;
}

/** The coverage of an observation target's window by its aggregate state. */
export function observationCoverage(
  plan: ServicePlan,
  target: ServiceTarget,
  state: TargetAggregate,
  period: { from: string; to: string },
  policy: ObservationGaps,
): ObservationCoverage {
  const window = observationWindow(target, period);
  const calendar = createCalendar(target.calendar ?? plan.calendar ?? {});
  const workingDays = window === null ? 0 : calendar.workingDaysBetween(window.from - 1, window.to);
  const histograms = state.centres ?? {};
  const days = state.observedDays ?? null;
  const names = target.centres === null ? Object.keys(histograms).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : Object.keys(target.centres);
  const centres = names.map((centre): CentreCoverage => {
    const observed = histogramCount(ownValue(histograms, centre) ?? []);
    const ranges = days === null ? null : (ownValue(days, centre) ?? []);
    return {
      centre,
      workingDays,
      observed,
      gaps: Math.max(0, workingDays - observed),
      gapDates: ranges === null ? null : window === null ? [] : gapRanges(ranges, window.from, window.to, (day) => calendar.isWorkingDay(day)),
    };
  });
  return {
    policy,
    window: window === null ? null : { from: formatDayNumber(window.from), to: formatDayNumber(window.to) },
    workingDays,
    centresFrom: target.centres === null ? 'observations' : 'weights',
    observed: centres.reduce((sum, centre) => sum + centre.observed, 0),
    gaps: centres.reduce((sum, centre) => sum + centre.gaps, 0),
    datesKnown: days !== null,
    centres,
  };
}

/**
 * The days a centre's share is taken over: its observed days, and its gaps too under `'notWithin'`
 * once the target has any observation in its window (without any, nothing was measured: the
 * input was not given).
 */
export function countedDays(centre: Pick<CentreCoverage, 'observed' | 'gaps'>, coverage: Pick<ObservationCoverage, 'policy' | 'observed'>): number {
  return coverage.policy === 'notWithin' && coverage.observed > 0 ? centre.observed + centre.gaps : centre.observed;
}
