import { fail } from '../errors.js';
import type { Aggregate, ClockEvent, Limit, ServicePlan, Source, TargetGroup } from '../targets/model.js';
import { casesNeeded, meetsShare } from '../targets/share.js';
import type { Counts, PlanAggregate } from './aggregate.js';
import { countAtMost, histogramCount, histogramSum } from './histogram.js';
import type { InvalidRecord } from './records.js';

/** A tier of a share target in a report. */
export interface ShareTierReport {
  kind: 'share';
  limit: Limit;
  label: string | null;
  /** Required share (0–1). */
  required: number;
  /** Decided cases measured by the target in the period. */
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
}

/** The tier of a mean target in a report. */
export interface MeanTierReport {
  kind: 'mean';
  limit: Limit;
  label: string | null;
  required: null;
  measured: number;
  /** Mean elapsed days of the measured cases that have both clock events; `null` for none. */
  mean: number | null;
  /** `mean <= limit`, compared exactly; `null` when nothing was measured. */
  met: boolean | null;
  weight: number | null;
  points: number | null;
}

/** A tier in a report. */
export type TierReport = ShareTierReport | MeanTierReport;

/** One target in a report. */
export interface TargetReport {
  id: string;
  label: string;
  /** The case types the target covers (explicit ones and those of its areas). */
  caseTypes: string[];
  areas: string[];
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
  weight: number | null;
  points: number | null;
  tiers: TierReport[];
}

/** A group in a report. */
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

/** Why a weighted item earned no number of points. */
export interface Unscored {
  id: string;
  kind: 'group' | 'target';
  weight: number;
  reason: 'no-scoring-rule' | 'not-evaluable' | 'no-cases' | 'rule-returned-null';
}

/** The compliance report of a plan over a period. Plain JSON-serialisable data. */
export interface PlanReport {
  plan: { id: string; title: string; authority: string | null; year: number | null };
  period: { from: string; to: string; label: string };
  counts: Counts;
  /** Every problem of every invalid record (a record may have several). */
  invalid: InvalidRecord[];
  /** Cases without a target, by case type. */
  withoutTarget: Record<string, number>;
  targets: TargetReport[];
  groups: GroupReport[];
  /** Targets of the plan that are not evaluated from case records. */
  notEvaluable: ServicePlan['notEvaluable'];
  points: { earned: number | null; possible: number | null; unscored: Unscored[] };
}

/** Input to a custom group scoring rule. */
export interface GroupScoringInput {
  group: TargetGroup;
  /** Reports of the group's evaluable targets. */
  targets: TargetReport[];
}

/**
 * How to score a group whose plan gives only a weight for the whole group (SIRI 2023/2024): the
 * source gives no split, so the library never invents one (DOMAIN.md convention 11).
 *
 * - `'all-met'`: the group's weight when every tier of every target is met, else 0.
 * - `'share-of-tiers'`: the weight times the fraction of tiers met.
 * - a function returning points between 0 and the group's weight, or `null`.
 */
export type GroupScoringRule = 'all-met' | 'share-of-tiers' | ((input: GroupScoringInput) => number | null);

/** Options for {@link reportFromAggregate}. */
export interface ReportOptions {
  /** Scoring rules by group id. */
  groupScoring?: Readonly<Record<string, GroupScoringRule>>;
}

/**
 * Turns an aggregate into the report: shares, exact comparisons, points.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const report = reportFromAggregate(plan, aggregateCases(plan, cases, { period: '2023' }), {
 *   groupScoring: { '1.1': 'share-of-tiers' },
 * });
 * ```
 */
