/**
 * A compliance report from an agency's CSV export of case records.
 *
 * Shows how to read a Danish export (semicolon-separated, `dd-mm-yyyy` dates, the agency's own
 * column names and case-type codes) with `servicemaal/io`, evaluate a plan on it, print the report,
 * account for every row of the file, and point at the rows that need fixing by their line numbers.
 *
 * Run it from the repository root:
 *
 *   npx tsx examples/csv-report.ts                                   # examples/data/agency-export.csv, siri-2023
 *   npx tsx examples/csv-report.ts my-export.csv --plan siri-2024 --codes my-codes.csv
 *   npx tsx examples/csv-report.ts export.csv --map id=case_no,caseType=type,applied=received,decided=closed
 *
 * Options: `--plan` a catalogue id or a plan JSON file (default siri-2023), `--codes` the case-type
 * mapping, a CSV of `kode;sagstype` (default examples/data/case-type-codes.csv), `--map` the
 * columns (default `id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort`), `--period`
 * (default: the plan's year). The exit code is 0, or 2 when some rows are invalid, as for the
 * command line, which prints the same report:
 *
 *   npx servicemaal evaluate --plan siri-2023 --group-scoring 1.1=share-of-tiers,1.2=share-of-tiers \
 *     --map id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort \
 *     --case-types examples/data/case-type-codes.csv examples/data/agency-export.csv
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { definePlan, evaluatePlan, getPlan, renderReport, type GroupScoringRule, type ServicePlan } from 'servicemaal';
import { loadCaseTypeMap, parseFieldMap, readAllRecords } from 'servicemaal/io';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    plan: { type: 'string', default: 'siri-2023' },
    codes: { type: 'string', default: 'examples/data/case-type-codes.csv' },
    map: { type: 'string', default: 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort' },
    period: { type: 'string' },
  },
});
const file = positionals[0] ?? 'examples/data/agency-export.csv';

// A catalogue plan by its id, or your own plan as JSON (see examples/custom-plan.ts).
const plan: ServicePlan = values.plan.endsWith('.json')
  ? definePlan(JSON.parse(readFileSync(values.plan, 'utf8')) as Parameters<typeof definePlan>[0])
  : getPlan(values.plan);

// Read the whole file: the records with the line each came from, and the rows that could not
// become records at all. The column names and case-type codes are translated while reading;
// Danish dates (`01-03-2023`, `01-03-2023 14:05` in Copenhagen time) become ISO dates.
const { records, lines, problems, summary } = await readAllRecords(
  { path: file },
  { map: parseFieldMap(values.map), caseTypeMap: await loadCaseTypeMap(values.codes) },
);

// Some plans weigh a group of targets only (SIRI 2023: 65 points for requirement 1.1, no split).
// The library never invents a split, so such a group needs a rule: here the share of its tiers met.
const unweighted = (id: string): boolean => plan.targets.some((target) => target.id === id && target.weight === null && target.tiers.every((tier) => tier.weight === null));
const groupScoring = Object.fromEntries(
  plan.groups.filter((group) => group.weight !== null && group.targets.every(unweighted)).map((group): [string, GroupScoringRule] => [group.id, 'share-of-tiers']),
);

const report = evaluatePlan(plan, records, { groupScoring, ...(values.period === undefined ? {} : { period: values.period }) });

// The report names an invalid record by its position among the records; name the file and line instead.
const located = {
  ...report,
  invalid: report.invalid.map((entry) => ({ ...entry, message: entry.message.replace(/^record \d+/, `${file}:${lines[entry.index] ?? '?'}`) })),
};
process.stdout.write(renderReport(located, { format: 'table' }));

// Every row of the file is accounted for: as a record (counted in the report's buckets), as a row
// that could not be read, or as an empty line.
const { input, measured, pending, outOfPeriod, withoutTarget, invalid } = report.counts;
console.log('');
console.log(`Rows: ${summary.rows} data rows in ${file} = ${summary.records} records + ${summary.problems} unreadable + ${summary.emptyLines} empty lines`);
console.log(
  `Records: ${input} = ${measured} measured + ${pending} pending + ${outOfPeriod} out of period + ${withoutTarget} without target + ${invalid} invalid`,
);
if (summary.unmappedCaseTypes.size > 0) {
  const codes = [...summary.unmappedCaseTypes].map(([code, count]) => `${code} (${count})`).join(', ');
  console.log(`Case-type codes without a mapping, counted as without target: ${codes}; add them to ${values.codes}`);
}
for (const row of problems) console.log(`${file}:${row.line}: cannot be read: ${row.problem.message} [${row.problem.code}]`);

// Invalid rows are listed above (report.invalid, and the unreadable rows); like the command line,
// exit with 2 so that a script or a scheduled job notices them.
const invalidRows = invalid + problems.length;
if (invalidRows > 0) {
  console.log(`${invalidRows} invalid rows: fix them in the export (exit code 2).`);
  process.exitCode = 2;
}
