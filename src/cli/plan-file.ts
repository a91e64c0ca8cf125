/**
 * The plan schema (zod), loaded with `import()` only when a plan is read from a JSON file: runs on
 * bundled plans start without it.
 */
import { definePlan } from '../targets/define.js';
import type { ServicePlan } from '../targets/model.js';

/** A plan read from JSON, validated (see `definePlan`). */
export function planFromJson(data: unknown): ServicePlan {
  return definePlan(data as Parameters<typeof definePlan>[0]);
}
