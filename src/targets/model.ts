/**
 * The normalised model of service targets and plans. Builders ({@link defineTarget},
 * {@link definePlan}) turn user input into these shapes, with every default filled in.
 */
import type { CalendarOptions } from '../calendar/calendar.js';
import type { PeriodInput } from '../dates/periods.js';

/**
 * Units a tier limit can be expressed in: calendar `days`, calendar `months`, `workingDays` (of the
 * target's calendar) for case targets; `minutes` and `hours` for waiting-time targets.
 *
 * @example
 * ```ts
 * const unit: LimitUnit = 'workingDays';
 * formatLimit({ amount: 15, unit }); // '15 working days'
 * ```
 */
export type LimitUnit = 'days' | 'months' | 'workingDays' | 'hours' | 'minutes';

/**
 * What a target measures: `cases` (processing time of case records), `contacts` (waiting time of
 * phone calls and visits) or `observations` (daily days-to-next-free-appointment per service centre).
 *
 * @example
 * ```ts
 * const kinds: TargetInputKind[] = getPlan('siri-2023').targets.map((target) => target.input);
 * [...new Set(kinds)]; // ['cases', 'observations', 'contacts']
 * ```
 */
export type TargetInputKind = 'cases' | 'contacts' | 'observations';

/**
 * When a target applies, set by the plan's addenda: from and/or until a date (exclusive), judged by
 * the case's decision date (default) or application date. Contacts and observations use their own
 * date.
 *
 * @example
 * ```ts
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa 2025',
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] }],
 *   addenda: [{ id: 'allonge-1', effective: '2025-07-01', retire: ['visa'] }],
 * });
 * const effective: Effective | undefined = plan.targets[0]?.effective;
 * effective; // { from: null, until: '2025-07-01', by: 'decided' }: cases decided before 1 July
 * ```
 */
export interface Effective {
  from: string | null;
  until: string | null;
  by: 'decided' | 'applied';
}

/**
 * How a target with centre weights is scored (see the methodology): `met-centres` (the score is
 * the sum of the weights of the centres that meet the tier; the target is met when every weighted
 * centre does) or `weighted-share` (the weighted mean of the centres' shares is compared with the
 * required share).
 *
 * @example
 * ```ts
 * const biometrics = getPlan('siri-2023').targets.find((target) => target.id === 'biometri');
 * const scoring: CentreScoring | undefined = biometrics?.centreScoring;
 * scoring; // 'met-centres'
 * ```
 */
export type CentreScoring = 'met-centres' | 'weighted-share';

/**
 * A time limit: `{ amount: 31, unit: 'days' }`.
 *
 * @example
 * ```ts
 * const limit: Limit = { amount: 7, unit: 'months' };
 * formatLimit(limit); // '7 months'
 * getPlan('us-2019').targets.find((target) => target.id === 'forlaengelse')?.tiers[0]?.limit; // { amount: 7, unit: 'months' }
 * ```
 */
export interface Limit {
  amount: number;
  unit: LimitUnit;
}

/**
 * A place in one of a plan's documents: the document's id (one of {@link ServicePlan.documents}),
 * the requirement number as that document numbers it (`1.4`, or `1.1a` for part a of 1.1), and
 * optionally the short phrase a number is read from.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2020');
 * const citation: Citation | undefined = plan.targets[0]?.source?.also?.[0];
 * citation; // { document: 'siri-2020-bilag', requirement: '1.5' }
 * formatCitation(plan, citation ?? null); // 'SIRI, Bilag for mål og resultatplan 2020 – opgørelsesmetode for resultatkrav, resultatkrav 1.5'
 * ```
 */
export interface Citation {
  /** Id of the document in the plan's `documents`. */
  document: string;
  /** Requirement number as the document numbers it, e.g. `1.4`, `1.1a` (part a of 1.1). */
  requirement: string;
  /** A short phrase of the document that a number is read from, as the document words it. */
  quote?: string;
}

/**
 * Where a target, tier, group or addendum comes from: a {@link Citation} of the plan's documents,
 * other places that state the same (`also`: the appendix that gives the limits and weights of a
 * requirement of the signed plan), and a remark on how the library reads it.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const source: Source | null = plan.targets[0]?.source ?? null;
 * source; // { document: 'siri-2023', requirement: '1.1a', quote: 'Fast-track 1. gang: 85 pct. afgøres inden 31 dage' }
 * formatSource(plan, source); // 'SIRI, Mål- og resultatplan 2023, resultatkrav 1.1a'
 * ```
 */
