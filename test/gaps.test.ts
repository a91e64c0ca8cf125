/**
 * Convention 13: the share of an observation target is of every working day of its window, per
 * centre; a working day without an observation is a gap, not within by default
 * (`observationGaps: 'notWithin'`) or left out (`'exclude'`). The aggregate records the observed
 * days, merges them by union, and the report lists the gaps as date ranges. Expected values are
 * worked out by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromUtcDay, utcDay } from './arbitraries.js';
import { runCli } from './cli-run.js';
import { addDay } from '../src/evaluate/coverage.js';
import { evaluate, shareTier, target, thrown } from './helpers.js';
import {
  aggregateInputs,
  aggregateSeries,
  createCalendar,
  definePlan,
  evaluatePlan,
  evaluateSeries,
  forecastPlan,
  getPlan,
  mergeAggregates,
  renderHtml,
  renderReport,
  reportFromAggregate,
  toDayNumber,
  type ObservationCoverage,
  type PlanAggregate,
  type PlanReport,
} from '../src/index.js';

interface Observation {
  date: string;
  centre: string;
  daysToNextSlot: number;
}

const obs = (date: string, centre: string, daysToNextSlot = 3): Observation => ({ date, centre, daysToNextSlot });
const siri2023 = getPlan('siri-2023');
const siri2024 = getPlan('siri-2024');

/** One pooled observation target: at most 10 days to the next slot on 80 % of working days. */
const SLOTS = { id: 'slots', label: 'Slots', input: 'observations' as const, tiers: [{ limit: { amount: 10, unit: 'days' as const }, required: 0.8 }] };
const pooled = definePlan({ id: 'slots', title: 'Slots', year: 2023, targets: [SLOTS] });

/** The same with two weighted centres. */
const weighted = definePlan({
  id: 'weighted',
  title: 'Weighted',
  year: 2023,
  targets: [
    { id: 'slots', label: 'Slots', input: 'observations', centres: { North: 0.5, South: 0.5 }, tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8 }] },
  ],
});

/** Monday 4 to Sunday 10 September 2023: five working days. */
const WEEK = { from: '2023-09-04', to: '2023-09-10' };

const coverageOf = (report: PlanReport, id = 'slots'): ObservationCoverage => {
  const coverage = target(report, id).coverage;
  if (coverage === undefined) throw new Error(`no coverage for ${id}`);
  return coverage;
};

