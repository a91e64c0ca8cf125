import { formatDayNumber } from '../dates/civil.js';
import { parsePeriod } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import type { Addendum, Aggregate, ClockEvent, Effective, Limit, PlanDocument, ScopeCondition, ServicePlan, ServiceTarget, Source, TargetGroup, TargetInputKind } from '../targets/model.js';
import { casesNeeded, decimalRatio, meetsShare } from '../targets/share.js';
import { currentAggregate, duplicatesOfAggregate, problemsOf, type ContactCounts, type Counts, type ObservationCounts, type PlanAggregate, type TargetAggregate } from './aggregate.js';
import type { MissingAttributes, ObservationGaps, WithoutTargetReasons } from './model.js';
import { checkAggregate } from './check-aggregate.js';
import { countedDays, observationCoverage, type ObservationCoverage } from './coverage.js';
import { assertGroupScoring, assertObservationGaps, assertOptions, assertPlan } from './guards.js';
import { countAtMost, histogramCount, histogramSum } from './histogram.js';
import { copyKeyed, ownValue } from './keys.js';
import { histogramStats, wilsonInterval, type ShareInterval, type Stats } from './stats.js';
import type { InvalidRecord } from './records.js';

/**
 * A tier of a share target in a report. Tell it from a {@link MeanTierReport} by its `kind`.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ], { period: '2023' });
 * const tier = report.targets.find((target) => target.id === 'fast-track')?.tiers[0];
 * if (tier?.kind === 'share') {
 *   const share: ShareTierReport = tier;
 *   // 85 % within 31 days: 1 of 2 is 50 %; ⌈0.85 × 2⌉ = 2 cases within would have met it.
 *   [share.within, share.measured, share.share, share.needed, share.met]; // [1, 2, 0.5, 2, false]
 * }
 * ```
 */
export interface ShareTierReport {
  kind: 'share';
  limit: Limit;
  label: string | null;
  /** Required share (0–1). */
  required: number;
  /**
   * Decided cases measured by the target in the period. For observation targets, the centre-days
   * counted: every working day of the window for every centre with `observationGaps: 'notWithin'`
   * (the default), the days observed with `'exclude'` (see `TargetReport.coverage`).
   */
  measured: number;
  /** Of those, cases within the limit. */
  within: number;
  /** `within / measured`, or `null` when nothing was measured (never 100 % of nothing). */
  share: number | null;
  /** The least `within` that meets the requirement for this many measured cases; `null` for none. */
  needed: number | null;
  /** `share >= required`, compared exactly; `null` when nothing was measured. */
  met: boolean | null;
  weight: number | null;
  /** `weight` when met, 0 when not, `null` without weight or cases. */
  points: number | null;
  /** The distribution of the measured values (nearest-rank percentiles). */
  stats: Stats;
  /** Wilson 95 % interval of the share, flagged `small` under 30 cases; `null` when none measured. */
  interval: ShareInterval | null;
  /** Observation targets with centre weights: each centre's result for this tier. */
  centres?: CentreReport[];
  /** Observation targets with centre weights: the weighted mean of the centres' shares. */
  weightedShare?: number | null;
}

/**
 * One service centre's result for a tier of an observation target.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), {
 *   observations: [
 *     { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 },
 *     { date: '2023-09-05', centre: 'Valby', daysToNextSlot: 12 },
 *   ],
 * }, { period: { from: '2023-09-04', to: '2023-09-05' } });
 * const tier = report.targets.find((target) => target.id === 'biometri')?.tiers[0];
 * const valby: CentreReport | undefined = tier?.kind === 'share' ? tier.centres?.find((centre) => centre.centre === 'Valby') : undefined;
 * // At most 10 days to the next slot on 80 % of weekdays: 1 of the 2 working days of the period.
 * valby; // { centre: 'Valby', weight: 0.55, measured: 2, within: 1, share: 0.5, met: false }
 * ```
 */
export interface CentreReport {
  centre: string;
  /** The centre's weight (0–1) in the target. */
  weight: number;
  /**
   * Working days counted: every working day of the target's window with `observationGaps:
   * 'notWithin'` (the default; the gaps are not within), the days observed with `'exclude'`.
   */
  measured: number;
  /** Weekdays with the next free slot within the limit. */
  within: number;
  share: number | null;
  met: boolean | null;
}

/**
 * The tier of a mean target in a report. Tell it from a {@link ShareTierReport} by its `kind`.
 *
 * @example
 * ```ts
 * // Udlændingestyrelsen 2019: asylum cases take at most 120 days on average.
 * const report = evaluatePlan(getPlan('us-2019'), [
 *   { id: 'S1', caseType: 'asyl', applied: '2019-01-02', decided: '2019-03-03' }, // 60 days
 *   { id: 'S2', caseType: 'asyl', applied: '2019-01-02', decided: '2019-07-01' }, // 180 days
 * ]);
 * const tier = report.targets.find((target) => target.id === 'asyl-gennemsnit')?.tiers[0];
 * if (tier?.kind === 'mean') {
 *   const mean: MeanTierReport = tier;
 *   [mean.measured, mean.mean, mean.met]; // [2, 120, true]
 * }
 * ```
 */
export interface MeanTierReport {
  kind: 'mean';
  limit: Limit;
  label: string | null;
  required: null;
  measured: number;
  /** Mean elapsed time, in the limit's unit, of the measured cases that have both clock events; `null` for none. */
  mean: number | null;
  /** `mean <= limit`, compared exactly; `null` when nothing was measured. */
  met: boolean | null;
  weight: number | null;
  points: number | null;
  /** The distribution of the measured values (nearest-rank percentiles). */
  stats: Stats;
}