export interface Source extends Citation {
  /** Other places that state the same requirement (e.g. the appendix with its own numbering). */
  also?: Citation[];
  /** Optional remark (a reading choice, a doubt about the source). */
  note?: string;
}

/**
 * A document a plan rests on, cited as a reader finds it: the authority, the title as printed, the
 * year, and the requirements it numbers.
 *
 * @example
 * ```ts
 * const document: PlanDocument | undefined = getPlan('siri-2020').documents[1];
 * [document?.authority, document?.kind, document?.year]; // ['SIRI', 'appendix', 2020]
 * document?.title; // 'Bilag for mål og resultatplan 2020 – opgørelsesmetode for resultatkrav'
 * document?.requirements.find((requirement) => requirement.number === '1.5')?.title; // 'Servicemål'
 * ```
 */
export interface PlanDocument {
  /** Id used by the plan's sources, e.g. `siri-2020-bilag`. */
  id: string;
  /** The authority that issued the document, as it names itself (e.g. `SIRI`). */
  authority: string;
  /** The document's title as printed. */
  title: string;
  year: number | null;
  /** `plan` (the signed plan), `appendix` (bilag), `addendum` (allonge) or `other`. */
  kind: PlanDocumentKind;
  /** The requirements the document numbers, in its order (empty: not listed, any number is accepted). */
  requirements: { number: string; title: string }[];
}

/**
 * The kind of a {@link PlanDocument}.
 *
 * @example
 * ```ts
 * const kinds: PlanDocumentKind[] = getPlan('siri-2020').documents.map((document) => document.kind);
 * kinds; // ['plan', 'appendix']
 * ```
 */
export type PlanDocumentKind = 'plan' | 'appendix' | 'addendum' | 'other';

/**
 * A clock event: the application, the decision, or a named milestone in `events`.
 *
 * @example
 * ```ts
 * const stop: ClockEvent = 'events.firstInterview';
 * const interview = defineTarget({
 *   id: 'interview',
 *   label: 'First interview within 30 days',
 *   caseTypes: ['asyl'],
 *   clock: { stop },
 *   tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }],
 * });
 * interview.clock; // { start: 'applied', stop: 'events.firstInterview' }
 * ```
 */
export type ClockEvent = 'applied' | 'decided' | `events.${string}`;

/**
 * One tier of a target: a limit and the share of cases that must be within it.
 *
 * @example
 * ```ts
 * const tiers: Tier[] = getPlan('siri-2023').targets.find((target) => target.id === 'eu')?.tiers ?? [];
 * tiers.map((tier) => [tier.limit.amount, tier.required]); // [[1, 0.7], [31, 0.85], [92, 0.95]]
 * tiers[0]?.label; // '70% afgjort inden for 1 dag'
 * ```
 */
export interface Tier {
  limit: Limit;
  /** Required share (0–1) for share targets; `null` for a mean target. */
  required: number | null;
  /** Points for meeting this tier, or `null` when the source gives none. */
  weight: number | null;
  /** Display label as the source words it (`afgjort inden 0-1 dag`), or `null`. */
  label: string | null;
  /** Where the tier (its share, limit or weight) is stated, when not in its target's source; or `null`. */
  source: Source | null;
}

/**
 * How a target aggregates its cases: `share` (the share within the limit is compared with the
 * required share) or `mean` (the mean elapsed time must be at most the limit).
 *
 * @example
 * ```ts
 * const asylum = getPlan('us-2019').targets.find((target) => target.id === 'asyl-gennemsnit');
 * const aggregate: Aggregate | undefined = asylum?.aggregate;
 * aggregate; // 'mean'
 * asylum?.tiers[0]?.required; // null: a mean tier has no required share
 * ```
 */
export type Aggregate = 'share' | 'mean';

/**
 * One condition of a target's scope: the case's attribute `attribute` is one of `values` (`oneOf`)
 * or none of them (`notOneOf`). A target measures a case only when every condition of its scope
 * holds (a record lacking the attribute: see the `missingAttributes` option).
 *
 * @example
 * ```ts
 * const target = defineTarget({
 *   id: 'studie-1',
 *   label: 'Studie, 1. gang',
 *   caseTypes: ['studie'],
 *   where: { applicationKind: 'first' },
 *   tiers: [{ limit: { amount: 60, unit: 'days' }, required: 0.9 }],
 * });
 * const condition: ScopeCondition | undefined = target.where[0];
 * condition; // { attribute: 'applicationKind', op: 'oneOf', values: ['first'] }
 * ```
 */
