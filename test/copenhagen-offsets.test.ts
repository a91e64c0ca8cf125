/**
 * Copenhagen's UTC offsets (docs/methodology.md, convention 1): the table generated from the tz
 * database (src/dates/copenhagen-offsets.ts), the lookups built on it, the intervals per UTC year,
 * and the generator's reading of zdump. Expectations are written out from zdump's output or
 * computed by hand with integer day numbers; nothing here asks the runtime's time-zone data.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, test, vi } from 'vitest';
import { civilFromDayNumber, dayNumberFromCivil, formatDayNumber, parseDate, parseInstant, weekday } from '../src/index.js';
import { copenhagenDayFromUtcMinutes, copenhagenOffsetIntervals, copenhagenOffsetMinutes } from '../src/dates/copenhagen.js';
import { COPENHAGEN_OFFSET_1900, COPENHAGEN_OFFSET_CHANGES, COPENHAGEN_OFFSETS_TZDATA } from '../src/dates/copenhagen-offsets.js';
import {
  COPENHAGEN_OFFSETS_MODULE,
  checkDanishOffsets,
  offsetTableFromZdump,
  renderCopenhagenOffsetsModule,
  type OffsetTable,
} from '../src/dates/generate-copenhagen-offsets.js';

const MINUTES_PER_DAY = 1440;

/** `YYYY-MM-DDTHH:MM[:SS]Z` as the UTC minute that holds it (minutes since 1970-01-01T00:00Z). */
function utcMinute(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?Z$/.exec(iso);
  if (match === null) throw new Error(`not a UTC instant: ${iso}`);
  const [, year, month, day, hours, minutes] = match.map(Number) as [number, number, number, number, number, number];
  return dayNumberFromCivil(year, month, day) * MINUTES_PER_DAY + hours * 60 + minutes;
}

const MIN_MINUTE = utcMinute('1900-01-01T00:00Z');
const MIN_EU_MINUTE = utcMinute('1996-01-01T00:00Z');
const MAX_MINUTE = utcMinute('2199-12-31T23:59Z');

/** The Copenhagen date of a UTC instant, as `YYYY-MM-DD`. */
const copenhagenDate = (iso: string): string => formatDayNumber(copenhagenDayFromUtcMinutes(utcMinute(iso)));

/** The UTC year of a minute. */
const utcYear = (minute: number): number => civilFromDayNumber(Math.floor(minute / MINUTES_PER_DAY)).year;

/** The day number of the last Sunday of a month with 31 days. */
function lastSunday(year: number, month: 3 | 9 | 10): number {
  const last = dayNumberFromCivil(year, month, month === 9 ? 30 : 31);
  return last - weekday(last);
}

/**
 * Summer time by the EU rule, as Denmark has kept it since 1996: UTC+2 from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC (before 1996: of September), UTC+1 otherwise.
 */
function euRuleChanges(year: number): [number, number][] {
  return [
    [lastSunday(year, 3) * MINUTES_PER_DAY + 60, 120],
    [lastSunday(year, year >= 1996 ? 10 : 9) * MINUTES_PER_DAY + 60, 60],
  ];
}

/** The EU rule's offset at a minute of 1996–2199. */
function euRuleOffset(minute: number): number {
  const [[start], [end]] = euRuleChanges(utcYear(minute)) as [[number, number], [number, number]];
  return minute >= start && minute < end ? 120 : 60;
}

/** The table's changes in a UTC year. */
const changesIn = (year: number): [number, number][] => COPENHAGEN_OFFSET_CHANGES.filter(([minute]) => utcYear(minute) === year).map(([minute, offset]) => [minute, offset]);

