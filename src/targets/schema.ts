import * as z from 'zod';
import type { Calendar, CalendarOptions } from '../calendar/calendar.js';
import { parseDate } from '../dates/parse.js';
import type { ScopeCondition } from './model.js';

/* The zod schemas of the JSON format for plans and targets (strict: unknown keys are errors). */

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const weight = z.number().min(0, 'must be 0 or more'); // z.number() rejects Infinity and NaN

const citationSchema = z.strictObject({
  document: nonEmpty,
  requirement: nonEmpty,
  quote: nonEmpty.optional(),
});

/** The zod schema of a source reference (internal). */
export const sourceSchema = z.strictObject({
  document: nonEmpty,
  requirement: nonEmpty,
  quote: nonEmpty.optional(),
  also: z.array(citationSchema).optional(),
  note: nonEmpty.optional(),
});

const documentSchema = z.strictObject({
  id,
  authority: nonEmpty,
  title: nonEmpty,
  year: z.number().int().min(1900).max(2199).nullable().optional(),
  kind: z.enum(['plan', 'appendix', 'addendum', 'other']).optional(),
  requirements: z.array(z.strictObject({ number: nonEmpty, title: nonEmpty })).optional(),
});

const limitSchema = z.strictObject({
  amount: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
  unit: z.enum(['days', 'months', 'workingDays', 'hours', 'minutes']),
});

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine((text) => typeof parseDate(text) === 'number', 'is not a calendar date');

const calendarSchema = z.strictObject({
  name: nonEmpty.optional(),
  country: nonEmpty.nullable().optional(),
  state: nonEmpty.optional(),
  closingDays: z.union([z.literal('state'), z.array(nonEmpty)]).optional(),
  weekend: z.array(z.number().int()).optional(),
});

/**
 * Centre weights by centre name, `{ centre: weight }`. Checked key by key here rather than with
 * `z.record`, which drops a `__proto__` key unchecked: every own key is a centre, and the weights
 * come back in a record without a prototype, where any centre name is an ordinary key.
 */
const centresSchema = z
  .custom<Readonly<Record<string, number>>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    message: 'must be an object of centre weights { "centre": weight }',
    abort: true,
  })
  .check((ctx) => {
    for (const [centre, value] of Object.entries(ctx.value)) {
      if (centre.trim() === '') ctx.issues.push({ code: 'custom', message: 'a centre name must not be empty', input: centre, path: [centre] });
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        ctx.issues.push({ code: 'custom', message: 'must be a weight from 0 to 1', input: value, path: [centre] });
      }
    }
  })
  .transform((centres): Record<string, number> => {
    const weights = Object.create(null) as Record<string, number>;
    for (const [centre, value] of Object.entries(centres)) weights[centre] = value;
    return weights;
  });

/** The values a scope condition lists: at least one text, none empty. */
function scopeValues(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be a list of values';
  if (value.length === 0) return 'must list at least one value';
  if (!value.every((item) => typeof item === 'string' && item.trim() !== '')) return 'must list values as non-empty text';
  return null;
}

/** The problem with one condition of a `where` object, or `null`. */
function scopeConditionProblem(value: unknown): { message: string; at: string[] } | null {
  if (typeof value === 'string') return value.trim() === '' ? { message: 'must not be empty', at: [] } : null;
  if (Array.isArray(value)) {
    const problem = scopeValues(value);
    return problem === null ? null : { message: problem, at: [] };
  }
  if (typeof value !== 'object' || value === null) return { message: 'must be a value, a list of values, { oneOf: [...] } or { notOneOf: [...] }', at: [] };
  const keys = Object.keys(value);
  if (keys.includes('oneOf') && keys.includes('notOneOf')) return { message: 'give oneOf or notOneOf, not both', at: [] };
  const op = keys[0];
  if (keys.length !== 1 || (op !== 'oneOf' && op !== 'notOneOf')) return { message: 'must be a value, a list of values, { oneOf: [...] } or { notOneOf: [...] }', at: [] };
  const problem = scopeValues((value as Record<string, unknown>)[op]);
  return problem === null ? null : { message: problem, at: [op] };
}

