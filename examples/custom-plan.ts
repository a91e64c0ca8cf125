/**
 * Your own plan, written as JSON: examples/plans/permits-2025.json.
 *
 * Shows how to load and check a plan with `definePlan` (a `ServicemaalError` lists every problem
 * with its path), evaluate it, print the report, and list the cases behind a figure
 * (`explainTier`). The plan has a tier in working days (on a calendar with the state's closing
 * days), a mean processing-time target, and a group of targets weighed as a whole, scored by a
 * rule. The cases are examples/plans/permits-2025-cases.json: a few records of each case type, one
 * pending, one decided before 2025 and one of a case type the plan does not cover.
 *
 * Run it from the repository root:
 *
 *   npx tsx examples/custom-plan.ts                          # the cases above
 *   npx tsx examples/custom-plan.ts my-cases.csv             # your cases: CSV, JSON or NDJSON
 *
 * The same report from the command line:
 *
 *   npx servicemaal evaluate --plan examples/plans/permits-2025.json --group-scoring residence=mean-score \
 *     examples/plans/permits-2025-cases.json
 */
import { readFileSync } from 'node:fs';
import { definePlan, evaluatePlan, explainTier, renderReport, ServicemaalError, type ServicePlan } from 'servicemaal';
import { readAllRecords } from 'servicemaal/io';

const PLAN_FILE = 'examples/plans/permits-2025.json';
const casesFile = process.argv[2] ?? 'examples/plans/permits-2025-cases.json';

// definePlan validates the JSON (unknown keys, missing required shares, a group weight that does
// not add up…) and fills in the defaults. Print its problems instead of a stack trace.
let plan: ServicePlan;
try {
  plan = definePlan(JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as Parameters<typeof definePlan>[0]);
} catch (error) {
  if (!(error instanceof ServicemaalError)) throw error;
  for (const issue of error.issues) console.error(`${PLAN_FILE}: ${issue.path.join('.')}: ${issue.message} [${issue.code}]`);
  process.exit(1);
}

const { records } = await readAllRecords({ path: casesFile });

// The two residence-permit targets share 10 points with no split between them: score the group by
// the mean of the targets' scores. The visa targets carry their own weights.
const report = evaluatePlan(plan, records, { groupScoring: { residence: 'mean-score' } });
process.stdout.write(renderReport(report, { format: 'table' }));

// The cases behind a figure: the visas not decided within 10 working days. Elapsed working days
// count the days after the application up to and including the decision, without weekends,
// public holidays (Easter 2025: 17, 18 and 21 April) and the closing days of the plan's calendar.
console.log('');
console.log('Visas not decided within 10 working days (explainTier):');
for (const miss of explainTier(plan, records, { target: 'visa', tier: 0 })) {
  console.log(`  ${miss.id}: applied ${miss.start}, due ${miss.dueDate ?? '–'}, decided ${miss.stop ?? '–'}: ${miss.elapsed ?? '–'} working days`);
}
process.exitCode = report.invalid.length > 0 ? 2 : 0;
