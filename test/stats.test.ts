import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, meanTier, shareTier } from './helpers.js';
import { SMALL_POPULATION, definePlan, getPlan, histogramStats, percentile, wilsonInterval } from '../src/index.js';

/** A histogram (index = value, entry = number of cases) of a list of whole values. */
const histogramOf = (values: readonly number[]): number[] => {
  const histogram: number[] = [];
  for (const value of values) {
    while (histogram.length <= value) histogram.push(0);
    histogram[value] = (histogram[value] ?? 0) + 1;
  }
  return histogram;
};

/** A decided case. */
const decided = (id: string, caseType: string, applied: string, decidedOn: string, extra: Record<string, unknown> = {}) => ({
  id,
  caseType,
  applied,
  decided: decidedOn,
  ...extra,
});

describe('percentile: nearest rank, the smallest v with at least ⌈p/100 × n⌉ cases ≤ v', () => {
  // values 1, 2, 2, 3, 10 (n = 5)
  const five = histogramOf([1, 2, 2, 3, 10]);

  it('reads the five values 1, 2, 2, 3, 10 by rank', () => {
    // p20: rank 1 → 1; p40: rank 2 → 2; p50: rank ⌈2.5⌉ = 3 → 2 (a tie with rank 2)
    expect(percentile(five, 20)).toBe(1);
    expect(percentile(five, 40)).toBe(2);
    expect(percentile(five, 50)).toBe(2);
    // p60: rank 3 → 2; p61: rank ⌈3.05⌉ = 4 → 3; p80: rank 4 → 3; p81: rank ⌈4.05⌉ = 5 → 10
    expect(percentile(five, 60)).toBe(2);
    expect(percentile(five, 61)).toBe(3);
    expect(percentile(five, 80)).toBe(3);
    expect(percentile(five, 81)).toBe(10);
    // p90: rank ⌈4.5⌉ = 5 → 10
    expect(percentile(five, 90)).toBe(10);
  });

  it('does not interpolate and does not round the rank up past an exact product', () => {
    // 1 … 10: p90 is rank 9 exactly (9.0), so 9, not 10 and not 9.1
    const ten = histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 91)).toBe(10);
    // p50 of an even count is the lower middle value (rank 5), not the mean of 5 and 6
    expect(percentile(ten, 50)).toBe(5);
    // 20 cases: p95 is rank 19 exactly
    const twenty = histogramOf(Array.from({ length: 20 }, (_, i) => i));
    expect(percentile(twenty, 95)).toBe(18);
    // 10, 20, 30, 40: p75 is rank 3 → 30
    expect(percentile(histogramOf([10, 20, 30, 40]), 75)).toBe(30);
  });

  it('gives the single value of a one-case histogram for every p, including 0 and 100', () => {
    const one = histogramOf([7]);
    for (const p of [0, 1, 50, 90, 95, 100]) expect(percentile(one, p)).toBe(7);
  });

  it('gives the tied value when all cases tie', () => {
    const ties = histogramOf([4, 4, 4, 4]);
    for (const p of [0, 25, 50, 75, 100]) expect(percentile(ties, p)).toBe(4);
  });

  it('reads p = 0 as the minimum (rank at least 1) and p = 100 as the maximum', () => {
    expect(percentile(five, 0)).toBe(1);
    expect(percentile(five, 100)).toBe(10);
    // leading zeros (values 0 and 1 unused) do not count as cases
    expect(percentile([0, 0, 3], 0)).toBe(2);
  });

  it('is null for a histogram without cases', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([0, 0, 0], 90)).toBeNull();
  });

  it('property "the percentile is the smallest value with at least p % of the cases at or below it"', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const v = percentile(histogramOf(values), p);
        const n = values.length;
        expect(v).not.toBeNull();
        const atMost = (limit: number) => values.filter((value) => value <= limit).length;
        // 100 × count ≥ p × n, in integers: at least p % are ≤ v, fewer than p % are ≤ v − 1
        expect(100 * atMost(v as number)).toBeGreaterThanOrEqual(p * n);
        expect(100 * atMost((v as number) - 1)).toBeLessThan(p * n);
      }),
    );
  });
});