/**
 * A target's scope: `{ attribute: condition }` as written (a value: equals; a list or `oneOf`: one
 * of; `notOneOf`: none of), or the normalised list of conditions of a defined target. Checked key
 * by key (an attribute name such as `__proto__` is an ordinary name), and returned as the list.
 */
const whereSchema = z
  .custom<WhereInput>((value) => typeof value === 'object' && value !== null, {
    message: 'must be an object { attribute: value | [values] | { oneOf } | { notOneOf } }',
    abort: true,
  })
  .check((ctx) => {
    if (Array.isArray(ctx.value)) {
      ctx.value.forEach((condition: unknown, index) => {
        const { attribute, op, values } = (typeof condition === 'object' && condition !== null ? condition : {}) as Partial<Record<string, unknown>>;
        const problem = typeof attribute !== 'string' || attribute.trim() === '' || (op !== 'oneOf' && op !== 'notOneOf') ? 'must be { attribute, op: "oneOf" | "notOneOf", values }' : scopeValues(values);
        if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: condition, path: [index] });
      });
      return;
    }
    for (const [attribute, condition] of Object.entries(ctx.value)) {
      if (attribute.trim() === '') ctx.issues.push({ code: 'custom', message: 'an attribute name must not be empty', input: attribute, path: [attribute] });
      const problem = scopeConditionProblem(condition);
      if (problem !== null) ctx.issues.push({ code: 'custom', message: problem.message, input: condition, path: [attribute, ...problem.at] });
    }
  })
  .transform((where): ScopeCondition[] => {
    if (isConditionList(where)) return where.map(({ attribute, op, values }) => ({ attribute, op, values: [...values] }));
    return Object.entries(where).map(([attribute, condition]): ScopeCondition => {
      if (typeof condition === 'string') return { attribute, op: 'oneOf', values: [condition] };
      if (isValueList(condition)) return { attribute, op: 'oneOf', values: [...condition] };
      return 'oneOf' in condition ? { attribute, op: 'oneOf', values: [...condition.oneOf] } : { attribute, op: 'notOneOf', values: [...condition.notOneOf] };
    });
  });

function isConditionList(where: WhereInput): where is readonly ScopeCondition[] {
  return Array.isArray(where);
}

function isValueList(condition: unknown): condition is readonly string[] {
  return Array.isArray(condition);
}

/**
 * A target's scope as written: per attribute name, a value (equals), a list of values or
 * `{ oneOf }` (one of them), or `{ notOneOf }` (none of them). A defined target's list of
 * {@link ScopeCondition}s is accepted too.
 *
 * @example
 * ```ts
 * const where: WhereInput = { applicationKind: 'first', complexity: { notOneOf: ['complex'] } };
 * const target = defineTarget({ id: 'visa', label: 'Visa', caseTypes: ['visa'], where, tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] });
 * formatScope(target.where); // 'applicationKind = first; complexity ≠ complex'
 * ```
 */
export type WhereInput =
  | Readonly<Record<string, string | readonly string[] | { oneOf: readonly string[] } | { notOneOf: readonly string[] }>>
  | readonly ScopeCondition[];

const periodSchema = z.union([
  z.string(),
  z.strictObject({ from: z.union([z.string(), z.date()]), to: z.union([z.string(), z.date()]) }),
]);


const clockEvent = z
  .string()
  .regex(/^(applied|decided|events\.[A-Za-z_][A-Za-z0-9_-]*)$/, 'must be "applied", "decided" or "events.<name>"');

const tierSchema = z.strictObject({
  limit: limitSchema,
  required: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable().optional(),
  weight: weight.nullable().optional(),
  label: nonEmpty.nullable().optional(),
  source: sourceSchema.nullable().optional(),
});

/**
 * The zod schema of a target in the JSON plan format (before defaults). Prefer {@link defineTarget},
 * which also checks the rules across fields.
 *
 * @example
 * ```ts
 * targetSchema.safeParse({ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [] }).success; // false
 * ```
 */
