/**
 * The HTML report: its elements read from the string, and the same document opened in headless
 * Chromium (the DOM it builds, and a screenshot kept in test-artifacts/html-report.png).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getPlan } from '../src/index.js';
import { aggregateInputs, reportFromAggregate, type PlanReport } from '../src/evaluate/index.js';
import { renderHtml } from '../src/render/index.js';
import { chromium, chromiumSkipNotice, expectChromiumUnderCi, runChromium } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (name: string): unknown[] => JSON.parse(readFileSync(join(root, 'examples', 'data', name), 'utf8')) as unknown[];

const plan = getPlan('siri-2023');
const aggregate = aggregateInputs(plan, {
  cases: load('siri-2023-cases.json'),
  contacts: load('siri-2023-contacts.json'),
  observations: load('siri-2023-observations.json'),
});
const report = reportFromAggregate(plan, aggregate);
const html = renderHtml(report, { aggregate });

/** The elements the document must hold, from the report. */
const shareTiers = report.targets.flatMap((target) => target.tiers.filter((tier) => tier.kind === 'share'));
const charted = report.targets.filter((target) => target.input !== 'observations');
const expected = {
  shareBars: shareTiers.filter((tier) => tier.share !== null).length,
  requiredMarks: shareTiers.length,
  cumulative: charted.length,
  limitMarks: charted.reduce((sum, target) => sum + target.tiers.length, 0),
};

/** Counts and contents of the chart elements in an HTML or DOM text. */
function elementsOf(text: string): { shareBars: number; requiredMarks: number; cumulative: number; limitMarks: number; polylines: string[]; targets: string[] } {
  const count = (pattern: RegExp): number => (text.match(pattern) ?? []).length;
  return {
    shareBars: count(/<rect\b[^>]*class="share-bar\b[^"]*"[^>]*>/g),
    requiredMarks: count(/<line\b[^>]*class="required-mark\b[^"]*"/g),
    cumulative: count(/<svg\b[^>]*class="cumulative"/g),
    limitMarks: count(/<line\b[^>]*class="limit-mark\b[^"]*"/g),
    polylines: [...text.matchAll(/<polyline\b[^>]*class="cumulative-line"[^>]*points="([^"]*)"/g)].map((match) => match[1] ?? ''),
    targets: [...text.matchAll(/<svg\b[^>]*class="cumulative" data-target="([^"]*)"/g)].map((match) => match[1] ?? ''),
  };
}

function checkElements(text: string): void {
  const found = elementsOf(text);
  expect(found.shareBars).toBe(expected.shareBars);
  expect(found.requiredMarks).toBe(expected.requiredMarks);
  expect(found.cumulative).toBe(expected.cumulative);
  expect(found.limitMarks).toBe(expected.limitMarks);
  expect(found.targets).toEqual(charted.map((target) => target.id));
  expect(found.polylines).toHaveLength(expected.cumulative);
  for (const points of found.polylines) expect(points.trim().split(/\s+/).length).toBeGreaterThan(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-html-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('renderHtml', () => {
  it('is one self-contained document with the tables and charts of the report', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<html\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script\b|\bsrc=|\bhref=|url\(|@import|<link\b/i);
    expect(html).toContain('<h1>siri-2023: ');
    expect(html).toContain('(2023-01-01 to 2023-12-31)');
    expect(html).toContain('Beløbsordningen 1. gang');
    expect(html).toContain('≤ 31 days');
    expect(html).toContain('87.3 %');
    expect(html).toContain('<h2>Records (the buckets of each input add up to it)</h2>');
    expect(html).toContain('<h2>Points</h2>');
    expect(html).toMatch(/Invalid records \(\d+; listed, never dropped\)/);
    checkElements(html);
    // every invalid record is listed
    expect(html.match(/<section class="section" id="invalid">[\s\S]*?<\/ul>/)?.[0].match(/<li>/g)).toHaveLength(report.invalid.length);
  });

  it('writes numbers per locale and leaves out the cumulative charts without an aggregate', () => {
    const danish = renderHtml(report, { locale: 'da' });
    expect(danish).toContain('87,3 %');
    expect(danish).toContain(`>${report.counts.input.toLocaleString('da-DK')}<`);
    expect(elementsOf(danish).cumulative).toBe(0);
    expect(elementsOf(danish).shareBars).toBe(expected.shareBars);
    expect(() => renderHtml(report, { locale: 'fr' as 'en' })).toThrow(/locale/);
  });

  it('escapes every text', () => {
    const tricky: PlanReport = structuredClone(report);
    const first = tricky.targets[0];
    if (first === undefined) throw new Error('no targets');
    first.label = 'Bølle & <b>"tøj"</b>';
    first.id = 'a&b<c>';
    tricky.plan.title = 'Plan <i>&</i>';
    tricky.invalid = [
      {
        input: 'cases',
        index: 0,
        id: 'X<1>',
        field: 'applied',
        file: null,
        line: null,
        column: null,
        value: '<2023>',
        code: 'invalid_date',
        reason: '"<2023>" & more',
        message: 'record 0 (id X<1>): applied "<2023>" & more',
      },
    ];
    const out = renderHtml(tricky, { aggregate: { ...aggregate, targets: aggregate.targets.map((t, i) => (i === 0 ? { ...t, id: 'a&b<c>' } : t)) } });
    expect(out).toContain('Bølle &amp; &lt;b&gt;&quot;tøj&quot;&lt;/b&gt;');
    expect(out).toContain('Plan &lt;i&gt;&amp;&lt;/i&gt;');
    expect(out).toContain('data-target="a&amp;b&lt;c&gt;"');
    expect(out).toContain('record 0 (id X&lt;1&gt;): applied &quot;&lt;2023&gt;&quot; &amp; more');
    expect(out).not.toMatch(/<b>|<i>|X<1>/);
  });

  it('styles every class of the shapes its charts draw (an unstyled line or mark would not show)', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const classes = new Set([...html.matchAll(/<(?:line|rect|circle|polyline|polygon|path|text)\b[^>]*\bclass="([^"]*)"/g)].flatMap((match) => (match[1] ?? '').split(' ')));
    expect(classes).toContain('legend-mark');
    expect([...classes].filter((name) => !style.includes(`.${name}`))).toEqual([]);
  });

  it('has Chromium wherever CI runs', () => {
    const warn = vi.spyOn(console, 'warn');
    expectChromiumUnderCi('the HTML report test in headless Chromium');
    // Found (CI must find it), or the skip is announced in one line with how to run it.
    if (chromium === null) expect(warn).toHaveBeenCalledWith(chromiumSkipNotice('the HTML report test in headless Chromium'));
    else expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.skipIf(chromium === null)(
    'opens in headless Chromium with every chart element, and renders a screenshot',
    () => {
      const page = join(scratch, 'report.html');
      writeFileSync(page, html);
      const dom = runChromium(['--dump-dom', pathToFileURL(page).href], scratch);
      expect(dom).toContain('<h1>siri-2023: ');
      checkElements(dom);

      const shot = join(scratch, 'report.png');
      runChromium([`--screenshot=${shot}`, '--window-size=1280,2400', pathToFileURL(page).href], scratch);
      const png = readFileSync(shot);
      expect(statSync(shot).size).toBeGreaterThan(10 * 1024);
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      mkdirSync(join(root, 'test-artifacts'), { recursive: true });
      copyFileSync(shot, join(root, 'test-artifacts', 'html-report.png'));
    },
    180_000,
  );
});
