/**
 * Problems as data: every problem carries its place (file, line, column), value, code and reason,
 * and its message is always `describeProblem` of those fields, for records in memory and for the
 * rows and records of the command line alike.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readContactRecord } from '../src/evaluate/contacts.js';
import { ENGLISH, problemReason } from '../src/evaluate/messages.js';
import { readObservationRecord } from '../src/evaluate/observations.js';
import { placeProblem } from '../src/evaluate/records.js';
import { describeProblem, evaluatePlan, getPlan, readCaseRecord, type InvalidRecord, type PlanReport } from '../src/index.js';
import type { PendingReport } from '../src/reporting/pending.js';
import { runCli } from './cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-problems-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const run = runCli;

/** A problem without its message. */
function fieldsOf(problem: InvalidRecord): Omit<InvalidRecord, 'message'> {
  const { input, index, id, field, file, line, column, value, code, reason } = problem;
  return { input, index, id, field, file, line, column, value, code, reason };
}

const IN_MEMORY: Omit<InvalidRecord, 'message'> = {
  input: 'cases',
  index: 3,
  id: 'A4',
  field: 'applied',
  file: null,
  line: null,
  column: null,
  value: '2023-02-29',
  code: 'invalid_date',
  reason: '"2023-02-29" is not a calendar date',
};

describe('describeProblem', () => {
  it('names a record in memory by its input and position', () => {
    expect(describeProblem(IN_MEMORY)).toBe('record 3 (id A4): applied "2023-02-29" is not a calendar date');
    expect(describeProblem({ ...IN_MEMORY, input: 'contacts', id: null })).toBe('contact 3: applied "2023-02-29" is not a calendar date');
    expect(describeProblem({ ...IN_MEMORY, input: 'observations' })).toBe('observation 3 (id A4): applied "2023-02-29" is not a calendar date');
  });

  it('names a record read from a file by its file and line, not its position', () => {
    expect(describeProblem({ ...IN_MEMORY, file: 'cases.csv', line: 14, column: 'indgivet' })).toBe('cases.csv:14 (id A4): applied "2023-02-29" is not a calendar date');
  });

  it('names the source column of a row problem that has no field', () => {
    const row = { ...IN_MEMORY, id: null, field: '', file: 'cases.csv', line: 9, column: 'pauser', code: 'invalid_pause' as const, reason: 'is odd' };
    expect(describeProblem(row)).toBe('cases.csv:9: column "pauser" is odd');
    expect(describeProblem({ ...row, column: null })).toBe('cases.csv:9: is odd');
  });

  it('cuts a long id as every message does', () => {
    expect(describeProblem({ ...IN_MEMORY, id: 'x'.repeat(100) })).toBe(`record 3 (id ${'x'.repeat(60)}… (100 characters)): applied "2023-02-29" is not a calendar date`);
  });

  it('is what placeProblem writes: the place changes, the reason stays', () => {
    const [problem] = readCaseRecord({ id: 'A4', caseType: 'eu', applied: '2023-02-29' }, 3) as InvalidRecord[];
    if (problem === undefined) throw new Error('no problem');
    // the parameters the reason is written from travel with the problem, for writing it in another language
    const params = { text: '"2023-02-29" is not a calendar date' };
    expect(problem).toEqual({ ...IN_MEMORY, message: 'record 3 (id A4): applied "2023-02-29" is not a calendar date', params });
    const placed = placeProblem(problem, { file: 'cases.csv', line: 14, columns: { applied: 'indgivet' } });
    expect(placed).toEqual({ ...IN_MEMORY, file: 'cases.csv', line: 14, column: 'indgivet', message: 'cases.csv:14 (id A4): applied "2023-02-29" is not a calendar date', params });
    expect(problem.file).toBeNull();
  });

  it('finds the column of a field inside a column (pauses.0.to in pauses)', () => {
    const read = readCaseRecord({ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-04-01', pauses: [{ from: '2023-03-05', to: null }] }, 0) as InvalidRecord[];
    expect(read.map((problem) => placeProblem(problem, { file: 'f.csv', line: 2, columns: { pauses: 'pauser' } }).column)).toEqual(['pauser']);
  });
});

describe('the English catalogue', () => {
  it('keeps the reasons the library has always written', () => {
    expect(problemReason({ code: 'missing_field', kind: 'missing' })).toBe('is missing');
    expect(problemReason({ code: 'clock_reversed', start: 'events.firstInterview', target: 't1' })).toBe('is before events.firstInterview, where target "t1" starts its clock');
    expect(problemReason({ code: 'invalid_value', kind: 'wait-too-long', minutes: 1441 })).toBe('is longer than 24 hours (1441 minutes): check the export');
    expect(ENGLISH.place('observations', 7)).toBe('observation 7');
  });
});

const FIELD_NAMES = ['id', 'caseType', 'applied', 'decided', 'events', 'pauses', 'channel', 'at', 'waitMinutes', 'arrived', 'answered', 'date', 'centre', 'daysToNextSlot', 'colour'];
const valueArb = fc.oneof(
  fc.constantFrom('2023-02-29', '2023-03-01', '2023-03-10T10:00:00+01:00', '', 'x'.repeat(70), 'phone', 'Valby', 'eu', null),
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.dictionary(fc.constantFrom('firstInterview', 'from', 'to', 'x'), fc.constantFrom('2023-02-01', '2023-03-05', null, 7)),
  fc.array(fc.record({ from: fc.constantFrom('2023-03-02', '2023-01-01', 'no'), to: fc.constantFrom('2023-03-04', null, '2022-01-01') }), { maxLength: 3 }),
);
const recordArb = fc.oneof(fc.dictionary(fc.constantFrom(...FIELD_NAMES), valueArb, { maxKeys: 8 }), fc.anything());
const placeArb = fc.option(fc.record({ file: fc.string({ maxLength: 20 }), line: fc.nat(), columns: fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })) }), { nil: undefined });

