import type { DayNumber } from '../dates/civil.js';
import { parseDate, type DateInput } from '../dates/parse.js';
import { fail, shortText, type IssueCode } from '../errors.js';

/**
 * A case record: one application and what happened to it.
 *
 * @example
 * ```ts
 * // An asylum case: the first interview 18 days after the application, the decision after 60 days.
 * const record: CaseRecord = {
 *   id: 'S1',
 *   caseType: 'asyl',
 *   applied: '2019-01-02',
 *   decided: '2019-03-03',
 *   events: { firstInterview: '2019-01-20' },
 * };
 * const report = evaluatePlan(getPlan('us-2019'), [record]);
 * report.targets.find((target) => target.id === 'asyl-foerste-samtale')?.tiers[0]; // { kind: 'share', measured: 1, within: 1, share: 1, … }
 * ```
 */
export interface CaseRecord {
  /** The case's id in the case system. */
  id: string;
  /** Case-type id, e.g. `fast-track` (see `seedCaseTypes`). */
  caseType: string;
  /** Application (submission) date: the clock starts here. */
  applied: DateInput;
  /** Decision date, or `null`/absent while the case is pending. */
  decided?: DateInput | null;
  /** Other dated events by name, e.g. `{ firstInterview: '2019-02-01' }`. */
  events?: Readonly<Record<string, DateInput | null>>;
  /**
   * Clock-stop intervals, e.g. waiting for the applicant's documents: the clock stops on `from` and
   * runs again from `to` (`to` is `null` for a pause still going on in a pending case).
   */
  pauses?: readonly Pause[] | null;
}

/**
 * A clock-stop interval of a case: the clock stops on `from` and runs again from `to` (`null` while
 * the pause goes on). A pause of a decided case must end.
 *
 * @example
 * ```ts
 * const pause: Pause = { from: '2023-03-10', to: null };
 * readCaseRecord({ id: 'A1', caseType: 'studie', applied: '2023-03-01', decided: '2023-05-10', pauses: [pause] }, 0, new Set());
 * // [{ input: 'cases', index: 0, id: 'A1', field: 'pauses.0.to', code: 'invalid_pause', message: 'record 0 (id A1): pauses.0.to is missing: a pause of a decided case must end' }]
 * ```
 */
export interface Pause {
  from: DateInput;
  to: DateInput | null;
}

/**
 * The kinds of input records.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), { cases: [{ id: 'A1' }], contacts: [{ id: 'K1', channel: 'phone' }] }, { period: '2023' });
 * // A1 lacks caseType and applied; K1 lacks its waiting time.
 * const kinds: InputKind[] = report.invalid.map((problem) => problem.input); // ['cases', 'cases', 'contacts']
 * ```
 */
export type InputKind = 'cases' | 'contacts' | 'observations';

/**
 * A problem with one input record, as listed in a report's `invalid`. A record with several
 * problems has one entry per problem and counts once in its input's `invalid` bucket.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-10', decided: '2023-03-01', colour: 'red' },
 * ], { period: '2023' });
 * const problems: InvalidRecord[] = report.invalid;
 * problems.map((problem) => [problem.field, problem.code]); // [['colour', 'unknown_field'], ['decided', 'decision_before_application']]
 * problems[1]?.message; // 'record 0 (id A1): decided is before the application date'
 * report.counts.invalid; // 1
 * ```
 */
export interface InvalidRecord {
  /** Which input the record comes from. */
  input: InputKind;
  /** Position of the record in its input (0-based, plus any `indexOffset`). */
  index: number;
  /** The record's id, or `null` when it has none. */
  id: string | null;
  /** The field at fault (`applied`, `decided`, `events.firstInterview`, …), or `''` for the record. */
  field: string;
  code: IssueCode;
  message: string;
}

/** How many problems a list of problems holds when no `maxProblems` is given. */
export const DEFAULT_MAX_PROBLEMS = 1000;

/**
 * A bounded list of problems with exact counts: `invalid` lists the first `maxProblems` problems
 * (all when `null`), `invalidCounts` counts every problem by code, `invalidOmitted` counts those
 * not listed.
 */
export interface ProblemList {
  invalid: InvalidRecord[];
  invalidCounts: Partial<Record<IssueCode, number>>;
  invalidOmitted: number;
  maxProblems: number | null;
}

/**
 * Checks a `maxProblems` option: a whole number above 0 is the most problems listed; 0 and
 * `Infinity` list all (`null`); absent, {@link DEFAULT_MAX_PROBLEMS}.
 */
