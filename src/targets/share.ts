/**
 * Exact arithmetic for required shares (docs/methodology.md, convention 7). A required share such as 0.55 is
 * read as the decimal it is written as (55/100), never as the nearest binary fraction, so
 * `within / measured >= required` is decided with integers: `within * den >= num * measured`.
 */

/**
 * A non-negative rational number `num / den`.
 *
 * @example
 * ```ts
 * const required: Ratio = decimalRatio(0.85);
 * const [within, measured] = [17n, 20n];
 * within * required.den >= required.num * measured; // true: 17 of 20 is exactly 85 %
 * ```
 */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/**
 * The exact decimal value of a number as JavaScript prints it (its shortest round-trip form).
 *
 * @example
 * ```ts
 * const ratio = decimalRatio(0.55); // 55n / 100n, not the binary fraction nearest to 0.55
 * [ratio.num, ratio.den].map(String); // ['55', '100']
 * decimalRatio(1e-7).den === 10n ** 7n; // true
 * ```
 */
export function decimalRatio(value: number): Ratio {
  const [mantissa = '0', exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { num: digits, den: 10n ** BigInt(scale) } : { num: digits * 10n ** BigInt(-scale), den: 1n };
}

/**
 * Whether `within / measured` reaches `required`, compared exactly. `null` when nothing was measured.
 *
 * @example
 * ```ts
 * meetsShare(55, 100, 0.55); // true, although 0.55 * 100 is 55.00000000000001 in floating point
 * ```
 */
export function meetsShare(within: number, measured: number, required: number): boolean | null {
  if (measured === 0) return null;
  const { num, den } = decimalRatio(required);
  return BigInt(within) * den >= num * BigInt(measured);
}

/**
 * The smallest number of cases within the limit that meets `required` among `measured` cases.
 *
 * @example
 * ```ts
 * casesNeeded(7, 0.85); // 6
 * ```
 */
export function casesNeeded(measured: number, required: number): number {
  const { num, den } = decimalRatio(required);
  const product = num * BigInt(measured);
  return Number((product + den - 1n) / den);
}
