/**
 * Shared pieces of the renderers: locale-aware numbers, marks, limits, CSV fields and a small
 * document model (titles, headings, paragraphs, lists, tables) laid out as terminal text or as
 * GitHub Markdown.
 */
import { formatLimit } from '../catalog/format.js';
import { fail } from '../errors.js';
import type { Limit } from '../targets/model.js';

/**
 * The output formats: `table` (aligned plain text for a terminal), `markdown` (GitHub Markdown) or
 * `csv` (one row per item, RFC 4180 quoting). In `csv`, a text cell (an id, a label, a case type, a
 * message) that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in
 * front, so that a spreadsheet shows it as text rather than running it as a formula; numbers stay
 * numbers (`-0.5`). In `table` and `markdown`, control characters in texts are shown as escapes
 * (a line break as `\n`, ESC as `\u001b`), so that an id cannot break a table or drive the terminal.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2024'), [{ id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }]);
 * const formats: RenderFormat[] = ['table', 'markdown', 'csv'];
 * formats.map((format) => renderReport(report, { format }).split('\n')[0]?.split(/[:,]/)[0]); // ['siri-2024', '## siri-2024', 'plan']
 * ```
 */
export type RenderFormat = 'table' | 'markdown' | 'csv';

/**
 * How numbers are written: `en` (`12,345`, `85.3 %`, CSV separated by `,`) or `da` (`12.345`,
 * `85,3 %`, CSV separated by `;` with decimal commas). A report (`renderReport`) is also written
 * in the locale's language, every word of it; the other renderers keep English words.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2024'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-04-15' },
 *   { id: 'F3', caseType: 'fast-track', applied: '2024-03-04', decided: '2024-03-25' },
 * ]);
 * const locale: RenderLocale = 'da';
 * renderReport(report, { format: 'table', locale }).includes('66,7 %'); // true
 * renderReport(report, { format: 'table', locale: 'en' }).includes('66.7 %'); // true
 * renderReport(report, { format: 'table', locale }).includes('ikke opfyldt'); // true
 * ```
 */
export type RenderLocale = 'en' | 'da';

/**
 * Options of the renderers: the format and the locale of numbers (default `en`).
 *
 * @example
 * ```ts
 * const options: RenderOptions = { format: 'csv', locale: 'da' };
 * const csv = renderPlan(getPlan('siri-2024'), options);
 * csv.split('\n')[1]?.split(';').slice(0, 2); // ['siri-2024', 'fast-track']
 * csv.split('\n')[1]?.split(';')[13]; // '0,85': the required share with a decimal comma
 * ```
 */
export interface RenderOptions {
  format: RenderFormat;
  locale?: RenderLocale | undefined;
}

interface Marks {
  group: string;
  decimal: string;
  csv: string;
}

const MARKS: Record<RenderLocale, Marks> = {
  en: { group: ',', decimal: '.', csv: ',' },
  da: { group: '.', decimal: ',', csv: ';' },
};

/**
 * The locale's marks; an unknown locale is an `invalid_option` error, not silently English.
 *
 * @example
 * ```ts
 * marksOf('da'); // { group: '.', decimal: ',', csv: ';' }
 * ```
 */
export function marksOf(locale: RenderLocale | undefined): Marks {
  const marks = Object.hasOwn(MARKS, locale ?? 'en') ? MARKS[locale ?? 'en'] : undefined;
  if (marks === undefined) return fail('invalid_option', `unknown locale "${String(locale)}" (expected 'en' or 'da')`, ['locale']);
  return marks;
}

/**
 * Checks the format and locale options (`invalid_option` for an unknown one).
 *
 * @example
 * ```ts
 * checkFormat('csv', ['table', 'markdown', 'csv'], 'da'); // 'csv'
 * ```
 */
export function checkFormat<F extends string>(format: F, supported: readonly F[], locale?: RenderLocale): F {
  if (!supported.includes(format)) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a JavaScript caller may pass any value: String() shows even a symbol, where a template literal throws
    fail('invalid_option', `unknown format "${String(format)}" (expected ${supported.map((f) => `'${f}'`).join(', ')})`, ['format']);
  }
  marksOf(locale);
  return format;
}

/** The digits of a non-negative number written without exponent (`1e-7` → `0.0000001`). */
function plainDigits(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Groups the integer part of a plain number and sets the locale's decimal mark. */
function localise(plain: string, marks: Marks, grouped: boolean): string {
  const negative = plain.startsWith('-');
  const [whole = '0', fraction] = (negative ? plain.slice(1) : plain).split('.');
  const digits = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group) : whole;
  return `${negative ? '-' : ''}${digits}${fraction === undefined ? '' : `${marks.decimal}${fraction}`}`;
}

