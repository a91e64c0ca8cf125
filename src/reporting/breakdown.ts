/**
 * Figures broken down by an attribute of the cases (a team, a unit) or by case type: for every
 * share tier of the plan's case targets, the measured cases, those within the limit, the share
 * and whether it meets the requirement, per value.
 */
import { caseRowTiers, type CaseRow } from '../evaluate/case-rows.js';
import { fail } from '../errors.js';
import { assertIterable, assertPlan } from '../evaluate/guards.js';
import type { AggregateOptions } from '../evaluate/model.js';
import type { Limit, ServicePlan } from '../targets/model.js';
import { meetsShare } from '../targets/share.js';
import { caseRows } from './cases-out.js';

/**
 * Options of {@link breakdownPlan}: those of `aggregateInputs`, and `by`: the attribute whose
 * values the figures are broken down by (`team`, read from `attributes.team`), or `caseType`.
 *
 * @example
 * ```ts
 * const options: BreakdownOptions = { period: '2023', by: 'team' };
breakdownPlan(getPlan('siri-2023'), [], options).by; // 'team'
 * ```
 */
export interface BreakdownOptions extends AggregateOptions {
  by: string;
}

/**
 * The figures of one value of the attribute in one tier. `value` is `null` for the cases that lack
 * the attribute (shown as "(none)").
 *
 * @example
 * ```ts
 * const row: BreakdownRow = { value: 'Team Nord', measured: 4, within: 3, share: 0.75, met: false };
row.share; // 0.75
 * ```
 */
export interface BreakdownRow {
  value: string | null;
  measured: number;
  within: number;
  /** `within / measured`; `null` when nothing was measured. */
  share: number | null;
  /** Whether the share meets the tier's requirement; `null` when nothing was measured. */
  met: boolean | null;
}

/**
 * One tier broken down: the tier (target, label, position, limit, required share), its figures in
 * all (as the report has them), and one row per value, in the order of the values' text
 * (code-point order), the cases lacking the attribute last.
 *
 * @example
 * ```ts
 * const [tier] = breakdownPlan(getPlan('siri-2023'), [], { period: '2023', by: 'team' }).tiers;
 * [tier?.target, tier?.tier, tier?.required, tier?.rows]; // ['fast-track', 0, 0.85, []]
 * ```
 */
export interface TierBreakdown {
  target: string;
  label: string;
  /** The tier's position in its target (0-based). */
  tier: number;
  limit: Limit;
  required: number;
  total: BreakdownRow;
  rows: BreakdownRow[];
}

/**
 * A plan's figures broken down by `by`: every share tier of its targets of case records.
 *
 * @example
 * ```ts
 * const breakdown: PlanBreakdown = { by: 'team', tiers: [] };
breakdown.tiers.length; // 0
 * ```
 */
export interface PlanBreakdown {
  by: string;
  tiers: TierBreakdown[];
}

/**
 * What {@link breakdownCollector} gives: `add` for each row, `result` once every record is counted.
 *
 * @example
 * ```ts
 * const collector: BreakdownCollector = breakdownCollector(getPlan('siri-2023'), 'team');
 * collector.result().by; // 'team'
 * ```
 */
export interface BreakdownCollector {
  /** Counts a row (pass it as `onRecord` of `createIntake`). */
  add: (row: CaseRow) => void;
  /** The breakdown of the rows counted so far. */
  result: () => PlanBreakdown;
}

/**
 * A collector of {@link CaseRow}s (as `onRecord` of `createIntake` gives them) into a
 * {@link PlanBreakdown}: for readers that feed an intake themselves, such as the file readers.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const collector = breakdownCollector(plan, 'caseType');
 * const intake = createIntake(plan, { period: '2023', onRecord: collector.add });
 * intake.add('cases', { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' });
 * collector.result().tiers[0]?.rows; // [{ value: 'fast-track', measured: 1, within: 1, share: 1, met: true }]
 * ```
 */
