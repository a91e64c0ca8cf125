/**
 * The one intake: records from arrays, files and streams count the same, once each, and their
 * problems name their place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateInputs, createIntake, getPlan, reportFromAggregate, type PlanAggregate } from '../src/index.js';
import { readAllRecords, readInto } from '../src/io/index.js';
import { mixedInputArb } from './arbitraries.js';

const plan = getPlan('siri-2023');

/** An aggregate without its problem messages, which name a place only when read from a file. */
function counted(aggregate: PlanAggregate): unknown {
  return JSON.parse(JSON.stringify({ ...aggregate, invalid: aggregate.invalid.map(({ input, index, id, field, code }) => ({ input, index, id, field, code })) }));
}

/** Case records as CSV (ISO dates; the fields the arbitrary gives, quoted where needed). */
function csv(records: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown): string => {
    const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `id;caseType;applied;decided\n${records.map((record) => [record['id'], record['caseType'], record['applied'], record['decided']].map(cell).join(';')).join('\n')}\n`;
}

describe('createIntake', () => {
  it('counts records added one by one as aggregateInputs counts them all at once', () => {
    const cases = [
      { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
      { id: 'A2', caseType: 'eu', applied: '2023-02-29' },
      { id: 'A3', caseType: 'studie', applied: '2023-11-20', decided: null },
    ];
    const contacts = [{ id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }];
    const intake = createIntake(plan, { period: '2023' });
    for (const record of cases) intake.add('cases', record);
    intake.addAll('contacts', contacts);
    expect(intake.aggregate()).toEqual(aggregateInputs(plan, { cases, contacts }, { period: '2023' }));
  });

  it('names the place of a record in its problems, and counts an unreadable row as invalid', () => {
    const intake = createIntake(plan, { period: '2023' });
    intake.add('cases', { id: 'A1', caseType: 'eu', applied: '2023-03-10', decided: '2023-03-01' }, { file: 'sager.csv', line: 7 });
    intake.addUnreadable('observations', { column: '', code: 'invalid_value', message: 'extra columns: the row has 4 cells, the header 3' }, { file: 'biometri.csv', line: 3 });
    const report = reportFromAggregate(plan, intake.aggregate());
    expect(report.invalid.map((problem) => problem.message)).toEqual([
      'sager.csv:7 (id A1): decided is before the application date',
      'biometri.csv:3: extra columns: the row has 4 cells, the header 3',
    ]);
    expect([report.counts.invalid, report.observations.counts.invalid, report.observations.counts.input]).toEqual([1, 1, 1]);
  });

  it('counts every period of a series in one pass, each as an intake of that period alone', () => {
    const cases = [
      { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
      { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
    ];
    const series = createIntake(plan, { periods: ['2023-Q1', '2023-Q2'] });
    series.addAll('cases', cases);
    const alone = (period: string): PlanAggregate => {
      const intake = createIntake(plan, { period });
      intake.addAll('cases', cases);
      return intake.aggregate();
    };
    expect(series.aggregates()).toEqual([alone('2023-Q1'), alone('2023-Q2')]);
  });

  it('takes a period or periods, not both', () => {
    expect(() => createIntake(plan, { period: '2023', periods: ['2023-Q1'] })).toThrow(/period or periods/);
    expect(() => createIntake(plan, { periods: [] })).toThrow(/at least one period/);
  });
});

describe('readInto', () => {
  it('counts a CSV file read from its bytes as the same records counted in memory (invariant: one intake, whichever way in)', async () => {
    await fc.assert(
      fc.asyncProperty(mixedInputArb(30), async ({ records }) => {
        const text = csv(records.filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null && !Array.isArray(record)));
        const read = await readAllRecords({ text });
        const intake = createIntake(plan, { period: '2023' });
        await readInto(intake, { text }, { name: 'sager.csv' });
        const memory = aggregateInputs(plan, { cases: read.records }, { period: '2023' });
        expect(counted(intake.aggregate())).toEqual(counted(memory));
      }),
      { numRuns: 150 },
    );
  });

  it('names the file and line of every problem of contacts read from a file', async () => {
    const intake = createIntake(plan, { period: '2023' });
    const text = 'id;channel;at;waitMinutes\nK1;phone;2023-09-04;7,5\nK2;phone;2023-13-01;2\nK3;phone;2023-09-05;1;9\n';
    await readInto(intake, { text }, { kind: 'contacts', name: 'opkald.csv' });
    const { invalid, contacts } = intake.aggregate();
    expect(invalid.map((problem) => /^[^ ]+/.exec(problem.message)?.[0])).toEqual(['opkald.csv:3', 'opkald.csv:4:']);
    expect(contacts.counts).toMatchObject({ input: 3, invalid: 2 });
  });
});
