/**
 * The HTML renderer of documents: one self-contained file (inline CSS and SVG, no scripts, no
 * external resources) that reads well on screen and prints on A4, each section on a page of its
 * own. Every word comes from the document (or, for the few words of the charts themselves, from the
 * message catalogues in the document's language); numbers are written as the language writes them.
 */
import { message } from '../messages/catalogue.js';
import { formatAmount, formatRequired, formatShare } from '../render/format.js';
import type { Cell, CellStatus, Chart, DocumentBlock, DocumentColumn, DocumentLanguage, ReportDocument, Rows } from './model.js';
import { cellText } from './cells.js';

/**
 * Options of {@link renderDocumentHtml}: `generatedAt`, a time to show under the title as when the
 * document was made (written as given; without it the document holds no time at all, so that the
 * same document always gives the same bytes).
 *
 * @example
 * ```ts
 * const options: DocumentHtmlOptions = { generatedAt: '2024-04-02 08:15' };
 * const html = renderDocumentHtml({ language: 'da', title: 'Servicemål', sections: [] }, options);
 * html.includes('Dannet 2024-04-02 08:15'); // true
 * ```
 */
export interface DocumentHtmlOptions {
  generatedAt?: string | undefined;
}

/**
 * Text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'` escaped.
 *
 * @example
 * ```ts
 * escapeHtml('Beløb & <b>'); // 'Beløb &amp; &lt;b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** A coordinate for an SVG attribute: plain digits with a dot, whatever the language. */
function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The class of a status (`notMet` is `not-met`). */
const STATUS_CLASS: Readonly<Record<CellStatus, string>> = { met: 'met', notMet: 'not-met', unknown: 'unknown', open: 'open', lost: 'lost' };

/** The sign shown with a status, so that no status is told by colour alone. */
const STATUS_SIGN: Readonly<Record<CellStatus, string>> = { met: '✓', notMet: '✗', unknown: '–', open: '○', lost: '✗' };

