import { open, stat } from 'node:fs/promises';
import { NO_DATE, NO_DAY, fastDayOfBytes } from '../dates/fast.js';
import type { ReadContext } from './context.js';
import { detectDelimiter, firstLine, readCsv, rowOfCells, takeHeader, type CsvHeader } from './csv.js';
import { checkFormatOptions, formatOf, readPeeked, startRead } from './read.js';
import { peek, sourceBytes, type RecordSource } from './source.js';
import type { ReadOptions, ReadRow, ReadSummary } from './types.js';

/**
 * Where {@link scanCases} delivers case records. Rows of the common shape arrive as day numbers
 * through `days` (no record object is made); every other row arrives through `row` exactly as
 * `readRecords` yields it.
 *
 * `S` is the receiver's handle for a case type with given attributes and flag (e.g. the targets
 * measuring such cases), asked for once per distinct combination of case-type, attribute and
 * `withoutTarget` cells.
 */
export interface CaseRowSink<S> {
  /**
   * The handle of a case type (after the case-type mapping) with these attribute values (only
   * non-empty ones; `null` for none) and flag; `null` to have such rows handed over through `row`.
   */
  slot(caseType: string, attributes: ReadonlyMap<string, string> | null, flagged: boolean): S | null;
  /**
   * A valid case record `{ id, caseType, applied, decided }` read from the bytes, on `line`:
   * `decided` is {@link NO_DATE} while pending, otherwise not before `applied`; the id is the
   * UTF-8 bytes `id[from, to)` (non-empty, without spaces at either end), which are the reader's
   * and change after the call.
   */
  days(slot: S, applied: number, decided: number, line: number, id: Uint8Array, from: number, to: number): void;
  /** Any other row: a record to read the slow way, or a row problem. */
  row(row: ReadRow): void;
  /**
   * A guess of the number of rows of the whole file, from its size and the rows of its first
   * chunk, given once after that chunk (to make room for them ahead).
   */
  expect?(rows: number): void;
}

/** Options of {@link scanCases}: those of `readRecords`, a callback for progress, and a helper thread. */
export interface ScanOptions extends ReadOptions {
  /** Called after each chunk of the input with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  /** Reads the last part of a large CSV file at the same time, on a helper (see {@link ParallelRead}). */
  parallel?: ParallelRead;
  /** Called once the read has started with its summary, filled in as the read goes on. */
  onStart?: (summary: ReadSummary) => void;
}

/**
 * Reading a large CSV file in two parts at once: {@link scanCases} reads the first part while a
 * helper (a worker thread running {@link scanPart}) reads the rest from a line start on. The
 * helper's rows are then handed to the sink in file order, with their lines and counts, so the
 * result is that of reading the file in one pass. When the first part holds a quote character
 * (a quoted field could span the split), or the helper fails (as it does when its part holds more
 * than {@link MAX_PART_ROWS} rows to read the slow way, which it would have to keep), the file is
 * read on in one pass.
 */
export interface ParallelRead {
  /** Files smaller than this many bytes are read in one pass. */
  minBytes: number;
  /** The share of the file's bytes the helper reads, above 0 and below 1. */
  share: number;
  /** Starts a helper on a part of the file. */
  start(job: ScanJob): ScanHelper;
}

/** What a helper reads: the file `path` from byte `from` (a line start), after `header`. */
export interface ScanJob {
  path: string;
  from: number;
  delimiter: string;
  header: CsvHeader;
  /** The read options (the delimiter aside). */
  options: ReadOptions;
}

/** A helper at work: its result, and a way to stop it. */
export interface ScanHelper {
  result: Promise<ScanPartResult>;
  cancel(): void;
}

/**
 * What a helper read, in file order. `items` holds three integers an item: for a row read from
 * its bytes, the index of its case type (with its attributes and flag) in `caseTypes`, the
 * application day and the decision day (its id is the next of `ids`, its line the one after the
 * line of the row before); for a row read the slow way, {@link SLOW_ROW} (it is the next of `rows`,
 * with its line); {@link LINE_JUMP} and a line before a row read from its bytes that is not on the
 * line after the row before. `ids` holds the ids of the rows read from their bytes, one after the
 * other, each as its length (LEB128) and its UTF-8 bytes. Lines count from 1 at `from`. The counts
 * are those of the part.
 */
