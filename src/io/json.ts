import { fail } from '../errors.js';
import { problemReason } from '../evaluate/messages.js';
import { KeyResolver, missingFields, recordFromObject } from './convert.js';
import type { ReadContext } from './context.js';
import { shorten } from './csv.js';
import type { Peeked } from './source.js';
import type { ReadRow } from './types.js';

/** Reads a JSON array whole and yields its elements with the lines they start on. */
export async function* readJsonArray(peeked: Peeked, context: ReadContext): AsyncGenerator<ReadRow> {
  const parts: Buffer[] = [];
  for await (const chunk of peeked.chunks) parts.push(chunk);
  const text = Buffer.concat(parts).toString('utf8');
  parts.length = 0;
  if (text.includes('\uFFFD')) context.summary.suspectEncoding = true;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail('invalid_value', `the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) fail('invalid_value', 'a JSON file must hold an array of records (for one record per line, use NDJSON)');
  const lines = elementLines(text);
  const keys = resolverOf(context);
  for (let i = 0; i < data.length; i++) {
    yield fromValue(data[i], lines[i] ?? i + 1, keys, context, () => JSON.stringify(data[i]));
  }
  finishKeys(keys, context);
}

/** The longest NDJSON line read, in bytes: a longer one ends the reading (it may never end). */
const MAX_LINE_BYTES = 1 << 20;

/** Reads NDJSON (one JSON record per line), streaming. */
export async function* readNdjson(peeked: Peeked, context: ReadContext): AsyncGenerator<ReadRow> {
  const keys = resolverOf(context);
  let line = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const handle = (bytes: Buffer): ReadRow | null => {
    line++;
    const text = bytes.toString('utf8').trim();
    if (text.includes('\uFFFD')) context.summary.suspectEncoding = true;
    if (text === '') {
      context.empty(1);
      return null;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return context.problem(line, { column: '', value: shorten(text), code: 'invalid_value', message: problemReason({ code: 'invalid_value', kind: 'not-json', error: (error as Error).message }) });
    }
    return fromValue(value, line, keys, context, () => text);
  };
  for await (const chunk of peeked.chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      pending.push(chunk.subarray(start, end));
      const row = handle(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      if (row !== null) yield row;
      start = end + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) fail('invalid_value', `${context.where(line + 1)}: the NDJSON line starting here cannot be read: it is longer than ${MAX_LINE_BYTES} bytes`);
    }
  }
  // The last line, unless the file ends with a line break.
  if (pending.length > 0) {
    const row = handle(Buffer.concat(pending));
    if (row !== null) yield row;
  }
  finishKeys(keys, context);
}

/** The key resolver of a read; until the read ends, the summary's fields are its fields as found so far (they name the column of a problem). */
function resolverOf(context: ReadContext): KeyResolver {
  const keys = new KeyResolver(context.kind, context.fieldMap);
  context.summary.fields = keys.fields;
  return keys;
}

function fromValue(value: unknown, line: number, keys: KeyResolver, context: ReadContext, text: () => string): ReadRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return context.problem(line, { column: '', value: shorten(text()), code: 'invalid_type', message: problemReason({ code: 'invalid_type', kind: 'record' }) });
  }
  for (const key of Object.keys(value)) {
    if (context.seenKeys.has(key)) continue;
    context.seenKeys.add(key);
    context.summary.columns.push(key);
  }
  return context.record(line, context.mapRecord(recordFromObject(value as Record<string, unknown>, keys)));
}

function finishKeys(keys: KeyResolver, context: ReadContext): void {
  const { summary } = context;
  summary.fields = { ...keys.fields };
  summary.ignoredColumns = [...keys.ignored];
  summary.missingFields = missingFields(context.kind, Object.keys(keys.fields));
}

/**
 * The lines on which the elements of a JSON array start (the text must be a valid JSON array).
 * Lines end at `\r\n`, `\n` or `\r`.
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '\n' || char === '\r') {
      if (!(char === '\n' && text[i - 1] === '\r')) line++;
      continue;
    }
    if (char === ' ' || char === '\t') continue;
    if (depth === 1 && expecting && char !== ']') {
      lines.push(line);
      expecting = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expecting = true;
  }
  return lines;
}
