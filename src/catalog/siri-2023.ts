import { definePlan } from '../targets/define.js';
import { FIRST_TIME, requirementEntry, shareTarget } from './build.js';
import { SIRI_2023 } from './documents.js';

const req = (requirement: string, quote?: string) =>
  quote === undefined ? { document: SIRI_2023.id, requirement } : { document: SIRI_2023.id, requirement, quote };
const within = (days: number, required: number) => ({ days, required, label: `${Math.round(required * 100)} pct. afgøres inden ${days} dage` });

/**
 * SIRI 2023: requirement 1.1 (weight 65 for the whole requirement, no split given) with two-tier
 * targets for some schemes; requirement 1.2 (weight 5, second half-year) on waiting times.
 *
 * @example
 * ```ts
 * siri2023.groups[0]?.weight; // 65
 * ```
 */
export const siri2023 = /* @__PURE__ */ definePlan({
  id: 'siri-2023',
  title: 'SIRI mål- og resultatplan 2023: sagsbehandlingstider og borgerservice',
  authority: 'SIRI (Styrelsen for International Rekruttering og Integration)',
  year: 2023,
  documents: [SIRI_2023],
  targets: [
    shareTarget('fast-track', 'Fast-track 1. gang', ['fast-track'], [within(31, 0.85)], req('1.1a', 'Fast-track 1. gang: 85 pct. afgøres inden 31 dage'), FIRST_TIME),
    shareTarget('landbrug', 'Landbrug 1. gang', ['landbrug'], [within(31, 0.85)], req('1.1a', 'Landbrug 1. gang: 85 pct. afgøres inden 31 dage'), FIRST_TIME),
    shareTarget('beloebsordning', 'Beløbsordningen 1. gang', ['beloebsordning'], [within(31, 0.55), within(92, 0.75)], req('1.1a', 'Beløbsordningen 1. gang: 55 pct. afgøres inden 31 dage, 75 pct. afgøres inden 92 dage'), FIRST_TIME),
    shareTarget('positivliste', 'Positivlisterne 1. gang', ['positivliste'], [within(31, 0.5), within(92, 0.7)], req('1.1a', 'Positivlisterne 1. gang: 50 pct. afgøres inden 31 dage, 70 pct. afgøres inden 92 dage'), FIRST_TIME),
    shareTarget('medfoelgende-familie-erhverv', 'Medfølgende familiemedlem, erhverv 1. gang', ['medfoelgende-familie-erhverv'], [within(62, 0.8)], req('1.1a', 'Medfølgende familiemedlem, erhverv 1. gang: 80 pct. afgøres inden 62 dage'), FIRST_TIME),
    shareTarget('studie', 'Studie 1. gang', ['studie'], [within(62, 0.9)], req('1.1b', 'Studie 1. gang: 90 pct. afgøres inden 62 dage'), FIRST_TIME),
    shareTarget('phd', 'Ph. D. 1. gang', ['phd'], [within(31, 0.8)], req('1.1b', 'Ph. D. 1. gang: 80 pct. afgøres inden 31 dage'), FIRST_TIME),
    shareTarget(
      'eu',
      'EU-området',
      ['eu'],
      [
        { days: 1, required: 0.7, label: '70% afgjort inden for 1 dag' },
        { days: 31, required: 0.85, label: '85% afgjort inden for 31 dage' },
        { days: 92, required: 0.95, label: '95% afgjort inden for 92 dage' },
      ],
      req('1.1c', '70% afgjort inden for 1 dag'),
    ),
    {
      id: 'biometri',
      label: 'Ventetid til næste ledige tid til biometrioptag',
      input: 'observations',
      period: '2023-H2',
      centres: { Valby: 0.55, Aarhus: 0.2, Odense: 0.1, Aalborg: 0.05, Esbjerg: 0.05, Sønderborg: 0.05, Bornholm: 0 },
      tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8, label: 'for 80 pct. af alle hverdage maksimalt 10 dages ventetid' }],
      source: {
        ...req('1.2a', 'Valby vægter 55%'),
        note: 'Per centre: the share of its weekdays with at most 10 days to the next free slot. "Valby vægter 55 %" is read as: the centre contributes 55 % of the target when it meets the requirement (centreScoring "met-centres"); the weighted-share reading is available as an option.',
      },
    },
    {
      id: 'telefon',
      label: 'Højeste ventetid ved telefonisk henvendelse',
      input: 'contacts',
      channels: ['phone'],
      period: '2023-H2',
      tiers: [{ limit: { amount: 10, unit: 'minutes' }, required: 0.8, label: 'højst 10 min. ventetid for 80 pct. af henvendelserne' }],
      source: req('1.2b', 'højst være 10 min. ventetid for 80 pct. af henvendelserne'),
    },
  ],
  groups: [
    {
      id: '1.1',
      label: 'Sagsbehandlingstider',
      weight: 65,
      targets: ['fast-track', 'landbrug', 'beloebsordning', 'positivliste', 'medfoelgende-familie-erhverv', 'studie', 'phd', 'eu'],
      source: req('1.1'),
    },
    { id: '1.2', label: 'Borgerservice', weight: 5, targets: ['biometri', 'telefon'], source: req('1.2') },
  ],
  // A mål- og resultatplan is worth 100 points in all.
  totalWeight: 100,
  requirements: [
    requirementEntry('1.1', 'Sagsbehandlingstider', 65, { groups: ['1.1'] }, req('1.1', 'Fast-track 1. gang: 85 pct. afgøres inden 31 dage')),
    requirementEntry('1.2', 'Borgerservice', 5, { groups: ['1.2'] }, req('1.2', 'I 2. halvår 2023 skal der højst være 10 min. ventetid')),
    requirementEntry('1.3', 'Integration og forebyggelse af negativ social kontrol og parallelsamfund', 10, { reason: 'user surveys and milestones' },
      req('1.3', 'SIRI skal gennemføre brugerundersøgelser af styrelsens rådgivnings- og vejledningstilbud')),
    requirementEntry('1.4', 'Kvalitet i sagsbehandlingen', 5, { reason: 'a quality measurement of 3–4 areas of case processing' },
      req('1.4', 'Styrelsen gennemfører en kvalitetsmåling, hvor 3-4 områder undersøges.')),
    requirementEntry('2.1', 'Informationssikkerhed', 2.5, { reason: 'maturity level of information security' },
      req('2.1', 'Styrelsen opnår inden udgangen af 2023 det forventede modenhedsniveau.')),
    requirementEntry('2.2', 'Leverandørstyring/databehandlerforhold', 2.5, { reason: 'overviews of data processing agreements sent by set dates (milestones)' },
      req('2.2', 'Styrelsen skal ved udgangen af 2. og 4. kvartal 2023 indsende oversigt')),
    requirementEntry('2.3', 'Intern finansiel kontrol', 5, { reason: 'milestones of internal financial control' },
      req('2.3', 'ved udgangen af 3. kvartal 2023 have udpeget en kontrolmiljøansvarlig')),
    requirementEntry('2.4', 'Bæredygtighed', 5, { reason: 'sustainability goals and milestones' },
      req('2.4', 'Styrelsen skal fastsætte mindst ét mål – og gerne flere - for bæredygtig udvikling')),
  ],
  notes: [
    'The plan has eight requirements worth 100 points; 1.1 (65) and 1.2 (5) are evaluated from case records, contacts and observations, the others (30 points) are not.',
    'Requirement 1.2 (5 points for biometrics and phone waits together, second half-year 2023) gives no split either.',
    'Requirement 1.1 carries 65 points for all its targets together; the plan gives no split, so points need a scoring rule (groupScoring).',
    'Targets for the new business schemes of the law of 23 March 2023 were to be set for Q4 2023 by an addendum ("ved en allonge", 1.1); the addendum is not published with the plan, so its targets are not in the catalogue.',
    'Service-target compliance is counted from the application time (1.1a–c).',
  ],
});
