/**
 * servicemaal: exact, explainable service-target compliance for case processing.
 *
 * @packageDocumentation
 * @module servicemaal
 */
export { ServicemaalError, type Issue, type IssueCode } from './errors.js';
export * from './dates/index.js';
export * from './calendar/index.js';
export * from './targets/index.js';
export * from './evaluate/index.js';
export * from './reporting/index.js';
export * from './catalog/index.js';
export { renderCatalogueMarkdown } from './catalog/markdown.js';
export { formatCitation, formatLimit, formatPercent, formatScope, formatSource } from './catalog/format.js';
export * from './render/index.js';
export * from './document/index.js';
export * from './sql/index.js';
export { VERSION } from './version.js';
