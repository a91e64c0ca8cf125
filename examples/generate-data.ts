/**
 * Writes the synthetic, deterministic example data for three plans (`npm run examples:data`): SIRI
 * 2023, Udlændingestyrelsen 2019 and SIRI 2024. Every file is a JSON array with one record per line.
 *
 * examples/data/siri-2023-cases.json: 20,000 first-time case records.
 * - Applications from 2022-10-01 to 2023-12-31, fewer at weekends, study cases peaking in summer.
 * - Processing times drawn per case type from mixtures tuned so that some 2023 targets end just
 *   above and some just below their required shares.
 * - Case types without a 2023 target (lønarbejde, praktikant, and a code the catalogue does not
 *   know) so that "without target" is not empty.
 * - The data is extracted on 2024-01-15: cases decided later have `decided: null`.
 * - Four deliberately invalid records, to show that none is dropped silently.
 *
 * examples/data/siri-2023-contacts.json: about 20,000 contacts with the call centre in 2023.
 * - Phone calls on the call centre's opening days, 08:00–16:00; the plan measures the second
 *   half-year only, so the first half-year's calls are out of period.
 * - Waits of a few minutes with a long tail, tuned so that a little over 80 % of the second
 *   half-year's answered calls wait at most 10 minutes.
 * - Two record shapes: `{ at, waitMinutes }`, and `{ arrived, answered }` timestamps with a UTC
 *   offset (`+01:00`/`+02:00` as in Copenhagen, or `Z`); some calls were never answered.
 * - A few in-person visits (no SIRI 2023 target measures them) and three invalid records.
 *
 * examples/data/siri-2023-observations.json: one look per service centre per calendar day of the
 * second half-year 2023 at the number of days to the next free biometrics appointment, weekends and
 * holidays included. Busy spells follow a two-state chain per centre, tuned so that some centres
 * meet "at most 10 days on 80 % of the weekdays" and some do not.
 *
 * examples/data/us-2019-cases.json: 6,002 case records for Udlændingestyrelsen 2019.
 * - Applications from 2018-01-01 to 2019-12-31, extracted on 2020-01-15 (later decisions are
 *   `null`): asylum, temporary extension of asylum, family reunification, temporary extension and
 *   permanent residence, tuned so that some of the 2019 targets are met and some not.
 * - Asylum cases carry `events: { firstInterview }`, mostly within 30 days of the application; a
 *   few decided cases were closed without one (they count as not within, in `missingEvent`).
 * - Two deliberately invalid records (an interview before the application, an impossible date).
 *
 * examples/data/us-2019-contacts.json: about 8,000 contacts with the citizen service in 2019.
 * - Phone calls (`{ at, waitMinutes }` or `{ arrived, answered }` to the second) and in-person visits
 *   (`{ at, waitMinutes }` in whole minutes, or the queue system's `{ arrived, answered }` with
 *   milliseconds); a few were never answered (`answered: null`). Records with `arrived` carry no
 *   `at`: the day is the Copenhagen date of `arrived`.
 * - Two deliberately invalid records (no `answered` field, a wait of more than 24 hours).
 *
 * examples/data/siri-2024-cases.json: 10,002 case records for SIRI 2024.
 * - Applications from 2023-10-01 to 2024-12-31, extracted on 2025-01-15: EU, Fast-track, the other
 *   business case types (all in the whole-business-area target) and study cases (no 2024 target).
 * - Two deliberately invalid records (an impossible date, a missing application date).
 *
 * examples/data/siri-2024-observations.json: one look per service centre per calendar day of 2024
 * at the days to the next free biometrics appointment; the weekdays of all centres pooled land near
 * 80 % at most 10 days.
 *
 * examples/data/agency-export.csv and case-type-codes.csv: every tenth SIRI 2023 case as a Danish
 * semicolon export with the agency's case-type codes, and the mapping of those codes.
 *
 * examples/data/mixed-export.csv and koder.csv: 403 rows of a SIRI 2023 export that mixes first-time
 * applications and extensions (`Ansøgningstype`), flags some cases as without a management target
 * (`Styringsmål = Nej`) and repeats the cases of June 2023 from an overlapping extract, with the
 * codes of its columns (`felt;kode;værdi`) for `--codes`; UTF-8 with a byte-order mark.
 *
 * The numbers come from seeded PRNGs (mulberry32; one stream per file, so a file does not change
 * when the others do) and integer day arithmetic only: no `Math.random`, no current date, no
 * dependence on the host's time zone. Running it twice gives byte-identical files. The data is
 * invented; it does not describe the real case processing, call centres or service centres of SIRI
 * or Udlændingestyrelsen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEED = 20230101;
const FIRST_APPLICATION = '2022-10-01';
const LAST_APPLICATION = '2023-12-31';
const EXTRACTED = '2024-01-15';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and civil-date arithmetic (UTC-based Date maths only, never local time)

/** mulberry32: a small, fast 32-bit PRNG with a good enough spread for synthetic data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date (computed in UTC, so independent of the host TZ). */
function day(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

function iso(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}

function month(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCMonth() + 1;
}

function lastSunday(year: number, monthNumber: 3 | 10): number {
  const last = day(`${year}-${String(monthNumber).padStart(2, '0')}-31`);
  return last - weekday(last);
}

// ---------------------------------------------------------------------------------------------
// SIRI 2023: case types, volumes and processing times

/** A component of a processing-time mixture: probability, and a day range skewed towards `from`. */
interface Band {
  p: number;
  from: number;
  to: number;
  /** Skew exponent: 1 is uniform, larger values put more cases near `from`. */
  skew?: number;
}

interface CaseTypeSpec {
  caseType: string;
  /** Number of records to generate. */
  volume: number;
  /** Processing-time mixture (probabilities add up to 1). */
  bands: Band[];
  /** Relative application volume per month (1–12); default flat. */
  season?: (monthNumber: number) => number;
  /** First application date, for schemes that start during the period. */
  from?: string;
  /** Share of applications submitted online with a UTC timestamp instead of a date. */
  online?: number;
}

const studySeason = (m: number): number => (m >= 5 && m <= 8 ? 2.5 : 0.7);

const CASE_TYPES: CaseTypeSpec[] = [
  // EU: most decided the same or the next day, then a long tail. Targets 70 % ≤ 1, 85 % ≤ 31, 95 % ≤ 92.
  {
    caseType: 'eu',
    volume: 7_400,
    online: 0.3,
    bands: [
      { p: 0.5, from: 0, to: 0 },
      { p: 0.226, from: 1, to: 1 },
      { p: 0.14, from: 2, to: 31, skew: 2 },
      { p: 0.07, from: 32, to: 92 },
      { p: 0.064, from: 93, to: 240, skew: 1.5 },
    ],
  },
  // Fast-track 85 % ≤ 31: lands just above.
  {
    caseType: 'fast-track',
    volume: 2_600,
    online: 0.2,
    bands: [
      { p: 0.872, from: 4, to: 31, skew: 1.3 },
      { p: 0.1, from: 32, to: 60 },
      { p: 0.028, from: 61, to: 150 },
    ],
  },
  // Beløbsordningen 55 % ≤ 31 (just above) and 75 % ≤ 92 (just below).
  {
    caseType: 'beloebsordning',
    volume: 1_850,
    bands: [
      { p: 0.545, from: 8, to: 31 },
      { p: 0.17, from: 32, to: 92 },
      { p: 0.285, from: 93, to: 200, skew: 1.5 },
    ],
  },
  // Positivlisterne 50 % ≤ 31 (just below) and 70 % ≤ 92 (met).
  {
    caseType: 'positivliste',
    volume: 950,
    bands: [
      { p: 0.49, from: 10, to: 31 },
      { p: 0.25, from: 32, to: 92 },
      { p: 0.26, from: 93, to: 180 },
    ],
  },
  // Landbrug 85 % ≤ 31: lands just below.
  {
    caseType: 'landbrug',
    volume: 520,
    bands: [
      { p: 0.82, from: 6, to: 31 },
      { p: 0.18, from: 32, to: 90 },
    ],
  },
  // Medfølgende familiemedlem, erhverv 80 % ≤ 62: met.
  {
    caseType: 'medfoelgende-familie-erhverv',
    volume: 2_150,
    bands: [
      { p: 0.83, from: 5, to: 62, skew: 1.2 },
      { p: 0.17, from: 63, to: 160 },
    ],
  },
  // Studie 90 % ≤ 62: met, with a summer peak.
  {
    caseType: 'studie',
    volume: 2_400,
    season: studySeason,
    bands: [
      { p: 0.915, from: 3, to: 62, skew: 1.4 },
      { p: 0.085, from: 63, to: 140 },
    ],
  },
  // Ph.d. 80 % ≤ 31: lands just below.
  {
    caseType: 'phd',
    volume: 720,
    season: studySeason,
    bands: [
      { p: 0.78, from: 3, to: 31 },
      { p: 0.22, from: 32, to: 100 },
    ],
  },
  // No 2023 target: lønarbejde and praktikant had targets in 2020 only.
  { caseType: 'loenarbejde', volume: 640, bands: [{ p: 1, from: 10, to: 120 }] },
  { caseType: 'praktikant', volume: 410, season: studySeason, bands: [{ p: 1, from: 10, to: 90 }] },
  // A new scheme of 2023 whose targets were set by an addendum not in the sources: unknown to the catalogue.
  { caseType: 'supplerende-beloebsordning', volume: 356, from: '2023-07-01', bands: [{ p: 1, from: 5, to: 70 }] },
];

/** Draws a value (days, seconds) from a mixture of bands. */
function drawFrom(rng: () => number, bands: Band[]): number {
  const u = rng();
  let cumulative = 0;
  for (const band of bands) {
    cumulative += band.p;
    if (u < cumulative) return band.from + Math.floor((band.to - band.from + 1) * rng() ** (band.skew ?? 1));
  }
  return (bands[bands.length - 1] as Band).to;
}

/** A whole number in [min, max] from a given stream. */
function intFrom(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/**
 * The application days from `first` (or the spec's own `from`) to `last`, with cumulative weights:
 * weekdays weigh 1, weekends 0.15, times the case type's season.
 */
function applicationDays(spec: CaseTypeSpec, first = FIRST_APPLICATION, last = LAST_APPLICATION): { days: number[]; cumulative: number[] } {
  const days: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let d = day(spec.from ?? first); d <= day(last); d++) {
    const wd = weekday(d);
    total += (wd === 0 || wd === 6 ? 0.15 : 1) * (spec.season?.(month(d)) ?? 1);
    days.push(d);
    cumulative.push(total);
  }
  return { days, cumulative };
}

function drawDay({ days, cumulative }: { days: number[]; cumulative: number[] }, rng = random): number {
  const target = rng() * (cumulative[cumulative.length - 1] ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 0) <= target) low = mid + 1;
    else high = mid;
  }
  return days[low] as number;
}

