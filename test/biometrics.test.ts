/**
 * Appointment-availability targets on observations (days to the next free biometrics slot per
 * centre and day): siri-2023 1.2a with centre weights, siri-2024 1.2 pooled, user plans with the
 * 'weighted-share' reading, and group 1.2 scoring. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluate as evaluateIn, runWithSmallHeap, shareTier, target, thrown } from './helpers.js';
import {
  definePlan,
  getPlan,
  type CentreReport,
  type EvaluationInputs,
  type PlanReport,
} from '../src/index.js';

const siri2023 = getPlan('siri-2023');
const siri2024 = getPlan('siri-2024');

interface Observation {
  date: string;
  centre: string;
  daysToNextSlot: number;
}

/** centre → [measured, within, share, met] */
function centres(report: PlanReport, id: string): Record<string, [number, number, number | null, boolean | null]> {
  return Object.fromEntries((shareTier(report, id).centres ?? []).map((c: CentreReport) => [c.centre, [c.measured, c.within, c.share, c.met]]));
}

/**
 * Ten working days of December 2023 (H2): Thursday 14 and Friday 15, Monday 18 to Friday 22, and
 * Wednesday 27 to Friday 29 (Monday 25 and Tuesday 26 are Christmas Day and Boxing Day, public
 * holidays).
 */
const WORKING_DAYS = [
  '2023-12-14',
  '2023-12-15',
  '2023-12-18',
  '2023-12-19',
  '2023-12-20',
  '2023-12-21',
  '2023-12-22',
  '2023-12-27',
  '2023-12-28',
  '2023-12-29',
];

/** 14 to 29 December 2023: exactly the ten working days above, so that no centre observed on all of them has a gap. */
const DEC = { period: { from: '2023-12-14', to: '2023-12-29' } };

/** One observation per working day, in order, for a centre. */
const series = (centre: string, days: readonly number[]): Observation[] =>
  days.map((daysToNextSlot, i) => ({ date: WORKING_DAYS[i] ?? 'missing', centre, daysToNextSlot }));

const obs = (date: string, centre: string, daysToNextSlot: number): Observation => ({ date, centre, daysToNextSlot });

/** Per centre, ten working days; the number within 10 days is in the comment. */
const DECEMBER: Observation[] = [
  ...series('Valby', [0, 3, 10, 5, 2, 8, 9, 1, 4, 7]), // 10 of 10
  ...series('Aarhus', [10, 10, 10, 10, 10, 10, 10, 10, 10, 11]), // 9 (10 is within, 11 is not)
  ...series('Odense', [1, 2, 3, 4, 5, 6, 7, 11, 12, 30]), // 7
  ...series('Aalborg', [11, 11, 11, 11, 11, 1, 1, 1, 1, 1]), // 5
  ...series('Esbjerg', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), // 0
  ...series('Sønderborg', [0, 0, 0, 0, 0, 0, 0, 20, 20, 20]), // 7
  ...series('Bornholm', [0, 0, 30, 30, 30, 30, 30, 30, 30, 30]), // 2
];

/** Records that are not measured, one kind each. */
const NOT_MEASURED: Observation[] = [
  obs('2023-12-16', 'Valby', 30), // Saturday
  obs('2023-12-17', 'Valby', 30), // Sunday
  obs('2023-12-25', 'Valby', 30), // Christmas Day (Monday)
  obs('2023-12-26', 'Valby', 30), // Boxing Day (Tuesday)
  obs('2023-06-30', 'Aarhus', 0), // Friday in H1: outside the target's half-year
  obs('2024-01-02', 'Odense', 0), // Tuesday after the plan year
  obs('2023-12-18', 'Roskilde', 0), // no such centre in siri-2023
  obs('2023-12-14', 'Valby', 30), // Valby on 14 December again: a duplicate
];

/** Phone calls of 14 December 2023: 8 of 10 within 10 minutes (met). */
const CALLS = [
  ...Array.from({ length: 8 }, (_, i) => ({ id: `in${i}`, channel: 'phone', at: '2023-12-14', waitMinutes: 10 })),
  ...Array.from({ length: 2 }, (_, i) => ({ id: `out${i}`, channel: 'phone', at: '2023-12-14', waitMinutes: 11 })),
];

/** siri-2023 with biometrics scored by the weighted mean of the centres' shares. */
const siri2023WeightedShare = definePlan({
  ...siri2023,
  targets: siri2023.targets.map((t) => (t.id === 'biometri' ? { ...t, centreScoring: 'weighted-share' as const } : t)),
});

