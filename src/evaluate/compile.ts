import { createCalendar, type Calendar } from '../calendar/calendar.js';
import type { DayNumber } from '../dates/civil.js';
import { parsePeriod, type Period } from '../dates/periods.js';
import { fail } from '../errors.js';
import { toDayNumber } from '../dates/parse.js';
import { registerCaseTypes, seedCaseTypes, type CaseTypeDefinition, type CaseTypeRegistry } from '../targets/case-types.js';
import type { ClockEvent, ServicePlan, ServiceTarget } from '../targets/model.js';
import type { ValidCase } from './records.js';

/**
 * Case types known to an evaluation: a registry, or additions to the seed registry.
 *
 * @example
 * ```ts
 * // A new business scheme, counted by SIRI 2024's target for the whole business area.
 * const caseTypes: CaseTypesOption = { 'green-card': 'erhverv' };
 * const cases = [{ id: 'G1', caseType: 'green-card', applied: '2024-03-01', decided: '2024-03-20' }];
 * evaluatePlan(getPlan('siri-2024'), cases, { caseTypes }).targets.find((target) => target.id === 'erhverv')?.measured; // 1
 * evaluatePlan(getPlan('siri-2024'), cases).withoutTarget; // { 'green-card': 1 }
 * ```
 */
export type CaseTypesOption = CaseTypeRegistry | Readonly<Record<string, CaseTypeDefinition>>;

/** A target prepared for evaluation. */
export interface CompiledTarget {
  target: ServiceTarget;
  index: number;
  calendar: Calendar;
  /** The days the target measures: the evaluation period cut to the target's own period. */
  from: DayNumber;
  to: DayNumber;
  /** Addendum bounds: applies to key dates in [effectiveFrom, effectiveUntil). */
  effectiveFrom: DayNumber;
  effectiveUntil: DayNumber;
  byApplication: boolean;
  needsWorkingDays: boolean;
  monthTiers: boolean;
  /** Whether the clock runs from the application to the decision. */
  simpleClock: boolean;
  /** The target's scope, each condition's values as a set (empty: every case it covers). */
  scope: readonly CompiledCondition[];
}

/** A scope condition prepared for evaluation. */
export interface CompiledCondition {
  attribute: string;
  /** `true` for `oneOf`, `false` for `notOneOf`. */
  oneOf: boolean;
  values: ReadonlySet<string>;
}

/**
 * Whether a case with these attribute values is in a target's scope. A lacking attribute (absent
 * from `values`) makes its condition hold when `missingInScope` is set, and fail otherwise.
 */
export function inScope(target: CompiledTarget, values: ReadonlyMap<string, string>, missingInScope: boolean): boolean {
  for (const condition of target.scope) {
    const value = values.get(condition.attribute);
    if (value === undefined) {
      if (!missingInScope) return false;
    } else if (condition.values.has(value) !== condition.oneOf) return false;
  }
  return true;
}

/** A plan prepared for evaluation. */
export interface CompiledPlan {
  plan: ServicePlan;
  registry: CaseTypeRegistry;
  period: Period;
  targets: CompiledTarget[];
  /** Case targets covering a case type (cached), whatever their dates. */
  caseTargetsFor(caseType: string): readonly CompiledTarget[];
  /** Contact targets measuring a channel (cached). */
  contactTargetsFor(channel: string): readonly CompiledTarget[];
  /** Observation targets covering a centre (cached). */
  observationTargetsFor(centre: string): readonly CompiledTarget[];
  /** Event names used by clocks: their dates may not precede the application. */
  clockEvents: ReadonlySet<string>;
  /** The case-type ids a target covers: explicit ones and the registry's types of its areas. */
  caseTypesOf(target: ServiceTarget): string[];
}

/** Resolves the `caseTypes` option to a registry. */
export function resolveRegistry(option: CaseTypesOption | undefined): CaseTypeRegistry {
  if (option === undefined) return seedCaseTypes;
  if (option instanceof Map) return option;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null or another value
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    fail('invalid_option', 'caseTypes must be a case-type registry (a Map) or an object { caseType: area }', ['caseTypes']);
  }
  return registerCaseTypes(option as Readonly<Record<string, CaseTypeDefinition>>);
}

