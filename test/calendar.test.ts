import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCalendar,
  definePlan,
  STATE_CLOSING_DAYS,
  toDayNumber,
  useHolidays,
  workingDaysBetween,
  type Calendar,
  type CalendarOptions,
  type HolidaySource,
} from '../src/index.js';
import { DK_HOLIDAYS_MODULE, renderDkHolidaysModule } from '../src/calendar/generate-dk-holidays.js';
import { danishPublicHolidays } from '../src/calendar/holidays.js';
import { thrown } from './helpers.js';
import {
  DANISH_PUBLIC_HOLIDAYS,
  dayOf,
  FIXTURE_FIRST_YEAR,
  FIXTURE_LAST_YEAR,
  isFixtureHoliday,
  isMondayToFriday,
  isoOf,
  weekdayOf,
} from './fixtures/danish-holidays.js';

// Other countries' public holidays (Sweden's below) come from date-holidays, supplied as a user would.
useHolidays(Holidays);

const dk = createCalendar();
const state = createCalendar({ closingDays: 'state' });

/** Day number of an ISO date, through the library's own reader. */
const day = (iso: string): number => toDayNumber(iso);

/** The years the fixture covers. */
const YEARS = Array.from({ length: FIXTURE_LAST_YEAR - FIXTURE_FIRST_YEAR + 1 }, (_, i) => FIXTURE_FIRST_YEAR + i);

/** The fixture's holidays of a year that fall on Monday–Friday, sorted. */
const fixtureWeekdayHolidays = (year: number): string[] =>
  DANISH_PUBLIC_HOLIDAYS.filter((holiday) => holiday.date.startsWith(`${year}-`) && isMondayToFriday(dayOf(holiday.date)))
    .map((holiday) => holiday.date)
    .sort();

describe('the fixture itself', () => {
  it('puts each holiday on the weekday its rule gives', () => {
    // Easter and Whit Sunday are Sundays, Maundy Thursday and Ascension Thursdays, Good Friday and
    // Store Bededag Fridays, Easter and Whit Monday Mondays.
    const expectedWeekday: Record<string, number> = {
      Påskedag: 0,
      Pinsedag: 0,
      Skærtorsdag: 4,
      'Kristi Himmelfartsdag': 4,
      Langfredag: 5,
      'Store Bededag': 5,
      '2. påskedag': 1,
      '2. pinsedag': 1,
    };
    const wrong = DANISH_PUBLIC_HOLIDAYS.filter(
      (holiday) => holiday.name in expectedWeekday && weekdayOf(dayOf(holiday.date)) !== expectedWeekday[holiday.name],
    );
    expect(wrong).toEqual([]);
    // 11 holidays a year with Store Bededag (2019–2023), 10 without (2024–2026)
    expect(DANISH_PUBLIC_HOLIDAYS).toHaveLength(5 * 11 + 3 * 10);
  });
});

