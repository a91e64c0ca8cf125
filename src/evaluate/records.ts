import type { DayNumber } from '../dates/civil.js';
import { parseDate, type DateInput } from '../dates/parse.js';
import { fail, shortText, type IssueCode } from '../errors.js';
import type { InputKind } from './input-kind.js';
import { addCount } from './keys.js';
import { DANISH, ENGLISH, problemReason, type MessageCatalogue, type ProblemReason } from './messages.js';

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
  /**
   * Attributes of the case that target scopes test, by any name, e.g. `{ applicationKind: 'first' }`.
   * A value `null` or `''`, or an absent name, means the record lacks that attribute.
   */
  attributes?: Readonly<Record<string, string | null>> | null;
  /** `true` when the agency flags the case as without a management target (never measured). */
  withoutTarget?: boolean | null;
}

/**
 * A clock-stop interval of a case: the clock stops on `from` and runs again from `to` (`null` while
 * the pause goes on). A pause of a decided case must end.
 *
 * @example
 * ```ts
 * const pause: Pause = { from: '2023-03-10', to: null };
 * readCaseRecord({ id: 'A1', caseType: 'studie', applied: '2023-03-01', decided: '2023-05-10', pauses: [pause] }, 0);
 * // [{ input: 'cases', index: 0, id: 'A1', field: 'pauses.0.to', code: 'invalid_pause', reason: 'is missing: a pause of a decided case must end', message: 'record 0 (id A1): pauses.0.to is missing: a pause of a decided case must end', … }]
 * ```
 */
export interface Pause {
  from: DateInput;
  to: DateInput | null;
}

export type { InputKind } from './input-kind.js';

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
  /** The file the record was read from, or `null` for a record given in memory. */
  file: string | null;
  /** The 1-based line of `file` on which the record starts, or `null` for a record given in memory. */
  line: number | null;
  /** The source column (CSV header name or JSON key) that fed `field`, or `null` when not known. */
  column: string | null;
  /** The offending value as text (cut like `shortText`), or `null` when there is none. */
  value: string | null;
  code: IssueCode;
  /** What is wrong, without the place: `decided is before the application date` says `is before the application date`. */
  reason: string;
  /** The whole sentence, place and all: always {@link describeProblem} of the other fields. */
  message: string;
  /**
   * The parameters `reason` is written from (with `code`), so that {@link problemMessage} can
   * write the problem in another language; absent for a problem whose reason was read as text.
   */
  params?: Readonly<Record<string, unknown>>;
}

/**
 * The sentence of a problem: its place (`file:line` when read from a file, else `record 3`,
 * `contact 3` or `observation 3`), the record's id, the field (or source column) and the reason.
 * Every problem's `message` is written by this function.
 *
 * @example
 * ```ts
 * const problem: Omit<InvalidRecord, 'message'> = {
 *   input: 'cases', index: 3, id: 'A4', field: 'applied', file: null, line: null, column: null,
 *   value: '2023-02-29', code: 'invalid_date', reason: '"2023-02-29" is not a calendar date',
 * };
 * describeProblem(problem); // 'record 3 (id A4): applied "2023-02-29" is not a calendar date'
 * describeProblem({ ...problem, file: 'cases.csv', line: 14, column: 'indgivet' }); // 'cases.csv:14 (id A4): applied "2023-02-29" is not a calendar date'
 * ```
 */
export function describeProblem(problem: Omit<InvalidRecord, 'message'>): string {
  return sentence(problem, problem.reason, ENGLISH);
}

/** A problem's sentence with a reason, in the words of a catalogue. */
function sentence(problem: Omit<InvalidRecord, 'message'>, reason: string, catalogue: MessageCatalogue): string {
  const { file, line } = problem;
  const place = file !== null ? (line === null ? file : `${file}:${String(line)}`) : line !== null ? catalogue.line(line) : catalogue.place(problem.input, problem.index);
  const id = problem.id === null ? '' : ` (id ${shortText(problem.id)})`;
  const subject = problem.field !== '' ? `${problem.field} ` : problem.column !== null && problem.column !== '' ? `${catalogue.column(problem.column)} ` : '';
  return `${place}${id}: ${subject}${reason}`;
}

