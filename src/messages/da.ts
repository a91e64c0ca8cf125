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

  // HTML-dokumenter
  'html.generated': 'Dannet {at}',
  'html.required': 'krav {share}',
  'html.legend.required': 'krævet andel',
  'html.legend.share': 'andel',
  'html.legend.band': 'årets udgang: laveste til højeste mulige',
  'html.legend.estimate': 'forventet målopfyldelse',
  'html.axis.days': 'dage',
  'html.axis.workingDays': 'arbejdsdage',
  'html.axis.months': 'måneder',
  'html.axis.minutes': 'minutter',
  'html.axis.none': 'værdi',
  'html.nothingMeasured': 'intet målt',
};
