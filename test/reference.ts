/**
 * A straightforward reference computation of the counting conventions (docs/methodology.md), written
 * independently of the library's evaluation engine: it walks the cases one by one, measures time
 * with date-fns on date-only strings, and decides "met" with integer (BigInt) arithmetic.
 *
 * It reads well-formed records only (date-only strings, `decided` and events possibly null,
 * attributes text or null, the flag `withoutTarget`). A case is measured by the targets that cover
 * its type and whose scope it is in (a lacking attribute meets its condition), unless the agency
 * flags it; a valid case no target measures is without target, for one reason. Of
 * the rules that make a record invalid it applies those that depend on the dates' order:
 * a decision before the application, any event before the application, and a clock that would
 * run backwards for a covering target that does not start at the application.
 */
import { addMonths, differenceInCalendarDays, parseISO } from 'date-fns';
import { seedCaseTypes, type ClockEvent, type ServicePlan, type ServiceTarget } from '../src/index.js';

/** A well-formed case record with date-only strings. */
export interface ReferenceCase {
  id: string;
  caseType: string;
  applied: string;
  decided: string | null;
  events?: Readonly<Record<string, string | null>>;
  attributes?: Readonly<Record<string, string | null>>;
  withoutTarget?: boolean;
}

export interface ReferencePeriod {
  from: string;
  to: string;
}

export type Bucket = 'invalid' | 'withoutTarget' | 'measured' | 'pending' | 'outOfPeriod';
export type WithoutTargetReason = 'noTarget' | 'outOfScope' | 'flagged';

export interface ReferenceTier {
  measured: number;
  /** Cases within the limit (share targets); for a mean target, `null`. */
  within: number | null;
  share: number | null;
  /** Mean elapsed days over cases with both clock events (mean targets); otherwise `null`. */
  mean: number | null;
  met: boolean | null;
}

export interface ReferenceTarget {
  id: string;
  measured: number;
  pending: number;
  /** Ids of measured cases lacking a clock event, in input order. */
  missingEvent: string[];
  tiers: ReferenceTier[];
}

export interface ReferenceResult {
  /** The bucket of every input record, by position. */
  buckets: Bucket[];
  /** Cases without target by reason, each by case type (convention 8). */
  withoutTargetReasons: Record<WithoutTargetReason, Record<string, number>>;
  counts: Record<Bucket, number> & { input: number };
  targets: ReferenceTarget[];
}

/** Calendar days from `a` to `b` (date-only strings). */
function daysBetween(a: string, b: string): number {
  return differenceInCalendarDays(parseISO(b), parseISO(a));
}

/** Whether `stop` is on or before `start` plus `months` calendar months, clamped at the month end. */
function withinMonths(start: string, stop: string, months: number): boolean {
  return differenceInCalendarDays(parseISO(stop), addMonths(parseISO(start), months)) <= 0;
}

function eventDate(record: ReferenceCase, event: ClockEvent): string | null {
  if (event === 'applied') return record.applied;
  if (event === 'decided') return record.decided;
  return record.events?.[event.slice('events.'.length)] ?? null;
}

/** Whether a target covers a case type: named explicitly, or in one of its areas (seed registry). */
export function covers(target: ServiceTarget, caseType: string): boolean {
  const area = seedCaseTypes.get(caseType)?.area;
  return target.caseTypes.includes(caseType) || (area !== undefined && target.areas.includes(area));
}

/**
 * Whether a case is in a target's scope: every condition holds, a lacking attribute (absent, `null`
 * or `''`) taken as holding (the default `missingAttributes: 'inScope'`).
 */
export function inScopeOf(target: ServiceTarget, record: ReferenceCase): boolean {
  return target.where.every(({ attribute, op, values }) => {
    const value = record.attributes !== undefined && Object.hasOwn(record.attributes, attribute) ? record.attributes[attribute] : undefined;
    if (value === undefined || value === null || value === '') return true;
    return values.includes(value) === (op === 'oneOf');
  });
}

/** Whether a target measures a case: it covers its type, the case is in its scope and not flagged. */
export function measures(target: ServiceTarget, record: ReferenceCase): boolean {
  return record.withoutTarget !== true && covers(target, record.caseType) && inScopeOf(target, record);
}

/** Why a valid case is without target, or `null` when a target measures it. */
export function withoutTargetReason(plan: ServicePlan, record: ReferenceCase): WithoutTargetReason | null {
  if (record.withoutTarget === true) return 'flagged';
  const covering = plan.targets.filter((target) => covers(target, record.caseType));
  if (covering.length === 0) return 'noTarget';
  return covering.some((target) => inScopeOf(target, record)) ? null : 'outOfScope';
}

