/**
 * The parts of the library that only some runs need, behind one module that the commands load with
 * `import()` when they need them: the plan schema (zod) for a plan JSON file, and the plan renderer
 * (which brings the catalogue) for `plans show`. Runs on bundled plans start without them.
 */
import { useHolidays } from '../calendar/holidays.js';
import type { RenderOptions } from '../render/format.js';
import { renderPlan } from '../render/plan.js';
import { definePlan } from '../targets/define.js';
import type { ServicePlan } from '../targets/model.js';
import { DATE_HOLIDAYS_ON_DEMAND } from './holidays.js';

/** A plan read from JSON, validated (see `definePlan`). */
export function planFromJson(data: unknown): ServicePlan {
  return definePlan(data as Parameters<typeof definePlan>[0]);
}

/** A plan as text (see `renderPlan`), with date-holidays registered for calendars of other countries. */
export function planText(plan: ServicePlan, options: RenderOptions): string {
  useHolidays(DATE_HOLIDAYS_ON_DEMAND);
  return renderPlan(plan, options);
}
