import { formatDayNumber } from '../dates/civil.js';
import { measuresOn, type CompiledPlan, type CompiledTarget } from './compile.js';
import type { AggregatePart } from './cases.js';
import { readContactRecord } from './contacts.js';
import { addDay } from './coverage.js';
import { addToHistogram } from './histogram.js';
import { addCount, keyedRecord, ownValue, setOwn } from './keys.js';
import type { PlanAggregate, TargetAggregate } from './model.js';
import { readObservationRecord } from './observations.js';
import { listProblems, recordProblem, type InvalidRecord } from './records.js';

type Part = AggregatePart;

/**
 * Counts a dated record (contact or observation) into the first buckets of its input — invalid,
 * without target — and returns the targets measuring its day in this period (empty: out of
 * period), or `null` when the record is already placed.
 */
function placeDated(
  aggregate: PlanAggregate,
  input: { counts: { input: number; invalid: number; withoutTarget: number }; withoutTarget: Record<string, number> },
  read: { day: number } | InvalidRecord[],
  key: string,
  coveringAnyPeriod: readonly CompiledTarget[],
  compiled: CompiledPlan,
): CompiledTarget[] | null {
  input.counts.input++;
  if (Array.isArray(read)) {
    input.counts.invalid++;
    listProblems(aggregate, read);
    return null;
  }
  if (coveringAnyPeriod.length === 0) {
    input.counts.withoutTarget++;
    addCount(input.withoutTarget, key);
    return null;
  }
  const { from, to } = compiled.period;
  if (read.day < from || read.day > to) return [];
  return coveringAnyPeriod.map((target) => compiled.targets[target.index] as CompiledTarget).filter((target) => measuresOn(target, read.day));
}

/**
 * Counts contact or observation records into the aggregates of one or more periods, one record at
 * a time (as `aggregateInputs` counts them). Observations of a centre and day seen before, at any
 * distance, are invalid (`duplicate_record`).
 */
export class DatedAccumulator {
  /** Position of the next record. */
  index: number;
  /** Centre and day of every observation counted. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly parts: readonly Part[],
    private readonly kind: 'contacts' | 'observations',
    offset: number,
  ) {
    this.index = offset;
  }

  /** Counts one record (of any shape: invalid ones are listed with their problems). */
  add(record: unknown): void {
    const index = this.index++;
    if (this.kind === 'contacts') this.addContact(record, index);
    else this.addObservation(record, index);
  }

  /** Counts a source row that could not become a record as an invalid record; returns its position. */
  addProblem(problem: Omit<InvalidRecord, 'index'>): number {
    const index = this.index++;
    for (const { aggregate } of this.parts) {
      const { counts } = aggregate[this.kind];
      counts.input++;
      counts.invalid++;
      listProblems(aggregate, [{ ...problem, index }]);
    }
    return index;
  }

  private addContact(record: unknown, index: number): void {
    const first = (this.parts[0] as Part).compiled;
    const read = readContactRecord(record, index);
    const coveringAnyPeriod = Array.isArray(read) ? [] : first.contactTargetsFor(read.channel);
    for (const { compiled, aggregate } of this.parts) {
      const { counts } = aggregate.contacts;
      const measuring = placeDated(aggregate, aggregate.contacts, read, Array.isArray(read) ? '' : read.channel, coveringAnyPeriod, compiled);
      if (measuring === null || Array.isArray(read)) continue;
      if (measuring.length === 0) {
        counts.outOfPeriod++;
      } else if (read.waitSeconds === null) {
        counts.unanswered++;
      } else {
        counts.measured++;
        for (const target of measuring) addToHistogram((aggregate.targets[target.index] as TargetAggregate).seconds ?? [], read.waitSeconds);
      }
    }
  }

  private addObservation(record: unknown, index: number): void {
    const first = (this.parts[0] as Part).compiled;
    let read = readObservationRecord(record, index);
    if (!Array.isArray(read)) {
      const key = `${read.centre}\u0000${read.day}`;
      if (this.seen.has(key)) {
        const id = `${read.centre} ${formatDayNumber(read.day)}`;
        read = [recordProblem('observations', index, id, 'date', { code: 'duplicate_record' }, formatDayNumber(read.day))];
      } else {
        this.seen.add(key);
      }
    }
    const coveringAnyPeriod = Array.isArray(read) ? [] : first.observationTargetsFor(read.centre);
    for (const { compiled, aggregate } of this.parts) {
      const { counts } = aggregate.observations;
      const measuring = placeDated(aggregate, aggregate.observations, read, Array.isArray(read) ? '' : read.centre, coveringAnyPeriod, compiled);
      if (measuring === null || Array.isArray(read)) continue;
      const day = read.day;
      const working = measuring.filter((target) => target.calendar.isWorkingDay(day));
      if (measuring.length === 0) {
        counts.outOfPeriod++;
      } else if (working.length === 0) {
        counts.notWorkingDay++;
      } else {
        counts.measured++;
        for (const target of working) {
          const state = aggregate.targets[target.index] as TargetAggregate;
          addToHistogram(state.days, read.daysToNextSlot);
          const centres = state.centres ?? keyedRecord<number[]>();
          let histogram = ownValue(centres, read.centre);
          if (histogram === undefined) {
            histogram = [];
            setOwn(centres, read.centre, histogram);
          }
          addToHistogram(histogram, read.daysToNextSlot);
          const observed = state.observedDays ?? keyedRecord<[number, number][]>();
          let ranges = ownValue(observed, read.centre);
          if (ranges === undefined) {
            ranges = [];
            setOwn(observed, read.centre, ranges);
          }
          addDay(ranges, day);
        }
      }
    }
  }
}
