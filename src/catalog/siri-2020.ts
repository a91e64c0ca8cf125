import { definePlan } from '../targets/define.js';
import { shareTarget } from './build.js';
import { SOURCES } from './sources.js';

const appendix = (note?: string) => ({
  file: SOURCES.siri2020Appendix,
  requirement: '1.5',
  note: note ?? `Weights from the appendix; the plan states the targets as requirement 1.4 (${SOURCES.siri2020}).`,
});

const at90 = (days: number, weight: number) => [{ days, required: 0.9, weight, label: `mindst 90 pct. inden ${days} dage` }];

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
  targets: [
    shareTarget('beloebsordning', 'Beløbsordningen 1. gang', ['beloebsordning'], at90(31, 8), appendix()),
    shareTarget('fast-track', 'Fasttrack, 1. gang', ['fast-track'], at90(31, 7), appendix()),
    shareTarget('landbrug', 'Landbrug ikke-komplicerede sager 1. gang', ['landbrug'], at90(31, 5), appendix()),
    shareTarget('loenarbejde', 'Lønarbejde, ikke-komplicerede sager, 1. gang', ['loenarbejde'], at90(31, 5), appendix()),
    shareTarget('positivliste', 'Positivlisten 1. gang', ['positivliste'], at90(31, 5), appendix()),
    shareTarget('medfoelgende-familie-erhverv', 'Medfølgende familie, erhverv 1. gang', ['medfoelgende-familie-erhverv'], at90(62, 5), appendix()),
    shareTarget('praktikant', 'Praktikant 1. gang', ['praktikant'], at90(62, 5), appendix()),
    shareTarget('studie', 'Studie 1. gang', ['studie'], at90(62, 5), appendix()),
    shareTarget('phd', 'Ph. D. 1. gang', ['phd'], at90(92, 5), appendix()),
    shareTarget(
      'eu',
      'EU-området (EU-borgere og tredjelandsstatsborgere)',
      ['eu'],
      [
        { days: 1, required: 0.75, weight: 10, label: '75% afgjort inden 0-1 dag' },
        { days: 31, required: 0.85, weight: 5, label: '85% afgjort inden 31' },
        { days: 92, required: 0.98, weight: 5, label: '98% afgjort inden 92' },
      ],
      appendix('The plan (requirement 1.4) words the first tier "inden for 1 dag", the appendix "inden 0-1 dag": both mean at most 1 elapsed day.'),
    ),
  ],
  groups: [
    {
      id: '1.5-erhverv',
      label: 'Servicemål erhvervssagsområdet',
      weight: 35,
      targets: ['beloebsordning', 'fast-track', 'landbrug', 'loenarbejde', 'positivliste', 'medfoelgende-familie-erhverv'],
      source: { file: SOURCES.siri2020Appendix, requirement: '1.5' },
    },
    {
      id: '1.5-studie',
      label: 'Servicemål studiesagsområdet',
      weight: 15,
      targets: ['praktikant', 'studie', 'phd'],
      source: { file: SOURCES.siri2020Appendix, requirement: '1.5' },
    },
    { id: '1.5-eu', label: 'EU-området', weight: 20, targets: ['eu'], source: { file: SOURCES.siri2020Appendix, requirement: '1.5' } },
  ],
  notes: [
    'Requirement 1.5 (weight 70) is split over three areas: business 35, study 15, EU 20 points.',
    'Cases without a management target ("sager uden styringsmål") are excluded from the calculation (appendix, 1.5).',
    'The clock runs from the submission of the application to the decision (appendix, 1.5).',
  ],
});