describe('siri-2023 1.2a: biometrics, 80 % of weekdays at most 10 days per centre, weighted', () => {
  const observations = [...DECEMBER, ...NOT_MEASURED];

  it('puts every observation in one bucket', () => {
    const report = evaluate(siri2023, { observations }, DEC);
    // 7 centres × 10 working days; 2 weekend days and 2 holidays; H1 and 2024; Roskilde; the duplicate
    expect(report.observations.counts).toEqual({ input: 78, measured: 70, notWorkingDay: 4, outOfPeriod: 2, withoutTarget: 1, invalid: 1 });
    expect(report.observations.withoutTarget).toEqual({ Roskilde: 1 });
    expect(report.invalid.map(({ input, index, id, field, code }) => [input, index, id, field, code])).toEqual([
      ['observations', 77, 'Valby 2023-12-14', 'date', 'duplicate_record'],
    ]);
    expect(report.invalid[0]?.message).toMatch(/^observation 77 \(id Valby 2023-12-14\): date /);
  });

  it('computes each centre’s share of its weekdays', () => {
    const report = evaluate(siri2023, { observations }, DEC);
    expect(target(report, 'biometri')).toMatchObject({ input: 'observations', period: { from: '2023-07-01', to: '2023-12-31' } });
    expect(centres(report, 'biometri')).toEqual({
      Valby: [10, 10, 1, true],
      Aarhus: [10, 9, 0.9, true],
      Odense: [10, 7, 0.7, false],
      Aalborg: [10, 5, 0.5, false],
      Esbjerg: [10, 0, 0, false],
      Sønderborg: [10, 7, 0.7, false],
      Bornholm: [10, 2, 0.2, false],
    });
    expect((shareTier(report, 'biometri').centres ?? []).map((c) => [c.centre, c.weight])).toEqual([
      ['Valby', 0.55],
      ['Aarhus', 0.2],
      ['Odense', 0.1],
      ['Aalborg', 0.05],
      ['Esbjerg', 0.05],
      ['Sønderborg', 0.05],
      ['Bornholm', 0],
    ]);
    // all centre-days together: 10 + 9 + 7 + 5 + 0 + 7 + 2 = 40 of 70
    expect(shareTier(report, 'biometri')).toMatchObject({ measured: 70, within: 40 });
  });

  it("scores 'met-centres' as the weights of the centres that met: Valby + Aarhus = 0.75", () => {
    const report = evaluate(siri2023, { observations }, DEC);
    // Odense, Aalborg, Esbjerg and Sønderborg (weights > 0) missed: the tier is not met
    expect(shareTier(report, 'biometri').met).toBe(false);
    const biometri = target(report, 'biometri');
    expect(biometri.met).toBe(false);
    expect(biometri.score).toBeCloseTo(0.75, 12);
    // the plan gives 1.2 one weight for both targets: the target itself carries no points
    expect(biometri).toMatchObject({ weight: null, points: null });
    // Σ weight × share = 0.55 × 1 + 0.2 × 0.9 + 0.1 × 0.7 + 0.05 × 0.5 + 0.05 × 0 + 0.05 × 0.7 + 0 × 0.2 = 0.86
    expect(shareTier(report, 'biometri').weightedShare).toBeCloseTo(0.86, 12);
  });

  it("meets the target under 'weighted-share' (0.86 ≥ 0.8), score 1", () => {
    const report = evaluate(siri2023WeightedShare, { observations }, DEC);
    expect(shareTier(report, 'biometri').met).toBe(true);
    expect(shareTier(report, 'biometri').weightedShare).toBeCloseTo(0.86, 12);
    expect(target(report, 'biometri')).toMatchObject({ met: true, score: 1 });
    // the per-centre results are the same
    expect(centres(report, 'biometri')['Odense']).toEqual([10, 7, 0.7, false]);
  });

  it('meets every centre at exactly 8 of 10', () => {
    const eight = [0, 0, 0, 0, 0, 0, 0, 0, 11, 11];
    const report = evaluate(
      siri2023,
      { observations: ['Valby', 'Aarhus', 'Odense', 'Aalborg', 'Esbjerg', 'Sønderborg'].flatMap((centre) => series(centre, eight)) },
      DEC,
    );
    // Bornholm (weight 0) has no observations: every working day is a gap, not within, and it does not matter
    expect(centres(report, 'biometri')['Bornholm']).toEqual([10, 0, 0, false]);
    expect(shareTier(report, 'biometri').met).toBe(true);
    expect(target(report, 'biometri').met).toBe(true);
    // 0.55 + 0.2 + 0.1 + 0.05 + 0.05 + 0.05 = 1
    expect(target(report, 'biometri').score).toBeCloseTo(1, 12);
  });

  it("decides 'weighted-share' exactly: Σ weight × share = 0.8 meets 80 %", () => {
    // Four working days each. Aarhus 4/4, the others 3/4:
    // 0.55 × 0.75 + 0.2 × 1 + 0.1 × 0.75 + 3 × 0.05 × 0.75 = 0.4125 + 0.2 + 0.075 + 0.1125 = 0.8 exactly
    // (in floating point the sum comes out just below 0.8).
    const three = [1, 1, 1, 12];
    const observations = [
      ...series('Valby', three),
      ...series('Aarhus', [1, 1, 1, 1]),
      ...['Odense', 'Aalborg', 'Esbjerg', 'Sønderborg'].flatMap((centre) => series(centre, three)),
    ];
    // Thursday 14 to Tuesday 19 December: the four working days observed.
    const days = { period: { from: '2023-12-14', to: '2023-12-19' } };
    const weighted = evaluate(siri2023WeightedShare, { observations }, days);
    expect(shareTier(weighted, 'biometri').weightedShare).toBeCloseTo(0.8, 12);
    expect(shareTier(weighted, 'biometri').met).toBe(true);
    expect(target(weighted, 'biometri').score).toBe(1);

    // met-centres: only Aarhus reached 80 %
    const metCentres = evaluate(siri2023, { observations }, days);
    expect(target(metCentres, 'biometri').met).toBe(false);
    expect(target(metCentres, 'biometri').score).toBeCloseTo(0.2, 12);
  });

  it('counts every working day of a weighted centre without observations as a gap, not within', () => {
    const withoutSonderborg = { observations: DECEMBER.filter((o) => o.centre !== 'Sønderborg') };
    const report = evaluate(siri2023, withoutSonderborg, DEC);
    expect(centres(report, 'biometri')['Sønderborg']).toEqual([10, 0, 0, false]);
    expect(target(report, 'biometri').coverage?.centres.find((c) => c.centre === 'Sønderborg')).toEqual({
      centre: 'Sønderborg',
      workingDays: 10,
      observed: 0,
      gaps: 10,
      gapDates: [{ from: '2023-12-14', to: '2023-12-29' }],
    });
    // Valby and Aarhus met; Sønderborg (5 %) did not, as before with 7 of 10
    expect(target(report, 'biometri')).toMatchObject({ met: false });
    expect(target(report, 'biometri').score).toBeCloseTo(0.75, 12);
    // 0.86 − 0.05 × 0.7 = 0.825
    expect(shareTier(evaluate(siri2023WeightedShare, withoutSonderborg, DEC), 'biometri').weightedShare).toBeCloseTo(0.825, 12);
  });

  it("gives null when a weighted centre has no observations and the gaps are excluded ('exclude')", () => {
    const withoutSonderborg = { observations: DECEMBER.filter((o) => o.centre !== 'Sønderborg') };
    const report = evaluate(siri2023, withoutSonderborg, { ...DEC, observationGaps: 'exclude' });
    expect(centres(report, 'biometri')['Sønderborg']).toEqual([0, 0, null, null]);
    expect(shareTier(report, 'biometri')).toMatchObject({ met: null, weightedShare: null });
    expect(target(report, 'biometri')).toMatchObject({ met: null, score: null });
    expect(target(report, 'biometri').coverage).toMatchObject({ policy: 'exclude', gaps: 10 });
    const weighted = evaluate(siri2023WeightedShare, withoutSonderborg, { ...DEC, observationGaps: 'exclude' });
    expect(shareTier(weighted, 'biometri')).toMatchObject({ met: null, weightedShare: null });
    expect(target(weighted, 'biometri').score).toBeNull();
  });

  it('measures only the second half-year', () => {
    // Friday 30 June and Monday 3 July 2023
    const report = evaluate(siri2023, { observations: [obs('2023-06-30', 'Valby', 1), obs('2023-07-03', 'Valby', 1)] });
    expect(report.observations.counts).toMatchObject({ measured: 1, outOfPeriod: 1 });
    // 1 of the 128 working days of H2 2023 observed (130 Mondays–Fridays less 25 and 26 December)
    expect(centres(report, 'biometri')['Valby']).toEqual([128, 1, 1 / 128, false]);
    expect(target(report, 'biometri').coverage).toMatchObject({ window: { from: '2023-07-01', to: '2023-12-31' }, workingDays: 128 });
    expect(centres(evaluate(siri2023, { observations: [obs('2023-07-03', 'Valby', 1)] }, { observationGaps: 'exclude' }), 'biometri')['Valby']).toEqual([1, 1, 1, true]);
    // over H1 nothing is measured
    const h1 = evaluate(siri2023, { observations: [obs('2023-06-30', 'Valby', 1)] }, { period: '2023-H1' });
    expect(h1.observations.counts).toMatchObject({ measured: 0, outOfPeriod: 1 });
  });

  it('reads an observation timestamp as its Copenhagen date', () => {
    // 23:30Z on Sunday 17 December is 00:30 on Monday 18 December in Copenhagen: a working day,
    // and the same centre-day as the date-only record after it
    const report = evaluate(siri2023, {
      observations: [{ date: '2023-12-17T23:30:00Z', centre: 'Valby', daysToNextSlot: 1 }, obs('2023-12-18', 'Valby', 1)],
    });
    expect(report.observations.counts).toMatchObject({ measured: 1, notWorkingDay: 0, invalid: 1 });
    expect(report.invalid[0]).toMatchObject({ index: 1, id: 'Valby 2023-12-18', code: 'duplicate_record' });
  });
});

