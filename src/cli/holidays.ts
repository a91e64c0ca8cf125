/**
 * date-holidays as a holiday source that is loaded (its CommonJS build, synchronously) the first
 * time a calendar needs another country's public holidays. The command line registers it, so runs
 * that count calendar days or only Danish working days start without loading date-holidays.
 * Node.js only; the library itself does not import this module.
 */
import { createRequire } from 'node:module';
import type { HolidaySource, HolidaySourceLoader } from '../calendar/holidays.js';

/**
 * date-holidays, loaded on first use.
 *
 * @example
 * ```ts
 * useHolidays(DATE_HOLIDAYS_ON_DEMAND); // date-holidays is loaded when a calendar first needs it
 * ```
 */
export const DATE_HOLIDAYS_ON_DEMAND: HolidaySourceLoader = {
  load: () => createRequire(import.meta.url)('date-holidays') as HolidaySource,
};
