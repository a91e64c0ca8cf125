import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fail } from '../errors.js';
import { keyedRecord } from '../evaluate/keys.js';
import { detectDelimiter, firstLine } from './csv.js';
import type { FieldMap } from './convert.js';
import { codeOrigins } from './context.js';
import { textDecoder } from './source.js';
import { isZip, workbookRows, type SheetRowCells } from './xlsx.js';

/**
 * Parses the command-line form of a field map: `field=column` pairs separated by commas (spaces
 * around names are dropped; a column name cannot contain `,` or `=`). Any record field may be
 * mapped: `events.<name>`, `withoutTarget`, and attributes as `attributes.<name>` or, for a name
 * that is not a record field, the name alone. The fields are checked when the map is used, by
 * {@link readRecords}. Throws a `ServicemaalError` (`invalid_option`) for a pair that is not
 * `field=column` and for a field mapped twice.
 *
 * @example
 * ```ts
 * parseFieldMap('applied=indgivet,decided=afgjort,events.firstInterview=foerste_samtale');
 * // { applied: 'indgivet', decided: 'afgjort', 'events.firstInterview': 'foerste_samtale' }
 * parseFieldMap('applicationKind=Ansøgningstype, attributes.team=Enhed, withoutTarget=Styringsmål');
 * // { applicationKind: 'Ansøgningstype', 'attributes.team': 'Enhed', withoutTarget: 'Styringsmål' }
 * parseFieldMap('applied=indgivet,applied=modtaget'); // throws: code 'invalid_option' (applied is mapped twice)
 * parseFieldMap('applied'); // throws: code 'invalid_option' ("applied" is not a field=column pair)
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
  return caseTypeMapOf(text, options, null);
}

/** {@link parseCaseTypeMap} of a text, or of the rows of a workbook (`rows`, when not `null`). */
function caseTypeMapOf(text: string, options: { format?: 'json' | 'csv' }, rows: readonly SheetRowCells[] | null): Map<string, string> {
  const content = text.replace(/^\uFEFF/, '');
  const format = rows !== null ? 'csv' : (options.format ?? (content.trimStart().startsWith('{') ? 'json' : 'csv'));
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
  (rows ?? csvRows(content)).forEach(({ cells, line }, i) => {
    const [code = '', caseType = ''] = cells;
    if (i === 0 && (CODE_HEADERS.has(code.toLowerCase()) || CASE_TYPE_HEADERS.has(caseType.toLowerCase()))) return;
    if (cells.length !== 2) {
      fail('invalid_option', `case-type mapping, line ${line}: expected two cells (code, caseType), got ${cells.length}`, ['caseTypeMap']);
    }
    add(code, caseType, `line ${line}`);
  });
  return map;
}

/**
 * The rows of a small CSV text (comma or semicolon, detected from the first line) with the line
 * each starts on; cells are trimmed, blank rows left out, trailing empty cells dropped.
 */
