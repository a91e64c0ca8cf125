/**
 * User strings are never object keys of the library's own objects: case types, ids, event names,
 * channels, centres and target ids named like `Object.prototype`'s members (`__proto__`,
 * `constructor`, `toString`, …) are counted under their own names, appear as keys in JSON output,
 * and leave `Object.prototype` as it was — through the library, the file readers and the command
 * line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  aggregateCases,
  backlogReport,
  definePlan,
  evaluatePlan,
  evaluateSeries,
  explainTier,
  forecastPlan,
  getPlan,
  mergeAggregates,
  pendingAt,
  reportFromAggregate,
  type PlanAggregate,
  type PlanInput,
  type PlanReport,
} from '../src/index.js';
import { parseFieldMap, readAllRecords } from '../src/io/index.js';
import { runCli } from './cli-run.js';

/** Names of `Object.prototype`'s members and other keys with a meaning to plain objects. */
const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'prototype',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
] as const;

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** `Object.prototype` has the members it had when the tests started, and plain objects still have `Object` as their constructor. */
function expectPristinePrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect({}.constructor === Object).toBe(true);
}

afterEach(() => {
  expectPristinePrototype();
});

const hostileArb = fc.constantFrom(...HOSTILE);
/** A hostile name, or now and then an ordinary one. */
const keyArb = fc.oneof({ weight: 4, arbitrary: hostileArb }, { weight: 1, arbitrary: fc.constantFrom('visum', 'Nuuk', 'fax') });

/** Weekdays of September 2023 without holidays: every one a working day. */
const WEEKDAYS = ['2023-09-04', '2023-09-05', '2023-09-06', '2023-09-07', '2023-09-08', '2023-09-11', '2023-09-12', '2023-09-13', '2023-09-14', '2023-09-15'];

interface HostileInputs {
  cases: { id: string; caseType: string; applied: string; decided: string | null }[];
  contacts: { id: string; channel: string; at: string; waitMinutes: number }[];
  observations: { date: string; centre: string; daysToNextSlot: number }[];
}

const inputsArb: fc.Arbitrary<HostileInputs> = fc.record({
  // One case per id: a repeated case id would be invalid (convention 12).
  cases: fc.uniqueArray(
    fc.record({
      id: keyArb,
      caseType: keyArb,
      applied: fc.constantFrom('2023-03-01', '2023-06-15'),
      decided: fc.constantFrom('2023-07-30', '2023-09-30', null),
    }),
    { selector: (record) => record.id, maxLength: 25 },
  ),
  contacts: fc.array(fc.record({ id: keyArb, channel: keyArb, at: fc.constantFrom(...WEEKDAYS), waitMinutes: fc.integer({ min: 0, max: 20 }) }), { maxLength: 15 }),
  // One observation per centre and day: a second one would be invalid.
  observations: fc.uniqueArray(fc.record({ date: fc.constantFrom(...WEEKDAYS), centre: keyArb, daysToNextSlot: fc.integer({ min: 0, max: 15 }) }), {
    selector: (observation) => `${observation.centre} ${observation.date}`,
    maxLength: 15,
  }),
});

/** Counts of strings, in a Map (never an object keyed by them). */
function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** A record's own entries as a Map, whatever its prototype. */
const entriesOf = (record: Record<string, number>): Map<string, number> => new Map(Object.entries(record));

/** SIRI 2023 covers none of the names of `keyArb` as a case type, channel or centre. */
const siri2023 = getPlan('siri-2023');

function expectedWithoutTarget(inputs: HostileInputs): { cases: Map<string, number>; contacts: Map<string, number>; observations: Map<string, number> } {
  return {
    cases: tally(inputs.cases.map((record) => record.caseType)),
    contacts: tally(inputs.contacts.map((record) => record.channel)),
    observations: tally(inputs.observations.map((record) => record.centre)),
  };
}

/**
 * A plan whose target ids, group id, case types, channels, centres and clock event are named like
 * `Object.prototype`'s members, read from JSON as a plan file would be.
 */