export interface ScopeCondition {
  attribute: string;
  op: 'oneOf' | 'notOneOf';
  values: string[];
}

/**
 * A service target: which cases it covers, how the clock runs, and its tiers, with every default
 * filled in (as {@link defineTarget} and {@link definePlan} return it).
 *
 * @example
 * ```ts
 * const target: ServiceTarget = defineTarget({
 *   id: 'visa',
 *   label: 'Visa',
 *   caseTypes: ['visa'],
 *   tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 5 }],
 * });
 * target.input; // 'cases'
 * target.aggregate; // 'share'
 * target.weight; // 5: the sum of its tier weights
 * target.effective; // { from: null, until: null, by: 'decided' }
 * ```
 */
export interface ServiceTarget {
  id: string;
  /** Label (Danish for catalogue targets). */
  label: string;
  /** The kind of input the target measures (default `cases`). */
  input: TargetInputKind;
  /** Explicit case-type ids covered. */
  caseTypes: string[];
  /** Areas covered: every case type of the area in the case-type registry. */
  areas: string[];
  /** The scope within the covered case types: conditions on case attributes, all of which must hold (empty: every case). */
  where: ScopeCondition[];
  /** Start and stop events; defaults `applied` → `decided`. */
  clock: { start: ClockEvent; stop: ClockEvent };
  /** `share` (a share of cases within a limit) or `mean` (mean elapsed time at most the limit). */
  aggregate: Aggregate;
  tiers: Tier[];
  /** Total points of the target (the sum of tier weights when tiers carry them), or `null`. */
  weight: number | null;
  source: Source | null;
  /** The working-day calendar of `workingDays` limits and of observation weekdays (`null`: the plan's). */
  calendar: CalendarOptions | null;
  /** Whether paused intervals of a case (`pauses`) are taken off its elapsed time. */
  subtractPauses: boolean;
  /** A sub-period of the plan the target is measured in (e.g. `'2023-H2'`), or `null`. */
  period: PeriodInput | null;
  /** Contact targets: the channels measured (e.g. `['phone']`). */
  channels: string[];
  /** Observation targets: weight per service centre (adding up to 1), or `null` to pool all centres. */
  centres: Record<string, number> | null;
  /** Observation targets with centre weights: how the centres' results become the target's. */
  centreScoring: CentreScoring;
  /** When the target applies (set by addenda). */
  effective: Effective;
}

/**
 * An addendum (allonge) to a plan: targets added or retired from a date.
 *
 * @example
 * ```ts
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa 2025',
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] }],
 *   addenda: [
 *     {
 *       id: 'allonge-1',
 *       effective: '2025-07-01',
 *       add: [{ id: 'visa-fast', label: 'Visa, fast lane', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.8 }] }],
 *       retire: ['visa'],
 *     },
 *   ],
 * });
 * const addendum: Addendum | undefined = plan.addenda[0];
 * addendum; // { id: 'allonge-1', label: 'allonge-1', effective: '2025-07-01', by: 'decided', adds: ['visa-fast'], retires: ['visa'], source: null }
 * plan.targets.map((target) => target.id); // ['visa', 'visa-fast']
 * ```
 */
export interface Addendum {
  id: string;
  label: string;
  /** The date from which it applies, `YYYY-MM-DD`. */
  effective: string;
  /** Which date of a case decides whether the addendum applies to it (default: the decision). */
  by: 'decided' | 'applied';
  /** Ids of targets the addendum adds (they are in the plan's `targets`). */
  adds: string[];
  /** Ids of targets it retires. */
  retires: string[];
  source: Source | null;
}

/**
 * A group of targets with a weight for the whole group (a requirement such as SIRI 2023 1.1).
 *
 * @example
 * ```ts
 * const group: TargetGroup | undefined = getPlan('siri-2024').groups[0];
 * group?.weight; // 60: for the three targets together, not split over them
 * group?.targets; // ['fast-track', 'erhverv', 'eu']
 * ```
 */
