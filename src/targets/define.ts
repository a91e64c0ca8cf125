import type { z } from 'zod';
import { ServicemaalError, type Issue, type IssueCode } from '../errors.js';
import type { ClockEvent, ServicePlan, ServiceTarget, Source, TargetGroup, Tier } from './model.js';
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
  const parsed = targetSchema.safeParse(input);
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
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, 'invalid_plan', []);
  const data = parsed.data;
  const issues: Issue[] = [];
  const targets = data.targets.map((target, index) =>
    normaliseTarget(target, ['targets', index], issues, 'invalid_plan'),
  );

  const ids = new Map<string, Path>();
  const claim = (value: string, path: Path, what: string): void => {
    const previous = ids.get(value);
    if (previous !== undefined) {
      issues.push({ code: 'invalid_plan', message: `${what} id "${value}" is used twice (also at ${previous.join('.')})`, path });
    } else ids.set(value, path);
  };
  targets.forEach((target, index) => claim(target.id, ['targets', index, 'id'], 'target'));
  (data.notEvaluable ?? []).forEach((entry, index) => claim(entry.id, ['notEvaluable', index, 'id'], 'target'));

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
      const sum = memberWeights.reduce<number>((total, value) => total + (value ?? 0), 0);
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

  if (issues.length > 0) throw new ServicemaalError(issues);
  return {
    id: data.id,
    title: data.title,
    authority: data.authority ?? null,
    year: data.year ?? null,
    period: data.period ?? null,
    targets,
    groups,
    notEvaluable,
    notes: data.notes ?? [],
  };
}

type ParsedTarget = z.output<typeof targetSchema>;

function normaliseTarget(input: ParsedTarget, path: Path, issues: Issue[], code: IssueCode): ServiceTarget {
  const problem = (message: string, at: Path): void => {
    issues.push({ code, message: `target "${input.id}": ${message}`, path: [...path, ...at] });
  };
  const caseTypes = input.caseTypes ?? [];
  const areas = input.areas ?? [];
  if (caseTypes.length === 0 && areas.length === 0) problem('covers no cases: give caseTypes or areas', ['caseTypes']);

  const clock = {
    start: (input.clock?.start ?? 'applied') as ClockEvent,
    stop: (input.clock?.stop ?? 'decided') as ClockEvent,
  };
  if (clock.start === 'decided') problem('the clock cannot start at the decision', ['clock', 'start']);
  if (clock.stop === 'applied') problem('the clock cannot stop at the application', ['clock', 'stop']);
  if (clock.start === clock.stop) problem('the clock starts and stops at the same event', ['clock']);

  const aggregate = input.aggregate ?? 'share';
  const tiers: Tier[] = input.tiers.map((tier, index) => {
    const required = tier.required ?? null;
    if (aggregate === 'share' && required === null) problem('a share tier needs "required" (0–1)', ['tiers', index, 'required']);
    if (aggregate === 'mean' && required !== null) problem('a mean tier has no "required" share', ['tiers', index, 'required']);
    if (aggregate === 'mean' && tier.limit.unit !== 'days') problem('a mean target is measured in days', ['tiers', index, 'limit', 'unit']);
    return { limit: { amount: tier.limit.amount, unit: tier.limit.unit }, required, weight: tier.weight ?? null, label: tier.label ?? null };
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
  } else if (weight !== null && tiers.length === 1 && tiers[0] !== undefined) {
    tiers[0] = { ...tiers[0], weight };
  }

  return {
    id: input.id,
    label: input.label,
    caseTypes,
    areas,
    clock,
    aggregate,
    tiers,
    weight,
    source: toSource(input.source),
  };
}

type ParsedSource = z.output<typeof sourceSchema>;

function toSource(source: ParsedSource | null | undefined): Source | null {
  if (source === null || source === undefined) return null;
  return source.note === undefined
    ? { file: source.file, requirement: source.requirement }
    : { file: source.file, requirement: source.requirement, note: source.note };
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
