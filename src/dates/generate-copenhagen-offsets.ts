/**
 * Writes `src/dates/copenhagen-offsets.ts`, the table of Europe/Copenhagen's UTC offsets
 * 1900–2199 that every Copenhagen date of the library is computed with. Run it with
 * `npm run dates:offsets` after the system's tz database (Debian's `tzdata`) is updated
 * (`-- --stdout` prints the module instead of writing it), and review the difference.
 *
 * The offsets are read from `zdump -v -c 1900,2200 Europe/Copenhagen`: zdump is the tz database's
 * own tool for listing a zone's transitions, and it expands the zone's rule for the years after its
 * last stored transition itself, so the generator needs neither a TZif reader nor a POSIX `TZ`
 * rule evaluator of its own (which would repeat the very rule the table is checked against).
 * The system's tz database must keep Denmark's own history (Debian builds it with the `backzone`
 * data); the upstream default links Europe/Copenhagen to Europe/Berlin, whose history differs
 * before 1970. The generator fails, naming the reason, when zdump or the zone is missing, when a
 * line of zdump's output is not as expected, or when the zone gives Berlin's history.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MAX_YEAR, MIN_YEAR, civilFromDayNumber, dayNumberFromCivil, weekday } from './civil.js';

/** Where the table is written. */
export const COPENHAGEN_OFFSETS_MODULE = fileURLToPath(new URL('copenhagen-offsets.ts', import.meta.url));

/**
 * A zone's UTC offsets over the years 1900–2199: the offset in force on 1900-01-01 and every
 * change after it, as [UTC minute of the change, offset in minutes from then on], ascending.
 *
 * @example
 * ```ts
 * const table: OffsetTable = { initialOffset: 60, changes: [[-28208280, 120], [-28008180, 60]] };
 * table.changes.length; // 2 (summer time 1916)
 * ```
 */