describe("Copenhagen's offsets and dates", () => {
  it("gives Denmark's date in 1945, where Berlin's history (some runtimes' Europe/Copenhagen) gives another", () => {
    // Denmark was at UTC+2 from 2 April to 15 August 1945: 21:30 UTC is 23:30 on 1 June. Berlin was at
    // UTC+3 from 24 May to 24 September 1945, where 21:30 UTC is 00:30 on 2 June.
    expect(copenhagenDate('1945-06-01T21:30Z')).toBe('1945-06-01');
    expect(parseDate('1945-06-01T21:30:00Z')).toBe(dayNumberFromCivil(1945, 6, 1));
    expect(parseDate(new Date(utcMinute('1945-06-01T21:30Z') * 60_000))).toBe(dayNumberFromCivil(1945, 6, 1));
    // Denmark's summer time of 1940 began on 15 May; Berlin's on 1 April: 22:30 UTC on 30 April is 23:30 CET.
    expect(copenhagenDate('1940-04-30T22:30Z')).toBe('1940-04-30');
    // A Copenhagen wall-clock time of summer 1945 is 2 hours ahead of UTC
    expect(parseInstant('1945-06-01T23:30')).toBe(utcMinute('1945-06-01T21:30Z') * 60);
  });

  /**
   * Lines of `zdump -v -c 1900,2200 Europe/Copenhagen` (tz database 2025b): the UTC instant, the
   * offset in minutes it states (gmtoff / 60), and the local date.
   */
  const ZDUMP: [utc: string, offset: number, date: string, line: string][] = [
    ['1916-05-14T21:59:59Z', 60, '1916-05-14', 'Sun May 14 21:59:59 1916 UT = Sun May 14 22:59:59 1916 CET isdst=0 gmtoff=3600'],
    ['1916-05-14T22:00:00Z', 120, '1916-05-15', 'Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST isdst=1 gmtoff=7200'],
    ['1916-09-30T20:59:59Z', 120, '1916-09-30', 'Sat Sep 30 20:59:59 1916 UT = Sat Sep 30 22:59:59 1916 CEST isdst=1 gmtoff=7200'],
    ['1916-09-30T21:00:00Z', 60, '1916-09-30', 'Sat Sep 30 21:00:00 1916 UT = Sat Sep 30 22:00:00 1916 CET isdst=0 gmtoff=3600'],
    ['1940-05-14T22:59:59Z', 60, '1940-05-14', 'Tue May 14 22:59:59 1940 UT = Tue May 14 23:59:59 1940 CET isdst=0 gmtoff=3600'],
    ['1940-05-14T23:00:00Z', 120, '1940-05-15', 'Tue May 14 23:00:00 1940 UT = Wed May 15 01:00:00 1940 CEST isdst=1 gmtoff=7200'],
    ['1942-11-02T00:59:59Z', 120, '1942-11-02', 'Mon Nov  2 00:59:59 1942 UT = Mon Nov  2 02:59:59 1942 CEST isdst=1 gmtoff=7200'],
    ['1942-11-02T01:00:00Z', 60, '1942-11-02', 'Mon Nov  2 01:00:00 1942 UT = Mon Nov  2 02:00:00 1942 CET isdst=0 gmtoff=3600'],
    ['1945-04-02T00:59:59Z', 60, '1945-04-02', 'Mon Apr  2 00:59:59 1945 UT = Mon Apr  2 01:59:59 1945 CET isdst=0 gmtoff=3600'],
    ['1945-04-02T01:00:00Z', 120, '1945-04-02', 'Mon Apr  2 01:00:00 1945 UT = Mon Apr  2 03:00:00 1945 CEST isdst=1 gmtoff=7200'],
    ['1945-08-15T00:59:59Z', 120, '1945-08-15', 'Wed Aug 15 00:59:59 1945 UT = Wed Aug 15 02:59:59 1945 CEST isdst=1 gmtoff=7200'],
    ['1945-08-15T01:00:00Z', 60, '1945-08-15', 'Wed Aug 15 01:00:00 1945 UT = Wed Aug 15 02:00:00 1945 CET isdst=0 gmtoff=3600'],
    ['1980-04-06T00:59:59Z', 60, '1980-04-06', 'Sun Apr  6 00:59:59 1980 UT = Sun Apr  6 01:59:59 1980 CET isdst=0 gmtoff=3600'],
    ['1980-04-06T01:00:00Z', 120, '1980-04-06', 'Sun Apr  6 01:00:00 1980 UT = Sun Apr  6 03:00:00 1980 CEST isdst=1 gmtoff=7200'],
    ['1980-09-28T00:59:59Z', 120, '1980-09-28', 'Sun Sep 28 00:59:59 1980 UT = Sun Sep 28 02:59:59 1980 CEST isdst=1 gmtoff=7200'],
    ['1980-09-28T01:00:00Z', 60, '1980-09-28', 'Sun Sep 28 01:00:00 1980 UT = Sun Sep 28 02:00:00 1980 CET isdst=0 gmtoff=3600'],
    ['1990-09-30T00:59:59Z', 120, '1990-09-30', 'Sun Sep 30 00:59:59 1990 UT = Sun Sep 30 02:59:59 1990 CEST isdst=1 gmtoff=7200'],
    ['1990-09-30T01:00:00Z', 60, '1990-09-30', 'Sun Sep 30 01:00:00 1990 UT = Sun Sep 30 02:00:00 1990 CET isdst=0 gmtoff=3600'],
    ['2024-03-31T00:59:59Z', 60, '2024-03-31', 'Sun Mar 31 00:59:59 2024 UT = Sun Mar 31 01:59:59 2024 CET isdst=0 gmtoff=3600'],
    ['2024-03-31T01:00:00Z', 120, '2024-03-31', 'Sun Mar 31 01:00:00 2024 UT = Sun Mar 31 03:00:00 2024 CEST isdst=1 gmtoff=7200'],
    ['2199-10-27T00:59:59Z', 120, '2199-10-27', 'Sun Oct 27 00:59:59 2199 UT = Sun Oct 27 02:59:59 2199 CEST isdst=1 gmtoff=7200'],
    ['2199-10-27T01:00:00Z', 60, '2199-10-27', 'Sun Oct 27 01:00:00 2199 UT = Sun Oct 27 02:00:00 2199 CET isdst=0 gmtoff=3600'],
  ];

  it.each(ZDUMP)('at %s is %i minutes ahead of UTC, on %s (zdump: %s)', (utc, offset, date) => {
    expect(copenhagenOffsetMinutes(utcMinute(utc))).toBe(offset);
    expect(copenhagenDate(utc)).toBe(date);
  });

  it('has no summer time from 1949 to 1979, nor before 1916', () => {
    expect(copenhagenOffsetMinutes(utcMinute('1900-01-01T00:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(utcMinute('1910-07-01T12:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(utcMinute('1960-07-01T12:00Z'))).toBe(60);
    expect(copenhagenDate('1979-07-01T22:30Z')).toBe('1979-07-01'); // 23:30 CET
    expect([...Array(1979 - 1949 + 1).keys()].flatMap((index) => changesIn(1949 + index))).toEqual([]);
  });

  it('has summer time from 1970 on: 1980 (6 April to 28 September), 1990 and 2024', () => {
    expect(copenhagenDate('1980-07-01T22:30Z')).toBe('1980-07-02'); // 00:30 CEST
    expect(copenhagenDate('1980-09-28T22:30Z')).toBe('1980-09-28'); // 23:30 CET
    expect(copenhagenDate('1990-07-15T22:30Z')).toBe('1990-07-16');
    expect(copenhagenDate('1990-10-10T22:30Z')).toBe('1990-10-10'); // summer time ended in September
    expect(copenhagenDate('2024-03-30T23:30Z')).toBe('2024-03-31');
    expect(copenhagenDate('2024-04-01T21:30Z')).toBe('2024-04-01');
    expect(copenhagenDate('2024-10-26T22:30Z')).toBe('2024-10-27'); // 00:30 CEST
    expect(copenhagenDate('2024-10-27T22:30Z')).toBe('2024-10-27'); // 23:30 CET
  });

  it('reaches the end of 2199: 23:30 UTC on 31 December 2199 is 2200 in Copenhagen, out of range', () => {
    expect(copenhagenDate('2199-12-31T22:59Z')).toBe('2199-12-31');
    expect(copenhagenDate('2199-12-31T23:30Z')).toBe('2200-01-01');
    expect(copenhagenOffsetMinutes(utcMinute('2199-12-31T23:30Z'))).toBe(60);
    expect(parseDate('2199-12-31T22:59:00Z')).toBe(dayNumberFromCivil(2199, 12, 31));
    expect(parseDate('2199-12-31T23:30:00Z')).toMatchObject({ code: 'date_out_of_range' });
    // and the start of 1900: 23:30 UTC on 31 December 1899 is 00:30 CET on 1 January 1900
    expect(parseDate(new Date(utcMinute('1899-12-31T23:30Z') * 60_000))).toBe(dayNumberFromCivil(1900, 1, 1));
  });

  it('keeps the offset of 1 January 1900 before it and that of 31 December 2199 after it', () => {
    expect(copenhagenOffsetMinutes(utcMinute('1800-07-01T12:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(utcMinute('1899-12-31T23:59Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(utcMinute('2200-07-01T12:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(utcMinute('2500-07-01T12:00Z'))).toBe(60);
    expect(copenhagenDate('2500-07-01T23:30Z')).toBe('2500-07-02');
  });

  it('gives the same days with Intl.DateTimeFormat broken: it uses no time-zone data of the runtime', async () => {
    function broken(): never {
      throw new Error('Intl.DateTimeFormat was used');
    }
    vi.resetModules();
    vi.stubGlobal('Intl', Object.create(Intl, { DateTimeFormat: { value: broken } }) as typeof Intl);
    try {
      expect(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' })).toThrow('Intl.DateTimeFormat was used');
      const fresh = await import('../src/dates/copenhagen.js');
      const parse = await import('../src/dates/parse.js');
      const days = ['1916-05-14T22:30Z', '1945-06-01T21:30Z', '1960-07-01T23:30Z', '1990-07-15T22:30Z', '2024-03-30T23:30Z'].map((iso) =>
        formatDayNumber(fresh.copenhagenDayFromUtcMinutes(utcMinute(iso))),
      );
      expect(days).toEqual(['1916-05-15', '1945-06-01', '1960-07-02', '1990-07-16', '2024-03-31']);
      expect(fresh.copenhagenOffsetMinutes(utcMinute('1945-06-01T21:30Z'))).toBe(120);
      expect(parse.parseDate('1945-06-01T21:30:00Z')).toBe(dayNumberFromCivil(1945, 6, 1));
      expect(parse.parseInstant('1945-06-01T23:30')).toBe(utcMinute('1945-06-01T21:30Z') * 60);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe('the table of offsets', () => {
  it('starts at UTC+1 in 1900 and alternates between UTC+2 and UTC+1, ascending, within 1900–2199', () => {
    expect(COPENHAGEN_OFFSET_1900).toBe(60);
    let previous = [-Infinity, COPENHAGEN_OFFSET_1900];
    for (const [minute, offset] of COPENHAGEN_OFFSET_CHANGES) {
      expect(minute).toBeGreaterThan(previous[0] as number);
      expect(offset).toBe(previous[1] === 60 ? 120 : 60);
      expect(utcYear(minute)).toBeGreaterThanOrEqual(1900);
      expect(utcYear(minute)).toBeLessThanOrEqual(2199);
      previous = [minute, offset];
    }
  });

  it('holds the EU rule in every year from 1996 to 2199: last Sundays of March and October, 01:00 UTC', () => {
    const differences: string[] = [];
    for (let year = 1996; year <= 2199; year++) {
      const tabled = changesIn(year);
      if (JSON.stringify(tabled) !== JSON.stringify(euRuleChanges(year))) differences.push(`${year}: ${JSON.stringify(tabled)}`);
    }
    expect(differences).toEqual([]);
  });

  it('holds the EU rule of 1981–1995, with summer time ending on the last Sunday of September', () => {
    const differences: string[] = [];
    for (let year = 1981; year <= 1995; year++) {
      const tabled = changesIn(year);
      if (JSON.stringify(tabled) !== JSON.stringify(euRuleChanges(year))) differences.push(`${year}: ${JSON.stringify(tabled)}`);
    }
    expect(differences).toEqual([]);
  });

  /** Minutes of 1996–2199, half of them within two hours of an offset change. */
  const euMinuteArb = fc.oneof(
    fc.integer({ min: MIN_EU_MINUTE, max: MAX_MINUTE }),
    fc
      .tuple(fc.integer({ min: 1996, max: 2199 }), fc.boolean(), fc.integer({ min: -120, max: 120 }))
      .map(([year, spring, delta]) => ((euRuleChanges(year)[spring ? 0 : 1] as [number, number])[0] + delta)),
  );

  test('property: from 1996 the offset is the integer EU rule', () => {
    fc.assert(
      fc.property(euMinuteArb, (minute) => {
        expect(copenhagenOffsetMinutes(minute)).toBe(euRuleOffset(minute));
      }),
      { numRuns: 3000 },
    );
  });

  it('is what the generator writes for it, with the version of the tz database it came from', () => {
    expect(COPENHAGEN_OFFSETS_TZDATA).toMatch(/^tz database \d{4}[a-z]/);
    const text = readFileSync(COPENHAGEN_OFFSETS_MODULE, 'utf8');
    expect(text).toContain('Do not edit by hand');
    expect(text).toContain('zdump -v -c 1900,2200 Europe/Copenhagen');
    const rendered = renderCopenhagenOffsetsModule({ initialOffset: COPENHAGEN_OFFSET_1900, changes: COPENHAGEN_OFFSET_CHANGES }, COPENHAGEN_OFFSETS_TZDATA);
    expect(text === rendered, 'src/dates/copenhagen-offsets.ts differs from what npm run dates:offsets writes').toBe(true);
  });

  it("passes the generator's check that it is Denmark's history", () => {
    expect(() => {
      checkDanishOffsets({ initialOffset: COPENHAGEN_OFFSET_1900, changes: COPENHAGEN_OFFSET_CHANGES }, { initialOffset: 60, changes: [] });
    }).not.toThrow();
  });
});

describe('the offsets as intervals per UTC year', () => {
  const intervals = copenhagenOffsetIntervals();

  it("partition each UTC year 1900–2199: from its first minute to the next year's, without gap or overlap", () => {
    const problems: string[] = [];
    let expectedYear = 1900;
    let expectedFrom = dayNumberFromCivil(1900, 1, 1) * MINUTES_PER_DAY;
    for (const [index, [year, from, until, offset]] of intervals.entries()) {
      const yearEnd = dayNumberFromCivil(year + 1, 1, 1) * MINUTES_PER_DAY;
      if (year !== expectedYear || from !== expectedFrom) problems.push(`${index}: [${year}, ${from}] where [${expectedYear}, ${expectedFrom}] was expected`);
      if (!(from < until && until <= yearEnd)) problems.push(`${index}: [${from}, ${until}) is empty or leaves ${year}`);
      if (offset !== 60 && offset !== 120) problems.push(`${index}: offset ${offset}`);
      if (utcYear(from) !== year || utcYear(until - 1) !== year) problems.push(`${index}: not in the UTC year ${year}`);
      [expectedYear, expectedFrom] = until === yearEnd ? [year + 1, until] : [year, until];
    }
    expect(problems).toEqual([]);
    expect(expectedYear).toBe(2200);
    expect(expectedFrom).toBe(dayNumberFromCivil(2200, 1, 1) * MINUTES_PER_DAY);
    // one interval a year without changes, three with summer time inside the year
    expect(intervals.filter(([year]) => year === 1960)).toEqual([[1960, dayNumberFromCivil(1960, 1, 1) * MINUTES_PER_DAY, dayNumberFromCivil(1961, 1, 1) * MINUTES_PER_DAY, 60]]);
    expect(intervals.filter(([year]) => year === 2024).map(([, from, until, offset]) => [from, until, offset])).toEqual([
      [utcMinute('2024-01-01T00:00Z'), utcMinute('2024-03-31T01:00Z'), 60],
      [utcMinute('2024-03-31T01:00Z'), utcMinute('2024-10-27T01:00Z'), 120],
      [utcMinute('2024-10-27T01:00Z'), utcMinute('2025-01-01T00:00Z'), 60],
    ]);
    // each change splits the interval of its year in two
    expect(intervals).toHaveLength(300 + COPENHAGEN_OFFSET_CHANGES.length);
  });

  /** Minutes of 1900–2199, half of them within two hours of a change of the table or of New Year. */
  const minuteArb = fc.oneof(
    fc.integer({ min: MIN_MINUTE, max: MAX_MINUTE }),
    fc
      .tuple(fc.integer({ min: 0, max: COPENHAGEN_OFFSET_CHANGES.length - 1 }), fc.integer({ min: -120, max: 120 }))
      .map(([index, delta]) => (COPENHAGEN_OFFSET_CHANGES[index] as readonly [number, number])[0] + delta),
    fc.tuple(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: -120, max: 120 })).map(([year, delta]) => dayNumberFromCivil(year, 1, 1) * MINUTES_PER_DAY + delta),
  );

  test('property: the offset of the interval holding a minute is copenhagenOffsetMinutes', () => {
    fc.assert(
      fc.property(minuteArb, (minute) => {
        const holding = intervals.filter(([, from, until]) => from <= minute && minute < until);
        expect(holding).toHaveLength(1);
        expect(holding[0]?.[3]).toBe(copenhagenOffsetMinutes(minute));
      }),
      { numRuns: 2000 },
    );
  });

  it('are the same list on every call, frozen', () => {
    expect(copenhagenOffsetIntervals()).toBe(intervals);
    expect(Object.isFrozen(intervals)).toBe(true);
    expect(Object.isFrozen(intervals[0])).toBe(true);
  });
});

describe("the generator's reading of zdump", () => {
  const ZONE = 'Europe/Copenhagen';
  const SOURCE = 'zdump -v -c 1900,2200 Europe/Copenhagen';
  /** zdump's output: the lines, each after the zone's name. */
  const zdump = (...lines: string[]): string => `${lines.map((line) => `${ZONE}  ${line}`).join('\n')}\n`;
  // Lines of zdump's output for Copenhagen
  const NULL_LINE = '-9223372036854775808 = NULL';
  const SPRING_1916_BEFORE = 'Sun May 14 21:59:59 1916 UT = Sun May 14 22:59:59 1916 CET isdst=0 gmtoff=3600';
  const SPRING_1916 = 'Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST isdst=1 gmtoff=7200';
  const AUTUMN_1916_BEFORE = 'Sat Sep 30 20:59:59 1916 UT = Sat Sep 30 22:59:59 1916 CEST isdst=1 gmtoff=7200';
  const AUTUMN_1916 = 'Sat Sep 30 21:00:00 1916 UT = Sat Sep 30 22:00:00 1916 CET isdst=0 gmtoff=3600';
  const SPRING_1940_BEFORE = 'Tue May 14 22:59:59 1940 UT = Tue May 14 23:59:59 1940 CET isdst=0 gmtoff=3600';
  const SPRING_1940 = 'Tue May 14 23:00:00 1940 UT = Wed May 15 01:00:00 1940 CEST isdst=1 gmtoff=7200';

  it('reads the offset before the first transition and the changes', () => {
    const text = zdump(NULL_LINE, NULL_LINE, SPRING_1916_BEFORE, SPRING_1916, AUTUMN_1916_BEFORE, AUTUMN_1916, SPRING_1940_BEFORE, SPRING_1940, NULL_LINE);
    expect(offsetTableFromZdump(text, ZONE)).toEqual({
      initialOffset: 60,
      changes: [
        [utcMinute('1916-05-14T22:00Z'), 120],
        [utcMinute('1916-09-30T21:00Z'), 60],
        [utcMinute('1940-05-14T23:00Z'), 120],
      ],
    });
  });

  it('leaves out transitions that change only the abbreviation or the summer-time flag', () => {
    const table = offsetTableFromZdump(zdump(SPRING_1916_BEFORE, 'Sun May 14 22:00:00 1916 UT = Sun May 14 23:00:00 1916 MET isdst=1 gmtoff=3600'), ZONE);
    expect(table).toEqual({ initialOffset: 60, changes: [] });
  });

  /** The message the generator fails with on an output. */
  const failure = (text: string): string => {
    try {
      offsetTableFromZdump(text, ZONE);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return 'no error';
  };

  it('fails naming the line and the reason when the output is not as expected', () => {
    const [before, after] = [SPRING_1916_BEFORE, SPRING_1916];
    expect(failure(zdump(NULL_LINE, NULL_LINE))).toBe(`${SOURCE}: no transition in 1900–2199 (is "Europe/Copenhagen" a zone of the tz database?)`);
    expect(failure(zdump(before, 'Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST'))).toBe(
      `${SOURCE}, line 2: not a line of zdump -v output: "Europe/Copenhagen  Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST"`,
    );
    expect(failure(`Europe/Berlin  ${before}\n`)).toBe(`${SOURCE}, line 1: the zone is "Europe/Berlin", expected "Europe/Copenhagen"`);
    expect(failure(zdump(before, after.replace('gmtoff=7200', 'gmtoff=10800')))).toBe(`${SOURCE}, line 2: gmtoff=10800 does not match the local time, 7200 seconds from UTC`);
    expect(failure(zdump(before, after.replace('Mon May 15', 'Mon May 16')))).toBe(`${SOURCE}, line 2: the local time: 1916 May 16 is not a Mon`);
    expect(failure(zdump(before, after.replace('Sun May 14', 'Sun Mai 14')))).toBe(`${SOURCE}, line 2: the UTC time: "Mai" is not a month`);
    expect(failure(zdump(before, after.replace('Sun May 14', 'Sun Feb 30')))).toBe(`${SOURCE}, line 2: the UTC time: 1916 Feb 30 is not a date`);
    expect(failure(zdump(before, after.replace('22:00:00 1916 UT', '22:00:61 1916 UT')))).toBe(`${SOURCE}, line 2: the UTC time: 22:00:61 is not a time of day`);
    expect(failure(zdump(before))).toBe(`${SOURCE}: 1 lines of transitions, expected two per transition`);
    expect(failure(zdump(before, before))).toBe(`${SOURCE}, line 2: not the second after line 1, so not a transition`);
    expect(failure(zdump(before.replace('22:59:59 1916 CET', '23:00:29 1916 CET').replace('gmtoff=3600', 'gmtoff=3630'), after))).toBe(
      `${SOURCE}, line 1: gmtoff=3630 is not a whole number of minutes`,
    );
    expect(failure(zdump('Sun May 14 21:59:30 1916 UT = Sun May 14 22:59:30 1916 CET isdst=0 gmtoff=3600', 'Sun May 14 21:59:31 1916 UT = Sun May 14 23:59:31 1916 CEST isdst=1 gmtoff=7200'))).toBe(
      `${SOURCE}, line 2: the transition is not at a whole minute`,
    );
    expect(failure(zdump(SPRING_1940_BEFORE, SPRING_1940, AUTUMN_1916_BEFORE, AUTUMN_1916))).toBe(`${SOURCE}, line 4: the transition is not after the one before it`);
    expect(failure(zdump(before, after, SPRING_1940_BEFORE, SPRING_1940))).toBe(`${SOURCE}, line 3: the offset before the transition, 60 minutes, is not the one in force, 120`);
    expect(failure(zdump('Wed Jan  1 00:59:59 2200 UT = Wed Jan  1 01:59:59 2200 CET isdst=0 gmtoff=3600', 'Wed Jan  1 01:00:00 2200 UT = Wed Jan  1 03:00:00 2200 CEST isdst=1 gmtoff=7200'))).toBe(
      `${SOURCE}, line 2: the transition is in 2200, outside 1900–2199`,
    );
  });

  it("rejects a table that is not Denmark's: other offsets, another start, or Berlin's history", () => {
    const berlin1945: OffsetTable = { initialOffset: 60, changes: [[utcMinute('1945-05-24T00:00Z'), 180]] };
    expect(() => {
      checkDanishOffsets(berlin1945, { initialOffset: 60, changes: [] });
    }).toThrow('Europe/Copenhagen changes to 180 minutes from UTC at 1945-05-24T00:00Z, expected 60 (CET) or 120 (CEST)');
    expect(() => {
      checkDanishOffsets({ initialOffset: 50, changes: [] }, { initialOffset: 60, changes: [] });
    }).toThrow('Europe/Copenhagen is at 50 minutes from UTC on 1900-01-01, expected 60 (CET)');
    const same: OffsetTable = { initialOffset: 60, changes: [[utcMinute('1940-04-01T01:00Z'), 120]] };
    expect(() => {
      checkDanishOffsets(same, { initialOffset: 60, changes: [[utcMinute('1940-04-01T01:00Z'), 120]] });
    }).toThrow('Europe/Copenhagen has the same history as Europe/Berlin');
  });

  it('fails, naming the missing file, when the tz database is not there', () => {
    // a directory that does not exist, so the generator reads nothing
    const missing = join(COPENHAGEN_OFFSETS_MODULE, '..', 'no-such-zoneinfo');
    const result = spawnSync(process.execPath, ['--import', 'tsx', COPENHAGEN_OFFSETS_MODULE.replace(/copenhagen-offsets\.ts$/, 'generate-copenhagen-offsets.ts'), '--stdout'], {
      encoding: 'utf8',
      env: { ...process.env, TZDIR: missing },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`generate-copenhagen-offsets: ${join(missing, 'Europe/Copenhagen')} is missing: install the tz database (Debian: apt-get install tzdata)\n`);
  }, 60_000);
});
