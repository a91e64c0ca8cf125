/**
 * Speed benchmark (`npm run bench`, or `tsx bench/speed.ts [options]` after `npm run build`).
 *
 * For each size (`--rows`, default 1,000,000 and 5,000,000) it writes a deterministic CSV of SIRI
 * 2023 case records (bench/data.ts, shape `SPEED_FILE`: `case_id,case_type,applied,decided`, ISO
 * dates, no invalid rows) and times, `--repeat` times (default 3; medians are reported):
 *
 * (a) `evaluatePlan(getPlan('siri-2023'), records, { period: '2023' })` from dist/index.js on the
 *     same cases held in memory as `{ id, caseType, applied, decided }` records (built before timing,
 *     after one untimed warm-up pass over all of them with each plan; skipped for a size whose records
 *     would take more than half of the heap);
 * (b) the command line, `node dist/cli.js evaluate --plan siri-2023 --period 2023 --format json
 *     --out <tmp> --map id=case_id,caseType=case_type,applicationKind=application_kind <csv>`, as a child process: wall time of the
 *     whole process, start-up included, and its peak RSS (bench/child.ts);
 * (c) both again with a plan whose limits are in working days: SIRI 2023's case targets with every
 *     tier limit `{ amount: N, unit: 'workingDays' }` (same N), built with `definePlan` and given to
 *     the command line as a plan JSON file;
 * (e) DuckDB (`@duckdb/node-api`, in this process, default threads) running the equivalent SQL over
 *     the CSV, generated from the plan's case targets: the query alone, and opening the database,
 *     query and closing together.
 * (b) and (e) run once untimed first, and their timed repeats are interleaved.
 *
 * Then, at the largest size only, the memory check on hostile files (g): the same cases written two
 * more ways (bench/data.ts), `HALF_INVALID_FILE` (every even row invalid: an application date that
 * is not a calendar date, decided before applied, or two extra cells, in turn) and `QUOTED_FILE`
 * (every cell in double quotes, so the command line reads it with csv-parse), each given to the
 * command line of (b) once with `--threads 1` and once with `--threads 2`: wall time and peak RSS.
 * The expected counts are those of `evaluatePlan` on the same records made one at a time.
 *
 * The SQL paths (h), at each size of `--rows` and of `--sql-rows` (a size of `--sql-rows` alone, such
 * as 50,000,000, runs the SQL paths and the command line's CSV path once, for its counts): the
 * command line of (b) with `--engine duckdb` on the CSV file and on the same cases written as
 * Parquet by DuckDB (the conversion is not timed), `--repeat` times each, interleaved; and, when
 * `SERVICEMAAL_BENCH_POSTGRES` holds a libpq URL, at `--postgres-rows` (default 5,000,000; a size
 * that is run), `--database <url> --table <t> --order nr` on the cases loaded with COPY (psql's
 * `\copy`; `$PSQL` or the psql on the PATH). Wall time of the whole process, and its peak RSS (for
 * PostgreSQL the client's: the server's memory is its own). Their counts must equal those of the
 * command line's CSV path on the same file. `--skip-sql` leaves them out.
 *
 * Once, on a sample of the same cases (`--naive-rows`, default 20,000; `--naive-working-rows`,
 * default 2,000):
 *
 * (d) the naive approach: per case date-fns `parseISO` and `differenceInCalendarDays`; for working
 *     days, a walk over every day after the application up to and including the decision, counting
 *     the days that are not Saturday or Sunday and not a public holiday (date-holidays `DK`).
 *
 * Checks. Identity (always; any failure exits with 1): the counts (input, measured, pending,
 * outOfPeriod, withoutTarget, invalid; cases without a target by case type; per target measured,
 * pending, and per tier measured and within) are the same for (a), (b) and (e), and in every
 * repeat; (c) in memory equals (c) on the command line; (d) equals `evaluatePlan` on its sample;
 * for each run of (g), input is the number of rows, invalid exactly the invalid rows written, the
 * five buckets add up to input, all counts equal `evaluatePlan` on the same records, and the quoted
 * file's counts equal those of the plain file in (b); the exit code is 2 with invalid rows, else 0.
 * Thresholds (printed as PASS/FAIL; they decide the exit code only with `--check`): the command line
 * at the largest size at most as slow as DuckDB's query; `evaluatePlan` at least 10,000,000 cases/s
 * at 1,000,000 rows; working-day limits at most 1.25 × the time of calendar-day limits (in memory
 * and on the command line); the naive working-day count at least 1,000 × slower per case than
 * `evaluatePlan`; the command line's peak RSS at the largest size below 300 MB; and the same for each
 * run of (g), half invalid and quoted, `--threads 1` and `--threads 2`.
 *
 * Start-up, first (f): `node dist/cli.js plans` (list the bundled plans) and `node -e 0` (Node.js
 * starting and doing nothing) as child processes, `--startup-repeat` times each (default 15),
 * interleaved, after one untimed run of each; the ratio of their median wall times is required to
 * be at most 1.5: the command line loads only what a command needs.
 *
 * A threshold whose path was not measured (`--skip-duckdb`, `--skip-hostile`, or no size in memory)
 * shows `n/a` and fails nothing. Peak RSS is the highest of the repeats.
 *
 * Options: `--rows N[,N…]` (repeatable), `--sql-rows N[,N…]`, `--postgres-rows N`, `--skip-sql`, `--repeat N`, `--keep` (keep the temporary folder with the
 * CSV files, the working-day plan file, the SQL and the last report), `--skip-duckdb`, `--check`,
 * `--naive-rows N`, `--naive-working-rows N`, `--startup-repeat N`, `--startup-only` (measure the
 * start-up alone, and check only its threshold), `--skip-hostile` (leave out (g)). The files of (g)
 * are deleted as soon as they have been read, unless `--keep`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addDays, differenceInCalendarDays, format, isAfter, isWeekend, parseISO } from 'date-fns';
import Holidays from 'date-holidays';
import type * as Library from '../src/index.js';
import type { PlanReport, ServicePlan, ServiceTarget } from '../src/index.js';
import { CLI, ROOT, measure, writeWrapper, type Run } from './child.js';
import { dropPostgres, loadPostgres, writeParquet } from './sql.js';
import { HALF_INVALID_FILE, QUOTED_FILE, SPEED_FILE, caseRecords, caseRecordsOneByOne, writeCases, type BenchCase, type CaseFileShape } from './data.js';

type Lib = typeof Library;

const PERIOD = { label: '2023', from: '2023-01-01', to: '2023-12-31' } as const;
const PLAN_ID = 'siri-2023';
const MAP = 'id=case_id,caseType=case_type,applicationKind=application_kind';

/** The speed and memory requirements the benchmark checks. */
const REQUIRED = {
  cliOverDuckdb: 1.0,
  evaluateCasesPerSecond: 10_000_000,
  workingOverCalendar: 1.25,
  naiveOverLibrary: 1000,
  cliPeakBytes: 300_000_000,
  hostilePeakBytes: 300_000_000,
  startupOverNode: 1.5,
} as const;

// ---------------------------------------------------------------------------------------------
// Formatting

