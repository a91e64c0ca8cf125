import type { IssueCode } from '../errors.js';
import type { InvalidRecord } from './records.js';

/**
 * Where a record was read from: the file (as the user named it, or `stdin`) and the line it starts
 * on (1 is the first line of the file, a CSV header included).
 *
 * @example
 * ```ts
 * const place: RecordPlace = { file: 'sager.csv', line: 14 };
 * const intake = createIntake(getPlan('siri-2023'), { period: '2023' });
 * intake.add('cases', { id: 'A1', caseType: 'eu', applied: '2023-02-29' }, place);
 * intake.aggregate().invalid[0]?.message; // 'sager.csv:14 (id A1): applied "2023-02-29" is not a calendar date'
 * ```
 */
export interface RecordPlace {
  file: string;
  line: number;
}

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
  code: IssueCode;
  message: string;
}

/**
 * A problem named by its file and line in place of its record's position.
 *
 * @example
 * ```ts
 * const [problem] = aggregateCases(getPlan('siri-2023'), [{ id: 'A1', caseType: 'eu', applied: '2023-02-29' }]).invalid;
 * if (problem !== undefined) placeProblem(problem, { file: 'sager.csv', line: 2 }).message; // 'sager.csv:2 (id A1): applied "2023-02-29" is not a calendar date'
 * ```
 */
export function placeProblem(problem: InvalidRecord, place: RecordPlace): InvalidRecord {
  return { ...problem, message: problem.message.replace(/^(record|contact|observation) \d+/, `${place.file}:${place.line}`) };
}
