import { fail } from '../errors.js';
import type { PendingCase, PendingReport } from '../reporting/pending.js';
import { duplicatesText, invalidBlocks } from './report.js';
import {
  blockLines,
  checkFormat,
  col,
  csvBoolean,
  csvLines,
  csvNumber,
  formatAmount,
  formatCount,
  joinLines,
  limitCell,
  type Block,
  type CsvCell,
  type Items,
  type RenderOptions,
} from './format.js';

/**
 * Options of {@link renderPending}: the format, the locale, and how many entries of the at-risk
 * list to show (default: all).
 *
 * @example
 * ```ts
 * const pending = pendingAt(
 *   getPlan('siri-2023'),
 *   [
 *     { id: 'A2', caseType: 'fast-track', applied: '2023-09-01' },
 *     { id: 'E1', caseType: 'eu', applied: '2023-09-28' },
 *   ],
 *   { asOf: '2023-09-30' },
 * );
 * pending.cases.length; // 4: A2 once, E1 once per EU tier
 * const options: PendingRenderOptions = { format: 'csv', limit: 1 };
 * renderPending(pending, options).trimEnd().split('\n').length; // 2: the header and the soonest due entry
 * renderPending(pending, { format: 'table', limit: 1 }).includes('the first 1 of 4 entries'); // true
 * ```
 */
export interface PendingRenderOptions extends RenderOptions {
  /** Show at most this many entries of the at-risk list (a whole number, 0 or more). */
  limit?: number | undefined;
}

/**
 * The columns of {@link renderPending} in CSV, in order; one row per entry of the at-risk list.
 *
 * @example
 * ```ts
 * PENDING_CSV_COLUMNS.join(','); // 'as_of,case,case_type,target,tier,limit_amount,limit_unit,applied,due_date,days_remaining,overdue,paused,age'
 * ```
 */
export const PENDING_CSV_COLUMNS = [
  'as_of',
  'case',
  'case_type',
  'target',
  'tier',
  'limit_amount',
  'limit_unit',
  'applied',
  'due_date',
  'days_remaining',
  'overdue',
  'paused',
  'age',
] as const;

/**
 * The cases pending at a date ({@link pendingAt}) as text.
 *
 * - `table` and `markdown`: the records (input = pending + notPending + withoutTarget + invalid);
 *   per target and tier the pending cases, those already overdue, their median and oldest age and
 *   the open cases whose clock has already stopped (settled); then the at-risk list, soonest due
 *   first: case, target, tier limit, applied, due date, days remaining and status (`overdue`: it
 *   can no longer be decided in time; `paused`: an open pause stops the clock, so the due date is
 *   not known yet); then the invalid records with their messages.
 * - `csv`: the at-risk list under {@link PENDING_CSV_COLUMNS} (`tier` counts from 1; `due_date`
 *   and `days_remaining` empty when unknown).
 *
 * `limit` cuts the at-risk list to its first entries (the table says how many were left out).
 *
 * @example
 * ```ts
 * const cases = [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-09-01' },
 *   { id: 'E1', caseType: 'eu', applied: '2023-09-28' },
 * ];
 * const pending = pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30', withinDays: 7 });
 * const table = renderPending(pending, { format: 'table' });
 * table.split('\n').find((line) => line.startsWith('E1'))?.split(/ {2,}/);
 * // ['E1', 'eu', '≤ 1 day', '2023-09-28', '2023-09-29', '-1', 'overdue']
 * renderPending(pending, { format: 'csv' }).split('\n')[2];
 * // '2023-09-30,A2,fast-track,fast-track,1,31,days,2023-09-01,2023-10-02,2,false,false,29'
 * ```
 */
export function renderPending(pending: PendingReport, options: PendingRenderOptions): string {
  return joinLines(pendingLines(pending, options));
}

/**
 * The lines of {@link renderPending}, one at a time (without line breaks): the command line writes
 * them as they are made, so that an at-risk list of millions of entries is never one text.
 *
 * @example
 * ```ts
 * const pending = pendingAt(getPlan('siri-2023'), [{ id: 'A2', caseType: 'fast-track', applied: '2023-09-01' }], { asOf: '2023-09-30' });
 * [...pendingLines(pending, { format: 'csv' })][1]; // '2023-09-30,A2,fast-track,fast-track,1,31,days,2023-09-01,2023-10-02,2,false,false,29'
 * ```
 */
