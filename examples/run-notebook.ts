/**
 * Runs examples/notebook.ipynb in Deno's Jupyter kernel, as a reader runs it, and saves its outputs
 * in it or checks the saved ones.
 *
 *   npm run examples:notebook      # builds the package, runs the notebook, saves the outputs in it
 *   npm run test:notebook          # builds the package, runs the notebook, compares the outputs with the saved ones
 *   npx tsx examples/run-notebook.ts [--check] [--out other.ipynb] [notebook.ipynb]   # after npm run build
 *
 * It needs:
 * - the built package (`npm run build`): the notebook imports `servicemaal`, which
 *   examples/deno.json maps to `dist/`;
 * - Deno: the `deno` devDependency (installed by `npm ci`) brings the binary from the npm registry,
 *   at the pinned version the saved outputs come from;
 * - Python 3 with Jupyter's client and notebook-format libraries, for execute-notebook.py, which
 *   starts the kernel and runs the cells (Debian and Ubuntu: `apt-get install python3-jupyter-client
 *   python3-nbformat`; elsewhere `pip install jupyter_client nbformat`). `PYTHON=/path/to/python3`
 *   names the interpreter; otherwise `python3` on the PATH, then /usr/bin/python3, whichever has them.
 *   (Not `jupyter nbconvert --execute`: with Deno's kernel it loses outputs at random, see
 *   execute-notebook.py.)
 *
 * The kernel is declared in a temporary folder (put first on `JUPYTER_PATH`) and starts the pinned
 * Deno: nothing is installed into the user's Jupyter, and a Deno kernel installed there with
 * `deno jupyter --install` is not used. The kernel runs in the notebook's folder, where the
 * notebook reads its data (`data/…`).
 *
 * With `--check` (`npm run test:notebook`) the notebook is executed into a temporary file and
 * compared with the saved one cell by cell (check-notebook.ts): exit 1, with a diff per cell, when
 * the saved outputs are not what the code gives now. When Deno, Jupyter or the build is missing, it
 * says what is missing and how to install it, and skips the check (exit 0), except under CI
 * (`CI` set), where that fails (exit 1). Without `--check` it writes the executed notebook (to
 * `--out`, or in place), as Jupyter writes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareNotebooks, formatNotebook, parseNotebook } from './check-notebook.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The name of the kernel declared for the run; the notebook itself asks for `deno`. */
const KERNEL = 'servicemaal-deno';

/** The programs a run needs. */
interface Tools {
  deno: string;
  python: string;
}

