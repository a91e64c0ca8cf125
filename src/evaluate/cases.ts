import type { Calendar } from '../calendar/calendar.js';
import { formatDayNumber, type DayNumber } from '../dates/civil.js';
import { NO_DATE, NO_DAY, fastIsoDay } from '../dates/fast.js';
import { addMonths } from '../dates/months.js';
import type { MissingAttributes, PlanAggregate, TargetAggregate, WithoutTargetReason } from './model.js';
import { clockDay, inScope, measuresOn, type CompiledPlan, type CompiledTarget } from './compile.js';
import { runClock, withinMonths } from './clock.js';
import { addToHistogram } from './histogram.js';
import { addCount } from './keys.js';
import { listProblems, readCaseRecord, recordProblem, type InvalidRecord, type ValidCase } from './records.js';

/** One period's compiled plan and the aggregate being filled for it. */
export interface AggregatePart {
  compiled: CompiledPlan;
  aggregate: PlanAggregate;
}

/**
 * What an evaluation knows about one case type, looked up once per type — and, for a type whose
 * covering targets have scopes, once per combination of the attribute values they test and the
 * flag `withoutTarget` (a variant of the type's slot, see {@link CaseAccumulator.variant}).
 */
export interface CaseTypeSlot {
  readonly caseType: string;
  /** Per part, the targets measuring the slot's cases (compiled for that part's period). */
  readonly covering: readonly (readonly CompiledTarget[])[];
  /**
   * Whether a covering target runs its clock from or to another event than the application and the
   * decision: such cases need their id (a case lacking the event is listed by id) and their events.
   */
  readonly eventClock: boolean;
  /** Per part, cases of the slot that no target measures, not yet added to the aggregate (see `finish`). */
  readonly withoutTarget: Float64Array;
  /** Why the slot's cases are without target when no target measures them. */
  readonly reason: WithoutTargetReason;
  /**
   * The attributes the scopes of the type's covering targets test (a type's own slot): empty when
   * none has a scope, and then the type's cases use this slot whatever their attributes.
   */
  readonly scopeAttributes: readonly string[];
  /** The attributes a variant's cases lack that a covering scope tests (counted in `scope.missing`). */
  readonly missing: readonly string[];
  /** Cases counted in a variant with `missing` attributes, not yet added to the aggregates. */
  touched: number;
  /** A type's own slot with scopes: its variant for cases without attributes (cached), or `null`. */
  plain: CaseTypeSlot | null;
  /** A type's own slot with scopes: its variants by attribute values (see `addKey`), once one is made. */
  variants: Map<string, CaseTypeSlot> | null;
  /**
   * With the `invalid` missing-attribute policy: the lacking attribute and the target whose scope
   * tests it, which make the variant's cases invalid; else `null`. Such cases are read the slow way.
   */
  readonly invalidAttribute: { attribute: string; target: string } | null;
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

/** How a target measured one case: its clock's days, and whether it was within each tier's limit. */
export interface CaseMeasure {
  target: CompiledTarget;
  /** Calendar days on the target's clock, or `null` when the case lacks an event of the clock. */
  days: number | null;
  /** Working days on the clock, for a target with a limit in working days; else `null`. */
  workingDays: number | null;
  /** Per tier of the target, whether the case is within its limit (a case lacking an event is not). */
  within: boolean[];
}

/** The bucket of one case record in the first period, and how each target measured it. */
export interface CaseOutcomeOf {
  index: number;
  bucket: 'measured' | 'pending' | 'outOfPeriod' | 'withoutTarget' | 'invalid';
  /** Why a case is without target. */
  reason: WithoutTargetReason | null;
  /** The problems of an invalid record. */
  problems: readonly InvalidRecord[] | null;
  /** The valid case, or `null` for an invalid record. */
  read: ValidCase | null;
  /** The targets that measured the case, in the plan's order. */
  measures: readonly CaseMeasure[];
}

const BUCKET_NAMES = ['measured', 'pending', 'outOfPeriod'] as const;

/**
 * Counts case records into the aggregates of one or more periods, one record at a time. Every
 * record lands in exactly one bucket per period (see `aggregateInputs`).
 *
 * Two routes give the same result. Records of the common shape — `{ id, caseType, applied,
 * decided }` with `YYYY-MM-DD` strings (or a null, absent or empty `decided`), and possibly
 * `attributes` and `withoutTarget` — are read without allocating and counted straight into the
 * histograms, through the slot of their case type (or its variant for their attributes and flag); every other record goes through
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
  /** Per case type, the variant of its flagged cases. */
  private readonly flaggedSlots = new Map<CaseTypeSlot, CaseTypeSlot>();
  /** What a record lacking a tested attribute counts as (the aggregates' `scope.missingAttributes`). */
  private readonly missingAttributes: MissingAttributes;
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
  /**
   * Called with the outcome of every case record in the first period, valid or not, once it is
   * counted (see `IntakeOptions.onRecord`); set together with {@link observer}, so that every
   * record takes the reference route.
   */
  listener: ((outcome: CaseOutcomeOf) => void) | null = null;

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
    this.missingAttributes = parts[0]?.aggregate.scope.missingAttributes ?? 'inScope';
  }

  /** The slot of a case type (cached). */
  slot(caseType: string): CaseTypeSlot {
    return this.slots.get(caseType) ?? this.newSlot(caseType);
  }

  private newSlot(caseType: string): CaseTypeSlot {
    const covering = this.parts.map(({ compiled }) => compiled.caseTargetsFor(caseType));
    const attributes = new Set<string>();
    for (const targets of covering) {
      for (const { scope } of targets) for (const { attribute } of scope) attributes.add(attribute);
    }
    const slot = this.makeSlot(caseType, covering, 'noTarget', [...attributes], [], null);
    this.slots.set(caseType, slot);
    return slot;
  }

  private makeSlot(
    caseType: string,
    covering: readonly (readonly CompiledTarget[])[],
    reason: WithoutTargetReason,
    scopeAttributes: readonly string[],
    missing: readonly string[],
    invalidAttribute: CaseTypeSlot['invalidAttribute'],
  ): CaseTypeSlot {
    const eventClock = (covering[0] ?? []).some(({ target }) => target.clock.start !== 'applied' || target.clock.stop !== 'decided');
    const route = eventClock || covering.some((targets) => targets.some(({ monthTiers }) => monthTiers)) ? null : this.routeOf(covering);
    return { caseType, covering, eventClock, withoutTarget: new Float64Array(this.parts.length), reason, scopeAttributes, missing, touched: 0, plain: null, variants: null, invalidAttribute, route };
  }

  /**
   * The slot of a case of a type (its slot `base`) with these attributes and flag: `base` itself
   * when no covering target has a scope and the case is not flagged; else the variant for the
   * values of the attributes the scopes test (cached), whose targets are those whose scope holds.
   */
  variant(base: CaseTypeSlot, attributes: ReadonlyMap<string, string> | null, flagged: boolean): CaseTypeSlot {
    if (flagged) return this.flaggedSlot(base);
    const names = base.scopeAttributes;
    if (names.length === 0) return base;
    let key = '';
    for (let i = 0; i < names.length; i++) key = addKey(key, attributes?.get(names[i] as string), names.length);
    return base.variants?.get(key) ?? this.newVariant(base, key, (name) => attributes?.get(name));
  }

  /** {@link variant} for a record's own `attributes` object (values text, `null` or absent; checked by `shapeOf`). */
  private variantOfObject(base: CaseTypeSlot, attributes: Readonly<Record<string, unknown>> | null | undefined, flagged: boolean): CaseTypeSlot {
    if (flagged) return this.flaggedSlot(base);
    const names = base.scopeAttributes;
    if (names.length === 0) return base;
    let key = '';
    for (let i = 0; i < names.length; i++) key = addKey(key, attributeOf(attributes, names[i] as string), names.length);
    return base.variants?.get(key) ?? this.newVariant(base, key, (name) => attributeOf(attributes, name));
  }

  private flaggedSlot(base: CaseTypeSlot): CaseTypeSlot {
    let slot = this.flaggedSlots.get(base);
    if (slot === undefined) {
      slot = this.makeSlot(base.caseType, this.parts.map(() => []), 'flagged', [], [], null);
      this.flaggedSlots.set(base, slot);
    }
    return slot;
  }

  private newVariant(base: CaseTypeSlot, key: string, valueOf: (name: string) => string | undefined): CaseTypeSlot {
    const values = new Map<string, string>();
    const missing: string[] = [];
    for (const name of base.scopeAttributes) {
      const value = valueOf(name);
      if (value === undefined) missing.push(name);
      else values.set(name, value);
    }
    const policy = this.missingAttributes;
    let invalidAttribute: CaseTypeSlot['invalidAttribute'] = null;
    if (policy === 'invalid' && missing.length > 0) {
      for (const { target, scope } of base.covering[0] ?? []) {
        const lacking = scope.find(({ attribute }) => !values.has(attribute));
        if (lacking !== undefined) {
          invalidAttribute = { attribute: lacking.attribute, target: target.id };
          break;
        }
      }
    }
    const covering = base.covering.map((targets) => targets.filter((target) => inScope(target, values, policy === 'inScope')));
    const reason = base.covering.every((targets) => targets.length === 0) ? 'noTarget' : 'outOfScope';
    const slot = this.makeSlot(base.caseType, covering, reason, [], invalidAttribute === null ? missing : [], invalidAttribute);
    (base.variants ??= new Map()).set(key, slot);
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
      this.finishSlot(slot);
      for (const variant of slot.variants?.values() ?? []) this.finishSlot(variant);
      const flagged = this.flaggedSlots.get(slot);
      if (flagged !== undefined) this.finishSlot(flagged);
    }
  }

  /** Adds a slot's cases without target, and those with missing attributes, to the aggregates. */
  private finishSlot(slot: CaseTypeSlot): void {
    for (let p = 0; p < this.parts.length; p++) {
      const count = slot.withoutTarget[p] as number;
      if (count === 0) continue;
      const { withoutTarget, withoutTargetReasons } = (this.parts[p] as AggregatePart).aggregate;
      addCount(withoutTarget, slot.caseType, count);
      addCount(withoutTargetReasons[slot.reason], slot.caseType, count);
      slot.withoutTarget[p] = 0;
    }
    if (slot.touched > 0) {
      for (const { aggregate } of this.parts) {
        for (const attribute of slot.missing) addCount(aggregate.scope.missing, attribute, slot.touched);
      }
      slot.touched = 0;
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
        if (appliedDay !== NO_DAY && decidedDay !== NO_DAY && (decidedDay === PENDING || decidedDay >= appliedDay) && this.observer === null) {
          const shape = shapeOf(record);
          if (shape !== OTHER) {
            let slot = this.slots.get(caseType) ?? this.newSlot(caseType);
            if (shape === SCOPED) {
              const { attributes, withoutTarget } = record as { attributes?: Readonly<Record<string, unknown>> | null; withoutTarget?: boolean | null };
              slot = this.variantOfObject(slot, attributes, withoutTarget === true);
            } else if (slot.scopeAttributes.length > 0) {
              slot = slot.plain ??= this.variant(slot, null, false);
            }
            if (slot.invalidAttribute === null) {
              this.addDays(slot, appliedDay, decidedDay, slot.eventClock ? id : '');
              return;
            }
          }
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
    if (route !== null && this.observer === null && slot.scopeAttributes.length === 0 && slot.invalidAttribute === null) {
      this.index++;
      if (slot.missing.length > 0) slot.touched++;
      this.addRouted(route, slot.withoutTarget, applied, decided);
      return;
    }
    if (slot.eventClock || this.observer !== null || slot.scopeAttributes.length > 0 || slot.invalidAttribute !== null) {
      this.addRead(this.caseOf(slot, applied, decided, id));
      return;
    }
    this.index++;
    if (slot.missing.length > 0) slot.touched++;
    const parts = this.parts;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      if (covering.length === 0) countWithoutTarget(aggregate, slot, p);
      else placeCase(compiled, aggregate, covering, applied, decided === PENDING ? null : decided, null);
    }
  }

  /**
   * The valid case a slot's case in day numbers stands for: its variant's attribute values
   * (those its scopes test) and flag, the case being counted through its variant again.
   */
  private caseOf(slot: CaseTypeSlot, applied: DayNumber, decided: DayNumber, id: string): ValidCase {
    let attributes: Map<string, string> | null = null;
    const base = this.slots.get(slot.caseType);
    if (base?.variants != null) {
      for (const [key, variant] of base.variants) {
        if (variant !== slot) continue;
        attributes = valuesOfKey(base.scopeAttributes, key);
        break;
      }
    }
    return { id, caseType: slot.caseType, applied, decided: decided === PENDING ? null : decided, events: null, pauses: null, attributes, flagged: slot.reason === 'flagged' };
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
      this.addInvalid(index, read);
      return;
    }
    const slot = this.variant(this.slot(read.caseType), read.attributes, read.flagged);
    if (slot.invalidAttribute !== null) {
      const { attribute, target } = slot.invalidAttribute;
      this.addInvalid(index, [recordProblem('cases', index, read.id, `attributes.${attribute}`, { code: 'missing_attribute', target })]);
      return;
    }
    const reversed = slot.eventClock ? reversedClock(read, slot.covering[0] ?? [], index) : null;
    if (reversed !== null) {
      this.addInvalid(index, [reversed]);
      return;
    }
    if (this.observer !== null) this.observer(read, index);
    if (slot.missing.length > 0) slot.touched++;
    const parts = this.parts;
    const listener = this.listener;
    for (let p = 0; p < parts.length; p++) {
      const { aggregate, compiled } = parts[p] as AggregatePart;
      const covering = slot.covering[p] as readonly CompiledTarget[];
      const measures: CaseMeasure[] | null = listener !== null && p === 0 ? [] : null;
      if (covering.length === 0) {
        countWithoutTarget(aggregate, slot, p);
        if (listener !== null && p === 0) listener({ index, bucket: 'withoutTarget', reason: slot.reason, problems: null, read, measures: [] });
      } else {
        const bucket = placeCase(compiled, aggregate, covering, read.applied, read.decided, read, measures);
        if (listener !== null && measures !== null) listener({ index, bucket: BUCKET_NAMES[bucket] as CaseOutcomeOf['bucket'], reason: null, problems: null, read, measures });
      }
    }
  }

  /** Counts a source row that could not become a record as an invalid record; returns its position. */
  addProblem(problem: Omit<InvalidRecord, 'index'>): number {
    const index = this.index++;
    this.addInvalid(index, [{ ...problem, index }]);
    return index;
  }

  /** Tells the listener, if any, of an invalid record at `index` that is counted only (not listed). */
  tellInvalid(index: number, problems: readonly InvalidRecord[]): void {
    if (this.listener !== null) this.listener({ index, bucket: 'invalid', reason: null, problems, read: null, measures: [] });
  }

  private addInvalid(index: number, problems: InvalidRecord[]): void {
    for (const { aggregate } of this.parts) {
      aggregate.counts.input++;
      aggregate.counts.invalid++;
      listProblems(aggregate, problems);
    }
    this.tellInvalid(index, problems);
  }
}