export function maxProblemsOf(value: unknown): number | null {
  if (value === undefined) return DEFAULT_MAX_PROBLEMS;
  if (value === 0 || value === Number.POSITIVE_INFINITY) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return fail('invalid_option', `maxProblems must be a whole number, 0 or more (0 or Infinity: list every problem), got ${valueText(value)}`, ['maxProblems']);
  }
  return value;
}

/** Counts problems into a list, listing those that fit. */
export function listProblems(list: ProblemList, problems: readonly InvalidRecord[]): void {
  for (const problem of problems) {
    list.invalidCounts[problem.code] = (list.invalidCounts[problem.code] ?? 0) + 1;
    if (list.maxProblems === null || list.invalid.length < list.maxProblems) list.invalid.push(problem);
    else list.invalidOmitted++;
  }
}

/**
 * A valid case record in day numbers. `decided` is `null` while pending.
 *
 * @example
 * ```ts
 * const read = readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' }, 0, new Set());
 * if (!Array.isArray(read)) {
 *   const valid: ValidCase = read;
 *   [formatDayNumber(valid.applied), valid.decided === null ? null : valid.decided - valid.applied]; // ['2023-03-01', 1]
 * }
 * ```
 */
export interface ValidCase {
  id: string;
  caseType: string;
  applied: DayNumber;
  decided: DayNumber | null;
  /** Event days by name; a named event given as `null` is absent. */
  events: ReadonlyMap<string, DayNumber> | null;
  /** Pauses as [from, to] day numbers, sorted and not overlapping; `to` is `null` while paused. */
  pauses: readonly (readonly [DayNumber, DayNumber | null])[] | null;
}

const KNOWN_FIELDS = new Set(['id', 'caseType', 'applied', 'decided', 'events', 'pauses']);

/** An input record opened for reading: its fields, id and problem collector. */
export interface OpenedRecord {
  fields: Record<string, unknown>;
  id: string | null;
  problems: InvalidRecord[];
  problem: ProblemSink;
}

const NOUNS: Record<InputKind, string> = { cases: 'record', contacts: 'contact', observations: 'observation' };

/**
 * Opens a record: checks that it is an object and has only `known` fields. `idOf` names the record
 * in messages. Returns the problems alone when it is not an object.
 */
export function openRecord(
  input: InputKind,
  record: unknown,
  index: number,
  known: ReadonlySet<string>,
  idOf: (fields: Record<string, unknown>) => string | null,
): OpenedRecord | InvalidRecord[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ input, index, id: null, field: '', code: 'invalid_type', message: `${NOUNS[input]} ${index} is not an object` }];
  }
  const fields = record as Record<string, unknown>;
  const id = idOf(fields);
  const { problems, problem } = problemCollector(input, index, id);
  for (const key in fields) {
    if (!known.has(key)) problem(key, 'unknown_field', `is not a field of a ${NOUNS[input]} (expected ${[...known].join(', ')})`);
  }
  return { fields, id, problems, problem };
}

/**
 * A record value as a message shows it: text, numbers and booleans as written, objects and arrays
 * as JSON, anything else by its type; text longer than 60 characters is cut there, with its full
 * length.
 *
 * @example
 * ```ts
 * valueText({ minutes: 5 }); // '{"minutes":5}'
 * ```
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return shortText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) return shortText(json);
  }
  return `a ${typeof value}`;
}

/** A non-empty text field as an id would have it, or `null`. */
export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads a required text field, reporting a missing or non-text value. */
export function readText(fields: Record<string, unknown>, field: string, problem: ProblemSink): string | null {
  const value = fields[field];
  if (value === undefined || value === null || value === '') problem(field, 'missing_field', 'is missing');
  else if (typeof value !== 'string') problem(field, 'invalid_type', `must be a string, got ${typeof value}`);
  return textOf(value);
}

/** Reports problems of one record: `problem(field, code, message)`. */
export type ProblemSink = (field: string, code: IssueCode, message: string) => void;

/**
 * A problem collector for one record; messages name the input, the record's position and id.
 */
export function problemCollector(input: InputKind, index: number, id: string | null): { problems: InvalidRecord[]; problem: ProblemSink } {
  const problems: InvalidRecord[] = [];
  return {
    problems,
    problem(field, code, message) {
      problems.push({
        input,
        index,
        id,
        field,
        code,
        message: `${NOUNS[input]} ${index}${id === null ? '' : ` (id ${shortText(id)})`}: ${field === '' ? '' : `${field} `}${message}`,
      });
    },
  };
}

