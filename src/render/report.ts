import { documentCsvLines, renderDocumentCsv } from '../document/render-csv.js';
import { documentTextLines } from '../document/render-text.js';
import { moreProblems, reportDocument } from '../document/report-document.js';
import type { Cell, DocumentBlock } from '../document/model.js';
import { problemMessage, type InvalidRecord } from '../evaluate/records.js';
import type { PlanReport, PlanTotal, RequirementReport } from '../evaluate/report.js';
import type { IssueCode } from '../errors.js';
import { message, type MessageKey } from '../messages/catalogue.js';
import { checkFormat, col, formatCount, formatPoints, joinLines, marksOf, type Block, type RenderLocale, type RenderOptions } from './format.js';

export { REPORT_CSV_COLUMNS } from '../document/report-document.js';

/**
 * The columns of {@link renderInvalidCsv}, in order.
 *
 * @example
 * ```ts
 * INVALID_CSV_COLUMNS.join(','); // 'input,index,id,field,code,message,file,line,column,value'
 * ```
 */
export const INVALID_CSV_COLUMNS = ['input', 'index', 'id', 'field', 'code', 'message', 'file', 'line', 'column', 'value'] as const;

/**
 * A compliance report as text or CSV, in English or Danish: the document of {@link reportDocument}
 * laid out by {@link renderDocumentText} or {@link renderDocumentCsv}.
 *
 * - `table`: aligned columns for a terminal (numbers right-aligned; every line of a table has the
 *   same width). `markdown`: GitHub Markdown with tables that paste into a status document.
 *   Both give the title and period; per target (by its label) and tier the limit, measured,
 *   within (or the mean), share and required share, met (`✓ met`, `✗ not met`, or why it is
 *   unscored: `– unscored: nothing measured`), cases needed and points; notes on scopes, small
 *   populations, missing clock events and targets that do not apply; the centres of observation
 *   targets, and their gaps (the working days of the window without an observation, per centre,
 *   with their dates) and how the gaps entered the shares (the `observationGaps` policy); the
 *   records of each input by bucket (the buckets add up to the input); the records without a
 *   target by reason and case type, and for a plan with target scopes how records lacking an
 *   attribute were counted; every listed invalid record with its message, the counts by code and
 *   the duplicates; the groups, the plan's points, the requirements with the basis of their
 *   points and why weighted items earned none.
 * - `csv`: the tables of the document, separated by one empty line. The first has one row per
 *   target and tier under {@link REPORT_CSV_COLUMNS} (the English header; in Danish the Danish
 *   titles), then one per requirement. `tier` counts from 1; `required` and `share` are
 *   fractions (0–1), `share` rounded to the precision shown (85.3 % → 0.853); `mean`, `median`
 *   and `p90` describe the measured times in the tier's unit (days for month limits); `scope` is
 *   the target's scope (see `formatScope`), empty when it has none; `met` is `true`, `false` or
 *   empty; `weight` and `points` are the tier's, or for a target weighed as a whole the target's,
 *   on its first tier. For observation targets, `observed` and `gaps` are the centre-days observed
 *   and not observed on working days of the window, `gap_policy` is `notWithin` or `exclude`,
 *   and `gap_dates` lists each centre's gaps (`Valby: 2023-09-06..2023-09-07; …`); they are empty
 *   for other targets. Then come the centres and gaps of observation targets (when there are
 *   any), the records by bucket (`input,records,measured,…`), the records without a target by
 *   reason and case type, the problems by code, and the groups. Invalid records have their own
 *   CSV: {@link renderInvalidCsv}.
 *
 * Locale `en` writes English, `12,345` and `85.3 %` and separates CSV fields by `,`; `da` writes
 * every word in Danish (headings, columns, units, notes, statuses, problem messages), `12.345`
 * and `85,3 %`, and separates CSV fields by `;` with decimal commas. Whether a tier is met is the
 * report's exact comparison, never redone from the rounded share.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(
 *   getPlan('siri-2023'),
 *   [
 *     { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *     { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 *   ],
 *   { period: '2023' },
 * );
 * const table = renderReport(report, { format: 'table' });
 * table.split('\n').find((line) => line.startsWith('Fast-track'))?.split(/ {2,}/);
 * // ['Fast-track 1. gang', '≤ 31 days', '2', '1', '50.0 %', '85 %', '✗ not met', '2', '–']
 * renderReport(report, { format: 'table', locale: 'da' }).split('\n').find((line) => line.startsWith('Fast-track'))?.split(/ {2,}/);
 * // ['Fast-track 1. gang', '≤ 31 dage', '2', '1', '50,0 %', '85 %', '✗ ikke opfyldt', '2', '–']
 * renderReport(report, { format: 'csv', locale: 'da' }).split('\n')[1];
 * // 'siri-2023;2023-01-01;2023-12-31;fast-track;Fast-track 1. gang;1;31;days;0,85;2;1;0,5;32;false;;;19;45;1.1;;;;;;applicationKind = first'
 * ```
 */
