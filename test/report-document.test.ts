/**
 * The document of a plan's report: every word in the document's language (the catalogues hold the
 * same keys and parameters in English and Danish, and a Danish report shows none of the English
 * words), the same figures in the text and the CSV of one document, charts only where something
 * was measured, and the problems of records written in Danish.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateInputs,
  definePlan,
  evaluatePlan,
  getPlan,
  placeProblem,
  problemMessage,
  renderDocumentCsv,
  renderDocumentText,
  renderInvalidCsv,
  renderReport,
  reportDocument,
  reportFromAggregate,
  REPORT_CSV_COLUMNS,
  type Chart,
  type InvalidRecord,
  type PlanAggregate,
  type ReportDocument,
} from '../src/index.js';
import { catalogueKeys } from '../src/messages/catalogue.js';
import { en } from '../src/messages/en.js';
import { da } from '../src/messages/da.js';

const json = (name: string): unknown[] => JSON.parse(readFileSync(new URL(`../examples/data/${name}`, import.meta.url), 'utf8')) as unknown[];

/** SIRI 2023 on the example data, with problems of several kinds, duplicates and records without a target. */
const extra = [
  { id: 'X1', caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-10' },
  { id: 'X2', caseType: 'fast-track', applied: '2023-03-10', decided: '2023-03-01' },
  { id: 'X3', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10', colour: 'rød' },
  { id: 'X3', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10' },
  { id: 'X4', caseType: 'fast-track', applied: 20230301, decided: '2023-03-10' },
];
const aggregate = aggregateInputs(
  getPlan('siri-2023'),
  { cases: [...json('siri-2023-cases.json'), ...extra], contacts: json('siri-2023-contacts.json'), observations: json('siri-2023-observations.json') },
  { period: '2023' },
);
const siri = reportFromAggregate(getPlan('siri-2023'), aggregate, { groupScoring: { '1.1': 'share-of-tiers' } });

/** The `{name}` parameters of a catalogue entry, sorted. */
const paramsOf = (template: string): string[] => [...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((match) => match[1] ?? '').sort();

describe('the message catalogues', () => {
  it('hold the same keys in English and Danish, with the same parameters', () => {
    const keys = catalogueKeys();
    expect([...(keys.get('da') ?? [])].sort()).toEqual([...(keys.get('en') ?? [])].sort());
    const english: Readonly<Record<string, string>> = en;
    const danish: Readonly<Record<string, string>> = da;
    const differing = Object.keys(english).filter((key) => paramsOf(english[key] ?? '').join() !== paramsOf(danish[key] ?? '').join());
    expect(differing).toEqual([]);
  });
});

/**
 * The words of the English catalogue that a Danish document must not show: the text between the
 * parameters of every entry whose Danish differs, of at least four characters with a letter,
 * leaving out what the plan's or the records' own words hold (a label, a scope such as
 * `applicationKind = first`).
 */
function englishOnly(own: string): string[] {
  const english: Readonly<Record<string, string>> = en;
  const danish: Readonly<Record<string, string>> = da;
  const fragments = new Set<string>();
  for (const [key, template] of Object.entries(english)) {
    if (danish[key] === template) continue;
    for (const piece of template.split(/\{[a-zA-Z]+\}/)) {
      const words = piece.trim().replace(/^[.,:;()]+|[.,:;()]+$/g, '').trim();
      // A name in camelCase (`withoutTarget`) is a field or an option, the same in every language.
      const code = /^[a-z]+[A-Z][A-Za-z]*$/.test(words);
      if (words.length >= 4 && /\p{L}/u.test(words) && !code && !own.includes(words) && !(danish[key] ?? '').includes(words)) fragments.add(words);
    }
  }
  // Words that are Danish too: "centre" is the plural of "center".
  for (const both of ['centre']) fragments.delete(both);
  return [...fragments];
}

/** Where a fragment stands as whole words in a text (not inside `invalid_date` or a longer word). */
const standsIn = (text: string, words: string): boolean => new RegExp(`(?<![\\p{L}_])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}_])`, 'u').test(text);

describe('a Danish report', () => {
  // The plan's own words that the report shows, and the records.
  const own = JSON.stringify([siri.plan, siri.targets.map((target) => [target.label, target.where, target.clock]), siri.groups, siri.requirements, siri.notEvaluable, extra]);
  const fragments = englishOnly(own);

  it('has English words to look for', () => {
    expect(fragments.length).toBeGreaterThan(100);
    expect(fragments).toContain('Targets');
    expect(fragments).toContain('not met');
  });

  it('shows none of the English words of the catalogue, in the terminal table, Markdown and the CSV headers', () => {
    const text = renderReport(siri, { format: 'table', locale: 'da' });
    const markdown = renderReport(siri, { format: 'markdown', locale: 'da' });
    const csvHeaders = renderReport(siri, { format: 'csv', locale: 'da' })
      .split('\n')
      .filter((line, index, lines) => index === 0 || lines[index - 1] === '')
      .join('\n');
    // what the English report shows, so that the check can fail
    const english = renderReport(siri, { format: 'table' });
    expect(fragments.filter((words) => standsIn(english, words)).length).toBeGreaterThan(40);
    for (const output of [text, markdown, csvHeaders]) expect(fragments.filter((words) => standsIn(output, words))).toEqual([]);
  });

  it('writes the problems of records in Danish, placed in memory or in a file', () => {
    const messages = siri.invalid.map((problem) => problemMessage(problem, 'da'));
    expect(messages.some((line) => /^post \d+ \(id X1\): applied "2023-02-29" er ikke en dato i kalenderen$/.test(line))).toBe(true);
    expect(messages.some((line) => line.endsWith('decided er før ansøgningsdatoen'))).toBe(true);
    expect(messages.some((line) => line.includes('colour er ikke et felt i en post (forventet '))).toBe(true);
    expect(messages.some((line) => line.includes('id er gentaget: den første post med det er post '))).toBe(true);
    expect(messages.some((line) => line.includes('applied skal være en dato som tekst (ÅÅÅÅ-MM-DD eller et ISO-tidsstempel) eller et Date-objekt, men er et tal'))).toBe(true);
    const placed = placeProblem(siri.invalid.find((problem) => problem.id === 'X1') as InvalidRecord, { file: 'sager.csv', line: 12, columns: { applied: 'Modtaget' } });
    expect(problemMessage(placed, 'da')).toBe('sager.csv:12 (id X1): applied "2023-02-29" er ikke en dato i kalenderen');
    expect(problemMessage(placed, 'en')).toBe(placed.message);
  });

  it('writes a problem in Danish after its aggregate was saved and read back', () => {
    const saved = JSON.parse(JSON.stringify(aggregate)) as PlanAggregate;
    const again = reportFromAggregate(getPlan('siri-2023'), saved);
    expect(again.invalid.map((problem) => problemMessage(problem, 'da'))).toEqual(siri.invalid.map((problem) => problemMessage(problem, 'da')));
  });

  it('writes the invalid records CSV with a Danish header and Danish messages', () => {
    const [header, first] = renderInvalidCsv(siri.invalid, { locale: 'da', omitted: 3 }).split('\n');
    expect(header).toBe('kilde;nummer;id;felt;kode;meddelelse;fil;linje;kolonne;værdi');
    expect(first).toContain(';invalid_date;');
    expect(first).toContain('er ikke en dato i kalenderen');
    expect(renderInvalidCsv([], { locale: 'da', omitted: 3 }).split('\n')[1]).toBe(';;;;;3 problemer mere, ikke vist;;;;');
  });
});

/** The cells of a Markdown table row. */
const cells = (line: string): string[] => line.slice(2, -2).split(' | ');

/** A share as the text shows it (`85,3 %`) as a number (0.853). */
const shareOf = (text: string): number => Number(text.replace(' %', '').replace('.', '').replace(',', '.')) / 100;

/** A count as the text shows it (`12.345`) as a number. */
const countOf = (text: string): number => Number(text.replace(/\./g, ''));

/** The rows of the targets table of a Danish Markdown text and the first table of its CSV, side by side. */
function bothTables(document: ReportDocument): { text: string[][]; csv: string[][] } {
  const lines = renderDocumentText(document, { format: 'markdown' }).split('\n');
  const start = lines.findIndex((line) => line.startsWith('| mål | grænse |'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  const text = lines.slice(start + 2, end).map(cells);
  const csv = renderDocumentCsv(document).split('\n\n')[0]?.split('\n').slice(1).map((line) => line.split(';')) ?? [];
  return { text, csv };
}

describe('the text and the CSV of one document', () => {
  const plan = definePlan({
    id: 'afstemning',
    title: 'Afstemning',
    year: 2023,
    targets: [
      { id: 'visum', label: 'Visum', caseTypes: ['visum'], tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.855 }, { limit: { amount: 40, unit: 'days' }, required: 0.9 }] },
      { id: 'ophold', label: 'Ophold', caseTypes: ['ophold'], tiers: [{ limit: { amount: 5, unit: 'workingDays' }, required: 0.5 }] },
    ],
  });
  const recordsArb = fc.array(
    fc.record({ caseType: fc.constantFrom('visum', 'ophold'), applied: fc.integer({ min: 0, max: 300 }), elapsed: fc.integer({ min: 0, max: 60 }) }),
    { maxLength: 400 },
  );
  const iso = (day: number): string => new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);

  it('show the same measured, within, share and required share for every tier', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const cases = records.map((record, index) => ({ id: `S${String(index)}`, caseType: record.caseType, applied: iso(record.applied), decided: iso(record.applied + record.elapsed) }));
        const { text, csv } = bothTables(reportDocument(evaluatePlan(plan, cases, { period: '2023' }), { language: 'da' }));
        expect(text).toHaveLength(csv.length);
        text.forEach((row, index) => {
          const data = csv[index] ?? [];
          const column = (key: (typeof REPORT_CSV_COLUMNS)[number]): string => data[REPORT_CSV_COLUMNS.indexOf(key)] ?? '';
          expect(countOf(row[2] ?? '')).toBe(Number(column('measured')));
          expect(countOf(row[3] ?? '')).toBe(Number(column('within')));
          if (column('share') === '') expect(row[4]).toBe('–');
          else expect(shareOf(row[4] ?? '')).toBeCloseTo(Number(column('share').replace(',', '.')), 10);
          expect(shareOf(row[5] ?? '')).toBeCloseTo(Number(column('required').replace(',', '.')), 10);
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('reportDocument', () => {
  const charts = (document: ReportDocument): Chart[] => document.sections.flatMap((section) => section.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : [])));

  it('draws a bar only for a tier with something measured, and says in its row why a target is unscored', () => {
    const report = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }], { period: '2023' });
    const document = reportDocument(report, { language: 'en' });
    const bars = charts(document).flatMap((chart) => (chart.kind === 'bars' ? chart.bars : []));
    expect(bars.map((bar) => [bar.target, bar.tier, bar.label, bar.status])).toEqual([['fast-track', 1, 'Fast-track 1. gang ≤ 31 days', 'met']]);
    expect(renderDocumentText(document, { format: 'markdown' })).toContain('| Landbrug 1. gang | ≤ 31 days | 0 | 0 | – | 85 % | – unscored: nothing measured | – | – |');
  });

  it('adds a cumulative chart per case or contact target with something measured, given the aggregate', () => {
    const document = reportDocument(siri, { language: 'da', aggregate });
    const cumulative = charts(document).filter((chart) => chart.kind === 'cumulative');
    const measured = siri.targets.filter((target) => target.input !== 'observations' && target.measured > 0).map((target) => target.id);
    expect(cumulative.map((chart) => chart.target)).toEqual(measured);
    const fastTrack = cumulative.find((chart) => chart.target === 'fast-track');
    const tier = siri.targets.find((target) => target.id === 'fast-track')?.tiers[0];
    // the curve at the limit is the tier's share
    const at31 = fastTrack?.steps.filter((step) => step.value <= 31).at(-1)?.share;
    expect(at31).toBeCloseTo(tier?.kind === 'share' ? (tier.share ?? -1) : -1, 12);
    expect(fastTrack?.limits[0]?.label).toBe('≤ 31 dage: 87,3 %');
    expect(charts(reportDocument(siri, { language: 'da' })).some((chart) => chart.kind === 'cumulative')).toBe(false);
  });

  it('puts the per-tier table for programs first in the CSV, with the ids, and keeps it out of the text', () => {
    const document = reportDocument(siri, { language: 'en' });
    const csv = renderDocumentCsv(document);
    expect(csv.split('\n')[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(csv).toContain('\n\ninput,records,measured,pending,unanswered,not_working_day,out_of_period,without_target,invalid\ncases,');
    expect(csv).toContain('\n\ncode,records\n');
    expect(renderDocumentText(document, { format: 'table' })).not.toContain('period_from');
    expect(renderDocumentCsv(document, { bom: true }).startsWith('\uFEFFplan,')).toBe(true);
  });

  it('builds the same document from the same report', () => {
    expect(renderDocumentCsv(reportDocument(siri, { language: 'da', aggregate }))).toBe(renderDocumentCsv(reportDocument(siri, { language: 'da', aggregate })));
    expect(JSON.stringify(reportDocument(siri, { language: 'da', aggregate }))).toBe(JSON.stringify(reportDocument(siri, { language: 'da', aggregate })));
  });
});
