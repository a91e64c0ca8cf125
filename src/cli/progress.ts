import { stat } from 'node:fs/promises';

/** Files larger than this (in bytes) get a progress line while they are read: 20 MB. */
export const PROGRESS_THRESHOLD = 20_000_000;

/** Rows between two updates of the progress line. */
export const PROGRESS_EVERY = 100_000;

/** Where the progress line goes: standard error, and whether it is a terminal. */
export interface ProgressIo {
  stderr: (text: string) => void;
  isTTY?: boolean;
}

/** When a progress line is shown: files above `threshold` bytes, updated every `every` rows. */
export interface ProgressOptions {
  threshold?: number;
  every?: number;
}

/** A running progress line: `row()` for each row read (or `update(rows)` with the rows so far), `done()` to clear the line. */
export interface Progress {
  row(): void;
  update(rows: number): void;
  done(): void;
}

const NONE: Progress = { row: () => undefined, update: () => undefined, done: () => undefined };

/** 1200000 → "1,200,000", whatever the locale. */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A progress line for reading `file`, or one that shows nothing: the line is shown only when
 * standard error is a terminal and the file is larger than the threshold. Standard input (`-`) and
 * files whose size cannot be known show nothing. The line is rewritten in place (`\r`) every
 * `every` rows and erased by `done()`.
 */
export async function startProgress(file: string, io: ProgressIo, options: ProgressOptions = {}): Promise<Progress> {
  const threshold = options.threshold ?? PROGRESS_THRESHOLD;
  const every = options.every ?? PROGRESS_EVERY;
  if (io.isTTY !== true || file === '-') return NONE;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return NONE;
    size = info.size;
  } catch {
    // The reader reports a file it cannot open.
    return NONE;
  }
  if (size <= threshold) return NONE;
  let rows = 0;
  let shown = 0;
  let width = 0;
  const show = (): void => {
    shown = rows;
    const line = `servicemaal: reading ${file}: ${groupDigits(rows)} rows`;
    io.stderr(`\r${line}${' '.repeat(Math.max(0, width - line.length))}`);
    width = Math.max(width, line.length);
  };
  return {
    row(): void {
      rows++;
      if (rows % every === 0) show();
    },
    update(count: number): void {
      rows = count;
      if (rows - shown >= every) show();
    },
    done(): void {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}

/**
 * Passes the rows of a reader through unchanged, keeping a progress line for `file` up to date
 * (see {@link startProgress}). The line is erased when the reading ends, also when it fails.
 */
export async function* withProgress<T>(rows: AsyncIterable<T>, file: string, io: ProgressIo, options: ProgressOptions = {}): AsyncGenerator<T, void, undefined> {
  const progress = await startProgress(file, io, options);
  if (progress === NONE) {
    yield* rows;
    return;
  }
  try {
    for await (const row of rows) {
      progress.row();
      yield row;
    }
  } finally {
    progress.done();
  }
}