/**
 * A count with thousands separators: 12345 → `12,345` (en) or `12.345` (da).
 *
 * @example
 * ```ts
 * formatCount(12345, 'en'); // '12,345'
 * formatCount(12345, 'da'); // '12.345'
 * ```
 */
export function formatCount(value: number, locale: RenderLocale | undefined): string {
  return localise(String(Math.round(value)), marksOf(locale), true);
}

/**
 * A number with at most `decimals` decimals, trailing zeros dropped, thousands grouped.
 *
 * @example
 * ```ts
 * formatAmount(109.94, 'da'); // '109,9'
 * formatAmount(2.5, 'en', 2); // '2.5'
 * ```
 */
export function formatAmount(value: number, locale: RenderLocale | undefined, decimals = 1): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return localise(trimmed === '-0' ? '0' : trimmed, marksOf(locale), true);
}

/**
 * A number with exactly `decimals` decimals, thousands grouped.
 *
 * @example
 * ```ts
 * formatFixed(85, 'da', 1); // '85,0'
 * formatFixed(1234.5, 'en', 2); // '1,234.50'
 * ```
 */
export function formatFixed(value: number, locale: RenderLocale | undefined, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return localise(/^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed, marksOf(locale), true);
}

/**
 * Points: whole numbers as they are, others with two decimals (`37.92`).
 *
 * @example
 * ```ts
 * formatPoints(37.916, 'en'); // '37.92'
 * formatPoints(65, 'da'); // '65'
 * ```
 */
export function formatPoints(value: number | null, locale: RenderLocale | undefined): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? formatCount(value, locale) : localise(value.toFixed(2), marksOf(locale), true);
}

/**
 * A share with one decimal (display only; comparisons are the report's): 0.8532 → `85.3 %` / `85,3 %`.
 *
 * @example
 * ```ts
 * formatShare(0.8532, 'en'); // '85.3 %'
 * formatShare(0.8532, 'da'); // '85,3 %'
 * formatShare(null, 'en'); // '–'
 * ```
 */
export function formatShare(share: number | null, locale: RenderLocale | undefined): string {
  if (share === null) return '–';
  return `${localise((Math.round(share * 1000) / 10).toFixed(1), marksOf(locale), true)} %`;
}

/**
 * A required share exactly as the plan writes it: 0.85 → `85 %`, 0.855 → `85.5 %`.
 *
 * @example
 * ```ts
 * formatRequired(0.85, 'en'); // '85 %'
 * formatRequired(0.855, 'da'); // '85,5 %'
 * ```
 */
export function formatRequired(required: number | null, locale: RenderLocale | undefined): string {
  if (required === null) return '–';
  return `${localise(plainDigits(Number((required * 100).toPrecision(12))), marksOf(locale), true)} %`;
}

/**
 * A number cell of a CSV table, written by the library from a number: {@link csvText} writes it as
 * it is (a negative number such as `-0.5` stays a number), where a text cell that begins like a
 * formula is neutralised.
 *
 * @example
 * ```ts
 * const cell: CsvNumber = csvNumber(-0.5, 'en'); // { number: '-0.5' }
 * ```
 */
export interface CsvNumber {
  readonly number: string;
}

/**
 * A cell of a CSV table: text (from the records or the plan, neutralised when it begins like a
 * formula) or a {@link CsvNumber}.
 *
 * @example
 * ```ts
 * const cells: CsvCell[] = ['fast-track', csvNumber(31, 'en')];
 * ```
 */
export type CsvCell = string | CsvNumber;

/**
 * A number for CSV: full precision, no grouping, the locale's decimal mark; `''` for `null`.
 *
 * @example
 * ```ts
 * csvNumber(0.8532, 'da'); // { number: '0,8532' }
 * csvNumber(12345, 'en'); // { number: '12345' }
 * csvNumber(null, 'en'); // { number: '' }
 * ```
 */
export function csvNumber(value: number | null, locale: RenderLocale | undefined): CsvNumber {
  if (value === null) return { number: '' };
  return { number: localise(value < 0 ? `-${plainDigits(-value)}` : plainDigits(value), marksOf(locale), false) };
}

/**
 * A boolean for CSV: `true`, `false`, or `''` for `null`.
 *
 * @example
 * ```ts
 * csvBoolean(true); // 'true'
 * csvBoolean(null); // ''
 * ```
 */
