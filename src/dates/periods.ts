import { fail } from '../errors.js';
import { dayNumberFromCivil, daysInMonth, formatDayNumber, type DayNumber } from './civil.js';
import { parseDate, type DateInput } from './parse.js';

/**
 * A measurement or reporting period: `'2023'`, `'2023-H2'`, `'2023-Q3'`, `'2023-07'`, or explicit
 * inclusive bounds `{ from: '2023-01-01', to: '2023-06-30' }`.
 *
 * @example
 * ```ts
 * const periods: PeriodInput[] = ['2023-H2', { from: '2023-01-01', to: '2023-06-30' }];
 * periods.map((period) => parsePeriod(period).label); // ['2023-H2', '2023-01-01..2023-06-30']
 * ```
 */
export type PeriodInput = string | { from: DateInput; to: DateInput };

/**
 * A resolved period: inclusive day-number bounds and a label.
 *
 * @example
 * ```ts
 * const period: Period = parsePeriod('2024-02');
 * period.label; // '2024-02'
 * formatDayNumber(period.to); // '2024-02-29'
 * period.to - period.from + 1; // 29 days
 * ```
 */
export interface Period {
  /** First day (inclusive). */
  from: DayNumber;
  /** Last day (inclusive). */
  to: DayNumber;
  /** The period as given (`'2023-Q3'`) or `from..to` for explicit bounds. */
  label: string;
}

const PERIOD = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/;

/**
 * Resolves a period. A decided case belongs to the period that holds its decision date
 * (docs/methodology.md, convention 6).
 *
 * @example
 * ```ts
 * const q3 = parsePeriod('2023-Q3');
 * formatDayNumber(q3.from); // '2023-07-01'
 * formatDayNumber(q3.to); // '2023-09-30'
 * ```
 */
export function parsePeriod(input: PeriodInput, path: (string | number)[] = ['period']): Period {
  if (typeof input === 'string') {
    const match = PERIOD.exec(input);
    if (match === null) {
      return fail(
        'invalid_period',
        `period "${input}" is not a year (2023), half-year (2023-H2), quarter (2023-Q3), month (2023-07) or { from, to }`,
        path,
      );
    }
    const [, y, half, quarter, month] = match;
    const year = Number(y);
    let firstMonth = 1;
    let months = 12;
    if (half !== undefined) [firstMonth, months] = [Number(half) * 6 - 5, 6];
    if (quarter !== undefined) [firstMonth, months] = [Number(quarter) * 3 - 2, 3];
    if (month !== undefined) [firstMonth, months] = [Number(month), 1];
    const lastMonth = firstMonth + months - 1;
    return {
      from: dayNumberFromCivil(year, firstMonth, 1),
      to: dayNumberFromCivil(year, lastMonth, daysInMonth(year, lastMonth)),
      label: input,
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers and JSON plans may pass null
  if (typeof input !== 'object' || input === null || !('from' in input) || !('to' in input)) {
    return fail('invalid_period', 'period must be a string such as "2023-Q3" or an object { from, to }', path);
  }
  const from = boundDay(input.from, [...path, 'from']);
  const to = boundDay(input.to, [...path, 'to']);
  if (to < from) {
    return fail('invalid_period', `period ends (${formatDayNumber(to)}) before it starts (${formatDayNumber(from)})`, path);
  }
  return { from, to, label: `${formatDayNumber(from)}..${formatDayNumber(to)}` };
}

function boundDay(value: DateInput, path: (string | number)[]): DayNumber {
  const day = parseDate(value);
  if (typeof day === 'number') return day;
  return fail('invalid_period', `period bound ${day.message}`, path);
}
