import { definePlan } from '../targets/define.js';
import { FIRST_TIME, shareTarget } from './build.js';
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
  notes: [
    'Requirement 1.1 carries 60 points for its three targets together; the plan gives no split, so points need a scoring rule (groupScoring).',
    'A Fast-track case counts both in the Fast-track target and in the whole-business-area target.',
    'Service-target compliance is counted from the application time, for decisions in 2024 (1.1a).',
  ],
});
