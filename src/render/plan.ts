import { createCalendar } from '../calendar/calendar.js';
import { evaluatedBy, renderCatalogueMarkdown, requirementsTotal } from '../catalog/markdown.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { formatScope, formatSource } from '../catalog/format.js';
import type { ServicePlan, ServiceTarget, Tier } from '../targets/model.js';
import {
  checkFormat,
  col,
  csvNumber,
  csvText,
  type CsvCell,
  type CsvNumber,
  visibleText,
  formatPoints,
  formatRequired,
  limitCell,
  renderBlocks,
  type Block,
  type RenderLocale,
  type RenderOptions,
} from './format.js';

/**
 * The columns of {@link renderPlan} in CSV, in order; one row per target and tier, then one per
 * requirement that no target evaluates.
 *
 * @example
 * ```ts
 * PLAN_CSV_COLUMNS.slice(0, 3); // ['plan', 'target', 'label']
 * ```
 */
export const PLAN_CSV_COLUMNS = [
  'plan',
  'target',
  'label',
  'input',
  'covers',
  'clock_start',
  'clock_stop',
  'aggregate',
  'period',
  'tier',
  'tier_label',
  'limit_amount',
  'limit_unit',
  'required',
  'weight',
  'target_weight',
  'group',
  'group_weight',
  'source',
  'source_requirement',
  'requirement',
  'requirement_weight',
  'scope',
] as const;

/**
 * A plan's definition as text, for `servicemaal plans show <id>`: its requirements (every one, with
 * its weight and which the data evaluates), its targets and tiers (what each
 * measures, the clock, limits, required shares, weights, group, source), its groups, the targets
 * not evaluated from case records, its addenda and notes.
 *
 * - `markdown`: the plan's section of the catalogue reference ({@link renderCatalogueMarkdown}),
 *   with numbers as the catalogue writes them.
 * - `table`: aligned columns for a terminal; details that differ from the defaults (scope, own period,
 *   pauses subtracted, own calendar, centre weights, addendum dates) are listed under the table.
 * - `csv`: one row per target and tier under {@link PLAN_CSV_COLUMNS}, each with the requirement it
 *   evaluates, then one row per requirement that no target evaluates (`tier` counts from 1;
 *   `covers` lists the case types, `area:` areas, channels or `centre:weight` pairs, space-separated;
 *   the clock columns are empty for waiting times and observations; `scope` is the target's scope,
 *   see `formatScope`).
 *
 * The locale (default `en`) sets the numbers of `table` and `csv`.
 *
 * @example
 * ```ts
 * const table = renderPlan(getPlan('siri-2023'), { format: 'table' });
 * table.split('\n').find((line) => line.startsWith('fast-track'))?.trimEnd().split(/ {2,}/);
 * // ['fast-track', 'Fast-track 1. gang', 'cases: fast-track', 'applied → decided', '≤ 31 days', '85 %', '–', '1.1', '1.1a']
 * renderPlan(getPlan('siri-2023'), { format: 'markdown' }).startsWith('## siri-2023: '); // true
 * ```
 */
export function renderPlan(plan: ServicePlan, options: RenderOptions): string {
  const format = checkFormat(options.format, ['table', 'markdown', 'csv'], options.locale);
  const locale = options.locale;
  if (format === 'markdown') {
    const markdown = renderCatalogueMarkdown([plan]);
    const start = markdown.indexOf(`## ${plan.id}: `);
    // Control characters in the plan's texts shown as escapes, line by line.
    return (start < 0 ? markdown : markdown.slice(start)).split('\n').map(visibleText).join('\n');
  }
  if (format === 'csv') return planCsv(plan, locale);
  return renderBlocks(planBlocks(plan, locale), 'table');
}

/** The group of each target, by id. */
function groupsOf(plan: ServicePlan): Map<string, ServicePlan['groups'][number]> {
  const map = new Map<string, ServicePlan['groups'][number]>();
  for (const group of plan.groups) for (const id of group.targets) map.set(id, group);
  return map;
}

/** A tier's weight as shown: its own, else the target's on the first tier. */
function tierWeight(target: ServiceTarget, tier: Tier, index: number): number | null {
  return tier.weight ?? (index === 0 ? target.weight : null);
}

function periodText(period: PeriodInput | null): string {
  if (period === null) return '–';
  return typeof period === 'string' ? period : parsePeriod(period).label;
}

