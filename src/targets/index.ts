export * from './model.js';
export * from './case-types.js';
export { defineTarget, definePlan } from './define.js';
export type { AddendumInput, CalendarInput, TargetInput, TierInput, GroupInput, PlanInput, RequirementInput, WhereInput } from './schema.js';
export { planSchema, targetSchema } from './schema.js';
export { meetsShare, casesNeeded, decimalRatio, type Ratio } from './share.js';
