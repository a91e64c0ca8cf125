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

  // HTML documents
  'html.generated': 'Generated {at}',
  'html.required': 'required {share}',
  'html.legend.required': 'required share',
  'html.legend.share': 'share',
  'html.legend.band': 'year end: lowest to highest possible',
  'html.legend.estimate': 'expected result',
  'html.axis.days': 'days',
  'html.axis.workingDays': 'working days',
  'html.axis.months': 'months',
  'html.axis.minutes': 'minutes',
  'html.axis.none': 'value',
  'html.nothingMeasured': 'nothing measured',
} as const;

/** A catalogue: the words of every key of the English one, in one language. */
export type Catalogue = { readonly [K in keyof typeof en]: string };
