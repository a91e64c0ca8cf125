/**
 * A document as an Excel workbook (`.xlsx`), written with exceljs, which is loaded only when a
 * workbook is made (so the library itself, and browser bundles, never include it).
 */
import { message } from '../messages/catalogue.js';
import { cellText } from './cells.js';
import type { AmountUnit, Cell, DocumentLanguage, ReportDocument } from './model.js';
import { isLazy } from './render-text.js';

/**
 * Options of {@link renderDocumentXlsx}: `generatedAt`, an ISO date or timestamp, becomes the
 * workbook's created and modified dates (default: a fixed date, 2000-01-01, so that the same
 * document always gives the same bytes).
 *
 * @example
 * ```ts
 * const options: DocumentXlsxOptions = { generatedAt: '2026-03-31T12:00:00Z' };
 * options.generatedAt; // '2026-03-31T12:00:00Z'
 * ```
 */
export interface DocumentXlsxOptions {
  generatedAt?: string | undefined;
}

/** Excel's limit on a sheet name, and the characters a name cannot hold. */
const SHEET_NAME_LENGTH = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** The serial number Excel gives 1970-01-01 (day number 0). */
const EXCEL_DAY_ZERO = 25_569;

/** The narrowest and widest columns, in characters. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** The time written into the ZIP entries: 1 January 2000, 00:00 (MS-DOS date and time fields). */
const ZIP_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const ZIP_TIME = 0;
const DEFAULT_DATE = '2000-01-01T00:00:00Z';

/**
 * A valid sheet name made from a title: the characters Excel forbids (`[]:*?/\`) as spaces, no
 * apostrophe at either end, at most 31 characters, and unlike every name taken so far (compared
 * without regard to case, as Excel does), by a number in brackets: `Mål (2)`.
 */
export function sheetName(title: string, taken: Set<string>, fallback = 'Sheet'): string {
  let base = title.replace(SHEET_NAME_FORBIDDEN, ' ').replace(/\p{Cc}/gu, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '') base = fallback;
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points: a name is cut between characters, never inside one
  const cut = (text: string, length: number): string => [...text].slice(0, length).join('').trim();
  let name = cut(base, SHEET_NAME_LENGTH);
  for (let number = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; number++) {
    const suffix = ` (${String(number)})`;
    name = `${cut(base, SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** A number format's literal text, quoted for Excel. */
function quoted(text: string): string {
  return text === '' ? '' : `"${text.replace(/"/g, '')}"`;
}

/** The words around a number in a unit (`31 dage` → `['', ' dage']`), from the catalogue. */
function unitWords(language: DocumentLanguage, key: 'unit.days' | 'unit.day' | 'unit.workingDays' | 'unit.workingDay' | 'unit.months' | 'unit.month' | 'unit.minutes'): [string, string] {
  const [before = '', after = ''] = message(language, key, { count: '\u0000' }).split('\u0000');
  return [before, after];
}

const UNIT_KEYS = {
  days: ['unit.day', 'unit.days'],
  workingDays: ['unit.workingDay', 'unit.workingDays'],
  months: ['unit.month', 'unit.months'],
  minutes: ['unit.minutes', 'unit.minutes'],
} as const;

/** The number format of an amount: its unit in the document's language (`31 dage`, `1 dag`), the number a number. */
function amountFormat(unit: AmountUnit, decimals: number, language: DocumentLanguage): string {
  const digits = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  if (unit === 'none') return digits;
  const [singularKey, pluralKey] = UNIT_KEYS[unit];
  const [before, after] = unitWords(language, pluralKey);
  const plural = `${quoted(before)}${digits}${quoted(after)}`;
  if (decimals > 0) return plural;
  const [oneBefore, oneAfter] = unitWords(language, singularKey);
  return `[=1]${quoted(oneBefore)}0${quoted(oneAfter)};${plural}`;
}

