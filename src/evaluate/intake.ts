import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { fail, type IssueCode } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { caseRowMaker, type CaseRow } from './case-rows.js';
import { CaseAccumulator, type AggregatePart, type CaseTypeSlot } from './cases.js';
import { compilePlan, resolveRegistry } from './compile.js';
import { DatedAccumulator } from './dated.js';
import { assertOptions, assertPlan, duplicatesOf, indexOffsets, missingAttributesOf } from './guards.js';
import { IdTable } from './ids.js';
import { addCount } from './keys.js';
import { emptyAggregate, resolvePeriodInput, type AggregateOptions, type DuplicatePolicy, type PlanAggregate } from './model.js';
import { PlaceRuns } from './places.js';
import { describeProblem, maxProblemsOf, placeProblem, recordProblem, textOf, type InputKind, type InvalidRecord, type ProblemPlace, type ValidCase } from './records.js';

const decoder = new TextDecoder();

/**
 * A source row that could not become a record at all (an unreadable CSV row, a line of NDJSON that
 * is no JSON object): what the file readers report as a row problem.
 *
 * @example
 * ```ts
 * const row: UnreadableRow = { column: '', code: 'invalid_value', message: 'extra columns: the row has 4 cells, the header 3' };
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023' });
 * intake.addUnreadable('cases', row, { file: 'sager.csv', line: 3 });
 * intake.aggregate().counts; // { input: 1, measured: 0, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 }
 * ```
 */
export interface UnreadableRow {
  /** The source column at fault, or `''` for the row. */
  column: string;
  /** The text at fault, if any (cut to a readable length). */
  value?: string;
  code: IssueCode;
  /** What is wrong, without the place. */
  message: string;
}

/**
 * Options of {@link createIntake}: those of {@link AggregateOptions} (one `period`), or several
 * periods counted in one pass (`periods`, as for `aggregateSeries`).
 *
 * @example
 * ```ts
 * const options: IntakeOptions = { periods: ['2023-Q1', '2023-Q2'], maxProblems: 100 };
 * createIntake(getPlan('siri-2023'), options).aggregates().map((aggregate) => aggregate.period.label); // ['2023-Q1', '2023-Q2']
 * ```
 */
export interface IntakeOptions extends AggregateOptions {
  /** Several periods, each counted into its own aggregate; `period` must then be left out. */
  periods?: readonly PeriodInput[];
  /**
   * Called with every valid case record, in day numbers, once it has been validated and before it
   * is counted, with its position: reports that need each case (the pending list, the backlog, the
   * cases behind a figure) read the records through the intake this way. With it, every case is
   * read as a record (no case is counted straight from its bytes).
   */
  onCase?: (read: ValidCase, index: number) => void;
  /**
   * Called with every case record once it is counted, valid or not (invalid, a repeated id,
   * pending, out of period, without target, measured), as a {@link CaseRow} of the first period:
   * its place, bucket and reason, and whether it is within each tier. The rows come from the
   * classification that counts the records, so they always add up to the report. With it, every
   * case is read as a record (the cases behind a report: `caseRows`, `servicemaal evaluate --cases-out`).
   */
  onRecord?: (row: CaseRow) => void;
}

/**
 * The one way records enter an evaluation: case records, contacts and observations, from arrays,
 * iterables, files or streams, one at a time. Each record is validated once, its bucket is decided
 * once (per period), and it is counted once; problems name the record's place when it is given.
 * `evaluatePlan`, `aggregateInputs`, `aggregateSeries`, the file readers' `readInto` and the command
 * line all count through an intake, so a record counts the same whichever way it comes in.
 *
 * The aggregates are complete whenever {@link Intake.aggregate} or {@link Intake.aggregates} is
 * called; records may be added after that, and a later call includes them.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const intake = createIntake(plan, { period: '2023' });
 * intake.add('cases', { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' });
 * intake.addAll('contacts', [{ id: 'K1', channel: 'phone', at: '2023-09-04', waitMinutes: 7.5 }]);
 * const report = reportFromAggregate(plan, intake.aggregate());
 * [report.counts.measured, report.contacts.counts.measured]; // [1, 1]
 * ```
 */
