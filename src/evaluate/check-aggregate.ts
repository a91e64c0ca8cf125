import { fail } from '../errors.js';
import type { PlanAggregate } from './model.js';

type Path = (string | number)[];

const CASE_BUCKETS = ['measured', 'pending', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;
const CONTACT_BUCKETS = ['measured', 'unanswered', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;
const OBSERVATION_BUCKETS = ['measured', 'notWorkingDay', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => (typeof value === 'number' ? String(value) : typeof value === 'string' ? `"${value}"` : value === null ? 'null' : typeof value);
const named = (path: Path): string => path.join('.');

function problem(message: string, path: Path): never {
  return fail('incompatible_aggregates', `the aggregate does not add up: ${message}`, ['aggregate', ...path]);
}

function object(value: unknown, path: Path): Record<string, unknown> {
  return isObject(value) ? value : problem(`${named(path)} must be an object, got ${shown(value)}`, path);
}

function count(value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) problem(`${named(path)} must be a whole number ≥ 0, got ${shown(value)}`, path);
  return value;
}

/** Checks a histogram (counts per value) and returns how many it counts. */
function histogram(value: unknown, path: Path): number {
  if (!Array.isArray(value)) return problem(`${named(path)} must be a list of counts, got ${shown(value)}`, path);
  let total = 0;
  for (let i = 0; i < value.length; i++) total += count(value[i], [...path, i]);
  return total;
}

/**
 * Checks one input: its counts (`input` is the sum of the buckets) and its records without a target
 * by key (they add up to the bucket). Returns the measured count.
 */
function input(counts: unknown, withoutTarget: unknown, buckets: readonly string[], path: Path, keyedPath: Path): number {
  const section = object(counts, path);
  let sum = 0;
  for (const bucket of buckets) sum += count(section[bucket], [...path, bucket]);
  const total = count(section['input'], [...path, 'input']);
  if (total !== sum) problem(`${named(path)}.input is ${total}, but its buckets (${buckets.join(', ')}) add up to ${sum}`, [...path, 'input']);
  const keyed = object(withoutTarget, keyedPath);
  let without = 0;
  for (const [key, value] of Object.entries(keyed)) without += count(value, [...keyedPath, key]);
  if (without !== section['withoutTarget']) {
    problem(`${named(keyedPath)} counts ${without} records by key, but ${named(path)}.withoutTarget is ${shown(section['withoutTarget'])}`, keyedPath);
  }
  return section['measured'] as number;
}

/**
 * Checks the observed days of an observation target: per centre, sorted `[from, to]` ranges of day
 * numbers that neither overlap nor touch, holding as many days as the centre's histogram counts.
 */
function observedDays(value: unknown, centres: Record<string, unknown>, path: Path): void {
  const byCentre = object(value, path);
  for (const [centre, ranges] of Object.entries(byCentre)) {
    const at = [...path, centre];
    if (!Array.isArray(ranges)) return problem(`${named(at)} must be a list of [from, to] day ranges, got ${shown(ranges)}`, at);
    let days = 0;
    let previous = Number.NEGATIVE_INFINITY;
    ranges.forEach((range: unknown, i) => {
      const where = [...at, i];
      if (!Array.isArray(range) || range.length !== 2) problem(`${named(where)} must be a [from, to] day range`, where);
      const [from, to] = range as unknown[];
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || (to as number) < (from as number) || (from as number) <= previous + 1) {
        problem(`${named(where)} must be a range of whole day numbers after the previous one, got [${shown(from)}, ${shown(to)}]`, where);
      }
      days += (to as number) - (from as number) + 1;
      previous = to as number;
    });
    const counted = Object.hasOwn(centres, centre) ? histogramOf(centres[centre]) : 0;
    if (days !== counted) problem(`${named(at)} holds ${days} days, but the centre's histogram counts ${counted}`, at);
  }
  for (const [centre, values] of Object.entries(centres)) {
    if (!Object.hasOwn(byCentre, centre) && histogramOf(values) > 0) problem(`${named(path)} has no days of centre "${centre}", whose histogram counts ${histogramOf(values)}`, path);
  }
}

/** The number of values a histogram (already checked) counts. */
function histogramOf(value: unknown): number {
  return Array.isArray(value) ? value.reduce((sum: number, count: unknown) => sum + (typeof count === 'number' ? count : 0), 0) : 0;
}

/** Checks one target's state; `measured` is what its input measured (a target measures at most that). */
function target(state: unknown, path: Path, measured: { cases: number; contacts: number; observations: number }): void {
  const fields = object(state, path);
  if (typeof fields['id'] !== 'string') problem(`${named(path)}.id must be a target id, got ${shown(fields['id'])}`, [...path, 'id']);
  const days = histogram(fields['days'], [...path, 'days']);
  if (fields['workingDays'] !== null) histogram(fields['workingDays'], [...path, 'workingDays']);
  const missing = fields['missingEvent'];
  if (!Array.isArray(missing)) return problem(`${named(path)}.missingEvent must be a list of case ids`, [...path, 'missingEvent']);
  count(fields['pending'], [...path, 'pending']);
  let kind: keyof typeof measured = 'cases';
  let total = days + missing.length;
  if (fields['seconds'] !== null) {
    kind = 'contacts';
    total = histogram(fields['seconds'], [...path, 'seconds']);
  }
  if (fields['centres'] !== null) {
    kind = 'observations';
    const centres = object(fields['centres'], [...path, 'centres']);
    let byCentre = 0;
    for (const [centre, values] of Object.entries(centres)) byCentre += histogram(values, [...path, 'centres', centre]);
    if (byCentre !== days) problem(`${named(path)}.centres count ${byCentre} days, but ${named(path)}.days counts ${days}`, [...path, 'centres']);
    // Absent from aggregates of earlier versions: then the gaps cannot be dated, and that is all.
    if (fields['observedDays'] !== undefined) observedDays(fields['observedDays'], centres, [...path, 'observedDays']);
  }
  if (total > measured[kind]) problem(`${named(path)} measures ${total} ${kind}, more than the ${measured[kind]} measured ${kind}`, path);
  const within = fields['within'];
  if (!Array.isArray(within)) return problem(`${named(path)}.within must be a list`, [...path, 'within']);
  within.forEach((value: unknown, tier) => {
    if (value !== null && count(value, [...path, 'within', tier]) > total) {
      problem(`${named(path)}.within.${tier} is ${shown(value)}, more than the ${total} cases the target measures`, [...path, 'within', tier]);
    }
  });
}

const REASONS = ['noTarget', 'outOfScope', 'flagged'] as const;
const POLICIES: readonly unknown[] = ['inScope', 'outOfScope', 'invalid'];

/**
 * Checks the fields of scopes (aggregates since version 3): the cases without target by reason
 * add up, per case type, to those without target; the missing-attribute policy is known and its
 * counts are whole numbers.
 */
function scope(value: Record<string, unknown>): void {
  const reasons = object(value['withoutTargetReasons'], ['withoutTargetReasons']);
  const byType = new Map<string, number>();
  for (const reason of REASONS) {
    const path = ['withoutTargetReasons', reason];
    for (const [caseType, n] of Object.entries(object(reasons[reason], path))) byType.set(caseType, (byType.get(caseType) ?? 0) + count(n, [...path, caseType]));
  }
  const withoutTarget = object(value['withoutTarget'], ['withoutTarget']);
  for (const caseType of new Set([...byType.keys(), ...Object.keys(withoutTarget)])) {
    const byReason = byType.get(caseType) ?? 0;
    const total = Object.hasOwn(withoutTarget, caseType) ? withoutTarget[caseType] : 0;
    if (byReason !== total) problem(`withoutTargetReasons count ${byReason} cases of "${caseType}", but withoutTarget counts ${shown(total)}`, ['withoutTargetReasons']);
  }
  const section = object(value['scope'], ['scope']);
  if (!POLICIES.includes(section['missingAttributes'])) problem(`scope.missingAttributes must be "inScope", "outOfScope" or "invalid", got ${shown(section['missingAttributes'])}`, ['scope', 'missingAttributes']);
  const missing = object(section['missing'], ['scope', 'missing']);
  for (const [attribute, n] of Object.entries(missing)) count(n, ['scope', 'missing', attribute]);
}

/**
 * Checks an aggregate read back from storage (or built by hand) before it becomes a report: every
 * count is a whole number ≥ 0, each input's `input` is the sum of its buckets, the records without a
 * target by key add up to that bucket, and no target measures more records than its input
 * measured. Throws `incompatible_aggregates` naming what does not add up.
 */
export function checkAggregate(aggregate: PlanAggregate): void {
  const value: unknown = aggregate;
  if (!isObject(value) || value['format'] !== 'servicemaal.aggregate') {
    fail('incompatible_aggregates', 'expected an aggregate from aggregateInputs(), aggregateCases() or mergeAggregates() (format "servicemaal.aggregate")', ['aggregate']);
  }
  object(value['period'], ['period']);
  const duplicates = value['duplicates'];
  if (duplicates !== undefined && duplicates !== 'first' && duplicates !== 'last') problem(`duplicates must be "first" or "last", got ${shown(duplicates)}`, ['duplicates']);
  if (!Array.isArray(value['invalid'])) problem('invalid must be a list of problems', ['invalid']);
  const contacts = object(value['contacts'], ['contacts']);
  const observations = object(value['observations'], ['observations']);
  const measured = {
    cases: input(value['counts'], value['withoutTarget'], CASE_BUCKETS, ['counts'], ['withoutTarget']),
    contacts: input(contacts['counts'], contacts['withoutTarget'], CONTACT_BUCKETS, ['contacts', 'counts'], ['contacts', 'withoutTarget']),
    observations: input(observations['counts'], observations['withoutTarget'], OBSERVATION_BUCKETS, ['observations', 'counts'], ['observations', 'withoutTarget']),
  };
  // Aggregates saved before scopes (version 2) lack their fields: `currentAggregate` fills them in.
  if (typeof value['version'] !== 'number' || value['version'] >= 3) scope(value);
  const targets = value['targets'];
  if (!Array.isArray(targets)) return problem('targets must be a list', ['targets']);
  targets.forEach((state: unknown, t) => {
    target(state, ['targets', t], measured);
  });
}
