/**
 * Compares two copies of a Jupyter notebook cell by cell: the notebook as saved in the repository
 * and the same notebook just executed. `npm run test:notebook` (run-notebook.ts) uses it to check
 * that examples/notebook.ipynb shows what its code gives; it also runs on its own:
 *
 *   npx tsx examples/check-notebook.ts saved.ipynb executed.ipynb   # exit 1, with a diff per cell, when they differ
 *
 * It ends with a line counting the parts that agree and differ (`notebook: 11 passed, 0 failed`):
 * the notebook itself (metadata and number of cells), and each cell.
 * Compared: the notebook's metadata, the cells in order (kind, id and source), and for each code
 * cell its execution count and its outputs in order: the kind of output, the stream's name, and the
 * content of each media type as text, line by line. Left out: only the timestamps Jupyter may
 * record per cell (`metadata.execution`), which change on every run. The notebook's outputs are
 * deterministic (no current time, no random numbers), so nothing else may differ.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An output of a code cell, as nbformat 4 stores it (text as a string or a list of lines). */
export interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** A cell, as nbformat 4 stores it. */
export interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

/** A notebook, as nbformat 4 stores it. */
export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Reads a notebook's JSON text; `file` names it in the error when it is not a notebook. */
export function parseNotebook(text: string, file: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not a notebook: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const notebook = value as Partial<Notebook> | null;
  if (typeof notebook !== 'object' || notebook === null || !Array.isArray(notebook.cells) || typeof notebook.metadata !== 'object') {
    throw new Error(`${file}: not a notebook: no "cells" list and "metadata" object`);
  }
  return notebook as Notebook;
}

/** The notebook without the per-cell timestamps Jupyter records while executing it. */
export function withoutTimings(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((cell) => {
    if (cell.metadata === undefined || !('execution' in cell.metadata)) return cell;
    const metadata = Object.fromEntries(Object.entries(cell.metadata).filter(([key]) => key !== 'execution'));
    return { ...cell, metadata };
  });
  return { ...notebook, cells };
}

