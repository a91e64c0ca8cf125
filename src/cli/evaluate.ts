/** `servicemaal evaluate`: a plan evaluated on files of cases, contacts and observations. */
import { formatDayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { caseAccumulator, resolvePeriodInput, type DatedAccumulator, type PlanAggregate } from '../evaluate/aggregate.js';
import type { InvalidRecord } from '../evaluate/records.js';
import { reportFromAggregate, type GroupScoringRule } from '../evaluate/report.js';
import { readRecords, type ReadOptions, type ReadSummary } from '../io/index.js';
import { scanCases } from '../io/scan.js';
import { renderHtml } from '../render/html.js';
import { notListed, reportLines } from '../render/report.js';
import type { ServicePlan } from '../targets/model.js';
import { flag, list, oneOf, parseCommand, text, UsageError, type ParsedCommand } from './args.js';
import { FORMATS, line, LOCALES, loadPlan, locate, nameOf, parseMaxProblems, problemLine, READ_OPTIONS, readOptions, rowProblem, sourceOf, warnAboutColumns, warnAboutUnmapped, writeLines } from './common.js';
import { EXIT, type CliIo } from './main.js';
import { jsonPieces, openOutput } from './output.js';
import { defaultThreads, parallelRead } from './parallel.js';
import { startProgress, withProgress } from './progress.js';

/** The formats of `evaluate`: those of every command, and a self-contained HTML report with charts. */
const EVALUATE_FORMATS = [...FORMATS, 'html'] as const;

function periodOption(value: string | undefined): PeriodInput | undefined {
  if (value === undefined) return undefined;
  const range = /^(.+)\.\.(.+)$/.exec(value);
  return range === null ? value : { from: range[1] as string, to: range[2] as string };
}

/** `--group-scoring 1.1=share-of-tiers,1.2=mean-score`; group ids are plan data, so kept in a null-prototype object. */
function parseGroupScoring(value: string | undefined): Record<string, GroupScoringRule> {
  const rules = Object.create(null) as Record<string, GroupScoringRule>;
  if (value === undefined) return rules;
  for (const pair of value.split(',')) {
    const [group, rule] = pair.split('=').map((part) => part.trim());
    if (group === undefined || group === '' || (rule !== 'all-met' && rule !== 'share-of-tiers' && rule !== 'mean-score')) {
      throw new UsageError(`--group-scoring takes group=rule pairs with rule all-met, share-of-tiers or mean-score, not "${pair}"`);
    }
    rules[group] = rule;
  }
  return rules;
}

/** `--threads`: 1 reads every file in one pass; 2 reads the end of a large CSV file of cases on a second thread. */
function parseThreads(value: string | undefined): number {
  if (value === undefined) return defaultThreads();
  if (value !== '1' && value !== '2') throw new UsageError(`--threads must be 1 or 2, got "${value}"`);
  return Number(value);
}

/**
 * Reads one file of contacts or observations into its accumulator, record by record; invalid
 * records and rows are named by file and line.
 */
async function readDatedFile(file: string, read: ReadOptions, accumulator: DatedAccumulator, aggregate: PlanAggregate, io: CliIo): Promise<ReadonlyMap<string, number>> {
  const reader = readRecords(sourceOf(file, io), read);
  const name = nameOf(file);
  for await (const row of withProgress(reader, file, io)) {
    const before = aggregate.invalid.length;
    if (row.problem === undefined) accumulator.add(row.record);
    else accumulator.addProblem(rowProblem(row, read.kind ?? 'cases', accumulator.index, name));
    for (let i = before; i < aggregate.invalid.length; i++) aggregate.invalid[i] = locate(aggregate.invalid[i] as InvalidRecord, name, row.line, reader.summary.fields);
  }
  warnAboutColumns(name, reader.summary, io);
  return new Map(reader.summary.unmappedCaseTypes);
}

/**
 * Reads a file of case records into a case accumulator: rows of the common shape straight from
 * the bytes, the others record by record; invalid records and rows are named by file and line.
 */
async function scanCaseFile(file: string, read: ReadOptions, cases: ReturnType<typeof caseAccumulator>, threads: number, io: CliIo): Promise<ReadSummary> {
  const { accumulator, aggregate } = cases;
  const name = nameOf(file);
  const progress = await startProgress(file, io);
  const parallel = threads > 1 ? { parallel: parallelRead(accumulator.idCaseTypes()) } : {};
  const first = aggregate.invalid.length;
  try {
    const summary = await scanCases(sourceOf(file, io), { ...read, ...parallel, onProgress: (rows) => { progress.update(rows); } }, {
      slot: (caseType) => accumulator.slot(caseType),
      needsId: (slot) => slot.eventClock,
      days: (slot, applied, decided, id) => { accumulator.addDays(slot, applied, decided, id); },
      row: (row) => {
        if (row.problem !== undefined) {
          accumulator.addProblem(rowProblem(row, 'cases', accumulator.index, name));
          return;
        }
        const before = aggregate.invalid.length;
        accumulator.add(row.record);
        for (let i = before; i < aggregate.invalid.length; i++) aggregate.invalid[i] = locate(aggregate.invalid[i] as InvalidRecord, name, row.line);
      },
    });
    // The source columns are known once the read is done: each problem of the file is placed with its column.
    for (let i = first; i < aggregate.invalid.length; i++) {
      const problem = aggregate.invalid[i] as InvalidRecord;
      if (problem.file === name && problem.line !== null) aggregate.invalid[i] = locate(problem, name, problem.line, summary.fields);
    }
    warnAboutColumns(name, summary, io);
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
    threads: { type: 'string' },
    'max-problems': { type: 'string' },
    ...READ_OPTIONS,
  });
  const plan = await loadPlan(text(parsed, 'plan'));
  const format = oneOf(text(parsed, 'format'), EVALUATE_FORMATS, 'format', 'table');
  const locale = oneOf(text(parsed, 'locale'), LOCALES, 'locale', 'en');
  const groupScoring = parseGroupScoring(text(parsed, 'group-scoring'));
  const threads = parseThreads(text(parsed, 'threads'));
  const contacts = list(parsed, 'contacts');
  const observations = list(parsed, 'observations');
  const { positionals } = parsed;
  if (positionals.length === 0 && contacts.length === 0 && observations.length === 0) {
    throw new UsageError('give at least one input file (or - for standard input)');
  }
  const period = periodOf(plan, parsed);

  const output = openOutput(text(parsed, 'out'), io.stdout);
  try {
    const unmapped = new Map<string, number>();
    const addUnmapped = (codes: ReadonlyMap<string, number>): void => {
      for (const [code, count] of codes) unmapped.set(code, (unmapped.get(code) ?? 0) + count);
    };
    const maxProblems = parseMaxProblems(text(parsed, 'max-problems'));
    const cases = caseAccumulator(plan, { period, ...(maxProblems === undefined ? {} : { maxProblems }) });
    for (const file of positionals) {
      const summary = await scanCaseFile(file, await readOptions(parsed, 'cases'), cases, threads, io);
      addUnmapped(summary.unmappedCaseTypes);
    }
    cases.accumulator.finish();
    const total = cases.aggregate;
    // Several files of contacts or observations are read in order, as one input: positions go on.
    for (const [kind, files] of [['contacts', contacts], ['observations', observations]] as const) {
      for (const file of files) addUnmapped(await readDatedFile(file, await readOptions(parsed, kind), cases[kind], total, io));
    }
    warnAboutUnmapped(unmapped, 'counted as without target', io);
    const problems = total.invalid.length + total.invalidOmitted;
    const invalid = problems > 0;
    if (invalid && flag(parsed, 'strict')) {
      for (const entry of total.invalid) io.stderr(line(problemLine(entry)));
      if (total.invalidOmitted > 0) io.stderr(`${notListed(total.invalidOmitted)} (--max-problems 0 lists all)\n`);
      io.stderr(`servicemaal: ${problems} problem(s) in the input; nothing evaluated (--strict)\n`);
      return EXIT.invalidRows;
    }
    const report = reportFromAggregate(plan, total, { groupScoring });
    if (format === 'json') {
      for (const piece of jsonPieces(report)) output.write(piece);
      output.write('\n');
    } else if (format === 'html') output.write(renderHtml(report, { locale, aggregate: total }));
    else writeLines(output, reportLines(report, { format, locale }));
    output.commit();
    if (invalid) {
      const listed = total.invalidOmitted === 0 ? 'they are listed in the report' : `the first ${total.invalid.length} are listed in the report`;
      io.stderr(`servicemaal: ${problems} problem(s) in invalid rows; ${listed}\n`);
    }
    return invalid ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}