/**
 * Validates one case record. Returns the valid case, or the list of its problems (one entry per
 * field at fault). `orderedEvents` are event names whose dates may not precede the application
 * (the events a plan's clocks use).
 *
 * @example
 * ```ts
 * readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-02-29' }, 0, new Set());
 * // [{ input: 'cases', index: 0, id: 'A1', field: 'applied', code: 'invalid_date', message: 'record 0 (id A1): applied "2023-02-29" is not a calendar date' }]
 * readCaseRecord({ id: 'A2', caseType: 'eu', applied: '2023-03-01', decided: null }, 1, new Set()); // { id: 'A2', caseType: 'eu', decided: null, … }
 * ```
 */
export function readCaseRecord(
  record: unknown,
  index: number,
  orderedEvents: ReadonlySet<string>,
): ValidCase | InvalidRecord[] {
  const opened = openRecord('cases', record, index, KNOWN_FIELDS, (fields) => textOf(fields['id']));
  if (Array.isArray(opened)) return opened;
  const { fields, problems, problem } = opened;
  const id = readText(fields, 'id', problem);
  const caseType = readText(fields, 'caseType', problem);

  const applied = readDate(fields['applied'], 'applied', true, problem);
  const decided = readDate(fields['decided'], 'decided', false, problem);
  if (typeof applied === 'number' && typeof decided === 'number' && decided < applied) {
    problem('decided', 'decision_before_application', 'is before the application date');
  }

  let events: Map<string, DayNumber> | null = null;
  const rawEvents = fields['events'];
  if (rawEvents !== undefined && rawEvents !== null) {
    if (typeof rawEvents !== 'object' || Array.isArray(rawEvents)) {
      problem('events', 'invalid_type', 'must be an object of named dates');
    } else {
      for (const [name, value] of Object.entries(rawEvents as Record<string, unknown>)) {
        const day = readDate(value, `events.${name}`, false, problem);
        if (day === null || day === undefined) continue;
        events ??= new Map();
        events.set(name, day);
        if (typeof applied === 'number' && day < applied && orderedEvents.has(name)) {
          problem(`events.${name}`, 'event_before_application', 'is before the application date');
        }
      }
    }
  }

  const pauses = readPauses(fields['pauses'], applied, decided, problem);

  if (problems.length > 0) return problems;
  return { id: id as string, caseType: caseType as string, applied: applied as number, decided: decided ?? null, events, pauses };
}

function readPauses(
  value: unknown,
  applied: DayNumber | null | undefined,
  decided: DayNumber | null | undefined,
  problem: ProblemSink,
): [DayNumber, DayNumber | null][] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    problem('pauses', 'invalid_type', 'must be a list of { from, to } intervals');
    return null;
  }
  const pauses: [DayNumber, DayNumber | null][] = [];
  value.forEach((pause: unknown, i) => {
    const field = `pauses.${i}`;
    if (typeof pause !== 'object' || pause === null || Array.isArray(pause)) {
      problem(field, 'invalid_type', 'must be an object { from, to }');
      return;
    }
    const fields = pause as Record<string, unknown>;
    for (const key in fields) {
      if (key !== 'from' && key !== 'to') problem(`${field}.${key}`, 'unknown_field', 'is not a pause field (expected from, to)');
    }
    const from = readDate(fields['from'], `${field}.from`, true, problem);
    const to = readDate(fields['to'], `${field}.to`, false, problem);
    if (typeof from !== 'number' || to === undefined) return;
    if (to !== null && to < from) {
      problem(field, 'invalid_pause', 'ends before it starts');
      return;
    }
    if (to === null && typeof decided === 'number') {
      problem(`${field}.to`, 'invalid_pause', 'is missing: a pause of a decided case must end');
      return;
    }
    if ((typeof applied === 'number' && from < applied) || (typeof decided === 'number' && to !== null && to > decided)) {
      problem(field, 'pause_outside_case', 'lies outside the time from application to decision');
      return;
    }
    pauses.push([from, to]);
  });
  pauses.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < pauses.length; i++) {
    const previous = pauses[i - 1];
    const current = pauses[i];
    if (previous !== undefined && current !== undefined && (previous[1] === null || current[0] < previous[1])) {
      problem('pauses', 'overlapping_pauses', 'has overlapping intervals');
      break;
    }
  }
  return pauses.length > 0 ? pauses : null;
}

/** Reads a date field: the day, `null` when absent, `undefined` after reporting a problem. */
export function readDate(value: unknown, field: string, required: boolean, problem: ProblemSink): DayNumber | null | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) problem(field, 'missing_field', 'is missing');
    return null;
  }
  const day = parseDate(value);
  if (typeof day === 'number') return day;
  problem(field, day.code, day.message);
  return undefined;
}