describe('convention 13: every working day of the window counts', () => {
  // Monday, Tuesday and Friday observed, all within 10 days; Wednesday and Thursday missing.
  const week = [obs('2023-09-04', 'Valby'), obs('2023-09-05', 'Valby'), obs('2023-09-08', 'Valby')];

  it('gives 3 of 5 = 60 % for a week with two working days missing, not 3 of 3', () => {
    const report = evaluate(pooled, { observations: week }, { period: WEEK });
    expect(shareTier(report, 'slots')).toMatchObject({ measured: 5, within: 3, share: 0.6, needed: 4, met: false });
    expect(coverageOf(report)).toEqual({
      policy: 'notWithin',
      window: { from: '2023-09-04', to: '2023-09-10' },
      workingDays: 5,
      centresFrom: 'observations',
      observed: 3,
      gaps: 2,
      datesKnown: true,
      centres: [{ centre: 'Valby', workingDays: 5, observed: 3, gaps: 2, gapDates: [{ from: '2023-09-06', to: '2023-09-07' }] }],
    });
    // The same week, whichever two days are missing: 60 %.
    const other = evaluate(pooled, { observations: [obs('2023-09-06', 'Valby'), obs('2023-09-07', 'Valby'), obs('2023-09-08', 'Valby')] }, { period: WEEK });
    expect(shareTier(other, 'slots')).toMatchObject({ measured: 5, within: 3, share: 0.6 });
    expect(coverageOf(other).centres[0]?.gapDates).toEqual([{ from: '2023-09-04', to: '2023-09-05' }]);
  });

  it("gives 3 of 3 with observationGaps 'exclude', and still lists the gaps", () => {
    const report = evaluate(pooled, { observations: week }, { period: WEEK, observationGaps: 'exclude' });
    expect(shareTier(report, 'slots')).toMatchObject({ measured: 3, within: 3, share: 1, needed: 3, met: true });
    expect(coverageOf(report)).toMatchObject({ policy: 'exclude', observed: 3, gaps: 2 });
    expect(coverageOf(report).centres[0]?.gapDates).toEqual([{ from: '2023-09-06', to: '2023-09-07' }]);
  });

  it('counts no public holiday, weekend or closing day as a gap', () => {
    // Easter 2023: Thursday 6, Friday 7 and Monday 10 April are public holidays. Monday 3 to Friday 14
    // April has 7 working days; all of them observed.
    const days = ['2023-04-03', '2023-04-04', '2023-04-05', '2023-04-11', '2023-04-12', '2023-04-13', '2023-04-14'];
    const report = evaluate(pooled, { observations: days.map((date) => obs(date, 'Valby')) }, { period: { from: '2023-04-03', to: '2023-04-14' } });
    expect(coverageOf(report)).toMatchObject({ workingDays: 7, observed: 7, gaps: 0 });
    expect(shareTier(report, 'slots')).toMatchObject({ measured: 7, within: 7, met: true });
    // With the state's closing days, 5 June 2023 (a Monday) is closed: no gap either.
    const closing = definePlan({ ...pooled, calendar: { closingDays: 'state' } });
    const june = ['2023-06-06', '2023-06-07', '2023-06-08', '2023-06-09'].map((date) => obs(date, 'Valby'));
    expect(coverageOf(evaluate(closing, { observations: june }, { period: { from: '2023-06-05', to: '2023-06-09' } }))).toMatchObject({ workingDays: 4, gaps: 0 });
    expect(coverageOf(evaluate(pooled, { observations: june }, { period: { from: '2023-06-05', to: '2023-06-09' } }))).toMatchObject({ workingDays: 5, gaps: 1 });
  });

  it('joins gaps across days that are not working days into one range', () => {
    // Observed on Monday 3 April only: Tuesday 4 to Friday 14 April are gaps, Easter in between.
    const report = evaluate(pooled, { observations: [obs('2023-04-03', 'Valby')] }, { period: { from: '2023-04-03', to: '2023-04-14' } });
    expect(coverageOf(report).centres[0]).toEqual({ centre: 'Valby', workingDays: 7, observed: 1, gaps: 6, gapDates: [{ from: '2023-04-04', to: '2023-04-14' }] });
  });

  it('counts every working day of a weighted centre without any observation as a gap', () => {
    const north = ['2023-09-04', '2023-09-05', '2023-09-06', '2023-09-07', '2023-09-08'].map((date) => obs(date, 'North'));
    const report = evaluate(weighted, { observations: north }, { period: WEEK });
    expect(coverageOf(report).centres).toEqual([
      { centre: 'North', workingDays: 5, observed: 5, gaps: 0, gapDates: [] },
      { centre: 'South', workingDays: 5, observed: 0, gaps: 5, gapDates: [{ from: '2023-09-04', to: '2023-09-08' }] },
    ]);
    const tier = shareTier(report, 'slots');
    expect(tier.centres?.map((centre) => [centre.centre, centre.measured, centre.within, centre.share, centre.met])).toEqual([
      ['North', 5, 5, 1, true],
      ['South', 5, 0, 0, false],
    ]);
    // pooled over both centres: 5 of 10; met-centres: North's half
    expect(tier).toMatchObject({ measured: 10, within: 5, met: false });
    expect(target(report, 'slots').score).toBe(0.5);
  });

  it('leaves a target with no observation at all unmeasured, and says every working day is a gap', () => {
    const report = evaluate(weighted, { observations: [] }, { period: WEEK });
    expect(shareTier(report, 'slots')).toMatchObject({ measured: 0, share: null, met: null });
    expect(coverageOf(report)).toMatchObject({ observed: 0, gaps: 10, centresFrom: 'weights' });
    // A pooled target knows its centres from the observations only: none.
    expect(coverageOf(evaluate(pooled, [], { period: WEEK }))).toMatchObject({ observed: 0, gaps: 0, centres: [] });
  });

  it('takes the window from the target’s own period and its addendum dates', () => {
    const dated = definePlan({
      ...pooled,
      targets: [{ ...SLOTS, period: '2023-09', effective: { from: '2023-09-06', until: '2023-09-08', by: 'decided' } }],
    });
    // Wednesday 6 and Thursday 7 September: the only days the target measures.
    const report = evaluate(dated, { observations: [obs('2023-09-05', 'Valby'), obs('2023-09-06', 'Valby')] }, { period: '2023' });
    expect(coverageOf(report)).toMatchObject({ window: { from: '2023-09-06', to: '2023-09-07' }, workingDays: 2, observed: 1, gaps: 1 });
    expect(coverageOf(report).centres[0]?.gapDates).toEqual([{ from: '2023-09-07', to: '2023-09-07' }]);
    // SIRI 2023 measures biometrics in 2023-H2 only: nothing to cover in the first half-year.
    expect(coverageOf(evaluate(siri2023, { observations: [] }, { period: '2023-H1' }), 'biometri')).toMatchObject({ window: null, workingDays: 0, gaps: 0 });
  });

  it('rejects an unknown observationGaps before reading the inputs (invalid_option with its path)', () => {
    let read = false;
    const observations = {
      *[Symbol.iterator]() {
        read = true;
        yield obs('2023-09-04', 'Valby');
      },
    };
    const error = thrown(() => evaluatePlan(pooled, { observations }, { period: WEEK, observationGaps: 'skip' as 'exclude' }));
    expect(error.issues.map(({ code, path }) => [code, path])).toEqual([['invalid_option', ['observationGaps']]]);
    expect(error.message).toContain('observationGaps must be "notWithin" or "exclude", got "skip"');
    expect(read).toBe(false);
    const aggregate = aggregateInputs(pooled, { observations: [] }, { period: WEEK });
    expect(thrown(() => reportFromAggregate(pooled, aggregate, { observationGaps: null as unknown as 'exclude' })).message).toContain('got null');
    expect(thrown(() => forecastPlan(pooled, [], { asOf: '2023-09-05', observationGaps: 'all' as 'exclude' })).issues[0]?.path).toEqual(['observationGaps']);
  });
});