export function csvBoolean(value: boolean | null): string {
  return value === null ? '' : String(value);
}

/**
 * ✓ met, ✗ not met, – unknown.
 *
 * @example
 * ```ts
 * mark(true); // '✓'
 * mark(false); // '✗'
 * mark(null); // '–'
 * ```
 */
export function mark(met: boolean | null): string {
  if (met === null) return '–';
  return met ? '✓' : '✗';
}

/**
 * An amount in a limit's unit: `31 days`, `1 day`, `109,9 days` (da); the unit's name from `formatLimit`.
 *
 * @example
 * ```ts
 * formatInUnit(109.94, 'days', 'da'); // '109,9 days'
 * formatInUnit(1, 'days', 'en'); // '1 day'
 * ```
 */
export function formatInUnit(amount: number, unit: Limit['unit'], locale: RenderLocale | undefined): string {
  const rounded = Number(amount.toFixed(1));
  const name = formatLimit({ amount: rounded, unit }).slice(String(rounded).length);
  return `${formatAmount(rounded, locale)}${name}`;
}

/**
 * The unit a mean is measured in: the limit's, or days for a limit in months.
 *
 * @example
 * ```ts
 * meanUnit({ amount: 7, unit: 'months' }); // 'days'
 * ```
 */
export function meanUnit(limit: Limit): Limit['unit'] {
  return limit.unit === 'months' ? 'days' : limit.unit;
}

/**
 * A limit as a cell: `≤ 31 days`, or `mean ≤ 120 days` for a mean target.
 *
 * @example
 * ```ts
 * limitCell({ amount: 31, unit: 'days' }, 'en'); // '≤ 31 days'
 * limitCell({ amount: 120, unit: 'days' }, 'en', true); // 'mean ≤ 120 days'
 * ```
 */
export function limitCell(limit: Limit, locale: RenderLocale | undefined, mean = false): string {
  return `${mean ? 'mean ' : ''}≤ ${formatInUnit(limit.amount, limit.unit, locale)}`;
}

/**
 * Text that a spreadsheet would read as a formula, made inert: a text cell that begins with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a single quote in front (as OWASP recommends
 * against CSV injection), so that `=HYPERLINK(…)` or `-2+3` in an id or a label is shown as text.
 *
 * @example
 * ```ts
 * neutraliseFormula('=1+1'); // "'=1+1"
 * neutraliseFormula('-5'); // "'-5"
 * neutraliseFormula('fast-track'); // 'fast-track'
 * ```
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A CSV field with RFC 4180 quoting: quoted when it holds the separator, a quote, CR or LF. A text
 * cell that begins like a formula is neutralised first ({@link neutraliseFormula}); a
 * {@link CsvNumber} is written as it is.
 *
 * @example
 * ```ts
 * csvField('Study, PhD', ','); // '"Study, PhD"'
 * csvField('Study, PhD', ';'); // 'Study, PhD'
 * csvField('say "hi"', ';'); // '"say ""hi"""'
 * csvField('=SUM(A1:A9)', ','); // "'=SUM(A1:A9)"
 * csvField(csvNumber(-0.5, 'en'), ','); // '-0.5'
 * ```
 */
