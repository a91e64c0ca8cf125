/**
 * `--results <file>`: the results of requirements that the data does not evaluate, from a JSON
 * object (as the `results` option) or a CSV file with the header `requirement;met` or
 * `requirement;points`. The library checks the results against the plan.
 */
import { readFile } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { SuppliedResult } from '../evaluate/report.js';
import { UsageError } from './args.js';

/** Reads `--results` (decoded with `--encoding`, default UTF-8); `undefined` without the option. */
export async function loadResults(file: string | undefined, encoding: string | undefined): Promise<Record<string, SuppliedResult> | undefined> {
  if (file === undefined) return undefined;
  const bytes = await readFile(file);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding ?? 'utf-8');
  } catch {
    throw new UsageError(`--encoding "${encoding ?? ''}" is not supported (try utf-8 or windows-1252)`);
  }
  return parseResults(decoder.decode(bytes), file);
}

/**
 * The results in a file's text: a JSON object, or CSV (`;`, tab or `,` between the fields) with
 * `met` as `true`/`false` (any case) or `points` as a number with a decimal point or comma. Requirement
 * numbers are plan data, so they are kept in an object without a prototype.
 */
export function parseResults(content: string, name: string): Record<string, SuppliedResult> {
  const text = content.replace(/^\uFEFF/, '').trim();
  const results = Object.create(null) as Record<string, SuppliedResult>;
  if (text.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${name}: expected an object { "2.3": { "met": true } }`);
    for (const [number, value] of Object.entries(data)) results[number] = value as SuppliedResult;
    return results;
  }
  const lines = text.split(/\r\n|\n|\r/);
  const header = lines[0] ?? '';
  const delimiter = [';', '\t', ','].find((candidate) => header.includes(candidate)) ?? ';';
  const cells = (row: string): string[] => row.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
  const columns = cells(header).map((cell) => cell.toLowerCase());
  const kind = columns.length === 2 && columns[0] === 'requirement' && (columns[1] === 'met' || columns[1] === 'points') ? columns[1] : null;
  if (kind === null) throw new UsageError(`${name} line 1: the header must be requirement;met or requirement;points (or a JSON object), got "${header}"`);
  const seen = new Map<string, number>();
  lines.forEach((row, index) => {
    const at = `${name} line ${String(index + 1)}`;
    if (index === 0 || row.trim() === '') return;
    const [number, value, ...rest] = cells(row);
    if (number === undefined || number === '' || value === undefined || rest.length > 0) {
      throw new UsageError(`${at}: expected a requirement number and its ${kind}, got "${row}"`);
    }
    const previous = seen.get(number);
    if (previous !== undefined) throw new UsageError(`${at}: requirement ${number} is given twice (also on line ${String(previous)})`);
    seen.set(number, index + 1);
    if (kind === 'met') {
      if (!/^(true|false)$/i.test(value)) throw new UsageError(`${at}: met must be true or false, got "${value}"`);
      results[number] = { met: value.toLowerCase() === 'true' };
    } else {
      if (!/^\d+([.,]\d+)?$/.test(value)) throw new UsageError(`${at}: points must be a number such as 2.5 or 2,5, got "${value}"`);
      results[number] = { points: Number(value.replace(',', '.')) };
    }
  });
  return results;
}
