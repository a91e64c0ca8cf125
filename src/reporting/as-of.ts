import type { DayNumber } from '../dates/civil.js';
import { measuringTargets, type CompiledPlan, type CompiledTarget } from '../evaluate/compile.js';
import type { ValidCase } from '../evaluate/records.js';

/**
 * A case as it was known at the end of `asOf`: a decision, events and pauses after that day had not
 * happened yet. Returns `null` for a case not yet applied for.
 */
export function asKnownAt(read: ValidCase, asOf: DayNumber): ValidCase | null {
  if (read.applied > asOf) return null;
  const decided = read.decided !== null && read.decided <= asOf ? read.decided : null;
  let events: Map<string, DayNumber> | null = null;
  if (read.events !== null) {
    for (const [name, day] of read.events) {
      if (day > asOf) continue;
      events ??= new Map();
      events.set(name, day);
    }
  }
  const pauses = read.pauses?.flatMap(([from, to]): [DayNumber, DayNumber | null][] =>
    from > asOf ? [] : [[from, to !== null && to <= asOf ? to : null]],
  );
  return { ...read, decided, events, pauses: pauses === undefined || pauses.length === 0 ? null : pauses };
}

/**
 * The case targets measuring a case (its type, scope and flag) that are in force for a case still open at `asOf`: by
 * decision date, a target in force the day after; by application date, on the application day.
 */
export function targetsInForce(compiled: CompiledPlan, read: ValidCase, asOf: DayNumber): CompiledTarget[] {
  return measuringTargets(compiled, read).filter((target) => {
    const key = target.byApplication ? read.applied : asOf + 1;
    return key >= target.effectiveFrom && key < target.effectiveUntil;
  });
}
