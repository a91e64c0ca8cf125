/**
 * The tooling that runs examples/notebook.ipynb in Deno's kernel and checks its saved outputs
 * (examples/run-notebook.ts, examples/check-notebook.ts). Running the notebook itself needs Deno
 * and Jupyter's client: that is `npm run test:notebook`, in CI after `npm test`. Here: the
 * comparison, the layout of the saved file, and what the runner says when a tool is missing.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNotebooks, formatNotebook, lineDiff, outputLines, parseNotebook, type Notebook, type NotebookOutput } from '../examples/check-notebook.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A small notebook: a Markdown cell, then code cells with the given outputs. */
function notebookWith(outputs: NotebookOutput[][]): Notebook {
  return {
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Title'] },
      ...outputs.map((cellOutputs, index) => ({
        cell_type: 'code',
        id: `code-${String(index + 1)}`,
        metadata: {},
        source: [`console.log(${String(index)});`],
        execution_count: index + 1,
        outputs: cellOutputs,
      })),
    ],
    metadata: { kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const stream = (text: string[]): NotebookOutput => ({ output_type: 'stream', name: 'stdout', text });
const markdown = (text: string[], count: number): NotebookOutput => ({
  output_type: 'execute_result',
  data: { 'text/markdown': text },
  metadata: {},
  execution_count: count,
});

describe('lineDiff', () => {
  it('is empty for equal lines, and shows a change as - then + with the lines around it', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([]);
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual(['  a', '- b', '+ x', '  c']);
    expect(lineDiff(['1', '2', '3', '4', '5', '6', '7', '8'], ['0', '2', '3', '4', '5', '6', '7', '9'], 1)).toEqual(['- 1', '+ 0', '  2', '  …', '  7', '- 8', '+ 9']);
    expect(lineDiff([], ['new'])).toEqual(['+ new']);
    expect(lineDiff(['old'], [])).toEqual(['- old']);
  });

  it('property: with every line shown, the kept and removed lines are the first list, the kept and added lines the second', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 12 });
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const diff = lineDiff(before, after, Number.POSITIVE_INFINITY);
        if (diff.length === 0) {
          expect(after).toEqual(before);
          return;
        }
        expect(diff.filter((line) => !line.startsWith('+')).map((line) => line.slice(2))).toEqual(before);
        expect(diff.filter((line) => !line.startsWith('-')).map((line) => line.slice(2))).toEqual(after);
      }),
    );
  });
});

describe('compareNotebooks', () => {
  const saved = notebookWith([[stream(['siri-2023\n', '10 targets\n'])], [stream(['Points: 42.54 of 70\n']), markdown(['| a |\n', '| --- |'], 2)]]);

  it('counts the notebook and each cell as passed when the outputs agree', () => {
    expect(compareNotebooks(saved, structuredClone(saved))).toEqual({ passed: 4, failed: 0, differences: [] });
  });

  it('leaves out the timestamps Jupyter records per cell, and nothing else', () => {
    const timed = structuredClone(saved);
    const cell = timed.cells[1];
    if (cell === undefined) throw new Error('no cell 2');
    cell.metadata = { execution: { 'iopub.status.busy': '2026-12-07T01:01:45.538000Z' } };
    expect(compareNotebooks(saved, timed).failed).toBe(0);
    cell.metadata = { execution: { 'iopub.status.busy': '2026-12-07T01:01:45.538000Z' }, tags: ['slow'] };
    const { failed, differences } = compareNotebooks(saved, timed);
    expect(failed).toBe(1);
    expect(differences.join('\n')).toContain('cell 2 (code "code-1"): the cell metadata differs:');
  });

  it('finds an output line that a run lost, naming the cell and showing the line as saved', () => {
    // What nbconvert gave with Deno's kernel in some runs: the cell's last line missing.
    const lost = notebookWith([[stream(['siri-2023\n'])], [stream(['Points: 42.54 of 70\n']), markdown(['| a |\n', '| --- |'], 2)]]);
    const { passed, failed, differences } = compareNotebooks(saved, lost);
    expect({ passed, failed }).toEqual({ passed: 3, failed: 1 });
    expect(differences).toEqual(['cell 2 (code "code-1"): the outputs differ (- saved, + now):\n      [stream stdout]\n      siri-2023\n    - 10 targets']);
  });

  it('finds a result that a run lost, or that changed', () => {
    const lost = notebookWith([[stream(['siri-2023\n', '10 targets\n'])], [stream(['Points: 42.54 of 70\n'])]]);
    expect(compareNotebooks(saved, lost).differences.join('\n')).toContain('cell 3 (code "code-2"): the outputs differ (- saved, + now):\n      [stream stdout]\n      Points: 42.54 of 70\n    - [execute_result text/markdown] (execution count 2)\n    - | a |\n    - | --- |');
    const changed = notebookWith([[stream(['siri-2023\n', '10 targets\n'])], [stream(['Points: 42.542 of 70\n']), markdown(['| a |\n', '| --- |'], 2)]]);
    expect(compareNotebooks(saved, changed).differences).toEqual([
      'cell 3 (code "code-2"): the outputs differ (- saved, + now):\n      [stream stdout]\n    - Points: 42.54 of 70\n    + Points: 42.542 of 70\n      [execute_result text/markdown] (execution count 2)\n      | a |',
    ]);
  });

  it('finds changed sources, execution counts, notebook metadata and a different number of cells', () => {
    const other = structuredClone(saved);
    const code = other.cells[1];
    if (code === undefined) throw new Error('no cell 2');
    code.source = ['console.log(1);'];
    code.execution_count = 7;
    other.metadata = { ...other.metadata, language_info: { name: 'typescript', version: '6.0.3' } };
    other.cells.push({ cell_type: 'markdown', id: 'extra', metadata: {}, source: ['more'] });
    const { passed, failed, differences } = compareNotebooks(saved, other);
    expect({ passed, failed }).toEqual({ passed: 2, failed: 2 });
    expect(differences).toEqual([
      expect.stringContaining('the notebook metadata differs:'),
      'the saved notebook has 3 cells, the fresh run 4',
      'cell 2 (code "code-1"): the source differs:\n    - console.log(0);\n    + console.log(1);',
      'cell 2 (code "code-1"): execution count 1 saved, 7 now',
    ]);
    expect(differences[0]).toContain('+  "language_info": {');
  });

  it('shows each kind of output with a heading line: stream, result, display and error', () => {
    expect(outputLines(stream(['a\n', 'b\n']))).toEqual(['[stream stdout]', 'a', 'b']);
    expect(outputLines({ output_type: 'display_data', data: { 'text/plain': 'x', 'image/svg+xml': ['<svg>\n', '</svg>'] }, metadata: {} })).toEqual([
      '[display_data image/svg+xml]',
      '<svg>',
      '</svg>',
      '[display_data text/plain]',
      'x',
    ]);
    expect(outputLines({ output_type: 'display_data', data: { 'application/json': { b: 1, a: [2] } }, metadata: {} })).toEqual([
      '[display_data application/json]',
      '{',
      ' "a": [',
      '  2',
      ' ],',
      ' "b": 1',
      '}',
    ]);
    expect(outputLines({ output_type: 'error', ename: 'TypeError', evalue: 'x is undefined', traceback: ['at cell 1'] })).toEqual(['[error] TypeError: x is undefined', 'at cell 1']);
  });
});