export function csvField(value: CsvCell, separator: string): string {
  const text = typeof value === 'string' ? neutraliseFormula(value) : value.number;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV text: a header and rows, separated by the locale's separator, one line per row, ending in a
 * newline. Text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a single
 * quote in front ({@link neutraliseFormula}); number cells ({@link csvNumber}) are written as they are.
 *
 * @example
 * ```ts
 * csvText(['a', 'b'], [[csvNumber(1.5, 'da'), 'x;y']], 'da'); // 'a;b\n1,5;"x;y"\n'
 * csvText(['id', 'share'], [['-5', csvNumber(-0.5, 'en')]], 'en'); // "id,share\n'-5,-0.5\n"
 * ```
 */
export function csvText(header: readonly string[], rows: Items<readonly CsvCell[]>, locale: RenderLocale | undefined): string {
  return joinLines(csvLines(header, rows, locale));
}

/**
 * The lines of {@link csvText}, one at a time (without line breaks).
 *
 * @example
 * ```ts
 * [...csvLines(['id'], [['=1+1']], 'en')]; // ['id', "'=1+1"]
 * ```
 */
export function* csvLines(header: readonly string[], rows: Items<readonly CsvCell[]>, locale: RenderLocale | undefined): Generator<string, void, undefined> {
  const { csv } = marksOf(locale);
  const line = (row: readonly CsvCell[]): string => row.map((value) => csvField(value, csv)).join(csv);
  yield line(header);
  for (const row of eachItem(rows)) yield line(row);
}

// ---------------------------------------------------------------------------------------------
// The document model

/**
 * Column alignment: numbers right, text left.
 *
 * @example
 * ```ts
 * const right: Align = 'right';
 * ```
 */
export type Align = 'left' | 'right';

/**
 * A column of a table block.
 *
 * @example
 * ```ts
 * const measured: Column = { title: 'measured', align: 'right' };
 * ```
 */
export interface Column {
  title: string;
  align: Align;
}

/**
 * A block of a rendered document.
 *
 * @example
 * ```ts
 * const block: Block = { kind: 'table', columns: [col('target')], rows: [['visa']] };
 * ```
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: Items<string> }
  | { kind: 'table'; columns: Column[]; rows: Items<readonly string[]> };

/**
 * The items of a list or the rows of a table: an array, or for long lists `{ count, at }`, which
 * makes each item when it is written (a list of two million pending cases is then never held as
 * text all at once).
 *
 * @example
 * ```ts
 * const squares: Items<string> = { count: 3, at: (index) => String(index * index) };
 * [...eachItem(squares)]; // ['0', '1', '4']
 * ```
 */
export type Items<T> = readonly T[] | { readonly count: number; at(index: number): T };

/** The number of items. */
function countOf<T>(items: Items<T>): number {
  return 'count' in items ? items.count : items.length;
}

/** The item at a position (which is below the count). */
function itemAt<T>(items: Items<T>, index: number): T {
  return 'count' in items ? items.at(index) : (items[index] as T);
}

/**
 * The items in order, one after the other.
 *
 * @example
 * ```ts
 * [...eachItem({ count: 2, at: (index) => index + 1 })]; // [1, 2]
 * ```
 */
export function* eachItem<T>(items: Items<T>): Generator<T, void, undefined> {
  const count = countOf(items);
  for (let index = 0; index < count; index++) yield itemAt(items, index);
}

/**
 * Shorthand for columns: `col('target')`, `col('measured', 'right')`.
 *
 * @example
 * ```ts
 * col('measured', 'right'); // { title: 'measured', align: 'right' }
 * ```
 */
export function col(title: string, align: Align = 'left'): Column {
  return { title, align };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The width of a text in a terminal: code points, combining marks not counted.
 *
 * @example
 * ```ts
 * displayWidth('≤ 31 days'); // 9
 * ```
 */
export function displayWidth(text: string): number {
  // Printable ASCII, by far the most common text: one column per character.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) if (!/\p{M}/u.test(char)) width++;
  return width;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * A table as aligned lines: header, rule, rows; every line of the same width, control characters in
 * cells shown as escapes ({@link visibleText}).
 *
 * @example
 * ```ts
 * tableLines([col('id'), col('n', 'right')], [['a', '5'], ['bb', '12']]);
 * // ['id   n', '--  --', 'a    5', 'bb  12']
 * ```
 */
export function tableLines(columns: readonly Column[], rows: Items<readonly string[]>): string[] {
  return Array.from(tableLineStream(columns, rows));
}

/** The lines of {@link tableLines}, one at a time: the rows are read twice (widths, then lines). */
function* tableLineStream(columns: readonly Column[], rows: Items<readonly string[]>): Generator<string, void, undefined> {
  const widths = columns.map((column) => displayWidth(visibleText(column.title)));
  for (const row of eachItem(rows)) {
    columns.forEach((_, c) => {
      widths[c] = Math.max(widths[c] ?? 0, displayWidth(visibleText(row[c] ?? '')));
    });
  }
  const line = (cells: readonly string[]): string =>
    columns.map((column, c) => pad(visibleText(cells[c] ?? ''), widths[c] ?? 0, column.align)).join('  ');
  yield line(columns.map((column) => column.title));
  yield widths.map((width) => '-'.repeat(width)).join('  ');
  for (const row of eachItem(rows)) yield line(row);
}

/** Control characters, DEL, C1 controls, line and paragraph separators and bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The escapes of the common control characters; the others are written `\u001b`. */
const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/**
 * Text for a terminal or a text file, with every control character shown as a visible escape: a
 * line break as `\n`, a tab as `\t`, ESC as `\u001b` (also DEL, C1 controls, line and paragraph
 * separators and bidirectional overrides). An id or a label from the records can then neither
 * break a table's lines nor retitle the terminal, move the cursor or clear the screen.
 *
 * @example
 * ```ts
 * visibleText('A1\u001b]0;owned\u0007'); // 'A1\\u001b]0;owned\\u0007'
 * visibleText('two\nlines'); // 'two\\nlines'
 * visibleText('Beløbsordningen'); // 'Beløbsordningen'
 * ```
 */
export function visibleText(text: string): string {
  return text.replace(CONTROL, (char) => SHORT_ESCAPES.get(char) ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text for Markdown: characters with a meaning in Markdown escaped, control characters shown as
 * escapes ({@link visibleText}: a line break as `\n`).
 *
 * @example
 * ```ts
 * escapeMarkdown('Visa | *first* time'); // 'Visa \\| \\*first\\* time'
 * ```
 */
export function escapeMarkdown(text: string): string {
  // An underscore inside a word (`invalid_date`) never starts emphasis in GitHub Markdown.
  return visibleText(text).replace(/[\\|*`<>[\]]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (char) => `\\${char}`);
}

/**
 * A GitHub Markdown table; numbers right-aligned, `|` and other Markdown characters in cells escaped.
 *
 * @example
 * ```ts
 * markdownTable([col('id'), col('n', 'right')], [['a|b', '5']]);
 * // ['| id | n |', '| --- | ---: |', '| a\\|b | 5 |']
 * ```
 */
export function markdownTable(columns: readonly Column[], rows: Items<readonly string[]>): string[] {
  return Array.from(markdownTableStream(columns, rows));
}

/** The lines of {@link markdownTable}, one at a time. */
function* markdownTableStream(columns: readonly Column[], rows: Items<readonly string[]>): Generator<string, void, undefined> {
  const line = (cells: readonly string[]): string => `| ${columns.map((_, c) => escapeMarkdown(cells[c] ?? '')).join(' | ')} |`;
  yield line(columns.map((column) => column.title));
  yield `| ${columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  for (const row of eachItem(rows)) yield line(row);
}

/**
 * Lays the blocks out for a terminal (`table`) or as Markdown, blocks separated by a blank line.
 *
 * @example
 * ```ts
 * renderBlocks([{ kind: 'title', text: 'Plan' }, { kind: 'text', text: 'Hello.' }], 'markdown'); // '## Plan\n\nHello.\n'
 * ```
 */
export function renderBlocks(blocks: readonly Block[], format: 'table' | 'markdown'): string {
  return joinLines(blockLines(blocks, format));
}

/**
 * The lines of {@link renderBlocks}, one at a time (without line breaks), so that a long document
 * can be written as it is made.
 *
 * @example
 * ```ts
 * [...blockLines([{ kind: 'heading', text: 'Cases' }, { kind: 'list', items: ['A1', 'A2'] }], 'table')]; // ['Cases', '  A1', '  A2']
 * ```
 */
export function* blockLines(blocks: Iterable<Block>, format: 'table' | 'markdown'): Generator<string, void, undefined> {
  let previous: Block | undefined;
  for (const block of blocks) {
    // In the terminal a heading sits right above its content.
    if (previous !== undefined && !(format === 'table' && previous.kind === 'heading')) yield '';
    previous = block;
    switch (block.kind) {
      case 'title':
        if (format === 'markdown') yield `## ${escapeMarkdown(block.text)}`;
        else {
          const title = visibleText(block.text);
          yield title;
          yield '='.repeat(displayWidth(title));
        }
        break;
      case 'heading':
        yield format === 'markdown' ? `### ${escapeMarkdown(block.text)}` : visibleText(block.text);
        break;
      case 'text':
        yield format === 'markdown' ? escapeMarkdown(block.text) : visibleText(block.text);
        break;
      case 'list':
        for (const item of eachItem(block.items)) yield format === 'markdown' ? `- ${escapeMarkdown(item)}` : `  ${visibleText(item)}`;
        break;
      case 'table':
        yield* format === 'markdown' ? markdownTableStream(block.columns, block.rows) : tableLineStream(block.columns, block.rows);
        break;
    }
  }
}

/**
 * Lines as one text, each ending in a newline.
 *
 * @example
 * ```ts
 * joinLines(['a', 'b']); // 'a\nb\n'
 * ```
 */
export function joinLines(lines: Iterable<string>): string {
  const all = Array.from(lines);
  return `${all.join('\n')}\n`;
}
