/**
 * Values of a query's result as the library's runners return them: integers, decimals and
 * floating-point numbers as JavaScript numbers (exact, or an error), text, booleans and null.
 * Shared by the runners of the engines (servicemaal/duckdb, servicemaal/postgres).
 */

/** Where a value is, for messages: the runner, the row (from 1; null for the whole column) and the column (from 1, with its name and type). */
export interface ValuePlace {
  runner: string;
  row: number | null;
  column: number;
  name: string;
  type: string;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = -MAX;

/** `servicemaal/duckdb: row 3, column 2 (total, BIGINT)`: where a value is. */
export function placeOf(place: ValuePlace): string {
  return `${place.runner}: ${place.row === null ? '' : `row ${place.row}, `}column ${place.column} (${place.name}, ${place.type})`;
}

/** An integer as a number, or a RangeError when a number cannot hold it exactly. */
export function integerToNumber(value: bigint, place: ValuePlace): number {
  if (value > MAX || value < MIN) {
    throw new RangeError(`${placeOf(place)}: ${value.toString()} is beyond the integers a JavaScript number holds exactly (±${Number.MAX_SAFE_INTEGER}); cast it to text in the query to read it`);
  }
  return Number(value);
}

/**
 * Decimal text (`-12`, `3.50`) as a number: an integer when it has no fraction (exact, or a
 * RangeError), else the number that prints as the same decimal (or a RangeError when a number
 * cannot hold all its digits).
 */
export function decimalToNumber(text: string, place: ValuePlace): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new RangeError(`${placeOf(place)}: ${text} is not a finite decimal number`);
  const sign = match[1] ?? '';
  const whole = match[2] ?? '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction === '') return integerToNumber(BigInt(`${sign}${whole}`), place);
  const number = Number(`${sign}${whole}.${fraction}`);
  if (Math.abs(number) > Number.MAX_SAFE_INTEGER || number.toFixed(fraction.length) !== `${sign}${whole.replace(/^0+(?=\d)/, '')}.${fraction}`) {
    throw new RangeError(`${placeOf(place)}: ${text} has more digits than a JavaScript number holds exactly; round or cast it in the query`);
  }
  return number;
}