const grouped = (count: number): string => String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
const secs = (seconds: number): string => (seconds < 0.1 ? seconds.toFixed(4) : seconds < 10 ? seconds.toFixed(3) : seconds.toFixed(2));
const ratio = (value: number): string => (value >= 100 ? grouped(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
/** The highest of a list (a loop: a long list spread into `Math.max` would overflow the stack). */
const highest = (values: readonly number[]): number => values.reduce((high, value) => (value > high ? value : high), Number.NEGATIVE_INFINITY);
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** A garbage collection between timed runs (the flag is set at run time, so no Node option is needed). */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------
// The counts that must agree between the paths

type Counts = Library.Counts;

interface Summary {
  counts: Counts;
  /** Cases without a target by case type (sorted by case type). */
  withoutTarget: Record<string, number>;
  targets: { id: string; measured: number; pending: number; tiers: { limit: string; measured: number; within: number }[] }[];
}

const sortedRecord = (record: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const limitText = (limit: { amount: number; unit: string }): string => `${limit.amount} ${limit.unit}`;

/** The counts of a report (of the library or of the command line's JSON) for the case targets. */
function summaryOfReport(report: PlanReport): Summary {
  const { input, measured, pending, outOfPeriod, withoutTarget, invalid } = report.counts;
  return {
    counts: { input, measured, pending, outOfPeriod, withoutTarget, invalid },
    withoutTarget: sortedRecord(report.withoutTarget),
    targets: report.targets
      .filter((target) => target.input === 'cases')
      .map((target) => ({
        id: target.id,
        measured: target.measured,
        pending: target.pending,
        tiers: target.tiers.map((tier) => {
          if (tier.kind !== 'share') throw new Error(`target "${target.id}" has a mean tier: the benchmark compares share tiers only`);
          return { limit: limitText(tier.limit), measured: tier.measured, within: tier.within };
        }),
      })),
  };
}

/** A summary keyed by target id and tier limit, so that differences name them. */
const keyed = (summary: Summary): unknown => ({
  ...summary,
  targets: Object.fromEntries(
    summary.targets.map((target) => [target.id, { ...target, tiers: Object.fromEntries(target.tiers.map((tier) => [tier.limit, tier])) }]),
  ),
});

/** Where two values differ, as `path: a ≠ b` lines. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) =>
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`),
    );
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

// ---------------------------------------------------------------------------------------------
// The plans

/** A case target the SQL and the naive code can reproduce: clock applied → decided, share tiers. */
interface SimpleTarget {
  id: string;
  caseTypes: string[];
  /** The application kinds the target's scope keeps (`where: { applicationKind }`), or `null`: every case. */
  kinds: string[] | null;
  limits: { amount: number; unit: string }[];
}

/** The application kinds a target's scope keeps, or `null` when it has no scope; throws for any other scope. */
function kindsOf(target: ServiceTarget): string[] | null {
  if (target.where.length === 0) return null;
  const [condition, ...others] = target.where;
  if (condition === undefined || others.length > 0 || condition.attribute !== 'applicationKind' || condition.op !== 'oneOf') {
    throw new Error(`the scope of target "${target.id}" is beyond what the benchmark's SQL and naive code reproduce`);
  }
  return [...condition.values];
}

function simpleTargets(plan: ServicePlan): SimpleTarget[] {
  return plan.targets
    .filter((target) => target.input === 'cases')
    .map((target) => {
      const simple =
        target.areas.length === 0 &&
        target.clock.start === 'applied' &&
        target.clock.stop === 'decided' &&
        target.aggregate === 'share' &&
        target.period === null &&
        !target.subtractPauses &&
        target.effective.from === null &&
        target.effective.until === null &&
        target.tiers.every((tier) => tier.limit.unit === 'days' || tier.limit.unit === 'workingDays');
      if (!simple) throw new Error(`target "${target.id}" of plan "${plan.id}" is beyond what the benchmark's SQL and naive code reproduce`);
      return { id: target.id, caseTypes: target.caseTypes, kinds: kindsOf(target), limits: target.tiers.map((tier) => tier.limit) };
    })
    .map((target, _, all) => {
      // The SQL counts per case type: each case type must have one target at most.
      if (target.caseTypes.some((caseType) => all.some((other) => other !== target && other.caseTypes.includes(caseType)))) {
        throw new Error(`target "${target.id}" of plan "${plan.id}" shares a case type with another target: beyond the benchmark's SQL`);
      }
      return target;
    });
}

/** SIRI 2023's case targets with every limit in working days (same amounts); groups kept where all their targets are. */
function workingDayPlan(lib: Lib, base: ServicePlan): ServicePlan {
  const targets: ServiceTarget[] = base.targets
    .filter((target) => target.input === 'cases')
    .map((target) => ({
      ...target,
      tiers: target.tiers.map((tier) => ({ ...tier, limit: { amount: tier.limit.amount, unit: 'workingDays' as const }, label: null })),
    }));
  const kept = new Set(targets.map((target) => target.id));
  const groups = base.groups.filter((group) => group.targets.every((id) => kept.has(id)));
  const groupIds = new Set(groups.map((group) => group.id));
  return lib.definePlan({
    ...base,
    id: `${base.id}-working-days`,
    title: `${base.title} (limits in working days)`,
    targets,
    groups,
    notEvaluable: base.notEvaluable.filter((entry) => entry.group === null || groupIds.has(entry.group)),
    // A cut-down plan of the case targets: it lists no requirements, so it states no whole-plan total.
    requirements: [],
    totalWeight: null,
    notes: ['The case targets of the plan with every limit in working days (same amounts), for the speed benchmark.'],
  });
}

// ---------------------------------------------------------------------------------------------
// (a), (c): evaluatePlan in memory

interface Timed {
  seconds: number[];
  summaries: Summary[];
}

const emptyTimed = (): Timed => ({ seconds: [], summaries: [] });

function timeEvaluate(lib: Lib, plan: ServicePlan, records: readonly BenchCase[], into: Timed): void {
  collect();
  const started = performance.now();
  const report = lib.evaluatePlan(plan, records, { period: PERIOD.label });
  into.seconds.push((performance.now() - started) / 1000);
  into.summaries.push(summaryOfReport(report));
}

// ---------------------------------------------------------------------------------------------
// (b), (c): the command line

interface CliTimed extends Timed {
  peakKb: number[];
  method: string;
}

async function timeCli(wrapper: string, plan: string, csv: string, out: string, into: CliTimed, extra: readonly string[] = [], expectedCode = 0): Promise<void> {
  rmSync(out, { force: true });
  const run: Run = await measure(wrapper, ['evaluate', '--plan', plan, '--period', PERIOD.label, '--format', 'json', '--out', out, '--map', MAP, ...extra, csv]);
  if (run.code !== expectedCode) throw new Error(`the command line exited with ${run.code} (expected ${expectedCode}) on ${csv}:\n${run.stderr.slice(-4000)}`);
  into.seconds.push(run.seconds);
  into.peakKb.push(run.peakKb);
  into.method = run.method;
  into.summaries.push(summaryOfReport(JSON.parse(readFileSync(out, 'utf8')) as PlanReport));
}

/** Times one run of the command line with any arguments (the SQL paths), reading the report of `--out`. */
async function timeRun(wrapper: string, args: readonly string[], out: string, into: CliTimed): Promise<void> {
  rmSync(out, { force: true });
  const run: Run = await measure(wrapper, ['evaluate', '--plan', PLAN_ID, '--period', PERIOD.label, '--format', 'json', '--out', out, '--map', MAP, ...args]);
  if (run.code !== 0) throw new Error(`the command line exited with ${String(run.code)} on ${args.join(' ')}:\n${run.stderr.slice(-4000)}`);
  into.seconds.push(run.seconds);
  into.peakKb.push(run.peakKb);
  into.method = run.method;
  into.summaries.push(summaryOfReport(JSON.parse(readFileSync(out, 'utf8')) as PlanReport));
}

// ---------------------------------------------------------------------------------------------
// (d): the naive approach

/**
 * The counts of the case targets, computed case by case with date-fns (and date-holidays for
 * working days): the reference the library must agree with on the sample.
 */
function naiveSummary(records: readonly BenchCase[], targets: readonly SimpleTarget[], unit: 'days' | 'workingDays'): Summary {
  // Public holidays only, as the library's default calendar. (date-holidays' default also reports
  // observances such as 24 December, 1 May and Constitution Day, 5 June, which are working days.)
  const holidays = new Holidays('DK', { types: ['public'] });
  const workingDays = (applied: Date, decided: Date): number => {
    let count = 0;
    for (let day = addDays(applied, 1); !isAfter(day, decided); day = addDays(day, 1)) {
      // The date as text: date-holidays reads a Date in Copenhagen time, which may be another day than the host's.
      if (!isWeekend(day) && holidays.isHoliday(format(day, 'yyyy-MM-dd')) === false) count++;
    }
    return count;
  };
  const start = parseISO(PERIOD.from).getTime();
  const end = parseISO(PERIOD.to).getTime();
  const counts: Counts = { input: 0, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 };
  const withoutTarget: Record<string, number> = {};
  const state = targets.map((target) => ({ id: target.id, measured: 0, pending: 0, within: target.limits.map(() => 0) }));
  const byType = new Map<string, number[]>();
  targets.forEach((target, index) => {
    for (const caseType of target.caseTypes) byType.set(caseType, [...(byType.get(caseType) ?? []), index]);
  });
  const seen = new Set<string>();
  for (const record of records) {
    counts.input++;
    if (seen.has(record.id)) {
      counts.invalid++;
      continue;
    }
    seen.add(record.id);
    const kind = record.attributes?.applicationKind;
    // A record without an application kind is taken as inside every scope, as the library's default.
    const covering = byType.get(record.caseType)?.filter((index) => {
      const kinds = targets[index]?.kinds ?? null;
      return kinds === null || kind === undefined || kinds.includes(kind);
    });
    if (covering === undefined || covering.length === 0) {
      counts.withoutTarget++;
      withoutTarget[record.caseType] = (withoutTarget[record.caseType] ?? 0) + 1;
      continue;
    }
    const applied = parseISO(record.applied);
    const decided = record.decided === null ? null : parseISO(record.decided);
    if (decided !== null && decided.getTime() >= start && decided.getTime() <= end) {
      counts.measured++;
      const elapsed = unit === 'days' ? differenceInCalendarDays(decided, applied) : workingDays(applied, decided);
      for (const index of covering) {
        const target = state[index];
        const limits = targets[index]?.limits ?? [];
        if (target === undefined) continue;
        target.measured++;
        limits.forEach((limit, tier) => {
          if (elapsed <= limit.amount) target.within[tier] = (target.within[tier] ?? 0) + 1;
        });
      }
    } else if (applied.getTime() <= end && (decided === null || decided.getTime() > end)) {
      counts.pending++;
      for (const index of covering) {
        const target = state[index];
        if (target !== undefined) target.pending++;
      }
    } else {
      counts.outOfPeriod++;
    }
  }
  return {
    counts,
    withoutTarget: sortedRecord(withoutTarget),
    targets: state.map((target, index) => ({
      id: target.id,
      measured: target.measured,
      pending: target.pending,
      tiers: (targets[index]?.limits ?? []).map((limit, tier) => ({ limit: limitText(limit), measured: target.measured, within: target.within[tier] ?? 0 })),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// (e): DuckDB

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The SQL equivalent of evaluating the calendar-day case targets over the CSV, per case type: the
 * first row of each case id counts (a later row with the same id is a duplicate, counted as
 * invalid), and a case of a covered type outside its target's scope (its application kind) is
 * without target, as the library counts them.
 */
function duckdbSql(csv: string, targets: readonly SimpleTarget[]): { sql: string; limits: number[] } {
  const limits = [...new Set(targets.flatMap((target) => target.limits.map((limit) => limit.amount)))].sort((a, b) => a - b);
  const covered = targets
    .map((target) => {
      const types = `case_type IN (${[...target.caseTypes].sort().map(sqlString).join(', ')})`;
      return target.kinds === null ? `(${types})` : `(${types} AND application_kind IN (${target.kinds.map(sqlString).join(', ')}))`;
    })
    .join('\n      OR ');
  const from = `DATE '${PERIOD.from}'`;
  const to = `DATE '${PERIOD.to}'`;
  const pending = `applied <= ${to} AND (decided IS NULL OR decided > ${to})`;
  const sql = `WITH numbered AS (
  SELECT *, row_number() OVER () AS position
  FROM read_csv(${sqlString(csv)}, header = true, delim = ',', quote = '"',
    columns = {'case_id': 'VARCHAR', 'case_type': 'VARCHAR', 'applied': 'DATE', 'decided': 'DATE', 'application_kind': 'VARCHAR'})
),
cases AS (
  SELECT
    case_type,
    applied,
    decided,
    row_number() OVER (PARTITION BY case_id ORDER BY position) = 1 AS first_of_id,
    (${covered}) AS has_target,
    coalesce(decided BETWEEN ${from} AND ${to}, false) AS in_period
  FROM numbered
)
SELECT
  case_type,
  count(*) AS input,
  count(*) FILTER (WHERE NOT first_of_id) AS duplicate,
  count(*) FILTER (WHERE first_of_id AND NOT has_target) AS without_target,
  count(*) FILTER (WHERE first_of_id AND has_target AND in_period) AS measured,
  count(*) FILTER (WHERE first_of_id AND has_target AND NOT in_period AND ${pending}) AS pending,
  count(*) FILTER (WHERE first_of_id AND has_target AND NOT in_period AND NOT (${pending})) AS out_of_period,
${limits.map((limit) => `  count(*) FILTER (WHERE first_of_id AND has_target AND in_period AND decided - applied <= ${limit}) AS within_${limit}`).join(',\n')}
FROM cases
GROUP BY case_type
ORDER BY case_type`;
  return { sql, limits };
}

function summaryOfDuckdb(rows: Record<string, unknown>[], targets: readonly SimpleTarget[]): Summary {
  const number = (row: Record<string, unknown>, column: string): number => {
    const value = row[column];
    if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
    throw new Error(`DuckDB returned ${String(value)} for ${column}`);
  };
  const byType = new Map<string, Record<string, unknown>>();
  for (const row of rows) byType.set(String(row['case_type']), row);
  const sum = (column: string, caseTypes?: readonly string[]): number => {
    const selected = caseTypes === undefined ? rows : caseTypes.map((caseType) => byType.get(caseType)).filter((row) => row !== undefined);
    return selected.reduce<number>((total, row) => total + number(row, column), 0);
  };
  const withoutTarget: Record<string, number> = {};
  for (const row of rows) if (number(row, 'without_target') > 0) withoutTarget[String(row['case_type'])] = number(row, 'without_target');
  return {
    counts: {
      input: sum('input'),
      measured: sum('measured'),
      pending: sum('pending'),
      outOfPeriod: sum('out_of_period'),
      withoutTarget: sum('without_target'),
      invalid: sum('duplicate'),
    },
    withoutTarget: sortedRecord(withoutTarget),
    targets: targets.map((target) => ({
      id: target.id,
      measured: sum('measured', target.caseTypes),
      pending: sum('pending', target.caseTypes),
      tiers: target.limits.map((limit) => ({ limit: limitText(limit), measured: sum('measured', target.caseTypes), within: sum(`within_${limit.amount}`, target.caseTypes) })),
    })),
  };
}

interface DuckdbTimed extends Timed {
  total: number[];
  version: string;
  threads: string;
}

/** DuckDB's version and its number of threads (the default: one per core). */
async function duckdbInfo(): Promise<{ version: string; threads: string }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const [row] = (await connection.runAndReadAll("SELECT version() AS version, current_setting('threads') AS threads")).getRowObjectsJS();
  connection.closeSync();
  instance.closeSync();
  return { version: scalarText(row?.['version']), threads: scalarText(row?.['threads']) };
}

/** A value DuckDB returned as text: scalars as they are, lists and structs as JSON. */
function scalarText(value: unknown): string {
  return value === null || typeof value !== 'object' ? String(value) : JSON.stringify(value);
}

async function timeDuckdb(sql: string, targets: readonly SimpleTarget[], into: DuckdbTimed): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  collect();
  const opened = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS();
  const finished = performance.now();
  connection.closeSync();
  instance.closeSync();
  const closed = performance.now();
  into.seconds.push((finished - started) / 1000);
  into.total.push((closed - opened) / 1000);
  into.summaries.push(summaryOfDuckdb(rows, targets));
}

// ---------------------------------------------------------------------------------------------
// The run

/** A problem with the options or the set-up, reported without a stack trace. */
class UsageError extends Error {}

interface Options {
  rows: number[];
  repeat: number;
  keep: boolean;
  skipDuckdb: boolean;
  check: boolean;
  naiveRows: number;
  naiveWorkingRows: number;
  startupRepeat: number;
  startupOnly: boolean;
  skipHostile: boolean;
  sqlRows: number[];
  postgresRows: number;
  skipSql: boolean;
}

function parseOptions() {
  return parseArgs({
    options: {
      rows: { type: 'string', multiple: true },
      repeat: { type: 'string' },
      keep: { type: 'boolean' },
      'skip-duckdb': { type: 'boolean' },
      check: { type: 'boolean' },
      'naive-rows': { type: 'string' },
      'naive-working-rows': { type: 'string' },
      'startup-repeat': { type: 'string' },
      'startup-only': { type: 'boolean' },
      'skip-hostile': { type: 'boolean' },
      'sql-rows': { type: 'string', multiple: true },
      'postgres-rows': { type: 'string' },
      'skip-sql': { type: 'boolean' },
    },
  });
}

function options(): Options {
  const parse = (): ReturnType<typeof parseOptions> => {
    try {
      return parseOptions();
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  };
  const { values } = parse();
  const whole = (text: string, option: string): number => {
    const value = Number(text.trim().replaceAll('_', ''));
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a positive whole number, not "${text}"`);
    return value;
  };
  const rows = (values.rows ?? ['1000000,5000000']).flatMap((list) => list.split(',')).map((text) => whole(text, '--rows'));
  return {
    rows: [...new Set(rows)].sort((a, b) => a - b),
    repeat: whole(values.repeat ?? '3', '--repeat'),
    keep: values.keep === true,
    skipDuckdb: values['skip-duckdb'] === true,
    check: values.check === true,
    naiveRows: whole(values['naive-rows'] ?? '20000', '--naive-rows'),
    naiveWorkingRows: whole(values['naive-working-rows'] ?? '2000', '--naive-working-rows'),
    startupRepeat: whole(values['startup-repeat'] ?? '15', '--startup-repeat'),
    startupOnly: values['startup-only'] === true,
    skipHostile: values['skip-hostile'] === true,
    sqlRows: [...new Set((values['sql-rows'] ?? []).flatMap((list) => list.split(',')).map((text) => whole(text, '--sql-rows')))],
    postgresRows: whole(values['postgres-rows'] ?? '5000000', '--postgres-rows'),
    skipSql: values['skip-sql'] === true,
  };
}

interface SizeResult {
  rows: number;
  fileBytes: number;
  /** `null` when the records did not fit in memory comfortably. */
  memory: { calendar: Timed; working: Timed } | null;
  cli: { calendar: CliTimed; working: CliTimed };
  duckdb: DuckdbTimed | null;
}

/** The SQL paths at one size: the command line with DuckDB on CSV and Parquet, and on PostgreSQL. */
interface SqlSize {
  rows: number;
  /** Seconds DuckDB took to write the Parquet file (not part of any timing). */
  parquetSeconds: number;
  csv: CliTimed;
  parquet: CliTimed;
  /** `null` when PostgreSQL was not run at this size. */
  postgres: { loadSeconds: number; cli: CliTimed } | null;
}

/** One of the files of the memory check at the largest size: half the rows invalid, or every cell quoted. */
interface HostileFile {
  label: string;
  shape: CaseFileShape;
  rows: number;
  fileBytes: number;
  /** Invalid rows the generator wrote. */
  invalid: number;
  /** One run of the command line with `--threads 1` and one with `--threads 2`. */
  threads: { threads: 1 | 2; cli: CliTimed }[];
}

/** The files of the memory check: the cases of the speed file, half of the rows made invalid, or every cell quoted. */
const HOSTILE: readonly { label: string; name: string; shape: CaseFileShape }[] = [
  { label: 'half invalid', name: 'half-invalid', shape: HALF_INVALID_FILE },
  { label: 'quoted', name: 'quoted', shape: QUOTED_FILE },
];

interface NaiveResult {
  rows: number;
  seconds: number;
  library: Summary;
  naive: Summary;
}

/** Whether `rows` records fit comfortably in this process's heap (about 250 bytes each, at most half the heap). */
function fitsInMemory(rows: number): boolean {
  return rows * 250 < getHeapStatistics().heap_size_limit / 2;
}

function printTimes(label: string, rows: number, seconds: readonly number[], extra = ''): void {
  console.log(`  ${label.padEnd(34)} ${seconds.map((value) => `${secs(value)} s`).join(', ')} → median ${secs(median(seconds))} s, ${grouped(rows / median(seconds))} cases/s${extra}`);
}

/** Wall times of the command line listing the plans and of Node.js doing nothing, in seconds. */
interface Startup {
  cli: number[];
  node: number[];
}

/** Times `node dist/cli.js plans` and `node -e 0`, interleaved, after one untimed run of each. */
function timeStartup(repeat: number): Startup {
  const once = (args: string[]): number => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(result.status)}: ${String(result.stderr)}`);
    return seconds;
  };
  const cliArgs = [CLI, 'plans'];
  const nodeArgs = ['-e', '0'];
  once(cliArgs);
  once(nodeArgs);
  const times: Startup = { cli: [], node: [] };
  for (let i = 0; i < repeat; i++) {
    times.cli.push(once(cliArgs));
    times.node.push(once(nodeArgs));
  }
  return times;
}

/** The start-up threshold: the command line listing the plans at most 1.5 × the time of `node -e 0`. */
function startupCheck(startup: Startup): { label: string; value: number; shown: string; required: string; pass: boolean } {
  const value = median(startup.cli) / median(startup.node);
  return {
    label: 'CLI start-up (servicemaal plans) / node -e 0',
    value,
    shown: ratio(value),
    required: `≤ ${REQUIRED.startupOverNode}`,
    pass: value <= REQUIRED.startupOverNode,
  };
}

function printStartup(startup: Startup): void {
  const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
  console.log(`start-up, ${startup.cli.length} runs each, interleaved:`);
  console.log(`  servicemaal plans                  median ${ms(median(startup.cli))} (${startup.cli.map(ms).join(', ')})`);
  console.log(`  node -e 0                          median ${ms(median(startup.node))} (${startup.node.map(ms).join(', ')})`);
}

async function run(): Promise<number> {
  const opts = options();
  for (const file of [CLI, join(ROOT, 'dist', 'index.js')]) {
    if (!existsSync(file)) throw new UsageError(`${file} is missing: run npm run build first (npm run bench does)`);
  }
  const lib = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Lib;
  const calendarPlan = lib.getPlan(PLAN_ID);
  const workingPlan = workingDayPlan(lib, calendarPlan);
  const calendarTargets = simpleTargets(calendarPlan);
  const workingTargets = simpleTargets(workingPlan);
  const failures: string[] = [];
  const identical = (what: string, a: Summary, b: Summary): void => {
    const found = differences(keyed(a), keyed(b));
    if (found.length > 0) failures.push(`${what} differ:\n    ${found.slice(0, 20).join('\n    ')}${found.length > 20 ? `\n    … ${found.length - 20} more` : ''}`);
  };
  const sameInEveryRepeat = (what: string, timed: Timed): void => {
    timed.summaries.slice(1).forEach((summary, index) => {
      identical(`${what}: repeat ${index + 2} and repeat 1`, summary, timed.summaries[0] as Summary);
    });
  };

  const cpu = cpus();
  console.log(
    `servicemaal speed benchmark: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${platform()} ${release()}, Node ${process.version}; ` +
      `rows ${opts.rows.map(grouped).join(', ')}; repeat ${opts.repeat}`,
  );

  // (f) Start-up, before the large files load the machine.
  const startup = timeStartup(opts.startupRepeat);
  printStartup(startup);
  if (opts.startupOnly) {
    const check = startupCheck(startup);
    console.log(`\nRequired\n  ${check.pass ? 'PASS' : 'FAIL'}  ${check.label}  ${check.shown}  (required ${check.required})`);
    if (opts.check && !check.pass) console.error(`FAIL: threshold not met: ${check.label} is ${check.shown}, required ${check.required}`);
    return opts.check && !check.pass ? 1 : 0;
  }

  const dir = mkdtempSync(join(tmpdir(), 'servicemaal-speed-'));
  try {
    const wrapper = writeWrapper(dir);
    const workingPlanFile = join(dir, 'siri-2023-working-days.json');
    writeFileSync(workingPlanFile, `${JSON.stringify(workingPlan, null, 2)}\n`);
    const out = join(dir, 'report.json');

    // (d) The naive approach, on samples (the first cases of the same data).
    const naive: { calendar: NaiveResult; working: NaiveResult } = {
      calendar: naiveRun(lib, calendarPlan, calendarTargets, 'days', opts.naiveRows),
      working: naiveRun(lib, workingPlan, workingTargets, 'workingDays', opts.naiveWorkingRows),
    };
    console.log('naive (date-fns, date-holidays), once on a sample:');
    printTimes('calendar days', naive.calendar.rows, [naive.calendar.seconds]);
    printTimes('working days', naive.working.rows, [naive.working.seconds]);
    identical(`naive calendar days and evaluatePlan on the same ${grouped(naive.calendar.rows)} cases`, naive.calendar.naive, naive.calendar.library);
    identical(`naive working days and evaluatePlan on the same ${grouped(naive.working.rows)} cases`, naive.working.naive, naive.working.library);

    const sizes: SizeResult[] = [];
    let warmedUp = false;
    for (const rows of opts.rows) {
      const csv = join(dir, `siri-2023-cases-${rows}.csv`);
      let started = performance.now();
      writeCases(csv, rows, SPEED_FILE);
      const fileBytes = statSync(csv).size;
      console.log(`\n${grouped(rows)} rows: wrote ${mb(fileBytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s (${csv})`);

      // (a), (c) in memory; the repeats alternate calendar and working days.
      let memory: SizeResult['memory'] = null;
      if (fitsInMemory(rows)) {
        started = performance.now();
        const records = caseRecords(rows, SPEED_FILE);
        collect();
        console.log(`  built ${grouped(records.length)} records in ${((performance.now() - started) / 1000).toFixed(1)} s; heap ${mb(process.memoryUsage().heapUsed)}`);
        if (!warmedUp) {
          // One untimed pass over all records with each plan, so that the timed repeats measure the
          // optimised code rather than the compiler's warm-up.
          lib.evaluatePlan(calendarPlan, records, { period: PERIOD.label });
          lib.evaluatePlan(workingPlan, records, { period: PERIOD.label });
          warmedUp = true;
        }
        memory = { calendar: emptyTimed(), working: emptyTimed() };
        for (let i = 0; i < opts.repeat; i++) {
          timeEvaluate(lib, calendarPlan, records, memory.calendar);
          timeEvaluate(lib, workingPlan, records, memory.working);
        }
        printTimes('evaluatePlan, calendar days', rows, memory.calendar.seconds);
        printTimes('evaluatePlan, working days', rows, memory.working.seconds);
      } else {
        console.log(`  evaluatePlan in memory: skipped, ${grouped(rows)} records would not fit comfortably in the heap (${mb(getHeapStatistics().heap_size_limit)})`);
      }
      collect();

      // (b), (c) the command line, and (e) DuckDB: one untimed run of each first (the file has just
      // been written), then the repeats, interleaved, so that every path meets the machine alike.
      const cli = { calendar: { ...emptyTimed(), peakKb: [], method: '' }, working: { ...emptyTimed(), peakKb: [], method: '' } };
      const warmUp = { ...emptyTimed(), peakKb: [], method: '' };
      await timeCli(wrapper, PLAN_ID, csv, out, warmUp);
      let duckdb: DuckdbTimed | null = null;
      let sql = '';
      if (!opts.skipDuckdb) {
        duckdb = { ...emptyTimed(), total: [], ...(await duckdbInfo()) };
        sql = duckdbSql(csv, calendarTargets).sql;
        writeFileSync(join(dir, `query-${rows}.sql`), `${sql};\n`);
        await timeDuckdb(sql, calendarTargets, { ...emptyTimed(), total: [], version: '', threads: '' });
      }
      for (let i = 0; i < opts.repeat; i++) {
        await timeCli(wrapper, PLAN_ID, csv, out, cli.calendar);
        await timeCli(wrapper, workingPlanFile, csv, out, cli.working);
        if (duckdb !== null) await timeDuckdb(sql, calendarTargets, duckdb);
      }
      const rss = (timed: CliTimed): string => `, peak RSS ${timed.peakKb.map((kb) => mb(kb * 1024)).join(', ')}`;
      printTimes('CLI, calendar days', rows, cli.calendar.seconds, rss(cli.calendar));
      printTimes('CLI, working days', rows, cli.working.seconds, rss(cli.working));
      if (duckdb !== null) {
        printTimes('DuckDB query', rows, duckdb.seconds, ` (DuckDB ${duckdb.version}, ${duckdb.threads} threads)`);
        printTimes('DuckDB open + query + close', rows, duckdb.total);
      }

      // Identity checks for this size.
      const reference = cli.calendar.summaries[0] as Summary;
      if (reference.counts.input !== rows) failures.push(`${grouped(rows)} rows: the command line counted ${reference.counts.input} input records`);
      sameInEveryRepeat(`${grouped(rows)} rows, CLI calendar days`, cli.calendar);
      sameInEveryRepeat(`${grouped(rows)} rows, CLI working days`, cli.working);
      if (memory !== null) {
        sameInEveryRepeat(`${grouped(rows)} rows, evaluatePlan calendar days`, memory.calendar);
        sameInEveryRepeat(`${grouped(rows)} rows, evaluatePlan working days`, memory.working);
        identical(`${grouped(rows)} rows, calendar days: evaluatePlan and CLI counts`, memory.calendar.summaries[0] as Summary, reference);
        identical(`${grouped(rows)} rows, working days: evaluatePlan and CLI counts`, memory.working.summaries[0] as Summary, cli.working.summaries[0] as Summary);
      }
      if (duckdb !== null) {
        sameInEveryRepeat(`${grouped(rows)} rows, DuckDB`, duckdb);
        identical(`${grouped(rows)} rows, calendar days: DuckDB and CLI counts`, duckdb.summaries[0] as Summary, reference);
      }
      const counts = reference.counts;
      console.log(
        `  counts: input ${grouped(counts.input)} = measured ${grouped(counts.measured)} + pending ${grouped(counts.pending)} + outOfPeriod ${grouped(counts.outOfPeriod)} + withoutTarget ${grouped(counts.withoutTarget)} + invalid ${grouped(counts.invalid)}`,
      );
      sizes.push({ rows, fileBytes, memory, cli, duckdb });
    }

    // (h) The SQL paths: the command line with DuckDB on the CSV file and on Parquet, and on PostgreSQL.
    const sql: SqlSize[] = [];
    if (!opts.skipSql) {
      const postgresUrl = process.env['SERVICEMAAL_BENCH_POSTGRES'];
      const sqlSizes = [...new Set([...opts.rows, ...opts.sqlRows])].sort((a, b) => a - b);
      for (const rows of sqlSizes) {
        const csv = join(dir, `siri-2023-cases-${rows}.csv`);
        if (!existsSync(csv)) writeCases(csv, rows, SPEED_FILE);
        // The counts to match: the command line's CSV path on the same file.
        let reference = sizes.find((size) => size.rows === rows)?.cli.calendar.summaries[0];
        if (reference === undefined) {
          const once: CliTimed = { ...emptyTimed(), peakKb: [], method: '' };
          await timeCli(wrapper, PLAN_ID, csv, out, once);
          const [first] = once.summaries;
          if (first === undefined) throw new Error(`${grouped(rows)} rows: the command line gave no report`);
          reference = first;
          printTimes('CLI, calendar days (reference)', rows, once.seconds, `, peak RSS ${mb(highest(once.peakKb) * 1024)}`);
        }
        const parquet = join(dir, `siri-2023-cases-${rows}.parquet`);
        const parquetSeconds = await writeParquet(csv, parquet);
        console.log(`\n${grouped(rows)} rows, SQL paths: wrote ${mb(statSync(parquet).size)} of Parquet with DuckDB in ${parquetSeconds.toFixed(1)} s`);
        const size: SqlSize = { rows, parquetSeconds, csv: { ...emptyTimed(), peakKb: [], method: '' }, parquet: { ...emptyTimed(), peakKb: [], method: '' }, postgres: null };
        // One untimed run first (DuckDB loads, the files are read once), then the repeats, interleaved.
        await timeRun(wrapper, ['--engine', 'duckdb', csv], out, { ...emptyTimed(), peakKb: [], method: '' });
        for (let i = 0; i < opts.repeat; i++) {
          await timeRun(wrapper, ['--engine', 'duckdb', csv], out, size.csv);
          await timeRun(wrapper, ['--engine', 'duckdb', parquet], out, size.parquet);
        }
        const rss = (timed: CliTimed): string => `, peak RSS ${timed.peakKb.map((kb) => mb(kb * 1024)).join(', ')}`;
        printTimes('CLI --engine duckdb, CSV', rows, size.csv.seconds, rss(size.csv));
        printTimes('CLI --engine duckdb, Parquet', rows, size.parquet.seconds, rss(size.parquet));
        if (postgresUrl !== undefined && rows === opts.postgresRows) {
          const table = `servicemaal_bench_${String(process.pid)}`;
          const loadSeconds = await loadPostgres(postgresUrl, csv, table, [...SPEED_FILE.columns, ...(SPEED_FILE.kindColumn === null ? [] : [SPEED_FILE.kindColumn])]);
          console.log(`  loaded PostgreSQL table ${table} with COPY in ${loadSeconds.toFixed(1)} s`);
          const cli: CliTimed = { ...emptyTimed(), peakKb: [], method: '' };
          try {
            const args = ['--database', postgresUrl, '--table', table, '--order', 'nr'];
            await timeRun(wrapper, args, out, { ...emptyTimed(), peakKb: [], method: '' });
            for (let i = 0; i < opts.repeat; i++) await timeRun(wrapper, args, out, cli);
          } finally {
            await dropPostgres(postgresUrl, table);
          }
          printTimes('CLI --database postgres', rows, cli.seconds, rss(cli));
          size.postgres = { loadSeconds, cli };
        }
        const what = `${grouped(rows)} rows, calendar days`;
        for (const [label, timed] of [['CLI --engine duckdb on CSV', size.csv], ['CLI --engine duckdb on Parquet', size.parquet], ['CLI --database postgres', size.postgres?.cli ?? null]] as const) {
          if (timed === null) continue;
          sameInEveryRepeat(`${what}, ${label}`, timed);
          identical(`${what}: ${label} and the CLI's CSV path counts`, timed.summaries[0] as Summary, reference);
        }
        sql.push(size);
        if (!opts.keep) rmSync(parquet, { force: true });
        if (!opts.keep && !sizes.some((done) => done.rows === rows)) rmSync(csv, { force: true });
      }
      if (postgresUrl === undefined) console.log('\nPostgreSQL: not run (SERVICEMAAL_BENCH_POSTGRES is not set)');
      else if (!sqlSizes.includes(opts.postgresRows)) console.log(`\nPostgreSQL: not run (--postgres-rows ${grouped(opts.postgresRows)} is none of the sizes run)`);
    }

    // The memory check at the largest size: the same cases with half the rows invalid, and with
    // every cell quoted, each read by the command line once with one thread and once with two.
    const hostile: HostileFile[] = [];
    const largest = sizes[sizes.length - 1];
    if (!opts.skipHostile && largest !== undefined) {
      const rows = largest.rows;
      for (const { label, name, shape } of HOSTILE) {
        const csv = join(dir, `siri-2023-cases-${name}-${rows}.csv`);
        let started = performance.now();
        const { invalid } = writeCases(csv, rows, shape);
        const fileBytes = statSync(csv).size;
        console.log(`\n${grouped(rows)} rows, ${label}: wrote ${mb(fileBytes)}, ${grouped(invalid)} invalid rows, in ${((performance.now() - started) / 1000).toFixed(1)} s (${csv})`);
        // What the command line must count: evaluatePlan on the same records, made one at a time.
        started = performance.now();
        const expected = summaryOfReport(lib.evaluatePlan(calendarPlan, caseRecordsOneByOne(rows, shape), { period: PERIOD.label, maxProblems: 1000 }));
        console.log(`  expected counts from evaluatePlan on the same records one by one, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        collect();
        const file: HostileFile = { label, shape, rows, fileBytes, invalid, threads: [] };
        for (const threads of [1, 2] as const) {
          const cli: CliTimed = { ...emptyTimed(), peakKb: [], method: '' };
          await timeCli(wrapper, PLAN_ID, csv, out, cli, ['--threads', String(threads)], invalid > 0 ? 2 : 0);
          printTimes(`CLI, ${label}, --threads ${threads}`, rows, cli.seconds, `, peak RSS ${mb(highest(cli.peakKb) * 1024)}`);
          file.threads.push({ threads, cli });
          const summary = cli.summaries[0] as Summary;
          const what = `${grouped(rows)} rows, ${label}, --threads ${threads}`;
          const { input, measured, pending, outOfPeriod, withoutTarget } = summary.counts;
          if (input !== rows) failures.push(`${what}: the command line counted ${grouped(input)} input records, the file has ${grouped(rows)}`);
          if (summary.counts.invalid !== invalid) failures.push(`${what}: the command line counted ${grouped(summary.counts.invalid)} invalid records, the generator wrote ${grouped(invalid)}`);
          const sum = measured + pending + outOfPeriod + withoutTarget + summary.counts.invalid;
          if (sum !== input) failures.push(`${what}: the counts add up to ${grouped(sum)}, not to input ${grouped(input)}`);
          identical(`${what}: evaluatePlan on the same records and CLI counts`, expected, summary);
          console.log(
            `  counts: input ${grouped(input)} = measured ${grouped(measured)} + pending ${grouped(pending)} + outOfPeriod ${grouped(outOfPeriod)} + withoutTarget ${grouped(withoutTarget)} + invalid ${grouped(summary.counts.invalid)}`,
          );
        }
        if (invalid === 0) identical(`${grouped(rows)} rows, ${label} and plain: CLI counts`, file.threads[0]?.cli.summaries[0] as Summary, largest.cli.calendar.summaries[0] as Summary);
        hostile.push(file);
        if (!opts.keep) rmSync(csv, { force: true });
      }
    }

    const unmet = printResults(sizes, naive, startup, hostile, opts);
    printSql(sql, sizes, opts);
    console.log('');
    for (const failure of failures) console.error(`FAIL: ${failure}`);
    if (failures.length === 0) console.log('OK: the counts are identical on every path, in every repeat');
    if (opts.check) for (const threshold of unmet) console.error(`FAIL: threshold not met: ${threshold}`);
    else if (unmet.length > 0) console.log(`${unmet.length} threshold${unmet.length === 1 ? '' : 's'} not met (they decide the exit code only with --check)`);
    return failures.length > 0 || (opts.check && unmet.length > 0) ? 1 : 0;
  } finally {
    if (opts.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The table of the SQL paths: time per case over that of the command line's CSV path at the same size. */
function printSql(sql: readonly SqlSize[], sizes: readonly SizeResult[], opts: Options): void {
  if (sql.length === 0) return;
  console.log(`\nSQL paths (the command line; time: median of ${opts.repeat}, the whole process; × CLI CSV: time per case over that of the CLI's CSV path at the same size, where it was timed)\n`);
  const table: string[][] = [['path', 'rows', 'median s', 'cases/s', '× CLI CSV', 'peak RSS']];
  for (const size of sql) {
    const plain = sizes.find((done) => done.rows === size.rows)?.cli.calendar.seconds;
    const add = (path: string, timed: CliTimed): void => {
      const seconds = median(timed.seconds);
      table.push([path, grouped(size.rows), secs(seconds), grouped(size.rows / seconds), plain === undefined ? '–' : ratio(seconds / median(plain)), mb(highest(timed.peakKb) * 1024)]);
    };
    add('CLI --engine duckdb, CSV', size.csv);
    add('CLI --engine duckdb, Parquet', size.parquet);
    if (size.postgres !== null) add('CLI --database postgres (client RSS)', size.postgres.cli);
  }
  const widths = (table[0] ?? []).map((_, column) => table.reduce((width, row) => Math.max(width, (row[column] ?? '').length), 0));
  const render = (row: string[]): string => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  console.log(render(table[0] ?? []));
  console.log(`| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(Math.max(width - 1, 1))}:`)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(render(row));
  for (const size of sql) {
    if (size.postgres !== null) console.log(`  PostgreSQL at ${grouped(size.rows)} rows: loaded with COPY in ${size.postgres.loadSeconds.toFixed(1)} s (not timed with the query)`);
  }
}

function naiveRun(lib: Lib, plan: ServicePlan, targets: readonly SimpleTarget[], unit: 'days' | 'workingDays', rows: number): NaiveResult {
  const sample = caseRecords(rows, SPEED_FILE);
  const started = performance.now();
  const naive = naiveSummary(sample, targets, unit);
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, naive, library: summaryOfReport(lib.evaluatePlan(plan, sample, { period: PERIOD.label })) };
}

/** Prints the table and the thresholds; returns the thresholds not met. */
function printResults(
  sizes: readonly SizeResult[],
  naive: { calendar: NaiveResult; working: NaiveResult },
  startup: Startup,
  hostile: readonly HostileFile[],
  opts: Options,
): string[] {
  const first = sizes[0];
  const largest = sizes[sizes.length - 1];
  if (first === undefined || largest === undefined) return [];
  const duckdbRate = (size: SizeResult | undefined): number | null => (size?.duckdb == null ? null : size.rows / median(size.duckdb.seconds));

  console.log(`\nResults (time: median of ${opts.repeat}; peak RSS: the highest of the repeats; × DuckDB: time per case over that of DuckDB's query at the same size; for the naive rows, at ${grouped(first.rows)} rows)\n`);
  const table: string[][] = [['path', 'rows', 'median s', 'cases/s', '× DuckDB', 'peak RSS']];
  const line = (path: string, rows: number, seconds: number, duckdb: number | null, peak = '–'): void => {
    const rate = rows / seconds;
    table.push([path, grouped(rows), secs(seconds), grouped(rate), duckdb === null ? '–' : ratio(duckdb / rate), peak]);
  };
  for (const size of sizes) {
    const duck = duckdbRate(size);
    if (size.memory !== null) {
      line('evaluatePlan, calendar days', size.rows, median(size.memory.calendar.seconds), duck);
      line('evaluatePlan, working days', size.rows, median(size.memory.working.seconds), duck);
    }
    line('CLI, calendar days', size.rows, median(size.cli.calendar.seconds), duck, mb(highest(size.cli.calendar.peakKb) * 1024));
    line('CLI, working days', size.rows, median(size.cli.working.seconds), duck, mb(highest(size.cli.working.peakKb) * 1024));
    if (size.duckdb !== null) {
      line('DuckDB, query', size.rows, median(size.duckdb.seconds), duck);
      line('DuckDB, open + query + close', size.rows, median(size.duckdb.total), duck);
    }
  }
  for (const file of hostile) {
    // No × DuckDB: DuckDB did not read these files.
    for (const { threads, cli } of file.threads) line(`CLI, ${file.label}, --threads ${threads} ²`, file.rows, median(cli.seconds), null, mb(highest(cli.peakKb) * 1024));
  }
  line('naive, calendar days (date-fns)', naive.calendar.rows, naive.calendar.seconds, duckdbRate(first));
  line('naive, working days (date-fns + date-holidays)', naive.working.rows, naive.working.seconds, duckdbRate(first));
  const widths = (table[0] ?? []).map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const render = (row: string[]): string => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  console.log(render(table[0] ?? []));
  console.log(`| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(Math.max(width - 1, 1))}:`)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(render(row));
  if (hostile.length > 0) {
    console.log(`² one run each, at ${grouped(largest.rows)} rows, of the same cases in other files: ${hostile.map((file) => `${file.label} ${mb(file.fileBytes)}`).join(', ')}`);
  }

  // The thresholds.
  const checks: { label: string; value: number | null; shown: string; required: string; pass: boolean | null }[] = [];
  const add = (label: string, value: number | null, shown: (value: number) => string, required: string, pass: (value: number) => boolean): void => {
    checks.push({ label, value, shown: value === null ? 'not measured' : shown(value), required, pass: value === null ? null : pass(value) });
  };
  add(
    `CLI / DuckDB query, ${grouped(largest.rows)} rows`,
    largest.duckdb === null ? null : median(largest.cli.calendar.seconds) / median(largest.duckdb.seconds),
    ratio,
    `≤ ${REQUIRED.cliOverDuckdb.toFixed(1)}`,
    (value) => value <= REQUIRED.cliOverDuckdb,
  );
  const inMemory = sizes.find((size) => size.rows === 1_000_000 && size.memory !== null) ?? sizes.find((size) => size.memory !== null);
  add(
    `evaluatePlan cases/s, ${inMemory === undefined ? '–' : grouped(inMemory.rows)} rows`,
    inMemory?.memory == null ? null : inMemory.rows / median(inMemory.memory.calendar.seconds),
    grouped,
    `≥ ${grouped(REQUIRED.evaluateCasesPerSecond)}`,
    (value) => value >= REQUIRED.evaluateCasesPerSecond,
  );
  const memoryLargest = [...sizes].reverse().find((size) => size.memory !== null);
  add(
    `working / calendar days, evaluatePlan, ${memoryLargest === undefined ? '–' : grouped(memoryLargest.rows)} rows`,
    memoryLargest?.memory == null ? null : median(memoryLargest.memory.working.seconds) / median(memoryLargest.memory.calendar.seconds),
    ratio,
    `≤ ${REQUIRED.workingOverCalendar}`,
    (value) => value <= REQUIRED.workingOverCalendar,
  );
  add(
    `working / calendar days, CLI, ${grouped(largest.rows)} rows`,
    median(largest.cli.working.seconds) / median(largest.cli.calendar.seconds),
    ratio,
    `≤ ${REQUIRED.workingOverCalendar}`,
    (value) => value <= REQUIRED.workingOverCalendar,
  );
  add(
    `naive / evaluatePlan time per case, working days (${inMemory === undefined ? '–' : grouped(inMemory.rows)} rows)`,
    inMemory?.memory == null ? null : inMemory.rows / median(inMemory.memory.working.seconds) / (naive.working.rows / naive.working.seconds),
    ratio,
    `≥ ${grouped(REQUIRED.naiveOverLibrary)}`,
    (value) => value >= REQUIRED.naiveOverLibrary,
  );
  add(
    `CLI peak RSS, ${grouped(largest.rows)} rows`,
    highest([...largest.cli.calendar.peakKb, ...largest.cli.working.peakKb]) * 1024,
    mb,
    `< ${mb(REQUIRED.cliPeakBytes)}`,
    (value) => value < REQUIRED.cliPeakBytes,
  );
  for (const file of hostile) {
    for (const { threads, cli } of file.threads) {
      add(`CLI peak RSS, ${grouped(file.rows)} rows, ${file.label}, --threads ${threads}`, highest(cli.peakKb) * 1024, mb, `< ${mb(REQUIRED.hostilePeakBytes)}`, (value) => value < REQUIRED.hostilePeakBytes);
    }
  }
  if (hostile.length === 0) add('CLI peak RSS, half invalid and quoted files', null, mb, `< ${mb(REQUIRED.hostilePeakBytes)}`, () => true);
  checks.push(startupCheck(startup));
  console.log('\nRequired');
  const width = Math.max(...checks.map((check) => check.label.length));
  for (const check of checks) {
    const verdict = check.pass === null ? 'n/a ' : check.pass ? 'PASS' : 'FAIL';
    console.log(`  ${verdict}  ${check.label.padEnd(width)}  ${check.shown.padStart(14)}  (required ${check.required})`);
  }
  const informative = sizes.find((size) => size.memory !== null);
  if (informative?.memory != null) {
    const libraryRate = informative.rows / median(informative.memory.calendar.seconds);
    console.log(`  (naive / evaluatePlan time per case, calendar days: ${ratio(libraryRate / (naive.calendar.rows / naive.calendar.seconds))})`);
  }
  console.log(`  peak RSS by ${largest.cli.calendar.method}; DuckDB ${largest.duckdb?.version ?? 'not run'}${largest.duckdb === null ? '' : `, ${largest.duckdb.threads} threads`}`);

  return checks.filter((check) => check.pass === false).map((check) => `${check.label} is ${check.shown}, required ${check.required}`);
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A usage problem is a message; anything else shows where it happened.
    console.error(`bench: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
