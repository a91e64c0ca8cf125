import type { Source } from '../targets/model.js';
import type { RequirementInput, TargetInput, TierInput, WhereInput } from '../targets/schema.js';

/** The scope of a target the plan words "1. gang": first-time applications. */
export const FIRST_TIME = { applicationKind: 'first' } as const;
/** The scope of a target on extensions ("forlængelse"). */
export const EXTENSION = { applicationKind: 'extension' } as const;

/** A tier in short form: limit amount, unit, required share, and optionally weight and label. */
export interface ShortTier {
  days?: number;
  months?: number;
  required: number;
  weight?: number;
  label?: string;
  /** Where the tier's numbers are stated, when not in the target's source. */
  source?: Source;
}

/** A share target from the catalogue's short notation (the clock runs application → decision). */
export function shareTarget(
  id: string,
  label: string,
  caseTypes: string[],
  tiers: ShortTier[],
  source: Source,
  where?: WhereInput,
): TargetInput {
  return { id, label, caseTypes, ...(where === undefined ? {} : { where }), tiers: tiers.map(tierInput), source };
}

function tierInput(tier: ShortTier): TierInput {
  const limit =
    tier.months === undefined ? { amount: tier.days ?? 0, unit: 'days' as const } : { amount: tier.months, unit: 'months' as const };
  return {
    limit,
    required: tier.required,
    ...(tier.weight === undefined ? {} : { weight: tier.weight }),
    ...(tier.label === undefined ? {} : { label: tier.label }),
    ...(tier.source === undefined ? {} : { source: tier.source }),
  };
}

/**
 * A requirement of a plan: evaluated by groups of the plan, or not evaluated from the data, for a
 * reason. `weight` is `null` where it cannot be read from the source (say why in `note`).
 */
export function requirementEntry(
  number: string,
  title: string,
  weight: number | null,
  evaluated: { groups: string[] } | { reason: string },
  source: Source,
  note?: string,
): RequirementInput {
  return {
    number,
    title,
    weight,
    source,
    ...('groups' in evaluated ? { groups: evaluated.groups } : { reason: evaluated.reason }),
    ...(note === undefined ? {} : { note }),
  };
}
