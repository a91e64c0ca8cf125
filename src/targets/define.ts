import type * as z from 'zod';
import { ServicemaalError, type Issue, type IssueCode } from '../errors.js';
import { createCalendar, type Calendar } from '../calendar/calendar.js';
import { parsePeriod } from '../dates/periods.js';
import type { Addendum, Citation, ClockEvent, LimitUnit, PlanDocument, PlanRequirement, ServicePlan, ServiceTarget, Source, TargetGroup, TargetInputKind, Tier } from './model.js';
import { planSchema, sourceSchema, targetSchema, type PlanInput, type TargetInput } from './schema.js';

type Path = (string | number)[];

/**
 * Validates and normalises one service target. Use it to build targets in TypeScript; plans built
 * with {@link definePlan} validate their targets the same way.
 *
 * Defaults: the clock runs from `applied` to `decided`; the aggregate is `share`; weights are `null`
 * unless given. A target's weight is the sum of its tier weights when the tiers carry them.
 *
 * @throws {ServicemaalError} with code `invalid_target` and the path of every problem.
 * @example
 * ```ts
 * const visa = defineTarget({
 *   id: 'visa',
 *   label: 'Visa',
 *   caseTypes: ['visa'],
 *   tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 5 }],
 * });
 * visa.clock; // { start: 'applied', stop: 'decided' }
 * ```
 */
export function defineTarget(input: TargetInput): ServiceTarget {
  const parsed = targetSchema.safeParse(withCalendarOptions(input));
  if (!parsed.success) throw fromZod(parsed.error, 'invalid_target', []);
  const issues: Issue[] = [];
  const target = normaliseTarget(parsed.data, [], issues, 'invalid_target');
  if (issues.length > 0) throw new ServicemaalError(issues);
  return target;
}

/**
 * Validates and normalises a plan written in TypeScript or loaded from JSON.
 *
 * Besides the shape, it checks that target and group ids are unique, that groups name existing
 * targets (each target in at most one group), and that a group's weight equals the sum of its
 * targets' weights where both are given.
 *
 * @throws {ServicemaalError} with code `invalid_plan` and the path of every problem.
 * @example
 * ```ts
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa service targets 2025',
 *   year: 2025,
 *   targets: [
 *     {
 *       id: 'visa',
 *       label: 'Visa',
 *       caseTypes: ['visa'],
 *       tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 5 }],
 *     },
 *   ],
 * });
 * plan.targets[0]?.weight; // 5
 * ```
 */
