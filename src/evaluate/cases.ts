import type { DayNumber } from '../dates/civil.js';
import { NO_DATE, NO_DAY, fastIsoDay } from '../dates/fast.js';
import { addMonths } from '../dates/months.js';
import type { PlanAggregate, TargetAggregate } from './aggregate.js';
import { clockDay, measuresOn, type CompiledPlan, type CompiledTarget } from './compile.js';
import { runClock, withinMonths } from './clock.js';
import { addToHistogram } from './histogram.js';
import { readCaseRecord, type InvalidRecord, type ValidCase } from './records.js';

/** One period's compiled plan and the aggregate being filled for it. */
export interface AggregatePart {
  compiled: CompiledPlan;
  aggregate: PlanAggregate;
}

/** What an evaluation knows about one case type, looked up once per type. */
export interface CaseTypeSlot {
  readonly caseType: string;
  /** Per part, the targets covering the type (compiled for that part's period). */
  readonly covering: readonly (readonly CompiledTarget[])[];
  /**
   * Whether a covering target runs its clock from or to another event than the application and the
   * decision: such cases need their id (a case lacking the event is listed by id) and their events.
   */
  readonly eventClock: boolean;
}

/** Marks an absent decision (a pending case) among day numbers. */
export const PENDING = NO_DATE;

/**
 * Counts case records into the aggregates of one or more periods, one record at a time. Every
 * record lands in exactly one bucket per period (see `aggregateInputs`).
 *
 * Two routes give the same result. Records of the common shape — `{ id, caseType, applied,
 * decided }` with `YYYY-MM-DD` strings (or a null, absent or empty `decided`) — are read without
 * allocating and counted straight into the histograms; every other record goes through
 * `readCaseRecord`, which reads every accepted form and explains what is invalid. The file readers
 * use {@link CaseAccumulator.addDays} to hand over cases they have read from bytes themselves.
 */
export class CaseAccumulator {
  private readonly slots = new Map<string, CaseTypeSlot>();
  private readonly clockEvents: ReadonlySet<string>;
  /** Position of the next record. */
  index: number;

  constructor(
    private readonly parts: readonly AggregatePart[],
    offset: number,
  ) {
    this.clockEvents = (parts[0] as AggregatePart).compiled.clockEvents;
    this.index = offset;
  }

  /** The slot of a case type (cached). */
  slot(caseType: string): CaseTypeSlot {
    let slot = this.slots.get(caseType);
    if (slot === undefined) {
      const covering = this.parts.map(({ compiled }) => compiled.caseTargetsFor(caseType));
      const eventClock = (covering[0] ?? []).some(({ target }) => target.clock.start !== 'applied' || target.clock.stop !== 'decided');
      slot = { caseType, covering, eventClock };
      this.slots.set(caseType, slot);
    }
    return slot;
  }

  /** Counts every record of an iterable. */
  addAll(records: Iterable<unknown>): void {
    for (const record of records) this.add(record);
  }

  /** Counts one record (of any shape: invalid ones are listed with their problems). */
  add(record: unknown): void {
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const { id, caseType, applied, decided } = record as Record<string, unknown>;
      if (typeof id === 'string' && id !== '' && typeof caseType === 'string' && caseType !== '' && typeof applied === 'string') {
        const appliedDay = fastIsoDay(applied);
        const decidedDay =
          decided === undefined || decided === null || decided === '' ? PENDING : typeof decided === 'string' ? fastIsoDay(decided) : NO_DAY;
        if (appliedDay !== NO_DAY && decidedDay !== NO_DAY && (decidedDay === PENDING || decidedDay >= appliedDay) && onlyCaseFields(record)) {
          const slot = this.slot(caseType);
          this.addDays(slot, appliedDay, decidedDay, slot.eventClock ? id : '');
          return;
        }
      }
    }
    this.addReference(record);
  }

  /** Counts one record through `readCaseRecord` alone: the reference route of {@link add}. */
  addReference(record: unknown): void {
    this.addRead(readCaseRecord(record, this.index, this.clockEvents));
  }

  /**
   * Counts a valid case given as day numbers: `decided` is {@link PENDING} for a pending case and
   * not before `applied`; the case has no events and no pauses. `id` is needed only when the slot
   * has an event clock (pass `''` otherwise).
   */
  addDays(slot: CaseTypeSlot, applied: DayNumber, decided: DayNumber, id: string): void {
    if (slot.eventClock) {
      this.addRead({ id, caseType: slot.caseType, applied, decided: decided === PENDING ? null : decided, events: null, pauses: null });
      return;
    }
    this.index++;
    const parts = this.parts;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      if (covering.length === 0) countWithoutTarget(aggregate, slot.caseType);
      else placeCase(compiled, aggregate, covering, applied, decided === PENDING ? null : decided, null);
    }
  }

  /** Counts the result of `readCaseRecord` (or another reader of the same contract). */
  addRead(read: ValidCase | InvalidRecord[]): void {
    const index = this.index++;
    if (Array.isArray(read)) {
      this.addInvalid(read);
      return;
    }
    const slot = this.slot(read.caseType);
    const reversed = slot.eventClock ? reversedClock(read, slot.covering[0] ?? [], index) : null;
    if (reversed !== null) {
      this.addInvalid([reversed]);
      return;
    }
    const parts = this.parts;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      if (covering.length === 0) countWithoutTarget(aggregate, read.caseType);
      else placeCase(compiled, aggregate, covering, read.applied, read.decided, read);
    }
  }

  /** Counts a source row that could not become a record as an invalid record; returns its position. */
  addProblem(problem: Omit<InvalidRecord, 'index'>): number {
    const index = this.index++;
    this.addInvalid([{ ...problem, index }]);
    return index;
  }

  private addInvalid(problems: InvalidRecord[]): void {
    for (const { aggregate } of this.parts) {
      aggregate.counts.input++;
      aggregate.counts.invalid++;
      aggregate.invalid.push(...problems);
    }
  }
}

