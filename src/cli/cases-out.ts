/**
 * `--cases-out <file>` and `--by <attribute>`: the cases behind a report as CSV, and its figures
 * broken down by an attribute, both from the rows the intake tells as it counts (`onRecord`).
 */
import {
  breakdownCollector,
  breakdownSection,
  caseRowsCsv,
  documentCsvLines,
  documentTextLines,
  type CaseRow,
  type PlanAggregate,
  type IntakeOptions,
  type PlanBreakdown,
  type PlanReport,
  reportDocument,
  type ReportDocument,
  type ServicePlan,
} from '../index.js';
import type { ReadSummary } from '../io/index.js';
import type { OptionSpec } from './args.js';
import { UsageError } from './args.js';
import { line } from './common.js';
import type { CliIo } from './io.js';
import { openOutput, type Output } from './output.js';

/** The options of drill-down, for a command's option table. */
export const DRILL_OPTIONS = {
  'cases-out': { type: 'string' },
  by: { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

/** What a command needs to drill down: the intake's option, then the breakdown and the cases file. */
export interface Drill {
  /** `onRecord` for `createIntake` (empty without `--cases-out` and `--by`: the fast path stays). */
  readonly intakeOptions: Pick<IntakeOptions, 'onRecord'>;
  /** Whether a case is read as a record (then read files in one pass: `--threads 1`). */
  readonly active: boolean;
  /** The breakdown of `--by`, once every record is counted; `null` without it. */
  breakdown(): PlanBreakdown | null;
  /** Puts the file of `--cases-out` in place (whole, or not at all). */
  commit(): void;
  /** Drops a file of `--cases-out` not yet committed (no-op after `commit`). */
  abort(): void;
}

/**
 * Starts drill-down for a command: opens the file of `--cases-out` at once (so that an unwritable
 * folder is reported before any work; written to a temporary file renamed when complete), with
 * the CSV conventions of the reports (`;` and decimal comma, and a byte-order mark for Excel, with
 * `--locale da` or `bom`), and collects the breakdown of `--by`. Wire it with
 * `createIntake(plan, { …, ...drill.intakeOptions })`, then `drill.commit()` once read, and
 * `drill.abort()` in `finally`.
 */
export function startDrill(plan: ServicePlan, options: { casesOut: string | undefined; by: string | undefined; out: string | undefined; locale: 'en' | 'da'; bom?: boolean }): Drill {
  const { casesOut, by, out, locale } = options;
  if (by !== undefined && by.trim() === '') throw new UsageError('--by needs the name of an attribute (or caseType), e.g. --by team');
  if (casesOut !== undefined && out !== undefined && casesOut === out) throw new UsageError('--cases-out and --out name the same file');
  const collector = by === undefined ? null : breakdownCollector(plan, by.trim());
  let output: Output | null = null;
  let line: ((row: CaseRow) => string) | null = null;
  if (casesOut !== undefined) {
    const csv = caseRowsCsv(plan, { locale });
    output = openOutput(casesOut, () => undefined);
    output.write(`${locale === 'da' || options.bom === true ? '\uFEFF' : ''}${csv.header}\n`);
    line = csv.line;
  }
  const active = collector !== null || output !== null;
  const onRecord = (row: CaseRow): void => {
    if (output !== null && line !== null) output.write(`${line(row)}\n`);
    collector?.add(row);
  };
  return {
    intakeOptions: active ? { onRecord } : {},
    active,
    breakdown: () => collector?.result() ?? null,
    commit: () => { output?.commit(); },
    abort: () => { output?.abort(); },
  };
}

/**
 * The lines of a report in text, Markdown or CSV with its breakdown: the report's document
 * (`reportDocument`, as `reportLines` writes it) with the breakdown's section at its end.
 */
export function reportWithBreakdownLines(report: PlanReport, breakdown: PlanBreakdown, format: 'table' | 'markdown' | 'csv', language: 'en' | 'da'): Iterable<string> {
  const document = reportDocument(report, { language });
  const whole: ReportDocument = { ...document, sections: [...document.sections, breakdownSection(breakdown, { language })] };
  return format === 'csv' ? documentCsvLines(whole) : documentTextLines(whole, { format });
}

/**
 * The report's document for HTML and XLSX (with the cumulative charts of `aggregate`, as
 * `renderHtml` draws it), with the breakdown's section at its end when there is one.
 */
export function reportWithBreakdown(report: PlanReport, breakdown: PlanBreakdown | null, language: 'en' | 'da', aggregate: PlanAggregate): ReportDocument {
  const document = reportDocument(report, { language, aggregate });
  return breakdown === null ? document : { ...document, sections: [...document.sections, breakdownSection(breakdown, { language })] };
}

/**
 * Warns when `--by` names an attribute that no column of the case files feeds (each file's name
 * and read summary): every case would then be counted under "(none)" without a word.
 */
export function warnAboutBy(by: string | undefined, summaries: readonly { name: string; summary: ReadSummary }[], io: CliIo): void {
  if (by === undefined || by.trim() === 'caseType') return;
  const reads = summaries.filter(({ summary }) => summary.records > 0);
  const lacking = reads.filter(({ summary }) => !Object.hasOwn(summary.fields, `attributes.${by.trim()}`)).map(({ name }) => name);
  if (lacking.length === 0) return;
  const where = lacking.length === reads.length ? 'no column feeds it' : `no column of ${lacking.join(', ')} feeds it`;
  io.stderr(line(`servicemaal: warning: --by ${by.trim()}, but ${where}: those cases are counted under (none) (--map attributes.${by.trim()}=<column>)`));
}