describe('histogramStats', () => {
  it('summarises the histogram [0, 1, 2, 1] (values 1, 2, 2, 3)', () => {
    // mean 8 / 4 = 2; median rank 2 → 2; p75 rank 3 → 2; p90 rank ⌈3.6⌉ = 4 → 3
    expect(histogramStats([0, 1, 2, 1], 1, 'days')).toEqual({
      count: 4,
      unit: 'days',
      mean: 2,
      median: 2,
      p75: 2,
      p90: 3,
      p95: 3,
      min: 1,
      max: 3,
    });
  });

  it('divides every value by the scale (seconds read in minutes)', () => {
    // 60 s and 150 s: minutes 1 and 2.5; mean 105 s = 1.75 min
    const seconds = histogramOf([60, 150]);
    expect(histogramStats(seconds, 60, 'minutes')).toEqual({
      count: 2,
      unit: 'minutes',
      mean: 1.75,
      median: 1,
      p75: 2.5,
      p90: 2.5,
      p95: 2.5,
      min: 1,
      max: 2.5,
    });
  });

  it('has a count of 0 and no values for an empty histogram', () => {
    expect(histogramStats([], 1, 'workingDays')).toEqual({
      count: 0,
      unit: 'workingDays',
      mean: null,
      median: null,
      p75: null,
      p90: null,
      p95: null,
      min: null,
      max: null,
    });
  });
});

