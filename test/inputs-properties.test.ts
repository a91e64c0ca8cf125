/**
 * Property tests for contacts (waiting times) and observations (days to the next free slot): each
 * test states one invariant and checks it on random records.
 *
 * Records are built from UTC `Date` arithmetic only, so they do not depend on the host's time zone.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  aggregateInputs,
  definePlan,
  evaluatePlan,
  getPlan,
  mergeAggregates,
  type InvalidRecord,
  type PlanAggregate,
  type ServicePlan,
} from '../src/index.js';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a UTC calendar date (month 1–12). */
const utcDay = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / MS_PER_DAY;
/** `YYYY-MM-DD` of a UTC day number. */
const isoDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

const pad = (value: number): string => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM:SS±HH:MM` of an instant (ms) seen at a UTC offset in minutes. */
function timestamp(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const CHANNELS = ['phone', 'in-person', 'email', 'chat'] as const;
const CENTRES = ['Valby', 'Aarhus', 'Odense', 'Aalborg', 'Esbjerg', 'Sønderborg', 'Bornholm', 'Roskilde'] as const;

/** Days from December 2018 to January 2025: around the years of us-2019, siri-2023 and siri-2024. */
const dayArb = fc.oneof(
  fc.integer({ min: utcDay(2018, 12, 1), max: utcDay(2019, 12, 31) }),
  fc.integer({ min: utcDay(2023, 6, 1), max: utcDay(2025, 1, 31) }),
);

/** A contact with a wait in minutes (whole, fractional, or around 10 and 15 minutes and 1 hour). */
const waitMinutesContactArb = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  at: dayArb.map(isoDay),
  waitMinutes: fc.oneof(
    fc.integer({ min: 0, max: 90 }),
    fc.integer({ min: 0, max: 5400 }).map((seconds) => seconds / 60),
    fc.constantFrom(9.99, 10, 10.01, 14.99, 15, 15.01, 59.99, 60, 60.01),
  ),
});

/** A contact with arrival and answer timestamps at various UTC offsets, or unanswered. */
const timedContactArb = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    day: dayArb,
    secondOfDay: fc.integer({ min: 0, max: 86_399 }),
    waitSeconds: fc.option(fc.integer({ min: 0, max: 7200 }), { nil: null, freq: 5 }),
    arrivedOffset: fc.constantFrom(0, 60, 120, -300, 330),
    answeredOffset: fc.constantFrom(0, 60, 120, -300, 330),
  })
  .map(({ channel, day, secondOfDay, waitSeconds, arrivedOffset, answeredOffset }) => {
    const arrived = day * MS_PER_DAY + secondOfDay * 1000;
    return {
      channel,
      arrived: timestamp(arrived, arrivedOffset),
      answered: waitSeconds === null ? null : timestamp(arrived + waitSeconds * 1000, answeredOffset),
    };
  });

/** Contacts that are invalid in one way or another. */
const invalidContactArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { channel: 'phone', at: '2023-08-01', waitMinutes: -1 },
  { channel: 'phone', at: '2023-02-29', waitMinutes: 1 },
  { channel: 'phone', waitMinutes: 1 },
  { channel: 'phone', at: '2023-08-01', waitMinutes: 1, arrived: '2023-08-01T10:00:00+02:00' },
  { channel: 'phone', arrived: '2023-08-01T10:05:00+02:00', answered: '2023-08-01T10:00:00+02:00' },
  { at: '2023-08-01', waitMinutes: 1 },
  { channel: 'phone', at: '2023-08-01', waitMinutes: 1, queue: 'A' },
  'phone;2023-08-01;5',
  null,
);

/** Contacts of every kind, numbered by position. */
const contactsArb: fc.Arbitrary<unknown[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: waitMinutesContactArb },
      { weight: 4, arbitrary: timedContactArb },
      { weight: 1, arbitrary: invalidContactArb },
    ),
    { maxLength: 60 },
  )
  .map((records) => records.map((record, i) => (typeof record === 'object' && record !== null ? { id: `c${i}`, ...record } : record)));

interface Observation {
  date: string;
  centre: string;
  daysToNextSlot: number;
}

const observationArb: fc.Arbitrary<Observation> = fc.record({
  date: dayArb.map(isoDay),
  centre: fc.constantFrom(...CENTRES),
  daysToNextSlot: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 8, max: 12 })),
});

const invalidObservationArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { date: '2023-12-18', centre: 'Valby', daysToNextSlot: -1 },
  { date: '2023-12-18', centre: 'Valby', daysToNextSlot: 1.5 },
  { date: '2023-12-32', centre: 'Aarhus', daysToNextSlot: 1 },
  { centre: 'Odense', daysToNextSlot: 1 },
  { date: '2023-12-18', daysToNextSlot: 1 },
  { date: '2023-12-18', centre: 'Aalborg', daysToNextSlot: 1, source: 'manual' },
  42,
);

/** Observations, with duplicate centre-days now and then. */
const observationsArb: fc.Arbitrary<unknown[]> = fc.array(
  fc.oneof({ weight: 8, arbitrary: observationArb }, { weight: 1, arbitrary: invalidObservationArb }),
  { maxLength: 80 },
);

/** Observations without two records of the same centre and date (so no part can hold a duplicate of another part). */
const distinctObservationsArb: fc.Arbitrary<unknown[]> = observationsArb.map((records) => {
  const seen = new Set<string>();
  return records.filter((record) => {
    if (typeof record !== 'object' || record === null) return true;
    const { centre, date } = record as Partial<Observation>;
    const key = `${String(centre)}|${String(date)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});

