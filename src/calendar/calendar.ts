import { danishPublicHolidays, holidaySource, type HolidayList, type HolidaySourceHandle } from './holidays.js';
import { civilFromDayNumber, dayNumberFromCivil, formatDayNumber, isValidCivilDate, MAX_YEAR, MIN_YEAR, weekday, type DayNumber } from '../dates/civil.js';
import { parseDate, type DateInput } from '../dates/parse.js';
import { fail, ServicemaalError, type Issue } from '../errors.js';

/**
 * How to build a working-day calendar. All fields are optional: the default is Monday–Friday
 * without the Danish public holidays (date-holidays `DK`, type `public`, built in for 1900–2199)
 * and no closing days.
 *
 * @example
 * ```ts
 * const options: CalendarOptions = { closingDays: ['state', '05-01'], weekend: [0, 6] };
 * createCalendar(options).name; // 'DK+state+1 closing day'
 * ```
 */
export interface CalendarOptions {
  /** A name for reports (default: derived from the options, e.g. `DK+state`). */
  name?: string | undefined;
  /**
   * Country whose public holidays are closed (date-holidays code, default `DK`); `null` for none.
   * Denmark's are built in; any other country needs a holiday source (see {@link useHolidays}).
   */
  country?: string | null | undefined;
  /** Optional subdivision of the country (date-holidays state code); needs a holiday source. */
  state?: string | undefined;
  /**
   * Extra closing days: `'state'` (the state's usual closing days: 24 and 31 December and 5 June),
   * or a list of dates `YYYY-MM-DD`, yearly dates `MM-DD` and/or the word `'state'`.
   */
  closingDays?: 'state' | readonly string[] | undefined;
  /** Weekdays that are never working days, 0 = Sunday … 6 = Saturday (default `[0, 6]`). */
  weekend?: readonly number[] | undefined;
}

/**
 * Calendar options with every default filled in and closing days expanded (sorted, unique).
 *
 * @example
 * ```ts
 * const options: NormalisedCalendarOptions = createCalendar({ closingDays: 'state' }).options;
 * options; // { country: 'DK', state: null, closingDays: ['06-05', '12-24', '12-31'], weekend: [0, 6] }
 * ```
 */
export interface NormalisedCalendarOptions {
  country: string | null;
  state: string | null;
  /** `YYYY-MM-DD` dates and yearly `MM-DD` dates. */
  closingDays: string[];
  weekend: number[];
}

/**
 * The state's usual closing days besides public holidays, as yearly `MM-DD` dates: 5 June
 * (Grundlovsdag), 24 December and 31 December. `closingDays: 'state'` adds them.
 *
 * @example
 * ```ts
 * createCalendar({ closingDays: [...STATE_CLOSING_DAYS, '2024-05-10'] }).isWorkingDay(toDayNumber('2024-05-10')); // false
 * ```
 */
export const STATE_CLOSING_DAYS: readonly string[] = ['06-05', '12-24', '12-31'];

/**
 * A working-day calendar, made by {@link createCalendar}. Working days are computed from per-year
 * tables built once per calendar (the holidays of a year are looked up once, never per record or
 * per day), and differences are O(1) look-ups in a running count.
 *
 * @example
 * ```ts
 * const calendar: Calendar = createCalendar();
 * calendar.isWorkingDay(toDayNumber('2024-04-01')); // false: Easter Monday
 * calendar.workingDaysBetween(toDayNumber('2024-03-27'), toDayNumber('2024-04-02')); // 1
 * formatDayNumber(calendar.addWorkingDays(toDayNumber('2024-03-27'), 1)); // '2024-04-02'
 * ```
 */
