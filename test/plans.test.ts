import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';
import {
  catalogue,
  definePlan,
  defineTarget,
  evaluatePlan,
  getPlan,
  listPlans,
  registerCaseTypes,
  seedCaseTypes,
  type Issue,
  type PlanInput,
  type ServicePlan,
  type Citation,
  formatSource,
  type Source,
  type TargetInput,
} from '../src/index.js';


/** The plan of the documentation, exactly as a user would write it in a JSON file. */
const VISA_JSON = `{
  "id": "visa-2025",
  "title": "Visa service targets 2025",
  "year": 2025,
  "targets": [
    {
      "id": "visa",
      "label": "Visa",
      "caseTypes": ["visa"],
      "tiers": [ { "limit": { "amount": 15, "unit": "days" }, "required": 0.9, "weight": 5 } ]
    }
  ]
}`;

/** Loosely typed drafts of plan JSON, to break on purpose. */
interface DraftTier {
  limit: { amount: number; unit: string };
  required?: number | null;
  require?: number | null;
  weight?: number;
}
interface DraftTarget {
  id: string;
  label: string;
  caseTypes?: string[];
  tiers: DraftTier[];
  weight?: number;
  clock?: Record<string, string>;
  aggregate?: string;
  source?: object;
}
interface DraftPlan {
  id: string;
  year?: number;
  targets: DraftTarget[];
  groups?: { id: string; label: string; weight?: number; targets: string[] }[];
  [key: string]: unknown;
}

/** The documented plan with a change applied to a fresh copy (given the plan, its target and tier). */
function visaWith(change: (plan: DraftPlan, target: DraftTarget, tier: DraftTier) => void): unknown {
  const plan = JSON.parse(VISA_JSON) as DraftPlan;
  const target = plan.targets[0];
  const tier = target?.tiers[0];
  if (target === undefined || tier === undefined) throw new Error('the documented plan has a target with a tier');
  change(plan, target, tier);
  return plan;
}

/** The issues definePlan reports for an input; every one must be coded invalid_plan. */
function planIssues(input: unknown): readonly Issue[] {
  const error = thrown(() => definePlan(input as PlanInput));
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) expect(issue.code).toBe('invalid_plan');
  return error.issues;
}

const paths = (issues: readonly Issue[]) => issues.map((issue) => issue.path);

const visaTarget = (id: string, weight: number) => ({
  id,
  label: id,
  caseTypes: [id],
  tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight }],
});