/**
 * The sentence of a problem in a language: in English its `message`; in Danish its place, id,
 * field and reason in Danish words (the reason written from the problem's `params`, or, for a
 * problem read as text, the date reader's words in Danish where they are known).
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-10', decided: '2023-03-01' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-10' },
 * ]);
 * report.invalid.map((problem) => problemMessage(problem, 'da'));
 * // ['post 0 (id A1): decided er før ansøgningsdatoen', 'post 1 (id A2): applied "2023-02-29" er ikke en dato i kalenderen']
 * problemMessage(report.invalid[0] as InvalidRecord, 'en'); // 'record 0 (id A1): decided is before the application date'
 * ```
 */
export function problemMessage(problem: InvalidRecord, language: 'en' | 'da'): string {
  if (language === 'en') return problem.message;
  return sentence(problem, danishReason(problem), DANISH);
}

/** A problem's reason in Danish: from its code and parameters, else the date reader's words in Danish. */
function danishReason(problem: InvalidRecord): string {
  const params = problem.params;
  if (params !== undefined && Object.hasOwn(DANISH, problem.code)) {
    try {
      return problemReason({ code: problem.code, ...params } as ProblemReason, DANISH);
    } catch {
      // Parameters from another version of the library: the English reason, its date words in Danish.
    }
  }
  return DANISH.dateText(problem.reason);
}

/**
 * A problem of a record given in memory (no file, line or column yet), its message written by
 * {@link describeProblem}.
 */
export function recordProblem(input: InputKind, index: number, id: string | null, field: string, reason: ProblemReason, value: string | null = null): InvalidRecord {
  const { code, ...params } = reason;
  const problem = { input, index, id, field, file: null, line: null, column: null, value, code, reason: problemReason(reason) };
  return { ...problem, message: describeProblem(problem), params };
}

/**
 * Where a record was read: its file and line, and the source column of each record field.
 *
 * @example
 * ```ts
 * const place: ProblemPlace = { file: 'sager.csv', line: 14, columns: { applied: 'Modtaget' } };
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023' });
 * intake.add('cases', { id: 'A1', caseType: 'eu', applied: '2023-02-29' }, place);
 * const [problem] = intake.aggregate().invalid;
 * [problem?.file, problem?.line, problem?.column]; // ['sager.csv', 14, 'Modtaget']
 * ```
 */
export interface ProblemPlace {
  file: string;
  line: number;
  /** Record field → source column (a read's `summary.fields`). */
  columns?: Readonly<Record<string, string>>;
}

/**
 * A problem placed in the file and line its record was read from: the same problem with `file`,
 * `line`, the `column` that fed its field (when the field map knows it) and its message written
 * again.
 *
 * @example
 * ```ts
 * const [problem] = aggregateCases(getPlan('siri-2023'), [{ id: 'A1', caseType: 'eu', applied: '2023-02-29' }]).invalid;
 * if (problem !== undefined) placeProblem(problem, { file: 'sager.csv', line: 2 }).message; // 'sager.csv:2 (id A1): applied "2023-02-29" is not a calendar date'
 * ```
 */
export function placeProblem(problem: InvalidRecord, place: ProblemPlace): InvalidRecord {
  const column = problem.column ?? columnOf(problem.field, place.columns);
  const placed = { ...problem, file: place.file, line: place.line, column };
  return { ...placed, message: describeProblem(placed) };
}

/** The source column of a record field or of the field it lies in (`pauses.0.to`: `pauses`). */
function columnOf(field: string, columns: Readonly<Record<string, string>> | undefined): string | null {
  if (columns === undefined) return null;
  for (let path = field; path !== ''; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
    if (Object.hasOwn(columns, path)) return columns[path] ?? null;
  }
  return null;
}

/**
 * How many problems a report lists when no `maxProblems` is given (the counts by code are always exact).
 *
 * @example
 * ```ts
 * DEFAULT_MAX_PROBLEMS; // 1000
 * ```
 */
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
    addCount(list.invalidCounts, problem.code);
    if (list.maxProblems === null || list.invalid.length < list.maxProblems) list.invalid.push(problem);
    else list.invalidOmitted++;
  }
}

