/**
 * Writes examples/data/siri-2023-cases.json: a synthetic, deterministic set of 20,000 first-time
 * case records for the SIRI 2023 plan (`npm run examples:data`).
 *
 * - Applications from 2022-10-01 to 2023-12-31, fewer at weekends, study cases peaking in summer.
 * - Processing times drawn per case type from mixtures tuned so that some 2023 targets end just
 *   above and some just below their required shares.
 * - Case types without a 2023 target (lønarbejde, praktikant, and a code the catalogue does not
 *   know) so that "without target" is not empty.
 * - The data is extracted on 2024-01-15: cases decided later have `decided: null`.
 * - Four deliberately invalid records, to show that none is dropped silently.
 *
 * The numbers come from a seeded PRNG (mulberry32) and integer day arithmetic only: no
 * `Math.random`, no current date, no dependence on the host's time zone. Running it twice gives
 * byte-identical files. The data is invented; it does not describe SIRI's real case processing.
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

/** A whole number in [min, max]. */
function int(min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

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
// Case types, volumes and processing times

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

/** Draws a processing time in days from a mixture. */
function processingDays(bands: Band[]): number {
  const u = random();
  let cumulative = 0;
  for (const band of bands) {
    cumulative += band.p;
    if (u < cumulative) return band.from + Math.floor((band.to - band.from + 1) * random() ** (band.skew ?? 1));
  }
  const last = bands[bands.length - 1] as Band;
  return last.to;
}

/** Draws an application day: weekdays weigh 1, weekends 0.15, times the case type's season. */
function applicationDays(spec: CaseTypeSpec): { days: number[]; cumulative: number[] } {
  const days: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let d = day(spec.from ?? FIRST_APPLICATION); d <= day(LAST_APPLICATION); d++) {
    const wd = weekday(d);
    total += (wd === 0 || wd === 6 ? 0.15 : 1) * (spec.season?.(month(d)) ?? 1);
    days.push(d);
    cumulative.push(total);
  }
  return { days, cumulative };
}

function drawDay({ days, cumulative }: { days: number[]; cumulative: number[] }): number {
  const target = random() * (cumulative[cumulative.length - 1] ?? 0);
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
 * `civilDay` (DOMAIN.md convention 1). Local times 01:00–06:59 are not used, so the hour of the
 * summer-time switch never comes up.
 */
function onlineTimestamp(civilDay: number): string {
  const local = random() < 0.15 ? int(0, 59) : int(7 * 60, 23 * 60 + 59);
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
// Generation

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
    const decidedDay = applied + processingDays(spec.bands);
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
const file = `${directory}siri-2023-cases.json`;
writeFileSync(file, `[\n${lines.join(',\n')}\n]\n`);
console.log(`wrote ${lines.length} case records to ${file}`);
