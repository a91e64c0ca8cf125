/**
 * Checks of the arguments of public functions, for callers in untyped JavaScript (or JSON passed
 * on directly): a wrong value is a {@link ServicemaalError} with a stable code and the path of the
 * argument, never a `TypeError` from deep inside.
 */
import { fail } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import type { MissingAttributes } from './model.js';
import type { InputKind } from './records.js';

const INPUT_KINDS: readonly InputKind[] = ['cases', 'contacts', 'observations'];
const RULES: readonly string[] = ['all-met', 'share-of-tiers', 'mean-score'];

/** Guards against plans that did not go through `definePlan` (e.g. JSON passed on directly, or `null`). */
export function assertPlan(plan: ServicePlan): void {
  const candidate = plan as Partial<ServicePlan> | null;
  const normalised =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.id === 'string' &&
    Array.isArray(candidate.targets) &&
    Array.isArray(candidate.groups) &&
    Array.isArray(candidate.notEvaluable) &&
    candidate.targets.every(
      (target: unknown) =>
        typeof target === 'object' && target !== null && 'clock' in target && typeof target.clock === 'object' && 'effective' in target && typeof target.effective === 'object',
    );
  if (!normalised) {
    fail('invalid_plan', 'expected a plan from definePlan() or getPlan(); pass plans written as JSON through definePlan() first', ['plan']);
  }
}

/** Checks that an options argument is an object (`undefined` where the options may be left out). */
export function assertOptions(options: unknown, optional = true, name = 'options'): void {
  if (options === undefined && optional) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail('invalid_option', `${name} must be an object`, [name]);
}

/** Checks that `value` is an array or other iterable of records. */
export function assertIterable(value: unknown, name: string): void {
  if (typeof value === 'string' || typeof value !== 'object' || value === null || typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    fail('invalid_option', `${name} must be an array (or other iterable) of records`, [name]);
  }
}

/**
 * The `indexOffset` option as one offset per input: a whole number ≥ 0 for case records, or an
 * object of such numbers by input.
 */
export function indexOffsets(option: unknown): Partial<Record<InputKind, number>> {
  if (option === undefined) return {};
  const check = (value: unknown, path: (string | number)[]): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      const shown = typeof value === 'number' ? String(value) : typeof value;
      return fail('invalid_option', `indexOffset must be a whole number ≥ 0, got ${shown}`, path);
    }
    return value;
  };
  if (typeof option === 'number') return { cases: check(option, ['indexOffset']) };
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    fail('invalid_option', `indexOffset must be a whole number ≥ 0 or an object { ${INPUT_KINDS.join(', ')} } of them`, ['indexOffset']);
  }
  const offsets: Partial<Record<InputKind, number>> = {};
  for (const [key, value] of Object.entries(option)) {
    const kind = INPUT_KINDS.find((candidate) => candidate === key);
    if (kind === undefined) fail('invalid_option', `indexOffset: unknown input "${key}": inputs are ${INPUT_KINDS.join(', ')}`, ['indexOffset', key]);
    if (value !== undefined) offsets[kind] = check(value, ['indexOffset', key]);
  }
  return offsets;
}

/** The `duplicates` option: `'first'` (default) or `'last'`. */
export function duplicatesOf(option: unknown): 'first' | 'last' {
  if (option === undefined) return 'first';
  if (option === 'first' || option === 'last') return option;
  const shown = typeof option === 'string' ? `"${option}"` : typeof option;
  return fail('invalid_option', `duplicates must be "first" or "last", got ${shown}`, ['duplicates']);
}

/** Checks the `groupScoring` option: an object of rules (a rule name or a function) by group id. */
export function assertGroupScoring(rules: unknown): void {
  if (rules === undefined) return;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail('invalid_option', 'groupScoring must be an object { groupId: rule }', ['groupScoring']);
  for (const [id, rule] of Object.entries(rules)) {
    if (typeof rule === 'function' || (typeof rule === 'string' && RULES.includes(rule))) continue;
    const shown = typeof rule === 'string' ? `"${rule}"` : typeof rule;
    fail('invalid_option', `groupScoring: the rule of group "${id}" must be ${RULES.map((name) => `"${name}"`).join(', ')} or a function, got ${shown}`, ['groupScoring', id]);
  }
}

const GAP_POLICIES: readonly string[] = ['notWithin', 'exclude'];

/** Checks the `observationGaps` option: `'notWithin'`, `'exclude'` or absent. */
export function assertObservationGaps(policy: unknown): void {
  if (policy === undefined || (typeof policy === 'string' && GAP_POLICIES.includes(policy))) return;
  const shown = typeof policy === 'string' ? `"${policy}"` : policy === null ? 'null' : typeof policy;
  fail('invalid_option', `observationGaps must be ${GAP_POLICIES.map((name) => `"${name}"`).join(' or ')}, got ${shown}`, ['observationGaps']);
}

const MISSING_ATTRIBUTES: readonly MissingAttributes[] = ['inScope', 'outOfScope', 'invalid'];

/** Checks the `missingAttributes` option; absent, `inScope`. */
export function missingAttributesOf(option: unknown): MissingAttributes {
  if (option === undefined) return 'inScope';
  const policy = MISSING_ATTRIBUTES.find((candidate) => candidate === option);
  if (policy === undefined) {
    const shown = typeof option === 'string' ? `"${option}"` : typeof option;
    return fail('invalid_option', `missingAttributes must be ${MISSING_ATTRIBUTES.map((name) => `"${name}"`).join(', ')}, got ${shown}`, ['missingAttributes']);
  }
  return policy;
}
