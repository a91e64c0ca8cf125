/**
 * Integer-day histograms: `histogram[d]` is the number of cases with exactly `d` elapsed days.
 * They are exact, merge by addition, and hold everything shares, means and percentiles need.
 */

/**
 * A histogram of elapsed days; index = days, value = number of cases.
 *
 * @example
 * ```ts
 * // Two cases decided after 1 day, one after 3 days.
 * const histogram: Histogram = [0, 2, 0, 1];
 * histogramCount(histogram); // 3
 * countAtMost(histogram, 2); // 2
 * histogramSum(histogram); // 5: 2 × 1 + 1 × 3
 * ```
 */
export type Histogram = number[];

/** Adds one case with `days` elapsed days (grows the array with zeros as needed). */
export function addToHistogram(histogram: Histogram, days: number): void {
  while (histogram.length <= days) histogram.push(0);
  histogram[days] = (histogram[days] ?? 0) + 1;
}

/**
 * The element-wise sum of two histograms (a new array).
 *
 * @example
 * ```ts
 * mergeHistograms([1, 2], [0, 1, 5]); // [1, 3, 5]
 * ```
 */
export function mergeHistograms(a: readonly number[], b: readonly number[]): Histogram {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  return long.map((count, days) => count + (short[days] ?? 0));
}

/**
 * The number of cases with at most `limit` elapsed days.
 *
 * @example
 * ```ts
 * countAtMost([3, 1, 4], 1); // 4
 * ```
 */
export function countAtMost(histogram: readonly number[], limit: number): number {
  let total = 0;
  const end = Math.min(limit, histogram.length - 1);
  for (let days = 0; days <= end; days++) total += histogram[days] ?? 0;
  return total;
}

/**
 * The number of cases in a histogram.
 *
 * @example
 * ```ts
 * histogramCount([3, 1, 4]); // 8
 * ```
 */
export function histogramCount(histogram: readonly number[]): number {
  return countAtMost(histogram, histogram.length - 1);
}

/**
 * The sum of elapsed days over all cases in a histogram (the numerator of the mean).
 *
 * @example
 * ```ts
 * histogramSum([3, 1, 4]); // 9 (1 × 1 + 4 × 2)
 * ```
 */
export function histogramSum(histogram: readonly number[]): number {
  let total = 0;
  histogram.forEach((count, days) => {
    total += count * days;
  });
  return total;
}
