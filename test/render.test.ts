import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';
import { aggregateInputs, definePlan, evaluatePlan, forecastPlan, getPlan, pendingAt, renderCatalogueMarkdown, reportFromAggregate, type PlanReport } from '../src/index.js';
import { placeProblem, type InvalidRecord } from '../src/evaluate/records.js';
import {
  FORECAST_CSV_COLUMNS,
  INVALID_CSV_COLUMNS,
  PENDING_CSV_COLUMNS,
  PLAN_CSV_COLUMNS,
  REPORT_CSV_COLUMNS,
  renderForecast,
  renderInvalidCsv,
  renderPending,
  renderPlan,
  renderReport,
} from '../src/render/index.js';

// ---------------------------------------------------------------------------------------------
// Reading the output back

/** A terminal table of the output: header cells, data rows (cells trimmed) and its raw lines. */
interface ParsedTable {
  header: string[];
  rows: string[][];
  lines: string[];
  /** Each column's [start, end) in the lines. */
  spans: [number, number][];
}

/** Every terminal table in a text: a header line, a rule of dashes, data lines up to a blank line. */
function tablesOf(text: string): ParsedTable[] {
  const lines = text.split('\n');
  const tables: ParsedTable[] = [];
  lines.forEach((line, i) => {
    if (!/^-+( {2}-+)*$/.test(line) || i === 0) return;
    const spans: [number, number][] = [];
    for (const match of line.matchAll(/-+/g)) spans.push([match.index, match.index + match[0].length]);
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? '') !== ''; j++) body.push(lines[j] ?? '');
    const cells = (text: string): string[] => spans.map(([from, to]) => text.slice(from, to).trim());
    const header = lines[i - 1] ?? '';
    tables.push({ header: cells(header), rows: body.map(cells), lines: [header, line, ...body], spans });
  });
  return tables;
}

/** The terminal table whose header starts with the given cells. */
function tableWith(text: string, ...header: string[]): ParsedTable {
  const found = tablesOf(text).find((table) => header.every((cell, i) => table.header[i] === cell));
  if (found === undefined) throw new Error(`no table with header ${header.join(', ')}`);
  return found;
}

/** The cells of a Markdown table row, split on unescaped pipes. */
const markdownCells = (line: string): string[] =>
  line
    .slice(2, -2)
    .split(/ (?<!\\)\| /)
    .map((cell) => cell.trim());

/** The Markdown table (header, separator, rows) whose header starts with the given cells. */
function markdownTableWith(text: string, ...header: string[]): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| ') && header.every((cell, i) => markdownCells(line)[i] === cell));
  if (start < 0) throw new Error(`no Markdown table with header ${header.join(', ')}`);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** CSV lines split by a plain separator (for rows without quoted fields). */
const csvRows = (text: string, separator: string): string[][] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(separator));

// ---------------------------------------------------------------------------------------------
// A small plan of one's own, evaluated on hand-made cases

const plan = definePlan({
  id: 'test-2025',
  title: 'Test plan 2025',
  authority: 'Test agency',
  year: 2025,
  targets: [
    { id: 'visa', label: 'Visa | first time', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 5 }] },
    {
      id: 'study',
      label: 'Study, PhD',
      caseTypes: ['study'],
      tiers: [
        { limit: { amount: 30, unit: 'days' }, required: 0.5, weight: 3 },
        { limit: { amount: 60, unit: 'days' }, required: 0.8, weight: 2 },
      ],
    },
    { id: 'asylum', label: 'Asylum, mean', caseTypes: ['asylum'], aggregate: 'mean', tiers: [{ limit: { amount: 100, unit: 'days' }, required: null }] },
    { id: 'empty', label: 'Nothing decided', caseTypes: ['empty'], tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.9 }] },
  ],
});

/** The header of the first table of a report's CSV in Danish: the columns' Danish titles. */
const DANISH_CSV_HEADER = [
  'plan', 'periode fra', 'periode til', 'mål-id', 'mål', 'trin', 'grænse', 'enhed', 'krævet andel', 'målt', 'inden for', 'andel', 'gennemsnit',
  'opfyldt', 'vægt', 'point', 'median', '90 %-fraktil', 'kravnummer', 'point fra', 'observeret', 'huller', 'hulregel', 'huldatoer', 'afgrænsning',
];

/** SIRI 2023's observation target, by its label. */
const BIOMETRI = 'Ventetid til næste ledige tid til biometrioptag';

const decided = (id: string, caseType: string, applied: string, decidedOn: string) => ({ id, caseType, applied, decided: decidedOn });

