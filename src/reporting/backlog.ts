import { formatDayNumber } from '../dates/civil.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import { assertIterable, assertOptions } from '../evaluate/guards.js';
import { createIntake } from '../evaluate/intake.js';
import type { InvalidRecord, ValidCase } from '../evaluate/records.js';

/**
 * Options for {@link backlog} and {@link backlogReport}.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'B1', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-01-10' }, // pending at the start
 *   { id: 'B2', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-02-01' },
 *   { id: 'B3', caseType: 'fast-track', applied: '2023-03-01', decided: null }, // pending at the end
 *   { id: 'B4', caseType: 'eu', applied: '2023-02-01', decided: '2023-02-02' },
 *   { id: 'B5', caseType: 'eu', applied: '2022-05-01', decided: '2022-06-01' }, // before the period
 * ];
 * const options: BacklogOptions = { period: '2023-Q1', include: ['fast-track'] };
 * backlogReport(cases, options).counts; // { input: 5, counted: 3, outside: 0, skipped: 2, invalid: 0 }
 * ```
 */
export interface BacklogOptions {
  period: PeriodInput;
  /** Only these case types (default: every case type in the input). */
  include?: readonly string[];
  /** The most problems listed in `invalid` (default 1,000; 0 or `Infinity`: all), as for `evaluatePlan`. */
  maxProblems?: number;
}

/**
 * The flow of one case type (or of all, in the total row) through a period.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'B1', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-01-10' }, // pending at the start
 *   { id: 'B2', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-02-01' },
 *   { id: 'B3', caseType: 'fast-track', applied: '2023-03-01', decided: null }, // pending at the end
 *   { id: 'B4', caseType: 'eu', applied: '2023-02-01', decided: '2023-02-02' },
 *   { id: 'B5', caseType: 'eu', applied: '2022-05-01', decided: '2022-06-01' }, // before the period
 * ];
 * const row: BacklogRow | undefined = backlog(cases, { period: '2023-Q1' }).find((candidate) => candidate.caseType === 'fast-track');
 * // 1 pending at the start + 2 applied − 2 decided = 1 pending at the end; 90 days × 1 / 2 decided = 45.
 * row; // { caseType: 'fast-track', pendingStart: 1, incoming: 2, decided: 2, pendingEnd: 1, clearanceRate: 1, dispositionTime: 45 }
 * ```
 */
export interface BacklogRow {
  caseType: string;
  /** Pending at the start: applied before the period and not decided before it. */
  pendingStart: number;
  /** Applied for in the period. */
  incoming: number;
  /** Decided in the period. */
  decided: number;
  /** Pending at the end: `pendingStart + incoming − decided`. */
  pendingEnd: number;
  /** `decided / incoming`; `null` without incoming cases. */
  clearanceRate: number | null;
  /** Days it would take to decide the cases pending at the end at the period's pace: `days × pendingEnd / decided`. */
  dispositionTime: number | null;
}

/**
 * The backlog report of a period.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'B1', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-01-10' }, // pending at the start
 *   { id: 'B2', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-02-01' },
 *   { id: 'B3', caseType: 'fast-track', applied: '2023-03-01', decided: null }, // pending at the end
 *   { id: 'B4', caseType: 'eu', applied: '2023-02-01', decided: '2023-02-02' },
 *   { id: 'B5', caseType: 'eu', applied: '2022-05-01', decided: '2022-06-01' }, // before the period
 * ];
 * const report: BacklogReport = backlogReport(cases, { period: '2023-Q1' });
 * report.days; // 90
 * report.counts; // { input: 5, counted: 4, outside: 1, skipped: 0, invalid: 0 }
 * ```
 */
export interface BacklogReport {
  period: { from: string; to: string; label: string };
  /** Days in the period (365 or 366 for a year), the scale of the disposition time. */
  days: number;
  rows: BacklogRow[];
  /** All case types together. */
  total: BacklogRow;
  /**
   * Records: `input = counted + outside + skipped + invalid`; `outside` ones neither were pending
   * nor arrived nor were decided in the period; `skipped` ones are of case types not included.
   */
  counts: { input: number; counted: number; outside: number; skipped: number; invalid: number };
  /** Problems of the invalid records: the first `maxProblems` of them (default 1,000). */
  invalid: InvalidRecord[];
  /** The number of problems of each code, listed in `invalid` or not. */
  invalidCounts: Partial<Record<IssueCode, number>>;
  /** The number of problems not listed in `invalid`. */
  invalidOmitted: number;
}

