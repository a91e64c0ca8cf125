/**
 * Where a calendar's public holidays come from: Denmark's from the built-in table
 * (`dk-holidays.ts`), every other country's from a holiday source the user supplies once with
 * {@link useHolidays} (the date-holidays class, or anything shaped like it). The library itself never
 * imports date-holidays, so bundles for browsers stay small.
 */
import { dayNumberFromCivil, type DayNumber } from '../dates/civil.js';
import { fail } from '../errors.js';
import { DK_PUBLIC_HOLIDAYS, DK_PUBLIC_HOLIDAYS_FIRST_YEAR } from './dk-holidays.js';

/**
 * One holiday as a holiday source lists it: its civil date as text, starting `YYYY-MM-DD`, and its type.
 *
 * @example
 * ```ts
 * const nationalDay: SourceHoliday = { date: '2024-06-06 00:00:00', type: 'public' };
 * nationalDay.date.slice(0, 10); // '2024-06-06'
 * ```
 */
export interface SourceHoliday {
  /** The civil date, `YYYY-MM-DD` (date-holidays writes `YYYY-MM-DD hh:mm:ss`; only the first ten characters count). */
  readonly date: string;
  /** The holiday's type; a calendar closes the days of type `'public'` only. */
  readonly type: string;
}

/**
 * The holidays of one country (and subdivision), as an instance of a {@link HolidaySource} gives them.
 *
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 *
 * const sweden: HolidayList = new Holidays('SE');
 * sweden.getHolidays(2024).some((holiday) => holiday.date.startsWith('2024-06-06') && holiday.type === 'public'); // true
 * ```
 */
export interface HolidayList {
  /** The holidays of a year, of every type. */
  getHolidays(year: number): readonly SourceHoliday[];
  /** The known countries, by code (`{ DK: 'Danmark', SE: 'Sverige', … }`). */
  getCountries(): Readonly<Record<string, string>>;
  /** The known subdivisions of a country, by code; `undefined` (or empty) when it has none. */
  getStates(country: string): Readonly<Record<string, string>> | undefined;
}

/**
 * A class that lists public holidays, shaped like the default export of
 * [date-holidays](https://github.com/commenthol/date-holidays): `new Source(country)` and
 * `new Source(country, state)` list the holidays of a country or of one of its subdivisions, and
 * `new Source()` answers which countries and subdivisions exist.
 *
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * import { useHolidays, type HolidaySource } from 'servicemaal';
 *
 * const source: HolidaySource = Holidays;
 * useHolidays(source);
 * createCalendar({ country: 'SE' }).isWorkingDay(toDayNumber('2024-06-06')); // false: Sweden's national day
 * ```
 */
export type HolidaySource = (new () => HolidayList) & (new (country: string) => HolidayList) & (new (country: string, state: string) => HolidayList);

/**
 * A holiday source that is loaded the first time a calendar needs it: `load` is called at most
 * once, when a calendar other than the built-in Danish one is first created. In Node.js,
 * `{ load: () => createRequire(import.meta.url)('date-holidays') as HolidaySource }` loads
 * date-holidays only then.
 *
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * import { createCalendar, useHolidays, type HolidaySourceLoader } from 'servicemaal';
 *
 * let loads = 0;
 * const onDemand: HolidaySourceLoader = {
 *   load: () => {
 *     loads += 1;
 *     return Holidays;
 *   },
 * };
 * useHolidays(onDemand);
 * createCalendar({ closingDays: 'state' }).name; // 'DK+state'
 * loads; // 0
 * createCalendar({ country: 'NO' }).name; // 'NO'
 * loads; // 1
 * ```
 */
export interface HolidaySourceLoader {
  /** Returns the holiday source; called at most once. */
  load(): HolidaySource;
}

/**
 * A registered source, loaded on first use (internal: calendars keep the one they were made with).
 *
 * @example
 * ```ts
 * const HolidaySource = holidaySource()?.get(); // loads a source given as { load } now
 * ```
 */
export interface HolidaySourceHandle {
  /** The source's class, loaded now if it was given as a loader. */
  get(): HolidaySource;
}

let registered: HolidaySource | HolidaySourceLoader | null = null;
let handle: HolidaySourceHandle | null = null;

/**
 * Supplies the public holidays of countries other than Denmark: pass the
 * [date-holidays](https://github.com/commenthol/date-holidays) class (a runtime dependency of this
 * package, so it is installed already), or `{ load }` to load it only when a calendar first needs
 * it, or `null` to remove the source. Call it once, before creating calendars or plans for other
 * countries.
 *
 * Denmark's public holidays (country `'DK'` without a `state`, the default) are built in and never
 * use the source. Every other country, and `'DK'` with a `state`, needs one: without it
 * `createCalendar` throws `invalid_option` (and `definePlan` `invalid_plan`, at the plan's or
 * target's calendar).
 *
 * `createCalendar` answers with the source registered at the time of the call: calendars are cached
 * by their options, and a cached calendar that uses a source is reused only while that source is
 * still the registered one. A calendar (or a defined plan) already made keeps the source it was
 * made with. Registering the same source again changes nothing.
 *
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * import { createCalendar, useHolidays, workingDaysBetween } from 'servicemaal';
 *
 * useHolidays(Holidays);
 * const sweden = createCalendar({ country: 'SE' });
 * workingDaysBetween('2024-06-05', '2024-06-07', sweden); // 1: Thursday 6 June is Sweden's national day
 * ```
 */
export function useHolidays(source: HolidaySource | HolidaySourceLoader | null): void {
  if (source === registered) return;
  registered = source;
  if (source === null) {
    handle = null;
    return;
  }
  const load = typeof source === 'function' ? () => source : () => source.load();
  let loaded: HolidaySource | null = null;
  handle = {
    get() {
      loaded ??= load();
      return loaded;
    },
  };
}

/**
 * The registered holiday source, or `null` when none is (internal).
 *
 * @example
 * ```ts
 * useHolidays(null);
 * holidaySource(); // null
 * ```
 */
export function holidaySource(): HolidaySourceHandle | null {
  return handle;
}

/**
 * Denmark's public holidays (date-holidays `DK`, type `public`) in a year from
 * `DK_PUBLIC_HOLIDAYS_FIRST_YEAR` to its last year, as day numbers in ascending order (internal).
 *
 * @throws {ServicemaalError} `date_out_of_range` for a year outside the table.
 * @example
 * ```ts
 * danishPublicHolidays(2024).map(formatDayNumber).slice(0, 3); // ['2024-01-01', '2024-03-28', '2024-03-29']
 * ```
 */
export function danishPublicHolidays(year: number): DayNumber[] {
  const encoded = DK_PUBLIC_HOLIDAYS[year - DK_PUBLIC_HOLIDAYS_FIRST_YEAR];
  if (encoded === undefined) return fail('date_out_of_range', `Danish public holidays are tabled for the years ${DK_PUBLIC_HOLIDAYS_FIRST_YEAR}–${DK_PUBLIC_HOLIDAYS_FIRST_YEAR + DK_PUBLIC_HOLIDAYS.length - 1}, not ${year}`);
  const newYearsEve = dayNumberFromCivil(year, 1, 1) - 1;
  const days: DayNumber[] = [];
  for (let index = 0; index < encoded.length; index += 2) days.push(newYearsEve + Number.parseInt(encoded.slice(index, index + 2), 36));
  return days;
}