export interface ScanPartResult {
  caseTypes: string[];
  /** Per entry of `caseTypes`, its attribute values (`null`: none) and flag `withoutTarget`. */
  attributes: ([string, string][] | null)[];
  flagged: boolean[];
  items: Int32Array[];
  itemCount: number;
  ids: Uint8Array[];
  rows: ReadRow[];
  counts: { rows: number; records: number; problems: number; emptyLines: number; suspectEncoding: boolean };
  unmappedCaseTypes: [string, number][];
  /** The part's `summary.unmappedCodes`: per field, the values and their rows. */
  unmappedCodes: [string, [string, number][]][];
}

/** Files are read in chunks of this size. */
const CHUNK = 1 << 20;
/** The longest CSV row read, in bytes, before csv-parse takes over (and reports it). */
const MAX_ROW_BYTES = 1 << 20;
/** Distinct case-type cells remembered; rows of further ones are read the slow way. */
const MAX_TYPES = 4096;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Reads case records like `readRecords` (same rows, lines, problems and summary) and hands them to
 * a sink, fast: a CSV file of quote-free rows is read straight from its bytes, with dates
 * (`YYYY-MM-DD`, `DD-MM-YYYY`, `DD.MM.YYYY`) turned into day numbers without making strings or
 * record objects. Attribute columns (`attributes.<name>`) and a `withoutTarget` column are read
 * with the case type: each distinct combination of these cells is looked up once, by its bytes.
 * Rows the fast reader does not accept (other date forms, blank or padded cells, non-ASCII text
 * outside the case-type and attribute cells, a `withoutTarget` cell that is not a flag, extra or
 * missing cells, records with events or pauses, rows the sink wants as records) are read the slow
 * way, one by one; from the first quote character on, csv-parse reads the rest of the
 * file. JSON, NDJSON, contacts and observations are read by `readRecords` as they are.
 *
 * Returns the summary of the read.
 */
export async function scanCases<S>(source: RecordSource, options: ScanOptions, sink: CaseRowSink<S>): Promise<ReadSummary> {
  const { onProgress, parallel, onStart, ...readOptions } = options;
  const context = startRead(source, readOptions);
  onStart?.(context.summary);
  // The scanner copies what it keeps of a chunk, so a file is read into one buffer, until csv-parse takes over.
  const chunking = { chunkSize: CHUNK, reuse: true };
  const peeked = await peek(sourceBytes(source, readOptions.encoding, chunking));
  const format = readOptions.format ?? formatOf(source, peeked.head);
  const delimiter = context.delimiter ?? detectDelimiter(firstLine(peeked.head));
  if (format !== 'csv' || context.kind !== 'cases' || delimiter.charCodeAt(0) > 0x7f) {
    chunking.reuse = false;
    for await (const row of readPeeked(source, readOptions, context, peeked)) sink.row(row);
    return context.summary;
  }
  checkFormatOptions(format, readOptions, context);
  context.summary.format = 'csv';
  context.summary.delimiter = delimiter;
  const scanner = new CaseScanner(context, sink, delimiter);
  const chunks = peeked.chunks;
  const split = parallel === undefined ? null : await splitPoint(source, readOptions, parallel);
  /** The file's size, for the guess of its rows after the first chunk (`null` once given). */
  let size = 'path' in source && sink.expect !== undefined ? (await stat(source.path)).size : null;
  let helper: ScanHelper | null = null;
  /** The file position of the next chunk's first byte (peek drops a byte-order mark). */
  let position = split?.bom ?? 0;
  let rest: Buffer | null;
  const startHelper = (): ScanHelper | null =>
    split === null || parallel === undefined || scanner.header === null || !scanner.readsFast()
      ? null
      : parallel.start({ path: split.path, from: split.from, delimiter, header: scanner.header, options: readOptions });
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done === true) {
        rest = scanner.finish();
        break;
      }
      let chunk = next.value;
      if (split !== null && position <= split.from) {
        // The helper starts as soon as the header is known, to work while this part is read.
        helper ??= startHelper();
        const cut = split.from - position;
        position += chunk.length;
        if (cut <= chunk.length) {
          // The first part ends in this chunk.
          rest = scanner.push(chunk.subarray(0, cut));
          if (rest === null) helper ??= startHelper();
          if (rest === null && helper !== null && scanner.atLineStart()) {
            const result = await helper.result.catch(() => null);
            helper = null;
            if (result !== null && replayPart(result, scanner.line, context, sink)) {
              // The helper has read the rest of the file.
              await chunks.return(undefined);
              onProgress?.(context.summary.rows);
              context.summary.done = true;
              return context.summary;
            }
          }
          // The helper's part cannot be used: read on in one pass.
          helper?.cancel();
          helper = null;
          chunk = chunk.subarray(cut);
          if (rest !== null) {
            rest = Buffer.concat([rest, chunk]);
            break;
          }
        }
      }
      rest = scanner.push(chunk);
      if (size !== null) {
        if (chunk.length > 0 && context.summary.rows > 0) sink.expect?.(Math.ceil((context.summary.rows * size) / chunk.length));
        size = null;
      }
      onProgress?.(context.summary.rows);
      if (rest !== null) break;
    }
  } finally {
    helper?.cancel();
  }
  if (rest !== null) {
    // csv-parse and its line tracker keep chunks: from here on, each chunk is read into a buffer of its own.
    chunking.reuse = false;
    for await (const row of readRestWithCsv(rest, chunks, peeked.head, context, scanner)) sink.row(row);
  }
  context.summary.done = true;
  return context.summary;
}

