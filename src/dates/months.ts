import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, type DayNumber } from './civil.js';

/**
 * Adds calendar months to a civil date, clamping at the month end (docs/methodology.md, convention 4):
 * 31 January + 1 month is 28 February (29 in a leap year).
 *
 * @example
 * ```ts
 * formatDayNumber(addMonths(toDayNumber('2024-07-31'), 7)); // '2025-02-28'
 * ```
 */
export function addMonths(dayNumber: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  const zeroBased = month - 1 + months;
  const targetYear = year + Math.floor(zeroBased / 12);
  const targetMonth = (((zeroBased % 12) + 12) % 12) + 1;
  return dayNumberFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
