/**
 * The quarterly status of a performance plan, as a Markdown document to paste into a report.
 *
 * Shows, for a plan and an as-of date: the share within the limit per quarter and for the year to
 * date (`evaluateSeries` over `reportingPeriods`), the processing times so far, the points so far,
 * the expected year-end result (`forecastPlan`) and the cases pending at the date with the at-risk
 * list (`pendingAt`). Every figure uses only what was known at the end of the as-of date.
 *
 * Run it from the repository root:
 *
 *   npx tsx examples/quarterly-status.ts                                 # siri-2023 as of 2023-09-30, to stdout
 *   npx tsx examples/quarterly-status.ts --as-of 2023-06-30 --out status.md
 *   npx tsx examples/quarterly-status.ts --plan siri-2024 --as-of 2024-09-30
 *
 * The data: examples/data/<plan>-cases.json, -contacts.json and -observations.json, those that
 * exist (`--data <prefix>` for other files named the same way).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  evaluateSeries,
  forecastPlan,
  formatLimit,
  formatPercent,
  getPlan,
  pendingAt,
  renderForecast,
  renderPending,
  reportingPeriods,
  type GroupScoringRule,
  type PlanReport,
} from 'servicemaal';

const { values } = parseArgs({
  options: {
    plan: { type: 'string', default: 'siri-2023' },
    'as-of': { type: 'string', default: '2023-09-30' },
    data: { type: 'string' },
    out: { type: 'string' },
  },
});
const plan = getPlan(values.plan);
const asOf = values['as-of'];
const prefix = values.data ?? `examples/data/${plan.id}`;

// The inputs: case records, and where the plan measures them, contacts and observations.
const load = (kind: string): unknown[] | undefined => {
  const file = `${prefix}-${kind}.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : undefined;
};
const cases = load('cases') ?? [];
const contacts = load('contacts');
const observations = load('observations');
const inputs = { cases, ...(contacts === undefined ? {} : { contacts }), ...(observations === undefined ? {} : { observations }) };

// SIRI 2023 weighs requirement 1.1 (65 points) and 1.2 (5 points) as a whole, without a split over
// the targets, so the points need a rule per group. Other plans: such groups score the share of
// their tiers met.
const CHOSEN_RULES: Record<string, Record<string, GroupScoringRule>> = { 'siri-2023': { '1.1': 'share-of-tiers', '1.2': 'mean-score' } };
const weighedAsWhole = (id: string): boolean => plan.targets.some((target) => target.id === id && target.weight === null && target.tiers.every((tier) => tier.weight === null));
const groupScoring: Record<string, GroupScoringRule> =
  CHOSEN_RULES[plan.id] ??
  Object.fromEntries(plan.groups.filter((group) => group.weight !== null && group.targets.every(weighedAsWhole)).map((group) => [group.id, 'share-of-tiers']));

// One pass over the inputs gives a report per period: the quarters begun by the as-of date, the
// half-years, the year to date and the whole year. The quarters and the year to date end on or
// before the as-of date, so they use nothing that happened later.
const year = Number(asOf.slice(0, 4));
if (plan.year !== year) {
  console.error(`--as-of ${asOf} is not in the plan's year, ${plan.year ?? '(none)'}`);
  process.exit(1);
}
const series = evaluateSeries(plan, inputs, { periods: reportingPeriods(year, { asOf }), groupScoring });
const quarters = series.filter((report) => /-Q[1-4]$/.test(report.period.label) && report.period.to <= asOf);
const yearToDate = series.find((report) => report.period.from === `${year}-01-01` && report.period.to === asOf);
if (yearToDate === undefined) throw new Error(`no report for ${year}-01-01 to ${asOf}`);

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const row = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
const mark = (met: boolean | null): string => (met === null ? '–' : met ? '✓' : '✗');
const count = (value: number): string => value.toLocaleString('en-US');
const percent = (share: number | null): string => (share === null ? '–' : `${(share * 100).toFixed(1)} %`);
/** A tier's share in a period's report ('–' when nothing was measured), or a mean target's mean. */
const shareIn = (report: PlanReport, targetId: string, index: number): string => {
  const tier = report.targets.find((target) => target.id === targetId)?.tiers[index];
  if (tier === undefined) return '–';
  if (tier.kind === 'mean') return tier.mean === null ? '–' : `mean ${tier.mean.toFixed(1)}`;
  return percent(tier.share);
};