export interface Calendar {
  /** Name for reports. */
  readonly name: string;
  /** The options the calendar was built from, normalised (JSON-serialisable). */
  readonly options: NormalisedCalendarOptions;
  /** Whether a day is a working day. */
  isWorkingDay(day: DayNumber): boolean;
  /**
   * Working days after `from` up to and including `to` (convention 5 of docs/methodology.md);
   * negative when `to` is before `from`.
   */
  workingDaysBetween(from: DayNumber, to: DayNumber): number;
  /** The day `count` working days after `from` (`count` 0 gives `from` itself). */
  addWorkingDays(from: DayNumber, count: number): DayNumber;
  /** The closed weekdays (public holidays and closing days on Monday–Friday) of a year, as ISO dates. */
  closedWeekdays(year: number): string[];
}

/** A cached calendar and the holiday source it was made with (`null`: it needs none). */
interface Cached {
  calendar: Calendar;
  source: HolidaySourceHandle | null;
}

const cache = new Map<string, Cached>();

/** The cached calendar under a key, unless it was made with a holiday source that is no longer the registered one. */
function cached(key: string): Calendar | undefined {
  const entry = cache.get(key);
  return entry !== undefined && (entry.source === null || entry.source === holidaySource()) ? entry.calendar : undefined;
}

/**
 * Creates (or returns the cached) working-day calendar for the options. Calendars are cached by
 * their options; one that uses a holiday source (any country but Denmark without a `state`) is
 * reused only while that source is still the one {@link useHolidays} registered.
 *
 * @throws {ServicemaalError} `invalid_option` for an unknown country, a country other than Denmark
 * (or a `state`) while no holiday source is registered, or a malformed closing day.
 * @example
 * ```ts
 * const state = createCalendar({ closingDays: 'state' });
 * state.isWorkingDay(toDayNumber('2024-12-24')); // false
 * createCalendar().isWorkingDay(toDayNumber('2024-12-24')); // true: an observance, not a public holiday
 * ```
 */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  const given = `given:${JSON.stringify(options)}`;
  const known = cached(given);
  if (known !== undefined) return known;
  const [normalised, source] = normaliseOptions(options);
  const key = JSON.stringify({ ...normalised, name: options.name ?? null });
  let calendar = cached(key);
  if (calendar === undefined) {
    calendar = buildCalendar(normalised, options.name ?? defaultName(normalised), source);
    cache.set(key, { calendar, source });
  }
  cache.set(given, { calendar, source });
  return calendar;
}

/**
 * Working days after `from` up to and including `to`, for date values as case records carry them.
 * The default calendar is Monday–Friday without Danish public holidays.
 *
 * @example
 * ```ts
 * workingDaysBetween('2024-03-27', '2024-04-02'); // 1: Maundy Thursday to Easter Monday are closed
 * workingDaysBetween('2024-12-23', '2024-12-27', createCalendar({ closingDays: 'state' })); // 1
 * ```
 */
export function workingDaysBetween(from: DateInput, to: DateInput, calendar: Calendar = createCalendar()): number {
  return calendar.workingDaysBetween(dayOf(from, 'from'), dayOf(to, 'to'));
}

function dayOf(value: DateInput, field: string): DayNumber {
  const day = parseDate(value);
  if (typeof day === 'number') return day;
  return fail(day.code, `${field} ${day.message}`, [field]);
}

type Normalised = NormalisedCalendarOptions;

/** How to supply a holiday source, for error messages. */
const SUPPLY_SOURCE = "supply one once with `import Holidays from 'date-holidays'; useHolidays(Holidays);`";

