import { formatDayNumber, type DayNumber } from '../dates/civil.js';
import { copenhagenDayFromUtcMinutes } from '../dates/copenhagen.js';
import { parseInstant, type DateInput } from '../dates/parse.js';
import { dateReason, openRecord, readDate, readText, textOf, valueText, type InvalidRecord } from './records.js';

/**
 * A contact with the citizen service: a phone call or an in-person visit, with its waiting time —
 * either `waitMinutes`, or the `arrived` and `answered` timestamps.
 *
 * @example
 * ```ts
 * const calls: ContactRecord[] = [
 *   { id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 },
 *   { id: 'K2', channel: 'phone', arrived: '2023-09-04T10:00:00+02:00', answered: '2023-09-04T10:12:30+02:00' },
 * ];
 * const report = evaluatePlan(getPlan('siri-2023'), { contacts: calls }, { period: '2023-H2' });
 * // At most 10 minutes for 80 % of calls: K1 waited 7.5 minutes, K2 12.5.
 * report.targets.find((target) => target.id === 'telefon')?.tiers[0]; // { kind: 'share', measured: 2, within: 1, share: 0.5, met: false, … }
 * ```
 */
export interface ContactRecord {
  id: string;
  /** `phone`, `in-person`, or another channel name a target lists. */
  channel: 'phone' | 'in-person' | (string & {});
  /** The day of the contact (optional when `arrived` is given: its Copenhagen date). */
  at?: DateInput;
  /** The waiting time in minutes (fractions allowed). */
  waitMinutes?: number;
  /** When the caller or visitor started waiting (a timestamp). */
  arrived?: DateInput;
  /** When they were answered or served; `null` when they never were (an unanswered contact). */
  answered?: DateInput | null;
}

/**
 * A valid contact: its day and waiting time in whole seconds (`null` when unanswered).
 *
 * @example
 * ```ts
 * const read = readContactRecord({ id: 'K2', channel: 'phone', arrived: '2023-09-04T10:00:00+02:00', answered: '2023-09-04T10:12:30+02:00' }, 0);
 * const contact: ValidContact | null = Array.isArray(read) ? null : read;
 * contact?.waitSeconds; // 750
 * contact === null ? null : formatDayNumber(contact.day); // '2023-09-04'
 * ```
 */
export interface ValidContact {
  id: string;
  channel: string;
  day: DayNumber;
  waitSeconds: number | null;
}

/**
 * The longest plausible wait of a contact: 24 hours (longer is an error in the export).
 *
 * @example
 * ```ts
 * MAX_WAIT_SECONDS; // 86400
 * readContactRecord({ id: 'c', channel: 'phone', at: '2023-09-01', waitMinutes: 1441 }, 0); // [{ code: 'invalid_value', … }]
 * ```
 */
export const MAX_WAIT_SECONDS = 24 * 3600;

const CONTACT_FIELDS = new Set(['id', 'channel', 'at', 'waitMinutes', 'arrived', 'answered']);

/**
 * Validates one contact record. Waiting times are counted in whole seconds, rounded to the nearest
 * second (from `waitMinutes`, or from `answered − arrived`).
 *
 * @example
 * ```ts
 * readContactRecord({ id: 'c1', channel: 'phone', at: '2023-09-01', waitMinutes: 7.5 }, 0);
 * // { id: 'c1', channel: 'phone', day: 19601, waitSeconds: 450 }
 * ```
 */
export function readContactRecord(record: unknown, index: number): ValidContact | InvalidRecord[] {
  const opened = openRecord('contacts', record, index, CONTACT_FIELDS, (fields) => textOf(fields['id']));
  if (Array.isArray(opened)) return opened;
  const { fields, problems, problem } = opened;
  const id = readText(fields, 'id', problem);
  const channel = readText(fields, 'channel', problem);

  let day = readDate(fields['at'], 'at', false, problem);
  const wait = fields['waitMinutes'];
  const arrivedValue = fields['arrived'];
  const answeredValue = fields['answered'];
  const hasWait = wait !== undefined && wait !== null;
  const hasArrived = arrivedValue !== undefined && arrivedValue !== null;
  let waitSeconds: number | null = null;

  if (hasWait && (hasArrived || answeredValue !== undefined)) {
    problem('waitMinutes', { code: 'invalid_value', kind: 'wait-and-times' });
  } else if (!hasArrived && answeredValue !== undefined && answeredValue !== null) {
    problem('arrived', { code: 'missing_field', kind: 'with-answered' });
  } else if (hasWait) {
    if (typeof wait !== 'number' || !Number.isFinite(wait) || wait < 0) {
      problem('waitMinutes', { code: 'invalid_value', kind: 'wait-minutes', got: valueText(wait) });
    } else {
      waitSeconds = Math.round(wait * 60);
      if (waitSeconds > MAX_WAIT_SECONDS) problem('waitMinutes', { code: 'invalid_value', kind: 'wait-too-long', minutes: wait });
    }
    if (day === null) problem('at', { code: 'missing_field', kind: 'with-wait' });
  } else if (hasArrived) {
    const arrived = parseInstant(arrivedValue);
    if (typeof arrived !== 'number') problem('arrived', dateReason(arrived));
    // `answered: null` is an unanswered contact; a missing `answered` is a gap in the export.
    if (answeredValue === undefined) problem('answered', { code: 'missing_field', kind: 'answered-or-null' });
    const answered = answeredValue === undefined || answeredValue === null ? null : parseInstant(answeredValue);
    if (answered !== null && typeof answered !== 'number') problem('answered', dateReason(answered));
    if (typeof arrived === 'number') {
      if (typeof answered === 'number') {
        if (answered < arrived) problem('answered', { code: 'invalid_value', kind: 'answered-before-arrived' });
        else if (answered - arrived > MAX_WAIT_SECONDS) problem('answered', { code: 'invalid_value', kind: 'answered-too-late' });
        else waitSeconds = Math.round(answered - arrived);
      }
      const arrivedDay = copenhagenDayFromUtcMinutes(Math.floor(arrived / 60));
      if (typeof day === 'number' && day !== arrivedDay) problem('at', { code: 'invalid_value', kind: 'not-arrival-day', day: formatDayNumber(arrivedDay) });
      day ??= arrivedDay;
    }
  } else {
    problem('waitMinutes', { code: 'missing_field', kind: 'wait-or-times' });
  }

  if (problems.length > 0) return problems;
  return { id: id as string, channel: channel as string, day: day as DayNumber, waitSeconds };
}