/**
 * An online submission at a Copenhagen wall-clock time on `civilDay`, written as a UTC timestamp.
 * Times between 00:00 and 00:59 fall on the previous UTC day, which the library must read back as
 * `civilDay` (docs/methodology.md, convention 1). Local times 01:00–06:59 are not used, so the hour of the
 * summer-time switch never comes up.
 */
function onlineTimestamp(civilDay: number, rng = random): string {
  const local = rng() < 0.15 ? intFrom(rng, 0, 59) : intFrom(rng, 7 * 60, 23 * 60 + 59);
  const year = new Date(civilDay * MS_PER_DAY).getUTCFullYear();
  const [start, end] = [lastSunday(year, 3), lastSunday(year, 10)];
  // Before 02:00 the switch day still has the previous offset.
  const summer = local < 120 ? civilDay > start && civilDay <= end : civilDay >= start && civilDay < end;
  const utc = civilDay * 1440 + local - (summer ? 120 : 60);
  const text = new Date(utc * 60_000).toISOString().replace('.000Z', 'Z');
  // Cross-check with the tz database (explicit zone, so the host's TZ plays no part).
  const copenhagen = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
  if (copenhagen.format(new Date(utc * 60_000)) !== iso(civilDay)) throw new Error(`timestamp ${text} is not on ${iso(civilDay)}`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// SIRI 2023: generation of the case records

interface Row {
  caseType?: string;
  applied: string;
  decided: string | null;
  /** Sort key: the civil application day. */
  sortDay: number;
  /** Tie-breaker that keeps the order stable. */
  serial: number;
  extra?: Record<string, string>;
}

const extracted = day(EXTRACTED);
const rows: Row[] = [];
let serial = 0;
const nextSerial = (): number => serial++;
for (const spec of CASE_TYPES) {
  const calendar = applicationDays(spec);
  for (let i = 0; i < spec.volume; i++) {
    const applied = drawDay(calendar);
    const decidedDay = applied + drawFrom(random, spec.bands);
    const online = spec.online !== undefined && random() < spec.online;
    rows.push({
      caseType: spec.caseType,
      applied: online ? onlineTimestamp(applied) : iso(applied),
      decided: decidedDay <= extracted ? iso(decidedDay) : null,
      sortDay: applied,
      serial: nextSerial(),
    });
  }
}

// Four deliberately invalid records, as a case system might export them.
const INVALID: Row[] = [
  { caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-20', sortDay: day('2023-02-28'), serial: nextSerial() },
  { caseType: 'studie', applied: '2023-08-14', decided: '2023-08-04', sortDay: day('2023-08-14'), serial: nextSerial() },
  { applied: '2023-05-02', decided: '2023-05-03', sortDay: day('2023-05-02'), serial: nextSerial() },
  {
    caseType: 'beloebsordning',
    applied: '2023-10-09',
    decided: null,
    extra: { decidedAt: '2023-11-21' },
    sortDay: day('2023-10-09'),
    serial: nextSerial(),
  },
];
rows.push(...INVALID);
rows.sort((a, b) => a.sortDay - b.sortDay || a.serial - b.serial);

const lines = rows.map((row, index) => {
  const record: Record<string, unknown> = { id: `SIRI-${String(index + 1).padStart(5, '0')}` };
  if (row.caseType !== undefined) record['caseType'] = row.caseType;
  record['applied'] = row.applied;
  if (row.extra === undefined) record['decided'] = row.decided;
  else Object.assign(record, row.extra);
  return JSON.stringify(record);
});

const directory = fileURLToPath(new URL('./data/', import.meta.url));
mkdirSync(directory, { recursive: true });

/** Writes a JSON array with one record per line. */
function writeRecords(name: string, records: string[], what: string): void {
  const path = `${directory}${name}`;
  writeFileSync(path, `[\n${records.join(',\n')}\n]\n`);
  console.log(`wrote ${records.length} ${what} to ${path}`);
}

writeRecords('siri-2023-cases.json', lines, 'case records');

// ---------------------------------------------------------------------------------------------
// SIRI 2023: contacts, phone calls (and a few visits) in 2023, from their own PRNG stream

const contactRandom = mulberry32(SEED + 1);

/** Days the call centre is closed on a weekday in 2023: public holidays and the state's closing days. */
const CLOSED_2023 = new Set(
  ['2023-04-06', '2023-04-07', '2023-04-10', '2023-05-05', '2023-05-18', '2023-05-29', '2023-06-05', '2023-12-25', '2023-12-26'].map(day),
);

const isOpenDay = (d: number): boolean => weekday(d) !== 0 && weekday(d) !== 6 && !CLOSED_2023.has(d);

/** Copenhagen's UTC offset in minutes at a wall-clock time between 02:00 and 24:00 of a day. */
function offsetOn(civilDay: number): number {
  const year = new Date(civilDay * MS_PER_DAY).getUTCFullYear();
  return civilDay >= lastSunday(year, 3) && civilDay < lastSunday(year, 10) ? 120 : 60;
}

/** A timestamp with seconds at `seconds` after local midnight, written with `+01:00`/`+02:00` or as UTC (`Z`). */
function timestamp(civilDay: number, seconds: number, utc: boolean): string {
  const offset = offsetOn(civilDay);
  const instant = (civilDay * 1440 - offset) * 60 + seconds;
  if (utc) return new Date(instant * 1000).toISOString().replace('.000Z', 'Z');
  const local = new Date((civilDay * 86_400 + seconds) * 1000).toISOString().slice(0, 19);
  return `${local}+${String(offset / 60).padStart(2, '0')}:00`;
}

/** Waits in seconds: a mixture per half-year (the first half-year is worse; it is not measured). */
const WAITS: Record<'H1' | 'H2', Band[]> = {
  H1: [
    { p: 0.46, from: 0, to: 240, skew: 1.6 },
    { p: 0.28, from: 241, to: 600 },
    { p: 0.26, from: 601, to: 2_700, skew: 2 },
  ],
  H2: [
    { p: 0.52, from: 0, to: 240, skew: 1.6 },
    { p: 0.295, from: 241, to: 600 },
    { p: 0.185, from: 601, to: 2_700, skew: 2 },
  ],
};

interface ContactRow {
  /** Sort key: seconds since 1970 (UTC instant of arrival), then serial. */
  instant: number;
  serial: number;
  record: Record<string, unknown>;
}

const contacts: ContactRow[] = [];
const H2_START = day('2023-07-01');
const OPENS = 8 * 3600;
const CLOSES = 16 * 3600;
let contactSerial = 0;
for (let d = day('2023-01-01'); d <= day('2023-12-31'); d++) {
  if (!isOpenDay(d)) continue;
  const calls = intFrom(contactRandom, 68, 88);
  for (let i = 0; i < calls; i++) {
    const arrival = intFrom(contactRandom, OPENS, CLOSES - 1);
    const wait = drawFrom(contactRandom, WAITS[d < H2_START ? 'H1' : 'H2']);
    const instant = (d * 1440 - offsetOn(d)) * 60 + arrival;
    const record: Record<string, unknown> = { channel: 'phone' };
    if (contactRandom() < 0.55) {
      // Exported by the telephony report: the day and the wait in minutes (two decimals).
      record['at'] = iso(d);
      record['waitMinutes'] = Number((wait / 60).toFixed(2));
    } else {
      // Exported from the call log: arrival and answer, with the offset or in UTC.
      const utc = contactRandom() < 1 / 3;
      record['arrived'] = timestamp(d, arrival, utc);
      record['answered'] = contactRandom() < 0.012 ? null : timestamp(d, arrival + wait, utc);
    }
    contacts.push({ instant, serial: contactSerial++, record });
  }
}

// A few in-person visits at a service centre: a channel no SIRI 2023 target measures.
for (let i = 0; i < 24; i++) {
  let d = intFrom(contactRandom, H2_START, day('2023-12-22'));
  while (!isOpenDay(d)) d++;
  const arrival = intFrom(contactRandom, 9 * 3600, 14 * 3600);
  contacts.push({
    instant: (d * 1440 - offsetOn(d)) * 60 + arrival,
    serial: contactSerial++,
    record: { channel: 'in-person', at: iso(d), waitMinutes: intFrom(contactRandom, 4, 75) },
  });
}

// Three deliberately invalid contacts.
const INVALID_CONTACTS: [string, number, Record<string, unknown>][] = [
  ['2023-09-12', 10 * 3600 + 4 * 60, { channel: 'phone', arrived: '2023-09-12T10:04:00+02:00', answered: '2023-09-12T09:58:00+02:00' }],
  ['2023-09-29', 12 * 3600, { channel: 'phone', at: '2023-09-31', waitMinutes: 3.5 }],
  ['2023-11-07', 13 * 3600, { channel: 'phone', at: '2023-11-07', waitMinutes: '4:30' }],
];
for (const [date, seconds, record] of INVALID_CONTACTS) {
  contacts.push({ instant: (day(date) * 1440 - offsetOn(day(date))) * 60 + seconds, serial: contactSerial++, record });
}

contacts.sort((a, b) => a.instant - b.instant || a.serial - b.serial);
writeRecords(
  'siri-2023-contacts.json',
  contacts.map((row, index) => JSON.stringify({ id: `K-${String(index + 1).padStart(5, '0')}`, ...row.record })),
  'contact records',
);

// ---------------------------------------------------------------------------------------------
// SIRI 2023: observations, days to the next free biometrics appointment per centre and day of 2023-H2

const observationRandom = mulberry32(SEED + 2);

/**
 * A centre's booking: in a normal spell the next free slot is `normal` days away, in a busy spell
 * `busy` days; each day a normal spell turns busy with probability `toBusy`, a busy one ends with
 * probability `toNormal`.
 */
interface CentreSpec {
  centre: string;
  normal: [number, number];
  busy: [number, number];
  toBusy: number;
  toNormal: number;
}

const CENTRES: CentreSpec[] = [
  { centre: 'Valby', normal: [1, 10], busy: [11, 19], toBusy: 0.035, toNormal: 0.22 },
  { centre: 'Aarhus', normal: [0, 9], busy: [11, 16], toBusy: 0.03, toNormal: 0.3 },
  { centre: 'Odense', normal: [2, 10], busy: [11, 22], toBusy: 0.07, toNormal: 0.16 },
  { centre: 'Aalborg', normal: [0, 8], busy: [11, 15], toBusy: 0.03, toNormal: 0.3 },
  { centre: 'Esbjerg', normal: [1, 9], busy: [11, 18], toBusy: 0.035, toNormal: 0.25 },
  { centre: 'Sønderborg', normal: [3, 10], busy: [11, 24], toBusy: 0.06, toNormal: 0.15 },
  { centre: 'Bornholm', normal: [4, 10], busy: [12, 30], toBusy: 0.1, toNormal: 0.12 },
];

const firstDay = day('2023-07-01');
const lastDay = day('2023-12-31');
const series = CENTRES.map((spec) => {
  let busy = false;
  const values: number[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    busy = busy ? observationRandom() >= spec.toNormal : observationRandom() < spec.toBusy;
    const [low, high] = busy ? spec.busy : spec.normal;
    values.push(intFrom(observationRandom, low, high));
  }
  return values;
});
const observations: string[] = [];
for (let d = firstDay; d <= lastDay; d++) {
  CENTRES.forEach((spec, c) => {
    observations.push(JSON.stringify({ date: iso(d), centre: spec.centre, daysToNextSlot: series[c]?.[d - firstDay] ?? 0 }));
  });
}
writeRecords('siri-2023-observations.json', observations, 'observations');

// ---------------------------------------------------------------------------------------------
// Udlændingestyrelsen 2019: case records and citizen-service contacts, from their own streams

const US_SEED = 20190101;

/** A case type of the 2019 plan; asylum cases also draw a first interview. */
interface UsCaseTypeSpec extends CaseTypeSpec {
  /** Asylum: days from the application to the first interview; the decision comes after it. */
  interview?: Band[];
  /** Asylum: share of decided cases closed without a first interview (e.g. withdrawn). */
  noInterview?: number;
}

/**
 * Volumes and processing times per case type. The four month targets (90 % within 7 or 10
 * months; 7 months are 212–215 days, 10 months 303–306) land two above and two below; for asylum,
 * the first interview (90 % within 30 days) lands just above and the mean processing time (at most
 * 120 days) below the limit. For asylum, `bands` are the days from the first interview to the decision.
 */
const US_CASE_TYPES: UsCaseTypeSpec[] = [
  {
    caseType: 'asyl',
    volume: 1_500,
    interview: [
      { p: 0.925, from: 4, to: 30, skew: 1.2 },
      { p: 0.06, from: 31, to: 70 },
      { p: 0.015, from: 71, to: 160 },
    ],
    noInterview: 0.012,
    bands: [
      { p: 0.6, from: 14, to: 90, skew: 1.3 },
      { p: 0.3, from: 91, to: 180 },
      { p: 0.1, from: 181, to: 320 },
    ],
  },
  {
    caseType: 'asyl-forlaengelse',
    volume: 500,
    bands: [
      { p: 0.6, from: 30, to: 150 },
      { p: 0.265, from: 151, to: 211 },
      { p: 0.135, from: 216, to: 400, skew: 1.5 },
    ],
  },
  {
    caseType: 'familiesammenfoering',
    volume: 1_600,
    bands: [
      { p: 0.5, from: 60, to: 220 },
      { p: 0.36, from: 221, to: 302 },
      { p: 0.14, from: 307, to: 500, skew: 1.5 },
    ],
  },
  {
    caseType: 'forlaengelse',
    volume: 1_300,
    bands: [
      { p: 0.7, from: 20, to: 150 },
      { p: 0.225, from: 151, to: 211 },
      { p: 0.075, from: 216, to: 330 },
    ],
  },
  {
    caseType: 'permanent-ophold',
    volume: 1_100,
    bands: [
      { p: 0.6, from: 60, to: 220 },
      { p: 0.335, from: 221, to: 302 },
      { p: 0.065, from: 307, to: 450 },
    ],
  },
];

/** Writes records sorted by (day, serial) with ids `${prefix}-00001`, … */
function writeCases(name: string, prefix: string, rows: { sortDay: number; serial: number; record: Record<string, unknown> }[]): void {
  rows.sort((a, b) => a.sortDay - b.sortDay || a.serial - b.serial);
  writeRecords(
    name,
    rows.map((row, index) => JSON.stringify({ id: `${prefix}-${String(index + 1).padStart(5, '0')}`, ...row.record })),
    'case records',
  );
}

function us2019Cases(): void {
  const rng = mulberry32(US_SEED);
  const extractedOn = day('2020-01-15');
  const rows: { sortDay: number; serial: number; record: Record<string, unknown> }[] = [];
  for (const spec of US_CASE_TYPES) {
    const calendar = applicationDays(spec, '2018-01-01', '2019-12-31');
    for (let i = 0; i < spec.volume; i++) {
      const applied = drawDay(calendar, rng);
      let decidedDay: number;
      let interview: number | null = null;
      if (spec.interview === undefined) {
        decidedDay = applied + drawFrom(rng, spec.bands);
      } else if (rng() < (spec.noInterview ?? 0)) {
        // Closed without a first interview (withdrawn, transferred): no event at all.
        decidedDay = applied + intFrom(rng, 10, 60);
      } else {
        interview = applied + drawFrom(rng, spec.interview);
        decidedDay = interview + drawFrom(rng, spec.bands);
      }
      const record: Record<string, unknown> = {
        caseType: spec.caseType,
        applied: iso(applied),
        decided: decidedDay <= extractedOn ? iso(decidedDay) : null,
      };
      // A first interview after the extraction is not known yet.
      if (interview !== null && interview <= extractedOn) record['events'] = { firstInterview: iso(interview) };
      rows.push({ sortDay: applied, serial: rows.length, record });
    }
  }
  // Two deliberately invalid records: an interview before the application, an impossible date.
  rows.push(
    {
      sortDay: day('2019-03-04'),
      serial: rows.length,
      record: { caseType: 'asyl', applied: '2019-03-04', decided: '2019-06-20', events: { firstInterview: '2019-02-25' } },
    },
    { sortDay: day('2019-02-11'), serial: rows.length + 1, record: { caseType: 'familiesammenfoering', applied: '2019-02-11', decided: '2019-11-31' } },
  );
  writeCases('us-2019-cases.json', 'US', rows);
}

/** Weekdays of 2019 on which the citizen service is closed: public holidays, 5 June, 24 and 31 December. */
const CLOSED_2019 = new Set(
  ['2019-01-01', '2019-04-18', '2019-04-19', '2019-04-22', '2019-05-17', '2019-05-30', '2019-06-05', '2019-06-10', '2019-12-24', '2019-12-25', '2019-12-26', '2019-12-31'].map(day),
);

/** A timestamp with milliseconds, `seconds` after local midnight, with the Copenhagen offset. */
function timestampMs(civilDay: number, seconds: number, ms: number): string {
  const offset = offsetOn(civilDay);
  const local = new Date((civilDay * 86_400 + seconds) * 1000).toISOString().slice(0, 19);
  return `${local}.${String(ms).padStart(3, '0')}+${String(offset / 60).padStart(2, '0')}:00`;
}

/** Waits in seconds per channel: phone lands a little above 80 % within 15 minutes, visits a little below 80 % within an hour. */
const US_WAITS: Record<'phone' | 'in-person', Band[]> = {
  phone: [
    { p: 0.55, from: 0, to: 420, skew: 1.5 },
    { p: 0.285, from: 421, to: 900 },
    { p: 0.165, from: 901, to: 3_600, skew: 2 },
  ],
  'in-person': [
    { p: 0.45, from: 60, to: 1_800 },
    { p: 0.325, from: 1_801, to: 3_600 },
    { p: 0.225, from: 3_601, to: 9_000, skew: 1.5 },
  ],
};

function us2019Contacts(): void {
  const rng = mulberry32(US_SEED + 1);
  const rows: ContactRow[] = [];
  for (let d = day('2019-01-01'); d <= day('2019-12-31'); d++) {
    if (weekday(d) === 0 || weekday(d) === 6 || CLOSED_2019.has(d)) continue;
    const daily: ['phone' | 'in-person', number, number, number][] = [
      ['phone', intFrom(rng, 19, 27), 9 * 3600, 15 * 3600],
      ['in-person', intFrom(rng, 7, 12), 9 * 3600, 14 * 3600],
    ];
    for (const [channel, count, opens, closes] of daily) {
      for (let i = 0; i < count; i++) {
        const arrival = intFrom(rng, opens, closes - 1);
        const wait = drawFrom(rng, US_WAITS[channel]);
        const record: Record<string, unknown> = { channel };
        if (channel === 'phone' && rng() < 0.65) {
          // The telephony report: the day and the wait in minutes (two decimals).
          record['at'] = iso(d);
          record['waitMinutes'] = Number((wait / 60).toFixed(2));
        } else if (channel === 'phone') {
          // The call log: arrival and answer to the second, with the offset or in UTC; no `at`.
          const utc = rng() < 1 / 3;
          record['arrived'] = timestamp(d, arrival, utc);
          record['answered'] = rng() < 0.015 ? null : timestamp(d, arrival + wait, utc);
        } else if (rng() < 0.5) {
          // The reception's log: whole minutes.
          record['at'] = iso(d);
          record['waitMinutes'] = Math.round(wait / 60);
        } else {
          // The queue system: ticket drawn and called, with milliseconds; a few visitors left unserved.
          record['arrived'] = timestampMs(d, arrival, intFrom(rng, 0, 999));
          record['answered'] = rng() < 0.03 ? null : timestampMs(d, arrival + wait, intFrom(rng, 0, 999));
        }
        rows.push({ instant: (d * 1440 - offsetOn(d)) * 60 + arrival, serial: rows.length, record });
      }
    }
  }
  // Two deliberately invalid contacts: no `answered` field at all, and an implausible wait.
  const invalid: [string, number, Record<string, unknown>][] = [
    ['2019-10-08', 10 * 3600 + 12 * 60, { channel: 'in-person', arrived: '2019-10-08T10:12:00.000+02:00' }],
    ['2019-11-05', 11 * 3600, { channel: 'phone', at: '2019-11-05', waitMinutes: 1_600 }],
  ];
  for (const [date, seconds, record] of invalid) {
    rows.push({ instant: (day(date) * 1440 - offsetOn(day(date))) * 60 + seconds, serial: rows.length, record });
  }
  rows.sort((a, b) => a.instant - b.instant || a.serial - b.serial);
  writeRecords(
    'us-2019-contacts.json',
    rows.map((row, index) => JSON.stringify({ id: `USK-${String(index + 1).padStart(5, '0')}`, ...row.record })),
    'contact records',
  );
}

us2019Cases();
us2019Contacts();

// ---------------------------------------------------------------------------------------------
// SIRI 2024: case records and biometrics observations, from their own streams

const SIRI_2024_SEED = 20240101;

/**
 * Fast-track lands above 85 % within 31 days, the whole business area (every business case type,
 * Fast-track included) below 75 %, EU above 70 % within 1 day. Study cases have no 2024 target.
 */
const SIRI_2024_CASE_TYPES: CaseTypeSpec[] = [
  {
    caseType: 'eu',
    volume: 3_950,
    online: 0.3,
    bands: [
      { p: 0.485, from: 0, to: 0 },
      { p: 0.235, from: 1, to: 1 },
      { p: 0.195, from: 2, to: 31, skew: 2 },
      { p: 0.085, from: 32, to: 200, skew: 1.5 },
    ],
  },
  {
    caseType: 'fast-track',
    volume: 1_500,
    online: 0.2,
    bands: [
      { p: 0.875, from: 4, to: 31, skew: 1.3 },
      { p: 0.095, from: 32, to: 60 },
      { p: 0.03, from: 61, to: 150 },
    ],
  },
  { caseType: 'beloebsordning', volume: 1_100, bands: [{ p: 0.67, from: 8, to: 31 }, { p: 0.33, from: 32, to: 150, skew: 1.3 }] },
  { caseType: 'positivliste', volume: 600, bands: [{ p: 0.61, from: 10, to: 31 }, { p: 0.39, from: 32, to: 140 }] },
  { caseType: 'landbrug', volume: 350, bands: [{ p: 0.8, from: 6, to: 31 }, { p: 0.2, from: 32, to: 90 }] },
  { caseType: 'loenarbejde', volume: 450, bands: [{ p: 0.63, from: 10, to: 31 }, { p: 0.37, from: 32, to: 120 }] },
  {
    caseType: 'medfoelgende-familie-erhverv',
    volume: 1_200,
    bands: [{ p: 0.66, from: 5, to: 31 }, { p: 0.34, from: 32, to: 160, skew: 1.2 }],
  },
  { caseType: 'studie', volume: 600, season: studySeason, bands: [{ p: 1, from: 3, to: 90, skew: 1.4 }] },
  { caseType: 'phd', volume: 150, season: studySeason, bands: [{ p: 1, from: 3, to: 80 }] },
  { caseType: 'praktikant', volume: 100, season: studySeason, bands: [{ p: 1, from: 10, to: 90 }] },
];

function siri2024Cases(): void {
  const rng = mulberry32(SIRI_2024_SEED);
  const extractedOn = day('2025-01-15');
  const rows: { sortDay: number; serial: number; record: Record<string, unknown> }[] = [];
  for (const spec of SIRI_2024_CASE_TYPES) {
    const calendar = applicationDays(spec, '2023-10-01', '2024-12-31');
    for (let i = 0; i < spec.volume; i++) {
      const applied = drawDay(calendar, rng);
      const decidedDay = applied + drawFrom(rng, spec.bands);
      const online = spec.online !== undefined && rng() < spec.online;
      rows.push({
        sortDay: applied,
        serial: rows.length,
        record: {
          caseType: spec.caseType,
          applied: online ? onlineTimestamp(applied, rng) : iso(applied),
          decided: decidedDay <= extractedOn ? iso(decidedDay) : null,
        },
      });
    }
  }
  // Two deliberately invalid records: an impossible date, a missing application date.
  rows.push(
    { sortDay: day('2024-04-30'), serial: rows.length, record: { caseType: 'fast-track', applied: '2024-04-31', decided: '2024-05-21' } },
    { sortDay: day('2024-03-12'), serial: rows.length + 1, record: { caseType: 'loenarbejde', decided: '2024-03-12' } },
  );
  writeCases('siri-2024-cases.json', 'S24', rows);
}

/** The 2024 centres: the pooled share of weekdays with the next free slot at most 10 days away lands near 80 %. */
const CENTRES_2024: CentreSpec[] = [
  { centre: 'Valby', normal: [1, 10], busy: [11, 20], toBusy: 0.065, toNormal: 0.17 },
  { centre: 'Aarhus', normal: [0, 9], busy: [11, 16], toBusy: 0.05, toNormal: 0.22 },
  { centre: 'Odense', normal: [2, 10], busy: [11, 21], toBusy: 0.07, toNormal: 0.17 },
  { centre: 'Aalborg', normal: [0, 8], busy: [11, 15], toBusy: 0.04, toNormal: 0.25 },
  { centre: 'Esbjerg', normal: [1, 9], busy: [11, 18], toBusy: 0.05, toNormal: 0.22 },
  { centre: 'Sønderborg', normal: [3, 10], busy: [11, 24], toBusy: 0.06, toNormal: 0.16 },
  { centre: 'Bornholm', normal: [4, 10], busy: [12, 30], toBusy: 0.08, toNormal: 0.14 },
];

function siri2024Observations(): void {
  const rng = mulberry32(SIRI_2024_SEED + 2);
  const first = day('2024-01-01');
  const last = day('2024-12-31');
  const values = CENTRES_2024.map((spec) => {
    let busy = false;
    const centreValues: number[] = [];
    for (let d = first; d <= last; d++) {
      busy = busy ? rng() >= spec.toNormal : rng() < spec.toBusy;
      const [low, high] = busy ? spec.busy : spec.normal;
      centreValues.push(intFrom(rng, low, high));
    }
    return centreValues;
  });
  const records: string[] = [];
  for (let d = first; d <= last; d++) {
    CENTRES_2024.forEach((spec, c) => {
      records.push(JSON.stringify({ date: iso(d), centre: spec.centre, daysToNextSlot: values[c]?.[d - first] ?? 0 }));
    });
  }
  writeRecords('siri-2024-observations.json', records, 'observations');
}

siri2024Cases();
siri2024Observations();

// ---------------------------------------------------------------------------------------------
// An agency's own export of SIRI 2023 cases, for examples/csv-report.ts
//
// examples/data/agency-export.csv: every tenth record of siri-2023-cases.json (and three of its
// invalid records), as a Danish case system exports them: semicolon-separated columns
// sagsnr;sagstype;indgivet;afgjort, the agency's case-type codes, `dd-mm-yyyy` dates (online
// applications with the Copenhagen wall-clock time, `dd-mm-yyyy hh:mm`), and an empty `afgjort`
// for a pending case. The invalid rows: an impossible date, a decision before the application, and
// a missing case type. The fourth invalid JSON record (an unknown field) has no column here.
//
// examples/data/case-type-codes.csv: the agency's codes and the library's case types, with a
// `kode;sagstype` header. The code of the supplementary pay-limit scheme (ER-SUP) is left out on
// purpose: the library has no such case type, and an unmapped code is counted as without target.

/** The agency's case-type codes, by the library's case type. */
const AGENCY_CODES: Readonly<Record<string, string>> = {
  'fast-track': 'ER-FT',
  beloebsordning: 'ER-BEL',
  positivliste: 'ER-POS',
  landbrug: 'ER-LAN',
  loenarbejde: 'ER-LON',
  'medfoelgende-familie-erhverv': 'ER-MF',
  'supplerende-beloebsordning': 'ER-SUP',
  studie: 'ST-STU',
  phd: 'ST-PHD',
  praktikant: 'ST-PRA',
  eu: 'EU-OPH',
};
const UNMAPPED_CODES = new Set(['ER-SUP']);

/** `2023-03-01` as `01-03-2023`; a UTC timestamp `…T20:41:00Z` as the Copenhagen wall clock, `dd-mm-yyyy hh:mm`. */
function danish(value: string): string {
  const date = (text: string): string => `${text.slice(8, 10)}-${text.slice(5, 7)}-${text.slice(0, 4)}`;
  if (value.length === 10) return date(value);
  const utcMinutes = Date.parse(value) / 60_000;
  const year = new Date(utcMinutes * 60_000).getUTCFullYear();
  // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
  const summer = utcMinutes >= lastSunday(year, 3) * 1440 + 60 && utcMinutes < lastSunday(year, 10) * 1440 + 60;
  const local = new Date((utcMinutes + (summer ? 120 : 60)) * 60_000).toISOString();
  // Cross-check with the tz database (explicit zone, so the host's TZ plays no part).
  const copenhagen = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
  if (copenhagen.format(new Date(utcMinutes * 60_000)) !== local.slice(0, 10)) throw new Error(`${value} is not on ${local.slice(0, 10)} in Copenhagen`);
  return `${date(local)} ${local.slice(11, 16)}`;
}

function agencyExport(): void {
  const lines = ['sagsnr;sagstype;indgivet;afgjort'];
  rows.forEach((row, index) => {
    const invalid = INVALID.includes(row);
    if (row.extra !== undefined || (index % 10 !== 4 && !invalid)) return;
    const code = row.caseType === undefined ? '' : (AGENCY_CODES[row.caseType] ?? row.caseType);
    const id = `SIRI-${String(index + 1).padStart(5, '0')}`;
    lines.push([id, code, danish(row.applied), row.decided === null ? '' : danish(row.decided)].join(';'));
  });
  const path = `${directory}agency-export.csv`;
  writeFileSync(path, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length - 1} rows to ${path}`);

  const codes = Object.entries(AGENCY_CODES).filter(([, code]) => !UNMAPPED_CODES.has(code));
  const codesPath = `${directory}case-type-codes.csv`;
  writeFileSync(codesPath, `kode;sagstype\n${codes.map(([caseType, code]) => `${code};${caseType}`).join('\n')}\n`);
  console.log(`wrote ${codes.length} case-type codes to ${codesPath}`);
}

agencyExport();

// ---------------------------------------------------------------------------------------------
// examples/data/mixed-export.csv: a SIRI 2023 export as an analyst gets it from the case system,
// first-time applications and extensions mixed, with the agency's own codes for everything:
//
//   Sagsnr;Sagstype;Ansøgningstype;Modtaget;Afgjort;Styringsmål
//
// - UTF-8 with a byte-order mark and CRLF line ends, as Excel saves "CSV UTF-8"; semicolons;
//   Danish dates (dd-mm-yyyy); an empty Afgjort while the case is pending on 2024-01-15.
// - Sagstype: ER-FT (Fast-track), ER-BEL (Beløbsordningen), ST-STU (Studie), EU-OPH (EU) and
//   ER-LON (Lønarbejde, which SIRI 2023 sets no target for).
// - Ansøgningstype: `Første ansøgning`, or `Forlængelse` (an extension) for about a fifth.
// - Styringsmål: `Ja`, or `Nej` where the agency flags a case as without a management target (a few
//   first-time applications of case types with a target).
// - Two extracts pasted one after the other, by application date 2022-11-01–2023-06-30 and
//   2023-06-01–2023-12-15, both taken on 2024-01-15: the cases applied for in June 2023 are in
//   both, as identical rows (the same Sagsnr twice).
//
// examples/data/koder.csv: the codes of the three coded columns (`felt;kode;værdi`), for `--codes`.

/** The codes of the mixed export: field, code, value. */
const MIXED_CODES: readonly (readonly [string, string, string])[] = [
  ['caseType', 'ER-FT', 'fast-track'],
  ['caseType', 'ER-BEL', 'beloebsordning'],
  ['caseType', 'ER-LON', 'loenarbejde'],
  ['caseType', 'ST-STU', 'studie'],
  ['caseType', 'EU-OPH', 'eu'],
  ['applicationKind', 'Første ansøgning', 'first'],
  ['applicationKind', 'Forlængelse', 'extension'],
  ['withoutTarget', 'Nej', 'true'],
  ['withoutTarget', 'Ja', 'false'],
];

/** Case types of the mixed export: code, share of the cases, processing-time mixture. */
const MIXED_TYPES: readonly { code: string; p: number; bands: Band[] }[] = [
  { code: 'ER-FT', p: 0.35, bands: [{ p: 0.85, from: 3, to: 31, skew: 1.3 }, { p: 0.15, from: 32, to: 75 }] },
  { code: 'ER-BEL', p: 0.15, bands: [{ p: 0.55, from: 10, to: 31 }, { p: 0.45, from: 32, to: 120 }] },
  { code: 'ST-STU', p: 0.2, bands: [{ p: 0.9, from: 5, to: 62, skew: 1.5 }, { p: 0.1, from: 63, to: 110 }] },
  { code: 'EU-OPH', p: 0.22, bands: [{ p: 0.72, from: 0, to: 1 }, { p: 0.2, from: 2, to: 31 }, { p: 0.08, from: 32, to: 100 }] },
  { code: 'ER-LON', p: 0.08, bands: [{ p: 1, from: 10, to: 120 }] },
];

function mixedExport(): void {
  const rng = mulberry32(SEED + 3);
  const first = day('2022-11-01');
  const last = day('2023-12-15');
  const cases: { applied: number; cells: string[] }[] = [];
  for (let i = 0; i < 380; i++) {
    let u = rng();
    let type = MIXED_TYPES[MIXED_TYPES.length - 1] as (typeof MIXED_TYPES)[number];
    for (const spec of MIXED_TYPES) {
      u -= spec.p;
      if (u < 0) {
        type = spec;
        break;
      }
    }
    const applied = intFrom(rng, first, last);
    const decided = applied + drawFrom(rng, type.bands);
    const extension = rng() < 0.2;
    const flagged = !extension && type.code !== 'ER-LON' && rng() < 0.05;
    cases.push({
      applied,
      cells: [
        type.code,
        extension ? 'Forlængelse' : 'Første ansøgning',
        danish(iso(applied)),
        decided > extracted ? '' : danish(iso(decided)),
        flagged ? 'Nej' : 'Ja',
      ],
    });
  }
  cases.sort((a, b) => a.applied - b.applied);
  const rowsOf = (from: string, to: string): string[] =>
    cases.flatMap((entry, index) =>
      entry.applied >= day(from) && entry.applied <= day(to) ? [[`SAG-${String(index + 1).padStart(5, '0')}`, ...entry.cells].join(';')] : [],
    );
  const lines = ['Sagsnr;Sagstype;Ansøgningstype;Modtaget;Afgjort;Styringsmål', ...rowsOf('2022-11-01', '2023-06-30'), ...rowsOf('2023-06-01', '2023-12-15')];
  const path = `${directory}mixed-export.csv`;
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  console.log(`wrote ${lines.length - 1} rows (${cases.length} cases) to ${path}`);
  const codesPath = `${directory}koder.csv`;
  writeFileSync(codesPath, `felt;kode;værdi\n${MIXED_CODES.map((row) => row.join(';')).join('\n')}\n`);
  console.log(`wrote ${MIXED_CODES.length} codes to ${codesPath}`);
}

mixedExport();
