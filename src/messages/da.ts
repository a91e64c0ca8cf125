/**
 * De danske ord i dokumenter og meddelelser: én post pr. nøgle, med `{navn}` hvor en parameter
 * indsættes. Nøglerne og parametrene er de samme som i det engelske katalog (en.ts).
 */
import type { Catalogue } from './en.js';

export const da: Catalogue = {
  // Fælles ord
  'status.met': 'opfyldt',
  'status.notMet': 'ikke opfyldt',
  'status.unknown': 'ukendt',
  'status.open': 'åben',
  'status.lost': 'tabt',
  'unit.days': '{count} dage',
  'unit.day': '{count} dag',
  'unit.workingDays': '{count} arbejdsdage',
  'unit.workingDay': '{count} arbejdsdag',
  'unit.months': '{count} måneder',
  'unit.month': '{count} måned',
  'unit.minutes': '{count} minutter',
  'month.1': 'januar',
  'month.2': 'februar',
  'month.3': 'marts',
  'month.4': 'april',
  'month.5': 'maj',
  'month.6': 'juni',
  'month.7': 'juli',
  'month.8': 'august',
  'month.9': 'september',
  'month.10': 'oktober',
  'month.11': 'november',
  'month.12': 'december',
  'quarter.label': '{quarter}. kvt.',

  // Drill-down: figures broken down by an attribute, and the cases behind them
  'breakdown.title': 'Fordelt på {by}',
  'breakdown.period': '{plan}, {from} til {to}',
  'breakdown.intro': 'Hvert trin af sagsmålene fordelt på {by}. Sager uden en værdi tælles under {none}.',
  'breakdown.empty': 'Ingen sager er målt af et mål for andel.',
  'breakdown.none': '(ingen)',
  'breakdown.total': 'I alt',
  'breakdown.caseType': 'sagstype',
  'breakdown.tier': '{target}: ≤ {limit}, krav {required}',
  'breakdown.column.target': 'mål',
  'breakdown.column.label': 'betegnelse',
  'breakdown.column.tier': 'trin',
  'breakdown.column.limit': 'frist',
  'breakdown.column.unit': 'enhed',
  'breakdown.column.required': 'krav',
  'breakdown.column.by': 'fordelt på',
  'breakdown.column.measured': 'målt',
  'breakdown.column.within': 'inden for',
  'breakdown.column.share': 'andel',
  'breakdown.column.met': 'opfyldt',
};