const cases = [
  // visa: 9 of 10 within 15 days (9 elapsed days), one after 20 days: 90 % of 90 % required
  ...Array.from({ length: 9 }, (_, i) => decided(`V${i + 1}`, 'visa', '2025-03-01', '2025-03-10')),
  decided('V10', 'visa', '2025-03-01', '2025-03-21'),
  // study: 10, 25, 45 and 90 days: 2 of 4 within 30 days (50 %), 3 of 4 within 60 days (75 %)
  decided('S1', 'study', '2025-04-01', '2025-04-11'),
  decided('S2', 'study', '2025-04-01', '2025-04-26'),
  decided('S3', 'study', '2025-04-01', '2025-05-16'),
  decided('S4', 'study', '2025-04-01', '2025-06-30'),
  // asylum: 50 and 100 days, mean 75 days
  decided('A1', 'asylum', '2025-01-01', '2025-02-20'),
  decided('A2', 'asylum', '2025-01-01', '2025-04-11'),
  // one without a target, one pending, one decided the year before, one invalid
  decided('O1', 'other', '2025-02-01', '2025-02-10'),
  { id: 'P1', caseType: 'visa', applied: '2025-12-20' },
  decided('X1', 'visa', '2024-12-01', '2024-12-20'),
  decided('bad|1', 'visa', '2025-02-30', '2025-03-01'),
];

const report = evaluatePlan(plan, cases);

describe('renderReport as a terminal table', () => {
  const text = renderReport(report, { format: 'table' });
  const targets = tableWith(text, 'target', 'limit', 'measured');

  it('starts with the plan, its period and authority', () => {
    expect(text.startsWith('test-2025: Test plan 2025\n=========================\n')).toBe(true);
    expect(text).toContain('Period 2025 (2025-01-01 to 2025-12-31). Authority: Test agency.');
  });

  it('has a row per target and tier with limit, counts, share, required, mark, needed and points', () => {
    expect(targets.header).toEqual(['target', 'limit', 'measured', 'within / mean', 'share', 'required', 'met', 'needed', 'points']);
    expect(targets.rows).toEqual([
      ['Visa | first time', '≤ 15 days', '10', '9', '90.0 %', '90 %', '✓ met', '9', '5 of 5'],
      ['Study, PhD', '≤ 30 days', '4', '2', '50.0 %', '50 %', '✓ met', '2', '3 of 3'],
      // 3 of 4 is 75 % < 80 %: 4 needed (⌈0.8 × 4⌉), no points of 2
      ['', '≤ 60 days', '4', '3', '75.0 %', '80 %', '✗ not met', '4', '0 of 2'],
      ['Asylum, mean', 'mean ≤ 100 days', '2', '75 days', '', '', '✓ met', '', '–'],
      // nothing measured: the row says why the target is unscored
      ['Nothing decided', '≤ 10 days', '0', '0', '–', '90 %', '– unscored: nothing measured', '–', '–'],
    ]);
  });

  it('aligns every table: equal line widths, numbers flush right, text flush left', () => {
    const tables = tablesOf(text);
    expect(tables).toHaveLength(3); // targets, records, problems by code (no groups)
    for (const table of tables) {
      const widths = new Set(table.lines.map((line) => line.length));
      expect(widths.size, table.lines.join('\n')).toBe(1);
    }
    const [visa] = targets.lines.slice(2);
    const column = (title: string): [number, number] => targets.spans[targets.header.indexOf(title)] ?? [0, 0];
    // right-aligned: the cell's last character sits at the column's end
    for (const title of ['measured', 'within / mean', 'share', 'required', 'needed', 'points']) {
      const [from, to] = column(title);
      expect(visa?.slice(from, to).endsWith(' '), title).toBe(false);
    }
    // left-aligned: the label starts at the column's start
    const [from] = column('target');
    expect(visa?.slice(from).startsWith('Visa | first time')).toBe(true);
  });

  it('lists the records of each input with buckets that add up to it', () => {
    const records = tableWith(text, 'input', 'records');
    expect(records.header).toEqual(['input', 'records', 'measured', 'pending', 'unanswered', 'notWorkingDay', 'outOfPeriod', 'withoutTarget', 'invalid']);
    // 16 measured (10 visa, 4 study, 2 asylum), P1 pending, X1 out of the period, O1 without a target, bad|1 invalid
    expect(records.rows).toEqual([['cases', '20', '16', '1', '–', '–', '1', '1', '1']]);
    for (const row of records.rows) {
      const buckets = row.slice(2).filter((cell) => cell !== '–').map(Number);
      expect(buckets.reduce((sum, n) => sum + n, 0)).toBe(Number(row[1]));
    }
  });

  it('lists the records without a target and every invalid record with its message', () => {
    expect(text).toContain('Without a target (in no share, by reason)\n  cases, no target covers the case type: other 1\n');
    expect(text).toContain('Invalid records (1; listed, never dropped)\n  [invalid_date] record 19 (id bad|1): applied "2025-02-30" is not a calendar date\n');
  });

  it('gives the plan points', () => {
    // visa 5 + study 3 + 0 of 2; asylum and empty carry no weight
    expect(text).toContain('Service targets: 8 of 10 points.');
    expect(text).not.toContain('Not scored');
  });

  it('notes small populations with their interval', () => {
    expect(text).toMatch(/ {2}Visa \| first time ≤ 15 days: only 10 measured; 95 % interval \d+\.\d % to \d+\.\d %\./);
  });

  it('writes numbers and words the Danish way with locale da', () => {
    const danish = renderReport(report, { format: 'table', locale: 'da' });
    expect(tableWith(danish, 'mål', 'grænse').rows[0]).toEqual(['Visa | first time', '≤ 15 dage', '10', '9', '90,0 %', '90 %', '✓ opfyldt', '9', '5 af 5']);
    expect(danish).toContain('Servicemål: 8 af 10 point.');
  });
});

