import { definePlan } from '../targets/define.js';
import { FIRST_TIME, requirementEntry, shareTarget } from './build.js';
import { SIRI_2024 } from './documents.js';

const req = (requirement: string, quote?: string) =>
  quote === undefined ? { document: SIRI_2024.id, requirement } : { document: SIRI_2024.id, requirement, quote };

/**
 * SIRI 2024: requirement 1.1 (weight 60, no split given): Fast-track, the whole business area and
 * EU; requirement 1.2 (weight 10) on biometrics appointment availability.
 *
 * @example
 * ```ts
 * siri2024.targets.map((target) => target.id); // ['fast-track', 'erhverv', 'eu', 'biometri']
 * siri2024.groups.map((group) => group.weight); // [60, 10]
 * ```
 */
export const siri2024 = /* @__PURE__ */ definePlan({
  id: 'siri-2024',
  title: 'SIRI mål- og resultatplan 2024: effektiv sagsbehandling og borgerservice',
  authority: 'SIRI (Styrelsen for International Rekruttering og Integration)',
  year: 2024,
  documents: [SIRI_2024],
  targets: [
    shareTarget('fast-track', 'Fast-track, 1. gang', ['fast-track'], [{ days: 31, required: 0.85, label: '85 pct. af sagerne er afgjort inden for 31 dage' }], req('1.1a', 'Fast-track, 1. gang: 85 pct. af sagerne er afgjort inden for 31 dage'), FIRST_TIME),
    {
      id: 'erhverv',
      label: 'Hele erhvervsområdet, 1. gang',
      areas: ['erhverv'],
      where: FIRST_TIME,
      tiers: [{ limit: { amount: 31, unit: 'days' }, required: 0.75, label: '75 pct. af sagerne er afgjort inden 31 dage' }],
      source: { ...req('1.1a', 'Alle 1. gangs sager inden for erhvervsområdet: 75 pct.'), note: 'All first-time case types of the business area, including schemes registered by the user with area "erhverv".' },
    },
    shareTarget('eu', 'EU-området', ['eu'], [{ days: 1, required: 0.7, label: '70 pct. af sagerne er afgjort inden 1 dag' }],
      {
        ...req('1.1a', 'EU-området 70 pct. af sagerne er afgjort inden 1 dag,'),
        note: 'The EU line of 1.1a ends in a comma in the text the catalogue was read from; further EU tiers of the published plan may be missing here. Check the signed plan, and add tiers with your own plan if it has more.',
      },
    ),
    {
      id: 'biometri',
      label: 'Ventetid til næste ledige tid til biometrioptag',
      input: 'observations',
      tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8, label: 'for 80 pct. af alle hverdage maksimalt 10 dages ventetid' }],
      source: { ...req('1.2', '80 pct. af alle hverdage maksimalt er 10 dages ventetid'), note: 'No centre weights are given: all centres\' weekdays are pooled.' },
    },
  ],
  groups: [
    { id: '1.1', label: 'Effektiv sagsbehandling', weight: 60, targets: ['fast-track', 'erhverv', 'eu'], source: req('1.1') },
    { id: '1.2', label: 'Borgerservice', weight: 10, targets: ['biometri'], source: req('1.2') },
  ],
  // A mål- og resultatplan is worth 100 points in all.
  totalWeight: 100,
  requirements: [
    requirementEntry('1.1', 'Effektiv sagsbehandling', 60, { groups: ['1.1'] }, req('1.1', 'Fast-track, 1. gang: 85 pct. af sagerne er afgjort inden for 31 dage')),
    requirementEntry('1.2', 'Borgerservice', 10, { groups: ['1.2'] }, req('1.2', '80 pct. af alle hverdage maksimalt er 10 dages ventetid')),
    requirementEntry('1.3', 'Kvalitet i sagsbehandlingen', 5, { reason: 'a quality measurement of 3–4 areas of case processing' },
      req('1.3', 'SIRI gennemfører en kvalitetsmåling')),
    requirementEntry('1.4', 'Forebyggelse af negativ social kontrol', null, { reason: 'milestones (a communication plan in the first quarter, an advice package in the third)' },
      req('1.4', 'Der lanceres i 3. kvartal en rådgivningspakke til lærere på ungdomsuddannelserne'),
      'The weight cannot be read: the weight column of 1.4 is empty in the text the catalogue was read from. Check the signed plan.'),
    requirementEntry('2.1', 'Informationssikkerhed', 2.5, { reason: 'maturity level of information security' },
      req('2.1', 'Styrelsen skal opnå eller opretholde det forventede modenhedsniveau.')),
    requirementEntry('2.2', 'Leverandørstyring/databehandlerforhold', 2.5, { reason: 'overviews of data processing agreements sent by set dates (milestones)' },
      req('2.2', 'indsende oversigt over indgåede databehandlerforhold')),
    requirementEntry('2.3', 'Intern finansiel kontrol', 5, { reason: 'milestones of internal financial control' },
      req('2.3', 'med udgangen af 3. kvartal 2024 rapportere status')),
    requirementEntry('2.4', 'Bæredygtighed', null, { reason: 'sustainability milestones (a procurement analysis, status reports)' },
      req('2.4', 'med udgangen af 1. kvartal indsende indkøbsanalyse'),
      'The weight cannot be read: the weight column of 2.4 is empty in the text the catalogue was read from. Check the signed plan.'),
  ],
  notes: [
    'The plan has eight requirements and is worth 100 points. The weights of 1.4 and 2.4 cannot be read from the text the catalogue was read from: the known weights total 85, so the two hold the other 15 points together, and the catalogue does not guess how they are split. Reports count those 15 points as missing. Check the signed plan, and give the weights in your own plan.',
    'Requirement 1.1 carries 60 points for its three targets together; the plan gives no split, so points need a scoring rule (groupScoring).',
    'A Fast-track case counts both in the Fast-track target and in the whole-business-area target.',
    'Service-target compliance is counted from the application time, for decisions in 2024 (1.1a).',
  ],
});
