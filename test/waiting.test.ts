/**
 * Waiting-time targets on contacts (phone calls and in-person visits): us-2019 1.3a/1.3b,
 * siri-2023 1.2b and a user plan with a mean waiting time. Every expected value is worked out by
 * hand in the comments next to it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, meanTier, runWithSmallHeap, shareTier, target, thrown } from './helpers.js';
import {
  aggregateInputs,
  definePlan,
  evaluatePlan,
  getPlan,
  mergeAggregates,
  readContactRecord,
  readObservationRecord,
  reportFromAggregate,
  type EvaluateOptions,
  type EvaluationInputs,
  type PlanReport,
  type ServicePlan,
} from '../src/index.js';

const us2019 = getPlan('us-2019');
const siri2023 = getPlan('siri-2023');

/** Evaluates contacts alone and checks that their counts reconcile. */
function evaluateContacts(plan: ServicePlan, contacts: unknown[], options: EvaluateOptions = {}): PlanReport {
  return evaluate(plan, { contacts }, options);
}

/** A phone call with its wait in minutes. */
const call = (id: string, at: string, waitMinutes: number) => ({ id, channel: 'phone', at, waitMinutes });
/** A contact with arrival and answer timestamps. */
const timed = (id: string, channel: string, arrived: string, answered: string | null) => ({ id, channel, arrived, answered });

/** The wait in seconds that readContactRecord finds for a record, or the problems' codes. */
function waitSeconds(record: unknown): number | null | string[] {
  const read = readContactRecord(record, 0);
  return Array.isArray(read) ? read.map((problem) => `${problem.field}:${problem.code}`) : read.waitSeconds;
}

