/**
 * A document as text: aligned columns for a terminal, or GitHub Markdown. Charts are left out
 * (their figures are in the tables of the same section), as are tables meant for programs only.
 */
import { blockLines, checkFormat, joinLines, type Block } from '../render/format.js';
import { cellText } from './cells.js';
import type { Cell, DocumentBlock, ReportDocument, Rows } from './model.js';

/**
 * Options of {@link renderDocumentText}: `table` (aligned plain text for a terminal: numbers
 * right-aligned, every line of a table of the same width) or `markdown` (GitHub Markdown).
 *
 * @example
 * ```ts
 * const options: DocumentTextOptions = { format: 'markdown' };
 * options.format; // 'markdown'
 * ```
 */
export interface DocumentTextOptions {
  format: 'table' | 'markdown';
}

/**
 * A document as text for a terminal (`table`) or as GitHub Markdown: the title, then each section
 * under its heading, blocks separated by a blank line. Numbers are written as the document's
 * language writes them (en `12,345` and `85.3 %`; da `12.345` and `85,3 %`), amounts with their
 * unit in its words (`≤ 31 dage`), a status as its sign and word (`✓ opfyldt`), nothing as `–`.
 * Facts are `label: value` lines, notes and lists are items; a table's title is shown above it
 * when it differs from its section's. Charts and tables for programs only (`use: 'data'`) are
 * left out. Control characters in texts are shown as escapes (and Markdown characters escaped),
 * so that a label from the records cannot break a table or drive the terminal.
 *
 * @example
 * ```ts
 * const document: ReportDocument = {
 *   language: 'da',
 *   title: 'Servicemål',
 *   sections: [{
 *     id: 'targets', title: 'Mål',
 *     blocks: [{
 *       kind: 'table', id: 'targets', title: 'Mål',
 *       columns: [{ key: 'target', title: 'mål', align: 'left' }, { key: 'measured', title: 'målt', align: 'right' }, { key: 'share', title: 'andel', align: 'right' }],
 *       rows: [[{ kind: 'text', text: 'Fast-track' }, { kind: 'count', value: 12345 }, { kind: 'share', value: 0.8532 }]],
 *     }],
 *   }],
 * };
 * renderDocumentText(document, { format: 'table' }).split('\n');
 * // ['Servicemål', '==========', '', 'Mål', 'mål           målt   andel', '----------  ------  ------', 'Fast-track  12.345  85,3 %', '']
 * renderDocumentText(document, { format: 'markdown' }).split('\n').slice(4);
 * // ['| mål | målt | andel |', '| --- | ---: | ---: |', '| Fast-track | 12.345 | 85,3 % |', '']
 * ```
 */
export function renderDocumentText(document: ReportDocument, options: DocumentTextOptions): string {
  return joinLines(documentTextLines(document, options));
}

/**
 * The lines of {@link renderDocumentText}, one at a time (without line breaks): a long table
 * (rows as `{ count, at }`) is made row by row as it is written, so that a report listing
 * millions of problems is never one text.
 *
 * @example
 * ```ts
 * const document: ReportDocument = {
 *   language: 'en', title: 'Problems',
 *   sections: [{ id: 'invalid', title: 'Invalid records', blocks: [{ kind: 'list', items: { count: 2_000_000, at: (index) => `problem ${index}` } }] }],
 * };
 * const lines = documentTextLines(document, { format: 'table' })[Symbol.iterator]();
 * [lines.next().value, lines.next().value, lines.next().value, lines.next().value, lines.next().value]; // ['Problems', '========', '', 'Invalid records', '  problem 0']
 * ```
 */
export function documentTextLines(document: ReportDocument, options: DocumentTextOptions): Iterable<string> {
  const format = checkFormat(options.format, ['table', 'markdown'], document.language);
  return blockLines(textBlocks(document), format);
}

/** The document as the blocks of the text layout, tables made lazily. */
function* textBlocks(document: ReportDocument): Generator<Block, void, undefined> {
  const language = document.language;
  yield { kind: 'title', text: document.title };
  if (document.subtitle !== undefined) yield { kind: 'text', text: document.subtitle };
  for (const section of document.sections) {
    yield { kind: 'heading', text: section.title };
    for (const block of section.blocks) yield* blockOf(block, section.title, language);
  }
}

function* blockOf(block: DocumentBlock, sectionTitle: string, language: ReportDocument['language']): Generator<Block, void, undefined> {
  switch (block.kind) {
    case 'text':
      yield { kind: 'text', text: block.text };
      return;
    case 'notes':
    case 'list':
      yield { kind: 'list', items: block.items };
      return;
    case 'facts':
      yield { kind: 'list', items: block.items.map((item) => `${item.label}: ${cellText(item.value, language)}`) };
      return;
    case 'table': {
      if (block.use === 'data') return;
      if (block.title !== '' && block.title !== sectionTitle) yield { kind: 'heading', text: block.title };
      const rows = block.rows;
      const text = (cells: readonly Cell[]): string[] => cells.map((cell) => cellText(cell, language));
      yield {
        kind: 'table',
        columns: block.columns.map((column) => ({ title: column.title, align: column.align })),
        rows: isLazy(rows) ? { count: rows.count, at: (index) => text(rows.at(index)) } : rows.map(text),
      };
      return;
    }
    case 'chart':
      return;
  }
}

/** Whether rows are made one at a time (`{ count, at }`). */
export function isLazy(rows: Rows): rows is { readonly count: number; at(index: number): readonly Cell[] } {
  return 'count' in rows;
}