/** Sorts object keys recursively, as Jupyter's writer does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** The notebook's text as Jupyter writes it: keys sorted, one-space indent, a final newline. */
export const formatNotebook = (notebook: Notebook): string => `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;

/** Text stored as a string or a list of lines, as one string. */
const joined = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join('') : (text ?? ''));

/** The lines of a text (a final newline adds no empty line). */
const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** A media type's content as lines of text: text as stored, anything else as indented JSON. */
function mediaLines(content: unknown): string[] {
  if (typeof content === 'string' || (Array.isArray(content) && content.every((line) => typeof line === 'string'))) return linesOf(joined(content));
  return linesOf(JSON.stringify(sortKeys(content), null, 1));
}

/** An output as lines of text: a heading line naming its kind, then its content. */
export function outputLines(output: NotebookOutput): string[] {
  switch (output.output_type) {
    case 'stream':
      return [`[stream ${output.name ?? '?'}]`, ...linesOf(joined(output.text))];
    case 'error':
      return [`[error] ${output.ename ?? ''}: ${output.evalue ?? ''}`, ...(output.traceback ?? []).flatMap(linesOf)];
    default: {
      const data = output.data ?? {};
      const count = output.output_type === 'execute_result' ? ` (execution count ${String(output.execution_count ?? null)})` : '';
      return Object.keys(data)
        .sort()
        .flatMap((mediaType) => [`[${output.output_type} ${mediaType}]${count}`, ...mediaLines(data[mediaType])]);
    }
  }
}

/**
 * The differences between two lists of lines as a unified diff: `-` the first list's lines, `+` the
 * second's, and `context` unchanged lines around each change; an empty list when they are equal.
 */
export function lineDiff(before: readonly string[], after: readonly string[], context = 2): string[] {
  // The longest common subsequence, by dynamic programming from the ends (outputs are short).
  const rows = before.length + 1;
  const columns = after.length + 1;
  const common = new Uint32Array(rows * columns);
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      common[i * columns + j] =
        before[i] === after[j] ? (common[(i + 1) * columns + j + 1] ?? 0) + 1 : Math.max(common[(i + 1) * columns + j] ?? 0, common[i * columns + j + 1] ?? 0);
    }
  }
  const edits: { kind: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      edits.push({ kind: ' ', line: before[i] ?? '' });
      i++;
      j++;
    }
    else if (i < before.length && (j === after.length || (common[(i + 1) * columns + j] ?? 0) >= (common[i * columns + j + 1] ?? 0))) edits.push({ kind: '-', line: before[i++] ?? '' });
    else edits.push({ kind: '+', line: after[j++] ?? '' });
  }
  const changed = edits.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return [];
  const shown = new Set<number>();
  for (const index of changed) for (let k = Math.max(0, index - context); k <= Math.min(edits.length - 1, index + context); k++) shown.add(k);
  const lines: string[] = [];
  let previous = -1;
  edits.forEach((edit, index) => {
    if (!shown.has(index)) return;
    if (previous >= 0 && index > previous + 1) lines.push('  …');
    lines.push(`${edit.kind} ${edit.line}`);
    previous = index;
  });
  return lines;
}

/** How a cell is named in a difference: its number among all cells, its kind and its id. */
const cellName = (cell: NotebookCell, index: number): string => `cell ${index + 1} (${cell.cell_type}${cell.id === undefined ? '' : ` "${cell.id}"`})`;

/** A difference: a line saying what differs, then the diff lines indented. */
const difference = (what: string, diff: readonly string[]): string => [what, ...diff.map((line) => `    ${line}`)].join('\n');

/** The result of comparing two copies of a notebook. */
export interface NotebookComparison {
  /** The parts that agree: the notebook itself (its metadata and its number of cells) and each cell. */
  passed: number;
  /** The parts that differ. */
  failed: number;
  /** One message per difference, naming the part and showing a diff (`-` saved, `+` now). */
  differences: string[];
}

/** The differences of one cell, saved and fresh. */
function cellDifferences(before: NotebookCell, after: NotebookCell, index: number): string[] {
  const name = cellName(before, index);
  if (before.cell_type !== after.cell_type || before.id !== after.id) return [`${name} is ${cellName(after, index)} in the fresh run`];
  const differences: string[] = [];
  const sourceDiff = lineDiff(linesOf(joined(before.source)), linesOf(joined(after.source)));
  if (sourceDiff.length > 0) differences.push(difference(`${name}: the source differs:`, sourceDiff));
  const metadataDiff = lineDiff(mediaLines(before.metadata ?? {}), mediaLines(after.metadata ?? {}));
  if (metadataDiff.length > 0) differences.push(difference(`${name}: the cell metadata differs:`, metadataDiff));
  if (before.cell_type !== 'code') return differences;
  if ((before.execution_count ?? null) !== (after.execution_count ?? null)) {
    differences.push(`${name}: execution count ${String(before.execution_count ?? null)} saved, ${String(after.execution_count ?? null)} now`);
  }
  const outputDiff = lineDiff((before.outputs ?? []).flatMap(outputLines), (after.outputs ?? []).flatMap(outputLines));
  if (outputDiff.length > 0) differences.push(difference(`${name}: the outputs differ (- saved, + now):`, outputDiff));
  return differences;
}

/**
 * Compares a saved notebook with a fresh run of it, part by part: the notebook itself (its metadata
 * and number of cells), then each cell. Jupyter's per-cell timestamps are left out.
 */
export function compareNotebooks(savedNotebook: Notebook, freshNotebook: Notebook): NotebookComparison {
  const saved = withoutTimings(savedNotebook);
  const fresh = withoutTimings(freshNotebook);
  const parts: string[][] = [];
  const notebook: string[] = [];
  const metadataDiff = lineDiff(mediaLines(saved.metadata), mediaLines(fresh.metadata));
  if (metadataDiff.length > 0) notebook.push(difference('the notebook metadata differs:', metadataDiff));
  if (saved.cells.length !== fresh.cells.length) notebook.push(`the saved notebook has ${saved.cells.length} cells, the fresh run ${fresh.cells.length}`);
  parts.push(notebook);
  saved.cells.forEach((before, index) => {
    const after = fresh.cells[index];
    parts.push(after === undefined ? [`${cellName(before, index)} is not in the fresh run`] : cellDifferences(before, after, index));
  });
  const failed = parts.filter((part) => part.length > 0).length;
  return { passed: parts.length - failed, failed, differences: parts.flat() };
}

// ---------------------------------------------------------------------------------------------
// The command

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [savedPath, freshPath] = process.argv.slice(2);
  if (savedPath === undefined || freshPath === undefined) {
    console.error('usage: npx tsx examples/check-notebook.ts saved.ipynb executed.ipynb');
    process.exitCode = 2;
  } else {
    try {
      const { passed, failed, differences } = compareNotebooks(parseNotebook(readFileSync(savedPath, 'utf8'), savedPath), parseNotebook(readFileSync(freshPath, 'utf8'), freshPath));
      if (differences.length > 0) {
        console.error(`${savedPath}: differs from ${freshPath}:\n${differences.join('\n')}`);
        process.exitCode = 1;
      } else console.log(`${savedPath}: the same outputs as ${freshPath}`);
      console.log(`notebook: ${passed} passed, ${failed} failed`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
}
