/** Shared helpers of the test suite. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  ServicemaalError,
  evaluatePlan,
  type EvaluateOptions,
  type EvaluationInputs,
  type MeanTierReport,
  type PlanReport,
  type ServicePlan,
  type ShareTierReport,
  type TargetReport,
} from '../src/index.js';

/** Runs `fn` and returns the ServicemaalError it throws; fails when it throws nothing or another error. */
export function thrown(fn: () => unknown): ServicemaalError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServicemaalError) return error;
    throw error;
  }
  throw new Error('expected a ServicemaalError, but nothing was thrown');
}

const count = (records: Iterable<unknown> | undefined): number => (records === undefined ? 0 : [...records].length);
const sum = (values: Record<string, number>): number => Object.values(values).reduce((total, n) => total + n, 0);

/**
 * Checks docs/methodology.md, convention 9, on a report: every record of every input lands in exactly one
 * bucket, and the without-target lists add up to their counts.
 */
export function reconciled(report: PlanReport, inputs: Iterable<unknown> | EvaluationInputs): PlanReport {
  const byKind: EvaluationInputs = Symbol.iterator in inputs ? { cases: inputs } : inputs;
  const cases = report.counts;
  expect(cases.input).toBe(count(byKind.cases));
  expect(cases.measured + cases.pending + cases.outOfPeriod + cases.withoutTarget + cases.invalid).toBe(cases.input);
  expect(sum(report.withoutTarget)).toBe(cases.withoutTarget);
  const contacts = report.contacts.counts;
  expect(contacts.input).toBe(count(byKind.contacts));
  expect(contacts.measured + contacts.unanswered + contacts.outOfPeriod + contacts.withoutTarget + contacts.invalid).toBe(contacts.input);
  expect(sum(report.contacts.withoutTarget)).toBe(contacts.withoutTarget);
  const observations = report.observations.counts;
  expect(observations.input).toBe(count(byKind.observations));
  expect(observations.measured + observations.notWorkingDay + observations.outOfPeriod + observations.withoutTarget + observations.invalid).toBe(
    observations.input,
  );
  expect(sum(report.observations.withoutTarget)).toBe(observations.withoutTarget);
  return report;
}

/** Evaluates a plan and checks that the counts reconcile with the inputs. */
export function evaluate(plan: ServicePlan, inputs: unknown[] | EvaluationInputs, options: EvaluateOptions = {}): PlanReport {
  return reconciled(evaluatePlan(plan, inputs, options), inputs);
}

/** A target of a report by id. */
export function target(report: PlanReport, id: string): TargetReport {
  const found = report.targets.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no target ${id} in the report`);
  return found;
}

/** A share tier of a report's target. */
export function shareTier(report: PlanReport, id: string, index = 0): ShareTierReport {
  const tier = target(report, id).tiers[index];
  if (tier?.kind !== 'share') throw new Error(`tier ${index} of ${id} is not a share tier`);
  return tier;
}

/** The tier of a report's mean target. */
export function meanTier(report: PlanReport, id: string): MeanTierReport {
  const tier = target(report, id).tiers[0];
  if (tier?.kind !== 'mean') throw new Error(`${id} is not a mean target`);
  return tier;
}

/** Runs an ES module script against the sources in a child process with a 256 MB heap. */
export function runWithSmallHeap(script: string): SpawnSyncReturns<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}