export class Intake {
  private readonly cases: CaseAccumulator;
  private readonly dated: { contacts: DatedAccumulator; observations: DatedAccumulator };
  /** The ids of the case records: per id, the position of the record that counts. */
  private readonly ids: IdTable;
  /** The file and line of each case record added with its place. */
  private readonly places = new PlaceRuns();
  /** With `duplicates: 'last'`: the position after the last case record whose id is known. */
  private expectedEnd: number;
  /** Whether each case record is told to `onRecord` (and so read as a record). */
  private readonly listening: boolean;
  /** The case record being added, for the case type of its row when it is invalid. */
  private current: unknown = null;

  /** @internal Use {@link createIntake}. */
  constructor(
    private readonly parts: readonly AggregatePart[],
    offsets: Partial<Record<InputKind, number>>,
    onCase: ((read: ValidCase, index: number) => void) | undefined,
    private readonly duplicates: DuplicatePolicy,
    onRecord?: (row: CaseRow) => void,
  ) {
    this.cases = new CaseAccumulator(parts, offsets.cases ?? 0);
    if (onCase !== undefined) this.cases.observer = onCase;
    this.listening = onRecord !== undefined;
    const first = parts[0];
    if (onRecord !== undefined && first !== undefined) {
      const row = caseRowMaker(first.compiled.plan);
      this.cases.observer ??= () => undefined;
      this.cases.listener = (outcome) => {
        onRecord(row(outcome, this.places.at(outcome.index), this.current));
      };
    }
    this.dated = {
      contacts: new DatedAccumulator(parts, 'contacts', offsets.contacts ?? 0),
      observations: new DatedAccumulator(parts, 'observations', offsets.observations ?? 0),
    };
    this.ids = new IdTable({ base: offsets.cases ?? 0 });
    this.expectedEnd = offsets.cases ?? 0;
  }

  /**
   * Adds one record of an input (any value: what is not a valid record is counted as invalid, with
   * its problems); `place` names its file and line in those problems.
   *
   * @throws {ServicemaalError} `invalid_option` for a case record with `duplicates: 'last'` whose
   *   id was not given first (see {@link Intake.expectIds}).
   */
  add(kind: InputKind, record: unknown, place?: ProblemPlace): void {
    const before = place === undefined ? 0 : this.listed();
    if (kind === 'cases') {
      if (place !== undefined) this.places.note(this.cases.index, place.file, place.line);
      this.current = record;
      this.addCase(record);
      this.current = null;
    } else this.accumulator(kind).add(record);
    if (place !== undefined) this.place(before, place);
  }

  /**
   * Adds every record of an array or other iterable of one input. With `duplicates: 'last'`, the
   * ids of case records given in an array (or another iterable that can be read twice) are read
   * first, unless {@link Intake.expectIds} has given them.
   *
   * @throws {ServicemaalError} `invalid_option` for case records with `duplicates: 'last'` in an
   *   iterable that can be read once (a generator) whose ids were not given first.
   */
  addAll(kind: InputKind, records: Iterable<unknown>): void {
    if (kind === 'cases') {
      if (this.duplicates === 'last' && this.cases.index >= this.expectedEnd) {
        if ((records[Symbol.iterator]() as unknown) === records) {
          fail(
            'invalid_option',
            "duplicates 'last' needs the ids of the case records before they are counted: pass an array (or another iterable that can be read twice), or give the ids first with intake.expectIds",
            ['duplicates'],
          );
        }
        if (Array.isArray(records)) this.ids.expect(this.ids.size + records.length);
        this.expectIds(idsOf(records));
      }
      if (this.listening) {
        for (const record of records) this.add('cases', record);
      } else if (Array.isArray(records)) {
        this.ids.expect(this.ids.size + records.length);
        for (let i = 0; i < records.length; i++) this.addCase(records[i]);
      } else {
        for (const record of records) this.addCase(record);
      }
    } else {
      const accumulator = this.accumulator(kind);
      for (const record of records) accumulator.add(record);
    }
  }