export interface OffsetTable {
  initialOffset: number;
  changes: readonly (readonly [utcMinute: number, offsetMinutes: number])[];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = String.raw`([A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (-?\d{1,6})`;
/** `Zone  Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST isdst=1 gmtoff=7200` */
const ZDUMP_LINE = new RegExp(String.raw`^(\S+) +${TIME} UTC? = ${TIME} (\S+) isdst=([01]) gmtoff=(-?\d+)$`);
/** `Zone  -9223372036854775808 = NULL`: the ends of the time range, which zdump -v always prints. */
const ZDUMP_NULL_LINE = /^(\S+) +-?\d+ = NULL$/;

const SECONDS_PER_DAY = 86_400;

/** Seconds since 1970-01-01T00:00 of a time in zdump's notation, or a reason it is not a time. */
function secondsOf(fields: readonly string[]): number | string {
  const [weekdayName = '', monthName = '', day = '', hours = '', minutes = '', seconds = '', year = ''] = fields;
  const month = MONTHS.indexOf(monthName) + 1;
  if (month === 0) return `"${monthName}" is not a month`;
  const dayNumber = dayNumberFromCivil(Number(year), month, Number(day));
  const civil = civilFromDayNumber(dayNumber);
  if (civil.month !== month || civil.day !== Number(day)) return `${year} ${monthName} ${day} is not a date`;
  if (WEEKDAYS[weekday(dayNumber)] !== weekdayName) return `${year} ${monthName} ${day} is not a ${weekdayName}`;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return `${hours}:${minutes}:${seconds} is not a time of day`;
  return dayNumber * SECONDS_PER_DAY + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/**
 * A zone's offsets over 1900–2199 from the output of `zdump -v -c 1900,2200 <zone>`, which lists
 * every transition as two lines, the last second before it and its first second, each with the UTC
 * time, the local time and the offset (`gmtoff`, seconds). Transitions that change only the
 * abbreviation or the summer-time flag are left out: only the offset matters.
 *
 * @throws {Error} naming the line and the reason when a line is not zdump's, a line is for another
 * zone, local time and offset disagree, the lines do not pair up one second apart, an offset is
 * not whole minutes, or the output holds no transition in 1900–2199 (as for an unknown zone).
 * @example
 * ```ts
 * const text = [
 *   'Europe/Copenhagen  Sun May 14 21:59:59 1916 UT = Sun May 14 22:59:59 1916 CET isdst=0 gmtoff=3600',
 *   'Europe/Copenhagen  Sun May 14 22:00:00 1916 UT = Mon May 15 00:00:00 1916 CEST isdst=1 gmtoff=7200',
 * ].join('\n');
 * offsetTableFromZdump(text, 'Europe/Copenhagen'); // { initialOffset: 60, changes: [[-28208280, 120]] }
 * ```
 */
export function offsetTableFromZdump(text: string, zone: string, source = `zdump -v -c ${MIN_YEAR},${MAX_YEAR + 1} ${zone}`): OffsetTable {
  const rows: { line: number; utc: number; offset: number }[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const where = `${source}, line ${line}`;
    const content = raw.replace(/\r$/, '');
    if (content === '' && index === lines.length - 1) break;
    const nullMatch = ZDUMP_NULL_LINE.exec(content);
    const match = nullMatch === null ? ZDUMP_LINE.exec(content) : null;
    if (nullMatch === null && match === null) throw new Error(`${where}: not a line of zdump -v output: "${content.slice(0, 120)}"`);
    const lineZone = (nullMatch ?? match)?.[1];
    if (lineZone !== zone) throw new Error(`${where}: the zone is "${String(lineZone)}", expected "${zone}"`);
    if (match === null) continue;
    const utc = secondsOf(match.slice(2, 9));
    if (typeof utc === 'string') throw new Error(`${where}: the UTC time: ${utc}`);
    const local = secondsOf(match.slice(9, 16));
    if (typeof local === 'string') throw new Error(`${where}: the local time: ${local}`);
    const offset = Number(match[18]);
    if (local - utc !== offset) throw new Error(`${where}: gmtoff=${offset} does not match the local time, ${local - utc} seconds from UTC`);
    if (offset % 60 !== 0) throw new Error(`${where}: gmtoff=${offset} is not a whole number of minutes`);
    rows.push({ line, utc, offset: offset / 60 });
  }
  if (rows.length === 0) throw new Error(`${source}: no transition in ${MIN_YEAR}–${MAX_YEAR} (is "${zone}" a zone of the tz database?)`);
  if (rows.length % 2 !== 0) throw new Error(`${source}: ${rows.length} lines of transitions, expected two per transition`);
  const changes: (readonly [number, number])[] = [];
  let offset = (rows[0] as { offset: number }).offset;
  let previous = -Infinity;
  for (let index = 0; index < rows.length; index += 2) {
    const before = rows[index] as (typeof rows)[number];
    const after = rows[index + 1] as (typeof rows)[number];
    const where = `${source}, line ${after.line}`;
    if (after.utc !== before.utc + 1) throw new Error(`${where}: not the second after line ${before.line}, so not a transition`);
    if (after.utc % 60 !== 0) throw new Error(`${where}: the transition is not at a whole minute`);
    if (after.utc <= previous) throw new Error(`${where}: the transition is not after the one before it`);
    if (before.offset !== offset) throw new Error(`${source}, line ${before.line}: the offset before the transition, ${before.offset} minutes, is not the one in force, ${offset}`);
    const minute = after.utc / 60;
    const year = civilFromDayNumber(Math.floor(minute / 1440)).year;
    if (year < MIN_YEAR || year > MAX_YEAR) throw new Error(`${where}: the transition is in ${year}, outside ${MIN_YEAR}–${MAX_YEAR}`);
    previous = after.utc;
    if (after.offset === offset) continue;
    offset = after.offset;
    changes.push([minute, offset]);
  }
  return { initialOffset: (rows[0] as { offset: number }).offset, changes };
}

/**
 * Checks that a table is Denmark's: from 1900 to 2199 Copenhagen is at UTC+1 (CET) or, in summer
 * time, UTC+2 (CEST), starting at UTC+1, and its history is not Berlin's (which had UTC+3 in 1945
 * and other dates in the 1940s). The library's reading of wall-clock times relies on the two offsets.
 *
 * @throws {Error} naming the reason when the table is not Denmark's.
 * @example
 * ```ts
 * checkDanishOffsets({ initialOffset: 60, changes: [[-28208280, 120], [-28008180, 60]] }, { initialOffset: 60, changes: [] }); // undefined: no error
 * ```
 */
export function checkDanishOffsets(copenhagen: OffsetTable, berlin: OffsetTable): void {
  if (copenhagen.initialOffset !== 60) throw new Error(`Europe/Copenhagen is at ${copenhagen.initialOffset} minutes from UTC on ${MIN_YEAR}-01-01, expected 60 (CET)`);
  for (const [minute, offset] of copenhagen.changes) {
    if (offset !== 60 && offset !== 120) throw new Error(`Europe/Copenhagen changes to ${offset} minutes from UTC at ${isoMinute(minute)}, expected 60 (CET) or 120 (CEST): is this Berlin's history?`);
  }
  if (JSON.stringify(copenhagen) === JSON.stringify(berlin)) {
    throw new Error("Europe/Copenhagen has the same history as Europe/Berlin: this tz database links the zones; install one built with Denmark's own history (backzone), such as Debian's tzdata");
  }
}

/** A UTC minute as `YYYY-MM-DDTHH:MMZ`. */
function isoMinute(minute: number): string {
  const day = Math.floor(minute / 1440);
  const { year, month, day: dayOfMonth } = civilFromDayNumber(day);
  const rest = minute - day * 1440;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(dayOfMonth)}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}Z`;
}

/** An offset in minutes as `+HH:MM`. */
function isoOffset(offset: number): string {
  const size = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
}

/**
 * The text of `copenhagen-offsets.ts` for a table and the version of the tz database it came from.
 *
 * @example
 * ```ts
 * writeFileSync(COPENHAGEN_OFFSETS_MODULE, renderCopenhagenOffsetsModule(table, 'tz database 2025b (Debian tzdata 2025b-0+deb12u2)'));
 * ```
 */
export function renderCopenhagenOffsetsModule(table: OffsetTable, tzdata: string): string {
  const rows = table.changes.map(([minute, offset]) => `  [${minute}, ${offset}], // ${isoMinute(minute)} ${isoOffset(offset)}`);
  const [firstMinute, firstOffset] = table.changes[0] ?? [0, table.initialOffset];
  return `/**
 * Europe/Copenhagen's UTC offsets ${MIN_YEAR}–${MAX_YEAR}, Denmark's own history from the tz database,
 * tabled so that no Copenhagen date the library computes depends on the runtime's time-zone data.
 *
 * Generated by \`npm run dates:offsets\` (src/dates/generate-copenhagen-offsets.ts) from
 * \`zdump -v -c ${MIN_YEAR},${MAX_YEAR + 1} Europe/Copenhagen\` with ${tzdata}.
 * Do not edit by hand: run the generator again after a tz database update and review the difference.
 * test/copenhagen-offsets.test.ts checks the table against offsets computed by hand and the EU rule.
 */

/**
 * The version of the tz database the table was generated from.
 *
 * @example
 * \`\`\`ts
 * COPENHAGEN_OFFSETS_TZDATA; // ${JSON.stringify(tzdata).replace(/"/g, "'")}
 * \`\`\`
 */
export const COPENHAGEN_OFFSETS_TZDATA = ${JSON.stringify(tzdata).replace(/"/g, "'")};

/**
 * Copenhagen's offset from UTC in minutes on ${MIN_YEAR}-01-01, until the first change of
 * {@link COPENHAGEN_OFFSET_CHANGES}.
 *
 * @example
 * \`\`\`ts
 * COPENHAGEN_OFFSET_${MIN_YEAR}; // ${table.initialOffset} (${isoOffset(table.initialOffset)})
 * \`\`\`
 */
export const COPENHAGEN_OFFSET_${MIN_YEAR} = ${table.initialOffset};

/**
 * Every change of Copenhagen's offset from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31, ascending: the change's
 * instant in minutes since 1970-01-01T00:00Z, and the offset from UTC in minutes from then on.
 *
 * @example
 * \`\`\`ts
 * COPENHAGEN_OFFSET_CHANGES[0]; // [${firstMinute}, ${firstOffset}]: ${isoMinute(firstMinute)}, ${isoOffset(firstOffset)} from then on
 * \`\`\`
 */
export const COPENHAGEN_OFFSET_CHANGES: readonly (readonly [utcMinute: number, offsetMinutes: number])[] = [
${rows.join('\n')}
];
`;
}

