export type { SqlDialect, SqlDialectName } from './dialect.js';
export { sqlDialect } from './dialects/index.js';
export type { SqlCaseColumns, SqlDateField, SqlDateKind, SqlPauseSource, SqlPlanQuery, SqlSource, ToSqlOptions } from './model.js';
export { toSql } from './to-sql.js';
export { aggregateFromRows, type FromRowsOptions, type SqlRows } from './from-rows.js';
export { evaluateInDatabase, type DatabaseEvaluateOptions } from './evaluate.js';
export type { SqlRunner } from './runner.js';