/**
 * A valid case record in day numbers. `decided` is `null` while pending.
 *
 * @example
 * ```ts
 * const read = readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' }, 0);
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
  /** Attribute values by name, only those given as non-empty text; `null` when there are none. */
  attributes: ReadonlyMap<string, string> | null;
  /** Whether the agency flags the case as without a management target. */
  flagged: boolean;
}

const KNOWN_FIELDS = new Set(['id', 'caseType', 'applied', 'decided', 'events', 'pauses', 'attributes', 'withoutTarget']);

/** An input record opened for reading: its fields, id and problem collector. */
export interface OpenedRecord {
  fields: Record<string, unknown>;
  id: string | null;
  problems: InvalidRecord[];
  problem: ProblemSink;
}

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
    return [recordProblem(input, index, null, '', { code: 'invalid_type', kind: 'record' }, valueText(record))];
  }
  const fields = record as Record<string, unknown>;
  const id = idOf(fields);
  const { problems, problem } = problemCollector(input, index, id, fields);
  for (const key in fields) {
    if (!known.has(key)) problem(key, { code: 'unknown_field', kind: 'record', input, expected: [...known] });
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
  if (value === undefined || value === null || value === '') problem(field, { code: 'missing_field', kind: 'missing' });
  else if (typeof value !== 'string') problem(field, { code: 'invalid_type', kind: 'text', got: typeof value });
  return textOf(value);
}

/** Reports problems of one record: `problem(field, reason)`. */
export type ProblemSink = (field: string, reason: ProblemReason) => void;

/**
 * A problem collector for one record: each problem names the input, the record's position and
 * id, and the value of its field in `fields`.
 */
export function problemCollector(input: InputKind, index: number, id: string | null, fields: Record<string, unknown>): { problems: InvalidRecord[]; problem: ProblemSink } {
  const problems: InvalidRecord[] = [];
  return {
    problems,
    problem(field, reason) {
      const value = field === '' ? undefined : valueAt(fields, field);
      problems.push(recordProblem(input, index, id, field, reason, value === undefined || value === '' ? null : valueText(value)));
    },
  };
}

/** The value of a field of a record, following dotted paths (`events.firstInterview`, `pauses.0.to`). */
function valueAt(record: Record<string, unknown>, field: string): unknown {
  let value: unknown = record;
  for (const key of field.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Validates one case record. Returns the valid case, or the list of its problems (one entry per
 * field at fault). No date of the case may precede its application: not the decision
 * (`decision_before_application`), nor any event (`event_before_application`), nor a pause.
 *
 * @example
 * ```ts
 * readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-02-29' }, 0);
 * // [{ input: 'cases', index: 0, id: 'A1', field: 'applied', file: null, line: null, column: null, value: '2023-02-29', code: 'invalid_date', reason: '"2023-02-29" is not a calendar date', message: 'record 0 (id A1): applied "2023-02-29" is not a calendar date', params: { text: '"2023-02-29" is not a calendar date' } }]
 * // An event before the application is invalid whatever the plan measures.
 * const early = readCaseRecord({ id: 'A3', caseType: 'asyl', applied: '2023-03-01', events: { firstInterview: '2023-02-20' } }, 2);
 * Array.isArray(early) ? early[0]?.message : null; // 'record 2 (id A3): events.firstInterview is before the application date'
 * readCaseRecord({ id: 'A2', caseType: 'eu', applied: '2023-03-01', decided: null }, 1); // { id: 'A2', caseType: 'eu', decided: null, … }
 * ```
 */
export function readCaseRecord(record: unknown, index: number): ValidCase | InvalidRecord[] {
  const opened = openRecord('cases', record, index, KNOWN_FIELDS, (fields) => textOf(fields['id']));
  if (Array.isArray(opened)) return opened;
  const { fields, problems, problem } = opened;
  const id = readText(fields, 'id', problem);
  const caseType = readText(fields, 'caseType', problem);

  const applied = readDate(fields['applied'], 'applied', true, problem);
  const decided = readDate(fields['decided'], 'decided', false, problem);
  if (typeof applied === 'number' && typeof decided === 'number' && decided < applied) {
    problem('decided', { code: 'decision_before_application' });
  }

  let events: Map<string, DayNumber> | null = null;
  const rawEvents = fields['events'];
  if (rawEvents !== undefined && rawEvents !== null) {
    if (typeof rawEvents !== 'object' || Array.isArray(rawEvents)) {
      problem('events', { code: 'invalid_type', kind: 'events' });
    } else {
      for (const [name, value] of Object.entries(rawEvents as Record<string, unknown>)) {
        const day = readDate(value, `events.${name}`, false, problem);
        if (day === null || day === undefined) continue;
        events ??= new Map();
        events.set(name, day);
        if (typeof applied === 'number' && day < applied) problem(`events.${name}`, { code: 'event_before_application' });
      }
    }
  }

  const pauses = readPauses(fields['pauses'], applied, decided, problem);
  const attributes = readAttributes(fields['attributes'], problem);
  const flag = fields['withoutTarget'];
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') problem('withoutTarget', { code: 'invalid_type', kind: 'flag', got: typeof flag });

  if (problems.length > 0) return problems;
  return { id: id as string, caseType: caseType as string, applied: applied as number, decided: decided ?? null, events, pauses, attributes, flagged: flag === true };
}

/** Reads a record's `attributes`: an object of text values (`null` or `''`: lacking). */
function readAttributes(value: unknown, problem: ProblemSink): Map<string, string> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem('attributes', { code: 'invalid_type', kind: 'attributes' });
    return null;
  }
  let attributes: Map<string, string> | null = null;
  for (const [name, text] of Object.entries(value as Record<string, unknown>)) {
    if (text === null || text === '') continue;
    if (typeof text !== 'string') {
      problem(`attributes.${name}`, { code: 'invalid_type', kind: 'text', got: typeof text });
      continue;
    }
    attributes ??= new Map();
    attributes.set(name, text);
  }
  return attributes;
}

