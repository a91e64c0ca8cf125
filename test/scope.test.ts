import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cataloguePlanArb, caseSpaceFor, mixedScenarioArb, periodArb, validCasesArb } from './arbitraries.js';
import { thrown } from './helpers.js';
import { referenceEvaluate } from './reference.js';
import {
  aggregateCases,
  defineTarget,
  definePlan,
  evaluatePlan,
  explainTier,
  formatScope,
  getPlan,
  pendingAt,
  mergeAggregates,
  readCaseRecord,
  reportFromAggregate,
  type MissingAttributes,
  type PlanAggregate,
} from '../src/index.js';

const tiers = [{ limit: { amount: 30, unit: 'days' as const }, required: 0.9 }];

/** Studie split into first-time applications and extensions; EU without a scope. */
const plan = definePlan({
  id: 'scoped',
  title: 'Scoped plan',
  year: 2023,
  targets: [
    { id: 'studie-first', label: 'Studie, 1. gang', caseTypes: ['studie'], where: { applicationKind: 'first' }, tiers },
    { id: 'studie-simple', label: 'Studie, simple', caseTypes: ['studie'], where: { applicationKind: { oneOf: ['first', 'extension'] }, complexity: { notOneOf: ['complex'] } }, tiers },
    { id: 'eu', label: 'EU', caseTypes: ['eu'], tiers },
  ],
});

/** A case decided 9 days after its application, with attributes and flag. */
const sag = (id: string, caseType: string, attributes?: Record<string, string | null> | null, withoutTarget?: boolean) => ({
  id,
  caseType,
  applied: '2023-03-01',
  decided: '2023-03-10',
  ...(attributes === undefined ? {} : { attributes }),
  ...(withoutTarget === undefined ? {} : { withoutTarget }),
});

const measuredBy = (report: ReturnType<typeof evaluatePlan>) => report.targets.map((target) => [target.id, target.measured]);

describe('case attributes and the flag withoutTarget', () => {
  it('reads attributes into a Map of the non-empty values, and the flag', () => {
    const read = readCaseRecord({ ...sag('A1', 'studie', { applicationKind: 'first', complexity: null, channel: '' }), withoutTarget: true }, 0);
    expect(Array.isArray(read)).toBe(false);
    if (Array.isArray(read)) return;
    expect([...(read.attributes ?? [])]).toEqual([['applicationKind', 'first']]);
    expect(read.flagged).toBe(true);
    const plain = readCaseRecord(sag('A2', 'studie'), 1);
    expect(Array.isArray(plain) ? null : [plain.attributes, plain.flagged]).toEqual([null, false]);
  });

  it('makes a record with attributes that are not text, or a flag that is not a boolean, invalid, naming the field', () => {
    const messages = (record: unknown) => {
      const read = readCaseRecord(record, 4);
      return Array.isArray(read) ? read.map((problem) => problem.message) : [];
    };
    expect(messages({ ...sag('A1', 'studie'), attributes: 'first' })).toEqual(['record 4 (id A1): attributes must be an object of text values { name: value }']);
    expect(messages({ ...sag('A1', 'studie'), attributes: ['first'] })).toEqual(['record 4 (id A1): attributes must be an object of text values { name: value }']);
    expect(messages({ ...sag('A1', 'studie'), attributes: { applicationKind: 1 } })).toEqual(['record 4 (id A1): attributes.applicationKind must be a string, got number']);
    expect(messages({ ...sag('A1', 'studie'), withoutTarget: 'yes' })).toEqual(['record 4 (id A1): withoutTarget must be true, false or null, got string']);
    expect(evaluatePlan(plan, [{ ...sag('A1', 'studie'), withoutTarget: 1 }]).counts.invalid).toBe(1);
  });
});

