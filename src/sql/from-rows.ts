/*
 * From the rows of a `toSql` query back to the library's aggregate: shapes are counted through the
 * library's own case accumulator, records that come back whole are read by its own record reader,
 * and every record the engine found invalid is checked again, so a disagreement between the engine
 * and the library is an error, never a silent difference.
 */
import { formatDayNumber } from '../dates/civil.js';
import { ServicemaalError, type IssueCode } from '../errors.js';
import { PENDING } from '../evaluate/cases.js';
import { createIntake, type IntakeEngineRows } from '../evaluate/intake.js';
import { keyedRecord } from '../evaluate/keys.js';
import type { PlanAggregate } from '../evaluate/model.js';
import { readCaseRecord, type InvalidRecord, type ValidCase } from '../evaluate/records.js';
import type { ServicePlan } from '../targets/model.js';
import type { SqlDateKind, SqlPlanQuery } from './model.js';
import { ROW_OMITTED, ROW_PAUSE, ROW_RECORD, ROW_SHAPE, SQL_PROBLEM_CODES } from './to-sql.js';

/**
 * Rows of a query: arrays of values in the query's column order, from a runner or any client, at
 * once or streamed.
 *
 * @example
 * ```ts
 * const rows: SqlRows = (async function* () { yield [0, 0, 1, 'eu', null]; })();
 * Symbol.asyncIterator in rows; // true
 * ```
 */
export type SqlRows = Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;

/**
 * Extra inputs counted with the rows of a query: contacts and observations, given in memory (they
 * are few beside the cases).
 *
 * @example
 * ```ts
 * const options: FromRowsOptions = { contacts: [{ id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }] };
 * const plan = getPlan('siri-2023');
 * const query = toSql(plan, { dialect: 'duckdb', source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied' } }, period: '2023' });
 * (await aggregateFromRows(plan, query, [], options)).contacts.counts.measured; // 1
 * ```
 */
export interface FromRowsOptions {
  /** Contact records (see `ContactRecord`), counted as `aggregateInputs` counts them. */
  contacts?: Iterable<unknown>;
  /** Observation records (see `ObservationRecord`). */
  observations?: Iterable<unknown>;
}

/**
 * Rebuilds the aggregate of a plan from the rows of its {@link toSql} query: the aggregate
 * `aggregateCases` gives for the same records, so `reportFromAggregate` and `mergeAggregates` work
 * as on any other. The rows must come in the query's order and complete.
 *
 * @throws {ServicemaalError} `invalid_option` when the query was written for another plan, or a row
 *   is not one of the query's; `engine_disagreement` when the library reads a record the engine
 *   found invalid (or valid) otherwise — a difference between the engine's and the library's
 *   reading that is reported, never hidden.
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const query = toSql(plan, { dialect: 'duckdb', source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } }, period: '2023' });
 * // Two fast-track cases of 19 days (a shape of two records), as DuckDB returns them.
 * const rows = [[0, 0, 2, 'fast-track', null, 19417, 19436, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null]];
 * const aggregate = await aggregateFromRows(plan, query, rows);
 * aggregate.counts; // { input: 2, measured: 2, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 0 }
 * ```
 */
export async function aggregateFromRows(plan: ServicePlan, query: SqlPlanQuery, rows: SqlRows, options: FromRowsOptions = {}): Promise<PlanAggregate> {
  if (plan.id !== query.plan) fail(`the query was written for plan "${query.plan}", not "${plan.id}"`, 'invalid_option');
  const intake = createIntake(plan, query.options);
  const reader = new RowReader(query, intake.engineRows());
  if (Symbol.asyncIterator in rows) {
    for await (const row of rows) reader.row(row);
  } else {
    for (const row of rows) reader.row(row);
  }
  reader.end();
  if (options.contacts !== undefined) intake.addAll('contacts', options.contacts);
  if (options.observations !== undefined) intake.addAll('observations', options.observations);
  return intake.aggregate();
}