export function renderReport(report: PlanReport, options: RenderOptions): string {
  return joinLines(reportLines(report, options));
}

/**
 * The lines of {@link renderReport}, one at a time (without line breaks): the command line writes
 * them as they are made, so that a report listing millions of invalid records is never one text.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }]);
 * [...reportLines(report, { format: 'table' })][0]; // 'siri-2023: SIRI mål- og resultatplan 2023: sagsbehandlingstider og borgerservice'
 * ```
 */
export function reportLines(report: PlanReport, options: RenderOptions): Iterable<string> {
  const format = checkFormat(options.format, ['table', 'markdown', 'csv'], options.locale);
  const document = reportDocument(report, { language: options.locale ?? 'en' });
  return format === 'csv' ? documentCsvLines(document) : documentTextLines(document, { format });
}

/**
 * The invalid records of a report (or of a pending report) as CSV under
 * {@link INVALID_CSV_COLUMNS}: the input, the record's position in it (0-based), its id, the field
 * at fault, the code and the message, then where the record was read (file, line and the source
 * column of the field, empty for records given in memory) and the offending value. One row per
 * problem (a record may have several). With
 * `omitted` (a report's `invalidOmitted`) above 0, a last row with only a message says how many
 * problems the list leaves out: `1,999,000 more problems not listed`. With locale `da` the
 * header is in Danish (`kilde;nummer;id;felt;kode;meddelelse;…`), fields are separated by `;`
 * and the messages are in Danish ({@link problemMessage}); the codes stay as they are.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-10' },
 * ]);
 * renderInvalidCsv(report.invalid);
 * // 'input,index,id,field,code,message,file,line,column,value\ncases,1,A2,applied,invalid_date,"record 1 (id A2): applied ""2023-02-29"" is not a calendar date",,,,2023-02-29\n'
 * renderInvalidCsv(report.invalid, { locale: 'da' }).split('\n')[1];
 * // 'cases;1;A2;applied;invalid_date;"post 1 (id A2): applied ""2023-02-29"" er ikke en dato i kalenderen";;;;2023-02-29'
 * ```
 */
export function renderInvalidCsv(invalid: readonly InvalidRecord[], options: { locale?: RenderLocale | undefined; omitted?: number } = {}): string {
  const language = options.locale ?? 'en';
  marksOf(language);
  const title = (key: (typeof INVALID_CSV_COLUMNS)[number]): string => message(language, INVALID_CSV_TITLES[key]);
  const rows: Cell[][] = invalid.map((problem) => [
    text(problem.input),
    { kind: 'count', value: problem.index },
    text(problem.id ?? ''),
    text(problem.field),
    text(problem.code),
    text(problemMessage(problem, language)),
    text(problem.file ?? ''),
    { kind: 'count', value: problem.line },
    text(problem.column ?? ''),
    text(problem.value ?? ''),
  ]);
  const omitted = options.omitted ?? 0;
  if (omitted > 0) rows.push([...Array<Cell>(5).fill(text('')), text(moreProblems(omitted, language)), ...Array<Cell>(4).fill(text(''))]);
  const table: DocumentBlock = { kind: 'table', id: 'invalid', title: title('message'), columns: INVALID_CSV_COLUMNS.map((key) => ({ key, title: title(key), align: 'left' })), rows };
  return renderDocumentCsv({ language, title: '', sections: [{ id: 'invalid', title: '', blocks: [table] }] });
}