export function definePlan(input: PlanInput | ServicePlan): ServicePlan {
  const parsed = planSchema.safeParse(planWithCalendarOptions(input));
  if (!parsed.success) throw fromZod(parsed.error, 'invalid_plan', []);
  const data = parsed.data;
  const issues: Issue[] = [];
  const targets = data.targets.map((target, index) =>
    normaliseTarget(target, ['targets', index], issues, 'invalid_plan'),
  );
  const paths: Path[] = targets.map((_, index) => ['targets', index]);
  const addenda = applyAddenda(data.addenda ?? [], targets, paths, issues);
  if (data.calendar !== undefined && data.calendar !== null) {
    const calendar = data.calendar;
    collect(issues, () => createCalendar(calendar), ['calendar'], 'invalid_plan');
  }

  const ids = new Map<string, Path>();
  const claim = (value: string, path: Path, what: string): void => {
    const previous = ids.get(value);
    if (previous !== undefined) {
      issues.push({ code: 'invalid_plan', message: `${what} id "${value}" is used twice (also at ${previous.join('.')})`, path });
    } else ids.set(value, path);
  };
  targets.forEach((target, index) => { claim(target.id, [...(paths[index] ?? ['targets', index]), 'id'], 'target'); });
  (data.notEvaluable ?? []).forEach((entry, index) => { claim(entry.id, ['notEvaluable', index, 'id'], 'target'); });

  const byId = new Map(targets.map((target) => [target.id, target]));
  const groupIds = new Set<string>();
  const grouped = new Map<string, string>();
  const groups: TargetGroup[] = (data.groups ?? []).map((group, index) => {
    const path: Path = ['groups', index];
    if (groupIds.has(group.id)) issues.push({ code: 'invalid_plan', message: `group id "${group.id}" is used twice`, path: [...path, 'id'] });
    groupIds.add(group.id);
    group.targets.forEach((targetId, position) => {
      if (!byId.has(targetId) && !(data.notEvaluable ?? []).some((entry) => entry.id === targetId)) {
        issues.push({ code: 'invalid_plan', message: `group "${group.id}" names unknown target "${targetId}"`, path: [...path, 'targets', position] });
      }
      const other = grouped.get(targetId);
      if (other !== undefined) {
        issues.push({ code: 'invalid_plan', message: `target "${targetId}" is in two groups ("${other}" and "${group.id}")`, path: [...path, 'targets', position] });
      }
      grouped.set(targetId, group.id);
    });
    const memberWeights = group.targets.map((targetId) => byId.get(targetId)?.weight ?? null);
    const weightValue = group.weight ?? null;
    if (weightValue !== null && memberWeights.every((value) => value !== null)) {
      const sum = memberWeights.reduce((total, value) => total + value, 0);
      if (sum !== weightValue) {
        issues.push({ code: 'invalid_plan', message: `group "${group.id}" weighs ${weightValue} but its targets' weights add up to ${sum}`, path: [...path, 'weight'] });
      }
    }
    return { id: group.id, label: group.label, weight: weightValue, targets: group.targets, source: toSource(group.source) };
  });

  const notEvaluable = (data.notEvaluable ?? []).map((entry, index) => {
    const group = entry.group ?? null;
    if (group !== null && !groupIds.has(group)) {
      issues.push({ code: 'invalid_plan', message: `unknown group "${group}"`, path: ['notEvaluable', index, 'group'] });
    }
    return { id: entry.id, label: entry.label, description: entry.description, group, source: toSource(entry.source), reason: entry.reason };
  });

  const documents = (data.documents ?? []).map(toDocument);
  const documentIds = new Set<string>();
  documents.forEach((document, index) => {
    if (documentIds.has(document.id)) issues.push({ code: 'invalid_plan', message: `document id "${document.id}" is used twice`, path: ['documents', index, 'id'] });
    documentIds.add(document.id);
  });
  const requirements = normaliseRequirements(data.requirements ?? [], targets, paths, groups, issues);
  const plan: ServicePlan = {
    id: data.id,
    title: data.title,
    authority: data.authority ?? null,
    year: data.year ?? null,
    period: data.period ?? null,
    targets,
    groups,
    notEvaluable,
    documents,
    notes: data.notes ?? [],
    calendar: data.calendar ?? null,
    addenda,
    requirements,
    totalWeight: checkTotalWeight(data.totalWeight ?? null, requirements, issues),
  };
  checkCitations(plan, paths, issues);
  if (issues.length > 0) throw new ServicemaalError(issues);
  return plan;
}

/**
 * Checks a plan's `totalWeight` against its requirements: equal to the sum of their weights when
 * every weight is known, at least that sum when some are not.
 */
function checkTotalWeight(totalWeight: number | null, requirements: readonly PlanRequirement[], issues: Issue[]): number | null {
  if (totalWeight === null) return null;
  const known = requirements.reduce((sum, requirement) => sum + (requirement.weight ?? 0), 0);
  const unknown = requirements.filter((requirement) => requirement.weight === null).length;
  const path: Path = ['totalWeight'];
  if (requirements.length === 0) issues.push({ code: 'invalid_plan', message: 'totalWeight needs the plan\'s requirements', path });
  else if (unknown === 0 && Math.abs(totalWeight - known) > 1e-9) {
    issues.push({ code: 'invalid_plan', message: `totalWeight ${String(totalWeight)} is not the sum of the requirements' weights (${String(known)})`, path });
  } else if (unknown > 0 && totalWeight < known - 1e-9) {
    issues.push({ code: 'invalid_plan', message: `totalWeight ${String(totalWeight)} is below the known weights' sum (${String(known)})`, path });
  }
  return totalWeight;
}

type ParsedRequirement = NonNullable<z.output<typeof planSchema>['requirements']>[number];

/**
 * Checks and normalises a plan's requirements: numbers unique, the targets and groups they name
 * exist (a target of a group is named through its group), each in at most one requirement, a
 * reason only where nothing evaluates it, a weight equal to the sum of its members' weights where
 * all are known, and every weighted group and ungrouped target in a requirement.
 */
