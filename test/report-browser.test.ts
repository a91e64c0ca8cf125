/**
 * Rendered documents in a real browser: Debian's Chromium driven by playwright-core opens a rich
 * hand-built document (every block and chart kind, long labels, Danish words), the evaluate
 * report of the bundled data, and the quarterly report the command line writes in Danish
 * (`servicemaal report … --locale da --format html --out r.html` on the bundled agency export), on
 * screen and as printed on A4, and checks that nothing overflows its
 * box, that no chart label leaves its chart, and that the page has the document's language. It
 * keeps full-page screenshots (PNG) and A4 prints (PDF) in test-artifacts/ for people to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getPlan, renderDocumentHtml, renderHtml, reportDocument } from '../src/index.js';
import { aggregateInputs, reportFromAggregate } from '../src/evaluate/index.js';
import { chromium, chromiumSkipNotice, expectChromiumUnderCi } from './chromium.js';
import { richDocument } from './fixtures/rich-document.js';
import { runCli } from './cli-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(root, 'test-artifacts');
const load = (name: string): unknown[] => JSON.parse(readFileSync(join(root, 'examples', 'data', name), 'utf8')) as unknown[];

const plan = getPlan('siri-2023');
const aggregate = aggregateInputs(plan, {
  cases: load('siri-2023-cases.json'),
  contacts: load('siri-2023-contacts.json'),
  observations: load('siri-2023-observations.json'),
});
const report = reportFromAggregate(plan, aggregate);

/** The quarterly report as the command line writes it, in Danish, from the agency export of the examples. */
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-report-browser-'));
const data = (name: string): string => join(root, 'examples', 'data', name);
const quarterlyRun = await runCli([
  'report', '--plan', 'siri-2023', '--as-of', '2023-09-30', '--locale', 'da', '--format', 'html', '--out', join(scratch, 'r.html'),
  '--group-scoring', '1.1=share-of-tiers', '--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort',
  '--case-types', data('case-type-codes.csv'), data('agency-export.csv'),
]);
const quarterly = readFileSync(join(scratch, 'r.html'), 'utf8');
rmSync(scratch, { recursive: true, force: true });

/** The pages: name (of the artifacts), HTML, expected `lang`, and the sections that print on pages of their own. */
const PAGES: { name: string; html: string; lang: string; sections: number }[] = [
  { name: 'document-da', html: renderDocumentHtml(richDocument('da'), { generatedAt: '2024-10-01 09:00' }), lang: 'da', sections: richDocument('da').sections.length },
  { name: 'document-en', html: renderDocumentHtml(richDocument('en')), lang: 'en', sections: richDocument('en').sections.length },
  { name: 'quarterly-report', html: quarterly, lang: 'da', sections: (quarterly.match(/<section class="section"/g) ?? []).length },
  { name: 'evaluate-report', html: renderHtml(report, { aggregate, locale: 'da' }), lang: 'da', sections: reportDocument(report, { language: 'da', aggregate }).sections.length },
];

/** What a page holds that does not fit: boxes wider than their content box, SVG texts outside their chart. */
interface Overflow {
  boxes: string[];
  texts: string[];
  page: { scrollWidth: number; innerWidth: number };
}

/**
 * Runs in the page (a script, as the library is compiled without the DOM's types): every element
 * whose content is wider than its box, every SVG text whose box leaves its svg's box, and the
 * page's width against the window's.
 */
const FIND_OVERFLOW = `(() => {
  const name = (element) => element.tagName.toLowerCase() + (element.id === '' ? '' : '#' + element.id) + (typeof element.className === 'string' && element.className !== '' ? '.' + element.className.split(' ').join('.') : '') + ': ' + (element.textContent ?? '').slice(0, 60);
  const boxes = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!(element instanceof HTMLElement)) continue;
    const display = getComputedStyle(element).display;
    if (display === 'inline' || display === 'none' || display === 'contents') continue;
    if (element.scrollWidth > element.clientWidth + 1) boxes.push(name(element) + ' (scrollWidth ' + element.scrollWidth + ' > clientWidth ' + element.clientWidth + ')');
  }
  const texts = [];
  for (const svg of document.querySelectorAll('svg')) {
    const frame = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const box = text.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        texts.push((svg.getAttribute('class') ?? 'svg') + ' "' + text.textContent + '": x ' + box.left.toFixed(1) + '–' + box.right.toFixed(1) + ', y ' + box.top.toFixed(1) + '–' + box.bottom.toFixed(1) + ' outside x ' + frame.left.toFixed(1) + '–' + frame.right.toFixed(1) + ', y ' + frame.top.toFixed(1) + '–' + frame.bottom.toFixed(1));
      }
    }
  }
  return { boxes, texts, page: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth } };
})()`;