/** The value and number format of a typed cell; `null` values are empty cells. */
function excelValue(cell: Cell, language: DocumentLanguage): { value: string | number | null; format?: string } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.text };
    case 'status':
      return { value: cell.text };
    case 'count':
      return { value: cell.value, format: '#,##0' };
    case 'share': {
      const decimals = cell.decimals ?? 1;
      return { value: cell.value, format: decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%' };
    }
    case 'amount':
      return { value: cell.value, format: amountFormat(cell.unit, cell.decimals ?? (cell.unit === 'days' || cell.unit === 'workingDays' ? 0 : 1), language) };
    case 'points':
      return { value: cell.value, format: '0.00' };
    case 'date':
      // A date cell is its serial number (days since 30 December 1899) with a date format.
      return { value: cell.day === null ? null : cell.day + EXCEL_DAY_ZERO, format: 'yyyy-mm-dd' };
  }
}

/** The minimal exceljs surface used here. */
interface XlsxCell {
  value: unknown;
  numFmt: string;
  font: unknown;
  alignment: unknown;
}
interface XlsxRow {
  getCell(column: number): XlsxCell;
  font: unknown;
}
interface XlsxSheet {
  addRow(values: unknown[]): XlsxRow;
  getColumn(column: number): { width: number | undefined };
  views: unknown[];
}

/** Writes one typed cell into a sheet cell, returning its width in characters. */
function putCell(target: XlsxCell, cell: Cell, language: DocumentLanguage): number {
  const { value, format } = excelValue(cell, language);
  // Text is always written as text (a shared string), never as a formula, whatever it begins with.
  target.value = value;
  if (format !== undefined && value !== null) target.numFmt = format;
  return value === null ? 0 : cellText(cell, language).length;
}

/**
 * A document as an Excel workbook: a first sheet with the document's title, subtitle and, section
 * by section, its texts, facts (label and typed value) and notes, naming the sheet of each table;
 * then one sheet per table (tables for readers only, `use: 'reading'`, and charts are left out: their
 * figures are in the other tables), named after the table's title (made a valid, unique sheet name:
 * `[]:*?/\` as spaces, at most 31 characters, `(2)` after a name taken). A table's sheet has its
 * column titles as a frozen header row and its cells typed: counts as numbers (`#,##0`), shares as fractions shown as percentages (`0.0%`), points
 * (`0.00`), amounts as numbers shown with their unit (`31 dage`), dates as date cells
 * (`yyyy-mm-dd`), texts and statuses as text — never as formulas, whatever they begin with. Columns
 * are as wide as their content (8 to 60 characters).
 *
 * The same document and options give the same bytes: the workbook's dates are `generatedAt` (or a
 * fixed date) and the dates of its ZIP entries are fixed. Resolves to the bytes of the `.xlsx` file.
 * exceljs is loaded when the first workbook is made.
 *
 * @example
 * ```ts
 * const document: ReportDocument = {
 *   language: 'da',
 *   title: 'Servicemål 2023',
 *   subtitle: '1. januar – 30. september 2023',
 *   sections: [{
 *     id: 'targets', title: 'Mål',
 *     blocks: [
 *       { kind: 'facts', items: [{ key: 'as_of', label: 'Opgjort pr.', value: { kind: 'date', day: 19630 } }] },
 *       {
 *         kind: 'table', id: 'targets', title: 'Mål: andel inden for fristen',
 *         columns: [{ key: 'target', title: 'mål', align: 'left' }, { key: 'share', title: 'andel', align: 'right' }],
 *         rows: [[{ kind: 'text', text: 'Fast-track' }, { kind: 'share', value: 0.853 }]],
 *       },
 *     ],
 *   }],
 * };
 * const bytes = await renderDocumentXlsx(document);
 * [bytes[0], bytes[1]]; // [0x50, 0x4b]: a ZIP archive, as every workbook is
 * Buffer.from(await renderDocumentXlsx(document)).equals(Buffer.from(bytes)); // true
 * ```
 */
