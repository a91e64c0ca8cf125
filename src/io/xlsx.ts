/**
 * Reading Excel workbooks (`.xlsx`): the rows of one worksheet, read as a stream with exceljs
 * (loaded only when a workbook is read), become the same cells as a CSV row and go through the
 * same record reader. A workbook is recognised by its bytes (a ZIP archive), whatever its name.
 */
import { Readable } from 'node:stream';
import { fail, ServicemaalError } from '../errors.js';
import type { InputKind } from '../evaluate/records.js';
import { formatDayNumber } from '../dates/civil.js';
import { missingFields, resolveColumns } from './convert.js';
import type { ReadContext } from './context.js';
import { rowOfCells, takeHeader, type CsvHeader } from './csv.js';
import type { Peeked } from './source.js';
import type { ReadRow } from './types.js';

/** The first bytes of every ZIP archive (a local file header), and so of every `.xlsx` workbook. */
const ZIP_SIGNATURE = 'PK\u0003\u0004';

/** The rows searched for the header when `skipRows` is not given. */
export const HEADER_SEARCH_ROWS = 20;

/** Whether bytes (or their text) start like a ZIP archive, as every workbook does. */
export function isZip(head: string | Uint8Array): boolean {
  if (typeof head === 'string') return head.startsWith(ZIP_SIGNATURE);
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The record fields whose date cells keep their time of day (the others take a date only). */
function takesTime(kind: InputKind, field: string | null): boolean {
  if (field === null) return false;
  if (kind === 'cases') return field === 'applied' || field === 'decided' || field.startsWith('events.');
  return kind === 'contacts' && (field === 'arrived' || field === 'answered');
}

const SECONDS_PER_DAY = 86_400;
const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The text of a date cell. exceljs gives a date cell as the instant of its serial value read as
 * UTC, so its UTC calendar fields are the workbook's calendar date and time of day (the host's
 * time zone plays no part). The time is kept, to the nearest second, where the field takes times:
 * `yyyy-mm-ddThh:mm[:ss]` without an offset, read as Copenhagen wall-clock time like a Danish
 * `dd-mm-yyyy hh:mm` text; otherwise, and at midnight, the date alone.
 */
export function dateCellText(date: Date, withTime: boolean): string {
  const seconds = Math.round(date.getTime() / 1000);
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const time = seconds - day * SECONDS_PER_DAY;
  const text = formatDayNumber(day);
  if (!withTime || time === 0) return text;
  const hours = Math.floor(time / 3600);
  const minutes = Math.floor((time % 3600) / 60);
  const rest = time % 60;
  return `${text}T${pad(hours)}:${pad(minutes)}${rest === 0 ? '' : `:${pad(rest)}`}`;
}

/** Excel's dates before 1 March 1900 count a 29 February 1900 that never was; day 1 is 1900-01-01. */
const EXCEL_EPOCH_1900 = 25_569;
const EXCEL_EPOCH_1904 = 24_107;

/** Whether a number format shows a date or a time (after its quoted text, escapes and [colours]). */
function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The number as Excel shows it at most (15 significant digits): 12345 → '12345', 0.1 + 0.2 → '0.3'. */
function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

interface CellLike {
  value: unknown;
  numFmt?: unknown;
}

/**
 * The text of a cell, as a CSV cell would hold it: text as it is, numbers as their digits, dates as
 * ISO dates (see {@link dateCellText}), formulas by their cached result, rich text and links by
 * their text, errors as Excel writes them (`#N/A`), empty cells as `''`.
 */
export function cellText(cell: CellLike, withTime: boolean, date1904: boolean): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (isDateFormat(cell.numFmt)) return serialText(value, withTime, date1904);
    return numberText(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateCellText(value, withTime);
  if (typeof value === 'object') {
    // exceljs's streaming reader can leave a text cell as the index of its shared string: never read it as empty.
    if ('sharedString' in value) throw new Error('the text of a cell (a shared string) was not read; read the file again');
    if ('result' in value) return cellText({ value: value.result, numFmt: cell.numFmt }, withTime, date1904);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('richText' in value && Array.isArray(value.richText)) {
      return (value.richText as unknown[]).map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '')).join('');
    }
    if ('text' in value) return cellText({ value: value.text }, withTime, date1904);
    if ('error' in value && typeof value.error === 'string') return value.error;
  }
  return '';
}

/** A date serial number (a formula's cached result) as the text of a date cell. */
function serialText(serial: number, withTime: boolean, date1904: boolean): string {
  const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
  return dateCellText(new Date(Math.round((serial - epoch) * SECONDS_PER_DAY * 1000)), withTime);
}