/** A user plan with waiting-time and availability targets of every scoring kind. */
const userPlan = definePlan({
  id: 'service-2023',
  title: 'Service 2023',
  period: { from: '2023-06-01', to: '2024-06-30' },
  targets: [
    {
      id: 'mean-phone',
      label: 'Mean phone wait',
      input: 'contacts',
      channels: ['phone', 'chat'],
      aggregate: 'mean',
      tiers: [{ limit: { amount: 12, unit: 'minutes' } }],
    },
    {
      id: 'visits',
      label: 'Visits',
      input: 'contacts',
      channels: ['in-person'],
      period: '2023-H2',
      tiers: [{ limit: { amount: 1, unit: 'hours' }, required: 0.8 }],
    },
    {
      id: 'centres',
      label: 'Centres',
      input: 'observations',
      centres: { Valby: 0.5, Aarhus: 0.3, Odense: 0.2 },
      centreScoring: 'weighted-share',
      tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8 }],
    },
  ],
});

const PLANS: readonly ServicePlan[] = [getPlan('us-2019'), getPlan('siri-2023'), getPlan('siri-2024'), userPlan];

/** The invalid list in a fixed order (input kind, then position), for comparing aggregates. */
function sortedInvalid(invalid: readonly InvalidRecord[]): InvalidRecord[] {
  const kinds = ['cases', 'contacts', 'observations'];
  return [...invalid].sort((a, b) => kinds.indexOf(a.input) - kinds.indexOf(b.input) || a.index - b.index);
}

const normalised = (aggregate: PlanAggregate): PlanAggregate => ({ ...aggregate, invalid: sortedInvalid(aggregate.invalid) });

