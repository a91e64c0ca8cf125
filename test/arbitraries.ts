/**
 * Shared fast-check arbitraries for the property tests: case records as users pass them
 * (date-only strings, timestamps with offsets, `Date` objects), invalid records, measurement
 * periods, and plans built with `definePlan` or taken from the catalogue.
 *
 * Dates are built with UTC `Date` arithmetic only, so the generated values do not depend on the
 * host's time zone.
 */
import fc from 'fast-check';
import { definePlan, getPlan, seedCaseTypes, type PlanInput, type ServicePlan, type TargetInput, type TierInput } from '../src/index.js';

export const MS_PER_DAY = 86_400_000;

/** Case-type ids of the seed registry. */
export const SEED_CASE_TYPE_IDS: readonly string[] = [...seedCaseTypes.keys()];
/** Case types no registry knows: covered only by targets that name them explicitly. */
export const UNKNOWN_CASE_TYPE_IDS: readonly string[] = ['visum', 'au-pair', 'ny-ordning'];
export const CASE_TYPE_IDS: readonly string[] = [...SEED_CASE_TYPE_IDS, ...UNKNOWN_CASE_TYPE_IDS];
/** Areas of the seed registry plus one that holds no case type. */
export const AREAS: readonly string[] = ['erhverv', 'studie', 'eu', 'asyl', 'familie', 'tomt-omraade'];

/** Days since 1970-01-01 of a UTC calendar date (month 1–12). */
export function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a number of days since 1970-01-01, computed in UTC. */
export function isoFromUtcDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds calendar months to a UTC day, clamping at the month end (31 January + 1 month = 28/29 February). */
export function addMonthsUtc(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}

export const FIRST_DAY = utcDay(2019, 1, 1);
export const LAST_DAY = utcDay(2025, 12, 31);

/** A case record with date-only strings, as the reference computation reads it. */
export interface DateOnlyCase {
  id: string;
  caseType: string;
  applied: string;
  decided: string | null;
  events?: { firstInterview: string | null };
  /** Attributes target scopes test (`null` or `''`: lacking), as agencies export them. */
  attributes?: Record<string, string | null>;
  /** The agency's flag: a case without a management target. */
  withoutTarget?: boolean;
}

/** Attribute values of generated cases: the catalogue's and others, or lacking. */
const attributesArb: fc.Arbitrary<Record<string, string | null> | null> = fc.option(
  fc.record(
    {
      applicationKind: fc.constantFrom<string | null>('first', 'first', 'extension', 'renewal', null, ''),
      complexity: fc.constantFrom<string | null>('simple', 'complex', null),
    },
    { requiredKeys: [] },
  ),
  { nil: null, freq: 3 },
);

/** The agency's flag: mostly absent, now and then `true` or `false`. */
const flagArb: fc.Arbitrary<boolean | null> = fc.option(fc.boolean(), { nil: null, freq: 2 }).map((flag) => (flag === true ? true : flag));

/**
 * Elapsed days, concentrated around the limits the plans use (0–1, 31, 62, 92 days, 7 and 10
 * months) so that shares are neither always 0 nor always 1.
 */
export const elapsedDaysArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 25, max: 100 }),
  fc.integer({ min: 180, max: 330 }),
  fc.integer({ min: 0, max: 700 }),
);

/** Where and what a generated case can be: application days (inclusive) and case types. */
export interface CaseSpace {
  firstDay: number;
  lastDay: number;
  caseTypes: readonly string[];
}

const WIDE_SPACE: CaseSpace = { firstDay: FIRST_DAY, lastDay: LAST_DAY, caseTypes: CASE_TYPE_IDS };

/**
 * A well-formed case record (its id is a placeholder; {@link withIds} numbers records by position).
 * It is valid for every plan, except that its first interview may precede the application.
 */
