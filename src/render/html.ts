import type { PlanAggregate } from '../evaluate/aggregate.js';
import type { PlanReport } from '../evaluate/report.js';
import { marksOf, type RenderLocale } from './format.js';
import { escapeHtml, renderDocumentHtml } from '../document/render-html.js';
import { reportDocument } from '../document/report-document.js';

export { escapeHtml };

/**
 * Options of {@link renderHtml}: the locale of numbers (default `en`) and, optionally, the
 * aggregate the report was made from, which adds the cumulative-share charts.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const aggregate = aggregateInputs(plan, {
 *   cases: [{ id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }],
 * });
 * const report = reportFromAggregate(plan, aggregate);
 * const options: HtmlRenderOptions = { locale: 'da', aggregate };
 * renderHtml(report, options).includes('<svg class="cumulative" data-target="fast-track"'); // true
 * renderHtml(report, { locale: 'da' }).includes('<svg class="cumulative"'); // false: no aggregate, no cumulative charts
 * ```
 */
export interface HtmlRenderOptions {
  locale?: RenderLocale | undefined;
  /** The aggregate of the report (same plan and period): adds a cumulative-share chart per case or contact target. */
  aggregate?: PlanAggregate | undefined;
}

/**
 * A compliance report as one self-contained HTML document: the report's document
 * ({@link reportDocument}) rendered by {@link renderDocumentHtml} (inline CSS and SVG, no scripts,
 * no external resources, a print stylesheet for A4), in the words of the locale's language
 * (`<html lang="da">` with `da`). It shows the title and period; the targets table (per tier the limit,
 * measured, within or mean, share against the required share, met ✓/✗, cases needed and points,
 * as the `table` renderer); a bar per share tier of the achieved share with the required share
 * marked by a line (green met, red not met, grey unknown); the records of each input by bucket;
 * the invalid records; the groups and the plan's points.
 *
 * With `aggregate` (the aggregate the report was made from) it adds, per case or contact target, a
 * line chart of the cumulative share decided by each elapsed value (calendar days, working days,
 * or minutes for contacts, as the target's first tier measures), with each tier's limit marked by
 * a labelled vertical line. Cases lacking a clock event count in the denominator and are never
 * within, so the curve at a limit in days equals the tier's share.
 *
 * Numbers follow the locale (`en`: `12,345`, `85.3 %`; `da`: `12.345`, `85,3 %`); every text is
 * HTML-escaped. Chart elements carry classes and data attributes for styling and testing:
 * `rect.share-bar[data-target][data-tier]`, `line.required-mark`, `svg.cumulative[data-target]`,
 * `polyline.cumulative-line`, `line.limit-mark`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 *
 * const plan = getPlan('siri-2024');
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-04-15' },
 *   { id: 'F3', caseType: 'fast-track', applied: '2024-03-04', decided: '2024-03-25' },
 * ];
 * const aggregate = aggregateInputs(plan, { cases }, { period: '2024' });
 * const report = reportFromAggregate(plan, aggregate);
 * const html = renderHtml(report, { locale: 'da', aggregate });
 * html.startsWith('<!DOCTYPE html>'); // true
 * html.includes('<script'); // false: no scripts, no external resources
 * html.includes('66,7 %'); // true: 2 of 3 within 31 days
 * html.match(/<rect class="share-bar [a-z-]+" data-target="fast-track"/)?.[0]; // '<rect class="share-bar not-met" data-target="fast-track"'
 * writeFileSync(join(tmpdir(), 'report.html'), html);
 * ```
 */
export function renderHtml(report: PlanReport, options: HtmlRenderOptions = {}): string {
  const language = options.locale ?? 'en';
  marksOf(language);
  return renderDocumentHtml(reportDocument(report, { language, ...(options.aggregate === undefined ? {} : { aggregate: options.aggregate }) }));
}
