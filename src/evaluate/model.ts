/*
 * The data model of an evaluation: the aggregate of a plan over a period (counts per bucket,
 * problems, histograms per target) and the options that shape it. Below every module that fills or
 * reads it.
 */
import { formatDayNumber } from '../dates/civil.js';
import type { PeriodInput } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import type { CaseTypesOption, CompiledPlan } from './compile.js';
import { keyedRecord } from './keys.js';
import type { InputKind, InvalidRecord } from './records.js';

/**
 * How many case records ended in each bucket. `input` is the sum of the other five.
 *
 * @example
 * ```ts
 * const counts: Counts = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // measured
 *   { id: 'A2', caseType: 'studie', applied: '2023-12-01', decided: null }, // pending
 *   { id: 'A3', caseType: 'fast-track', applied: '2022-11-01', decided: '2022-12-01' }, // decided in 2022
 *   { id: 'A4', caseType: 'loenarbejde', applied: '2023-03-01', decided: '2023-03-10' }, // no SIRI 2023 target
 *   { id: 'A5', caseType: 'fast-track', applied: '2023-02-29' }, // not a calendar date
 * ], { period: '2023' }).counts;
 * counts; // { input: 5, measured: 1, pending: 1, outOfPeriod: 1, withoutTarget: 1, invalid: 1 }
 * ```
 */