function normaliseRequirements(input: ParsedRequirement[], targets: ServiceTarget[], paths: Path[], groups: TargetGroup[], issues: Issue[]): PlanRequirement[] {
  const problem = (message: string, path: Path): void => {
    issues.push({ code: 'invalid_plan', message, path });
  };
  const targetWeight = new Map(targets.map((target) => [target.id, target.weight]));
  const groupWeight = new Map(groups.map((group) => [group.id, group.weight ?? sumOrNull(group.targets.map((id) => targetWeight.get(id) ?? null))]));
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const id of group.targets) groupOf.set(id, group.id);
  const numbers = new Set<string>();
  const claimed = new Map<string, string>();
  const claim = (key: string, number: string, what: string, path: Path): void => {
    const other = claimed.get(key);
    if (other !== undefined) problem(`${what} is in requirements ${other} and ${number}`, path);
    else claimed.set(key, number);
  };
  const requirements = input.map((entry, index): PlanRequirement => {
    const path: Path = ['requirements', index];
    if (numbers.has(entry.number)) problem(`requirement number "${entry.number}" is used twice`, [...path, 'number']);
    numbers.add(entry.number);
    const memberTargets = entry.targets ?? [];
    const memberGroups = entry.groups ?? [];
    const weights: (number | null)[] = [];
    memberTargets.forEach((id, position) => {
      const at: Path = [...path, 'targets', position];
      const group = groupOf.get(id);
      if (!targetWeight.has(id)) problem(`requirement ${entry.number} names unknown target "${id}"`, at);
      else if (group !== undefined) problem(`requirement ${entry.number} names target "${id}", which is in group "${group}": name the group`, at);
      claim(`target:${id}`, entry.number, `target "${id}"`, at);
      weights.push(targetWeight.get(id) ?? null);
    });
    memberGroups.forEach((id, position) => {
      const at: Path = [...path, 'groups', position];
      if (!groupWeight.has(id)) problem(`requirement ${entry.number} names unknown group "${id}"`, at);
      claim(`group:${id}`, entry.number, `group "${id}"`, at);
      weights.push(groupWeight.get(id) ?? null);
    });
    const weight = entry.weight ?? null;
    const reason = entry.reason ?? null;
    const evaluated = memberTargets.length + memberGroups.length > 0;
    if (evaluated && reason !== null) problem(`requirement ${entry.number} is evaluated from the data (its targets or groups); it takes no reason`, [...path, 'reason']);
    const sum = sumOrNull(weights);
    if (evaluated && weight !== null && sum !== null && Math.abs(sum - weight) > 1e-9) {
      problem(`requirement ${entry.number} weighs ${weight} but its targets' and groups' weights add up to ${sum}`, [...path, 'weight']);
    }
    return {
      number: entry.number,
      title: entry.title,
      weight,
      source: toSource(entry.source),
      targets: memberTargets,
      groups: memberGroups,
      reason,
      note: entry.note ?? null,
    };
  });
  if (requirements.length > 0) {
    groups.forEach((group, index) => {
      if ((groupWeight.get(group.id) ?? null) !== null && !claimed.has(`group:${group.id}`)) {
        problem(`group "${group.id}" has a weight but is in no requirement`, ['groups', index, 'id']);
      }
    });
    targets.forEach((target, index) => {
      if (target.weight !== null && !groupOf.has(target.id) && !claimed.has(`target:${target.id}`)) {
        problem(`target "${target.id}" has a weight but is in no requirement (nor in a group)`, [...(paths[index] ?? ['targets', index]), 'id']);
      }
    });
  }
  return requirements;
}

/** The sum of the values, or `null` when one is unknown (or there are none). */
function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

type ParsedAddendum = NonNullable<z.output<typeof planSchema>['addenda']>[number];

/**
 * Applies addenda in order: targets in `add` join the plan from the addendum's date; targets in
 * `retire` stop applying from it. Targets already carrying the addendum's dates (a normalised plan
 * passed through again) are accepted as they are.
 */