describe('target scopes (where)', () => {
  it('normalises each way of writing a condition to a list of conditions', () => {
    const target = defineTarget({
      id: 't',
      label: 'T',
      caseTypes: ['studie'],
      where: { a: 'x', b: ['x', 'y'], c: { oneOf: ['z'] }, d: { notOneOf: ['u', 'v'] } },
      tiers,
    });
    expect(target.where).toEqual([
      { attribute: 'a', op: 'oneOf', values: ['x'] },
      { attribute: 'b', op: 'oneOf', values: ['x', 'y'] },
      { attribute: 'c', op: 'oneOf', values: ['z'] },
      { attribute: 'd', op: 'notOneOf', values: ['u', 'v'] },
    ]);
    expect(formatScope(target.where)).toBe('a = x; b ∈ {x, y}; c = z; d ∉ {u, v}');
    expect(defineTarget({ id: 't', label: 'T', caseTypes: ['studie'], tiers }).where).toEqual([]);
    // A defined target passes through definePlan again unchanged.
    expect(definePlan(plan).targets.map((entry) => entry.where)).toEqual(plan.targets.map((entry) => entry.where));
  });

  it('refuses an empty list, oneOf with notOneOf, values that are not text, and a scope on contacts, naming the attribute', () => {
    const problem = (where: unknown, input?: 'contacts') => {
      const error = thrown(() => defineTarget({ id: 't', label: 'T', ...(input === undefined ? { caseTypes: ['studie'] } : { input, channels: ['phone'] }), where: where as Record<string, string>, tiers: input === undefined ? tiers : [{ limit: { amount: 5, unit: 'minutes' }, required: 0.8 }] }));
      return error.issues.map((issue) => [issue.path.join('.'), issue.message]);
    };
    expect(problem({ applicationKind: [] })).toEqual([['where.applicationKind', 'must list at least one value']]);
    expect(problem({ applicationKind: { oneOf: ['first'], notOneOf: ['extension'] } })).toEqual([['where.applicationKind', 'give oneOf or notOneOf, not both']]);
    expect(problem({ applicationKind: { oneOf: [1] } })).toEqual([['where.applicationKind.oneOf', 'must list values as non-empty text']]);
    expect(problem({ applicationKind: 7 })).toEqual([['where.applicationKind', 'must be a value, a list of values, { oneOf: [...] } or { notOneOf: [...] }']]);
    expect(problem({ applicationKind: '' })).toEqual([['where.applicationKind', 'must not be empty']]);
    expect(problem({ applicationKind: 'first' }, 'contacts')).toEqual([['where', 'target "t": a target on contacts has no scope on case attributes']]);
  });
});

describe('convention 8: cases without target, by reason', () => {
  it('puts each case in one bucket: measured by the targets whose scope holds, else out of scope, no target or flagged', () => {
    const report = evaluatePlan(plan, [
      sag('F1', 'studie', { applicationKind: 'first' }), // both studie targets
      sag('F2', 'studie', { applicationKind: 'first', complexity: 'complex' }), // studie-first only
      sag('X1', 'studie', { applicationKind: 'extension' }), // studie-simple only
      sag('X2', 'studie', { applicationKind: 'extension', complexity: 'complex' }), // neither: out of scope
      sag('R1', 'studie', { applicationKind: 'renewal' }), // neither: out of scope
      sag('E1', 'eu', { applicationKind: 'extension' }), // EU has no scope: measured
      sag('E2', 'eu', null, true), // flagged by the agency
      sag('V1', 'visa', { applicationKind: 'first' }), // no target covers visa
      sag('V2', 'visa', null, true), // flagged, whatever its type
    ]);
    expect(measuredBy(report)).toEqual([['studie-first', 2], ['studie-simple', 2], ['eu', 1]]);
    expect(report.counts).toEqual({ input: 9, measured: 4, pending: 0, outOfPeriod: 0, withoutTarget: 5, invalid: 0 });
    expect(report.withoutTarget).toEqual({ studie: 2, eu: 1, visa: 2 });
    expect(report.withoutTargetReasons).toEqual({ noTarget: { visa: 1 }, outOfScope: { studie: 2 }, flagged: { eu: 1, visa: 1 } });
    // F1, X1 and R1 lack complexity, which studie-simple's scope tests (whether or not it decided their bucket).
    expect(report.scope).toEqual({ scoped: true, missingAttributes: 'inScope', missing: { complexity: 3 } });
  });

  it('counts a flagged pending case as flagged, not pending, and withoutTarget false like no flag', () => {
    const report = evaluatePlan(plan, [{ ...sag('F1', 'eu'), decided: null, withoutTarget: true }, { ...sag('F2', 'eu'), withoutTarget: false }]);
    expect(report.counts).toMatchObject({ pending: 0, measured: 1, withoutTarget: 1 });
    expect(report.withoutTargetReasons.flagged).toEqual({ eu: 1 });
  });
});