  /**
   * With `duplicates: 'last'`: the ids of the case records still to be added, in the order they
   * will be added (one entry a record; anything but a non-empty string for a record without one),
   * so that each record knows whether a later one has its id. Call it once or more before adding
   * the records: each call goes on where the one before ended. `readIdsInto` of `servicemaal/io`
   * gives the ids of a file this way.
   *
   * @throws {ServicemaalError} `invalid_option` when the intake counts with `duplicates: 'first'`.
   * @example
   * ```ts
   * const extract = [
   *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: null },
   *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
   * ];
   * const intake = createIntake(getPlan('siri-2023'), { period: '2023', duplicates: 'last' });
   * intake.expectIds(extract.map((record) => record.id));
   * for (const record of extract) intake.add('cases', record);
   * intake.aggregate().counts; // { input: 2, measured: 1, pending: 0, outOfPeriod: 0, withoutTarget: 0, invalid: 1 }
   * intake.aggregate().invalid[0]?.message; // 'record 0 (id A1): id is repeated: the last record with it, the one counted, is record 1'
   * ```
   */
  expectIds(ids: Iterable<unknown>): void {
    this.checkExpecting();
    for (const id of ids) {
      if (typeof id === 'string' && id !== '') this.ids.setString(id, this.expectedEnd);
      this.expectedEnd++;
    }
  }

  /** Adds a source row that could not become a record: an invalid record of its input. */
  addUnreadable(kind: InputKind, row: UnreadableRow, place?: ProblemPlace): void {
    if (kind === 'cases' && place !== undefined) this.places.note(this.cases.index, place.file, place.line);
    this.current = null;
    const problem = unreadableProblem(kind, this.position(kind), row, place);
    if (kind === 'cases') this.cases.addProblem(problem);
    else this.accumulator(kind).addProblem(problem);
  }

  /**
   * Names the source column of the field of every listed problem read from `file` that has none
   * yet: for readers that know a file's columns only once they have read it.
   */
  nameColumns(file: string, columns: Readonly<Record<string, string>>): void {
    for (const { aggregate } of this.parts) {
      const invalid = aggregate.invalid;
      for (let i = 0; i < invalid.length; i++) {
        const problem = invalid[i] as InvalidRecord;
        if (problem.file === file && problem.line !== null && problem.column === null) invalid[i] = placeProblem(problem, { file, line: problem.line, columns });
      }
    }
  }

  /**
   * The receiver of a file reader that reads case records from bytes (`readInto` of
   * `servicemaal/io`): rows of the common shape arrive as day numbers and id bytes through `days`,
   * every other row as a record or an unreadable row through `row`, with its line in `file`.
   */
  caseRows(file: string): IntakeCaseRows {
    const { cases, ids, places } = this;
    const first = this.duplicates === 'first';
    return {
      slot: (caseType, attributes = null, flagged = false) => {
        // Rows told to `onRecord` are read as records, with every attribute.
        if (this.listening) return null;
        const slot = cases.variant(cases.slot(caseType), attributes, flagged);
        // A case made invalid by a lacking attribute is read as a record, so its problem names its line.
        return slot.invalidAttribute === null ? slot : null;
      },
      days: (slot, applied, decided, line, id, from, to) => {
        const index = cases.index;
        places.note(index, file, line);
        const other = first ? ids.bytes(id, from, to, index, true) : this.laterOf(ids.bytes(id, from, to, index, false), index, id, from, to);
        if (other >= 0) {
          this.addDuplicate(index, decoder.decode(id.subarray(from, to)), other, { file, line });
          return;
        }
        const handle = slot as CaseTypeSlot;
        cases.addDays(handle, applied, decided, handle.eventClock || cases.observer !== null ? decoder.decode(id.subarray(from, to)) : '');
      },
      row: (row) => {
        const place = { file, line: row.line };
        if (row.problem === undefined) this.add('cases', row.record, place);
        else this.addUnreadable('cases', row.problem, place);
      },
      expect: (rows) => { ids.expect(ids.size + rows); },
    };
  }

  /**
   * With `duplicates: 'last'`: the receiver of a reader's first pass over a file of case records,
   * which gives the id (and line) of each record as {@link Intake.expectIds} does. `readIdsInto` of
   * `servicemaal/io` reads a file into it.
   *
   * @throws {ServicemaalError} `invalid_option` when the intake counts with `duplicates: 'first'`.
   */
  idRows(file: string): IntakeCaseRows {
    this.checkExpecting();
    const { ids, places } = this;
    return {
      slot: (caseType) => ({ caseType }),
      days: (_slot, _applied, _decided, line, id, from, to) => {
        places.note(this.expectedEnd, file, line);
        ids.setBytes(id, from, to, this.expectedEnd++);
      },
      row: (row) => {
        places.note(this.expectedEnd, file, row.line);
        const id = row.problem === undefined ? caseIdOf(row.record) : null;
        if (id !== null) ids.setString(id, this.expectedEnd);
        this.expectedEnd++;
      },
      expect: (rows) => { ids.expect(ids.size + rows); },
    };
  }

