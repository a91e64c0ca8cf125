/**
 * Runs the code cells of a notebook for the Deno Jupyter kernel (examples/notebook.ipynb) under
 * Node.js, and writes their outputs into the notebook, so that the notebook in the repository
 * shows what its code gives.
 *
 *   npm run examples:notebook                                   # runs examples/notebook.ipynb, saves the outputs
 *   npx tsx examples/run-notebook.ts --check                    # exit 1 when the saved outputs are out of date
 *   npx tsx examples/run-notebook.ts --out other.ipynb [notebook.ipynb]
 *
 * With Deno and Jupyter installed (`deno jupyter --install`), open the notebook in Jupyter and run
 * it there instead; this script is for machines without them.
 *
 * What it keeps of the Deno kernel's behaviour:
 * - The cells run in order as one program: a top-level declaration of a cell is visible in the
 *   cells after it, and top-level `await` works.
 * - A cell that uses a top-level name declared only in a later cell is an error here (outside
 *   function bodies), as it is when the cells run one by one in Deno — even where JavaScript
 *   hoisting (imports, function declarations) would let a single module run it.
 * - `import … from 'npm:servicemaal'` (and `npm:servicemaal/io`) load this repository's sources;
 *   any other `npm:`, `jsr:` or URL import is an error. `node:` modules load as usual.
 * - `Deno.readTextFile` and `Deno.readTextFileSync` read relative to the notebook's folder (the
 *   kernel's working directory); `Deno.cwd()` is that folder.
 * - `Deno.jupyter.md`, `.html` and `.svg` (tagged templates), `.format`, `.display` (with
 *   `{ raw: true }` for a MIME bundle) and `.$display` work as in Deno.
 * - Outputs: `console.log`, `info`, `debug` and `dir` write to the cell's `stdout` stream, `console.warn`
 *   and `error` to `stderr`; `Deno.jupyter.display` adds `display_data`; the value of a cell's last
 *   statement, when it is an expression that is not `undefined`, becomes its `execute_result`.
 *
 * What differs: a value without `Symbol.for('Jupyter.display')` is shown as `text/plain` by Node's
 * `util.format('%o', value)`, where Deno uses its own inspector (strings quoted differently, lines
 * broken elsewhere), so the notebook ends its cells with displayable values. The other `Deno` APIs
 * are absent, and redeclaring a top-level name in a later cell is an error (Deno allows it). An
 * error in a cell stops the run and names the cell.
 *
 * The notebook is written as Jupyter writes it (keys sorted, one-space indent, text split into
 * lines), with execution counts 1, 2, … and no timestamps, so the same code gives the same file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format as formatText, parseArgs } from 'node:util';
import ts from 'typescript';

/** A MIME bundle: media type → content. */
type MimeBundle = Record<string, unknown>;

/** The nbformat 4 outputs this runner produces. */
type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { output_type: 'display_data'; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: 'execute_result'; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number };

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
  [key: string]: unknown;
}

interface Notebook {
  cells: Cell[];
  [key: string]: unknown;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `npm:servicemaal…` imports load: this repository's sources. */
const PACKAGE_ENTRIES: Readonly<Record<string, string>> = {
  '': join(ROOT, 'src', 'index.ts'),
  '/io': join(ROOT, 'src', 'io', 'index.ts'),
};
/** The global through which the generated program reports to the runner. */
const HOOK = '__servicemaalNotebook';

// ---------------------------------------------------------------------------------------------
// The program: the code cells in order, each preceded by a call that starts its outputs

/** A cell's source as one string (Jupyter stores it as a list of lines). */
const joined = (text: string | string[]): string => (Array.isArray(text) ? text.join('') : text);

/** The module an import of a cell loads. */
function rewriteSpecifier(specifier: string, cell: number): string {
  if (specifier.startsWith('node:')) return specifier;
  const match = /^npm:servicemaal(?:@[^/]+)?(\/.*)?$/.exec(specifier);
  const entry = match === null ? undefined : PACKAGE_ENTRIES[match[1] ?? ''];
  if (entry === undefined) throw new NotebookError(cell, `cannot import "${specifier}" here: only npm:servicemaal, npm:servicemaal/io and node: modules are available`);
  return pathToFileURL(entry).href;
}

/** A cell's code with its imports pointed at the sources and its last expression reported. */
function cellProgram(source: string, cell: number): string {
  const file = ts.createSourceFile(`cell-${cell}.ts`, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])
          ? node.arguments[0]
          : undefined;
    if (specifier !== undefined) edits.push({ start: specifier.getStart(file), end: specifier.end, text: JSON.stringify(rewriteSpecifier(specifier.text, cell)) });
    ts.forEachChild(node, visit);
  };
  visit(file);
  const last = file.statements[file.statements.length - 1];
  if (last !== undefined && ts.isExpressionStatement(last)) {
    const expression = last.expression;
    edits.push({ start: expression.getStart(file), end: expression.getStart(file), text: `await globalThis.${HOOK}.result((` });
    edits.push({ start: expression.end, end: expression.end, text: '))' });
  }
  let code = source;
  for (const edit of edits.sort((a, b) => b.start - a.start || b.end - a.end)) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  return code;
}

