/**
 * The English words of documents and messages: one entry per key, with `{name}` where a parameter
 * goes. Every key here is also in the Danish catalogue (da.ts), with the same parameters.
 */
export const en = {
  // Shared words
  'status.met': 'met',
  'status.notMet': 'not met',
  'status.unknown': 'unknown',
  'status.open': 'open',
  'status.lost': 'lost',
  'unit.days': '{count} days',
  'unit.day': '{count} day',
  'unit.workingDays': '{count} working days',
  'unit.workingDay': '{count} working day',
  'unit.months': '{count} months',
  'unit.month': '{count} month',
  'unit.minutes': '{count} minutes',
  'month.1': 'January',
  'month.2': 'February',
  'month.3': 'March',
  'month.4': 'April',
  'month.5': 'May',
  'month.6': 'June',
  'month.7': 'July',
  'month.8': 'August',
  'month.9': 'September',
  'month.10': 'October',
  'month.11': 'November',
  'month.12': 'December',
  'quarter.label': 'Q{quarter}',

  // Drill-down: figures broken down by an attribute, and the cases behind them
  'breakdown.title': 'Broken down by {by}',
  'breakdown.period': '{plan}, {from} to {to}',
  'breakdown.intro': 'Each tier of the case targets broken down by {by}. Cases without a value are counted under {none}.',
  'breakdown.empty': 'No case was measured by a share target.',
  'breakdown.none': '(none)',
  'breakdown.total': 'Total',
  'breakdown.caseType': 'case type',
  'breakdown.tier': '{target}: ≤ {limit}, required {required}',
  'breakdown.column.target': 'target',
  'breakdown.column.label': 'label',
  'breakdown.column.tier': 'tier',
  'breakdown.column.limit': 'limit',
  'breakdown.column.unit': 'unit',
  'breakdown.column.required': 'required',
  'breakdown.column.by': 'broken down by',
  'breakdown.column.measured': 'measured',
  'breakdown.column.within': 'within',
  'breakdown.column.share': 'share',
  'breakdown.column.met': 'met',
} as const;

/** A catalogue: the words of every key of the English one, in one language. */
export type Catalogue = { readonly [K in keyof typeof en]: string };
