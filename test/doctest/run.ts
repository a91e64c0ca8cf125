/**
 * Runs documentation examples: typechecks them against the sources, then executes them with every
 * stated result checked (see expected.ts for how results are written).
 *
 * An example may use the exports of its entry without importing them (a JSDoc example of
 * `servicemaal/io` also those of `servicemaal`); imports of `servicemaal` and `servicemaal/io` are
 * resolved to the sources, other imports (`node:fs`, …) load the module. It runs with the
 * repository root as working directory.
 */
import ts from 'typescript';
import { differences, parseExpectation, show, type Expectation } from './expected.js';
import { compilerOptions, ENTRIES, ROOT, type Entry, type Example } from './extract.js';

/** The value and type names each entry exports. */
export interface EntryNames {
  values: Record<Entry, string[]>;
  types: Record<Entry, string[]>;
}

/** An example turned into JavaScript, with its stated results. */
export interface PreparedExample {
  example: Example;
  /** The body of an async function taking the library's modules and the checking functions. */
  body: string;
  expectations: { expectation: Expectation; line: number }[];
  /** Names of the example's entry that it neither declares nor imports (given to it). */
  given: string[];
}

/** The modules an example can use and the way it loads others. */
export interface ExampleModules {
  servicemaal: Record<string, unknown>;
  'servicemaal/io': Record<string, unknown>;
  load: (specifier: string) => Promise<Record<string, unknown>>;
}

/** The names visible to an example of an entry: io examples see both entries. */
function visible(names: Record<Entry, string[]>, entry: Entry): string[] {
  return entry === 'servicemaal' ? names.servicemaal : [...new Set([...names.servicemaal, ...names['servicemaal/io']])];
}

/** Prepares an example: imports resolved, results turned into checks, TypeScript removed. */
export function prepareExample(example: Example, names: EntryNames): PreparedExample {
  const file = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const expectations: PreparedExample['expectations'] = [];
  const declared = topLevelNames(file);
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) edits.push({ start: statement.getStart(), end: statement.end, text: importReplacement(statement, names) });
  }

  const lineOf = (position: number): number => file.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) {
      const found = statedResult(example.code, node);
      if (found !== null) {
        const index = expectations.length;
        const line = lineOf(node.getStart());
        expectations.push({ expectation: found, line });
        edits.push({ start: node.getStart(), end: node.end, text: checkFor(node, found, index) });
        return; // statements inside it are not checked separately
      }
    }
    ts.forEachChild(node, visit);
  };
  file.statements.forEach(visit);

  let code = example.code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  const given = visible(names.values, example.entry).filter((name) => !declared.has(name));
  const prologue = given.length === 0 ? '' : `const { ${given.join(', ')} } = __modules[${JSON.stringify(example.entry)}];\n`;
  const output = ts.transpileModule(prologue + code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleDetection: ts.ModuleDetectionKind.Force, verbatimModuleSyntax: false },
    reportDiagnostics: false,
  }).outputText;
  const body = output.replace(/^export \{\};\s*$/m, '');
  return { example, body, expectations, given };
}