/** The pinned Deno binary of the `deno` package, or undefined when it is not installed. */
function denoBinary(): string | undefined {
  try {
    // The package's own lookup: its binary, linked from the platform's @deno/* package on install.
    const install = createRequire(import.meta.url)('deno/install_api.cjs') as { runInstall?: () => unknown };
    const path = install.runInstall?.();
    return typeof path === 'string' && spawnSync(path, ['--version'], { stdio: 'ignore' }).status === 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The tools found, and a line for each one missing, saying how to install it. */
function findTools(): { tools: Tools | undefined; missing: string[] } {
  const missing: string[] = [];
  const deno = denoBinary();
  if (deno === undefined) missing.push('Deno: run `npm ci` (the `deno` devDependency brings the pinned Deno binary from the npm registry)');
  const candidates = process.env['PYTHON'] === undefined ? ['python3', '/usr/bin/python3'] : [process.env['PYTHON']];
  const python = candidates.find((candidate) => spawnSync(candidate, ['-c', 'import jupyter_client, nbformat'], { stdio: 'ignore' }).status === 0);
  if (python === undefined) {
    missing.push(
      `Python 3 with Jupyter's client and notebook-format libraries (tried ${candidates.join(', ')}): on Debian or Ubuntu \`apt-get install python3-jupyter-client python3-nbformat\`, elsewhere \`pip install jupyter_client nbformat\`; PYTHON=/path/to/python3 names the interpreter`,
    );
  }
  for (const entry of ['index.js', 'io.js']) {
    if (!existsSync(join(ROOT, 'dist', entry))) missing.push(`the built package (dist/${entry}), which examples/deno.json maps servicemaal to: run \`npm run build\``);
  }
  return { tools: deno === undefined || python === undefined || missing.length > 0 ? undefined : { deno, python }, missing };
}

/** A failed run of the notebook: the report names the cell, its source and the error. */
class NotebookRunError extends Error {}

/** Executes a notebook in Deno's kernel and returns the executed notebook's text. */
function execute(path: string, tools: Tools): string {
  const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-notebook-'));
  try {
    const kernels = join(scratch, 'jupyter');
    mkdirSync(join(kernels, 'kernels', KERNEL), { recursive: true });
    const spec = { argv: [tools.deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], display_name: 'Deno', language: 'typescript' };
    writeFileSync(join(kernels, 'kernels', KERNEL, 'kernel.json'), `${JSON.stringify(spec, null, 1)}\n`);
    const jupyterPath = [kernels, process.env['JUPYTER_PATH']].filter((part) => part !== undefined && part !== '').join(delimiter);
    const run = spawnSync(
      tools.python,
      [join(ROOT, 'examples', 'execute-notebook.py'), '--kernel', KERNEL, '--cwd', dirname(resolve(path)), resolve(path), join(scratch, 'executed.ipynb')],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, JUPYTER_PATH: jupyterPath, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.error !== undefined) throw new NotebookRunError(`${path}: cannot start ${tools.python}: ${run.error.message}`);
    // The kernel's notice that `deno jupyter` is unstable is no part of a failure.
    const report = run.stderr
      .split('\n')
      .filter((line) => !line.includes('"deno jupyter" is unstable'))
      .join('\n')
      .trim();
    if (run.status !== 0) throw new NotebookRunError(report === '' ? `${path}: the run failed (exit ${String(run.status)})` : report);
    return formatNotebook(parseNotebook(readFileSync(join(scratch, 'executed.ipynb'), 'utf8'), `${path} (executed)`));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether this runs under continuous integration (`CI` set, as CI services and .ci/run do). */
const underCi = (): boolean => {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
};

// ---------------------------------------------------------------------------------------------
// The command

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: 'boolean' }, out: { type: 'string' } } });
  const path = positionals[0] ?? relative(process.cwd(), join(ROOT, 'examples', 'notebook.ipynb'));
  const check = values.check === true;
  const { tools, missing } = findTools();
  if (tools === undefined) {
    const what = `cannot run ${path} in Deno's Jupyter kernel; missing:\n${missing.map((line) => `  - ${line}`).join('\n')}`;
    if (check && !underCi()) console.log(`${what}\nskipped the notebook check (under CI it fails)`);
    else {
      console.error(what);
      process.exitCode = 1;
    }
  } else {
    try {
      const text = execute(path, tools);
      if (check) {
        const savedText = readFileSync(path, 'utf8');
        const { passed, failed, differences } = compareNotebooks(parseNotebook(savedText, path), parseNotebook(text, 'the fresh run'));
        // Equal parts in another layout: the file itself differs, counted as the notebook's part.
        const layout = differences.length === 0 && savedText !== text;
        if (layout) differences.push('the outputs agree, but the file is not written as Jupyter writes it');
        if (differences.length > 0) {
          console.error(`${path}: the saved outputs are not what the code gives in Deno's kernel now (run npm run examples:notebook to save them):\n${differences.join('\n')}`);
          process.exitCode = 1;
        } else console.log(`${path}: the saved outputs are what the code gives in Deno's kernel`);
        console.log(`notebook: ${layout ? passed - 1 : passed} passed, ${layout ? failed + 1 : failed} failed`);
      } else {
        // Written next to the destination, then renamed over it: never a half-written notebook.
        const destination = values.out ?? path;
        const partial = join(dirname(resolve(destination)), `.${basename(destination)}.partial`);
        writeFileSync(partial, text);
        renameSync(partial, destination);
        console.log(`ran ${path} in Deno's kernel; wrote ${destination}`);
      }
    } catch (error) {
      if (!(error instanceof NotebookRunError || (error instanceof Error && error.message.includes(path)))) throw error;
      console.error(error.message);
      process.exitCode = 1;
    }
  }
}