/** From a row with a quote on, csv-parse reads the rest (quoted fields may span lines). */
function readRestWithCsv<S>(rest: Buffer, chunks: AsyncGenerator<Buffer>, head: string, context: ReadContext, scanner: CaseScanner<S>): AsyncGenerator<ReadRow> {
  const remaining = (async function* (first: Buffer): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    yield* chunks;
  })(rest);
  return readCsv({ head, chunks: remaining }, context, { header: scanner.header, line: scanner.line });
}

/**
 * Where to split a file for a helper: the start of the first line at or after the helper's share
 * from the end. `null` when the file is not split: not a file, too small, not UTF-8, or no line
 * break there. `bom` is the length of a UTF-8 byte-order mark at the start.
 */
async function splitPoint(source: RecordSource, options: ReadOptions, parallel: ParallelRead): Promise<{ path: string; from: number; bom: number } | null> {
  if (!('path' in source) || (options.encoding !== undefined && !/^utf-?8$/i.test(options.encoding))) return null;
  if (!(parallel.share > 0 && parallel.share < 1)) return null;
  const { size } = await stat(source.path);
  if (size < parallel.minBytes || size < 2) return null;
  const file = await open(source.path, 'r');
  try {
    const first = Buffer.alloc(3);
    await file.read(first, 0, 3, 0);
    // A UTF-16 file is decoded, so its bytes are not those of the file.
    if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) return null;
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    const near = Math.max(bom, Math.floor(size * (1 - parallel.share)));
    const window = Buffer.alloc(1 << 16);
    const { bytesRead } = await file.read(window, 0, window.length, near);
    const lineFeed = window.subarray(0, bytesRead).indexOf(LF);
    if (lineFeed === -1 || near + lineFeed + 1 >= size) return null;
    return { path: source.path, from: near + lineFeed + 1, bom };
  } finally {
    await file.close();
  }
}

/** An item of a {@link ScanPartResult}: a row read the slow way. */
export const SLOW_ROW = -1;
/** An item of a {@link ScanPartResult}: the line of the next row read from its bytes. */
export const LINE_JUMP = -2;

/**
 * Hands a helper's rows to the sink in order, as if they had been read here: lines continue from
 * `line`, the line the part starts on. Each batch of items and ids is let go once handed over.
 * Returns `false`, having handed nothing, when the sink wants some of the part's rows as records.
 */