let browser: Browser | null = null;

beforeAll(async () => {
  if (chromium === null) return;
  browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, width: number): Promise<Page> {
  if (browser === null) throw new Error('no browser');
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // No network: the document must be whole in itself.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

describe('rendered documents in Chromium', () => {
  it('has Chromium wherever CI runs', () => {
    const warn = vi.spyOn(console, 'warn');
    expectChromiumUnderCi('the browser test of rendered documents');
    if (chromium === null) expect(warn).toHaveBeenCalledWith(chromiumSkipNotice('the browser test of rendered documents'));
    else expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('the quarterly report of the command line has quarters, months, the forecast, the cases at risk and the provenance', () => {
    // Exit 2: the export has invalid rows, left out of every figure and named on standard error.
    expect(quarterlyRun.code).toBe(2);
    for (const section of ['summary', 'forecast', 'at-risk', 'backlog', 'processing-times', 'points', 'provenance', 'target-landbrug']) {
      expect(quarterly).toContain(`<section class="section" id="${section}">`);
    }
    for (const table of ['landbrug.quarters', 'landbrug.months', 'at_risk', 'inputs']) expect(quarterly).toContain(`data-table="${table}"`);
    expect(quarterly).toContain('data-chart="landbrug.0.months"');
    expect(quarterly).toContain('Forventet målopfyldelse');
  });

  it.skipIf(chromium === null).each(PAGES)(
    '$name: has its language, nothing overflows on a wide and a narrow screen, and it is kept as a screenshot',
    async ({ name, html, lang }) => {
      for (const width of [1280, 760]) {
        const page = await open(html, width);
        try {
          expect(await page.evaluate<string>('document.documentElement.lang')).toBe(lang);
          const overflow = await page.evaluate<Overflow>(FIND_OVERFLOW);
          expect(overflow.boxes).toEqual([]);
          expect(overflow.texts).toEqual([]);
          expect(overflow.page.scrollWidth).toBeLessThanOrEqual(overflow.page.innerWidth);
          if (width === 1280) {
            mkdirSync(artifacts, { recursive: true });
            const png = await page.screenshot({ fullPage: true });
            expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
            writeFileSync(join(artifacts, `report-browser-${name}.png`), png);
          }
        } finally {
          await page.close();
        }
      }
    },
    120_000,
  );

  it.skipIf(chromium === null).each(PAGES.filter((entry) => entry.sections > 0))(
    '$name: prints on A4 with each section on a page of its own, nothing overflowing the page',
    async ({ name, html, sections }) => {
      // A4 at 96 dpi less the page's margins (14 mm each side): about 688 px of text width.
      const page = await open(html, 688);
      try {
        await page.emulateMedia({ media: 'print' });
        const overflow = await page.evaluate<Overflow>(FIND_OVERFLOW);
        expect(overflow.boxes).toEqual([]);
        expect(overflow.texts).toEqual([]);
        const breaks = await page.evaluate<string[]>("Array.from(document.querySelectorAll('section.section'), (section) => getComputedStyle(section).breakBefore)");
        expect(breaks).toEqual(['auto', ...Array.from({ length: sections - 1 }, () => 'page')]);
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
        expect(pages).toBeGreaterThanOrEqual(sections);
        const size = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
        // A4 in PDF points: 595.28 × 841.89.
        expect(Number(size?.[1])).toBeCloseTo(595, -1);
        expect(Number(size?.[2])).toBeCloseTo(842, -1);
        mkdirSync(artifacts, { recursive: true });
        writeFileSync(join(artifacts, `report-browser-${name}.pdf`), pdf);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
