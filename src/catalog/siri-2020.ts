import { definePlan } from '../targets/define.js';
import { FIRST_TIME, requirementEntry, shareTarget } from './build.js';
import { SIRI_2020, SIRI_2020_APPENDIX } from './documents.js';

/** Requirement 1.4 of the signed plan, which its appendix numbers 1.5. */
const requirement = (quote: string, appendixQuote?: string) => ({
  document: SIRI_2020.id,
  requirement: '1.4',
  quote,
  also: [
    appendixQuote === undefined
      ? { document: SIRI_2020_APPENDIX.id, requirement: '1.5' }
      : { document: SIRI_2020_APPENDIX.id, requirement: '1.5', quote: appendixQuote },
  ],
});
/** A requirement the plan and its appendix number alike. */
const both = (number: string, quote: string, appendixQuote: string) => ({
  document: SIRI_2020.id,
  requirement: number,
  quote,
  also: [{ document: SIRI_2020_APPENDIX.id, requirement: number, quote: appendixQuote }],
});
/** The appendix's table (requirement 1.5) gives the limits in days and the points. */
const table = (quote: string) => ({ document: SIRI_2020_APPENDIX.id, requirement: '1.5', quote });

const at90 = (days: number, weight: number, row: string) => [
  { days, required: 0.9, weight, label: `mindst 90 pct. inden ${days} dage`, source: table(row) },
];
/** A first-time target ("1. gang"); `where` adds to that scope (non-complicated cases). */
const target = (id: string, label: string, days: number, weight: number, planWords: string, where: Readonly<Record<string, string>> = {}) =>
  shareTarget(id, label, [id], at90(days, weight, `${label} ${days} ${weight}`), requirement(planWords), { ...FIRST_TIME, ...where });
const SIMPLE = { complexity: 'simple' };

/**
 * SIRI 2020: requirement 1.4 of the plan, with the limits and weights of requirement 1.5 in its
 * appendix. At least 90 % of first-time cases within the limit; EU cases in three tiers.
 *
 * @example
 * ```ts
 * siri2020.groups.map((group) => group.weight); // [35, 15, 20]
 * ```
 */
