/**
 * A document as CSV: every table of it, one after the other, for spreadsheets and programs.
 */
import { csvField, joinLines, marksOf, type CsvCell } from '../render/format.js';
import { cellCsv } from './cells.js';
import type { Cell, ReportDocument } from './model.js';
import { isLazy } from './render-text.js';

/**
 * Options of {@link renderDocumentCsv}: `bom` puts a byte-order mark in front, so that Excel
 * reads the file as UTF-8 (`æøå` intact).
 *
 * @example
 * ```ts
 * const options: DocumentCsvOptions = { bom: true };
 * options.bom; // true
 * ```
 */
export interface DocumentCsvOptions {
  bom?: boolean | undefined;
}

/**
 * A document as CSV: every table of its sections in order (charts, texts and tables for readers
 * only, `use: 'reading'`, are left out), each a header line and one line per row, the tables
 * separated by one empty line. The header is the columns' keys in English (stable `snake_case`
 * names programs can rely on) and their titles in Danish. English separates fields by `,` with a
 * decimal point, Danish by `;` with a decimal comma. Counts are written as they are, shares as
 * fractions rounded to the precision shown (85.3 % → `0.853`), points to two decimals, dates as
 * `YYYY-MM-DD`, nothing as an empty field; a text that begins like a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return) gets a single quote in front (`neutraliseFormula`). Fields holding the
 * separator, a quote or a line break are quoted (RFC 4180).
 *
 * @example
 * ```ts
 * const document: ReportDocument = {
 *   language: 'da',
 *   title: 'Servicemål',
 *   sections: [{
 *     id: 'targets', title: 'Mål',
 *     blocks: [
 *       { kind: 'text', text: 'Ikke i CSV.' },
 *       {
 *         kind: 'table', id: 'targets', title: 'Mål',
 *         columns: [{ key: 'target', title: 'mål', align: 'left' }, { key: 'share', title: 'andel', align: 'right' }],
 *         rows: [[{ kind: 'text', text: '=Fast-track' }, { kind: 'share', value: 0.8532 }]],
 *       },
 *       {
 *         kind: 'table', id: 'counts', title: 'Poster',
 *         columns: [{ key: 'records', title: 'poster', align: 'right' }],
 *         rows: [[{ kind: 'count', value: 12345 }]],
 *       },
 *     ],
 *   }],
 * };
 * renderDocumentCsv(document); // "mål;andel\n'=Fast-track;0,853\n\nposter\n12345\n"
 * renderDocumentCsv({ ...document, language: 'en' }, { bom: true }); // "\uFEFFtarget,share\n'=Fast-track,0.853\n\nrecords\n12345\n"
 * ```
 */
export function renderDocumentCsv(document: ReportDocument, options: DocumentCsvOptions = {}): string {
  const lines = Array.from(documentCsvLines(document, options));
  return lines.length === 0 ? '' : joinLines(lines);
}

/**
 * The lines of {@link renderDocumentCsv}, one at a time (without line breaks), so that a table
 * of millions of rows is written as it is made.
 *
 * @example
 * ```ts
 * const document: ReportDocument = {
 *   language: 'en', title: 'Problems',
 *   sections: [{ id: 'invalid', title: 'Invalid records', blocks: [{
 *     kind: 'table', id: 'invalid', title: 'Invalid records', columns: [{ key: 'index', title: 'index', align: 'right' }],
 *     rows: { count: 3, at: (index) => [{ kind: 'count', value: index }] },
 *   }] }],
 * };
 * [...documentCsvLines(document)]; // ['index', '0', '1', '2']
 * ```
 */
export function* documentCsvLines(document: ReportDocument, options: DocumentCsvOptions = {}): Generator<string, void, undefined> {
  const language = document.language;
  const separator = marksOf(language).csv;
  const line = (cells: readonly CsvCell[]): string => cells.map((cell) => csvField(cell, separator)).join(separator);
  const row = (cells: readonly Cell[]): string => line(cells.map((cell) => cellCsv(cell, language)));
  let first = true;
  for (const section of document.sections) {
    for (const block of section.blocks) {
      if (block.kind !== 'table' || block.use === 'reading') continue;
      const header = line(block.columns.map((column) => (language === 'en' ? column.key : column.title)));
      if (first) yield options.bom === true ? `\uFEFF${header}` : header;
      else {
        yield '';
        yield header;
      }
      first = false;
      const rows = block.rows;
      if (isLazy(rows)) for (let index = 0; index < rows.count; index++) yield row(rows.at(index));
      else for (const cells of rows) yield row(cells);
    }
  }
}
