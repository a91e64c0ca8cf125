import type { PlanForecast, TierForecast } from '../reporting/forecast.js';
import {
  checkFormat,
  col,
  csvNumber,
  csvText,
  type CsvNumber,
  formatCount,
  formatInUnit,
  formatPoints,
  formatRequired,
  formatShare,
  limitCell,
  meanUnit,
  renderBlocks,
  type Block,
  type RenderLocale,
  type RenderOptions,
} from './format.js';

/**
 * The columns of {@link renderForecast} in CSV, in order; one row per target and tier.
 *
 * @example
 * ```ts
 * FORECAST_CSV_COLUMNS.includes('estimate'); // true
 * ```
 */
export const FORECAST_CSV_COLUMNS = [
  'as_of',
  'period_from',
  'period_to',
  'target',
  'label',
  'tier',
  'limit_amount',
  'limit_unit',
  'required',
  'measured',
  'within',
  'share',
  'mean',
  'open_overdue',
  'open_possible',
  'inflow',
  'lower',
  'estimate',
  'upper',
  'needed',
  'status',
] as const;

/**
 * A year-end forecast ({@link forecastPlan}) as text.
 *
 * - `table` and `markdown`: per target and tier the result so far, the guaranteed lower bound, the
 *   estimate, the guaranteed upper bound, the required share, the cases still needed in time and
 *   the status (`met` whatever happens, `lost`, or `open`); mean targets show their mean so far and
 *   expected; then the points (lower, estimate, upper).
 * - `csv`: one row per target and tier under {@link FORECAST_CSV_COLUMNS}: `measured`, `within`,
 *   `share`, `mean` so far; the open cases (overdue, still possible) and the expected inflow; the
 *   bounds and estimate as fractions (the estimate of a mean target is its expected mean in the
 *   tier's unit); `needed` empty when lost or unknown.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-06-01', decided: '2023-06-20' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2023-07-03', decided: '2023-08-21' },
 *   { id: 'F3', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-25' },
 *   { id: 'F4', caseType: 'fast-track', applied: '2023-09-04', decided: '2023-09-26' },
 *   { id: 'F5', caseType: 'fast-track', applied: '2023-08-15' },
 *   { id: 'F6', caseType: 'fast-track', applied: '2023-09-18' },
 * ];
 * const forecast = forecastPlan(getPlan('siri-2023'), cases, { asOf: '2023-09-30' });
 * const markdown = renderForecast(forecast, { format: 'markdown', locale: 'da' });
 * markdown.split('\n').find((line) => line.startsWith('| fast-track'));
 * // '| fast-track | ≤ 31 days | 75,0 % | 50,0 % | 62,5 % | 80,0 % | 85 % | – | open |': at most 80 % with the cases known; only later applications can lift it
 * ```
 */
export function renderForecast(forecast: PlanForecast, options: RenderOptions): string {
  const format = checkFormat(options.format, ['table', 'markdown', 'csv'], options.locale);
  const locale = options.locale;
  if (format === 'csv') return forecastCsv(forecast, locale);

  const share = (value: number | null): string => formatShare(value, locale);
  const meanOf = (tier: TierForecast, value: number | null): string => (value === null ? '–' : formatInUnit(value, meanUnit(tier.limit), locale));
  const blocks: Block[] = [
    { kind: 'title', text: `Forecast for ${forecast.period.from} to ${forecast.period.to}, as of ${forecast.asOf}` },
    {
      kind: 'table',
      columns: [
        col('target'),
        col('limit'),
        col('so far', 'right'),
        col('lower', 'right'),
        col('estimate', 'right'),
        col('upper', 'right'),
        col('required', 'right'),
        col('needed', 'right'),
        col('status'),
      ],
      rows: forecast.targets.flatMap((target) =>
        target.tiers.map((tier, index) => {
          const mean = tier.required === null;
          return [
            index === 0 ? target.id : '',
            limitCell(tier.limit, locale, mean),
            mean ? meanOf(tier, tier.soFar.mean) : share(tier.soFar.share),
            mean ? '–' : share(tier.lower),
            mean ? meanOf(tier, tier.estimate) : share(tier.estimate),
            mean ? '–' : share(tier.upper),
            mean ? '' : formatRequired(tier.required, locale),
            tier.casesNeeded === null ? '–' : formatCount(tier.casesNeeded, locale),
            tier.status,
          ];
        }),
      ),
    },
    {
      kind: 'list',
      items: [
        'lower: every open and expected case a miss',
        'upper: every case that can still make it within, overdue ones not decided',
        'estimate: the share so far applied to the open and expected cases, overdue ones missed',
        'needed: cases that must still be decided in time (overdue ones not decided)',
      ],
    },
    {
      kind: 'text',
      text:
        `Points: lower ${formatPoints(forecast.points.lower, locale)}, estimate ${formatPoints(forecast.points.estimate, locale)},` +
        ` upper ${formatPoints(forecast.points.upper, locale)}.`,
    },
  ];
  return renderBlocks(blocks, format);
}

function forecastCsv(forecast: PlanForecast, locale: RenderLocale | undefined): string {
  const number = (value: number | null): CsvNumber => csvNumber(value, locale);
  const rows = forecast.targets.flatMap((target) =>
    target.tiers.map((tier, index) => [
      forecast.asOf,
      forecast.period.from,
      forecast.period.to,
      target.id,
      target.label,
      number(index + 1),
      number(tier.limit.amount),
      tier.limit.unit,
      number(tier.required),
      number(tier.soFar.measured),
      number(tier.soFar.within),
      number(tier.soFar.share),
      number(tier.soFar.mean),
      number(tier.open.overdue),
      number(tier.open.possible),
      number(tier.inflow),
      number(tier.lower),
      number(tier.estimate),
      number(tier.upper),
      number(tier.casesNeeded),
      tier.status,
    ]),
  );
  return csvText(FORECAST_CSV_COLUMNS, rows, locale);
}