function applyAddenda(addenda: ParsedAddendum[], targets: ServiceTarget[], paths: Path[], issues: Issue[]): Addendum[] {
  return addenda.map((addendum, index) => {
    const path: Path = ['addenda', index];
    const by = addendum.by ?? 'decided';
    const added = (addendum.add ?? []).map((target, position) => {
      const normalised = normaliseTarget(target, [...path, 'add', position], issues, 'invalid_plan');
      normalised.effective = { from: addendum.effective, until: null, by };
      targets.push(normalised);
      paths.push([...path, 'add', position]);
      return normalised.id;
    });
    for (const [position, id] of (addendum.adds ?? []).entries()) {
      const target = targets.find((candidate) => candidate.id === id);
      if (target?.effective.from !== addendum.effective) {
        issues.push({ code: 'invalid_plan', message: `addendum "${addendum.id}" adds "${id}", which is not a target effective from ${addendum.effective}`, path: [...path, 'adds', position] });
      }
      added.push(id);
    }
    const retired = [...(addendum.retire ?? []), ...(addendum.retires ?? [])];
    retired.forEach((id, position) => {
      const target = targets.find((candidate) => candidate.id === id);
      if (target === undefined) {
        issues.push({ code: 'invalid_plan', message: `addendum "${addendum.id}" retires unknown target "${id}"`, path: [...path, 'retire', position] });
        return;
      }
      if (target.effective.from !== null && target.effective.by !== by) {
        issues.push({ code: 'invalid_plan', message: `addendum "${addendum.id}" retires "${id}" by the ${by} date, but it was added by the ${target.effective.by} date`, path: [...path, 'by'] });
      }
      if (target.effective.from !== null && target.effective.from >= addendum.effective) {
        issues.push({ code: 'invalid_plan', message: `addendum "${addendum.id}" retires "${id}" before it takes effect`, path: [...path, 'retire', position] });
      }
      target.effective = { from: target.effective.from, until: addendum.effective, by };
    });
    return {
      id: addendum.id,
      label: addendum.label ?? addendum.id,
      effective: addendum.effective,
      by,
      adds: [...new Set(added)],
      retires: [...new Set(retired)],
      source: toSource(addendum.source),
    };
  });
}

type ParsedTarget = z.output<typeof targetSchema>;

const UNITS: Record<TargetInputKind, readonly LimitUnit[]> = {
  cases: ['days', 'months', 'workingDays'],
  contacts: ['minutes', 'hours'],
  observations: ['days'],
};