/** The whole program, and where each cell's code starts in it (character offset and line). */
function program(cells: string[]): { text: string; starts: number[]; lines: number[] } {
  let text = '';
  const starts: number[] = [];
  const lines: number[] = [];
  cells.forEach((source, cell) => {
    text += `await globalThis.${HOOK}.begin(${cell});\n`;
    starts.push(text.length);
    lines.push(text.split('\n').length);
    text += `${cellProgram(source, cell)}\n;\n`;
  });
  return { text, starts, lines };
}

/** The cell that holds a character offset of the program. */
const cellAt = (starts: readonly number[], offset: number): number => starts.filter((start) => start <= offset).length - 1;

/**
 * Fails when a cell uses a top-level name that only a later cell declares (outside function
 * bodies, which run when called): in Deno the name does not exist yet when the cell runs.
 */
function checkOrder(text: string, starts: readonly number[]): void {
  const name = 'notebook.mts';
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext };
  const host: ts.CompilerHost = {
    getSourceFile: (fileName) => (fileName === name ? file : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => fileName === name,
    readFile: () => undefined,
  };
  const checker = ts.createProgram([name], options, host).getTypeChecker();
  const topLevel = (node: ts.Node): ts.Node => {
    let current = node;
    while (current.parent !== file) current = current.parent;
    return current;
  };
  const insideFunction = (node: ts.Node): boolean => {
    for (let current = node.parent; current !== file; current = current.parent) if (ts.isFunctionLike(current)) return true;
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !insideFunction(node)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      const used = cellAt(starts, node.getStart(file));
      for (const declaration of symbol?.declarations ?? []) {
        if (declaration.getSourceFile() !== file) continue;
        const declared = cellAt(starts, topLevel(declaration).getStart(file));
        if (declared > used) throw new NotebookError(used, `uses ${node.text}, which is declared in cell ${declared + 1}: run the cells in order`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

// ---------------------------------------------------------------------------------------------
// The `Deno` stand-in and the outputs

class NotebookError extends Error {
  constructor(
    readonly cell: number,
    message: string,
  ) {
    super(message);
  }
}

const $display = Symbol.for('Jupyter.display');

interface Displayable {
  [$display]: () => MimeBundle | Promise<MimeBundle>;
}

const isDisplayable = (value: unknown): value is Displayable =>
  typeof value === 'object' && value !== null && $display in value && typeof (value as Partial<Displayable>)[$display] === 'function';

/** As Deno's `Deno.jupyter.format`: the object's own display, else plain text. */
async function formatValue(value: unknown): Promise<MimeBundle> {
  if (isDisplayable(value)) return await value[$display]();
  return { 'text/plain': formatText('%o', value) };
}

const makeDisplayable = (bundle: MimeBundle): Displayable => ({ [$display]: () => bundle });

/** As Deno's tagged templates `md`, `html` and `svg`. */
const tagged =
  (mediaType: string) =>
  (strings: TemplateStringsArray, ...values: unknown[]): Displayable =>
    makeDisplayable({
      // As in Deno, a value is joined in by its default string form, whatever its type.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      [mediaType]: strings.reduce((text, part, i) => `${text}${part}${values[i] === undefined ? '' : String(values[i])}`, ''),
    });

const isMediaBundle = (value: unknown): value is MimeBundle => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Runs the code cells of a notebook (in `directory`) and returns the outputs of each. */
async function execute(sources: string[], directory: string): Promise<Output[][]> {
  const outputs: Output[][] = sources.map(() => []);
  let current = 0;
  const push = (output: Output): void => {
    const list = outputs[current] ?? [];
    const previous = list[list.length - 1];
    // Jupyter shows consecutive writes to the same stream as one output.
    if (output.output_type === 'stream' && previous?.output_type === 'stream' && previous.name === output.name) previous.text += output.text;
    else list.push(output);
  };
  const stream = (name: 'stdout' | 'stderr') => (...args: unknown[]) => {
    push({ output_type: 'stream', name, text: `${formatText(...args)}\n` });
  };

  const { text, starts, lines } = program(sources);
  checkOrder(text, starts);

  const path = (file: string | URL): string => (file instanceof URL ? fileURLToPath(file) : resolve(directory, file));
  const deno = {
    cwd: () => directory,
    readTextFile: (file: string | URL) => Promise.resolve(readFileSync(path(file), 'utf8')),
    readTextFileSync: (file: string | URL) => readFileSync(path(file), 'utf8'),
    jupyter: {
      $display,
      md: tagged('text/markdown'),
      html: tagged('text/html'),
      svg: tagged('image/svg+xml'),
      format: formatValue,
      display: async (value: unknown, options: { raw?: boolean } = {}): Promise<void> => {
        const data = options.raw === true && isMediaBundle(value) ? value : await formatValue(value);
        push({ output_type: 'display_data', data, metadata: {} });
      },
    },
  };
  const hooks = {
    begin: (cell: number): void => {
      current = cell;
    },
    result: async (value: unknown): Promise<void> => {
      if (value !== undefined) push({ output_type: 'execute_result', data: await formatValue(value), metadata: {}, execution_count: current + 1 });
    },
  };

  const scratch = mkdtempSync(join(tmpdir(), 'notebook-'));
  const file = join(scratch, 'notebook.mts');
  writeFileSync(file, text);
  const savedDeno: unknown = Reflect.get(globalThis, 'Deno');
  const saved = { log: console.log, info: console.info, debug: console.debug, dir: console.dir, warn: console.warn, error: console.error };
  Object.assign(globalThis, { Deno: deno, [HOOK]: hooks });
  Object.assign(console, { log: stream('stdout'), info: stream('stdout'), debug: stream('stdout'), dir: (value: unknown) => {
      stream('stdout')('%o', value);
    }, warn: stream('stderr'), error: stream('stderr') });
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    // Name the cell (and its line) that failed: from the stack, or from a syntax error's location.
    const where = new RegExp(`notebook\\.mts:(\\d+)`).exec(error instanceof Error ? `${error.stack ?? ''}\n${error.message}` : '');
    const line = where === null ? null : Number(where[1]);
    const cell = line === null ? current : lines.filter((start) => start <= line).length - 1;
    const cellLine = line === null ? '' : `, line ${line - (lines[cell] ?? 0) + 1}`;
    throw new NotebookError(cell, `${cellLine === '' ? '' : `${cellLine.slice(2)}: `}${error instanceof Error ? error.message : String(error)}`);
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, debug: saved.debug, dir: saved.dir, warn: saved.warn, error: saved.error });
    Reflect.deleteProperty(globalThis, HOOK);
    if (savedDeno === undefined) Reflect.deleteProperty(globalThis, 'Deno');
    else Object.assign(globalThis, { Deno: savedDeno });
    rmSync(scratch, { recursive: true, force: true });
  }
  return outputs;
}

// ---------------------------------------------------------------------------------------------
// Writing the notebook as Jupyter does

/** Python's `str.splitlines(True)`, which Jupyter uses to store text as a list of lines. */
function splitLines(text: string): string[] {
  // The line boundaries of Python's str.splitlines, control characters included.
  // eslint-disable-next-line no-control-regex
  return text.match(/[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)?.filter((line) => line !== '') ?? [];
}

/** The media types Jupyter stores as lists of lines: text, and SVG. */
const isLineMediaType = (mediaType: string): boolean => mediaType.startsWith('text/') || mediaType === 'image/svg+xml' || mediaType === 'application/javascript';

function splitOutput(output: Output): Record<string, unknown> {
  if (output.output_type === 'stream') return { ...output, text: splitLines(output.text) };
  const data = Object.fromEntries(Object.entries(output.data).map(([type, value]) => [type, typeof value === 'string' && isLineMediaType(type) ? splitLines(value) : value]));
  return { ...output, data };
}

/** Sorts object keys recursively, as Jupyter's writer does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Runs a notebook and returns it, as Jupyter would save it, with the new outputs. */
async function runNotebook(path: string): Promise<string> {
  const notebook = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
  const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
  const outputs = await execute(
    code.map((cell) => joined(cell.source)),
    dirname(resolve(path)),
  );
  const cells = notebook.cells.map((cell) => {
    const index = code.indexOf(cell);
    const source = splitLines(joined(cell.source));
    if (index < 0) return { ...cell, source };
    return { ...cell, source, execution_count: index + 1, outputs: (outputs[index] ?? []).map(splitOutput) };
  });
  return `${JSON.stringify(sortKeys({ ...notebook, cells }), null, 1)}\n`;
}

// ---------------------------------------------------------------------------------------------
// The command

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: 'boolean' }, out: { type: 'string' } } });
  const path = positionals[0] ?? relative(process.cwd(), join(ROOT, 'examples', 'notebook.ipynb'));
  try {
    const text = await runNotebook(path);
    if (values.check === true) {
      if (readFileSync(path, 'utf8') !== text) {
        console.error(`${path}: the saved outputs are not what the code gives now: run npm run examples:notebook`);
        process.exitCode = 1;
      } else console.log(`${path}: the saved outputs are up to date`);
    } else {
      writeFileSync(values.out ?? path, text);
      console.log(`ran the code cells of ${path}; wrote ${values.out ?? path}`);
    }
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    console.error(`${path}: code cell ${error.cell + 1}: ${error.message}`);
    process.exitCode = 1;
  }
}
