/**
 * `npm run demo`: evaluates three plans on the bundled synthetic data (written by
 * `npm run examples:data`), one call to `evaluatePlan` each.
 *
 * SIRI 2023, in full:
 * - examples/data/siri-2023-cases.json: case records, for the processing-time targets (1.1);
 * - examples/data/siri-2023-contacts.json: phone calls, for the phone waiting-time target (1.2b);
 * - examples/data/siri-2023-observations.json: days to the next free biometrics appointment per
 *   service centre and day, for the biometrics target (1.2a);
 * with the compliance tables, the record counts of every input and the points, and a small plan of
 * its own with a limit in working days. Then the quarterly report as of 30 September 2023: shares
 * per quarter (`evaluateSeries`), the year-end forecast (`forecastPlan`), the pending cases and the
 * at-risk list (`pendingAt`), processing-time statistics and the backlog of the year (`backlogReport`).
 *
 * Then, compactly, Udlændingestyrelsen 2019 (us-2019-cases.json with first asylum interviews,
 * us-2019-contacts.json with phone and in-person waits) and SIRI 2024 (siri-2024-cases.json,
 * siri-2024-observations.json): one line per target and tier, the record counts and the points.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  backlogReport,
  createCalendar,
  definePlan,
  evaluatePlan,
  evaluateSeries,
  forecastPlan,
  getPlan,
  pendingAt,
  reportingPeriods,
  workingDaysBetween,
  formatLimit,
  formatPercent,
  type Counts,
  type ContactCounts,
  type GroupReport,
  type GroupScoringRule,
  type Limit,
  type ObservationCounts,
  type PlanReport,
  type ShareTierReport,
  type TargetReport,
  type TierReport,
} from '../src/index.js';

const PLAN_ID = 'siri-2023';
const PERIOD = '2023';

// SIRI 2023 gives one weight for each requirement (65 points for 1.1, 5 for 1.2) and no split over
// its targets. The library never invents one, so the demo picks a documented rule per group.
const GROUP_SCORING: Record<string, GroupScoringRule> = { '1.1': 'share-of-tiers', '1.2': 'mean-score' };

// ---------------------------------------------------------------------------------------------
// Formatting helpers (plain text, no colours)

/** 20000 → '20,000' (fixed format, independent of the host's locale). */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function mark(met: boolean | null): string {
  if (met === null) return '–';
  return met ? '✓' : '✗';
}

function signed(value: number): string {
  return value > 0 ? `+${thousands(value)}` : value < 0 ? `-${thousands(-value)}` : '0';
}

type Align = 'left' | 'right';

/** Renders rows as an aligned table with a header and a rule under it. */
function table(header: string[], align: Align[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

function print(lines: string[], indent = ''): void {
  for (const text of lines) console.log(`${indent}${text}`);
}

function load(name: string): unknown[] {
  const path = fileURLToPath(new URL(`./data/${name}`, import.meta.url));
  const records: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(records)) throw new Error(`${path} does not hold a JSON array`);
  return records;
}

function target(report: PlanReport, id: string): TargetReport {
  const found = report.targets.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`the report has no target "${id}"`);
  return found;
}

function firstShareTier(report: TargetReport): ShareTierReport {
  const tier = report.tiers[0];
  if (tier?.kind !== 'share') throw new Error(`target "${report.id}" has no share tier`);
  return tier;
}

/** A limit as a cell: '≤ 31 days', or 'mean ≤ 120 days' for a mean target. */
function limitCell(limit: Limit, mean = false): string {
  return `${mean ? 'mean ' : ''}≤ ${formatLimit(limit)}`;
}

/** The columns of a tier: limit, measured, within (or the mean), share / required, met, needed, margin. */
const TIER_COLUMNS = ['limit', 'measured', 'within', 'share / required', 'met', 'needed', 'margin'];
const TIER_ALIGN: Align[] = ['left', 'right', 'right', 'right', 'left', 'right', 'right'];