/** Runs a command and gives its standard output, or throws naming the command and why it failed. */
function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' }, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${[command, ...args].join(' ')} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The system tz database's version, from its `tzdata.zi` and, on Debian, the tzdata package. */
function tzdataVersion(zoneinfo: string): string {
  const zi = join(zoneinfo, 'tzdata.zi');
  if (!existsSync(zi)) throw new Error(`${zi} is missing: cannot tell the version of the tz database`);
  const version = /^# version (\S+)$/m.exec(readFileSync(zi, 'utf8').slice(0, 200))?.[1];
  if (version === undefined) throw new Error(`${zi}, line 1: no "# version" line, so no version of the tz database`);
  let debian = '';
  try {
    debian = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'tzdata'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a Debian system: the tz database's own version is enough.
  }
  return `tz database ${version}${debian === '' ? '' : ` (Debian tzdata ${debian})`}`;
}

/** Reads the table from the system's tz database and checks it, or throws naming the reason. */
function readSystemTable(): { table: OffsetTable; tzdata: string } {
  const zoneinfo = process.env['TZDIR'] ?? '/usr/share/zoneinfo';
  for (const zone of ['Europe/Copenhagen', 'Europe/Berlin']) {
    if (!existsSync(join(zoneinfo, zone))) throw new Error(`${join(zoneinfo, zone)} is missing: install the tz database (Debian: apt-get install tzdata)`);
  }
  const zdump = (zone: string): OffsetTable => offsetTableFromZdump(run('zdump', ['-v', '-c', `${MIN_YEAR},${MAX_YEAR + 1}`, zone]), zone);
  const table = zdump('Europe/Copenhagen');
  checkDanishOffsets(table, zdump('Europe/Berlin'));
  return { table, tzdata: tzdataVersion(zoneinfo) };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    const { table, tzdata } = readSystemTable();
    const text = renderCopenhagenOffsetsModule(table, tzdata);
    if (process.argv.includes('--stdout')) process.stdout.write(text);
    else {
      // Written next to the table and renamed over it, so the table is never half written.
      const temporary = `${COPENHAGEN_OFFSETS_MODULE}.${process.pid}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, COPENHAGEN_OFFSETS_MODULE);
    }
  } catch (error) {
    process.stderr.write(`generate-copenhagen-offsets: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