export function caseArb(space: CaseSpace = WIDE_SPACE): fc.Arbitrary<DateOnlyCase> {
  return fc
    .record({
      caseType: fc.constantFrom(...space.caseTypes),
      applied: fc.integer({ min: space.firstDay, max: space.lastDay }),
      decidedAfter: fc.option(
        fc.oneof(
          { weight: 4, arbitrary: elapsedDaysArb.map((days) => ({ days, months: 0 })) },
          // on, or a day either side of, a whole number of calendar months after the application
          {
            weight: 1,
            arbitrary: fc.record({
              days: fc.integer({ min: -1, max: 1 }),
              months: fc.oneof(fc.constantFrom(1, 7, 10), fc.integer({ min: 0, max: 24 })),
            }),
          },
        ),
        { nil: null, freq: 4 },
      ),
      // Absent, given as null, or days after the application; now and then before it, which is
      // invalid only for plans whose clocks use the first interview.
      interview: fc.oneof(
        { weight: 2, arbitrary: fc.constant<'absent'>('absent') },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 90 }) },
        { weight: 1, arbitrary: fc.integer({ min: -30, max: -1 }) },
      ),
      attributes: attributesArb,
      flag: fc.integer({ min: 0, max: 9 }).chain((draw) => (draw === 0 ? flagArb : fc.constant(null))),
    })
    .map(({ caseType, applied, decidedAfter, interview, attributes, flag }): DateOnlyCase => {
      const record: DateOnlyCase = {
        id: 'x',
        caseType,
        applied: isoFromUtcDay(applied),
        decided: decidedAfter === null ? null : isoFromUtcDay(Math.max(applied, addMonthsUtc(applied, decidedAfter.months) + decidedAfter.days)),
      };
      if (interview !== 'absent') {
        record.events = { firstInterview: interview === null ? null : isoFromUtcDay(applied + interview) };
      }
      if (attributes !== null) record.attributes = attributes;
      if (flag !== null) record.withoutTarget = flag;
      return record;
    });
}

export const validCaseArb: fc.Arbitrary<DateOnlyCase> = caseArb();

/** Gives records the ids `c0`, `c1`, … by position. */
export function withIds(records: readonly DateOnlyCase[]): DateOnlyCase[] {
  return records.map((record, index) => ({ ...record, id: `c${index}` }));
}

/** Arrays of well-formed records with ids `c0`, `c1`, …. */
export function validCasesArb(maxLength = 60, space: CaseSpace = WIDE_SPACE): fc.Arbitrary<DateOnlyCase[]> {
  return fc.array(caseArb(space), { maxLength, size: 'medium' }).map(withIds);
}

/**
 * A way to make a valid record invalid whatever the plan, and the field the library must name
 * (`''` for the record as a whole).
 */
export interface Corruption {
  name: string;
  field: string;
  apply: (record: DateOnlyCase) => unknown;
}

const corrupt = (name: string, field: string, apply: (record: DateOnlyCase) => unknown): Corruption => ({ name, field, apply });

export const CORRUPTIONS: readonly Corruption[] = [
  corrupt('not an object (null)', '', () => null),
  corrupt('not an object (number)', '', () => 42),
  corrupt('not an object (array)', '', (record) => [record]),
  corrupt('missing id', 'id', ({ id: _id, ...rest }) => rest),
  corrupt('numeric id', 'id', (record) => ({ ...record, id: 7 })),
  corrupt('missing case type', 'caseType', ({ caseType: _caseType, ...rest }) => rest),
  corrupt('missing application date', 'applied', (record) => ({ ...record, applied: null })),
  corrupt('29 February in a common year', 'applied', (record) => ({ ...record, applied: '2023-02-29' })),
  corrupt('31 April', 'applied', (record) => ({ ...record, applied: '2022-04-31' })),
  corrupt('month 13', 'decided', (record) => ({ ...record, decided: '2021-13-01' })),
  corrupt('not a date', 'applied', (record) => ({ ...record, applied: 'yesterday' })),
  corrupt('day-first date', 'applied', (record) => ({ ...record, applied: '01-02-2023' })),
  corrupt('number as a date', 'applied', (record) => ({ ...record, applied: 20230101 })),
  corrupt('invalid Date object', 'decided', (record) => ({ ...record, decided: new Date(Number.NaN) })),
  corrupt('year before 1900', 'applied', (record) => ({ ...record, applied: '1899-12-31' })),
  corrupt('year after 2199', 'decided', (record) => ({ ...record, decided: '2200-01-01' })),
  corrupt('impossible time of day', 'applied', (record) => ({ ...record, applied: `${record.applied}T24:30:00Z` })),
  corrupt('decision before application', 'decided', (record) => ({
    ...record,
    decided: isoFromUtcDay(Date.parse(record.applied) / MS_PER_DAY - 1),
  })),
  corrupt('unknown field', 'status', (record) => ({ ...record, status: 'afgjort' })),
  corrupt('events not an object', 'events', (record) => ({ ...record, events: 'none' })),
  corrupt('impossible event date', 'events.firstInterview', (record) => ({ ...record, events: { firstInterview: '2020-02-30' } })),
];

export const corruptionArb: fc.Arbitrary<Corruption> = fc.constantFrom(...CORRUPTIONS);

