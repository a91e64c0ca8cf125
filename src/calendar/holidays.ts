/**
 * Where the calendar gets date-holidays from. The library imports it with the rest of its code
 * (so bundlers see it); the command line's build replaces this module with `holidays-lazy.ts`,
 * which loads it on first use, so runs that need no public holidays start without it.
 */
import Holidays from 'date-holidays';

/**
 * The date-holidays class.
 *
 * @example
 * ```ts
 * const HolidaysClass = holidaysClass();
 * new HolidaysClass('DK').getHolidays(2024);
 * ```
 */
export function holidaysClass(): typeof Holidays {
  return Holidays;
}