describe('the observed days in the aggregate', () => {
  const observations = [
    obs('2023-09-04', 'Valby'),
    obs('2023-09-05', 'Valby'),
    obs('2023-09-08', 'Valby'),
    obs('2023-09-11', 'Valby'),
    obs('2023-09-05', 'Aarhus'),
  ];

  it('holds them as sorted day ranges per centre, in any input order', () => {
    const aggregate = aggregateInputs(pooled, { observations: [...observations].reverse() }, { period: '2023-09' });
    const day = (date: string) => toDayNumber(date);
    expect(Object.entries(aggregate.targets[0]?.observedDays ?? {})).toEqual([
      ['Aarhus', [[day('2023-09-05'), day('2023-09-05')]]],
      ['Valby', [[day('2023-09-04'), day('2023-09-05')], [day('2023-09-08'), day('2023-09-08')], [day('2023-09-11'), day('2023-09-11')]]],
    ]);
    // a record without a prototype: a centre named __proto__ is an own key
    const hostile = aggregateInputs(pooled, { observations: [obs('2023-09-04', '__proto__')] }, { period: '2023-09' });
    expect(Object.keys(hostile.targets[0]?.observedDays ?? {})).toEqual(['__proto__']);
    expect(coverageOf(reportFromAggregate(pooled, JSON.parse(JSON.stringify(hostile)) as PlanAggregate)).centres.map((centre) => centre.centre)).toEqual(['__proto__']);
  });

  it('merge by union: split aggregates give the report of the whole', () => {
    const whole = evaluatePlan(pooled, { observations }, { period: '2023-09' });
    const first = aggregateInputs(pooled, { observations: observations.slice(0, 2) }, { period: '2023-09' });
    const second = aggregateInputs(pooled, { observations: observations.slice(2) }, { period: '2023-09', indexOffset: { observations: 2 } });
    const merged = reportFromAggregate(pooled, mergeAggregates(JSON.parse(JSON.stringify(second)) as PlanAggregate, first));
    expect(merged.targets).toEqual(whole.targets);
    expect(coverageOf(merged).centres.find((centre) => centre.centre === 'Valby')?.gapDates).toEqual([
      { from: '2023-09-01', to: '2023-09-01' },
      { from: '2023-09-06', to: '2023-09-07' },
      { from: '2023-09-12', to: '2023-09-29' },
    ]);
  });

  it('refuses to merge two parts holding an observation of the same centre and day', () => {
    const first = aggregateInputs(pooled, { observations: [obs('2023-09-04', 'Valby')] }, { period: '2023-09' });
    const second = aggregateInputs(pooled, { observations: [obs('2023-09-04', 'Valby', 12)] }, { period: '2023-09' });
    const error = thrown(() => mergeAggregates(first, second));
    expect(error.issues[0]?.code).toBe('incompatible_aggregates');
    expect(error.message).toContain('both aggregates observed centre "Valby" on 2023-09-04 for target "slots"');
  });

  it('reads an aggregate saved without observed days (an earlier version): gaps counted, not dated', () => {
    const saved = JSON.parse(JSON.stringify(aggregateInputs(pooled, { observations }, { period: '2023-09' }))) as PlanAggregate;
    for (const state of saved.targets) delete state.observedDays;
    const report = reportFromAggregate(pooled, saved);
    expect(coverageOf(report)).toMatchObject({ datesKnown: false, workingDays: 21, observed: 5, gaps: 37 });
    expect(coverageOf(report).centres.map((centre) => centre.gapDates)).toEqual([null, null]);
    // the shares are the same as with the dates
    expect(report.targets[0]?.tiers).toEqual(evaluatePlan(pooled, { observations }, { period: '2023-09' }).targets[0]?.tiers);
    // merged with a part of this version, the dates stay unknown
    const later = aggregateInputs(pooled, { observations: [obs('2023-09-12', 'Valby')] }, { period: '2023-09' });
    expect(mergeAggregates(saved, later).targets[0]?.observedDays).toBeUndefined();
    expect(coverageOf(reportFromAggregate(pooled, mergeAggregates(later, saved)))).toMatchObject({ datesKnown: false, observed: 6 });
  });

  it('rejects observed days that do not add up to the centre’s histogram, or overlap', () => {
    const aggregate = aggregateInputs(pooled, { observations }, { period: '2023-09' });
    const valby = toDayNumber('2023-09-04');
    const edited = (days: Record<string, [number, number][]>): PlanAggregate => {
      const copy = JSON.parse(JSON.stringify(aggregate)) as PlanAggregate;
      (copy.targets[0] as { observedDays: unknown }).observedDays = days;
      return copy;
    };
    const extra = thrown(() => reportFromAggregate(pooled, edited({ Aarhus: [[valby + 1, valby + 1]], Valby: [[valby, valby + 4]] })));
    expect(extra.message).toContain("targets.0.observedDays.Valby holds 5 days, but the centre's histogram counts 4");
    const overlapping = thrown(() => reportFromAggregate(pooled, edited({ Aarhus: [[valby + 1, valby + 1]], Valby: [[valby, valby + 1], [valby + 1, valby + 2]] })));
    expect(overlapping.message).toContain('must be a range of whole day numbers after the previous one');
    const missing = thrown(() => reportFromAggregate(pooled, edited({ Valby: [[valby, valby + 1], [valby + 4, valby + 4], [valby + 7, valby + 7]] })));
    expect(missing.message).toContain('has no days of centre "Aarhus"');
  });
});