function covers(target: ServiceTarget, csv: boolean, locale: RenderLocale | undefined): string {
  if (target.input === 'contacts') return target.channels.join(csv ? ' ' : ', ');
  if (target.input === 'observations') {
    if (target.centres === null) return csv ? '' : 'all centres pooled';
    if (!csv) return `${Object.keys(target.centres).length} centres (${target.centreScoring})`;
    return Object.entries(target.centres)
      .map(([centre, weight]) => `${centre}:${csvNumber(weight, locale).number}`)
      .join(' ');
  }
  return [...target.caseTypes, ...target.areas.map((area) => `area:${area}`)].join(csv ? ' ' : ', ');
}

function planCsv(plan: ServicePlan, locale: RenderLocale | undefined): string {
  const number = (value: number | null): CsvNumber => csvNumber(value, locale);
  const groups = groupsOf(plan);
  const requirementOf = new Map<string, ServicePlan['requirements'][number]>();
  for (const requirement of plan.requirements) {
    for (const id of requirement.targets) requirementOf.set(id, requirement);
    for (const group of plan.groups) if (requirement.groups.includes(group.id)) for (const id of group.targets) requirementOf.set(id, requirement);
  }
  const rows: (readonly CsvCell[])[] = plan.targets.flatMap((target) =>
    target.tiers.map((tier, index) => {
      const group = groups.get(target.id);
      return [
        plan.id,
        target.id,
        target.label,
        target.input,
        covers(target, true, locale),
        target.input === 'cases' ? target.clock.start : '',
        target.input === 'cases' ? target.clock.stop : '',
        target.aggregate,
        target.period === null ? '' : periodText(target.period),
        number(index + 1),
        tier.label ?? '',
        number(tier.limit.amount),
        tier.limit.unit,
        number(tier.required),
        number(tier.weight),
        number(target.weight),
        group?.id ?? '',
        number(group?.weight ?? null),
        target.source === null ? '' : formatSource(plan, tier.source ?? target.source),
        (tier.source ?? target.source)?.requirement ?? '',
        requirementOf.get(target.id)?.number ?? '',
        number(requirementOf.get(target.id)?.weight ?? null),
        formatScope(target.where),
      ];
    }),
  );
  for (const requirement of plan.requirements) {
    if (requirement.groups.length + requirement.targets.length > 0) continue;
    rows.push([
      plan.id,
      '',
      requirement.title,
      ...Array<string>(15).fill(''),
      requirement.source === null ? '' : formatSource(plan, requirement.source),
      requirement.source?.requirement ?? '',
      requirement.number,
      number(requirement.weight),
      '',
    ]);
  }
  return csvText(PLAN_CSV_COLUMNS, rows, locale);
}

function planBlocks(plan: ServicePlan, locale: RenderLocale | undefined): Block[] {
  const points = (value: number | null): string => formatPoints(value, locale);
  const groups = groupsOf(plan);
  const blocks: Block[] = [
    { kind: 'title', text: `${plan.id}: ${plan.title}` },
    {
      kind: 'text',
      text:
        `Authority: ${plan.authority ?? '–'}. Year: ${plan.year ?? '–'}. Period: ${periodText(plan.period ?? (plan.year === null ? null : String(plan.year)))}.`,
    },
    ...documentBlocks(plan),
    ...requirementBlocks(plan, locale),
    { kind: 'heading', text: 'Targets' },
    {
      kind: 'table',
      columns: [col('target'), col('label'), col('measures'), col('clock'), col('limit'), col('required', 'right'), col('weight', 'right'), col('group'), col('requirement')],
      rows: plan.targets.flatMap((target) =>
        target.tiers.map((tier, index) => {
          const first = index === 0;
          const weight = tierWeight(target, tier, index);
          return [
            first ? target.id : '',
            first ? target.label : '',
            first ? `${target.input}: ${covers(target, false, locale)}` : '',
            first ? (target.input === 'cases' ? `${target.clock.start} → ${target.clock.stop}` : target.input === 'contacts' ? 'waiting time' : 'days to next slot') : '',
            limitCell(tier.limit, locale, target.aggregate === 'mean'),
            formatRequired(tier.required, locale),
            weight === null ? '–' : points(weight),
            first ? (groups.get(target.id)?.id ?? '–') : '',
            first ? (target.source?.requirement ?? '–') : '',
          ];
        }),
      ),
    },
  ];
  const details = plan.targets.flatMap((target) => targetDetails(target, locale).map((detail) => `${target.id}: ${detail}`));
  if (details.length > 0) blocks.push({ kind: 'list', items: details });

  if (plan.groups.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Groups (points for the group as a whole)' },
      {
        kind: 'table',
        columns: [col('group'), col('label'), col('weight', 'right'), col('targets'), col('requirement')],
        rows: plan.groups.map((group) => [group.id, group.label, group.weight === null ? '–' : points(group.weight), group.targets.join(', '), group.source?.requirement ?? '–']),
      },
    );
  }
  if (plan.notEvaluable.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Not evaluated from case records' },
      { kind: 'list', items: plan.notEvaluable.map((entry) => `${entry.id} ${entry.label} (${formatSource(plan, entry.source)}): ${entry.description} Why: ${entry.reason}`) },
    );
  }
  if (plan.addenda.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Addenda' },
      {
        kind: 'table',
        columns: [col('addendum'), col('label'), col('from'), col('applies by'), col('adds'), col('retires')],
        rows: plan.addenda.map((addendum) => [
          addendum.id,
          addendum.label,
          addendum.effective,
          `${addendum.by} date`,
          addendum.adds.join(', ') || '–',
          addendum.retires.join(', ') || '–',
        ]),
      },
    );
  }
  for (const block of sourceBlocks(plan)) blocks.push(block);
  const notes = [
    ...plan.notes,
    ...plan.requirements.flatMap((requirement) => [requirement.note, requirement.source?.note].flatMap((note) => (note === null || note === undefined ? [] : [`requirement ${requirement.number}: ${note}`]))),
    ...plan.targets.flatMap((target) => (target.source?.note === undefined ? [] : [`${target.id}: ${target.source.note}`])),
  ];
  if (notes.length > 0) blocks.push({ kind: 'heading', text: 'Notes' }, { kind: 'list', items: notes });
  return blocks;
}

