/**
 * The document of a plan's report (what `servicemaal evaluate` shows): the targets and tiers, the
 * centres and gaps of observation targets, the records by bucket, the records without a target,
 * the invalid records, the groups, the points and the whole plan's requirements, with every word
 * in the document's language and the targets shown by their labels (the plan's own words).
 */
import type { ContactCounts, Counts, ObservationCounts, PlanAggregate, TargetAggregate } from '../evaluate/aggregate.js';
import type { ObservationCoverage } from '../evaluate/coverage.js';
import type { InvalidRecord } from '../evaluate/records.js';
import { problemMessage } from '../evaluate/records.js';
import type { PlanReport, PlanTotal, RequirementReport, TargetReport, TierReport, Unscored } from '../evaluate/report.js';
import { formatScope } from '../catalog/format.js';
import { dayNumberFromCivil } from '../dates/civil.js';
import { message, type MessageKey } from '../messages/catalogue.js';
import { formatAmount, formatCount, formatPoints, marksOf } from '../render/format.js';
import type { Limit } from '../targets/model.js';
import { cellText, shareText } from './cells.js';
import type { AmountUnit, Cell, CellStatus, Chart, DocumentBlock, DocumentColumn, DocumentLanguage, DocumentSection, ReportDocument } from './model.js';

/**
 * Options of {@link reportDocument}: the document's language and, optionally, the aggregate the
 * report was made from (same plan and period), which adds a cumulative-share chart per case or
 * contact target.
 *
 * @example
 * ```ts
 * const options: ReportDocumentOptions = { language: 'da' };
 * options.language; // 'da'
 * ```
 */
export interface ReportDocumentOptions {
  language: DocumentLanguage;
  aggregate?: PlanAggregate | undefined;
}

/**
 * The keys of the per-tier table for programs (the first table of the CSV): one row per target
 * and tier, then one per requirement of the plan. They are the columns' keys, and the English CSV
 * header.
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

/** The catalogue key of the title of each column of the per-tier table. */
const CSV_TITLES: Readonly<Record<(typeof REPORT_CSV_COLUMNS)[number], MessageKey>> = {
  plan: 'report.csv.plan',
  period_from: 'report.csv.periodFrom',
  period_to: 'report.csv.periodTo',
  target: 'report.csv.target',
  label: 'report.csv.label',
  tier: 'report.csv.tier',
  limit_amount: 'report.csv.limitAmount',
  limit_unit: 'report.csv.limitUnit',
  required: 'report.csv.required',
  measured: 'report.csv.measured',
  within: 'report.csv.within',
  share: 'report.csv.share',
  mean: 'report.csv.mean',
  met: 'report.csv.met',
  weight: 'report.csv.weight',
  points: 'report.csv.points',
  median: 'report.csv.median',
  p90: 'report.csv.p90',
  requirement: 'report.csv.requirement',
  points_from: 'report.csv.pointsFrom',
  observed: 'report.csv.observed',
  gaps: 'report.csv.gaps',
  gap_policy: 'report.csv.gapPolicy',
  gap_dates: 'report.csv.gapDates',
  scope: 'report.csv.scope',
};

/**
 * The document of a plan's report, in English or Danish: what `renderReport` shows in every
 * format. Sections, with their ids:
 *
 * - `targets`: per target and tier (the target by its label) the limit, measured, within (or the
 *   mean), share and required share, met (a target with nothing measured says so: it is
 *   unscored), cases needed and points; notes on scopes, small populations, missing clock events
 *   and targets that do not apply; a `bars` chart of the shares against the required shares (a
 *   tier with nothing measured has no bar); and, for programs only, the `tiers` table under
 *   {@link REPORT_CSV_COLUMNS} with the ids, every figure and a row per requirement.
 * - `centres` and `gaps` (observation targets with centres and gaps), `records` (the records of
 *   each input by bucket), `without-target` (by reason and case type, channel or centre, and how
 *   records lacking an attribute a scope tests were counted), `invalid` (the listed problems in
 *   the document's language, how many more, the counts by code, and the duplicates policy),
 *   `points` (groups and the service targets' points), `requirements` (each requirement's points
 *   and their basis, and the whole plan's total), `unscored` and `not-evaluable` when there are any.
 * - With `aggregate`: `cumulative`, a `cumulative` chart per case or contact target with
 *   something measured: the share decided by each elapsed value, with each tier's limit marked.
 *
 * Numbers stay numbers in the cells (a share is 0.853), so each format writes them its own way.
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
 * const document = reportDocument(report, { language: 'da' });
 * document.sections.map((section) => section.id);
 * // ['targets', 'centres', 'gaps', 'records', 'without-target', 'invalid', 'points', 'requirements', 'unscored']
 * document.sections[0]?.title; // 'Servicemål'
 * const text = renderDocumentText(document, { format: 'table' });
 * text.split('\n').find((line) => line.startsWith('Fast-track'))?.split(/ {2,}/);
 * // ['Fast-track 1. gang', '≤ 31 dage', '2', '1', '50,0 %', '85 %', '✗ ikke opfyldt', '2', '–']
 * renderDocumentCsv(document).split('\n')[0]?.split(';').slice(0, 6); // ['plan', 'periode fra', 'periode til', 'mål-id', 'mål', 'trin']
 * ```
 */