export interface Counts {
  input: number;
  measured: number;
  pending: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * How many contact records ended in each bucket. `input` is the sum of the others.
 *
 * @example
 * ```ts
 * const counts: ContactCounts = evaluatePlan(getPlan('siri-2023'), {
 *   contacts: [
 *     { id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }, // measured
 *     { id: 'K2', channel: 'phone', arrived: '2023-09-04T10:05:00+02:00', answered: null }, // unanswered
 *     { id: 'K3', channel: 'phone', at: '2023-03-01', waitMinutes: 2 }, // the phone target measures 2023-H2 only
 *     { id: 'K4', channel: 'email', at: '2023-09-04', waitMinutes: 30 }, // no target measures e-mail
 *   ],
 * }, { period: '2023' }).contacts.counts;
 * counts; // { input: 4, measured: 1, unanswered: 1, outOfPeriod: 1, withoutTarget: 1, invalid: 0 }
 * ```
 */
export interface ContactCounts {
  input: number;
  measured: number;
  /** Contacts that were never answered: they have no waiting time and are not measured. */
  unanswered: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * How many observation records ended in each bucket. `input` is the sum of the others.
 *
 * @example
 * ```ts
 * const counts: ObservationCounts = evaluatePlan(getPlan('siri-2023'), {
 *   observations: [
 *     { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 }, // a Monday: measured
 *     { date: '2023-09-09', centre: 'Valby', daysToNextSlot: 12 }, // a Saturday
 *     { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 5 }, // the same centre and day again: invalid
 *     { date: '2023-09-04', centre: 'Nuuk', daysToNextSlot: 2 }, // not a centre of the plan
 *   ],
 * }, { period: '2023' }).observations.counts;
 * counts; // { input: 4, measured: 1, notWorkingDay: 1, outOfPeriod: 0, withoutTarget: 1, invalid: 1 }
 * ```
 */
export interface ObservationCounts {
  input: number;
  measured: number;
  /** Observations on days that are not working days (weekends, public holidays, closing days). */
  notWorkingDay: number;
  outOfPeriod: number;
  withoutTarget: number;
  invalid: number;
}

/**
 * The mergeable state of one target. Histograms count cases (or contacts, or centre-days) per value.
 *
 * @example
 * ```ts
 * const aggregate = aggregateCases(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ], { period: '2023' });
 * const fastTrack: TargetAggregate | undefined = aggregate.targets.find((target) => target.id === 'fast-track');
 * [fastTrack?.days[19], fastTrack?.days[45], fastTrack?.days.length]; // [1, 1, 46]
 * countAtMost(fastTrack?.days ?? [], 31); // 1
 * ```
 */
export interface TargetAggregate {
  id: string;
  /** The case types the target covered in this evaluation (explicit ones and those of its areas). */
  caseTypes: string[];
  /** Elapsed calendar days of measured cases with both clock events; days to the next slot for observations. */
  days: number[];
  /** Elapsed working days of measured cases, for targets with working-day limits; otherwise `null`. */
  workingDays: number[] | null;
  /** Waiting time in whole seconds, for contact targets; otherwise `null`. */
  seconds: number[] | null;
  /** Days to the next slot per centre (a record without a prototype), for observation targets; otherwise `null`. */
  centres: Record<string, number[]> | null;
  /**
   * Observation targets: the days each centre was observed on (measured observations: working days
   * of the window), as sorted, disjoint `[from, to]` ranges of day numbers (a record without a
   * prototype), from which the report finds the gaps (docs/methodology.md, convention 13);
   * otherwise `null`. Absent from aggregates saved by earlier versions: their gaps can be counted,
   * but not dated.
   */
  observedDays?: Record<string, [number, number][]> | null;
  /** Ids of measured cases lacking a clock event (docs/methodology.md, convention 10): never within. */
  missingEvent: string[];
  /** Per tier, cases within for tiers not read from a histogram (month limits); `null` for the others. */
  within: (number | null)[];
  /** Cases the target covers that are pending at the end of its measurement window. */
  pending: number;
}

/**
 * The exact, JSON-serialisable state of an evaluation before it becomes a report. Aggregates of
 * disjoint parts of the input (months, shards, files) merge with {@link mergeAggregates} into the
 * aggregate of the whole.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const aggregate: PlanAggregate = aggregateCases(plan, [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], { period: '2023' });
 * aggregate.period; // { from: '2023-01-01', to: '2023-12-31', label: '2023' }
 * // Stored as JSON and read back, it gives the same report.
 * const stored = JSON.parse(JSON.stringify(aggregate)) as PlanAggregate;
 * reportFromAggregate(plan, stored).targets[0]?.tiers[0]; // { kind: 'share', measured: 2, within: 1, share: 0.5, … }
 * ```
 */
export interface PlanAggregate {
  format: 'servicemaal.aggregate';
  version: 3;
  plan: string;
  period: { from: string; to: string; label: string };
  /** Case records per bucket. */
  counts: Counts;
  /** Problems of invalid records of every input: the first `maxProblems` of them. */
  invalid: InvalidRecord[];
  /** The number of problems of each code, listed in `invalid` or not. */
  invalidCounts: Partial<Record<IssueCode, number>>;
  /** The number of problems left out of `invalid`. */
  invalidOmitted: number;
  /** The most problems `invalid` lists; `null`: all of them. */
  maxProblems: number | null;
  /**
   * Which record of a repeated case id was counted (the `duplicates` option); the others are
   * counted in `invalidCounts.duplicate_record`. An aggregate stored before this field existed
   * reads as `'first'`.
   */
  duplicates: 'first' | 'last';
  /** Cases without a target, by case type (a record without a prototype: any case type is an own key). */
  withoutTarget: Record<string, number>;
  /**
   * The same cases by reason (docs/methodology.md, convention 8), each by case type: `noTarget` (no
   * target covers the case type), `outOfScope` (outside the scope of every target covering its
   * type), `flagged` (the agency flags the case as without a management target).
   */
  withoutTargetReasons: WithoutTargetReasons;
  /**
   * The missing-attribute policy the evaluation used, and per attribute the valid records that
   * lacked it while a scope of a target covering their case type tests it (the policy decided them).
   */
  scope: { missingAttributes: MissingAttributes; missing: Record<string, number> };
  /** Contact records per bucket, and those without a target by channel. */
  contacts: { counts: ContactCounts; withoutTarget: Record<string, number> };
  /** Observation records per bucket, and those without a target by centre. */
  observations: { counts: ObservationCounts; withoutTarget: Record<string, number> };
  /** One entry per plan target, in plan order. */
  targets: TargetAggregate[];
}

/**
 * Why a case is without target (docs/methodology.md, convention 8): no target covers its case type
 * (`noTarget`), it lies outside the scope of every target covering its type (`outOfScope`), or the
 * agency flags it as without a management target (`flagged`).
 *
 * @example
 * ```ts
 * const reason: WithoutTargetReason = 'outOfScope';
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20', attributes: { applicationKind: 'extension' } },
 * ], { period: '2023' });
 * report.withoutTargetReasons[reason]; // { 'fast-track': 1 }
 * ```
 */
export type WithoutTargetReason = 'noTarget' | 'outOfScope' | 'flagged';

/**
 * Cases without target by reason, each a record by case type without a prototype.
 *
 * @example
 * ```ts
 * const reasons: WithoutTargetReasons = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'loenarbejde', applied: '2023-03-01', decided: '2023-03-10' },
 *   { id: 'A2', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02', withoutTarget: true },
 * ], { period: '2023' }).withoutTargetReasons;
 * [reasons.noTarget, reasons.outOfScope, reasons.flagged]; // [{ loenarbejde: 1 }, {}, { eu: 1 }]
 * ```
 */
export type WithoutTargetReasons = Record<WithoutTargetReason, Record<string, number>>;

/**
 * What a record lacking an attribute that a scope tests counts as (the `missingAttributes`
 * option): inside that condition (`inScope`, the default), outside it (`outOfScope`), or an
 * invalid record (`invalid`, problem code `missing_attribute`).
 *
 * @example
 * ```ts
 * const missingAttributes: MissingAttributes = 'outOfScope';
 * const cases = [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }];
 * evaluatePlan(getPlan('siri-2023'), cases, { period: '2023' }).counts.measured; // 1
 * evaluatePlan(getPlan('siri-2023'), cases, { period: '2023', missingAttributes }).withoutTargetReasons.outOfScope; // { 'fast-track': 1 }
 * ```
 */
export type MissingAttributes = 'inScope' | 'outOfScope' | 'invalid';

/**
 * The inputs of an evaluation. A bare array or iterable means case records.
 *
 * @example
 * ```ts
 * const inputs: EvaluationInputs = {
 *   cases: [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }],
 *   contacts: [{ id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }],
 * };
 * const report = evaluatePlan(getPlan('siri-2023'), inputs, { period: '2023' });
 * [report.counts.measured, report.contacts.counts.measured, report.observations.counts.input]; // [1, 1, 0]
 * ```
 */
export interface EvaluationInputs {
  cases?: Iterable<unknown>;
  contacts?: Iterable<unknown>;
  observations?: Iterable<unknown>;
}


/**
 * How the report counts the gaps of an observation target — the working days of its window on which
 * a centre has no observation (docs/methodology.md, convention 13):
 *
 * - `'notWithin'` (the default): a gap is a day not within the limit, since the plans ask for a
 *   share of *all* weekdays ("80 pct. af alle hverdage");
 * - `'exclude'`: gaps are left out of the shares (the days observed only); they are still listed.
 *
 * @example
 * ```ts
 * // Valby observed on Monday, Tuesday and Friday of the week of 2 September 2024, each time within 10 days.
 * const observations = ['2024-09-02', '2024-09-03', '2024-09-06'].map((date) => ({ date, centre: 'Valby', daysToNextSlot: 3 }));
 * const measured = (observationGaps: ObservationGaps) =>
 *   evaluatePlan(getPlan('siri-2024'), { observations }, { period: { from: '2024-09-02', to: '2024-09-08' }, observationGaps }).targets[3]?.tiers[0]?.measured;
 * measured('notWithin'); // 5: 3 of 5 working days within, the 2 gaps not within
 * measured('exclude'); // 3: 3 of 3 observed days within
 * ```
 */
export type ObservationGaps = 'notWithin' | 'exclude';

/**
 * Options for {@link aggregateInputs}, {@link aggregateCases} and `evaluatePlan`.
 *
 * @example
 * ```ts
 * // The second shard of a larger input: its first record is record 100 of the whole.
 * const options: AggregateOptions = { period: '2023-Q1', indexOffset: 100 };
 * const aggregate = aggregateCases(getPlan('siri-2023'), [{ id: 'A101', caseType: 'fast-track', applied: '2023-02-29' }], options);
 * aggregate.invalid; // [{ input: 'cases', index: 100, id: 'A101', field: 'applied', code: 'invalid_date', … }]
 * aggregate.period.label; // '2023-Q1'
 * aggregateCases(getPlan('siri-2023'), [], { indexOffset: Number('x') }); // throws: code 'invalid_option', indexOffset must be a whole number ≥ 0, got NaN
 * ```
 */
export interface AggregateOptions {
  /** Measurement period (default: the plan's period, else its year). */
  period?: PeriodInput;
  /** Further case types (e.g. new business schemes), or a whole registry. */
  caseTypes?: CaseTypesOption;
  /**
   * Added to record positions in `invalid` (for shards of a larger input): a whole number ≥ 0 for
   * case records, or one per input. Anything else (`NaN`, `-1`, `1.5`) is `invalid_option`. A
   * shard finds the repeated case ids within itself only: an id in two shards counts in each.
   */
  indexOffset?: number | Partial<Record<InputKind, number>>;
  /**
   * The most problems listed in `invalid` (default 1,000; 0 or `Infinity`: all). Problems beyond
   * it are counted in `invalidCounts` and `invalidOmitted`, so a large input full of invalid rows
   * takes bounded memory.
   */
  maxProblems?: number;
  /**
   * Which record of a repeated case id counts (case ids are unique, so a repeated id is an error of
   * the export, or extracts that overlap): `'first'` (default) the first, `'last'` the last (for
   * overlapping extracts read oldest first). Every other record with the id is invalid
   * (`duplicate_record`), its problem naming the record that counts. Records without an id are not
   * checked; contacts and observations neither (a second observation of a centre and day is
   * invalid whatever this says). With `'last'`, the ids are read first: case records must come in
   * an array or another iterable that can be read twice (see `Intake.expectIds` for streams).
   */
  duplicates?: 'first' | 'last';
  /**
   * What a record lacking an attribute that a covering target's scope tests counts as: inside that
   * condition (`inScope`, the default), outside it (`outOfScope`), or invalid (`invalid`, problem
   * code `missing_attribute` naming the attribute). See docs/methodology.md.
   */
  missingAttributes?: MissingAttributes;
}

/** The `duplicates` option, resolved. */
export type DuplicatePolicy = 'first' | 'last';

/** A new aggregate of the plan over the compiled period, with nothing counted. */
export function emptyAggregate(plan: ServicePlan, compiled: CompiledPlan, maxProblems: number | null, duplicates: DuplicatePolicy, missingAttributes: MissingAttributes = 'inScope'): PlanAggregate {
  const period = compiled.period;
  return {
    format: 'servicemaal.aggregate',
    version: 3,
    plan: plan.id,
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    counts: { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 },
    invalid: [],
    invalidCounts: keyedRecord(),
    invalidOmitted: 0,
    maxProblems,
    duplicates,
    // Keyed by case type, channel and centre: records without a prototype (see keys.ts).
    withoutTarget: keyedRecord(),
    withoutTargetReasons: { noTarget: keyedRecord(), outOfScope: keyedRecord(), flagged: keyedRecord() },
    scope: { missingAttributes, missing: keyedRecord() },
    contacts: { counts: { input: 0, measured: 0, unanswered: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: keyedRecord() },
    observations: { counts: { input: 0, measured: 0, notWorkingDay: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }, withoutTarget: keyedRecord() },
    targets: compiled.targets.map(({ target, needsWorkingDays }) => ({
      id: target.id,
      caseTypes: target.input === 'cases' ? compiled.caseTypesOf(target) : [],
      days: [],
      workingDays: needsWorkingDays ? [] : null,
      seconds: target.input === 'contacts' ? [] : null,
      centres: target.input === 'observations' ? keyedRecord() : null,
      observedDays: target.input === 'observations' ? keyedRecord() : null,
      missingEvent: [],
      within: target.tiers.map((tier) => (tier.limit.unit === 'months' ? 0 : null)),
      pending: 0,
    })),
  };
}

/**
 * The period an evaluation uses: the one given, else the plan's period, else its year.
 *
 * @throws {ServicemaalError} `invalid_period` when none is given and the plan has neither.
 * @example
 * ```ts
 * resolvePeriodInput(getPlan('siri-2023'), undefined); // '2023'
 * resolvePeriodInput(getPlan('siri-2023'), '2023-Q3'); // '2023-Q3'
 * ```
 */
export function resolvePeriodInput(plan: ServicePlan, period: PeriodInput | undefined): PeriodInput {
  if (period !== undefined) return period;
  if (plan.period !== null) return plan.period;
  if (plan.year !== null) return String(plan.year);
  return fail('invalid_period', `plan "${plan.id}" has no year or period: pass options.period`, ['period']);
}
