/**
 * Records keyed by user strings (case types, channels, centres, event names, column names): built
 * without a prototype, so that a key such as `__proto__` or `constructor` is an ordinary key — it
 * never reaches `Object.prototype`, and JSON output still lists it — and read through own
 * properties only, since such a record may also come from the user (JSON, an object literal).
 */

/** An empty record without a prototype, for counts or values keyed by user strings. */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A copy of a record's own enumerable entries in a record without a prototype. */
export function copyKeyed<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const copy = keyedRecord<T>();
  for (const [key, value] of Object.entries(record)) copy[key] = value;
  return copy;
}

/** The value of a record's own property `key`, or `undefined`: never an inherited one. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets the own property `key` of a record, as a data property even where an assignment would run an
 * inherited setter (`__proto__` of a record with a prototype).
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (Object.hasOwn(record, key)) record[key] = value;
  else Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Adds `count` to the count of `key` in a record of counts. */
export function addCount(record: Record<string, number>, key: string, count = 1): void {
  setOwn(record, key, (ownValue(record, key) ?? 0) + count);
}