/**
 * Backlog metrics per case type for a period: the rows of {@link backlogReport}, one per case type
 * (sorted by case type). Use `backlogReport` for the total row, the record counts and the invalid
 * records.
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'B1', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-01-10' }, // pending at the start
 *   { id: 'B2', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-02-01' },
 *   { id: 'B3', caseType: 'fast-track', applied: '2023-03-01', decided: null }, // pending at the end
 *   { id: 'B4', caseType: 'eu', applied: '2023-02-01', decided: '2023-02-02' },
 *   { id: 'B5', caseType: 'eu', applied: '2022-05-01', decided: '2022-06-01' }, // before the period
 * ];
 * backlog(cases, { period: '2023-Q1' }).map((row) => [row.caseType, row.pendingStart, row.incoming, row.decided, row.pendingEnd]);
 * // [['eu', 0, 1, 1, 0], ['fast-track', 1, 2, 2, 1]]
 * ```
 */
export function backlog(cases: Iterable<unknown>, options: BacklogOptions): BacklogRow[] {
  return backlogReport(cases, options).rows;
}

/**
 * Backlog metrics per case type for a period (CEPEJ's clearance rate and disposition time):
 * incoming, decided, pending at the start and end (pending start + incoming − decided = pending
 * end), clearance rate = decided / incoming, and disposition time = days in the period × pending at
 * the end / decided (365 × … for a year).
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'B1', caseType: 'fast-track', applied: '2022-12-01', decided: '2023-01-10' }, // pending at the start
 *   { id: 'B2', caseType: 'fast-track', applied: '2023-01-05', decided: '2023-02-01' },
 *   { id: 'B3', caseType: 'fast-track', applied: '2023-03-01', decided: null }, // pending at the end
 *   { id: 'B4', caseType: 'eu', applied: '2023-02-01', decided: '2023-02-02' },
 *   { id: 'B5', caseType: 'eu', applied: '2022-05-01', decided: '2022-06-01' }, // before the period
 * ];
 * const { rows, total, counts } = backlogReport(cases, { period: '2023-Q1' });
 * rows.map((row) => row.caseType); // ['eu', 'fast-track']
 * // Disposition time: 90 days × 1 pending at the end / 3 decided.
 * total; // { caseType: '(all)', pendingStart: 1, incoming: 3, decided: 3, pendingEnd: 1, clearanceRate: 1, dispositionTime: 30 }
 * counts; // { input: 5, counted: 4, outside: 1, skipped: 0, invalid: 0 }: B5 was decided before the period
 * ```
 */
export function backlogReport(cases: Iterable<unknown>, options: BacklogOptions): BacklogReport {
  assertIterable(cases, 'cases');
  assertOptions(options, false);
  const period = parsePeriod(options.period);
  if (options.include !== undefined && (!Array.isArray(options.include) || !options.include.every((caseType) => typeof caseType === 'string'))) {
    fail('invalid_option', 'include must be a list of case types', ['include']);
  }
  const only = options.include === undefined ? null : new Set(options.include);
  const flows = new Map<string, [number, number, number, number]>();
  const counts = { input: 0, counted: 0, outside: 0, skipped: 0, invalid: 0 };
  // The records go through an intake without a plan, which validates each once; its valid cases come back here.
  const observe = (read: ValidCase): void => {
    if (only !== null && !only.has(read.caseType)) {
      counts.skipped++;
      return;
    }
    const { applied, decided } = read;
    if (applied > period.to || (decided !== null && decided < period.from)) {
      counts.outside++;
      return;
    }
    counts.counted++;
    let flow = flows.get(read.caseType);
    if (flow === undefined) {
      flow = [0, 0, 0, 0];
      flows.set(read.caseType, flow);
    }
    if (applied < period.from && (decided === null || decided >= period.from)) flow[0]++;
    if (applied >= period.from && applied <= period.to) flow[1]++;
    if (decided !== null && decided >= period.from && decided <= period.to) flow[2]++;
    if (applied <= period.to && (decided === null || decided > period.to)) flow[3]++;
  };
  const intake = createIntake(null, { onCase: observe, ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }) });
  intake.addAll('cases', cases);
  const aggregate = intake.aggregate();
  counts.input = aggregate.counts.input;
  counts.invalid = aggregate.counts.invalid;
  const days = period.to - period.from + 1;
  const row = (caseType: string, [pendingStart, incoming, decided, pendingEnd]: readonly number[]): BacklogRow => ({
    caseType,
    pendingStart: pendingStart ?? 0,
    incoming: incoming ?? 0,
    decided: decided ?? 0,
    pendingEnd: pendingEnd ?? 0,
    clearanceRate: incoming === 0 || incoming === undefined ? null : (decided ?? 0) / incoming,
    dispositionTime: decided === 0 || decided === undefined ? null : (days * (pendingEnd ?? 0)) / decided,
  });
  const rows = [...flows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([caseType, flow]) => row(caseType, flow));
  const sums = [0, 1, 2, 3].map((i) => [...flows.values()].reduce((sum, flow) => sum + (flow[i] ?? 0), 0));
  return {
    period: { from: formatDayNumber(period.from), to: formatDayNumber(period.to), label: period.label },
    days,
    rows,
    total: row('(all)', sums),
    counts,
    invalid: aggregate.invalid,
    invalidCounts: aggregate.invalidCounts,
    invalidOmitted: aggregate.invalidOmitted,
  };
}
