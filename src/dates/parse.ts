import { fail, shortText, type IssueCode } from '../errors.js';
import { MAX_YEAR, MIN_YEAR, dayNumberFromCivil, daysInMonth, type DayNumber } from './civil.js';
import { copenhagenDayFromUtcMinutes, copenhagenOffsetMinutes } from './copenhagen.js';

/**
 * A date value as case records carry it: ISO text (a date or a timestamp) or a `Date`.
 *
 * @example
 * ```ts
 * const values: DateInput[] = ['2023-03-01', '2023-03-01T23:30:00Z', new Date('2023-03-01')];
 * values.map((value) => formatDayNumber(toDayNumber(value))); // ['2023-03-01', '2023-03-02', '2023-03-01']
 * ```
 */
export type DateInput = string | Date;

/**
 * Why a date value could not be read, as {@link parseDate} and {@link parseInstant} return it.
 *
 * @example
 * ```ts
 * const result = parseDate('2023-13-01');
 * const problem: DateProblem | null = typeof result === 'number' ? null : result;
 * problem; // { code: 'invalid_date', message: '"2023-13-01" is not a calendar date' }
 * ```
 */
export interface DateProblem {
  code: Extract<IssueCode, 'invalid_date' | 'date_out_of_range' | 'invalid_type'>;
  message: string;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})([.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a date value as a Copenhagen civil date (docs/methodology.md, convention 1).
 *
 * - `YYYY-MM-DD` is that civil date.
 * - A timestamp with `Z` or an offset (`2023-03-01T23:30:00Z`, `…+02:00`) is the Copenhagen date of
 *   that instant.
 * - A timestamp without an offset (`2023-03-01T10:00`) is read as Copenhagen wall-clock time, so its
 *   date part is the date.
 * - A `Date` is an instant: its Copenhagen date (so `new Date('2023-03-01')`, midnight UTC, is
 *   1 March).
 *
 * Returns the day number, or a {@link DateProblem} for impossible dates (`2023-02-29`), other text,
 * and years outside 1900–2199. Never rolls an impossible date over.
 *
 * @example
 * ```ts
 * parseDate('2023-03-01'); // 19417
 * parseDate('2023-03-01T23:30:00Z'); // 19418 (2 March in Copenhagen)
 * parseDate('2023-02-29'); // { code: 'invalid_date', message: '"2023-02-29" is not a calendar date' }
 * parseDate('1899-12-31'); // { code: 'date_out_of_range', message: '"1899-12-31" is outside the years 1900–2199' }
 * ```
 */
export function parseDate(value: unknown): DayNumber | DateProblem {
  if (typeof value === 'string') return parseDateText(value);
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return { code: 'invalid_date', message: 'is an invalid Date object' };
    return checkRange(copenhagenDayFromUtcMinutes(Math.floor(ms / 60_000)), value.toISOString());
  }
  return {
    code: 'invalid_type',
    message: `expected a date string (YYYY-MM-DD or an ISO timestamp) or a Date, got ${describe(value)}`,
  };
}

function parseDateText(text: string): DayNumber | DateProblem {
  if (text.length === 10) return parseDateOnly(text);
  const match = TIMESTAMP.exec(text);
  if (match === null) return notADate(text);
  const [, y, mo, d, h, mi, s, , zone] = match;
  const day = civilDay(Number(y), Number(mo), Number(d), text);
  if (typeof day !== 'number') return day;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) {
    return { code: 'invalid_date', message: `"${shortText(text)}" has an impossible time of day` };
  }
  if (zone === undefined) return checkRange(day, text);
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return { code: 'invalid_date', message: `"${shortText(text)}" has an impossible UTC offset` };
  return checkRange(copenhagenDayFromUtcMinutes(day * 1440 + hours * 60 + minutes - offset), text);
}

function parseDateOnly(text: string): DayNumber | DateProblem {
  // Fast path for the common case, without a regular expression.
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return notADate(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 0 || day < 0) return notADate(text);
  return civilDay(year, month, day, text);
}