export function* pendingLines(pending: PendingReport, options: PendingRenderOptions): Generator<string, void, undefined> {
  const format = checkFormat(options.format, ['table', 'markdown', 'csv'], options.locale);
  const locale = options.locale;
  const limit = options.limit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    fail('invalid_option', `limit must be a whole number, 0 or more, got ${String(limit)}`, ['limit']);
  }
  const cases = pending.cases;
  const shownCount = limit === undefined ? cases.length : Math.min(limit, cases.length);
  /** The first entries, made into rows as they are written. */
  const shown = <T>(row: (entry: PendingCase) => T): Items<T> => ({ count: shownCount, at: (index) => row(cases[index] as PendingCase) });
  if (format === 'csv') {
    yield* csvLines(
      PENDING_CSV_COLUMNS,
      shown((entry): CsvCell[] => [
        pending.asOf,
        entry.id,
        entry.caseType,
        entry.targetId,
        csvNumber(entry.tier + 1, locale),
        csvNumber(entry.limit.amount, locale),
        entry.limit.unit,
        entry.applied,
        entry.dueDate ?? '',
        csvNumber(entry.daysRemaining, locale),
        csvBoolean(entry.overdue),
        csvBoolean(entry.paused),
        csvNumber(entry.age, locale),
      ]),
      locale,
    );
    return;
  }

  const count = (value: number): string => formatCount(value, locale);
  const { counts } = pending;
  const days = (value: number | null): string => (value === null ? '–' : `${formatAmount(value, locale)} days`);
  const blocks: Block[] = [
    { kind: 'title', text: `Pending cases on ${pending.asOf}` },
    {
      kind: 'text',
      text:
        `Records: input ${count(counts.input)} = pending ${count(counts.pending)} + notPending ${count(counts.notPending)}` +
        ` + withoutTarget ${count(counts.withoutTarget)} + invalid ${count(counts.invalid)}.`,
    },
    { kind: 'heading', text: 'Per target and tier' },
    {
      kind: 'table',
      columns: [col('target'), col('limit'), col('pending', 'right'), col('overdue', 'right'), col('median age', 'right'), col('oldest', 'right'), col('settled', 'right')],
      rows: pending.targets.flatMap((target) =>
        target.tiers.map((tier, index) => [
          index === 0 ? target.id : '',
          limitCell(tier.limit, locale),
          count(tier.pending),
          count(tier.overdue),
          days(tier.age.median),
          days(tier.age.max),
          index === 0 ? count(target.settled) : '',
        ]),
      ),
    },
    {
      kind: 'heading',
      text:
        shownCount < cases.length
          ? `At risk, soonest due first (the first ${count(shownCount)} of ${count(cases.length)} entries; a case once per tier)`
          : `At risk, soonest due first (${count(pending.cases.length)} ${pending.cases.length === 1 ? 'entry' : 'entries'}; a case once per tier)`,
    },
  ];
  if (shownCount === 0) blocks.push({ kind: 'text', text: cases.length === 0 ? 'None.' : 'Not shown (limit 0).' });
  else {
    blocks.push({
      kind: 'table',
      columns: [col('case'), col('target'), col('limit'), col('applied'), col('due'), col('days left', 'right'), col('status')],
      rows: shown((entry) => [
        entry.id,
        entry.targetId,
        limitCell(entry.limit, locale),
        entry.applied,
        entry.dueDate ?? '–',
        entry.daysRemaining === null ? '–' : count(entry.daysRemaining),
        status(entry),
      ]),
    });
  }
  for (const block of invalidBlocks(pending.invalid, format, locale, pending.invalidOmitted)) blocks.push(block);
  blocks.push({ kind: 'text', text: duplicatesText(pending.duplicates, pending.invalidCounts, locale) });
  yield* blockLines(blocks, format);
}

/** `overdue`, `paused`, or empty. */
function status(entry: PendingCase): string {
  if (entry.overdue) return 'overdue';
  return entry.paused ? 'paused' : '';
}