function replayPart<S>(part: ScanPartResult, line: number, context: ReadContext, sink: CaseRowSink<S>): boolean {
  const slots = part.caseTypes.map((caseType, i) => {
    const attributes = part.attributes[i] ?? null;
    return sink.slot(caseType, attributes === null ? null : new Map(attributes), part.flagged[i] === true);
  });
  // Rows whose handle is `null` must be read as records, which the helper did not keep.
  if (slots.some((slot) => slot === null)) return false;
  let row = 0;
  let next = line;
  let batch = 0;
  let ids = part.ids[0] ?? new Uint8Array(0);
  let at = 0;
  for (let b = 0; b < part.items.length; b++) {
    const items = part.items[b] as Int32Array;
    for (let i = 0; i < items.length; i += 3) {
      const type = items[i] as number;
      if (type >= 0) {
        if (at >= ids.length) {
          (part.ids as (Uint8Array | undefined)[])[batch] = undefined;
          ids = part.ids[++batch] as Uint8Array;
          at = 0;
        }
        let length = 0;
        for (let shift = 0; ; shift += 7) {
          const byte = ids[at++] as number;
          length += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) break;
        }
        sink.days(slots[type] as S, items[i + 1] as number, items[i + 2] as number, next, ids, at, at + length);
        at += length;
        next++;
      } else if (type === LINE_JUMP) {
        next = (items[i + 1] as number) - 1 + line;
      } else {
        const read = part.rows[row++] as ReadRow;
        const placed = read.line - 1 + line;
        sink.row({ ...read, line: placed });
        next = placed + 1;
      }
    }
    // The batch has been handed over: let it go.
    (part.items as (Int32Array | undefined)[])[b] = undefined;
  }
  const { summary } = context;
  summary.rows += part.counts.rows;
  summary.records += part.counts.records;
  summary.problems += part.counts.problems;
  summary.emptyLines += part.counts.emptyLines;
  summary.suspectEncoding ||= part.counts.suspectEncoding;
  for (const [code, count] of part.unmappedCaseTypes) context.countUnmapped('caseType', code, count);
  for (const [field, values] of part.unmappedCodes) for (const [value, count] of values) context.countUnmapped(field, value, count);
  return true;
}

/** Rows per batch of a helper's items. */
const PART_BATCH = 1 << 16;
/** Bytes per batch of a helper's ids. */
const ID_BATCH = 1 << 20;

/**
 * The most rows read the slow way (invalid rows, say) a helper keeps for the main thread: beyond
 * them it stops, and the file is read on in one pass, so memory stays bounded.
 */
export const MAX_PART_ROWS = 1 << 16;

/**
 * Reads the part of a CSV file a {@link ScanJob} names, as {@link scanCases} would read it after
 * the job's header, and returns what it read for {@link scanCases} to hand to its sink. This is
 * the work of the helper thread of a parallel read.
 *
 * @example
 * ```ts
 * const part = await scanPart({ path: 'sager.csv', from: 52_428_800, delimiter: ';', header, options: {} });
 * part.itemCount; // rows read
 * ```
 */
export async function scanPart(job: ScanJob): Promise<ScanPartResult> {
  const context = startRead({ path: job.path }, { ...job.options, delimiter: job.delimiter });
  const part: ScanPartResult = {
    caseTypes: [],
    attributes: [],
    flagged: [],
    items: [],
    itemCount: 0,
    ids: [],
    rows: [],
    counts: { rows: 0, records: 0, problems: 0, emptyLines: 0, suspectEncoding: false },
    unmappedCaseTypes: [],
    unmappedCodes: [],
  };
  const known = new Map<string, number>();
  let items = new Int32Array(PART_BATCH * 3);
  let at = 0;
  let ids = new Uint8Array(ID_BATCH);
  let idAt = 0;
  /** The line of the next row, if it follows the row before. */
  let expected = 1;
  const add = (type: number, applied: number, decided: number): void => {
    if (at === items.length) {
      part.items.push(items);
      items = new Int32Array(PART_BATCH * 3);
      at = 0;
    }
    items[at] = type;
    items[at + 1] = applied;
    items[at + 2] = decided;
    at += 3;
    if (type !== LINE_JUMP) part.itemCount++;
  };
  const sink: CaseRowSink<number> = {
    slot(caseType, attributes, flagged) {
      const values = attributes === null ? null : [...attributes];
      const key = JSON.stringify([caseType, values, flagged]);
      let type = known.get(key);
      if (type === undefined) {
        type = part.caseTypes.length;
        part.caseTypes.push(caseType);
        part.attributes.push(values);
        part.flagged.push(flagged);
        known.set(key, type);
      }
      return type;
    },
    days(type, applied, decided, line, id, from, to) {
      if (line !== expected) add(LINE_JUMP, line, 0);
      expected = line + 1;
      add(type, applied, decided);
      const length = to - from;
      if (idAt + length + 3 > ids.length) {
        part.ids.push(ids.subarray(0, idAt));
        ids = new Uint8Array(Math.max(ID_BATCH, length + 3));
        idAt = 0;
      }
      for (let rest = length; ; rest = Math.floor(rest / 128)) {
        if (rest < 0x80) {
          ids[idAt++] = rest;
          break;
        }
        ids[idAt++] = 0x80 | (rest & 0x7f);
      }
      for (let i = from; i < to; i++) ids[idAt++] = id[i] as number;
    },
    row(row) {
      if (part.rows.length >= MAX_PART_ROWS) throw new Error(`the part holds more than ${MAX_PART_ROWS} rows to read one by one`);
      add(SLOW_ROW, 0, 0);
      part.rows.push(row);
      expected = row.line + 1;
    },
  };
  const scanner = new CaseScanner(context, sink, job.delimiter);
  scanner.resume(job.header);
  const chunking = { chunkSize: CHUNK, reuse: true, start: job.from };
  const chunks = sourceBytes({ path: job.path }, 'utf-8', chunking);
  try {
    let rest: Buffer | null;
    for (;;) {
      const next = await chunks.next();
      if (next.done === true) {
        rest = scanner.finish();
        break;
      }
      rest = scanner.push(next.value);
      if (rest !== null) break;
    }
    if (rest !== null) {
      // As in scanCases: csv-parse keeps chunks, so they must not share a buffer.
      chunking.reuse = false;
      for await (const row of readRestWithCsv(rest, chunks, '', context, scanner)) sink.row(row);
    }
  } finally {
    // A part given up on (too many rows to keep) closes its file now, not when collected.
    await chunks.return(undefined);
  }
  part.items.push(items.subarray(0, at));
  part.ids.push(ids.subarray(0, idAt));
  const { summary } = context;
  part.counts = { rows: summary.rows, records: summary.records, problems: summary.problems, emptyLines: summary.emptyLines, suspectEncoding: summary.suspectEncoding };
  part.unmappedCaseTypes = [...summary.unmappedCaseTypes];
  part.unmappedCodes = [...summary.unmappedCodes].map(([field, values]) => [field, [...values]]);
  return part;
}

