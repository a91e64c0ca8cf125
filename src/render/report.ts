import type { ContactCounts, Counts, ObservationCounts } from '../evaluate/aggregate.js';
import { formatScope } from '../catalog/format.js';
import type { InvalidRecord } from '../evaluate/records.js';
import type { PlanReport, PlanTotal, RequirementReport, TargetReport, TierReport, Unscored } from '../evaluate/report.js';
import type { IssueCode } from '../errors.js';
import {
  checkFormat,
  col,
  csvBoolean,
  csvNumber,
  csvText,
  type CsvCell,
  type CsvNumber,
  formatCount,
  formatInUnit,
  formatPoints,
  formatRequired,
  formatShare,
  limitCell,
  mark,
  blockLines,
  csvLines,
  joinLines,
  type Block,
  type RenderLocale,
  type RenderOptions,
} from './format.js';
import { coverageRows, coverageStatements, gapDatesCell } from './gaps.js';

/**
 * The columns of {@link renderReport} in CSV, in order; one row per target and tier, then one per
 * requirement of the plan.
 *
 * @example
 * ```ts
 * REPORT_CSV_COLUMNS.join(',');
 * // 'plan,period_from,period_to,target,label,tier,limit_amount,limit_unit,required,measured,within,share,mean,met,weight,points,median,p90,requirement,points_from,observed,gaps,gap_policy,gap_dates,scope'
 * ```
 */
export const REPORT_CSV_COLUMNS = [
  'plan',
  'period_from',
  'period_to',
  'target',
  'label',
  'tier',
  'limit_amount',
  'limit_unit',
  'required',
  'measured',
  'within',
  'share',
  'mean',
  'met',
  'weight',
  'points',
  'median',
  'p90',
  'requirement',
  'points_from',
  'observed',
  'gaps',
  'gap_policy',
  'gap_dates',
  'scope',
] as const;

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
 * A compliance report as text.
 *
 * - `table`: aligned columns for a terminal (numbers right-aligned; every line of a table has the
 *   same width). `markdown`: GitHub Markdown with tables that paste into a status document.
 *   Both give the title and period; per target and tier the limit, measured, within (or the mean),
 *   share and required share, met (✓ met, ✗ not met, – unknown: nothing measured), cases needed and
 *   points; notes on small populations, missing clock events and targets that do not apply; the
 *   centres of observation targets, and their gaps (the working days of the window without an
 *   observation, per centre, with their dates) and how the gaps entered the shares (the
 *   `observationGaps` policy); the records of each input by bucket (the buckets add up to
 *   the input); the records without a target by reason and case type, and for a plan with target
 *   scopes how records lacking an attribute were counted; every invalid record with its message; the groups,
 *   the plan's points and why weighted items earned none.
 * - `csv`: one row per target and tier under {@link REPORT_CSV_COLUMNS}. `tier` counts from 1;
 *   `required` and `share` are fractions (0–1) in full precision; `mean`, `median` and `p90`
 *   describe the measured times in the tier's unit (days for month limits); `scope` is the
 *   target's scope (see `formatScope`), empty when it has none; `met` is `true`,
 *   `false` or empty; `weight` and `points` are the tier's, or for a target weighed as a whole the
 *   target's, on its first tier. For observation targets, `observed` and `gaps` are the centre-days
 *   observed and not observed on working days of the window, `gap_policy` is `notWithin` or
 *   `exclude`, and `gap_dates` lists each centre's gaps (`Valby: 2023-09-06..2023-09-07; …`); they
 *   are empty for other targets. Invalid records have their own CSV: {@link renderInvalidCsv}.
 *
 * Locale `en` writes `12,345` and `85.3 %` and separates CSV fields by `,`; `da` writes `12.345`
 * and `85,3 %` and separates CSV fields by `;` with decimal commas. Shares are shown with one
 * decimal; whether a tier is met is the report's exact comparison, never redone from the rounded
 * share.
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
 * table.split('\n').find((line) => line.startsWith('fast-track'))?.split(/ {2,}/);
 * // ['fast-track', 'Fast-track 1. gang', '≤ 31 days', '2', '1', '50.0 %', '85 %', '✗', '2', '–']
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
  const locale = options.locale;
  if (format === 'csv') return reportCsv(report, locale);
  return blockLines(reportBlocks(report, format, locale), format);
}