describe('the documented JSON plan shape', () => {
  it('is accepted as parsed JSON text and normalised with defaults', () => {
    const plan = definePlan(JSON.parse(VISA_JSON) as PlanInput);
    expect(plan).toEqual({
      id: 'visa-2025',
      title: 'Visa service targets 2025',
      authority: null,
      year: 2025,
      period: null,
      targets: [
        {
          id: 'visa',
          label: 'Visa',
          caseTypes: ['visa'],
          areas: [],
          where: [],
          clock: { start: 'applied', stop: 'decided' },
          aggregate: 'share',
          tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9, weight: 5, label: null, source: null }],
          weight: 5,
          source: null,
          input: 'cases',
          calendar: null,
          subtractPauses: false,
          period: null,
          channels: [],
          centres: null,
          centreScoring: 'met-centres',
          effective: { from: null, until: null, by: 'decided' },
        },
      ],
      groups: [],
      notEvaluable: [],
      documents: [],
      notes: [],
      calendar: null,
      addenda: [],
      requirements: [],
      totalWeight: null,
    });
  });

  it('evaluates a case type the seed registry does not know', () => {
    const plan = definePlan(JSON.parse(VISA_JSON) as PlanInput);
    // From 2025-01-06: 15 days is 2025-01-21, 16 days 2025-01-22
    const cases = [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `v${i}`, caseType: 'visa', applied: '2025-01-06', decided: '2025-01-21' })),
      { id: 'late', caseType: 'visa', applied: '2025-01-06', decided: '2025-01-22' },
      { id: 'other', caseType: 'work-permit', applied: '2025-01-06', decided: '2025-01-07' },
    ];
    const report = evaluatePlan(plan, cases);
    expect(report.counts).toEqual({ input: 11, measured: 10, pending: 0, outOfPeriod: 0, withoutTarget: 1, invalid: 0 });
    expect(report.period).toEqual({ from: '2025-01-01', to: '2025-12-31', label: '2025' });
    expect(report.withoutTarget).toEqual({ 'work-permit': 1 });
    expect(report.targets[0]?.tiers[0]).toMatchObject({ measured: 10, within: 9, share: 0.9, needed: 9, met: true, points: 5 });
    expect(report.points).toEqual({ earned: 5, possible: 5, unscored: [] });
  });

  it('accepts a normalised plan again unchanged, also through JSON', () => {
    for (const plan of catalogue) {
      expect(definePlan(plan)).toEqual(plan);
      expect(definePlan(JSON.parse(JSON.stringify(plan)) as PlanInput)).toEqual(plan);
    }
  });

  it('needs options.period when the plan has neither year nor period', () => {
    const plan = definePlan(visaWith((p) => delete p.year) as PlanInput);
    expect(thrown(() => evaluatePlan(plan, [])).issues[0]?.code).toBe('invalid_period');
    const report = evaluatePlan(plan, [{ id: 'a', caseType: 'visa', applied: '2025-03-31', decided: '2025-04-01' }], { period: '2025-Q1' });
    expect(report.period).toEqual({ from: '2025-01-01', to: '2025-03-31', label: '2025-Q1' });
    expect(report.counts).toEqual({ input: 1, measured: 0, pending: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
  });
});