/** Input records with invalid ones mixed in, and which positions are invalid and why. */
export interface MixedInput {
  records: unknown[];
  /** The valid records by position (`null` where an invalid record stands). */
  valid: (DateOnlyCase | null)[];
  /** Position → the corruption applied there. */
  corrupted: Map<number, Corruption>;
}

export function mixedInputArb(maxLength = 60, space: CaseSpace = WIDE_SPACE): fc.Arbitrary<MixedInput> {
  return fc
    .array(fc.tuple(caseArb(space), fc.option(corruptionArb, { nil: null, freq: 3 })), { maxLength, size: 'medium' })
    .map((entries) => {
      const records: unknown[] = [];
      const valid: (DateOnlyCase | null)[] = [];
      const corrupted = new Map<number, Corruption>();
      entries.forEach(([base, corruption], index) => {
        const record = { ...base, id: `c${index}` };
        if (corruption === null) {
          records.push(record);
          valid.push(record);
        } else {
          records.push(corruption.apply(record));
          valid.push(null);
          corrupted.set(index, corruption);
        }
      });
      return { records, valid, corrupted };
    });
}

/** A measurement period as inclusive date-only bounds. */
export interface DatePeriod {
  from: string;
  to: string;
}

/** A year, a quarter, or arbitrary bounds inside 2019–2025. */
export const periodArb: fc.Arbitrary<DatePeriod> = fc.oneof(
  fc.integer({ min: 2019, max: 2025 }).map((year) => ({ from: `${year}-01-01`, to: `${year}-12-31` })),
  fc.record({ year: fc.integer({ min: 2019, max: 2025 }), quarter: fc.integer({ min: 1, max: 4 }) }).map(({ year, quarter }) => ({
    from: isoFromUtcDay(utcDay(year, quarter * 3 - 2, 1)),
    to: isoFromUtcDay(utcDay(year, quarter * 3 + 1, 1) - 1),
  })),
  fc
    .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 0, max: 800 }))
    .map(([from, length]) => ({ from: isoFromUtcDay(from), to: isoFromUtcDay(from + length) })),
);

const requiredArb = fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100);

export const dayLimitArb: fc.Arbitrary<TierInput['limit']> = fc
  .oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 400 }))
  .map((amount) => ({ amount, unit: 'days' as const }));

export const monthLimitArb: fc.Arbitrary<TierInput['limit']> = fc
  .integer({ min: 0, max: 24 })
  .map((amount) => ({ amount, unit: 'months' as const }));

const clockArb = fc.constantFrom<NonNullable<TargetInput['clock']> | null>(
  null,
  null,
  null,
  { start: 'applied', stop: 'decided' },
  { stop: 'events.firstInterview' },
  { start: 'events.firstInterview', stop: 'decided' },
);

/** Target scopes: mostly none, else conditions on the attributes generated cases carry. */
const whereArb = fc.constantFrom<NonNullable<TargetInput['where']> | null>(
  null,
  null,
  null,
  { applicationKind: 'first' },
  { applicationKind: ['first', 'extension'] },
  { complexity: { notOneOf: ['complex'] } },
  { applicationKind: { oneOf: ['extension'] }, complexity: 'simple' },
);

const coverageArb = fc
  .record({
    caseTypes: fc.subarray([...CASE_TYPE_IDS], { maxLength: 6 }),
    areas: fc.subarray([...AREAS], { maxLength: 2 }),
  })
  .filter(({ caseTypes, areas }) => caseTypes.length + areas.length > 0);

/** Weights: on every tier, on the target only, or none. */
const weightingArb = fc.constantFrom<'tiers' | 'target' | 'none'>('tiers', 'target', 'none');

