import { describe, expect, it } from 'vitest';
import { thrown } from './helpers.js';
import {
  addMonths,
  civilFromDayNumber,
  dayNumberFromCivil,
  daysInMonth,
  formatDayNumber,
  formatLimit,
  isValidCivilDate,
  parseDate,
  parseInstant,
  parsePeriod,
  toDayNumber,
  weekday,
  type PeriodInput,
} from '../src/index.js';

/** The Copenhagen civil date of a value as `YYYY-MM-DD`, or the problem code. */
function civil(value: unknown): string {
  const day = parseDate(value);
  return typeof day === 'number' ? formatDayNumber(day) : day.code;
}


describe('civil day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumberFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberFromCivil(1970, 1, 2)).toBe(1);
    expect(dayNumberFromCivil(1969, 12, 31)).toBe(-1);
    // 30 years of 365 days plus the leap days of 1972, 1976, …, 1996 (7)
    expect(dayNumberFromCivil(2000, 1, 1)).toBe(10957);
    // 53 years of 365 days plus 13 leap days (1972 … 2020)
    expect(dayNumberFromCivil(2023, 1, 1)).toBe(19358);
    expect(dayNumberFromCivil(2023, 3, 1)).toBe(19358 + 31 + 28);
  });

  it('round-trips through civilFromDayNumber and formatDayNumber', () => {
    expect(civilFromDayNumber(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(civilFromDayNumber(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(civilFromDayNumber(19417)).toEqual({ year: 2023, month: 3, day: 1 });
    expect(formatDayNumber(19358)).toBe('2023-01-01');
    expect(formatDayNumber(10957 + 31 + 28)).toBe('2000-02-29');
  });

  it('knows the Gregorian leap years', () => {
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(isValidCivilDate(2023, 2, 29)).toBe(false);
    expect(isValidCivilDate(2024, 2, 29)).toBe(true);
    expect(isValidCivilDate(2100, 2, 29)).toBe(false);
    expect(isValidCivilDate(2023, 13, 1)).toBe(false);
    expect(isValidCivilDate(2023, 4, 0)).toBe(false);
  });

  it('gives weekdays with 0 = Sunday', () => {
    expect(weekday(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(weekday(toDayNumber('2023-03-01'))).toBe(3); // Wednesday
    expect(weekday(toDayNumber('2024-03-31'))).toBe(0); // Sunday, start of summer time 2024
    expect(weekday(toDayNumber('1969-12-28'))).toBe(0); // Sunday, before the epoch
  });
});

describe('convention 2: elapsed calendar days', () => {
  it('is the difference of the civil dates, 0 for the same day', () => {
    expect(toDayNumber('2023-05-10') - toDayNumber('2023-05-10')).toBe(0);
    expect(toDayNumber('2023-02-01') - toDayNumber('2023-01-01')).toBe(31);
    expect(toDayNumber('2024-03-01') - toDayNumber('2024-02-28')).toBe(2);
    expect(toDayNumber('2023-03-01') - toDayNumber('2023-02-28')).toBe(1);
    expect(toDayNumber('2100-03-01') - toDayNumber('2100-02-28')).toBe(1);
    expect(toDayNumber('2024-01-01') - toDayNumber('2023-01-01')).toBe(365);
    expect(toDayNumber('2025-01-01') - toDayNumber('2024-01-01')).toBe(366);
  });

  it('counts 1 day from 2024-03-30T23:30Z to 2024-04-01T21:30Z (31 March and 1 April in Copenhagen)', () => {
    // 23:30 UTC on 30 March is 00:30 CET on 31 March; 21:30 UTC on 1 April is 23:30 CEST on 1 April.
    expect(civil('2024-03-30T23:30:00Z')).toBe('2024-03-31');
    expect(civil('2024-04-01T21:30:00Z')).toBe('2024-04-01');
    expect(toDayNumber('2024-04-01T21:30:00Z') - toDayNumber('2024-03-30T23:30:00Z')).toBe(1);
  });
});

describe('convention 1: civil dates in Europe/Copenhagen', () => {
  it('reads a date-only value as that civil date', () => {
    expect(parseDate('2023-03-01')).toBe(19417);
    expect(civil('2024-02-29')).toBe('2024-02-29');
  });

  it('converts UTC timestamps to the Copenhagen date (winter time, UTC+1)', () => {
    expect(parseDate('2023-03-01T23:30:00Z')).toBe(19418); // 00:30 on 2 March
    expect(civil('2023-03-01T22:59:59Z')).toBe('2023-03-01'); // 23:59:59 CET
    expect(civil('2023-03-01T23:00:00Z')).toBe('2023-03-02'); // midnight CET
    expect(civil('2023-03-01T23:30:00.123z')).toBe('2023-03-02');
    expect(civil('2023-12-31T23:30:00Z')).toBe('2024-01-01');
  });

  it('converts timestamps with an offset', () => {
    // 00:30+02:00 on 2 March is 22:30 UTC on 1 March, i.e. 23:30 CET on 1 March
    expect(civil('2023-03-02T00:30:00+02:00')).toBe('2023-03-01');
    // in summer Copenhagen is at +02:00 itself
    expect(civil('2023-07-01T00:30:00+02:00')).toBe('2023-07-01');
    expect(civil('2023-07-01T00:30:00+0200')).toBe('2023-07-01');
    // 23:30-01:00 on 30 June is 00:30 UTC on 1 July, 02:30 CEST
    expect(civil('2023-06-30T23:30:00-01:00')).toBe('2023-07-01');
    expect(civil('2023-03-01T10:00:00+05:30')).toBe('2023-03-01');
  });

  it('uses summer time (UTC+2) between the last Sundays of March and October at 01:00 UTC', () => {
    expect(civil('2023-01-31T22:30:00Z')).toBe('2023-01-31'); // winter: 23:30
    expect(civil('2023-06-30T22:30:00Z')).toBe('2023-07-01'); // summer: 00:30
    // 2023: summer time from Sunday 26 March to Sunday 29 October
    expect(civil('2023-03-25T22:30:00Z')).toBe('2023-03-25'); // Saturday evening, still CET
    expect(civil('2023-03-26T22:30:00Z')).toBe('2023-03-27'); // Sunday evening, CEST
    expect(civil('2023-10-28T21:59:00Z')).toBe('2023-10-28'); // 23:59 CEST
    expect(civil('2023-10-28T22:30:00Z')).toBe('2023-10-29'); // 00:30 CEST on the Sunday
    expect(civil('2023-10-29T22:30:00Z')).toBe('2023-10-29'); // Sunday evening, back to CET
    expect(civil('2023-10-29T23:00:00Z')).toBe('2023-10-30');
    // 2024: summer time from Sunday 31 March to Sunday 27 October
    expect(civil('2024-03-30T22:30:00Z')).toBe('2024-03-30');
    expect(civil('2024-03-31T22:30:00Z')).toBe('2024-04-01');
    expect(civil('2024-10-26T22:30:00Z')).toBe('2024-10-27');
    expect(civil('2024-10-27T22:30:00Z')).toBe('2024-10-27');
  });

  it('uses the rules in force before 1996 (summer time ended in September)', () => {
    expect(civil('1990-07-15T22:30:00Z')).toBe('1990-07-16'); // CEST
    expect(civil('1990-10-10T22:30:00Z')).toBe('1990-10-10'); // CET already
  });

  it("uses Denmark's own history before 1970, not Berlin's", () => {
    // Summer time 2 April–15 August 1945 at UTC+2 (Berlin: UTC+3 from 24 May, where this is 2 June)
    expect(civil('1945-06-01T21:30:00Z')).toBe('1945-06-01');
    expect(civil('1945-06-01T22:00:00Z')).toBe('1945-06-02');
    expect(civil('1945-08-15T22:30:00Z')).toBe('1945-08-15'); // CET again from 15 August
    // summer time of 1940 from 15 May (Berlin: from 1 April)
    expect(civil('1940-04-30T22:30:00Z')).toBe('1940-04-30');
    expect(civil('1940-05-15T22:30:00Z')).toBe('1940-05-16');
    // no summer time 1949–1979 (Berlin had it until 1949)
    expect(civil('1949-07-01T22:30:00Z')).toBe('1949-07-01');
    // Copenhagen wall-clock times of those summers are 2 hours ahead of UTC
    expect(parseInstant('1945-06-01T23:30')).toBe(dayNumberFromCivil(1945, 6, 1) * 86_400 + (21 * 60 + 30) * 60);
    expect(parseInstant('1949-07-01T23:30')).toBe(dayNumberFromCivil(1949, 7, 1) * 86_400 + (22 * 60 + 30) * 60);
  });

  it('reads a timestamp without an offset as its date part', () => {
    expect(civil('2023-03-01T23:30')).toBe('2023-03-01');
    expect(civil('2023-03-01T23:30:59')).toBe('2023-03-01');
    expect(civil('2023-03-01 00:10:00')).toBe('2023-03-01');
    expect(civil('2023-06-30T23:59:59.999')).toBe('2023-06-30');
  });

  it('reads a Date as an instant, whatever the host time zone', () => {
    expect(parseDate(new Date('2023-03-01'))).toBe(19417); // midnight UTC = 01:00 CET on 1 March
    expect(civil(new Date('2023-03-01T23:30:00Z'))).toBe('2023-03-02');
    expect(civil(new Date('2023-06-30T22:30:00Z'))).toBe('2023-07-01');
    expect(civil(new Date(Date.UTC(2023, 0, 31, 22, 30)))).toBe('2023-01-31');
    expect(civil(new Date(Number.NaN))).toBe('invalid_date');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(civil('2023-02-29')).toBe('invalid_date');
    expect(civil('2023-04-31')).toBe('invalid_date');
    expect(civil('2023-13-01')).toBe('invalid_date');
    expect(civil('2023-00-10')).toBe('invalid_date');
    expect(civil('2023-02-29T10:00:00Z')).toBe('invalid_date');
    expect(civil('2023-03-01T24:00:00Z')).toBe('invalid_date');
    expect(civil('2023-03-01T10:60:00Z')).toBe('invalid_date');
    expect(civil('2023-03-01T10:00:00+25:00')).toBe('invalid_date');
  });

  it('rejects other text, other types and years outside 1900–2199', () => {
    expect(civil('2023-3-1')).toBe('invalid_date');
    expect(civil('01-03-2023')).toBe('invalid_date');
    expect(civil('2023/03/01')).toBe('invalid_date');
    expect(civil('yesterday')).toBe('invalid_date');
    expect(civil('')).toBe('invalid_date');
    expect(civil('1899-12-31')).toBe('date_out_of_range');
    expect(civil('2200-01-01')).toBe('date_out_of_range');
    expect(civil('0223-01-01')).toBe('date_out_of_range');
    expect(civil('1900-01-01')).toBe('1900-01-01');
    expect(civil('2199-12-31')).toBe('2199-12-31');
    expect(civil(20230301)).toBe('invalid_type');
    expect(civil(null)).toBe('invalid_type');
    expect(civil({ date: '2023-03-01' })).toBe('invalid_type');
  });

  it('toDayNumber throws a ServicemaalError naming the path', () => {
    const error = thrown(() => toDayNumber('2023-02-29', ['cases', 3, 'applied']));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.code).toBe('invalid_date');
    expect(error.issues[0]?.path).toEqual(['cases', 3, 'applied']);
    expect(error.message).toContain('2023-02-29');
    expect(thrown(() => toDayNumber('1800-01-01')).issues[0]?.code).toBe('date_out_of_range');
  });
});

describe('convention 4: within N months (addMonths)', () => {
  const plus = (date: string, months: number): string => formatDayNumber(addMonths(toDayNumber(date), months));

  it('clamps at the month end', () => {
    expect(plus('2024-07-31', 7)).toBe('2025-02-28');
    expect(plus('2023-07-31', 7)).toBe('2024-02-29');
    expect(plus('2023-01-31', 1)).toBe('2023-02-28');
    expect(plus('2024-01-31', 1)).toBe('2024-02-29');
    expect(plus('2023-03-31', 1)).toBe('2023-04-30');
    expect(plus('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('keeps the day where the month has it, across years', () => {
    expect(plus('2023-07-15', 7)).toBe('2024-02-15');
    expect(plus('2023-11-15', 2)).toBe('2024-01-15');
    expect(plus('2019-03-01', 10)).toBe('2020-01-01');
    expect(plus('2023-05-10', 0)).toBe('2023-05-10');
    expect(plus('2023-01-31', 24)).toBe('2025-01-31');
  });

  it('goes back for negative months', () => {
    expect(plus('2024-03-31', -1)).toBe('2024-02-29');
    expect(plus('2024-01-15', -2)).toBe('2023-11-15');
  });
});

describe('convention 6: periods', () => {
  const bounds = (input: PeriodInput): [string, string, string] => {
    const period = parsePeriod(input);
    return [formatDayNumber(period.from), formatDayNumber(period.to), period.label];
  };

  it('reads years, half-years, quarters and months', () => {
    expect(bounds('2023')).toEqual(['2023-01-01', '2023-12-31', '2023']);
    expect(bounds('2023-H1')).toEqual(['2023-01-01', '2023-06-30', '2023-H1']);
    expect(bounds('2023-H2')).toEqual(['2023-07-01', '2023-12-31', '2023-H2']);
    expect(bounds('2023-Q1')).toEqual(['2023-01-01', '2023-03-31', '2023-Q1']);
    expect(bounds('2023-Q3')).toEqual(['2023-07-01', '2023-09-30', '2023-Q3']);
    expect(bounds('2023-Q4')).toEqual(['2023-10-01', '2023-12-31', '2023-Q4']);
    expect(bounds('2023-07')).toEqual(['2023-07-01', '2023-07-31', '2023-07']);
    expect(bounds('2023-02')).toEqual(['2023-02-01', '2023-02-28', '2023-02']);
    expect(bounds('2024-02')).toEqual(['2024-02-01', '2024-02-29', '2024-02']);
  });

  it('gives inclusive day numbers', () => {
    const q3 = parsePeriod('2023-Q3');
    // 2023-07-01 is 181 days after 2023-01-01 (19358); the quarter has 31 + 31 + 30 days
    expect(q3.from).toBe(19358 + 181);
    expect(q3.to - q3.from + 1).toBe(92);
  });

  it('reads explicit { from, to } bounds', () => {
    expect(bounds({ from: '2023-01-01', to: '2023-06-30' })).toEqual(['2023-01-01', '2023-06-30', '2023-01-01..2023-06-30']);
    expect(bounds({ from: '2023-05-10', to: '2023-05-10' })).toEqual(['2023-05-10', '2023-05-10', '2023-05-10..2023-05-10']);
    // bounds are dates like any other: an instant is read as its Copenhagen date
    expect(bounds({ from: new Date('2023-01-01'), to: '2023-06-30T22:30:00Z' })).toEqual([
      '2023-01-01',
      '2023-07-01',
      '2023-01-01..2023-07-01',
    ]);
  });

  it.each(['2023-Q5', '2023-Q0', '2023-H3', '2023-13', '2023-00', '2023-7', '23', '2023Q3', ' 2023', '2023-q3', ''])(
    'rejects %j with invalid_period',
    (text) => {
      const error = thrown(() => parsePeriod(text));
      expect(error.issues[0]?.code).toBe('invalid_period');
      expect(error.issues[0]?.path).toEqual(['period']);
    },
  );

  it('rejects bounds that end before they start, or are not dates', () => {
    const reversed = thrown(() => parsePeriod({ from: '2023-07-01', to: '2023-06-30' }));
    expect(reversed.issues[0]?.code).toBe('invalid_period');
    expect(reversed.message).toContain('2023-06-30');

    const impossible = thrown(() => parsePeriod({ from: '2023-02-30', to: '2023-03-31' }));
    expect(impossible.issues[0]?.code).toBe('invalid_period');
    expect(impossible.issues[0]?.path).toEqual(['period', 'from']);

    const notAPeriod = thrown(() => parsePeriod(2023 as unknown as PeriodInput));
    expect(notAPeriod.issues[0]?.code).toBe('invalid_period');
    const missingTo = thrown(() => parsePeriod({ from: '2023-01-01' } as unknown as PeriodInput));
    expect(missingTo.issues[0]?.code).toBe('invalid_period');
  });
});

describe('formatLimit', () => {
  it('names every unit, singular for one', () => {
    expect(formatLimit({ amount: 1, unit: 'days' })).toBe('1 day');
    expect(formatLimit({ amount: 31, unit: 'days' })).toBe('31 days');
    expect(formatLimit({ amount: 7, unit: 'months' })).toBe('7 months');
    expect(formatLimit({ amount: 15, unit: 'workingDays' })).toBe('15 working days');
    expect(formatLimit({ amount: 1, unit: 'workingDays' })).toBe('1 working day');
    expect(formatLimit({ amount: 1, unit: 'hours' })).toBe('1 hour');
    expect(formatLimit({ amount: 10, unit: 'minutes' })).toBe('10 minutes');
  });
});
