import { fail } from '../errors.js';

/**
 * The areas the seed plans group case types into. Users may add their own area names.
 *
 * @example
 * ```ts
 * const area: Area = 'studie';
 * [...seedCaseTypes.values()].filter((info) => info.area === area).map((info) => info.id); // ['praktikant', 'studie', 'phd']
 * ```
 */
export type Area = 'erhverv' | 'studie' | 'eu' | 'asyl' | 'familie' | (string & {});

/**
 * A case type with the area it belongs to.
 *
 * @example
 * ```ts
 * const info: CaseTypeInfo | undefined = seedCaseTypes.get('beloebsordning');
 * info; // { id: 'beloebsordning', area: 'erhverv', label: 'Beløbsordningen' }
 * ```
 */
export interface CaseTypeInfo {
  /** Stable id, e.g. `fast-track`. */
  id: string;
  /** The area, e.g. `erhverv`. Targets may cover a whole area. */
  area: Area;
  /** Danish label as used in the plans. */
  label: string;
}

/**
 * Known case types by id. Immutable: extending it returns a new registry.
 *
 * @example
 * ```ts
 * const registry: CaseTypeRegistry = registerCaseTypes({ 'ny-ordning': 'erhverv' });
 * registry.size; // 16
 * seedCaseTypes.size; // 15: the base registry is unchanged
 * ```
 */
export type CaseTypeRegistry = ReadonlyMap<string, CaseTypeInfo>;

const SEED_CASE_TYPES: readonly CaseTypeInfo[] = [
  { id: 'beloebsordning', area: 'erhverv', label: 'Beløbsordningen' },
  { id: 'fast-track', area: 'erhverv', label: 'Fast-track' },
  { id: 'landbrug', area: 'erhverv', label: 'Landbrug (ikke-komplicerede sager)' },
  { id: 'loenarbejde', area: 'erhverv', label: 'Lønarbejde (ikke-komplicerede sager)' },
  { id: 'positivliste', area: 'erhverv', label: 'Positivlisten' },
  { id: 'medfoelgende-familie-erhverv', area: 'erhverv', label: 'Medfølgende familie, erhverv' },
  { id: 'praktikant', area: 'studie', label: 'Praktikant' },
  { id: 'studie', area: 'studie', label: 'Studie' },
  { id: 'phd', area: 'studie', label: 'Ph.d.' },
  { id: 'eu', area: 'eu', label: 'EU-området (EU-borgere og tredjelandsstatsborgere)' },
  { id: 'asyl', area: 'asyl', label: 'Asylsager' },
  { id: 'asyl-forlaengelse', area: 'asyl', label: 'Tidsbegrænset forlængelse af asyl' },
  { id: 'familiesammenfoering', area: 'familie', label: 'Familiesammenføring' },
  { id: 'forlaengelse', area: 'familie', label: 'Tidsbegrænset forlængelse af opholdstilladelse' },
  { id: 'permanent-ophold', area: 'familie', label: 'Permanent opholdstilladelse' },
];

/**
 * The case types of the seed plans (all first-time applications), with their areas.
 *
 * @example
 * ```ts
 * seedCaseTypes.get('fast-track')?.area; // 'erhverv'
 * ```
 */
export const seedCaseTypes: CaseTypeRegistry = new Map(SEED_CASE_TYPES.map((info) => [info.id, info]));

/**
 * A case type to add: its area, or its area and label (the label defaults to the id).
 *
 * @example
 * ```ts
 * const additions: Record<string, CaseTypeDefinition> = {
 *   'green-card': 'erhverv',
 *   'au-pair': { area: 'familie', label: 'Au pair' },
 * };
 * const registry = registerCaseTypes(additions);
 * registry.get('green-card'); // { id: 'green-card', area: 'erhverv', label: 'green-card' }
 * registry.get('au-pair')?.label; // 'Au pair'
 * ```
 */
export type CaseTypeDefinition = Area | { area: Area; label?: string };

/**
 * Registers further case types, returning a new registry (the base is not changed). Pass it as
 * `evaluatePlan(plan, cases, { caseTypes })`; area targets (such as siri-2024's whole business
 * area) then count the new types too.
 *
 * @example
 * ```ts
 * const caseTypes = registerCaseTypes({ 'ny-ordning': { area: 'erhverv', label: 'Ny ordning' } });
 * caseTypes.get('ny-ordning')?.area; // 'erhverv'
 * ```
 */
export function registerCaseTypes(
  additions: Readonly<Record<string, CaseTypeDefinition>>,
  base: CaseTypeRegistry = seedCaseTypes,
): CaseTypeRegistry {
  const registry = new Map(base);
  for (const [id, definition] of Object.entries(additions)) {
    const info = typeof definition === 'string' ? { area: definition } : definition;
    if (id.trim() === '' || typeof info.area !== 'string' || info.area.trim() === '') {
      fail('invalid_option', `case type "${id}" needs a non-empty id and area`, ['caseTypes', id]);
    }
    registry.set(id, { id, area: info.area, label: info.label ?? id });
  }
  return registry;
}