function normaliseTarget(input: ParsedTarget, path: Path, issues: Issue[], code: IssueCode): ServiceTarget {
  const problem = (message: string, at: Path): void => {
    issues.push({ code, message: `target "${input.id}": ${message}`, path: [...path, ...at] });
  };
  const kind: TargetInputKind = input.input ?? 'cases';
  const caseTypes = input.caseTypes ?? [];
  const areas = input.areas ?? [];
  const channels = input.channels ?? [];
  const centres = input.centres ?? null;
  if (kind === 'cases' && caseTypes.length === 0 && areas.length === 0) problem('covers no cases: give caseTypes or areas', ['caseTypes']);
  if (kind !== 'cases' && (caseTypes.length > 0 || areas.length > 0)) problem(`a target on ${kind} covers no case types`, ['caseTypes']);
  const where = input.where ?? [];
  if (kind !== 'cases' && where.length > 0) problem(`a target on ${kind} has no scope on case attributes`, ['where']);
  if (kind === 'contacts' && channels.length === 0) problem('a target on contacts needs channels, e.g. ["phone"]', ['channels']);
  if (kind !== 'contacts' && channels.length > 0) problem('only a target on contacts has channels', ['channels']);
  if (kind !== 'observations' && centres !== null) problem('only a target on observations has centre weights', ['centres']);
  if (centres !== null) {
    const sum = Object.values(centres).reduce((total, value) => total + value, 0);
    if (Object.keys(centres).length === 0 || Math.abs(sum - 1) > 1e-9) problem(`centre weights must add up to 1, not ${sum}`, ['centres']);
  }
  if (input.centreScoring === 'weighted-share' && centres === null) problem('centreScoring "weighted-share" needs centre weights', ['centreScoring']);
  const subtractPauses = input.subtractPauses ?? false;
  if (subtractPauses && kind !== 'cases') problem('only a target on cases subtracts pauses', ['subtractPauses']);

  const clock = {
    start: (input.clock?.start ?? 'applied') as ClockEvent,
    stop: (input.clock?.stop ?? 'decided') as ClockEvent,
  };
  if (kind !== 'cases' && (clock.start !== 'applied' || clock.stop !== 'decided')) problem(`a target on ${kind} has no clock events`, ['clock']);
  if (clock.start === 'decided') problem('the clock cannot start at the decision', ['clock', 'start']);
  if (clock.stop === 'applied') problem('the clock cannot stop at the application', ['clock', 'stop']);
  if (clock.start === clock.stop) problem('the clock starts and stops at the same event', ['clock']);

  const aggregate = input.aggregate ?? 'share';
  if (aggregate === 'mean' && kind === 'observations') problem('a target on observations is a share of weekdays', ['aggregate']);
  const tiers: Tier[] = input.tiers.map((tier, index) => {
    const required = tier.required ?? null;
    if (aggregate === 'share' && required === null) problem('a share tier needs "required" (0–1)', ['tiers', index, 'required']);
    if (aggregate === 'mean' && required !== null) problem('a mean tier has no "required" share', ['tiers', index, 'required']);
    if (!UNITS[kind].includes(tier.limit.unit)) {
      problem(`a target on ${kind} has limits in ${UNITS[kind].join(', ')}, not ${tier.limit.unit}`, ['tiers', index, 'limit', 'unit']);
    } else if (aggregate === 'mean' && tier.limit.unit === 'months') {
      problem('a mean target is measured in days, working days, minutes or hours', ['tiers', index, 'limit', 'unit']);
    }
    return { limit: { amount: tier.limit.amount, unit: tier.limit.unit }, required, weight: tier.weight ?? null, label: tier.label ?? null, source: toSource(tier.source) };
  });
  if (aggregate === 'mean' && tiers.length !== 1) problem('a mean target has exactly one tier', ['tiers']);

  const tierWeights = tiers.map((tier) => tier.weight);
  const weighted = tierWeights.filter((value) => value !== null).length;
  let weight = input.weight ?? null;
  if (weighted > 0 && weighted < tiers.length) problem('give a weight on every tier or on none', ['tiers']);
  if (weighted === tiers.length) {
    const sum = tierWeights.reduce<number>((total, value) => total + (value ?? 0), 0);
    if (weight !== null && weight !== sum) problem(`weight ${weight} differs from the sum of its tier weights (${sum})`, ['weight']);
    weight = sum;
  } else if (weight !== null && tiers.length === 1 && tiers[0] !== undefined && !(centres !== null && (input.centreScoring ?? 'met-centres') === 'met-centres')) {
    // A single tier carries the target's weight, except where centre weights score the target.
    tiers[0] = { ...tiers[0], weight };
  }

  const calendar = input.calendar ?? null;
  if (calendar !== null) collect(issues, () => createCalendar(calendar), [...path, 'calendar'], code);
  const period = input.period ?? null;
  if (period !== null) collect(issues, () => parsePeriod(period), [...path, 'period'], code);

  return {
    id: input.id,
    label: input.label,
    input: kind,
    caseTypes,
    areas,
    where,
    clock,
    aggregate,
    tiers,
    weight,
    source: toSource(input.source),
    calendar,
    subtractPauses,
    period,
    channels,
    centres,
    centreScoring: input.centreScoring ?? 'met-centres',
    effective: input.effective ?? { from: null, until: null, by: 'decided' },
  };
}

/** Runs a check that throws ServicemaalError and collects its issues under `path` instead. */
function collect(issues: Issue[], check: () => unknown, path: Path, code: IssueCode): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof ServicemaalError)) throw error;
    for (const issue of error.issues) issues.push({ code, message: issue.message, path: [...path, ...issue.path.slice(1)] });
  }
}

type ParsedSource = z.output<typeof sourceSchema>;

function toCitation(citation: { document: string; requirement: string; quote?: string | undefined }): Citation {
  return citation.quote === undefined
    ? { document: citation.document, requirement: citation.requirement }
    : { document: citation.document, requirement: citation.requirement, quote: citation.quote };
}

function toSource(source: ParsedSource | null | undefined): Source | null {
  if (source === null || source === undefined) return null;
  const result: Source = toCitation(source);
  if (source.also !== undefined && source.also.length > 0) result.also = source.also.map(toCitation);
  if (source.note !== undefined) result.note = source.note;
  return result;
}