const hostilePlan = definePlan(
  JSON.parse(`{
    "id": "hostile",
    "title": "Hostile names",
    "year": 2023,
    "targets": [
      { "id": "constructor", "label": "Cases", "caseTypes": ["__proto__", "constructor", "toString"], "tiers": [{ "limit": { "amount": 10, "unit": "days" }, "required": 0.5 }] },
      { "id": "prototype", "label": "Interviews", "caseTypes": ["isPrototypeOf"], "clock": { "start": "applied", "stop": "events.__proto__" }, "tiers": [{ "limit": { "amount": 10, "unit": "days" }, "required": 0.5 }] },
      { "id": "toString", "label": "Calls", "input": "contacts", "channels": ["__proto__", "valueOf"], "tiers": [{ "limit": { "amount": 5, "unit": "minutes" }, "required": 0.5 }] },
      { "id": "valueOf", "label": "Slots", "input": "observations", "centres": { "__proto__": 0.5, "constructor": 0.25, "hasOwnProperty": 0.25 }, "tiers": [{ "limit": { "amount": 5, "unit": "days" }, "required": 0.5 }] }
    ],
    "groups": [{ "id": "hasOwnProperty", "label": "Cases and calls", "weight": 10, "targets": ["constructor", "prototype", "toString"] }]
  }`) as PlanInput,
);
const COVERED_CASE_TYPES = new Set(['__proto__', 'constructor', 'toString']);
const COVERED_CHANNELS = new Set(['__proto__', 'valueOf']);
const PLAN_CENTRES = ['__proto__', 'constructor', 'hasOwnProperty'];