describe('the missingAttributes option', () => {
  const cases = [
    sag('M1', 'studie'), // lacks applicationKind and complexity
    sag('M2', 'studie', { applicationKind: 'first' }), // lacks complexity
    sag('M3', 'studie', { applicationKind: 'first', complexity: 'simple' }),
    sag('E1', 'eu'), // no scope tests anything of EU cases
  ];

  it('inScope (default): a lacking attribute meets its condition, and the records it decided are counted per attribute', () => {
    const report = evaluatePlan(plan, cases);
    expect(measuredBy(report)).toEqual([['studie-first', 3], ['studie-simple', 3], ['eu', 1]]);
    expect(report.scope).toEqual({ scoped: true, missingAttributes: 'inScope', missing: { applicationKind: 1, complexity: 2 } });
  });

  it('outOfScope: a lacking attribute fails its condition', () => {
    const report = evaluatePlan(plan, cases, { missingAttributes: 'outOfScope' });
    // M1 fails both; M2 meets studie-first and fails studie-simple's complexity condition.
    expect(measuredBy(report)).toEqual([['studie-first', 2], ['studie-simple', 1], ['eu', 1]]);
    expect(report.withoutTargetReasons.outOfScope).toEqual({ studie: 1 });
    expect(report.scope.missing).toEqual({ applicationKind: 1, complexity: 2 });
  });

  it('invalid: a record lacking a tested attribute is invalid, problem missing_attribute naming it', () => {
    const report = evaluatePlan(plan, cases, { missingAttributes: 'invalid' });
    expect(report.counts).toMatchObject({ invalid: 2, measured: 2 });
    expect(report.invalid.map((problem) => [problem.code, problem.field, problem.message])).toEqual([
      ['missing_attribute', 'attributes.applicationKind', 'record 0 (id M1): attributes.applicationKind is missing: the scope of target "studie-first" tests it'],
      ['missing_attribute', 'attributes.complexity', 'record 1 (id M2): attributes.complexity is missing: the scope of target "studie-simple" tests it'],
    ]);
    expect(report.scope.missing).toEqual({});
  });

  it('refuses any other value', () => {
    const error = thrown(() => evaluatePlan(plan, cases, { missingAttributes: 'ignore' as 'inScope' }));
    expect(error.issues[0]).toMatchObject({ code: 'invalid_option', path: ['missingAttributes'] });
    expect(error.issues[0]?.message).toBe('missingAttributes must be "inScope", "outOfScope", "invalid", got "ignore"');
  });
});

