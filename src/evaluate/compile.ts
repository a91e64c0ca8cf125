import type { DayNumber } from '../dates/civil.js';
import { registerCaseTypes, seedCaseTypes, type CaseTypeDefinition, type CaseTypeRegistry } from '../targets/case-types.js';
import type { ClockEvent, ServicePlan, ServiceTarget } from '../targets/model.js';
import type { ValidCase } from './records.js';

/** Case types known to an evaluation: a registry, or additions to the seed registry. */
export type CaseTypesOption = CaseTypeRegistry | Readonly<Record<string, CaseTypeDefinition>>;

/** A plan prepared for evaluation: which targets cover a case type, and the clock events. */
export interface CompiledPlan {
  plan: ServicePlan;
  registry: CaseTypeRegistry;
  /** Indexes of the targets covering a case type (cached). */
  targetsFor(caseType: string): readonly number[];
  /** Event names used by clocks: their dates may not precede the application. */
  clockEvents: ReadonlySet<string>;
  /** The case-type ids a target covers: explicit ones and the registry's types of its areas. */
  caseTypesOf(target: ServiceTarget): string[];
}

/** Resolves the `caseTypes` option to a registry. */
export function resolveRegistry(option: CaseTypesOption | undefined): CaseTypeRegistry {
  if (option === undefined) return seedCaseTypes;
  return option instanceof Map ? option : registerCaseTypes(option as Readonly<Record<string, CaseTypeDefinition>>);
}

/** Prepares a plan for evaluation against a case-type registry. */
export function compilePlan(plan: ServicePlan, registry: CaseTypeRegistry): CompiledPlan {
  const cache = new Map<string, readonly number[]>();
  const clockEvents = new Set<string>();
  for (const target of plan.targets) {
    for (const event of [target.clock.start, target.clock.stop]) {
      if (event.startsWith('events.')) clockEvents.add(event.slice('events.'.length));
    }
  }
  return {
    plan,
    registry,
    clockEvents,
    targetsFor(caseType) {
      let indexes = cache.get(caseType);
      if (indexes === undefined) {
        const area = registry.get(caseType)?.area;
        indexes = plan.targets.flatMap((target, index) =>
          target.caseTypes.includes(caseType) || (area !== undefined && target.areas.includes(area)) ? [index] : [],
        );
        cache.set(caseType, indexes);
      }
      return indexes;
    },
    caseTypesOf(target) {
      const ids = [...target.caseTypes];
      for (const info of registry.values()) {
        if (target.areas.includes(info.area) && !ids.includes(info.id)) ids.push(info.id);
      }
      return ids;
    },
  };
}

/** The day of a clock event for a case, or `null` when the case lacks it. */
export function clockDay(record: ValidCase, event: ClockEvent): DayNumber | null {
  if (event === 'applied') return record.applied;
  if (event === 'decided') return record.decided;
  return record.events?.get(event.slice('events.'.length)) ?? null;
}