/** A tier's cells under {@link TIER_COLUMNS}; a mean tier gives its mean under `within`. */
function tierCells(tier: TierReport): string[] {
  if (tier.kind === 'mean') {
    const mean = tier.mean === null ? '–' : formatLimit({ amount: Number(tier.mean.toFixed(1)), unit: tier.limit.unit });
    return [limitCell(tier.limit, true), thousands(tier.measured), mean, '', mark(tier.met), '', ''];
  }
  return [
    limitCell(tier.limit),
    thousands(tier.measured),
    thousands(tier.within),
    `${formatPercent(tier.share)} / ${formatPercent(tier.required)}`,
    mark(tier.met),
    tier.needed === null ? '–' : thousands(tier.needed),
    tier.needed === null ? '' : signed(tier.within - tier.needed),
  ];
}

/**
 * A table of tiers: the `lead` columns (e.g. target, measures) then the tier columns; `compact`
 * leaves out needed and margin.
 */
function tierTable(lead: string[], rows: [string[], TierReport][], { compact = false, within = 'within' } = {}): string[] {
  const count = compact ? TIER_COLUMNS.length - 2 : TIER_COLUMNS.length;
  const columns = TIER_COLUMNS.slice(0, count).map((column) => (column === 'within' ? within : column));
  return table(
    [...lead, ...columns],
    [...lead.map((): Align => 'left'), ...TIER_ALIGN.slice(0, count)],
    rows.map(([cells, tier]) => [...cells, ...tierCells(tier).slice(0, count)]),
  );
}

/**
 * One row per target and tier, of a report or a forecast; the lead cells (`lead(target)`) are shown on
 * a target's first tier only.
 */
function targetRows<Target extends { id: string; tiers: readonly unknown[] }>(
  targets: readonly Target[],
  lead: (entry: Target) => string[] = (entry) => [entry.id],
): [string[], Target['tiers'][number]][] {
  return targets.flatMap((entry) => {
    const cells = lead(entry);
    return entry.tiers.map((tier, index): [string[], Target['tiers'][number]] => [index === 0 ? cells : cells.map(() => ''), tier]);
  });
}

const CLOCK_EVENTS: Record<string, string> = { applied: 'applied', decided: 'decision', 'events.firstInterview': 'first interview' };

/** What a target measures: 'cases, applied → first interview', 'phone waits', 'weekdays, all centres'. */
function measures(entry: TargetReport): string {
  if (entry.input === 'contacts') return `${entry.channels.join(', ')} waits`;
  if (entry.input === 'observations') {
    const tier = entry.tiers[0];
    return tier?.kind === 'share' && tier.centres !== undefined ? 'weekdays, per centre' : 'weekdays, all centres';
  }
  const event = (name: string): string => CLOCK_EVENTS[name] ?? name.replace(/^events\./, '');
  const which = entry.areas.length > 0 ? `cases (${entry.areas.join(', ')})` : 'cases';
  return `${which}, ${event(entry.clock.start)} → ${event(entry.clock.stop)}`;
}

/** The buckets of an input's counts, without `input`, in report order. */
function buckets(counts: Counts | ContactCounts | ObservationCounts): [string, number][] {
  return Object.entries<number>({ ...counts }).filter(([key]) => key !== 'input');
}

function balanced(counts: Counts | ContactCounts | ObservationCounts): boolean {
  return buckets(counts).reduce((total, [, value]) => total + value, 0) === counts.input;
}

/** 'cases  6,002 = measured 2,970 + pending 1,360 + … ✓': an input's buckets adding up to it. */
function bucketLine(name: string, counts: Counts | ContactCounts | ObservationCounts, width: number): string {
  const parts = buckets(counts).map(([key, value]) => `${key} ${thousands(value)}`);
  return `${name.padEnd(width)}  ${thousands(counts.input).padStart(6)} = ${parts.join(' + ')}  ${balanced(counts) ? '✓' : '✗'}`;
}

/** 'loenarbejde 640, praktikant 410': counts by key, largest first. */
function listed(entries: Record<string, number>): string {
  return Object.entries(entries)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([key, count]) => `${key} ${thousands(count)}`)
    .join(', ');
}

/** Tiers met and tiers of the group's targets that apply in the evaluation (the ones group rules score). */
function tiersMet(report: PlanReport, group: GroupReport): [number, number] {
  const groupTiers = report.targets.filter((entry) => entry.group === group.id && entry.applies).flatMap((entry) => entry.tiers);
  return [groupTiers.filter((tier) => tier.met === true).length, groupTiers.length];
}

