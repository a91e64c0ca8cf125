/**
 * Where the command line writes its result: standard output, or the file of `--out`, written to a
 * temporary file beside it and renamed over it only when the whole result is written. An interrupted
 * run (Ctrl-C, a crash, a full disk) then leaves the previous file as it was and no truncated one.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { flag, UsageError, type OptionSpec, type ParsedCommand } from './args.js';

/** Temporary files being written: removed when the process ends before they are renamed. */
const temporaryFiles = new Set<string>();

/** Temporary files made by this process so far, for their names. */
let made = 0;

/** Removes the temporary files of results not finished (on a signal, an error or the process's exit). */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  temporaryFiles.clear();
}

/** A result that cannot be written: `cannot write <path>: <reason>`, exit code 1. */
export class OutputError extends Error {
  constructor(path: string, error: unknown) {
    super(`cannot write ${path}: ${fileErrorReason(error)}`);
    this.name = 'OutputError';
  }
}

const REASONS: ReadonlyMap<string, string> = new Map([
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'disk quota exceeded'],
  ['ENOENT', 'no such file or directory'],
  ['ENOTDIR', 'a part of the path is not a directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EISDIR', 'it is a directory'],
  ['EROFS', 'read-only file system'],
  ['EPIPE', 'the reader has closed the pipe'],
  ['EIO', 'input/output error'],
  ['EFBIG', 'the file is too large'],
  ['ENXIO', 'no such device or address'],
]);

/** The reason of a file error in words, with its code: `no space left on the device (ENOSPC)`. */
export function fileErrorReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const reason = REASONS.get(code);
  return reason === undefined ? code : `${reason} (${code})`;
}

/** `--bom` and `--no-bom`: whether CSV output starts with a UTF-8 byte-order mark. */
export const BOM_OPTIONS = { bom: { type: 'boolean' }, 'no-bom': { type: 'boolean' } } as const satisfies Record<string, OptionSpec>;

/**
 * The start of a command's output for `--bom` / `--no-bom`: a UTF-8 byte-order mark before CSV
 * when `--bom` is given, or by default with `--locale da` (Excel then reads `æøå` as UTF-8, not as
 * `Ã¦Ã¸Ã¥`); `--no-bom` leaves it out. Nothing for other formats, where `--bom` is a usage error.
 */
export function byteOrderMark(parsed: ParsedCommand, format: string, locale: string): string {
  const bom = flag(parsed, 'bom');
  const noBom = flag(parsed, 'no-bom');
  if (bom && noBom) throw new UsageError('--bom and --no-bom contradict each other: give one');
  if (format !== 'csv') {
    if (bom) throw new UsageError(`--bom applies to CSV output (--format csv), not to ${format}`);
    return '';
  }
  return bom || (locale === 'da' && !noBom) ? '\uFEFF' : '';
}

/** A result being written: `write` its text in pieces, then `commit`, or `abort` on failure. */
export interface Output {
  write(text: string): void;
  /** Writes bytes (a workbook) after the text written so far. */
  writeBytes(bytes: Uint8Array): void;
  /** Writes what is left and puts the result in place. */
  commit(): void;
  /** Drops the result: the temporary file is removed, a previous file stays as it was. No-op after `commit`. */
  abort(): void;
}

/** Text is passed on in pieces of about this many characters. */
const PIECE = 1 << 16;

/** Collects small texts into pieces of about {@link PIECE} characters. */
function pieces(write: (text: string) => void): { add(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    size = 0;
    write(text);
  };
  return {
    add(text: string): void {
      parts.push(text);
      size += text.length;
      if (size >= PIECE) flush();
    },
    flush,
  };
}

/**
 * The output of a command: standard output (`out` undefined) or the file `out`. An existing
 * regular file (or the file a symbolic link points to) is replaced atomically, keeping its
 * permissions; a device or a pipe (`/dev/stdout`, a FIFO) is written directly. The temporary file is
 * created at once, so that an unwritable folder is reported before any work is done.
 */
