import type { DayNumber } from '../dates/civil.js';
import { parseDate, type DateInput } from '../dates/parse.js';
import type { IssueCode } from '../errors.js';

/** A case record: one application and what happened to it. */
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
}

/** A problem with one input record, as listed in a report's `invalid`. */
export interface InvalidRecord {
  /** Position of the record in the input (0-based, plus any `indexOffset`). */
  index: number;
  /** The record's id, or `null` when it has none. */
  id: string | null;
  /** The field at fault (`applied`, `decided`, `events.firstInterview`, …), or `''` for the record. */
  field: string;
  code: IssueCode;
  message: string;
}

/** A valid case record in day numbers. `decided` is `null` while pending. */
export interface ValidCase {
  id: string;
  caseType: string;
  applied: DayNumber;
  decided: DayNumber | null;
  /** Event days by name; a named event given as `null` is absent. */
  events: ReadonlyMap<string, DayNumber> | null;
}

const KNOWN_FIELDS = new Set(['id', 'caseType', 'applied', 'decided', 'events']);

/**
 * Validates one case record. Returns the valid case, or the list of its problems (one entry per
 * field at fault). `orderedEvents` are event names whose dates may not precede the application
 * (the events a plan's clocks use).
 *
 * @example
 * ```ts
 * readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-02-29' }, 0, new Set());
 * // [{ index: 0, id: 'A1', field: 'applied', code: 'invalid_date', message: '…' }]
 * ```
 */
export function readCaseRecord(
  record: unknown,
  index: number,
  orderedEvents: ReadonlySet<string>,
): ValidCase | InvalidRecord[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ index, id: null, field: '', code: 'invalid_type', message: `record ${index} is not an object` }];
  }
  const fields = record as Record<string, unknown>;
  const rawId = fields['id'];
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : null;
  const problems: InvalidRecord[] = [];
  const problem = (field: string, code: IssueCode, message: string): void => {
    problems.push({ index, id, field, code, message: `record ${index}${id === null ? '' : ` (id ${id})`}: ${field === '' ? '' : `${field} `}${message}` });
  };

  for (const key in fields) {
    if (!KNOWN_FIELDS.has(key)) problem(key, 'unknown_field', 'is not a case-record field (expected id, caseType, applied, decided, events)');
  }
  if (rawId === undefined || rawId === null || rawId === '') problem('id', 'missing_field', 'is missing');
  else if (typeof rawId !== 'string') problem('id', 'invalid_type', `must be a string, got ${typeof rawId}`);

  const caseType = fields['caseType'];
  if (caseType === undefined || caseType === null || caseType === '') problem('caseType', 'missing_field', 'is missing');
  else if (typeof caseType !== 'string') problem('caseType', 'invalid_type', `must be a string, got ${typeof caseType}`);

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

  if (problems.length > 0) return problems;
  return { id: rawId as string, caseType: caseType as string, applied: applied as number, decided: decided ?? null, events };
}

function readDate(
  value: unknown,
  field: string,
  required: boolean,
  problem: (field: string, code: IssueCode, message: string) => void,
): DayNumber | null | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) problem(field, 'missing_field', 'is missing');
    return null;
  }
  const day = parseDate(value as DateInput);
  if (typeof day === 'number') return day;
  problem(field, day.code, day.message);
  return undefined;
}