  /**
   * @internal The receiver of the rows of a query that a database ran for the plan (`aggregateFromRows`):
   * records already checked by the engine, each at its own position, in position order.
   */
  engineRows(): IntakeEngineRows {
    const cases = this.cases;
    return {
      shape: (caseType, attributes, flagged, applied, decided, count) => {
        const slot = cases.variant(cases.slot(caseType), attributes, flagged);
        // A case type whose targets read events, or a case its attributes make invalid, needs its records.
        if (slot.eventClock || slot.invalidAttribute !== null || cases.observer !== null) return false;
        for (let i = 0; i < count; i++) cases.addDays(slot, applied, decided, '');
        return true;
      },
      read: (index, read) => {
        cases.index = index;
        cases.addRead(read);
      },
      duplicate: (index, id, other) => {
        cases.index = index;
        this.addDuplicate(index, id, other, null);
      },
      omitted: (records, problems) => {
        for (const { aggregate } of this.parts) {
          aggregate.counts.input += records;
          aggregate.counts.invalid += records;
          for (const [code, count] of problems) {
            addCount(aggregate.invalidCounts, code, count);
            aggregate.invalidOmitted += count;
          }
        }
      },
    };
  }

  /** The aggregate of the (first) period, complete with every record added so far. */
  aggregate(): PlanAggregate {
    return this.aggregates()[0] as PlanAggregate;
  }

  /** The aggregates of every period, in the order of `periods`, complete with every record added so far. */
  aggregates(): PlanAggregate[] {
    this.cases.finish();
    return this.parts.map((part) => part.aggregate);
  }

  /** Counts a case record, or lists it as a duplicate. */
  private addCase(record: unknown): void {
    const id = caseIdOf(record);
    if (id !== null) {
      const index = this.cases.index;
      const other = this.duplicates === 'first' ? this.ids.string(id, index, true) : this.laterOf(this.ids.string(id, index, false), index, id, 0, 0);
      if (other >= 0) {
        this.addDuplicate(index, id, other, null);
        return;
      }
    } else if (this.duplicates === 'last') this.laterOf(-1, this.cases.index, null, 0, 0);
    this.cases.add(record);
  }

  /**
   * With `duplicates: 'last'`: the position of the record with the id of the record at `index`
   * that counts in its place (`found`: the position stored for its id, -1 for none), or -1 when
   * it counts itself. A record whose id was not given first is an error.
   */
  private laterOf(found: number, index: number, id: string | Uint8Array | null, from: number, to: number): number {
    if (index >= this.expectedEnd) {
      fail('invalid_option', `duplicates 'last' needs the ids of the case records before they are counted: record ${String(index)} is beyond the ids given (see intake.expectIds)`, ['duplicates']);
    }
    if (found > index) return found;
    if (found === index || id === null) return -1;
    const text = typeof id === 'string' ? id : decoder.decode(id.subarray(from, to));
    return fail('invalid_option', `duplicates 'last': record ${String(index)} (id ${text}) is not the record given with that id at its position: the records differ from the ids given first`, ['duplicates']);
  }

  /** Lists the record at `index` as a duplicate of the record at `other`, the one that counts. */
  private addDuplicate(index: number, id: string, other: number, place: { file: string; line: number } | null): void {
    const problemOf = (): InvalidRecord => {
      const at = this.places.at(other);
      return recordProblem('cases', index, id, 'id', { code: 'duplicate_record', kind: this.duplicates, index: other, file: at?.file ?? null, line: at?.line ?? null });
    };
    if (this.listsFull()) {
      // Counted only, as `listProblems` counts a problem beyond the list: its sentence is not written.
      this.cases.index++;
      for (const { aggregate } of this.parts) {
        aggregate.counts.input++;
        aggregate.counts.invalid++;
        addCount(aggregate.invalidCounts, 'duplicate_record');
        aggregate.invalidOmitted++;
      }
      if (this.listening) this.cases.tellInvalid(index, [problemOf()]);
      return;
    }
    const problem = problemOf();
    this.cases.addProblem(place === null ? problem : placeProblem(problem, place));
  }

