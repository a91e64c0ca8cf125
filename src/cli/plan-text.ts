/**
 * The plan renderer (which brings the catalogue and its schema), loaded with `import()` only by
 * `servicemaal plans show`.
 */
import { useHolidays } from '../calendar/holidays.js';
import type { RenderOptions } from '../render/format.js';
import { renderPlan } from '../render/plan.js';
import type { ServicePlan } from '../targets/model.js';
import { DATE_HOLIDAYS_ON_DEMAND } from './holidays.js';

/** A plan as text (see `renderPlan`), with date-holidays registered for calendars of other countries. */
export function planText(plan: ServicePlan, options: RenderOptions): string {
  useHolidays(DATE_HOLIDAYS_ON_DEMAND);
  return renderPlan(plan, options);
}
