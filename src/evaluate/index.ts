export { evaluatePlan, evaluateSeries, reportingPeriods, type EvaluateOptions, type SeriesEvaluateOptions } from './evaluate.js';
export {
  aggregateCases,
  aggregateInputs,
  aggregateSeries,
  mergeAggregates,
  resolvePeriodInput,
  type SeriesOptions,
  type AggregateOptions,
  type ContactCounts,
  type EvaluationInputs,
  type ObservationCounts,
  type ObservationGaps,
  type Counts,
  type MissingAttributes,
  type WithoutTargetReason,
  type WithoutTargetReasons,
  type PlanAggregate,
  type TargetAggregate,
} from './aggregate.js';
export { createIntake, Intake, type CaseTypeHandle, type IntakeCaseRows, type IntakeOptions, type UnreadableRow } from './intake.js';
export {
  reportFromAggregate,
  scoreScenario,
  type CentreReport,
  type GroupReport,
  type GroupScoringInput,
  type GroupScoringRule,
  type MeanTierReport,
  type PlanReport,
  type PlanTotal,
  type ReportOptions,
  type RequirementReport,
  type SuppliedResult,
  type ShareTierReport,
  type TargetReport,
  type TierReport,
  type Unscored,
} from './report.js';
export { DEFAULT_MAX_PROBLEMS, describeProblem, placeProblem, problemMessage, readCaseRecord, type ProblemPlace, type CaseRecord, type InputKind, type InvalidRecord, type Pause, type ValidCase } from './records.js';
export { MAX_WAIT_SECONDS, readContactRecord, type ContactRecord, type ValidContact } from './contacts.js';
export { MAX_DAYS_TO_SLOT, readObservationRecord, type ObservationRecord, type ValidObservation } from './observations.js';
export type { CaseTypesOption } from './compile.js';
export type { CentreCoverage, ObservationCoverage } from './coverage.js';
export { countAtMost, histogramCount, histogramSum, mergeHistograms, type Histogram } from './histogram.js';
export { SMALL_POPULATION, histogramStats, percentile, wilsonInterval, type ShareInterval, type Stats } from './stats.js';