describe('series and forecasts', () => {
  const observations = ['2023-09-04', '2023-09-05', '2023-09-06', '2023-10-02'].map((date) => obs(date, 'Valby'));

  it('counts the working days of each period of a series', () => {
    const [september, october, both] = evaluateSeries(pooled, { observations }, { periods: ['2023-09', '2023-10', { from: '2023-09-01', to: '2023-10-31' }] });
    // September 2023: 21 working days; October: 22
    expect([september, october, both].map((report) => coverageOf(report as PlanReport))).toMatchObject([
      { workingDays: 21, observed: 3, gaps: 18 },
      { workingDays: 22, observed: 1, gaps: 21 },
      { workingDays: 43, observed: 4, gaps: 39 },
    ]);
    const [aggregate] = aggregateSeries(pooled, { observations }, { periods: ['2023-09'] });
    expect(reportFromAggregate(pooled, aggregate as PlanAggregate)).toEqual(september);
  });

  it('counts the gaps up to asOf in a forecast, not the days still to come', () => {
    // As of Wednesday 6 September: 4 working days so far (Friday 1 to Wednesday 6), 3 observed.
    const forecast = forecastPlan(pooled, { observations }, { asOf: '2023-09-06', period: '2023-09' });
    expect(forecast.targets[0]?.tiers[0]?.soFar).toEqual({ measured: 4, within: 3, share: 0.75, mean: null });
    const excluded = forecastPlan(pooled, { observations }, { asOf: '2023-09-06', period: '2023-09', observationGaps: 'exclude' });
    expect(excluded.targets[0]?.tiers[0]?.soFar).toEqual({ measured: 3, within: 3, share: 1, mean: null });
  });
});

