/**
 * Every problem the library reports has a stable `code` literal, so callers can branch on it
 * without parsing messages (the same idea as zod's and valibot's issues).
 *
 * @example
 * ```ts
 * const result = parseDate('2023-02-29');
 * const code: IssueCode | null = typeof result === 'number' ? null : result.code;
 * code; // 'invalid_date'
 * ```
 */
export type IssueCode =
  // record-level problems (listed in a report's `invalid`)
  | 'invalid_type'
  | 'missing_field'
  | 'unknown_field'
  | 'invalid_date'
  | 'date_out_of_range'
  | 'decision_before_application'
  | 'event_before_application'
  | 'clock_reversed'
  | 'invalid_pause'
  | 'overlapping_pauses'
  | 'pause_outside_case'
  | 'invalid_value'
  | 'duplicate_record'
  | 'missing_attribute'
  // definition and call problems (thrown as ServicemaalError)
  | 'invalid_plan'
  | 'invalid_target'
  | 'unknown_plan'
  | 'invalid_period'
  | 'invalid_option'
  | 'incompatible_aggregates'
  // a database engine read records otherwise than the library (see aggregateFromRows)
  | 'engine_disagreement';

/**
 * One problem: a stable code, a readable message and where it was found.
 *
 * @example
 * ```ts
 * try {
 *   parsePeriod('2023-Q5');
 * } catch (error) {
 *   if (error instanceof ServicemaalError) {
 *     const issue: Issue | undefined = error.issues[0];
 *     issue?.code; // 'invalid_period'
 *     issue?.path; // ['period']
 *   }
 * }
 * ```
 */
export interface Issue {
  /** Stable machine-readable code. */
  code: IssueCode;
  /** Human-readable explanation. */
  message: string;
  /** Where in the input the problem is, as a list of keys and indexes (empty for the whole input). */
  path: (string | number)[];
}

/**
 * The one error class of the library. It carries typed issues; its message joins them.
 *
 * @example
 * ```ts
 * import { getPlan, ServicemaalError } from 'servicemaal';
 * try {
 *   getPlan('siri-1999');
 * } catch (error) {
 *   if (error instanceof ServicemaalError) {
 *     error.issues[0]?.code; // 'unknown_plan'
 *     error.message; // 'unknown plan "siri-1999"; known plans: us-2019, siri-2020, siri-2023, siri-2024 (at plan) [unknown_plan]'
 *   }
 * }
 * ```
 */
export class ServicemaalError extends Error {
  /** The problems found; at least one. */
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ServicemaalError';
    this.issues = issues;
  }
}

function formatIssue(issue: Issue): string {
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${issue.message}${where} [${issue.code}]`;
}

/** Throws a {@link ServicemaalError} with a single issue. */
export function fail(code: IssueCode, message: string, path: (string | number)[] = []): never {
  throw new ServicemaalError([{ code, message, path }]);
}

/** The longest value a message quotes whole, in characters. */
const SHOWN_CHARACTERS = 60;

/**
 * A value as a message quotes it: whole up to 60 characters, else its first 60 characters, `…`
 * and its full length, so a message stays readable (and small) however long the value.
 *
 * @example
 * ```ts
 * shortText('2023-02-30'); // '2023-02-30'
 * shortText('x'.repeat(100)); // 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100 characters)'
 * ```
 */
export function shortText(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return text;
  // A cut between the halves of a surrogate pair would leave half a character.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(SHOWN_CHARACTERS - 1)) ? SHOWN_CHARACTERS - 1 : SHOWN_CHARACTERS;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}
