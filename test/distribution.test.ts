import { describe, expect, it } from 'vitest';
import { processingTimes } from '../src/index.js';
import { thrown } from './helpers.js';

const decided = (id: string, caseType: string, applied: string, decidedOn: string) => ({ id, caseType, applied, decided: decidedOn });

describe('processingTimes of a group of case types', () => {
  // Elapsed calendar days: 1, 2, 2, 3, 10 (business area); one study case and one pending case.
  const cases = [
    decided('a', 'fast-track', '2023-03-01', '2023-03-02'),
    decided('b', 'landbrug', '2023-03-01', '2023-03-03'),
    decided('c', 'fast-track', '2023-03-01', '2023-03-03'),
    decided('d', 'positivliste', '2023-03-01', '2023-03-04'),
    decided('e', 'fast-track', '2023-03-01', '2023-03-11'),
    decided('s', 'studie', '2023-03-01', '2023-03-31'),
    { id: 'p', caseType: 'fast-track', applied: '2023-12-20' },
  ];

  it('gives count, mean and nearest-rank percentiles for an area', () => {
    const { stats, counts, caseTypes } = processingTimes(cases, { period: '2023', areas: ['erhverv'] });
    // n = 5, sum 18: mean 3.6; median rank ⌈2.5⌉ = 3 → 2; p75 rank ⌈3.75⌉ = 4 → 3; p90 rank ⌈4.5⌉ = 5 → 10
    expect(stats).toEqual({ count: 5, unit: 'days', mean: 3.6, median: 2, p75: 3, p90: 10, p95: 10, min: 1, max: 10 });
    expect(counts).toEqual({ input: 7, measured: 5, pending: 1, outOfPeriod: 0, withoutTarget: 1, invalid: 0 });
    expect(caseTypes).toContain('medfoelgende-familie-erhverv');
  });

  it('measures a list of case types in working days', () => {
    // 1 March 2023 is a Wednesday. e: Thu 2, Fri 3, Mon 6 … Fri 10 = 7 working days to Sat 11 March.
    const { stats } = processingTimes(cases, { period: '2023', caseTypes: ['fast-track'], unit: 'workingDays' });
    // a: 1 (Thu 2); c: 2 (Thu 2, Fri 3); e: 7
    expect(stats).toMatchObject({ count: 3, unit: 'workingDays', median: 2, min: 1, max: 7 });
  });

  it('needs a group', () => {
    expect(thrown(() => processingTimes(cases, { period: '2023' })).issues[0]?.code).toBe('invalid_option');
  });
});
