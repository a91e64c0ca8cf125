import { formatDayNumber, type DayNumber } from '../dates/civil.js';
import { toDayNumber, type DateInput } from '../dates/parse.js';
import { parsePeriod } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import { dueDay, runClock } from '../evaluate/clock.js';
import { compilePlan, measuringTargets, resolveRegistry, type CaseTypesOption, type CompiledPlan } from '../evaluate/compile.js';
import { assertIterable, assertOptions, assertPlan } from '../evaluate/guards.js';
import { addToHistogram } from '../evaluate/histogram.js';
import { createIntake, type Intake, type UnreadableRow } from '../evaluate/intake.js';
import type { InvalidRecord, ProblemPlace, ValidCase } from '../evaluate/records.js';
import { histogramStats, type Stats } from '../evaluate/stats.js';
import type { Limit, ServicePlan } from '../targets/model.js';
import { asKnownAt, targetsInForce } from './as-of.js';

/**
 * Options for {@link pendingAt}.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: '2023-10-05' }, // still open on 30 September
 * ];
 * const options: PendingOptions = { asOf: '2023-09-30', withinDays: 7 };
 * // F1 was due on 20 September (10 days ago); F2 is due on 16 October, 16 days ahead.
 * pendingAt(getPlan('siri-2023'), cases, options).cases.map((entry) => entry.id); // ['F1']
 * ```
 */
export interface PendingOptions {
  /** The day the cases are looked at (end of day): later decisions and events have not happened. */
  asOf: DateInput;
  /** Further case types, as for `evaluatePlan`. */
  caseTypes?: CaseTypesOption;
  /** List only cases with at most this many days remaining (overdue ones included). */
  withinDays?: number;
  /** The most problems listed in `invalid` (default 1,000; 0 or `Infinity`: all), as for `evaluatePlan`. */
  maxProblems?: number;
  /** Which record of a repeated case id counts: `'first'` (default) or `'last'`, as for `evaluatePlan`. */
  duplicates?: 'first' | 'last';
}

/**
 * One pending case against one tier: when it must be decided by.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: '2023-10-05' }, // still open on 30 September
 * ];
 * const [first]: PendingCase[] = pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30' }).cases;
 * first;
 * // { id: 'F1', caseType: 'fast-track', targetId: 'fast-track', tier: 0, limit: { amount: 31, unit: 'days' }, applied: '2023-08-20',
 * //   dueDate: '2023-09-20', daysRemaining: -10, overdue: true, paused: false, age: 41 }
 * ```
 */
export interface PendingCase {
  id: string;
  caseType: string;
  targetId: string;
  /** Position of the tier in the target. */
  tier: number;
  limit: Limit;
  applied: string;
  /**
   * The last day a decision (or the target's stop event) is still within the tier, in the tier's
   * unit (calendar days, months, working days), pauses so far taken into account; `null` for a mean
   * target.
   */
  dueDate: string | null;
  /** Days after the as-of date on which a decision is still in time; 0 or less: it can no longer make it. */
  daysRemaining: number | null;
  /** Whether the case can no longer be decided in time (`daysRemaining <= 0`). */
  overdue: boolean;
  /**
   * Whether the clock is stopped by an open pause (for targets that subtract pauses): the due date
   * is then unknown until the pause ends (`dueDate` and `daysRemaining` are `null`).
   */
  paused: boolean;
  /** Calendar days since the application. */
  age: number;
}

/**
 * Pending cases of one tier.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: '2023-10-05' }, // still open on 30 September
 * ];
 * const tier: PendingTier | undefined = pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30' }).targets[0]?.tiers[0];
 * // F1 is 41 days old and past the 31 days; F2 is 15 days old.
 * [tier?.pending, tier?.overdue, tier?.age.min, tier?.age.max]; // [2, 1, 15, 41]
 * ```
 */
export interface PendingTier {
  limit: Limit;
  label: string | null;
  /** Cases pending at the as-of date that the tier will measure when decided. */
  pending: number;
  /** Of those, cases already past the limit: certain misses once decided. */
  overdue: number;
  /** Distribution of their ages (calendar days since the application). */
  age: Stats;
}