function readPauses(
  value: unknown,
  applied: DayNumber | null | undefined,
  decided: DayNumber | null | undefined,
  problem: ProblemSink,
): [DayNumber, DayNumber | null][] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    problem('pauses', { code: 'invalid_type', kind: 'pauses' });
    return null;
  }
  const pauses: [DayNumber, DayNumber | null][] = [];
  value.forEach((pause: unknown, i) => {
    const field = `pauses.${i}`;
    if (typeof pause !== 'object' || pause === null || Array.isArray(pause)) {
      problem(field, { code: 'invalid_type', kind: 'pause' });
      return;
    }
    const fields = pause as Record<string, unknown>;
    for (const key in fields) {
      if (key !== 'from' && key !== 'to') problem(`${field}.${key}`, { code: 'unknown_field', kind: 'pause' });
    }
    const from = readDate(fields['from'], `${field}.from`, true, problem);
    const to = readDate(fields['to'], `${field}.to`, false, problem);
    if (typeof from !== 'number' || to === undefined) return;
    if (to !== null && to < from) {
      problem(field, { code: 'invalid_pause', kind: 'ends-before-start' });
      return;
    }
    if (to === null && typeof decided === 'number') {
      problem(`${field}.to`, { code: 'invalid_pause', kind: 'open-in-decided-case' });
      return;
    }
    if ((typeof applied === 'number' && from < applied) || (typeof decided === 'number' && to !== null && to > decided)) {
      problem(field, { code: 'pause_outside_case' });
      return;
    }
    pauses.push([from, to]);
  });
  pauses.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < pauses.length; i++) {
    const previous = pauses[i - 1];
    const current = pauses[i];
    if (previous !== undefined && current !== undefined && (previous[1] === null || current[0] < previous[1])) {
      problem('pauses', { code: 'overlapping_pauses' });
      break;
    }
  }
  return pauses.length > 0 ? pauses : null;
}

/** Reads a date field: the day, `null` when absent, `undefined` after reporting a problem. */
export function readDate(value: unknown, field: string, required: boolean, problem: ProblemSink): DayNumber | null | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) problem(field, { code: 'missing_field', kind: 'missing' });
    return null;
  }
  const day = parseDate(value);
  if (typeof day === 'number') return day;
  problem(field, dateReason(day));
  return undefined;
}

/** The reason of a date or timestamp that cannot be read, in the words of the date reader. */
export function dateReason(problem: { code: 'invalid_date' | 'date_out_of_range' | 'invalid_type'; message: string }): ProblemReason {
  return problem.code === 'invalid_type' ? { code: 'invalid_type', kind: 'date', text: problem.message } : { code: problem.code, text: problem.message };
}