describe('hostile keys through the library', () => {
  it('property "records without a target are counted under their own case type, channel or centre"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const report = evaluatePlan(siri2023, inputs, { period: '2023' });
        const expected = expectedWithoutTarget(inputs);
        expect(entriesOf(report.withoutTarget)).toEqual(expected.cases);
        expect(entriesOf(report.contacts.withoutTarget)).toEqual(expected.contacts);
        expect(entriesOf(report.observations.withoutTarget)).toEqual(expected.observations);
      }),
      { numRuns: 150 },
    );
  });

  it('property "every input\'s counts reconcile: input is the sum of its buckets and of its records"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const { counts, contacts, observations } = evaluatePlan(hostilePlan, inputs, { period: '2023' });
        expect(counts.input).toBe(inputs.cases.length);
        expect(counts.measured + counts.pending + counts.outOfPeriod + counts.withoutTarget + counts.invalid).toBe(counts.input);
        expect(contacts.counts.input).toBe(inputs.contacts.length);
        const c = contacts.counts;
        expect(c.measured + c.unanswered + c.outOfPeriod + c.withoutTarget + c.invalid).toBe(c.input);
        expect(observations.counts.input).toBe(inputs.observations.length);
        const o = observations.counts;
        expect(o.measured + o.notWorkingDay + o.outOfPeriod + o.withoutTarget + o.invalid).toBe(o.input);
      }),
      { numRuns: 150 },
    );
  });

  it('property "a plan\'s hostile case types, channels and centres are measured under their own names"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const report = evaluatePlan(hostilePlan, inputs, { period: '2023' });
        const decidedIn2023 = inputs.cases.filter((record) => COVERED_CASE_TYPES.has(record.caseType) && record.decided !== null);
        expect(report.targets.find((target) => target.id === 'constructor')?.measured).toBe(decidedIn2023.length);
        expect(report.targets.find((target) => target.id === 'toString')?.measured).toBe(inputs.contacts.filter((record) => COVERED_CHANNELS.has(record.channel)).length);
        const centres = report.targets.find((target) => target.id === 'valueOf')?.coverage?.centres ?? [];
        const observed = tally(inputs.observations.map((record) => record.centre));
        expect(centres.map((centre) => [centre.centre, centre.observed])).toEqual(PLAN_CENTRES.map((centre) => [centre, observed.get(centre) ?? 0]));
      }),
      { numRuns: 150 },
    );
  });

  it('property "the JSON of a report lists every hostile key as a key, with its count"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const json = JSON.parse(JSON.stringify(evaluatePlan(siri2023, inputs, { period: '2023' }))) as PlanReport;
        const expected = expectedWithoutTarget(inputs);
        // JSON.parse makes every key, "__proto__" too, an own property.
        expect(entriesOf(json.withoutTarget)).toEqual(expected.cases);
        expect(entriesOf(json.contacts.withoutTarget)).toEqual(expected.contacts);
        expect(entriesOf(json.observations.withoutTarget)).toEqual(expected.observations);
      }),
      { numRuns: 100 },
    );
  });

  it('property "aggregates stored as JSON and merged give the report of the whole input"', () => {
    fc.assert(
      fc.property(inputsArb, fc.nat(), (inputs, cut) => {
        const at = inputs.cases.length === 0 ? 0 : cut % inputs.cases.length;
        const stored = (cases: HostileInputs['cases'], indexOffset: number): PlanAggregate =>
          JSON.parse(JSON.stringify(aggregateCases(hostilePlan, cases, { period: '2023', indexOffset }))) as PlanAggregate;
        const merged = reportFromAggregate(hostilePlan, mergeAggregates(stored(inputs.cases.slice(0, at), 0), stored(inputs.cases.slice(at), at)));
        const whole = evaluatePlan(hostilePlan, inputs.cases, { period: '2023' });
        expect(entriesOf(merged.withoutTarget)).toEqual(entriesOf(whole.withoutTarget));
        expect(merged.counts).toEqual(whole.counts);
        expect(merged.targets.map((target) => target.measured)).toEqual(whole.targets.map((target) => target.measured));
      }),
      { numRuns: 100 },
    );
  });

  it('property "the reports of a series count hostile keys as evaluatePlan does for each period"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const periods = ['2023-Q1', '2023-H2', '2023'];
        const series = evaluateSeries(hostilePlan, inputs, { periods });
        series.forEach((report, i) => {
          const single = evaluatePlan(hostilePlan, inputs, { period: periods[i] as string });
          expect(entriesOf(report.withoutTarget)).toEqual(entriesOf(single.withoutTarget));
          expect(report.counts).toEqual(single.counts);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('property "a case\'s hostile event name stops the clock of the target that names it"', () => {
    const eventArb = fc.record({ id: keyArb, days: fc.integer({ min: 0, max: 30 }), other: hostileArb });
    fc.assert(
      // One case per id: a repeated case id would be invalid (convention 12).
      fc.property(fc.uniqueArray(eventArb, { selector: (spec) => spec.id, maxLength: 10 }), (specs) => {
        const cases = specs.map(({ id, days, other }) => ({
          id,
          caseType: 'isPrototypeOf',
          applied: '2023-03-01',
          decided: '2023-05-31',
          // From JSON, "__proto__" is an own key of the events object.
          events: JSON.parse(`{ "__proto__": "2023-03-${String(1 + days).padStart(2, '0')}", "${other === '__proto__' ? 'x' : other}": "2023-03-01" }`) as Record<string, string>,
        }));
        const report = evaluatePlan(hostilePlan, cases, { period: '2023' });
        const tier = report.targets.find((target) => target.id === 'prototype')?.tiers[0];
        expect(tier?.measured).toBe(specs.length);
        expect(tier?.kind === 'share' ? tier.within : null).toBe(specs.filter(({ days }) => days <= 10).length);
      }),
      { numRuns: 100 },
    );
  });

  it('property "pendingAt lists the open cases of hostile case types under their target"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const pending = pendingAt(hostilePlan, inputs.cases, { asOf: '2023-12-31' });
        const open = inputs.cases.filter((record) => COVERED_CASE_TYPES.has(record.caseType) && record.decided === null);
        expect(pending.cases.filter((entry) => entry.targetId === 'constructor').map((entry) => entry.id).sort()).toEqual(open.map((record) => record.id).sort());
        expect(pending.counts.input).toBe(pending.counts.pending + pending.counts.notPending + pending.counts.withoutTarget + pending.counts.invalid);
      }),
      { numRuns: 100 },
    );
  });

  it('property "a forecast reads the inflow of a target named like a member of Object.prototype from the option only"', () => {
    fc.assert(
      fc.property(inputsArb, fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), (inputs, inflow) => {
        const option: Record<string, number> = JSON.parse(inflow === undefined ? '{}' : `{ "constructor": ${inflow} }`) as Record<string, number>;
        const forecast = forecastPlan(hostilePlan, inputs.cases, { asOf: '2023-06-30', inflow: option });
        expect(forecast.targets.find((target) => target.id === 'constructor')?.tiers[0]?.inflow).toBe(inflow ?? 0);
        expect(forecast.targets.find((target) => target.id === 'prototype')?.tiers[0]?.inflow).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('property "backlog has one row per case type, hostile ones included, with its incoming cases"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const report = backlogReport(inputs.cases, { period: '2023' });
        expect(new Map(report.rows.map((row) => [row.caseType, row.incoming]))).toEqual(tally(inputs.cases.map((record) => record.caseType)));
      }),
      { numRuns: 100 },
    );
  });

  it('property "explainTier lists every measured case of hostile case types of a target named constructor"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const all = [...explainTier(hostilePlan, inputs.cases, { target: 'constructor', outcome: 'all', period: '2023' })];
        const measured = inputs.cases.flatMap((record, index) => (COVERED_CASE_TYPES.has(record.caseType) && record.decided !== null ? [index] : []));
        expect(all.map((entry) => entry.index)).toEqual(measured);
      }),
      { numRuns: 100 },
    );
  });

  it('property "group scoring rules are read for the plan\'s own groups only"', () => {
    fc.assert(
      fc.property(inputsArb, fc.boolean(), (inputs, withRule) => {
        const groupScoring = withRule ? (JSON.parse('{ "hasOwnProperty": "all-met" }') as Record<string, 'all-met'>) : {};
        const report = evaluatePlan(hostilePlan, inputs, { period: '2023', groupScoring });
        // Without a rule the group is not scored, even though {} inherits a hasOwnProperty function.
        expect(report.groups[0]?.scoring).toBe(withRule ? 'rule' : null);
      }),
      { numRuns: 60 },
    );
  });

  it('property "evaluating hostile inputs adds nothing to Object.prototype"', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        evaluatePlan(siri2023, inputs, { period: '2023' });
        evaluatePlan(hostilePlan, inputs, { period: '2023' });
        pendingAt(hostilePlan, inputs.cases, { asOf: '2023-06-30' });
        forecastPlan(hostilePlan, inputs, { asOf: '2023-06-30' });
        backlogReport(inputs.cases, { period: '2023' });
        expectPristinePrototype();
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile keys through the file readers', () => {
  it('property "a CSV row\'s hostile id, case type and event name come through the reader unchanged"', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ id: keyArb, caseType: keyArb, event: hostileArb }), { minLength: 1, maxLength: 10 }), async (rows) => {
        const names = [...new Set(rows.map((row) => row.event))];
        const header = ['id', 'caseType', 'applied', 'decided', ...names.map((name) => `events.${name}`)].join(';');
        const lines = rows.map((row) => [row.id, row.caseType, '2023-03-01', '2023-03-20', ...names.map((name) => (name === row.event ? '2023-03-05' : ''))].join(';'));
        const { records } = await readAllRecords({ text: `${header}\n${lines.join('\n')}\n` });
        expect(records.map((record) => [record['id'], record['caseType'], Object.entries(record['events'] as Record<string, string>)])).toEqual(
          rows.map((row) => [row.id, row.caseType, [[row.event, '2023-03-05']]]),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('property "a JSON record\'s hostile event keys become event names, and nothing else"', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(hostileArb, { minLength: 1, maxLength: 5 }), async (events) => {
        const flat = events.map((name) => `"events.${name}": "2023-03-05"`).join(', ');
        const text = `[{ "id": "A1", "caseType": "eu", "applied": "2023-03-01", ${flat} }]`;
        const { records } = await readAllRecords({ text }, { format: 'json' });
        expect(Object.keys(records[0]?.['events'] as object).sort()).toEqual([...events].sort());
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a field map entry named __proto__, not dropped: it names the attribute __proto__, an own key of the record\'s attributes', async () => {
    const map = parseFieldMap('__proto__=kind,applied=indgivet');
    expect(Object.keys(map)).toEqual(['__proto__', 'applied']);
    const { records } = await readAllRecords({ text: 'id;caseType;kind;indgivet\nA1;eu;first;2023-03-01\n' }, { map });
    const attributes = records[0]?.['attributes'] as Record<string, string>;
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(Object.entries(attributes)).toEqual([['__proto__', 'first']]);
  });

  it('property "hostile attribute names in a file scope a target named like them, and are counted under their own names"', async () => {
    const plan = definePlan(
      JSON.parse(`{
        "id": "hostile-scope", "title": "Hostile scope", "year": 2023,
        "targets": [{ "id": "t", "label": "T", "caseTypes": ["eu"], "where": { "__proto__": "first", "constructor": { "notOneOf": ["x"] } }, "tiers": [{ "limit": { "amount": 10, "unit": "days" }, "required": 0.5 }] }]
      }`) as PlanInput,
    );
    expect(plan.targets[0]?.where.map((condition) => condition.attribute)).toEqual(['__proto__', 'constructor']);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('first', 'second', ''), { maxLength: 20 }), fc.array(fc.constantFrom('x', 'y', ''), { maxLength: 20 }), async (protos, constructors) => {
        const rows = protos.map((proto, i) => `A${i};eu;2023-03-01;2023-03-05;${proto};${constructors[i] ?? ''}`);
        const { records } = await readAllRecords({ text: `id;caseType;applied;decided;p;c\n${rows.join('\n')}\n` }, { map: JSON.parse('{ "__proto__": "p", "constructor": "c" }') as Record<string, string> });
        const report = evaluatePlan(plan, records);
        const inScope = protos.filter((proto, i) => proto !== 'second' && constructors[i] !== 'x').length;
        expect(report.targets[0]?.measured).toBe(inScope);
        expect(report.withoutTargetReasons.outOfScope).toEqual(inScope === protos.length ? {} : { eu: protos.length - inScope });
        const missing = JSON.parse(JSON.stringify(report.scope.missing)) as Record<string, number>;
        const lacking = (values: readonly string[]) => values.filter((value) => value === '').length;
        const pairs: [string, number][] = [['__proto__', lacking(protos)], ['constructor', lacking(protos.map((_, i) => constructors[i] ?? ''))]];
        const expected = pairs.filter(([, count]) => count > 0);
        expect(Object.entries(missing).sort()).toEqual(expected.sort());
      }),
      { numRuns: 40 },
    );
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-hostile-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const run = runCli;

/** The inputs as CSV files (cases on standard input). */
function csvFiles(inputs: HostileInputs): { cases: string; contacts: string; observations: string } {
  const contacts = join(scratch, 'contacts.csv');
  const observations = join(scratch, 'observations.csv');
  writeFileSync(contacts, ['id,channel,at,waitMinutes', ...inputs.contacts.map((r) => `${r.id},${r.channel},${r.at},${r.waitMinutes}`)].join('\n') + '\n');
  writeFileSync(observations, ['date,centre,daysToNextSlot', ...inputs.observations.map((r) => `${r.date},${r.centre},${r.daysToNextSlot}`)].join('\n') + '\n');
  const cases = ['id,caseType,applied,decided', ...inputs.cases.map((r) => `${r.id},${r.caseType},${r.applied},${r.decided ?? ''}`)].join('\n') + '\n';
  return { cases, contacts, observations };
}

describe('hostile keys through the command line', () => {
  it('property "the JSON report of evaluate counts hostile keys without a target under their own names"', async () => {
    await fc.assert(
      fc.asyncProperty(inputsArb, async (inputs) => {
        const files = csvFiles(inputs);
        const result = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--threads', '1', '--contacts', files.contacts, '--observations', files.observations, '-'], files.cases);
        // The cases have no applicationKind column: the only message is the warning that says so.
        expect(result.err.replace(/^servicemaal: warning: the plan's scopes test applicationKind, but no column feeds it: .*\n/, '')).toBe('');
        expect(result.code).toBe(0);
        const report = JSON.parse(result.out) as PlanReport;
        const expected = expectedWithoutTarget(inputs);
        expect(entriesOf(report.withoutTarget)).toEqual(expected.cases);
        expect(entriesOf(report.contacts.withoutTarget)).toEqual(expected.contacts);
        expect(entriesOf(report.observations.withoutTarget)).toEqual(expected.observations);
        expectPristinePrototype();
      }),
      { numRuns: 15 },
    );
  });

  it('property "the table report of evaluate names every hostile key without a target with its count"', async () => {
    await fc.assert(
      fc.asyncProperty(inputsArb.filter((inputs) => inputs.cases.length > 0), async (inputs) => {
        const files = csvFiles(inputs);
        const result = await run(['evaluate', '--plan', 'siri-2023', '--period', '2023', '--threads', '1', '-'], files.cases);
        expect(result.code).toBe(0);
        const line = result.out.split('\n').find((text) => text.trim().startsWith('cases, no target covers the case type:')) ?? '';
        for (const [caseType, count] of tally(inputs.cases.map((record) => record.caseType))) expect(line).toContain(`${caseType} ${count}`);
      }),
      { numRuns: 15 },
    );
  });
});

describe('the findings behind these properties', () => {
  it('answers help for a command named like a member of Object.prototype as an unknown command', async () => {
    for (const command of HOSTILE) {
      const result = await run([command, '--help']);
      expect(result.code, command).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toContain(`unknown command "${command}"`);
    }
  });

  it('leaves Object.prototype alone when an observation names the centre __proto__', () => {
    evaluatePlan(getPlan('siri-2023'), { observations: [{ date: '2023-09-04', centre: '__proto__', daysToNextSlot: 3 }] });
    expect(Object.keys(Object.prototype)).toEqual([]);
    // A later evaluation reads its records as usual.
    expect(evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' }]).counts.invalid).toBe(0);
  });

  it('counts case types named constructor, toString and __proto__ as 1 each, not as functions or nothing', () => {
    const cases = ['constructor', 'toString', '__proto__'].map((caseType, i) => ({ id: `A${i}`, caseType, applied: '2023-03-01', decided: '2023-03-02' }));
    const report = evaluatePlan(getPlan('siri-2023'), cases);
    expect(Object.entries(report.withoutTarget)).toEqual([['constructor', 1], ['toString', 1], ['__proto__', 1]]);
    expect(JSON.stringify(report.withoutTarget)).toBe('{"constructor":1,"toString":1,"__proto__":1}');
  });

  it('keeps a plan centre named __proto__ from JSON, and measures it', () => {
    const centres = hostilePlan.targets.find((target) => target.id === 'valueOf')?.centres ?? {};
    expect(Object.entries(centres)).toEqual([['__proto__', 0.5], ['constructor', 0.25], ['hasOwnProperty', 0.25]]);
    const report = evaluatePlan(hostilePlan, { observations: [{ date: '2023-09-04', centre: '__proto__', daysToNextSlot: 3 }, { date: '2023-09-04', centre: 'toString', daysToNextSlot: 3 }] });
    expect(report.observations.counts).toEqual({ input: 2, measured: 1, notWorkingDay: 0, outOfPeriod: 0, withoutTarget: 1, invalid: 0 });
    expect(Object.entries(report.observations.withoutTarget)).toEqual([['toString', 1]]);
  });

  it('checks a plan centre named __proto__ like any other centre', () => {
    const plan = JSON.parse(JSON.stringify(hostilePlan).replace('"__proto__":0.5', '"__proto__":"half"')) as unknown;
    expect(() => definePlan(plan as never)).toThrow(/must be a weight from 0 to 1 \(at targets\.3\.centres\.__proto__\)/);
  });

  it('runs the command line on observations of centres named constructor and __proto__', async () => {
    const files = csvFiles({ cases: [], contacts: [], observations: [{ date: '2023-09-04', centre: 'constructor', daysToNextSlot: 3 }, { date: '2023-09-04', centre: '__proto__', daysToNextSlot: 3 }] });
    const result = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--observations', files.observations, '-'], files.cases);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('"__proto__": 1');
    expect(Object.entries((JSON.parse(result.out) as PlanReport).observations.withoutTarget)).toEqual([['constructor', 1], ['__proto__', 1]]);
  });
});

describe('problem counts of stored aggregates', () => {
  it('count a problem code read from storage as an own key, whatever it is', () => {
    const plan = getPlan('siri-2023');
    const aggregate = aggregateCases(plan, [{ id: 'A1', caseType: 'eu', applied: '2023-02-29' }], { period: '2023' });
    // An aggregate saved before problem counts existed, edited so that its one problem's code is hostile.
    const stored = JSON.parse(JSON.stringify(aggregate)) as Record<string, unknown> & { invalid: { code: string }[] };
    delete stored['invalidCounts'];
    delete stored['invalidOmitted'];
    delete stored['maxProblems'];
    (stored.invalid[0] as { code: string }).code = '__proto__';
    const merged = mergeAggregates(stored as unknown as PlanAggregate, aggregateCases(plan, [], { period: '2023', indexOffset: 1 }));
    expect(Object.entries(merged.invalidCounts)).toEqual([['__proto__', 1]]);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
