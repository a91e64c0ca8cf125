import type { ContactCounts, Counts, ObservationCounts, PlanAggregate, TargetAggregate } from '../evaluate/aggregate.js';
import type { PlanReport, TargetReport, TierReport } from '../evaluate/report.js';
import type { Limit } from '../targets/model.js';
import { formatCount, formatInUnit, formatPoints, formatRequired, formatShare, limitCell, mark, marksOf, type RenderLocale } from './format.js';
import { formatScope } from '../catalog/format.js';
import { coverageRows, coverageStatements } from './gaps.js';
import { duplicatesText, invalidCountText, notListed, requirementBasis, scopeStatement, totalText, withoutTargetItems } from './report.js';
import { CHART_CSS, chartSvg, escapeHtml } from '../document/render-html.js';
import type { CellStatus, Chart } from '../document/model.js';

export { escapeHtml };

/**
 * Options of {@link renderHtml}: the locale of numbers (default `en`) and, optionally, the
 * aggregate the report was made from, which adds the cumulative-share charts.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * const aggregate = aggregateInputs(plan, {
 *   cases: [{ id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' }],
 * });
 * const report = reportFromAggregate(plan, aggregate);
 * const options: HtmlRenderOptions = { locale: 'da', aggregate };
 * renderHtml(report, options).includes('<svg class="cumulative" data-target="fast-track"'); // true
 * renderHtml(report, { locale: 'da' }).includes('<svg class="cumulative"'); // false: no aggregate, no cumulative charts
 * ```
 */