/** The required share as a whole number of percent; refuses shares with more than two decimals. */
function requiredPercent(required: number): bigint {
  const percent = Math.round(required * 100);
  if (Math.abs(percent / 100 - required) > 1e-12) throw new Error(`required share ${required} has more than two decimals`);
  return BigInt(percent);
}

/** The bucket of one record. */
export function referenceBucket(plan: ServicePlan, record: ReferenceCase, period: ReferencePeriod): Bucket {
  if (record.decided !== null && daysBetween(record.applied, record.decided) < 0) return 'invalid';
  for (const date of Object.values(record.events ?? {})) {
    if (date !== null && daysBetween(record.applied, date) < 0) return 'invalid';
  }
  if (withoutTargetReason(plan, record) !== null) return 'withoutTarget';
  const covering = plan.targets.filter((target) => measures(target, record));
  for (const target of covering) {
    if (target.clock.start === 'applied') continue;
    const start = eventDate(record, target.clock.start);
    const stop = eventDate(record, target.clock.stop);
    if (start !== null && stop !== null && daysBetween(start, stop) < 0) return 'invalid';
  }
  const decided = record.decided;
  if (decided !== null && daysBetween(period.from, decided) >= 0 && daysBetween(decided, period.to) >= 0) return 'measured';
  if (daysBetween(record.applied, period.to) >= 0 && (decided === null || daysBetween(period.to, decided) > 0)) return 'pending';
  return 'outOfPeriod';
}

/**
 * The position of the record of each id that counts (convention 12): the first with the id, or
 * the last.
 */
function countedPositions(records: readonly ReferenceCase[], duplicates: 'first' | 'last'): Map<string, number> {
  const counted = new Map<string, number>();
  records.forEach((record, index) => {
    if (duplicates === 'last' || !counted.has(record.id)) counted.set(record.id, index);
  });
  return counted;
}

/**
 * Evaluates a plan on well-formed records, case by case. Of the records with one id, one counts
 * (`duplicates`: the first, by default, or the last); the others are invalid.
 */
export function referenceEvaluate(plan: ServicePlan, records: readonly ReferenceCase[], period: ReferencePeriod, duplicates: 'first' | 'last' = 'first'): ReferenceResult {
  const counted = countedPositions(records, duplicates);
  const buckets = records.map((record, index): Bucket => (counted.get(record.id) === index ? referenceBucket(plan, record, period) : 'invalid'));
  const counts = { input: records.length, invalid: 0, withoutTarget: 0, measured: 0, pending: 0, outOfPeriod: 0 };
  for (const bucket of buckets) counts[bucket]++;
  const withoutTargetReasons: ReferenceResult['withoutTargetReasons'] = { noTarget: {}, outOfScope: {}, flagged: {} };
  records.forEach((record, index) => {
    if (buckets[index] !== 'withoutTarget') return;
    const byType = withoutTargetReasons[withoutTargetReason(plan, record) ?? 'noTarget'];
    byType[record.caseType] = (byType[record.caseType] ?? 0) + 1;
  });

  const targets = plan.targets.map((target): ReferenceTarget => {
    let measured = 0;
    let pending = 0;
    const missingEvent: string[] = [];
    const elapsed: { start: string; stop: string; days: number }[] = [];
    records.forEach((record, index) => {
      if (!measures(target, record)) return;
      if (buckets[index] === 'pending') pending++;
      if (buckets[index] !== 'measured') return;
      measured++;
      const start = eventDate(record, target.clock.start);
      const stop = eventDate(record, target.clock.stop);
      if (start === null || stop === null) {
        missingEvent.push(record.id);
        return;
      }
      const days = daysBetween(start, stop);
      if (days < 0) throw new Error(`reference: record ${record.id} runs the clock of ${target.id} backwards`);
      elapsed.push({ start, stop, days });
    });

    const tiers = target.tiers.map((tier): ReferenceTier => {
      if (target.aggregate === 'mean') {
        const sum = elapsed.reduce((total, entry) => total + entry.days, 0);
        const count = elapsed.length;
        return {
          measured,
          within: null,
          share: null,
          mean: count === 0 ? null : sum / count,
          met: count === 0 ? null : BigInt(sum) <= BigInt(tier.limit.amount) * BigInt(count),
        };
      }
      const { amount, unit } = tier.limit;
      const within = elapsed.filter((entry) => (unit === 'days' ? entry.days <= amount : withinMonths(entry.start, entry.stop, amount))).length;
      const percent = requiredPercent(tier.required ?? 0);
      return {
        measured,
        within,
        share: measured === 0 ? null : within / measured,
        mean: null,
        met: measured === 0 ? null : BigInt(within) * 100n >= percent * BigInt(measured),
      };
    });
    return { id: target.id, measured, pending, missingEvent, tiers };
  });

  return { buckets, withoutTargetReasons, counts, targets };
}
