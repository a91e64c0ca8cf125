/**
 * The HTML renderer of documents, read from the string: a self-contained file in the document's
 * language, every text escaped, cells written as the language writes numbers, status cells with a
 * class and a sign, the three kinds of chart, the print stylesheet, and the same bytes every time.
 * (test/report-browser.test.ts opens the same documents in Chromium.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderDocumentHtml, type Chart, type ReportDocument } from '../src/index.js';
import { richDocument } from './fixtures/rich-document.js';

const da = renderDocumentHtml(richDocument('da'));
const en = renderDocumentHtml(richDocument('en'));

/** A document of one section holding `blocks`. */
function single(blocks: ReportDocument['sections'][number]['blocks'], language: 'en' | 'da' = 'en'): string {
  return renderDocumentHtml({ language, title: 'T', sections: [{ id: 's', title: 'S', blocks }] });
}

/** A document of one chart. */
function chart(value: Chart, language: 'en' | 'da' = 'en'): string {
  return single([{ kind: 'chart', chart: value }], language);
}

/** The `<svg …>…</svg>` of a page (the first). */
function svgOf(html: string): string {
  return /<svg\b[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
}

/** The width and height of an svg's viewBox. */
function viewBox(svg: string): { width: number; height: number } {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}

describe('renderDocumentHtml', () => {
  it('is one self-contained file with the language of the document', () => {
    expect(da.startsWith('<!DOCTYPE html>\n<html lang="da">\n')).toBe(true);
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(da.match(/<html\b/g)).toHaveLength(1);
    for (const html of [da, en]) expect(html).not.toMatch(/<script\b|\bsrc=|\bhref=|url\(|@import|<link\b|<img\b|<iframe\b/i);
    expect(da).toContain('<title>Udlændinge- og Integrationsministeriet: Servicemål 2024, kvartalsrapport for 3. kvartal</title>');
    expect(da).toContain('<p class="subtitle">Perioden 2024-01-01 til 2024-09-30, opgjort pr. 2024-09-30</p>');
    expect(da.match(/<section class="section" id="[^"]+">/g)).toEqual(['summary', 'targets', 'trend', 'elapsed'].map((id) => `<section class="section" id="${id}">`));
  });

  it('gives the same bytes for the same document, and a time only when asked', () => {
    expect(renderDocumentHtml(richDocument('da'))).toBe(da);
    expect(da).not.toMatch(/Dannet|Generated/);
    const stamped = renderDocumentHtml(richDocument('da'), { generatedAt: '2024-10-01 09:00' });
    expect(stamped).toContain('<p class="generated">Dannet 2024-10-01 09:00</p>');
    expect(renderDocumentHtml(richDocument('en'), { generatedAt: '<now>' })).toContain('<p class="generated">Generated &lt;now&gt;</p>');
    expect(stamped.replace('<p class="generated">Dannet 2024-10-01 09:00</p>\n', '')).toBe(da);
  });

  it('writes cells as the language writes numbers, dates as yyyy-mm-dd, nothing as –', () => {
    expect(en).toContain('<td class="num">12,345</td><td class="num">85.3 %</td><td class="num">85 %</td><td class="num">18.4 days</td><td class="num">37.92</td><td class="date">2024-09-27</td>');
    expect(da).toContain('<td class="num">12.345</td><td class="num">85,3 %</td><td class="num">85 %</td><td class="num">18,4 dage</td><td class="num">37,92</td><td class="date">2024-09-27</td>');
    expect(da).toContain('<td class="num">10 måneder</td>');
    expect(da).toContain('<td class="num">1 arbejdsdag</td>');
    expect(en).toContain('<td class="num">1 working day</td>');
    expect(da).toContain('<td class="num">60 minutter</td>');
    expect(da).toContain('<td class="num">2,5</td>');
    expect(da).toContain('<td class="num">1 dag</td>');
    expect(da).toContain('<td class="num">–</td><td class="num">–</td><td class="num">80 %</td><td class="num">–</td><td class="num">–</td><td class="date">2024-01-02</td>');
    expect(da).toContain('<td class="date">–</td>');
    // facts: a number's value, a date
    expect(da).toContain('<div data-key="cases"><dt>Afgjorte sager</dt><dd class="num">123.456</dd></div>');
    expect(da).toContain('<div data-key="as_of"><dt>Opgjort pr.</dt><dd class="date">2024-09-30</dd></div>');
    // a share with two decimals, and whole-number amounts of days by default
    const html = single([{ kind: 'table', id: 't', title: 'T', columns: [{ key: 'a', title: 'a', align: 'right' }, { key: 'b', title: 'b', align: 'right' }], rows: [[{ kind: 'share', value: 0.12345, decimals: 2 }, { kind: 'amount', value: 30.6, unit: 'days', decimals: 0 }], [{ kind: 'share', value: 0.5, decimals: 0 }, { kind: 'amount', value: 30.64, unit: 'days' }]] }], 'da');
    expect(html).toContain('<td class="num">12,35 %</td><td class="num">31 dage</td>');
    // Without decimals an amount has at most one, as in text and CSV.
    expect(html).toContain('<td class="num">50 %</td><td class="num">30,6 dage</td>');
  });

  it('gives every status cell the class of its status and a sign, not colour alone', () => {
    const expected = [
      ['met', '✓', 'opfyldt'],
      ['not-met', '✗', 'ikke opfyldt'],
      ['open', '○', 'åben'],
      ['lost', '✗', 'tabt'],
      ['unknown', '–', 'ukendt'],
    ];
    for (const [cls = '', sign = '', word = ''] of expected) expect(da).toContain(`<td class="status ${cls}"><span class="sign" aria-hidden="true">${sign}</span> ${word}</td>`);
    expect(da).toMatch(/\.not-met \{ color: #[0-9a-f]{6}; \}/);
  });

  it('writes every block kind, rows and items made on demand included', () => {
    expect(en).toContain('<p>Four of six targets are met so far; two are at risk at year end. Signs such as &lt;, &gt; and &amp; show as text.</p>');
    expect(en).toContain('<ul class="notes">\n<li>Cases without a decision date count as open.</li>');
    expect(en).toContain('<ul class="list">\n<li>Familiesammenføring');
    expect(en).toContain('<table class="data" data-table="targets">\n<caption>Share decided within the limit</caption>');
    expect(en).toContain('<th scope="col" data-key="target">target</th><th scope="col" data-key="limit">limit</th><th scope="col" data-key="measured" class="num">measured</th>');
    // 60 rows from { count, at }
    const many = /<table class="data" data-table="many">[\s\S]*?<\/table>/.exec(en)?.[0] ?? '';
    expect(many.match(/<tr>/g)).toHaveLength(61);
    expect(many).toContain('<tr><td>S-1059</td><td class="date">2024-07-30</td><td class="num">62</td></tr>');
    const list = single([{ kind: 'list', items: { count: 3, at: (index) => `item ${String(index)} <b>` } }]);
    expect(list).toContain('<ul class="list">\n<li>item 0 &lt;b&gt;</li>\n<li>item 1 &lt;b&gt;</li>\n<li>item 2 &lt;b&gt;</li>\n</ul>');
  });

  it('escapes every text the document holds', () => {
    const evil = '<b>"x" & \'y\'</b>';
    const escaped = escapeHtml(evil);
    const html = renderDocumentHtml(
      {
        language: 'en',
        title: evil,
        subtitle: evil,
        sections: [
          {
            id: evil,
            title: evil,
            blocks: [
              { kind: 'text', text: evil },
              { kind: 'notes', items: [evil] },
              { kind: 'list', items: [evil] },
              { kind: 'facts', items: [{ key: evil, label: evil, value: { kind: 'text', text: evil } }] },
              { kind: 'table', id: evil, title: evil, columns: [{ key: evil, title: evil, align: 'left' }, { key: 's', title: 's', align: 'left' }], rows: [[{ kind: 'text', text: evil }, { kind: 'status', status: 'met', text: evil }]] },
              { kind: 'chart', chart: { kind: 'bars', id: evil, title: evil, bars: [{ label: evil, share: 0.5, required: 0.5, status: 'met', target: evil, tier: 1 }] } },
              { kind: 'chart', chart: { kind: 'trend', id: evil, title: evil, required: 0.5, points: [{ label: evil, share: 0.5, count: 1 }], band: { label: evil, lower: 0.1, estimate: 0.2, upper: 0.3 } } },
              { kind: 'chart', chart: { kind: 'cumulative', id: evil, title: evil, target: evil, unit: 'days', steps: [{ value: 1, share: 1 }], limits: [{ value: 1, label: evil, status: 'met' }] } },
            ],
          },
        ],
      },
      { generatedAt: evil },
    );
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('"x"');
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(20);
  });

  it('adds no element for any text (one invariant: the markup does not depend on the words)', () => {
    const markup = (html: string): string => html.replace(/>[^<]*</g, '><').replace(/="[^"]*"/g, '=""');
    const page = (text: string): string =>
      renderDocumentHtml(
        {
          language: 'da',
          title: text,
          subtitle: text,
          sections: [
            {
              id: text,
              title: text,
              blocks: [
                { kind: 'text', text },
                { kind: 'notes', items: [text, text] },
                { kind: 'list', items: [text] },
                { kind: 'facts', items: [{ key: text, label: text, value: { kind: 'text', text } }] },
                { kind: 'table', id: text, title: text, columns: [{ key: text, title: text, align: 'left' }], rows: [[{ kind: 'text', text }], [{ kind: 'status', status: 'open', text }]] },
              ],
            },
          ],
        },
        { generatedAt: text },
      );
    const plain = markup(page('x'));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => markup(page(text)) === plain),
      { numRuns: 100 },
    );
  });

  it('prints on A4, each section after the first on a new page, rows and charts whole', () => {
    expect(da).toMatch(/@page \{ size: A4; margin: [^}]+\}/);
    expect(da).toContain('@media print {');
    expect(da).toContain('section.section + section.section { break-before: page; }');
    expect(da).toMatch(/tr, figure\.chart[^{]*\{ break-inside: avoid; \}/);
    expect(da).toContain('thead { display: table-header-group; }');
    expect(da).toMatch(/svg \{ width: 100%; max-width: 100%; height: auto; \}/);
  });
});

describe('the charts of documents', () => {
  it('bars: a bar per item with a share, the required share marked, the value and a sign beside it', () => {
    const svg = svgOf(da);
    expect(svg).toMatch(/^<svg class="shares" data-chart="targets\.bars"/);
    expect(svg).toContain('aria-label="Andel inden for fristen mod krævet andel"');
    expect(svg.match(/<rect class="share-bar [a-z-]+"/g)).toEqual(['met', 'not-met', 'lost', 'unknown'].map((cls) => `<rect class="share-bar ${cls}"`));
    expect(svg).toContain('<rect class="share-bar met" data-target="fast-track" data-tier="1"');
    expect(svg).toContain('<title>Fast-track ≤ 31 dage: 85,3 % (krav 85 %)</title>');
    expect(svg.match(/<line class="required-mark"/g)).toHaveLength(5);
    expect(svg).toContain('>85,3 % ✓</text>');
    expect(svg).toContain('>– ○</text>');
    expect(svg).toContain('>krævet andel</text>');
    // the long label is wrapped into lines, the unbroken one after its hyphens
    expect(svg).toContain('<tspan');
    expect(svg).toMatch(/<tspan [^>]*>beløbsordningen-førstegangsansøgning-<\/tspan>/);
  });

  it('trend: the share per period as points and lines, broken where nothing was measured, against the required share, with the forecast band', () => {
    const html = chart({
      kind: 'trend',
      id: 'ft',
      title: 'Fast-track',
      required: 0.85,
      points: [
        { label: 'K1', share: 0.9, count: 10 },
        { label: 'K2', share: 0.8, count: 10 },
        { label: 'K3', share: null, count: 0 },
        { label: 'K4', share: 0.88, count: 10 },
        { label: 'K5', share: 0.86, count: 10 },
      ],
      band: { label: 'År', lower: 0.6, estimate: 0.87, upper: 0.95 },
    }, 'da');
    const svg = svgOf(html);
    expect(svg).toMatch(/^<svg class="trend" data-chart="ft"/);
    expect(svg.match(/<circle class="trend-point" data-label="[^"]*"/g)).toEqual(['K1', 'K2', 'K4', 'K5'].map((label) => `<circle class="trend-point" data-label="${label}"`));
    // two runs: K1–K2 and K4–K5
    expect(svg.match(/<polyline class="trend-line" points="[^"]*"/g)).toHaveLength(2);
    expect(svg.match(/<line class="required-line"/g)).toHaveLength(2); // the line and its legend
    expect(svg).toContain('<title>År: 60,0 %–95,0 %</title>');
    expect(svg).toContain('<title>År: 87,0 % (60,0 %–95,0 %)</title>');
    expect(svg).toMatch(/<rect class="forecast-band" x="[\d.]+" y="([\d.]+)" width="20" height="([\d.]+)">/);
    // the band spans 60 %–95 % of a 200 px plot: 70 px
    expect(/<rect class="forecast-band" x="[\d.]+" y="[\d.]+" width="20" height="([\d.]+)">/.exec(svg)?.[1]).toBe('70');
    for (const words of ['andel', 'krævet andel 85 %', 'årets udgang: laveste til højeste mulige', 'forventet målopfyldelse']) expect(svg).toContain(`>${words}</text>`);
    const plain = svgOf(chart({ kind: 'trend', id: 'q', title: 'Q', required: null, points: [{ label: 'Q1', share: 1, count: 1 }], band: null }));
    expect(plain).not.toContain('required-line');
    expect(plain).not.toContain('forecast');
    expect(plain).not.toContain('<polyline');
    expect(svgOf(chart({ kind: 'trend', id: 'e', title: 'E', required: 0.8, points: [], band: null }, 'da'))).toContain('>intet målt</text>');
  });

  it('trend: labels too wide for their column are turned, and the chart is made deep enough for them', () => {
    const long = svgOf(chart({ kind: 'trend', id: 'm', title: 'M', required: 0.5, points: ['september', 'oktober', 'november'].map((label) => ({ label: `${label} (foreløbig opgørelse)`, share: 0.5, count: 1 })), band: null }, 'da'));
    expect(long.match(/transform="rotate\(-45 /g)).toHaveLength(3);
    const short = svgOf(chart({ kind: 'trend', id: 'q', title: 'Q', required: 0.5, points: [{ label: 'K1', share: 0.5, count: 1 }], band: null }, 'da'));
    expect(short).not.toContain('rotate(');
    expect(viewBox(long).height).toBeGreaterThan(viewBox(short).height + 80);
  });

  it('cumulative: the step line, the limits marked, a label at the right edge turned left so it is not clipped', () => {
    const svg = svgOf(chart({
      kind: 'cumulative',
      id: 'c',
      title: 'C',
      target: 'fast-track',
      unit: 'days',
      steps: [{ value: 10, share: 0.5 }, { value: 92, share: 1 }],
      limits: [{ value: 31, label: '≤ 31 dage: 50,0 %', status: 'notMet' }, { value: 92, label: '≤ 92 dage: 100,0 %', status: 'met' }],
    }, 'da'));
    expect(svg).toMatch(/^<svg class="cumulative" data-target="fast-track" data-chart="c"/);
    // from (0, 0 %): flat to 10, up to 50 %, flat to 92, up to 100 %, flat to the end
    const points = /<polyline class="cumulative-line" points="([^"]*)"/.exec(svg)?.[1]?.split(' ') ?? [];
    expect(points).toHaveLength(6);
    const ys = points.map((point) => Number(point.split(',')[1]));
    expect(ys[0]).toBe(ys[1]);
    expect(ys[2]).toBe(ys[3]);
    expect(ys[4]).toBe(ys[5]);
    expect((ys[0] ?? 0) - (ys[2] ?? 0)).toBeCloseTo((ys[2] ?? 0) - (ys[4] ?? 0), 5);
    expect(svg.match(/<line class="limit-mark [a-z-]+"/g)).toEqual(['<line class="limit-mark not-met"', '<line class="limit-mark met"']);
    // The first label fits right of its line; the last limit sits near the right edge, so its label ends at its line.
    expect(svg).toMatch(/<text class="limit-label" x="[\d.]+" y="[\d.]+">≤ 31 dage: 50,0 %<\/text>/);
    const last = /<text class="limit-label" x="([\d.]+)" y="[\d.]+" text-anchor="end">≤ 92 dage: 100,0 %<\/text>/.exec(svg);
    const mark = /<line class="limit-mark met" x1="([\d.]+)"/.exec(svg);
    expect(Number(last?.[1])).toBeCloseTo(Number(mark?.[1]) - 4, 1);
    expect(svg).toContain('>dage</text>');
    expect(svgOf(chart({ kind: 'cumulative', id: 'w', title: 'W', target: 't', unit: 'workingDays', steps: [{ value: 1, share: 1 }], limits: [] }, 'da'))).toContain('>arbejdsdage</text>');
  });

  it('cumulative: says so when nothing was measured, and puts a label wider than the room left of its line at the plot’s edge', () => {
    const empty = svgOf(chart({ kind: 'cumulative', id: 'e', title: 'E', target: 't', unit: 'minutes', steps: [], limits: [{ value: 5, label: '≤ 5 minutes', status: 'unknown' }] }));
    expect(empty).not.toContain('<polyline');
    expect(empty).toContain('>nothing measured</text>');
    expect(empty).toContain('>minutes</text>');
    const wide = svgOf(chart({ kind: 'cumulative', id: 'w', title: 'W', target: 't', unit: 'none', steps: [{ value: 100, share: 1 }], limits: [{ value: 50, label: 'x'.repeat(70), status: 'open' }] }));
    const label = /<text class="limit-label" x="([\d.]+)"[^>]*>x+<\/text>/.exec(wide);
    const axis = /<line class="axis" x1="([\d.]+)"/.exec(wide);
    expect(Number(label?.[1])).toBeCloseTo(Number(axis?.[1]) + 4, 1);
    expect(wide).toContain('>value</text>');
  });

  it('styles every class of the shapes and texts its charts draw', () => {
    for (const page of [da, en]) {
      const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
      const svgs = (page.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []).join('\n');
      const classes = new Set([...svgs.matchAll(/<(?:line|rect|circle|polyline|polygon|path|text)\b[^>]*\bclass="([^"]*)"/g)].flatMap((match) => (match[1] ?? '').split(' ')));
      expect(classes.size).toBeGreaterThan(15);
      expect([...classes].filter((name) => !style.includes(`.${name}`))).toEqual([]);
    }
  });

  it('keeps every coordinate of every chart inside its viewBox', () => {
    const svgs = [...(en.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []), ...(da.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [])];
    expect(svgs).toHaveLength(12);
    for (const svg of svgs) {
      const box = viewBox(svg);
      const xs = [...svg.matchAll(/\b(?:x|x1|x2|cx)="(-?[\d.]+)"/g)].map((match) => Number(match[1]));
      const ys = [...svg.matchAll(/\b(?:y|y1|y2|cy)="(-?[\d.]+)"/g)].map((match) => Number(match[1]));
      expect(xs.filter((x) => x < 0 || x > box.width)).toEqual([]);
      expect(ys.filter((y) => y < 0 || y > box.height)).toEqual([]);
    }
  });
});
