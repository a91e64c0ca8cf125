import { fail } from '../errors.js';
import type { ServicePlan } from '../targets/model.js';
import { siri2020 } from './siri-2020.js';
import { siri2023 } from './siri-2023.js';
import { siri2024 } from './siri-2024.js';
import { us2019 } from './us-2019.js';

/**
 * The seed plans, oldest first.
 *
 * @example
 * ```ts
 * catalogue.map((plan) => plan.year); // [2019, 2020, 2023, 2024]
 * ```
 */
export const catalogue: readonly ServicePlan[] = [us2019, siri2020, siri2023, siri2024];

/**
 * A plan's id and headline, as {@link listPlans} returns them. `targets` counts the targets
 * evaluated from records and those listed as not evaluable.
 *
 * @example
 * ```ts
 * const summary: PlanSummary | undefined = listPlans().find((plan) => plan.id === 'siri-2024');
 * summary?.year; // 2024
 * summary?.targets; // 4
 * ```
 */
export interface PlanSummary {
  id: string;
  title: string;
  authority: string | null;
  year: number | null;
  targets: number;
}

/**
 * The catalogue's plans.
 *
 * @example
 * ```ts
 * listPlans().map((plan) => plan.id); // ['us-2019', 'siri-2020', 'siri-2023', 'siri-2024']
 * ```
 */
export function listPlans(): PlanSummary[] {
  return catalogue.map((plan) => ({
    id: plan.id,
    title: plan.title,
    authority: plan.authority,
    year: plan.year,
    targets: plan.targets.length + plan.notEvaluable.length,
  }));
}

/**
 * A plan of the catalogue by id.
 *
 * @throws {ServicemaalError} `unknown_plan`, listing the known ids.
 * @example
 * ```ts
 * getPlan('siri-2023').targets.length; // 10: eight case targets, biometrics and phone
 * getPlan('siri-1999'); // throws: code 'unknown_plan'
 * ```
 */
export function getPlan(id: string): ServicePlan {
  const plan = catalogue.find((candidate) => candidate.id === id);
  if (plan === undefined) {
    return fail('unknown_plan', `unknown plan "${id}"; known plans: ${catalogue.map((p) => p.id).join(', ')}`, ['plan']);
  }
  return plan;
}

export { siri2020, siri2023, siri2024, us2019 };