/** The options with defaults filled in, and the holiday source the calendar will use (`null`: none needed). */
function normaliseOptions(options: CalendarOptions): [Normalised, HolidaySourceHandle | null] {
  const issues: Issue[] = [];
  const country = options.country === undefined ? 'DK' : options.country;
  const state = options.state ?? null;
  // Denmark without a subdivision, the default, is built in; every other country needs the registered source.
  const source = country === null || (country === 'DK' && state === null) ? null : holidaySource();
  if (country !== null && (country !== 'DK' || state !== null) && source === null) {
    issues.push(
      state === null
        ? { code: 'invalid_option', message: `public holidays of "${country}" need a holiday source (only Denmark's are built in): ${SUPPLY_SOURCE}`, path: ['calendar', 'country'] }
        : { code: 'invalid_option', message: `public holidays of state "${state}" of ${country} need a holiday source: ${SUPPLY_SOURCE}`, path: ['calendar', 'state'] },
    );
  }
  if (source !== null && country !== null) {
    const HolidaySource = source.get();
    const known = new HolidaySource();
    if (!Object.hasOwn(known.getCountries(), country)) {
      issues.push({ code: 'invalid_option', message: `unknown country "${country}" for public holidays`, path: ['calendar', 'country'] });
    }
    else if (state !== null && !Object.hasOwn(known.getStates(country) ?? {}, state)) {
      issues.push({ code: 'invalid_option', message: `unknown state "${state}" of ${country}`, path: ['calendar', 'state'] });
    }
  }
  const listed = options.closingDays === undefined ? [] : options.closingDays === 'state' ? ['state'] : [...options.closingDays];
  const closingDays = [...new Set(listed.flatMap((entry) => (entry === 'state' ? STATE_CLOSING_DAYS : [entry])))].sort();
  closingDays.forEach((entry, index) => {
    if (!isClosingDay(entry)) {
      issues.push({
        code: 'invalid_option',
        message: `closing day "${entry}" is not "state", a date YYYY-MM-DD or a yearly date MM-DD`,
        path: ['calendar', 'closingDays', index],
      });
    }
  });
  const weekend = [...new Set(options.weekend ?? [0, 6])].sort();
  if (weekend.some((day) => !Number.isInteger(day) || day < 0 || day > 6) || weekend.length > 6) {
    issues.push({ code: 'invalid_option', message: 'weekend must list weekdays 0 (Sunday) to 6 (Saturday), not all seven', path: ['calendar', 'weekend'] });
  }
  if (issues.length > 0) throw new ServicemaalError(issues);
  return [{ country, state, closingDays, weekend }, source];
}

function isClosingDay(entry: string): boolean {
  if (/^\d{2}-\d{2}$/.test(entry)) return typeof parseDate(`2024-${entry}`) === 'number';
  return /^\d{4}-\d{2}-\d{2}$/.test(entry) && typeof parseDate(entry) === 'number';
}

function defaultName(options: Normalised): string {
  const parts = [options.state === null ? (options.country ?? 'no-holidays') : `${options.country ?? 'no-holidays'}-${options.state}`];
  const preset = STATE_CLOSING_DAYS.every((day) => options.closingDays.includes(day));
  const others = options.closingDays.filter((day) => !(preset && STATE_CLOSING_DAYS.includes(day)));
  if (preset) parts.push('state');
  if (others.length > 0) parts.push(`${others.length} closing day${others.length === 1 ? '' : 's'}`);
  return parts.join('+');
}