/**
 * Pending cases of one target.
 *
 * @example
 * ```ts
 * // Udlændingestyrelsen 2019: the first asylum interview within 30 days of the application.
 * const report = pendingAt(getPlan('us-2019'), [
 *   { id: 'S1', caseType: 'asyl', applied: '2019-01-02', events: { firstInterview: '2019-01-20' } },
 *   { id: 'S2', caseType: 'asyl', applied: '2019-02-01' },
 * ], { asOf: '2019-03-01' });
 * const target: PendingTarget | undefined = report.targets.find((candidate) => candidate.id === 'asyl-foerste-samtale');
 * // S1 has had its interview (its clock has stopped); S2 is still waiting for it.
 * [target?.settled, target?.tiers[0]?.pending]; // [1, 1]
 * ```
 */
export interface PendingTarget {
  id: string;
  label: string;
  caseTypes: string[];
  /** Open cases whose clock has already stopped (a milestone such as the first interview has happened). */
  settled: number;
  tiers: PendingTier[];
}

/**
 * The pending cases of a plan at a date.
 *
 * @example
 * ```ts
 * const report: PendingReport = pendingAt(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null }, // pending
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: '2023-10-05' }, // pending on 30 September
 *   { id: 'F3', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' }, // decided
 *   { id: 'L1', caseType: 'loenarbejde', applied: '2023-09-01', decided: null }, // no SIRI 2023 target
 * ], { asOf: '2023-09-30' });
 * report.counts; // { input: 4, pending: 2, notPending: 1, withoutTarget: 1, invalid: 0 }
 * report.cases.map((entry) => entry.dueDate); // ['2023-09-20', '2023-10-16']
 * ```
 */
export interface PendingReport {
  asOf: string;
  /** Records: `input = pending + notPending + withoutTarget + invalid`. */
  counts: { input: number; pending: number; notPending: number; withoutTarget: number; invalid: number };
  /** The problems of the invalid records, the first 1,000 of them (see `invalidOmitted`). */
  invalid: InvalidRecord[];
  /** The number of problems of each code, listed in `invalid` or not. */
  invalidCounts: Partial<Record<IssueCode, number>>;
  /** The number of problems not listed in `invalid`. */
  invalidOmitted: number;
  /** Which record of a repeated case id counted (the others are invalid, `duplicate_record`). */
  duplicates: 'first' | 'last';
  targets: PendingTarget[];
  /** One entry per pending case and tier, soonest due first (cases of mean targets last). */
  cases: PendingCase[];
}

/**
 * The cases pending at a date (applied on or before it and not decided by its end), per target and
 * tier: how many, how old, how many are already past the limit, and per case the due date and the
 * days remaining — the at-risk list, sorted by due date.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-09-15', decided: '2023-10-05' }, // still open on 30 September
 * ];
 * const pending = pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30' });
 * // Fast-track: due 31 days after the application.
 * pending.cases.map((entry) => [entry.id, entry.dueDate, entry.daysRemaining, entry.overdue]);
 * // [['F1', '2023-09-20', -10, true], ['F2', '2023-10-16', 16, false]]
 * pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30', withinDays: 7 }).cases.map((entry) => entry.id); // ['F1']
 * ```
 */
export function pendingAt(plan: ServicePlan, cases: Iterable<unknown>, options: PendingOptions): PendingReport {
  assertIterable(cases, 'cases');
  const collector = createPendingCollector(plan, options);
  collector.intake.addAll('cases', cases);
  return collector.report();
}

/**
 * {@link pendingAt} one record at a time, for records read from files or streams: the records need
 * not be held together, and `place` names a record's file and line in its problems. A row that could
 * not become a record counts as an invalid record.
 *
 * @example
 * ```ts
 * const collector = createPendingCollector(getPlan('siri-2023'), { asOf: '2023-09-30' });
 * collector.add({ id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null }, { file: 'sager.csv', line: 2 });
 * collector.add({ id: 'F2', caseType: 'fast-track', applied: '2023-02-29' }, { file: 'sager.csv', line: 3 });
 * collector.addUnreadable({ column: '', code: 'invalid_value', message: 'extra columns: the row has 5 cells, the header 4' }, { file: 'sager.csv', line: 4 });
 * const pending = collector.report();
 * pending.counts; // { input: 3, pending: 1, notPending: 0, withoutTarget: 0, invalid: 2 }
 * pending.invalid.map((problem) => problem.message);
 * // ['sager.csv:3 (id F2): applied "2023-02-29" is not a calendar date', 'sager.csv:4: extra columns: the row has 5 cells, the header 4']
 * ```
 */
