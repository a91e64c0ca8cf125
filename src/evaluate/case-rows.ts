/**
 * The cases behind a report, one row per case record: what an intake tells `onRecord` (see
 * `IntakeOptions.onRecord`), from the same classification that counts the record.
 */
import type { DayNumber } from '../dates/civil.js';
import type { Limit, ServicePlan } from '../targets/model.js';
import type { CaseOutcomeOf } from './cases.js';
import type { ProblemPlace } from './records.js';

/**
 * The bucket a case record lands in (see `aggregateInputs`): every record is in exactly one.
 *
 * @example
 * ```ts
 * const bucket: CaseBucket = 'withoutTarget';
bucket; // 'withoutTarget'
 * ```
 */
export type CaseBucket = 'measured' | 'pending' | 'outOfPeriod' | 'withoutTarget' | 'invalid';

/**
 * A tier of a target of case records: a column of the cases behind a report (see {@link CaseRow.within}).
 *
 * @example
 * ```ts
 * caseRowTiers(getPlan('siri-2023'))[0]; // { target: 'fast-track', label: 'Fast-track 1. gang', tier: 0, limit: { amount: 31, unit: 'days' } }
 * ```
 */
export interface CaseRowTier {
  /** The target's id. */
  target: string;
  /** The target's label. */
  label: string;
  /** The tier's position in the target (0-based, as in `report.targets[…].tiers`). */
  tier: number;
  limit: Limit;
}

/**
 * One case record as an evaluation counted it: where it was read, its bucket and why, and for each
 * tier of the plan's case targets whether it was within the limit. Counting the rows whose
 * `within[i]` is not `null` gives the tier's `measured`, those where it is `true` its `within`.
 *
 * @example
 * ```ts
 * const rows: CaseRow[] = [];
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023', onRecord: (row) => rows.push(row) });
 * intake.add('cases', { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, { file: 'sager.csv', line: 2 });
 * [rows[0]?.bucket, rows[0]?.days, rows[0]?.within[0], rows[0]?.line]; // ['measured', 19, true, 2]
 * ```
 */
export interface CaseRow {
  /** The record's position in the case input (0-based, plus any `indexOffset`). */
  index: number;
  /** The record's id, or `null` when it has none (an invalid record). */
  id: string | null;
  /** The file and line the record was read from, or `null` for a record given in memory. */
  file: string | null;
  line: number | null;
  bucket: CaseBucket;
  /**
   * Why: for a case without target `noTarget`, `outOfScope` or `flagged`; for an invalid record
   * the codes of its problems (`invalid_date`, `duplicate_record`, …, separated by spaces); else `null`.
   */
  reason: string | null;
  /**
   * For an invalid record, what is wrong, field by field (`decided is before the application
   * date`; for a repeated id, the place of the record that counts); else `null`.
   */
  detail: string | null;
  /** The case type (of an invalid record, when it has one as text), or `null`. */
  caseType: string | null;
  applied: DayNumber | null;
  /** The decision, or `null` for an invalid record or a case still open. */
  decided: DayNumber | null;
  /** The record's attribute values (non-empty ones), or `null` when it has none. */
  attributes: ReadonlyMap<string, string> | null;
  /**
   * Calendar days on the clock of the first target that measured the case (`null` when it lacks
   * the clock's event); for another decided case from its application to its decision; else `null`.
   */
  days: number | null;
  /** Working days on that clock, when the target has a limit in working days; else `null`. */
  workingDays: number | null;
  /**
   * Per tier of {@link caseRowTiers}: whether the case was within the limit (`false` for a
   * measured case lacking the clock's event), or `null` when the tier's target did not measure it.
   */
  within: readonly (boolean | null)[];
}

/**
 * The tiers of a plan's targets of case records, in the plan's order: the columns `within` of the
 * cases behind a report ({@link CaseRow}).
 *
 * @example
 * ```ts
 * caseRowTiers(getPlan('siri-2023')).map((tier) => `${tier.target}.${String(tier.tier)}`).slice(0, 3); // ['fast-track.0', 'landbrug.0', 'beloebsordning.0']
 * ```
 */
export function caseRowTiers(plan: ServicePlan): CaseRowTier[] {
  return plan.targets
    .filter((target) => target.input === 'cases')
    .flatMap((target) => target.tiers.map((tier, index) => ({ target: target.id, label: target.label, tier: index, limit: tier.limit })));
}

/**
 * Turns the outcomes of an accumulator into rows: the first of the tier columns of each target
 * (by its index in the plan), or -1 for a target of another input.
 */
export function caseRowMaker(plan: ServicePlan): (outcome: CaseOutcomeOf, place: ProblemPlace | null, raw: unknown) => CaseRow {
  const offsets: number[] = [];
  let columns = 0;
  for (const target of plan.targets) {
    offsets.push(target.input === 'cases' ? columns : -1);
    if (target.input === 'cases') columns += target.tiers.length;
  }
  return (outcome, place, raw) => {
    const within: (boolean | null)[] = new Array<boolean | null>(columns).fill(null);
    for (const measure of outcome.measures) {
      const offset = offsets[measure.target.index] ?? -1;
      if (offset < 0) continue;
      measure.within.forEach((value, tier) => {
        within[offset + tier] = value;
      });
    }
    const { read, problems } = outcome;
    const first = outcome.measures[0];
    const days = first !== undefined ? first.days : read !== null && read.decided !== null ? read.decided - read.applied : null;
    return {
      index: outcome.index,
      id: read?.id ?? problems?.find((problem) => problem.id !== null)?.id ?? null,
      file: place?.file ?? null,
      line: place?.line ?? null,
      bucket: outcome.bucket,
      reason: problems === null ? outcome.reason : [...new Set(problems.map((problem) => problem.code))].join(' '),
      detail: problems === null ? null : problems.map((problem) => (problem.field === '' ? problem.reason : `${problem.field} ${problem.reason}`)).join('; '),
      caseType: read?.caseType ?? rawCaseType(raw),
      applied: read?.applied ?? null,
      decided: read?.decided ?? null,
      attributes: read?.attributes ?? null,
      days,
      workingDays: first?.workingDays ?? null,
      within,
    };
  };
}

/** The case type of a record that is invalid, when it has one as non-empty text. */
function rawCaseType(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const value = (raw as Record<string, unknown>)['caseType'];
  return typeof value === 'string' && value !== '' ? value : null;
}
