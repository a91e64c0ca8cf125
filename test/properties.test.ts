/**
 * Property tests: each test states one invariant of the counting conventions (docs/methodology.md) and
 * checks it on random plans, cases and periods.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addMonths,
  aggregateCases,
  casesNeeded,
  civilFromDayNumber,
  copenhagenDayFromUtcMinutes,
  dayNumberFromCivil,
  definePlan,
  evaluatePlan,
  formatDayNumber,
  meetsShare,
  mergeAggregates,
  parseDate,
  reportFromAggregate,
  type PlanReport,
} from '../src/index.js';
import {
  CASE_TYPE_IDS,
  FIRST_DAY,
  LAST_DAY,
  MS_PER_DAY,
  addMonthsUtc,
  dayLimitArb,
  isoFromUtcDay,
  caseSpaceFor,
  mixedScenarioArb,
  monthLimitArb,
  periodArb,
  permutationFromKeys,
  planArb,
  scenarioArb,
  singleTierPlan,
  utcDay,
  validCasesArb,
  type CaseSpace,
} from './arbitraries.js';
import { referenceBucket, referenceEvaluate } from './reference.js';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/** Days in a month (1–12) by the host's `Date` in UTC, independent of the library. */
function daysInMonthUtc(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const copenhagenParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Copenhagen civil date of an instant as `YYYY-MM-DD`, by the tz database through `Intl`. */
function copenhagenIso(ms: number): string {
  const parts = copenhagenParts.formatToParts(new Date(ms));
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `YYYY-MM-DD` as days since 1970-01-01, by UTC `Date` arithmetic. */
function utcDayFromIso(iso: string): number {
  return Date.parse(iso) / MS_PER_DAY;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `±HHMM`) of an instant seen at a UTC offset in minutes. */
function timestampAtOffset(ms: number, offsetMinutes: number, colon: boolean): string {
  const local = new Date(ms + offsetMinutes * MS_PER_MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const size = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(size / 60))}${colon ? ':' : ''}${pad(size % 60)}`;
}

/**
 * A report in a form that does not depend on the order of the input: lists of case ids sorted,
 * invalid entries reduced to position, id, field and code and sorted.
 */
function orderFree(report: PlanReport, originalIndex: (index: number) => number = (index) => index) {
  return {
    ...report,
    invalid: report.invalid
      .map(({ index, id, field, code }) => ({ index: originalIndex(index), id, field, code }))
      .sort((a, b) => a.index - b.index || a.field.localeCompare(b.field) || a.code.localeCompare(b.code)),
    targets: report.targets.map((target) => ({
      ...target,
      missingEvent: { count: target.missingEvent.count, ids: [...target.missingEvent.ids].sort() },
    })),
  };
}

describe('case-record evaluation', () => {
  test('counts reconcile with the input: every record lands in exactly one bucket and every invalid one is listed', () => {
    fc.assert(
      fc.property(mixedScenarioArb(), ({ plan, period, input }) => {
        const report = evaluatePlan(plan, input.records, { period });
        const { counts } = report;
        expect(counts.input).toBe(input.records.length);
        expect(counts.measured + counts.pending + counts.outOfPeriod + counts.withoutTarget + counts.invalid).toBe(counts.input);

        const expectedInvalid = new Set(input.corrupted.keys());
        input.valid.forEach((record, index) => {
          if (record !== null && referenceBucket(plan, record, period) === 'invalid') expectedInvalid.add(index);
        });
        expect(new Set(report.invalid.map((entry) => entry.index))).toEqual(expectedInvalid);
        expect(counts.invalid).toBe(expectedInvalid.size);
      }),
    );
  });

  test('an invalid record is reported under its position and id, naming the field at fault', () => {
    fc.assert(
      fc.property(mixedScenarioArb(30), ({ plan, period, input }) => {
        const report = evaluatePlan(plan, input.records, { period });
        for (const [index, corruption] of input.corrupted) {
          const entries = report.invalid.filter((entry) => entry.index === index);
          expect(entries.map((entry) => entry.field), corruption.name).toContain(corruption.field);
          const record = input.records[index];
          const rawId = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { id?: unknown }).id : undefined;
          const id = typeof rawId === 'string' ? rawId : null;
          for (const entry of entries) {
            expect(entry.id).toBe(id);
            expect(entry.message).toContain(`record ${index}`);
          }
        }
      }),
    );
  });

  test('shuffling the input changes nothing but the order of ids and positions', () => {
    fc.assert(
      fc.property(mixedScenarioArb(), fc.array(fc.nat({ max: 1000 }), { maxLength: 60 }), ({ plan, period, input }, keys) => {
        const order = permutationFromKeys(input.records.map((_, position) => keys[position] ?? 0));
        const shuffled = order.map((position) => input.records[position]);
        const original = evaluatePlan(plan, input.records, { period });
        const permuted = evaluatePlan(plan, shuffled, { period });
        expect(orderFree(permuted, (index) => order[index] ?? -1)).toEqual(orderFree(original));
      }),
    );
  });

  /** A period and valid cases of any case type applied around it. */
  const periodCasesArb = periodArb.chain((period) =>
    validCasesArb(60, {
      firstDay: utcDayFromIso(period.from) - 400,
      lastDay: utcDayFromIso(period.to) + 60,
      caseTypes: CASE_TYPE_IDS,
    }).map((cases) => ({ period, cases })),
  );

  test.each([
    ['days', dayLimitArb],
    ['months', monthLimitArb],
  ] as const)('raising a limit in %s never lowers the share within it', (_unit, limitArb) => {
    fc.assert(
      fc.property(
        periodCasesArb,
        limitArb,
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(undefined, { stop: 'events.firstInterview' as const }),
        ({ period, cases }, limit, raise, clock) => {
          const tierOf = (amount: number) => {
            const tier = evaluatePlan(singleTierPlan({ ...limit, amount }, 0.5, clock), cases, { period }).targets[0]?.tiers[0];
            if (tier?.kind !== 'share') throw new Error('expected a share tier');
            return tier;
          };
          const low = tierOf(limit.amount);
          const high = tierOf(limit.amount + raise);
          expect(high.measured).toBe(low.measured);
          expect(high.within).toBeGreaterThanOrEqual(low.within);
          if (low.met === true) expect(high.met).toBe(true);
        },
      ),
    );
  });

  test('a decision on the day N calendar months after the application is within N months, the next day is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 0, max: 24 }), (applied, months) => {
        const deadline = addMonthsUtc(applied, months);
        const cases = [deadline, deadline + 1].map((decided, index) => ({
          id: `c${index}`,
          caseType: 'familiesammenfoering',
          applied: isoFromUtcDay(applied),
          decided: isoFromUtcDay(decided),
        }));
        const plan = singleTierPlan({ amount: months, unit: 'months' }, 0.5);
        const tier = evaluatePlan(plan, cases, { period: { from: isoFromUtcDay(deadline), to: isoFromUtcDay(deadline + 1) } }).targets[0]?.tiers[0];
        expect(tier?.measured).toBe(2);
        expect(tier?.kind === 'share' ? tier.within : undefined).toBe(1);
      }),
    );
  });

  test('a mean target is met when the mean equals the limit, and not when it exceeds it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 120 }),
        (elapsed, firstApplied) => {
          // One more case makes the mean a whole number of days: the limit.
          const sum = elapsed.reduce((total, days) => total + days, 0);
          const limit = Math.ceil(sum / elapsed.length);
          const all = [...elapsed, limit * (elapsed.length + 1) - sum];
          const applied = utcDay(2023, 1, 1) + firstApplied;
          const cases = all.map((days, index) => ({
            id: `c${index}`,
            caseType: 'asyl',
            applied: isoFromUtcDay(applied),
            decided: isoFromUtcDay(applied + days),
          }));
          const tierAt = (amount: number) => {
            const plan = definePlan({
              id: 'mean',
              title: 'Mean',
              targets: [{ id: 'mean', label: 'Mean', caseTypes: ['asyl'], aggregate: 'mean', tiers: [{ limit: { amount, unit: 'days' } }] }],
            });
            const tier = evaluatePlan(plan, cases, { period: { from: '2023-01-01', to: '2025-12-31' } }).targets[0]?.tiers[0];
            if (tier?.kind !== 'mean') throw new Error('expected a mean tier');
            return tier;
          };
          const atLimit = tierAt(limit);
          expect(atLimit.mean).toBe(limit);
          expect(atLimit.met).toBe(true);
          if (limit > 0) expect(tierAt(limit - 1).met).toBe(false);
        },
      ),
    );
  });

  test('evaluating two halves and merging equals evaluating the whole', () => {
    fc.assert(
      fc.property(mixedScenarioArb(), fc.nat(), ({ plan, period, input }, cut) => {
        const at = cut % (input.records.length + 1);
        const whole = aggregateCases(plan, input.records, { period });
        const first = aggregateCases(plan, input.records.slice(0, at), { period });
        const second = aggregateCases(plan, input.records.slice(at), { period, indexOffset: at });
        const merged = mergeAggregates(first, second);
        expect(merged).toEqual(whole);
        expect(reportFromAggregate(plan, merged)).toEqual(evaluatePlan(plan, input.records, { period }));
      }),
    );
  });

  test('the histogram engine equals the straightforward per-case reference computation', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ plan, period, cases }) => {
        const report = evaluatePlan(plan, cases, { period });
        const reference = referenceEvaluate(plan, cases, period);
        expect(report.counts).toEqual(reference.counts);
        expect(report.withoutTargetReasons).toEqual(reference.withoutTargetReasons);
        const engine = report.targets.map((target) => ({
          id: target.id,
          measured: target.measured,
          pending: target.pending,
          missingEvent: target.missingEvent.ids,
          tiers: target.tiers.map((tier) =>
            tier.kind === 'share'
              ? { measured: tier.measured, within: tier.within, share: tier.share, mean: null, met: tier.met }
              : { measured: tier.measured, within: null, share: null, mean: tier.mean, met: tier.met },
          ),
        }));
        expect(engine).toEqual(reference.targets);
      }),
      { numRuns: 200 },
    );
  });
});

describe('host time zone', () => {
  const ZONES = [
    ['UTC', 0],
    ['Europe/Copenhagen', -60],
    ['America/Los_Angeles', 480],
    ['Asia/Kolkata', -330],
    ['Pacific/Kiritimati', -840],
  ] as const;

  /** An instant on the given days, often within two hours of a Copenhagen midnight. */
  const instantArb = (firstDay: number, lastDay: number) =>
    fc.oneof(
      fc.integer({ min: firstDay * MINUTES_PER_DAY, max: (lastDay + 1) * MINUTES_PER_DAY - 1 }),
      fc
        .record({ day: fc.integer({ min: firstDay, max: lastDay }), minute: fc.integer({ min: 21 * 60, max: 25 * 60 }) })
        .map(({ day, minute }) => day * MINUTES_PER_DAY + minute),
    );

  type Form = 'date-only' | 'wall-clock' | 'offset' | 'zulu' | 'Date';
  const formArb = fc.constantFrom<Form>('date-only', 'wall-clock', 'offset', 'zulu', 'Date');
  const offsetArb = fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15);

  /** An instant written as users pass it; `offset` is the UTC offset of the `offset` form. */
  const write = (minutes: number, form: Form, offset: number): string | Date => {
    const ms = minutes * MS_PER_MINUTE + 17_000;
    if (form === 'date-only') return copenhagenIso(ms);
    // Copenhagen wall-clock time without an offset: its date part is the Copenhagen date.
    if (form === 'wall-clock') return `${copenhagenIso(ms)}T${pad(Math.floor((minutes % MINUTES_PER_DAY) / 60))}:${pad(minutes % 60)}`;
    if (form === 'offset') return timestampAtOffset(ms, offset, true);
    if (form === 'zulu') return new Date(ms).toISOString();
    return new Date(ms);
  };

  const timedCaseArb = (space: CaseSpace) =>
    fc.record({
      caseType: fc.constantFrom(...space.caseTypes),
      applied: instantArb(space.firstDay, space.lastDay),
      decidedAfter: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 * MINUTES_PER_DAY }), fc.integer({ min: 0, max: 400 * MINUTES_PER_DAY })), {
        nil: null,
        freq: 4,
      }),
      appliedForm: formArb,
      decidedForm: formArb,
      offset: offsetArb,
    });

  const timedScenarioArb = fc
    .tuple(planArb, periodArb)
    .chain(([plan, period]) =>
      fc.array(timedCaseArb(caseSpaceFor(plan, period)), { maxLength: 30, size: 'medium' }).map((timed) => ({ plan, period, timed })),
    );

  test('results do not depend on the host time zone', () => {
    const original = process.env['TZ'];
    try {
      fc.assert(
        fc.property(timedScenarioArb, ({ plan, period, timed }) => {
          const records = timed.map((entry, index) => {
            const decided = entry.decidedAfter === null ? null : entry.applied + entry.decidedAfter;
            return {
              id: `c${index}`,
              caseType: entry.caseType,
              applied: write(entry.applied, entry.appliedForm, entry.offset),
              decided: decided === null ? null : write(decided, entry.decidedForm, -entry.offset),
            };
          });
          // The same cases with the Copenhagen dates written out, and the period as UTC midnights.
          const dateOnly = timed.map((entry, index) => ({
            id: `c${index}`,
            caseType: entry.caseType,
            applied: copenhagenIso(entry.applied * MS_PER_MINUTE + 17_000),
            decided: entry.decidedAfter === null ? null : copenhagenIso((entry.applied + entry.decidedAfter) * MS_PER_MINUTE + 17_000),
          }));
          const periodAsDates = { from: new Date(Date.parse(period.from)), to: new Date(Date.parse(period.to)) };

          const results: PlanReport[] = [];
          for (const [zone, januaryOffset] of ZONES) {
            process.env['TZ'] = zone;
            // The host zone really changed (otherwise this property would check nothing).
            expect(new Date(Date.UTC(2023, 0, 15)).getTimezoneOffset()).toBe(januaryOffset);
            results.push(evaluatePlan(plan, records, { period: periodAsDates }), evaluatePlan(plan, dateOnly, { period }));
          }
          for (const result of results) expect(result).toEqual(results[1]);
        }),
        { numRuns: 40 },
      );
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
  });
});

describe('dates', () => {
  const MIN_MINUTE = Date.UTC(1996, 0, 1) / MS_PER_MINUTE;
  const MAX_MINUTE = Date.UTC(2150, 11, 31, 23, 59) / MS_PER_MINUTE;

  /** Instants 1996–2150, often in the hours around midnight near the summer-time changes and New Year. */
  const instantArb = fc.oneof(
    fc.integer({ min: MIN_MINUTE, max: MAX_MINUTE }),
    fc
      .record({
        year: fc.integer({ min: 1996, max: 2149 }),
        month: fc.constantFrom(3, 10, 12),
        day: fc.integer({ min: 20, max: 32 }),
        hour: fc.constantFrom(-2, -1, 0, 1, 2, 21, 22, 23),
        minute: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ year, month, day, hour, minute }) => Date.UTC(year, month - 1, day, hour, minute) / MS_PER_MINUTE),
  );

  test("the Copenhagen date equals the runtime's tz database, whose rules since 1970 are Denmark's", () => {
    fc.assert(
      fc.property(instantArb, (minutes) => {
        expect(copenhagenDayFromUtcMinutes(minutes)).toBe(utcDayFromIso(copenhagenIso(minutes * MS_PER_MINUTE)));
      }),
      { numRuns: 2000 },
    );
  });

  test('a timestamp with an offset, or a Date, reads as the Copenhagen date of its instant', () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (minutes, seconds, offset, colon) => {
          const ms = minutes * MS_PER_MINUTE + seconds * 1000;
          const expected = utcDayFromIso(copenhagenIso(minutes * MS_PER_MINUTE));
          expect(parseDate(timestampAtOffset(ms, offset, colon))).toBe(expected);
          expect(parseDate(new Date(ms))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  const civilDateArb = fc
    .record({ year: fc.integer({ min: 1600, max: 2400 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonthUtc(year, month)) }));

  test('day numbers round-trip through civil dates and agree with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(civilDateArb, ({ year, month, day }) => {
        const dayNumber = dayNumberFromCivil(year, month, day);
        expect(dayNumber).toBe(Date.UTC(year, month - 1, day) / MS_PER_DAY);
        expect(civilFromDayNumber(dayNumber)).toEqual({ year, month, day });
      }),
    );
  });

  test('day numbers round-trip through YYYY-MM-DD text', () => {
    fc.assert(
      fc.property(fc.integer({ min: utcDay(1900, 1, 1), max: utcDay(2199, 12, 31) }), (dayNumber) => {
        const text = formatDayNumber(dayNumber);
        expect(text).toBe(isoFromUtcDay(dayNumber));
        expect(parseDate(text)).toBe(dayNumber);
      }),
    );
  });

  test('an impossible calendar date is rejected, never rolled over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (year, month, beyond) => {
          const day = daysInMonthUtc(year, month) + beyond;
          const result = parseDate(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
          expect(typeof result).toBe('object');
        },
      ),
    );
  });

  test('addMonths clamps at the month end and is monotone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utcDay(1900, 1, 1), max: utcDay(2150, 12, 31) }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -60, max: 600 }),
        fc.integer({ min: 0, max: 60 }),
        (start, later, months, moreMonths) => {
          const [year, month, day] = isoFromUtcDay(start).split('-').map(Number) as [number, number, number];
          const index = year * 12 + (month - 1) + months;
          const targetYear = Math.floor(index / 12);
          const targetMonth = index - targetYear * 12 + 1;
          const targetDay = Math.min(day, daysInMonthUtc(targetYear, targetMonth));
          expect(formatDayNumber(addMonths(start, months))).toBe(`${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(targetDay)}`);
          // A later start never gives an earlier end; more months never give an earlier end.
          expect(addMonths(start + later, months)).toBeGreaterThanOrEqual(addMonths(start, months));
          expect(addMonths(start, months + moreMonths)).toBeGreaterThanOrEqual(addMonths(start, months));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('exact share comparison', () => {
  /** Measured cases, a required share k / scale, and within-counts near the threshold. */
  const shareCaseArb = fc
    .record({
      measured: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 1_000_000_000 })),
      scale: fc.constantFrom(100, 1000),
      k: fc.integer({ min: 0, max: 1000 }),
      delta: fc.integer({ min: -2, max: 2 }),
      anywhere: fc.double({ min: 0, max: 1, noNaN: true }),
      nearThreshold: fc.boolean(),
      tie: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
    })
    .map(({ measured: randomMeasured, scale, k, delta, anywhere, nearThreshold, tie }) => {
      const kept = k % (scale + 1);
      // A tie: measured a multiple of the scale, so that k / scale of it is a whole number of cases.
      const measured = tie === null ? randomMeasured : tie * scale;
      const threshold = Number((BigInt(kept) * BigInt(measured) + BigInt(scale) - 1n) / BigInt(scale));
      const within = nearThreshold ? Math.min(measured, Math.max(0, threshold + delta)) : Math.floor(anywhere * measured);
      return { measured, within, k: kept, scale };
    });

  test('the exact share comparison agrees with rational arithmetic', () => {
    fc.assert(
      fc.property(shareCaseArb, ({ measured, within, k, scale }) => {
        const required = k / scale;
        const reaches = BigInt(within) * BigInt(scale) >= BigInt(k) * BigInt(measured);
        expect(meetsShare(within, measured, required)).toBe(measured === 0 ? null : reaches);

        const needed = casesNeeded(measured, required);
        const needs = BigInt(k) * BigInt(measured);
        expect(BigInt(needed) * BigInt(scale) >= needs).toBe(true);
        if (needed > 0) expect(BigInt(needed - 1) * BigInt(scale) < needs).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
