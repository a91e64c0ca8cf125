/**
 * File readers: case records, contacts and observations from CSV (such as Danish Excel exports),
 * Excel workbooks (`.xlsx`), JSON arrays and NDJSON, as files, strings or streams (stdin), with the
 * line (or row) of every record; and documents written as Excel workbooks. Workbooks are read and
 * written with exceljs, loaded only when one is.
 *
 * @example
 * ```ts
 * import { readAllRecords } from 'servicemaal/io';
 *
 * const { records, lines, problems, summary } = await readAllRecords({ path: 'examples/data/agency-export.csv' }, {
 *   map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' },
 * });
 * ```
 *
 * @packageDocumentation
 * @module servicemaal/io
 */
export { readAllRecords, readRecords, type ReadResult, type RecordReader } from './read.js';
export { readIdsInto, readInto, type ReadIntoOptions } from './into.js';
export type { FieldCodes, InputFormat, ProblemRow, ReadOptions, ReadRow, ReadSummary, RecordRow, RowProblem } from './types.js';
export type { RecordSource } from './source.js';
export { danishDateToIso, decimalNumber, type CaseTypeMap, type FieldMap } from './convert.js';
export { detectDelimiter } from './csv.js';
export { loadCaseTypeMap, loadCodes, parseCaseTypeMap, parseCodes, parseFieldMap } from './mapping.js';
export { renderDocumentXlsx, type DocumentXlsxOptions } from '../document/render-xlsx.js';
