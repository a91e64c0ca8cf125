/**
 * Civil dates as integer day numbers: the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar. Differences of day numbers are elapsed calendar days, whatever the host's
 * time zone, because no `Date` or milliseconds are involved.
 */

/**
 * A civil date as the number of days since 1970-01-01 (1970-01-02 is 1). The difference of two
 * day numbers is the number of calendar days between them.
 *
 * @example
 * ```ts
 * const applied: DayNumber = toDayNumber('2023-03-01');
 * applied; // 19417
 * toDayNumber('2023-04-01') - applied; // 31
 * formatDayNumber(applied + 31); // '2023-04-01'
 * ```
 */
export type DayNumber = number;

/**
 * The first year accepted in dates (a guard against typing errors such as `0223`).
 *
 * @example
 * ```ts
 * MIN_YEAR; // 1900
 * parseDate('1899-12-31'); // { code: 'date_out_of_range', … }
 * ```
 */
export const MIN_YEAR = 1900;
/**
 * The last year accepted in dates.
 *
 * @example
 * ```ts
 * MAX_YEAR; // 2199
 * parseDate('2200-01-01'); // { code: 'date_out_of_range', … }
 * ```
 */
export const MAX_YEAR = 2199;

/**
 * The day number of a civil date (month 1–12). Does not validate; see {@link isValidCivilDate}.
 *
 * @example
 * ```ts
 * dayNumberFromCivil(1970, 1, 2); // 1
 * ```
 */
export function dayNumberFromCivil(year: number, month: number, day: number): DayNumber {
  // Howard Hinnant's days_from_civil, in integer arithmetic.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12; // March = 0
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * A civil date's parts: the year, the month (1–12) and the day of the month (1–31).
 *
 * @example
 * ```ts
 * const date: CivilDate = civilFromDayNumber(toDayNumber('2024-02-29'));
 * date; // { year: 2024, month: 2, day: 29 }
 * dayNumberFromCivil(date.year, date.month, date.day) === toDayNumber('2024-02-29'); // true
 * ```
 */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The civil date of a day number.
 *
 * @example
 * ```ts
 * civilFromDayNumber(0); // { year: 1970, month: 1, day: 1 }
 * ```
 */
export function civilFromDayNumber(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Whether a year is a Gregorian leap year.
 *
 * @example
 * ```ts
 * isLeapYear(2024); // true
 * isLeapYear(2100); // false
 * ```
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in a month (1–12) of a year.
 *
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether year, month and day form a real calendar date (2023-02-29 does not).
 *
 * @example
 * ```ts
 * isValidCivilDate(2023, 2, 29); // false
 * ```
 */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * The ISO `YYYY-MM-DD` text of a day number.
 *
 * @example
 * ```ts
 * formatDayNumber(19358); // '2023-01-01'
 * ```
 */
export function formatDayNumber(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
 *
 * @example
 * ```ts
 * weekday(0); // 4 (Thursday)
 * ```
 */
export function weekday(dayNumber: DayNumber): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