/**
 * The invalid records of a report (or of a pending report) as CSV under
 * {@link INVALID_CSV_COLUMNS}: the input, the record's position in it (0-based), its id, the field
 * at fault, the code and the message, then where the record was read (file, line and the source
 * column of the field, empty for records given in memory) and the offending value. One row per
 * problem (a record may have several). With
 * `omitted` (a report's `invalidOmitted`) above 0, a last row with only a message says how many
 * problems the list leaves out: `1,999,000 more problems not listed`.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-02-29', decided: '2023-03-10' },
 * ]);
 * renderInvalidCsv(report.invalid);
 * // 'input,index,id,field,code,message,file,line,column,value\ncases,1,A2,applied,invalid_date,"record 1 (id A2): applied ""2023-02-29"" is not a calendar date",,,,2023-02-29\n'
 * ```
 */
export function renderInvalidCsv(invalid: readonly InvalidRecord[], options: { locale?: RenderLocale | undefined; omitted?: number } = {}): string {
  const rows: (readonly CsvCell[])[] = invalid.map((problem) => [
    problem.input,
    csvNumber(problem.index, options.locale),
    problem.id ?? '',
    problem.field,
    problem.code,
    problem.message,
    problem.file ?? '',
    csvNumber(problem.line, options.locale),
    problem.column ?? '',
    problem.value ?? '',
  ]);
  const omitted = options.omitted ?? 0;
  if (omitted > 0) rows.push(['', '', '', '', '', notListed(omitted, options.locale), '', '', '', '']);
  return csvText(INVALID_CSV_COLUMNS, rows, options.locale);
}

/** A tier's weight and points as shown: the tier's, else the target's on its first tier. */
function weighting(target: TargetReport, tier: TierReport, index: number): { weight: number; points: number | null } | null {
  if (tier.weight !== null) return { weight: tier.weight, points: tier.points };
  if (index === 0 && target.weight !== null) return { weight: target.weight, points: target.points };
  return null;
}