describe('aggregates with scopes', () => {
  const records = [sag('F1', 'studie', { applicationKind: 'first' }), sag('R1', 'studie', { applicationKind: 'renewal' }), sag('V1', 'visa'), sag('E1', 'eu', null, true)];

  it('are version 3 and merge the reasons and the missing counts', () => {
    const first = aggregateCases(plan, records.slice(0, 2));
    const second = aggregateCases(plan, [...records.slice(2), sag('M1', 'studie')], { indexOffset: 2 });
    expect(first.version).toBe(3);
    const whole = mergeAggregates(first, second);
    expect(whole.withoutTargetReasons).toEqual({ noTarget: { visa: 1 }, outOfScope: { studie: 1 }, flagged: { eu: 1 } });
    expect(whole.scope).toEqual({ missingAttributes: 'inScope', missing: { applicationKind: 1, complexity: 3 } });
  });

  it('refuse to merge aggregates counted with different missing-attribute policies', () => {
    const error = thrown(() => mergeAggregates(aggregateCases(plan, records), aggregateCases(plan, [], { missingAttributes: 'outOfScope' })));
    expect(error.issues[0]?.code).toBe('incompatible_aggregates');
    expect(error.message).toContain('different missingAttributes policies ("inScope" and "outOfScope")');
  });

  it('accept a version-2 aggregate: every case without target has no target', () => {
    const stored = JSON.parse(JSON.stringify(aggregateCases(plan, [sag('V1', 'visa'), sag('F1', 'studie', { applicationKind: 'first' })]))) as Record<string, unknown>;
    stored['version'] = 2;
    delete stored['withoutTargetReasons'];
    delete stored['scope'];
    const old = stored as unknown as PlanAggregate;
    expect(reportFromAggregate(plan, old).withoutTargetReasons).toEqual({ noTarget: { visa: 1 }, outOfScope: {}, flagged: {} });
    const merged = mergeAggregates(old, aggregateCases(plan, [sag('E1', 'eu', null, true)]));
    expect([merged.version, merged.withoutTargetReasons, merged.scope]).toEqual([3, { noTarget: { visa: 1 }, outOfScope: {}, flagged: { eu: 1 } }, { missingAttributes: 'inScope', missing: {} }]);
  });

  it('are refused when the reasons do not add up to the cases without target', () => {
    const stored = JSON.parse(JSON.stringify(aggregateCases(plan, records))) as PlanAggregate;
    stored.withoutTargetReasons.flagged['eu'] = 2;
    expect(thrown(() => reportFromAggregate(plan, stored)).message).toContain('withoutTargetReasons count 2 cases of "eu", but withoutTarget counts 1');
    const policy = JSON.parse(JSON.stringify(aggregateCases(plan, records))) as { scope: { missingAttributes: string } };
    policy.scope.missingAttributes = 'maybe';
    expect(thrown(() => reportFromAggregate(plan, policy as unknown as PlanAggregate)).message).toContain('scope.missingAttributes must be "inScope", "outOfScope" or "invalid", got "maybe"');
  });
});