/**
 * A tier in a report: a {@link ShareTierReport} or a {@link MeanTierReport}, told apart by `kind`.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('us-2019'), [
 *   { id: 'S1', caseType: 'asyl', applied: '2019-01-02', decided: '2019-03-03', events: { firstInterview: '2019-01-20' } },
 *   { id: 'S2', caseType: 'asyl', applied: '2019-01-02', decided: '2019-07-01', events: { firstInterview: '2019-02-15' } },
 * ]);
 * const describe = (tier: TierReport): string =>
 *   tier.kind === 'share' ? `${String(tier.within)} of ${String(tier.measured)} within` : `mean ${String(tier.mean)} days`;
 * // First interview within 30 days (S1 after 18 days, S2 after 44); mean processing time.
 * report.targets.slice(0, 2).flatMap((target) => target.tiers.map(describe)); // ['1 of 2 within', 'mean 120 days']
 * ```
 */
export type TierReport = ShareTierReport | MeanTierReport;

/**
 * One target in a report.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 *   { id: 'A3', caseType: 'fast-track', applied: '2023-12-01', decided: null },
 * ], { period: '2023' });
 * const target: TargetReport | undefined = report.targets.find((candidate) => candidate.id === 'fast-track');
 * [target?.measured, target?.pending, target?.met, target?.score, target?.group]; // [2, 1, false, 0, '1.1']
 * ```
 */
export interface TargetReport {
  id: string;
  label: string;
  /** What the target measures: `cases`, `contacts` or `observations`. */
  input: TargetInputKind;
  /** The case types the target covers (explicit ones and those of its areas). */
  caseTypes: string[];
  areas: string[];
  /** The target's scope within its case types (empty: every case of them); see {@link formatScope}. */
  where: ScopeCondition[];
  clock: { start: ClockEvent; stop: ClockEvent };
  aggregate: Aggregate;
  source: Source | null;
  /** Id of the group the target belongs to, or `null`. */
  group: string | null;
  measured: number;
  /** Covered cases pending at the end of the period. */
  pending: number;
  /** Measured cases lacking a clock event (e.g. no first interview): counted as not within. */
  missingEvent: { count: number; ids: string[] };
  /** Whether every tier is met (`null` when nothing was measured). */
  met: boolean | null;
  /**
   * The fraction (0–1) of the target achieved: earned tier weights over the target's weight, or
   * tiers met over tiers, or (centre weights, `met-centres`) the weights of the centres that met
   * it. `null` when something it depends on was not measured.
   */
  score: number | null;
  weight: number | null;
  points: number | null;
  /** The target's own measurement period (e.g. `2023-H2`), or `null`. */
  period: { from: string; to: string } | null;
  /** The days measured in this evaluation (the period cut to the target's own), or `null` when none. */
  window: { from: string; to: string } | null;
  /**
   * Whether the target applies in this evaluation at all (its window and its addendum dates meet).
   * Group scoring rules consider only the targets that apply.
   */
  applies: boolean;
  /** When the target applies, as set by addenda. */
  effective: Effective;
  /** Contact targets: the channels measured. */
  channels: string[];
  tiers: TierReport[];
  /**
   * Observation targets only: the working days of the window, the days each centre was observed,
   * the gaps, and how the gaps entered the shares (docs/methodology.md, convention 13).
   */
  coverage?: ObservationCoverage;
}

/**
 * A group in a report.
 *
 * @example
 * ```ts
 * // SIRI 2020's EU target: 75 % within 1 day (10 points), 85 % within 31 (5), 98 % within 92 (5).
 * const report = evaluatePlan(getPlan('siri-2020'), [
 *   { id: 'E1', caseType: 'eu', applied: '2020-03-02', decided: '2020-03-03' }, // 1 day
 *   { id: 'E2', caseType: 'eu', applied: '2020-03-02', decided: '2020-03-20' }, // 18 days
 * ]);
 * const group: GroupReport | undefined = report.groups.find((candidate) => candidate.id === '1.4-eu');
 * group; // { id: '1.4-eu', weight: 20, targets: ['eu'], scoring: 'target-weights', points: 10, … }
 * ```
 */
export interface GroupReport {
  id: string;
  label: string;
  weight: number | null;
  targets: string[];
  source: Source | null;
  /** How the points were found: from the targets' own weights, by a scoring rule, or not at all. */
  scoring: 'target-weights' | 'rule' | null;
  points: number | null;
}

/**
 * Why a weighted item earned no number of points.
 *
 * @example
 * ```ts
 * // SIRI 2023 gives weights to its groups only, and no scoring rule is given.
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 * ], { period: '2023' });
 * const unscored: Unscored[] = report.points.unscored;
 * unscored; // [{ id: '1.1', kind: 'group', weight: 65, reason: 'no-scoring-rule' }, { id: '1.2', kind: 'group', weight: 5, reason: 'no-scoring-rule' }]
 * ```
 */
export interface Unscored {
  id: string;
  kind: 'group' | 'target';
  weight: number;
  reason: 'no-scoring-rule' | 'not-evaluable' | 'no-cases' | 'rule-returned-null';
}

/**
 * A result supplied for a requirement of the plan that is not evaluated from the data (a quality
 * measurement, a survey, sick leave, milestones …): `{ met }` earns the requirement's weight when
 * met, else 0; `{ points }` earns that many points, from 0 to the weight.
 *
 * @example
 * ```ts
 * const results: Record<string, SuppliedResult> = { '2.3': { met: true }, '2.1': { points: 2.5 } };
 * const report = evaluatePlan(getPlan('siri-2020'), [], { results });
 * report.requirements.filter((requirement) => requirement.basis === 'supplied').map((requirement) => [requirement.number, requirement.points]); // [['2.1', 2.5], ['2.3', 5]]
 * ```
 */
export type SuppliedResult = { met: boolean } | { points: number };

