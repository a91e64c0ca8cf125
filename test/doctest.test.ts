/**
 * The checker of documentation examples checks: a stated result that does not hold fails, prose
 * is not mistaken for a result, and `…` leaves out exactly what it says.
 */
import { describe, expect, it } from 'vitest';
import * as servicemaal from '../src/index.js';
import * as io from '../src/io/index.js';
import { differences, parseExpectation } from './doctest/expected.js';
import { exportNames, fencedBlocks, type Example } from './doctest/extract.js';
import { prepareExample, runExample, typecheckExamples, type ExampleModules } from './doctest/run.js';

const names = exportNames();
const modules: ExampleModules = { servicemaal, 'servicemaal/io': io, load: (specifier) => import(specifier) as Promise<Record<string, unknown>> };
const example = (code: string): Example => ({ name: 'example', code, entry: 'servicemaal', mustCheck: true });
const run = (code: string): Promise<number> => runExample(prepareExample(example(code), names), modules);

describe('stated results', () => {
  it('reads the longest literal at the start of a comment, and leaves prose', () => {
    expect(parseExpectation(' 1: Maundy Thursday to Easter Monday are closed')).toEqual({ kind: 'value', value: 1, text: '1' });
    expect(parseExpectation(" { code: 'x', path: ['a', 0] }: at worst")).toMatchObject({ value: { code: 'x', path: ['a', 0] } });
    expect(parseExpectation(' true, because the share is exact')).toMatchObject({ value: true });
    expect(parseExpectation(' loads date-holidays now')).toBeNull();
    expect(parseExpectation(' pending')).toBeNull(); // an identifier is not a literal
    expect(parseExpectation(' console')).toBeNull();
    expect(parseExpectation(" throws: code 'unknown_plan', listing the plans")).toEqual({ kind: 'throws', code: 'unknown_plan', text: "throws: code 'unknown_plan', listing the plans" });
  });

  it('compares exactly unless "…" leaves something out', () => {
    const stated = (text: string): unknown => {
      const expectation = parseExpectation(text);
      if (expectation?.kind !== 'value') throw new Error(`not a value: ${text}`);
      return expectation.value;
    };
    expect(differences({ a: 1, b: 2 }, stated('{ a: 1 }'))).toEqual(['$: unexpected keys b']);
    expect(differences({ a: 1, b: 2 }, stated('{ a: 1, … }'))).toEqual([]);
    expect(differences({ a: 1, b: undefined }, stated('{ a: 1 }'))).toEqual([]);
    expect(differences([1, 2, 3], stated('[1, 2, …]'))).toEqual([]);
    expect(differences([1], stated('[1, 2, …]'))).toHaveLength(1);
    expect(differences([1, 2, 3], stated('[1, 2]'))).toHaveLength(1);
    expect(differences(0.5333, stated('0.533…'))).toEqual([]);
    expect(differences(0.5343, stated('0.533…'))).toHaveLength(1);
    expect(differences('0.5', stated('0.5'))).toHaveLength(1);
    expect(differences({ m: 'text' }, stated("{ m: '…' }"))).toHaveLength(1); // '…' in a string is the character itself
  });
});

describe('running an example', () => {
  it('passes when every stated result holds, and counts the checks', async () => {
    await expect(run("parsePeriod('2023-Q3').label; // '2023-Q3'\nconst n = workingDaysBetween('2024-03-27', '2024-04-02'); // 1\nconsole.log(n + 1); // 2")).resolves.toBe(3);
  });

  it('fails on a stated result that does not hold, naming the line', async () => {
    await expect(run("const a = 1;\nparsePeriod('2023-Q3').label; // '2023-Q4'")).rejects.toThrow(/line 2: the result is not '2023-Q4'/);
  });

  it('checks "throws", and the error code', async () => {
    await expect(run("getPlan('siri-1999'); // throws: code 'unknown_plan'")).resolves.toBe(1);
    await expect(run("getPlan('siri-1999'); // throws: code 'invalid_plan'")).rejects.toThrow(/expected an error with code 'invalid_plan'/);
    await expect(run("getPlan('siri-2023').id; // throws")).rejects.toThrow(/expected it to throw/);
  });

  it('states results on the comment lines after a statement', async () => {
    await expect(run("reportingPeriods(2023, { asOf: '2023-05-15' });\n// ['2023-Q1', '2023-Q2', '2023-H1', { from: '2023-01-01', to: '2023-05-15' }, '2023']")).resolves.toBe(1);
    await expect(run("reportingPeriods(2023, { asOf: '2023-05-15' });\n// ['2023-Q1', …]\n// The quarters come first.")).resolves.toBe(1);
  });

  it('fails when the example itself throws', async () => {
    await expect(run('undefinedName.length; // 1')).rejects.toThrow(/threw ReferenceError/);
  });

  it('resolves imports of the package and of Node modules', async () => {
    await expect(run("import { getPlan as plan } from 'servicemaal';\nimport { basename } from 'node:path';\nplan('us-2019').year; // 2019\nbasename('/a/b.csv'); // 'b.csv'")).resolves.toBe(2);
    expect(() => prepareExample(example("import { nothing } from 'servicemaal';"), names)).toThrow(/does not export nothing/);
  });
});

describe('typechecking examples', () => {
  it('reports type errors with the example and its line', () => {
    const problems = typecheckExamples([example("const ok = parsePeriod('2023');\nconst wrong: number = ok.label;")], names);
    expect(problems).toEqual([expect.stringMatching(/^example, example line 2: Type 'string' is not assignable to type 'number'/)]);
  });
});

describe('code blocks', () => {
  it('finds fenced blocks with their language and first line', () => {
    expect(fencedBlocks('text\n```ts\nconst a = 1;\n```\n\n```json\n{}\n```\n')).toEqual([
      { language: 'ts', code: 'const a = 1;\n', line: 3, start: 5 },
      { language: 'json', code: '{}\n', line: 7, start: 29 },
    ]);
  });
});
