import type { DayNumber } from '../dates/civil.js';
import { addMonths } from '../dates/months.js';
import type { Limit } from '../targets/model.js';
import { clockDay, type CompiledTarget } from './compile.js';
import type { ValidCase } from './records.js';

/** A case's clock for one target: when it started and stopped, and the time it ran. */
export interface ClockRun {
  start: DayNumber;
  stop: DayNumber;
  /** Calendar days paused inside the run (0 unless the target subtracts pauses). */
  pausedDays: number;
  /** Working days paused inside the run (0 unless the target subtracts pauses and counts working days). */
  pausedWorkingDays: number;
  /** Elapsed calendar days, pauses taken off. */
  days: number;
  /** Elapsed working days, pauses taken off; `null` when the target has no working-day limit. */
  workingDays: number | null;
}

/**
 * Runs a target's clock for a case. With `asOf`, a case whose stop event has not happened runs to
 * `asOf` (its age so far); without, such a case has no run. `null` when an event is missing.
 */
export function runClock(read: ValidCase, compiled: CompiledTarget, asOf: DayNumber | null): ClockRun | null {
  const { target, calendar } = compiled;
  const start = clockDay(read, target.clock.start);
  const stop = clockDay(read, target.clock.stop) ?? asOf;
  if (start === null || stop === null) return null;
  let pausedDays = 0;
  let pausedWorkingDays = 0;
  if (target.subtractPauses && read.pauses !== null) {
    for (const [from, to] of read.pauses) {
      // The part of the pause inside the clock's run (start, stop]; an open pause runs to the stop.
      const low = Math.max(from, start);
      const high = Math.min(to ?? stop, stop);
      if (high <= low) continue;
      pausedDays += high - low;
      if (compiled.needsWorkingDays) pausedWorkingDays += calendar.workingDaysBetween(low, high);
    }
  }
  return {
    start,
    stop,
    pausedDays,
    pausedWorkingDays,
    days: stop - start - pausedDays,
    workingDays: compiled.needsWorkingDays ? calendar.workingDaysBetween(start, stop) - pausedWorkingDays : null,
  };
}

/** Whether a run is within a limit of calendar months (the stop moved back by the paused days). */
export function withinMonths(run: ClockRun, months: number): boolean {
  return run.stop - run.pausedDays <= addMonths(run.start, months);
}

/**
 * The last day on which the clock may stop and still be within the limit, for a run that started
 * and has been paused `pausedDays` calendar days (`pausedWorkingDays` working days) so far. `null`
 * for waiting-time units.
 */
export function dueDay(compiled: CompiledTarget, run: ClockRun, limit: Limit): DayNumber | null {
  switch (limit.unit) {
    case 'days':
      return run.start + limit.amount + run.pausedDays;
    case 'months':
      return addMonths(run.start, limit.amount) + run.pausedDays;
    case 'workingDays': {
      // The day before the (N + paused + 1)-th working day: a decision on a closed day after the
      // N-th working day is still within.
      return compiled.calendar.addWorkingDays(run.start, limit.amount + run.pausedWorkingDays + 1) - 1;
    }
    default:
      return null;
  }
}