/**
 * One requirement of the plan in a report: its weight, its points and where they come from
 * (`basis`):
 *
 * - `data`: its targets and groups scored from the records (`scored` is the part of the weight
 *   they decided: less than the weight when some target measured nothing);
 * - `supplied`: from the `results` option;
 * - `missing`: not evaluated from the data, and no result supplied;
 * - `unscored`: evaluated from the data, but nothing scored (nothing measured, or a group weight
 *   without a scoring rule; see `points.unscored`).
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2020'), [
 *   { id: 'S1', caseType: 'studie', applied: '2020-03-02', decided: '2020-04-01' }, // 30 days: within 62
 * ], { results: { '2.3': { met: false } } });
 * const byNumber = (number: string): RequirementReport | undefined => report.requirements.find((requirement) => requirement.number === number);
 * byNumber('1.4'); // { number: '1.4', weight: 70, points: 5, basis: 'data', scored: 5, … }
 * byNumber('2.3'); // { number: '2.3', weight: 5, points: 0, basis: 'supplied', scored: 5, … }
 * byNumber('1.1')?.basis; // 'missing'
 * ```
 */
export interface RequirementReport {
  number: string;
  title: string;
  /** The requirement's weight, or `null` when the plan gives none that can be read. */
  weight: number | null;
  /** Points earned: from the data or a supplied result; `null` when neither decides any. */
  points: number | null;
  /** Where the points come from: `data`, `supplied`, `missing` or `unscored`. */
  basis: 'data' | 'supplied' | 'missing' | 'unscored';
  /** The part of the weight that was decided (by the data or the supplied result); 0 when none. */
  scored: number;
  /** The targets (outside groups) and groups that evaluate it. */
  targets: string[];
  groups: string[];
  /** Why it is not evaluated from the data, or `null`. */
  reason: string | null;
  note: string | null;
}

/**
 * The plan's points as a whole, over its requirements with a known weight: `possible` (their
 * weights; 100 for a whole plan), split into the points decided by the data (`fromData`), those
 * decided by supplied results (`supplied`) and the rest (`missing`: not evaluated and not supplied,
 * or evaluated but unscored), so `fromData + supplied + missing = possible`; `earned` is the points
 * earned from the data and the supplied results. `unknownWeights` lists the requirements without a
 * known weight; when the plan states what it is worth as a whole (`totalWeight`), their points
 * together are `unreadable` and counted in `possible` and `missing`, else the totals leave them out.
 *
 * @example
 * ```ts
 * // SIRI 2020, one study case within its limit, and sick leave (2.3) supplied as met.
 * const report = evaluatePlan(getPlan('siri-2020'), [
 *   { id: 'S1', caseType: 'studie', applied: '2020-03-02', decided: '2020-04-01' },
 * ], { results: { '2.3': { met: true } } });
 * const total: PlanTotal | null = report.total;
 * total; // { possible: 100, fromData: 5, supplied: 5, missing: 90, earned: 10, unknownWeights: [], unreadable: 0 }
 * // SIRI 2024 is worth 100 points, but the weights of 1.4 and 2.4 cannot be read: 15 points together.
 * const siri2024 = evaluatePlan(getPlan('siri-2024'), []).total;
 * [siri2024?.possible, siri2024?.unreadable, siri2024?.unknownWeights]; // [100, 15, ['1.4', '2.4']]
 * ```
 */
export interface PlanTotal {
  possible: number;
  fromData: number;
  supplied: number;
  missing: number;
  earned: number;
  unknownWeights: string[];
  /** Points of the requirements in `unknownWeights` together, when the plan's `totalWeight` tells them; else 0. */
  unreadable: number;
}

/**
 * The compliance report of a plan over a period. Plain JSON-serialisable data.
 *
 * @example
 * ```ts
 * const report: PlanReport = evaluatePlan(getPlan('siri-2020'), [
 *   { id: 'E1', caseType: 'eu', applied: '2020-03-02', decided: '2020-03-03' }, // 1 day
 *   { id: 'E2', caseType: 'eu', applied: '2020-03-02', decided: '2020-03-20' }, // 18 days
 *   { id: 'L1', caseType: 'loenarbejde', applied: '2020-12-01', decided: null },
 * ]);
 * report.period; // { from: '2020-01-01', to: '2020-12-31', label: '2020' }
 * report.counts; // { input: 3, measured: 2, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }
 * // EU: 1 of 2 within 1 day misses 75 % (0 of 10 points); 2 of 2 within 31 and 92 days earn 5 + 5.
 * [report.points.earned, report.points.possible]; // [10, 20]
 * report.points.unscored.map((item) => `${item.id}: ${item.reason}`); // ['1.4-erhverv: no-cases', '1.4-studie: no-cases']
 * ```
 */
export interface PlanReport {
  /** The plan, with the documents its sources cite (see {@link formatSource}). */
  plan: { id: string; title: string; authority: string | null; year: number | null; documents: PlanDocument[] };
  period: { from: string; to: string; label: string };
  counts: Counts;
  /**
   * The problems of the invalid records of every input (a record may have several), in input
   * order: the first `maxProblems` of them (default 1,000; see `AggregateOptions.maxProblems`).
   */
  invalid: InvalidRecord[];
  /** The number of problems of each code, listed in `invalid` or not. */
  invalidCounts: Partial<Record<IssueCode, number>>;
  /** The number of problems not listed in `invalid`. */
  invalidOmitted: number;
  /**
   * Which record of a repeated case id was counted (the `duplicates` option); the others are
   * invalid, counted in `invalidCounts.duplicate_record`.
   */
  duplicates: 'first' | 'last';
  /**
   * Cases without a target, by case type. This record and those by channel and by centre have no
   * prototype, so a case type named `__proto__` or `constructor` is an own key like any other (and
   * a key in JSON).
   */
  withoutTarget: Record<string, number>;
  /**
   * The same cases by reason, each by case type (docs/methodology.md, convention 8): no target
   * covers the type (`noTarget`), outside the scope of every covering target (`outOfScope`),
   * flagged by the agency as without a management target (`flagged`).
   */
  withoutTargetReasons: WithoutTargetReasons;
  /**
   * Target scopes: whether any target of the plan has one, what a record lacking a tested
   * attribute counted as (`missingAttributes`), and per attribute how many valid records that
   * decided (`missing`).
   */
  scope: { scoped: boolean; missingAttributes: MissingAttributes; missing: Record<string, number> };
  /** Contact records per bucket, and those without a target by channel. */
  contacts: { counts: ContactCounts; withoutTarget: Record<string, number> };
  /** Observation records per bucket, and those without a target by centre. */
  observations: { counts: ObservationCounts; withoutTarget: Record<string, number> };
  /** The plan's addenda. */
  addenda: Addendum[];
  targets: TargetReport[];
  groups: GroupReport[];
  /** Targets of the plan that are not evaluated from case records. */
  notEvaluable: ServicePlan['notEvaluable'];
  points: { earned: number | null; possible: number | null; unscored: Unscored[] };
  /** Every requirement of the plan, with its points and where they come from (empty: the plan lists none). */
  requirements: RequirementReport[];
  /** The plan's points over all its requirements, or `null` when the plan lists none. */
  total: PlanTotal | null;
}