/** What readers of a workbook are told: which sheet, and where the header is. */
export interface WorkbookOptions {
  sheet?: string | number;
  skipRows?: number;
}

/** Checks the workbook options of a read: a sheet name or number from 1, and a whole number of rows ≥ 0. */
export function checkWorkbookOptions(options: WorkbookOptions): void {
  const { sheet, skipRows } = options;
  if (sheet !== undefined && !(typeof sheet === 'string' && sheet.trim() !== '') && !(typeof sheet === 'number' && Number.isInteger(sheet) && sheet >= 1)) {
    fail('invalid_option', `sheet must be a sheet name or a sheet number from 1, got ${String(sheet)}`, ['sheet']);
  }
  if (skipRows !== undefined && !(Number.isInteger(skipRows) && skipRows >= 0)) {
    fail('invalid_option', `skipRows must be a whole number, 0 or more, got ${String(skipRows)}`, ['skipRows']);
  }
}

/** The parts of exceljs's streaming reader used here (its types leave out the sheet's name and the 1904 flag). */
interface SheetReader extends AsyncIterable<SheetRow> {
  name?: unknown;
  id?: unknown;
}

/** The cells of a row (columns 1 … its last cell), trimmed, with date cells as dates or times by their field. */
function rowCells(row: SheetRow, kind: InputKind, fields: readonly (string | null)[] | null, date1904: boolean): string[] {
  const cells: string[] = [];
  for (let column = 1; column <= row.cellCount; column++) {
    const field = fields === null ? null : (fields[column - 1] ?? null);
    cells.push(cellText(row.getCell(column), fields === null || takesTime(kind, field), date1904).trim());
  }
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Whether a row of cells can be the header: it names every mapped column and every required field. */
function isHeader(context: ReadContext, cells: readonly string[]): boolean {
  if (cells.length === 0) return false;
  try {
    const fields = resolveColumns(context.kind, context.fieldMap, cells);
    return missingFields(context.kind, fields.filter((field): field is string => field !== null)).length === 0;
  } catch {
    return false;
  }
}

/**
 * Reads the rows of one worksheet of a workbook: the first, or `options.sheet` (a name, or a number
 * from 1 in the workbook's order). The header is the row after `options.skipRows` rows, else the
 * first of the first {@link HEADER_SEARCH_ROWS} rows that names every mapped column and required
 * field (else the first row with a cell). Rows above the header count as skipped (`emptyLines`),
 * and so do rows the sheet leaves out. Each row's line is its row number in the workbook.
 */
export async function* readWorkbook(peeked: Peeked, context: ReadContext, options: WorkbookOptions): AsyncGenerator<ReadRow> {
  const { summary } = context;
  summary.format = 'xlsx';
  const exceljs = await loadExceljs();
  const reader = new exceljs.stream.xlsx.WorkbookReader(Readable.from(peeked.chunks), READER_OPTIONS);
  const where = context.name ?? 'the workbook';
  let index = 0;
  const names: string[] = [];
  let sheet: SheetReader | null = null;
  try {
    for await (const candidate of reader as unknown as AsyncIterable<SheetReader>) {
      index++;
      const name = typeof candidate.name === 'string' ? candidate.name : `Sheet${String(index)}`;
      names.push(name);
      if (options.sheet === undefined ? index === 1 : typeof options.sheet === 'number' ? options.sheet === index : sheetNamed(options.sheet, name)) {
        sheet = candidate;
        summary.sheet = name;
        const date1904 = (reader as unknown as { properties?: { model?: { date1904?: unknown } } }).properties?.model?.date1904 === true;
        yield* readSheet(sheet, context, options, date1904);
        break;
      }
      // A sheet passed over is read to its end all the same: exceljs deletes the temporary file of
      // a sheet stored before the shared strings as soon as the next one is asked for, and a sheet
      // left unread may then still open that file, an error no one would catch.
      await drain(candidate);
    }
  } catch (error) {
    if (error instanceof ServicemaalError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    fail('invalid_value', `${where}: the workbook cannot be read: ${reason}`);
  }
  if (sheet === null) {
    if (index === 0) fail('invalid_value', `${where}: a ZIP archive without a worksheet (xl/worksheets/…): not an Excel workbook`);
    const wanted = typeof options.sheet === 'number' ? `no sheet ${String(options.sheet)} (it has ${String(index)})` : `no sheet "${String(options.sheet)}"`;
    fail('invalid_option', `${where}: the workbook has ${wanted}; its sheets: ${names.map((name) => `"${name}"`).join(', ')}`, ['sheet']);
  }
  summary.done = true;
}

/** Reads a sheet's rows to the end, keeping none. */
async function drain(sheet: SheetReader): Promise<void> {
  const rows = (sheet as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  while (!(await rows.next()).done);
}

/** The cells of a row of a small sheet (a mapping), with its row number. */
export interface SheetRowCells {
  cells: string[];
  line: number;
}

/**
 * The rows of the first sheet of a small workbook (a mapping of codes), each with a cell, as text
 * (see {@link cellText}; dates as ISO dates), trimmed, trailing empty cells dropped.
 */
export async function workbookRows(bytes: Uint8Array, path: string): Promise<SheetRowCells[]> {
  const exceljs = await loadExceljs();
  const reader = new exceljs.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), READER_OPTIONS);
  const rows: SheetRowCells[] = [];
  try {
    for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
      for await (const row of sheet) {
        const cells = rowCells(row, 'cases', null, false);
        if (cells.length > 0) rows.push({ cells, line: row.number });
      }
      return rows;
    }
  } catch (error) {
    fail('invalid_option', `${path}: the workbook cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return fail('invalid_option', `${path}: a ZIP archive without a worksheet (xl/worksheets/…): not an Excel workbook`);
}

/** exceljs, loaded when a workbook is first read (its CommonJS module as the default export, or itself). */
async function loadExceljs(): Promise<typeof import('exceljs')> {
  const loaded = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  return loaded.default ?? loaded;
}

/** How exceljs's streaming reader reads: shared strings and styles kept (styles tell the date cells). */
const READER_OPTIONS = { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' } as const;

/** A sheet name matches exactly, or else without regard to case and surrounding spaces. */
function sheetNamed(wanted: string, name: string): boolean {
  return wanted === name || wanted.trim().toLowerCase() === name.trim().toLowerCase();
}

/** A row of exceljs's streaming reader. */
interface SheetRow {
  number: number;
  cellCount: number;
  getCell(column: number): CellLike;
}

async function* readSheet(sheet: SheetReader, context: ReadContext, options: WorkbookOptions, date1904: boolean): AsyncGenerator<ReadRow> {
  const { kind } = context;
  /** The header once found, and the last row number passed (rows the sheet leaves out count as skipped). */
  const state: { header: CsvHeader | null; last: number } = { header: null, last: 0 };
  const headerOf = (): CsvHeader | null => state.header;
  /** Rows held while the header is looked for: at most {@link HEADER_SEARCH_ROWS}. */
  const held: SheetRow[] = [];
  const headerCells = (row: SheetRow): string[] => rowCells(row, kind, null, date1904);
  const useHeader = (row: SheetRow, cells: string[]): void => {
    state.header = takeHeader(context, cells, row.number);
    // The rows above the header (titles, blank rows) are skipped.
    context.empty(row.number - 1);
    state.last = row.number;
  };
  function* data(header: CsvHeader, row: SheetRow): Generator<ReadRow> {
    if (row.number > state.last + 1) context.empty(row.number - state.last - 1);
    state.last = row.number;
    const result = rowOfCells(context, header, rowCells(row, kind, header.fields, date1904), row.number, ';');
    if (result !== null) yield result;
  }
  /** Chooses the header among the rows held, and reads the held rows below it. */
  function* chooseHeader(): Generator<ReadRow> {
    const cells = held.map(headerCells);
    let at = cells.findIndex((row) => isHeader(context, row));
    if (at < 0) at = cells.findIndex((row) => row.length > 0);
    if (at >= 0) {
      useHeader(held[at] as SheetRow, cells[at] as string[]);
      const header = state.header as CsvHeader;
      for (const row of held.slice(at + 1)) yield* data(header, row);
    }
    held.length = 0;
  }
  for await (const row of sheet) {
    let header = headerOf();
    if (header === null) {
      if (options.skipRows !== undefined) {
        if (row.number <= options.skipRows) continue;
        const cells = headerCells(row);
        if (cells.length > 0) useHeader(row, cells);
        continue;
      }
      if (row.number <= HEADER_SEARCH_ROWS) {
        held.push(row);
        continue;
      }
      yield* chooseHeader();
      header = headerOf();
      if (header === null) {
        // No row with a cell among the first rows: the first one with a cell is the header.
        const cells = headerCells(row);
        if (cells.length > 0) useHeader(row, cells);
        continue;
      }
    }
    yield* data(header, row);
  }
  if (headerOf() === null) yield* chooseHeader();
}