describe('stats of a tier in the report', () => {
  it('describes a tier in calendar days (siri-2023 Fast-track)', () => {
    // elapsed 10, 20, 31 and 40 days
    const report = evaluate(getPlan('siri-2023'), [
      decided('a', 'fast-track', '2023-03-01', '2023-03-11'),
      decided('b', 'fast-track', '2023-03-01', '2023-03-21'),
      decided('c', 'fast-track', '2023-03-01', '2023-04-01'),
      decided('d', 'fast-track', '2023-03-01', '2023-04-10'),
    ]);
    // mean 101 / 4 = 25.25; median rank 2 → 20; p75 rank 3 → 31; p90 rank ⌈3.6⌉ = 4 → 40
    expect(shareTier(report, 'fast-track').stats).toEqual({
      count: 4,
      unit: 'days',
      mean: 25.25,
      median: 20,
      p75: 31,
      p90: 40,
      p95: 40,
      min: 10,
      max: 40,
    });
  });

  it('describes each tier in its own unit: working days and calendar days of the same cases', () => {
    const plan = definePlan({
      id: 'visa',
      title: 'Visa',
      year: 2024,
      targets: [
        {
          id: 'visa',
          label: 'Visa',
          caseTypes: ['visum'],
          tiers: [
            { limit: { amount: 15, unit: 'workingDays' }, required: 0.9 },
            { limit: { amount: 30, unit: 'days' }, required: 0.9 },
          ],
        },
      ],
    });
    const report = evaluate(plan, [
      // Wed 20 March → Mon 15 April 2024: 15 working days (Easter 28 March – 1 April closed), 26 calendar days
      decided('e1', 'visum', '2024-03-20', '2024-04-15'),
      // Wed 27 March → Good Friday: 0 working days, 2 calendar days
      decided('e2', 'visum', '2024-03-27', '2024-03-29'),
      // Sat 30 March → Wed 3 April: 2 and 3 April, 2 working days; 4 calendar days
      decided('e3', 'visum', '2024-03-30', '2024-04-03'),
    ]);
    // working days 0, 2, 15: mean 17 / 3, median 2
    expect(shareTier(report, 'visa', 0).stats).toEqual({
      count: 3,
      unit: 'workingDays',
      mean: 17 / 3,
      median: 2,
      p75: 15,
      p90: 15,
      p95: 15,
      min: 0,
      max: 15,
    });
    // calendar days 2, 4, 26: mean 32 / 3, median 4
    expect(shareTier(report, 'visa', 1).stats).toEqual({
      count: 3,
      unit: 'days',
      mean: 32 / 3,
      median: 4,
      p75: 26,
      p90: 26,
      p95: 26,
      min: 2,
      max: 26,
    });
  });

  it('describes a month limit in calendar days (us-2019 asylum extension, 7 months)', () => {
    const report = evaluate(getPlan('us-2019'), [
      // 1 → 11 March: 10 days
      decided('a', 'asyl-forlaengelse', '2019-03-01', '2019-03-11'),
      // 1 January → 1 July 2019: 31 + 28 + 31 + 30 + 31 + 30 = 181 days
      decided('b', 'asyl-forlaengelse', '2019-01-01', '2019-07-01'),
    ]);
    // mean (10 + 181) / 2 = 95.5; median rank 1 → 10; p75 rank ⌈1.5⌉ = 2 → 181
    expect(shareTier(report, 'asyl-forlaengelse').stats).toEqual({
      count: 2,
      unit: 'days',
      mean: 95.5,
      median: 10,
      p75: 181,
      p90: 181,
      p95: 181,
      min: 10,
      max: 181,
    });
  });

  it('describes waits in minutes and in hours (us-2019 phone and in-person targets)', () => {
    const report = evaluate(getPlan('us-2019'), {
      contacts: [
        // phone: 2, 7.5 and 20 minutes
        { id: 'p1', channel: 'phone', at: '2019-05-01', waitMinutes: 2 },
        { id: 'p2', channel: 'phone', at: '2019-05-01', waitMinutes: 7.5 },
        { id: 'p3', channel: 'phone', at: '2019-05-02', waitMinutes: 20 },
        // in person: 30 and 90 minutes, i.e. 0.5 and 1.5 hours
        { id: 'v1', channel: 'in-person', at: '2019-05-01', waitMinutes: 30 },
        { id: 'v2', channel: 'in-person', at: '2019-05-01', waitMinutes: 90 },
      ],
    });
    // minutes: mean 29.5 / 3; median rank 2 → 7.5; p75 rank 3 → 20
    const phone = shareTier(report, 'telefonisk-ventetid').stats;
    expect(phone).toMatchObject({ count: 3, unit: 'minutes', median: 7.5, p75: 20, min: 2, max: 20 });
    expect(phone.mean).toBeCloseTo(29.5 / 3, 12);
    // hours: mean 1; median rank 1 → 0.5; p75 rank ⌈1.5⌉ = 2 → 1.5
    expect(shareTier(report, 'personlig-ventetid').stats).toEqual({
      count: 2,
      unit: 'hours',
      mean: 1,
      median: 0.5,
      p75: 1.5,
      p90: 1.5,
      p95: 1.5,
      min: 0.5,
      max: 1.5,
    });
  });

  it('describes a mean tier, whose mean is the tier mean (us-2019 asylum mean ≤ 120 days)', () => {
    const report = evaluate(getPlan('us-2019'), [
      // 1 January → 2 March 2019: 31 + 28 + 1 = 60 days; first interview after 20 days
      decided('a', 'asyl', '2019-01-01', '2019-03-02', { events: { firstInterview: '2019-01-21' } }),
      // 181 days, no first interview recorded
      decided('b', 'asyl', '2019-01-01', '2019-07-01'),
      // 10 days, no first interview recorded
      decided('c', 'asyl', '2019-02-01', '2019-02-11'),
    ]);
    const mean = meanTier(report, 'asyl-gennemsnit');
    // mean (60 + 181 + 10) / 3 = 251 / 3; median rank 2 → 60
    expect(mean.mean).toBe(251 / 3);
    expect(mean.stats).toEqual({ count: 3, unit: 'days', mean: 251 / 3, median: 60, p75: 181, p90: 181, p95: 181, min: 10, max: 181 });
    // the interview target measures all three, but only one has both clock events: stats of 1 case
    const interview = shareTier(report, 'asyl-foerste-samtale');
    expect(interview.measured).toBe(3);
    expect(interview.stats).toEqual({ count: 1, unit: 'days', mean: 20, median: 20, p75: 20, p90: 20, p95: 20, min: 20, max: 20 });
  });

  it('has empty stats and no interval for a tier that measured nothing', () => {
    const report = evaluate(getPlan('siri-2023'), [decided('a', 'eu', '2023-03-01', '2023-03-02')]);
    const tier = shareTier(report, 'fast-track');
    expect(tier.stats).toEqual({ count: 0, unit: 'days', mean: null, median: null, p75: null, p90: null, p95: null, min: null, max: null });
    expect(tier.interval).toBeNull();
  });
});