/** The text of an attribute of a record's `attributes` object, or `undefined` when it lacks it. */
function attributeOf(attributes: Readonly<Record<string, unknown>> | null | undefined, name: string): string | undefined {
  if (attributes == null || !Object.hasOwn(attributes, name)) return undefined;
  const value = attributes[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Shapes of a record for the typed route (see `shapeOf`). */
const PLAIN = 0;
const SCOPED = 1;
const OTHER = 2;

/**
 * The shape of a record whose common fields are valid: `PLAIN` with no other (enumerable) fields
 * than `id`, `caseType`, `applied` and `decided`; `SCOPED` with also valid `attributes` (an object
 * of text or `null` values, or `null`) and/or `withoutTarget` (a boolean or `null`); else `OTHER`.
 */
function shapeOf(record: object): number {
  let shape = PLAIN;
  for (const key in record) {
    if (key === 'id' || key === 'caseType' || key === 'applied' || key === 'decided') continue;
    if (key !== 'attributes' && key !== 'withoutTarget') return OTHER;
    shape = SCOPED;
  }
  if (shape === PLAIN) return PLAIN;
  const { attributes, withoutTarget } = record as Record<string, unknown>;
  if (withoutTarget !== undefined && withoutTarget !== null && typeof withoutTarget !== 'boolean') return OTHER;
  if (attributes === undefined || attributes === null) return SCOPED;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) return OTHER;
  for (const name in attributes) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = (attributes as Record<string, unknown>)[name];
    if (value !== null && typeof value !== 'string') return OTHER;
  }
  return SCOPED;
}