export const siri2020 = /* @__PURE__ */ definePlan({
  id: 'siri-2020',
  title: 'SIRI mål- og resultatplan 2020: servicemål',
  authority: 'SIRI (Styrelsen for International Rekruttering og Integration)',
  year: 2020,
  documents: [SIRI_2020, SIRI_2020_APPENDIX],
  targets: [
    target('beloebsordning', 'Beløbsordningen 1. gang', 31, 8, 'Beløbsordning 1. gang'),
    target('fast-track', 'Fasttrack, 1. gang', 31, 7, 'Fast track 1. gang'),
    target('landbrug', 'Landbrug ikke-komplicerede sager 1. gang', 31, 5, 'Landbrug (ikke-komplicerede sager) 1. gang', SIMPLE),
    target('loenarbejde', 'Lønarbejde, ikke-komplicerede sager, 1. gang', 31, 5, 'Lønarbejde (ikke-komplicerede sager) 1. gang', SIMPLE),
    target('positivliste', 'Positivlisten 1. gang', 31, 5, 'Positiv listen 1. gang'),
    target('medfoelgende-familie-erhverv', 'Medfølgende familie, erhverv 1. gang', 62, 5, 'Medfølgende erhverv. 1. gang'),
    target('praktikant', 'Praktikant 1. gang', 62, 5, 'Praktikant 1. gang'),
    target('studie', 'Studie 1. gang', 62, 5, 'Studie 1. gang'),
    target('phd', 'Ph. D. 1. gang', 92, 5, 'Ph.d. 1. gang'),
    shareTarget(
      'eu',
      'EU-området (EU-borgere og tredjelandsstatsborgere)',
      ['eu'],
      [
        { days: 1, required: 0.75, weight: 10, label: '75% afgjort inden 0-1 dag', source: table('75% afgjort inden 0-1 dag 10') },
        { days: 31, required: 0.85, weight: 5, label: '85% afgjort inden 31', source: table('85% afgjort inden 31 5') },
        { days: 92, required: 0.98, weight: 5, label: '98% afgjort inden 92', source: table('98% afgjort inden 92 5') },
      ],
      {
        ...requirement('Mindst 75 pct. af sagerne afgjort inden for 1 dag'),
        note: 'The plan words the first tier "inden for 1 dag", the appendix "inden 0-1 dag": both mean at most 1 elapsed day.',
      },
    ),
  ],
  groups: [
    {
      id: '1.4-erhverv',
      label: 'Servicemål erhvervssagsområdet',
      weight: 35,
      targets: ['beloebsordning', 'fast-track', 'landbrug', 'loenarbejde', 'positivliste', 'medfoelgende-familie-erhverv'],
      source: requirement('Servicemål for erhvervs-, studie- og EU-området', 'Servicemål erhvervssagsområdet Samlet 35 points'),
    },
    {
      id: '1.4-studie',
      label: 'Servicemål studiesagsområdet',
      weight: 15,
      targets: ['praktikant', 'studie', 'phd'],
      source: requirement('Servicemål for erhvervs-, studie- og EU-området', 'Servicemål studiesagsområdet Samlet 15 points'),
    },
    { id: '1.4-eu', label: 'EU-området', weight: 20, targets: ['eu'], source: requirement('På EU-området gælder følgende krav', 'EU-området Samlet 20 points') },
  ],
  // A mål- og resultatplan is worth 100 points in all.
  totalWeight: 100,
  requirements: [
    requirementEntry('1.1', 'Virksomhedsrettet integrationsindsats', 5, { reason: 'outreach to the municipalities that perform worst, with milestones' },
      both('1.1', 'de 4- 8 kommuner, der præsterer dårligst', 'Virksomhedsrettet integrationsindsats (vægt 5 point)')),
    requirementEntry('1.2', 'Nationalt Center for Forebyggelse af Ekstremisme', 5, { reason: "milestones of the centre's work plan" },
      both('1.2', 'Inden udgangen af 4. kvartal har centeret implementeret arbejdsplanen for 2020', 'Nationalt Center for Forebyggelse af Ekstremisme (vægt 5 point)')),
    requirementEntry('1.3', 'Kvalitet i SIRIs sagsbehandling og afgørelser', 5, { reason: 'quality of case processing and implementation milestones' },
      both('1.3', 'Implementering af underretning af arbejdsgiver, når en udlænding mister retten til at arbejde', 'Kvalitet i SIRIs sagsbehandling og afgørelser')),
    requirementEntry('1.4', 'Servicemål for erhvervs-, studie- og EU-området', 70, { groups: ['1.4-erhverv', '1.4-studie', '1.4-eu'] },
      { ...requirement('SIRI skal afgøre mindst 90 pct. af sagerne indenfor servicemålet', 'Servicemål (vægt 70 point)'), note: 'The appendix numbers this requirement 1.5 (it has no 1.4); the signed plan numbers it 1.4.' }),
    requirementEntry('2.1', 'Effektiv understøttelse af ministerbetjening og politikudvikling', 5, { reason: "the ministry's evaluation of timeliness, expertise and process" },
      both('2.1', 'Rettidighed – SIRIs bidrag til departementet leveres inden for de aftalte tidsrammer', 'Effektiv understøttelse af ministerbetjening og politikudvikling (vægt 5 point)')),
    requirementEntry('2.2', 'Informationssikkerhed', 5, { reason: 'maturity level of information security' },
      both('2.2', 'være på niveau 3 på hovedområdet risikostyring', 'Informationssikkerhed (vægt 5 point)')),
    requirementEntry('2.3', 'God arbejdsgiveradfærd', 5, { reason: 'sick leave per employee' },
      both('2.3', 'Det årlige sygefravær skal være under 7 dage pr. medarbejder.', 'God arbejdsgiveradfærd (vægt 5 point)')),
  ],
  notes: [
    'The plan has seven requirements worth 100 points (1.1–1.3 and 2.1–2.3: 5 each; 1.4: 70); only 1.4, the service targets, is evaluated from case records.',
    'Requirement 1.4 of the signed plan (weight 70; numbered 1.5 in the appendix, which skips 1.4) is split over three areas: business 35, study 15, EU 20 points, and each target or EU tier has its own weight (appendix, 1.5).',
    'The groups of requirement 1.4 are numbered after the signed plan: 1.4-erhverv, 1.4-studie and 1.4-eu (1.5-erhverv, 1.5-studie and 1.5-eu in earlier versions of the library).',
    'Cases without a management target ("sager uden styringsmål") are excluded from the calculation (appendix, 1.5).',
    'The clock runs from the submission of the application to the decision (appendix, 1.5).',
  ],
});