function civilDay(year: number, month: number, day: number, text: string): DayNumber | DateProblem {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { code: 'invalid_date', message: `"${shortText(text)}" is not a calendar date` };
  }
  return checkRange(dayNumberFromCivil(year, month, day), text, year);
}

const MIN_DAY = dayNumberFromCivil(MIN_YEAR, 1, 1);
const MAX_DAY = dayNumberFromCivil(MAX_YEAR, 12, 31);

function checkRange(day: DayNumber, text: string, year?: number): DayNumber | DateProblem {
  if (day < MIN_DAY || day > MAX_DAY || (year !== undefined && (year < MIN_YEAR || year > MAX_YEAR))) {
    return { code: 'date_out_of_range', message: `"${shortText(text)}" is outside the years ${MIN_YEAR}–${MAX_YEAR}` };
  }
  return day;
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const body = zone.slice(1).replace(':', '');
  const hours = Number(body.slice(0, 2));
  const minutes = body.length > 2 ? Number(body.slice(2, 4)) : 0;
  if (hours > 18 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function notADate(text: string): DateProblem {
  return {
    code: 'invalid_date',
    message: `"${shortText(text)}" is not a date (expected YYYY-MM-DD or an ISO timestamp such as 2023-03-01T10:00:00+01:00)`,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Reads a date value like {@link parseDate} and throws a {@link ServicemaalError} (code
 * `invalid_date`, `date_out_of_range` or `invalid_type`) when it is not a date.
 *
 * @example
 * ```ts
 * toDayNumber('2024-04-01T21:30:00Z') - toDayNumber('2024-03-30T23:30:00Z'); // 1
 * ```
 */
export function toDayNumber(value: DateInput, path: (string | number)[] = []): DayNumber {
  const day = parseDate(value);
  if (typeof day === 'number') return day;
  return fail(day.code, `${path.length > 0 ? String(path[path.length - 1]) : 'date'} ${day.message}`, path);
}

/**
 * Reads a timestamp as an instant: seconds (with any fraction) since 1970-01-01T00:00:00Z. With `Z` or an offset
 * it is that instant; without, it is Copenhagen wall-clock time (in the autumn hour that occurs
 * twice, the first one). A `Date` is its instant. A date without a time is not an instant.
 *
 * @example
 * ```ts
 * const arrived = parseInstant('2023-09-01T10:00:00+02:00');
 * const answered = parseInstant('2023-09-01T08:07:30Z');
 * typeof arrived === 'number' && typeof answered === 'number' && answered - arrived; // 450 (7.5 minutes)
 * ```
 */
export function parseInstant(value: unknown): number | DateProblem {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return { code: 'invalid_date', message: 'is an invalid Date object' };
    return ms / 1000;
  }
  if (typeof value !== 'string') {
    return { code: 'invalid_type', message: `expected an ISO timestamp or a Date, got ${describe(value)}` };
  }
  const match = TIMESTAMP.exec(value);
  if (match === null) {
    return { code: 'invalid_date', message: `"${shortText(value)}" is not a timestamp (expected e.g. 2023-09-01T10:00:00+02:00)` };
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const day = civilDay(Number(y), Number(mo), Number(d), value);
  if (typeof day !== 'number') return day;
  const [hours, minutes, seconds] = [Number(h), Number(mi), s === undefined ? 0 : Number(s)];
  if (hours > 23 || minutes > 59 || seconds > 59) return { code: 'invalid_date', message: `"${shortText(value)}" has an impossible time of day` };
  const wallMinutes = day * 1440 + hours * 60 + minutes;
  let offset: number | undefined;
  if (zone === undefined) {
    // Copenhagen wall-clock time: the offset that maps back to this wall time (CEST first, so the
    // repeated autumn hour is read as the first one; a time skipped in spring is read as CET).
    offset = copenhagenOffsetMinutes(wallMinutes - 120) === 120 ? 120 : 60;
  } else {
    offset = zoneOffsetMinutes(zone);
    if (offset === undefined) return { code: 'invalid_date', message: `"${shortText(value)}" has an impossible UTC offset` };
  }
  return (wallMinutes - offset) * 60 + seconds + (fraction === undefined ? 0 : Number(`0.${fraction.slice(1)}`));
}
