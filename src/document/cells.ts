/**
 * How a cell of a document is written: as a reader sees it (text, Markdown, HTML: numbers as the
 * document's language writes them, units in its words) and as a program reads it (CSV: plain
 * numbers rounded to the precision shown).
 */
import { csvNumber, formatAmount, formatCount, formatFixed, formatPoints, type CsvCell } from '../render/format.js';
import { formatDayNumber } from '../dates/civil.js';
import { message } from '../messages/catalogue.js';
import type { AmountUnit, Cell, CellStatus, DocumentLanguage } from './model.js';

/** The sign in front of a status's word in text: ✓ met, ✗ not met or lost, – unknown, ○ open. */
const STATUS_SIGNS: Readonly<Record<CellStatus, string>> = { met: '✓', notMet: '✗', unknown: '–', open: '○', lost: '✗' };

/** An amount with its unit in the document's language: `31 dage`, `1 day`, `109,9 days`. */
export function amountText(value: number, unit: AmountUnit, language: DocumentLanguage, decimals = 1): string {
  const number = formatAmount(value, language, decimals);
  const one = Number(value.toFixed(decimals)) === 1;
  switch (unit) {
    case 'none':
      return number;
    case 'days':
      return message(language, one ? 'unit.day' : 'unit.days', { count: number });
    case 'workingDays':
      return message(language, one ? 'unit.workingDay' : 'unit.workingDays', { count: number });
    case 'months':
      return message(language, one ? 'unit.month' : 'unit.months', { count: number });
    case 'minutes':
      return message(language, 'unit.minutes', { count: number });
  }
}

/** A share as a percentage with `decimals` decimals: 0.8532 → `85.3 %` (en), `85,3 %` (da). */
export function shareText(value: number, language: DocumentLanguage, decimals = 1): string {
  return `${formatFixed(roundTo(value * 100, decimals), language, decimals)} %`;
}

/** Rounds at `decimals` decimals as the renderers always have (`Math.round`). */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * A cell as a reader sees it: numbers with the language's marks (`12,345` / `12.345`), shares as
 * percentages, amounts with their unit, a status as its sign and word (`✓ met`), `–` for nothing.
 */
export function cellText(cell: Cell, language: DocumentLanguage): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
      return cell.value === null ? '–' : formatCount(cell.value, language);
    case 'share':
      return cell.value === null ? '–' : shareText(cell.value, language, cell.decimals ?? 1);
    case 'amount':
      return cell.value === null ? '–' : amountText(cell.value, cell.unit, language, cell.decimals ?? 1);
    case 'points':
      return formatPoints(cell.value, language);
    case 'date':
      return cell.day === null ? '–' : formatDayNumber(cell.day);
    case 'status':
      return `${STATUS_SIGNS[cell.status]} ${cell.text}`;
  }
}

/**
 * A cell as a program reads it from CSV: a count as it is, a share as a fraction rounded to the
 * precision shown (85.3 % → 0.853), an amount rounded to its decimals (as it is when it names
 * none), points to two decimals, a date as `YYYY-MM-DD`, a status as its word; empty for nothing.
 */
export function cellCsv(cell: Cell, language: DocumentLanguage): CsvCell {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
      return csvNumber(cell.value, language);
    case 'share':
      return csvNumber(cell.value === null ? null : roundTo(cell.value, (cell.decimals ?? 1) + 2), language);
    case 'amount':
      return csvNumber(cell.value === null || cell.decimals === undefined ? cell.value : roundTo(cell.value, cell.decimals), language);
    case 'points':
      return csvNumber(cell.value === null ? null : roundTo(cell.value, 2), language);
    case 'date':
      return cell.day === null ? '' : formatDayNumber(cell.day);
    case 'status':
      return cell.text;
  }
}
