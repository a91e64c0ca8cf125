/**
 * The runnable examples in examples/, run as a user runs them (Node.js with the tsx loader, from
 * the repository root, importing 'servicemaal' through the tsconfig paths), and checked against
 * what the library computes here for the same input.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import {
  createCalendar,
  definePlan,
  evaluatePlan,
  forecastPlan,
  formatLimit,
  formatPercent,
  getPlan,
  pendingAt,
  renderForecast,
  renderPending,
  renderReport,
  workingDaysBetween,
  type GroupScoringRule,
  type PlanReport,
} from '../src/index.js';
import { loadCaseTypeMap, readAllRecords } from '../src/io/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-examples-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file as `npx tsx <file>` does, from the repository root. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env } });
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

/** The command line, run in process from its sources. */
async function cli(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin: Readable.from([]),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const text = (path: string): string => readFileSync(join(root, path), 'utf8');
const json = (path: string): unknown => JSON.parse(text(path));
const data = (name: string): unknown[] => json(`examples/data/${name}`) as unknown[];
const siri2023 = { cases: data('siri-2023-cases.json'), contacts: data('siri-2023-contacts.json'), observations: data('siri-2023-observations.json') };
const SIRI_2023_RULES: Record<string, GroupScoringRule> = { '1.1': 'share-of-tiers', '1.2': 'mean-score' };

/** The lines of a text section: from the line `heading` up to the next empty line. */
function section(output: string, heading: string): string[] {
  const lines = output.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `no section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line === '');
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The rows of the first Markdown table after the line `heading`, split into cells. */
function markdownTable(output: string, heading: string): string[][] {
  const lines = output.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `no section "${heading}"`).toBeGreaterThanOrEqual(0);
  const first = lines.findIndex((line, i) => i > start && line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
  return lines.slice(first, end).map((line) => line.slice(2, -2).split(' | '));
}

// Started at once, so that the processes run while the tests check each other's results.
const quarterlyOut = join(scratch, 'status.md');
const runs = {
  csv: run(['examples/csv-report.ts']),
  csvKiritimati: run(['examples/csv-report.ts'], { TZ: 'Pacific/Kiritimati' }),
  quarterly: run(['examples/quarterly-status.ts', '--out', quarterlyOut]),
  custom: run(['examples/custom-plan.ts']),
};

describe('examples/csv-report.ts', () => {
  const file = 'examples/data/agency-export.csv';
  const csvLines = text(file).split('\n');
  const dataRows = csvLines.slice(1).filter((line) => line.trim() !== '');
  const ids = new Set(dataRows.map((line) => line.split(';')[0]));
  // The export holds a sample of siri-2023-cases.json: the same records, by id.
  const jsonSample = siri2023.cases.filter((record) => ids.has((record as { id: string }).id));
  const rules = { '1.1': 'share-of-tiers', '1.2': 'share-of-tiers' } as const;
  const fromJson = evaluatePlan(getPlan('siri-2023'), jsonSample, { groupScoring: rules });

  it('is a Danish export of the JSON example data: one row per sampled record, dates in dd-mm-yyyy', async () => {
    expect(csvLines[0]).toBe('sagsnr;sagstype;indgivet;afgjort');
    expect(dataRows.length).toBeGreaterThanOrEqual(300);
    expect(dataRows.length).toBeLessThanOrEqual(2_100);
    expect(jsonSample).toHaveLength(dataRows.length);
    for (const row of dataRows) expect(row).toMatch(/^SIRI-\d{5};[A-Z-]*;\d{2}-\d{2}-\d{4}( \d{2}:\d{2})?;(\d{2}-\d{2}-\d{4})?$/);
    expect(dataRows.filter((row) => row.endsWith(';')).length, 'pending rows').toBeGreaterThan(0);
    // Read back with the case-type codes, the records evaluate as the JSON ones do (same civil dates).
    const { records } = await readAllRecords({ path: join(root, file) }, { map: { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', decided: 'afgjort' }, caseTypeMap: await loadCaseTypeMap(join(root, 'examples/data/case-type-codes.csv')) });
    const fromCsv = evaluatePlan(getPlan('siri-2023'), records, { groupScoring: rules });
    expect(fromCsv.targets).toEqual(fromJson.targets);
    expect(fromCsv.counts).toEqual(fromJson.counts);
    expect(fromCsv.points).toEqual(fromJson.points);
  });

  it('exits with 2 and names every invalid row by its line in the file', async () => {
    const { code, stdout } = await runs.csv;
    expect(code).toBe(2);
    const listed = [...stdout.matchAll(/agency-export\.csv:(\d+) \(id ([^)]+)\)/g)].map(([, line = '', id = '']) => ({ line: Number(line), id }));
    const invalidIds = fromJson.invalid.map((entry) => entry.id);
    expect(invalidIds.length).toBeGreaterThan(0);
    expect(listed.map((entry) => entry.id).sort()).toEqual([...invalidIds].sort());
    for (const { line, id } of listed) expect(csvLines[line - 1], `line ${line}`).toMatch(new RegExp(`^${id};`));
    expect(stdout).toContain(`${listed.length} invalid rows`);
  });

  it('accounts for every data row of the CSV file, and the buckets add up', async () => {
    const { stdout } = await runs.csv;
    const rows = /Rows: ([\d,]+) data rows in .* = ([\d,]+) records \+ ([\d,]+) unreadable \+ ([\d,]+) empty lines/.exec(stdout);
    const records = /Records: ([\d,]+) = ([\d,]+) measured \+ ([\d,]+) pending \+ ([\d,]+) out of period \+ ([\d,]+) without target \+ ([\d,]+) invalid/.exec(stdout);
    expect(rows).not.toBeNull();
    expect(records).not.toBeNull();
    const [total = 0, read = 0, unreadable = 0, empty = 0] = (rows ?? []).slice(1).map((value) => Number(value.replace(/,/g, '')));
    const [input = 0, ...buckets] = (records ?? []).slice(1).map((value) => Number(value.replace(/,/g, '')));
    expect(total).toBe(dataRows.length);
    expect(read + unreadable + empty).toBe(total);
    expect(input).toBe(read);
    expect(buckets.reduce((sum, count) => sum + count, 0)).toBe(input);
    const { measured, pending, outOfPeriod, withoutTarget, invalid } = fromJson.counts;
    expect({ input, buckets }).toEqual({ input: fromJson.counts.input, buckets: [measured, pending, outOfPeriod, withoutTarget, invalid] });
    expect(stdout).toMatch(/without a mapping.*ER-SUP \(\d+\)/);
  });

  it('prints the figures the library computes, and the report the command line prints', async () => {
    const { stdout } = await runs.csv;
    expect(section(stdout, 'Targets')).toEqual(section(renderReport(fromJson, { format: 'table' }), 'Targets'));
    const viaCli = await cli([
      'evaluate',
      '--plan',
      'siri-2023',
      '--group-scoring',
      '1.1=share-of-tiers,1.2=share-of-tiers',
      '--map',
      'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort',
      '--case-types',
      'examples/data/case-type-codes.csv',
      file,
    ]);
    expect(viaCli.code).toBe(2);
    expect(stdout.startsWith(viaCli.stdout)).toBe(true);
  });

  it('prints the same whatever the host time zone', async () => {
    const [here, kiritimati] = await Promise.all([runs.csv, runs.csvKiritimati]);
    expect(kiritimati).toEqual(here);
  });
});

describe('examples/quarterly-status.ts', () => {
  const plan = getPlan('siri-2023');
  const asOf = '2023-09-30';
  const percent = (share: number | null): string => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);
  const periods: [string, string | { from: string; to: string }][] = [
    ['Q1', '2023-Q1'],
    ['Q2', '2023-Q2'],
    ['Q3', '2023-Q3'],
    ['year to date', { from: '2023-01-01', to: asOf }],
  ];
  // evaluatePlan once per period: the example's evaluateSeries must give the same figures.
  const reports = periods.map(([, period]): PlanReport => evaluatePlan(plan, siri2023, { period, groupScoring: SIRI_2023_RULES }));
  const yearToDate = reports[3] as PlanReport;
  const markdown = async (): Promise<string> => {
    const { code, stderr } = await runs.quarterly;
    expect(code, stderr).toBe(0);
    return readFileSync(quarterlyOut, 'utf8');
  };

  it('gives the share of every tier per quarter and for the year to date', async () => {
    const [header, , ...rows] = markdownTable(await markdown(), '## Share within the limit');
    expect(header).toEqual(['target', 'limit', ...periods.map(([label]) => label), 'required', 'met so far']);
    const expected = yearToDate.targets.flatMap((target) =>
      target.tiers.map((tier, index) => [
        index === 0 ? target.id : '',
        `${tier.kind === 'mean' ? 'mean ' : ''}≤ ${formatLimit(tier.limit)}`,
        ...reports.map((report) => {
          const same = report.targets.find((candidate) => candidate.id === target.id)?.tiers[index];
          return same?.kind === 'share' ? percent(same.share) : '–';
        }),
        tier.kind === 'share' ? formatPercent(tier.required) : '',
        tier.met === null ? '–' : tier.met ? '✓' : '✗',
      ]),
    );
    expect(rows).toEqual(expected);
  });

  it('gives the processing times and the points of the year to date', async () => {
    const output = await markdown();
    const fastTrack = yearToDate.targets.find((target) => target.id === 'fast-track')?.tiers[0]?.stats;
    expect(fastTrack).toBeDefined();
    expect(output).toContain(`| fast-track | ${fastTrack?.count.toLocaleString('en-US') ?? ''} | ${fastTrack?.mean?.toFixed(1) ?? ''} days | ${fastTrack?.median ?? ''} days | ${fastTrack?.p90 ?? ''} days | ${fastTrack?.max ?? ''} days |`);
    expect(yearToDate.points.earned).not.toBeNull();
    expect(output).toContain(`Plan: ${yearToDate.points.earned?.toFixed(2) ?? ''} of ${yearToDate.points.possible} points.`);
  });

  it('gives the year-end forecast and the pending cases as of the date', async () => {
    const output = await markdown();
    const forecast = forecastPlan(plan, siri2023, { asOf, groupScoring: SIRI_2023_RULES });
    expect(output).toContain(renderForecast(forecast, { format: 'markdown' }).trimEnd());
    const pending = pendingAt(plan, siri2023.cases, { asOf, withinDays: 14 });
    expect(pending.cases.length).toBeGreaterThan(0);
    expect(output).toContain(renderPending(pending, { format: 'markdown', limit: 15 }).trimEnd());
  });
});

describe('examples/custom-plan.ts and examples/plans/permits-2025.json', () => {
  const planJson = json('examples/plans/permits-2025.json') as Parameters<typeof definePlan>[0];
  const cases = json('examples/plans/permits-2025-cases.json') as { id: string; caseType: string; applied: string; decided: string | null }[];

  it('is a valid plan with a working-day tier, a mean target and a weighted group', () => {
    const plan = definePlan(planJson);
    expect(plan.targets.some((target) => target.tiers.some((tier) => tier.limit.unit === 'workingDays'))).toBe(true);
    expect(plan.targets.some((target) => target.aggregate === 'mean')).toBe(true);
    expect(plan.groups.some((group) => group.weight !== null && group.weight > 0)).toBe(true);
  });

  it('prints the report the command line prints for the plan file, and the library computes', async () => {
    const [script, viaCli] = await Promise.all([
      runs.custom,
      cli(['evaluate', '--plan', 'examples/plans/permits-2025.json', '--group-scoring', 'residence=mean-score', 'examples/plans/permits-2025-cases.json']),
    ]);
    expect(script.code, script.stderr).toBe(0);
    expect(viaCli.code, viaCli.stderr).toBe(0);
    const report = evaluatePlan(definePlan(planJson), cases, { groupScoring: { residence: 'mean-score' } });
    expect(viaCli.stdout).toBe(renderReport(report, { format: 'table' }));
    expect(script.stdout.startsWith(viaCli.stdout)).toBe(true);
    // Some weighted tiers are met and some not: the example shows both.
    expect(report.points.earned ?? 0).toBeGreaterThan(0);
    expect(report.points.earned ?? Infinity).toBeLessThan(report.points.possible ?? 0);
  });

  it('lists the visas decided in 2025 after more than 10 working days', async () => {
    const { stdout } = await runs.custom;
    const state = createCalendar({ closingDays: 'state' });
    const late = cases
      .filter((record) => record.caseType === 'visa' && record.decided !== null && record.decided.startsWith('2025'))
      .filter((record) => workingDaysBetween(record.applied, record.decided ?? '', state) > 10)
      .map((record) => `${record.id}: applied ${record.applied.slice(0, 10)}`);
    expect(late.length).toBeGreaterThan(0);
    const listed = stdout.split('\n').filter((line) => /^ {2}V-\d+: /.test(line));
    expect(listed.map((line) => line.trim().replace(/, due.*$/, ''))).toEqual(late);
  });
});

/** A well-formed XML document (elements, quoted attributes, escaped text): its elements in document order. */
function xmlElements(document: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const open: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let position = 0;
  for (let match = token.exec(document); match !== null; match = token.exec(document)) {
    position = token.lastIndex;
    const [, closing = '', name = '', attributes = '', selfClosing = '', content] = match;
    if (content !== undefined) {
      expect(content, 'unescaped & in text').not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    if (closing === '/') {
      expect(open.pop(), `</${name}> closes another element`).toBe(name);
      continue;
    }
    elements.push({ name, attributes: Object.fromEntries([...attributes.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, key = '', value = '']) => [key, value])) });
    if (selfClosing !== '/') open.push(name);
  }
  expect(position, 'the document is read to its end').toBe(document.length);
  expect(open, 'unclosed elements').toEqual([]);
  return elements;
}

// The notebook's outputs come from Deno's kernel: `npm run test:notebook` runs it there and compares them
// (test/notebook-tooling.test.ts tests that tooling). Here: what the saved outputs show.
describe('examples/notebook.ipynb', () => {
  interface NotebookCell {
    cell_type: string;
    id: string;
    source: string[];
    execution_count?: number | null;
    outputs?: { output_type: string; name?: string; text?: string[]; data?: Record<string, string[]>; execution_count?: number }[];
  }
  const notebook = JSON.parse(text('examples/notebook.ipynb')) as { cells: NotebookCell[]; metadata: Record<string, unknown>; nbformat: number };
  const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
  const cell = (id: string): NotebookCell => {
    const found = code.find((candidate) => candidate.id === id);
    expect(found, `code cell ${id}`).toBeDefined();
    return found as NotebookCell;
  };
  const outputData = (id: string, outputType: string, mediaType: string): string => {
    const output = cell(id).outputs?.find((candidate) => candidate.output_type === outputType);
    return output?.data?.[mediaType]?.join('') ?? '';
  };
  const report = evaluatePlan(getPlan('siri-2023'), siri2023, { period: '2023', groupScoring: SIRI_2023_RULES });

  it('is a notebook for the Deno kernel that imports the library as users do', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.metadata['kernelspec']).toEqual({ name: 'deno', display_name: 'Deno', language: 'typescript' });
    expect(notebook.metadata['language_info']).toMatchObject({ name: 'typescript' });
    expect(code.length).toBeGreaterThanOrEqual(4);
    // As from an installed package: examples/deno.json maps it to the build in a clone.
    expect(code[0]?.source.join('')).toContain("from 'servicemaal';");
    expect(code.flatMap((candidate) => candidate.source).join('')).not.toContain('npm:servicemaal');
    expect(notebook.cells.some((candidate) => candidate.cell_type === 'markdown')).toBe(true);
  });

  it('has the saved outputs of a run in order, in every code cell', () => {
    code.forEach((candidate, index) => {
      expect(candidate.outputs?.length, `outputs of code cell ${candidate.id}`).toBeGreaterThan(0);
      expect(candidate.execution_count).toBe(index + 1);
    });
  });

  it('shows the report as the library renders it, and the counts', () => {
    expect(outputData('evaluate', 'execute_result', 'text/markdown')).toBe(renderReport(report, { format: 'markdown' }));
    const counts = outputData('counts', 'execute_result', 'text/markdown');
    expect(counts).toContain(`| cases | ${report.counts.input} |`);
    expect(counts).toContain(`| contacts | ${report.contacts.counts.input} |`);
    expect(counts).toContain(`| observations | ${report.observations.counts.input} |`);
    expect(counts).not.toContain('✗');
    const loaded = cell('load').outputs?.[0]?.text?.join('') ?? '';
    expect(loaded).toBe(`${siri2023.cases.length} case records, ${siri2023.contacts.length} contacts, ${siri2023.observations.length} observations\n`);
  });

  it('charts every target: valid SVG, one group of bars per target, a bar per tier as long as its share', () => {
    const svg = outputData('chart', 'display_data', 'image/svg+xml');
    const elements = xmlElements(svg);
    expect(elements[0]).toMatchObject({ name: 'svg', attributes: { xmlns: 'http://www.w3.org/2000/svg' } });
    const groups = elements.filter((element) => element.name === 'g' && element.attributes['class'] === 'target');
    expect(groups.map((group) => group.attributes['data-target'])).toEqual(report.targets.map((target) => target.id));
    const bars = elements.filter((element) => element.name === 'rect' && element.attributes['class'] === 'bar');
    const tiers = report.targets.flatMap((target) => target.tiers.flatMap((tier) => (tier.kind === 'share' ? [tier] : [])));
    expect(bars).toHaveLength(tiers.length);
    bars.forEach((bar, index) => {
      const tier = tiers[index];
      expect(Number(bar.attributes['width'])).toBeCloseTo((tier?.share ?? 0) * 360, 1);
      expect(bar.attributes['fill']).toBe(tier?.met === true ? '#2e7d32' : '#c62828');
    });
  });
});
