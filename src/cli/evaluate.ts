/** `servicemaal evaluate`: a plan evaluated on files of cases, contacts and observations. */
import { availableParallelism } from 'node:os';
import { formatDayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { createIntake, type Intake } from '../evaluate/intake.js';
import { resolvePeriodInput } from '../evaluate/model.js';
import type { InputKind } from '../evaluate/records.js';
import { reportFromAggregate, type SuppliedResult } from '../evaluate/report.js';
import type { PlanAggregate } from '../evaluate/model.js';
import { ServicemaalError } from '../errors.js';
import { renderDocumentXlsx } from '../document/render-xlsx.js';
import { renderDocumentHtml } from '../document/render-html.js';
import { readIdsInto, readInto } from '../io/into.js';
import type { ReadOptions, ReadSummary } from '../io/types.js';
import { renderHtml } from '../render/html.js';
import { notListed, reportLines } from '../render/report.js';
import type { ServicePlan } from '../targets/model.js';
import { flag, list, oneOf, parseCommand, text, UsageError, type ParsedCommand } from './args.js';
import {
  addUnmappedCodes,
  DUPLICATES_OPTION,
  FORMATS,
  line,
  LOCALES,
  loadPlan,
  nameOf,
  parseDuplicates,
  parseGroupScoring,
  periodOption,
  parseMaxProblems,
  parseMissingAttributes,
  READ_OPTIONS,
  readOptions,
  sourceOf,
  warnAboutColumns,
  warnAboutUnmapped,
  warnAboutScopes,
  warnAboutUnmappedCodes,
  writeLines,
} from './common.js';
import { aggregateInEngine, engineChoice, ENGINE_OPTIONS } from './engine.js';
import { DRILL_OPTIONS, reportWithBreakdown, reportWithBreakdownLines, startDrill, warnAboutBy, type Drill } from './cases-out.js';
import { EXIT, type CliIo } from './io.js';
import { BOM_OPTIONS, byteOrderMark, jsonPieces, openOutput } from './output.js';
import { startProgress } from './progress.js';
import { loadResults } from './results.js';

/**
 * The formats of `evaluate`: those of every command, a self-contained HTML report with charts, and
 * an Excel workbook (to a file only).
 */
const EVALUATE_FORMATS = [...FORMATS, 'html', 'xlsx'] as const;

/**
 * `--threads`: 1 reads every file in one pass; 2 reads the end of a large CSV file of cases on a
 * second thread. The default is 2 where the machine has two or more cores, else 1.
 */
function parseThreads(value: string | undefined): 1 | 2 {
  if (value === undefined) return availableParallelism() >= 2 ? 2 : 1;
  if (value !== '1' && value !== '2') throw new UsageError(`--threads must be 1 or 2, got "${value}"`);
  return value === '1' ? 1 : 2;
}

/** Reads one file of one input into the intake, with a progress line for a large file on a terminal. */
async function readFile(intake: Intake, file: string, read: ReadOptions, threads: 1 | 2, io: CliIo): Promise<ReadSummary> {
  const progress = await startProgress(file, io);
  try {
    const summary = await readInto(intake, sourceOf(file, io), {
      ...read,
      name: nameOf(file),
      threads,
      onProgress: (rows) => { progress.update(rows); },
    });
    warnAboutColumns(nameOf(file), summary, io);
    return summary;
  } finally {
    progress.done();
  }
}

/** The period of `--period` and `--as-of`. */
function periodOf(plan: ServicePlan, parsed: ParsedCommand): PeriodInput {
  let period = resolvePeriodInput(plan, periodOption(text(parsed, 'period')));
  const asOf = text(parsed, 'as-of');
  if (asOf !== undefined) {
    const whole = parsePeriod(period, ['period']);
    const day = toDayNumber(asOf, ['asOf']);
    if (day < whole.from || day > whole.to) throw new UsageError(`--as-of ${asOf} is outside the period ${formatDayNumber(whole.from)}..${formatDayNumber(whole.to)}`);
    period = { from: formatDayNumber(whole.from), to: formatDayNumber(day) };
  }
  parsePeriod(period, ['period']);
  return period;
}

/**
 * Checks `--results` against the plan before any input is read (a report of no records applies
 * them), naming the file in the message.
 */
function checkResults(plan: ServicePlan, period: PeriodInput, results: Record<string, SuppliedResult>, file: string): void {
  try {
    reportFromAggregate(plan, createIntake(plan, { period }).aggregate(), { results });
  } catch (error) {
    if (error instanceof ServicemaalError && error.issues.some((issue) => issue.path[0] === 'results')) {
      throw new UsageError(`${file}: ${error.issues.map((issue) => issue.message).join('; ')}`);
    }
    throw error;
  }
}

/** Runs `servicemaal evaluate`. */
export async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, {
    plan: { type: 'string' },
    period: { type: 'string' },
    'as-of': { type: 'string' },
    contacts: { type: 'string', repeatable: true },
    observations: { type: 'string', repeatable: true },
    format: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    strict: { type: 'boolean' },
    'group-scoring': { type: 'string' },
    results: { type: 'string' },
    'observation-gaps': { type: 'string' },
    threads: { type: 'string' },
    'max-problems': { type: 'string' },
    'missing-attributes': { type: 'string' },
    ...DUPLICATES_OPTION,
    ...DRILL_OPTIONS,
    ...READ_OPTIONS,
    ...BOM_OPTIONS,
    ...ENGINE_OPTIONS,
  });
  const engine = engineChoice(parsed);
  const plan = await loadPlan(text(parsed, 'plan'), text(parsed, 'encoding'));
  const format = oneOf(text(parsed, 'format'), EVALUATE_FORMATS, 'format', 'table');
  const duplicates = parseDuplicates(parsed, parsed.positionals);
  const locale = oneOf(text(parsed, 'locale'), LOCALES, 'locale', 'en');
  const bom = byteOrderMark(parsed, format, locale);
  if (format === 'xlsx' && text(parsed, 'out') === undefined) {
    throw new UsageError('--format xlsx writes an Excel workbook, which is no text for a terminal or a pipe: give --out with a file name, e.g. --out report.xlsx');
  }
  const groupScoring = parseGroupScoring(text(parsed, 'group-scoring'));
  const results = await loadResults(text(parsed, 'results'), text(parsed, 'encoding'));
  const observationGaps = oneOf(text(parsed, 'observation-gaps'), ['not-within', 'exclude'], 'observation-gaps', 'not-within') === 'exclude' ? 'exclude' : 'notWithin';
  let threads = parseThreads(text(parsed, 'threads'));
  const contacts = list(parsed, 'contacts');
  const observations = list(parsed, 'observations');
  const { positionals } = parsed;
  if (engine === null && positionals.length === 0 && contacts.length === 0 && observations.length === 0) {
    throw new UsageError('give at least one input file (or - for standard input)');
  }
  const period = periodOf(plan, parsed);
  const by = text(parsed, 'by');

  const output = openOutput(text(parsed, 'out'), io.stdout);
  let drill: Drill | null = null;
  try {
    drill = startDrill(plan, { casesOut: text(parsed, 'cases-out'), by, out: text(parsed, 'out'), locale });
    // Every case is then read as a record: a second thread would read the end of a file for nothing.
    if (drill.active) threads = 1;
    const unmapped = new Map<string, number>();
    const addUnmapped = (codes: ReadonlyMap<string, number>): void => {
      for (const [code, count] of codes) unmapped.set(code, (unmapped.get(code) ?? 0) + count);
    };
    const maxProblems = parseMaxProblems(text(parsed, 'max-problems'));
    const missingAttributes = parseMissingAttributes(text(parsed, 'missing-attributes'));
    const intake = createIntake(plan, {
      period,
      duplicates,
      ...(maxProblems === undefined ? {} : { maxProblems }),
      ...(missingAttributes === undefined ? {} : { missingAttributes }),
      ...drill.intakeOptions,
    });
    if (results !== undefined) checkResults(plan, period, results, text(parsed, 'results') ?? '');
    const unmappedCodes = new Map<string, Map<string, number>>();
    let total: PlanAggregate;
    if (engine !== null) {
      // The records are read where they lie, by the plan's query: the engine reads them, the library counts.
      const evaluation = { period, duplicates, ...(maxProblems === undefined ? {} : { maxProblems }), ...(missingAttributes === undefined ? {} : { missingAttributes }) };
      const done = await aggregateInEngine(plan, engine, evaluation, parsed, await readOptions(parsed, 'cases'), io);
      total = done.aggregate;
      warnAboutScopes(plan, [{ name: done.name, summary: { records: total.counts.input, fields: done.fields } }], missingAttributes, io);
    } else {
      if (duplicates === 'last') {
        // The ids of every case file first, so that each record knows whether a later one has its id.
        const read = await readOptions(parsed, 'cases');
        for (const file of positionals) await readIdsInto(intake, sourceOf(file, io), { ...read, name: nameOf(file), threads });
      }
      // Several files of an input are read in order, as one input: positions go on.
      const inputs: [InputKind, readonly string[]][] = [
        ['cases', positionals],
        ['contacts', contacts],
        ['observations', observations],
      ];
      const caseReads: { name: string; summary: ReadSummary }[] = [];
      for (const [kind, files] of inputs) {
        for (const file of files) {
          const summary = await readFile(intake, file, await readOptions(parsed, kind), threads, io);
          addUnmapped(summary.unmappedCaseTypes);
          addUnmappedCodes(unmappedCodes, summary.unmappedCodes);
          if (kind === 'cases') caseReads.push({ name: nameOf(file), summary });
        }
      }
      warnAboutScopes(plan, caseReads, missingAttributes, io);
      warnAboutBy(by, caseReads, io);
      total = intake.aggregate();
    }
    // The cases behind the report are written even when --strict stops before evaluating: they show the invalid rows.
    drill.commit();
    warnAboutUnmapped(unmapped, 'counted as without target', io);
    warnAboutUnmappedCodes(unmappedCodes, io);
    const problems = total.invalid.length + total.invalidOmitted;
    const invalid = problems > 0;
    if (invalid && flag(parsed, 'strict')) {
      for (const entry of total.invalid) io.stderr(line(`${entry.message} [${entry.code}]`));
      if (total.invalidOmitted > 0) io.stderr(`${notListed(total.invalidOmitted)} (--max-problems 0 lists all)\n`);
      io.stderr(`servicemaal: ${problems} problem(s) in the input; nothing evaluated (--strict)\n`);
      return EXIT.invalidRows;
    }
    const report = reportFromAggregate(plan, total, { groupScoring, observationGaps, ...(results === undefined ? {} : { results }) });
    const breakdown = drill.breakdown();
    if (format === 'json') {
      for (const piece of jsonPieces(breakdown === null ? report : { ...report, breakdown })) output.write(piece);
      output.write('\n');
    } else if (format === 'html') output.write(breakdown === null ? renderHtml(report, { locale, aggregate: total }) : renderDocumentHtml(reportWithBreakdown(report, breakdown, locale, total)));
    else if (format === 'xlsx') output.writeBytes(await renderDocumentXlsx(reportWithBreakdown(report, breakdown, locale, total)));
    else {
      output.write(bom);
      writeLines(output, breakdown === null ? reportLines(report, { format, locale }) : reportWithBreakdownLines(report, breakdown, format, locale));
    }
    output.commit();
    if (invalid) {
      const listed = total.invalidOmitted === 0 ? 'they are listed in the report' : `the first ${total.invalid.length} are listed in the report`;
      io.stderr(`servicemaal: ${problems} problem(s) in invalid rows; ${listed}\n`);
    }
    return invalid ? EXIT.invalidRows : EXIT.ok;
  } finally {
    drill?.abort();
    output.abort();
  }
}