describe('definePlan validation (invalid_plan with a path)', () => {
  it('rejects a required share above 1', () => {
    const issues = planIssues(visaWith((_p, _t, tier) => (tier.required = 1.5)));
    expect(paths(issues)).toEqual([['targets', 0, 'tiers', 0, 'required']]);
  });

  it('rejects unknown keys such as "require"', () => {
    const issues = planIssues(
      visaWith((_p, _t, tier) => {
        tier.require = 0.9;
        delete tier.required;
      }),
    );
    expect(paths(issues)).toEqual([['targets', 0, 'tiers', 0]]);
    expect(issues[0]?.message).toContain('require');
    expect(paths(planIssues(visaWith((p) => (p.target = []))))).toEqual([[]]);
  });

  it('rejects a share tier without "required"', () => {
    const issues = planIssues(visaWith((_p, _t, tier) => delete tier.required));
    expect(paths(issues)).toEqual([['targets', 0, 'tiers', 0, 'required']]);
    expect(issues[0]?.message).toContain('visa');
  });

  it('rejects duplicate target ids', () => {
    const issues = planIssues(visaWith((p) => p.targets.push(visaTarget('visa', 5))));
    expect(paths(issues)).toEqual([['targets', 1, 'id']]);
    expect(issues[0]?.message).toContain('"visa"');
  });

  it('rejects a group naming an unknown target', () => {
    const issues = planIssues(visaWith((p) => (p.groups = [{ id: 'g', label: 'G', targets: ['visa', 'viza'] }])));
    expect(paths(issues)).toEqual([['groups', 0, 'targets', 1]]);
    expect(issues[0]?.message).toContain('viza');
  });

  it('rejects a source citing a document the plan does not list, or a requirement its document does not number', () => {
    const document = { id: 'plan-2025', authority: 'Styrelsen', title: 'Mål- og resultatplan 2025', year: 2025, requirements: [{ number: '1.1', title: 'Visum' }] };
    const citing = (source: object) =>
      visaWith((p, t) => {
        p.documents = [document];
        t.source = source;
      });
    const cite = (source: object) => planIssues(citing(source));
    expect(definePlan(citing({ document: 'plan-2025', requirement: '1.1a' }) as PlanInput).targets[0]?.source).toEqual({ document: 'plan-2025', requirement: '1.1a' });
    const unknown = cite({ document: 'plan-2024', requirement: '1.1' });
    expect(paths(unknown)).toEqual([['targets', 0, 'source', 'document']]);
    expect(unknown[0]?.message).toContain('"plan-2024"');
    const requirement = cite({ document: 'plan-2025', requirement: '1.2', also: [{ document: 'plan-2025', requirement: '2.1' }] });
    expect(paths(requirement)).toEqual([
      ['targets', 0, 'source', 'requirement'],
      ['targets', 0, 'source', 'also', 0, 'requirement'],
    ]);
    expect(requirement[0]?.message).toBe('document "plan-2025" has no requirement 1.2 (it numbers 1.1)');
  });

  it('rejects a source in the old form, naming a file', () => {
    const issues = planIssues(visaWith((_p, t) => (t.source = { file: 'plan.pdf', requirement: '1.1' })));
    expect(issues.map((issue) => issue.path.slice(0, 3))).toContainEqual(['targets', 0, 'source']);
  });

  it('rejects a target in two groups', () => {
    const issues = planIssues(
      visaWith((p) => (p.groups = [{ id: 'g', label: 'G', targets: ['visa'] }, { id: 'h', label: 'H', targets: ['visa'] }])),
    );
    expect(paths(issues)).toEqual([['groups', 1, 'targets', 0]]);
  });

  it("rejects a group weight other than the sum of its targets' weights", () => {
    const issues = planIssues(
      visaWith((p) => {
        p.targets.push(visaTarget('student', 3));
        p.groups = [{ id: 'g', label: 'G', weight: 10, targets: ['visa', 'student'] }];
      }),
    );
    expect(paths(issues)).toEqual([['groups', 0, 'weight']]);
    expect(issues[0]?.message).toContain('8');
    // equal to the sum (5 + 3) is fine
    const fine = visaWith((p) => {
      p.targets.push(visaTarget('student', 3));
      p.groups = [{ id: 'g', label: 'G', weight: 8, targets: ['visa', 'student'] }];
    });
    expect(definePlan(fine as PlanInput).groups[0]?.weight).toBe(8);
  });

  it('rejects tier weights on some tiers only', () => {
    const issues = planIssues(
      visaWith((_p, t) => t.tiers.push({ limit: { amount: 30, unit: 'days' }, required: 0.95 })),
    );
    expect(paths(issues)).toEqual([['targets', 0, 'tiers']]);
  });

  it('rejects a target weight that differs from the sum of its tier weights', () => {
    const issues = planIssues(visaWith((_p, t) => (t.weight = 6)));
    expect(paths(issues)).toEqual([['targets', 0, 'weight']]);
  });

  it('rejects a target that covers no cases', () => {
    expect(paths(planIssues(visaWith((_p, t) => delete t.caseTypes)))).toEqual([['targets', 0, 'caseTypes']]);
    expect(paths(planIssues(visaWith((_p, t) => (t.caseTypes = []))))).toEqual([['targets', 0, 'caseTypes']]);
  });

  it('rejects bad limits, ids and empty lists', () => {
    expect(paths(planIssues(visaWith((_p, _t, tier) => (tier.limit.amount = -1))))).toEqual([
      ['targets', 0, 'tiers', 0, 'limit', 'amount'],
    ]);
    expect(paths(planIssues(visaWith((_p, _t, tier) => (tier.limit.amount = 1.5))))).toEqual([
      ['targets', 0, 'tiers', 0, 'limit', 'amount'],
    ]);
    expect(paths(planIssues(visaWith((_p, _t, tier) => (tier.limit.unit = 'weeks'))))).toEqual([
      ['targets', 0, 'tiers', 0, 'limit', 'unit'],
    ]);
    expect(paths(planIssues(visaWith((p) => (p.id = 'visa 2025'))))).toEqual([['id']]);
    expect(paths(planIssues(visaWith((p) => (p.targets = []))))).toEqual([['targets']]);
    expect(paths(planIssues(visaWith((_p, t) => (t.tiers = []))))).toEqual([['targets', 0, 'tiers']]);
  });

  it('rejects impossible clocks and mean tiers with a required share', () => {
    expect(paths(planIssues(visaWith((_p, t) => (t.clock = { start: 'decided' }))))).toContainEqual([
      'targets',
      0,
      'clock',
      'start',
    ]);
    expect(paths(planIssues(visaWith((_p, t) => (t.clock = { stop: 'closed' }))))).toEqual([
      ['targets', 0, 'clock', 'stop'],
    ]);
    expect(paths(planIssues(visaWith((_p, t) => (t.aggregate = 'mean'))))).toEqual([
      ['targets', 0, 'tiers', 0, 'required'],
    ]);
  });

  it('rejects a notEvaluable entry in an unknown group', () => {
    const issues = planIssues(
      visaWith(
        (p) =>
          (p.notEvaluable = [{ id: 'phone', label: 'Phone', description: 'Phone waits', group: 'nope', reason: 'Not case records' }]),
      ),
    );
    expect(paths(issues)).toEqual([['notEvaluable', 0, 'group']]);
  });

  it('reports every problem at once', () => {
    const issues = planIssues(
      visaWith((p, _t, tier) => {
        tier.required = null;
        p.targets.push({ ...visaTarget('visa', 5), caseTypes: [] });
      }),
    );
    expect(paths(issues)).toEqual(
      expect.arrayContaining([
        ['targets', 0, 'tiers', 0, 'required'],
        ['targets', 1, 'caseTypes'],
        ['targets', 1, 'id'],
      ]),
    );
    expect(issues).toHaveLength(3);
  });
});