describe('number formatting by locale', () => {
  // 10,533 of 12,345 within 31 days: 85.32… %
  const many = Array.from({ length: 12_345 }, (_, i) => decided(`F${i}`, 'fast-track', '2023-03-01', i < 10_533 ? '2023-03-20' : '2023-05-01'));
  const big = evaluatePlan(getPlan('siri-2023'), many, { period: '2023' });

  it('writes 12345 as 12,345 and a share of 0.8532 as 85.3 % in English', () => {
    const row = tableWith(renderReport(big, { format: 'table' }), 'target', 'limit').rows[0];
    expect(row?.slice(0, 7)).toEqual(['Fast-track 1. gang', '≤ 31 days', '12,345', '10,533', '85.3 %', '85 %', '✓ met']);
  });

  it('writes 12345 as 12.345 and a share of 0.8532 as 85,3 % in Danish', () => {
    const row = tableWith(renderReport(big, { format: 'table', locale: 'da' }), 'mål', 'grænse').rows[0];
    expect(row?.slice(0, 7)).toEqual(['Fast-track 1. gang', '≤ 31 dage', '12.345', '10.533', '85,3 %', '85 %', '✓ opfyldt']);
  });

  it('shows the required share as the plan writes it and the share with one decimal', () => {
    const [row] = markdownTableWith(renderReport(report, { format: 'markdown', locale: 'da' }), 'mål').slice(2);
    expect(markdownCells(row ?? '')).toContain('90,0 %');
    expect(markdownCells(row ?? '')).toContain('90 %');
  });

  it('uses the report\'s comparison, not the rounded share: 84.975 % is shown as 85.0 % and not met', () => {
    // 3,399 of 4,000 = 84.975 %: rounds to 85.0 % but is below 85 %; 3,400 needed
    const close = Array.from({ length: 4000 }, (_, i) => decided(`C${i}`, 'fast-track', '2023-03-01', i < 3399 ? '2023-03-20' : '2023-05-01'));
    const row = tableWith(renderReport(evaluatePlan(getPlan('siri-2023'), close, { period: '2023' }), { format: 'table' }), 'target').rows[0];
    expect(row?.slice(4, 8)).toEqual(['85.0 %', '85 %', '✗ not met', '3,400']);
  });
});