/** "25 × 2 of 3 tiers met = 16.67": the group's points under 'share-of-tiers', with the arithmetic. */
function shareOfTiers(report: PlanReport, group: GroupReport): string {
  const [met, all] = tiersMet(report, group);
  return `${group.weight ?? 0} × ${met} of ${all} ${all === 1 ? 'tier' : 'tiers'} met = ${group.points === null ? '–' : points(group.points)}`;
}

function planPoints(report: PlanReport): string {
  const { earned, possible, unscored } = report.points;
  const total = report.total;
  const whole =
    total === null
      ? ''
      : `\n    Whole plan: ${points(total.earned)} of ${points(total.possible)} points; ${points(total.fromData)} decided by the data, ` +
        `${points(total.supplied)} by supplied results, ${points(total.missing)} missing (requirements not evaluated from case data` +
        `${total.unreadable > 0 ? `, and ${points(total.unreadable)} points of weights that cannot be read: ${total.unknownWeights.join(', ')}` : ''}).`;
  return (
    `Service targets: ${earned === null ? '–' : points(earned)} of ${possible === null ? '–' : points(possible)} points` +
    (unscored.length === 0 ? '' : `; not scored: ${unscored.map((entry) => `${entry.kind} ${entry.id} (${entry.weight} points, ${entry.reason})`).join(', ')}`) +
    whole
  );
}

/** A title, underlined. */
function title(text: string): void {
  console.log(text);
  console.log('='.repeat(text.length));
}

