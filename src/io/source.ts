import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { fail } from '../errors.js';

/**
 * Where records are read from: a file path, the content as a string, or a stream of text or bytes
 * (a Node `Readable` such as `process.stdin`, or any async iterable of chunks) with an optional
 * `name` for messages (e.g. `'stdin'`; a file is named by its path).
 *
 * @example
 * ```ts
 * import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { Readable } from 'node:stream';
 *
 * const text = 'id,caseType,applied\nA1,eu,2023-03-01\n';
 * const directory = mkdtempSync(join(tmpdir(), 'servicemaal-'));
 * const path = join(directory, 'sager.csv');
 * writeFileSync(path, text);
 * const sources: RecordSource[] = [{ path }, { text }, { stream: Readable.from([Buffer.from(text)]) }];
 * const ids: unknown[] = [];
 * for (const source of sources) ids.push((await readAllRecords(source)).records[0]?.id);
 * ids; // ['A1', 'A1', 'A1']
 * rmSync(directory, { recursive: true });
 * ```
 */
export type RecordSource = { path: string } | { text: string } | { stream: AsyncIterable<string | Uint8Array>; name?: string };

/** Checks a source before anything is read. */
export function checkSource(source: unknown): void {
  if (typeof source !== 'object' || source === null) fail('invalid_option', 'source must be { path }, { text } or { stream }', ['source']);
  if ('text' in source) {
    if (typeof source.text !== 'string') fail('invalid_option', 'source.text must be a string', ['source', 'text']);
  } else if ('path' in source) {
    if (typeof source.path !== 'string' || source.path === '') fail('invalid_option', 'source.path must be a file path', ['source', 'path']);
  } else if (!('stream' in source) || typeof source.stream !== 'object' || source.stream === null || !(Symbol.asyncIterator in source.stream)) {
    fail('invalid_option', 'source must be { path }, { text } or { stream } (a Readable or other async iterable)', ['source']);
  } else if ('name' in source && source.name !== undefined && typeof source.name !== 'string') {
    fail('invalid_option', 'source.name must be a string', ['source', 'name']);
  }
}

/**
 * How a file is read: in chunks of `chunkSize` bytes, each in a new buffer, or — while `reuse` is
 * set — all in one buffer, overwritten by the next chunk (for a reader that keeps no chunk); from
 * byte `start` (default 0).
 */
export interface ChunkOptions {
  chunkSize: number;
  reuse: boolean;
  start?: number;
}

/**
 * The byte chunks of a (checked) source, as UTF-8 (other encodings are decoded and re-encoded).
 */
export async function* sourceBytes(source: RecordSource, encoding: string | undefined, chunks: ChunkOptions = { chunkSize: 65_536, reuse: false }): AsyncGenerator<Buffer> {
  if ('text' in source) {
    // Slices keep the parser's buffers small even for a large string; no slice splits a surrogate pair.
    const text = source.text;
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + 65_536, text.length);
      if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
      yield Buffer.from(text.slice(start, end), 'utf8');
      start = end;
    }
    return;
  }
  const input: AsyncIterable<string | Uint8Array> = 'path' in source ? fileChunks(source.path, chunks) : source.stream;
  let decoder: TextDecoder | undefined;
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield Buffer.from(chunk, 'utf8');
      continue;
    }
    if (!(chunk instanceof Uint8Array)) fail('invalid_option', 'a source stream must give strings or bytes', ['source', 'stream']);
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      // A ZIP archive (an Excel workbook) is bytes, not text: it is never decoded.
      const label = isZipStart(chunk) ? undefined : (encoding ?? utf16Bom(chunk));
      if (label !== undefined && !/^utf-?8$/i.test(label)) decoder = textDecoder(label);
    }
    if (decoder === undefined) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  }
  if (decoder !== undefined) {
    const rest = decoder.decode();
    if (rest !== '') yield Buffer.from(rest, 'utf8');
  }
}

/** Reads a file in chunks, one read ahead of the chunk being used (two buffers take turns when reused). */
async function* fileChunks(path: string, options: ChunkOptions): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(options.chunkSize), Buffer.allocUnsafe(options.chunkSize)] as const;
    let turn = 0;
    let position = options.start ?? 0;
    const read = (): Promise<Buffer> => {
      const buffer = options.reuse ? buffers[turn === 0 ? 0 : 1] : Buffer.allocUnsafe(options.chunkSize);
      turn = 1 - turn;
      const at = position;
      return file.read(buffer, 0, buffer.length, at).then(({ bytesRead }) => {
        position = at + bytesRead;
        return buffer.subarray(0, bytesRead);
      });
    };
    let next = read();
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) return;
      // The buffer of the chunk before this one is free again: read into it while this one is used.
      next = read();
      yield chunk;
    }
  } finally {
    await file.close();
  }
}