/** Runs a prepared example; throws an Error listing every failed check, or the example's own error. */
export async function runExample(prepared: PreparedExample, modules: ExampleModules): Promise<number> {
  const failures: string[] = [];
  let checked = 0;
  const check = async (compute: () => Promise<unknown>, index: number): Promise<void> => {
    const stated = prepared.expectations[index];
    if (stated === undefined) throw new Error(`no expectation ${String(index)}`);
    const { expectation, line } = stated;
    checked++;
    let actual: unknown;
    try {
      actual = await compute();
    } catch (error) {
      if (expectation.kind === 'throws') {
        const codes = issueCodes(error);
        if (expectation.code !== null && !codes.includes(expectation.code)) {
          failures.push(`line ${String(line)}: expected an error with code '${expectation.code}', got ${describeError(error)}`);
        }
        return;
      }
      failures.push(`line ${String(line)}: expected ${expectation.text}, but it threw ${describeError(error)}`);
      return;
    }
    if (expectation.kind === 'throws') {
      failures.push(`line ${String(line)}: expected it to throw (${expectation.text}), but it returned ${show(actual)}`);
      return;
    }
    const problems = differences(actual, expectation.value);
    if (problems.length > 0) failures.push(`line ${String(line)}: the result is not ${expectation.text}:\n    ${problems.join('\n    ')}`);
  };
  const AsyncFunction = (Object.getPrototypeOf(async () => {
    await Promise.resolve();
  }) as { constructor: new (...args: string[]) => (...values: unknown[]) => Promise<void> }).constructor;
  const run = new AsyncFunction('__modules', '__import', '__check', prepared.body);
  try {
    await run({ servicemaal: modules.servicemaal, 'servicemaal/io': { ...modules.servicemaal, ...modules['servicemaal/io'] } }, modules.load, check);
  } catch (error) {
    failures.push(`the example threw ${describeError(error)}${error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : ''}`);
  }
  if (failures.length > 0) throw new Error(`${prepared.example.name}:\n  ${failures.join('\n  ')}`);
  return checked;
}

/**
 * Typechecks examples against the sources, with the repository's compiler options. Returns one
 * message per problem, naming the example and its line.
 */
