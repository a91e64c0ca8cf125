import type { LimitUnit } from '../targets/model.js';
import { histogramCount, histogramSum } from './histogram.js';

/**
 * The distribution of elapsed times (or waits, or days to the next slot) of a tier's measured
 * cases that have both clock events, in the unit of `unit`.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }, // 19 days
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' }, // 45 days
 * ], { period: '2023' });
 * const stats: Stats | undefined = report.targets[0]?.tiers[0]?.stats;
 * stats; // { count: 2, unit: 'days', mean: 32, median: 19, p75: 45, p90: 45, p95: 45, min: 19, max: 45 }
 * ```
 */
export interface Stats {
  count: number;
  /** Unit of the values: the tier's unit, or `days` for month limits. */
  unit: Exclude<LimitUnit, 'months'>;
  mean: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

/**
 * The nearest-rank percentile of a histogram: the smallest value `v` such that at least `p` % of
 * the cases are at most `v` (rank ⌈p/100 × n⌉, at least 1). "90 % of the cases were decided within
 * X days" is `percentile(histogram, 90)`. `null` for an empty histogram.
 *
 * @example
 * ```ts
 * // values 1, 2, 2, 3, 10: rank ⌈0.5 × 5⌉ = 3 → 2; rank ⌈0.9 × 5⌉ = 5 → 10
 * percentile([0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1], 50); // 2
 * percentile([0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1], 90); // 10
 * ```
 */
export function percentile(histogram: readonly number[], p: number): number | null {
  const count = histogramCount(histogram);
  if (count === 0) return null;
  const rank = Math.max(1, Math.ceil((p * count) / 100 - 1e-9));
  let seen = 0;
  for (let value = 0; value < histogram.length; value++) {
    seen += histogram[value] ?? 0;
    if (seen >= rank) return value;
  }
  return histogram.length - 1;
}

/**
 * Count, mean, median, p75, p90, p95, min and max of a histogram, each divided by `scale`
 * (60 for a histogram of seconds read in minutes).
 *
 * @example
 * ```ts
 * histogramStats([0, 1, 2, 1], 1, 'days'); // { count: 4, mean: 2, median: 2, p75: 2, p90: 3, p95: 3, min: 1, max: 3, unit: 'days' }
 * ```
 */
export function histogramStats(histogram: readonly number[], scale: number, unit: Stats['unit']): Stats {
  const count = histogramCount(histogram);
  const scaled = (value: number | null): number | null => (value === null ? null : value / scale);
  let min: number | null = null;
  let max: number | null = null;
  histogram.forEach((n, value) => {
    if (n > 0) {
      min ??= value;
      max = value;
    }
  });
  return {
    count,
    unit,
    mean: count === 0 ? null : histogramSum(histogram) / count / scale,
    median: scaled(percentile(histogram, 50)),
    p75: scaled(percentile(histogram, 75)),
    p90: scaled(percentile(histogram, 90)),
    p95: scaled(percentile(histogram, 95)),
    min: scaled(min),
    max: scaled(max),
  };
}

/**
 * A 95 % confidence interval for a share, and whether the population is small.
 *
 * @example
 * ```ts
 * // 27 of 30 cases within: a share of 0.9.
 * const interval: ShareInterval | null = wilsonInterval(27, 30);
 * interval; // { low: 0.743…, high: 0.965…, small: false }
 * ```
 */
export interface ShareInterval {
  low: number;
  high: number;
  /** `true` when fewer than 30 cases were measured: read the share with care. */
  small: boolean;
}

/**
 * Populations below this size are flagged as small.
 *
 * @example
 * ```ts
 * wilsonInterval(29, 29)?.small; // true (29 < SMALL_POPULATION)
 * ```
 */
export const SMALL_POPULATION = 30;

/**
 * The Wilson score interval (95 %, z = 1.96) for `within` of `measured`; `null` when nothing was
 * measured.
 *
 * @example
 * ```ts
 * wilsonInterval(6, 7); // { low: 0.4869…, high: 0.9743…, small: true }
 * ```
 */
export function wilsonInterval(within: number, measured: number): ShareInterval | null {
  if (measured === 0) return null;
  const z = 1.959963984540054;
  const n = measured;
  const p = within / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), small: n < SMALL_POPULATION };
}