const text = (value: string): Cell => ({ kind: 'text', text: value });

/** The catalogue keys of the titles of {@link INVALID_CSV_COLUMNS} (the Danish header). */
const INVALID_CSV_TITLES = {
  input: 'report.invalidCsv.input',
  index: 'report.invalidCsv.index',
  id: 'report.invalidCsv.id',
  field: 'report.invalidCsv.field',
  code: 'report.invalidCsv.code',
  message: 'report.invalidCsv.message',
  file: 'report.invalidCsv.file',
  line: 'report.invalidCsv.line',
  column: 'report.invalidCsv.column',
  value: 'report.invalidCsv.value',
} as const satisfies Record<(typeof INVALID_CSV_COLUMNS)[number], MessageKey>;

/** Where a requirement's points come from, in words. */
export function requirementBasis(requirement: RequirementReport, locale: RenderLocale | undefined): string {
  switch (requirement.basis) {
    case 'data':
      return requirement.weight !== null && requirement.scored < requirement.weight
        ? `data (${formatPoints(requirement.scored, locale)} of ${formatPoints(requirement.weight, locale)} scored)`
        : 'data';
    case 'supplied':
      return 'supplied';
    case 'unscored':
      return 'data, unscored';
    case 'missing':
      return 'missing: not from data, no result supplied';
  }
}

/** The plan's total in words: the points from the data, from supplied results, and missing. */
export function totalText(total: PlanTotal, locale: RenderLocale | undefined): string {
  const points = (value: number): string => formatPoints(value, locale);
  const unknown =
    total.unknownWeights.length === 0
      ? ''
      : total.unreadable > 0
        ? ` The weights of ${total.unknownWeights.join(', ')} cannot be read from the source: ${points(total.unreadable)} points together, counted as missing.`
        : ` Requirements without a known weight, left out: ${total.unknownWeights.join(', ')}.`;
  return (
    `Whole plan: ${points(total.earned)} of ${points(total.possible)} points; of the ${points(total.possible)}, ` +
    `${points(total.fromData)} decided by the data, ${points(total.supplied)} by supplied results, ${points(total.missing)} missing.${unknown}`
  );
}

/**
 * The invalid records: one line each with its message (a table in Markdown), and how many more
 * problems there are when the list was cut (`omitted`).
 *
 * @example
 * ```ts
 * renderBlocks(invalidBlocks(report.invalid, 'table', 'en'), 'table');
 * // 'Invalid records (1; listed, never dropped)\n  [invalid_date] record 3 (id A4): applied "2023-02-29" is not a calendar date\n'
 * ```
 */
export function invalidBlocks(invalid: readonly InvalidRecord[], format: 'table' | 'markdown', locale: RenderLocale | undefined, omitted = 0): Block[] {
  const heading: Block = { kind: 'heading', text: `Invalid records (${invalidCountText(invalid.length, omitted, locale)})` };
  if (invalid.length === 0 && omitted === 0) return [heading, { kind: 'text', text: 'None.' }];
  const more: Block[] = omitted === 0 ? [] : [{ kind: 'text', text: notListed(omitted, locale) }];
  if (format === 'markdown') {
    const rows = { count: invalid.length, at: (index: number) => [(invalid[index] as InvalidRecord).code, (invalid[index] as InvalidRecord).message] };
    return [heading, { kind: 'table', columns: [col('code'), col('message')], rows }, ...more];
  }
  const items = { count: invalid.length, at: (index: number) => `[${(invalid[index] as InvalidRecord).code}] ${(invalid[index] as InvalidRecord).message}` };
  return [heading, { kind: 'list', items }, ...more];
}

/**
 * The sentence on duplicates under the invalid records: how many records repeat a case id (or an
 * observation of a centre and day), and which record of a repeated case id counts.
 */