/**
 * Input to a custom group scoring rule.
 *
 * @example
 * ```ts
 * // SIRI 2024 1.1 (60 points): Fast-track, the whole business area, EU.
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }, // 19 days: within 31
 *   { id: 'E1', caseType: 'eu', applied: '2024-03-04', decided: '2024-03-06' }, // 2 days: not within 1
 * ];
 * const byTargetsMet = ({ group, targets }: GroupScoringInput): number =>
 *   ((group.weight ?? 0) * targets.filter((target) => target.met === true).length) / targets.length;
 * // F1 meets Fast-track and the business area, E1 misses EU: 60 × 2 / 3.
 * evaluatePlan(getPlan('siri-2024'), cases, { groupScoring: { '1.1': byTargetsMet } }).groups[0]?.points; // 40
 * ```
 */
export interface GroupScoringInput {
  group: TargetGroup;
  /** Reports of the group's evaluable targets. */
  targets: TargetReport[];
}

/**
 * How to score a group whose plan gives only a weight for the whole group (SIRI 2023/2024): the
 * source gives no split, so the library never invents one (docs/methodology.md, convention 11).
 *
 * - `'all-met'`: the group's weight when every tier of every target is met, else 0.
 * - `'share-of-tiers'`: the weight times the fraction of tiers met.
 * - `'mean-score'`: the weight times the mean of the targets' scores (so a biometrics target scored
 *   by centre weights contributes its fraction).
 * - a function returning points between 0 and the group's weight, or `null`.
 *
 * @example
 * ```ts
 * // SIRI 2024 1.1 (60 points): Fast-track, the whole business area, EU; one tier each.
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }, // 19 days: within 31
 *   { id: 'E1', caseType: 'eu', applied: '2024-03-04', decided: '2024-03-06' }, // 2 days: not within 1
 * ];
 * const points = (rule: GroupScoringRule) => evaluatePlan(getPlan('siri-2024'), cases, { groupScoring: { '1.1': rule } }).groups[0]?.points;
 * // F1 meets Fast-track and the business area; E1 misses EU.
 * points('all-met'); // 0
 * points('share-of-tiers'); // 40: 60 × 2 of 3 tiers met
 * points('mean-score'); // 40: 60 × the mean of the scores 1, 1 and 0
 * ```
 */
export type GroupScoringRule = 'all-met' | 'share-of-tiers' | 'mean-score' | ((input: GroupScoringInput) => number | null);

/**
 * Options for {@link reportFromAggregate}.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }, // 19 days: within 31
 *   { id: 'E1', caseType: 'eu', applied: '2024-03-04', decided: '2024-03-06' }, // 2 days: not within 1
 * ];
 * const plan = getPlan('siri-2024');
 * const options: ReportOptions = { groupScoring: { '1.1': 'share-of-tiers' } };
 * // 1.1 earns 60 × 2 of 3 tiers met; 1.2 (biometrics) has no rule.
 * reportFromAggregate(plan, aggregateCases(plan, cases), options).points;
 * // { earned: 40, possible: 60, unscored: [{ id: '1.2', kind: 'group', weight: 10, reason: 'no-scoring-rule' }] }
 * ```
 */
export interface ReportOptions {
  /** Scoring rules by group id. */
  groupScoring?: Readonly<Record<string, GroupScoringRule>>;
  /**
   * Results of requirements the data does not evaluate, by requirement number (`'2.3'`): `{ met }`
   * or `{ points }` (see {@link SuppliedResult}).
   */
  results?: Readonly<Record<string, SuppliedResult>>;
  /**
   * Observation targets: whether a working day without an observation of a centre counts as not
   * within (`'notWithin'`, the default) or is left out of the share (`'exclude'`).
   */
  observationGaps?: ObservationGaps;
}

/**
 * Turns an aggregate into the report: shares, exact comparisons, points.
 *
 * The aggregate is checked first, as it may have been stored and read back: every count is a whole
 * number ≥ 0, each input's `input` is the sum of its buckets, the counts without a target by key add
 * up to that bucket, and no target measures more records than its input measured.
 *
 * @throws {ServicemaalError} `incompatible_aggregates` naming what does not add up, or when the
 * aggregate is of another plan; `invalid_plan` and `invalid_option` for a wrong plan or options.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }, // 19 days: within 31
 *   { id: 'E1', caseType: 'eu', applied: '2024-03-04', decided: '2024-03-06' }, // 2 days: not within 1
 * ];
 * const report = reportFromAggregate(plan, aggregateCases(plan, cases, { period: '2024' }), {
 *   groupScoring: { '1.1': 'share-of-tiers' },
 * });
 * report.targets.map((target) => [target.id, target.met]); // [['fast-track', true], ['erhverv', true], ['eu', false], ['biometri', null]]
 * report.groups[0]?.points; // 40: 60 points × 2 of 3 tiers met
 * // An aggregate stored as JSON and edited so that its counts no longer add up:
 * const stored = JSON.parse(JSON.stringify(aggregateCases(plan, cases, { period: '2024' }))) as PlanAggregate;
 * stored.counts.measured = 3;
 * reportFromAggregate(plan, stored); // throws: code 'incompatible_aggregates', counts.input is 2, but its buckets add up to 3
 * ```
 */