describe('the renderers', () => {
  const week = [obs('2023-09-04', 'Valby'), obs('2023-09-05', 'Valby'), obs('2023-09-08', 'Valby')];
  const report = evaluatePlan(pooled, { observations: week }, { period: WEEK });
  const details =
    ': 2023-09-04..2023-09-10, 5 working days per centre; 1 centre observed (the plan weighs none, so the centres are those observed): ' +
    "3 centre-days observed, 2 gaps; gaps count as not within (observationGaps 'notWithin'): the shares are of every working day.";
  // The reports name a target by its label; the HTML page by its id.
  const statement = `Slots${details}`;
  const danish =
    'Slots: 2023-09-04..2023-09-10, 5 arbejdsdage pr. center; 1 observeret center (planen vægter ingen, så centrene er de observerede): ' +
    "3 centerdage observeret, 2 huller; huller tæller som ikke inden for (observationGaps 'notWithin'): andelene er af alle arbejdsdage.";

  it('show the gaps and the policy in text, Markdown and HTML', () => {
    expect(renderReport(report, { format: 'table' })).toContain(`  ${statement}\n`);
    const markdown = renderReport(report, { format: 'markdown', locale: 'da' });
    expect(markdown).toContain(`- ${danish}\n`);
    expect(markdown).toContain('| Slots | Valby | 5 | 3 | 2 | 2023-09-06..2023-09-07 |');
    const html = renderHtml(report);
    expect(html).toContain('<h2>Observation gaps</h2>');
    expect(html).toContain(`<li>${`slots${details}`.replaceAll("'", '&#39;')}</li>`);
    expect(html).toContain('<tr><td>slots</td><td>Valby</td><td class="num">5</td><td class="num">3</td><td class="num">2</td><td>2023-09-06..2023-09-07</td></tr>');
    expect(renderReport(report, { format: 'csv' }).split('\n')[1]?.endsWith(',3,2,notWithin,Valby: 2023-09-06..2023-09-07,')).toBe(true);
  });

  it('say when nothing was observed, and when the dates of the gaps are not known', () => {
    const none = renderReport(evaluatePlan(weighted, [], { period: WEEK }), { format: 'table' });
    expect(none).toContain('  Slots: 2023-09-04..2023-09-10, 5 working days per centre; no observation in the window: nothing measured, every working day is a gap.\n');
    expect(none).not.toContain('gap dates');
    const saved = JSON.parse(JSON.stringify(aggregateInputs(pooled, { observations: week }, { period: WEEK }))) as PlanAggregate;
    for (const state of saved.targets) delete state.observedDays;
    const old = reportFromAggregate(pooled, saved, { observationGaps: 'exclude' });
    const text = renderReport(old, { format: 'table' });
    expect(text).toContain("gaps are left out of the shares (observationGaps 'exclude'): the shares are of the days observed only.");
    expect(text).toContain('The dates of the gaps are not known: the aggregate was saved without the observed days (an earlier version); their number is.');
    expect(text).toMatch(/Slots +Valby +5 +3 +2 +not known/);
    expect(renderReport(old, { format: 'csv' }).split('\n')[1]?.endsWith(',3,2,exclude,not known,')).toBe(true);
  });
});