export function duplicatesText(policy: 'first' | 'last', counts: Partial<Record<IssueCode, number>>, locale: RenderLocale | undefined): string {
  const count = counts.duplicate_record ?? 0;
  const which = `of a repeated case id, the ${policy} record counts`;
  return count === 0 ? `Duplicates: none (${which}).` : `Duplicates: ${formatCount(count, locale)} record${count === 1 ? '' : 's'} not counted (duplicate_record); ${which}.`;
}

/** The count in the heading of the invalid records: all listed, or how many of how many. */
export function invalidCountText(listed: number, omitted: number, locale?: RenderLocale): string {
  if (omitted === 0) return `${formatCount(listed, locale)}; listed, never dropped`;
  return `${formatCount(listed + omitted, locale)}; the first ${formatCount(listed, locale)} listed, all counted`;
}

/**
 * The line that says how many problems a list leaves out.
 *
 * @example
 * ```ts
 * notListed(1_999_000); // '1,999,000 more problems not listed'
 * ```
 */
export function notListed(omitted: number, locale?: RenderLocale): string {
  return `${formatCount(omitted, locale)} more problem${omitted === 1 ? '' : 's'} not listed`;
}

/** The reasons a case is without target, in words (docs/methodology.md, convention 8). */
const WITHOUT_TARGET_REASONS: readonly [keyof PlanReport['withoutTargetReasons'], string][] = [
  ['noTarget', 'no target covers the case type'],
  ['outOfScope', "outside the scope of every target covering the case type"],
  ['flagged', 'flagged by the agency as without a management target'],
];

/**
 * The records without a target, one line per reason (cases) or input (contacts, observations),
 * with their counts by case type, channel or centre, largest first.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'loenarbejde', applied: '2023-03-01', decided: '2023-03-10' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10', attributes: { applicationKind: 'extension' } },
 * ], { period: '2023' });
 * withoutTargetItems(report);
 * // ['cases, no target covers the case type: loenarbejde 1', 'cases, outside the scope of every target covering the case type: fast-track 1']
 * ```
 */
export function withoutTargetItems(report: PlanReport, locale?: RenderLocale): string[] {
  const items: string[] = [];
  for (const [reason, words] of WITHOUT_TARGET_REASONS) {
    const entries = report.withoutTargetReasons[reason];
    if (Object.keys(entries).length > 0) items.push(`cases, ${words}: ${listed(entries, locale)}`);
  }
  const others: [string, Record<string, number>][] = [
    ['contacts', report.contacts.withoutTarget],
    ['observations', report.observations.withoutTarget],
  ];
  for (const [name, entries] of others) if (Object.keys(entries).length > 0) items.push(`${name}: ${listed(entries, locale)}`);
  return items;
}

/** The words of each missing-attribute policy: what a lacking attribute counted as. */
const MISSING_POLICIES: Record<PlanReport['scope']['missingAttributes'], string> = {
  inScope: 'inside the condition that tests it',
  outOfScope: 'outside the condition that tests it',
  invalid: 'an invalid record',
};

/**
 * The sentence stating how records lacking an attribute a target's scope tests were counted, and
 * how many lacked each attribute; `null` when no target of the plan has a scope.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-10' }], { period: '2023' });
 * scopeStatement(report);
 * // "A record lacking an attribute that a target's scope tests counts as inside the condition that tests it (missingAttributes: inScope). Records lacking one: applicationKind 1."
 * ```
 */
export function scopeStatement(report: PlanReport, locale?: RenderLocale): string | null {
  const { scoped, missingAttributes, missing } = report.scope;
  if (!scoped) return null;
  const counts = Object.keys(missing).length === 0 ? 'none' : listed(missing, locale);
  return `A record lacking an attribute that a target's scope tests counts as ${MISSING_POLICIES[missingAttributes]} (missingAttributes: ${missingAttributes}). Records lacking one: ${counts}.`;
}

/** `loenarbejde 640, praktikant 410`: counts by key, largest first. */
function listed(entries: Record<string, number>, locale: RenderLocale | undefined): string {
  return Object.entries(entries)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, value]) => `${key} ${formatCount(value, locale)}`)
    .join(', ');
}