export function breakdownCollector(plan: ServicePlan, by: string): BreakdownCollector {
  assertPlan(plan);
  if (typeof by !== 'string' || by.trim() === '') fail('invalid_option', 'by must name an attribute (or caseType)', ['by']);
  const targets = plan.targets.filter((target) => target.input === 'cases');
  // The columns of caseRowTiers are the tiers of these targets, in order; mean tiers have no required share.
  const tiers = caseRowTiers(plan).map((tier, column) => {
    const target = targets.find((candidate) => candidate.id === tier.target);
    return { tier, column, required: target === undefined || target.aggregate === 'mean' ? null : (target.tiers[tier.tier]?.required ?? 0) };
  });
  // Per tier column, per value (user text: a Map), [measured, within].
  const counts = tiers.map(() => new Map<string | null, [number, number]>());
  const valueOf = by === 'caseType' ? (row: CaseRow): string | null => row.caseType : (row: CaseRow): string | null => row.attributes?.get(by) ?? null;
  return {
    add: (row) => {
      const { within } = row;
      let value: string | null | undefined;
      for (let i = 0; i < within.length; i++) {
        const result = within[i];
        if (result === null || result === undefined) continue;
        value = value === undefined ? valueOf(row) : value;
        const byValue = counts[i] as Map<string | null, [number, number]>;
        let pair = byValue.get(value);
        if (pair === undefined) {
          pair = [0, 0];
          byValue.set(value, pair);
        }
        pair[0]++;
        if (result) pair[1]++;
      }
    },
    result: () => ({
      by,
      tiers: tiers.flatMap(({ tier, column, required: share }): TierBreakdown[] => {
        if (share === null) return [];
        const byValue = counts[column] as Map<string | null, [number, number]>;
        const rowOf = (value: string | null, measured: number, within: number): BreakdownRow => ({
          value,
          measured,
          within,
          share: measured === 0 ? null : within / measured,
          met: meetsShare(within, measured, share),
        });
        const rows = [...byValue.entries()].sort(([a], [b]) => compareValues(a, b)).map(([value, [measured, within]]) => rowOf(value, measured, within));
        let measured = 0;
        let within = 0;
        for (const row of rows) {
          measured += row.measured;
          within += row.within;
        }
        return [{ target: tier.target, label: tier.label, tier: tier.tier, limit: tier.limit, required: share, total: rowOf(null, measured, within), rows }];
      }),
    }),
  };
}

/** Values in code-point order, `null` (lacking) last. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Breaks a plan's figures down by an attribute of the cases, or by `caseType`: for every share
 * tier of its targets of case records, per value, the cases measured and within the limit, the
 * share and whether it meets the tier's requirement. The figures of a tier add up to the report's
 * (`measured`, `within`), since they come from the same counting; cases lacking the attribute are
 * counted under `value: null`. Mean tiers are not broken down.
 *
 * @example
 * ```ts
 * const breakdown = breakdownPlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20', attributes: { team: 'Nord' } },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15', attributes: { team: 'Nord' } },
 *   { id: 'A3', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10', attributes: { team: 'Syd' } },
 *   { id: 'A4', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10' },
 * ], { period: '2023', by: 'team' });
 * breakdown.tiers[0]?.rows;
 * // [{ value: 'Nord', measured: 2, within: 1, share: 0.5, met: false }, { value: 'Syd', measured: 1, within: 1, share: 1, met: true }, { value: null, measured: 1, within: 1, share: 1, met: true }]
 * breakdown.tiers[0]?.total; // { value: null, measured: 4, within: 3, share: 0.75, met: false }
 * ```
 */
export function breakdownPlan(plan: ServicePlan, records: Iterable<unknown>, options: BreakdownOptions): PlanBreakdown {
  assertPlan(plan);
  assertIterable(records, 'records');
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass no options
  if (typeof options !== 'object' || options === null) fail('invalid_option', 'options must be an object with by', ['options']);
  const { by, ...rest } = options;
  const collector = breakdownCollector(plan, by);
  for (const row of caseRows(plan, records, rest)) collector.add(row);
  return collector.result();
}
