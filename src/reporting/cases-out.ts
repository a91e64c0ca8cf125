/**
 * The cases behind a report: one row per case record, from the classification that counts it,
 * as a stream of rows and as CSV lines (`servicemaal evaluate --cases-out`).
 */
import { formatDayNumber } from '../dates/civil.js';
import { fail } from '../errors.js';
import { caseRowTiers, type CaseRow } from '../evaluate/case-rows.js';
import { assertIterable, assertPlan } from '../evaluate/guards.js';
import { createIntake } from '../evaluate/intake.js';
import type { AggregateOptions, PlanAggregate } from '../evaluate/model.js';
import { csvBoolean, csvField, csvNumber, marksOf, type CsvCell, type RenderLocale } from '../render/format.js';
import type { ServicePlan } from '../targets/model.js';

export { caseRowTiers, type CaseBucket, type CaseRow, type CaseRowTier } from '../evaluate/case-rows.js';

/**
 * Options of {@link caseRows}: those of `aggregateInputs` (one period, case types, repeated ids,
 * the policy for lacking attributes, …).
 *
 * @example
 * ```ts
 * const options: CaseRowsOptions = { period: '2023-Q1', duplicates: 'first' };
[...caseRows(getPlan('siri-2023'), [], options)]; // []
 * ```
 */
export type CaseRowsOptions = AggregateOptions;

/**
 * The cases behind a report, one {@link CaseRow} per case record, in input order, yielded as each
 * record is counted: only one row is held at a time, so any number of records can be streamed
 * (from a generator, too). The rows come from the counting itself: the rows whose `within[i]` is
 * not `null` are the tier's `measured`, those `true` its `within`, exactly as `evaluatePlan`
 * reports them. The generator returns the aggregate of the records (see `reportFromAggregate`).
 *
 * With `duplicates: 'last'` the records are read twice (their ids first): give an array or another
 * iterable that can be read twice.
 *
 * @throws {ServicemaalError} `invalid_option` for a generator with `duplicates: 'last'`, or bad options.
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const rows = [...caseRows(plan, [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-21' },
 *   { id: 'A3', caseType: 'eu', applied: '2023-02-29' },
 *   { id: 'A4', caseType: 'tourist-visa', applied: '2023-03-01', decided: '2023-03-02' },
 * ], { period: '2023-Q1' })];
 * rows.map((row) => row.bucket); // ['measured', 'pending', 'invalid', 'invalid', 'withoutTarget']
 * rows.map((row) => row.reason); // [null, null, 'duplicate_record', 'invalid_date', 'noTarget']
 * rows[2]?.detail; // 'id is repeated: the first record with it is record 0'
 * [rows[0]?.days, rows[0]?.within[0]]; // [19, true]
 * ```
 */
export function* caseRows(plan: ServicePlan, records: Iterable<unknown>, options: CaseRowsOptions = {}): Generator<CaseRow, PlanAggregate, undefined> {
  assertPlan(plan);
  assertIterable(records, 'records');
  let row: CaseRow | null = null;
  const intake = createIntake(plan, { ...options, onRecord: (made) => { row = made; } });
  if (options.duplicates === 'last') {
    if ((records[Symbol.iterator]() as unknown) === records) {
      fail('invalid_option', "duplicates 'last' reads the records twice (their ids first): pass an array or another iterable that can be read twice", ['duplicates']);
    }
    intake.expectIds(idsOf(records));
  }
  for (const record of records) {
    intake.add('cases', record);
    const made = row as CaseRow | null;
    if (made !== null) {
      row = null;
      yield made;
    }
  }
  return intake.aggregate();
}

/** The id of each record, as the intake reads it (anything but a non-empty string: none). */
function* idsOf(records: Iterable<unknown>): Iterable<unknown> {
  for (const record of records) yield typeof record === 'object' && record !== null ? (record as Record<string, unknown>)['id'] : null;
}

/**
 * What {@link caseRowsCsv} gives: the header line and the writer of a row's line.
 *
 * @example
 * ```ts
 * const csv: CaseRowsCsv = caseRowsCsv(getPlan('siri-2023'));
 * csv.header.startsWith('id,file,line,bucket'); // true
 * ```
 */
export interface CaseRowsCsv {
  /** The header line (without a line break). */
  header: string;
  /** A row as a line (without a line break). */
  line: (row: CaseRow) => string;
}

/**
 * The CSV of the cases behind a report: its header line, and a function writing one row as a line
 * (without line breaks), so that rows can be written as they come. Columns: `id`, `file`, `line`,
 * `bucket`, `reason`, `detail`, `case_type`, `applied`, `decided`, `days`, `working_days` (only
 * when a tier has a limit in working days), then `within.<target>.<tier>` per tier of
 * {@link caseRowTiers} (tiers numbered from 1, as in the report's CSV): `true`, `false`, or empty
 * when the tier's target did not measure the case. The locale's separator and decimal mark
 * (`;` and `,` with `da`); texts that begin like a formula are neutralised.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const csv = caseRowsCsv(plan, { locale: 'da' });
 * csv.header.split(';').slice(0, 11).join(';'); // 'id;file;line;bucket;reason;detail;case_type;applied;decided;days;within.fast-track.1'
 * const [row] = caseRows(plan, [{ id: '=A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }], { period: '2023' });
 * csv.line(row as CaseRow).split(';').slice(0, 11).join(';'); // "'=A1;;;measured;;;fast-track;2023-03-01;2023-03-20;19;true"
 * ```
 */
export function caseRowsCsv(plan: ServicePlan, options: { locale?: RenderLocale } = {}): CaseRowsCsv {
  assertPlan(plan);
  const { locale } = options;
  const separator = marksOf(locale).csv;
  const tiers = caseRowTiers(plan);
  const working = tiers.some((tier) => tier.limit.unit === 'workingDays');
  const join = (cells: readonly CsvCell[]): string => cells.map((cell) => csvField(cell, separator)).join(separator);
  const header = [
    'id',
    'file',
    'line',
    'bucket',
    'reason',
    'detail',
    'case_type',
    'applied',
    'decided',
    'days',
    ...(working ? ['working_days'] : []),
    ...tiers.map((tier) => `within.${tier.target}.${String(tier.tier + 1)}`),
  ];
  const number = (value: number | null): CsvCell => csvNumber(value, locale);
  const date = (day: number | null): string => (day === null ? '' : formatDayNumber(day));
  return {
    header: join(header),
    line: (row) =>
      join([
        row.id ?? '',
        row.file ?? '',
        number(row.line),
        row.bucket,
        row.reason ?? '',
        row.detail ?? '',
        row.caseType ?? '',
        date(row.applied),
        date(row.decided),
        number(row.days),
        ...(working ? [number(row.workingDays)] : []),
        ...row.within.map(csvBoolean),
      ]),
  };
}