describe('wilsonInterval: 95 % Wilson score interval', () => {
  /*
   * With z = 1.959964 (z² = 3.841459), p = within / n:
   *   centre = (p + z² / 2n) / (1 + z² / n)
   *   half   = z × √(p(1 − p) / n + z² / 4n²) / (1 + z² / n)
   *   [low, high] = [centre − half, centre + half], clamped to [0, 1]
   */
  it('gives [0, z² / (n + z²)] for none of n: 0 of 10 → [0, 0.27753]', () => {
    // p = 0: centre = half = (z² / 20) / (1 + z² / 10), so high = z² / (10 + z²) = 3.841459 / 13.841459
    const interval = wilsonInterval(0, 10);
    expect(interval?.low).toBe(0);
    expect(interval?.high).toBeCloseTo(0.27753, 5);
    expect(interval?.small).toBe(true);
  });

  it('gives [n / (n + z²), 1] for all of n: 10 of 10 → [0.72247, 1]', () => {
    const interval = wilsonInterval(10, 10);
    expect(interval?.low).toBeCloseTo(0.72247, 5);
    expect(interval?.high).toBeCloseTo(1, 12);
  });

  it('is symmetric around 1/2 for 1 of 2: [0.09453, 0.90547]', () => {
    // centre = 1/2; half = 1.959964 × √(0.125 + 3.841459 / 16) / (1 + 3.841459 / 2) = 1.959964 × 0.604234 / 2.920729 = 0.405469
    const interval = wilsonInterval(1, 2);
    expect(interval?.low).toBeCloseTo(0.09453, 5);
    expect(interval?.high).toBeCloseTo(0.90547, 5);
  });

  it('gives [0.48687, 0.97432] for 6 of 7', () => {
    // p = 6/7: denominator 1 + 3.841459 / 7 = 1.548780; centre = (0.857143 + 0.274390) / 1.548780 = 0.730598;
    // half = 1.959964 × √(0.017493 + 0.019599) / 1.548780 = 1.959964 × 0.192593 / 1.548780 = 0.243724
    const interval = wilsonInterval(6, 7);
    expect(interval?.low).toBeCloseTo(0.48687, 5);
    expect(interval?.high).toBeCloseTo(0.97432, 5);
  });

  it('is null when nothing was measured', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('flags fewer than 30 measured cases as small: 29 small, 30 not', () => {
    expect(SMALL_POPULATION).toBe(30);
    expect(wilsonInterval(26, 29)?.small).toBe(true);
    expect(wilsonInterval(27, 30)?.small).toBe(false);
    // 27 of 30, p = 0.9: denominator 1.128049; centre = (0.9 + 0.064024) / 1.128049 = 0.854595;
    // half = 1.959964 × √(0.003 + 0.001067) / 1.128049 = 0.110805
    expect(wilsonInterval(27, 30)?.low).toBeCloseTo(0.74379, 5);
    expect(wilsonInterval(27, 30)?.high).toBeCloseTo(0.9654, 4);
  });

  it('is the interval of every share tier of a report, small at 29 cases and not at 30', () => {
    const plan = getPlan('siri-2023');
    const cases = (n: number) => Array.from({ length: n }, (_, i) => decided(`f${i}`, 'fast-track', '2023-03-01', '2023-03-10'));
    const at29 = shareTier(evaluate(plan, cases(29)), 'fast-track');
    const at30 = shareTier(evaluate(plan, cases(30)), 'fast-track');
    expect(at29.interval).toEqual(wilsonInterval(29, 29));
    expect(at29.interval?.small).toBe(true);
    expect(at30.interval).toEqual(wilsonInterval(30, 30));
    expect(at30.interval?.small).toBe(false);
    // all of 30: low = 30 / (30 + 3.841459) = 0.88649
    expect(at30.interval?.low).toBeCloseTo(0.88649, 5);
  });
});
