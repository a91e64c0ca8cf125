/**
 * Allocation-free date reading for the hot loops of an evaluation: plain dates in text or bytes to
 * day numbers through precomputed tables. They accept only the common, unambiguous forms and answer
 * {@link NO_DAY} for anything else, so the caller falls back to {@link parseDate}, which reads every
 * accepted form and explains what is wrong. For the forms they accept they give the same day.
 */
import { MAX_YEAR, MIN_YEAR, dayNumberFromCivil, isLeapYear } from './civil.js';

/** Marks a value the fast readers do not accept (not a day number of the accepted years). */
export const NO_DAY = -1_000_000_000;

/** Marks an absent date (a case still pending) among day numbers. */
export const NO_DATE = NO_DAY + 1;

/** Months per year in the tables below: index `year × 16 + month`, months 1–12 used. */
const MONTH_SLOTS = 16;

/**
 * Per year from {@link MIN_YEAR} to {@link MAX_YEAR} and month: the day number of the month's
 * first day, and the month's length (0 for the unused month slots 0, 13, 14 and 15).
 */
const [MONTH_FIRST, MONTH_LENGTH] = /* @__PURE__ */ (() => {
  const first = new Int32Array((MAX_YEAR - MIN_YEAR + 1) * MONTH_SLOTS);
  const length = new Uint8Array((MAX_YEAR - MIN_YEAR + 1) * MONTH_SLOTS);
  for (let year = MIN_YEAR; year <= MAX_YEAR; year++) {
    for (let month = 1; month <= 12; month++) {
      const slot = (year - MIN_YEAR) * MONTH_SLOTS + month;
      first[slot] = dayNumberFromCivil(year, month, 1);
      length[slot] = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    }
  }
  return [first, length] as const;
})();

/**
 * The day number of a civil date of the accepted years (1900–2199), or {@link NO_DAY} when the date
 * is impossible or out of range.
 *
 * @example
 * ```ts
 * fastCivilDay(2023, 3, 1); // 19417
 * fastCivilDay(2023, 2, 29); // NO_DAY
 * ```
 */
export function fastCivilDay(year: number, month: number, day: number): number {
  const y = year - MIN_YEAR;
  // As unsigned, a negative year or month is out of range too.
  if (y >>> 0 > MAX_YEAR - MIN_YEAR || month >>> 0 >= MONTH_SLOTS || day < 1) return NO_DAY;
  const slot = y * MONTH_SLOTS + month;
  return day > (MONTH_LENGTH[slot] as number) ? NO_DAY : (MONTH_FIRST[slot] as number) + day - 1;
}

/**
 * The day number of a `YYYY-MM-DD` string, or {@link NO_DAY} for any other text (including
 * timestamps, which {@link parseDate} reads).
 *
 * @example
 * ```ts
 * fastIsoDay('2023-03-01'); // 19417
 * fastIsoDay('2023-03-01T10:00'); // NO_DAY
 * ```
 */
export function fastIsoDay(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NO_DAY;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48;
  const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  // A digit is 0–9; as unsigned, a character below '0' is above 9 too.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) {
    return NO_DAY;
  }
  return fastCivilDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
}

/**
 * The day number of a date in UTF-8 bytes `[start, end)`: `YYYY-MM-DD`, or Danish `DD-MM-YYYY` or
 * `DD.MM.YYYY` (two-digit day and month). {@link NO_DAY} for anything else, including the
 * surrounding spaces and one-digit forms the file readers also accept.
 *
 * @example
 * ```ts
 * fastDayOfBytes(Buffer.from('01-03-2023'), 0, 10); // 19417
 * ```
 */
export function fastDayOfBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10) return NO_DAY;
  const c4 = bytes[start + 4] as number;
  if (c4 === 45 && bytes[start + 7] === 45) {
    const y = digits4(bytes, start);
    const m = digits2(bytes, start + 5);
    const d = digits2(bytes, start + 8);
    return y < 0 || m < 0 || d < 0 ? NO_DAY : fastCivilDay(y, m, d);
  }
  const c2 = bytes[start + 2] as number;
  if ((c2 === 45 || c2 === 46) && bytes[start + 5] === c2) {
    const d = digits2(bytes, start);
    const m = digits2(bytes, start + 3);
    const y = digits4(bytes, start + 6);
    return y < 0 || m < 0 || d < 0 ? NO_DAY : fastCivilDay(y, m, d);
  }
  return NO_DAY;
}

function digits2(bytes: Uint8Array, at: number): number {
  const a = (bytes[at] as number) - 48;
  const b = (bytes[at + 1] as number) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

function digits4(bytes: Uint8Array, at: number): number {
  const a = (bytes[at] as number) - 48;
  const b = (bytes[at + 1] as number) - 48;
  const c = (bytes[at + 2] as number) - 48;
  const d = (bytes[at + 3] as number) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 || c >>> 0 > 9 || d >>> 0 > 9 ? -1 : a * 1000 + b * 100 + c * 10 + d;
}
