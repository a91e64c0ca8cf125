/** `servicemaal evaluate`: a plan evaluated on files of cases, contacts and observations. */
import { formatDayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { aggregateInputs, caseAccumulator, mergeAggregates, resolvePeriodInput, type PlanAggregate } from '../evaluate/aggregate.js';
import type { InputKind, InvalidRecord } from '../evaluate/records.js';
import { reportFromAggregate, type GroupScoringRule } from '../evaluate/report.js';
import { readRecords, type ReadOptions, type ReadSummary } from '../io/index.js';
import { scanCases } from '../io/scan.js';
import { renderHtml } from '../render/html.js';
import { reportLines } from '../render/report.js';
import type { ServicePlan } from '../targets/model.js';
import { flag, list, oneOf, parseCommand, text, UsageError, type ParsedCommand } from './args.js';
import { FORMATS, line, LOCALES, loadPlan, locate, nameOf, READ_OPTIONS, readOptions, sourceOf, warnAboutColumns, warnAboutUnmapped, writeLines } from './common.js';
import { EXIT, type CliIo } from './main.js';
import { jsonPieces, openOutput } from './output.js';
import { defaultThreads, parallelRead } from './parallel.js';
import { startProgress, withProgress } from './progress.js';

/** Records per batch: each batch is aggregated and merged, so memory stays bounded. */
const BATCH = 10_000;

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

/** Reads one file of one input kind, aggregating it batch by batch into `total`. */
async function aggregateFile(
  plan: ServicePlan,
  file: string,
  kind: InputKind,
  options: { period: PeriodInput; read: ReadOptions },
  start: { total: PlanAggregate; offset: number },
  io: CliIo,
): Promise<{ total: PlanAggregate; offset: number; unmapped: ReadonlyMap<string, number> }> {
  let { total, offset } = start;
  const reader = readRecords(sourceOf(file, io), options.read);
  const name = nameOf(file);
  let batch: unknown[] = [];
  let lines: number[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const part = aggregateInputs(plan, { [kind]: batch }, { period: options.period, indexOffset: { [kind]: offset } });
    const batchStart = offset;
    const batchLines = lines;
    part.invalid = part.invalid.map((entry) => locate(entry, name, batchLines[entry.index - batchStart] ?? 0));
    total = mergeAggregates(total, part);
    offset += batch.length;
    batch = [];
    lines = [];
  };
  for await (const row of withProgress(reader, file, io)) {
    if (row.problem !== undefined) {
      flush();
      total = withRowProblem(total, kind, {
        input: kind,
        index: offset,
        id: null,
        field: row.problem.column,
        code: row.problem.code,
        message: `${name}:${row.line}: ${row.problem.column === '' ? '' : `column "${row.problem.column}" `}${row.problem.message}`,
      });
      offset++;
      continue;
    }
    batch.push(row.record);
    lines.push(row.line);
    if (batch.length >= BATCH) flush();
  }
  flush();
  warnAboutColumns(name, reader.summary, io);
  return { total, offset, unmapped: new Map(reader.summary.unmappedCaseTypes) };
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
  try {
    const summary = await scanCases(sourceOf(file, io), { ...read, ...parallel, onProgress: (rows) => { progress.update(rows); } }, {
      slot: (caseType) => accumulator.slot(caseType),
      needsId: (slot) => slot.eventClock,
      days: (slot, applied, decided, id) => { accumulator.addDays(slot, applied, decided, id); },
      row: (row) => {
        if (row.problem !== undefined) {
          accumulator.addProblem({
            input: 'cases',
            id: null,
            field: row.problem.column,
            code: row.problem.code,
            message: `${name}:${row.line}: ${row.problem.column === '' ? '' : `column "${row.problem.column}" `}${row.problem.message}`,
          });
          return;
        }
        const before = aggregate.invalid.length;
        accumulator.add(row.record);
        for (let i = before; i < aggregate.invalid.length; i++) aggregate.invalid[i] = locate(aggregate.invalid[i] as InvalidRecord, name, row.line);
      },
    });
    warnAboutColumns(name, summary, io);
    return summary;
  } finally {
    progress.done();
  }
}

/** Counts a row that could not become a record as an invalid record of its input. */
function withRowProblem(total: PlanAggregate, kind: InputKind, problem: InvalidRecord): PlanAggregate {
  const counts = kind === 'cases' ? { ...total.counts } : kind === 'contacts' ? { ...total.contacts.counts } : { ...total.observations.counts };
  counts.input++;
  counts.invalid++;
  total.invalid.push(problem);
  if (kind === 'cases') return { ...total, counts: counts as PlanAggregate['counts'] };
  if (kind === 'contacts') return { ...total, contacts: { ...total.contacts, counts: counts as PlanAggregate['contacts']['counts'] } };
  return { ...total, observations: { ...total.observations, counts: counts as PlanAggregate['observations']['counts'] } };
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
    const cases = caseAccumulator(plan, { period });
    for (const file of positionals) {
      const summary = await scanCaseFile(file, await readOptions(parsed, 'cases'), cases, threads, io);
      addUnmapped(summary.unmappedCaseTypes);
    }
    cases.accumulator.finish();
    let total = cases.aggregate;
    // Several files of contacts or observations are read in order, as one input: positions go on.
    const inputs: [InputKind, readonly string[]][] = [
      ['contacts', contacts],
      ['observations', observations],
    ];
    for (const [kind, files] of inputs) {
      let offset = 0;
      for (const file of files) {
        const read = await readOptions(parsed, kind);
        const result = await aggregateFile(plan, file, kind, { period, read }, { total, offset }, io);
        total = result.total;
        offset = result.offset;
        addUnmapped(result.unmapped);
      }
    }
    warnAboutUnmapped(unmapped, 'counted as without target', io);
    const invalid = total.invalid.length > 0;
    if (invalid && flag(parsed, 'strict')) {
      for (const entry of total.invalid) io.stderr(line(`${entry.message} [${entry.code}]`));
      io.stderr(`servicemaal: ${total.invalid.length} problem(s) in the input; nothing evaluated (--strict)\n`);
      return EXIT.invalidRows;
    }
    const report = reportFromAggregate(plan, total, { groupScoring });
    if (format === 'json') {
      for (const piece of jsonPieces(report)) output.write(piece);
      output.write('\n');
    } else if (format === 'html') output.write(renderHtml(report, { locale, aggregate: total }));
    else writeLines(output, reportLines(report, { format, locale }));
    output.commit();
    if (invalid) io.stderr(`servicemaal: ${total.invalid.length} problem(s) in invalid rows; they are listed in the report\n`);
    return invalid ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}