describe('parseNotebook and formatNotebook', () => {
  it('names the file when it is not a notebook', () => {
    expect(() => parseNotebook('{"cells": ', 'broken.ipynb')).toThrow(/^broken\.ipynb: not a notebook: /);
    expect(() => parseNotebook('[]', 'list.ipynb')).toThrow('list.ipynb: not a notebook: no "cells" list and "metadata" object');
  });

  it('writes as Jupyter does: keys sorted, one-space indent, a final newline', () => {
    expect(formatNotebook({ nbformat_minor: 5, nbformat: 4, metadata: { b: 1, a: 2 }, cells: [] })).toBe(
      '{\n "cells": [],\n "metadata": {\n  "a": 2,\n  "b": 1\n },\n "nbformat": 4,\n "nbformat_minor": 5\n}\n',
    );
  });

  it('leaves examples/notebook.ipynb as it is saved: the file is in that layout', () => {
    const text = readFileSync(join(root, 'examples', 'notebook.ipynb'), 'utf8');
    expect(formatNotebook(parseNotebook(text, 'examples/notebook.ipynb')) === text).toBe(true);
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs examples/run-notebook.ts as `npx tsx` does, from the repository root. */
function runNotebook(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/run-notebook.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('examples/run-notebook.ts without the tools it needs', () => {
  // A Python without Jupyter's client: the runner must say so, not run anything.
  const noPython = { PYTHON: join(root, 'no-such-python3') };
  const missing = "Python 3 with Jupyter's client and notebook-format libraries (tried";
  const install = '`apt-get install python3-jupyter-client python3-nbformat`, elsewhere `pip install jupyter_client nbformat`';

  it('says what is missing and how to install it, and skips the check outside CI', async () => {
    const run = await runNotebook(['--check'], { ...noPython, CI: '' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("cannot run examples/notebook.ipynb in Deno's Jupyter kernel; missing:");
    expect(run.stdout).toContain(missing);
    expect(run.stdout).toContain(install);
    expect(run.stdout).toContain('skipped the notebook check (under CI it fails)');
  });

  it('fails the check under CI, and never writes a notebook it could not run', async () => {
    const [ci, write] = await Promise.all([runNotebook(['--check'], { ...noPython, CI: 'true' }), runNotebook(['--out', join(root, 'no-such-dir', 'out.ipynb')], { ...noPython, CI: '' })]);
    expect(ci.code).toBe(1);
    expect(ci.stderr).toContain(missing);
    expect(ci.stderr).toContain(install);
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(missing);
  });
});
