/**
 * Documents: what a report says, built once ({@link reportDocument}) and rendered to every format
 * (text and Markdown, CSV, HTML, XLSX). See model.ts for the shape of a document.
 *
 * @packageDocumentation
 */
export type {
  AmountUnit,
  Cell,
  CellStatus,
  Chart,
  DocumentBlock,
  DocumentColumn,
  DocumentLanguage,
  DocumentSection,
  ForecastBand,
  ReportDocument,
  Rows,
  TrendPoint,
} from './model.js';
export { renderDocumentText, documentTextLines, type DocumentTextOptions } from './render-text.js';
export { renderDocumentCsv, documentCsvLines, type DocumentCsvOptions } from './render-csv.js';
export { reportDocument, moreProblems, type ReportDocumentOptions } from './report-document.js';
export { renderDocumentHtml, type DocumentHtmlOptions } from './render-html.js';
export { breakdownBlocks, breakdownDocument, breakdownSection, type BreakdownBlocksOptions } from './breakdown.js';
export { quarterlyDocument, type QuarterlyDocumentOptions, type QuarterlyProvenance } from './quarterly-document.js';