export function createPendingCollector(plan: ServicePlan, options: PendingOptions): PendingRecords {
  assertPlan(plan);
  assertOptions(options, false);
  const asOf = toDayNumber(options.asOf, ['asOf']);
  if (options.withinDays !== undefined && !Number.isInteger(options.withinDays)) {
    fail('invalid_option', `withinDays must be a whole number, got ${options.withinDays}`, ['withinDays']);
  }
  const collector = pendingCollector(plan, options.caseTypes, asOf, options.maxProblems, options.duplicates);
  const withinDays = options.withinDays;
  return {
    intake: collector.intake,
    add: (record, place) => { collector.add(record, place); },
    addUnreadable: (row, place) => { collector.addUnreadable(row, place); },
    report: () => {
      const { report } = collector.finish();
      if (withinDays === undefined) return report;
      return { ...report, cases: report.cases.filter((entry) => entry.daysRemaining !== null && entry.daysRemaining <= withinDays) };
    },
  };
}

/**
 * What {@link createPendingCollector} returns: records in, the pending report out.
 *
 * @example
 * ```ts
 * const collector: PendingRecords = createPendingCollector(getPlan('siri-2023'), { asOf: '2023-09-30', withinDays: 7 });
 * collector.add({ id: 'F1', caseType: 'fast-track', applied: '2023-08-20', decided: null });
 * collector.report().cases.map((entry) => entry.id); // ['F1']
 * ```
 */
export interface PendingRecords {
  /**
   * The intake the records go through: for `readInto`, or for the ids of the records first with
   * `duplicates: 'last'` (`intake.expectIds`, `readIdsInto`).
   */
  readonly intake: Intake;
  /** Adds one record (any value: what is not a valid case record is counted as invalid). */
  add(record: unknown, place?: ProblemPlace): void;
  /** Adds a source row that could not become a record, as an invalid record. */
  addUnreadable(row: UnreadableRow, place?: ProblemPlace): void;
  /** The report of the records added so far (call it once, at the end). */
  report(): PendingReport;
}

/** The plan compiled for a one-day period at `asOf` (targets' windows do not limit open cases). */
export function compileAt(plan: ServicePlan, caseTypes: CaseTypesOption | undefined, asOf: DayNumber): CompiledPlan {
  const day = formatDayNumber(asOf);
  return compilePlan(plan, resolveRegistry(caseTypes), parsePeriod({ from: day, to: day }));
}

/** Open cases whose milestone has happened, per target and tier: within the tier or not. */
export interface Settled {
  within: number[][];
  missed: number[][];
}

/** Pending cases per target and tier at `asOf`; the work behind {@link pendingAt} and forecasts. */
export function collectPending(plan: ServicePlan, caseTypes: CaseTypesOption | undefined, cases: Iterable<unknown>, asOf: DayNumber): { report: PendingReport; settled: Settled } {
  const collector = pendingCollector(plan, caseTypes, asOf);
  for (const record of cases) collector.add(record);
  return collector.finish();
}

/**
 * Collects pending cases record by record (the records need not be held together), then reports.
 * The records go through an intake for the day `asOf`: it validates each once and lists the
 * problems, with their place, boundedly; the collector looks at each valid case it lets through.
 */
export interface PendingCollector {
  /** The intake the records go through. */
  readonly intake: Intake;
  add(record: unknown, place?: ProblemPlace): void;
  /** Counts a row that could not become a record as an invalid record. */
  addUnreadable(row: UnreadableRow, place?: ProblemPlace): void;
  finish(): { report: PendingReport; settled: Settled };
}

