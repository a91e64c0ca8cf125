/**
 * The library's version (kept equal to package.json by a test).
 *
 * @example
 * ```ts
 * VERSION; // '0.1.0'
 * ```
 */
export const VERSION = '0.1.0';