export function reportDocument(report: PlanReport, options: ReportDocumentOptions): ReportDocument {
  const language = options.language;
  marksOf(language);
  const words = new Words(language);
  const labels = new Map(report.targets.map((target) => [target.id, target.label]));
  const sections: DocumentSection[] = [targetsSection(report, words)];
  const centres = centresSection(report, words);
  if (centres !== null) sections.push(centres);
  const gaps = gapsSection(report, words);
  if (gaps !== null) sections.push(gaps);
  if (options.aggregate !== undefined) {
    const cumulative = cumulativeSection(report, options.aggregate, words);
    if (cumulative !== null) sections.push(cumulative);
  }
  sections.push(recordsSection(report, words), withoutTargetSection(report, words), invalidSection(report, words), pointsSection(report, words, labels));
  if (report.requirements.length > 0 || report.total !== null) sections.push(requirementsSection(report, words));
  if (report.points.unscored.length > 0) sections.push(unscoredSection(report.points.unscored, words, labels));
  if (report.notEvaluable.length > 0) {
    sections.push({
      id: 'not-evaluable',
      title: words.say('report.notEvaluable.title'),
      blocks: [{ kind: 'list', items: report.notEvaluable.map((entry) => `${entry.id} ${entry.label}: ${entry.reason}`) }],
    });
  }
  const period =
    words.say('report.period', { label: report.period.label, from: report.period.from, to: report.period.to }) +
    (report.plan.authority === null ? '' : words.say('report.authority', { authority: report.plan.authority }));
  return { language, title: words.say('report.title', { plan: report.plan.id, title: report.plan.title }), subtitle: period, sections };
}

// ---------------------------------------------------------------------------------------------
// Words

/** The words of one language: catalogue entries, numbers, limits. */
class Words {
  constructor(readonly language: DocumentLanguage) {}

  say(key: MessageKey, params?: Readonly<Record<string, string>>): string {
    return message(this.language, key, params);
  }

  count(value: number): string {
    return formatCount(value, this.language);
  }

  points(value: number | null): string {
    return formatPoints(value, this.language);
  }

  share(value: number | null): string {
    return value === null ? '–' : shareText(value, this.language);
  }

  /** A limit in words: `≤ 31 dage`, or `gennemsnit ≤ 120 dage` for a mean target. */
  limit(limit: Limit, mean = false): string {
    const amount = Number(limit.amount.toFixed(1));
    const text = formatAmount(amount, this.language);
    const one = amount === 1;
    const inUnit =
      limit.unit === 'hours'
        ? this.say(one ? 'report.unit.hour' : 'report.unit.hours', { count: text })
        : limit.unit === 'minutes'
          ? this.say(one ? 'report.unit.minute' : 'unit.minutes', { count: text })
          : cellText({ kind: 'amount', value: amount, unit: limit.unit }, this.language);
    return this.say(mean ? 'report.limit.mean' : 'report.limit', { limit: inUnit });
  }

  /** `loenarbejde 640, praktikant 410`: counts by key, largest first. */
  listed(entries: Readonly<Record<string, number>>): string {
    return sortedEntries(entries)
      .map(([key, value]) => `${key} ${this.count(value)}`)
      .join(', ');
  }

  status(met: boolean | null, unknown: MessageKey = 'status.unknown'): Cell {
    const status: CellStatus = met === null ? 'unknown' : met ? 'met' : 'notMet';
    return { kind: 'status', status, text: this.say(met === null ? unknown : met ? 'status.met' : 'status.notMet') };
  }

  column(key: string, title: MessageKey, align: 'left' | 'right' = 'left'): DocumentColumn {
    return { key, title: this.say(title), align };
  }
}

