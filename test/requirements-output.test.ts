/**
 * The whole plan in every output: the report renderers (table, Markdown, CSV, HTML, JSON), the
 * plan renderer of `plans show`, and `evaluate --results` with JSON and CSV files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatePlan, getPlan, renderHtml, renderPlan, renderReport, REPORT_CSV_COLUMNS, PLAN_CSV_COLUMNS } from '../src/index.js';
import { runCli } from './cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-results-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

// One study case within its 62 days (5 of 70 points of 1.4), sick leave (2.3) supplied as 2.5 points.
const cases = [{ id: 'S1', caseType: 'studie', applied: '2020-03-02', decided: '2020-04-01' }];
const report = evaluatePlan(getPlan('siri-2020'), cases, { results: { '2.3': { points: 2.5 } } });

describe('the report renderers show every requirement and the whole plan', () => {
  it('table and Markdown: a row per requirement with where its points come from, and the total', () => {
    const table = renderReport(report, { format: 'table' });
    const rows = table.split('\n').filter((line) => /^\d\.\d {2}/.test(line)).map((line) => line.trimEnd().split(/ {2,}/));
    expect(rows).toEqual([
      ['1.1', 'Virksomhedsrettet integrationsindsats', '5', '–', 'missing: not from data, no result supplied'],
      ['1.2', 'Nationalt Center for Forebyggelse af Ekstremisme', '5', '–', 'missing: not from data, no result supplied'],
      ['1.3', 'Kvalitet i SIRIs sagsbehandling og afgørelser', '5', '–', 'missing: not from data, no result supplied'],
      ['1.4', 'Servicemål for erhvervs-, studie- og EU-området', '70', '5', 'data (5 of 70 scored)'],
      ['2.1', 'Effektiv understøttelse af ministerbetjening og politikudvikling', '5', '–', 'missing: not from data, no result supplied'],
      ['2.2', 'Informationssikkerhed', '5', '–', 'missing: not from data, no result supplied'],
      ['2.3', 'God arbejdsgiveradfærd', '5', '2.50', 'supplied'],
    ]);
    const total = 'Whole plan: 7.50 of 100 points; of the 100, 5 decided by the data, 5 by supplied results, 90 missing.';
    expect(table).toContain(total);
    const markdown = renderReport(report, { format: 'markdown', locale: 'da' });
    expect(markdown).toContain('| 2.3 | God arbejdsgiveradfærd | 5 | 2,50 | indberettet |');
    expect(markdown).toContain('Hele planen: 7,50 af 100 point; af de 100 er 5 afgjort af data, 5 af indberettede resultater, og 90 mangler.');
  });

  it('names the requirements without a known weight', () => {
    const text = renderReport(evaluatePlan(getPlan('siri-2024'), []), { format: 'table' });
    expect(text).toContain('Whole plan: 0 of 100 points; of the 100, 0 decided by the data, 0 by supplied results, 100 missing. The weights of 1.4, 2.4 cannot be read from the source: 15 points together, counted as missing.');
  });

  it('CSV: each target row names its requirement, and a row per requirement gives its weight, points and basis', () => {
    const lines = renderReport(report, { format: 'csv' }).trimEnd().split('\n');
    expect(lines[0]?.split(',')).toEqual([...REPORT_CSV_COLUMNS]);
    // requirement and points_from, then the four columns of observation targets and the scope
    expect(lines.find((line) => line.includes(',studie,'))?.split(',').slice(-7)).toEqual(['1.4', '', '', '', '', '', 'applicationKind = first']);
    const requirementRows = lines.filter((line) => line.startsWith('siri-2020,2020-01-01,2020-12-31,,'));
    expect(requirementRows).toHaveLength(7);
    expect(requirementRows[3]).toBe('siri-2020,2020-01-01,2020-12-31,,"Servicemål for erhvervs-, studie- og EU-området",,,,,,,,,,70,5,,,1.4,data,,,,,');
    expect(requirementRows[6]).toBe('siri-2020,2020-01-01,2020-12-31,,God arbejdsgiveradfærd,,,,,,,,,,5,2.5,,,2.3,supplied,,,,,');
  });

  it('HTML and JSON: the requirements table and the total', () => {
    const html = renderHtml(report);
    expect(html).toContain('<table class="requirements">');
    expect(html).toContain('<td>2.3</td><td>God arbejdsgiveradfærd</td><td class="num">5</td><td class="num">2.50</td><td>supplied</td>');
    expect(html).toContain('5 decided by the data, 5 by supplied results, 90 missing.');
    const json = JSON.parse(JSON.stringify(report)) as typeof report;
    expect(json.total).toEqual({ possible: 100, fromData: 5, supplied: 5, missing: 90, earned: 7.5, unknownWeights: [], unreadable: 0 });
  });
});

describe('plans show lists every requirement', () => {
  it('with its weight, which the data evaluates and why the others are not', () => {
    const text = renderPlan(getPlan('siri-2020'), { format: 'table' });
    expect(text).toContain('Requirements (the whole plan)');
    expect(text).toMatch(/^1\.4 +Servicemål for erhvervs-, studie- og EU-området +70 +group 1\.4-erhverv, group 1\.4-studie, group 1\.4-eu *$/m);
    expect(text).toMatch(/^2\.3 +God arbejdsgiveradfærd +5 +not evaluated from the data: sick leave per employee *$/m);
    expect(text).toContain('The weights total 100; 70 of them are evaluated from the data.');
    expect(renderPlan(getPlan('siri-2024'), { format: 'table' })).toContain('The plan is worth 100; the known weights total 85, and 1.4, 2.4 hold the other 15 together (their weights cannot be read); 70 are evaluated from the data.');
    const markdown = renderPlan(getPlan('siri-2023'), { format: 'markdown' });
    expect(markdown).toContain('| 1.1 | Sagsbehandlingstider | 65 | group 1.1 | SIRI, Mål- og resultatplan 2023, resultatkrav 1.1 |');
    const csv = renderPlan(getPlan('siri-2020'), { format: 'csv' }).trimEnd().split('\n');
    expect(csv[0]?.split(',')).toEqual([...PLAN_CSV_COLUMNS]);
    expect(csv.at(-1)?.endsWith(',2.3,2.3,5,')).toBe(true);
  });
});

describe('evaluate --results', () => {
  // With the attributes SIRI 2020's scopes test, so that standard error holds nothing to warn about.
  const casesFile = file('cases.csv', 'id,caseType,applied,decided,attributes.applicationKind,attributes.complexity\nS1,studie,2020-03-02,2020-04-01,first,simple\n');
  const total = async (results: string, extra: string[] = [], input = casesFile): Promise<unknown> => {
    const run = await runCli(['evaluate', '--plan', 'siri-2020', '--results', results, '--format', 'json', ...extra, input]);
    expect(run.err).toBe('');
    return (JSON.parse(run.out) as { total: unknown }).total;
  };

  it('reads a JSON object as the option', async () => {
    expect(await total(file('results.json', '{ "2.3": { "met": true }, "2.1": { "points": 2.5 } }'))).toEqual({
      possible: 100,
      fromData: 5,
      supplied: 10,
      missing: 85,
      earned: 12.5,
      unknownWeights: [],
      unreadable: 0,
    });
  });

  it('reads CSV with requirement;met or requirement;points, decimal commas and --encoding', async () => {
    expect(await total(file('met.csv', 'requirement;met\n2.3;TRUE\n2.2;false\n'))).toMatchObject({ supplied: 10, earned: 10 });
    expect(await total(file('points.csv', '\uFEFFrequirement;points\r\n2.3;2,5\r\n'))).toMatchObject({ supplied: 5, earned: 7.5 });
    // UTF-16 text reads only when decoded as such; --encoding applies to the case files too.
    const utf16 = file('utf16.csv', Buffer.from('requirement;points\n2.3;1,5\n', 'utf16le'));
    const utf16Cases = file('cases16.csv', Buffer.from('id,caseType,applied,decided,attributes.applicationKind,attributes.complexity\nS1,studie,2020-03-02,2020-04-01,first,simple\n', 'utf16le'));
    expect(await total(utf16, ['--encoding', 'utf-16le'], utf16Cases)).toMatchObject({ earned: 6.5 });
    expect((await runCli(['evaluate', '--plan', 'siri-2020', '--results', utf16, casesFile])).code).toBe(1);
    const unknown = await runCli(['evaluate', '--plan', 'siri-2020', '--results', utf16, '--encoding', 'klingon', casesFile]);
    expect(unknown.err.split('\n')[0]).toMatch(/encoding "klingon" is not supported/);
  });

  it('names the file and line of a problem, and the requirement the plan refuses', async () => {
    const fails = async (name: string, content: string): Promise<string> => {
      const run = await runCli(['evaluate', '--plan', 'siri-2020', '--results', file(name, content), casesFile]);
      expect(run.code).toBe(1);
      return run.err.split('\n')[0] ?? '';
    };
    expect(await fails('header.csv', 'krav;opfyldt\n2.3;true\n')).toBe(
      `servicemaal: ${join(scratch, 'header.csv')} line 1: the header must be requirement;met or requirement;points (or a JSON object), got "krav;opfyldt"`,
    );
    expect(await fails('met.csv', 'requirement;met\n2.3;ja\n')).toBe(`servicemaal: ${join(scratch, 'met.csv')} line 2: met must be true or false, got "ja"`);
    expect(await fails('twice.csv', 'requirement;points\n2.3;1\n2.3;2\n')).toBe(`servicemaal: ${join(scratch, 'twice.csv')} line 3: requirement 2.3 is given twice (also on line 2)`);
    expect(await fails('data.json', '{ "1.4": { "met": true } }')).toBe(
      `servicemaal: ${join(scratch, 'data.json')}: results: requirement 1.4 is evaluated from the data (group 1.4-erhverv, group 1.4-studie, group 1.4-eu); it takes no supplied result`,
    );
    expect(await fails('much.csv', 'requirement;points\n2.3;7\n')).toBe(
      `servicemaal: ${join(scratch, 'much.csv')}: results: the points of requirement 2.3 must be from 0 to its weight 5, got 7`,
    );
  });
});
