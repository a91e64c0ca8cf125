/**
 * Text renderers for reports, pending cases, forecasts and plans: pure functions from the
 * library's results to strings (aligned terminal tables, GitHub Markdown, CSV, or for reports a
 * self-contained HTML document with SVG charts), with English or Danish number formatting (a
 * report in text, Markdown or CSV is written wholly in Danish with locale `da`). They do no I/O.
 *
 * @example
 * ```ts
 * import { evaluatePlan, getPlan, renderHtml, renderReport } from 'servicemaal';
 *
 * const cases = [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }];
 * const report = evaluatePlan(getPlan('siri-2023'), cases, { period: '2023' });
 * process.stdout.write(renderReport(report, { format: 'markdown', locale: 'da' }));
 * const html = renderHtml(report, { locale: 'da' });
 * ```
 *
 * @packageDocumentation
 */
export { visibleText, type RenderFormat, type RenderLocale, type RenderOptions } from './format.js';
export { renderReport, reportLines, renderInvalidCsv, notListed, REPORT_CSV_COLUMNS, INVALID_CSV_COLUMNS } from './report.js';
export { renderPending, pendingLines, PENDING_CSV_COLUMNS, type PendingRenderOptions } from './pending.js';
export { renderForecast, FORECAST_CSV_COLUMNS } from './forecast.js';
export { renderPlan, PLAN_CSV_COLUMNS } from './plan.js';
export { renderHtml, escapeHtml, type HtmlRenderOptions } from './html.js';
