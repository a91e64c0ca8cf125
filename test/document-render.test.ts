/**
 * The text, Markdown and CSV renderers of documents: numbers in the document's language, tables
 * for readers or programs kept to their formats, long tables made row by row, CSV safe for
 * spreadsheets.
 */
import { describe, expect, it } from 'vitest';
import { documentCsvLines, documentTextLines, renderDocumentCsv, renderDocumentText, type Cell, type DocumentBlock, type ReportDocument } from '../src/index.js';

const cells: Cell[] = [
  { kind: 'text', text: 'Fast-track' },
  { kind: 'count', value: 12345 },
  { kind: 'share', value: 0.8532 },
  { kind: 'share', value: 0.85, decimals: 0 },
  { kind: 'amount', value: 31, unit: 'days' },
  { kind: 'amount', value: 1, unit: 'workingDays' },
  { kind: 'points', value: 37.916 },
  { kind: 'date', day: 19358 },
  { kind: 'status', status: 'notMet', text: 'ikke opfyldt' },
  { kind: 'count', value: null },
];
const columns = cells.map((_, index) => ({ key: `c${String(index)}`, title: `k${String(index)}`, align: 'left' as const }));

function documentOf(language: ReportDocument['language'], blocks: DocumentBlock[]): ReportDocument {
  return { language, title: 'Servicemål', sections: [{ id: 's', title: 'Afsnit', blocks }] };
}

describe('renderDocumentText', () => {
  it('writes every kind of cell as the document language writes it', () => {
    const table: DocumentBlock = { kind: 'table', id: 't', title: 'Afsnit', columns, rows: [cells] };
    const row = (language: ReportDocument['language']): string[] =>
      renderDocumentText(documentOf(language, [table]), { format: 'markdown' }).split('\n')[6]?.split(' | ') ?? [];
    expect(row('da')).toEqual(['| Fast-track', '12.345', '85,3 %', '85 %', '31 dage', '1 arbejdsdag', '37,92', '2023-01-01', '✗ ikke opfyldt', '– |']);
    expect(row('en')).toEqual(['| Fast-track', '12,345', '85.3 %', '85 %', '31 days', '1 working day', '37.92', '2023-01-01', '✗ ikke opfyldt', '– |']);
  });

  it('leaves out charts and tables for programs, and shows facts, notes and a table title of its own', () => {
    const text = renderDocumentText(
      documentOf('en', [
        { kind: 'facts', items: [{ key: 'period', label: 'Period', value: { kind: 'date', day: 19358 } }] },
        { kind: 'notes', items: ['A note.'] },
        { kind: 'table', id: 'data', title: 'Data', columns: [{ key: 'secret', title: 'secret', align: 'left' }], rows: [], use: 'data' },
        { kind: 'table', id: 'own', title: 'Own title', columns: [{ key: 'x', title: 'x', align: 'left' }], rows: [], use: 'reading' },
        { kind: 'chart', chart: { kind: 'bars', id: 'b', title: 'Bars chart', bars: [] } },
      ]),
      { format: 'table' },
    );
    expect(text).toBe('Servicemål\n==========\n\nAfsnit\n  Period: 2023-01-01\n\n  A note.\n\nOwn title\nx\n-\n');
  });

  it('makes the rows of a long table one at a time, as they are written', () => {
    let made = 0;
    const rows = { count: 1_000_000, at: (index: number): Cell[] => (made++, [{ kind: 'count', value: index }]) };
    const lines = documentTextLines(documentOf('en', [{ kind: 'table', id: 't', title: 't', columns: [{ key: 'n', title: 'n', align: 'right' }], rows }]), { format: 'markdown' });
    const iterator = lines[Symbol.iterator]();
    for (let index = 0; index < 8; index++) iterator.next();
    expect(made).toBeLessThan(10);
  });

  it('refuses an unknown format with invalid_option', () => {
    expect(() => renderDocumentText(documentOf('en', []), { format: 'html' as 'table' })).toThrow(/unknown format "html"/);
  });
});

describe('renderDocumentCsv', () => {
  const two: DocumentBlock[] = [
    { kind: 'text', text: 'not in CSV' },
    { kind: 'table', id: 'a', title: 'A', columns, rows: [cells] },
    { kind: 'table', id: 'r', title: 'For readers', columns: [{ key: 'r', title: 'r', align: 'left' }], rows: [], use: 'reading' },
    { kind: 'table', id: 'b', title: 'B', columns: [{ key: 'label', title: 'betegnelse', align: 'left' }], rows: [[{ kind: 'text', text: '=HYPERLINK("x")' }], [{ kind: 'text', text: 'a;b' }]] },
  ];

  it('writes every table for programs, keys as the English header and titles as the Danish, separated by one empty line', () => {
    expect(renderDocumentCsv(documentOf('en', two)).split('\n')).toEqual([
      columns.map((column) => column.key).join(','),
      'Fast-track,12345,0.853,0.85,31,1,37.92,2023-01-01,ikke opfyldt,',
      '',
      'label',
      `"'=HYPERLINK(""x"")"`,
      'a;b',
      '',
    ]);
    expect(renderDocumentCsv(documentOf('da', two)).split('\n')).toEqual([
      columns.map((column) => column.title).join(';'),
      'Fast-track;12345;0,853;0,85;31;1;37,92;2023-01-01;ikke opfyldt;',
      '',
      'betegnelse',
      `"'=HYPERLINK(""x"")"`,
      '"a;b"',
      '',
    ]);
  });

  it('puts a byte-order mark in front only when asked', () => {
    expect(renderDocumentCsv(documentOf('da', two), { bom: true }).startsWith('\uFEFFk0;k1')).toBe(true);
    expect(renderDocumentCsv(documentOf('da', two)).startsWith('k0;k1')).toBe(true);
  });

  it('rounds a share to the precision shown', () => {
    const table: DocumentBlock = {
      kind: 'table', id: 't', title: 't', columns: [{ key: 's', title: 's', align: 'right' }, { key: 'd', title: 'd', align: 'right' }],
      rows: [[{ kind: 'share', value: 2 / 3 }, { kind: 'share', value: 2 / 3, decimals: 2 }]],
    };
    expect(renderDocumentCsv(documentOf('en', [table])).split('\n')[1]).toBe('0.667,0.6667');
  });

  it('writes nothing for a document without a table', () => {
    expect(renderDocumentCsv(documentOf('en', [{ kind: 'text', text: 'x' }]))).toBe('');
    expect([...documentCsvLines(documentOf('en', []))]).toEqual([]);
  });
});
