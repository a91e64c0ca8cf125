import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fail } from '../errors.js';
import { keyedRecord } from '../evaluate/keys.js';
import { detectDelimiter, firstLine } from './csv.js';
import type { FieldMap } from './convert.js';

/**
 * Parses the command-line form of a field map: `field=column` pairs separated by commas (spaces
 * around names are dropped; a column name cannot contain `,` or `=`). The fields are checked when
 * the map is used, by {@link readRecords}.
 *
 * @example
 * ```ts
 * parseFieldMap('applied=indgivet,decided=afgjort,events.firstInterview=foerste_samtale');
 * // { applied: 'indgivet', decided: 'afgjort', 'events.firstInterview': 'foerste_samtale' }
 * ```
 */
export function parseFieldMap(text: string): FieldMap {
  if (typeof text !== 'string') fail('invalid_option', 'a field map must be text such as applied=indgivet,decided=afgjort', ['map']);
  const map = keyedRecord<string>();
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const parts = pair.split('=');
    const field = parts[0]?.trim() ?? '';
    const column = parts[1]?.trim() ?? '';
    if (parts.length !== 2 || field === '' || column === '') {
      fail('invalid_option', `"${pair.trim()}" is not a field=column pair (e.g. applied=indgivet)`, ['map']);
    }
    if (Object.hasOwn(map, field)) fail('invalid_option', `${field} is mapped twice`, ['map', field]);
    map[field] = column;
  }
  return map;
}

const CODE_HEADERS = new Set(['code', 'kode']);
const CASE_TYPE_HEADERS = new Set(['casetype', 'case type', 'case_type', 'sagstype']);

/**
 * Parses a case-type mapping: a JSON object (`{ "FT1": "fast-track" }`) or a two-column CSV of
 * `code` and `caseType` (comma or semicolon; a first row `code,caseType` — or `kode;sagstype` — is
 * a header and skipped; empty lines are skipped). Codes and case types are trimmed. The format is
 * `format`, else JSON when the text starts with `{`. Throws a `ServicemaalError` (`invalid_option`)
 * naming the line for a row without exactly two non-empty cells, or a code given two case types.
 *
 * @example
 * ```ts
 * Object.fromEntries(parseCaseTypeMap('code;caseType\nFT1;fast-track\nSTU;studie\n')); // { FT1: 'fast-track', STU: 'studie' }
 * parseCaseTypeMap('{"FT1": "fast-track"}').get('FT1'); // 'fast-track'
 * parseCaseTypeMap('FT1;fast-track\nFT1;studie\n'); // throws: code 'invalid_option' (FT1 is given two case types)
 * ```
 */
export function parseCaseTypeMap(text: string, options: { format?: 'json' | 'csv' } = {}): Map<string, string> {
  const content = text.replace(/^\uFEFF/, '');
  const format = options.format ?? (content.trimStart().startsWith('{') ? 'json' : 'csv');
  const map = new Map<string, string>();
  const add = (code: string, caseType: unknown, where: string): void => {
    if (typeof caseType !== 'string' || caseType.trim() === '' || code.trim() === '') {
      fail('invalid_option', `case-type mapping, ${where}: needs a code and a non-empty case type`, ['caseTypeMap', code]);
    }
    const previous = map.get(code.trim());
    if (previous !== undefined && previous !== caseType.trim()) {
      fail('invalid_option', `case-type mapping, ${where}: "${code.trim()}" is mapped to both "${previous}" and "${caseType.trim()}"`, ['caseTypeMap', code]);
    }
    map.set(code.trim(), caseType.trim());
  };
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      fail('invalid_option', `case-type mapping: not valid JSON: ${(error as Error).message}`, ['caseTypeMap']);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      fail('invalid_option', 'case-type mapping: the JSON must be an object { "code": "caseType" }', ['caseTypeMap']);
    }
    for (const [code, caseType] of Object.entries(data)) add(code, caseType, `"${code}"`);
    return map;
  }
  const rows = parse(content, {
    delimiter: detectDelimiter(firstLine(content)),
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as unknown as { record: string[]; info: { lines: number } }[];
  rows.forEach(({ record, info }, i) => {
    const cells = record.map((cell) => cell.trim());
    if (cells.every((cell) => cell === '')) return;
    const [code = '', caseType = ''] = cells;
    if (i === 0 && (CODE_HEADERS.has(code.toLowerCase()) || CASE_TYPE_HEADERS.has(caseType.toLowerCase()))) return;
    if (cells.length !== 2) {
      fail('invalid_option', `case-type mapping, line ${info.lines}: expected two cells (code, caseType), got ${cells.length}`, ['caseTypeMap']);
    }
    add(code, caseType, `line ${info.lines}`);
  });
  return map;
}

/**
 * Loads a case-type mapping file (see {@link parseCaseTypeMap}): JSON for a `.json` file, CSV for
 * `.csv`, `.tsv` or `.txt`, else by its content. Pass the result as `caseTypeMap` to
 * {@link readRecords}.
 *
 * @example
 * ```ts
 * const caseTypeMap = await loadCaseTypeMap('examples/data/case-type-codes.csv');
 * caseTypeMap.size; // 10
 * caseTypeMap.get('ER-FT'); // 'fast-track'
 * const { records } = await readAllRecords({ text: 'sagsnr;sagstype;indgivet\nS1;ER-FT;02-01-2023\n' }, {
 *   map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet' },
 *   caseTypeMap,
 * });
 * records[0]?.caseType; // 'fast-track'
 * ```
 */
export async function loadCaseTypeMap(path: string): Promise<Map<string, string>> {
  const text = await readFile(path, 'utf8');
  const extension = extname(path).toLowerCase();
  const format = extension === '.json' ? 'json' : ['.csv', '.tsv', '.txt'].includes(extension) ? 'csv' : undefined;
  return parseCaseTypeMap(text, format === undefined ? {} : { format });
}
