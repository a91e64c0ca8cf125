import type { Calendar } from '../calendar/calendar.js';
import { formatDayNumber, type DayNumber } from '../dates/civil.js';
import { NO_DATE, NO_DAY, fastIsoDay } from '../dates/fast.js';
import { addMonths } from '../dates/months.js';
import type { PlanAggregate, TargetAggregate } from './model.js';
import { clockDay, measuresOn, type CompiledPlan, type CompiledTarget } from './compile.js';
import { runClock, withinMonths } from './clock.js';
import { addToHistogram } from './histogram.js';
import { addCount } from './keys.js';
import { listProblems, readCaseRecord, recordProblem, type InvalidRecord, type ValidCase } from './records.js';

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
  /** Per part, cases of the type that no target covers, not yet added to the aggregate (see `finish`). */
  readonly withoutTarget: Float64Array;
  /**
   * The targets covering the type as integers, for counting a case without events or pauses into
   * the accumulator's typed arrays: per part, the number of targets, then per target
   * {@link ROUTE_STRIDE} values (see `routeOf`). `null` when a covering target has a clock with
   * other events or limits in months: such cases are counted by `placeCase` alone.
   */
  readonly route: Int32Array | null;
}

/** Values per target in a slot's route: tally index, from, to, effective from, effective until, by application. */
const ROUTE_STRIDE = 6;

/** Counters per part in an accumulator's tally, by bucket. */
const MEASURED = 0;
const PENDING_CASES = 1;
const OUT_OF_PERIOD = 2;
const WITHOUT_TARGET = 3;
const BUCKETS = 4;

/** First length of a typed histogram (grown by doubling). */
const FIRST_HISTOGRAM = 512;

