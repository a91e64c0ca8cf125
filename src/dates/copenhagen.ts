import { civilFromDayNumber, dayNumberFromCivil, weekday, type DayNumber } from './civil.js';

/**
 * Converts an instant to its civil date in Europe/Copenhagen (docs/methodology.md, convention 1).
 *
 * From 1996 Denmark follows the EU rule: CEST (UTC+2) from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise. That rule is computed in integer
 * arithmetic. Earlier instants (other rules applied) are converted with the tz database through
 * `Intl`, which never depends on the host's time zone either.
 */

const MINUTES_PER_DAY = 1440;
const EU_RULE_FROM_YEAR = 1996;

let fallbackFormat: Intl.DateTimeFormat | undefined;

function lastSunday(year: number, month: 3 | 10): DayNumber {
  const last = dayNumberFromCivil(year, month, 31);
  return last - weekday(last);
}

/** Cache of [start, end) of summer time in UTC minutes, per year. */
const summerTime = new Map<number, readonly [number, number]>();

function summerTimeBounds(year: number): readonly [number, number] {
  let bounds = summerTime.get(year);
  if (bounds === undefined) {
    bounds = [lastSunday(year, 3) * MINUTES_PER_DAY + 60, lastSunday(year, 10) * MINUTES_PER_DAY + 60];
    summerTime.set(year, bounds);
  }
  return bounds;
}

/**
 * The Copenhagen civil date of an instant given as whole minutes since 1970-01-01T00:00Z.
 *
 * @example
 * ```ts
 * const utcMinutes = dayNumberFromCivil(2023, 3, 1) * 1440 + 23 * 60 + 30; // 2023-03-01T23:30Z
 * formatDayNumber(copenhagenDayFromUtcMinutes(utcMinutes)); // '2023-03-02': 00:30 on 2 March in Copenhagen
 * formatDayNumber(copenhagenDayFromUtcMinutes(utcMinutes - 60)); // '2023-03-01': 23:30 in Copenhagen
 * ```
 */
export function copenhagenDayFromUtcMinutes(utcMinutes: number): DayNumber {
  const utcDay = Math.floor(utcMinutes / MINUTES_PER_DAY);
  // The UTC year of the instant decides which rule applies; around New Year the offset is CET.
  const year = civilFromDayNumber(utcDay).year;
  if (year < EU_RULE_FROM_YEAR) return copenhagenDayFromTzDatabase(utcMinutes);
  return Math.floor((utcMinutes + copenhagenOffsetMinutes(utcMinutes)) / MINUTES_PER_DAY);
}

/**
 * Copenhagen's UTC offset in minutes (60 or 120) at an instant given as minutes since 1970 UTC.
 *
 * @example
 * ```ts
 * copenhagenOffsetMinutes(dayNumberFromCivil(2024, 7, 1) * 1440); // 120
 * ```
 */
export function copenhagenOffsetMinutes(utcMinutes: number): number {
  const year = civilFromDayNumber(Math.floor(utcMinutes / MINUTES_PER_DAY)).year;
  if (year < EU_RULE_FROM_YEAR) {
    // Other rules applied before 1996: read the wall-clock time from the tz database.
    const parts = wallClockFormat().formatToParts(new Date(utcMinutes * 60_000));
    const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
    const local = dayNumberFromCivil(get('year'), get('month'), get('day')) * MINUTES_PER_DAY + get('hour') * 60 + get('minute');
    return local - utcMinutes;
  }
  const [start, end] = summerTimeBounds(year);
  return utcMinutes >= start && utcMinutes < end ? 120 : 60;
}

let wallClockFormatter: Intl.DateTimeFormat | undefined;
function wallClockFormat(): Intl.DateTimeFormat {
  wallClockFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return wallClockFormatter;
}

/**
 * The Copenhagen civil date of an instant, computed with the tz database (`Intl`). Slow; used for
 * instants before 1996 and as the reference in tests.
 */
export function copenhagenDayFromTzDatabase(utcMinutes: number): DayNumber {
  fallbackFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = fallbackFormat.formatToParts(new Date(utcMinutes * 60_000));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return dayNumberFromCivil(get('year'), get('month'), get('day'));
}