describe('contact and observation properties', () => {
  test('contact and observation counts reconcile with the input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLANS), contactsArb, observationsArb, (plan, contacts, observations) => {
        const report = evaluatePlan(plan, { contacts, observations });
        const c = report.contacts.counts;
        expect(c.input).toBe(contacts.length);
        expect(c.measured + c.unanswered + c.outOfPeriod + c.withoutTarget + c.invalid).toBe(c.input);
        expect(Object.values(report.contacts.withoutTarget).reduce((sum, n) => sum + n, 0)).toBe(c.withoutTarget);
        const o = report.observations.counts;
        expect(o.input).toBe(observations.length);
        expect(o.measured + o.notWorkingDay + o.outOfPeriod + o.withoutTarget + o.invalid).toBe(o.input);
        expect(Object.values(report.observations.withoutTarget).reduce((sum, n) => sum + n, 0)).toBe(o.withoutTarget);
        // each invalid record is listed (once or more), under its own input
        const invalidAt = (input: string) => new Set(report.invalid.filter((entry) => entry.input === input).map((entry) => entry.index)).size;
        expect(invalidAt('contacts')).toBe(c.invalid);
        expect(invalidAt('observations')).toBe(o.invalid);
        expect(report.counts.input).toBe(0);
      }),
    );
  });

  test('evaluating two halves of contacts and observations and merging equals evaluating the whole', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLANS),
        contactsArb,
        distinctObservationsArb,
        fc.nat(),
        fc.nat(),
        (plan, contacts, observations, contactCut, observationCut) => {
          const k = contactCut % (contacts.length + 1);
          const j = observationCut % (observations.length + 1);
          const whole = aggregateInputs(plan, { contacts, observations });
          const first = aggregateInputs(plan, { contacts: contacts.slice(0, k), observations: observations.slice(0, j) });
          const second = aggregateInputs(
            plan,
            { contacts: contacts.slice(k), observations: observations.slice(j) },
            { indexOffset: { contacts: k, observations: j } },
          );
          // The merged list of invalid records holds the same entries; it lists each part's in turn.
          expect(normalised(mergeAggregates(first, second))).toEqual(normalised(whole));
        },
      ),
    );
  });

  test('raising a waiting-time limit never lowers a share', () => {
    /** A plan whose contact and observation targets share one limit. */
    const planWith = (minutes: number, days: number, unit: 'minutes' | 'hours') =>
      definePlan({
        id: 'limits',
        title: 'Limits',
        period: { from: '2018-12-01', to: '2025-01-31' },
        targets: [
          { id: 'calls', label: 'Calls', input: 'contacts', channels: ['phone', 'in-person'], tiers: [{ limit: { amount: minutes, unit }, required: 0.8 }] },
          { id: 'slots', label: 'Slots', input: 'observations', tiers: [{ limit: { amount: days, unit: 'days' }, required: 0.8 }] },
          {
            id: 'weighted',
            label: 'Weighted slots',
            input: 'observations',
            centres: { Valby: 0.6, Aarhus: 0.4 },
            tiers: [{ limit: { amount: days, unit: 'days' }, required: 0.8 }],
          },
        ],
      });
    fc.assert(
      fc.property(
        contactsArb,
        observationsArb,
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('minutes' as const, 'hours' as const),
        (contacts, observations, minutes, raiseMinutes, days, raiseDays, unit) => {
          const low = evaluatePlan(planWith(minutes, days, unit), { contacts, observations });
          const high = evaluatePlan(planWith(minutes + raiseMinutes, days + raiseDays, unit), { contacts, observations });
          low.targets.forEach((target, t) => {
            const lowTier = target.tiers[0];
            const highTier = high.targets[t]?.tiers[0];
            if (lowTier?.kind !== 'share' || highTier?.kind !== 'share') throw new Error('share tiers expected');
            expect(highTier.measured).toBe(lowTier.measured);
            expect(highTier.within).toBeGreaterThanOrEqual(lowTier.within);
            if (lowTier.share !== null) expect(highTier.share).toBeGreaterThanOrEqual(lowTier.share);
            (lowTier.centres ?? []).forEach((centre, i) => {
              const raised = highTier.centres?.[i];
              expect(raised?.within).toBeGreaterThanOrEqual(centre.within);
            });
          });
        },
      ),
    );
  });

  test("a centre's share equals a straightforward count of its weekdays within the limit", () => {
    // Danish public holidays between 25 November 2023 and 5 February 2024 (the generated range).
    const HOLIDAYS = new Set(['2023-12-25', '2023-12-26', '2024-01-01']);
    const FROM = '2023-12-01';
    const TO = '2024-01-31';
    const WEIGHTS = { A: 0.5, B: 0.3, C: 0.2 };
    const planWith = (limit: number) =>
      definePlan({
        id: 'centres',
        title: 'Centres',
        period: { from: FROM, to: TO },
        targets: [{ id: 'slots', label: 'Slots', input: 'observations', centres: WEIGHTS, tiers: [{ limit: { amount: limit, unit: 'days' }, required: 0.8 }] }],
      });
    const recordArb = fc.record({
      date: fc.integer({ min: utcDay(2023, 11, 25), max: utcDay(2024, 2, 5) }).map(isoDay),
      centre: fc.constantFrom('A', 'B', 'C', 'D'),
      daysToNextSlot: fc.integer({ min: -1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 120 }), fc.integer({ min: 0, max: 15 }), (records, limit) => {
        // Reference: the first valid record of each centre and date counts, if the centre is
        // weighted, the date lies in the period and is Monday–Friday and not a public holiday.
        const expected = new Map<string, { measured: number; within: number }>(Object.keys(WEIGHTS).map((c) => [c, { measured: 0, within: 0 }]));
        const seen = new Set<string>();
        for (const { date, centre, daysToNextSlot } of records) {
          if (daysToNextSlot < 0) continue;
          const key = `${centre}|${date}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const tally = expected.get(centre);
          const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
          if (tally === undefined || date < FROM || date > TO || weekday === 0 || weekday === 6 || HOLIDAYS.has(date)) continue;
          tally.measured++;
          if (daysToNextSlot <= limit) tally.within++;
        }
        // Every working day of the period counts for every centre (a day without an observation is
        // not within), once any centre has an observation; with none, nothing was measured.
        let workingDays = 0;
        for (let day = utcDay(2023, 12, 1); isoDay(day) <= TO; day++) {
          const weekday = new Date(`${isoDay(day)}T00:00:00Z`).getUTCDay();
          if (weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(isoDay(day))) workingDays++;
        }
        const anyObserved = [...expected.values()].some((tally) => tally.measured > 0);
        const tier = evaluatePlan(planWith(limit), { observations: records }).targets[0]?.tiers[0];
        if (tier?.kind !== 'share') throw new Error('a share tier expected');
        expect(
          (tier.centres ?? []).map((c) => [c.centre, c.measured, c.within, c.share, c.met]),
        ).toEqual(
          [...expected].map(([centre, { measured: observed, within }]) => ({ centre, measured: anyObserved ? workingDays : observed, within })).map(({ centre, measured, within }) => [
            centre,
            measured,
            within,
            measured === 0 ? null : within / measured,
            measured === 0 ? null : within * 10 >= measured * 8,
          ]),
        );
      }),
    );
  });
});