describe('the command line', () => {
  const input = JSON.stringify([obs('2024-09-02', 'Valby'), obs('2024-09-03', 'Valby'), obs('2024-09-06', 'Valby')]);
  const args = ['evaluate', '--plan', 'siri-2024', '--period', '2024-09-02..2024-09-08', '--observations', '-'];

  it('counts gaps as not within by default, and leaves them out with --observation-gaps exclude', async () => {
    const byDefault = JSON.parse((await runCli([...args, '--format', 'json'], input)).out) as PlanReport;
    expect(shareTier(byDefault, 'biometri')).toMatchObject({ measured: 5, within: 3 });
    const excluded = await runCli([...args, '--format', 'json', '--observation-gaps', 'exclude'], input);
    expect(excluded.code).toBe(0);
    const report = JSON.parse(excluded.out) as PlanReport;
    expect(shareTier(report, 'biometri')).toMatchObject({ measured: 3, within: 3 });
    expect(target(report, 'biometri').coverage?.centres[0]?.gapDates).toEqual([{ from: '2024-09-04', to: '2024-09-05' }]);
    const table = await runCli([...args, '--observation-gaps', 'not-within'], input);
    expect(table.out).toContain("gaps count as not within (observationGaps 'notWithin')");
    expect(table.out).toMatch(/biometrioptag +Valby +5 +3 +2 +2024-09-04\.\.2024-09-05/);
  });

  it('refuses any other policy as a usage error', async () => {
    const result = await runCli([...args, '--observation-gaps', 'notWithin'], input);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--observation-gaps must be one of not-within, exclude, not "notWithin"');
  });
});

