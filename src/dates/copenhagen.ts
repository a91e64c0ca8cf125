/**
 * Instants to civil dates in Europe/Copenhagen (docs/methodology.md, convention 1).
 *
 * Copenhagen's UTC offset comes from a table shipped with the library (copenhagen-offsets.ts,
 * generated from the tz database with Denmark's own history), for every year 1900–2199. No result
 * depends on the runtime's time-zone data (ICU) or on the host's time zone: before 1970 some
 * runtimes give Copenhagen Berlin's history, which differs from Denmark's (1945-06-01T21:30Z is
 * 23:30 on 1 June in Copenhagen, but 00:30 on 2 June in Berlin).
 */
import { MAX_YEAR, MIN_YEAR, dayNumberFromCivil, type DayNumber } from './civil.js';
import { COPENHAGEN_OFFSET_1900, COPENHAGEN_OFFSET_CHANGES } from './copenhagen-offsets.js';

const MINUTES_PER_DAY = 1440;

/** The instants of the offset changes (UTC minutes, ascending) and the offset after each. */
const [CHANGE_AT, OFFSET_AFTER] = /* @__PURE__ */ (() => {
  const at = new Float64Array(COPENHAGEN_OFFSET_CHANGES.length);
  const offset = new Int16Array(COPENHAGEN_OFFSET_CHANGES.length);
  for (const [index, [minute, minutes]] of COPENHAGEN_OFFSET_CHANGES.entries()) {
    at[index] = minute;
    offset[index] = minutes;
  }
  return [at, offset] as const;
})();

/** The index below splits the years 1900–2199 into buckets of 2^16 minutes (about 45 days). */
const BUCKET_MINUTES = 65_536;
const FIRST_MINUTE = dayNumberFromCivil(MIN_YEAR, 1, 1) * MINUTES_PER_DAY;
const LAST_BUCKET = Math.floor((dayNumberFromCivil(MAX_YEAR + 1, 1, 1) * MINUTES_PER_DAY - 1 - FIRST_MINUTE) / BUCKET_MINUTES);

/**
 * Per bucket: how many changes come before its first minute. A lookup starts there and passes the
 * changes inside the bucket (at most one: changes are months apart), instead of searching.
 */
const CHANGES_BEFORE = /* @__PURE__ */ (() => {
  const before = new Uint16Array(LAST_BUCKET + 1);
  let count = 0;
  for (let bucket = 0; bucket <= LAST_BUCKET; bucket++) {
    while (count < CHANGE_AT.length && (CHANGE_AT[count] as number) < FIRST_MINUTE + bucket * BUCKET_MINUTES) count++;
    before[bucket] = count;
  }
  return before;
})();

/**
 * Copenhagen's UTC offset in minutes (60 or 120) at an instant given as minutes since 1970 UTC.
 * Before 1900 it is the offset of 1900-01-01, after 2199 that of 2199-12-31.
 *
 * @example
 * ```ts
 * copenhagenOffsetMinutes(dayNumberFromCivil(2024, 7, 1) * 1440); // 120
 * copenhagenOffsetMinutes(dayNumberFromCivil(1945, 6, 1) * 1440); // 120 (Berlin was at +3 hours then)
 * copenhagenOffsetMinutes(dayNumberFromCivil(1960, 7, 1) * 1440); // 60 (no summer time 1949–1979)
 * ```
 */
export function copenhagenOffsetMinutes(utcMinutes: number): number {
  const bucket = Math.floor((utcMinutes - FIRST_MINUTE) / BUCKET_MINUTES);
  // Instants outside 1900–2199 start from the first or the last bucket (NaN from the first).
  let passed = CHANGES_BEFORE[bucket > 0 ? Math.min(bucket, LAST_BUCKET) : 0] as number;
  while (passed < CHANGE_AT.length && (CHANGE_AT[passed] as number) <= utcMinutes) passed++;
  return passed === 0 ? COPENHAGEN_OFFSET_1900 : (OFFSET_AFTER[passed - 1] as number);
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
  return Math.floor((utcMinutes + copenhagenOffsetMinutes(utcMinutes)) / MINUTES_PER_DAY);
}

let intervals: readonly (readonly [number, number, number, number])[] | undefined;

/**
 * Copenhagen's offset as intervals that partition each UTC year 1900–2199: [utcYear, fromUtcMinute,
 * untilUtcMinute, offsetMinutes], sorted. Each year's intervals cover its minutes, from the first
 * minute of the year (UTC) up to the first minute of the next, without gaps or overlaps: an offset
 * in force across New Year is split there. For queries that join instants to offsets by year.
 *
 * @example
 * ```ts
 * const year2024 = copenhagenOffsetIntervals().filter(([year]) => year === 2024);
 * year2024.map(([, , , offset]) => offset); // [60, 120, 60]: CET, summer time from 31 March, CET from 27 October
 * year2024[1]?.[1] === dayNumberFromCivil(2024, 3, 31) * 1440 + 60; // true (01:00 UTC)
 * ```
 */
export function copenhagenOffsetIntervals(): readonly (readonly [number, number, number, number])[] {
  if (intervals !== undefined) return intervals;
  const rows: (readonly [number, number, number, number])[] = [];
  let next = 0; // the first change after the start of the year
  for (let year = MIN_YEAR; year <= MAX_YEAR; year++) {
    const start = dayNumberFromCivil(year, 1, 1) * MINUTES_PER_DAY;
    const end = dayNumberFromCivil(year + 1, 1, 1) * MINUTES_PER_DAY;
    while (next < CHANGE_AT.length && (CHANGE_AT[next] as number) <= start) next++;
    let from = start;
    let offset = copenhagenOffsetMinutes(start);
    for (; next < CHANGE_AT.length && (CHANGE_AT[next] as number) < end; next++) {
      const at = CHANGE_AT[next] as number;
      rows.push(Object.freeze([year, from, at, offset] as const));
      from = at;
      offset = OFFSET_AFTER[next] as number;
    }
    rows.push(Object.freeze([year, from, end, offset] as const));
  }
  intervals = Object.freeze(rows);
  return intervals;
}