/** Every requirement of the plan with its weight, and which the data evaluates. */
function requirementBlocks(plan: ServicePlan, locale: RenderLocale | undefined): Block[] {
  if (plan.requirements.length === 0) return [];
  return [
    { kind: 'heading', text: 'Requirements (the whole plan)' },
    {
      kind: 'table',
      columns: [col('requirement'), col('title'), col('weight', 'right'), col('evaluated from the data by')],
      rows: plan.requirements.map((requirement) => [requirement.number, requirement.title, formatPoints(requirement.weight, locale), evaluatedBy(requirement)]),
    },
    { kind: 'text', text: requirementsTotal(plan.requirements, plan.totalWeight) },
  ];
}

/** The documents the plan rests on. */
function documentBlocks(plan: ServicePlan): Block[] {
  if (plan.documents.length === 0) return [];
  return [
    { kind: 'heading', text: 'Documents' },
    {
      kind: 'list',
      items: plan.documents.map((document) => `${document.authority}, ${document.title}${document.year === null ? '' : ` (${document.year})`}, ${document.kind === 'plan' ? 'signed plan' : document.kind}`),
    },
  ];
}

/** Which document and requirement each target, tier weight and group cites. */
function sourceBlocks(plan: ServicePlan): Block[] {
  const cited: string[] = [];
  for (const target of plan.targets) {
    if (target.source !== null) cited.push(`${target.id}: ${formatSource(plan, target.source)}`);
    target.tiers.forEach((tier, index) => {
      if (tier.source !== null) cited.push(`${target.id}, tier ${index + 1}: ${formatSource(plan, tier.source)}${tier.source.quote === undefined ? '' : ` ("${tier.source.quote}")`}`);
    });
  }
  for (const group of plan.groups) if (group.source !== null) cited.push(`group ${group.id}: ${formatSource(plan, group.source)}`);
  for (const requirement of plan.requirements) {
    if (requirement.source !== null) cited.push(`requirement ${requirement.number}: ${formatSource(plan, requirement.source)}`);
  }
  return cited.length === 0 ? [] : [{ kind: 'heading', text: 'Sources' }, { kind: 'list', items: cited }];
}

/** What differs from the defaults in a target, one phrase each. */
function targetDetails(target: ServiceTarget, locale: RenderLocale | undefined): string[] {
  const details: string[] = [];
  if (target.where.length > 0) details.push(`measures only cases with ${formatScope(target.where)}`);
  if (target.period !== null) details.push(`measured in ${periodText(target.period)} only`);
  if (target.subtractPauses) details.push('pauses are taken off the elapsed time');
  if (target.calendar !== null) details.push(`working days of the calendar ${createCalendar(target.calendar).name}`);
  if (target.centres !== null) {
    const weights = Object.entries(target.centres).map(([centre, weight]) => `${centre} ${formatRequired(weight, locale)}`);
    details.push(`centre weights ${weights.join(', ')} (${target.centreScoring})`);
  }
  const { from, until, by } = target.effective;
  if (from !== null || until !== null) {
    details.push(`applies${from === null ? '' : ` from ${from}`}${until === null ? '' : ` until ${until}`} by ${by} date`);
  }
  return details;
}