describe('properties of the gaps', () => {
  const FROM = utcDay(2023, 11, 27);
  const TO = utcDay(2024, 1, 12);
  const PERIOD = { from: isoFromUtcDay(FROM), to: isoFromUtcDay(TO) };
  const calendar = createCalendar();
  const workingDays = calendar.workingDaysBetween(toDayNumber(PERIOD.from) - 1, toDayNumber(PERIOD.to));
  const observationsArb = fc.uniqueArray(
    fc.record({ day: fc.integer({ min: FROM - 3, max: TO + 3 }), centre: fc.constantFrom('North', 'South', 'East'), daysToNextSlot: fc.integer({ min: 0, max: 20 }) }),
    { selector: (record) => `${record.centre}|${String(record.day)}`, maxLength: 90 },
  ).map((records) => records.map(({ day, centre, daysToNextSlot }) => obs(isoFromUtcDay(day), centre, daysToNextSlot)));

  it('property "days added in any order make the sorted ranges of the set, each day once"', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }), (days) => {
        const ranges: [number, number][] = [];
        const added = days.map((day) => addDay(ranges, day));
        const set = [...new Set(days)].sort((a, b) => a - b);
        // the ranges by hand: runs of consecutive days
        const expected: [number, number][] = [];
        for (const day of set) {
          const last = expected[expected.length - 1];
          if (last !== undefined && last[1] === day - 1) last[1] = day;
          else expected.push([day, day]);
        }
        expect(ranges).toEqual(expected);
        expect(added.filter(Boolean)).toHaveLength(set.length);
      }),
      { numRuns: 200 },
    );
  });

  it('property "observed + gaps = the working days of the window, for every centre"', () => {
    fc.assert(
      fc.property(observationsArb, fc.boolean(), (observations, weights) => {
        const report = evaluatePlan(weights ? weighted : pooled, { observations }, { period: PERIOD });
        for (const centre of coverageOf(report).centres) expect(centre.observed + centre.gaps).toBe(workingDays);
      }),
      { numRuns: 100 },
    );
  });

  it('property "the gap dates hold exactly the gaps: working days, none observed"', () => {
    fc.assert(
      fc.property(observationsArb, (observations) => {
        const observed = new Set(observations.map((record) => `${record.centre}|${record.date}`));
        for (const centre of coverageOf(evaluatePlan(pooled, { observations }, { period: PERIOD })).centres) {
          let days = 0;
          for (const range of centre.gapDates ?? []) {
            for (let day = toDayNumber(range.from); day <= toDayNumber(range.to); day++) {
              if (!calendar.isWorkingDay(day)) continue;
              expect(observed.has(`${centre.centre}|${isoFromUtcDay(day)}`)).toBe(false);
              days++;
            }
          }
          expect(days).toBe(centre.gaps);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property "the share with gaps excluded is at least the share with gaps not within"', () => {
    fc.assert(
      fc.property(observationsArb, fc.integer({ min: 0, max: 20 }), (observations, limit) => {
        const plan = definePlan({ ...pooled, targets: [{ ...SLOTS, tiers: [{ limit: { amount: limit, unit: 'days' }, required: 0.8 }] }] });
        const notWithin = shareTier(evaluatePlan(plan, { observations }, { period: PERIOD }), 'slots');
        const excluded = shareTier(evaluatePlan(plan, { observations }, { period: PERIOD, observationGaps: 'exclude' }), 'slots');
        expect(excluded.within).toBe(notWithin.within);
        expect(excluded.share ?? 0).toBeGreaterThanOrEqual(notWithin.share ?? 0);
      }),
      { numRuns: 100 },
    );
  });

  it('property "aggregates of two parts, stored as JSON and merged, give the report of the whole"', () => {
    fc.assert(
      fc.property(observationsArb, fc.nat(), fc.boolean(), (observations, cut, weights) => {
        const plan = weights ? weighted : pooled;
        const at = observations.length === 0 ? 0 : cut % (observations.length + 1);
        const stored = (part: Observation[], offset: number): PlanAggregate =>
          JSON.parse(JSON.stringify(aggregateInputs(plan, { observations: part }, { period: PERIOD, indexOffset: { observations: offset } }))) as PlanAggregate;
        const merged = reportFromAggregate(plan, mergeAggregates(stored(observations.slice(at), at), stored(observations.slice(0, at), 0)));
        expect(merged.targets).toEqual(evaluatePlan(plan, { observations }, { period: PERIOD }).targets);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the demo data', () => {
  const read = (name: string): unknown[] => JSON.parse(readFileSync(fileURLToPath(new URL(`../examples/data/${name}`, import.meta.url)), 'utf8')) as unknown[];

  it('has no gap: SIRI 2024 every working day of 2024, SIRI 2023 every working day of its second half-year', () => {
    const in2024 = evaluatePlan(siri2024, { observations: read('siri-2024-observations.json') });
    expect(coverageOf(in2024, 'biometri')).toMatchObject({ window: { from: '2024-01-01', to: '2024-12-31' }, workingDays: 254, observed: 1778, gaps: 0 });
    // the result is the same under either policy: 1,432 of 1,778
    expect(shareTier(in2024, 'biometri')).toMatchObject({ measured: 1778, within: 1432, met: true });
    const in2023 = evaluatePlan(siri2023, { observations: read('siri-2023-observations.json') }, { period: '2023' });
    expect(coverageOf(in2023, 'biometri')).toMatchObject({ window: { from: '2023-07-01', to: '2023-12-31' }, workingDays: 128, observed: 896, gaps: 0 });
  });
});