describe('the reports on single cases honour scopes and flags', () => {
  const siri2023 = getPlan('siri-2023');
  const open = (id: string, attributes?: Record<string, string>, withoutTarget?: boolean) => ({
    id,
    caseType: 'fast-track',
    applied: '2023-08-20',
    decided: null,
    ...(attributes === undefined ? {} : { attributes }),
    ...(withoutTarget === undefined ? {} : { withoutTarget }),
  });

  it('pendingAt lists an open case only under the targets whose scope it is in, and none for a flagged case', () => {
    const pending = pendingAt(siri2023, [open('F1', { applicationKind: 'first' }), open('F2', { applicationKind: 'extension' }), open('F3', undefined, true), open('F4')], { asOf: '2023-09-30' });
    expect(pending.cases.map((entry) => entry.id)).toEqual(['F1', 'F4']);
    expect(pending.counts).toMatchObject({ input: 4, pending: 2, withoutTarget: 2 });
  });

  it('explainTier lists only the cases the target measures', () => {
    const late = (id: string, applicationKind: string) => ({ id, caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15', attributes: { applicationKind } });
    const listed = [...explainTier(siri2023, [late('A1', 'first'), late('A2', 'extension'), { ...late('A3', 'first'), withoutTarget: true }], { target: 'fast-track', period: '2023' })];
    expect(listed.map((entry) => entry.id)).toEqual(['A1']);
  });
});

describe('properties of scopes and flags', () => {
  const policyArb = fc.constantFrom<MissingAttributes>('inScope', 'outOfScope', 'invalid');

  it('property "every record lands in exactly one bucket, whatever its attributes, flag and the policy"', () => {
    fc.assert(
      fc.property(mixedScenarioArb(30), policyArb, ({ plan, period, input }, missingAttributes) => {
        const whole = evaluatePlan(plan, input.records, { period, missingAttributes }).counts;
        const sum = { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 };
        for (const record of input.records) {
          const alone = evaluatePlan(plan, [record], { period, missingAttributes }).counts;
          expect([alone.measured, alone.pending, alone.outOfPeriod, alone.withoutTarget, alone.invalid].filter((count) => count === 1)).toHaveLength(1);
          for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += alone[key];
        }
        expect(whole).toEqual(sum);
      }),
      { numRuns: 60 },
    );
  });

  it('property "the cases without target by reason add up, per case type, to those without target"', () => {
    fc.assert(
      fc.property(mixedScenarioArb(), policyArb, ({ plan, period, input }, missingAttributes) => {
        const report = evaluatePlan(plan, input.records, { period, missingAttributes });
        const byType = new Map<string, number>();
        for (const reason of ['noTarget', 'outOfScope', 'flagged'] as const) {
          for (const [caseType, count] of Object.entries(report.withoutTargetReasons[reason])) byType.set(caseType, (byType.get(caseType) ?? 0) + count);
        }
        expect(Object.fromEntries(byType)).toEqual({ ...report.withoutTarget });
        expect([...byType.values()].reduce((total, count) => total + count, 0)).toBe(report.counts.withoutTarget);
      }),
    );
  });

  it('property "for every bundled plan, evaluatePlan on cases with attributes and flags equals the reference computation"', () => {
    fc.assert(
      fc.property(cataloguePlanArb.chain((plan) => periodArb.chain((period) => validCasesArb(80, caseSpaceFor(plan, period)).map((cases) => ({ plan, period, cases })))), ({ plan, period, cases }) => {
        const report = evaluatePlan(plan, cases, { period });
        const reference = referenceEvaluate(plan, cases, period);
        expect(report.counts).toEqual(reference.counts);
        expect(report.withoutTargetReasons).toEqual(reference.withoutTargetReasons);
        expect(report.targets.map((target) => [target.id, target.measured, target.pending, target.tiers.map((tier) => (tier.kind === 'share' ? tier.within : tier.mean))])).toEqual(
          reference.targets.map((target) => [target.id, target.measured, target.pending, target.tiers.map((tier) => tier.within ?? tier.mean)]),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('property "for every bundled plan, cases with attributes, flags and repeated ids give the reference computation, first or last"', () => {
    const scenarioArb = cataloguePlanArb.chain((plan) =>
      periodArb.chain((period) =>
        validCasesArb(80, caseSpaceFor(plan, period)).chain((cases) =>
          // Ids from a small pool, so that overlapping extracts repeat them at any distance.
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: cases.length, maxLength: cases.length }).map((pool) => ({
            plan,
            period,
            cases: cases.map((record, i) => ({ ...record, id: `s${String(pool[i])}` })),
          })),
        ),
      ),
    );
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom<'first' | 'last'>('first', 'last'), ({ plan, period, cases }, duplicates) => {
        const report = evaluatePlan(plan, cases, { period, duplicates });
        const reference = referenceEvaluate(plan, cases, period, duplicates);
        expect(report.counts).toEqual(reference.counts);
        expect(report.withoutTargetReasons).toEqual(reference.withoutTargetReasons);
        expect(report.targets.map((target) => [target.id, target.measured, target.pending, target.tiers.map((tier) => (tier.kind === 'share' ? tier.within : tier.mean))])).toEqual(
          reference.targets.map((target) => [target.id, target.measured, target.pending, target.tiers.map((tier) => tier.within ?? tier.mean)]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