  /** Whether every period's list of problems is full (further problems are counted only). */
  private listsFull(): boolean {
    for (const { aggregate } of this.parts) {
      if (aggregate.maxProblems === null || aggregate.invalid.length < aggregate.maxProblems) return false;
    }
    return true;
  }

  private checkExpecting(): void {
    if (this.duplicates !== 'last') fail('invalid_option', "the ids of the records are given first only with duplicates 'last'", ['duplicates']);
  }

  private accumulator(kind: 'contacts' | 'observations'): DatedAccumulator {
    return this.dated[kind];
  }

  private position(kind: InputKind): number {
    return kind === 'cases' ? this.cases.index : this.accumulator(kind).index;
  }

  /** Problems listed in the first period's aggregate (every period lists the same problems). */
  private listed(): number {
    return (this.parts[0] as AggregatePart).aggregate.invalid.length;
  }

  /** Names `place` in the problems listed since `before`, in every period's aggregate. */
  private place(before: number, place: ProblemPlace): void {
    for (const { aggregate } of this.parts) {
      const invalid = aggregate.invalid;
      for (let i = before; i < invalid.length; i++) invalid[i] = placeProblem(invalid[i] as InvalidRecord, place);
    }
  }
}

/** The id of a case record as `readCaseRecord` reads it (a non-empty string), or `null`. */
function caseIdOf(record: unknown): string | null {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? textOf((record as Record<string, unknown>)['id']) : null;
}

/** The ids of case records, one a record. */
function* idsOf(records: Iterable<unknown>): Generator<string | null> {
  for (const record of records) yield caseIdOf(record);
}

/** The invalid record of a row that could not become a record, at `index` of its input. */
export function unreadableProblem(input: InputKind, index: number, row: UnreadableRow, place: ProblemPlace | undefined): InvalidRecord {
  const problem = {
    input,
    index,
    id: null,
    field: '',
    file: place?.file ?? null,
    line: place?.line ?? null,
    column: row.column === '' ? null : row.column,
    value: row.value === undefined || row.value === '' ? null : row.value,
    code: row.code,
    reason: row.message,
  };
  return { ...problem, message: describeProblem(problem) };
}

/** @internal What {@link Intake.engineRows} returns. */
export interface IntakeEngineRows {
  /**
   * `count` valid cases of one shape — a case type, the values of the attributes scopes test, the
   * flag and the days (`decided` -1 while pending), without events or pauses — counted at no
   * particular position. `false` when such cases must come as records instead (their case type's
   * targets read events, or the attributes make them invalid); nothing is counted then.
   */
  shape(caseType: string, attributes: ReadonlyMap<string, string> | null, flagged: boolean, applied: number, decided: number, count: number): boolean;
  /** A record read by `readCaseRecord` (valid or not), at `index`. */
  read(index: number, read: ValidCase | InvalidRecord[]): void;
  /** A record at `index` whose id the record at `other` has, the one that counts. */
  duplicate(index: number, id: string, other: number): void;
  /** Invalid records counted only (their problems beyond the list): how many, and their problems by code in the order first seen. */
  omitted(records: number, problems: readonly (readonly [IssueCode, number])[]): void;
}

/**
 * What {@link Intake.caseRows} returns: the receiver of a reader of case records from bytes.
 *
 * @example
 * ```ts
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023' });
 * const rows: IntakeCaseRows = intake.caseRows('sager.csv');
 * rows.row({ line: 2, record: { id: 'A1', caseType: 'eu', applied: '2023-03-01', decided: '2023-03-02' } });
 * intake.aggregate().counts.measured; // 1
 * ```
 */
export interface IntakeCaseRows {
  /**
   * The handle of a case type with these attribute values (only non-empty ones) and flag
   * `withoutTarget` (the targets measuring such cases), asked for once per distinct combination;
   * `null` when such rows must be handed over through `row` (their attributes make them invalid).
   */
  slot(caseType: string, attributes?: ReadonlyMap<string, string> | null, flagged?: boolean): CaseTypeHandle | null;
  /**
   * A valid case `{ id, caseType, applied, decided }` in day numbers (`decided` -1 while pending),
   * on `line` of the file, its id the UTF-8 bytes `id[from, to)` (read during the call only).
   */
  days(slot: CaseTypeHandle, applied: number, decided: number, line: number, id: Uint8Array, from: number, to: number): void;
  /** Any other row: a record, or a row that could not become one, with its line. */
  row(row: { line: number; record: Record<string, unknown>; problem?: undefined } | { line: number; problem: UnreadableRow; record?: undefined }): void;
  /** A guess of the number of rows of the file, to make room for their ids ahead. */
  expect(rows: number): void;
}