export function openOutput(out: string | undefined, stdout: (text: string) => void): Output {
  if (out === undefined) {
    const buffer = pieces(stdout);
    return {
      write: (text) => { buffer.add(text); },
      writeBytes: () => {
        throw new UsageError('binary output (a workbook) cannot go to standard output: give --out with a file name');
      },
      commit: () => { buffer.flush(); },
      abort: () => undefined,
    };
  }
  const target = resolveTarget(out);
  made++;
  const path = target.direct ? target.path : join(dirname(target.path), `.${basename(target.path)}.${process.pid}-${made}-${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(path, target.direct ? 'w' : 'wx');
  } catch (error) {
    throw new OutputError(out, error);
  }
  if (!target.direct) temporaryFiles.add(path);
  let done = false;
  const fail = (error: unknown): never => {
    finish(false);
    throw new OutputError(out, error);
  };
  const finish = (keep: boolean): void => {
    if (done) return;
    done = true;
    try {
      closeSync(fd);
    } catch {
      // the error that ended the result is the one to report
    }
    if (!target.direct && !keep) removeTemporaryFile(path);
  };
  const buffer = pieces((text) => {
    try {
      writeAll(fd, text);
    } catch (error) {
      fail(error);
    }
  });
  return {
    write(text: string): void {
      if (!done) buffer.add(text);
    },
    writeBytes(bytes: Uint8Array): void {
      if (done) return;
      buffer.flush();
      try {
        writeAllBytes(fd, bytes);
      } catch (error) {
        fail(error);
      }
    },
    commit(): void {
      if (done) return;
      buffer.flush();
      try {
        if (!target.direct) {
          if (target.mode !== undefined) fchmodSync(fd, target.mode);
          fsyncSync(fd);
        }
        closeSync(fd);
        done = true;
        if (!target.direct) {
          renameSync(path, target.path);
          temporaryFiles.delete(path);
        }
      } catch (error) {
        done = true;
        if (!target.direct) removeTemporaryFile(path);
        throw new OutputError(out, error);
      }
    },
    abort(): void {
      finish(false);
    },
  };
}

function removeTemporaryFile(path: string): void {
  temporaryFiles.delete(path);
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function writeAll(fd: number, text: string): void {
  writeAllBytes(fd, Buffer.from(text, 'utf8'));
}

function writeAllBytes(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}

/** The file to replace (symbolic links followed) and how: atomically, or directly for a device or a pipe. */
function resolveTarget(out: string): { path: string; direct: boolean; mode?: number } {
  let info;
  try {
    info = statSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: out, direct: false };
    throw new OutputError(out, error);
  }
  if (info.isDirectory()) throw new OutputError(out, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  // A device or a pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced: it is written as it is.
  if (!info.isFile()) return { path: out, direct: true };
  try {
    return { path: realpathSync(out), direct: false, mode: info.mode & 0o7777 };
  } catch (error) {
    throw new OutputError(out, error);
  }
}

/**
 * The report as JSON text in pieces, exactly `JSON.stringify(value, null, 2)`: the elements of the
 * arrays of the top-level object (such as the invalid records or the pending cases) are written one
 * by one, so that millions of them never make one text longer than a string can be.
 */
export function* jsonPieces(value: unknown): Generator<string, void, undefined> {
  if (!isPlainObject(value)) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const entries = Object.entries(value).filter(([, member]) => jsonValue(member));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of entries) {
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(member) && member.length > 0) {
      yield '[';
      for (let index = 0; index < member.length; index++) {
        const element: unknown = member[index];
        yield `${index === 0 ? '' : ','}\n    ${indent(jsonValue(element) ? JSON.stringify(element, null, 2) : 'null', '    ')}`;
      }
      yield '\n  ]';
    } else {
      yield indent(JSON.stringify(member, null, 2), '  ');
    }
  }
  yield '\n}';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value);
}

/** Whether JSON.stringify writes a value (it leaves out undefined, functions and symbols in objects). */
function jsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`);
}
