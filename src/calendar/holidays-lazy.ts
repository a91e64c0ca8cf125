/**
 * The command line's `holidays.ts` (its build puts this module in that one's place): loads
 * date-holidays (its CommonJS build, synchronously) the first time a calendar needs public
 * holidays, so runs that need none start without it.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

let loaded: typeof Holidays | undefined;

/**
 * The date-holidays class, loaded on first use.
 *
 * @example
 * ```ts
 * const HolidaysClass = holidaysClass(); // loads date-holidays now
 * new HolidaysClass('DK').getHolidays(2024);
 * ```
 */
export function holidaysClass(): typeof Holidays {
  loaded ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return loaded;
}
