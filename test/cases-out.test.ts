/**
 * The cases behind a report (`caseRows`, `caseRowsCsv`, `onRecord`) and the breakdown by an
 * attribute (`breakdownPlan`): the rows recount to the report, whatever the records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedScenarioArb } from './arbitraries.js';
import { runWithSmallHeap } from './helpers.js';
import {
  breakdownPlan,
  caseRows,
  caseRowsCsv,
  caseRowTiers,
  createIntake,
  definePlan,
  evaluatePlan,
  getPlan,
  type CaseRow,
  type MissingAttributes,
  type PlanReport,
  type ServicePlan,
} from '../src/index.js';
import { readInto } from '../src/io/index.js';

/** Records with some ids repeated: each position in `repeat` takes the id of the record `back` places before it. */
function withRepeatedIds(records: readonly unknown[], repeat: readonly [number, number][]): unknown[] {
  const copy = records.map((record) => (typeof record === 'object' && record !== null && !Array.isArray(record) ? { ...record } : record));
  for (const [at, back] of repeat) {
    const target = copy[at];
    const source = copy[at - back];
    if (at - back < 0 || typeof target !== 'object' || target === null || typeof source !== 'object' || source === null || Array.isArray(target)) continue;
    const id = (source as Record<string, unknown>)['id'];
    if (typeof id === 'string') (target as Record<string, unknown>)['id'] = id;
  }
  return copy;
}

/** The report's figures recounted from the rows of the cases behind it. */
function recount(plan: ServicePlan, rows: readonly CaseRow[]): { counts: Record<string, number>; tiers: { measured: number; within: number }[]; reasons: Record<string, number> } {
  const counts: Record<string, number> = { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 };
  const tiers = caseRowTiers(plan).map(() => ({ measured: 0, within: 0 }));
  const reasons: Record<string, number> = { noTarget: 0, outOfScope: 0, flagged: 0 };
  for (const row of rows) {
    counts['input'] = (counts['input'] ?? 0) + 1;
    counts[row.bucket] = (counts[row.bucket] ?? 0) + 1;
    if (row.bucket === 'withoutTarget' && row.reason !== null) reasons[row.reason] = (reasons[row.reason] ?? 0) + 1;
    row.within.forEach((within, i) => {
      const tier = tiers[i];
      if (within === null || tier === undefined) return;
      tier.measured++;
      if (within) tier.within++;
    });
  }
  return { counts, tiers, reasons };
}

/** The report's figures in the shape of {@link recount}. */
function figures(plan: ServicePlan, report: PlanReport): ReturnType<typeof recount> {
  const tiers = report.targets
    .filter((target) => target.input === 'cases')
    .flatMap((target) => target.tiers.map((tier) => ({ measured: tier.measured, within: tier.kind === 'share' ? tier.within : -1 })));
  const sum = (byType: Readonly<Record<string, number>>): number => Object.values(byType).reduce((a, b) => a + b, 0);
  const { noTarget, outOfScope, flagged } = report.withoutTargetReasons;
  expect(tiers.length).toBe(caseRowTiers(plan).length);
  return { counts: { ...report.counts }, tiers, reasons: { noTarget: sum(noTarget), outOfScope: sum(outOfScope), flagged: sum(flagged) } };
}