/** A remembered combination of case-type cell, attribute cells and `withoutTarget` cell. */
interface TypeEntry<S> {
  /** The bytes of each key cell (see `keyColumns`). */
  cells: Uint8Array[];
  /**
   * `null` when the case-type cell is blank, the `withoutTarget` cell is not a flag, or the sink
   * wants such rows as records (such rows are read the slow way).
   */
  slot: S | null;
  /** The code to count as unmapped, or `null`. */
  unmapped: string | null;
  /** The attribute and `withoutTarget` values its codes do not map (field, value), to count per row, or `null`. */
  unmappedCodes: (readonly [string, string])[] | null;
  /** The next entry with the same hash bucket. */
  next: TypeEntry<S> | null;
}

/** Buckets of the case-type table (a power of two). */
const TYPE_BUCKETS = 1024;
/** Byte kinds of {@link CaseScanner}: a byte that ends a cell, and a byte of a non-ASCII character. */
const STOP = 1;
const HIGH = 2;
/** Marks a date cell not read yet. */
const UNREAD = NO_DAY - 1;

/** The byte-level CSV reader of {@link scanCases}. */
class CaseScanner<S> {
  header: CsvHeader | null = null;
  /** The line the next row starts on. */
  line = 1;
  private readonly delimiter: number;
  private leftover: Buffer | null = null;
  private skipLF = false;
  /** Set when {@link lines} stopped at a line csv-parse must read. */
  private handingOver = false;
  /** Whether rows are read from their bytes (the header has the plain case fields). */
  private fast = false;
  private columns = 0;
  private idColumn = -1;
  private typeColumn = -1;
  private appliedColumn = -1;
  private decidedColumn = -1;
  /** The key columns: the case type, then the attribute columns, then the `withoutTarget` column. */
  private keyColumns: number[] = [];
  /** Per column (and the slot of extra cells), 1 for a key column. */
  private keyCells = new Uint8Array(1);
  /** The attribute name of each attribute key column, in order. */
  private attributeNames: string[] = [];
  /** The position of the `withoutTarget` column among the key columns, or -1. */
  private flagKey = -1;
  /** Cell bounds of the row being read; the last slot takes the cells beyond the header's. */
  private starts = new Int32Array(1);
  private ends = new Int32Array(1);
  private readonly types: (TypeEntry<S> | null)[] = new Array<TypeEntry<S> | null>(TYPE_BUCKETS).fill(null);
  private typeCount = 0;
  /** Per byte value: {@link STOP} for the delimiter and line breaks, {@link HIGH} above 0x7f, else 0. */
  private readonly stops: Uint8Array;

  constructor(
    private readonly context: ReadContext,
    private readonly sink: CaseRowSink<S>,
    private readonly delimiterText: string,
  ) {
    this.delimiter = delimiterText.charCodeAt(0);
    this.stops = new Uint8Array(256);
    this.stops.fill(HIGH, 0x80);
    this.stops[LF] = STOP;
    this.stops[CR] = STOP;
    this.stops[this.delimiter] = STOP;
  }