export function reportFromAggregate(plan: ServicePlan, aggregate: PlanAggregate, options: ReportOptions = {}): PlanReport {
  assertPlan(plan);
  assertOptions(options);
  assertGroupScoring(options.groupScoring);
  const results = suppliedResults(plan, options.results);
  assertObservationGaps(options.observationGaps);
  checkAggregate(aggregate);
  aggregate = currentAggregate(aggregate);
  if (aggregate.plan !== plan.id || aggregate.targets.length !== plan.targets.length) {
    fail('incompatible_aggregates', `the aggregate is of plan "${aggregate.plan}", not "${plan.id}"`);
  }
  const groupOf = new Map<string, string>();
  for (const group of plan.groups) for (const id of group.targets) groupOf.set(id, group.id);

  const targets: TargetReport[] = plan.targets.map((target, t) => {
    const state = aggregate.targets[t];
    if (state === undefined || state.id !== target.id) {
      return fail('incompatible_aggregates', `the aggregate has no state for target "${target.id}"`);
    }
    return targetReport(plan, target, state, groupOf.get(target.id) ?? null, aggregate.period, options.observationGaps ?? 'notWithin');
  });

  const { groups, points, scoredWeights } = scorePlan(plan, targets, options.groupScoring ?? {});
  const requirements = requirementReports(plan, targets, groups, scoredWeights, results);
  const problems = problemsOf(aggregate);
  return {
    plan: { id: plan.id, title: plan.title, authority: plan.authority, year: plan.year, documents: plan.documents },
    period: aggregate.period,
    counts: aggregate.counts,
    invalid: aggregate.invalid,
    invalidCounts: problems.invalidCounts,
    invalidOmitted: problems.invalidOmitted,
    duplicates: duplicatesOfAggregate(aggregate),
    withoutTarget: copyKeyed(aggregate.withoutTarget),
    withoutTargetReasons: {
      noTarget: copyKeyed(aggregate.withoutTargetReasons.noTarget),
      outOfScope: copyKeyed(aggregate.withoutTargetReasons.outOfScope),
      flagged: copyKeyed(aggregate.withoutTargetReasons.flagged),
    },
    scope: {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a plan made before scopes existed has no `where`
      scoped: plan.targets.some((target) => (target.where ?? []).length > 0),
      missingAttributes: aggregate.scope.missingAttributes,
      missing: copyKeyed(aggregate.scope.missing),
    },
    contacts: { counts: aggregate.contacts.counts, withoutTarget: copyKeyed(aggregate.contacts.withoutTarget) },
    observations: { counts: aggregate.observations.counts, withoutTarget: copyKeyed(aggregate.observations.withoutTarget) },
    addenda: plan.addenda,
    targets,
    groups,
    notEvaluable: plan.notEvaluable,
    points,
    requirements,
    total: plan.requirements.length === 0 ? null : planTotal(requirements, plan.totalWeight),
  };
}

/**
 * The `results` option checked against the plan: by requirement number, the points each earns.
 */
function suppliedResults(plan: ServicePlan, option: unknown): Map<string, number> {
  const results = new Map<string, number>();
  if (option === undefined) return results;
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    fail('invalid_option', 'results must be an object { "requirement number": { met: true | false } or { points: number } }', ['results']);
  }
  const entries = Object.entries(option);
  if (entries.length > 0 && plan.requirements.length === 0) {
    fail('invalid_option', `results: plan "${plan.id}" lists no requirements to supply results for`, ['results']);
  }
  const numbers = plan.requirements.map((requirement) => requirement.number).join(', ');
  for (const [number, value] of entries) {
    const path = ['results', number];
    const requirement = plan.requirements.find((candidate) => candidate.number === number);
    if (requirement === undefined) fail('invalid_option', `results: plan "${plan.id}" has no requirement "${number}" (its requirements: ${numbers})`, path);
    const members = [...requirement.groups.map((id) => `group ${id}`), ...requirement.targets.map((id) => `target ${id}`)];
    if (members.length > 0) {
      fail('invalid_option', `results: requirement ${number} is evaluated from the data (${members.join(', ')}); it takes no supplied result`, path);
    }
    const result: unknown = value;
    const keys = typeof result === 'object' && result !== null && !Array.isArray(result) ? Object.keys(result) : null;
    const met: unknown = keys?.length === 1 && keys[0] === 'met' ? (result as { met: unknown }).met : undefined;
    const points: unknown = keys?.length === 1 && keys[0] === 'points' ? (result as { points: unknown }).points : undefined;
    if (typeof met !== 'boolean' && typeof points !== 'number') {
      fail('invalid_option', `results: the result of requirement ${number} must be { met: true }, { met: false } or { points: number }`, path);
    }
    const weight = requirement.weight;
    if (weight === null) {
      fail('invalid_option', `results: requirement ${number} has no known weight in plan "${plan.id}", so no points can be supplied for it`, path);
    }
    if (typeof points === 'number' && !(Number.isFinite(points) && points >= 0 && points <= weight)) {
      fail('invalid_option', `results: the points of requirement ${number} must be from 0 to its weight ${weight}, got ${String(points)}`, [...path, 'points']);
    }
    results.set(number, typeof points === 'number' ? points : met === true ? weight : 0);
  }
  return results;
}