/** Whether bytes start like a ZIP archive (`PK\x03\x04`), as every Excel workbook does. */
function isZipStart(chunk: Uint8Array): boolean {
  return chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04;
}

function utf16Bom(chunk: Uint8Array): string | undefined {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A streaming decoder for an encoding label such as `windows-1252`; an unknown label is an option error. */
export function textDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return fail('invalid_option', `encoding "${label}" is not supported (try utf-8 or windows-1252)`, ['encoding']);
  }
}

/** Checks an encoding option early, so a bad one fails before anything is read. */
export function checkEncoding(label: string | undefined): void {
  if (label !== undefined) textDecoder(label);
}

/**
 * A source's first bytes, read ahead to choose the format and the delimiter, and the source's
 * remaining chunks. `head` holds at least the first non-empty line when the source has one (or
 * up to 1 MiB of it).
 */
export interface Peeked {
  /** The first bytes as text. */
  head: string;
  /** All chunks of the source, the peeked ones first. */
  chunks: AsyncGenerator<Buffer>;
}

const PEEK_LIMIT = 1 << 20;

/**
 * Reads ahead up to the end of the first line with a non-blank character. A UTF-8 byte-order mark
 * is dropped from the bytes.
 */
export async function peek(bytes: AsyncGenerator<Buffer>): Promise<Peeked> {
  let seen = Buffer.alloc(0);
  let done = false;
  while (seen.length < PEEK_LIMIT && !hasCompleteLine(seen.toString('utf8'))) {
    const next = await bytes.next();
    if (next.done === true) {
      done = true;
      break;
    }
    seen = Buffer.concat([seen, next.value]);
  }
  if (seen[0] === 0xef && seen[1] === 0xbb && seen[2] === 0xbf) seen = seen.subarray(3);
  const first = seen;
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) yield first;
      if (!done) yield* bytes;
    } finally {
      await bytes.return(undefined);
    }
  }
  return { head: first.toString('utf8'), chunks: chunks() };
}

/**
 * Whether a text holds a complete line with a non-blank character: a line break after the first
 * non-blank character. (Two linear searches: one regular expression for both would backtrack
 * quadratically over a long line without a break.)
 */
function hasCompleteLine(text: string): boolean {
  const first = text.search(/[^\s\uFEFF]/);
  return first >= 0 && /[\r\n]/.test(text.slice(first));
}

/**
 * Counts lines while records are read: the reader reports where each record ends (a byte offset),
 * the tracker tells the line each one starts on and how many empty lines came before it. A line
 * ends at `\r\n`, `\n` or `\r`. Holds only the bytes not yet passed.
 */
export class LineTracker {
  private readonly chunks: Buffer[] = [];
  /** Offset of `chunks[0][position]` in the source. */
  private offset = 0;
  private position = 0;
  private afterCR = false;

  /** `line`: the line of the first byte pushed. */
  constructor(private line = 1) {}

  /** Adds bytes as they are given to the parser. */
  push(chunk: Buffer): void {
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /**
   * Passes the line breaks of empty lines and then the bytes of a row up to `end`: returns the line
   * the row starts on and the number of empty lines before it.
   */
  row(end: number): { line: number; emptyLines: number } {
    const emptyLines = this.skipEmpty(end);
    const line = this.line;
    this.advance(end, false);
    return { line, emptyLines };
  }

  /** Passes the rest of what was pushed, which should be empty lines only: returns their number. */
  finish(): number {
    return this.skipEmpty(Number.POSITIVE_INFINITY);
  }

  /** The line the next row starts on (after any empty lines). */
  nextRowLine(): number {
    this.skipEmpty(Number.POSITIVE_INFINITY);
    return this.line;
  }

  private skipEmpty(end: number): number {
    const before = this.line;
    this.advance(end, true);
    return this.line - before;
  }

  /** Moves to `end`; with `breaksOnly`, stops at the first byte that is no line break. */
  private advance(end: number, breaksOnly: boolean): void {
    while (this.offset < end) {
      const chunk = this.chunks[0];
      if (chunk === undefined) return;
      const byte = chunk[this.position] as number;
      const isBreak = byte === 0x0a || byte === 0x0d;
      if (breaksOnly && !isBreak) return;
      if (byte === 0x0d) this.line++;
      else if (byte === 0x0a && !this.afterCR) this.line++;
      this.afterCR = byte === 0x0d;
      this.offset++;
      if (++this.position === chunk.length) {
        this.chunks.shift();
        this.position = 0;
      }
    }
  }
}