  /** Whether data rows are read from their bytes (the header has the plain case fields). */
  readsFast(): boolean {
    return this.fast;
  }

  /** Whether every line pushed so far has been read (the next byte starts a line). */
  atLineStart(): boolean {
    return this.leftover === null && !this.skipLF && !this.handingOver;
  }

  /** Goes on from the start of a line after `header` (read elsewhere): lines count from 1 here. */
  resume(header: CsvHeader): void {
    this.useHeader(header);
    this.line = 1;
  }

  /** Reads the complete lines of a chunk. Returns `null`, or the bytes csv-parse must read from here on. */
  push(chunk: Buffer): Buffer | null {
    let start = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (chunk[0] === LF) start = 1;
    }
    if (this.leftover !== null) {
      // The line begun in the previous chunk ends at the first line break of this one.
      let i = start;
      while (i < chunk.length && chunk[i] !== LF && chunk[i] !== CR) i++;
      if (i === chunk.length) {
        this.leftover = Buffer.concat([this.leftover, chunk.subarray(start)]);
        return this.leftover.length > MAX_ROW_BYTES ? this.handOver(this.leftover, 0) : null;
      }
      const joined = Buffer.concat([this.leftover, chunk.subarray(start, i + 1)]);
      this.leftover = null;
      const end = this.lines(joined, 0);
      if (this.handingOver) return this.handOver(Buffer.concat([joined.subarray(end), chunk.subarray(i + 1)]), 0);
      start = i + 1;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- this.lines() above may set skipLF; TypeScript keeps the narrowing from before the call
      if (this.skipLF && start < chunk.length) {
        this.skipLF = false;
        if (chunk[start] === LF) start++;
      }
    }
    const end = this.lines(chunk, start);
    if (this.handingOver) return this.handOver(chunk, end);
    if (end < chunk.length) this.leftover = Buffer.from(chunk.subarray(end));
    return null;
  }

  /** Reads what is left at the end of the input. Returns `null`, or the bytes csv-parse must read. */
  finish(): Buffer | null {
    const last = this.leftover;
    this.leftover = null;
    if (last === null || last.length === 0) return null;
    // A line break completes the last line, so both readers see the same lines.
    const closed = Buffer.concat([last, Buffer.from([LF])]);
    const end = this.lines(closed, 0);
    return this.handingOver ? this.handOver(last, end) : null;
  }

  /** The bytes from `from` on, copied (the chunk's buffer is reused). */
  private handOver(buffer: Buffer, from: number): Buffer {
    this.handingOver = false;
    this.leftover = null;
    return Buffer.from(buffer.subarray(from));
  }

  /**
   * Reads the complete lines of `buffer` from `start`: returns where the first line not read starts
   * (an incomplete line, or one with a quote, which csv-parse must read: then `handingOver` is
   * set). A CR at the very end completes its line; an LF at the start of the next chunk then
   * belongs to it.
   */
  private lines(buffer: Buffer, start: number): number {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
    const end = bytes.length;
    let quote = buffer.indexOf(QUOTE, start);
    if (quote === -1) quote = end;
    let position = start;
    while (position < end) {
      let i = position;
      let read = false;
      if (this.fast) {
        const found = this.fastRow(bytes, position, quote);
        if (found === end) return position;
        // Not a row of the common shape: go on from where its reading stopped, the slow way.
        read = found >= 0;
        i = read ? found : -found - 1;
      }
      if (!read) {
        while (i < end && bytes[i] !== LF && bytes[i] !== CR) i++;
        if (i === end) return position;
        if (quote < i || i - position > MAX_ROW_BYTES) {
          this.handingOver = true;
          return position;
        }
        this.readLine(buffer, position, i);
      }
      if (bytes[i] === CR) {
        if (i + 1 < end) {
          if (bytes[i + 1] === LF) i++;
        } else {
          this.skipLF = true;
        }
      }
      position = i + 1;
    }
    return position;
  }

  /** Reads one quote-free line `buffer[start, end)` (without its line break) the slow way. */
  private readLine(buffer: Buffer, start: number, end: number): void {
    if (end === start) {
      this.context.empty(1);
    } else if (this.header === null) {
      const cells = buffer.toString('utf8', start, end).split(this.delimiterText).map((cell) => cell.trim());
      if (cells.some((cell) => cell.includes('\uFFFD'))) this.context.summary.suspectEncoding = true;
      if (cells.every((cell) => cell === '')) this.context.empty(1);
      else this.takeHeader(cells);
    } else {
      const cells = buffer.toString('utf8', start, end).split(this.delimiterText).map((cell) => cell.trim());
      const row = rowOfCells(this.context, this.header, cells, this.line, this.delimiterText);
      if (row !== null) this.sink.row(row);
    }
    this.line++;
  }

  private takeHeader(cells: string[]): void {
    this.useHeader(takeHeader(this.context, cells, this.line));
  }

  private useHeader(header: CsvHeader): void {
    this.header = header;
    const { fields } = header;
    this.columns = fields.length;
    this.idColumn = fields.indexOf('id');
    this.typeColumn = fields.indexOf('caseType');
    this.appliedColumn = fields.indexOf('applied');
    this.decidedColumn = fields.indexOf('decided');
    const attributeColumns: number[] = [];
    this.attributeNames = [];
    fields.forEach((field, column) => {
      if (field?.startsWith('attributes.') === true) {
        attributeColumns.push(column);
        this.attributeNames.push(field.slice('attributes.'.length));
      }
    });
    const flagColumn = fields.indexOf('withoutTarget');
    this.keyColumns = [this.typeColumn, ...attributeColumns, ...(flagColumn >= 0 ? [flagColumn] : [])];
    this.flagKey = flagColumn >= 0 ? this.keyColumns.length - 1 : -1;
    this.keyCells = new Uint8Array(fields.length + 1);
    for (const column of this.keyColumns) if (column >= 0) this.keyCells[column] = 1;
    // An id with codes is mapped on the slow path: the fast path reads ids as they are.
    this.fast =
      !this.context.isCoded('id') &&
      this.idColumn >= 0 &&
      this.typeColumn >= 0 &&
      this.appliedColumn >= 0 &&
      fields.every(
        (field) =>
          field === null || field === 'id' || field === 'caseType' || field === 'applied' || field === 'decided' || field === 'withoutTarget' || field.startsWith('attributes.'),
      );
    this.starts = new Int32Array(fields.length + 1);
    this.ends = new Int32Array(fields.length + 1);
  }

  /**
   * Reads a data row of the common shape straight from its bytes, in one pass: returns the index of
   * the line break that ends it (`bytes.length` when the line is incomplete), or `-(i + 1)` when
   * the row must be read the slow way (`i`: where to go on looking for its end). Date cells are
   * read as they are met, and skipped over when they are plain dates.
   */
  private fastRow(bytes: Uint8Array, start: number, quote: number): number {
    const { starts, ends, delimiter, columns, appliedColumn, decidedColumn, keyCells, stops } = this;
    const end = bytes.length;
    let applied = UNREAD;
    let decided = UNREAD;
    let hash = 0x811c9dc5;
    let high = false;
    let cell = 0;
    let i = start;
    for (;;) {
      const slot = cell < columns ? cell : columns;
      starts[slot] = i;
      if ((cell === appliedColumn || cell === decidedColumn) && i + 10 < end && stops[bytes[i + 10] as number] === STOP) {
        const day = fastDayOfBytes(bytes, i, i + 10);
        if (day !== NO_DAY) {
          if (cell === appliedColumn) applied = day;
          else decided = day;
          i += 10;
        }
      }
      if (keyCells[slot] === 1) {
        // The key cells (case type, attributes, flag) are hashed together, a separator between them.
        hash = Math.imul(hash ^ 0xff, 0x01000193);
        while (i < end) {
          const byte = bytes[i] as number;
          if (stops[byte] === STOP) break;
          hash = Math.imul(hash ^ byte, 0x01000193);
          i++;
        }
      } else {
        while (i < end) {
          const kind = stops[bytes[i] as number] as number;
          if (kind === STOP) break;
          // Any other non-zero kind is a byte above 0x7f.
          if (kind !== 0) high = true;
          i++;
        }
      }
      if (i === end) return end;
      ends[slot] = i;
      cell++;
      if (bytes[i] !== delimiter) break;
      i++;
    }
    // `i` is the line break.
    if (cell !== columns || quote < i) return -i - 1;
    if (high) return -i - 1;

    const idStart = starts[this.idColumn] as number;
    const idEnd = ends[this.idColumn] as number;
    if (idEnd === idStart || (bytes[idStart] as number) <= 0x20 || (bytes[idEnd - 1] as number) <= 0x20) return -i - 1;
    if (applied === UNREAD) {
      applied = fastDayOfBytes(bytes, starts[appliedColumn] as number, ends[appliedColumn] as number);
      if (applied === NO_DAY) return -i - 1;
    }
    if (decidedColumn < 0) {
      decided = NO_DATE;
    } else if (decided === UNREAD) {
      const from = starts[decidedColumn] as number;
      const to = ends[decidedColumn] as number;
      decided = to === from ? NO_DATE : fastDayOfBytes(bytes, from, to);
      if (decided === NO_DAY) return -i - 1;
    }
    if (decided !== NO_DATE && decided < applied) return -i - 1;
    const entry = this.typeEntry(bytes, hash);
    if (entry === null || entry.slot === null) return -i - 1;

    const summary = this.context.summary;
    summary.rows++;
    summary.records++;
    if (entry.unmapped !== null) this.context.countUnmapped('caseType', entry.unmapped);
    if (entry.unmappedCodes !== null) for (const [field, value] of entry.unmappedCodes) this.context.countUnmapped(field, value);
    this.sink.days(entry.slot, applied, decided, this.line, bytes, idStart, idEnd);
    this.line++;
    return i;
  }

  /**
   * The remembered combination of key cells of the row just read (its cells in `starts` and
   * `ends`) with this FNV-1a hash, remembering it when new; `null` when too many are known.
   */
  private typeEntry(bytes: Uint8Array, hash: number): TypeEntry<S> | null {
    const { keyColumns, starts, ends } = this;
    const bucket = (hash >>> 0) & (TYPE_BUCKETS - 1);
    for (let entry = this.types[bucket] ?? null; entry !== null; entry = entry.next) {
      if (sameCells(entry.cells, keyColumns, starts, ends, bytes)) return entry;
    }
    if (this.typeCount >= MAX_TYPES) return null;
    const cells = keyColumns.map((column) => Uint8Array.from(bytes.subarray(starts[column] as number, ends[column] as number)));
    const texts = cells.map((cell) => Buffer.from(cell.buffer, cell.byteOffset, cell.length).toString('utf8').trim());
    const entry: TypeEntry<S> = { cells, slot: null, unmapped: null, unmappedCodes: null, next: this.types[bucket] ?? null };
    if (texts.some((text) => text.includes('\uFFFD'))) this.context.summary.suspectEncoding = true;
    // The cells are mapped by the codes once per distinct combination, as the slow path maps every row.
    const unmappedCodes: (readonly [string, string])[] = [];
    const coded = (field: string, text: string): string => {
      const { value, unmapped } = this.context.codeOf(field, text);
      if (unmapped !== null) unmappedCodes.push([field, unmapped]);
      return value;
    };
    const code = texts[0] as string;
    const flag = this.flagKey < 0 ? false : flagOfCell(coded('withoutTarget', texts[this.flagKey] as string));
    if (code !== '' && flag !== undefined) {
      let attributes: Map<string, string> | null = null;
      this.attributeNames.forEach((name, i) => {
        const value = coded(`attributes.${name}`, texts[i + 1] as string);
        if (value !== '') (attributes ??= new Map()).set(name, value);
      });
      const { caseType, unmapped } = this.context.caseTypeOf(code);
      entry.slot = this.sink.slot(caseType, attributes, flag);
      if (entry.slot !== null) {
        entry.unmapped = unmapped;
        entry.unmappedCodes = unmappedCodes.length === 0 ? null : unmappedCodes;
      }
    }
    this.typeCount++;
    this.types[bucket] = entry;
    return entry;
  }
}

/** Whether the key cells of a row (`starts`/`ends` of `bytes` at `columns`) are those remembered. */
function sameCells(cells: readonly Uint8Array[], columns: readonly number[], starts: Int32Array, ends: Int32Array, bytes: Uint8Array): boolean {
  for (let k = 0; k < cells.length; k++) {
    const known = cells[k] as Uint8Array;
    const column = columns[k] as number;
    const start = starts[column] as number;
    if (known.length !== (ends[column] as number) - start) return false;
    for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  }
  return true;
}

/** A `withoutTarget` cell (trimmed): `true`/`false` in any case, empty (not flagged), else `undefined`. */
function flagOfCell(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  return lower === 'false' || lower === '' ? false : undefined;
}