/**
 * Adds an attribute value (`undefined`: lacking) to a variant key: the value itself when the scopes
 * test one attribute; else each value with its length, so that no two lists share a key.
 */
function addKey(key: string, value: string | undefined, count: number): string {
  if (count === 1) return value ?? '';
  return value === undefined ? `${key}-;` : `${key}${String(value.length)}:${value}`;
}

/** The attribute values a variant key stands for (see `addKey`). */
function valuesOfKey(names: readonly string[], key: string): Map<string, string> | null {
  const values = new Map<string, string>();
  if (names.length === 1) {
    if (key !== '') values.set(names[0] as string, key);
  } else {
    let at = 0;
    for (const name of names) {
      if (key[at] === '-') {
        at += 2;
        continue;
      }
      const colon = key.indexOf(':', at);
      const length = Number(key.slice(at, colon));
      values.set(name, key.slice(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
  }
  return values.size === 0 ? null : values;
}

function countWithoutTarget(aggregate: PlanAggregate, slot: Pick<CaseTypeSlot, 'withoutTarget'>, part: number): void {
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
  measures: CaseMeasure[] | null = null,
): number {
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
      if (read === null || (read.pauses === null && target.simpleClock)) measureDays(target, state, applied, decided, measures);
      else measureRun(read, target, state, measures);
    }
  }
  let bucket: number;
  if (measured) {
    counts.measured++;
    bucket = MEASURED;
  } else if (applied <= period.to && (decided === null || decided > period.to)) {
    counts.pending++;
    bucket = PENDING_CASES;
  } else {
    counts.outOfPeriod++;
    bucket = OUT_OF_PERIOD;
  }
  // A target's pending cases are those pending at the end of its own window.
  for (let i = 0; i < covering.length; i++) {
    const target = covering[i] as CompiledTarget;
    const end = target.to;
    const key = target.byApplication ? applied : end + 1;
    if (applied <= end && (decided === null || decided > end) && key >= target.effectiveFrom && key < target.effectiveUntil) {
      (targets[target.index] as TargetAggregate).pending++;
    }
  }
  return bucket;
}

/** Measures a case whose clock runs from the application to the decision, without pauses. */
function measureDays(target: CompiledTarget, state: TargetAggregate, applied: DayNumber, decided: DayNumber, measures: CaseMeasure[] | null): void {
  const days = decided - applied;
  increment(state.days, days);
  const working = state.workingDays === null ? null : target.calendar.workingDaysBetween(applied, decided);
  if (working !== null && state.workingDays !== null) increment(state.workingDays, working);
  if (target.monthTiers) {
    const tiers = target.target.tiers;
    for (let i = 0; i < tiers.length; i++) {
      const limit = (tiers[i] as (typeof tiers)[number]).limit;
      if (limit.unit === 'months' && decided <= addMonths(applied, limit.amount)) state.within[i] = (state.within[i] ?? 0) + 1;
    }
  }
  if (measures !== null) measures.push(measureOf(target, days, working, (months) => decided <= addMonths(applied, months)));
}

/** How a target measured a case of `days` (`working` working days) on its clock, tier by tier, as the report counts them. */
function measureOf(target: CompiledTarget, days: number | null, working: number | null, withinMonthsOf: (months: number) => boolean): CaseMeasure {
  const within = target.target.tiers.map(({ limit }) => {
    if (days === null) return false;
    if (limit.unit === 'months') return withinMonthsOf(limit.amount);
    if (limit.unit === 'workingDays') return working !== null && working <= limit.amount;
    return days <= limit.amount;
  });
  return { target, days, workingDays: working, within };
}

/** Measures a case through its clock run (events, pauses). */
function measureRun(read: ValidCase, target: CompiledTarget, state: TargetAggregate, measures: CaseMeasure[] | null): void {
  const clock = runClock(read, target, null);
  if (clock === null) {
    state.missingEvent.push(read.id);
    if (measures !== null) measures.push(measureOf(target, null, null, () => false));
    return;
  }
  if (measures !== null) measures.push(measureOf(target, clock.days, state.workingDays === null ? null : (clock.workingDays ?? 0), (months) => withinMonths(clock, months)));
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
