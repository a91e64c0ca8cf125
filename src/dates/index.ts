export * from './civil.js';
export { copenhagenDayFromUtcMinutes } from './copenhagen.js';
export { parseDate, parseInstant, toDayNumber, type DateInput, type DateProblem } from './parse.js';
export { addMonths } from './months.js';
export { parsePeriod, type Period, type PeriodInput } from './periods.js';