describe('invalid observation records', () => {
  it('lists each problem with index, id and field', () => {
    const report = evaluate(siri2023, {
      observations: [
        obs('2023-12-18', 'Valby', -1),
        obs('2023-12-18', 'Valby', 2.5),
        obs('2023-12-32', 'Valby', 1),
        { centre: 'Valby', daysToNextSlot: 1 },
        { date: '2023-12-18', daysToNextSlot: 1 },
        { ...obs('2023-12-18', 'Aarhus', 1), note: 'manual' },
        { date: '2023-12-18', centre: 'Odense' },
        // valid: the invalid Valby records above do not make this one a duplicate
        obs('2023-12-18', 'Valby', 1),
      ] as unknown[],
    });
    expect(report.observations.counts).toMatchObject({ input: 8, measured: 1, invalid: 7 });
    expect(report.invalid.map(({ input, index, id, field, code }) => [input, index, id, field, code])).toEqual([
      ['observations', 0, 'Valby 2023-12-18', 'daysToNextSlot', 'invalid_value'],
      ['observations', 1, 'Valby 2023-12-18', 'daysToNextSlot', 'invalid_value'],
      ['observations', 2, 'Valby 2023-12-32', 'date', 'invalid_date'],
      ['observations', 3, null, 'date', 'missing_field'],
      ['observations', 4, null, 'centre', 'missing_field'],
      ['observations', 5, 'Aarhus 2023-12-18', 'note', 'unknown_field'],
      ['observations', 6, 'Odense 2023-12-18', 'daysToNextSlot', 'missing_field'],
    ]);
    expect(report.invalid[0]?.message).toMatch(/^observation 0 \(id Valby 2023-12-18\): daysToNextSlot .*-1/);
    expect(report.invalid[3]?.message).toBe('observation 3: date is missing');
  });
});