describe('renderReport as Markdown', () => {
  const text = renderReport(report, { format: 'markdown' });

  it('has a title, section headings and GitHub tables', () => {
    expect(text.startsWith('## test-2025: Test plan 2025\n')).toBe(true);
    for (const heading of ['### Targets', '### Records (the buckets of each input add up to it)', '### Points']) expect(text).toContain(`\n${heading}\n`);
    const table = markdownTableWith(text, 'target', 'limit');
    expect(table[0]).toBe('| target | limit | measured | within / mean | share | required | met | needed | points |');
    expect(table[1]).toBe('| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
    expect(table).toHaveLength(2 + 5);
    for (const line of table) {
      expect(line.startsWith('| ') && line.endsWith(' |')).toBe(true);
      expect(markdownCells(line)).toHaveLength(9);
    }
  });

  it('escapes pipes in cells', () => {
    const row = markdownTableWith(text, 'target', 'limit')[2];
    expect(row).toBe('| Visa \\| first time | ≤ 15 days | 10 | 9 | 90.0 % | 90 % | ✓ met | 9 | 5 of 5 |');
    expect(text).toContain('\n- \\[invalid_date\\] record 19 (id bad\\|1): applied "2025-02-30" is not a calendar date\n');
  });

  it('lists the records without a target as a list', () => {
    expect(text).toContain('- cases, no target covers the case type: other 1\n');
  });
});

describe('renderReport as CSV', () => {
  it('has the stable header and one row per target and tier, in English', () => {
    const text = renderReport(report, { format: 'csv' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('plan,period_from,period_to,target,label,tier,limit_amount,limit_unit,required,measured,within,share,mean,met,weight,points,median,p90,requirement,points_from,observed,gaps,gap_policy,gap_dates,scope');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    // the first table: the header and a row per target and tier, then an empty line before the next
    expect(lines.indexOf('')).toBe(1 + 5);
    // the label holds the separator: quoted
    expect(lines[2]).toBe('test-2025,2025-01-01,2025-12-31,study,"Study, PhD",1,30,days,0.5,4,2,0.5,42.5,true,3,3,25,90,,,,,,,');
    const [, visa, , , asylum, empty] = csvRows(text, ',');
    // visa: nine of 9 days and one of 20: mean 10.1, median 9, p90 9 (rank 9)
    expect(visa).toEqual(['test-2025', '2025-01-01', '2025-12-31', 'visa', 'Visa | first time', '1', '15', 'days', '0.9', '10', '9', '0.9', '10.1', 'true', '5', '5', '9', '9', '', '', '', '', '', '', '']);
    expect(asylum).toEqual(['test-2025', '2025-01-01', '2025-12-31', 'asylum', '"Asylum', ' mean"', '1', '100', 'days', '', '2', '', '', '75', 'true', '', '', '50', '100', '', '', '', '', '', '', '']);
    expect(empty).toEqual(['test-2025', '2025-01-01', '2025-12-31', 'empty', 'Nothing decided', '1', '10', 'days', '0.9', '0', '0', '', '', '', '', '', '', '', '', '', '', '', '', '', '']);
  });

  it('uses ; and decimal commas in Danish, quoting only what holds a ; or a quote', () => {
    const text = renderReport(report, { format: 'csv', locale: 'da' });
    const rows = csvRows(text.slice(0, text.indexOf('\n\n')), ';');
    expect(rows[0]).toEqual(DANISH_CSV_HEADER);
    expect(rows[1]).toEqual(['test-2025', '2025-01-01', '2025-12-31', 'visa', 'Visa | first time', '1', '15', 'days', '0,9', '10', '9', '0,9', '10,1', 'true', '5', '5', '9', '9', '', '', '', '', '', '', '']);
    expect(rows[2]?.slice(3, 6)).toEqual(['study', 'Study, PhD', '1']);
    expect(rows.every((row) => row.length === REPORT_CSV_COLUMNS.length)).toBe(true);
  });

  it('quotes fields with quotes, separators and line breaks (RFC 4180)', () => {
    const quoted = definePlan({
      id: 'quoted',
      title: 'Quoted',
      year: 2025,
      targets: [{ id: 'q', label: 'The "fast" one;\nsecond line', caseTypes: ['q'], tiers: [{ limit: { amount: 1, unit: 'days' }, required: 1 }] }],
    });
    const text = renderReport(evaluatePlan(quoted, []), { format: 'csv', locale: 'da' });
    expect(text.startsWith(`${DANISH_CSV_HEADER.join(';')}\nquoted;2025-01-01;2025-12-31;q;"The ""fast"" one;\nsecond line";1;1;days;1;0;0;;;;;;;;;;;;;;\n\n`)).toBe(true);
  });

  it('lists invalid records in a CSV of their own', () => {
    expect(renderInvalidCsv(report.invalid)).toBe(
      'input,index,id,field,code,message,file,line,column,value\ncases,19,bad|1,applied,invalid_date,"record 19 (id bad|1): applied ""2025-02-30"" is not a calendar date",,,,2025-02-30\n',
    );
    expect(INVALID_CSV_COLUMNS).toEqual(['input', 'index', 'id', 'field', 'code', 'message', 'file', 'line', 'column', 'value']);
    expect(renderInvalidCsv([], { locale: 'da' })).toBe('kilde;nummer;id;felt;kode;meddelelse;fil;linje;kolonne;værdi\n');
    const placed = placeProblem(report.invalid[0] as InvalidRecord, { file: 'sager.csv', line: 1234, columns: { applied: 'indgivet' } });
    expect(renderInvalidCsv([placed], { locale: 'da' }).split('\n')[1]).toBe(
      'cases;19;bad|1;applied;invalid_date;"sager.csv:1234 (id bad|1): applied ""2025-02-30"" er ikke en dato i kalenderen";sager.csv;1234;indgivet;2025-02-30',
    );
  });
});

describe('renderReport on SIRI 2023 with cases, contacts and observations', () => {
  const aggregateOfSiri = aggregateInputs(
    getPlan('siri-2023'),
    {
      cases: [
        decided('F1', 'fast-track', '2023-03-01', '2023-03-20'),
        decided('F2', 'fast-track', '2023-03-01', '2023-04-15'),
        decided('L1', 'loenarbejde', '2023-03-01', '2023-03-10'),
      ],
      contacts: [
        { id: 'K1', channel: 'phone', at: '2023-09-01', waitMinutes: 5 },
        { id: 'K2', channel: 'phone', at: '2023-09-01', waitMinutes: 12 },
        { id: 'K3', channel: 'phone', arrived: '2023-09-01T08:00:00Z', answered: null },
        { id: 'K4', channel: 'phone', at: '2023-03-01', waitMinutes: 1 },
        { id: 'K5', channel: 'in-person', at: '2023-09-01', waitMinutes: 1 },
        { id: 'K6', channel: 'phone', at: '2023-09-01', waitMinutes: -1 },
      ],
      observations: [
        { date: '2023-09-04', centre: 'Valby', daysToNextSlot: 4 },
        { date: '2023-09-02', centre: 'Valby', daysToNextSlot: 4 },
        { date: '2023-09-05', centre: 'Aarhus', daysToNextSlot: 12 },
        { date: '2023-09-05', centre: 'Ukendt', daysToNextSlot: 1 },
        { date: '2023-03-06', centre: 'Valby', daysToNextSlot: 1 },
      ],
    },
    { period: '2023' },
  );
  const siri = reportFromAggregate(getPlan('siri-2023'), aggregateOfSiri);
  const text = renderReport(siri, { format: 'table' });

  it('counts each input in buckets that add up to it', () => {
    const records = tableWith(text, 'input', 'records');
    expect(records.rows).toEqual([
      ['cases', '3', '2', '0', '–', '–', '0', '1', '0'],
      // K1, K2 measured; K3 unanswered; K4 in the first half-year; K5 in person; K6 invalid
      ['contacts', '6', '2', '–', '1', '–', '1', '1', '1'],
      // 4 and 5 September measured; Saturday 2 September; March; a centre the target does not know
      ['observations', '5', '2', '–', '–', '1', '1', '1', '0'],
    ]);
    for (const row of records.rows) {
      const buckets = row.slice(2).filter((cell) => cell !== '–').map(Number);
      expect(buckets.reduce((sum, n) => sum + n, 0)).toBe(Number(row[1]));
    }
  });

  it('shows the waiting-time and observation tiers, and the centres over every working day of H2', () => {
    const targets = tableWith(text, 'target', 'limit', 'measured');
    expect(targets.rows.find((row) => row[0] === 'Højeste ventetid ved telefonisk henvendelse')).toEqual([
      'Højeste ventetid ved telefonisk henvendelse',
      '≤ 10 minutes',
      '2',
      '1',
      '50.0 %',
      '80 %',
      '✗ not met',
      '2',
      '–',
    ]);
    const centres = tableWith(text, 'target', 'limit', 'centre');
    // 128 working days in H2 2023 for each centre; Valby within on 1, Aarhus on none, Odense not observed
    expect(centres.rows.slice(0, 3)).toEqual([
      [BIOMETRI, '≤ 10 days', 'Valby', '55 %', '128', '1', '0.8 %', '✗ not met'],
      ['', '', 'Aarhus', '20 %', '128', '0', '0.0 %', '✗ not met'],
      ['', '', 'Odense', '10 %', '128', '0', '0.0 %', '✗ not met'],
    ]);
    expect(new Set(centres.lines.map((line) => line.length)).size).toBe(1);
  });

  it('shows the gaps of each centre with their dates, and the policy', () => {
    expect(text).toContain(
      `  ${BIOMETRI}: 2023-07-01..2023-12-31, 128 working days per centre; 7 centres of the plan: 2 centre-days observed, 894 gaps; ` +
        "gaps count as not within (observationGaps 'notWithin'): the shares are of every working day.\n",
    );
    const gaps = tableWith(text, 'target', 'centre', 'working days');
    expect(gaps.rows.slice(0, 3)).toEqual([
      [BIOMETRI, 'Valby', '128', '1', '127', '2023-07-03..2023-09-01, 2023-09-05..2023-12-29'],
      ['', 'Aarhus', '128', '1', '127', '2023-07-03..2023-09-04, 2023-09-06..2023-12-29'],
      ['', 'Odense', '128', '0', '128', '2023-07-03..2023-12-29'],
    ]);
    const excluded = renderReport(reportFromAggregate(getPlan('siri-2023'), aggregateOfSiri, { observationGaps: 'exclude' }), { format: 'table' });
    expect(excluded).toContain("gaps are left out of the shares (observationGaps 'exclude'): the shares are of the days observed only.");
    expect(tableWith(excluded, 'target', 'limit', 'centre').rows[0]).toEqual([BIOMETRI, '≤ 10 days', 'Valby', '55 %', '1', '1', '100.0 %', '✓ met']);
    const csv = renderReport(siri, { format: 'csv' }).split('\n').find((row) => row.startsWith('siri-2023,2023-01-01,2023-12-31,biometri,'));
    expect(csv).toContain(',2,894,notWithin,"Valby: 2023-07-03..2023-09-01, 2023-09-05..2023-12-29; Aarhus: 2023-07-03..2023-09-04, 2023-09-06..2023-12-29; Odense: ');
  });

  it('lists the records without a target per input, and the invalid contact', () => {
    expect(text).toContain('  cases, no target covers the case type: loenarbejde 1\n  contacts: in-person 1\n  observations: Ukendt 1\n');
    expect(text).toContain('  [invalid_value] contact 5 (id K6): waitMinutes must be a number of minutes ≥ 0, got -1\n');
  });

  it('says why the groups earned no points', () => {
    expect(text).toContain('Service targets: no points scored.');
    expect(text).toContain('  group 1.1 (weight 65): no-scoring-rule: ');
    expect(text).toContain('  group 1.2 (weight 5): no-scoring-rule: ');
    const scored = renderReport(evaluatePlan(getPlan('siri-2023'), [decided('F1', 'fast-track', '2023-03-01', '2023-03-20')], { period: '2023', groupScoring: { '1.1': 'share-of-tiers' } }), {
      format: 'table',
    });
    // 1 of the 12 tiers of 1.1 met; the other 11 measured nothing: 1.1 is not scored (no cases)
    expect(scored).toContain('  group 1.1 (weight 65): no-cases: nothing was measured');
  });

  it('keeps every table of the Danish Markdown well formed', () => {
    const markdown = renderReport(siri, { format: 'markdown', locale: 'da' });
    const lines = markdown.split('\n');
    lines.forEach((line, i) => {
      if (!/^\| (---:?)( \| ---:?)* \|$/.test(line)) return;
      const columns = markdownCells(line).length;
      for (let j = i - 1; j < lines.length && (lines[j] ?? '').startsWith('|'); j++) expect(markdownCells(lines[j] ?? '')).toHaveLength(columns);
    });
    expect(markdown).toContain(`| ${BIOMETRI} | ≤ 10 dage | Valby | 55 % | 128 | 1 | 0,8 % | ✗ ikke opfyldt |`);
    expect(markdown).toContain(`| ${BIOMETRI} | Valby | 128 | 1 | 127 | 2023-07-03..2023-09-01, 2023-09-05..2023-12-29 |`);
  });
});

describe('renderPending', () => {
  const siri2023 = getPlan('siri-2023');
  const pending = pendingAt(
    siri2023,
    [
      { id: 'b', caseType: 'fast-track', applied: '2023-06-25' },
      { id: 'a', caseType: 'fast-track', applied: '2023-05-01' },
      decided('c', 'fast-track', '2023-05-01', '2023-06-01'),
      { id: 'd', caseType: 'fast-track', applied: 'never' },
    ],
    { asOf: '2023-06-30' },
  );

  it('lists the at-risk cases, soonest due first, with due dates, days remaining and status', () => {
    const text = renderPending(pending, { format: 'table' });
    expect(text.startsWith('Pending cases on 2023-06-30\n===========================\n')).toBe(true);
    expect(text).toContain('Records: input 4 = pending 2 + notPending 1 + withoutTarget 0 + invalid 1.');
    const list = tableWith(text, 'case', 'target');
    expect(list.header).toEqual(['case', 'target', 'limit', 'applied', 'due', 'days left', 'status']);
    expect(list.rows).toEqual([
      // 1 May + 31 days = 1 June, 29 days before the as-of date
      ['a', 'fast-track', '≤ 31 days', '2023-05-01', '2023-06-01', '-29', 'overdue'],
      // 25 June + 31 days = 26 July, 26 days after it
      ['b', 'fast-track', '≤ 31 days', '2023-06-25', '2023-07-26', '26', ''],
    ]);
    expect(new Set(list.lines.map((line) => line.length)).size).toBe(1);
    const perTarget = tableWith(text, 'target', 'limit', 'pending');
    // ages 5 and 60 days: median rank 1 → 5
    expect(perTarget.rows.find((row) => row[0] === 'fast-track')).toEqual(['fast-track', '≤ 31 days', '2', '1', '5 days', '60 days', '0']);
    expect(text).toMatch(/\[invalid_date\] record 3 \(id d\): applied "never" is not a/);
  });

  it('cuts the list at the limit and says so', () => {
    const text = renderPending(pending, { format: 'table', limit: 1 });
    expect(text).toContain('At risk, soonest due first (the first 1 of 2 entries; a case once per tier)');
    expect(tableWith(text, 'case').rows.map((row) => row[0])).toEqual(['a']);
    expect(renderPending(pending, { format: 'csv', limit: 1 }).trimEnd().split('\n')).toHaveLength(2);
    expect(thrown(() => renderPending(pending, { format: 'table', limit: -1 })).issues[0]?.code).toBe('invalid_option');
  });

  it('marks a case whose clock is stopped by an open pause as paused, without a due date', () => {
    const paused = pendingAt(
      definePlan({
        id: 'pauses',
        title: 'Pauses',
        year: 2024,
        targets: [{ id: 'x', label: 'X', caseTypes: ['x'], subtractPauses: true, tiers: [{ limit: { amount: 31, unit: 'days' }, required: 0.9 }] }],
      }),
      [{ id: 'p', caseType: 'x', applied: '2024-03-01', pauses: [{ from: '2024-03-10', to: null }] }],
      { asOf: '2024-03-20' },
    );
    expect(tableWith(renderPending(paused, { format: 'table' }), 'case').rows).toEqual([['p', 'x', '≤ 31 days', '2024-03-01', '–', '–', 'paused']]);
  });

  it('renders Markdown and CSV', () => {
    const markdown = renderPending(pending, { format: 'markdown', locale: 'da' });
    expect(markdownTableWith(markdown, 'case')).toEqual([
      '| case | target | limit | applied | due | days left | status |',
      '| --- | --- | --- | --- | --- | ---: | --- |',
      '| a | fast-track | ≤ 31 days | 2023-05-01 | 2023-06-01 | -29 | overdue |',
      '| b | fast-track | ≤ 31 days | 2023-06-25 | 2023-07-26 | 26 |  |',
    ]);
    const csv = renderPending(pending, { format: 'csv', locale: 'da' });
    expect(csv).toBe(
      [
        PENDING_CSV_COLUMNS.join(';'),
        '2023-06-30;a;fast-track;fast-track;1;31;days;2023-05-01;2023-06-01;-29;true;false;60',
        '2023-06-30;b;fast-track;fast-track;1;31;days;2023-06-25;2023-07-26;26;false;false;5',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing is pending', () => {
    const none = pendingAt(siri2023, [], { asOf: '2023-06-30' });
    expect(renderPending(none, { format: 'table' })).toContain('At risk, soonest due first (0 entries; a case once per tier)\nNone.\n');
  });
});

describe('renderForecast', () => {
  // As of 30 June: 7 Fast-track cases decided, 6 within 31 days, and one open case that can still make it.
  const fastTrack = [
    ...Array.from({ length: 6 }, (_, i) => decided(`W${i}`, 'fast-track', '2023-03-01', '2023-03-20')),
    decided('M', 'fast-track', '2023-03-01', '2023-05-01'),
    { id: 'O', caseType: 'fast-track', applied: '2023-06-20' },
  ];
  const forecast = forecastPlan(getPlan('siri-2023'), fastTrack, { asOf: '2023-06-30' });

  it('gives per tier the share so far, the bounds, the estimate, the need and the status', () => {
    const text = renderForecast(forecast, { format: 'table' });
    expect(text.startsWith('Forecast for 2023-01-01 to 2023-12-31, as of 2023-06-30\n')).toBe(true);
    const table = tableWith(text, 'target', 'limit', 'so far');
    expect(table.header).toEqual(['target', 'limit', 'so far', 'lower', 'estimate', 'upper', 'required', 'needed', 'status']);
    // so far 6/7; lower 6/8; upper 7/8; estimate (6·7 + 6·1)/(7·8) = 48/56; ⌈0.85 · 8⌉ − 6 = 1 needed
    expect(table.rows[0]).toEqual(['fast-track', '≤ 31 days', '85.7 %', '75.0 %', '85.7 %', '87.5 %', '85 %', '1', 'open']);
    expect(table.rows.find((row) => row[0] === 'landbrug')).toEqual(['landbrug', '≤ 31 days', '–', '–', '–', '–', '85 %', '–', 'open']);
    expect(new Set(table.lines.map((line) => line.length)).size).toBe(1);
    expect(text).toContain('Points: lower –, estimate –, upper –.');
  });

  it('writes the Danish numbers and the CSV', () => {
    const markdown = renderForecast(forecast, { format: 'markdown', locale: 'da' });
    expect(markdown).toContain('| fast-track | ≤ 31 days | 85,7 % | 75,0 % | 85,7 % | 87,5 % | 85 % | 1 | open |');
    const rows = csvRows(renderForecast(forecast, { format: 'csv' }), ',');
    expect(rows[0]).toEqual([...FORECAST_CSV_COLUMNS]);
    const [row] = rows.slice(1);
    expect(row?.slice(0, 12)).toEqual(['2023-06-30', '2023-01-01', '2023-12-31', 'fast-track', 'Fast-track 1. gang', '1', '31', 'days', '0.85', '7', '6', String(6 / 7)]);
    expect(row?.slice(13)).toEqual(['0', '1', '0', '0.75', String(48 / 56), '0.875', '1', 'open']);
  });

  it('shows a mean target by its mean', () => {
    const us = forecastPlan(
      getPlan('us-2019'),
      [decided('A1', 'asyl', '2019-01-01', '2019-02-20'), decided('A2', 'asyl', '2019-01-01', '2019-04-11')],
      { asOf: '2019-06-30' },
    );
    const table = tableWith(renderForecast(us, { format: 'table', locale: 'da' }), 'target', 'limit');
    expect(table.rows.find((row) => row[0] === 'asyl-gennemsnit')).toEqual(['asyl-gennemsnit', 'mean ≤ 120 days', '75 days', '–', '75 days', '–', '', '–', 'open']);
  });
});

describe('renderPlan', () => {
  const siri2023 = getPlan('siri-2023');

  it('gives the plan section of the catalogue as Markdown', () => {
    const markdown = renderPlan(siri2023, { format: 'markdown' });
    expect(markdown.startsWith('## siri-2023: SIRI mål- og resultatplan 2023')).toBe(true);
    expect(markdown).not.toContain('# Catalogue');
    expect(renderCatalogueMarkdown()).toContain(markdown.trimEnd());
  });

  it('lists targets, tiers, weights, groups and sources in aligned tables', () => {
    const text = renderPlan(siri2023, { format: 'table' });
    expect(text.startsWith('siri-2023: SIRI mål- og resultatplan 2023: sagsbehandlingstider og borgerservice\n')).toBe(true);
    expect(text).toContain('\nDocuments\n  SIRI, Mål- og resultatplan 2023 (2023), signed plan\n');
    expect(text).toContain('\n  biometri: SIRI, Mål- og resultatplan 2023, resultatkrav 1.2a\n');
    const targets = tableWith(text, 'target', 'label', 'measures');
    expect(targets.rows).toHaveLength(14);
    expect(targets.rows[0]).toEqual(['fast-track', 'Fast-track 1. gang', 'cases: fast-track', 'applied → decided', '≤ 31 days', '85 %', '–', '1.1', '1.1a']);
    expect(targets.rows.find((row) => row[0] === 'telefon')).toEqual([
      'telefon',
      'Højeste ventetid ved telefonisk henvendelse',
      'contacts: phone',
      'waiting time',
      '≤ 10 minutes',
      '80 %',
      '–',
      '1.2',
      '1.2b',
    ]);
    const groups = tableWith(text, 'group', 'label');
    expect(groups.rows).toEqual([
      ['1.1', 'Sagsbehandlingstider', '65', 'fast-track, landbrug, beloebsordning, positivliste, medfoelgende-familie-erhverv, studie, phd, eu', '1.1'],
      ['1.2', 'Borgerservice', '5', 'biometri, telefon', '1.2'],
    ]);
    for (const table of tablesOf(text)) expect(new Set(table.lines.map((line) => line.length)).size).toBe(1);
    expect(text).toContain('  biometri: measured in 2023-H2 only\n');
    expect(text).toContain('  biometri: centre weights Valby 55 %, Aarhus 20 %, Odense 10 %, Aalborg 5 %, Esbjerg 5 %, Sønderborg 5 %, Bornholm 0 % (met-centres)\n');
  });

  it('shows tier weights, and one CSV row per tier', () => {
    const text = renderPlan(plan, { format: 'table' });
    expect(tableWith(text, 'target', 'label').rows.slice(0, 3)).toEqual([
      ['visa', 'Visa | first time', 'cases: visa', 'applied → decided', '≤ 15 days', '90 %', '5', '–', '–'],
      ['study', 'Study, PhD', 'cases: study', 'applied → decided', '≤ 30 days', '50 %', '3', '–', '–'],
      ['', '', '', '', '≤ 60 days', '80 %', '2', '', ''],
    ]);
    const csv = renderPlan(plan, { format: 'csv', locale: 'da' });
    const rows = csvRows(csv, ';');
    expect(rows[0]).toEqual([...PLAN_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 5);
    expect(rows[3]).toEqual(['test-2025', 'study', 'Study, PhD', 'cases', 'study', 'applied', 'decided', 'share', '', '2', '', '60', 'days', '0,8', '2', '5', '', '', '', '', '', '', '']);
    // 14 tiers, then the six requirements no target evaluates (1.3, 1.4, 2.1–2.4)
    expect(renderPlan(siri2023, { format: 'csv' }).trimEnd().split('\n')).toHaveLength(1 + 14 + 6);
    expect(renderPlan(siri2023, { format: 'csv' }).split('\n')[1]?.endsWith(',applicationKind = first')).toBe(true);
    expect(renderPlan(siri2023, { format: 'table' })).toContain('fast-track: measures only cases with applicationKind = first');
  });
});

describe('options', () => {
  it('refuses an unknown format or locale', () => {
    const some: PlanReport = report;
    expect(thrown(() => renderReport(some, { format: 'html' as 'table' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['format'] });
    expect(thrown(() => renderReport(some, { format: 'table', locale: 'sv' as 'da' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['locale'] });
  });

  it('returns strings ending in one newline', () => {
    for (const format of ['table', 'markdown', 'csv'] as const) {
      const text = renderReport(report, { format });
      expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    }
  });
});
