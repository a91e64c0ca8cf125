/**
 * The normalised model of service targets and plans. Builders ({@link defineTarget},
 * {@link definePlan}) turn user input into these shapes, with every default filled in.
 */
import type { CalendarOptions } from '../calendar/calendar.js';
import type { PeriodInput } from '../dates/periods.js';

/**
 * Units a tier limit can be expressed in: calendar `days`, calendar `months`, `workingDays` (of the
 * target's calendar) for case targets; `minutes` and `hours` for waiting-time targets.
 */
export type LimitUnit = 'days' | 'months' | 'workingDays' | 'hours' | 'minutes';

/**
 * What a target measures: `cases` (processing time of case records), `contacts` (waiting time of
 * phone calls and visits) or `observations` (daily days-to-next-free-appointment per service centre).
 */
export type TargetInputKind = 'cases' | 'contacts' | 'observations';

/**
 * When a target applies, set by the plan's addenda: from and/or until a date (exclusive), judged by
 * the case's decision date (default) or application date. Contacts and observations use their own
 * date.
 */
export interface Effective {
  from: string | null;
  until: string | null;
  by: 'decided' | 'applied';
}

/** How a target with centre weights is scored (see the methodology). */
export type CentreScoring = 'met-centres' | 'weighted-share';

/** A time limit: `{ amount: 31, unit: 'days' }`. */
export interface Limit {
  amount: number;
  unit: LimitUnit;
}

/** Where a target comes from: the seed file name and the requirement number in it. */
export interface Source {
  /** File name in the plan sources, e.g. `004_441319bcbc4bc2f4.txt`. */
  file: string;
  /** Requirement number as the plan writes it, e.g. `1.1a`. */
  requirement: string;
  /** Optional remark (another document that states the same requirement, a reading choice). */
  note?: string;
}

/** A clock event: the application, the decision, or a named milestone in `events`. */
export type ClockEvent = 'applied' | 'decided' | `events.${string}`;

/** One tier of a target: a limit and the share of cases that must be within it. */
export interface Tier {
  limit: Limit;
  /** Required share (0–1) for share targets; `null` for a mean target. */
  required: number | null;
  /** Points for meeting this tier, or `null` when the source gives none. */
  weight: number | null;
  /** Display label as the source words it (`afgjort inden 0-1 dag`), or `null`. */
  label: string | null;
}

/** How a target aggregates its cases. */
export type Aggregate = 'share' | 'mean';

/** A service target: which cases it covers, how the clock runs, and its tiers. */
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

/** An addendum (allonge) to a plan: targets added or retired from a date. */
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

/** A group of targets with a weight for the whole group (a requirement such as SIRI 2023 1.1). */
export interface TargetGroup {
  id: string;
  label: string;
  /** Points for the group, or `null`. Never split over its targets (DOMAIN.md convention 11). */
  weight: number | null;
  /** Ids of the plan targets in the group. */
  targets: string[];
  source: Source | null;
}

/** A target the library lists but cannot evaluate from case records (yet). */
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

/** A performance plan: its targets, groups and sources. */
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
  /** Remarks on reading the sources. */
  notes: string[];
  /** The plan's working-day calendar (default: Danish public holidays, no closing days). */
  calendar: CalendarOptions | null;
  /** Addenda, oldest first. Their targets are in `targets`, with `effective` set. */
  addenda: Addendum[];
}