/** The heading of a plan: its name, title, period and inputs. */
function heading(name: string, report: PlanReport, inputs: Record<string, unknown[]>): void {
  const counts = Object.entries(inputs).map(([input, records]) => `${thousands(records.length)} ${input}`);
  const list = counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}` : counts.join('');
  title(`${name} (${report.plan.id}): ${report.plan.title}`);
  console.log(`Period ${report.period.label} (${report.period.from} to ${report.period.to}): ${list} (all synthetic).`);
}

// ---------------------------------------------------------------------------------------------
// SIRI 2023. Evaluation: one call, three inputs

const cases = load('siri-2023-cases.json');
const contacts = load('siri-2023-contacts.json');
const observations = load('siri-2023-observations.json');
const plan = getPlan(PLAN_ID);
const report = evaluatePlan(plan, { cases, contacts, observations }, { period: PERIOD, groupScoring: GROUP_SCORING });

const timestamps = cases.filter(
  (record: unknown) => typeof record === 'object' && record !== null && String((record as { applied?: unknown }).applied).includes('T'),
).length;

heading('SIRI 2023', report, { 'case records': cases, contacts, observations });
console.log(`(${thousands(timestamps)} applications carry a UTC timestamp; each counts on its Copenhagen date.)`);

// ---------------------------------------------------------------------------------------------
// 1.1: processing times of cases

console.log('');
console.log('1.1 Processing times: elapsed calendar days from application to decision, first-time cases decided in the');
console.log('period. "≤ 31 days" means at most 31 elapsed days; "needed" is the least number within the limit that meets');
console.log('the required share; "margin" is within minus needed.');
console.log('');

const caseTargets = report.targets.filter((entry) => entry.input === 'cases');
print(tierTable(['target'], targetRows(caseTargets)));

console.log('');
const documents = report.plan.documents.map((document) => `${document.authority}, ${document.title}`);
console.log(`Targets as ${documents.join(' and ')} words them (resultatkrav, label):`);
const idWidth = Math.max(...report.targets.map((entry) => entry.id.length));
for (const entry of report.targets) {
  const requirement = entry.source === null ? '' : `${entry.source.requirement.padEnd(5)} `;
  console.log(`  ${entry.id.padEnd(idWidth)}  ${requirement}${entry.label}`);
}

const caseTiers = caseTargets.flatMap((entry) => entry.tiers);
const caseTiersMet = caseTiers.filter((tier) => tier.met === true).length;
console.log('');
console.log(
  `${caseTiersMet} of ${caseTiers.length} case tiers met; ` +
    `${caseTargets.filter((entry) => entry.met === true).length} of ${caseTargets.length} case targets meet all their tiers.`,
);

// ---------------------------------------------------------------------------------------------
// 1.2: citizen service, measured in the second half-year only

const phone = target(report, 'telefon');
const biometrics = target(report, 'biometri');
const biometricsTier = firstShareTier(biometrics);
const window = phone.window === null ? 'nothing' : `${phone.window.from} to ${phone.window.to}`;

console.log('');
console.log(`1.2 Citizen service: measured in the second half-year only (the targets' own period, ${window}).`);
console.log('');
console.log('Phone: waiting time of answered calls, in whole seconds (waitMinutes, or answered − arrived).');
print(tierTable(['target'], targetRows([phone])), '  ');
console.log(`  ${thousands(report.contacts.counts.unanswered)} unanswered calls have no waiting time: counted apart, not in the share.`);

console.log('');
console.log(`Biometrics: weekdays (working days) on which the next free slot was at most ${formatLimit(biometricsTier.limit)} away.`);
const centres = biometricsTier.centres ?? [];
print(
  table(
    ['centre', 'weight', 'weekdays', 'within', 'share', 'met'],
    ['left', 'right', 'right', 'right', 'right', 'left'],
    centres.map((centre) => [
      centre.centre,
      formatPercent(centre.weight),
      thousands(centre.measured),
      thousands(centre.within),
      formatPercent(centre.share),
      mark(centre.met),
    ]),
  ),
  '  ',
);
const metCentres = centres.filter((centre) => centre.weight > 0 && centre.met === true);
const missedCentres = centres.filter((centre) => centre.weight > 0 && centre.met === false);
console.log(
  `  Score ('met-centres', the default): the weights of the centres that met ${formatPercent(biometricsTier.required)}: ` +
    `${metCentres.map((centre) => Math.round(centre.weight * 100)).join(' + ')} = ${formatPercent(biometrics.score)}.`,
);
console.log(
  `  The target as a whole is ${biometrics.met === true ? 'met' : 'not met'}` +
    (missedCentres.length === 0 ? '.' : ` (${missedCentres.map((centre) => centre.centre).join(' and ')} missed it).`),
);

// The other reading of "Valby vægter 55 %": one share, Σ weight × share, against 80 %. A user gets
// it from a copy of the catalogue plan whose biometrics target says centreScoring 'weighted-share'.
const weightedPlan = definePlan({
  ...plan,
  targets: plan.targets.map((entry) => (entry.id === 'biometri' ? { ...entry, centreScoring: 'weighted-share' as const } : entry)),
});
const weighted = evaluatePlan(weightedPlan, { contacts, observations }, { period: PERIOD, groupScoring: { '1.2': 'mean-score' } });
const weightedTarget = target(weighted, 'biometri');
const weightedTier = firstShareTier(weightedTarget);
console.log(
  `  Weighted-share reading (centreScoring 'weighted-share'): Σ weight × share = ${formatPercent(weightedTier.weightedShare ?? null)}` +
    ` / ${formatPercent(weightedTier.required)} ${mark(weightedTarget.met)}, score ${formatPercent(weightedTarget.score)}.`,
);
console.log(
  `  All centres' weekdays pooled (how SIRI 2024 measures, without weights): ` +
    `${thousands(biometricsTier.within)} of ${thousands(biometricsTier.measured)} = ${formatPercent(biometricsTier.share)} ${
      biometricsTier.needed !== null && biometricsTier.within >= biometricsTier.needed ? '✓' : '✗'
    }.`,
);

// ---------------------------------------------------------------------------------------------
// Counts: every record of every input in exactly one bucket

const { counts } = report;
const contactCounts = report.contacts.counts;
const observationCounts = report.observations.counts;
const cell = (value: number | undefined): string => (value === undefined ? '·' : thousands(value));

console.log('');
console.log('Records: every record of every input lands in exactly one bucket (· = no such bucket for that input).');
print(
  table(
    ['bucket', 'cases', 'contacts', 'observations'],
    ['left', 'right', 'right', 'right'],
    [
      ['measured', cell(counts.measured), cell(contactCounts.measured), cell(observationCounts.measured)],
      ['pending', cell(counts.pending), cell(undefined), cell(undefined)],
      ['unanswered', cell(undefined), cell(contactCounts.unanswered), cell(undefined)],
      ['notWorkingDay', cell(undefined), cell(undefined), cell(observationCounts.notWorkingDay)],
      ['outOfPeriod', cell(counts.outOfPeriod), cell(contactCounts.outOfPeriod), cell(observationCounts.outOfPeriod)],
      ['withoutTarget', cell(counts.withoutTarget), cell(contactCounts.withoutTarget), cell(observationCounts.withoutTarget)],
      ['invalid', cell(counts.invalid), cell(contactCounts.invalid), cell(observationCounts.invalid)],
      ['= input', cell(counts.input), cell(contactCounts.input), cell(observationCounts.input)],
    ],
  ),
  '  ',
);
console.log(
  `  The buckets add up to the input for each of the three: ${balanced(counts) && balanced(contactCounts) && balanced(observationCounts) ? '✓' : '✗'}`,
);
console.log(`  pending: applied by ${report.period.to}, not decided by then.`);
console.log(`  outOfPeriod: cases decided outside ${report.period.label}; contacts outside the phone target's half-year.`);
console.log(`  notWorkingDay: observations on weekends and public holidays, which are not weekdays of the target.`);
console.log(`  withoutTarget: no target covers them: cases ${listed(report.withoutTarget)};`);
console.log(`    contacts ${listed(report.contacts.withoutTarget)}.`);
console.log('');
console.log('Invalid records (listed, never dropped silently):');
for (const problem of report.invalid) console.log(`  [${problem.code}] ${problem.message}`);

// ---------------------------------------------------------------------------------------------
// Points

console.log('');
console.log('Points: the plan gives one weight per requirement and no split over its targets, so the library does not');
console.log(`invent one. The demo passes groupScoring ${JSON.stringify(GROUP_SCORING).replace(/"/g, "'").replace(/([{,:])/g, '$1 ').replace(/}/, ' }')}:`);
for (const group of report.groups) {
  const weight = group.weight === null ? 'no weight' : `weight ${group.weight}`;
  console.log(`  ${group.id} ${group.label} (${weight}): ${group.points === null ? 'not scored' : `${points(group.points)} points`}`);
  const [met, all] = tiersMet(report, group);
  if (group.weight === null) continue;
  if (GROUP_SCORING[group.id] === 'share-of-tiers') {
    console.log(`      'share-of-tiers': every tier counts alike: ${shareOfTiers(report, group)}.`);
    console.log(`      ('all-met' would give ${met === all ? group.weight : 0}.)`);
  } else if (GROUP_SCORING[group.id] === 'mean-score') {
    const members = report.targets.filter((entry) => entry.group === group.id);
    console.log(
      `      'mean-score': ${group.weight} × the mean of the targets' scores (${members.map((entry) => `${entry.id} ${formatPercent(entry.score)}`).join(', ')})` +
        ` = ${group.points === null ? '–' : points(group.points)},`,
    );
    console.log(`      so the centre weights of biometrics count. ('share-of-tiers' would give ${points((group.weight * met) / all)}, counting`);
    console.log(
      `      biometrics as one tier not met; with the weighted-share reading, 'mean-score' gives ` +
        `${points(weighted.groups.find((entry) => entry.id === group.id)?.points ?? 0)}.)`,
    );
  }
}
console.log(`  ${planPoints(report)}`);

// ---------------------------------------------------------------------------------------------
// Working days: a user plan with a limit in working days

// A plan of one's own: "90 % of Fast-track cases within 15 working days", on the state's calendar
// (Danish public holidays, and 5 June, 24 and 31 December closed). For comparison, the same target
// carries a second tier with the same three weeks on the calendar-day clock.
const workingDayPlan = definePlan({
  id: 'fast-track-working-days',
  title: 'Fast-track in working days (example)',
  year: 2023,
  calendar: { closingDays: 'state' },
  targets: [
    {
      id: 'fast-track',
      label: 'Fast-track 1. gang',
      caseTypes: ['fast-track'],
      tiers: [
        { limit: { amount: 15, unit: 'workingDays' }, required: 0.9 },
        { limit: { amount: 21, unit: 'days' }, required: 0.9 },
      ],
    },
  ],
});
const workingDayReport = evaluatePlan(workingDayPlan, cases);
const stateCalendar = createCalendar({ closingDays: 'state' });

console.log('');
console.log(`Working days: a plan of one's own, "90 % of Fast-track within 15 working days", on the calendar ${stateCalendar.name}`);
console.log(
  `(Monday–Friday without Danish public holidays, 5 June, 24 and 31 December), for the ` +
    `${thousands(target(workingDayReport, 'fast-track').measured)} Fast-track cases above:`,
);
print(
  tierTable(
    ['clock'],
    target(workingDayReport, 'fast-track').tiers.map((tier): [string[], TierReport] => [
      [tier.limit.unit === 'workingDays' ? 'working days' : 'calendar days'],
      tier,
    ]),
  ),
  '  ',
);

// Where the clocks disagree: a case over Easter 2023 (Maundy Thursday 6 April to Easter Monday
// 10 April closed) that is within 15 working days but not within 21 calendar days.
interface Dated {
  id: string;
  caseType?: string;
  applied: string;
  decided: string | null;
}
const calendarDays = (record: Dated): number =>
  Math.round((Date.parse(record.decided ?? '') - Date.parse(record.applied.slice(0, 10))) / 86_400_000);
const [easter] = (cases as Dated[])
  .filter(
    (record) =>
      record.caseType === 'fast-track' &&
      record.applied >= '2023-03-31' &&
      record.applied < '2023-04-06' &&
      record.decided !== null &&
      calendarDays(record) > 21 &&
      workingDaysBetween(record.applied, record.decided, stateCalendar) <= 15,
  )
  .sort((a, b) => calendarDays(b) - calendarDays(a) || a.id.localeCompare(b.id));
if (easter?.decided != null) {
  console.log(
    `  e.g. ${easter.id}, applied ${easter.applied.slice(0, 10)}, decided ${easter.decided}: ${calendarDays(easter)} calendar days, ` +
      `but ${workingDaysBetween(easter.applied, easter.decided, stateCalendar)} working days`,
  );
  console.log('  (workingDaysBetween; 6, 7 and 10 April are closed): within 15 working days, not within 21 days.');
}

// ---------------------------------------------------------------------------------------------
// Quarterly view and year-end forecast, as of 30 September 2023. The data runs to 31 December;
// every function below takes the date and ignores what happened after it.

const AS_OF = '2023-09-30';
const siri2023Inputs = { cases, contacts, observations };

console.log('');
console.log('');
title('Quarterly view and year-end forecast (siri-2023, as of 30 September 2023)');
console.log('The data runs to 31 December; each function is given the date and ignores what happened after it.');

// (a) One pass over the inputs, one report per period: Q1–Q3, the half-years, the year to date, the year.
const series = evaluateSeries(plan, siri2023Inputs, { periods: reportingPeriods(2023, { asOf: AS_OF }), groupScoring: GROUP_SCORING });
const columns: [string, PlanReport][] = series.flatMap((entry): [string, PlanReport][] => {
  const quarter = /-(Q[1-4])$/.exec(entry.period.label)?.[1];
  if (quarter !== undefined) return [[quarter, entry]];
  return entry.period.to === AS_OF && entry.period.from === '2023-01-01' ? [['1 Jan–30 Sep', entry]] : [];
});
const yearToDate = columns[columns.length - 1]?.[1] ?? report;
/** A tier's share in a report, with ✓ or ✗; '–' when the period measured nothing. */
const shareCell = (periodReport: PlanReport, targetId: string, index: number): string => {
  const tier = target(periodReport, targetId).tiers[index];
  return tier?.kind !== 'share' || tier.share === null ? '–' : `${formatPercent(tier.share)} ${mark(tier.met)}`;
};
console.log('');
console.log(`Share within the limit per quarter and year to date (evaluateSeries, reportingPeriods(2023, { asOf: '${AS_OF}' })):`);
print(
  table(
    ['target', 'limit', ...columns.map(([label]) => label), 'required'],
    ['left', 'left', ...columns.map((): Align => 'right'), 'right'],
    yearToDate.targets.flatMap((entry) =>
      entry.tiers.map((tier, index) => [
        index === 0 ? entry.id : '',
        limitCell(tier.limit, tier.kind === 'mean'),
        ...columns.map(([, periodReport]) => shareCell(periodReport, entry.id, index)),
        formatPercent(tier.required),
      ]),
    ),
  ),
  '  ',
);

// (b) The year-end forecast: guaranteed bounds, the estimate, the cases still needed, the status.
const forecast = forecastPlan(plan, siri2023Inputs, { asOf: AS_OF, groupScoring: GROUP_SCORING });
console.log('');
console.log(`Year-end forecast (forecastPlan, asOf ${AS_OF}): lower = every open case a miss; upper = every case that can`);
console.log('still make it within, overdue ones undecided; estimate = the share so far applied to the open cases, overdue');
console.log('ones missed. "needed": cases that must still make it, overdue ones undecided. Waits, slots: known at year end.');
print(
  table(
    ['target', 'limit', 'so far', 'lower', 'estimate', 'upper', 'required', 'needed', 'status'],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    targetRows(forecast.targets).map(([[id = ''], tier]) => [
      id,
      limitCell(tier.limit, tier.required === null),
      formatPercent(tier.soFar.share),
      formatPercent(tier.lower),
      formatPercent(tier.estimate),
      formatPercent(tier.upper),
      formatPercent(tier.required),
      tier.casesNeeded === null ? '–' : thousands(tier.casesNeeded),
      tier.status,
    ]),
  ),
  '  ',
);
const forecastPoints = (value: number | null): string => (value === null ? '–' : points(value));
console.log(
  `  Points (groupScoring as above): lower ${forecastPoints(forecast.points.lower)}, estimate ${forecastPoints(forecast.points.estimate)}, ` +
    `upper ${forecastPoints(forecast.points.upper)} of ${forecastPoints(report.points.possible)}.`,
);

// (c) The cases pending at the date: per target, and the at-risk list (due within 7 days, or overdue).
const pending = pendingAt(plan, cases, { asOf: AS_OF, withinDays: 7 });
console.log('');
console.log(`Pending on ${AS_OF} (pendingAt; "overdue": past the limit already, a certain miss once decided):`);
print(
  table(
    ['target', 'pending', 'overdue', 'median age'],
    ['left', 'right', 'left', 'right'],
    pending.targets.map((entry) => [
      entry.id,
      thousands(entry.tiers[0]?.pending ?? 0),
      entry.tiers.map((tier) => `${thousands(tier.overdue)} (${limitCell(tier.limit)})`).join(', '),
      `${entry.tiers[0]?.age.median ?? '–'} days`,
    ]),
  ),
  '  ',
);
const overdueEntries = pending.cases.filter((entry) => entry.overdue).length;
console.log(
  `  At-risk list (withinDays: 7): ${thousands(pending.cases.length)} entries (a case once per tier), ` +
    `${thousands(overdueEntries)} of them overdue; soonest due first:`,
);
print(
  table(
    ['case', 'target', 'limit', 'applied', 'due', 'days left'],
    ['left', 'left', 'left', 'left', 'left', 'right'],
    pending.cases.slice(0, 5).map((entry) => [
      entry.id,
      entry.targetId,
      limitCell(entry.limit),
      entry.applied,
      entry.dueDate ?? '–',
      entry.daysRemaining === null ? '–' : signed(entry.daysRemaining),
    ]),
  ),
  '    ',
);

// (d) Processing times of Fast-track so far, and the flow of all cases through the whole year.
const { stats } = firstShareTier(target(yearToDate, 'fast-track'));
const { total: flow, counts: flowCounts } = backlogReport(cases, { period: PERIOD });
console.log('');
console.log(
  `fast-track, decided 1 January–30 September: median ${stats.median ?? '–'} days, p90 ${stats.p90 ?? '–'} days ` +
    `(90 % were decided within ${stats.p90 ?? '–'} days), max ${stats.max ?? '–'} days.`,
);
console.log(
  `Backlog ${PERIOD}, all case types (the whole year): pending 1 January ${thousands(flow.pendingStart)}, incoming ` +
    `${thousands(flow.incoming)}, decided ${thousands(flow.decided)},`,
);
console.log(
  `  pending 31 December ${thousands(flow.pendingEnd)} (= ${thousands(flow.pendingStart)} + ${thousands(flow.incoming)} − ` +
    `${thousands(flow.decided)}); clearance rate ${formatPercent(flow.clearanceRate)}, disposition time ` +
    `${flow.dispositionTime === null ? '–' : flow.dispositionTime.toFixed(1)} days.`,
);
console.log(
  `  Records: ${thousands(flowCounts.input)} = counted ${thousands(flowCounts.counted)} + outside ${thousands(flowCounts.outside)} ` +
    `(not pending in, applied for or decided in ${PERIOD}) + skipped ${thousands(flowCounts.skipped)} + invalid ${thousands(flowCounts.invalid)}.`,
);

// ---------------------------------------------------------------------------------------------
// Udlændingestyrelsen 2019 and SIRI 2024, compactly: one line per target and tier

/** The data files of a plan, by input. */
interface Files {
  cases?: string;
  contacts?: string;
  observations?: string;
}

const INPUT_NAMES = { cases: 'case records', contacts: 'contacts', observations: 'observations' } as const;

function compactSection(name: string, planId: string, period: string, files: Files): void {
  const inputs = Object.fromEntries(Object.entries<string>({ ...files }).map(([input, file]) => [input, load(file)])) as Record<keyof Files, unknown[]>;
  const compactPlan = getPlan(planId);
  // Both plans give one weight per requirement (group) and none per target: the demo picks a rule.
  const groupScoring = Object.fromEntries(compactPlan.groups.map((group): [string, GroupScoringRule] => [group.id, 'share-of-tiers']));
  const result = evaluatePlan(compactPlan, inputs, { period, groupScoring });
  const present = (Object.keys(INPUT_NAMES) as (keyof Files)[]).filter((input) => files[input] !== undefined);

  console.log('');
  console.log('');
  heading(name, result, Object.fromEntries(present.map((input) => [INPUT_NAMES[input], inputs[input]])));
  console.log('');
  print(tierTable(['target', 'measures'], targetRows(result.targets, (entry) => [entry.id, measures(entry)]), { compact: true, within: 'within / mean' }), '  ');
  for (const entry of result.targets.filter((candidate) => candidate.missingEvent.count > 0)) {
    const event = CLOCK_EVENTS[entry.clock.stop] ?? entry.clock.stop;
    const ids = entry.missingEvent.ids;
    console.log(`  ${entry.id}: ${entry.missingEvent.count} of the ${thousands(entry.measured)} decided cases have no ${event}; they count as not within`);
    console.log(`    (missingEvent: ${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', …' : ''}).`);
  }

  console.log('  Records: the buckets of each input add up to it.');
  const counts: Record<keyof Files, Counts | ContactCounts | ObservationCounts> = {
    cases: result.counts,
    contacts: result.contacts.counts,
    observations: result.observations.counts,
  };
  const width = Math.max(...present.map((input) => input.length));
  for (const input of present) console.log(`    ${bucketLine(input, counts[input], width)}`);
  const without = [
    ...(result.counts.withoutTarget > 0 ? [`cases ${listed(result.withoutTarget)}`] : []),
    ...(result.contacts.counts.withoutTarget > 0 ? [`contacts ${listed(result.contacts.withoutTarget)}`] : []),
    ...(result.observations.counts.withoutTarget > 0 ? [`observations ${listed(result.observations.withoutTarget)}`] : []),
  ];
  if (without.length > 0) console.log(`    withoutTarget (no target in the plan): ${without.join('; ')}.`);
  for (const problem of result.invalid) console.log(`    [${problem.code}] ${problem.message}`);

  console.log(`  Points, with groupScoring 'share-of-tiers' for every group (the plan weighs only groups; weight × tiers met / tiers):`);
  for (const group of result.groups) console.log(`    ${group.id} ${group.label}: ${shareOfTiers(result, group)}`);
  console.log(`    ${planPoints(result)}`);
}

compactSection('Udlændingestyrelsen 2019', 'us-2019', '2019', { cases: 'us-2019-cases.json', contacts: 'us-2019-contacts.json' });
compactSection('SIRI 2024', 'siri-2024', '2024', { cases: 'siri-2024-cases.json', observations: 'siri-2024-observations.json' });
