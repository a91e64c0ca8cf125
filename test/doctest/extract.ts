/**
 * Finds the code examples of the documentation: the `@example` of every public export (from the
 * JSDoc of `servicemaal` and `servicemaal/io`) and the ```ts blocks of the Markdown guides.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

/** The package's entry points and the sources they are built from. */
export const ENTRIES = { servicemaal: 'src/index.ts', 'servicemaal/io': 'src/io/index.ts' } as const;
export type Entry = keyof typeof ENTRIES;

/** A code example to run. */
export interface Example {
  /** Where it comes from, for messages: `parsePeriod (src/dates/periods.ts:40)` or `docs/faq.md:12`. */
  name: string;
  /** Its TypeScript source. */
  code: string;
  /** The entry whose exports it may use without importing them. */
  entry: Entry;
  /** Whether it must state at least one checked result. */
  mustCheck: boolean;
}

/** A public export and the examples of its JSDoc. */
export interface ExportDoc {
  entry: Entry;
  name: string;
  /** `file:line` of its declaration. */
  location: string;
  /** Whether its JSDoc has a description. */
  described: boolean;
  examples: Example[];
}

/** The value and type names exported by each entry. */
export function exportNames(program: ts.Program = entryProgram()): { values: Record<Entry, string[]>; types: Record<Entry, string[]> } {
  const checker = program.getTypeChecker();
  const values = {} as Record<Entry, string[]>;
  const types = {} as Record<Entry, string[]>;
  for (const [entry, file] of Object.entries(ENTRIES) as [Entry, string][]) {
    const symbols = moduleExports(program, checker, file).map((exported) => ({
      name: exported.name,
      flags: (exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported).flags,
    }));
    values[entry] = symbols.filter(({ flags }) => (flags & ts.SymbolFlags.Value) !== 0).map(({ name }) => name);
    types[entry] = symbols.filter(({ flags }) => (flags & ts.SymbolFlags.Type) !== 0).map(({ name }) => name);
  }
  return { values, types };
}

/** Every public export with its JSDoc examples. */
export function apiExamples(program: ts.Program = entryProgram()): ExportDoc[] {
  const checker = program.getTypeChecker();
  const docs: ExportDoc[] = [];
  for (const [entry, file] of Object.entries(ENTRIES) as [Entry, string][]) {
    for (const exported of moduleExports(program, checker, file)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (declaration === undefined) continue;
      const source = declaration.getSourceFile();
      const line = source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
      const location = `${relative(ROOT, source.fileName)}:${String(line)}`;
      const described = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== '';
      const examples = symbol
        .getJsDocTags(checker)
        .filter((tag) => tag.name === 'example')
        .flatMap((tag) => {
          const text = ts.displayPartsToString(tag.text);
          const blocks = fencedBlocks(text);
          return blocks.length > 0 ? blocks.map((block) => block.code) : [text];
        })
        .map((code, index, all) => ({
          name: `${exported.name}${all.length > 1 ? ` #${String(index + 1)}` : ''} (${location})`,
          code,
          entry,
          mustCheck: true,
        }));
      docs.push({ entry, name: exported.name, location, described, examples });
    }
  }
  return docs;
}

/**
 * The ```ts blocks of a Markdown file. A block right after the line `<!-- continued -->` runs
 * after the block before it, in one scope; a block after `<!-- not run: reason -->` is skipped.
 */
export function markdownExamples(file: string): { examples: Example[]; skipped: { name: string; reason: string }[] } {
  const text = readFileSync(new URL(file, `file://${ROOT}/`), 'utf8');
  const examples: Example[] = [];
  const skipped: { name: string; reason: string }[] = [];
  let previous: Example | null = null;
  for (const block of fencedBlocks(text)) {
    if (block.language !== 'ts' && block.language !== 'typescript') continue;
    const name = `${file}:${String(block.line)}`;
    const marker = /<!--\s*(continued|not run:?\s*(.*?))\s*-->\s*$/.exec(text.slice(0, block.start).trimEnd());
    if (marker?.[1]?.startsWith('not run') === true) {
      skipped.push({ name, reason: marker[2] ?? '' });
      continue;
    }
    if (marker?.[1] === 'continued' && previous !== null) {
      previous.code += `\n${block.code}`;
      previous.name += ` + ${String(block.line)}`;
      continue;
    }
    previous = { name, code: block.code, entry: 'servicemaal/io', mustCheck: false };
    examples.push(previous);
  }
  return { examples, skipped };
}

/** Fenced code blocks of Markdown text, with their language, first code line and start offset. */
export function fencedBlocks(text: string): { language: string; code: string; line: number; start: number }[] {
  const blocks: { language: string; code: string; line: number; start: number }[] = [];
  const fence = /^([ \t]*)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```[ \t]*$/gm;
  for (let match = fence.exec(text); match !== null; match = fence.exec(text)) {
    const indent = match[1] ?? '';
    const code = (match[3] ?? '')
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    blocks.push({ language: match[2] ?? '', code, line: text.slice(0, match.index).split('\n').length + 1, start: match.index });
  }
  return blocks;
}

/** A program of the two entries, with the repository's compiler options. */
export function entryProgram(): ts.Program {
  return ts.createProgram(Object.values(ENTRIES).map((file) => `${ROOT}/${file}`), compilerOptions());
}

/** The repository's compiler options (tsconfig.json). */
export function compilerOptions(): ts.CompilerOptions {
  const configFile = `${ROOT}/tsconfig.json`;
  const { config } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path)) as { config: unknown };
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configFile).options;
}

function moduleExports(program: ts.Program, checker: ts.TypeChecker, file: string): ts.Symbol[] {
  const source = program.getSourceFile(`${ROOT}/${file}`);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`cannot read the exports of ${file}`);
  return checker.getExportsOfModule(module);
}