const lines: string[] = [];
const out = (...text: string[]): void => {
  lines.push(...text);
};

out(`# Quarterly status: ${plan.title}`, '');
out(
  `Plan \`${plan.id}\`, as of ${asOf}: ${count(cases.length)} case records` +
    `${contacts === undefined ? '' : `, ${count(contacts.length)} contacts`}${observations === undefined ? '' : `, ${count(observations.length)} observations`} (${prefix}-*.json).`,
  '',
);

// (1) The share within the limit per quarter and for the year to date.
out('## Share within the limit', '');
out(row(['target', 'limit', ...quarters.map((report) => report.period.label.slice(5)), 'year to date', 'required', 'met so far']));
out(`| --- | --- | ${quarters.map(() => '---: | ').join('')}---: | ---: | --- |`);
for (const target of yearToDate.targets) {
  target.tiers.forEach((tier, index) => {
    out(
      row([
        index === 0 ? target.id : '',
        `${tier.kind === 'mean' ? 'mean ' : ''}≤ ${formatLimit(tier.limit)}`,
        ...quarters.map((report) => shareIn(report, target.id, index)),
        shareIn(yearToDate, target.id, index),
        tier.kind === 'share' ? formatPercent(tier.required) : '',
        mark(tier.met),
      ]),
    );
  });
}
out('', '– : nothing measured in that period (a target may be measured in part of the year only).', '');

// (2) Processing times of the cases decided so far: the statistics of each case target's first tier.
out('## Processing times, year to date', '');
out(row(['target', 'decided', 'mean', 'median', 'p90', 'max']), '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const target of yearToDate.targets.filter((candidate) => candidate.input === 'cases')) {
  const stats = target.tiers[0]?.stats;
  if (stats === undefined) continue;
  const days = (value: number | null): string => (value === null ? '–' : `${Number.isInteger(value) ? value : value.toFixed(1)} ${stats.unit === 'workingDays' ? 'working days' : 'days'}`);
  out(row([target.id, count(stats.count), days(stats.mean), days(stats.median), days(stats.p90), days(stats.max)]));
}
out('');

// (3) The points the year so far would give, per group.
const points = (value: number | null): string => (value === null ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(2));
out('## Points, year to date', '');
out(row(['group', 'label', 'weight', 'rule', 'points']), '| --- | --- | ---: | --- | ---: |');
for (const group of yearToDate.groups) {
  const rule = groupScoring[group.id];
  out(row([group.id, group.label, points(group.weight), typeof rule === 'string' ? rule : (group.scoring ?? '–'), points(group.points)]));
}
out('', `Plan: ${points(yearToDate.points.earned)} of ${points(yearToDate.points.possible)} points.`, '');

// (4) The expected year-end result: bounds, estimate, cases still needed, status; and the points.
const forecast = forecastPlan(plan, inputs, { asOf, groupScoring });
out(renderForecast(forecast, { format: 'markdown' }).trimEnd(), '');

// (5) The cases open at the as-of date, and the at-risk list: due within 14 days, or overdue.
const pending = pendingAt(plan, cases, { asOf, withinDays: 14 });
out(renderPending(pending, { format: 'markdown', limit: 15 }).trimEnd());

const markdown = `${lines.join('\n')}\n`;
if (values.out === undefined) process.stdout.write(markdown);
else {
  writeFileSync(values.out, markdown);
  console.log(`wrote ${values.out}`);
}
