import type { Limit, Source } from '../targets/model.js';

/**
 * A limit as text.
 *
 * @example
 * ```ts
 * formatLimit({ amount: 1, unit: 'days' }); // '1 day'
 * formatLimit({ amount: 15, unit: 'workingDays' }); // '15 working days'
 * ```
 */
export function formatLimit(limit: Limit): string {
  const [one, many] = UNIT_NAMES[limit.unit];
  return `${limit.amount} ${limit.amount === 1 ? one : many}`;
}

const UNIT_NAMES: Record<Limit['unit'], readonly [string, string]> = {
  days: ['day', 'days'],
  months: ['month', 'months'],
  workingDays: ['working day', 'working days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
};

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