/** Whether an object has no other (enumerable) fields than those of the common record shape. */
function onlyCaseFields(record: object): boolean {
  for (const key in record) {
    if (key !== 'id' && key !== 'caseType' && key !== 'applied' && key !== 'decided') return false;
  }
  return true;
}

function countWithoutTarget(aggregate: PlanAggregate, caseType: string): void {
  aggregate.counts.input++;
  aggregate.counts.withoutTarget++;
  aggregate.withoutTarget[caseType] = (aggregate.withoutTarget[caseType] ?? 0) + 1;
}

/**
 * Puts a valid case covered by `covering` (compiled for this part's period) in its bucket and
 * measures it. `read` is the whole case, or `null` for a case with no events and no pauses.
 */
function placeCase(
  compiled: CompiledPlan,
  aggregate: PlanAggregate,
  covering: readonly CompiledTarget[],
  applied: DayNumber,
  decided: DayNumber | null,
  read: ValidCase | null,
): void {
  const { counts, targets } = aggregate;
  const period = compiled.period;
  counts.input++;
  let measured = false;
  if (decided !== null && decided >= period.from && decided <= period.to) {
    for (let i = 0; i < covering.length; i++) {
      const target = covering[i] as CompiledTarget;
      if (!measuresOn(target, decided, target.byApplication ? applied : decided)) continue;
      measured = true;
      const state = targets[target.index] as TargetAggregate;
      if (read === null || (read.pauses === null && target.simpleClock)) measureDays(target, state, applied, decided);
      else measureRun(read, target, state);
    }
  }
  if (measured) counts.measured++;
  else if (applied <= period.to && (decided === null || decided > period.to)) counts.pending++;
  else counts.outOfPeriod++;
  // A target's pending cases are those pending at the end of its own window.
  for (let i = 0; i < covering.length; i++) {
    const target = covering[i] as CompiledTarget;
    const end = target.to;
    const key = target.byApplication ? applied : end + 1;
    if (applied <= end && (decided === null || decided > end) && key >= target.effectiveFrom && key < target.effectiveUntil) {
      (targets[target.index] as TargetAggregate).pending++;
    }
  }
}

/** Measures a case whose clock runs from the application to the decision, without pauses. */
function measureDays(target: CompiledTarget, state: TargetAggregate, applied: DayNumber, decided: DayNumber): void {
  increment(state.days, decided - applied);
  if (state.workingDays !== null) increment(state.workingDays, target.calendar.workingDaysBetween(applied, decided));
  if (target.monthTiers) {
    const tiers = target.target.tiers;
    for (let i = 0; i < tiers.length; i++) {
      const limit = (tiers[i] as (typeof tiers)[number]).limit;
      if (limit.unit === 'months' && decided <= addMonths(applied, limit.amount)) state.within[i] = (state.within[i] ?? 0) + 1;
    }
  }
}

/** Measures a case through its clock run (events, pauses). */
function measureRun(read: ValidCase, target: CompiledTarget, state: TargetAggregate): void {
  const clock = runClock(read, target, null);
  if (clock === null) {
    state.missingEvent.push(read.id);
    return;
  }
  increment(state.days, clock.days);
  if (state.workingDays !== null) increment(state.workingDays, clock.workingDays ?? 0);
  if (target.monthTiers) {
    target.target.tiers.forEach((tier, i) => {
      if (tier.limit.unit === 'months' && withinMonths(clock, tier.limit.amount)) state.within[i] = (state.within[i] ?? 0) + 1;
    });
  }
}

/** Adds one to a histogram bin. */
function increment(histogram: number[], value: number): void {
  if (value < histogram.length) histogram[value] = (histogram[value] as number) + 1;
  else addToHistogram(histogram, value);
}

function reversedClock(read: ValidCase, covering: readonly CompiledTarget[], index: number): InvalidRecord | null {
  for (const { target } of covering) {
    if (target.clock.start === 'applied') continue;
    const start = clockDay(read, target.clock.start);
    const stop = clockDay(read, target.clock.stop);
    if (start !== null && stop !== null && stop < start) {
      return {
        input: 'cases',
        index,
        id: read.id,
        field: target.clock.stop,
        code: 'clock_reversed',
        message: `record ${index} (id ${read.id}): ${target.clock.stop} is before ${target.clock.start}, where target "${target.id}" starts its clock`,
      };
    }
  }
  return null;
}