function buildCalendar(options: Normalised, name: string, source: HolidaySourceHandle | null): Calendar {
  // Made when the first year's holidays are needed.
  let holidays: HolidayList | null = null;
  const weekend = new Set(options.weekend);

  /** Closed days of a year (holidays and closing days), as day numbers. */
  const closedDays = (year: number): Set<DayNumber> => {
    const closed = new Set<DayNumber>();
    if (source !== null && options.country !== null) {
      const HolidaySource = source.get();
      holidays ??= options.state === null ? new HolidaySource(options.country) : new HolidaySource(options.country, options.state);
      for (const holiday of holidays.getHolidays(year)) {
        // `date` is the local civil date as text ("2024-03-29 00:00:00"), independent of the host TZ.
        if (holiday.type === 'public') closed.add(dayFromText(holiday.date.slice(0, 10)));
      }
    }
    else if (options.country !== null) {
      for (const day of danishPublicHolidays(year)) closed.add(day);
    }
    for (const entry of options.closingDays) {
      if (entry.length === 5) {
        // A yearly date: 29 February closes only leap years.
        const [month, day] = entry.split('-').map(Number) as [number, number];
        if (isValidCivilDate(year, month, day)) closed.add(dayNumberFromCivil(year, month, day));
      }
      else if (entry.startsWith(`${year}-`)) closed.add(dayFromText(entry));
    }
    return closed;
  };

  // Running count of working days over a contiguous range of whole years, extended on demand.
  // Counts are anchored at the first year ever built (count 0 on the day before it starts), so a
  // value never changes when the range grows: running[i] = count on day rangeStart + i.
  let anchorYear: number | null = null;
  let firstYear = 0;
  let lastYear = -1;
  let rangeStart = 0;
  let running = new Int32Array(0);
  const closedByYear = new Map<number, Set<DayNumber>>();
  const totals = new Map<number, number>();

  const closedOf = (year: number): Set<DayNumber> => {
    let closed = closedByYear.get(year);
    if (closed === undefined) {
      closed = closedDays(year);
      closedByYear.set(year, closed);
    }
    return closed;
  };
  const isOpen = (day: DayNumber, closed: Set<DayNumber>): boolean => !weekend.has(weekday(day)) && !closed.has(day);
  const totalOf = (year: number): number => {
    let total = totals.get(year);
    if (total === undefined) {
      const closed = closedOf(year);
      total = 0;
      for (let day = dayNumberFromCivil(year, 1, 1), end = dayNumberFromCivil(year, 12, 31); day <= end; day++) {
        if (isOpen(day, closed)) total++;
      }
      totals.set(year, total);
    }
    return total;
  };

  const cover = (year: number): void => {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      fail('date_out_of_range', `working days are available for the years ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
    }
    if (year >= firstYear && year <= lastYear) return;
    const anchor = anchorYear ?? year;
    anchorYear = anchor;
    const from = lastYear < firstYear ? year : Math.min(firstYear, year);
    const to = lastYear < firstYear ? year : Math.max(lastYear, year);
    const start = dayNumberFromCivil(from, 1, 1);
    const next = new Int32Array(dayNumberFromCivil(to, 12, 31) - start + 1);
    let count = 0;
    for (let y = from; y < anchor; y++) count -= totalOf(y);
    for (let y = from; y <= to; y++) {
      const closed = closedOf(y);
      for (let day = dayNumberFromCivil(y, 1, 1), end = dayNumberFromCivil(y, 12, 31); day <= end; day++) {
        if (isOpen(day, closed)) count++;
        next[day - start] = count;
      }
    }
    [firstYear, lastYear, rangeStart, running] = [from, to, start, next];
  };

  const countTo = (day: DayNumber): number => {
    let index = day - rangeStart;
    if (index < 0 || index >= running.length) {
      cover(civilFromDayNumber(day).year);
      index = day - rangeStart;
    }
    return running[index] ?? 0;
  };

  const calendar: Calendar = {
    name,
    options,
    isWorkingDay(day) {
      const { year } = civilFromDayNumber(day);
      cover(year);
      return isOpen(day, closedOf(year));
    },
    workingDaysBetween: (from, to) => countTo(to) - countTo(from),
    addWorkingDays(from, count) {
      if (!Number.isInteger(count) || count < 0) fail('invalid_option', `working days to add must be a whole number ≥ 0, got ${count}`);
      const target = countTo(from) + count;
      if (count === 0) return from;
      // Working days are at least 1 in 7 a week (weekend ≤ 6 days) apart but holidays can cluster:
      // step a year at a time to make sure the range covers the answer, then search.
      let high = from + count;
      while (countTo(high) < target) high += 366;
      let low = from;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (countTo(middle) >= target) high = middle;
        else low = middle;
      }
      return high;
    },
    closedWeekdays(year) {
      cover(year);
      return [...(closedByYear.get(year) ?? [])]
        .filter((day) => !weekend.has(weekday(day)))
        .sort((a, b) => a - b)
        .map(formatDayNumber);
    },
  };
  return calendar;
}

function dayFromText(text: string): DayNumber {
  const day = parseDate(text);
  if (typeof day !== 'number') return fail('invalid_option', `calendar date ${day.message}`);
  return day;
}