export const targetSchema = z.strictObject({
  id,
  label: nonEmpty,
  input: z.enum(['cases', 'contacts', 'observations']).optional(),
  caseTypes: z.array(nonEmpty).optional(),
  areas: z.array(nonEmpty).optional(),
  where: whereSchema.optional(),
  clock: z.strictObject({ start: clockEvent.optional(), stop: clockEvent.optional() }).optional(),
  aggregate: z.enum(['share', 'mean']).optional(),
  tiers: z.array(tierSchema).min(1, 'a target needs at least one tier'),
  weight: weight.nullable().optional(),
  source: sourceSchema.nullable().optional(),
  calendar: calendarSchema.nullable().optional(),
  subtractPauses: z.boolean().optional(),
  period: periodSchema.nullable().optional(),
  channels: z.array(nonEmpty).optional(),
  centres: centresSchema.nullable().optional(),
  centreScoring: z.enum(['met-centres', 'weighted-share']).optional(),
  effective: z
    .strictObject({ from: dateText.nullable(), until: dateText.nullable(), by: z.enum(['decided', 'applied']) })
    .optional(),
});

const addendumSchema = z.strictObject({
  id,
  label: nonEmpty.optional(),
  effective: dateText,
  by: z.enum(['decided', 'applied']).optional(),
  add: z.array(targetSchema).optional(),
  adds: z.array(id).optional(),
  retire: z.array(id).optional(),
  retires: z.array(id).optional(),
  source: sourceSchema.nullable().optional(),
});

const groupSchema = z.strictObject({
  id,
  label: nonEmpty,
  weight: weight.nullable().optional(),
  targets: z.array(id).min(1, 'a group needs at least one target'),
  source: sourceSchema.nullable().optional(),
});

const notEvaluableSchema = z.strictObject({
  id,
  label: nonEmpty,
  description: nonEmpty,
  group: id.nullable().optional(),
  source: sourceSchema.nullable().optional(),
  reason: nonEmpty,
});

const requirementSchema = z.strictObject({
  number: nonEmpty,
  title: nonEmpty,
  weight: weight.nullable().optional(),
  source: sourceSchema.nullable().optional(),
  targets: z.array(id).optional(),
  groups: z.array(id).optional(),
  reason: nonEmpty.nullable().optional(),
  note: nonEmpty.nullable().optional(),
});

/**
 * The zod schema of the JSON plan format (before defaults). Prefer {@link definePlan}, which also
 * checks ids, groups and weights across the plan.
 *
 * @example
 * ```ts
 * planSchema.safeParse({ id: 'x', title: 'X', targets: [] }).success; // false: no targets
 * ```
 */
export const planSchema = z.strictObject({
  id,
  title: nonEmpty,
  authority: nonEmpty.nullable().optional(),
  year: z.number().int().min(1900).max(2199).nullable().optional(),
  period: periodSchema.nullable().optional(),
  documents: z.array(documentSchema).optional(),
  targets: z.array(targetSchema).min(1, 'a plan needs at least one target'),
  groups: z.array(groupSchema).optional(),
  notEvaluable: z.array(notEvaluableSchema).optional(),
  notes: z.array(nonEmpty).optional(),
  calendar: calendarSchema.nullable().optional(),
  addenda: z.array(addendumSchema).optional(),
  requirements: z.array(requirementSchema).optional(),
  totalWeight: z.number().positive().nullable().optional(),
});

/**
 * A calendar where plans take one: options as JSON, or a calendar made by `createCalendar`. Plans
 * keep the calendar's options, as plain data.
 *
 * @example
 * ```ts
 * const calendar: CalendarInput = createCalendar({ closingDays: 'state' });
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa 2025',
 *   calendar,
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 10, unit: 'workingDays' }, required: 0.9 }] }],
 * });
 * plan.calendar; // { name: 'DK+state', country: 'DK', closingDays: ['06-05', '12-24', '12-31'], weekend: [0, 6] }
 * ```
 */
export type CalendarInput = CalendarOptions | Calendar | null;

/**
 * A target as written in JSON or TypeScript; {@link defineTarget} fills in the defaults.
 *
 * @example
 * ```ts
 * const input: TargetInput = {
 *   id: 'visa',
 *   label: 'Visa',
 *   caseTypes: ['visa'],
 *   tiers: [{ limit: { amount: 10, unit: 'workingDays' }, required: 0.9 }],
 * };
 * const target = defineTarget(input);
 * target.clock; // { start: 'applied', stop: 'decided' }
 * target.weight; // null: none given
 * ```
 */
