/**
 * Acceptance: the command of docs/agency-export.md on examples/data/mixed-export.csv — an export
 * that mixes first-time applications and extensions, flags cases as without a management target and
 * repeats case numbers — gives the figures of a count of the file's rows written out here by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../src/index.js';
import { runCli } from './cli-run.js';

const path = (name: string): string => fileURLToPath(new URL(`../examples/data/${name}`, import.meta.url));
const EXPORT = path('mixed-export.csv');
const CODES = path('koder.csv');

/** The rows of the export as cells: UTF-8 with a byte-order mark, CRLF, semicolons, a header. */
const [header, ...rows] = readFileSync(EXPORT, 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n')
  .filter((line) => line !== '')
  .map((line) => line.split(';'));

/** Days from 1970-01-01 of a `dd-mm-yyyy` date (days from civil, proleptic Gregorian). */
function dayOf(text: string): number {
  const [day, month, year] = text.split('-').map(Number) as [number, number, number];
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** The SIRI 2023 case types of the agency's codes; ER-LON (Lønarbejde) has no SIRI 2023 target. */
const CASE_TYPES: Readonly<Record<string, string>> = { 'ER-FT': 'fast-track', 'ER-BEL': 'beloebsordning', 'ST-STU': 'studie', 'EU-OPH': 'eu', 'ER-LON': 'loenarbejde' };
/** Case types whose SIRI 2023 targets are all for first-time applications ("1. gang"); EU's is for every application. */
const FIRST_TIME_ONLY = new Set(['fast-track', 'beloebsordning', 'studie']);
const YEAR = { from: dayOf('01-01-2023'), to: dayOf('31-12-2023') };

/** Counts the export by hand: each case once (its first row), into the buckets of the report. */
function countByHand(): {
  buckets: { input: number; measured: number; pending: number; outOfPeriod: number; withoutTarget: number; invalid: number };
  reasons: { noTarget: number; outOfScope: number; flagged: number };
  fastTrack: { measured: number; within: number };
  extensions: number;
  flaggedRows: number;
} {
  const buckets = { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 };
  const reasons = { noTarget: 0, outOfScope: 0, flagged: 0 };
  const fastTrack = { measured: 0, within: 0 };
  const seen = new Set<string>();
  let extensions = 0;
  let flaggedRows = 0;
  for (const [id = '', code = '', kind = '', applied = '', decided = '', flag = ''] of rows) {
    buckets.input++;
    if (kind === 'Forlængelse') extensions++;
    if (flag === 'Nej') flaggedRows++;
    if (seen.has(id)) {
      buckets.invalid++;
      continue;
    }
    seen.add(id);
    const caseType = CASE_TYPES[code];
    const reason = caseType === 'loenarbejde' ? 'noTarget' : kind === 'Forlængelse' && FIRST_TIME_ONLY.has(caseType ?? '') ? 'outOfScope' : flag === 'Nej' ? 'flagged' : null;
    if (reason !== null) {
      buckets.withoutTarget++;
      reasons[reason]++;
      continue;
    }
    const start = dayOf(applied);
    const end = decided === '' ? null : dayOf(decided);
    if (end !== null && end >= YEAR.from && end <= YEAR.to) {
      buckets.measured++;
      if (caseType === 'fast-track') {
        fastTrack.measured++;
        if (end - start <= 31) fastTrack.within++;
      }
    } else if (start <= YEAR.to && (end === null || end > YEAR.to)) buckets.pending++;
    else buckets.outOfPeriod++;
  }
  return { buckets, reasons, fastTrack, extensions, flaggedRows };
}

describe('examples/data/mixed-export.csv through the command line', () => {
  const expected = countByHand();

  it('is the export the walk-through describes: extensions, flagged cases and repeated case numbers', () => {
    expect(header).toEqual(['Sagsnr', 'Sagstype', 'Ansøgningstype', 'Modtaget', 'Afgjort', 'Styringsmål']);
    expect(rows).toHaveLength(403);
    // About a fifth are extensions; some cases are flagged; the overlapping extract repeats some.
    expect(expected.extensions / rows.length).toBeGreaterThan(0.15);
    expect(expected.extensions / rows.length).toBeLessThan(0.3);
    expect(expected.flaggedRows).toBeGreaterThan(5);
    expect(expected.buckets.invalid).toBeGreaterThan(10);
  });

  it('gives the Fast-track share and counts of the count by hand, every row accounted for', async () => {
    const result = await runCli([
      'evaluate',
      '--plan',
      'siri-2023',
      '--map',
      'id=Sagsnr,caseType=Sagstype,applicationKind=Ansøgningstype,applied=Modtaget,decided=Afgjort,withoutTarget=Styringsmål',
      '--codes',
      CODES,
      '--format',
      'json',
      EXPORT,
    ]);
    // Exit code 2: the repeated rows are invalid records.
    expect(result.code).toBe(2);
    // Every column is used, every value has a code, and the scopes' attribute has a column: no warning.
    expect(result.err).not.toContain('warning');
    const report = JSON.parse(result.out) as PlanReport;

    const tier = report.targets.find((target) => target.id === 'fast-track')?.tiers[0];
    expect(tier !== undefined && 'within' in tier ? { measured: tier.measured, within: tier.within, share: tier.share } : null).toEqual({
      measured: expected.fastTrack.measured,
      within: expected.fastTrack.within,
      share: expected.fastTrack.within / expected.fastTrack.measured,
    });
    expect(expected.fastTrack).toEqual({ measured: 91, within: 80 });

    expect(report.counts).toEqual(expected.buckets);
    const { input, measured, pending, outOfPeriod, withoutTarget, invalid } = report.counts;
    expect(measured + pending + outOfPeriod + withoutTarget + invalid).toBe(input);
    const sum = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((total, count) => total + count, 0);
    const reasons = report.withoutTargetReasons;
    expect({ noTarget: sum(reasons.noTarget), outOfScope: sum(reasons.outOfScope), flagged: sum(reasons.flagged) }).toEqual(expected.reasons);
    expect(reasons.noTarget).toEqual({ loenarbejde: expected.reasons.noTarget });
    expect(report.invalidCounts).toEqual({ duplicate_record: expected.buckets.invalid });
    expect(report.invalid.every((entry) => entry.code === 'duplicate_record' && entry.message.includes('mixed-export.csv:'))).toBe(true);
  });
});