/** A record that came back whole, waiting for the rows of its pauses. */
interface WholeRecord {
  index: number;
  record: Record<string, unknown>;
  pauses: { from: unknown; to: unknown }[] | null;
  /** The position of the record that counts instead, for a repeated id. */
  keeper: number | null;
  /** The engine's problem counts, per code of {@link SQL_PROBLEM_CODES} but the last. */
  counts: number[];
}

class RowReader {
  private readonly attributes: number;
  private readonly dates: number;
  private whole: WholeRecord | null = null;
  /** Problems of invalid records counted only: code, count, and where first seen (position × 256 + order in the record). */
  private omitted: { code: IssueCode; count: number; key: number }[] = [];
  private omittedRecords = 0;

  constructor(
    private readonly query: SqlPlanQuery,
    private readonly sink: IntakeEngineRows,
  ) {
    this.attributes = query.attributes.length;
    this.dates = query.dates.length;
  }

  /** The index of a column: the layout of `toSql`'s final `SELECT`. */
  private at(name: 'ct' | 'fl' | 'a' | 'd' | 'id' | 'keeper' | 'pf' | 'pt' | 'c' | 'k', i = 0): number {
    const t = this.attributes;
    const f = this.dates;
    switch (name) {
      case 'ct': return 3;
      case 'fl': return 4;
      case 'a': return 5 + t;
      case 'd': return 6 + t;
      case 'id': return 7 + t;
      case 'keeper': return 8 + t;
      case 'pf': return 9 + t + f;
      case 'pt': return 10 + t + f;
      case 'c': return 11 + t + f + i;
      case 'k': return 17 + t + f + i;
    }
  }

  row(row: readonly unknown[]): void {
    if (!Array.isArray(row) || row.length !== 24 + this.attributes + this.dates) {
      fail(`a row of the query must have ${String(24 + this.attributes + this.dates)} values, got ${Array.isArray(row) ? String(row.length) : typeof row}`, 'invalid_option');
    }
    const kind = whole(row[0], 'kind');
    const at = whole(row[1], 'position');
    if (kind === ROW_PAUSE) {
      const record = this.whole;
      if (record?.index !== at) fail(`a pause of record ${String(at)} came without its record`, 'invalid_option');
      (record.pauses ??= []).push({ from: this.dateValue(row[this.at('pf')], this.query.pauseDates ?? 'text'), to: this.dateValue(row[this.at('pt')], this.query.pauseDates ?? 'text') });
      return;
    }
    this.flushWhole();
    if (kind === ROW_OMITTED) {
      this.omittedRecords += whole(row[2], 'count');
      SQL_PROBLEM_CODES.forEach((code, i) => {
        const count = whole(row[this.at('c', i)] ?? 0, 'count');
        if (count > 0) this.omitted.push({ code, count, key: whole(row[this.at('k', i)], 'first position') });
      });
      this.omitted.sort((a, b) => a.key - b.key);
      return;
    }
    this.flushOmitted(at * 256);
    if (kind === ROW_SHAPE) this.shape(row);
    else if (kind === ROW_RECORD) this.whole = this.wholeRecord(row, at);
    else fail(`a row of the query has an unknown kind ${String(kind)}`, 'invalid_option');
  }

  end(): void {
    this.flushWhole();
    this.flushOmitted(Number.POSITIVE_INFINITY);
  }

  private attributeValues(row: readonly unknown[]): Map<string, string> | null {
    let values: Map<string, string> | null = null;
    this.query.attributes.forEach((name, i) => {
      const value = row[5 + i];
      if (typeof value === 'string' && value !== '') (values ??= new Map()).set(name, value);
    });
    return values;
  }

  private shape(row: readonly unknown[]): void {
    const caseType = row[this.at('ct')];
    const decided = row[this.at('d')];
    if (typeof caseType !== 'string') return fail('a shape of the query has no case type', 'invalid_option');
    const counted = this.sink.shape(
      caseType,
      this.attributeValues(row),
      row[this.at('fl')] === 1,
      whole(row[this.at('a')], 'applied'),
      decided === null ? PENDING : whole(decided, 'decided'),
      whole(row[2], 'count'),
    );
    if (!counted) disagree(`cases of type "${caseType}" came as a shape, but the plan needs their records`);
  }