export interface TargetGroup {
  id: string;
  label: string;
  /** Points for the group, or `null`. Never split over its targets (docs/methodology.md, convention 11). */
  weight: number | null;
  /** Ids of the plan targets in the group. */
  targets: string[];
  source: Source | null;
}

/**
 * A target the library lists but cannot evaluate from case records (yet).
 *
 * @example
 * ```ts
 * const plan = definePlan({
 *   id: 'service-2025',
 *   title: 'Service 2025',
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] }],
 *   notEvaluable: [
 *     { id: 'tilfredshed', label: 'Brugertilfredshed', description: 'At least 80 % of users are satisfied', reason: 'measured by a survey' },
 *   ],
 * });
 * const entry: NotEvaluableTarget | undefined = plan.notEvaluable[0];
 * entry?.reason; // 'measured by a survey'
 * entry?.group; // null
 * ```
 */
export interface NotEvaluableTarget {
  id: string;
  label: string;
  /** What the requirement asks, in English. */
  description: string;
  /** Group the target belongs to, if any. */
  group: string | null;
  source: Source | null;
  /** Why it is not evaluated from case records. */
  reason: string;
}

/**
 * A requirement (resultatkrav) of a plan: its number and title as the signed plan prints them, its
 * weight, where it is stated, and which of the plan's targets and groups evaluate it from the data
 * (none for a requirement such as a quality measurement or a survey, with the `reason`).
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2020');
 * const service: PlanRequirement | undefined = plan.requirements.find((requirement) => requirement.number === '1.4');
 * [service?.weight, service?.groups]; // [70, ['1.4-erhverv', '1.4-studie', '1.4-eu']]
 * const sickLeave = plan.requirements.find((requirement) => requirement.number === '2.3');
 * [sickLeave?.title, sickLeave?.weight, sickLeave?.groups]; // ['God arbejdsgiveradfærd', 5, []]
 * plan.requirements.reduce((sum, requirement) => sum + (requirement.weight ?? 0), 0); // 100
 * ```
 */
export interface PlanRequirement {
  /** The number as the signed plan numbers it, e.g. `1.4`. */
  number: string;
  /** The title ("Område") as printed. */
  title: string;
  /** Points of the requirement, or `null` when the source gives none that can be read. */
  weight: number | null;
  source: Source | null;
  /** Ids of targets outside any group that evaluate it. */
  targets: string[];
  /** Ids of the groups that evaluate it. */
  groups: string[];
  /**
   * Why it is not evaluated from the data (a quality measurement, a survey, sick leave,
   * milestones …), or `null`: its points then come from a supplied result, if any.
   */
  reason: string | null;
  /** A remark on the source (e.g. a weight that cannot be read), or `null`. */
  note: string | null;
}

/**
 * A performance plan: its targets, groups and sources, as {@link definePlan} and {@link getPlan}
 * return it.
 *
 * @example
 * ```ts
 * const plan: ServicePlan = getPlan('siri-2020');
 * plan.year; // 2020
 * plan.targets.length; // 10
 * plan.targets.reduce((sum, target) => sum + (target.weight ?? 0), 0); // 70
 * ```
 */
export interface ServicePlan {
  id: string;
  title: string;
  authority: string | null;
  year: number | null;
  /** The measurement period used when `evaluatePlan` is given none (defaults to `year`). */
  period: PeriodInput | null;
  targets: ServiceTarget[];
  groups: TargetGroup[];
  notEvaluable: NotEvaluableTarget[];
  /** The documents the plan's sources cite: the signed plan, its appendix, addenda. */
  documents: PlanDocument[];
  /** Remarks on reading the sources. */
  notes: string[];
  /** The plan's working-day calendar (default: Danish public holidays, no closing days). */
  calendar: CalendarOptions | null;
  /** Addenda, oldest first. Their targets are in `targets`, with `effective` set. */
  addenda: Addendum[];
  /**
   * Every requirement of the plan with its weight, those evaluated from the data and the others
   * (empty: the plan lists none, and reports score only its targets and groups).
   */
  requirements: PlanRequirement[];
  /**
   * The points the whole plan is worth (100 for a mål- og resultatplan), or `null`: the sum of its
   * requirements' weights. Above that sum only when some weights cannot be read from the source:
   * the difference is the points of those requirements together.
   */
  totalWeight: number | null;
}
