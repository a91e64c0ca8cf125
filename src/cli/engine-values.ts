/** The values an engine client returns, as a `SqlRunner` gives them. */

/**
 * A value of a query's row as `SqlRunner` gives it: text, booleans and `null` as they are, whole
 * numbers as JS numbers (a `bigint` or a decimal text only when it is exact), anything else an
 * error naming it.
 */
export function engineValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new Error(`the engine returned the whole number ${value.toString()}, beyond what JavaScript holds exactly`);
    return number;
  }
  throw new Error(`the engine returned a value the query does not write: ${Object.prototype.toString.call(value)}`);
}

/** A PostgreSQL `bigint` or `numeric` text as an exact number. */
export function exactNumber(text: string): number {
  const number = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number)) throw new Error(`the engine returned the number ${text}, which is no whole number JavaScript holds exactly`);
  return number;
}