  private wholeRecord(row: readonly unknown[], index: number): WholeRecord {
    const record: Record<string, unknown> = keyedRecord();
    record['id'] = row[this.at('id')];
    record['caseType'] = row[this.at('ct')];
    const events = keyedRecord<unknown>();
    this.query.dates.forEach(({ field, kind }, i) => {
      const value = this.dateValue(row[9 + this.attributes + i], kind);
      if (field.startsWith('events.')) events[field.slice('events.'.length)] = value;
      else record[field] = value;
    });
    if (this.query.events.length > 0) record['events'] = events;
    if (this.attributes > 0) {
      const attributes = keyedRecord<unknown>();
      this.query.attributes.forEach((name, i) => { attributes[name] = row[5 + i]; });
      record['attributes'] = attributes;
    }
    const flag = row[this.at('fl')];
    if (flag !== null && flag !== undefined) record['withoutTarget'] = flag === 1;
    const keeper = row[this.at('keeper')];
    return {
      index,
      record,
      pauses: null,
      keeper: keeper === null || keeper === undefined ? null : whole(keeper, 'keeper'),
      counts: [0, 1, 2, 3, 4].map((i) => whole(row[this.at('c', i)] ?? 0, 'count')),
    };
  }

  /** A date value as the library's record reader takes it. */
  private dateValue(value: unknown, kind: SqlDateKind): unknown {
    if (value === null || value === undefined || kind === 'text') return value;
    const number = whole(value, 'date');
    return kind === 'date' ? formatDayNumber(number) : new Date(number * 1000);
  }

  private flushWhole(): void {
    const whole = this.whole;
    if (whole === null) return;
    this.whole = null;
    const { index, record, keeper, counts } = whole;
    if (whole.pauses !== null) record['pauses'] = whole.pauses;
    if (keeper !== null) {
      this.sink.duplicate(index, record['id'] as string, keeper);
      return;
    }
    const read = readCaseRecord(record, index);
    checkAgreement(index, read, counts);
    this.sink.read(index, read);
  }

  /** Counts the problems of records counted only that were first seen before `key`. */
  private flushOmitted(key: number): void {
    let taken = 0;
    while (taken < this.omitted.length && (this.omitted[taken] as { key: number }).key < key) taken++;
    if (taken === 0) return;
    const problems = this.omitted.slice(0, taken).map(({ code, count }): [IssueCode, number] => [code, count]);
    this.omitted = this.omitted.slice(taken);
    this.sink.omitted(this.omittedRecords, problems);
    this.omittedRecords = 0;
  }
}

/** Checks that the library finds the problems the engine found in a record (those of fields but pauses). */
function checkAgreement(index: number, read: ValidCase | InvalidRecord[], engine: readonly number[]): void {
  const library = [0, 0, 0, 0, 0];
  if (Array.isArray(read)) {
    for (const { code, field } of read) {
      const at = (SQL_PROBLEM_CODES as readonly string[]).indexOf(code);
      if (at >= 0 && at < 5 && !field.startsWith('pauses')) library[at] = (library[at] as number) + 1;
    }
  }
  const differs = library.some((count, i) => count !== engine[i]);
  if (differs) {
    const list = (counts: readonly number[]): string => counts.flatMap((count, i) => (count > 0 ? [`${SQL_PROBLEM_CODES[i] as string} × ${String(count)}`] : [])).join(', ') || 'none';
    disagree(`record ${String(index)}: the engine found ${list(engine)}, the library ${list(library)}`);
  }
}

function whole(value: unknown, what: string): number {
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) fail(`a row of the query has a ${what} that is no whole number: ${String(value)}`, 'invalid_option');
  return number;
}

function disagree(message: string): never {
  throw new ServicemaalError([{ code: 'engine_disagreement', message: `the engine and the library read the records differently: ${message}`, path: [] }]);
}

function fail(message: string, code: IssueCode): never {
  throw new ServicemaalError([{ code, message, path: ['rows'] }]);
}