/** Day bounds beyond every day number, within 32 bits. */
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const int32 = (day: number): number => Math.min(INT32_MAX, Math.max(INT32_MIN, day));

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
  /**
   * An idle accumulator that lives as long as the class. V8 keeps the hidden class of a class's
   * instances only while one of them is alive: without this one, collecting the last accumulator of
   * an evaluation would throw away the optimised code of the counting loop, and the next
   * evaluation would start again in the interpreter.
   */
  static readonly shapeKeeper: CaseAccumulator = new CaseAccumulator([], 0);
  private readonly slots = new Map<string, CaseTypeSlot>();
  /** Position of the next record. */
  index: number;
  /**
   * Cases counted through slot routes, not yet added to the aggregates (see {@link finish}), in
   * typed arrays: per part the cases per bucket; per target of each part (`part × targets +
   * target`) its histogram of calendar days, of working days (working-day targets only, else an
   * empty array) and its pending cases.
   */
  private readonly tally: Float64Array;
  private readonly days: Float64Array[];
  private readonly workingDays: Float64Array[];
  private readonly calendars: (Calendar | null)[];
  private readonly pending: Float64Array;
  /** Per part, the last day of its period. */
  private readonly periodEnds: Int32Array;
  /**
   * Called with every valid case record once it is validated, before it is counted (see
   * `IntakeOptions.onCase`); while set, every record takes the reference route.
   */
  observer: ((read: ValidCase, index: number) => void) | null = null;

  constructor(
    private readonly parts: readonly AggregatePart[],
    offset: number,
  ) {
    this.index = offset;
    const targets = parts.flatMap(({ compiled }) => compiled.targets);
    this.tally = new Float64Array(parts.length * BUCKETS);
    this.days = targets.map(() => new Float64Array(FIRST_HISTOGRAM));
    this.workingDays = targets.map(({ needsWorkingDays }) => new Float64Array(needsWorkingDays ? FIRST_HISTOGRAM : 0));
    this.calendars = targets.map(({ needsWorkingDays, calendar }) => (needsWorkingDays ? calendar : null));
    this.pending = new Float64Array(targets.length);
    this.periodEnds = Int32Array.from(parts, ({ compiled }) => compiled.period.to);
  }

  /** The slot of a case type (cached). */
  slot(caseType: string): CaseTypeSlot {
    return this.slots.get(caseType) ?? this.newSlot(caseType);
  }

  private newSlot(caseType: string): CaseTypeSlot {
    const covering = this.parts.map(({ compiled }) => compiled.caseTargetsFor(caseType));
    const eventClock = (covering[0] ?? []).some(({ target }) => target.clock.start !== 'applied' || target.clock.stop !== 'decided');
    const route = eventClock || covering.some((targets) => targets.some(({ monthTiers }) => monthTiers)) ? null : this.routeOf(covering);
    const slot: CaseTypeSlot = { caseType, covering, eventClock, withoutTarget: new Float64Array(this.parts.length), route };
    this.slots.set(caseType, slot);
    return slot;
  }

  /**
   * Completes the aggregates: adds the cases without a target, counted per case type while
   * reading, to each aggregate's `withoutTarget` (in the order the case types were first seen).
   * Call it once all records are counted; counting may go on after it.
   */
  finish(): void {
    let at = 0;
    for (let p = 0; p < this.parts.length; p++) {
      const { counts, targets } = (this.parts[p] as AggregatePart).aggregate;
      const tally = this.tally;
      const base = p * BUCKETS;
      counts.measured += tally[base + MEASURED] as number;
      counts.pending += tally[base + PENDING_CASES] as number;
      counts.outOfPeriod += tally[base + OUT_OF_PERIOD] as number;
      counts.withoutTarget += tally[base + WITHOUT_TARGET] as number;
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        counts.input += tally[base + bucket] as number;
        tally[base + bucket] = 0;
      }
      for (const state of targets) {
        addTyped(state.days, this.days[at] as Float64Array);
        if (state.workingDays !== null) addTyped(state.workingDays, this.workingDays[at] as Float64Array);
        state.pending += this.pending[at] as number;
        this.pending[at] = 0;
        at++;
      }
    }
    for (const slot of this.slots.values()) {
      for (let p = 0; p < this.parts.length; p++) {
        const count = slot.withoutTarget[p] as number;
        if (count === 0) continue;
        const { withoutTarget } = (this.parts[p] as AggregatePart).aggregate;
        addCount(withoutTarget, slot.caseType, count);
        slot.withoutTarget[p] = 0;
      }
    }
  }

  /** Counts every record of an iterable. */
  addAll(records: Iterable<unknown>): void {
    if (Array.isArray(records)) {
      for (let i = 0; i < records.length; i++) this.add(records[i]);
    } else {
      for (const record of records) this.add(record);
    }
  }

  /** Counts one record (of any shape: invalid ones are listed with their problems). */
  add(record: unknown): void {
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const { id, caseType, applied, decided } = record as Record<string, unknown>;
      if (typeof id === 'string' && id !== '' && typeof caseType === 'string' && caseType !== '' && typeof applied === 'string') {
        const appliedDay = fastIsoDay(applied);
        const decidedDay =
          decided === undefined || decided === null || decided === '' ? PENDING : typeof decided === 'string' ? fastIsoDay(decided) : NO_DAY;
        if (appliedDay !== NO_DAY && decidedDay !== NO_DAY && (decidedDay === PENDING || decidedDay >= appliedDay) && this.observer === null && onlyCaseFields(record)) {
          const slot = this.slots.get(caseType) ?? this.newSlot(caseType);
          this.addDays(slot, appliedDay, decidedDay, slot.eventClock ? id : '');
          return;
        }
      }
    }
    this.addReference(record);
  }

  /** Counts one record through `readCaseRecord` alone: the reference route of {@link add}. */
  addReference(record: unknown): void {
    this.addRead(readCaseRecord(record, this.index));
  }

  /**
   * Counts a valid case given as day numbers: `decided` is {@link PENDING} for a pending case and
   * not before `applied`; the case has no events and no pauses. `id` is needed only when the slot
   * has an event clock or an observer is set (pass `''` otherwise).
   */
  addDays(slot: CaseTypeSlot, applied: DayNumber, decided: DayNumber, id: string): void {
    const route = slot.route;
    if (route !== null && this.observer === null) {
      this.index++;
      this.addRouted(route, slot.withoutTarget, applied, decided);
      return;
    }
    if (slot.eventClock || this.observer !== null) {
      this.addRead({ id, caseType: slot.caseType, applied, decided: decided === PENDING ? null : decided, events: null, pauses: null });
      return;
    }
    this.index++;
    const parts = this.parts;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      if (covering.length === 0) countWithoutTarget(aggregate, slot, p);
      else placeCase(compiled, aggregate, covering, applied, decided === PENDING ? null : decided, null);
    }
  }

  /**
   * Counts a case without events or pauses through its slot's route: the buckets and histograms of
   * `placeCase` and `measureDays`, for targets without month limits, in typed arrays.
   */
  private addRouted(route: Int32Array, withoutTarget: Float64Array, applied: DayNumber, decided: DayNumber): void {
    const tally = this.tally;
    const parts = withoutTarget.length;
    const pendingNow = decided === PENDING;
    let at = 0;
    for (let p = 0; p < parts; p++) {
      const count = route[at++] as number;
      if (count === 0) {
        bump(tally, p * BUCKETS + WITHOUT_TARGET);
        bump(withoutTarget, p);
        continue;
      }
      let measured = false;
      for (let end = at + count * ROUTE_STRIDE; at < end; at += ROUTE_STRIDE) {
        const target = route[at] as number;
        const to = route[at + 2] as number;
        const effectiveFrom = route[at + 3] as number;
        const effectiveUntil = route[at + 4] as number;
        const byApplication = route[at + 5] === 1;
        if (decided >= (route[at + 1] as number) && decided <= to) {
          const key = byApplication ? applied : decided;
          if (key >= effectiveFrom && key < effectiveUntil) {
            measured = true;
            const elapsed = decided - applied;
            let days = this.days[target] as Float64Array;
            if (elapsed >= days.length) days = this.grow(this.days, target, elapsed);
            bump(days, elapsed);
            const calendar = this.calendars[target];
            if (calendar != null) {
              const working = calendar.workingDaysBetween(applied, decided);
              let histogram = this.workingDays[target] as Float64Array;
              if (working >= histogram.length) histogram = this.grow(this.workingDays, target, working);
              bump(histogram, working);
            }
          }
        }
        // A target's pending cases are those pending at the end of its own window.
        if (applied <= to && (pendingNow || decided > to)) {
          const key = byApplication ? applied : to + 1;
          if (key >= effectiveFrom && key < effectiveUntil) bump(this.pending, target);
        }
      }
      const last = this.periodEnds[p] as number;
      const bucket = measured ? MEASURED : applied <= last && (pendingNow || decided > last) ? PENDING_CASES : OUT_OF_PERIOD;
      bump(tally, p * BUCKETS + bucket);
    }
  }

  /** The route of a case type covered by `covering` (one list of targets per part). */
  private routeOf(covering: readonly (readonly CompiledTarget[])[]): Int32Array {
    const route: number[] = [];
    covering.forEach((targets, p) => {
      route.push(targets.length);
      const first = (this.parts[p] as AggregatePart).compiled.targets.length * p;
      for (const target of targets) {
        route.push(first + target.index, int32(target.from), int32(target.to), int32(target.effectiveFrom), int32(target.effectiveUntil), target.byApplication ? 1 : 0);
      }
    });
    return Int32Array.from(route);
  }

  /** Replaces a typed histogram by one long enough for `value` (doubling), and returns it. */
  private grow(histograms: Float64Array[], index: number, value: number): Float64Array {
    const old = histograms[index] as Float64Array;
    let length = Math.max(old.length, FIRST_HISTOGRAM);
    while (length <= value) length *= 2;
    const next = new Float64Array(length);
    next.set(old);
    histograms[index] = next;
    return next;
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
    if (this.observer !== null) this.observer(read, index);
    const parts = this.parts;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      if (covering.length === 0) countWithoutTarget(aggregate, slot, p);
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
      listProblems(aggregate, problems);
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

function countWithoutTarget(aggregate: PlanAggregate, slot: CaseTypeSlot, part: number): void {
  aggregate.counts.input++;
  aggregate.counts.withoutTarget++;
  bump(slot.withoutTarget, part);
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

/** Adds one to an entry of a typed array. */
function bump(array: Float64Array, index: number): void {
  array[index] = (array[index] as number) + 1;
}

/** Adds a typed histogram into a histogram (grown to its last non-empty day) and empties it. */
function addTyped(histogram: number[], typed: Float64Array): void {
  let last = typed.length - 1;
  while (last >= 0 && typed[last] === 0) last--;
  while (histogram.length <= last) histogram.push(0);
  for (let days = 0; days <= last; days++) histogram[days] = (histogram[days] as number) + (typed[days] as number);
  typed.fill(0, 0, last + 1);
}

function reversedClock(read: ValidCase, covering: readonly CompiledTarget[], index: number): InvalidRecord | null {
  for (const { target } of covering) {
    if (target.clock.start === 'applied') continue;
    const start = clockDay(read, target.clock.start);
    const stop = clockDay(read, target.clock.stop);
    if (start !== null && stop !== null && stop < start) {
      return recordProblem('cases', index, read.id, target.clock.stop, { code: 'clock_reversed', start: target.clock.start, target: target.id }, formatDayNumber(stop));
    }
  }
  return null;
}