function requirementReports(
  plan: ServicePlan,
  targets: TargetReport[],
  groups: GroupReport[],
  scoredWeights: ReadonlyMap<string, number>,
  results: ReadonlyMap<string, number>,
): RequirementReport[] {
  const targetPoints = new Map(targets.map((target) => [target.id, target.points]));
  const groupPoints = new Map(groups.map((group) => [group.id, group.points]));
  return plan.requirements.map((requirement): RequirementReport => {
    const entry = (points: number | null, basis: RequirementReport['basis'], scored: number): RequirementReport => ({
      number: requirement.number,
      title: requirement.title,
      weight: requirement.weight,
      points,
      basis,
      scored,
      targets: requirement.targets,
      groups: requirement.groups,
      reason: requirement.reason,
      note: requirement.note,
    });
    const members: [string, number | null][] = [
      ...requirement.groups.map((id): [string, number | null] => [`group:${id}`, groupPoints.get(id) ?? null]),
      ...requirement.targets.map((id): [string, number | null] => [`target:${id}`, targetPoints.get(id) ?? null]),
    ];
    if (members.length === 0) {
      const supplied = results.get(requirement.number);
      return supplied === undefined ? entry(null, 'missing', 0) : entry(supplied, 'supplied', requirement.weight ?? 0);
    }
    let points = 0;
    let scored = 0;
    let any = false;
    for (const [key, value] of members) {
      const weight = scoredWeights.get(key);
      if (weight === undefined || value === null) continue;
      any = true;
      points += value;
      scored += weight;
    }
    return any ? entry(points, 'data', scored) : entry(null, 'unscored', 0);
  });
}

function planTotal(requirements: RequirementReport[], totalWeight: number | null): PlanTotal {
  const total: PlanTotal = { possible: 0, fromData: 0, supplied: 0, missing: 0, earned: 0, unknownWeights: [], unreadable: 0 };
  for (const requirement of requirements) {
    if (requirement.weight === null) {
      total.unknownWeights.push(requirement.number);
      continue;
    }
    total.possible += requirement.weight;
    total.earned += requirement.points ?? 0;
    if (requirement.basis === 'supplied') total.supplied += requirement.scored;
    else total.fromData += requirement.scored;
    total.missing += requirement.weight - requirement.scored;
  }
  if (totalWeight !== null && totalWeight > total.possible) {
    // The points of the requirements whose weights cannot be read: missing, as a whole.
    total.unreadable = totalWeight - total.possible;
    total.missing += total.unreadable;
    total.possible = totalWeight;
  }
  return total;
}

function pointsFor(met: boolean | null, weight: number | null): number | null {
  if (weight === null || met === null) return null;
  return met ? weight : 0;
}

/** Seconds per unit of a limit, for limits read from a histogram in seconds. */
const SECONDS: Partial<Record<Limit['unit'], number>> = { minutes: 60, hours: 3600 };

/** The histogram a tier is read from, and the limit in that histogram's unit. */
function histogramFor(state: TargetAggregate, limit: Limit): { histogram: readonly number[]; amount: number; scale: number } {
  if (limit.unit === 'workingDays') return { histogram: state.workingDays ?? [], amount: limit.amount, scale: 1 };
  const seconds = SECONDS[limit.unit];
  if (seconds !== undefined) return { histogram: state.seconds ?? [], amount: limit.amount * seconds, scale: seconds };
  return { histogram: state.days, amount: limit.amount, scale: 1 };
}

function targetReport(
  plan: ServicePlan,
  target: ServiceTarget,
  state: TargetAggregate,
  group: string | null,
  period: PlanAggregate['period'],
  policy: ObservationGaps,
): TargetReport {
  const missing = state.missingEvent.length;
  const coverage = target.input === 'observations' ? observationCoverage(plan, target, state, period, policy) : null;
  const tiers: TierReport[] = target.tiers.map((tier, i): TierReport => {
    const { histogram, amount, scale } = histogramFor(state, tier.limit);
    const withEvent = histogramCount(histogram);
    // Observation targets: the days counted follow the gaps policy (convention 13).
    const measured = coverage === null ? withEvent + missing : coverage.centres.reduce((sum, centre) => sum + countedDays(centre, coverage), 0);
    const stats = histogramStats(histogram, scale, tier.limit.unit === 'months' ? 'days' : tier.limit.unit);
    if (target.aggregate === 'mean') {
      const sum = histogramSum(histogram);
      const met = withEvent === 0 ? null : sum <= amount * withEvent;
      return {
        kind: 'mean',
        limit: tier.limit,
        label: tier.label,
        required: null,
        measured,
        mean: withEvent === 0 ? null : sum / withEvent / scale,
        met,
        weight: tier.weight,
        points: pointsFor(met, tier.weight),
        stats,
      };
    }
    const required = tier.required ?? 0;
    const within = state.within[i] ?? countAtMost(histogram, amount);
    let met = meetsShare(within, measured, required);
    const report: ShareTierReport = {
      kind: 'share',
      limit: tier.limit,
      label: tier.label,
      required,
      measured,
      within,
      share: measured === 0 ? null : within / measured,
      needed: measured === 0 ? null : casesNeeded(measured, required),
      met,
      weight: tier.weight,
      points: null,
      stats,
      interval: wilsonInterval(within, measured),
    };
    if (target.centres !== null && coverage !== null) {
      const centres = centreReports(target.centres, state.centres ?? {}, coverage, amount, required);
      const weighted = weightedShare(centres, required);
      report.centres = centres;
      report.weightedShare = weighted.share;
      met =
        target.centreScoring === 'weighted-share'
          ? weighted.met
          : centres.some((centre) => centre.weight > 0 && centre.met === null)
            ? null
            : centres.every((centre) => centre.weight === 0 || centre.met === true);
      report.met = met;
    }
    report.points = pointsFor(met, tier.weight);
    return report;
  });
  const met = tiers.some((tier) => tier.met === null) ? null : tiers.every((tier) => tier.met === true);
  const score = targetScore(target, tiers);
  return {
    id: target.id,
    label: target.label,
    input: target.input,
    caseTypes: state.caseTypes,
    areas: target.areas,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a plan made before scopes existed has no `where`
    where: target.where ?? [],
    clock: target.clock,
    aggregate: target.aggregate,
    source: target.source,
    group,
    measured: tiers[0]?.measured ?? 0,
    pending: state.pending,
    missingEvent: { count: missing, ids: state.missingEvent },
    met,
    score,
    weight: target.weight,
    points: targetPoints(target, tiers, met, score),
    period: target.period === null ? null : periodBounds(target),
    window: measuredWindow(target, period),
    applies: applies(target, period),
    effective: target.effective,
    channels: target.channels,
    tiers,
    ...(coverage === null ? {} : { coverage }),
  };
}