const FAR_PAST = Number.MIN_SAFE_INTEGER;
const FAR_FUTURE = Number.MAX_SAFE_INTEGER;

/** Prepares a plan for evaluation over a period against a case-type registry. */
export function compilePlan(plan: ServicePlan, registry: CaseTypeRegistry, period: Period): CompiledPlan {
  const clockEvents = new Set<string>();
  const targets = plan.targets.map((target, index): CompiledTarget => {
    for (const event of [target.clock.start, target.clock.stop]) {
      if (target.input === 'cases' && event.startsWith('events.')) clockEvents.add(event.slice('events.'.length));
    }
    const own = target.period === null ? null : parsePeriod(target.period, ['targets', index, 'period']);
    return {
      target,
      index,
      calendar: createCalendar(target.calendar ?? plan.calendar ?? {}),
      from: Math.max(period.from, own?.from ?? FAR_PAST),
      to: Math.min(period.to, own?.to ?? FAR_FUTURE),
      effectiveFrom: target.effective.from === null ? FAR_PAST : toDayNumber(target.effective.from),
      effectiveUntil: target.effective.until === null ? FAR_FUTURE : toDayNumber(target.effective.until),
      byApplication: target.effective.by === 'applied',
      needsWorkingDays: target.tiers.some((tier) => tier.limit.unit === 'workingDays'),
      monthTiers: target.tiers.some((tier) => tier.limit.unit === 'months'),
      simpleClock: target.clock.start === 'applied' && target.clock.stop === 'decided',
      // Plans made before scopes existed (e.g. JSON passed on as a plan) have no `where`.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      scope: (target.where ?? []).map(({ attribute, op, values }) => ({ attribute, oneOf: op === 'oneOf', values: new Set(values) })),
    };
  });

  const memo = <K>(select: (key: K) => CompiledTarget[]) => {
    const cache = new Map<K, readonly CompiledTarget[]>();
    return (key: K): readonly CompiledTarget[] => {
      let found = cache.get(key);
      if (found === undefined) {
        found = select(key);
        cache.set(key, found);
      }
      return found;
    };
  };

  return {
    plan,
    registry,
    period,
    targets,
    clockEvents,
    caseTargetsFor: memo((caseType: string) => {
      const area = registry.get(caseType)?.area;
      return targets.filter(({ target }) =>
        target.input === 'cases' && (target.caseTypes.includes(caseType) || (area !== undefined && target.areas.includes(area))),
      );
    }),
    contactTargetsFor: memo((channel: string) =>
      targets.filter(({ target }) => target.input === 'contacts' && target.channels.includes(channel)),
    ),
    observationTargetsFor: memo((centre: string) =>
      targets.filter(({ target }) => target.input === 'observations' && (target.centres === null || Object.hasOwn(target.centres, centre))),
    ),
    caseTypesOf(target) {
      const ids = [...target.caseTypes];
      for (const info of registry.values()) {
        if (target.areas.includes(info.area) && !ids.includes(info.id)) ids.push(info.id);
      }
      return ids;
    },
  };
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/**
 * The case targets that measure a valid case: those covering its type whose scope it is in (a
 * lacking attribute taken as inside, the default policy); none for a case the agency flags.
 */
export function measuringTargets(compiled: CompiledPlan, read: ValidCase): readonly CompiledTarget[] {
  if (read.flagged) return [];
  const covering = compiled.caseTargetsFor(read.caseType);
  if (covering.every(({ scope }) => scope.length === 0)) return covering;
  const values = read.attributes ?? NO_ATTRIBUTES;
  return covering.filter((target) => inScope(target, values, true));
}

/** Whether a target applies at a key date (its addendum bounds) and measures that day (its period). */
export function measuresOn(compiled: CompiledTarget, day: DayNumber, effectiveKey: DayNumber = day): boolean {
  return (
    day >= compiled.from &&
    day <= compiled.to &&
    effectiveKey >= compiled.effectiveFrom &&
    effectiveKey < compiled.effectiveUntil
  );
}

/** The day of a clock event for a case, or `null` when the case lacks it. */
export function clockDay(record: ValidCase, event: ClockEvent): DayNumber | null {
  if (event === 'applied') return record.applied;
  if (event === 'decided') return record.decided;
  return record.events?.get(event.slice('events.'.length)) ?? null;
}
