/**
 * The normalised model of service targets and plans. Builders ({@link defineTarget},
 * {@link definePlan}) turn user input into these shapes, with every default filled in.
 */
import type { PeriodInput } from '../dates/periods.js';

/** Units a tier limit can be expressed in. */
export type LimitUnit = 'days' | 'months';

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
}