/** The days the target measures in the evaluation: the period cut to the target's own period. */
function measuredWindow(target: ServiceTarget, period: PlanAggregate['period']): { from: string; to: string } | null {
  const own = target.period === null ? period : periodBounds(target);
  const from = own.from > period.from ? own.from : period.from;
  const to = own.to < period.to ? own.to : period.to;
  return from <= to ? { from, to } : null;
}

/** Whether the target can measure anything in the evaluation: its window and addendum dates meet. */
function applies(target: ServiceTarget, period: PlanAggregate['period']): boolean {
  const window = measuredWindow(target, period);
  if (window === null) return false;
  const { from, until, by } = target.effective;
  if (from !== null && from > window.to) return false;
  // By decision date, a target retired before the window starts measures nothing in it.
  return !(by === 'decided' && until !== null && until <= window.from);
}

function periodBounds(target: ServiceTarget): { from: string; to: string } {
  const period = parsePeriod(target.period ?? '', ['targets', target.id, 'period']);
  return { from: formatDayNumber(period.from), to: formatDayNumber(period.to) };
}

function centreReports(weights: Record<string, number>, histograms: Record<string, number[]>, coverage: ObservationCoverage, amount: number, required: number): CentreReport[] {
  return Object.entries(weights).map(([centre, weight], i) => {
    const histogram = ownValue(histograms, centre) ?? [];
    const covered = coverage.centres[i];
    const measured = covered === undefined ? histogramCount(histogram) : countedDays(covered, coverage);
    const within = countAtMost(histogram, amount);
    return { centre, weight, measured, within, share: measured === 0 ? null : within / measured, met: meetsShare(within, measured, required) };
  });
}

/** Σ weight × share over the centres, decided exactly; `null` when a weighted centre has no data. */
function weightedShare(centres: CentreReport[], required: number): { share: number | null; met: boolean | null } {
  if (centres.some((centre) => centre.weight > 0 && centre.measured === 0)) return { share: null, met: null };
  let num = 0n;
  let den = 1n;
  let share = 0;
  for (const centre of centres) {
    if (centre.weight === 0) continue;
    const w = decimalRatio(centre.weight);
    // num/den + (w.num × within) / (w.den × measured)
    const termDen = w.den * BigInt(centre.measured);
    num = num * termDen + w.num * BigInt(centre.within) * den;
    den *= termDen;
    share += (centre.weight * centre.within) / centre.measured;
  }
  const r = decimalRatio(required);
  return { share, met: num * r.den >= r.num * den };
}

function targetScore(target: ServiceTarget, tiers: TierReport[]): number | null {
  if (tiers.some((tier) => tier.met === null)) return null;
  if (target.centres !== null && target.centreScoring === 'met-centres') {
    // The weights of the centres that met each tier, averaged over the tiers.
    const perTier = tiers.map((tier) =>
      sumDecimals((tier.kind === 'share' ? (tier.centres ?? []) : []).flatMap((centre) => (centre.met === true ? [centre.weight] : []))),
    );
    return perTier.reduce((sum, value) => sum + value, 0) / perTier.length;
  }
  if (target.weight !== null && target.weight > 0 && tiers.every((tier) => tier.weight !== null)) {
    return tiers.reduce((sum, tier) => sum + (tier.points ?? 0), 0) / target.weight;
  }
  return tiers.filter((tier) => tier.met === true).length / tiers.length;
}

/** The exact sum of decimal numbers (centre weights such as 0.55 + 0.2 + 0.05 + 0.05 = 0.85). */
function sumDecimals(values: number[]): number {
  let num = 0n;
  let den = 1n;
  for (const value of values) {
    const ratio = decimalRatio(value);
    num = num * ratio.den + ratio.num * den;
    den *= ratio.den;
  }
  return Number(num) / Number(den);
}

function targetPoints(target: ServiceTarget, tiers: TierReport[], met: boolean | null, score: number | null): number | null {
  if (target.weight === null || met === null || score === null) return null;
  // Centre weights: weight × the centres' score. Tier weights: the sum of tier points.
  if (target.centres !== null && target.centreScoring === 'met-centres') return target.weight * score;
  if (tiers.every((tier) => tier.weight !== null)) return tiers.reduce((sum, tier) => sum + (tier.points ?? 0), 0);
  // Only a target weight: every tier must be met.
  return met ? target.weight : 0;
}