export type TargetInput = Omit<z.input<typeof targetSchema>, 'calendar'> & { calendar?: CalendarInput | undefined };
/**
 * A tier as written in JSON or TypeScript.
 *
 * @example
 * ```ts
 * const tiers: TierInput[] = [
 *   { limit: { amount: 31, unit: 'days' }, required: 0.55 },
 *   { limit: { amount: 92, unit: 'days' }, required: 0.75, label: '75 pct. inden 92 dage' },
 * ];
 * const target = defineTarget({ id: 'beloeb', label: 'Beløbsordningen', caseTypes: ['beloebsordning'], tiers });
 * target.tiers[0]; // { limit: { amount: 31, unit: 'days' }, required: 0.55, weight: null, label: null, source: null }
 * ```
 */
export type TierInput = z.input<typeof tierSchema>;
/**
 * An addendum as written in JSON or TypeScript: `add` holds new targets, `adds` names targets of
 * the plan already effective from the addendum's date, `retire` (or `retires`) names targets that
 * stop applying from it.
 *
 * @example
 * ```ts
 * const addendum: AddendumInput = { id: 'allonge-1', label: 'Allonge 1', effective: '2025-07-01', retire: ['visa'] };
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa 2025',
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9 }] }],
 *   addenda: [addendum],
 * });
 * plan.targets[0]?.effective.until; // '2025-07-01'
 * ```
 */
export type AddendumInput = z.input<typeof addendumSchema>;
/**
 * A group as written in JSON or TypeScript. Where the group and all its targets carry weights,
 * the targets' weights must add up to the group's.
 *
 * @example
 * ```ts
 * const group: GroupInput = { id: '1.1', label: 'Sagsbehandlingstider', weight: 10, targets: ['visa', 'studie'] };
 * const targets: TargetInput[] = [
 *   { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9, weight: 6 }] },
 *   { id: 'studie', label: 'Studie', caseTypes: ['studie'], tiers: [{ limit: { amount: 62, unit: 'days' }, required: 0.9, weight: 4 }] },
 * ];
 * definePlan({ id: 'plan-2025', title: 'Plan 2025', targets, groups: [group] }).groups[0]?.weight; // 10
 * definePlan({ id: 'plan-2025', title: 'Plan 2025', targets, groups: [{ ...group, weight: 12 }] }); // throws: code 'invalid_plan' (the weights add up to 10)
 * ```
 */
export type GroupInput = z.input<typeof groupSchema>;
/**
 * A requirement as written in JSON or TypeScript: `number`, `title`, optionally `weight`, `source`,
 * the `targets` (outside groups) and `groups` that evaluate it, or the `reason` it is not evaluated
 * from the data, and a `note`.
 *
 * @example
 * ```ts
 * const requirements: RequirementInput[] = [
 *   { number: '1.1', title: 'Sagsbehandlingstider', weight: 80, targets: ['visa'] },
 *   { number: '2.1', title: 'Brugertilfredshed', weight: 20, reason: 'measured by a survey' },
 * ];
 * const plan = definePlan({
 *   id: 'visa-2025',
 *   title: 'Visa 2025',
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 80 }] }],
 *   requirements,
 * });
 * plan.requirements[1]; // { number: '2.1', title: 'Brugertilfredshed', weight: 20, source: null, targets: [], groups: [], reason: 'measured by a survey', note: null }
 * ```
 */
export type RequirementInput = z.input<typeof requirementSchema>;
/**
 * A plan as written in JSON or TypeScript; {@link definePlan} validates it.
 *
 * @example
 * ```ts
 * const input: PlanInput = {
 *   id: 'visa-2025',
 *   title: 'Visa service targets 2025',
 *   year: 2025,
 *   targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9 }] }],
 * };
 * const plan = definePlan(input);
 * plan.targets.map((target) => target.id); // ['visa']
 * definePlan({ ...input, targets: [] }); // throws: code 'invalid_plan' (a plan needs at least one target)
 * ```
 */
export type PlanInput = Omit<z.input<typeof planSchema>, 'calendar' | 'targets' | 'addenda'> & {
  calendar?: CalendarInput | undefined;
  targets: TargetInput[];
  addenda?: (Omit<AddendumInput, 'add'> & { add?: TargetInput[] | undefined })[] | undefined;
};
