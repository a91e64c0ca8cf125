import type { DayNumber } from '../dates/civil.js';
import type { DateInput } from '../dates/parse.js';
import { openRecord, readDate, readText, textOf, valueText, type InvalidRecord } from './records.js';

/**
 * One day's look at a service centre's booking: how many days to the next free appointment.
 *
 * @example
 * ```ts
 * const observations: ObservationRecord[] = [
 *   { date: '2024-09-02', centre: 'Valby', daysToNextSlot: 4 }, // a Monday
 *   { date: '2024-09-03', centre: 'Aarhus', daysToNextSlot: 12 }, // a Tuesday
 * ];
 * const report = evaluatePlan(getPlan('siri-2024'), { observations }, { period: { from: '2024-09-02', to: '2024-09-03' } });
 * // At most 10 days to the next slot on 80 % of weekdays, all centres together: of the 2 × 2
 * // centre-days, Valby on 3 September and Aarhus on 2 September were not observed (gaps, not within).
 * report.targets.find((target) => target.id === 'biometri')?.tiers[0]; // { kind: 'share', measured: 4, within: 1, share: 0.25, met: false, … }
 * ```
 */
export interface ObservationRecord {
  /** The day observed. */
  date: DateInput;
  /** The service centre, e.g. `Valby`. */
  centre: string;
  /** Days from `date` to the next free appointment (0 = the same day). */
  daysToNextSlot: number;
}

/**
 * A valid observation: its day as a day number.
 *
 * @example
 * ```ts
 * const read = readObservationRecord({ date: '2023-09-01', centre: 'Valby', daysToNextSlot: 4 }, 0);
 * const observation: ValidObservation | null = Array.isArray(read) ? null : read;
 * observation === null ? null : formatDayNumber(observation.day); // '2023-09-01'
 * observation?.daysToNextSlot; // 4
 * ```
 */
export interface ValidObservation {
  day: DayNumber;
  centre: string;
  daysToNextSlot: number;
}

/**
 * The longest plausible distance to the next free slot: 10 years (longer is an error in the export).
 *
 * @example
 * ```ts
 * readObservationRecord({ date: '2023-09-01', centre: 'Valby', daysToNextSlot: 5000 }, 0); // [{ code: 'invalid_value', … }]
 * ```
 */
export const MAX_DAYS_TO_SLOT = 3653;

const OBSERVATION_FIELDS = new Set(['date', 'centre', 'daysToNextSlot']);

/**
 * Validates one observation record. Its id in messages is `centre date`.
 *
 * @example
 * ```ts
 * readObservationRecord({ date: '2023-09-01', centre: 'Valby', daysToNextSlot: 4 }, 0);
 * // { day: 19601, centre: 'Valby', daysToNextSlot: 4 }
 * ```
 */
export function readObservationRecord(record: unknown, index: number): ValidObservation | InvalidRecord[] {
  const opened = openRecord('observations', record, index, OBSERVATION_FIELDS, (fields) => {
    const centre = textOf(fields['centre']);
    const date = textOf(fields['date']);
    return centre !== null && date !== null ? `${centre} ${date}` : null;
  });
  if (Array.isArray(opened)) return opened;
  const { fields, problems, problem } = opened;
  const centre = readText(fields, 'centre', problem);
  const day = readDate(fields['date'], 'date', true, problem);
  const days = fields['daysToNextSlot'];
  if (days === undefined || days === null) problem('daysToNextSlot', { code: 'missing_field', kind: 'missing' });
  else if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
    problem('daysToNextSlot', { code: 'invalid_value', kind: 'days-to-slot', got: valueText(days) });
  } else if (days > MAX_DAYS_TO_SLOT) {
    problem('daysToNextSlot', { code: 'invalid_value', kind: 'too-many-days', max: MAX_DAYS_TO_SLOT });
  }
  if (problems.length > 0) return problems;
  return { day: day as DayNumber, centre: centre as string, daysToNextSlot: days as number };
}