function shareTargetArb(index: number): fc.Arbitrary<TargetInput> {
  return fc
    .record({
      coverage: coverageArb,
      where: whereArb,
      clock: clockArb,
      tiers: fc.array(
        fc.record({ limit: fc.oneof(dayLimitArb, monthLimitArb), required: requiredArb, weight: fc.integer({ min: 0, max: 10 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      weighting: weightingArb,
      targetWeight: fc.integer({ min: 0, max: 20 }),
    })
    .map(({ coverage, where, clock, tiers, weighting, targetWeight }): TargetInput => ({
      id: `t${index}`,
      label: `Target ${index}`,
      ...coverage,
      ...(where === null ? {} : { where }),
      ...(clock === null ? {} : { clock }),
      tiers: tiers.map(({ limit, required, weight }) => (weighting === 'tiers' ? { limit, required, weight } : { limit, required })),
      ...(weighting === 'target' ? { weight: targetWeight } : {}),
    }));
}

function meanTargetArb(index: number): fc.Arbitrary<TargetInput> {
  return fc
    .record({ coverage: coverageArb, where: whereArb, clock: clockArb, limit: dayLimitArb, weight: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }) })
    .map(({ coverage, where, clock, limit, weight }): TargetInput => ({
      id: `t${index}`,
      label: `Mean target ${index}`,
      ...coverage,
      ...(where === null ? {} : { where }),
      ...(clock === null ? {} : { clock }),
      aggregate: 'mean',
      tiers: [weight === null ? { limit } : { limit, weight }],
    }));
}

function targetArb(index: number): fc.Arbitrary<TargetInput> {
  return fc.oneof({ weight: 4, arbitrary: shareTargetArb(index) }, { weight: 1, arbitrary: meanTargetArb(index) });
}

/** A user plan of 1–3 targets, validated by `definePlan`. */
export const userPlanArb: fc.Arbitrary<ServicePlan> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => targetArb(index))))
  .map((targets) => {
    const input: PlanInput = { id: 'property-plan', title: 'Property plan', year: 2022, targets };
    return definePlan(input);
  });

export const CATALOGUE_PLAN_IDS = ['us-2019', 'siri-2020', 'siri-2023', 'siri-2024'] as const;

/** A plan of the catalogue. */
export const cataloguePlanArb: fc.Arbitrary<ServicePlan> = fc.constantFrom(...CATALOGUE_PLAN_IDS).map((id) => getPlan(id));

/** A user plan or a catalogue plan. */
export const planArb: fc.Arbitrary<ServicePlan> = fc.oneof({ weight: 3, arbitrary: userPlanArb }, { weight: 1, arbitrary: cataloguePlanArb });

/**
 * A single-target plan covering every seed and unknown case type, with one tier whose limit is
 * given; used to compare the same cases under different limits.
 */
export function singleTierPlan(limit: TierInput['limit'], required: number, clock?: NonNullable<TargetInput['clock']>): ServicePlan {
  return definePlan({
    id: 'single-tier',
    title: 'Single tier',
    targets: [
      {
        id: 'all',
        label: 'All case types',
        caseTypes: [...CASE_TYPE_IDS],
        ...(clock === undefined ? {} : { clock }),
        tiers: [{ limit, required }],
      },
    ],
  });
}

/**
 * A permutation of `0 … length - 1` from sort keys: positions are ordered by key, ties by position.
 */
export function permutationFromKeys(keys: readonly number[]): number[] {
  return keys
    .map((key, position) => ({ key, position }))
    .sort((a, b) => a.key - b.key || a.position - b.position)
    .map(({ position }) => position);
}

/** The case types a plan covers: explicit ones and the seed registry's types of its areas. */
export function coveredCaseTypes(plan: ServicePlan): string[] {
  const covered = new Set<string>();
  for (const target of plan.targets) {
    for (const caseType of target.caseTypes) covered.add(caseType);
    for (const [id, info] of seedCaseTypes) if (target.areas.includes(info.area)) covered.add(id);
  }
  return [...covered];
}

/**
 * Cases likely to matter for a plan and period: applied from 400 days before the period to 60
 * days after it, mostly of case types the plan covers.
 */
export function caseSpaceFor(plan: ServicePlan, period: DatePeriod): CaseSpace {
  const covered = coveredCaseTypes(plan);
  return {
    firstDay: Date.parse(period.from) / MS_PER_DAY - 400,
    lastDay: Date.parse(period.to) / MS_PER_DAY + 60,
    caseTypes: covered.length === 0 ? CASE_TYPE_IDS : [...covered, ...covered, ...covered, ...CASE_TYPE_IDS],
  };
}

/** A plan, a period and valid cases aimed at them. */
export interface Scenario {
  plan: ServicePlan;
  period: DatePeriod;
  cases: DateOnlyCase[];
}

export function scenarioArb(maxLength = 80): fc.Arbitrary<Scenario> {
  return fc
    .tuple(planArb, periodArb)
    .chain(([plan, period]) => validCasesArb(maxLength, caseSpaceFor(plan, period)).map((cases) => ({ plan, period, cases })));
}

/** A plan, a period and input records aimed at them, with invalid records mixed in. */
export interface MixedScenario {
  plan: ServicePlan;
  period: DatePeriod;
  input: MixedInput;
}

export function mixedScenarioArb(maxLength = 60): fc.Arbitrary<MixedScenario> {
  return fc
    .tuple(planArb, periodArb)
    .chain(([plan, period]) => mixedInputArb(maxLength, caseSpaceFor(plan, period)).map((input) => ({ plan, period, input })));
}
