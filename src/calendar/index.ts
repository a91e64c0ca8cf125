export { createCalendar, workingDaysBetween, STATE_CLOSING_DAYS, type Calendar, type CalendarOptions, type NormalisedCalendarOptions } from './calendar.js';
export { useHolidays, type HolidayList, type HolidaySource, type HolidaySourceLoader, type SourceHoliday } from './holidays.js';
