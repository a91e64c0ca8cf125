import { definePlan } from '../targets/define.js';
import { EXTENSION, requirementEntry, shareTarget } from './build.js';
import { US_2019 } from './documents.js';

const req = (requirement: string, note?: string) =>
  note === undefined ? { document: US_2019.id, requirement } : { document: US_2019.id, requirement, note };
const quoted = (requirement: string, quote: string) => ({ document: US_2019.id, requirement, quote });
const months90 = (months: number) => [{ months, required: 0.9, label: `maksimal sagsbehandlingstid på ${months} måneder i minimum 90 pct. af sagerne` }];

/**
 * Udlændingestyrelsen (Danish Immigration Service) 2019: asylum (1.1, weight 25), family
 * reunification and extensions (1.2, weight 30), citizen service waiting times (1.3, weight 5).
 *
 * @example
 * ```ts
 * us2019.targets[0]?.clock.stop; // 'events.firstInterview'
 * ```
 */
export const us2019 = /* @__PURE__ */ definePlan({
  id: 'us-2019',
  title: 'Udlændingestyrelsen mål- og resultatplan 2019',
  authority: 'Udlændingestyrelsen',
  year: 2019,
  documents: [US_2019],
  targets: [
    {
      id: 'asyl-foerste-samtale',
      label: 'Første samtale senest 30 dage efter indgivelse af asylansøgning',
      caseTypes: ['asyl'],
      clock: { start: 'applied', stop: 'events.firstInterview' },
      tiers: [{ limit: { amount: 30, unit: 'days' }, required: 0.9, label: 'minimum 90 pct. af alle afgjorte sager' }],
      source: req('1.1a', 'Measured over the cases decided in the period; a decided case without a first interview counts as not within.'),
    },
    {
      id: 'asyl-gennemsnit',
      label: 'Gennemsnitlig sagsbehandlingstid for asylsager',
      caseTypes: ['asyl'],
      aggregate: 'mean',
      tiers: [{ limit: { amount: 120, unit: 'days' }, label: 'højst 120 dage i gennemsnit' }],
      source: req('1.1b', 'From the application to the closing of the case in the agency, read as the decision date.'),
    },
    shareTarget('asyl-forlaengelse', 'Tidsbegrænset forlængelse af asyl', ['asyl-forlaengelse'], months90(7), req('1.1c'), EXTENSION),
    shareTarget('familiesammenfoering', 'Familiesammenføringssager', ['familiesammenfoering'], months90(10), req('1.2a')),
    shareTarget('forlaengelse', 'Tidsbegrænset forlængelse', ['forlaengelse'], months90(7), req('1.2b'), EXTENSION),
    shareTarget('permanent-ophold', 'Permanent opholdstilladelse', ['permanent-ophold'], months90(10), req('1.2c')),
    {
      id: 'personlig-ventetid',
      label: 'Højeste ventetid ved personlig henvendelse',
      input: 'contacts',
      channels: ['in-person'],
      tiers: [{ limit: { amount: 1, unit: 'hours' }, required: 0.8, label: '1 time for 80 pct. af henvendelserne' }],
      source: req('1.3a'),
    },
    {
      id: 'telefonisk-ventetid',
      label: 'Højeste ventetid ved telefonisk henvendelse',
      input: 'contacts',
      channels: ['phone'],
      tiers: [{ limit: { amount: 15, unit: 'minutes' }, required: 0.8, label: '15 min. for 80 pct. af henvendelserne' }],
      source: req('1.3b'),
    },
  ],
  groups: [
    { id: '1.1', label: 'Asylsager', weight: 25, targets: ['asyl-foerste-samtale', 'asyl-gennemsnit', 'asyl-forlaengelse'], source: req('1.1') },
    {
      id: '1.2',
      label: 'Familiesammenføringssager og forlængelse af opholdstilladelser mv.',
      weight: 30,
      targets: ['familiesammenfoering', 'forlaengelse', 'permanent-ophold'],
      source: req('1.2'),
    },
    { id: '1.3', label: 'Borgerservice', weight: 5, targets: ['personlig-ventetid', 'telefonisk-ventetid'], source: req('1.3') },
  ],
  // A mål- og resultatplan is worth 100 points in all.
  totalWeight: 100,
  requirements: [
    requirementEntry('1.1', 'Asylsager', 25, { groups: ['1.1'] }, quoted('1.1', 'første samtale med asylansøgeren senest 30 dage efter indgivelse af en asylansøgning')),
    requirementEntry('1.2', 'Familiesammenførings sager og forlængelse af opholdstilladelser mv.', 30, { groups: ['1.2'] },
      quoted('1.2', 'maksimal sagsbehandlingstid på 10 måneder i minimum 90 pct. af sagerne')),
    requirementEntry('1.3', 'Borgerservice', 5, { groups: ['1.3'] }, quoted('1.3', 'Højeste ventetid ved personlig henvendelse: 1 time for 80 pct. af henvendelserne.')),
    requirementEntry('2.1', 'Kontrolinitiativer på finansloven', 10, { reason: 'control initiatives (staff postings abroad, a plan, a review of 300 persons)' },
      quoted('2.1', 'gennemføre 16 korttidsudsendelser af medarbejdere')),
    requirementEntry('2.2', 'Implementering af budgetanalyse – robotudvikling', 10, { reason: 'robots put into operation (milestones)' },
      quoted('2.2', 'robot/automatisering til brug for fakturaområdet er sat i drift')),
    requirementEntry('2.3', 'Styrelsens flytning til Næstved', 5, { reason: "milestones of the agency's move" },
      quoted('2.3', 'udrullet Softphone og Skype til brug for samtlige medarbejdere inden 1. marts 2019')),
    requirementEntry('2.4', 'Effektiv understøttelse af ministerbetjening og politikudvikling', 5, { reason: "the ministry's evaluation of timeliness, expertise and process, twice a year" },
      quoted('2.4', 'Departementet udarbejder to gange årligt en evaluering')),
    requirementEntry('3.1', 'God arbejdsgiveradfærd', 5, { reason: 'sick leave per employee' },
      quoted('3.1', 'sygefravær for 2019 skal være under 7 sygedage pr. medarbejder'),
      'Requirement 3.1 of the table "3. Koncernfælles mål", not the section 3.1 of the plan.'),
    requirementEntry('3.2', 'Informationssikkerhed', 5, { reason: 'risk and impact assessments of business-critical systems' },
      quoted('3.2', 'gennemført risiko- og konsekvensvurderinger af alle væsentlige forretningskritiske systemer eller processer'),
      'Requirement 3.2 of the table "3. Koncernfælles mål", not the section 3.2 of the plan.'),
  ],
  notes: [
    'The plan has nine requirements worth 100 points; 1.1–1.3 (60 points) are evaluated from case records and contacts, the others (40 points) are not.',
    'Each requirement carries one weight for all its targets (1.1: 25, 1.2: 30, 1.3: 5); the plan gives no split, so points need a scoring rule (groupScoring).',
    'The first asylum interview is the event `events.firstInterview` of a case record.',
  ],
});
