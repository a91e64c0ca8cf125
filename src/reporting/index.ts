export { createPendingCollector, pendingAt, type PendingCase, type PendingRecords, type PendingOptions, type PendingReport, type PendingTarget, type PendingTier } from './pending.js';
export { forecastPlan, type ForecastOptions, type PlanForecast, type TargetForecast, type TierForecast } from './forecast.js';
export { backlog, backlogReport, type BacklogOptions, type BacklogReport, type BacklogRow } from './backlog.js';
export { explainTier, type ExplainOptions, type ExplainedCase } from './explain.js';
export { processingTimes, type ProcessingTimes, type ProcessingTimesOptions } from './distribution.js';
export { caseRows, caseRowsCsv, caseRowTiers, type CaseBucket, type CaseRow, type CaseRowTier, type CaseRowsCsv, type CaseRowsOptions } from './cases-out.js';
export { breakdownCollector, breakdownPlan, type BreakdownCollector, type BreakdownOptions, type BreakdownRow, type PlanBreakdown, type TierBreakdown } from './breakdown.js';
export { estimateInflow, type InflowEstimateOptions, type InflowOption, type TargetInflow } from './inflow.js';
export {
  quarterlyReport,
  type AtRiskCase,
  type AtRiskTier,
  type GroupPoints,
  type PeriodTier,
  type QuarterlyOptions,
  type QuarterlyReport,
  type ReportPeriod,
  type TargetTimes,
} from './quarterly.js';