export async function renderDocumentXlsx(document: ReportDocument, options: DocumentXlsxOptions = {}): Promise<Uint8Array> {
  const loaded = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  const exceljs = loaded.default ?? loaded;
  const workbook = new exceljs.Workbook();
  const when = new Date(options.generatedAt ?? DEFAULT_DATE);
  if (Number.isNaN(when.getTime())) throw new RangeError(`generatedAt must be an ISO date or timestamp, got "${String(options.generatedAt)}"`);
  workbook.creator = 'servicemaal';
  workbook.created = when;
  workbook.modified = when;
  const { language } = document;
  const taken = new Set<string>();
  const first = workbook.addWorksheet(sheetName(message(language, 'xlsx.summarySheet'), taken)) as unknown as XlsxSheet;
  const firstWidths: number[] = [0, 0];
  const line = (label: string, value?: Cell, bold = false): void => {
    const row = first.addRow([label]);
    if (bold) row.font = { bold: true };
    firstWidths[0] = Math.max(firstWidths[0] ?? 0, label.length);
    if (value !== undefined) firstWidths[1] = Math.max(firstWidths[1] ?? 0, putCell(row.getCell(2), value, language));
  };
  const title = first.addRow([document.title]);
  title.font = { bold: true, size: 14 };
  if (document.subtitle !== undefined) line(document.subtitle);
  const tables: { name: string; block: Extract<ReportDocument['sections'][number]['blocks'][number], { kind: 'table' }> }[] = [];
  for (const section of document.sections) {
    first.addRow([]);
    line(section.title, undefined, true);
    for (const block of section.blocks) {
      if (block.kind === 'text') line(block.text);
      else if (block.kind === 'notes') for (const item of block.items) line(item);
      else if (block.kind === 'list') {
        const { items } = block;
        if (Array.isArray(items)) for (const item of items as readonly string[]) line(item);
        else {
          const lazy = items as { readonly count: number; at(index: number): string };
          for (let index = 0; index < lazy.count; index++) line(lazy.at(index));
        }
      } else if (block.kind === 'facts') for (const item of block.items) line(item.label, item.value);
      else if (block.kind === 'table' && block.use !== 'reading') {
        const name = sheetName(block.title, taken, block.id);
        tables.push({ name, block });
        line(message(language, 'xlsx.tableOnSheet', { title: block.title, sheet: name }));
      }
    }
  }
  first.getColumn(1).width = Math.min(Math.max(firstWidths[0] ?? 0, MIN_WIDTH) + 2, MAX_WIDTH * 2);
  first.getColumn(2).width = Math.min(Math.max(firstWidths[1] ?? 0, MIN_WIDTH) + 2, MAX_WIDTH);
  for (const { name, block } of tables) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] }) as unknown as XlsxSheet;
    const widths = block.columns.map((column) => column.title.length);
    const header = sheet.addRow(block.columns.map((column) => column.title));
    header.font = { bold: true };
    block.columns.forEach((column, index) => {
      header.getCell(index + 1).alignment = { horizontal: column.align };
    });
    const count = isLazy(block.rows) ? block.rows.count : block.rows.length;
    for (let index = 0; index < count; index++) {
      const cells = isLazy(block.rows) ? block.rows.at(index) : (block.rows[index] as readonly Cell[]);
      const row = sheet.addRow([]);
      cells.forEach((cell, column) => {
        widths[column] = Math.max(widths[column] ?? 0, putCell(row.getCell(column + 1), cell, language));
      });
    }
    widths.forEach((width, index) => {
      sheet.getColumn(index + 1).width = Math.min(Math.max(width + 2, MIN_WIDTH), MAX_WIDTH);
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buffer));
}

/**
 * Sets the modification date and time of every entry of a ZIP archive (in its local headers and
 * its central directory) to 1 January 2000, 00:00, so that the archive's bytes depend on its
 * content alone. Found through the central directory, never by searching the compressed data.
 * Returns the same array, changed in place.
 */
export function fixZipTimes(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes, and a comment of up to 65,535 bytes after it.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65_535; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new RangeError('not a ZIP archive: no end of central directory');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let entry = 0; entry < entries; entry++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new RangeError('not a ZIP archive: a damaged central directory');
    view.setUint16(at + 12, ZIP_TIME, true);
    view.setUint16(at + 14, ZIP_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new RangeError('not a ZIP archive: a damaged local header');
    view.setUint16(local + 10, ZIP_TIME, true);
    view.setUint16(local + 12, ZIP_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return bytes;
}