describe('the default calendar against the hand-written Danish holidays 2019–2026', () => {
  it('calls every day of 2019–2026 a working day exactly when it is Monday–Friday and not a fixture holiday', () => {
    const mismatches: string[] = [];
    for (let d = dayOf('2019-01-01'); d <= dayOf('2026-12-31'); d++) {
      const expected = isMondayToFriday(d) && !isFixtureHoliday(isoOf(d));
      if (dk.isWorkingDay(d) !== expected) mismatches.push(`${isoOf(d)}: expected ${expected ? 'working day' : 'closed'}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('counts the working days of each year as the fixture does', () => {
    // Monday–Friday per year: 261 when 1 January is a weekday, 260 when it is a weekend day; a leap
    // year adds 2 January's weekday. Minus the weekday holidays:
    // 2019: 261 − 9 = 252; 2020: 262 − 8 = 254; 2021: 261 − 7 = 254; 2022: 260 − 7 = 253;
    // 2023: 260 − 8 = 252; 2024: 262 − 8 = 254; 2025: 261 − 8 = 253; 2026: 261 − 7 = 254.
    const byHand: Record<number, number> = { 2019: 252, 2020: 254, 2021: 254, 2022: 253, 2023: 252, 2024: 254, 2025: 253, 2026: 254 };
    for (const year of YEARS) {
      const first = dayOf(`${year}-01-01`);
      const last = dayOf(`${year}-12-31`);
      let fromFixture = 0;
      for (let d = first; d <= last; d++) if (isMondayToFriday(d) && !isFixtureHoliday(isoOf(d))) fromFixture++;
      expect({ year, count: dk.workingDaysBetween(first - 1, last) }).toEqual({ year, count: fromFixture });
      expect({ year, count: fromFixture }).toEqual({ year, count: byHand[year] });
    }
  });

  it("lists each year's weekday holidays as closedWeekdays", () => {
    for (const year of YEARS) expect({ year, closed: dk.closedWeekdays(year) }).toEqual({ year, closed: fixtureWeekdayHolidays(year) });
    // 2024 in full: Nytårsdag (Mon), Skærtorsdag, Langfredag, 2. påskedag, Kristi Himmelfartsdag,
    // 2. pinsedag, Juledag (Wed), 2. juledag (Thu)
    expect(dk.closedWeekdays(2024)).toEqual([
      '2024-01-01',
      '2024-03-28',
      '2024-03-29',
      '2024-04-01',
      '2024-05-09',
      '2024-05-20',
      '2024-12-25',
      '2024-12-26',
    ]);
  });

  it('keeps 1 May, Grundlovsdag, 24 and 31 December open, and Store Bededag only until 2023', () => {
    // all Monday–Friday in 2024: Wed 1 May, Wed 5 June, Tue 24 December, Tue 31 December
    for (const iso of ['2024-05-01', '2024-06-05', '2024-12-24', '2024-12-31']) expect({ iso, open: dk.isWorkingDay(day(iso)) }).toEqual({ iso, open: true });
    expect(dk.isWorkingDay(day('2023-05-05'))).toBe(false); // Store Bededag 2023
    expect(dk.isWorkingDay(day('2024-04-26'))).toBe(true); // Easter 2024 + 26: would have been Store Bededag
  });
});

describe("the 'state' closing days", () => {
  it('closes 5 June, 24 and 31 December when they are weekdays', () => {
    // 2024: Wed 5 June, Tue 24 and Tue 31 December; 2025: Thu 5 June, Wed 24 and Wed 31 December
    for (const iso of ['2024-06-05', '2024-12-24', '2024-12-31', '2025-06-05', '2025-12-24', '2025-12-31']) {
      expect({ iso, default: dk.isWorkingDay(day(iso)), state: state.isWorkingDay(day(iso)) }).toEqual({ iso, default: true, state: false });
    }
    expect(STATE_CLOSING_DAYS).toEqual(['06-05', '12-24', '12-31']);
    expect(state.closedWeekdays(2024)).toEqual([...fixtureWeekdayHolidays(2024), '2024-06-05', '2024-12-24', '2024-12-31'].sort());
    // 2024 has 254 working days by default; the state closes 3 more
    expect(state.workingDaysBetween(day('2023-12-31'), day('2024-12-31'))).toBe(251);
  });

  it('adds nothing in a year where they fall on weekends', () => {
    // 2022: 5 June is a Sunday (and Pinsedag), 24 and 31 December are Saturdays
    expect(state.closedWeekdays(2022)).toEqual(fixtureWeekdayHolidays(2022));
    expect(state.workingDaysBetween(day('2021-12-31'), day('2022-12-31'))).toBe(253);
  });

  it('counts around Christmas with the closing days', () => {
    // (Mon 23, Fri 27 December 2024]: Tue 24 closed by the state, 25 and 26 holidays, Fri 27 open
    expect(workingDaysBetween('2024-12-23', '2024-12-27', state)).toBe(1);
    expect(workingDaysBetween('2024-12-23', '2024-12-27')).toBe(2);
    // (Fri 27 December 2024, Thu 2 January 2025]: Mon 30 open, Tue 31 and Wed 1 closed, Thu 2 open
    expect(workingDaysBetween('2024-12-27', '2025-01-02', state)).toBe(2);
    expect(workingDaysBetween('2024-12-27', '2025-01-02')).toBe(3);
  });

  it("accepts dated and yearly closing days, and 'state' inside a list", () => {
    // Fri 10 May 2024 is the bridge day after Ascension
    const bridge = createCalendar({ closingDays: ['2024-05-10'] });
    expect(bridge.isWorkingDay(day('2024-05-10'))).toBe(false);
    expect(bridge.isWorkingDay(day('2024-12-24'))).toBe(true);
    expect(bridge.isWorkingDay(day('2023-05-10'))).toBe(true); // a Wednesday, and not the listed year
    expect(bridge.closedWeekdays(2024)).toEqual([...fixtureWeekdayHolidays(2024), '2024-05-10'].sort());

    // 1 May every year: Wed 2024-05-01, Thu 2025-05-01
    const mayDay = createCalendar({ closingDays: ['05-01'] });
    expect([mayDay.isWorkingDay(day('2024-05-01')), mayDay.isWorkingDay(day('2025-05-01'))]).toEqual([false, false]);
    expect(mayDay.isWorkingDay(day('2024-05-02'))).toBe(true);

    const both = createCalendar({ closingDays: ['state', '2024-05-10'] });
    for (const iso of ['2024-05-10', '2024-06-05', '2024-12-24', '2024-12-31', '2025-12-31']) expect({ iso, open: both.isWorkingDay(day(iso)) }).toEqual({ iso, open: false });
    expect(both.isWorkingDay(day('2025-05-09'))).toBe(true); // Friday, the dated closing day was 2024's
    expect(both.options.closingDays).toEqual(['06-05', '12-24', '12-31', '2024-05-10']);
    expect(both.name).toBe('DK+state+1 closing day');
    expect(state.name).toBe('DK+state');
  });

  it("lets a yearly 29 February close leap years' 29 February without breaking other years", () => {
    // '02-29' passes validation (it is a date in leap years). 2024-02-29 is a Thursday.
    const leap = createCalendar({ closingDays: ['02-29'] });
    expect(leap.isWorkingDay(day('2024-02-29'))).toBe(false);
    // 2023 has no 29 February: 1 March 2023 (Wednesday) is an ordinary working day
    expect(leap.isWorkingDay(day('2023-03-01'))).toBe(true);
  });
});

describe("the built-in table of Denmark's public holidays", () => {
  const REGENERATE = 'date-holidays now gives other Danish public holidays than src/calendar/dk-holidays.ts: run `npm run calendar:holidays`, review the difference and commit it';

  /** date-holidays' DK public holidays of a year, ISO dates ascending, read directly. */
  const fromDateHolidays = (year: number): string[] =>
    new Holidays('DK')
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10))
      .sort();

  it('holds exactly what date-holidays gives for DK, type public, every year 1900–2199', () => {
    const differences: string[] = [];
    for (let year = 1900; year <= 2199; year++) {
      const tabled = danishPublicHolidays(year).map(isoOf);
      const expected = fromDateHolidays(year);
      if (tabled.join() !== expected.join()) differences.push(`${year}: table ${tabled.join(' ')}, date-holidays ${expected.join(' ')}`);
    }
    expect(differences, REGENERATE).toEqual([]);
  });

  it('is what the default calendar closes: its closed weekdays are the weekday ones of date-holidays, every year 1900–2199', () => {
    const differences: string[] = [];
    for (let year = 1900; year <= 2199; year++) {
      const expected = fromDateHolidays(year).filter((iso) => isMondayToFriday(dayOf(iso)));
      const closed = dk.closedWeekdays(year);
      if (closed.join() !== expected.join()) differences.push(`${year}: calendar ${closed.join(' ')}, date-holidays ${expected.join(' ')}`);
    }
    expect(differences, REGENERATE).toEqual([]);
  });

  it('is the generator output, which is deterministic and independent of the host time zone', () => {
    const generated = renderDkHolidaysModule(Holidays);
    expect(readFileSync(DK_HOLIDAYS_MODULE, 'utf8') === generated, REGENERATE).toBe(true);
    // The same text from the npm script's entry point, in a time zone far from Copenhagen's
    const other = spawnSync(process.execPath, ['--import', 'tsx', DK_HOLIDAYS_MODULE.replace(/dk-holidays\.ts$/, 'generate-dk-holidays.ts'), '--stdout'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: process.env['TZ'] === 'Pacific/Kiritimati' ? 'America/Los_Angeles' : 'Pacific/Kiritimati' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(other.status, other.stderr).toBe(0);
    expect(other.stdout === generated).toBe(true);
  }, 60_000);
});

describe('holiday sources for other countries', () => {
  /** A source for a made-up country XX (state N) with one public holiday and one observance a year. */
  function fakeSource(publicDay: string, observance: string): HolidaySource {
    return class {
      constructor(private readonly country?: string) {}
      getHolidays(year: number) {
        if (this.country !== 'XX') return [];
        return [
          { date: `${year}-${publicDay} 00:00:00`, type: 'public' },
          { date: `${year}-${observance} 00:00:00`, type: 'observance' },
        ];
      }
      getCountries() {
        return { XX: 'Examplia' };
      }
      getStates(country: string) {
        return country === 'XX' ? { N: 'North' } : undefined;
      }
    };
  }
  // 2024: Tue 5, Wed 6 and Thu 7 March are ordinary Danish working days
  const fifth = day('2024-03-05');
  const sixth = day('2024-03-06');
  const seventh = day('2024-03-07');

  afterEach(() => {
    useHolidays(Holidays);
  });

  it("without a source, rejects every country but Denmark, and Denmark with a state, saying how to supply one", () => {
    useHolidays(null);
    const se = thrown(() => createCalendar({ country: 'SE' })).issues;
    expect(se).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'country'] }]);
    expect(se[0]?.message).toContain("import Holidays from 'date-holidays'; useHolidays(Holidays);");
    expect(thrown(() => createCalendar({ country: 'DK', state: 'X' })).issues).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'state'] }]);
    // a plan's calendar is checked the same way
    const plan = () => definePlan({ id: 'p', title: 'P', year: 2024, calendar: { country: 'SE' }, targets: [{ id: 't', label: 'T', caseTypes: ['a'], tiers: [{ limit: { amount: 5, unit: 'workingDays' }, required: 0.9 }] }] });
    expect(thrown(plan).issues[0]?.message).toContain('useHolidays');
    // Denmark without a state, and no country at all, need no source
    expect(createCalendar()).toBe(dk);
    expect(createCalendar({ country: null }).isWorkingDay(day('2024-04-01'))).toBe(true);
    expect(dk.isWorkingDay(day('2024-04-01'))).toBe(false); // Easter Monday
  });

  it('closes the public holidays a source lists, and only those of type public', () => {
    useHolidays(fakeSource('03-05', '03-06'));
    const xx = createCalendar({ country: 'XX' });
    expect([xx.isWorkingDay(fifth), xx.isWorkingDay(sixth), xx.isWorkingDay(seventh)]).toEqual([false, true, true]);
    expect(xx.closedWeekdays(2024)).toEqual(['2024-03-05']);
    expect(createCalendar({ country: 'XX', state: 'N' }).closedWeekdays(2025)).toEqual(['2025-03-05']); // a Wednesday
    expect(thrown(() => createCalendar({ country: 'XX', state: 'S' })).issues).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'state'] }]);
    expect(thrown(() => createCalendar({ country: 'SE' })).issues).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'country'] }]);
  });

  it('answers createCalendar with the source registered at the time; a calendar already made keeps its own', () => {
    const first = fakeSource('03-05', '03-06');
    useHolidays(first);
    const before = createCalendar({ country: 'XX' });
    expect(createCalendar({ country: 'XX' })).toBe(before);
    useHolidays(first); // the same source again: nothing changes
    expect(createCalendar({ country: 'XX' })).toBe(before);

    useHolidays(fakeSource('03-07', '03-06'));
    const after = createCalendar({ country: 'XX' });
    expect(after).not.toBe(before);
    expect([after.isWorkingDay(fifth), after.isWorkingDay(seventh)]).toEqual([true, false]);
    expect([before.isWorkingDay(fifth), before.isWorkingDay(seventh)]).toEqual([false, true]);
    // the built-in Danish calendars do not depend on the source
    expect(createCalendar()).toBe(dk);
    expect(createCalendar({ closingDays: 'state' })).toBe(state);

    useHolidays(null);
    expect(thrown(() => createCalendar({ country: 'XX' })).issues[0]?.code).toBe('invalid_option');
  });

  it('loads a source given as { load } when a calendar first needs it, once', () => {
    let loads = 0;
    useHolidays({
      load: () => {
        loads++;
        return fakeSource('03-05', '03-06');
      },
    });
    createCalendar({ country: null, closingDays: ['05-01'] }).isWorkingDay(fifth);
    expect([createCalendar().isWorkingDay(fifth), loads]).toEqual([true, 0]);
    expect(createCalendar({ country: 'XX' }).isWorkingDay(fifth)).toBe(false);
    expect(createCalendar({ country: 'XX', closingDays: ['05-01'] }).isWorkingDay(fifth)).toBe(false);
    expect(loads).toBe(1);
  });
});

describe('receipts and decisions on days that are not working days', () => {
  it('starts counting after a Saturday or holiday receipt', () => {
    // applied Sat 30 March 2024: Sun 31, Easter Monday 1 April closed; Tue 2 and Wed 3 April count
    expect(workingDaysBetween('2024-03-30', '2024-04-03')).toBe(2);
    // applied Easter Monday 1 April 2024: Tue 2 April is the first working day after it
    expect(workingDaysBetween('2024-04-01', '2024-04-02')).toBe(1);
    expect(workingDaysBetween('2024-04-01', '2024-04-01')).toBe(0);
    // applied Easter Sunday, decided Easter Monday: nothing open in between
    expect(workingDaysBetween('2024-03-31', '2024-04-01')).toBe(0);
  });

  it('does not count a decision day that is a holiday or a weekend day', () => {
    // applied Fri 22 March 2024: Mon 25, Tue 26, Wed 27 open; Thu 28 and Good Friday 29 closed
    expect(workingDaysBetween('2024-03-22', '2024-03-28')).toBe(3);
    expect(workingDaysBetween('2024-03-22', '2024-03-29')).toBe(3);
    // applied Wed 18 December 2024: 19, 20, 23, 24 open; decided on Christmas Day or 26 December: 4
    expect(workingDaysBetween('2024-12-18', '2024-12-25')).toBe(4);
    expect(workingDaysBetween('2024-12-18', '2024-12-26')).toBe(4);
    expect(workingDaysBetween('2024-12-18', '2024-12-27')).toBe(5);
    // applied Fri 3 May 2024, decided Sat 4 May: 0; decided Mon 6 May: 1
    expect(workingDaysBetween('2024-05-03', '2024-05-04')).toBe(0);
    expect(workingDaysBetween('2024-05-03', '2024-05-06')).toBe(1);
  });
});

describe('workingDaysBetween with date values as case records carry them', () => {
  it('reads date-only values as those dates', () => {
    // (Wed 27 March, Tue 2 April 2024]: Thu 28, Fri 29, the weekend and Mon 1 April are closed
    expect(workingDaysBetween('2024-03-27', '2024-04-02')).toBe(1);
  });

  it('converts timestamps with an offset to their Copenhagen date', () => {
    // 2024-03-26T23:30Z is 00:30 on 27 March in Copenhagen (CET): 1, not the 2 that 26 March gives
    expect(workingDaysBetween('2024-03-26T23:30:00Z', '2024-04-02')).toBe(1);
    expect(workingDaysBetween('2024-03-26', '2024-04-02')).toBe(2);
    expect(workingDaysBetween('2024-03-27T00:30:00+01:00', '2024-04-02T09:00:00+02:00')).toBe(1);
    // 2024-04-02T01:30+05:30 is 20:00 UTC on 1 April, 22:00 in Copenhagen (CEST): 1 April, so 0
    expect(workingDaysBetween('2024-03-27', '2024-04-02T01:30:00+05:30')).toBe(0);
    // a timestamp without an offset is Copenhagen wall-clock time: its date part
    expect(workingDaysBetween('2024-03-27T23:59', '2024-04-02T00:01')).toBe(1);
  });

  it('reads Date objects as instants in Copenhagen', () => {
    // 2024-03-26T23:30Z → 27 March; 2024-04-01T22:30Z → 00:30 on 2 April (CEST)
    expect(workingDaysBetween(new Date('2024-03-26T23:30:00Z'), new Date('2024-04-01T22:30:00Z'))).toBe(1);
    expect(workingDaysBetween(new Date('2024-03-27T12:00:00Z'), new Date('2024-04-01T12:00:00Z'))).toBe(0);
  });

  it('is negative when the second date is before the first', () => {
    expect(workingDaysBetween('2024-04-02', '2024-03-27')).toBe(-1);
    expect(workingDaysBetween('2024-04-03', '2024-03-30')).toBe(-2);
    expect(dk.workingDaysBetween(day('2025-01-01'), day('2024-01-01'))).toBe(-254);
  });

  it('throws a ServicemaalError naming the field for values that are not dates', () => {
    expect(thrown(() => workingDaysBetween('2024-02-30', '2024-03-01')).issues).toMatchObject([{ code: 'invalid_date', path: ['from'] }]);
    expect(thrown(() => workingDaysBetween('2024-03-01', 'tomorrow')).issues).toMatchObject([{ code: 'invalid_date', path: ['to'] }]);
    expect(thrown(() => workingDaysBetween('1899-12-31', '2024-03-01')).issues).toMatchObject([{ code: 'date_out_of_range', path: ['from'] }]);
    expect(thrown(() => workingDaysBetween('2024-03-01', new Date(Number.NaN))).issues).toMatchObject([{ code: 'invalid_date', path: ['to'] }]);
    expect(thrown(() => workingDaysBetween(20240301 as unknown as string, '2024-03-01')).issues).toMatchObject([{ code: 'invalid_type', path: ['from'] }]);
  });
});

describe('createCalendar', () => {
  it('returns the same calendar for the same options', () => {
    expect(createCalendar()).toBe(dk);
    expect(createCalendar({})).toBe(dk);
    expect(createCalendar({ country: 'DK', weekend: [6, 0] })).toBe(dk);
    expect(createCalendar({ closingDays: ['state'] })).toBe(state);
    expect(createCalendar({ closingDays: 'state' })).toBe(state);
    expect(createCalendar({ closingDays: ['12-31', '06-05', '12-24'] })).toBe(state);
    expect(createCalendar({ closingDays: ['2024-05-10'] })).not.toBe(dk);
    expect(dk.name).toBe('DK');
    expect(state.options).toEqual({ country: 'DK', state: null, closingDays: ['06-05', '12-24', '12-31'], weekend: [0, 6] });
  });

  it("rejects bad options with 'invalid_option'", () => {
    const issues = (options: CalendarOptions) => thrown(() => createCalendar(options)).issues;
    expect(issues({ country: 'XX' })).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'country'] }]);
    expect(issues({ closingDays: ['2024-02-30'] })).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'closingDays', 0] }]);
    expect(issues({ closingDays: ['13-01'] })).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'closingDays', 0] }]);
    expect(issues({ closingDays: ['christmas'] })).toMatchObject([{ code: 'invalid_option' }]);
    expect(issues({ weekend: [0, 1, 2, 3, 4, 5, 6] })).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'weekend'] }]);
    expect(issues({ weekend: [7] })).toMatchObject([{ code: 'invalid_option', path: ['calendar', 'weekend'] }]);
  });

  it("uses another country's public holidays", () => {
    const se = createCalendar({ country: 'SE' });
    // Thu 6 June 2024 is Sweden's national day, an ordinary working day in Denmark
    expect([se.isWorkingDay(day('2024-06-06')), dk.isWorkingDay(day('2024-06-06'))]).toEqual([false, true]);
    // Christmas Day (Wed 25 December 2024) is closed in both; Store Bededag 2023 only in Denmark
    expect(se.isWorkingDay(day('2024-12-25'))).toBe(false);
    expect([se.isWorkingDay(day('2023-05-05')), dk.isWorkingDay(day('2023-05-05'))]).toEqual([true, false]);
  });

  it('has no holidays with country null', () => {
    const none = createCalendar({ country: null });
    // (Wed 27 March, Tue 2 April 2024]: Thu, Fri, Mon, Tue all count without holidays
    expect(none.workingDaysBetween(day('2024-03-27'), day('2024-04-02'))).toBe(4);
    expect(none.isWorkingDay(day('2024-12-25'))).toBe(true);
    expect(none.closedWeekdays(2024)).toEqual([]);
    // 2024 has 262 Monday–Friday days
    expect(none.workingDaysBetween(day('2023-12-31'), day('2024-12-31'))).toBe(262);
    expect(createCalendar({ country: null, closingDays: 'state' }).closedWeekdays(2024)).toEqual(['2024-06-05', '2024-12-24', '2024-12-31']);
  });

  it('takes another weekend', () => {
    // Friday–Saturday weekend, no holidays: (Thu 28, Sun 31 March 2024] holds only Sunday
    const gulf = createCalendar({ country: null, weekend: [5, 6] });
    expect(gulf.workingDaysBetween(day('2024-03-28'), day('2024-03-31'))).toBe(1);
    expect(gulf.isWorkingDay(day('2024-03-29'))).toBe(false);
  });

  it('answers for the first and last days that dates accept (1900-01-01 and 2199-12-31)', () => {
    // Mon 1 January 1900 is New Year's Day; Tue 2 January 1900 and Tue 31 December 2199 are ordinary weekdays
    expect(workingDaysBetween('1900-01-01', '1900-01-02')).toBe(1);
    expect(dk.isWorkingDay(day('1900-01-02'))).toBe(true);
    expect(dk.isWorkingDay(day('2199-12-31'))).toBe(true);
    expect(dk.isWorkingDay(day('1900-01-01'))).toBe(false);
  });

  it('finds the n-th working day with addWorkingDays, across Easter', () => {
    const wednesday = day('2024-03-27');
    expect(dk.addWorkingDays(wednesday, 0)).toBe(wednesday);
    // Thu 28, Fri 29, Mon 1 April closed: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 April
    expect(isoOf(dk.addWorkingDays(wednesday, 1))).toBe('2024-04-02');
    expect(isoOf(dk.addWorkingDays(wednesday, 2))).toBe('2024-04-03');
    expect(isoOf(dk.addWorkingDays(wednesday, 5))).toBe('2024-04-08');
    expect(isoOf(dk.addWorkingDays(day('2024-03-30'), 1))).toBe('2024-04-02');
    // state: from Fri 20 December 2024: Mon 23, Fri 27, Mon 30, then (31 December, 1 January closed) Thu 2 January
    expect([1, 2, 3, 4].map((n) => isoOf(state.addWorkingDays(day('2024-12-20'), n)))).toEqual(['2024-12-23', '2024-12-27', '2024-12-30', '2025-01-02']);
    expect(thrown(() => dk.addWorkingDays(wednesday, -1)).issues[0]?.code).toBe('invalid_option');
    expect(thrown(() => dk.addWorkingDays(wednesday, 1.5)).issues[0]?.code).toBe('invalid_option');
  });
});

describe('properties', () => {
  const FIRST = dayOf('1990-01-01');
  const LAST = dayOf('2060-12-31');
  const dayArb = fc.integer({ min: FIRST, max: LAST });

  /**
   * Calendar options; the extra closing days make most runs build a fresh calendar, so the
   * on-demand extension of its tables is exercised from different starting years.
   */
  const optionsArb: fc.Arbitrary<CalendarOptions> = fc.record({
    country: fc.constantFrom<string | null>('DK', 'DK', 'SE', null),
    weekend: fc.constantFrom([0, 6], [5, 6], [0]),
    closingDays: fc.array(
      fc.oneof(
        fc.constant('state'),
        dayArb.map(isoOf),
        fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(
          ({ month, day: dayOfMonth }) => `${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`,
        ),
      ),
      { maxLength: 3 },
    ),
  });

  /** A few calendars, built once and reused across runs. */
  const knownOptionsArb: fc.Arbitrary<CalendarOptions> = fc.constantFrom<CalendarOptions>(
    {},
    { closingDays: 'state' },
    { country: 'SE', closingDays: ['05-01', '2031-12-30'] },
    { country: null, weekend: [5, 6] },
  );

  /** Working days after `from` up to `to`, counted one day at a time from the calendar's closed weekdays. */
  function countByHand(calendar: Calendar, from: number, to: number): number {
    if (to < from) return 0 - countByHand(calendar, to, from); // 0 − 0 is +0, as the library returns
    const weekend = new Set(calendar.options.weekend);
    const closed = new Set<string>();
    const firstYear = Number(isoOf(from + 1).slice(0, 4));
    const lastYear = Number(isoOf(to).slice(0, 4));
    for (let year = firstYear; year <= lastYear; year++) for (const iso of calendar.closedWeekdays(year)) closed.add(iso);
    let count = 0;
    for (let d = from + 1; d <= to; d++) if (!weekend.has(weekdayOf(d)) && !closed.has(isoOf(d))) count++;
    return count;
  }

  it('the O(1) working-day difference equals a day-by-day count', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(fc.tuple(dayArb, dayArb), { minLength: 1, maxLength: 3 }), (options, pairs) => {
        const calendar = createCalendar(options);
        // ask first, in random order, so the tables grow from wherever the first question lands
        const answers = pairs.map(([from, to]) => calendar.workingDaysBetween(from, to));
        expect(answers).toEqual(pairs.map(([from, to]) => countByHand(calendar, from, to)));
      }),
      { numRuns: 30 },
    );
  });

  it('workingDaysBetween is additive: (a, b) + (b, c) = (a, c)', () => {
    fc.assert(
      fc.property(knownOptionsArb, dayArb, dayArb, dayArb, (options, a, b, c) => {
        const calendar = createCalendar(options);
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
      }),
      { numRuns: 200 },
    );
  });

  it('addWorkingDays is the inverse of workingDaysBetween', () => {
    fc.assert(
      fc.property(knownOptionsArb, dayArb, fc.integer({ min: 0, max: 800 }), (options, from, count) => {
        const calendar = createCalendar(options);
        const to = calendar.addWorkingDays(from, count);
        expect(calendar.workingDaysBetween(from, to)).toBe(count);
        // and it is the first such day: a working day, with one fewer working day before it
        if (count > 0) {
          expect(calendar.isWorkingDay(to)).toBe(true);
          expect(calendar.workingDaysBetween(from, to - 1)).toBe(count - 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