describe('us-2019 1.3b: phone waits of at most 15 minutes for 80 % of calls', () => {
  // Ten calls on a Monday in 2019. Waits in seconds: 0, 60, 300, 600, 870, 899, 900, 901, 1200, 2700.
  const calls = [
    call('p0', '2019-05-06', 0),
    call('p1', '2019-05-06', 1),
    call('p2', '2019-05-06', 5),
    call('p3', '2019-05-06', 10),
    call('p4', '2019-05-06', 14.5),
    call('p5', '2019-05-06', 14 + 59 / 60), // 14:59
    call('p6', '2019-05-06', 15), // 15:00, exactly the limit
    call('p7', '2019-05-06', 15 + 1 / 60), // 15:01
    call('p8', '2019-05-06', 20),
    call('p9', '2019-05-06', 45),
  ];

  it('counts 14:59 and 15:00 as within and 15:01 as not: 7 of 10 misses 80 %', () => {
    const report = evaluateContacts(us2019, calls);
    expect(report.contacts.counts).toEqual({ input: 10, measured: 10, unanswered: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    // within ≤ 900 s: p0–p6 = 7; 80 % of 10 needs 8
    expect(shareTier(report, 'telefonisk-ventetid')).toMatchObject({
      limit: { amount: 15, unit: 'minutes' },
      required: 0.8,
      measured: 10,
      within: 7,
      share: 0.7,
      needed: 8,
      met: false,
    });
    expect(target(report, 'telefonisk-ventetid')).toMatchObject({ input: 'contacts', channels: ['phone'], met: false, score: 0 });
    // the in-person target saw no visit
    expect(shareTier(report, 'personlig-ventetid')).toMatchObject({ measured: 0, within: 0, share: null, met: null });
    // no case records were given
    expect(report.counts.input).toBe(0);
  });

  it('meets 80 % with exactly 8 of 10', () => {
    // the 45-minute call replaced by a 14-minute one: 8 within
    const report = evaluateContacts(us2019, [...calls.slice(0, 9), call('p9', '2019-05-06', 14)]);
    expect(shareTier(report, 'telefonisk-ventetid')).toMatchObject({ measured: 10, within: 8, share: 0.8, needed: 8, met: true });
    expect(target(report, 'telefonisk-ventetid')).toMatchObject({ met: true, score: 1 });
  });
});

describe('us-2019 1.3a: in-person waits of at most 1 hour for 80 % of visits', () => {
  // Five visits on 4 February 2019 (winter time, UTC+1).
  const visits = [
    timed('v1', 'in-person', '2019-02-04T09:00:00+01:00', '2019-02-04T09:59:59+01:00'), // 3599 s
    timed('v2', 'in-person', '2019-02-04T09:00:00+01:00', '2019-02-04T10:00:00+01:00'), // 3600 s: the limit
    timed('v3', 'in-person', '2019-02-04T09:00:00+01:00', '2019-02-04T10:00:01+01:00'), // 3601 s
    timed('v4', 'in-person', '2019-02-04T08:15:00Z', '2019-02-04T10:00:00+01:00'), // 08:15Z → 09:00Z: 45 min
    timed('v5', 'in-person', '2019-02-04T13:00', '2019-02-04T12:30:00Z'), // 13:00 Copenhagen = 12:00Z: 30 min
  ];

  it('measures hours in seconds: 4 of 5 within 3600 s meets 80 %', () => {
    expect(visits.map(waitSeconds)).toEqual([3599, 3600, 3601, 2700, 1800]);
    const report = evaluateContacts(us2019, visits);
    expect(shareTier(report, 'personlig-ventetid')).toMatchObject({
      limit: { amount: 1, unit: 'hours' },
      measured: 5,
      within: 4,
      share: 0.8,
      needed: 4,
      met: true,
    });
    // visits are not phone calls
    expect(shareTier(report, 'telefonisk-ventetid')).toMatchObject({ measured: 0, met: null });
  });

  it('scores group 1.3 (weight 5) only through a scoring rule', () => {
    // visits met (4/5); phone calls 7/10 not met
    const phone = [
      ...Array.from({ length: 7 }, (_, i) => call(`in${i}`, '2019-05-06', 15)),
      ...Array.from({ length: 3 }, (_, i) => call(`out${i}`, '2019-05-06', 16)),
    ];
    const contacts = [...visits, ...phone];
    const unscored = evaluateContacts(us2019, contacts);
    expect(unscored.groups.find((group) => group.id === '1.3')).toMatchObject({ weight: 5, scoring: null, points: null });
    expect(unscored.points.unscored).toContainEqual({ id: '1.3', kind: 'group', weight: 5, reason: 'no-scoring-rule' });

    // one tier of two met: 5 × 1/2
    const shareOfTiers = evaluateContacts(us2019, contacts, { groupScoring: { '1.3': 'share-of-tiers' } });
    expect(shareOfTiers.groups.find((group) => group.id === '1.3')).toMatchObject({ scoring: 'rule', points: 2.5 });
    // the asylum and family groups have no cases: only 1.3 is scored
    expect(shareOfTiers.points).toMatchObject({ earned: 2.5, possible: 5 });

    const allMet = evaluateContacts(us2019, contacts, { groupScoring: { '1.3': 'all-met' } });
    expect(allMet.groups.find((group) => group.id === '1.3')?.points).toBe(0);
  });
});

describe('siri-2023 1.2b: phone waits of at most 10 minutes for 80 % of calls, second half-year', () => {
  // Ten calls on Monday 4 September 2023: 9:59, 10:00 and 10:01 around the limit.
  const calls = [
    call('t0', '2023-09-04', 0),
    call('t1', '2023-09-04', 0.5),
    call('t2', '2023-09-04', 2),
    call('t3', '2023-09-04', 5),
    call('t4', '2023-09-04', 9),
    call('t5', '2023-09-04', 9 + 59 / 60), // 599 s
    timed('t6', 'phone', '2023-09-04T10:00:00+02:00', '2023-09-04T10:10:00+02:00'), // 600 s
    timed('t7', 'phone', '2023-09-04T10:00:00+02:00', '2023-09-04T10:10:01+02:00'), // 601 s
    call('t8', '2023-09-04', 11),
    call('t9', '2023-09-04', 20),
  ];

  it('needs 8 of 10 within 600 s: 7 is not enough', () => {
    const report = evaluateContacts(siri2023, calls);
    // within: t0–t6
    expect(shareTier(report, 'telefon')).toMatchObject({
      limit: { amount: 10, unit: 'minutes' },
      measured: 10,
      within: 7,
      share: 0.7,
      needed: 8,
      met: false,
    });
  });

  it('meets 80 % when the 10:01 call becomes 9:00', () => {
    const report = evaluateContacts(siri2023, calls.map((record) => (record.id === 't7' ? call('t7', '2023-09-04', 9) : record)));
    expect(shareTier(report, 'telefon')).toMatchObject({ measured: 10, within: 8, share: 0.8, met: true });
  });

  it('measures only calls of 2023-H2', () => {
    const contacts = [
      call('jan', '2023-01-15', 1),
      call('jun30', '2023-06-30', 1), // last day of H1: not measured
      call('jul1', '2023-07-01', 1), // first day of H2
      call('dec31', '2023-12-31', 20), // last day of H2 (and of the plan year)
      call('next-year', '2024-01-01', 1), // outside the evaluation period
    ];
    const report = evaluateContacts(siri2023, contacts);
    expect(target(report, 'telefon').period).toEqual({ from: '2023-07-01', to: '2023-12-31' });
    expect(report.contacts.counts).toEqual({ input: 5, measured: 2, unanswered: 0, outOfPeriod: 3, withoutTarget: 0, invalid: 0 });
    expect(shareTier(report, 'telefon')).toMatchObject({ measured: 2, within: 1, share: 0.5 });

    // evaluated over H1, nothing is measured: share and met are null, never 100 % of nothing
    const h1 = evaluateContacts(siri2023, contacts, { period: '2023-H1' });
    expect(h1.contacts.counts).toMatchObject({ measured: 0, outOfPeriod: 5 });
    expect(shareTier(h1, 'telefon')).toMatchObject({ measured: 0, share: null, needed: null, met: null });

    // evaluated over Q4, only 31 December
    expect(shareTier(evaluateContacts(siri2023, contacts, { period: '2023-Q4' }), 'telefon')).toMatchObject({ measured: 1, within: 0 });

    // explicit bounds across the start of H2: only 1 July
    const straddling = evaluateContacts(siri2023, contacts, { period: { from: '2023-06-01', to: '2023-07-31' } });
    expect(shareTier(straddling, 'telefon')).toMatchObject({ measured: 1, within: 1 });
  });

  it('dates a call by the Copenhagen date of its arrival; an `at` on another day is invalid', () => {
    const contacts = [
      // 22:30Z on 30 June is 00:30 on 1 July in Copenhagen (CEST): H2
      timed('after-midnight', 'phone', '2023-06-30T22:30:00Z', '2023-06-30T22:35:00Z'),
      // 23:59 in Copenhagen on 30 June: H1
      timed('before-midnight', 'phone', '2023-06-30T23:59:00+02:00', '2023-07-01T00:04:00+02:00'),
      // 23:30Z on 31 December is 00:30 on 1 January 2024 in Copenhagen (CET): outside 2023
      timed('new-year', 'phone', '2023-12-31T23:30:00Z', '2023-12-31T23:35:00Z'),
      // `at` contradicts the arrival (30 June in Copenhagen): the record is invalid
      { id: 'dated', channel: 'phone', at: '2023-07-03', arrived: '2023-06-30T10:00:00+02:00', answered: '2023-06-30T10:01:00+02:00' },
      // `at` agreeing with the arrival is fine
      { id: 'agreed', channel: 'phone', at: '2023-07-03', arrived: '2023-07-03T10:00:00+02:00', answered: '2023-07-03T10:01:00+02:00' },
    ];
    const report = evaluateContacts(siri2023, contacts);
    expect(report.contacts.counts).toMatchObject({ measured: 2, outOfPeriod: 2, invalid: 1 });
    expect(report.invalid).toEqual([expect.objectContaining({ id: 'dated', field: 'at', code: 'invalid_value' })]);
    expect(shareTier(report, 'telefon')).toMatchObject({ measured: 2, within: 2 });
  });
});

describe('waits counted in whole seconds', () => {
  it('rounds waitMinutes to the nearest second', () => {
    // 7.5 min = 450 s; 15.0083 min = 900.498 s → 900; 15.0084 min = 900.504 s → 901; 14.99 min = 899.4 s → 899
    expect(waitSeconds(call('a', '2019-05-06', 7.5))).toBe(450);
    expect(waitSeconds(call('b', '2019-05-06', 15.0083))).toBe(900);
    expect(waitSeconds(call('c', '2019-05-06', 15.0084))).toBe(901);
    expect(waitSeconds(call('d', '2019-05-06', 14.99))).toBe(899);
    expect(waitSeconds(call('e', '2019-05-06', 1 / 120))).toBe(1); // 0.5 s rounds up to 1 s

    const report = evaluateContacts(us2019, [
      call('b', '2019-05-06', 15.0083),
      call('c', '2019-05-06', 15.0084),
      call('d', '2019-05-06', 14.99),
    ]);
    // 900 and 899 s are within 15 minutes, 901 s is not
    expect(shareTier(report, 'telefonisk-ventetid')).toMatchObject({ measured: 3, within: 2 });
  });

  it('rounds answered − arrived to the nearest second when timestamps carry fractions', () => {
    // 10:00:00.4 → 10:09:59.9 is 599.5 s → 600 s (within 10 minutes); → 10:10:00.6 is 600.2 s → 600 s
    expect(waitSeconds(timed('f1', 'phone', '2023-09-04T10:00:00.4+02:00', '2023-09-04T10:09:59.9+02:00'))).toBe(600);
    expect(waitSeconds(timed('f2', 'phone', '2023-09-04T10:00:00.4+02:00', '2023-09-04T10:10:00.6+02:00'))).toBe(600);
    // 10:00:00 → 10:10:00.5 is 600.5 s → 601 s: one second over the limit
    expect(waitSeconds(timed('f3', 'phone', '2023-09-04T10:00:00+02:00', '2023-09-04T10:10:00.5+02:00'))).toBe(601);
  });

  it('rejects answered without arrived, and answered next to waitMinutes', () => {
    expect(waitSeconds({ id: 'x', channel: 'phone', at: '2023-09-04', answered: '2023-09-04T10:00:00+02:00' })).toEqual(['arrived:missing_field']);
    expect(waitSeconds({ ...call('y', '2023-09-04', 3), answered: '2023-09-04T10:00:00+02:00' })).toEqual(['waitMinutes:invalid_value']);
  });

  it('shows a wait that is no number as the export gave it, objects as JSON', () => {
    const messages = (waitMinutes: unknown): string[] => {
      const read = readContactRecord({ id: 'w', channel: 'phone', at: '2023-09-04', waitMinutes }, 0);
      return Array.isArray(read) ? read.map((problem) => problem.message) : [];
    };
    expect(messages('7,5 min')).toEqual(['contact 0 (id w): waitMinutes must be a number of minutes ≥ 0, got 7,5 min']);
    expect(messages({ minutes: 7.5 })).toEqual(['contact 0 (id w): waitMinutes must be a number of minutes ≥ 0, got {"minutes":7.5}']);
    expect(messages([1, 2])).toEqual(['contact 0 (id w): waitMinutes must be a number of minutes ≥ 0, got [1,2]']);
    const observation = readObservationRecord({ date: '2023-09-04', centre: 'Valby', daysToNextSlot: { days: 4 } }, 0);
    expect(Array.isArray(observation) ? observation.map((problem) => problem.message) : []).toEqual([
      'observation 0 (id Valby 2023-09-04): daysToNextSlot must be a whole number of days ≥ 0, got {"days":4}',
    ]);
  });

  it('rejects waits of more than 24 hours as errors in the export', () => {
    expect(waitSeconds(call('long', '2019-05-06', 24 * 60 + 1))).toEqual(['waitMinutes:invalid_value']);
    expect(waitSeconds(timed('late', 'phone', '2019-05-06T10:00:00+02:00', '2029-05-06T10:00:00+02:00'))).toEqual(['answered:invalid_value']);
    // exactly 24 hours is still a wait
    expect(waitSeconds(call('day', '2019-05-06', 24 * 60))).toBe(86_400);
  });

  it('reads Date objects as instants', () => {
    const record = {
      id: 'd',
      channel: 'phone',
      arrived: new Date(Date.UTC(2023, 8, 4, 8, 0, 0)),
      answered: new Date(Date.UTC(2023, 8, 4, 8, 7, 30)),
    };
    // 7 min 30 s
    expect(waitSeconds(record)).toBe(450);
    expect(shareTier(evaluateContacts(siri2023, [record]), 'telefon')).toMatchObject({ measured: 1, within: 1 });
  });
});

describe('arrived and answered across a change of summer time', () => {
  // Sunday 29 October 2023: at 01:00Z Copenhagen goes from 03:00 CEST (UTC+2) back to 02:00 CET
  // (UTC+1), so wall-clock times 02:00–02:59 occur twice. Without an offset the first is meant.
  const autumn = [
    // 02:30 and 02:40 both in the first (CEST) hour: 00:30Z → 00:40Z = 600 s
    timed('same-hour', 'phone', '2023-10-29T02:30:00', '2023-10-29T02:40:00'),
    // 02:30 CEST = 00:30Z, 02:10 CET = 01:10Z: 2400 s, although the wall clock went backwards
    timed('across-offsets', 'phone', '2023-10-29T02:30:00+02:00', '2023-10-29T02:10:00+01:00'),
    // 01:55 CEST = 23:55Z on the 28th, 03:05 CET = 02:05Z: 2 h 10 min = 7800 s on a 1 h 10 min wall clock
    timed('over-the-change', 'phone', '2023-10-29T01:55:00', '2023-10-29T03:05:00'),
    // in the second (CET) hour: 01:50Z → 01:58Z = 480 s
    timed('second-hour', 'phone', '2023-10-29T02:50:00+01:00', '2023-10-29T02:58:00+01:00'),
    // 00:55Z (02:55 CEST) → 01:04Z (02:04 CET) = 540 s
    timed('in-utc', 'phone', '2023-10-29T00:55:00Z', '2023-10-29T01:04:00Z'),
  ];

  it('computes the real elapsed seconds', () => {
    expect(autumn.map(waitSeconds)).toEqual([600, 2400, 7800, 480, 540]);
  });

  it('measures siri-2023 phone waits on the day of the change', () => {
    const report = evaluateContacts(siri2023, autumn);
    // all five are on 29 October (H2); within 600 s: same-hour, second-hour, in-utc
    expect(shareTier(report, 'telefon')).toMatchObject({ measured: 5, within: 3, share: 0.6, met: false });
  });

  it('reads a wall-clock time without offset in the repeated hour as the first one', () => {
    // arrived 02:30 CET (01:30Z, the second 02:30); answered "02:30" without offset is the first, 00:30Z
    const record = timed('reversed', 'phone', '2023-10-29T02:30:00+01:00', '2023-10-29T02:30:00');
    expect(waitSeconds(record)).toEqual(['answered:invalid_value']);
  });

  it('handles the spring change (31 March 2019, 02:00 CET → 03:00 CEST)', () => {
    // 01:55 CET = 00:55Z, 03:05 CEST = 01:05Z: 10 minutes on a 1 h 10 min wall clock
    const spring = timed('spring', 'phone', '2019-03-31T01:55:00', '2019-03-31T03:05:00');
    // 01:50 CET = 00:50Z, 03:10 CEST = 01:10Z: 20 minutes
    const offsets = timed('spring-offsets', 'phone', '2019-03-31T01:50:00+01:00', '2019-03-31T03:10:00+02:00');
    expect([spring, offsets].map(waitSeconds)).toEqual([600, 1200]);
    expect(shareTier(evaluateContacts(us2019, [spring, offsets]), 'telefonisk-ventetid')).toMatchObject({ measured: 2, within: 1 });
  });

  it('does not depend on the host time zone for timestamps without offset', () => {
    // 2019-07-01T10:00 Copenhagen is 08:00Z whatever TZ the process runs in
    const record = { id: 'tz', channel: 'phone', arrived: '2019-07-01T10:00:00', answered: new Date(Date.UTC(2019, 6, 1, 8, 12, 0)) };
    expect(waitSeconds(record)).toBe(720);
  });
});

describe('unanswered contacts and buckets', () => {
  it('puts unanswered calls in their own bucket, outside the share', () => {
    const contacts = [
      timed('null', 'phone', '2023-08-01T10:00:00+02:00', null),
      timed('answered', 'phone', '2023-08-01T12:00:00+02:00', '2023-08-01T12:20:00+02:00'), // 20 min
    ];
    const report = evaluateContacts(siri2023, contacts);
    expect(report.contacts.counts).toEqual({ input: 2, measured: 1, unanswered: 1, outOfPeriod: 0, withoutTarget: 0, invalid: 0 });
    // only the answered call is measured, and it waited too long
    expect(shareTier(report, 'telefon')).toMatchObject({ measured: 1, within: 0, share: 0 });
  });

  it('treats a missing answered field as a gap in the export, not as unanswered', () => {
    const report = evaluateContacts(siri2023, [{ id: 'absent', channel: 'phone', arrived: '2023-08-01T11:00:00+02:00' }]);
    expect(report.contacts.counts).toMatchObject({ input: 1, unanswered: 0, invalid: 1 });
    expect(report.invalid).toEqual([expect.objectContaining({ input: 'contacts', index: 0, id: 'absent', field: 'answered', code: 'missing_field' })]);
  });

  it('checks invalid, without target, out of period, unanswered, measured in that order', () => {
    const contacts = [
      { ...call('email', '2023-08-01', 1), channel: 'email' }, // no siri-2023 target measures e-mail
      { id: 'visit', channel: 'in-person', at: '2023-08-01', waitMinutes: 1 }, // nor visits
      call('march', '2023-03-01', 1), // H1
      call('last-year', '2022-12-31', 1), // before the plan year
      timed('unanswered', 'phone', '2023-08-01T10:00:00+02:00', null),
      call('measured', '2023-08-01', 5),
      call('negative', '2023-08-01', -1), // invalid
      { id: 'email-without-day', channel: 'email', waitMinutes: 1 }, // invalid before without target
      timed('unanswered-march', 'phone', '2023-03-01T10:00:00+01:00', null), // out of period before unanswered
    ];
    const report = evaluateContacts(siri2023, contacts);
    expect(report.contacts.counts).toEqual({ input: 9, measured: 1, unanswered: 1, outOfPeriod: 3, withoutTarget: 2, invalid: 2 });
    expect(report.contacts.withoutTarget).toEqual({ email: 1, 'in-person': 1 });
    expect(report.invalid.map(({ input, index, id }) => [input, index, id])).toEqual([
      ['contacts', 6, 'negative'],
      ['contacts', 7, 'email-without-day'],
    ]);
    // the observation and case inputs are untouched
    expect(report.observations.counts.input).toBe(0);
    expect(report.counts.input).toBe(0);
  });
});

describe('a mean waiting-time target (user plan)', () => {
  const plan = definePlan({
    id: 'kundecenter-2023',
    title: 'Kundecenter 2023',
    year: 2023,
    targets: [
      {
        id: 'gennemsnit',
        label: 'Gennemsnitlig ventetid',
        input: 'contacts',
        channels: ['phone', 'chat'],
        aggregate: 'mean',
        weight: 2,
        tiers: [{ limit: { amount: 5, unit: 'minutes' } }],
      },
      {
        id: 'besoeg',
        label: 'Gennemsnitlig ventetid ved besøg',
        input: 'contacts',
        channels: ['in-person'],
        aggregate: 'mean',
        tiers: [{ limit: { amount: 1, unit: 'hours' } }],
      },
    ],
  });

  it('is not met at a mean of 5 min 10 s', () => {
    const report = evaluateContacts(plan, [
      call('a', '2023-03-01', 3), // 180 s
      { ...call('b', '2023-03-01', 4), channel: 'chat' }, // 240 s
      call('c', '2023-03-01', 8.5), // 510 s
      timed('d', 'phone', '2023-03-01T10:00:00+01:00', null), // unanswered: no wait to average
    ]);
    // (180 + 240 + 510) / 3 = 310 s = 31/6 min > 5 min
    expect(meanTier(report, 'gennemsnit')).toMatchObject({ kind: 'mean', required: null, measured: 3, mean: 31 / 6, met: false, weight: 2, points: 0 });
    expect(report.contacts.counts).toMatchObject({ measured: 3, unanswered: 1 });
    expect(report.points).toEqual({ earned: 0, possible: 2, unscored: [] });
  });

  it('is met at a mean of exactly 5 minutes', () => {
    const report = evaluateContacts(plan, [
      call('a', '2023-03-01', 3),
      call('b', '2023-03-01', 4),
      call('c', '2023-03-01', 8.5),
      call('e', '2023-03-01', 4.5), // 270 s: (930 + 270) / 4 = 300 s
    ]);
    expect(meanTier(report, 'gennemsnit')).toMatchObject({ measured: 4, mean: 5, met: true, points: 2 });
    expect(report.points).toMatchObject({ earned: 2, possible: 2 });
  });

  it('reports a mean in hours for an hour limit', () => {
    const report = evaluateContacts(plan, [
      timed('v1', 'in-person', '2023-03-01T09:00:00+01:00', '2023-03-01T09:30:00+01:00'), // 1800 s
      timed('v2', 'in-person', '2023-03-01T09:00:00+01:00', '2023-03-01T10:30:00+01:00'), // 5400 s
    ]);
    // (1800 + 5400) / 2 = 3600 s = 1 hour
    expect(meanTier(report, 'besoeg')).toMatchObject({ measured: 2, mean: 1, met: true, weight: null, points: null });
    expect(meanTier(report, 'gennemsnit')).toMatchObject({ measured: 0, mean: null, met: null });
  });
});

describe('invalid contact records', () => {
  const records: unknown[] = [
    { id: 'both', channel: 'phone', at: '2023-08-01', waitMinutes: 5, arrived: '2023-08-01T10:00:00+02:00', answered: '2023-08-01T10:05:00+02:00' },
    timed('backwards', 'phone', '2023-08-01T10:05:00+02:00', '2023-08-01T10:00:00+02:00'),
    call('negative', '2023-08-01', -0.5),
    { id: 'no-day', channel: 'phone', waitMinutes: 3 },
    { id: 'no-wait', channel: 'phone', at: '2023-08-01' },
    timed('bad-time', 'phone', '2023-08-01T25:00:00+02:00', null),
    timed('date-only', 'phone', '2023-08-01', '2023-08-01T10:00:00+02:00'),
    { channel: 'phone', at: '2023-08-01', waitMinutes: 1 },
    { id: 'typo', channel: 'phone', at: '2023-08-01', wait: 3 },
    'phone,5',
    call('nan', '2023-08-01', Number.NaN),
    { id: 'text', channel: 'phone', at: '2023-08-01', waitMinutes: '5' },
    { id: 'no-channel', at: '2023-08-01', waitMinutes: 1 },
    call('feb29', '2023-02-29', 1),
    call('ok', '2023-08-01', 1),
  ];

  it('lists every problem with input, index, id, field and code, counting each record once', () => {
    const report = evaluateContacts(siri2023, records);
    expect(report.contacts.counts).toMatchObject({ input: 15, measured: 1, invalid: 14 });
    expect(report.invalid.map(({ input, index, id, field, code }) => [input, index, id, field, code])).toEqual([
      ['contacts', 0, 'both', 'waitMinutes', 'invalid_value'],
      ['contacts', 1, 'backwards', 'answered', 'invalid_value'],
      ['contacts', 2, 'negative', 'waitMinutes', 'invalid_value'],
      ['contacts', 3, 'no-day', 'at', 'missing_field'],
      ['contacts', 4, 'no-wait', 'waitMinutes', 'missing_field'],
      ['contacts', 5, 'bad-time', 'arrived', 'invalid_date'],
      ['contacts', 6, 'date-only', 'arrived', 'invalid_date'],
      ['contacts', 7, null, 'id', 'missing_field'],
      ['contacts', 8, 'typo', 'wait', 'unknown_field'],
      ['contacts', 8, 'typo', 'waitMinutes', 'missing_field'],
      ['contacts', 9, null, '', 'invalid_type'],
      ['contacts', 10, 'nan', 'waitMinutes', 'invalid_value'],
      ['contacts', 11, 'text', 'waitMinutes', 'invalid_value'],
      ['contacts', 12, 'no-channel', 'channel', 'missing_field'],
      ['contacts', 13, 'feb29', 'at', 'invalid_date'],
    ]);
  });

  it('names the record, its id and the field in the message', () => {
    const messages = evaluateContacts(siri2023, records).invalid.map((problem) => problem.message);
    expect(messages[0]).toMatch(/^contact 0 \(id both\): waitMinutes /);
    expect(messages[0]).toContain('arrived');
    expect(messages[1]).toBe('contact 1 (id backwards): answered is before arrived');
    expect(messages[2]).toMatch(/^contact 2 \(id negative\): waitMinutes .*-0\.5/);
    expect(messages[3]).toMatch(/^contact 3 \(id no-day\): at is missing/);
    expect(messages[5]).toMatch(/^contact 5 \(id bad-time\): arrived .*2023-08-01T25:00:00\+02:00/);
    expect(messages[7]).toBe('contact 7: id is missing');
    expect(messages[8]).toMatch(/^contact 8 \(id typo\): wait /);
    expect(messages[10]).toBe('contact 9: is not an object');
    expect(messages[14]).toMatch(/^contact 13 \(id feb29\): at .*2023-02-29/);
  });

  it('adds the contacts index offset to positions', () => {
    const report = evaluatePlan(siri2023, { contacts: records.slice(0, 2) }, { indexOffset: { contacts: 100 } });
    expect(report.invalid.map(({ index }) => index)).toEqual([100, 101]);
    expect(report.invalid[1]?.message).toBe('contact 101 (id backwards): answered is before arrived');
  });
});

describe('merging aggregates of contacts and observations', () => {
  it('lists invalid records of merged parts as evaluating the whole does', () => {
    const contacts = [call('a', '2023-08-01', 1), call('bad-1', '2023-08-01', -1), call('b', '2023-08-02', 1), call('bad-2', '2023-08-02', -2)];
    const observations = [
      { date: '2023-08-01', centre: 'Valby', daysToNextSlot: -1 },
      { date: '2023-08-02', centre: 'Valby', daysToNextSlot: 1 },
      { date: '2023-08-03', centre: 'Valby', daysToNextSlot: -1 },
    ];
    const first = aggregateInputs(siri2023, { contacts: contacts.slice(0, 2), observations: observations.slice(0, 1) });
    const second = aggregateInputs(
      siri2023,
      { contacts: contacts.slice(2), observations: observations.slice(1) },
      { indexOffset: { contacts: 2, observations: 1 } },
    );
    const whole = evaluatePlan(siri2023, { contacts, observations });
    // the whole lists contacts 1 and 3, then observations 0 and 2
    expect(whole.invalid.map(({ input, index }) => [input, index])).toEqual([
      ['contacts', 1],
      ['contacts', 3],
      ['observations', 0],
      ['observations', 2],
    ]);
    expect(reportFromAggregate(siri2023, mergeAggregates(first, second))).toEqual(whole);
  });
});

describe('an implausibly long wait', () => {
  it('is evaluated without exhausting memory (answered typed ten years late)', () => {
    // Run in a child process with a small heap, so that a failure cannot take the test runner down.
    const script = `
      const sm = await import('./src/index.js');
      const report = sm.evaluatePlan(sm.getPlan('us-2019'), { contacts: [
        { id: 'typo', channel: 'phone', arrived: '2019-05-06T10:00:00+02:00', answered: '2029-05-06T10:05:00+02:00' },
        { id: 'years', channel: 'phone', at: '2019-05-06', waitMinutes: 10000000 },
      ] });
      console.log(JSON.stringify(report.contacts.counts));
    `;
    const child = runWithSmallHeap(script);
    expect(child.status, child.stderr.slice(0, 500)).toBe(0);
    // both records are accounted for: measured as not within, or listed as invalid
    const counts = JSON.parse(child.stdout) as { input: number; measured: number; invalid: number };
    expect(counts.input).toBe(2);
    expect(counts.measured + counts.invalid).toBe(2);
  });
});

describe('the inputs object', () => {
  it('rejects contacts that are not a list of records', () => {
    const error = thrown(() => evaluatePlan(siri2023, { contacts: null } as unknown as EvaluationInputs));
    expect(error.issues[0]).toMatchObject({ code: 'invalid_option', path: ['contacts'] });
  });

  it('rejects an input name it does not know instead of ignoring its records', () => {
    // "contact" for "contacts": the calls would otherwise be lost without a word
    const inputs = { contact: [call('a', '2023-08-01', 1)] } as unknown as EvaluationInputs;
    const error = thrown(() => evaluatePlan(siri2023, inputs));
    expect(error.issues[0]?.code).toBe('invalid_option');
    expect(error.message).toContain('contact');
  });
});
