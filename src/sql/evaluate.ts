import type { ServicePlan } from '../targets/model.js';
import { reportFromAggregate, type PlanReport, type ReportOptions } from '../evaluate/report.js';
import { aggregateFromRows, type FromRowsOptions } from './from-rows.js';
import type { SqlRunner } from './runner.js';
import { toSql } from './to-sql.js';
import type { ToSqlOptions } from './model.js';

/**
 * Options of {@link evaluateInDatabase}: the runner, the source, the evaluation options of
 * {@link toSql}, the report options, and contacts and observations given in memory.
 *
 * @example
 * ```ts
 * const options: DatabaseEvaluateOptions = {
 *   runner: { dialect: 'duckdb', rows: async function* () {} },
 *   source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } },
 *   period: '2023',
 * };
 * options.runner.dialect; // 'duckdb'
 * ```
 */
export interface DatabaseEvaluateOptions extends Omit<ToSqlOptions, 'dialect'>, ReportOptions, FromRowsOptions {
  runner: SqlRunner;
}

/**
 * Evaluates a plan where the case records lie: writes the plan's query for the runner's engine
 * ({@link toSql}), runs it, and finishes the report from its rows ({@link aggregateFromRows}). The
 * report is the one `evaluatePlan` gives for the same records.
 *
 * @throws {ServicemaalError} as {@link toSql} and {@link aggregateFromRows}; and whatever the
 *   runner throws (a query error of the engine).
 * @example
 * ```ts
 * // A runner that returns the rows an engine returns for two fast-track cases of 19 days.
 * const runner: SqlRunner = {
 *   dialect: 'duckdb',
 *   rows: async function* () {
 *     yield [0, 0, 2, 'fast-track', null, 19417, 19436, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null];
 *   },
 * };
 * const report = await evaluateInDatabase(getPlan('siri-2023'), {
 *   runner,
 *   source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } },
 *   period: '2023',
 * });
 * report.targets[0]?.tiers[0]; // { kind: 'share', measured: 2, within: 2, share: 1, … }
 * ```
 */
export async function evaluateInDatabase(plan: ServicePlan, options: DatabaseEvaluateOptions): Promise<PlanReport> {
  const { runner, source, contacts, observations } = options;
  const query = toSql(plan, { ...options, dialect: runner.dialect, source });
  const aggregate = await aggregateFromRows(plan, query, runner.rows(query.sql), { ...(contacts === undefined ? {} : { contacts }), ...(observations === undefined ? {} : { observations }) });
  return reportFromAggregate(plan, aggregate, options);
}
