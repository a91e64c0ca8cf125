import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvError } from 'csv-parse';
import { fail, shortText } from '../errors.js';
import { problemReason } from '../evaluate/messages.js';
import { missingFields, recordFromCells, resolveColumns } from './convert.js';
import type { ReadContext } from './context.js';
import { LineTracker, type Peeked } from './source.js';
import type { ReadRow } from './types.js';

const CANDIDATES = [';', ',', '\t'] as const;

/**
 * The delimiter of a CSV header line: whichever of `;`, `,` and tab occurs most often outside
 * quotes; `;` wins a tie with `,`, and `,` is the answer when none occurs.
 *
 * @example
 * ```ts
 * detectDelimiter('sagsnr;sagstype;indgivet;afgjort'); // ';'
 * detectDelimiter('id,caseType,applied'); // ','
 * ```
 */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const candidate of CANDIDATES) {
    const count = counts.get(candidate) ?? 0;
    if (count > most) [best, most] = [candidate, count];
  }
  return best;
}

/** The first line of the text with a non-blank character. */
export function firstLine(text: string): string {
  return /[^\s][^\r\n]*/.exec(text)?.[0] ?? '';
}

/** Checks a delimiter option: one character, no quote or line break. */
export function checkDelimiter(delimiter: string): string {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points on purpose: a delimiter is one code point such as ';', '\t' or '§'
  if (typeof delimiter !== 'string' || [...delimiter].length !== 1 || /["\r\n]/.test(delimiter)) {
    fail('invalid_option', `delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`, ['delimiter']);
  }
  return delimiter;
}

/** Shortens a value for a problem report (see `shortText`). */
export function shorten(text: string): string {
  return shortText(text);
}

/** The longest CSV row read, in characters. */
const MAX_ROW_CHARACTERS = 1 << 20;

/** Why csv-parse gave up on a row, without its own line count (which the tracker replaces). */
function reason(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed (a " without its closing ")';
  if (error.code === 'CSV_MAX_RECORD_SIZE') return `the row is longer than ${MAX_ROW_CHARACTERS} characters (is a quoted field never closed?)`;
  return error.message.replace(/,? (?:at|on) line \d+/g, '');
}

interface ParsedRow {
  record: string[];
  info: { bytes: number };
}

/** The header of a CSV read: its columns (trimmed) and the record field each feeds (`null`: ignored). */
export interface CsvHeader {
  columns: string[];
  fields: (string | null)[];
}

/** Takes the cells of the header row: resolves the columns and fills in the summary. */
export function takeHeader(context: ReadContext, cells: string[], line: number): CsvHeader {
  const { summary, kind } = context;
  const fields = resolveColumns(kind, context.fieldMap, cells);
  summary.headerLine = line;
  summary.columns = [...cells];
  cells.forEach((name, i) => {
    const field = fields[i];
    if (field === null || field === undefined) summary.ignoredColumns.push(name === '' ? `(column ${i + 1})` : name);
    else summary.fields[field] = name;
  });
  summary.missingFields = missingFields(kind, Object.keys(summary.fields));
  return { columns: cells, fields };
}

/**
 * Turns the trimmed cells of a data row into what the reader yields: a record or a problem, or
 * `null` for a row whose cells are all blank (counted as an empty line).
 */
export function rowOfCells(context: ReadContext, header: CsvHeader, cells: string[], line: number, delimiter: string): ReadRow | null {
  if (cells.some((cell) => cell.includes('\uFFFD'))) context.summary.suspectEncoding = true;
  if (cells.every((cell) => cell === '')) {
    context.empty(1);
    return null;
  }
  const { columns, fields } = header;
  const extra = cells.slice(columns.length);
  if (extra.some((cell) => cell !== '')) {
    return context.problem(line, {
      column: '',
      value: shorten(extra.join(delimiter)),
      code: 'invalid_value',
      message: problemReason({ code: 'invalid_value', kind: 'extra-columns', cells: cells.length, header: columns.length }),
    });
  }
  context.mapCells(fields, cells);
  const converted = recordFromCells(context.kind, columns, fields, cells);
  if ('problem' in converted) return context.problem(line, { ...converted.problem, value: shorten(converted.problem.value) });
  return context.record(line, converted.record);
}

/** Where a CSV read picks up: the header when it has been read already, and the line the chunks start on. */
export interface CsvResume {
  header: CsvHeader | null;
  line: number;
}

/**
 * Reads CSV rows with csv-parse, streaming; the caller's context receives the counts. With
 * `resume`, the chunks continue a file whose header has been read, from the start of a line.
 */
export async function* readCsv(peeked: Peeked, context: ReadContext, resume?: CsvResume): AsyncGenerator<ReadRow> {
  const { summary } = context;
  const delimiter = context.delimiter ?? detectDelimiter(firstLine(peeked.head));
  summary.delimiter = delimiter;
  const tracker = new LineTracker(resume?.line ?? 1);
  // Loaded when needed: files of plain rows are read without it (see scanCases).
  const { parse } = await import('csv-parse');
  // A row csv-parse cannot read ends the reading: it is reported once the rows before it are out.
  const state: { failure: { error: CsvError; records: number } | null } = { failure: null };
  const parser = parse({
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error !== undefined) state.failure ??= { error, records: Number(error['records']) };
      return undefined;
    },
    bom: true,
    info: true,
    delimiter,
    // Any of the three line ends, even mixed in one file; quoted fields may hold them.
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    // Bounds the memory a quote that is never closed can take.
    max_record_size: MAX_ROW_CHARACTERS,
  });
  // Nothing more is read once a row has failed (an endless line, say): the reading ends there.
  async function* feed(): AsyncGenerator<Buffer> {
    for await (const chunk of peeked.chunks) {
      if (state.failure !== null) return;
      tracker.push(chunk);
      yield chunk;
    }
  }
  const piped = pipeline(Readable.from(feed(), { objectMode: false }), parser);
  // Errors reach the reader through the parser; this only keeps the promise from going unhandled.
  piped.catch(() => undefined);

  let header: CsvHeader | null = resume?.header ?? null;
  let consumed = 0;
  const failed = (): never => {
    const { error } = state.failure as { error: CsvError };
    return fail('invalid_value', `${context.where(tracker.nextRowLine())}: the CSV row starting here cannot be read: ${reason(error)}`);
  };
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRow>) {
      if (state.failure !== null && consumed >= state.failure.records) failed();
      consumed++;
      const { line, emptyLines } = tracker.row(parsed.info.bytes);
      context.empty(emptyLines);
      const cells = parsed.record.map((cell) => cell.trim());
      if (header === null) {
        if (cells.some((cell) => cell.includes('\uFFFD'))) summary.suspectEncoding = true;
        if (cells.every((cell) => cell === '')) context.empty(1);
        else header = takeHeader(context, cells, line);
        continue;
      }
      const row = rowOfCells(context, header, cells, line, delimiter);
      if (row !== null) yield row;
    }
    if (state.failure !== null) failed();
  } finally {
    parser.destroy();
  }
  context.empty(tracker.finish());
}