export function typecheckExamples(examples: readonly Example[], names: EntryNames): string[] {
  const options = { ...compilerOptions(), noEmit: true };
  const virtual = new Map<string, { example: Example; text: string }>();
  examples.forEach((example, index) => {
    const file = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const declared = topLevelNames(file);
    const imports = (Object.keys(ENTRIES) as Entry[])
      .filter((entry) => example.entry === 'servicemaal/io' || entry === 'servicemaal')
      .map((entry) => {
        const values = names.values[entry].filter((name) => !declared.has(name));
        const types = names.types[entry].filter((name) => !declared.has(name) && !names.values[entry].includes(name));
        values.forEach((name) => declared.add(name));
        types.forEach((name) => declared.add(name));
        return `import { ${[...values, ...types.map((name) => `type ${name}`)].join(', ')} } from '${entry}';`;
      })
      .join(' ');
    // The given imports take the line before the example's first line, so lines match.
    virtual.set(`${ROOT}/test/doctest/example-${String(index)}.ts`, { example, text: `${imports}\n${example.code}\nexport {};\n` });
  });
  const host = ts.createCompilerHost(options);
  const base = ts.createCompilerHost(options);
  host.getSourceFile = (fileName, language, onError, create) => {
    const entry = virtual.get(fileName);
    return entry === undefined ? base.getSourceFile(fileName, language, onError, create) : ts.createSourceFile(fileName, entry.text, language, true);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || base.fileExists(fileName);
  host.readFile = (fileName) => virtual.get(fileName)?.text ?? base.readFile(fileName);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return [...virtual.keys()].flatMap((fileName) => {
    const source = program.getSourceFile(fileName);
    if (source === undefined) return [`${fileName}: not found`];
    const { example } = virtual.get(fileName) ?? fail(fileName);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => {
      const line = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
      return `${example.name}, example line ${String(line)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
  });
}

/** The stated result of a statement: its trailing comment and the comment lines right after it. */
function statedResult(code: string, statement: ts.Statement): Expectation | null {
  if (ts.isVariableStatement(statement) && !isSingleVariable(statement)) return null;
  const lines: string[] = [];
  const lineEnd = code.indexOf('\n', statement.end);
  const rest = code.slice(statement.end, lineEnd === -1 ? code.length : lineEnd);
  const trailing = /^\s*\/\/(.*)$/.exec(rest);
  if (trailing === null && rest.trim() !== '') return null;
  if (trailing !== null) lines.push(trailing[1] ?? '');
  const following = lineEnd === -1 ? [] : code.slice(lineEnd + 1).split('\n');
  for (const line of following) {
    const comment = /^\s*\/\/(.*)$/.exec(line);
    if (comment === null) break;
    lines.push(comment[1] ?? '');
  }
  for (let count = lines.length; count > 0; count--) {
    const expectation = parseExpectation(lines.slice(0, count).join('\n'));
    if (expectation !== null) return expectation;
    if (trailing !== null && count === 1) return null;
  }
  return null;
}

function isSingleVariable(statement: ts.VariableStatement): boolean {
  const [declaration] = statement.declarationList.declarations;
  return statement.declarationList.declarations.length === 1 && declaration !== undefined && ts.isIdentifier(declaration.name) && declaration.initializer !== undefined;
}

/** The replacement of a statement with a stated result: the statement, checked. */
function checkFor(statement: ts.ExpressionStatement | ts.VariableStatement, expectation: Expectation, index: number): string {
  if (ts.isVariableStatement(statement)) {
    const [declaration] = statement.declarationList.declarations;
    if (expectation.kind === 'throws' || declaration === undefined) throw new Error('"throws" needs an expression statement, not a declaration');
    return `${statement.getText()} await __check(async () => (${declaration.name.getText()}), ${String(index)});`;
  }
  let expression = statement.expression;
  // `console.log(value); // result` states the logged value.
  if (
    ts.isCallExpression(expression) &&
    expression.getText().startsWith('console.log(') &&
    expression.arguments.length === 1 &&
    expression.arguments[0] !== undefined
  ) {
    expression = expression.arguments[0];
  }
  return `await __check(async () => (${expression.getText()}), ${String(index)});`;
}

function importReplacement(statement: ts.ImportDeclaration, names: EntryNames): string {
  const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
  const clause = statement.importClause;
  if (clause === undefined) return `await __import(${JSON.stringify(specifier)});`;
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return '';
  const parts: string[] = [];
  const local = specifier in ENTRIES ? `__modules[${JSON.stringify(specifier)}]` : `(await __import(${JSON.stringify(specifier)}))`;
  if (clause.name !== undefined) {
    if (specifier in ENTRIES) throw new Error(`${specifier} has no default export`);
    parts.push(`const ${clause.name.text} = ${local}.default;`);
  }
  const bindings = clause.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
    parts.push(`const ${bindings.name.text} = ${local};`);
  }
  if (bindings !== undefined && ts.isNamedImports(bindings)) {
    const elements = bindings.elements.filter((element) => !element.isTypeOnly);
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (specifier in ENTRIES) {
        const known = [...names.values[specifier as Entry], ...names.types[specifier as Entry]];
        if (!known.includes(imported)) throw new Error(`${specifier} does not export ${imported}`);
      }
    }
    const valueNames = elements.filter((element) => !(specifier in ENTRIES) || names.values[specifier as Entry].includes((element.propertyName ?? element.name).text));
    if (valueNames.length > 0) {
      parts.push(`const { ${valueNames.map((element) => (element.propertyName === undefined ? element.name.text : `${element.propertyName.text}: ${element.name.text}`)).join(', ')} } = ${local};`);
    }
  }
  return parts.join(' ');
}

function importedNames(statement: ts.ImportDeclaration): string[] {
  const clause = statement.importClause;
  if (clause === undefined) return [];
  const names = clause.name === undefined ? [] : [clause.name.text];
  const bindings = clause.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings !== undefined && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((element) => element.name.text));
  return names;
}

/** The names an example declares or imports at its top level. */
function topLevelNames(file: ts.SourceFile): Set<string> {
  return new Set(file.statements.flatMap((statement) => (ts.isImportDeclaration(statement) ? importedNames(statement) : declaredNames(statement))));
}

/** Names a top-level statement declares. */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name !== undefined
  ) {
    return [statement.name.text];
  }
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

function issueCodes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null || !('issues' in error) || !Array.isArray(error.issues)) return [];
  return (error.issues as unknown[]).map((issue) => (typeof issue === 'object' && issue !== null && 'code' in issue ? String(issue.code) : ''));
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function fail(message: string): never {
  throw new Error(message);
}