describe('every problem', () => {
  it('property: its message is exactly describeProblem of its other fields, placed or not', () => {
    fc.assert(
      fc.property(recordArb, fc.nat({ max: 100_000 }), placeArb, (record, index, place) => {
        const reads = [readCaseRecord(record, index), readContactRecord(record, index), readObservationRecord(record, index)];
        for (const read of reads) {
          if (!Array.isArray(read)) continue;
          for (const problem of read) {
            const shown = place === undefined ? problem : placeProblem(problem, place);
            expect(shown.message).toBe(describeProblem(fieldsOf(shown)));
          }
        }
      }),
    );
  });

  it('of a record given in memory has no file, line or column', () => {
    const report = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-10', decided: '2023-03-01', colour: 'red' }], { period: '2023' });
    expect(report.invalid.map((problem) => [problem.file, problem.line, problem.column, problem.value, problem.reason])).toEqual([
      [null, null, null, 'red', 'is not a field of a record (expected id, caseType, applied, decided, events, pauses, attributes, withoutTarget)'],
      [null, null, null, '2023-03-01', 'is before the application date'],
    ]);
  });
});

describe('an event dated before the application', () => {
  const early = { id: 'F1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20', events: { firstInterview: '2023-02-20' } };

  it('makes the record invalid whatever the plan measures', () => {
    expect(readCaseRecord(early, 0)).toEqual([expect.objectContaining({ field: 'events.firstInterview', code: 'event_before_application', value: '2023-02-20' })]);
    // siri-2023 has no target timing a first interview.
    expect(evaluatePlan(getPlan('siri-2023'), [early]).invalid.map((problem) => problem.code)).toEqual(['event_before_application']);
  });

  it('leaves a plan only what needs the plan: an interview after the decision', () => {
    const late = { id: 'S1', caseType: 'asyl', applied: '2019-01-02', decided: '2019-03-01', events: { firstInterview: '2019-04-01' } };
    expect(readCaseRecord(late, 0)).not.toBeInstanceOf(Array);
    expect(evaluatePlan(getPlan('siri-2023'), [{ ...late, caseType: 'fast-track' }]).invalid).toEqual([]);
  });
});