describe('defineTarget', () => {
  const visa: TargetInput = { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'days' }, required: 0.9 }] };

  it('fills in defaults and moves a single-tier target weight onto the tier', () => {
    const target = defineTarget({ ...visa, weight: 4 });
    expect(target.clock).toEqual({ start: 'applied', stop: 'decided' });
    expect(target.aggregate).toBe('share');
    expect(target.weight).toBe(4);
    expect(target.tiers[0]?.weight).toBe(4);
    expect(defineTarget(visa).weight).toBeNull();
  });

  it('throws invalid_target with paths relative to the target', () => {
    const error = thrown(() => defineTarget({ ...visa, tiers: [{ limit: { amount: 15, unit: 'days' }, required: 1.5 }] }));
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([['invalid_target', ['tiers', 0, 'required']]]);
    const empty = thrown(() => defineTarget({ ...visa, caseTypes: [] }));
    expect(empty.issues.map((issue) => [issue.code, issue.path])).toEqual([['invalid_target', ['caseTypes']]]);
  });
});

describe('registerCaseTypes', () => {
  it('returns a new registry and leaves the seed registry alone', () => {
    const registry = registerCaseTypes({ 'ny-ordning': 'erhverv', ophold: { area: 'familie', label: 'Ophold' } });
    expect(registry.get('ny-ordning')).toEqual({ id: 'ny-ordning', area: 'erhverv', label: 'ny-ordning' });
    expect(registry.get('ophold')).toEqual({ id: 'ophold', area: 'familie', label: 'Ophold' });
    expect(registry.get('fast-track')?.area).toBe('erhverv');
    expect(seedCaseTypes.has('ny-ordning')).toBe(false);
  });

  it('rejects an empty area with invalid_option', () => {
    expect(thrown(() => registerCaseTypes({ x: '' })).issues[0]).toMatchObject({ code: 'invalid_option', path: ['caseTypes', 'x'] });
  });
});

