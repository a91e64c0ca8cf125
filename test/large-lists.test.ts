/**
 * Long lists never become call arguments: spreading a list into a call (`push(...xs)`,
 * `Math.max(...xs)`) puts every element on the stack and fails from about 125,000 elements with
 * "Maximum call stack size exceeded". The sources are checked for it, and the renderers are run on
 * a report with 200,000 invalid records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, getPlan, pendingAt, renderHtml, renderPending, renderReport, type InvalidRecord, type PlanReport } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every call or `new` in a source text that spreads an argument, as `file:line`. */
function spreadArguments(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some((argument) => ts.isSpreadElement(argument)) === true) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('call arguments', () => {
  it('finds a spread argument where there is one', () => {
    expect(spreadArguments('a.ts', 'const xs = [1];\nout.push(...xs);\nMath.max(1, 2);\nnew Set(...ys);\nconst all = [...xs, ...xs];')).toEqual(['a.ts:2', 'a.ts:4']);
  });

  it('are never a spread list anywhere in src/', () => {
    const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((file) => spreadArguments(relative(root, file), readFileSync(file, 'utf8')))).toEqual([]);
  });
});

describe('a report with 200,000 invalid records', () => {
  const ROWS = 200_000;
  const small = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }], { period: '2023' });
  const invalid: InvalidRecord[] = [];
  for (let index = 0; index < ROWS; index++) {
    const reason = '"2023-02-30" is not a calendar date';
    invalid.push({ input: 'cases', index, id: `X${index}`, field: 'applied', file: null, line: null, column: null, value: '2023-02-30', code: 'invalid_date', reason, message: `record ${index} (id X${index}): applied ${reason}` });
  }
  const report: PlanReport = { ...small, invalid, counts: { ...small.counts, input: ROWS + 1, invalid: ROWS } };

  it.each(['table', 'markdown'] as const)('renders as %s', (format) => {
    const text = renderReport(report, { format });
    expect(text).toContain(`record ${ROWS - 1} (id X${ROWS - 1})`);
    expect(text.split('\n').length).toBeGreaterThan(ROWS);
  });

  it('renders as HTML', () => {
    const html = renderHtml(report);
    expect(html).toContain(`record ${ROWS - 1} (id X${ROWS - 1})`);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('renders the pending cases of 200,000 records, every one invalid, as a table', () => {
    const records = Array.from({ length: ROWS }, (_, i) => ({ id: `P${i}`, caseType: 'fast-track', applied: '2023-02-30' }));
    const pending = pendingAt(getPlan('siri-2023'), records, { asOf: '2023-09-30', maxProblems: 0 });
    expect(pending.counts.invalid).toBe(ROWS);
    expect(renderPending(pending, { format: 'table' })).toContain(`id P${ROWS - 1}`);
  });

  it('renders a table of 200,000 pending cases', () => {
    const records = Array.from({ length: ROWS }, (_, i) => ({ id: `P${i}`, caseType: 'fast-track', applied: '2023-09-01' }));
    const pending = pendingAt(getPlan('siri-2023'), records, { asOf: '2023-09-30' });
    expect(pending.cases).toHaveLength(ROWS);
    const table = renderPending(pending, { format: 'table' });
    expect(table).toContain(`P${ROWS - 1}`);
  });
});
