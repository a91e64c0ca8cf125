/**
 * What the renderers write is safe to open: CSV cells from the records or the plan cannot become
 * spreadsheet formulas, and text output (tables, Markdown) shows control characters as visible
 * escapes, so an id cannot retitle the terminal or clear the screen. JSON stays exact JSON.
 */
import { describe, expect, it } from 'vitest';
import {
  definePlan,
  evaluatePlan,
  forecastPlan,
  pendingAt,
  renderForecast,
  renderHtml,
  renderInvalidCsv,
  renderPending,
  renderPlan,
  renderReport,
  type CaseRecord,
} from '../src/index.js';

/** The fields of one CSV line (no quoted separators in these tests). */
const fields = (line: string | undefined, separator = ','): string[] => (line ?? '').split(separator);

const plan = definePlan({
  id: 'inject-2025',
  title: 'Title \u001b]0;owned\u0007 with a bell',
  year: 2025,
  targets: [
    { id: 'visa', label: '=HYPERLINK("http://x.invalid","click")', caseTypes: ['visa'], tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.5 }] },
    { id: 'work', label: '@SUM(1+1)', caseTypes: ['work'], tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.5 }] },
  ],
});

const cases: CaseRecord[] = [
  { id: '=1+1', caseType: 'visa', applied: '2025-03-01', decided: '2025-03-05' },
  { id: '-5', caseType: 'visa', applied: '2025-03-01', decided: null },
  { id: '+7', caseType: 'visa', applied: '2025-02-30', decided: null },
  { id: '\tTAB', caseType: 'work', applied: '2025-03-01', decided: null },
  { id: '\rCR', caseType: 'work', applied: '2025-03-01', decided: null },
  { id: 'A\u001b[2J\u001b[HB', caseType: 'visa', applied: '2025-03-01', decided: null },
  { id: 'two\nlines', caseType: 'visa', applied: '2025-03-01', decided: null },
];

describe('CSV cells', () => {
  it('neutralise text that begins with =, +, -, @, a tab or a carriage return', () => {
    const report = evaluatePlan(plan, cases);
    const csv = renderReport(report, { format: 'csv' });
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.invalid"",""click"")",`);
    expect(fields(csv.split('\n')[2])[4]).toBe("'@SUM(1+1)");
    const invalid = renderInvalidCsv(report.invalid);
    expect(fields(invalid.split('\n')[1])[2]).toBe("'+7");

    const pending = renderPending(pendingAt(plan, cases, { asOf: '2025-03-10' }), { format: 'csv' });
    const ids = pending.split('\n').slice(1, -1).map((line) => line.startsWith('"') ? line.slice(0, line.indexOf('",') + 1) : fields(line)[1]);
    expect(ids).toEqual(expect.arrayContaining(["'-5", "'\tTAB", `"'\rCR"`]));
    expect(pending).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('keep numbers the library writes as numbers, negative ones too', () => {
    const pending = pendingAt(plan, [{ id: 'old', caseType: 'visa', applied: '2025-01-01', decided: null }], { asOf: '2025-03-10' });
    const row = fields(renderPending(pending, { format: 'csv' }).split('\n')[1]);
    // days_remaining: due 11 January, 58 days before the as-of date
    expect(row[9]).toBe('-58');
    const forecast = forecastPlan(plan, cases, { asOf: '2025-03-10' });
    const forecastRow = renderForecast(forecast, { format: 'csv' }).split('\n')[1] ?? '';
    expect(forecastRow).toContain(`,"'=HYPERLINK(`);
    expect(forecastRow.split('")",')[1]).not.toContain("'");
    const csvPlan = renderPlan(plan, { format: 'csv', locale: 'da' });
    expect(fields(csvPlan.split('\n')[1], ';')[13]).toBe('0,5');
  });
});

describe('text output', () => {
  const report = evaluatePlan(plan, cases);
  const pending = pendingAt(plan, cases, { asOf: '2025-03-10' });

  it.each(['table', 'markdown'] as const)('shows control characters as escapes in %s', (format) => {
    for (const text of [renderReport(report, { format }), renderPending(pending, { format }), renderPlan(plan, { format }), renderForecast(forecastPlan(plan, cases, { asOf: '2025-03-10' }), { format })]) {
      // Nothing but line breaks between lines: no ESC, BEL, tab or carriage return.
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect(renderReport(report, { format })).toContain(format === 'markdown' ? 'Title \\\\u001b\\]0;owned\\\\u0007 with a bell' : 'Title \\u001b]0;owned\\u0007 with a bell');
    const list = renderPending(pending, { format });
    expect(list).toContain(format === 'markdown' ? 'A\\\\u001b\\[2J\\\\u001b\\[HB' : 'A\\u001b[2J\\u001b[HB');
    expect(list).toContain(format === 'markdown' ? 'two\\\\nlines' : 'two\\nlines');
    expect(list).toContain(format === 'markdown' ? '\\\\tTAB' : '\\tTAB');
  });

  it('keeps the lines of a table aligned when a cell holds a line break', () => {
    const lines = renderPending(pending, { format: 'table' }).split('\n');
    const header = lines.findIndex((line) => line.startsWith('case '));
    const table = lines.slice(header, lines.indexOf('', header));
    expect(table.length).toBeGreaterThan(5);
    expect(new Set(table.map((line) => line.trimEnd().length <= (table[1] ?? '').length))).toEqual(new Set([true]));
    expect(table.some((line) => line.startsWith('two\\nlines '))).toBe(true);
  });

  it('leaves JSON exact and HTML escaped as HTML', () => {
    expect((JSON.parse(JSON.stringify(pending)) as typeof pending).cases.map((entry) => entry.id)).toContain('A\u001b[2J\u001b[HB');
    const html = renderHtml(report);
    expect(html).toContain('=HYPERLINK(&quot;http://x.invalid&quot;,&quot;click&quot;)');
  });
});
