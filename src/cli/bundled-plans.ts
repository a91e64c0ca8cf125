/**
 * The bundled plans, for the command line. Run from the sources, this is the catalogue itself. In
 * the built command (dist/cli.js) the build puts the plans' data here instead, computed from the
 * same catalogue when the package is built (see tsup.config.ts), so that listing, showing and
 * evaluating bundled plans starts without loading and running the plan schema (zod).
 */
import type { ServicePlan } from '../targets/model.js';

/** The plans of the catalogue, oldest first. */
export async function bundledPlans(): Promise<readonly ServicePlan[]> {
  const { catalogue } = await import('../catalog/index.js');
  return catalogue;
}