/** A {@link PendingCollector} for the plan at `asOf`. */
export function pendingCollector(plan: ServicePlan, caseTypes: CaseTypesOption | undefined, asOf: DayNumber, maxProblems?: number, duplicates?: 'first' | 'last'): PendingCollector {
  const compiled = compileAt(plan, caseTypes, asOf);
  const counts = { input: 0, pending: 0, notPending: 0, withoutTarget: 0, invalid: 0 };
  const list: PendingCase[] = [];
  const ages = plan.targets.map((target) => target.tiers.map((): number[] => []));
  const overdue = plan.targets.map((target) => target.tiers.map(() => 0));
  const settled = plan.targets.map(() => 0);
  const settledWithin = plan.targets.map((target) => target.tiers.map(() => 0));
  const settledMissed = plan.targets.map((target) => target.tiers.map(() => 0));
  const day = formatDayNumber(asOf);
  const observe = (read: ValidCase): void => {
    if (measuringTargets(compiled, read).length === 0) {
      counts.withoutTarget++;
      return;
    }
    const known = asKnownAt(read, asOf);
    if (known === null || known.decided !== null) {
      counts.notPending++;
      return;
    }
    counts.pending++;
    const age = asOf - known.applied;
    for (const target of targetsInForce(compiled, known, asOf)) {
      const t = target.index;
      const stopped = target.target.clock.stop !== 'decided' ? runClock(known, target, null) : null;
      if (stopped !== null) {
        // The milestone has happened: the outcome is known, only the decision is still open.
        settled[t] = (settled[t] ?? 0) + 1;
        target.target.tiers.forEach((tier, i) => {
          const due = dueDay(target, stopped, tier.limit);
          if (due !== null && stopped.stop <= due) (settledWithin[t] as number[])[i] = ((settledWithin[t] as number[])[i] ?? 0) + 1;
          else if (due !== null) (settledMissed[t] as number[])[i] = ((settledMissed[t] as number[])[i] ?? 0) + 1;
        });
        continue;
      }
      // An open pause stops the clock: the due date waits for the pause to end, unless the limit
      // had already passed when the pause began.
      const openPause = target.target.subtractPauses ? (known.pauses?.find(([, to]) => to === null)?.[0] ?? null) : null;
      const run =
        openPause === null
          ? runClock(known, target, asOf)
          : runClock({ ...known, pauses: known.pauses?.filter(([, to]) => to !== null) ?? null }, target, openPause);
      target.target.tiers.forEach((tier, i) => {
        addToHistogram((ages[t] as number[][])[i] as number[], age);
        let due = run === null || target.target.aggregate === 'mean' ? null : dueDay(target, run, tier.limit);
        const paused = openPause !== null && due !== null && due >= openPause;
        if (paused) due = null;
        const remaining = due === null ? null : due - asOf;
        if (remaining !== null && remaining <= 0) (overdue[t] as number[])[i] = ((overdue[t] as number[])[i] ?? 0) + 1;
        list.push({
          id: known.id,
          caseType: known.caseType,
          targetId: target.target.id,
          tier: i,
          limit: tier.limit,
          applied: formatDayNumber(known.applied),
          dueDate: due === null ? null : formatDayNumber(due),
          daysRemaining: remaining,
          overdue: remaining !== null && remaining <= 0,
          paused,
          age,
        });
      });
    }
  };
  const intake = createIntake(plan, {
    period: { from: day, to: day },
    ...(caseTypes === undefined ? {} : { caseTypes }),
    ...(maxProblems === undefined ? {} : { maxProblems }),
    ...(duplicates === undefined ? {} : { duplicates }),
    onCase: observe,
  });
  const finish = (): { report: PendingReport; settled: Settled } => {
    const aggregate = intake.aggregate();
    counts.input = aggregate.counts.input;
    counts.invalid = aggregate.counts.invalid;
    // Due dates are ISO dates, in order as text; ids in the order of localeCompare, from one collator
    // (as fast for millions of entries as a comparison of text).
    const collator = new Intl.Collator();
    const due = (entry: PendingCase): string => entry.dueDate ?? '9999';
    list.sort((a, b) => {
      const x = due(a);
      const y = due(b);
      return (x < y ? -1 : x > y ? 1 : 0) || collator.compare(a.id, b.id) || a.tier - b.tier;
    });
    const report: PendingReport = {
      asOf: formatDayNumber(asOf),
      counts,
      invalid: aggregate.invalid,
      invalidCounts: aggregate.invalidCounts,
      invalidOmitted: aggregate.invalidOmitted,
      duplicates: aggregate.duplicates,
      targets: compiled.targets
        .filter(({ target }) => target.input === 'cases')
        .map(({ target, index: t }) => ({
          id: target.id,
          label: target.label,
          caseTypes: compiled.caseTypesOf(target),
          settled: settled[t] ?? 0,
          tiers: target.tiers.map((tier, i) => {
            const histogram = (ages[t] as number[][])[i] as number[];
            return {
              limit: tier.limit,
              label: tier.label,
              pending: histogram.reduce((sum, n) => sum + n, 0),
              overdue: (overdue[t] as number[])[i] ?? 0,
              age: histogramStats(histogram, 1, 'days'),
            };
          }),
        })),
      cases: list,
    };
    return { report, settled: { within: settledWithin, missed: settledMissed } };
  };
  return {
    intake,
    add: (record, place) => { intake.add('cases', record, place); },
    addUnreadable: (row, place) => { intake.addUnreadable('cases', row, place); },
    finish,
  };
}