describe('siri-2024 1.2: biometrics pooled over all centres', () => {
  // Easter 2024: Thursday 28 March, Friday 29 March and Monday 1 April are public holidays.
  // Working days of the week: Monday 25, Tuesday 26, Wednesday 27 March and Tuesday 2 April.
  const observations: Observation[] = [
    obs('2024-03-25', 'Valby', 3),
    obs('2024-03-26', 'Valby', 10),
    obs('2024-03-27', 'Valby', 11),
    obs('2024-04-02', 'Valby', 2),
    obs('2024-03-25', 'Roskilde', 0),
    obs('2024-03-26', 'Roskilde', 1),
    obs('2024-03-28', 'Valby', 30), // Maundy Thursday
    obs('2024-03-29', 'Valby', 30), // Good Friday
    obs('2024-03-30', 'Valby', 30), // Saturday
    obs('2024-03-31', 'Valby', 30), // Easter Sunday
    obs('2024-04-01', 'Valby', 30), // Easter Monday
  ];

  /** Monday 25 March to Tuesday 2 April 2024: four working days. */
  const easter = { period: { from: '2024-03-25', to: '2024-04-02' } };

  it('pools all centre-weekdays: Roskilde’s two gaps make 5 of 8, not met; without the gaps 5 of 6 meets 80 %', () => {
    const report = evaluate(siri2024, { observations }, easter);
    expect(report.observations.counts).toEqual({ input: 11, measured: 6, notWorkingDay: 5, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    // Valby 3, 10, 2 within and 11 not; Roskilde 0 and 1 within, not observed on 27 March and 2 April
    const tier = shareTier(report, 'biometri');
    expect(tier).toMatchObject({ limit: { amount: 10, unit: 'days' }, required: 0.8, measured: 8, within: 5, share: 5 / 8, needed: 7, met: false });
    expect(tier.centres).toBeUndefined();
    expect(tier.weightedShare).toBeUndefined();
    expect(target(report, 'biometri').coverage).toEqual({
      policy: 'notWithin',
      window: { from: '2024-03-25', to: '2024-04-02' },
      workingDays: 4,
      centresFrom: 'observations',
      observed: 6,
      gaps: 2,
      datesKnown: true,
      centres: [
        // the Easter holidays between 27 March and 2 April are no gaps: one range of working days
        { centre: 'Roskilde', workingDays: 4, observed: 2, gaps: 2, gapDates: [{ from: '2024-03-27', to: '2024-04-02' }] },
        { centre: 'Valby', workingDays: 4, observed: 4, gaps: 0, gapDates: [] },
      ],
    });
    const excluded = evaluate(siri2024, { observations }, { ...easter, observationGaps: 'exclude' });
    expect(shareTier(excluded, 'biometri')).toMatchObject({ measured: 6, within: 5, share: 5 / 6, needed: 5, met: true });
    expect(target(excluded, 'biometri')).toMatchObject({ met: true, score: 1, period: null, coverage: { policy: 'exclude', gaps: 2 } });
  });

  it('scores group 1.2 (weight 10) by a rule', () => {
    // Roskilde observed on every working day too: 7 of 8 within
    const complete = { observations: [...observations, obs('2024-03-27', 'Roskilde', 1), obs('2024-04-02', 'Roskilde', 1)] };
    expect(evaluate(siri2024, complete, easter).points.unscored).toContainEqual({ id: '1.2', kind: 'group', weight: 10, reason: 'no-scoring-rule' });
    const report = evaluate(siri2024, complete, { ...easter, groupScoring: { '1.2': 'all-met' } });
    expect(report.groups.find((group) => group.id === '1.2')).toMatchObject({ scoring: 'rule', points: 10 });
    expect(report.points).toEqual({ earned: 10, possible: 10, unscored: [{ id: '1.1', kind: 'group', weight: 60, reason: 'no-scoring-rule' }] });
  });

  it('measures a centre siri-2023 does not know; siri-2023 counts it without target', () => {
    const roskilde = [obs('2023-12-18', 'Roskilde', 1), obs('2023-12-19', 'Roskilde', 1), obs('2024-03-25', 'Roskilde', 1)];
    const in2023 = evaluate(siri2023, { observations: roskilde });
    expect(in2023.observations.counts).toMatchObject({ input: 3, withoutTarget: 3, measured: 0 });
    expect(in2023.observations.withoutTarget).toEqual({ Roskilde: 3 });
    const in2024 = evaluate(siri2024, { observations: roskilde });
    // the two 2023 days fall outside siri-2024's year
    expect(in2024.observations.counts).toMatchObject({ input: 3, measured: 1, outOfPeriod: 2, withoutTarget: 0 });
    // 1 of the 254 working days of 2024 observed: the other 253 are gaps
    expect(shareTier(in2024, 'biometri')).toMatchObject({ measured: 254, within: 1 });
  });
});

describe('siri-2023 group 1.2 (weight 5): biometrics and phone together', () => {
  const inputs: EvaluationInputs = { observations: DECEMBER, contacts: CALLS };
  const evaluate = (plan: Parameters<typeof evaluateIn>[0], inputs: EvaluationInputs, options: Parameters<typeof evaluateIn>[2] = {}) => evaluateIn(plan, inputs, { ...DEC, ...options });

  it('has no points without a rule', () => {
    const report = evaluate(siri2023, inputs);
    expect(report.groups.find((group) => group.id === '1.2')).toMatchObject({ weight: 5, targets: ['biometri', 'telefon'], scoring: null, points: null });
    expect(report.points.unscored).toContainEqual({ id: '1.2', kind: 'group', weight: 5, reason: 'no-scoring-rule' });
    expect(report.notEvaluable).toEqual([]);
  });

  it("'mean-score': 5 × (0.75 + 1) / 2 = 4.375", () => {
    const report = evaluate(siri2023, inputs, { groupScoring: { '1.2': 'mean-score' } });
    expect(target(report, 'telefon')).toMatchObject({ met: true, score: 1 });
    const group = report.groups.find((g) => g.id === '1.2');
    expect(group?.scoring).toBe('rule');
    expect(group?.points).toBeCloseTo(4.375, 12);
    expect(report.points.earned).toBeCloseTo(4.375, 12);
    expect(report.points.possible).toBe(5);
    expect(report.points.unscored).toEqual([{ id: '1.1', kind: 'group', weight: 65, reason: 'no-scoring-rule' }]);
  });

  it("'share-of-tiers': one tier of two met gives 2.5; 'all-met' gives 0", () => {
    const shareOfTiers = evaluate(siri2023, inputs, { groupScoring: { '1.2': 'share-of-tiers' } });
    expect(shareOfTiers.groups.find((g) => g.id === '1.2')?.points).toBe(2.5);
    const allMet = evaluate(siri2023, inputs, { groupScoring: { '1.2': 'all-met' } });
    expect(allMet.groups.find((g) => g.id === '1.2')?.points).toBe(0);
  });

  it("with 'weighted-share' biometrics is met: 'all-met' and 'mean-score' give 5", () => {
    expect(evaluate(siri2023WeightedShare, inputs, { groupScoring: { '1.2': 'all-met' } }).points.earned).toBe(5);
    expect(evaluate(siri2023WeightedShare, inputs, { groupScoring: { '1.2': 'mean-score' } }).points.earned).toBe(5);
  });

  it('is unscored (no-cases) while one of its targets has nothing measured', () => {
    const noCalls = evaluate(siri2023, { observations: DECEMBER }, { groupScoring: { '1.2': 'mean-score' } });
    expect(noCalls.groups.find((g) => g.id === '1.2')?.points).toBeNull();
    expect(noCalls.points.unscored).toContainEqual({ id: '1.2', kind: 'group', weight: 5, reason: 'no-cases' });
    const noObservations = evaluate(siri2023, { contacts: CALLS }, { groupScoring: { '1.2': 'share-of-tiers' } });
    expect(noObservations.points.unscored).toContainEqual({ id: '1.2', kind: 'group', weight: 5, reason: 'no-cases' });
  });
});

describe('a user plan with centre weights', () => {
  /** Two centres weighted 30/70, at most 5 days on 80 % of weekdays, worth 4 points. */
  const plan = (centreScoring: 'met-centres' | 'weighted-share') =>
    definePlan({
      id: 'booking-2023',
      title: 'Booking 2023',
      year: 2023,
      targets: [
        {
          id: 'booking',
          label: 'Booking',
          input: 'observations',
          centres: { North: 0.3, South: 0.7 },
          centreScoring,
          weight: 4,
          tiers: [{ limit: { amount: 5, unit: 'days' }, required: 0.8 }],
        },
      ],
    });
  // Monday 6 to Friday 10 March 2023
  const week = ['2023-03-06', '2023-03-07', '2023-03-08', '2023-03-09', '2023-03-10'];
  const at = (centre: string, days: number[]) => days.map((d, i) => obs(week[i] ?? 'missing', centre, d));
  const evaluate = (plan: Parameters<typeof evaluateIn>[0], inputs: EvaluationInputs) => evaluateIn(plan, inputs, { period: { from: '2023-03-06', to: '2023-03-10' } });

  it("'met-centres': North 5/5 met, South 3/5 not: score 0.3, points 4 × 0.3", () => {
    const report = evaluate(plan('met-centres'), { observations: [...at('North', [0, 1, 2, 3, 5]), ...at('South', [1, 1, 1, 6, 9])] });
    expect(centres(report, 'booking')).toEqual({ North: [5, 5, 1, true], South: [5, 3, 0.6, false] });
    const booking = target(report, 'booking');
    expect(booking.met).toBe(false);
    expect(booking.score).toBeCloseTo(0.3, 12);
    // target points = target weight × score
    expect(booking.points).toBeCloseTo(1.2, 12);
  });

  it("'weighted-share': 0.3 × 0.8 + 0.7 × 0.8 = 0.8 exactly meets 80 %: all 4 points", () => {
    const observations = [...at('North', [0, 1, 2, 3, 6]), ...at('South', [1, 1, 1, 1, 9])];
    const report = evaluate(plan('weighted-share'), { observations });
    expect(shareTier(report, 'booking').weightedShare).toBeCloseTo(0.8, 12);
    expect(target(report, 'booking')).toMatchObject({ met: true, score: 1, points: 4 });
    expect(report.points).toEqual({ earned: 4, possible: 4, unscored: [] });
    // one more slow day at South: 0.3 × 0.8 + 0.7 × 0.6 = 0.66
    const worse = evaluate(plan('weighted-share'), { observations: [...at('North', [0, 1, 2, 3, 6]), ...at('South', [1, 1, 1, 7, 9])] });
    expect(target(worse, 'booking')).toMatchObject({ met: false, score: 0, points: 0 });
  });

  it('rejects weights that do not add up to 1, and weighted-share without weights (invalid_plan with a path)', () => {
    const tiers = [{ limit: { amount: 5, unit: 'days' as const }, required: 0.8 }];
    const sum = thrown(() =>
      definePlan({ id: 'bad', title: 'Bad', year: 2023, targets: [{ id: 'b', label: 'B', input: 'observations', centres: { North: 0.3, South: 0.6 }, tiers }] }),
    );
    expect(sum.issues.map(({ code, path }) => [code, path])).toEqual([['invalid_plan', ['targets', 0, 'centres']]]);
    const pooled = thrown(() =>
      definePlan({ id: 'bad', title: 'Bad', year: 2023, targets: [{ id: 'b', label: 'B', input: 'observations', centreScoring: 'weighted-share', tiers }] }),
    );
    expect(pooled.issues.map(({ code, path }) => [code, path])).toEqual([['invalid_plan', ['targets', 0, 'centreScoring']]]);
  });
});

describe('working days of the plan calendar', () => {
  it("skips the state's closing days when the plan closes them", () => {
    // Tuesday 24 December 2024 is no public holiday, but a closing day of the state
    const target = { id: 'slots', label: 'Slots', input: 'observations' as const, tiers: [{ limit: { amount: 10, unit: 'days' as const }, required: 0.8 }] };
    const observations = [obs('2024-12-23', 'Valby', 1), obs('2024-12-24', 'Valby', 1)];
    const open = evaluate(definePlan({ id: 'open', title: 'Open', year: 2024, targets: [target] }), { observations });
    expect(open.observations.counts).toMatchObject({ measured: 2, notWorkingDay: 0 });
    const closed = evaluate(definePlan({ id: 'closed', title: 'Closed', year: 2024, calendar: { closingDays: 'state' }, targets: [target] }), { observations });
    expect(closed.observations.counts).toMatchObject({ measured: 1, notWorkingDay: 1 });
    // a target's own calendar wins over the plan's
    const own = evaluate(
      definePlan({ id: 'own', title: 'Own', year: 2024, targets: [{ ...target, calendar: { closingDays: ['12-24'] } }] }),
      { observations },
    );
    expect(own.observations.counts).toMatchObject({ measured: 1, notWorkingDay: 1 });
  });
});

describe('an implausible number of days to the next slot', () => {
  it('is evaluated without exhausting memory', () => {
    // Run in a child process with a small heap, so that a failure cannot take the test runner down.
    const script = `
      const sm = await import('./src/index.js');
      const report = sm.evaluatePlan(sm.getPlan('siri-2024'), { observations: [
        { date: '2024-03-25', centre: 'Valby', daysToNextSlot: 1000000000 },
      ] });
      console.log(JSON.stringify(report.observations.counts));
    `;
    const child = runWithSmallHeap(script);
    expect(child.status, child.stderr.slice(0, 500)).toBe(0);
    // the record is accounted for: measured as not within, or listed as invalid
    const counts = JSON.parse(child.stdout) as { input: number; measured: number; invalid: number };
    expect(counts.input).toBe(1);
    expect(counts.measured + counts.invalid).toBe(1);
  });
});