export interface HtmlRenderOptions {
  locale?: RenderLocale | undefined;
  /** The aggregate of the report (same plan and period): adds a cumulative-share chart per case or contact target. */
  aggregate?: PlanAggregate | undefined;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1f2328; background: #fff; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { overflow-wrap: anywhere; }
th.num { white-space: normal; }
td.met { color: #1a7f37; font-weight: bold; text-align: center; }
td.not-met { color: #cf222e; font-weight: bold; text-align: center; }
td.unknown { color: #57606a; text-align: center; }
ul.invalid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
${CHART_CSS}svg { margin: 0.5rem 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(520px, 100%), 1fr)); gap: 1rem; }
figure { margin: 0; }
figcaption { font-size: 0.9rem; font-weight: 600; }
p.note { color: #57606a; font-size: 0.85rem; }
`;

/**
 * A compliance report as one self-contained HTML document: inline CSS and SVG, no scripts, no
 * external resources. It shows the title and period; the targets table (per tier the limit,
 * measured, within or mean, share against the required share, met ✓/✗, cases needed and points,
 * as the `table` renderer); a bar per share tier of the achieved share with the required share
 * marked by a line (green met, red not met, grey unknown); the records of each input by bucket;
 * the invalid records; the groups and the plan's points.
 *
 * With `aggregate` (the aggregate the report was made from) it adds, per case or contact target, a
 * line chart of the cumulative share decided by each elapsed value (calendar days, working days,
 * or minutes for contacts, as the target's first tier measures), with each tier's limit marked by
 * a labelled vertical line. Cases lacking a clock event count in the denominator and are never
 * within, so the curve at a limit in days equals the tier's share.
 *
 * Numbers follow the locale (`en`: `12,345`, `85.3 %`; `da`: `12.345`, `85,3 %`); every text is
 * HTML-escaped. Chart elements carry classes and data attributes for styling and testing:
 * `rect.share-bar[data-target][data-tier]`, `line.required-mark`, `svg.cumulative[data-target]`,
 * `polyline.cumulative-line`, `line.limit-mark`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 *
 * const plan = getPlan('siri-2024');
 * const cases = [
 *   { id: 'F1', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-03-20' },
 *   { id: 'F2', caseType: 'fast-track', applied: '2024-03-01', decided: '2024-04-15' },
 *   { id: 'F3', caseType: 'fast-track', applied: '2024-03-04', decided: '2024-03-25' },
 * ];
 * const aggregate = aggregateInputs(plan, { cases }, { period: '2024' });
 * const report = reportFromAggregate(plan, aggregate);
 * const html = renderHtml(report, { locale: 'da', aggregate });
 * html.startsWith('<!DOCTYPE html>'); // true
 * html.includes('<script'); // false: no scripts, no external resources
 * html.includes('66,7 %'); // true: 2 of 3 within 31 days
 * html.match(/<rect class="share-bar [a-z-]+" data-target="fast-track"/)?.[0]; // '<rect class="share-bar not-met" data-target="fast-track"'
 * writeFileSync(join(tmpdir(), 'report.html'), html);
 * ```
 */
export function renderHtml(report: PlanReport, options: HtmlRenderOptions = {}): string {
  const locale = options.locale;
  marksOf(locale);
  const title = `${report.plan.id}: ${report.plan.title}`;
  const period =
    `Period ${report.period.label} (${report.period.from} to ${report.period.to}).` +
    (report.plan.authority === null ? '' : ` Authority: ${report.plan.authority}.`);
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="period">${escapeHtml(period)}</p>`,
    '<h2>Targets</h2>',
    targetsTable(report, locale),
    ...scopeNotes(report),
    '<h2>Shares against the required shares</h2>',
    shareChart(report, locale),
  ];
  const sections = [
    options.aggregate === undefined ? [] : cumulativeSection(report, options.aggregate, locale),
    gapsSection(report, locale),
    recordsSection(report, locale),
    withoutTargetSection(report, locale),
    invalidSection(report, locale),
    pointsSection(report, locale),
    ['</body>', '</html>', ''],
  ];
  // Line by line: a section may hold hundreds of thousands of lines (one per invalid record).
  for (const section of sections) for (const line of section) parts.push(line);
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Cell {
  text: string;
  className?: string;
}

function table(header: readonly Cell[], rows: readonly (readonly Cell[])[], className: string): string {
  const cell = (tag: 'th' | 'td', c: Cell): string => `<${tag}${c.className === undefined ? '' : ` class="${c.className}"`}>${escapeHtml(c.text)}</${tag}>`;
  return [
    `<table class="${className}">`,
    `<thead><tr>${header.map((c) => cell('th', c)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

const num = (text: string): Cell => ({ text, className: 'num' });
const txt = (text: string): Cell => ({ text });
const metCell = (met: boolean | null): Cell => ({ text: mark(met), className: metClass(met) });

function metClass(met: boolean | null): string {
  return met === null ? 'unknown' : met ? 'met' : 'not-met';
}

/** A tier's weight and points as shown: the tier's, else the target's on its first tier. */
function weighting(target: TargetReport, tier: TierReport, index: number): { weight: number; points: number | null } | null {
  if (tier.weight !== null) return { weight: tier.weight, points: tier.points };
  if (index === 0 && target.weight !== null) return { weight: target.weight, points: target.points };
  return null;
}

function targetsTable(report: PlanReport, locale: RenderLocale | undefined): string {
  const hasMean = report.targets.some((target) => target.aggregate === 'mean');
  const header = [
    txt('target'),
    txt('label'),
    txt('limit'),
    num('measured'),
    num(hasMean ? 'within / mean' : 'within'),
    num('share'),
    num('required'),
    txt('met'),
    num('needed'),
    num('points'),
  ];
  const rows = report.targets.flatMap((target) =>
    target.tiers.map((tier, index): Cell[] => {
      const weighted = weighting(target, tier, index);
      const points = weighted === null ? '–' : `${formatPoints(weighted.points, locale)} of ${formatPoints(weighted.weight, locale)}`;
      const lead = index === 0 ? [txt(target.id), txt(target.label)] : [txt(''), txt('')];
      if (tier.kind === 'mean') {
        const mean = tier.mean === null ? '–' : formatInUnit(tier.mean, tier.stats.unit, locale);
        return [...lead, txt(limitCell(tier.limit, locale, true)), num(formatCount(tier.measured, locale)), num(mean), num(''), num(''), metCell(tier.met), num(''), num(points)];
      }
      return [
        ...lead,
        txt(limitCell(tier.limit, locale)),
        num(formatCount(tier.measured, locale)),
        num(formatCount(tier.within, locale)),
        num(formatShare(tier.share, locale)),
        num(formatRequired(tier.required, locale)),
        metCell(tier.met),
        num(tier.needed === null ? '–' : formatCount(tier.needed, locale)),
        num(points),
      ];
    }),
  );
  return table(header, rows, 'targets');
}

type Buckets = Counts | ContactCounts | ObservationCounts;
const BUCKETS = ['measured', 'pending', 'unanswered', 'notWorkingDay', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;

function recordsSection(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const inputs: [string, Buckets][] = [
    ['cases', report.counts],
    ['contacts', report.contacts.counts],
    ['observations', report.observations.counts],
  ];
  const shown = inputs.filter(([name, counts]) => name === 'cases' || counts.input > 0 || report.targets.some((target) => target.input === name));
  return [
    '<h2>Records</h2>',
    '<p class="note">The buckets of each input add up to it.</p>',
    table(
      [txt('input'), num('records'), ...BUCKETS.map((bucket) => num(bucket))],
      shown.map(([name, counts]) => [
        txt(name),
        num(formatCount(counts.input, locale)),
        ...BUCKETS.map((bucket) => {
          const value = (counts as Partial<Record<(typeof BUCKETS)[number], number>>)[bucket];
          return num(value === undefined ? '·' : formatCount(value, locale));
        }),
      ]),
      'records',
    ),
  ];
}

function gapsSection(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const statements = coverageStatements(report, locale);
  if (statements.length === 0) return [];
  const rows = coverageRows(report, locale);
  return [
    '<h2>Observation gaps</h2>',
    '<p class="note">Working days of the window without an observation of a centre.</p>',
    '<ul class="gaps">',
    ...statements.map((statement) => `<li>${escapeHtml(statement)}</li>`),
    '</ul>',
    ...(rows.length === 0
      ? []
      : [
          table(
            [txt('target'), txt('centre'), num('working days'), num('observed'), num('gaps'), txt('gap dates')],
            rows.map(([target = '', centre = '', days = '', observed = '', gaps = '', dates = '']) => [txt(target), txt(centre), num(days), num(observed), num(gaps), txt(dates)]),
            'gaps',
          ),
        ]),
  ];
}

/** The scopes of the targets that have one, under the targets table. */
function scopeNotes(report: PlanReport): string[] {
  const scoped = report.targets.filter((target) => target.where.length > 0);
  if (scoped.length === 0) return [];
  return ['<ul class="scopes">', ...scoped.map((target) => `<li>${escapeHtml(`${target.id}: measures only cases with ${formatScope(target.where)}.`)}</li>`), '</ul>'];
}

function withoutTargetSection(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const items = withoutTargetItems(report, locale);
  const scope = scopeStatement(report, locale);
  return [
    '<h2>Without a target</h2>',
    '<p class="note">In no share, by reason.</p>',
    ...(items.length === 0 ? ['<p>None.</p>'] : ['<ul class="without-target">', ...items.map((item) => `<li>${escapeHtml(item)}</li>`), '</ul>']),
    ...(scope === null ? [] : [`<p class="scope">${escapeHtml(scope)}</p>`]),
  ];
}

function invalidSection(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const heading = `<h2>Invalid records (${escapeHtml(invalidCountText(report.invalid.length, report.invalidOmitted, locale))})</h2>`;
  const duplicates = `<p>${escapeHtml(duplicatesText(report.duplicates, report.invalidCounts, locale))}</p>`;
  if (report.invalid.length === 0 && report.invalidOmitted === 0) return [heading, '<p>None.</p>', duplicates];
  // One string for the whole list: the section is spread into the page's parts.
  const items = report.invalid.map((problem) => `<li>[${escapeHtml(problem.code)}] ${escapeHtml(problem.message)}</li>`).join('\n');
  const more = report.invalidOmitted === 0 ? [] : [`<p>${escapeHtml(notListed(report.invalidOmitted, locale))}</p>`];
  return [heading, '<ul class="invalid">', ...(items === '' ? [] : [items]), '</ul>', ...more, duplicates];
}

function pointsSection(report: PlanReport, locale: RenderLocale | undefined): string[] {
  const out = ['<h2>Groups and points</h2>'];
  if (report.groups.length > 0) {
    out.push(
      table(
        [txt('group'), txt('label'), num('weight'), txt('targets'), txt('scoring'), num('points')],
        report.groups.map((group) => [
          txt(group.id),
          txt(group.label),
          num(group.weight === null ? '–' : formatPoints(group.weight, locale)),
          txt(group.targets.join(', ')),
          txt(group.scoring ?? '–'),
          num(formatPoints(group.points, locale)),
        ]),
        'groups',
      ),
    );
  }
  const { earned, possible, unscored } = report.points;
  const plan = earned === null ? 'Service targets: no points scored.' : `Service targets: ${formatPoints(earned, locale)} of ${formatPoints(possible, locale)} points.`;
  out.push(`<p class="points"><strong>${escapeHtml(plan)}</strong></p>`);
  if (report.requirements.length > 0) {
    out.push(
      '<h3>Requirements (the whole plan)</h3>',
      table(
        [txt('requirement'), txt('title'), num('weight'), num('points'), txt('from')],
        report.requirements.map((requirement) => [
          txt(requirement.number),
          txt(requirement.title),
          num(formatPoints(requirement.weight, locale)),
          num(formatPoints(requirement.points, locale)),
          txt(requirementBasis(requirement, locale)),
        ]),
        'requirements',
      ),
    );
  }
  if (report.total !== null) out.push(`<p class="points"><strong>${escapeHtml(totalText(report.total, locale))}</strong></p>`);
  if (unscored.length > 0) {
    out.push('<h3>Not scored</h3>', '<ul>');
    for (const entry of unscored) out.push(`<li>${escapeHtml(`${entry.kind} ${entry.id} (weight ${formatPoints(entry.weight, locale)}): ${entry.reason}`)}</li>`);
    out.push('</ul>');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Charts: drawn by the document renderer, from the report's figures

function statusOf(met: boolean | null): CellStatus {
  return met === null ? 'unknown' : met ? 'met' : 'notMet';
}

function shareChart(report: PlanReport, locale: RenderLocale | undefined): string {
  const bars = report.targets.flatMap((target) =>
    target.tiers.flatMap((tier, index) =>
      tier.kind === 'share'
        ? [{ label: `${target.id} ${limitCell(tier.limit, locale)}`, share: tier.share, required: tier.required, status: statusOf(tier.met), target: target.id, tier: index + 1 }]
        : [],
    ),
  );
  if (bars.length === 0) return '<p>No share tiers.</p>';
  const chart: Chart = { kind: 'bars', id: 'shares', title: 'Achieved share per tier against the required share', bars };
  return chartSvg(chart, { words: 'en', numbers: locale ?? 'en' });
}

// ---------------------------------------------------------------------------------------------
// Cumulative shares

/** Which histogram a limit is read from, and the limit in the chart's unit. */
type Scale = 'days' | 'workingDays' | 'minutes';

function scaleOf(unit: Limit['unit']): Scale {
  if (unit === 'workingDays') return 'workingDays';
  if (unit === 'minutes' || unit === 'hours') return 'minutes';
  return 'days';
}

/** A limit in the chart's unit; months are shown at their mean length in days (approximate). */
function limitIn(limit: Limit): number {
  if (limit.unit === 'hours') return limit.amount * 60;
  if (limit.unit === 'months') return limit.amount * 30.4375;
  return limit.amount;
}

function cumulativeSection(report: PlanReport, aggregate: PlanAggregate, locale: RenderLocale | undefined): string[] {
  const byId = new Map(aggregate.targets.map((state) => [state.id, state]));
  const charts = report.targets.flatMap((target) => {
    const state = byId.get(target.id);
    const first = target.tiers[0];
    if (target.input === 'observations' || state === undefined || first === undefined) return [];
    return [cumulativeChart(target, state, scaleOf(first.limit.unit), locale)];
  });
  if (charts.length === 0) return [];
  return [
    '<h2>Share decided by elapsed time</h2>',
    '<p class="note">Per target, the share of the measured cases or contacts decided within each elapsed time; the dashed lines mark the tiers’ limits.</p>',
    '<div class="charts">',
    ...charts,
    '</div>',
  ];
}

function cumulativeChart(target: TargetReport, state: TargetAggregate, scale: Scale, locale: RenderLocale | undefined): string {
  const raw = scale === 'days' ? state.days : scale === 'workingDays' ? (state.workingDays ?? []) : (state.seconds ?? []);
  const factor = scale === 'minutes' ? 60 : 1;
  const withEvent = raw.reduce((sum, count) => sum + count, 0);
  const total = withEvent + state.missingEvent.length;
  // Cases lacking a clock event count in the denominator and are never within.
  const steps: { value: number; share: number }[] = total === 0 ? [] : [{ value: 0, share: 0 }];
  let cumulative = 0;
  raw.forEach((count, index) => {
    if (count === 0) return;
    cumulative += count;
    steps.push({ value: index / factor, share: cumulative / total });
  });
  const limits = target.tiers
    .filter((tier) => scaleOf(tier.limit.unit) === scale)
    .map((tier) => ({ value: limitIn(tier.limit), label: `${limitCell(tier.limit, locale)}${tier.kind === 'share' ? `: ${formatShare(tier.share, locale)}` : ''}`, status: statusOf(tier.met) }));
  const caption = `${target.id}: ${target.label}`;
  const chart: Chart = { kind: 'cumulative', id: `${target.id}.cumulative`, title: `Cumulative share of ${caption}`, target: target.id, unit: scale, steps, limits };
  return ['<figure>', `<figcaption>${escapeHtml(caption)}</figcaption>`, chartSvg(chart, { words: 'en', numbers: locale ?? 'en' }), '</figure>'].join('\n');
}