describe('the cases behind a report', () => {
  it('recount to evaluatePlan: buckets, reasons, and measured and within of every tier', () => {
    fc.assert(
      fc.property(
        mixedScenarioArb(40),
        fc.array(fc.tuple(fc.nat(39), fc.integer({ min: 1, max: 5 })), { maxLength: 8 }),
        fc.constantFrom<'first' | 'last'>('first', 'last'),
        fc.constantFrom<MissingAttributes>('inScope', 'outOfScope', 'invalid'),
        fc.constantFrom<number | undefined>(undefined, 1, 1000),
        ({ plan, period, input }, repeat, duplicates, missingAttributes, maxProblems) => {
          const records = withRepeatedIds(input.records, repeat);
          const options = { period, duplicates, missingAttributes, ...(maxProblems === undefined ? {} : { maxProblems }) };
          const rows = [...caseRows(plan, records, options)];
          const report = evaluatePlan(plan, records, options);
          const counted = recount(plan, rows);
          // Mean tiers have no `within` in the report: only their measured cases are recounted.
          const expected = figures(plan, report);
          counted.tiers.forEach((tier, i) => {
            if (expected.tiers[i]?.within === -1) tier.within = -1;
          });
          expect(counted).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('give one row per record, in input order, at its position', () => {
    fc.assert(
      fc.property(mixedScenarioArb(40), ({ plan, period, input }) => {
        const rows = [...caseRows(plan, input.records, { period, indexOffset: 7 })];
        expect(rows.map((row) => row.index)).toEqual(input.records.map((_record, index) => index + 7));
      }),
      { numRuns: 60 },
    );
  });

  const plan = getPlan('siri-2023');
  const extract = [
    { id: 'A0', caseType: 'fast-track', applied: '2023-02-29', decided: null },
    { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
    { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: null },
    { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
  ];

  it('name the record that counts in place of a repeated id, also once the list of problems is full', () => {
    // With maxProblems 1, the first problem fills the list: the repeated id is counted, not listed.
    for (const maxProblems of [0, 1]) {
      const rows = [...caseRows(plan, extract, { period: '2023', maxProblems })];
      expect(rows.map((row) => [row.bucket, row.reason, row.detail, row.caseType])).toEqual([
        ['invalid', 'invalid_date', 'applied "2023-02-29" is not a calendar date', 'fast-track'],
        ['measured', null, null, 'fast-track'],
        ['invalid', 'duplicate_record', 'id is repeated: the first record with it is record 1', 'fast-track'],
        ['measured', null, null, 'fast-track'],
      ]);
    }
    const last = [...caseRows(plan, extract, { period: '2023', duplicates: 'last' })];
    expect(last.map((row) => row.detail?.startsWith('id') === true ? row.detail : null)).toEqual([null, 'id is repeated: the last record with it, the one counted, is record 2', null, null]);
  });

  it('read every row of a file as a record, with its file, line and attributes', async () => {
    const rows: CaseRow[] = [];
    const intake = createIntake(plan, { period: '2023', onRecord: (row) => rows.push(row) });
    const text = 'id;caseType;applied;decided;attributes.team\nA1;fast-track;2023-03-01;2023-03-20;Nord\nA1;fast-track;2023-03-01;;Syd\n\nA3;fast-track;2023-02-29;;\n';
    await readInto(intake, { text }, { name: 'sager.csv' });
    expect(rows.map((row) => [row.file, row.line, row.bucket, row.reason, row.attributes === null ? null : [...row.attributes]])).toEqual([
      ['sager.csv', 2, 'measured', null, [['team', 'Nord']]],
      ['sager.csv', 3, 'invalid', 'duplicate_record', null],
      ['sager.csv', 5, 'invalid', 'invalid_date', null],
    ]);
    expect(rows[1]?.detail).toBe('id is repeated: the first record with it is at sager.csv:2');
  });

  it('stream from a generator without holding the rows', () => {
    // A million records through a 256 MB heap: the rows are counted as they come.
    const script = `
      const sm = await import('./src/index.js');
      function* records() {
        for (let i = 0; i < 1000000; i++) yield { id: 'S' + i, caseType: 'fast-track', applied: '2023-03-01', decided: i % 3 === 0 ? null : '2023-03-' + String(2 + (i % 27)).padStart(2, '0') };
      }
      const rows = sm.caseRows(sm.getPlan('siri-2023'), records(), { period: '2023' });
      let within = 0, pending = 0, step;
      while (!(step = rows.next()).done) { if (step.value.within[0] === true) within++; if (step.value.bucket === 'pending') pending++; }
      console.log(JSON.stringify([within, pending, step.value.counts.measured]));
    `;
    const child = runWithSmallHeap(script);
    expect(child.status, child.stderr.slice(0, 500)).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual([666_666, 333_334, 666_666]);
  }, 60_000);
});

describe('the CSV of the cases behind a report', () => {
  const plan = definePlan({
    id: 'hold',
    title: 'Hold',
    year: 2023,
    targets: [
      { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 10, unit: 'workingDays' }, required: 0.9 }, { limit: { amount: 30, unit: 'days' }, required: 0.95 }] },
      { id: 'eu', label: 'EU', caseTypes: ['eu'], tiers: [{ limit: { amount: 1, unit: 'days' }, required: 0.75 }] },
    ],
  });
  const rows = [
    ...caseRows(plan, [
      { id: '-1', caseType: 'visa', applied: '2023-03-01', decided: '2023-03-20' },
      { id: 'B;2', caseType: 'visa', applied: '2023-03-01', decided: '2023-03-02' },
      { id: 'B3', caseType: '=cmd', applied: '2023-03-01', decided: '2023-03-40' },
    ], { period: '2023' }),
  ];

  it('writes English with commas, a within column per tier, and formula-like texts neutralised', () => {
    const csv = caseRowsCsv(plan, { locale: 'en' });
    expect([csv.header, ...rows.map(csv.line)]).toEqual([
      "id,file,line,bucket,reason,detail,case_type,applied,decided,days,working_days,within.visa.1,within.visa.2,within.eu.1",
      "'-1,,,measured,,,visa,2023-03-01,2023-03-20,19,13,false,true,",
      'B;2,,,measured,,,visa,2023-03-01,2023-03-02,1,1,true,true,',
      'B3,,,invalid,invalid_date,"decided ""2023-03-40"" is not a calendar date",\'=cmd,,,,,,,',
    ]);
  });

  it('writes Danish with semicolons', () => {
    const csv = caseRowsCsv(plan, { locale: 'da' });
    expect(csv.line(rows[1] as CaseRow)).toBe('"B;2";;;measured;;;visa;2023-03-01;2023-03-02;1;1;true;true;');
  });
});

describe('the breakdown by an attribute', () => {
  const plan = getPlan('siri-2023');
  const sag = (id: string, decided: string, team?: string): Record<string, unknown> => ({
    id,
    caseType: 'fast-track',
    applied: '2023-03-01',
    decided,
    ...(team === undefined ? {} : { attributes: { team } }),
  });

  it('adds up to the report, per tier', () => {
    fc.assert(
      fc.property(mixedScenarioArb(40), fc.constantFrom('applicationKind', 'complexity', 'caseType'), ({ plan: generated, period, input }, by) => {
        const breakdown = breakdownPlan(generated, input.records, { period, by });
        const report = evaluatePlan(generated, input.records, { period });
        const shares = report.targets.filter((target) => target.input === 'cases').flatMap((target) => target.tiers.flatMap((tier) => (tier.kind === 'share' ? [{ target: target.id, tier }] : [])));
        expect(breakdown.tiers.map((tier) => [tier.target, tier.total.measured, tier.total.within, tier.total.met])).toEqual(
          shares.map(({ target, tier }) => [target, tier.measured, tier.within, tier.met]),
        );
        for (const tier of breakdown.tiers) {
          expect(tier.rows.reduce((sum, row) => sum + row.measured, 0)).toBe(tier.total.measured);
          expect(new Set(tier.rows.map((row) => row.value)).size).toBe(tier.rows.length);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('keeps hostile values apart, cases lacking the value last', () => {
    const breakdown = breakdownPlan(plan, [sag('A1', '2023-03-20', '__proto__'), sag('A2', '2023-04-20', 'constructor'), sag('A3', '2023-03-05'), sag('A4', '2023-03-06', '__proto__')], { period: '2023', by: 'team' });
    expect(breakdown.tiers[0]?.rows).toEqual([
      { value: '__proto__', measured: 2, within: 2, share: 1, met: true },
      { value: 'constructor', measured: 1, within: 0, share: 0, met: false },
      { value: null, measured: 1, within: 1, share: 1, met: true },
    ]);
  });

  it('rejects a missing attribute name', () => {
    expect(() => breakdownPlan(plan, [], { period: '2023', by: ' ' })).toThrow(/by must name an attribute/);
  });
});