/** Counts by key, largest first, then by key. */
function sortedEntries(entries: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(entries).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

const text = (value: string): Cell => ({ kind: 'text', text: value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const points = (value: number | null): Cell => ({ kind: 'points', value });
const plain = (value: number | null): Cell => ({ kind: 'amount', value, unit: 'none' });
const EMPTY: Cell = { kind: 'text', text: '' };

/** A required share as the plan writes it: as many decimals as it has (85 %, 85.5 %). */
function required(value: number | null): Cell {
  if (value === null) return { kind: 'share', value: null };
  const percent = String(Number((value * 100).toPrecision(12)));
  const point = percent.indexOf('.');
  return { kind: 'share', value, decimals: point === -1 || percent.includes('e') ? 0 : percent.length - point - 1 };
}

/** A civil date `YYYY-MM-DD` as a date cell. */
function date(iso: string): Cell {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { kind: 'date', day: dayNumberFromCivil(year, month, day) };
}

/** A tier's weight and points as shown: the tier's, else the target's on its first tier. */
function weighting(target: TargetReport, tier: TierReport, index: number): { weight: number; points: number | null } | null {
  if (tier.weight !== null) return { weight: tier.weight, points: tier.points };
  if (index === 0 && target.weight !== null) return { weight: target.weight, points: target.points };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Targets

function targetsSection(report: PlanReport, words: Words): DocumentSection {
  const hasMean = report.targets.some((target) => target.aggregate === 'mean');
  const columns = [
    words.column('target', 'report.column.target'),
    words.column('limit', 'report.column.limit'),
    words.column('measured', 'report.column.measured', 'right'),
    words.column('within', hasMean ? 'report.column.withinOrMean' : 'report.column.within', 'right'),
    words.column('share', 'report.column.share', 'right'),
    words.column('required', 'report.column.required', 'right'),
    words.column('met', 'report.column.met'),
    words.column('needed', 'report.column.needed', 'right'),
    words.column('points', 'report.column.points', 'right'),
  ];
  const rows = report.targets.flatMap((target) =>
    target.tiers.map((tier, index): Cell[] => {
      const weighted = weighting(target, tier, index);
      const pointsCell = text(weighted === null ? '–' : words.say('report.pointsOf', { points: words.points(weighted.points), weight: words.points(weighted.weight) }));
      const lead = text(index === 0 ? target.label : '');
      const unknown: MessageKey = tier.measured === 0 ? (target.applies ? 'report.status.nothingMeasured' : 'report.status.notApplies') : 'status.unknown';
      if (tier.kind === 'mean') {
        const mean: Cell = tier.mean === null ? count(null) : { kind: 'amount', value: tier.mean, unit: tier.stats.unit === 'hours' ? 'none' : tier.stats.unit };
        return [lead, text(words.limit(tier.limit, true)), count(tier.measured), mean, EMPTY, EMPTY, words.status(tier.met, unknown), EMPTY, pointsCell];
      }
      return [lead, text(words.limit(tier.limit)), count(tier.measured), count(tier.within), { kind: 'share', value: tier.share }, required(tier.required), words.status(tier.met, unknown), count(tier.needed), pointsCell];
    }),
  );
  const blocks: DocumentBlock[] = [{ kind: 'table', id: 'targets', title: words.say('report.targets.title'), columns, rows, use: 'reading' }];
  const notes = targetNotes(report, words);
  if (notes.length > 0) blocks.push({ kind: 'notes', items: notes });
  const bars = report.targets.flatMap((target) =>
    target.tiers.flatMap((tier, index) =>
      tier.kind === 'share' && tier.measured > 0
        ? [{ label: words.say('report.chart.bar', { target: target.label, limit: words.limit(tier.limit) }), share: tier.share, required: tier.required, status: statusOf(tier.met), target: target.id, tier: index + 1 }]
        : [],
    ),
  );
  if (bars.length > 0) blocks.push({ kind: 'chart', chart: { kind: 'bars', id: 'shares', title: words.say('report.chart.shares'), bars } });
  blocks.push(tiersTable(report, words));
  return { id: 'targets', title: words.say('report.targets.title'), blocks };
}

function statusOf(met: boolean | null): CellStatus {
  return met === null ? 'unknown' : met ? 'met' : 'notMet';
}

/** The per-tier table for programs: {@link REPORT_CSV_COLUMNS}, ids and every figure. */
function tiersTable(report: PlanReport, words: Words): DocumentBlock {
  const requirementOf = requirementsByMember(report);
  const plan = text(report.plan.id);
  const from = date(report.period.from);
  const to = date(report.period.to);
  const rows: Cell[][] = report.targets.flatMap((target) =>
    target.tiers.map((tier, index): Cell[] => {
      const weighted = weighting(target, tier, index);
      const coverage = target.coverage;
      return [
        plan,
        from,
        to,
        text(target.id),
        text(target.label),
        count(index + 1),
        plain(tier.limit.amount),
        text(tier.limit.unit),
        required(tier.required),
        count(tier.measured),
        tier.kind === 'share' ? count(tier.within) : count(null),
        tier.kind === 'share' ? { kind: 'share', value: tier.share } : { kind: 'share', value: null },
        plain(tier.kind === 'mean' ? tier.mean : tier.stats.mean),
        text(tier.met === null ? '' : String(tier.met)),
        points(weighted?.weight ?? null),
        points(weighted?.points ?? null),
        plain(tier.stats.median),
        plain(tier.stats.p90),
        text(requirementOf.get(target.id) ?? ''),
        EMPTY,
        ...(coverage === undefined ? [count(null), count(null), EMPTY, EMPTY] : [count(coverage.observed), count(coverage.gaps), text(coverage.policy), text(gapDatesCell(coverage, words))]),
        text(formatScope(target.where)),
      ];
    }),
  );
  for (const requirement of report.requirements) {
    rows.push([
      plan,
      from,
      to,
      EMPTY,
      text(requirement.title),
      count(null),
      plain(null),
      EMPTY,
      { kind: 'share', value: null },
      count(null),
      count(null),
      { kind: 'share', value: null },
      plain(null),
      EMPTY,
      points(requirement.weight),
      points(requirement.points),
      plain(null),
      plain(null),
      text(requirement.number),
      text(requirement.basis),
      count(null),
      count(null),
      EMPTY,
      EMPTY,
      EMPTY,
    ]);
  }
  return {
    kind: 'table',
    id: 'tiers',
    title: words.say('report.targets.title'),
    columns: REPORT_CSV_COLUMNS.map((key) => ({ key, title: words.say(CSV_TITLES[key]), align: 'left' as const })),
    rows,
    use: 'data',
  };
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

/** Notes under the targets table: scopes, targets that do not apply, missing clock events, small populations. */
function targetNotes(report: PlanReport, words: Words): string[] {
  const notes: string[] = [];
  for (const target of report.targets) {
    if (target.where.length > 0) notes.push(words.say('report.note.scope', { target: target.label, scope: formatScope(target.where) }));
    if (!target.applies) notes.push(words.say('report.note.notApplies', { target: target.label }));
    if (target.missingEvent.count > 0) {
      const ids = target.missingEvent.ids;
      notes.push(
        words.say('report.note.missingEvent', {
          target: target.label,
          count: words.count(target.missingEvent.count),
          measured: words.count(target.measured),
          event: target.clock.stop,
          ids: `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`,
        }),
      );
    }
    for (const tier of target.tiers) {
      if (tier.kind === 'share' && tier.interval?.small === true) {
        notes.push(
          words.say('report.note.small', {
            target: target.label,
            limit: words.limit(tier.limit),
            measured: words.count(tier.measured),
            low: words.share(tier.interval.low),
            high: words.share(tier.interval.high),
          }),
        );
      }
    }
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Centres and gaps of observation targets

function centresSection(report: PlanReport, words: Words): DocumentSection | null {
  const rows: Cell[][] = [];
  const scores: string[] = [];
  for (const target of report.targets) {
    for (const tier of target.tiers) {
      if (tier.kind !== 'share' || tier.centres === undefined) continue;
      tier.centres.forEach((centre, index) => {
        rows.push([
          text(index === 0 ? target.label : ''),
          text(index === 0 ? words.limit(tier.limit) : ''),
          text(centre.centre),
          required(centre.weight),
          count(centre.measured),
          count(centre.within),
          { kind: 'share', value: centre.share },
          words.status(centre.met),
        ]);
      });
      scores.push(words.say('report.centres.score', { target: target.label, limit: words.limit(tier.limit), weighted: words.share(tier.weightedShare ?? null), score: words.share(target.score) }));
    }
  }
  if (rows.length === 0) return null;
  const columns = [
    words.column('target', 'report.column.target'),
    words.column('limit', 'report.column.limit'),
    words.column('centre', 'report.column.centre'),
    words.column('weight', 'report.column.weight', 'right'),
    words.column('measured', 'report.column.measured', 'right'),
    words.column('within', 'report.column.within', 'right'),
    words.column('share', 'report.column.share', 'right'),
    words.column('met', 'report.column.met'),
  ];
  const title = words.say('report.centres.title');
  return { id: 'centres', title, blocks: [{ kind: 'table', id: 'centres', title, columns, rows }, { kind: 'list', items: scores }] };
}

/** The observation targets of a report that apply, with their coverage. */
function covered(report: PlanReport): { target: TargetReport; coverage: ObservationCoverage }[] {
  return report.targets.flatMap((target) => (target.coverage === undefined || target.coverage.window === null ? [] : [{ target, coverage: target.coverage }]));
}

/** `2023-09-04..2023-09-08, 2023-09-12`: gap ranges, a single day as its date; `–` for none. */
function gapDatesText(dates: ObservationCoverage['centres'][number]['gapDates'], words: Words): string {
  if (dates === null) return words.say('report.gaps.notKnown');
  if (dates.length === 0) return '–';
  return dates.map((range) => (range.from === range.to ? range.from : `${range.from}..${range.to}`)).join(', ');
}

/** The gap dates of a target's centres in one cell: `Valby: 2023-09-06..2023-09-07; Aarhus: 2023-09-04`. */
function gapDatesCell(coverage: ObservationCoverage, words: Words): string {
  if (!coverage.datesKnown) return words.say('report.gaps.notKnown');
  return coverage.centres
    .filter((centre) => centre.gaps > 0)
    .map((centre) => `${centre.centre}: ${gapDatesText(centre.gapDates, words)}`)
    .join('; ');
}

function gapsSection(report: PlanReport, words: Words): DocumentSection | null {
  const all = covered(report);
  if (all.length === 0) return null;
  const statements = all.map(({ target, coverage }) => {
    const window = coverage.window as { from: string; to: string };
    const days = words.say(coverage.workingDays === 1 ? 'unit.workingDay' : 'unit.workingDays', { count: words.count(coverage.workingDays) });
    const head = words.say('report.gaps.head', { target: target.label, from: window.from, to: window.to, days });
    if (coverage.observed === 0) return words.say('report.gaps.nothing', { head });
    const number = words.count(coverage.centres.length);
    const centres =
      coverage.centresFrom === 'weights'
        ? words.say('report.gaps.centresOfPlan', { count: number })
        : words.say(coverage.centres.length === 1 ? 'report.gaps.centreObserved' : 'report.gaps.centresObserved', { count: number });
    return words.say('report.gaps.statement', {
      head,
      centres,
      observed: words.say(coverage.observed === 1 ? 'report.gaps.centreDay' : 'report.gaps.centreDays', { count: words.count(coverage.observed) }),
      gaps: words.say(coverage.gaps === 1 ? 'report.gaps.gap' : 'report.gaps.gaps', { count: words.count(coverage.gaps) }),
      policy: words.say(coverage.policy === 'notWithin' ? 'report.gaps.notWithin' : 'report.gaps.exclude'),
      unknown: coverage.datesKnown ? '' : words.say('report.gaps.datesUnknown'),
    });
  });
  const title = words.say('report.gaps.title');
  const blocks: DocumentBlock[] = [{ kind: 'list', items: statements }];
  const rows = all
    .filter(({ coverage }) => coverage.observed > 0)
    .flatMap(({ target, coverage }) =>
      coverage.centres.map((centre, index): Cell[] => [
        text(index === 0 ? target.label : ''),
        text(centre.centre),
        count(centre.workingDays),
        count(centre.observed),
        count(centre.gaps),
        text(gapDatesText(centre.gapDates, words)),
      ]),
    );
  if (rows.length > 0) {
    const columns = [
      words.column('target', 'report.column.target'),
      words.column('centre', 'report.column.centre'),
      words.column('working_days', 'report.column.workingDays', 'right'),
      words.column('observed', 'report.column.observed', 'right'),
      words.column('gaps', 'report.column.gaps', 'right'),
      words.column('gap_dates', 'report.column.gapDates'),
    ];
    blocks.push({ kind: 'table', id: 'gaps', title, columns, rows });
  }
  return { id: 'gaps', title, blocks };
}

// ---------------------------------------------------------------------------------------------
// Cumulative shares

/** Which histogram a limit is read from. */
type Scale = 'days' | 'workingDays' | 'minutes';

function scaleOf(unit: Limit['unit']): Scale {
  if (unit === 'workingDays') return 'workingDays';
  if (unit === 'minutes' || unit === 'hours') return 'minutes';
  return 'days';
}

/** A limit in the chart's unit; months at their mean length in days (approximate). */
function limitIn(limit: Limit): number {
  if (limit.unit === 'hours') return limit.amount * 60;
  if (limit.unit === 'months') return limit.amount * 30.4375;
  return limit.amount;
}

function cumulativeSection(report: PlanReport, aggregate: PlanAggregate, words: Words): DocumentSection | null {
  const byId = new Map(aggregate.targets.map((state) => [state.id, state]));
  const charts: DocumentBlock[] = report.targets.flatMap((target) => {
    const state = byId.get(target.id);
    const first = target.tiers[0];
    if (target.input === 'observations' || state === undefined || first === undefined) return [];
    const chart = cumulativeChart(target, state, scaleOf(first.limit.unit), words);
    return chart === null ? [] : [{ kind: 'chart' as const, chart }];
  });
  if (charts.length === 0) return null;
  return { id: 'cumulative', title: words.say('report.cumulative.title'), blocks: [{ kind: 'notes', items: [words.say('report.cumulative.note')] }, ...charts] };
}

/** The cumulative share by elapsed value of a target; `null` when nothing was measured. */
function cumulativeChart(target: TargetReport, state: TargetAggregate, scale: Scale, words: Words): Chart | null {
  const raw = scale === 'days' ? state.days : scale === 'workingDays' ? (state.workingDays ?? []) : (state.seconds ?? []);
  const factor = scale === 'minutes' ? 60 : 1;
  let withEvent = 0;
  for (const value of raw) withEvent += value;
  const total = withEvent + state.missingEvent.length;
  if (total === 0) return null;
  const steps: { value: number; share: number }[] = [];
  let cumulative = 0;
  raw.forEach((value, index) => {
    if (value === 0) return;
    cumulative += value;
    steps.push({ value: index / factor, share: cumulative / total });
  });
  const limits = target.tiers
    .filter((tier) => scaleOf(tier.limit.unit) === scale)
    .map((tier) => ({
      value: limitIn(tier.limit),
      label: tier.kind === 'share' ? words.say('report.cumulative.limit', { limit: words.limit(tier.limit), share: words.share(tier.share) }) : words.limit(tier.limit),
      status: statusOf(tier.met),
    }));
  const unit: AmountUnit = scale;
  return { kind: 'cumulative', id: `${target.id}.cumulative`, title: target.label, target: target.id, unit, steps, limits };
}

// ---------------------------------------------------------------------------------------------
// Records

type Buckets = Counts | ContactCounts | ObservationCounts;

/** The buckets of the records table, in order, with their column keys. */
const BUCKETS = [
  ['measured', 'measured', 'report.bucket.measured'],
  ['pending', 'pending', 'report.bucket.pending'],
  ['unanswered', 'unanswered', 'report.bucket.unanswered'],
  ['notWorkingDay', 'not_working_day', 'report.bucket.notWorkingDay'],
  ['outOfPeriod', 'out_of_period', 'report.bucket.outOfPeriod'],
  ['withoutTarget', 'without_target', 'report.bucket.withoutTarget'],
  ['invalid', 'invalid', 'report.bucket.invalid'],
] as const;

const INPUT_NAMES = { cases: 'report.input.cases', contacts: 'report.input.contacts', observations: 'report.input.observations' } as const;

function recordsSection(report: PlanReport, words: Words): DocumentSection {
  const inputs: ['cases' | 'contacts' | 'observations', Buckets][] = [
    ['cases', report.counts],
    ['contacts', report.contacts.counts],
    ['observations', report.observations.counts],
  ];
  const shown = inputs.filter(([name, counts]) => name === 'cases' || counts.input > 0 || report.targets.some((target) => target.input === name));
  const title = words.say('report.records.title');
  const columns = [
    words.column('input', 'report.column.input'),
    words.column('records', 'report.column.records', 'right'),
    ...BUCKETS.map(([, key, title]) => words.column(key, title, 'right')),
  ];
  const rows = shown.map(([name, counts]): Cell[] => [
    text(words.say(INPUT_NAMES[name])),
    count(counts.input),
    ...BUCKETS.map(([bucket]) => {
      const value = (counts as Partial<Record<(typeof BUCKETS)[number][0], number>>)[bucket];
      return count(value ?? null);
    }),
  ]);
  return { id: 'records', title, blocks: [{ kind: 'table', id: 'records', title, columns, rows }] };
}

// ---------------------------------------------------------------------------------------------
// Without a target

const WITHOUT_TARGET_REASONS = [
  ['noTarget', 'report.without.noTarget', 'report.reason.noTarget'],
  ['outOfScope', 'report.without.outOfScope', 'report.reason.outOfScope'],
  ['flagged', 'report.without.flagged', 'report.reason.flagged'],
] as const;

const MISSING_POLICIES = { inScope: 'report.scope.inScope', outOfScope: 'report.scope.outOfScope', invalid: 'report.scope.invalid' } as const;

function withoutTargetSection(report: PlanReport, words: Words): DocumentSection {
  const items: string[] = [];
  const rows: Cell[][] = [];
  const cases = words.say('report.input.cases');
  for (const [reason, key, short] of WITHOUT_TARGET_REASONS) {
    const entries = report.withoutTargetReasons[reason];
    if (Object.keys(entries).length === 0) continue;
    items.push(words.say(key, { list: words.listed(entries) }));
    for (const [name, value] of sortedEntries(entries)) rows.push([text(cases), text(words.say(short)), text(name), count(value)]);
  }
  const others = [
    ['contacts', report.contacts.withoutTarget, 'report.without.contacts'],
    ['observations', report.observations.withoutTarget, 'report.without.observations'],
  ] as const;
  for (const [input, entries, key] of others) {
    if (Object.keys(entries).length === 0) continue;
    items.push(words.say(key, { list: words.listed(entries) }));
    for (const [name, value] of sortedEntries(entries)) rows.push([text(words.say(INPUT_NAMES[input])), text(words.say('report.reason.none')), text(name), count(value)]);
  }
  const title = words.say('report.without.title');
  const blocks: DocumentBlock[] = [items.length === 0 ? { kind: 'text', text: words.say('report.none') } : { kind: 'list', items }];
  if (rows.length > 0) {
    const columns = [
      words.column('input', 'report.column.input'),
      words.column('reason', 'report.column.reason'),
      words.column('key', 'report.column.key'),
      words.column('records', 'report.column.records', 'right'),
    ];
    blocks.push({ kind: 'table', id: 'without-target', title: words.say('report.without.table'), columns, rows, use: 'data' });
  }
  const { scoped, missingAttributes, missing } = report.scope;
  if (scoped) {
    blocks.push({
      kind: 'text',
      text: words.say('report.scope.statement', {
        policy: words.say(MISSING_POLICIES[missingAttributes]),
        code: missingAttributes,
        counts: Object.keys(missing).length === 0 ? words.say('report.noneLower') : words.listed(missing),
      }),
    });
  }
  return { id: 'without-target', title, blocks };
}

// ---------------------------------------------------------------------------------------------
// Invalid records

function invalidSection(report: PlanReport, words: Words): DocumentSection {
  return { id: 'invalid', ...invalidBlocksOf(report.invalid, report.invalidOmitted, report.invalidCounts, report.duplicates, words.language) };
}

/** The title and blocks of the invalid records: the listed problems, how many more, the counts by code, the duplicates. */
export function invalidBlocksOf(
  invalid: readonly InvalidRecord[],
  omitted: number,
  counts: Readonly<Partial<Record<string, number>>>,
  duplicates: 'first' | 'last',
  language: DocumentLanguage,
): { title: string; blocks: DocumentBlock[] } {
  const w = new Words(language);
  const number =
    omitted === 0 ? w.say('report.invalid.all', { count: w.count(invalid.length) }) : w.say('report.invalid.some', { total: w.count(invalid.length + omitted), listed: w.count(invalid.length) });
  const title = w.say('report.invalid.title', { count: number });
  const blocks: DocumentBlock[] = [];
  if (invalid.length === 0 && omitted === 0) blocks.push({ kind: 'text', text: w.say('report.none') });
  else {
    blocks.push({ kind: 'list', items: { count: invalid.length, at: (index) => problemLine(invalid[index] as InvalidRecord, language) } });
    if (omitted > 0) blocks.push({ kind: 'text', text: moreProblems(omitted, language) });
  }
  const byCode = Object.entries(counts).filter((entry): entry is [string, number] => entry[1] !== undefined && entry[1] > 0);
  if (byCode.length > 0) {
    blocks.push({
      kind: 'table',
      id: 'problems',
      title: w.say('report.invalid.byCode'),
      columns: [w.column('code', 'report.column.code'), w.column('records', 'report.column.records', 'right')],
      rows: byCode.map(([code, value]) => [text(code), count(value)]),
    });
  }
  const duplicated = counts.duplicate_record ?? 0;
  const policy = w.say(duplicates === 'first' ? 'report.duplicates.first' : 'report.duplicates.last');
  blocks.push({
    kind: 'text',
    text:
      duplicated === 0
        ? w.say('report.duplicates.none', { policy })
        : w.say(duplicated === 1 ? 'report.duplicates.one' : 'report.duplicates.some', { count: w.count(duplicated), policy }),
  });
  return { title, blocks };
}

/** A listed problem: `[invalid_date] record 3 (id A4): applied …`, in the document's language. */
function problemLine(problem: InvalidRecord, language: DocumentLanguage): string {
  return `[${problem.code}] ${problemMessage(problem, language)}`;
}

/**
 * The line that says how many problems a list leaves out, in a language.
 *
 * @example
 * ```ts
 * moreProblems(1_999_000, 'en'); // '1,999,000 more problems not listed'
 * moreProblems(1, 'da'); // '1 problem mere, ikke vist'
 * ```
 */
export function moreProblems(omitted: number, language: DocumentLanguage): string {
  return message(language, omitted === 1 ? 'report.invalid.moreOne' : 'report.invalid.more', { count: formatCount(omitted, language) });
}

// ---------------------------------------------------------------------------------------------
// Points and requirements

const SCORING = { 'target-weights': 'report.scoring.targetWeights', rule: 'report.scoring.rule' } as const;

function pointsSection(report: PlanReport, words: Words, labels: ReadonlyMap<string, string>): DocumentSection {
  const title = words.say('report.points.title');
  const blocks: DocumentBlock[] = [];
  if (report.groups.length > 0) {
    const columns = [
      words.column('group', 'report.column.group'),
      words.column('label', 'report.column.label'),
      words.column('weight', 'report.column.weight', 'right'),
      words.column('targets', 'report.column.targets'),
      words.column('scoring', 'report.column.scoring'),
      words.column('points', 'report.column.points', 'right'),
    ];
    const rows = report.groups.map((group): Cell[] => [
      text(group.id),
      text(group.label),
      points(group.weight),
      text(group.targets.map((id) => labels.get(id) ?? id).join(', ')),
      text(group.scoring === null ? '–' : words.say(SCORING[group.scoring])),
      points(group.points),
    ]);
    blocks.push({ kind: 'table', id: 'groups', title: words.say('report.points.groups'), columns, rows });
  }
  const { earned, possible } = report.points;
  blocks.push({
    kind: 'text',
    text: earned === null ? words.say('report.points.none') : words.say('report.points.some', { earned: words.points(earned), possible: words.points(possible) }),
  });
  return { id: 'points', title, blocks };
}

function requirementsSection(report: PlanReport, words: Words): DocumentSection {
  const title = words.say('report.requirements.title');
  const blocks: DocumentBlock[] = [];
  if (report.requirements.length > 0) {
    const columns = [
      words.column('requirement', 'report.column.requirement'),
      words.column('title', 'report.column.title'),
      words.column('weight', 'report.column.weight', 'right'),
      words.column('points', 'report.column.points', 'right'),
      words.column('from', 'report.column.from'),
    ];
    const rows = report.requirements.map((requirement): Cell[] => [
      text(requirement.number),
      text(requirement.title),
      points(requirement.weight),
      points(requirement.points),
      text(requirementBasis(requirement, words)),
    ]);
    blocks.push({ kind: 'table', id: 'requirements', title, columns, rows, use: 'reading' });
  }
  if (report.total !== null) blocks.push({ kind: 'text', text: totalText(report.total, words) });
  return { id: 'requirements', title, blocks };
}

/** Where a requirement's points come from, in words. */
function requirementBasis(requirement: RequirementReport, words: Words): string {
  switch (requirement.basis) {
    case 'data':
      return requirement.weight !== null && requirement.scored < requirement.weight
        ? words.say('report.basis.partial', { scored: words.points(requirement.scored), weight: words.points(requirement.weight) })
        : words.say('report.basis.data');
    case 'supplied':
      return words.say('report.basis.supplied');
    case 'unscored':
      return words.say('report.basis.unscored');
    case 'missing':
      return words.say('report.basis.missing');
  }
}

/** The plan's total in words: the points from the data, from supplied results, and missing. */
function totalText(total: PlanTotal, words: Words): string {
  const unknown =
    total.unknownWeights.length === 0
      ? ''
      : total.unreadable > 0
        ? words.say('report.total.unreadable', { list: total.unknownWeights.join(', '), points: words.points(total.unreadable) })
        : words.say('report.total.unknown', { list: total.unknownWeights.join(', ') });
  return words.say('report.total', {
    earned: words.points(total.earned),
    possible: words.points(total.possible),
    fromData: words.points(total.fromData),
    supplied: words.points(total.supplied),
    missing: words.points(total.missing),
    unknown,
  });
}

const UNSCORED_REASONS = {
  'no-scoring-rule': 'report.unscored.noScoringRule',
  'not-evaluable': 'report.unscored.notEvaluable',
  'no-cases': 'report.unscored.noCases',
  'rule-returned-null': 'report.unscored.ruleReturnedNull',
} as const;

function unscoredSection(unscored: readonly Unscored[], words: Words, labels: ReadonlyMap<string, string>): DocumentSection {
  return {
    id: 'unscored',
    title: words.say('report.unscored.title'),
    blocks: [
      {
        kind: 'list',
        items: unscored.map((entry) =>
          words.say('report.unscored.item', {
            kind: words.say(entry.kind === 'group' ? 'report.unscored.group' : 'report.unscored.target'),
            name: entry.kind === 'target' ? (labels.get(entry.id) ?? entry.id) : entry.id,
            weight: words.points(entry.weight),
            code: entry.reason,
            reason: words.say(UNSCORED_REASONS[entry.reason]),
          }),
        ),
      },
    ],
  };
}
