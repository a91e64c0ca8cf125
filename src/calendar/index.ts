export { createCalendar, workingDaysBetween, STATE_CLOSING_DAYS, type Calendar, type CalendarOptions, type NormalisedCalendarOptions } from './calendar.js';
