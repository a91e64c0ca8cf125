/**
 * The shape of the sources: no import cycle in src/, and a command line written from the public API
 * only (what `servicemaal` and `servicemaal/io` export), so that the library's users can do all that
 * the command line does. The command line imports each name from the module that defines it (so
 * that a command loads only the code it needs), and every such name is one the package exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../src/', import.meta.url));

/** Every TypeScript file under src/, relative to it, with forward slashes. */
function sources(directory = root): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

/** The files of src/ a file imports (static and dynamic imports, type-only ones included). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(dirname(join(root, file)), name.replace(/\.js$/, '.ts'))).split('\\').join('/'));
}

const graph = new Map(sources().map((file) => [file, importsOf(file)]));

/** The import cycles of a graph: each as the list of files around it (depth-first search). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the sources', () => {
  it('find a cycle where there is one (the check itself)', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('have no import cycle in src/', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });

  it('let the command line import only what servicemaal and servicemaal/io export, and its own modules', () => {
    const program = ts.createProgram([join(root, 'index.ts'), join(root, 'io/index.ts'), ...[...graph.keys()].filter((file) => file.startsWith('cli/')).map((file) => join(root, file))], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    /** The declarations behind each name the package exports. */
    const exported = new Set<ts.Declaration>();
    for (const entry of ['index.ts', 'io/index.ts']) {
      const source = program.getSourceFile(join(root, entry));
      const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
      for (const name of symbol === undefined ? [] : checker.getExportsOfModule(symbol)) {
        const target = name.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(name) : name;
        for (const declaration of target.declarations ?? []) exported.add(declaration);
      }
    }
    expect(exported.size).toBeGreaterThan(150);
    const outside: string[] = [];
    for (const file of graph.keys()) {
      if (!file.startsWith('cli/')) continue;
      const source = program.getSourceFile(join(root, file));
      if (source === undefined) throw new Error(`no source for ${file}`);
      const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('../')) {
          const bindings = node.importClause?.namedBindings;
          if (bindings === undefined || !ts.isNamedImports(bindings)) outside.push(`${file}: import of ${node.moduleSpecifier.text} without names`);
          else {
            for (const element of bindings.elements) {
              const symbol = checker.getSymbolAtLocation(element.name);
              const target = symbol === undefined ? undefined : checker.getAliasedSymbol(symbol);
              if (!(target?.declarations ?? []).some((declaration) => exported.has(declaration))) outside.push(`${file}: ${element.name.text} from ${node.moduleSpecifier.text}`);
            }
          }
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const [specifier] = node.arguments;
          if (specifier !== undefined && ts.isStringLiteral(specifier) && specifier.text.startsWith('../') && !/^\.\.\/catalog\/index\.js$/.test(specifier.text)) {
            outside.push(`${file}: import() of ${specifier.text}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(outside).toEqual([]);
  });
});
