/**
 * The documentation's code runs: every public export has a JSDoc description and an `@example`,
 * and every example, and every ```ts block of the guides, typechecks against the sources and runs
 * with its stated results checked (test/doctest/expected.ts describes how results are stated).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as servicemaal from '../src/index.js';
import * as io from '../src/io/index.js';
import { apiExamples, entryProgram, exportNames, markdownExamples, type Example } from './doctest/extract.js';
import { prepareExample, runExample, typecheckExamples, type ExampleModules } from './doctest/run.js';

const program = entryProgram();
const names = exportNames(program);
const exportsDocs = apiExamples(program);
const guides = ['README.md', ...readdirSync(new URL('../docs', import.meta.url)).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)];
const guideExamples = guides.flatMap((file) => markdownExamples(file).examples);
const modules: ExampleModules = {
  servicemaal,
  'servicemaal/io': io,
  load: (specifier) => import(specifier) as Promise<Record<string, unknown>>,
};

describe('the JSDoc of the public API', () => {
  it('describes every export of servicemaal and servicemaal/io, with an example', () => {
    const missing = exportsDocs.filter((doc) => !doc.described || doc.examples.length === 0).map((doc) => `${doc.entry} ${doc.name} (${doc.location})${doc.described ? '' : ': no description'}${doc.examples.length === 0 ? ': no @example' : ''}`);
    expect(missing).toEqual([]);
  });

  const examples = exportsDocs.flatMap((doc) => doc.examples);
  it('has examples that typecheck against the sources', () => {
    expect(typecheckExamples(examples, names)).toEqual([]);
  }, 120_000);

  it.each(examples.map((example): [string, Example] => [example.name, example]))('%s runs, and states results that hold', async (_name, example) => {
    const prepared = prepareExample(example, names);
    expect(prepared.expectations.length, `${example.name} states no result to check (write one as "expression; // value")`).toBeGreaterThan(0);
    await expect(runExample(prepared, modules)).resolves.toBe(prepared.expectations.length);
  });
});

describe('the code blocks of README.md and docs/', () => {
  it('typecheck against the sources', () => {
    expect(typecheckExamples(guideExamples, names)).toEqual([]);
  }, 120_000);

  it.each(guideExamples.map((example): [string, Example] => [example.name, example]))('%s runs, and its stated results hold', async (_name, example) => {
    const prepared = prepareExample(example, names);
    await expect(runExample(prepared, modules)).resolves.toBe(prepared.expectations.length);
  });
});