export function reportFromAggregate(plan: ServicePlan, aggregate: PlanAggregate, options: ReportOptions = {}): PlanReport {
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
    const withEvent = histogramCount(state.days);
    const measured = withEvent + state.missingEvent.length;
    const tiers: TierReport[] = target.tiers.map((tier, i): TierReport => {
      if (target.aggregate === 'mean') {
        const sum = histogramSum(state.days);
        const met = withEvent === 0 ? null : sum <= tier.limit.amount * withEvent;
        return {
          kind: 'mean',
          limit: tier.limit,
          label: tier.label,
          required: null,
          measured,
          mean: withEvent === 0 ? null : sum / withEvent,
          met,
          weight: tier.weight,
          points: pointsFor(met, tier.weight),
        };
      }
      const required = tier.required ?? 0;
      const within = state.within[i] ?? countAtMost(state.days, tier.limit.amount);
      const met = meetsShare(within, measured, required);
      return {
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
        points: pointsFor(met, tier.weight),
      };
    });
    const met = tiers.some((tier) => tier.met === null) ? null : tiers.every((tier) => tier.met === true);
    return {
      id: target.id,
      label: target.label,
      caseTypes: state.caseTypes,
      areas: target.areas,
      clock: target.clock,
      aggregate: target.aggregate,
      source: target.source,
      group: groupOf.get(target.id) ?? null,
      measured,
      pending: state.pending,
      missingEvent: { count: state.missingEvent.length, ids: state.missingEvent },
      met,
      weight: target.weight,
      points: targetPoints(tiers, target.weight, met),
      tiers,
    };
  });

  const { groups, points } = scorePlan(plan, targets, options.groupScoring ?? {});
  return {
    plan: { id: plan.id, title: plan.title, authority: plan.authority, year: plan.year },
    period: aggregate.period,
    counts: aggregate.counts,
    invalid: aggregate.invalid,
    withoutTarget: aggregate.withoutTarget,
    targets,
    groups,
    notEvaluable: plan.notEvaluable,
    points,
  };
}

function pointsFor(met: boolean | null, weight: number | null): number | null {
  if (weight === null || met === null) return null;
  return met ? weight : 0;
}

function targetPoints(tiers: TierReport[], weight: number | null, met: boolean | null): number | null {
  if (weight === null || met === null) return null;
  // Tier weights given: the sum of tier points. Only a target weight: all tiers must be met.
  if (tiers.every((tier) => tier.weight !== null)) return tiers.reduce((sum, tier) => sum + (tier.points ?? 0), 0);
  return met ? weight : 0;
}

function scorePlan(
  plan: ServicePlan,
  targets: TargetReport[],
  rules: Readonly<Record<string, GroupScoringRule>>,
): { groups: GroupReport[]; points: PlanReport['points'] } {
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
  const score = (id: string, kind: Unscored['kind'], weight: number | null, points: number | null, reason: Unscored['reason']): void => {
    if (weight === null) return;
    if (points === null) {
      unscored.push({ id, kind, weight, reason });
      return;
    }
    earned += points;
    possible += weight;
    scored++;
  };

  const groups = plan.groups.map((group): GroupReport => {
    const members = group.targets.flatMap((id) => byId.get(id) ?? []);
    const hasNotEvaluable = group.targets.some((id) => notEvaluable.has(id));
    const rule = rules[group.id];
    let scoring: GroupReport['scoring'] = null;
    let points: number | null = null;
    let reason: Unscored['reason'] = 'no-scoring-rule';
    if (!hasNotEvaluable && members.length > 0 && members.every((member) => member.weight !== null)) {
      if (rule !== undefined) {
        fail('invalid_option', `group "${group.id}" is scored by its targets' own weights; it takes no scoring rule`, ['groupScoring', group.id]);
      }
      scoring = 'target-weights';
      reason = 'no-cases';
      points = members.some((member) => member.points === null)
        ? null
        : members.reduce((sum, member) => sum + (member.points ?? 0), 0);
    } else if (hasNotEvaluable) {
      if (rule !== undefined) {
        fail('invalid_option', `group "${group.id}" has targets that are not evaluated from case records; it cannot be scored`, ['groupScoring', group.id]);
      }
      reason = 'not-evaluable';
    } else if (rule !== undefined && group.weight === null) {
      fail('invalid_option', `group "${group.id}" has no weight to score`, ['groupScoring', group.id]);
    } else if (rule !== undefined) {
      scoring = 'rule';
      reason = typeof rule === 'function' ? 'rule-returned-null' : 'no-cases';
      points = applyRule(rule, group, members);
    }
    score(group.id, 'group', group.weight ?? (scoring === 'target-weights' ? sumWeights(members) : null), points, reason);
    return { id: group.id, label: group.label, weight: group.weight, targets: group.targets, source: group.source, scoring, points };
  });

  for (const target of targets) {
    if (target.group === null) score(target.id, 'target', target.weight, target.points, 'no-cases');
  }
  return {
    groups,
    points: { earned: scored === 0 ? null : earned, possible: scored === 0 ? null : possible, unscored },
  };
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
  const met = tiers.filter((tier) => tier.met === true).length;
  if (rule === 'all-met') return met === tiers.length ? weight : 0;
  return (weight * met) / tiers.length;
}