describe('getPlan and listPlans', () => {
  it('lists the four seed plans', () => {
    expect(listPlans().map((plan) => [plan.id, plan.year, plan.targets])).toEqual([
      ['us-2019', 2019, 8],
      ['siri-2020', 2020, 10],
      ['siri-2023', 2023, 10],
      ['siri-2024', 2024, 4],
    ]);
    expect(getPlan('siri-2023').id).toBe('siri-2023');
    expect(getPlan('siri-2023').targets).toHaveLength(10);
  });

  it('throws unknown_plan listing the known ids', () => {
    const error = thrown(() => getPlan('nope'));
    expect(error.issues[0]?.code).toBe('unknown_plan');
    for (const id of ['us-2019', 'siri-2020', 'siri-2023', 'siri-2024']) expect(error.message).toContain(id);
    expect(error.message).toContain('nope');
  });
});

describe('catalogue: sources', () => {
  /** Every citation of a source (its own and those in `also`) names a document of the plan and a requirement that document numbers. */
  const check = (plan: ServicePlan, where: string, source: Source | null) => {
    expect(source, `${where} has no source`).not.toBeNull();
    if (source === null) return;
    const citations: Citation[] = [source, ...(source.also ?? [])];
    for (const citation of citations) {
      const document = plan.documents.find((candidate) => candidate.id === citation.document);
      expect(document, `${where} cites "${citation.document}", which is not one of the plan's documents`).toBeDefined();
      if (document === undefined) continue;
      // 1.1a is part a of requirement 1.1
      const number = /^\d+\.\d+/.exec(citation.requirement)?.[0];
      expect(number, `${where}: requirement ${citation.requirement} does not start with a number`).toBeDefined();
      expect(document.requirements.map((requirement) => requirement.number), `${where}: ${document.title} has no requirement ${citation.requirement}`).toContain(number);
      if (citation.quote !== undefined) expect(citation.quote.split(/\s+/).length, `${where}: a quote is a short phrase`).toBeLessThanOrEqual(16);
    }
  };

  it.each(catalogue.map((plan) => [plan.id, plan] as const))('%s: lists its documents, with the signed plan of its year first', (_, plan) => {
    expect(plan.documents[0]?.kind).toBe('plan');
    expect(plan.documents[0]?.year).toBe(plan.year);
    for (const document of plan.documents) {
      expect(document.requirements.length, `${document.id} numbers its requirements`).toBeGreaterThan(0);
      expect(document.title).not.toMatch(/\.txt$|_/);
    }
  });

  it.each(catalogue.map((plan) => [plan.id, plan] as const))('%s: every target, weighted tier, entry and group cites a requirement of one of its documents', (_, plan) => {
    for (const target of plan.targets) {
      check(plan, `${plan.id} ${target.id}`, target.source);
      target.tiers.forEach((tier, index) => {
        if (tier.source !== null) check(plan, `${plan.id} ${target.id} tier ${index + 1}`, tier.source);
        if (tier.weight !== null) expect(tier.source ?? target.source, `${plan.id} ${target.id} tier ${index + 1} has a weight without a source`).not.toBeNull();
      });
    }
    for (const entry of plan.notEvaluable) check(plan, `${plan.id} ${entry.id}`, entry.source);
    for (const group of plan.groups) check(plan, `${plan.id} group ${group.id}`, group.source);
  });

  it('cites SIRI 2020 by the signed plan\'s number (1.4) and the appendix\'s own (1.5), and the weights by the appendix', () => {
    const plan = getPlan('siri-2020');
    const fastTrack = plan.targets.find((target) => target.id === 'fast-track');
    expect(formatSource(plan, fastTrack?.source ?? null)).toBe(
      'SIRI, Mål- og resultatplan 2020, resultatkrav 1.4; Bilag for mål og resultatplan 2020 – opgørelsesmetode for resultatkrav, resultatkrav 1.5',
    );
    expect(fastTrack?.tiers[0]?.source).toEqual({ document: 'siri-2020-bilag', requirement: '1.5', quote: 'Fasttrack, 1. gang 31 7' });
    const eu = plan.targets.find((target) => target.id === 'eu');
    expect(eu?.tiers.map((tier) => [tier.weight, tier.source?.quote])).toEqual([
      [10, '75% afgjort inden 0-1 dag 10'],
      [5, '85% afgjort inden 31 5'],
      [5, '98% afgjort inden 92 5'],
    ]);
  });

  it('flags the doubt about SIRI 2024\'s EU tiers', () => {
    const eu = getPlan('siri-2024').targets.find((target) => target.id === 'eu');
    expect(eu?.source?.quote).toMatch(/,$/);
    expect(eu?.source?.note).toMatch(/further EU tiers .* may be missing/);
  });

  it.each(catalogue.map((plan) => [plan.id, plan] as const))('%s: every target and entry is in exactly one group', (_, plan) => {
    const ids = [...plan.targets.map((target) => target.id), ...plan.notEvaluable.map((entry) => entry.id)];
    const grouped = plan.groups.flatMap((group) => group.targets);
    expect([...grouped].sort()).toEqual([...ids].sort());
  });
});