function reportCsv(report: PlanReport, locale: RenderLocale | undefined): Iterable<string> {
  const number = (value: number | null): CsvNumber => csvNumber(value, locale);
  const requirementOf = requirementsByMember(report);
  const rows: (readonly CsvCell[])[] = report.targets.flatMap((target) =>
    target.tiers.map((tier, index) => {
      const weighted = weighting(target, tier, index);
      return [
        report.plan.id,
        report.period.from,
        report.period.to,
        target.id,
        target.label,
        number(index + 1),
        number(tier.limit.amount),
        tier.limit.unit,
        number(tier.required),
        number(tier.measured),
        tier.kind === 'share' ? number(tier.within) : '',
        tier.kind === 'share' ? number(tier.share) : '',
        number(tier.kind === 'mean' ? tier.mean : tier.stats.mean),
        csvBoolean(tier.met),
        number(weighted?.weight ?? null),
        number(weighted?.points ?? null),
        number(tier.stats.median),
        number(tier.stats.p90),
        requirementOf.get(target.id) ?? '',
        '',
        ...(target.coverage === undefined
          ? ['', '', '', '']
          : [number(target.coverage.observed), number(target.coverage.gaps), target.coverage.policy, gapDatesCell(target.coverage)]),
        formatScope(target.where),
      ];
    }),
  );
  for (const requirement of report.requirements) {
    rows.push([
      report.plan.id,
      report.period.from,
      report.period.to,
      '',
      requirement.title,
      ...Array<string>(9).fill(''),
      number(requirement.weight),
      number(requirement.points),
      '',
      '',
      requirement.number,
      requirement.basis,
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  return csvLines(REPORT_CSV_COLUMNS, rows, locale);
}

/** The requirement number of each target: the requirement of its group, or its own. */
function requirementsByMember(report: PlanReport): Map<string, string> {
  const byTarget = new Map<string, string>();
  const groupTargets = new Map(report.groups.map((group) => [group.id, group.targets]));
  for (const requirement of report.requirements) {
    for (const id of requirement.targets) byTarget.set(id, requirement.number);
    for (const group of requirement.groups) for (const id of groupTargets.get(group) ?? []) byTarget.set(id, requirement.number);
  }
  return byTarget;
}

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

/** The reasons of {@link Unscored}, in words. */
const UNSCORED_REASONS: Record<Unscored['reason'], string> = {
  'no-scoring-rule': 'the plan weighs it as a whole and no scoring rule was given (groupScoring)',
  'not-evaluable': 'some of its targets are not evaluated from case records',
  'no-cases': 'nothing was measured',
  'rule-returned-null': 'its scoring rule returned no number',
};

type Buckets = Counts | ContactCounts | ObservationCounts;

/** The bucket columns of the records table, in order; an input without the bucket shows `·`. */
const BUCKETS = ['measured', 'pending', 'unanswered', 'notWorkingDay', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;

function reportBlocks(report: PlanReport, format: 'table' | 'markdown', locale: RenderLocale | undefined): Block[] {
  const count = (value: number): string => formatCount(value, locale);
  const share = (value: number | null): string => formatShare(value, locale);
  const blocks: Block[] = [
    { kind: 'title', text: `${report.plan.id}: ${report.plan.title}` },
    {
      kind: 'text',
      text:
        `Period ${report.period.label} (${report.period.from} to ${report.period.to}).` +
        (report.plan.authority === null ? '' : ` Authority: ${report.plan.authority}.`),
    },
  ];

  // Targets and tiers
  const hasMean = report.targets.some((target) => target.aggregate === 'mean');
  blocks.push(
    { kind: 'heading', text: 'Targets' },
    {
      kind: 'table',
      columns: [
        col('target'),
        col('label'),
        col('limit'),
        col('measured', 'right'),
        col(hasMean ? 'within / mean' : 'within', 'right'),
        col('share', 'right'),
        col('required', 'right'),
        col('met'),
        col('needed', 'right'),
        col('points', 'right'),
      ],
      rows: report.targets.flatMap((target) =>
        target.tiers.map((tier, index) => {
          const weighted = weighting(target, tier, index);
          const points = weighted === null ? '–' : `${formatPoints(weighted.points, locale)} of ${formatPoints(weighted.weight, locale)}`;
          const lead = index === 0 ? [target.id, target.label] : ['', ''];
          if (tier.kind === 'mean') {
            const mean = tier.mean === null ? '–' : formatInUnit(tier.mean, tier.stats.unit, locale);
            return [...lead, limitCell(tier.limit, locale, true), count(tier.measured), mean, '', '', mark(tier.met), '', points];
          }
          return [
            ...lead,
            limitCell(tier.limit, locale),
            count(tier.measured),
            count(tier.within),
            share(tier.share),
            formatRequired(tier.required, locale),
            mark(tier.met),
            tier.needed === null ? '–' : count(tier.needed),
            points,
          ];
        }),
      ),
    },
  );
  const notes = targetNotes(report, locale);
  if (notes.length > 0) blocks.push({ kind: 'list', items: notes });

  // Centres of observation targets
  const centreRows = report.targets.flatMap((target) =>
    target.tiers.flatMap((tier) =>
      tier.kind === 'share' && tier.centres !== undefined
        ? tier.centres.map((centre, index) => [
            index === 0 ? target.id : '',
            index === 0 ? limitCell(tier.limit, locale) : '',
            centre.centre,
            formatRequired(centre.weight, locale),
            count(centre.measured),
            count(centre.within),
            share(centre.share),
            mark(centre.met),
          ])
        : [],
    ),
  );
  if (centreRows.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Centres' },
      {
        kind: 'table',
        columns: [col('target'), col('limit'), col('centre'), col('weight', 'right'), col('measured', 'right'), col('within', 'right'), col('share', 'right'), col('met')],
        rows: centreRows,
      },
    );
    const scores = report.targets.flatMap((target) =>
      target.tiers.flatMap((tier) =>
        tier.kind === 'share' && tier.centres !== undefined
          ? [
              `${target.id} ${limitCell(tier.limit, locale)}: weighted share of the centres ${share(tier.weightedShare ?? null)}; ` +
                `score of the target ${share(target.score)}`,
            ]
          : [],
      ),
    );
    blocks.push({ kind: 'list', items: scores });
  }

  // Gaps of observation targets
  const statements = coverageStatements(report, locale);
  if (statements.length > 0) {
    blocks.push({ kind: 'heading', text: 'Observation gaps (working days of the window without an observation)' }, { kind: 'list', items: statements });
    const rows = coverageRows(report, locale);
    if (rows.length > 0) {
      blocks.push({
        kind: 'table',
        columns: [col('target'), col('centre'), col('working days', 'right'), col('observed', 'right'), col('gaps', 'right'), col('gap dates')],
        rows,
      });
    }
  }

  // Records of each input
  const inputs: [string, Buckets][] = [
    ['cases', report.counts],
    ['contacts', report.contacts.counts],
    ['observations', report.observations.counts],
  ];
  const shown = inputs.filter(([name, counts]) => name === 'cases' || counts.input > 0 || report.targets.some((target) => target.input === name));
  blocks.push(
    { kind: 'heading', text: 'Records (the buckets of each input add up to it)' },
    {
      kind: 'table',
      columns: [col('input'), col('records', 'right'), ...BUCKETS.map((bucket) => col(bucket, 'right'))],
      rows: shown.map(([name, counts]) => [
        name,
        count(counts.input),
        ...BUCKETS.map((bucket) => {
          const value = (counts as Partial<Record<(typeof BUCKETS)[number], number>>)[bucket];
          return value === undefined ? '·' : count(value);
        }),
      ]),
    },
  );

  // Records without a target
  const withoutItems = withoutTargetItems(report, locale);
  blocks.push({ kind: 'heading', text: 'Without a target (in no share, by reason)' });
  blocks.push(withoutItems.length === 0 ? { kind: 'text', text: 'None.' } : { kind: 'list', items: withoutItems });
  const scope = scopeStatement(report, locale);
  if (scope !== null) blocks.push({ kind: 'text', text: scope });

  // Invalid records
  for (const block of invalidBlocks(report.invalid, format, locale, report.invalidOmitted)) blocks.push(block);
  blocks.push({ kind: 'text', text: duplicatesText(report.duplicates, report.invalidCounts, locale) });

  // Groups and points
  blocks.push({ kind: 'heading', text: 'Points' });
  if (report.groups.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [col('group'), col('label'), col('weight', 'right'), col('targets'), col('scoring'), col('points', 'right')],
      rows: report.groups.map((group) => [
        group.id,
        group.label,
        group.weight === null ? '–' : formatPoints(group.weight, locale),
        group.targets.join(', '),
        group.scoring ?? '–',
        formatPoints(group.points, locale),
      ]),
    });
  }
  const { earned, possible, unscored } = report.points;
  blocks.push({
    kind: 'text',
    text:
      earned === null
        ? 'Plan: no points scored.'
        : `Plan: ${formatPoints(earned, locale)} of ${formatPoints(possible, locale)} points.`,
  });
  if (report.requirements.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Requirements (the whole plan)' },
      {
        kind: 'table',
        columns: [col('requirement'), col('title'), col('weight', 'right'), col('points', 'right'), col('from')],
        rows: report.requirements.map((requirement) => [
          requirement.number,
          requirement.title,
          formatPoints(requirement.weight, locale),
          formatPoints(requirement.points, locale),
          requirementBasis(requirement, locale),
        ]),
      },
    );
  }
  if (report.total !== null) blocks.push({ kind: 'text', text: totalText(report.total, locale) });
  if (unscored.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Not scored' },
      {
        kind: 'list',
        items: unscored.map((entry) => `${entry.kind} ${entry.id} (weight ${formatPoints(entry.weight, locale)}): ${entry.reason}: ${UNSCORED_REASONS[entry.reason]}`),
      },
    );
  }
  if (report.notEvaluable.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Not evaluated from case records' },
      { kind: 'list', items: report.notEvaluable.map((entry) => `${entry.id} ${entry.label}: ${entry.reason}`) },
    );
  }
  return blocks;
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

/** Notes under the targets table: small populations, missing clock events, targets that do not apply. */
function targetNotes(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const notes: string[] = [];
  for (const target of report.targets) {
    if (target.where.length > 0) notes.push(`${target.id}: measures only cases with ${formatScope(target.where)}.`);
    if (!target.applies) notes.push(`${target.id}: does not apply in this period.`);
    if (target.missingEvent.count > 0) {
      const ids = target.missingEvent.ids;
      notes.push(
        `${target.id}: ${formatCount(target.missingEvent.count, locale)} of ${formatCount(target.measured, locale)} measured cases lack ${target.clock.stop}` +
          ` and count as not within (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}).`,
      );
    }
    for (const tier of target.tiers) {
      if (tier.kind === 'share' && tier.interval?.small === true) {
        notes.push(
          `${target.id} ${limitCell(tier.limit, locale)}: only ${formatCount(tier.measured, locale)} measured; ` +
            `95 % interval ${formatShare(tier.interval.low, locale)} to ${formatShare(tier.interval.high, locale)}.`,
        );
      }
    }
  }
  return notes;
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