/** The styles of the charts' SVG elements (also in the page of `renderHtml`). */
export const CHART_CSS = `
svg { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: #1f2328; }
svg .small { font-size: 10px; }
svg .muted { fill: #57606a; }
.share-track { fill: #eaeef2; }
.share-bar.met { fill: #2da44e; }
.share-bar.not-met { fill: #cf222e; }
.share-bar.open { fill: #bf8700; }
.share-bar.lost { fill: #82071e; }
.share-bar.unknown { fill: #8c959f; }
.required-mark, .legend-mark { stroke: #1f2328; stroke-width: 2; }
.share-value { font-variant-numeric: tabular-nums; }
.required-line { stroke: #1f2328; stroke-width: 1.5; stroke-dasharray: 6 4; }
.axis { stroke: #57606a; stroke-width: 1; }
.grid { stroke: #d0d7de; stroke-width: 1; stroke-dasharray: 2 3; }
.cumulative-line, .trend-line { fill: none; stroke: #0969da; stroke-width: 2; }
.trend-point { fill: #0969da; }
.forecast-band { fill: #0969da; fill-opacity: 0.18; stroke: #0969da; stroke-width: 1; }
.forecast-estimate { fill: #fff; stroke: #0969da; stroke-width: 2; }
.forecast-divider { stroke: #8c959f; stroke-width: 1; stroke-dasharray: 1 3; }
.limit-mark { stroke-width: 1.5; stroke-dasharray: 5 3; }
.limit-label, .value-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.limit-mark.met { stroke: #1a7f37; }
.limit-mark.not-met { stroke: #cf222e; }
.limit-mark.open { stroke: #9a6700; }
.limit-mark.lost { stroke: #82071e; }
.limit-mark.unknown { stroke: #57606a; }
`;

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; background: #fff; line-height: 1.4; }
header { margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; overflow-wrap: anywhere; }
p, li, dd, dt, figcaption, caption { overflow-wrap: anywhere; }
p.subtitle { margin: 0; color: #424a53; }
p.generated { margin: 0.2rem 0 0; color: #57606a; font-size: 0.85rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; max-width: 100%; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
td { overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
th { background: #f6f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { white-space: normal; }
.status { white-space: nowrap; font-weight: 600; }
.status .sign { display: inline-block; min-width: 1em; }
.met { color: #1a7f37; }
.not-met { color: #cf222e; }
.open { color: #9a6700; }
.lost { color: #82071e; }
.unknown { color: #57606a; }
dl.facts { margin: 0.5rem 0 1rem; }
dl.facts > div { display: flex; gap: 1rem; padding: 0.1rem 0; }
dl.facts dt { font-weight: 600; flex: 0 0 14rem; max-width: 40%; }
dl.facts dd { margin: 0; flex: 1 1 auto; min-width: 0; }
dl.facts dd.num { text-align: left; }
ul.notes { color: #57606a; font-size: 0.85rem; padding-left: 1.2rem; }
figure.chart { margin: 0.5rem 0 1.2rem; max-width: 100%; }
figure.chart figcaption { font-weight: 600; margin-bottom: 0.3rem; }
${CHART_CSS}@media (max-width: 800px) {
  table { font-size: 0.8rem; }
  th, td { padding: 0.2rem 0.3rem; }
  th { overflow-wrap: anywhere; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 0.15rem 0.3rem; }
  th { overflow-wrap: anywhere; }
  section.section + section.section { break-before: page; }
  h2, h3, caption, figcaption { break-after: avoid; }
  tr, figure.chart, dl.facts > div, li { break-inside: avoid; }
  thead { display: table-header-group; }
  svg { width: 100%; max-width: 100%; height: auto; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * A document as one self-contained HTML file: inline CSS and SVG, no scripts, no external
 * resources, `<html lang>` from the document's language, every text HTML-escaped. Each section is
 * a `<section>` with its id; when printed (A4) each section after the first starts on a new page,
 * tables are not cut mid-row and charts take the page's width.
 *
 * Cells are written as the language writes them (`en`: `12,345`, `85.3 %`; `da`: `12.345`,
 * `85,3 %`; dates `yyyy-mm-dd`); a status cell has the class of its status (`met`, `not-met`,
 * `open`, `lost`, `unknown`) and its sign (✓ ✗ ○ ✗ –) besides its word, so that colour is never
 * the only cue. Charts are drawn as SVG: `bars` (a bar per item, the required share marked),
 * `trend` (the share per period against the required share, with the year-end forecast band) and
 * `cumulative` (the cumulative share by elapsed time, the limits marked). Labels are measured
 * generously and given room, so that none is clipped.
 *
 * The same document gives the same bytes; a time is shown only when `generatedAt` is given.
 *
 * @example
 * ```ts
 * const html = renderDocumentHtml({
 *   language: 'da',
 *   title: 'siri-2024: Servicemål',
 *   sections: [{
 *     id: 'targets',
 *     title: 'Servicemål',
 *     blocks: [{
 *       kind: 'table', id: 'targets', title: 'Andel inden for fristen',
 *       columns: [{ key: 'target', title: 'mål', align: 'left' }, { key: 'share', title: 'andel', align: 'right' }, { key: 'met', title: 'opfyldt', align: 'left' }],
 *       rows: [[{ kind: 'text', text: 'Fast-track' }, { kind: 'share', value: 0.853 }, { kind: 'status', status: 'met', text: 'opfyldt' }]],
 *     }],
 *   }],
 * });
 * html.startsWith('<!DOCTYPE html>\n<html lang="da">'); // true
 * html.includes('<td class="num">85,3 %</td>'); // true
 * html.includes('<td class="status met"><span class="sign" aria-hidden="true">✓</span> opfyldt</td>'); // true
 * html.includes('<script'); // false
 * ```
 */
export function renderDocumentHtml(doc: ReportDocument, options: DocumentHtmlOptions = {}): string {
  const language = doc.language;
  const parts: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
  ];
  if (doc.subtitle !== undefined) parts.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  if (options.generatedAt !== undefined) parts.push(`<p class="generated">${escapeHtml(message(language, 'html.generated', { at: options.generatedAt }))}</p>`);
  parts.push('</header>');
  for (const section of doc.sections) {
    parts.push(`<section class="section" id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`);
    for (const block of section.blocks) blockHtml(block, language, parts);
    parts.push('</section>');
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}

/** Appends a block's lines to `out` (one line per row or item: a table may hold many rows). */
function blockHtml(block: DocumentBlock, language: DocumentLanguage, out: string[]): void {
  switch (block.kind) {
    case 'text':
      out.push(`<p>${escapeHtml(block.text)}</p>`);
      return;
    case 'notes':
      out.push('<ul class="notes">');
      for (const item of block.items) out.push(`<li>${escapeHtml(item)}</li>`);
      out.push('</ul>');
      return;
    case 'list': {
      out.push('<ul class="list">');
      const items = block.items;
      if ('count' in items) for (let index = 0; index < items.count; index += 1) out.push(`<li>${escapeHtml(items.at(index))}</li>`);
      else for (const item of items) out.push(`<li>${escapeHtml(item)}</li>`);
      out.push('</ul>');
      return;
    }
    case 'facts':
      out.push('<dl class="facts">');
      for (const item of block.items) {
        out.push(`<div data-key="${escapeHtml(item.key)}"><dt>${escapeHtml(item.label)}</dt><dd${cellClass(item.value, null)}>${cellHtml(item.value, language)}</dd></div>`);
      }
      out.push('</dl>');
      return;
    case 'table':
      // A table for programs only (CSV, XLSX) repeats what the readable tables show.
      if (block.use === 'data') return;
      tableHtml(block.id, block.title, block.columns, block.rows, language, out);
      return;
    case 'chart':
      out.push(
        `<figure class="chart" id="${escapeHtml(block.chart.id)}">`,
        `<figcaption>${escapeHtml(block.chart.title)}</figcaption>`,
        chartSvg(block.chart, { words: language, numbers: language }),
        '</figure>',
      );
      return;
  }
}

function tableHtml(id: string, title: string, columns: readonly DocumentColumn[], rows: Rows, language: DocumentLanguage, out: string[]): void {
  out.push(
    `<table class="data" data-table="${escapeHtml(id)}">`,
    `<caption>${escapeHtml(title)}</caption>`,
    `<thead><tr>${columns.map((column) => `<th scope="col" data-key="${escapeHtml(column.key)}"${column.align === 'right' ? ' class="num"' : ''}>${escapeHtml(column.title)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
  );
  const row = (cells: readonly Cell[]): string => `<tr>${cells.map((cell, index) => `<td${cellClass(cell, columns[index] ?? null)}>${cellHtml(cell, language)}</td>`).join('')}</tr>`;
  if ('count' in rows) for (let index = 0; index < rows.count; index += 1) out.push(row(rows.at(index)));
  else for (const cells of rows) out.push(row(cells));
  out.push('</tbody>', '</table>');
}

/** The class attribute of a cell: `status <status>` for a status, `num` for a number or a right-aligned column. */
function cellClass(cell: Cell, column: DocumentColumn | null): string {
  if (cell.kind === 'status') return ` class="status ${STATUS_CLASS[cell.status]}"`;
  if (cell.kind === 'date') return column?.align === 'right' ? ' class="num"' : ' class="date"';
  if (cell.kind === 'text') return column?.align === 'right' ? ' class="num"' : '';
  return ' class="num"';
}

/** A cell's content, escaped: numbers as the language writes them, `–` for nothing. */
function cellHtml(cell: Cell, language: DocumentLanguage): string {
  if (cell.kind === 'status') return `<span class="sign" aria-hidden="true">${STATUS_SIGN[cell.status]}</span> ${escapeHtml(cell.text)}`;
  return escapeHtml(cellText(cell, language));
}

/**
 * The frame of a chart of shares: a dashed grid line and a label at each share tick, and the two
 * axes of the plot area (`left` to `left + width`, `top` to `bottom`).
 */
function shareFrame(out: string[], plot: { left: number; width: number; top: number; bottom: number }, sy: (share: number) => number, numbers: DocumentLanguage): void {
  const { left, width, top, bottom } = plot;
  for (const tick of SHARE_TICKS) {
    out.push(
      `<line class="grid" x1="${px(left)}" y1="${px(sy(tick))}" x2="${px(left + width)}" y2="${px(sy(tick))}"/>`,
      `<text x="${px(left - 6)}" y="${px(sy(tick) + 4)}" text-anchor="end">${escapeHtml(formatRequired(tick, numbers))}</text>`,
    );
  }
  out.push(
    `<line class="axis" x1="${px(left)}" y1="${px(bottom)}" x2="${px(left + width)}" y2="${px(bottom)}"/>`,
    `<line class="axis" x1="${px(left)}" y1="${px(top)}" x2="${px(left)}" y2="${px(bottom)}"/>`,
  );
}

// ---------------------------------------------------------------------------------------------
// Text widths

/**
 * The width of a text in pixels at `size`, measured generously: per character a width at or above
 * the widest common sans-serif fonts' (DejaVu Sans, Verdana), so that a label given this room is
 * never clipped in any of them.
 */
function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    if (/[ijlI.,:;'|!()[\]]/.test(char) || char === ' ') ems += 0.42;
    else if (/[frt\-/]/.test(char)) ems += 0.5;
    else if (/[mwMWæÆ%@]/.test(char)) ems += 1.02;
    else if (/[A-ZÅØ]/.test(char)) ems += 0.8;
    else if (/[a-z0-9åøéü]/.test(char)) ems += 0.66;
    else ems += 1.02;
  }
  return ems * size * 1.05;
}

/** A text broken at spaces (and inside words longer than a line) into lines at most `width` wide. */
function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (textWidth(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (textWidth(rest, size) > width) {
      let cut = 1;
      while (cut < rest.length && textWidth(rest.slice(0, cut + 1), size) <= width) cut += 1;
      // Break after a hyphen when there is one on the line, else wherever the line is full.
      const hyphen = rest.lastIndexOf('-', cut - 1);
      if (hyphen > 0) cut = hyphen + 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** `<text>` of one or more lines (`tspan`s), the first line's baseline at `y`. */
function textLines(lines: readonly string[], x: number, y: number, anchor: 'start' | 'middle' | 'end', step: number, className?: string): string {
  const cls = className === undefined ? '' : ` class="${className}"`;
  const anchorAttribute = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  if (lines.length === 1) return `<text${cls} x="${px(x)}" y="${px(y)}"${anchorAttribute}>${escapeHtml(lines[0] ?? '')}</text>`;
  const spans = lines.map((line, index) => `<tspan x="${px(x)}" y="${px(y + index * step)}">${escapeHtml(line)}</tspan>`).join('');
  return `<text${cls}${anchorAttribute}>${spans}</text>`;
}

// ---------------------------------------------------------------------------------------------
// Charts

/**
 * The languages of a chart: `words` for its own few words (axis titles, legends), `numbers` for
 * how it writes numbers. A document's charts take the document's language for both.
 */
export interface ChartLanguages {
  words: DocumentLanguage;
  numbers: DocumentLanguage;
}

const FONT = 12;
const SMALL = 10;

/** A chart as an SVG element (without a caption: the caller puts the chart's title around it). */
export function chartSvg(chart: Chart, languages: ChartLanguages): string {
  switch (chart.kind) {
    case 'bars':
      return barsSvg(chart, languages);
    case 'trend':
      return trendSvg(chart, languages);
    case 'cumulative':
      return cumulativeSvg(chart, languages);
  }
}

function svgOpen(className: string, data: string, width: number, height: number, label: string): string {
  return `<svg class="${className}"${data} xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" aria-label="${escapeHtml(label)}">`;
}

const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** A share clamped to 0–1 for drawing. */
function clampShare(share: number): number {
  return Math.min(1, Math.max(0, share));
}

const BAR = { labelMax: 300, width: 480, bar: 16, minRow: 26, line: 14, top: 26, gap: 10, margin: 8 } as const;

function barsSvg(chart: Extract<Chart, { kind: 'bars' }>, { words, numbers }: ChartLanguages): string {
  const items = chart.bars.map((bar) => ({ bar, lines: wrapText(bar.label, BAR.labelMax, FONT), value: `${formatShare(bar.share, numbers)} ${STATUS_SIGN[bar.status]}` }));
  const labelWidth = items.reduce((max, item) => item.lines.reduce((widest, line) => Math.max(widest, textWidth(line, FONT)), max), 0);
  const valueWidth = items.reduce((max, item) => Math.max(max, textWidth(item.value, FONT)), textWidth(formatRequired(1, numbers), FONT) / 2);
  const x0 = BAR.margin + Math.max(labelWidth, textWidth(formatRequired(0, numbers), FONT) / 2) + BAR.gap;
  const width = x0 + BAR.width + BAR.gap + valueWidth + BAR.margin;
  const rowHeights = items.map((item) => Math.max(BAR.minRow, item.lines.length * BAR.line + 12));
  const legendY = BAR.top + rowHeights.reduce((sum, height) => sum + height, 0) + 18;
  const height = legendY + 8;
  const out = [svgOpen('shares', ` data-chart="${escapeHtml(chart.id)}"`, width, height, chart.title)];
  for (const tick of SHARE_TICKS) {
    const x = x0 + tick * BAR.width;
    out.push(
      `<line class="grid" x1="${px(x)}" y1="${BAR.top - 6}" x2="${px(x)}" y2="${px(legendY - 14)}"/>`,
      `<text x="${px(x)}" y="${BAR.top - 10}" text-anchor="middle">${escapeHtml(formatRequired(tick, numbers))}</text>`,
    );
  }
  let y = BAR.top;
  items.forEach(({ bar, lines, value }, index) => {
    const rowHeight = rowHeights[index] ?? BAR.minRow;
    const barY = y + (rowHeight - BAR.bar) / 2;
    const mid = barY + BAR.bar / 2;
    const dataset = `data-target="${escapeHtml(bar.target)}" data-tier="${String(bar.tier)}"`;
    out.push(
      textLines(lines, x0 - BAR.gap, mid + 4 - ((lines.length - 1) * BAR.line) / 2, 'end', BAR.line),
      `<rect class="share-track" x="${px(x0)}" y="${px(barY)}" width="${BAR.width}" height="${BAR.bar}"/>`,
    );
    const required = bar.required === null ? '' : ` (${message(words, 'html.required', { share: formatRequired(bar.required, numbers) })})`;
    if (bar.share !== null) {
      out.push(
        `<rect class="share-bar ${STATUS_CLASS[bar.status]}" ${dataset} x="${px(x0)}" y="${px(barY)}" width="${px(clampShare(bar.share) * BAR.width)}" height="${BAR.bar}">` +
          `<title>${escapeHtml(`${bar.label}: ${formatShare(bar.share, numbers)}${required}`)}</title></rect>`,
      );
    }
    if (bar.required !== null) {
      const xr = x0 + clampShare(bar.required) * BAR.width;
      out.push(`<line class="required-mark" ${dataset} x1="${px(xr)}" y1="${px(barY - 3)}" x2="${px(xr)}" y2="${px(barY + BAR.bar + 3)}"/>`);
    }
    out.push(`<text class="share-value" x="${px(x0 + BAR.width + BAR.gap)}" y="${px(mid + 4)}">${escapeHtml(value)}</text>`);
    y += rowHeight;
  });
  out.push(
    `<line class="legend-mark" x1="${px(x0)}" y1="${px(legendY - 6)}" x2="${px(x0)}" y2="${px(legendY + 4)}"/>`,
    `<text class="small muted" x="${px(x0 + 6)}" y="${px(legendY + 3)}">${escapeHtml(message(words, 'html.legend.required'))}</text>`,
    '</svg>',
  );
  return out.join('\n');
}

const TREND = { top: 26, plot: 200, minColumn: 56, maxColumn: 96, right: 12, margin: 8 } as const;

function trendSvg(chart: Extract<Chart, { kind: 'trend' }>, { words, numbers }: ChartLanguages): string {
  const labels = [...chart.points.map((point) => point.label), ...(chart.band === null ? [] : [chart.band.label])];
  const labelWidths = labels.map((label) => textWidth(label, FONT));
  const widestLabel = labelWidths.reduce((max, value) => Math.max(max, value), 0);
  const column = Math.min(TREND.maxColumn, Math.max(TREND.minColumn, widestLabel + 12));
  const rotate = widestLabel > column - 8;
  const left = TREND.margin + textWidth(formatRequired(1, numbers), FONT) + 8;
  const nothing = message(words, 'html.nothingMeasured');
  const plotWidth = labels.length === 0 ? textWidth(nothing, FONT) + 24 : labels.length * column;
  const plotBottom = TREND.top + TREND.plot;
  const labelDepth = rotate ? widestLabel * Math.SQRT1_2 + FONT : FONT;
  const sx = (index: number): number => left + (index + 0.5) * column;
  const sy = (share: number): number => TREND.top + (1 - clampShare(share)) * TREND.plot;

  // Legend entries: a swatch and its words, laid out in rows no wider than the chart.
  const legend: { swatch: (x: number, y: number) => string; text: string }[] = [
    { swatch: (x, y) => `<line class="trend-line" x1="${px(x)}" y1="${px(y - 4)}" x2="${px(x + 18)}" y2="${px(y - 4)}"/><circle class="trend-point" cx="${px(x + 9)}" cy="${px(y - 4)}" r="3"/>`, text: message(words, 'html.legend.share') },
  ];
  if (chart.required !== null) {
    legend.push({
      swatch: (x, y) => `<line class="required-line" x1="${px(x)}" y1="${px(y - 4)}" x2="${px(x + 18)}" y2="${px(y - 4)}"/>`,
      text: `${message(words, 'html.legend.required')} ${formatRequired(chart.required, numbers)}`,
    });
  }
  if (chart.band !== null) {
    legend.push({ swatch: (x, y) => `<rect class="forecast-band" x="${px(x + 3)}" y="${px(y - 10)}" width="12" height="12"/>`, text: message(words, 'html.legend.band') });
    if (chart.band.estimate !== null) legend.push({ swatch: (x, y) => `<circle class="forecast-estimate" cx="${px(x + 9)}" cy="${px(y - 4)}" r="4"/>`, text: message(words, 'html.legend.estimate') });
  }
  const legendItems = legend.map((item) => ({ ...item, width: 24 + textWidth(item.text, SMALL) + 16 }));
  const widestLegend = legendItems.reduce((max, item) => Math.max(max, item.width), 0);
  const width = Math.max(left + plotWidth + TREND.right, TREND.margin * 2 + widestLegend);
  const legendTop = plotBottom + 8 + labelDepth + 18;
  const placed: { x: number; y: number; item: (typeof legendItems)[number] }[] = [];
  let lx: number = TREND.margin;
  let ly = legendTop;
  for (const item of legendItems) {
    if (lx > TREND.margin && lx + item.width > width - TREND.margin) {
      lx = TREND.margin;
      ly += 16;
    }
    placed.push({ x: lx, y: ly, item });
    lx += item.width;
  }
  const height = ly + 10;

  const out = [svgOpen('trend', ` data-chart="${escapeHtml(chart.id)}"`, width, height, chart.title)];
  shareFrame(out, { left, width: plotWidth, top: TREND.top, bottom: plotBottom }, sy, numbers);
  labels.forEach((label, index) => {
    const x = sx(index);
    out.push(
      rotate
        ? `<text x="${px(x)}" y="${px(plotBottom + 14)}" text-anchor="end" transform="rotate(-45 ${px(x)} ${px(plotBottom + 14)})">${escapeHtml(label)}</text>`
        : `<text x="${px(x)}" y="${px(plotBottom + 16)}" text-anchor="middle">${escapeHtml(label)}</text>`,
    );
  });
  if (chart.required !== null) {
    out.push(`<line class="required-line" x1="${px(left)}" y1="${px(sy(chart.required))}" x2="${px(left + plotWidth)}" y2="${px(sy(chart.required))}"/>`);
  }
  // The line joins consecutive measured periods; a period without a share breaks it.
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) out.push(`<polyline class="trend-line" points="${run.join(' ')}"/>`);
    run = [];
  };
  chart.points.forEach((point, index) => {
    if (point.share === null) {
      flush();
      return;
    }
    run.push(`${px(sx(index))},${px(sy(point.share))}`);
  });
  flush();
  chart.points.forEach((point, index) => {
    if (point.share === null) return;
    const text = formatShare(point.share, numbers);
    out.push(`<circle class="trend-point" data-label="${escapeHtml(point.label)}" cx="${px(sx(index))}" cy="${px(sy(point.share))}" r="3.5"><title>${escapeHtml(`${point.label}: ${text}`)}</title></circle>`);
    // The value above its point (the plot leaves room above 100 %), where the column is wide enough.
    if (textWidth(text, SMALL) <= column - 4) out.push(`<text class="small value-label" x="${px(sx(index))}" y="${px(sy(point.share) - 8)}" text-anchor="middle">${escapeHtml(text)}</text>`);
  });
  if (chart.band !== null) {
    const band = chart.band;
    const index = chart.points.length;
    const x = sx(index);
    const lower = Math.min(band.lower, band.upper);
    const upper = Math.max(band.lower, band.upper);
    const range = `${formatShare(lower, numbers)}–${formatShare(upper, numbers)}`;
    out.push(
      `<line class="forecast-divider" x1="${px(left + index * column)}" y1="${TREND.top}" x2="${px(left + index * column)}" y2="${px(plotBottom)}"/>`,
      `<rect class="forecast-band" x="${px(x - 10)}" y="${px(sy(upper))}" width="20" height="${px(Math.max(1, sy(lower) - sy(upper)))}"><title>${escapeHtml(`${band.label}: ${range}`)}</title></rect>`,
    );
    if (band.estimate !== null) {
      const text = formatShare(band.estimate, numbers);
      out.push(`<circle class="forecast-estimate" cx="${px(x)}" cy="${px(sy(band.estimate))}" r="4.5"><title>${escapeHtml(`${band.label}: ${text} (${range})`)}</title></circle>`);
      if (textWidth(text, SMALL) <= column - 4) out.push(`<text class="small value-label" x="${px(x)}" y="${px(sy(upper) - 6)}" text-anchor="middle">${escapeHtml(text)}</text>`);
    }
  }
  if (labels.length === 0) out.push(`<text class="muted" x="${px(left + plotWidth / 2)}" y="${px(TREND.top + TREND.plot / 2)}" text-anchor="middle">${escapeHtml(nothing)}</text>`);
  for (const { x, y, item } of placed) out.push(item.swatch(x, y), `<text class="small muted" x="${px(x + 24)}" y="${px(y)}">${escapeHtml(item.text)}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

const CUM = { width: 560, plot: 200, top: 16, right: 16, margin: 8 } as const;

function cumulativeSvg(chart: Extract<Chart, { kind: 'cumulative' }>, { words, numbers }: ChartLanguages): string {
  const lastStep = chart.steps.at(-1);
  const xMax = chart.limits.reduce((max, limit) => Math.max(max, limit.value), Math.max(1, lastStep?.value ?? 0)) * 1.05;
  const ticks = xTicks(xMax);
  const tickTexts = ticks.map((tick) => formatAmount(tick, numbers));
  const left = CUM.margin + textWidth(formatRequired(1, numbers), FONT) + 8;
  const lastTick = tickTexts.at(-1) ?? '';
  const right = Math.max(CUM.right, textWidth(lastTick, FONT) / 2 + CUM.margin);
  const plotWidth = CUM.width - left - right;
  const bottom = CUM.top + CUM.plot;
  const sx = (value: number): number => left + (value / xMax) * plotWidth;
  const sy = (share: number): number => CUM.top + (1 - clampShare(share)) * CUM.plot;
  const height = bottom + 44;

  const out = [svgOpen('cumulative', ` data-target="${escapeHtml(chart.target)}" data-chart="${escapeHtml(chart.id)}"`, CUM.width, height, chart.title)];
  shareFrame(out, { left, width: plotWidth, top: CUM.top, bottom }, sy, numbers);
  ticks.forEach((tick, index) => {
    out.push(`<text x="${px(sx(tick))}" y="${px(bottom + 14)}" text-anchor="middle">${escapeHtml(tickTexts[index] ?? '')}</text>`);
  });
  out.push(`<text x="${px(left + plotWidth / 2)}" y="${px(height - 8)}" text-anchor="middle">${escapeHtml(message(words, `html.axis.${chart.unit}`))}</text>`);
  if (chart.steps.length > 0) {
    // A step line: flat between values, a rise at each value.
    const points = [`${px(sx(0))},${px(sy(0))}`];
    let share = 0;
    for (const step of chart.steps) {
      const x = px(sx(step.value));
      points.push(`${x},${px(sy(share))}`);
      share = step.share;
      points.push(`${x},${px(sy(share))}`);
    }
    points.push(`${px(sx(xMax))},${px(sy(share))}`);
    out.push(`<polyline class="cumulative-line" points="${points.join(' ')}"/>`);
  }
  chart.limits.forEach((limit, index) => {
    const x = sx(limit.value);
    const y = CUM.top + 12 + (index % 13) * 14;
    const labelWidth = textWidth(limit.label, FONT);
    // Right of the line when it fits in the plot, else left of it, else at the plot's edge.
    const right = x + 4 + labelWidth <= left + plotWidth;
    const anchor = right ? 'start' : x - 4 - labelWidth >= left ? 'end' : 'start';
    const tx = right ? x + 4 : anchor === 'end' ? x - 4 : left + 4;
    out.push(
      `<line class="limit-mark ${STATUS_CLASS[limit.status]}" x1="${px(x)}" y1="${CUM.top}" x2="${px(x)}" y2="${px(bottom)}"/>`,
      textLines([limit.label], tx, y, anchor, 14, 'limit-label'),
    );
  });
  if (chart.steps.length === 0) out.push(`<text class="muted" x="${px(left + plotWidth / 2)}" y="${px(CUM.top + CUM.plot / 2)}" text-anchor="middle">${escapeHtml(message(words, 'html.nothingMeasured'))}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

/** About five round ticks from 0 to `max`. */
function xTicks(max: number): number[] {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}