const CASES_CSV = [
  'id;caseType;applied;decided;events.firstInterview;pauses',
  'A1;fast-track;2023-03-01;2023-03-20;;',
  'A2;fast-track;2023-02-29;2023-03-20;;',
  'A3;fast-track;2023-03-01;2023-03-20;2023-02-20;',
  'A4;fast-track;2023-03-01;2023-03-20;;soon',
  'A5;fast-track;2023-03-01;2023-03-20;;;surplus',
  'A6;;2023-03-01;2023-02-20;;',
  '',
].join('\n');

const CASES_NDJSON = [
  '{"id": "N1", "caseType": "fast-track", "applied": "2023-03-01", "decided": "2023-03-02"}',
  '{"id": "N2", "caseType": "fast-track", "applied": "2023-03-01", "decided": "2023-03-02"',
  '["N3"]',
  '{"id": "N4", "caseType": "fast-track", "applied": "2023-03-01", "decided": "2023-02-02", "colour": "red"}',
  '',
].join('\n');

const CONTACTS_CSV = ['id;channel;at;waitMinutes', 'K1;phone;2023-09-04;7,5', 'K2;phone;2023-09-04;-1', 'K3;phone;2023-09-04;1;x', ''].join('\n');
const OBSERVATIONS_JSON = '[\n{"date": "2024-09-02", "centre": "Valby", "daysToNextSlot": 4},\n{"date": "2024-09-02", "centre": "Valby", "daysToNextSlot": 5},\n7\n]\n';

