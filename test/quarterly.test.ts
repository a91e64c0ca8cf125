import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';
import {
  definePlan,
  estimateInflow,
  evaluatePlan,
  getPlan,
  quarterlyDocument,
  quarterlyReport,
  renderDocumentCsv,
  renderDocumentText,
  type DocumentBlock,
  type QuarterlyReport,
  type ReportDocument,
} from '../src/index.js';

const siri2023 = getPlan('siri-2023');
const siri2024 = getPlan('siri-2024');

/** `count` cases of a type applied on `applied` and decided on `decided` (`null`: still open). */
const many = (prefix: string, count: number, caseType: string, applied: string, decided: string | null = null) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i)}`, caseType, applied, ...(decided === null ? {} : { decided }) }));

const inflowOf = (estimates: ReturnType<typeof estimateInflow>, id: string) => estimates.find((entry) => entry.targetId === id);

describe('estimateInflow', () => {
  // 2022 Fast-track: one case before the window (the data reaches back), 3 applied after
  // 30 September 2022 and decided in 2022, 1 decided in 2023, 1 applied on 30 September itself.
  const lastYear = [
    ...many('p', 1, 'fast-track', '2022-09-01', '2022-09-20'),
    ...many('w', 3, 'fast-track', '2022-10-01', '2022-10-20'),
    ...many('n', 1, 'fast-track', '2022-12-15', '2023-01-10'),
    ...many('s', 1, 'fast-track', '2022-09-30', '2022-10-05'),
    // Landbrug: 2 in the window, 1 of them never decided
    ...many('l', 1, 'landbrug', '2022-11-01', '2022-11-05'),
    ...many('lo', 1, 'landbrug', '2022-11-01'),
  ];

  it('counts the same stretch of the previous year when the data reaches back a year', () => {
    const estimates = estimateInflow(siri2023, lastYear, { asOf: '2023-09-30' });
    // applied 1 October to 31 December 2022 and decided by 31 December 2022
    expect(inflowOf(estimates, 'fast-track')).toEqual({ targetId: 'fast-track', method: 'previousYear', cases: 3, observed: 3, from: '2022-10-01', to: '2022-12-31', weeks: null, daysLeft: 92 });
    expect(inflowOf(estimates, 'landbrug')).toMatchObject({ method: 'previousYear', cases: 1 });
    // the business area (Beløbsordningen …) has no case in the window
    expect(inflowOf(estimates, 'beloebsordning')).toMatchObject({ method: 'previousYear', cases: 0 });
    // every case target, none of the waiting-time targets
    expect(estimates.map((entry) => entry.targetId)).not.toContain('telefon');
  });

  it('carries the weekly rate of the last weeks over the days left when the data is younger than a year', () => {
    // the data starts 2 October 2022, the day after the window's first: not a year back
    const young = lastYear.filter((entry) => entry.applied >= '2022-10-02');
    const recent = [...young, ...many('r', 6, 'fast-track', '2023-09-01'), ...many('o', 2, 'fast-track', '2023-07-01')];
    // 6 applications from 6 August to 30 September (8 weeks): 6 / 8 × 92 / 7 = 9.86, so 10
    expect(inflowOf(estimateInflow(siri2023, recent, { asOf: '2023-09-30' }), 'fast-track')).toEqual({
      targetId: 'fast-track',
      method: 'recentRate',
      cases: 10,
      observed: 6,
      from: '2023-08-06',
      to: '2023-09-30',
      weeks: 8,
      daysLeft: 92,
    });
    // 4 weeks from 3 September: none of them; 2 weeks: none
    expect(inflowOf(estimateInflow(siri2023, recent, { asOf: '2023-09-30', weeks: 4 }), 'fast-track')).toMatchObject({ cases: 0, observed: 0, from: '2023-09-03' });
  });

  it('takes the inflow given: a number, a number per target (the others estimated), or none', () => {
    expect(estimateInflow(siri2023, lastYear, { asOf: '2023-09-30', inflow: 40 }).every((entry) => entry.method === 'given' && entry.cases === 40)).toBe(true);
    const some = estimateInflow(siri2023, lastYear, { asOf: '2023-09-30', inflow: { landbrug: 12 } });
    expect(inflowOf(some, 'landbrug')).toMatchObject({ method: 'given', cases: 12, observed: null });
    expect(inflowOf(some, 'fast-track')).toMatchObject({ method: 'previousYear', cases: 3 });
    expect(estimateInflow(siri2023, lastYear, { asOf: '2023-09-30', inflow: 'none' }).every((entry) => entry.method === 'none' && entry.cases === 0)).toBe(true);
  });

  it('expects nothing on the last day of the period', () => {
    expect(inflowOf(estimateInflow(siri2023, lastYear, { asOf: '2023-12-31' }), 'fast-track')).toMatchObject({ method: 'ended', cases: 0, daysLeft: 0 });
  });

  it('goes back to 28 February from 29 February', () => {
    // as of 29 February 2024, the previous year's stretch starts on 1 March 2023
    const cases = [...many('p', 1, 'fast-track', '2023-01-01', '2023-01-05'), ...many('f', 1, 'fast-track', '2023-02-28', '2023-03-02'), ...many('m', 1, 'fast-track', '2023-03-01', '2023-03-02')];
    expect(inflowOf(estimateInflow(siri2024, cases, { asOf: '2024-02-29' }), 'fast-track')).toMatchObject({ method: 'previousYear', cases: 1, from: '2023-03-01', to: '2023-12-31' });
  });

  it('rejects an inflow that is not a whole number ≥ 0, and weeks outside 1–52, naming the option', () => {
    expect(thrown(() => estimateInflow(siri2023, [], { asOf: '2023-09-30', inflow: -1 })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['inflow'] });
    expect(thrown(() => estimateInflow(siri2023, [], { asOf: '2023-09-30', inflow: { eu: 1.5 } })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['inflow'] });
    expect(thrown(() => estimateInflow(siri2023, [], { asOf: '2023-09-30', weeks: 0 })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['weeks'] });
    expect(thrown(() => estimateInflow(siri2023, [], { asOf: '2024-01-01' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['asOf'] });
  });
});

describe('quarterlyReport on hand-made cases', () => {
  const cases = [
    // Fast-track: Q1 2 of 2 in time; Q2 1 of 2; September 1 in time
    ...many('a', 2, 'fast-track', '2023-01-10', '2023-01-20'),
    ...many('b', 1, 'fast-track', '2023-04-01', '2023-04-10'),
    ...many('c', 1, 'fast-track', '2023-04-01', '2023-06-01'),
    ...many('d', 1, 'fast-track', '2023-09-01', '2023-09-05'),
    // decided after the as-of date: open on 30 September, overdue (due 2 September)
    ...many('e', 1, 'fast-track', '2023-08-02', '2023-10-20'),
    // open, due 10 October: at risk within 14 days
    ...many('f', 1, 'fast-track', '2023-09-09'),
  ];
  const report = quarterlyReport(siri2023, cases, { asOf: '2023-09-30', inflow: { 'fast-track': 4 } });
  const fastTrack = (period: QuarterlyReport['quarters'][number] | undefined) => period?.targets.find((target) => target.id === 'fast-track')?.tiers[0];

  it('gives each quarter and month begun by the as-of date, with the shares of that period alone', () => {
    expect(report.quarters.map((quarter) => [quarter.from, quarter.to, quarter.complete])).toEqual([
      ['2023-01-01', '2023-03-31', true],
      ['2023-04-01', '2023-06-30', true],
      ['2023-07-01', '2023-09-30', true],
    ]);
    expect(report.quarters.map((quarter) => fastTrack(quarter))).toEqual([
      { measured: 2, within: 2, share: 1, mean: null, met: true },
      { measured: 2, within: 1, share: 0.5, mean: null, met: false },
      { measured: 1, within: 1, share: 1, mean: null, met: true },
    ]);
    expect(report.months.map((month) => fastTrack(month)?.measured)).toEqual([2, 0, 0, 1, 0, 1, 0, 0, 1]);
    // a quarter is what evaluatePlan gives for it
    const q2 = evaluatePlan(siri2023, cases, { period: '2023-Q2' }).targets[0]?.tiers[0];
    expect(q2).toMatchObject({ measured: 2, within: 1 });
  });

  it('cuts the quarter and month under way at the as-of date, and counts nothing decided after it', () => {
    const midMonth = quarterlyReport(siri2023, cases, { asOf: '2023-08-15' });
    expect(midMonth.quarters.at(-1)).toMatchObject({ number: 3, from: '2023-07-01', to: '2023-08-15', complete: false });
    expect(midMonth.months.at(-1)).toMatchObject({ number: 8, from: '2023-08-01', to: '2023-08-15', complete: false });
    expect(midMonth.yearToDate.period).toMatchObject({ from: '2023-01-01', to: '2023-08-15' });
    // a0, a1, b0 and c0; d0 is decided on 5 September
    expect(midMonth.yearToDate.targets[0]?.tiers[0]?.measured).toBe(4);
  });

  it('forecasts with the inflow given and says so', () => {
    expect(report.inflow.find((entry) => entry.targetId === 'fast-track')).toMatchObject({ method: 'given', cases: 4 });
    // W 4, D 5, O 1 (e), R 1 (f), n 4: lower 4/11, upper 9/10
    expect(report.forecast.targets[0]?.tiers[0]).toMatchObject({ inflow: 4, lower: 4 / 11, upper: 0.9, status: 'open' });
  });

  it('lists the open cases due within the at-risk days or overdue, soonest first', () => {
    expect(report.atRisk.days).toBe(14);
    expect(report.atRisk.cases.map((entry) => [entry.id, entry.dueDate, entry.daysRemaining, entry.overdue])).toEqual([
      ['e0', '2023-09-02', -28, true],
      ['f0', '2023-10-10', 10, false],
    ]);
    expect(report.atRisk.tiers[0]).toEqual({ targetId: 'fast-track', tier: 0, limit: { amount: 31, unit: 'days' }, open: 2, overdue: 1, dueSoon: 1 });
    // with 7 days, f0 (10 days left) is not at risk
    expect(quarterlyReport(siri2023, cases, { asOf: '2023-09-30', atRiskDays: 7 }).atRisk.cases.map((entry) => entry.id)).toEqual(['e0']);
  });

  it('has the backlog and the processing times of the period so far', () => {
    // 7 applied, 5 decided by 30 September, 2 pending
    expect(report.backlog.total).toMatchObject({ pendingStart: 0, incoming: 7, decided: 5, pendingEnd: 2 });
    expect(report.backlog.period).toMatchObject({ from: '2023-01-01', to: '2023-09-30' });
    // 10, 10, 9, 61 and 4 days
    expect(report.processingTimes[0]).toEqual({ targetId: 'fast-track', unit: 'days', count: 5, mean: 18.8, median: 10, p90: 61 });
  });

  it('states the scoring rule of each group', () => {
    const scored = quarterlyReport(siri2023, cases, { asOf: '2023-09-30', groupScoring: { '1.1': 'share-of-tiers', '1.2': () => 1 } });
    expect(scored.points.groups.map((group) => [group.id, group.rule])).toEqual([
      ['1.1', 'share-of-tiers'],
      ['1.2', 'custom'],
    ]);
  });

  it('is plain data: JSON gives it back unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('rejects at-risk days that are not a whole number ≥ 0, and an as-of date outside the period', () => {
    expect(thrown(() => quarterlyReport(siri2023, [], { asOf: '2023-09-30', atRiskDays: -1 })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['atRiskDays'] });
    expect(thrown(() => quarterlyReport(siri2023, [], { asOf: '2022-12-31' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['asOf'] });
  });

  it('follows a plan period that is not a calendar year', () => {
    const plan = definePlan({ id: 'fy', title: 'Fiscal', period: { from: '2023-07-01', to: '2024-06-30' }, targets: [{ id: 'x', label: 'X', caseTypes: ['x'], tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8 }] }] });
    const fiscal = quarterlyReport(plan, many('x', 1, 'x', '2023-12-01', '2023-12-05'), { asOf: '2024-01-15' });
    expect(fiscal.quarters.map((quarter) => [quarter.year, quarter.number])).toEqual([
      [2023, 3],
      [2023, 4],
      [2024, 1],
    ]);
    expect(fiscal.months.map((month) => month.number)).toEqual([7, 8, 9, 10, 11, 12, 1]);
  });
});

describe('the quarterly report of the bundled data as of 30 September 2023', () => {
  const cases = JSON.parse(readFileSync(new URL('../examples/data/siri-2023-cases.json', import.meta.url), 'utf8')) as unknown[];
  const report = quarterlyReport(siri2023, cases, { asOf: '2023-09-30', groupScoring: { '1.1': 'share-of-tiers', '1.2': 'mean-score' } });
  const landbrug = report.forecast.targets.find((target) => target.id === 'landbrug')?.tiers[0];

  it('keeps Landbrug open, with the inflow it used estimated from the same quarter of 2022', () => {
    expect(landbrug?.status).toBe('open');
    const inflow = report.inflow.find((entry) => entry.targetId === 'landbrug');
    expect(inflow).toEqual({ targetId: 'landbrug', method: 'previousYear', cases: 70, observed: 70, from: '2022-10-01', to: '2022-12-31', weeks: null, daysLeft: 92 });
    expect(landbrug?.inflow).toBe(70);
    // with 70 more cases the best case reaches 85 %: (255 + 36 + 70) / (308 + 36 + 70) = 87.2 %
    expect(landbrug?.upper).toBeCloseTo(361 / 414, 12);
  });

  it('says so in the Danish document: the status, the inflow and how it was found', () => {
    const document = quarterlyDocument(report, { language: 'da' });
    const text = renderDocumentText(document, { format: 'table' });
    const row = text.split('\n').find((line) => line.startsWith('Landbrug 1. gang') && line.includes('samme periode sidste år'));
    expect(row).toContain('○ åben');
    expect(row).toContain('samme periode sidste år: 70 sager indgivet 1. oktober 2022 til 31. december 2022');
  });
});

/** Every table of a document. */
const tables = (document: ReportDocument) =>
  document.sections.flatMap((section) => section.blocks.filter((block): block is Extract<DocumentBlock, { kind: 'table' }> => block.kind === 'table'));

describe('quarterlyDocument', () => {
  const cases = [...many('a', 3, 'fast-track', '2023-02-01', '2023-02-10'), ...many('b', 1, 'fast-track', '2023-08-20'), ...many('c', 2, 'eu', '2023-05-01', '2023-05-01')];
  const report = quarterlyReport(siri2023, cases, { asOf: '2023-09-30' });
  const provenance = { inputs: [{ file: 'sager.csv', input: 'cases' as const, rows: 6, sha256: 'ab'.repeat(32) }], mapping: 'id=sagsnr', caseTypeMap: null, version: '9.9.9' };
  const en = quarterlyDocument(report, { language: 'en', provenance });
  const da = quarterlyDocument(report, { language: 'da', provenance });

  it('has the same sections, tables and column keys in both languages, with the words of each', () => {
    expect(da.sections.map((section) => section.id)).toEqual(en.sections.map((section) => section.id));
    expect(tables(da).map((table) => [table.id, table.columns.map((column) => column.key)])).toEqual(tables(en).map((table) => [table.id, table.columns.map((column) => column.key)]));
    expect(en.sections.map((section) => section.title)).toContain('Expected result at year end');
    expect(da.sections.map((section) => section.title)).toContain('Forventet målopfyldelse ved årets udgang');
    expect(da.sections.map((section) => section.title)).toContain('Sager i risiko');
    expect(da.subtitle).toBe('1. januar 2023 til 31. december 2023, opgjort pr. 30. september 2023');
    expect(en.subtitle).toBe('1 January 2023 to 31 December 2023, as of 30 September 2023');
  });

  it('names targets by their labels and draws a trend per tier by month and by quarter with the year-end band', () => {
    const section = da.sections.find((candidate) => candidate.id === 'target-fast-track');
    expect(section?.title).toBe('Fast-track 1. gang');
    const charts = section?.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : [])) ?? [];
    expect(charts.map((chart) => chart.id)).toEqual(['fast-track.0.months', 'fast-track.0.quarters']);
    const [months] = charts;
    if (months?.kind !== 'trend') throw new Error('expected a trend chart');
    expect(months.title).toBe('Fast-track 1. gang, ≤ 31 dage: andel pr. måned');
    expect(months.required).toBe(0.85);
    expect(months.points.map((point) => point.label).slice(0, 2)).toEqual(['januar 2023', 'februar 2023']);
    expect(months.points[1]).toEqual({ label: 'februar 2023', share: 1, count: 3 });
    expect(months.band).toMatchObject({ label: 'Årets udgang' });
  });

  it('keeps figures as numbers and states the provenance and every assumption', () => {
    const forecast = tables(en).find((table) => table.id === 'forecast');
    const rows = forecast === undefined || !Array.isArray(forecast.rows) ? [] : (forecast.rows as readonly (readonly { kind: string }[])[]);
    expect(rows[0]?.[2]).toEqual({ kind: 'share', value: 1 });
    const csv = renderDocumentCsv(en);
    expect(csv).toContain(`sager.csv,cases,6,${'ab'.repeat(32)}`);
    const notes = da.sections.find((section) => section.id === 'notes')?.blocks[0];
    expect(notes?.kind === 'notes' ? notes.items.length : 0).toBeGreaterThanOrEqual(8);
    expect(renderDocumentText(da, { format: 'markdown' })).toContain('servicemaal-version: 9.9.9');
  });

  it('gives the same bytes for the same report', () => {
    expect(renderDocumentCsv(quarterlyDocument(report, { language: 'da', provenance }), { bom: true })).toBe(renderDocumentCsv(da, { bom: true }));
  });
});