describe('catalogue: tiers against the published plans', () => {
  /** target id → [amount, unit, required, weight] per tier. */
  const tiersOf = (plan: ServicePlan) =>
    Object.fromEntries(
      plan.targets.map((target) => [target.id, target.tiers.map((tier) => [tier.limit.amount, tier.limit.unit, tier.required, tier.weight])]),
    );
  const groupWeights = (plan: ServicePlan) => Object.fromEntries(plan.groups.map((group) => [group.id, group.weight]));

  it('siri-2020: 90 % within the limit with weights; EU 75/85/98 % with weights 10/5/5; areas 35/15/20', () => {
    const plan = getPlan('siri-2020');
    expect(tiersOf(plan)).toEqual({
      beloebsordning: [[31, 'days', 0.9, 8]],
      'fast-track': [[31, 'days', 0.9, 7]],
      landbrug: [[31, 'days', 0.9, 5]],
      loenarbejde: [[31, 'days', 0.9, 5]],
      positivliste: [[31, 'days', 0.9, 5]],
      'medfoelgende-familie-erhverv': [[62, 'days', 0.9, 5]],
      praktikant: [[62, 'days', 0.9, 5]],
      studie: [[62, 'days', 0.9, 5]],
      phd: [[92, 'days', 0.9, 5]],
      eu: [
        [1, 'days', 0.75, 10],
        [31, 'days', 0.85, 5],
        [92, 'days', 0.98, 5],
      ],
    });
    expect(groupWeights(plan)).toEqual({ '1.4-erhverv': 35, '1.4-studie': 15, '1.4-eu': 20 });
    expect(plan.targets.find((target) => target.id === 'eu')?.weight).toBe(20);
  });

  it('siri-2023: two-tier schemes, no target weights, group 1.1 = 65 and 1.2 = 5', () => {
    const plan = getPlan('siri-2023');
    expect(tiersOf(plan)).toEqual({
      'fast-track': [[31, 'days', 0.85, null]],
      landbrug: [[31, 'days', 0.85, null]],
      beloebsordning: [
        [31, 'days', 0.55, null],
        [92, 'days', 0.75, null],
      ],
      positivliste: [
        [31, 'days', 0.5, null],
        [92, 'days', 0.7, null],
      ],
      'medfoelgende-familie-erhverv': [[62, 'days', 0.8, null]],
      studie: [[62, 'days', 0.9, null]],
      phd: [[31, 'days', 0.8, null]],
      eu: [
        [1, 'days', 0.7, null],
        [31, 'days', 0.85, null],
        [92, 'days', 0.95, null],
      ],
      // 1.2a: on 80 % of weekdays at most 10 days to the next biometrics slot
      biometri: [[10, 'days', 0.8, null]],
      // 1.2b: at most 10 minutes' wait for 80 % of calls
      telefon: [[10, 'minutes', 0.8, null]],
    });
    expect(groupWeights(plan)).toEqual({ '1.1': 65, '1.2': 5 });
    expect(plan.groups.find((group) => group.id === '1.2')?.targets).toEqual(['biometri', 'telefon']);
    const byId = new Map(plan.targets.map((target) => [target.id, target]));
    // second half-year only, per centre weighted Valby 55 %, Aarhus 20 %, Odense 10 %, Aalborg,
    // Esbjerg and Sønderborg 5 % each, Bornholm 0 %
    expect(byId.get('biometri')).toMatchObject({
      input: 'observations',
      period: '2023-H2',
      centres: { Valby: 0.55, Aarhus: 0.2, Odense: 0.1, Aalborg: 0.05, Esbjerg: 0.05, Sønderborg: 0.05, Bornholm: 0 },
    });
    expect(byId.get('telefon')).toMatchObject({ input: 'contacts', channels: ['phone'], period: '2023-H2' });
    expect(plan.notEvaluable).toEqual([]);
  });

  it('siri-2024: Fast-track 85 % ≤ 31, the whole business area 75 % ≤ 31, EU 70 % ≤ 1', () => {
    const plan = getPlan('siri-2024');
    expect(tiersOf(plan)).toEqual({
      'fast-track': [[31, 'days', 0.85, null]],
      erhverv: [[31, 'days', 0.75, null]],
      eu: [[1, 'days', 0.7, null]],
      // 1.2: biometrics wait at most 10 days on 80 % of weekdays
      biometri: [[10, 'days', 0.8, null]],
    });
    const erhverv = plan.targets.find((target) => target.id === 'erhverv');
    expect(erhverv?.areas).toEqual(['erhverv']);
    expect(groupWeights(plan)).toEqual({ '1.1': 60, '1.2': 10 });
    // no centre weights are given: all centres pooled, over the whole year
    expect(plan.targets.find((target) => target.id === 'biometri')).toMatchObject({ input: 'observations', centres: null, period: null });
    expect(plan.notEvaluable).toEqual([]);
  });

  it('us-2019: interview 30 days, mean 120 days, months targets at 90 %; groups 25/30/5', () => {
    const plan = getPlan('us-2019');
    expect(tiersOf(plan)).toEqual({
      'asyl-foerste-samtale': [[30, 'days', 0.9, null]],
      'asyl-gennemsnit': [[120, 'days', null, null]],
      'asyl-forlaengelse': [[7, 'months', 0.9, null]],
      familiesammenfoering: [[10, 'months', 0.9, null]],
      forlaengelse: [[7, 'months', 0.9, null]],
      'permanent-ophold': [[10, 'months', 0.9, null]],
      // 1.3a: in person at most 1 hour for 80 % of visits; 1.3b: by phone at most 15 minutes for 80 %
      'personlig-ventetid': [[1, 'hours', 0.8, null]],
      'telefonisk-ventetid': [[15, 'minutes', 0.8, null]],
    });
    const byId = new Map(plan.targets.map((target) => [target.id, target]));
    expect(byId.get('asyl-foerste-samtale')?.clock).toEqual({ start: 'applied', stop: 'events.firstInterview' });
    expect(byId.get('asyl-gennemsnit')?.aggregate).toBe('mean');
    expect(byId.get('familiesammenfoering')?.caseTypes).toEqual(['familiesammenfoering']);
    expect(byId.get('personlig-ventetid')).toMatchObject({ input: 'contacts', channels: ['in-person'] });
    expect(byId.get('telefonisk-ventetid')).toMatchObject({ input: 'contacts', channels: ['phone'] });
    expect(groupWeights(plan)).toEqual({ '1.1': 25, '1.2': 30, '1.3': 5 });
    expect(plan.groups.find((group) => group.id === '1.3')?.targets).toEqual(['personlig-ventetid', 'telefonisk-ventetid']);
  });
});