function scorePlan(
  plan: ServicePlan,
  targets: TargetReport[],
  rules: Readonly<Record<string, GroupScoringRule>>,
): { groups: GroupReport[]; points: PlanReport['points']; scoredWeights: Map<string, number> } {
  for (const id of Object.keys(rules)) {
    if (!plan.groups.some((group) => group.id === id)) {
      fail('invalid_option', `groupScoring names unknown group "${id}" (groups: ${plan.groups.map((g) => g.id).join(', ')})`, ['groupScoring', id]);
    }
  }
  const byId = new Map(targets.map((target) => [target.id, target]));
  const notEvaluable = new Set(plan.notEvaluable.map((entry) => entry.id));
  let earned = 0;
  let possible = 0;
  let scored = 0;
  const unscored: Unscored[] = [];
  const scoredWeights = new Map<string, number>();
  const score = (id: string, kind: Unscored['kind'], weight: number | null, points: number | null, reason: Unscored['reason']): void => {
    if (weight === null) return;
    if (points === null) {
      unscored.push({ id, kind, weight, reason });
      return;
    }
    earned += points;
    possible += weight;
    scoredWeights.set(`${kind}:${id}`, weight);
    scored++;
  };

  const groups = plan.groups.map((group): GroupReport => {
    const all = group.targets.flatMap((id) => byId.get(id) ?? []);
    const members = all.filter((member) => member.applies);
    const hasNotEvaluable = group.targets.some((id) => notEvaluable.has(id));
    const rule = ownValue(rules, group.id);
    let scoring: GroupReport['scoring'] = null;
    let points: number | null = null;
    let reason: Unscored['reason'] = 'no-scoring-rule';
    if (!hasNotEvaluable && all.length > 0 && all.every((member) => member.weight !== null)) {
      if (rule !== undefined) {
        fail('invalid_option', `group "${group.id}" is scored by its targets' own weights; it takes no scoring rule`, ['groupScoring', group.id]);
      }
      scoring = 'target-weights';
      reason = 'no-cases';
      // Each target earns its own points (convention 11): the group's points are those of its
      // measured targets, and a target with nothing measured is unscored on its own.
      const measured = all.filter((member) => member.points !== null);
      if (measured.length > 0 && measured.length < all.length) {
        for (const member of all) if (member.points === null) unscored.push({ id: member.id, kind: 'target', weight: member.weight ?? 0, reason: 'no-cases' });
        points = sumPoints(measured);
        score(group.id, 'group', sumWeights(measured), points, reason);
        return { id: group.id, label: group.label, weight: group.weight, targets: group.targets, source: group.source, scoring, points };
      }
      points = measured.length === 0 ? null : sumPoints(measured);
    } else if (hasNotEvaluable) {
      if (rule !== undefined) {
        fail('invalid_option', `group "${group.id}" has targets that are not evaluated from case records; it cannot be scored`, ['groupScoring', group.id]);
      }
      reason = 'not-evaluable';
    } else if (rule !== undefined && group.weight === null) {
      fail('invalid_option', `group "${group.id}" has no weight to score`, ['groupScoring', group.id]);
    } else if (rule !== undefined) {
      scoring = 'rule';
      reason = typeof rule === 'function' && members.length > 0 ? 'rule-returned-null' : 'no-cases';
      // Only the targets that apply in the evaluated window are scored.
      points = members.length === 0 ? null : applyRule(rule, group, members);
    }
    score(group.id, 'group', group.weight ?? (scoring === 'target-weights' ? sumWeights(all) : null), points, reason);
    return { id: group.id, label: group.label, weight: group.weight, targets: group.targets, source: group.source, scoring, points };
  });

  for (const target of targets) {
    if (target.group === null) score(target.id, 'target', target.weight, target.points, 'no-cases');
  }
  return {
    groups,
    points: { earned: scored === 0 ? null : earned, possible: scored === 0 ? null : possible, unscored },
    scoredWeights,
  };
}

function sumPoints(members: TargetReport[]): number {
  return members.reduce((sum, member) => sum + (member.points ?? 0), 0);
}

function sumWeights(members: TargetReport[]): number {
  return members.reduce((sum, member) => sum + (member.weight ?? 0), 0);
}

function applyRule(rule: GroupScoringRule, group: TargetGroup, members: TargetReport[]): number | null {
  const weight = group.weight ?? 0;
  const tiers = members.flatMap((member) => member.tiers);
  if (typeof rule === 'function') {
    const points = rule({ group, targets: members });
    if (points !== null && !(Number.isFinite(points) && points >= 0 && points <= weight)) {
      fail('invalid_option', `the scoring rule of group "${group.id}" returned ${String(points)}, not 0–${weight}`, ['groupScoring', group.id]);
    }
    return points;
  }
  if (tiers.some((tier) => tier.met === null)) return null;
  if (rule === 'mean-score') {
    const scores = members.map((member) => member.score);
    if (scores.some((score) => score === null)) return null;
    return (weight * scores.reduce<number>((sum, score) => sum + (score ?? 0), 0)) / scores.length;
  }
  const met = tiers.filter((tier) => tier.met === true).length;
  if (rule === 'all-met') return met === tiers.length ? weight : 0;
  return (weight * met) / tiers.length;
}

/**
 * The plan's points if each tier's `met` were as `met(targetId, tier)` says (`null`: unknown;
 * `'as-is'`: as in the report, centres included). Used for forecasts: lower, upper and expected
 * points.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }, // 19 days: within 31
 *   { id: 'E1', caseType: 'eu', applied: '2024-03-04', decided: '2024-03-06' }, // 2 days: not within 1
 * ];
 * const report = evaluatePlan(plan, cases);
 * const rules: Record<string, GroupScoringRule> = { '1.1': 'share-of-tiers' };
 * scoreScenario(plan, report, () => 'as-is', rules); // { earned: 40, possible: 60 }: as in the report
 * scoreScenario(plan, report, (targetId) => (targetId === 'eu' ? true : 'as-is'), rules); // { earned: 60, possible: 60 }: if EU were met
 * ```
 */
export function scoreScenario(
  plan: ServicePlan,
  report: PlanReport,
  met: (targetId: string, tier: number) => boolean | null | 'as-is',
  rules: Readonly<Record<string, GroupScoringRule>> = {},
): { earned: number | null; possible: number | null } {
  assertPlan(plan);
  assertGroupScoring(rules);
  const targets = report.targets.map((target): TargetReport => {
    const definition = plan.targets.find((candidate) => candidate.id === target.id);
    if (definition === undefined) return target;
    const tiers = target.tiers.map((tier, i): TierReport => {
      const value = met(target.id, i);
      if (value === 'as-is') return tier;
      // A scenario decides the centres too: all met, or none.
      const centres = tier.kind === 'share' && tier.centres !== undefined && value !== null ? { centres: tier.centres.map((centre) => ({ ...centre, met: value })) } : {};
      return { ...tier, ...centres, met: value, points: pointsFor(value, tier.weight) };
    });
    const allMet = tiers.some((tier) => tier.met === null) ? null : tiers.every((tier) => tier.met === true);
    const score = targetScore(definition, tiers);
    return { ...target, tiers, met: allMet, score, points: targetPoints(definition, tiers, allMet, score) };
  });
  const { earned, possible } = scorePlan(plan, targets, rules).points;
  return { earned, possible };
}
