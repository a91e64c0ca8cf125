import { NO_DATE, NO_DAY, fastDayOfBytes } from '../dates/fast.js';
import type { ReadContext } from './context.js';
import { detectDelimiter, firstLine, readCsv, rowOfCells, takeHeader, type CsvHeader } from './csv.js';
import { formatOf, readPeeked, startRead } from './read.js';
import { peek, sourceBytes, type Peeked, type RecordSource } from './source.js';
import type { ReadOptions, ReadRow, ReadSummary } from './types.js';

/**
 * Where {@link scanCases} delivers case records. Rows of the common shape arrive as day numbers
 * through `days` (no record object is made); every other row arrives through `row` exactly as
 * `readRecords` yields it.
 *
 * `S` is the receiver's handle for a case type (e.g. the targets covering it), asked for once per
 * distinct case-type cell.
 */
export interface CaseRowSink<S> {
  /** The handle of a case type (after the case-type mapping). */
  slot(caseType: string): S;
  /** Whether cases of this handle need their id (otherwise `days` gets `''`). */
  needsId(slot: S): boolean;
  /**
   * A valid case record `{ id, caseType, applied, decided }` read from the bytes: `decided` is
   * {@link NO_DATE} while pending, otherwise not before `applied`.
   */
  days(slot: S, applied: number, decided: number, id: string): void;
  /** Any other row: a record to read the slow way, or a row problem. */
  row(row: ReadRow): void;
}

/** Options of {@link scanCases}: those of `readRecords`, and a callback for progress. */
export interface ScanOptions extends ReadOptions {
  /** Called after each chunk of the input with the number of rows read so far. */
  onProgress?: (rows: number) => void;
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
 * record objects. Rows the fast reader does not accept (other date forms, blank or padded cells,
 * non-ASCII text outside the case type, extra or missing cells, records with events or pauses) are
 * read the slow way, one by one; from the first quote character on, csv-parse reads the rest of the
 * file. JSON, NDJSON, contacts and observations are read by `readRecords` as they are.
 *
 * Returns the summary of the read.
 */
export async function scanCases<S>(source: RecordSource, options: ScanOptions, sink: CaseRowSink<S>): Promise<ReadSummary> {
  const { onProgress, ...readOptions } = options;
  const context = startRead(source, readOptions);
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
  context.summary.format = 'csv';
  context.summary.delimiter = delimiter;
  const scanner = new CaseScanner(context, sink, delimiter);
  const chunks = peeked.chunks;
  let rest: Buffer | null;
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) {
      rest = scanner.finish();
      break;
    }
    rest = scanner.push(next.value);
    onProgress?.(context.summary.rows);
    if (rest !== null) break;
  }
  if (rest !== null) {
    // From a row with a quote on, csv-parse reads the rest (quoted fields may span lines).
    chunking.reuse = false;
    const remaining = (async function* (first: Buffer): AsyncGenerator<Buffer> {
      if (first.length > 0) yield first;
      yield* chunks;
    })(rest);
    const resumed: Peeked = { head: peeked.head, chunks: remaining };
    const rows = readCsv(resumed, context, { header: scanner.header, line: scanner.line });
    for await (const row of rows) sink.row(row);
  }
  context.summary.done = true;
  return context.summary;
}

/** A remembered case-type cell. */
interface TypeEntry<S> {
  bytes: Uint8Array;
  /** `null` when the cell is blank (such rows are read the slow way). */
  slot: S | null;
  needsId: boolean;
  /** The code to count as unmapped, or `null`. */
  unmapped: string | null;
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
    const header = takeHeader(this.context, cells, this.line);
    this.header = header;
    const { fields } = header;
    this.columns = fields.length;
    this.idColumn = fields.indexOf('id');
    this.typeColumn = fields.indexOf('caseType');
    this.appliedColumn = fields.indexOf('applied');
    this.decidedColumn = fields.indexOf('decided');
    this.fast =
      this.idColumn >= 0 &&
      this.typeColumn >= 0 &&
      this.appliedColumn >= 0 &&
      fields.every((field) => field === null || field === 'id' || field === 'caseType' || field === 'applied' || field === 'decided');
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
    const { starts, ends, delimiter, columns, appliedColumn, decidedColumn, typeColumn, stops } = this;
    const end = bytes.length;
    let applied = UNREAD;
    let decided = UNREAD;
    let hash = 0;
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
      if (cell === typeColumn) {
        hash = 0x811c9dc5;
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
    const entry = this.typeEntry(bytes, starts[typeColumn] as number, ends[typeColumn] as number, hash);
    if (entry === null || entry.slot === null) return -i - 1;

    const summary = this.context.summary;
    summary.rows++;
    summary.records++;
    if (entry.unmapped !== null) summary.unmappedCaseTypes.set(entry.unmapped, (summary.unmappedCaseTypes.get(entry.unmapped) ?? 0) + 1);
    this.sink.days(entry.slot, applied, decided, entry.needsId ? Buffer.from(bytes.buffer, bytes.byteOffset + idStart, idEnd - idStart).toString('utf8') : '');
    this.line++;
    return i;
  }

  /**
   * The remembered case-type cell with these bytes and FNV-1a hash (remembering it when new), or
   * `null` when too many are known.
   */
  private typeEntry(bytes: Uint8Array, start: number, end: number, hash: number): TypeEntry<S> | null {
    const bucket = (hash >>> 0) & (TYPE_BUCKETS - 1);
    const length = end - start;
    for (let entry = this.types[bucket] ?? null; entry !== null; entry = entry.next) {
      const known = entry.bytes;
      if (known.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known[i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return entry;
    }
    if (this.typeCount >= MAX_TYPES) return null;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, length);
    const code = text.toString('utf8').trim();
    const entry: TypeEntry<S> = { bytes: Uint8Array.from(text), slot: null, needsId: false, unmapped: null, next: this.types[bucket] ?? null };
    if (code !== '') {
      if (code.includes('\uFFFD')) this.context.summary.suspectEncoding = true;
      const { caseType, unmapped } = this.context.caseTypeOf(code);
      entry.slot = this.sink.slot(caseType);
      entry.needsId = this.sink.needsId(entry.slot);
      entry.unmapped = unmapped;
    }
    this.typeCount++;
    this.types[bucket] = entry;
    return entry;
  }
}
