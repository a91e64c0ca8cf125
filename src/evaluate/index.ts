export { evaluatePlan, type EvaluateOptions } from './evaluate.js';
export {
  aggregateCases,
  mergeAggregates,
  type AggregateOptions,
  type Counts,
  type PlanAggregate,
  type TargetAggregate,
} from './aggregate.js';
export {
  reportFromAggregate,
  type GroupReport,
  type GroupScoringInput,
  type GroupScoringRule,
  type MeanTierReport,
  type PlanReport,
  type ReportOptions,
  type ShareTierReport,
  type TargetReport,
  type TierReport,
  type Unscored,
} from './report.js';
export { readCaseRecord, type CaseRecord, type InvalidRecord, type ValidCase } from './records.js';
export type { CaseTypesOption } from './compile.js';
export { countAtMost, histogramCount, histogramSum, mergeHistograms, type Histogram } from './histogram.js';