function csvRows(content: string): { cells: string[]; line: number }[] {
  const rows = parse(content, {
    delimiter: detectDelimiter(firstLine(content)),
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const result: { cells: string[]; line: number }[] = [];
  for (const { record, info } of rows) {
    const cells = record.map((cell) => cell.trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length > 0) result.push({ cells, line: info.lines });
  }
  return result;
}

/**
 * The content of a mapping file: the rows of the first sheet of a workbook (recognised by its
 * bytes, whatever its name), else its text (see {@link textOf}).
 */
async function readMapping(path: string, encoding: string | undefined): Promise<{ text: string; rows: SheetRowCells[] | null }> {
  const bytes = await readFile(path);
  if (isZip(bytes)) return { text: '', rows: await workbookRows(bytes, path) };
  return { text: textOf(path, bytes, encoding), rows: null };
}

/**
 * The text of a file in an encoding (default UTF-8; a UTF-8 byte-order mark is dropped). Without
 * an encoding, text that is not valid UTF-8 is an error naming the line: a code read wrongly would
 * never match.
 */
function textOf(path: string, bytes: Uint8Array, encoding: string | undefined): string {
  const text = textDecoder(encoding ?? 'utf-8').decode(bytes);
  const bad = encoding === undefined ? text.indexOf('\uFFFD') : -1;
  if (bad >= 0) {
    const line = text.slice(0, bad).split(/\r\n|\r|\n/).length;
    fail('invalid_option', `${path}, line ${line}: the text is not valid UTF-8; give the file's encoding (e.g. windows-1252)`, ['encoding']);
  }
  return text;
}

/** The format of a mapping file by its extension: JSON for `.json`, CSV for `.csv`, `.tsv` and `.txt`, else by its content. */
function formatOfPath(path: string): { format?: 'json' | 'csv' } {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return { format: 'json' };
  return ['.csv', '.tsv', '.txt'].includes(extension) ? { format: 'csv' } : {};
}

/**
 * Loads a case-type mapping file (see {@link parseCaseTypeMap}): JSON for a `.json` file, CSV for
 * `.csv`, `.tsv` or `.txt`, else by its content; in UTF-8 unless `encoding` names another, such as
 * `windows-1252`. Pass the result as `caseTypeMap` to {@link readRecords}.
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
export async function loadCaseTypeMap(path: string, options: { encoding?: string } = {}): Promise<Map<string, string>> {
  const { text, rows } = await readMapping(path, options.encoding);
  return caseTypeMapOf(text, formatOfPath(path), rows);
}

const FIELD_HEADERS = new Set(['field', 'felt']);
const VALUE_HEADERS = new Set(['value', 'værdi', 'vaerdi']);

/**
 * Parses the codes of any record fields: for each field, the agency's codes and the values they
 * stand for. Either a three-column CSV of `field`, `code` and `value` (comma or semicolon; a first
 * row `field;code;value` — or Danish `felt;kode;værdi` — is a header and skipped; empty lines are
 * skipped; cells are trimmed), such as `applicationKind;Forlængelse;extension`, or a JSON object
 * `{ "field": { "code": "value" } }`. The format is `format`, else JSON when the text starts with
 * `{`. Pass the result as `codes` to {@link readRecords}, which checks the field names against the
 * records read (an attribute may be named `attributes.<name>` or, when it is no record field, by
 * its name alone). Throws a `ServicemaalError` (`invalid_option`) naming the line for a row without
 * three non-empty cells, or a code of a field given two values.
 *
 * @example
 * ```ts
 * const codes = parseCodes('felt;kode;værdi\ncaseType;ER-FT;fast-track\napplicationKind;Første ansøgning;first\napplicationKind;Forlængelse;extension\nwithoutTarget;Nej;true\n');
 * [...codes.keys()]; // ['caseType', 'applicationKind', 'withoutTarget']
 * codes.get('applicationKind')?.get('Forlængelse'); // 'extension'
 * parseCodes('{ "withoutTarget": { "Nej": "true", "Ja": "false" } }').get('withoutTarget')?.get('Ja'); // 'false'
 * parseCodes('applicationKind;Forlængelse;extension\napplicationKind;Forlængelse;first\n'); // throws: code 'invalid_option' (line 2: "Forlængelse" of applicationKind is given both "extension" and "first")
 * ```
 */
export function parseCodes(text: string, options: { format?: 'json' | 'csv' } = {}): Map<string, Map<string, string>> {
  return codesOf(text, options, null);
}

/** {@link parseCodes} of a text, or of the rows of a workbook (`rows`, when not `null`). */
function codesOf(text: string, options: { format?: 'json' | 'csv' }, rows: readonly SheetRowCells[] | null): Map<string, Map<string, string>> {
  if (typeof text !== 'string') fail('invalid_option', 'codes must be text: rows field;code;value, or a JSON object', ['codes']);
  const content = text.replace(/^\uFEFF/, '');
  const format = rows !== null ? 'csv' : (options.format ?? (content.trimStart().startsWith('{') ? 'json' : 'csv'));
  const codes = new Map<string, Map<string, string>>();
  const add = (field: string, code: string, value: unknown, line: number | null): void => {
    const where = line === null ? `"${field}"` : `line ${line}`;
    if (field === '' || code === '' || typeof value !== 'string' || value.trim() === '') {
      fail('invalid_option', `codes, ${where}: needs a field, a code and a non-empty value`, ['codes', field]);
    }
    let values = codes.get(field);
    if (values === undefined) {
      values = new Map();
      codes.set(field, values);
      codeOrigins.set(values, { path: null, line });
    }
    const previous = values.get(code);
    if (previous !== undefined && previous !== value.trim()) {
      fail('invalid_option', `codes, ${where}: "${code}" of ${field} is given both "${previous}" and "${value.trim()}"`, ['codes', field, code]);
    }
    values.set(code, value.trim());
  };
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      fail('invalid_option', `codes: not valid JSON: ${(error as Error).message}`, ['codes']);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      fail('invalid_option', 'codes: the JSON must be an object { "field": { "code": "value" } }', ['codes']);
    }
    for (const [field, values] of Object.entries(data)) {
      if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        fail('invalid_option', `codes, "${field}": must be an object { "code": "value" }`, ['codes', field]);
      }
      for (const [code, value] of Object.entries(values as Record<string, unknown>)) add(field.trim(), code.trim(), value, null);
    }
    return codes;
  }
  (rows ?? csvRows(content)).forEach(({ cells, line }, i) => {
    const [field = '', code = '', value = ''] = cells;
    if (i === 0 && FIELD_HEADERS.has(field.toLowerCase()) && VALUE_HEADERS.has(value.toLowerCase())) return;
    if (cells.length !== 3) fail('invalid_option', `codes, line ${line}: expected three cells (field, code, value), got ${cells.length}`, ['codes']);
    add(field, code, value, line);
  });
  return codes;
}

/**
 * Loads a codes file (see {@link parseCodes}): JSON for a `.json` file, CSV for `.csv`, `.tsv` or
 * `.txt`, else by its content; in UTF-8 unless `encoding` names another, such as `windows-1252`
 * (text that is not valid UTF-8 is an error naming the line). Messages about the codes (a field
 * the records do not have) name the file and line.
 *
 * @example
 * ```ts
 * const codes = await loadCodes('examples/data/koder.csv');
 * codes.get('applicationKind')?.get('Forlængelse'); // 'extension'
 * const text = 'Sagsnr;Sagstype;Modtaget\nS1;ER-FT;02-01-2023\nS2;ER-XX;03-01-2023\n';
 * const { records, summary } = await readAllRecords({ text }, { map: { id: 'Sagsnr', caseType: 'Sagstype', applied: 'Modtaget' }, codes });
 * records.map((record) => record.caseType); // ['fast-track', 'ER-XX']
 * [...summary.unmappedCaseTypes]; // [['ER-XX', 1]]
 * ```
 */
export async function loadCodes(path: string, options: { encoding?: string } = {}): Promise<Map<string, Map<string, string>>> {
  const { text, rows } = await readMapping(path, options.encoding);
  const codes = codesOf(text, formatOfPath(path), rows);
  for (const values of codes.values()) {
    const origin = codeOrigins.get(values);
    if (origin !== undefined) origin.path = path;
  }
  return codes;
}
