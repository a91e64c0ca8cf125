import type { Limit, Source } from '../targets/model.js';

/**
 * A limit as text.
 *
 * @example
 * ```ts
 * formatLimit({ amount: 1, unit: 'days' }); // '1 day'
 * ```
 */
export function formatLimit(limit: Limit): string {
  const unit = limit.amount === 1 ? limit.unit.replace(/s$/, '') : limit.unit;
  return `${limit.amount} ${unit}`;
}

/**
 * A share in percent, with up to one decimal (display only; comparisons are exact).
 *
 * @example
 * ```ts
 * formatPercent(0.8532); // '85.3 %'
 * ```
 */
export function formatPercent(share: number | null): string {
  if (share === null) return '–';
  return `${(Math.round(share * 1000) / 10).toString()} %`;
}

/** A source as `file requirement`. */
export function formatSource(source: Source | null): string {
  return source === null ? '–' : `${source.file} ${source.requirement}`;
}