type ParsedDocument = NonNullable<z.output<typeof planSchema>['documents']>[number];

function toDocument(document: ParsedDocument): PlanDocument {
  return {
    id: document.id,
    authority: document.authority,
    title: document.title,
    year: document.year ?? null,
    kind: document.kind ?? 'plan',
    requirements: (document.requirements ?? []).map((requirement) => ({ number: requirement.number, title: requirement.title })),
  };
}

/**
 * The requirement a citation's number belongs to: `1.1a` (part a) is part of `1.1`.
 */
function requirementOf(requirement: string): string {
  return requirement.replace(/\s*[a-z]\)?$/, '');
}

/**
 * Checks that every source of a plan cites one of its documents, and a requirement that document
 * numbers (where it lists them).
 */
function checkCitations(plan: ServicePlan, paths: Path[], issues: Issue[]): void {
  const documents = new Map(plan.documents.map((document) => [document.id, document]));
  const check = (source: Source | null, path: Path): void => {
    if (source === null) return;
    const citations: [Citation, Path][] = [[source, path], ...(source.also ?? []).map((citation, index): [Citation, Path] => [citation, [...path, 'also', index]])];
    for (const [citation, at] of citations) {
      const document = documents.get(citation.document);
      if (document === undefined) {
        const known = plan.documents.length === 0 ? 'the plan lists no documents' : `the plan's documents are ${plan.documents.map((entry) => `"${entry.id}"`).join(', ')}`;
        issues.push({ code: 'invalid_plan', message: `the source cites unknown document "${citation.document}" (${known})`, path: [...at, 'document'] });
      } else if (document.requirements.length > 0 && !document.requirements.some((entry) => entry.number === requirementOf(citation.requirement))) {
        issues.push({
          code: 'invalid_plan',
          message: `document "${document.id}" has no requirement ${citation.requirement} (it numbers ${document.requirements.map((entry) => entry.number).join(', ')})`,
          path: [...at, 'requirement'],
        });
      }
    }
  };
  plan.targets.forEach((target, index) => {
    const path = paths[index] ?? ['targets', index];
    check(target.source, [...path, 'source']);
    target.tiers.forEach((tier, position) => { check(tier.source, [...path, 'tiers', position, 'source']); });
  });
  plan.groups.forEach((group, index) => { check(group.source, ['groups', index, 'source']); });
  plan.notEvaluable.forEach((entry, index) => { check(entry.source, ['notEvaluable', index, 'source']); });
  plan.addenda.forEach((addendum, index) => { check(addendum.source, ['addenda', index, 'source']); });
  plan.requirements.forEach((requirement, index) => { check(requirement.source, ['requirements', index, 'source']); });
}

function fromZod(error: z.ZodError, code: IssueCode, prefix: Path): ServicemaalError {
  return new ServicemaalError(
    error.issues.map((issue) => ({
      code,
      message: issue.message,
      path: [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    })),
  );
}

function isCalendar(value: unknown): value is Calendar {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Calendar>).isWorkingDay === 'function';
}

/** Replaces a calendar object by the options it was made from (plans hold plain data). */
function withCalendarOptions<T>(input: T): T {
  if (typeof input !== 'object' || input === null || !('calendar' in input)) return input;
  const calendar = (input as { calendar: unknown }).calendar;
  if (!isCalendar(calendar)) return input;
  const { country, state, closingDays, weekend } = calendar.options;
  return { ...input, calendar: { name: calendar.name, country, ...(state === null ? {} : { state }), closingDays, weekend } };
}

function planWithCalendarOptions(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const plan = withCalendarOptions(input) as { targets?: unknown; addenda?: unknown };
  const targets = Array.isArray(plan.targets) ? plan.targets.map(withCalendarOptions) : plan.targets;
  const addenda = Array.isArray(plan.addenda)
    ? plan.addenda.map((addendum: unknown) =>
        typeof addendum === 'object' && addendum !== null && Array.isArray((addendum as { add?: unknown }).add)
          ? { ...addendum, add: ((addendum as { add: unknown[] }).add).map(withCalendarOptions) }
          : addendum,
      )
    : plan.addenda;
  return { ...plan, targets, addenda };
}