/**
 * The handle {@link IntakeCaseRows.slot} gives for a case type: what the intake knows of it (the
 * targets that cover it) stays inside; a reader passes it back with each case of that type.
 *
 * @example
 * ```ts
 * const rows = createIntake(getPlan('siri-2023'), { period: '2023' }).caseRows('sager.csv');
 * const handle: CaseTypeHandle | null = rows.slot('fast-track');
 * handle?.caseType; // 'fast-track'
 * ```
 */
export interface CaseTypeHandle {
  readonly caseType: string;
}

/**
 * The plan of an intake without one: no targets, and every day the library reads as its period.
 * Its records are validated and counted, and none is measured (every valid case is without target).
 */
const NO_PLAN: ServicePlan = {
  id: 'records',
  title: 'Records (no plan)',
  authority: null,
  year: null,
  period: { from: '1900-01-01', to: '2199-12-31' },
  targets: [],
  groups: [],
  notEvaluable: [],
  documents: [],
  notes: [],
  calendar: null,
  addenda: [],
  requirements: [],
  totalWeight: null,
};

/**
 * Starts an intake: the plan compiled for the period (or periods), empty aggregates, and the
 * record positions starting at `indexOffset`. Without a plan (`null`), the records are validated
 * and counted by the same rules, none is measured, and the period is every day from 1900 to 2199:
 * what `servicemaal validate` and `backlogReport` do.
 *
 * @throws {ServicemaalError} `invalid_plan` for a value that is no plan; `invalid_option` for bad
 *   options; `invalid_period` for a period that cannot be read.
 * @example
 * ```ts
 * const intake = createIntake(getPlan('siri-2024'), { period: '2024-Q1', maxProblems: 10 });
 * intake.addAll('cases', [{ id: 'F1', caseType: 'fast-track', applied: '2024-01-02', decided: '2024-01-20' }]);
 * intake.aggregate().counts.measured; // 1
 * createIntake(getPlan('siri-2024'), { period: '2024', periods: ['2024-Q1'] }); // throws: code 'invalid_option'
 * const records = createIntake(null);
 * records.addAll('observations', [{ date: '2024-03-04', centre: 'Valby', daysToNextSlot: 3 }, { date: '2024-03-04', centre: 'Valby', daysToNextSlot: 4 }]);
 * records.aggregate().invalid.map((problem) => problem.code); // ['duplicate_record']
 * ```
 */
export function createIntake(plan: ServicePlan | null, options: IntakeOptions = {}): Intake {
  if (plan === null) plan = NO_PLAN;
  else assertPlan(plan);
  assertOptions(options, options.periods === undefined);
  const { periods } = options;
  if (periods !== undefined) {
    if (options.period !== undefined) fail('invalid_option', 'give period or periods, not both', ['periods']);
    if (!Array.isArray(periods) || periods.length === 0) fail('invalid_option', 'periods must list at least one period', ['periods']);
  }
  const parsed =
    periods === undefined
      ? [parsePeriod(resolvePeriodInput(plan, options.period), options.period === undefined ? ['plan', 'period'] : ['period'])]
      : periods.map((period: PeriodInput, i) => parsePeriod(period, ['periods', i]));
  const registry = resolveRegistry(options.caseTypes);
  const maxProblems = maxProblemsOf(options.maxProblems);
  const duplicates = duplicatesOf(options.duplicates);
  const missingAttributes = missingAttributesOf(options.missingAttributes);
  const parts = parsed.map((period): AggregatePart => {
    const compiled = compilePlan(plan, registry, period);
    return { compiled, aggregate: emptyAggregate(plan, compiled, maxProblems, duplicates, missingAttributes) };
  });
  const { onCase, onRecord } = options;
  if (onCase !== undefined && typeof onCase !== 'function') fail('invalid_option', 'onCase must be a function', ['onCase']);
  if (onRecord !== undefined && typeof onRecord !== 'function') fail('invalid_option', 'onRecord must be a function', ['onRecord']);
  return new Intake(parts, indexOffsets(options.indexOffset), onCase, duplicates, onRecord);
}