describe('the command line', () => {
  const cases = file('sager.csv', CASES_CSV);
  const ndjson = file('sager.ndjson', CASES_NDJSON);
  const contacts = file('opkald.csv', CONTACTS_CSV);
  const observations = file('tider.json', OBSERVATIONS_JSON);
  // us-2019 times the first interview of asylum cases: evaluate always found A2's early interview, validate did not.
  const asylum = file('asyl.csv', ['id;caseType;applied;decided;events.firstInterview', 'A1;asyl;2019-01-02;2019-03-01;2019-01-20', 'A2;asyl;2019-01-02;2019-03-01;2018-12-20', ''].join('\n'));

  /** The problems of the two case files, as `file:line code`, in file order. */
  const caseFileProblems = [
    `${cases}:3 invalid_date`,
    `${cases}:4 event_before_application`,
    `${cases}:5 invalid_pause`,
    `${cases}:6 invalid_value`,
    `${cases}:7 missing_field`,
    `${cases}:7 decision_before_application`,
    `${ndjson}:2 invalid_value`,
    `${ndjson}:3 invalid_type`,
    `${ndjson}:4 decision_before_application`,
  ];

  it('places every problem of evaluate at its file and line, rows the readers cannot read too', async () => {
    const { out, code } = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', cases, ndjson, '--contacts', contacts, '--observations', observations]);
    expect(code).toBe(2);
    const report = JSON.parse(out) as PlanReport;
    expect(report.invalid.map((problem) => `${String(problem.file)}:${String(problem.line)} ${problem.code}`)).toEqual([
      ...caseFileProblems,
      `${contacts}:3 invalid_value`,
      `${contacts}:4 invalid_value`,
      `${observations}:3 duplicate_record`,
      `${observations}:4 invalid_type`,
    ]);
    for (const problem of report.invalid) expect(problem.message).toBe(describeProblem(fieldsOf(problem)));
    const byLine = (line: number, path = cases): InvalidRecord | undefined => report.invalid.find((problem) => problem.file === path && problem.line === line);
    expect(byLine(3)).toMatchObject({ column: 'applied', value: '2023-02-29', message: `${cases}:3 (id A2): applied "2023-02-29" is not a calendar date` });
    expect(byLine(4)).toMatchObject({ column: 'events.firstInterview', value: '2023-02-20' });
    expect(byLine(5)).toMatchObject({ column: 'pauses', value: 'soon', message: `${cases}:5: column "pauses" "soon" is not a from/to pair (write pauses as 2023-03-01/2023-03-10, several separated by | or +, an open one as 2023-03-01/)` });
    expect(byLine(6)).toMatchObject({ column: null, value: 'surplus', message: `${cases}:6: extra columns: the row has 7 cells, the header 6` });
    expect(byLine(2, ndjson)?.message).toMatch(new RegExp(`^${ndjson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: is not valid JSON: `));
    expect(byLine(4, ndjson)).toMatchObject({ field: 'decided', column: 'decided', value: '2023-02-02' });
  });

  it('lists the problems of --strict by file and line', async () => {
    const { err, code } = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--strict', ndjson]);
    expect(code).toBe(2);
    expect(err.split('\n').filter((line) => line.startsWith(`${ndjson}:`))).toHaveLength(3);
  });

  it('gives the same problems, on the same lines, in validate and evaluate', async () => {
    for (const [path, plan, period] of [[cases, 'siri-2023', '2023'], [ndjson, 'siri-2023', '2023'], [asylum, 'us-2019', '2019']] as const) {
      const validated = await run(['validate', path]);
      const evaluated = JSON.parse((await run(['evaluate', '--plan', plan, '--period', period, '--format', 'json', path])).out) as PlanReport;
      expect(evaluated.invalid.length).toBeGreaterThan(0);
      const listed = validated.out.split('\n').filter((line) => line.startsWith(`${path}:`) && line.endsWith(']'));
      expect(listed.map((line) => /^.*:(\d+)\b.*\[(\w+)\]$/.exec(line)?.slice(1).join(' '))).toEqual(evaluated.invalid.map((problem) => `${String(problem.line)} ${problem.code}`));
      expect(listed.map((line) => line.replace(/ \(value .*\) \[/, ' ['))).toEqual(evaluated.invalid.map((problem) => `${problem.message} [${problem.code}]`));
    }
    expect((await run(['validate', asylum])).out).toContain(`${asylum}:3 (id A2): events.firstInterview is before the application date (value "2018-12-20") [event_before_application]`);
  });

  it('places every problem of validate at its file and line, for contacts and observations too', async () => {
    // The observations repeat Valby on 2 September (a duplicate, as evaluate finds too) and hold a 7.
    for (const [path, kind, count] of [[contacts, 'contacts', 2], [observations, 'observations', 2]] as const) {
      const { out, code } = await run(['validate', '--kind', kind, path]);
      expect(code).toBe(2);
      const listed = out.split('\n').filter((line) => line.includes('['));
      expect(listed).toHaveLength(count);
      for (const line of listed) expect(line.startsWith(`${path}:`)).toBe(true);
    }
  });

  it('places every problem of pending at its file and line, rows the reader cannot read too', async () => {
    const { out, err, code } = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-03-25', '--format', 'json', cases, ndjson]);
    expect(code).toBe(2);
    const report = JSON.parse(out) as PendingReport;
    // Every row is a record of the pending list's input: the unreadable ones are invalid records too.
    expect(report.invalid.map((problem) => `${String(problem.file)}:${String(problem.line)} ${problem.code}`)).toEqual([
      ...caseFileProblems,
    ]);
    expect(report.counts.input).toBe(report.counts.pending + report.counts.notPending + report.counts.withoutTarget + report.counts.invalid);
    const lines = err.split('\n').filter((line) => line.endsWith(']'));
    expect(lines.map((line) => /^(.*?:\d+)/.exec(line)?.[1])).toEqual(report.invalid.map((problem) => `${String(problem.file)}:${String(problem.line)}`));
  });

  it('never rewrites a message: no .replace( on a message in src/cli', () => {
    const dir = fileURLToPath(new URL('../src/cli/', import.meta.url));
    const offending = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').map((text, i) => ({ where: `${name}:${String(i + 1)}`, text })))
      .filter(({ text }) => /\b(?!error\.)\w+\.message\??\.replace(All)?\(/.test(text));
    expect(offending).toEqual([]);
  });
});
