import { readFile, writeFile } from 'node:fs/promises';
import { ServicemaalError } from '../errors.js';
import { useHolidays } from '../calendar/holidays.js';
import { DATE_HOLIDAYS_ON_DEMAND } from '../calendar/holidays-lazy.js';
import { catalogue, getPlan } from '../catalog/index.js';
import { parsePeriod, type PeriodInput } from '../dates/periods.js';
import { formatDayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import { aggregateInputs, caseAccumulator, mergeAggregates, resolvePeriodInput, type PlanAggregate } from '../evaluate/aggregate.js';
import { readCaseRecord, type InputKind, type InvalidRecord } from '../evaluate/records.js';
import { readContactRecord } from '../evaluate/contacts.js';
import { readObservationRecord } from '../evaluate/observations.js';
import { reportFromAggregate, type GroupScoringRule } from '../evaluate/report.js';
import { loadCaseTypeMap, parseFieldMap, readRecords, type ReadOptions, type ReadSummary, type RecordSource } from '../io/index.js';
import { scanCases } from '../io/scan.js';
import { renderHtml, renderPending, renderPlan, renderReport } from '../render/index.js';
import { pendingAt } from '../reporting/pending.js';
import { definePlan } from '../targets/define.js';
import type { ServicePlan } from '../targets/model.js';
import { VERSION } from '../version.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import { HELP } from './help.js';
import { defaultThreads, parallelRead } from './parallel.js';
import { startProgress, withProgress } from './progress.js';

/** Where the command line reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard error is a terminal: large files then get a progress line there. */
  isTTY?: boolean;
}

/** Exit codes of the command line. */
export const EXIT = { ok: 0, usage: 1, invalidRows: 2 } as const;

/** Records per batch: each batch is aggregated and merged, so memory stays bounded. */
const BATCH = 10_000;

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
/** The formats of `evaluate`: those of every command, and a self-contained HTML report with charts. */
const EVALUATE_FORMATS = [...FORMATS, 'html'] as const;
const LOCALES = ['en', 'da'] as const;
const KINDS = ['cases', 'contacts', 'observations'] as const;

/**
 * Runs the `servicemaal` command line with the given arguments and returns the exit code: 0 done,
 * 1 usage error, 2 invalid rows present. Bad input never ends in a stack trace. Registers
 * date-holidays (loaded on first use) as the holiday source, so plans may use any country.
 *
 * @example
 * ```ts
 * const code = await main(['plans'], { stdin: process.stdin, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 * ```
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // Plans may name any country date-holidays knows; it is loaded only when such a calendar is made.
  useHolidays(DATE_HOLIDAYS_ON_DEMAND);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(`${HELP.main}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      const help = (HELP as Record<string, string>)[command];
      if (help === undefined) throw new UsageError(`unknown command "${command}"`);
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case 'evaluate':
        return await evaluateCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'pending':
        return await pendingCommand(rest, io);
      case 'plans':
        return plansCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (commands: evaluate, validate, pending, plans)`);
    }
  } catch (error) {
    return reportError(error, command, io);
  }
}

function reportError(error: unknown, command: string | undefined, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`servicemaal: ${error.message}\nSee 'servicemaal ${command !== undefined && command in HELP ? `${command} ` : ''}--help'.\n`);
  } else if (error instanceof ServicemaalError) {
    io.stderr(`servicemaal: ${error.message}\n`);
  } else if (isFileError(error)) {
    io.stderr(`servicemaal: cannot read ${error.path ?? 'a file'}: ${error.code === 'ENOENT' ? 'no such file' : error.code}\n`);
  } else {
    io.stderr(`servicemaal: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return EXIT.usage;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '');
}

const READ_OPTIONS = {
  map: { type: 'string' },
  'case-types': { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
} as const;

async function readOptions(values: Record<string, string | boolean | undefined>, kind: InputKind): Promise<ReadOptions> {
  const map = text(values, 'map');
  const caseTypes = text(values, 'case-types');
  const delimiter = text(values, 'delimiter');
  const encoding = text(values, 'encoding');
  return {
    kind,
    ...(encoding === undefined ? {} : { encoding }),
    ...(map === undefined ? {} : { map: parseFieldMap(map) }),
    ...(caseTypes === undefined || kind !== 'cases' ? {} : { caseTypeMap: await loadCaseTypeMap(caseTypes) }),
    ...(delimiter === undefined ? {} : { delimiter }),
  };
}

function sourceOf(file: string, io: CliIo): RecordSource {
  return file === '-' ? { stream: io.stdin } : { path: file };
}

async function loadPlan(reference: string | undefined): Promise<ServicePlan> {
  if (reference === undefined) throw new UsageError('--plan is required (a plan id such as siri-2023, or a plan JSON file)');
  if (catalogue.some((plan) => plan.id === reference) || !/\.json$/i.test(reference)) return getPlan(reference);
  const content = await readFile(reference, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new UsageError(`${reference} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return definePlan(data as Parameters<typeof definePlan>[0]);
}

function periodOption(value: string | undefined): PeriodInput | undefined {
  if (value === undefined) return undefined;
  const range = /^(.+)\.\.(.+)$/.exec(value);
  return range === null ? value : { from: range[1] as string, to: range[2] as string };
}

function parseGroupScoring(value: string | undefined): Record<string, GroupScoringRule> {
  if (value === undefined) return {};
  const rules: Record<string, GroupScoringRule> = {};
  for (const pair of value.split(',')) {
    const [group, rule] = pair.split('=').map((part) => part.trim());
    if (group === undefined || group === '' || (rule !== 'all-met' && rule !== 'share-of-tiers' && rule !== 'mean-score')) {
      throw new UsageError(`--group-scoring takes group=rule pairs with rule all-met, share-of-tiers or mean-score, not "${pair}"`);
    }
    rules[group] = rule;
  }
  return rules;
}

async function output(content: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined) io.stdout(content);
  else await writeFile(out, content);
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
  const name = file === '-' ? 'stdin' : file;
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
  const name = file === '-' ? 'stdin' : file;
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

/** `--threads`: 1 reads every file in one pass; 2 reads the end of a large CSV file of cases on a second thread. */
function parseThreads(value: string | undefined): number {
  if (value === undefined) return defaultThreads();
  if (value !== '1' && value !== '2') throw new UsageError(`--threads must be 1 or 2, got "${value}"`);
  return Number(value);
}

/** Warnings about a file's columns and encoding: usually a missing --map or --encoding. */
function warnAboutColumns(name: string, summary: ReadSummary, io: CliIo): void {
  if (summary.ignoredColumns.length > 0) io.stderr(`servicemaal: warning: ${name}: columns not used: ${summary.ignoredColumns.join(', ')}\n`);
  if (summary.missingFields.length > 0) {
    io.stderr(`servicemaal: warning: ${name}: no column for ${summary.missingFields.join(', ')} (map columns with --map, e.g. applied=indgivet)\n`);
  }
  if (summary.suspectEncoding) io.stderr(`servicemaal: warning: ${name}: the text looks mis-decoded; try --encoding windows-1252\n`);
}

/** Names the file and line of an invalid record in place of its position. */
function locate(entry: InvalidRecord, file: string, line: number): InvalidRecord {
  return { ...entry, message: entry.message.replace(/^(record|contact|observation) \d+/, `${file}:${line}`) };
}

/** Counts a row that could not become a record as an invalid record of its input. */
function withRowProblem(total: PlanAggregate, kind: InputKind, problem: InvalidRecord): PlanAggregate {
  const counts = kind === 'cases' ? { ...total.counts } : kind === 'contacts' ? { ...total.contacts.counts } : { ...total.observations.counts };
  counts.input++;
  counts.invalid++;
  const next = { ...total, invalid: [...total.invalid, problem] };
  if (kind === 'cases') return { ...next, counts: counts as PlanAggregate['counts'] };
  if (kind === 'contacts') return { ...next, contacts: { ...total.contacts, counts: counts as PlanAggregate['contacts']['counts'] } };
  return { ...next, observations: { ...total.observations, counts: counts as PlanAggregate['observations']['counts'] } };
}

async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    plan: { type: 'string' },
    period: { type: 'string' },
    'as-of': { type: 'string' },
    contacts: { type: 'string', multiple: false },
    observations: { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    strict: { type: 'boolean' },
    'group-scoring': { type: 'string' },
    threads: { type: 'string' },
    ...READ_OPTIONS,
  });
  const plan = await loadPlan(text(values, 'plan'));
  const format = oneOf(text(values, 'format'), EVALUATE_FORMATS, 'format', 'table');
  const locale = oneOf(text(values, 'locale'), LOCALES, 'locale', 'en');
  const groupScoring = parseGroupScoring(text(values, 'group-scoring'));
  const threads = parseThreads(text(values, 'threads'));
  const contacts = text(values, 'contacts');
  const observations = text(values, 'observations');
  if (positionals.length === 0 && contacts === undefined && observations === undefined) {
    throw new UsageError('give at least one input file (or - for standard input)');
  }
  let period = resolvePeriodInput(plan, periodOption(text(values, 'period')));
  const asOf = text(values, 'as-of');
  if (asOf !== undefined) {
    const whole = parsePeriod(period, ['period']);
    const day = toDayNumber(asOf, ['asOf']);
    if (day < whole.from || day > whole.to) throw new UsageError(`--as-of ${asOf} is outside the period ${formatDayNumber(whole.from)}..${formatDayNumber(whole.to)}`);
    period = { from: formatDayNumber(whole.from), to: formatDayNumber(day) };
  }
  parsePeriod(period, ['period']);

  const unmapped = new Map<string, number>();
  const addUnmapped = (codes: ReadonlyMap<string, number>): void => {
    for (const [code, count] of codes) unmapped.set(code, (unmapped.get(code) ?? 0) + count);
  };
  const cases = caseAccumulator(plan, { period });
  for (const file of positionals) {
    const summary = await scanCaseFile(file, await readOptions(values, 'cases'), cases, threads, io);
    addUnmapped(summary.unmappedCaseTypes);
  }
  cases.accumulator.finish();
  let total = cases.aggregate;
  const inputs: [InputKind, string[]][] = [
    ['contacts', contacts === undefined ? [] : [contacts]],
    ['observations', observations === undefined ? [] : [observations]],
  ];
  for (const [kind, files] of inputs) {
    let offset = 0;
    for (const file of files) {
      const read = await readOptions(values, kind);
      const result = await aggregateFile(plan, file, kind, { period, read }, { total, offset }, io);
      total = result.total;
      offset = result.offset;
      addUnmapped(result.unmapped);
    }
  }
  warnAboutUnmapped(unmapped, 'counted as without target', io);
  const invalid = total.invalid.length > 0;
  if (invalid && values['strict'] === true) {
    for (const entry of total.invalid) io.stderr(`${entry.message} [${entry.code}]\n`);
    io.stderr(`servicemaal: ${total.invalid.length} problem(s) in the input; nothing evaluated (--strict)\n`);
    return EXIT.invalidRows;
  }
  const report = reportFromAggregate(plan, total, { groupScoring });
  const content =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'html'
        ? renderHtml(report, { locale, aggregate: total })
        : renderReport(report, { format, locale });
  await output(content, text(values, 'out'), io);
  if (invalid) io.stderr(`servicemaal: ${total.invalid.length} problem(s) in invalid rows; they are listed in the report\n`);
  return invalid ? EXIT.invalidRows : EXIT.ok;
}

async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { kind: { type: 'string' }, ...READ_OPTIONS });
  const kind = oneOf(text(values, 'kind'), KINDS, 'kind', 'cases');
  if (positionals.length !== 1) throw new UsageError('give exactly one file to validate (or - for standard input)');
  const file = positionals[0] as string;
  const name = file === '-' ? 'stdin' : file;
  const reader = readRecords(sourceOf(file, io), await readOptions(values, kind));
  let invalidRows = 0;
  let position = 0;
  for await (const row of reader) {
    if (row.problem !== undefined) {
      invalidRows++;
      io.stdout(`${name}:${row.line}: ${row.problem.column === '' ? '' : `column "${row.problem.column}" `}${row.problem.message} [${row.problem.code}]\n`);
      continue;
    }
    const read =
      kind === 'cases' ? readCaseRecord(row.record, position, new Set()) : kind === 'contacts' ? readContactRecord(row.record, position) : readObservationRecord(row.record, position);
    position++;
    if (!Array.isArray(read)) continue;
    invalidRows++;
    for (const problem of read) {
      const value = problem.field === '' ? undefined : valueAt(row.record, problem.field);
      const shown = value === undefined ? '' : ` (value ${JSON.stringify(value)})`;
      io.stdout(`${locate(problem, name, row.line).message}${shown} [${problem.code}]\n`);
    }
  }
  warnAboutColumns(name, reader.summary, io);
  warnAboutUnmapped(reader.summary.unmappedCaseTypes, 'evaluate counts them as without target', io);
  const { rows, emptyLines } = reader.summary;
  io.stdout(`${name}: ${rows} row(s): ${rows - emptyLines - invalidRows} valid, ${invalidRows} invalid, ${emptyLines} empty line(s)\n`);
  return invalidRows > 0 ? EXIT.invalidRows : EXIT.ok;
}

/** Warns about case-type codes that `--case-types` does not map (and that are no known case type), with their counts. */
function warnAboutUnmapped(unmapped: ReadonlyMap<string, number>, consequence: string, io: CliIo): void {
  if (unmapped.size === 0) return;
  const list = [...unmapped].map(([code, count]) => `${code} (${count})`).join(', ');
  io.stderr(`servicemaal: warning: case-type codes without a mapping, ${consequence}: ${list}\n`);
}

function valueAt(record: Record<string, unknown>, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), record);
}

async function pendingCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    plan: { type: 'string' },
    'as-of': { type: 'string' },
    'within-days': { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    ...READ_OPTIONS,
  });
  const plan = await loadPlan(text(values, 'plan'));
  const asOf = text(values, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of is required');
  const format = oneOf(text(values, 'format'), FORMATS, 'format', 'table');
  const locale = oneOf(text(values, 'locale'), LOCALES, 'locale', 'en');
  const withinText = text(values, 'within-days');
  const withinDays = withinText === undefined ? undefined : Number(withinText);
  if (withinDays !== undefined && !Number.isInteger(withinDays)) throw new UsageError(`--within-days must be a whole number, not "${withinText}"`);
  if (positionals.length === 0) throw new UsageError('give at least one case file (or - for standard input)');
  const records: unknown[] = [];
  const problems: string[] = [];
  for (const file of positionals) {
    const name = file === '-' ? 'stdin' : file;
    for await (const row of readRecords(sourceOf(file, io), await readOptions(values, 'cases'))) {
      if (row.problem !== undefined) problems.push(`${name}:${row.line}: ${row.problem.message} [${row.problem.code}]`);
      else records.push(row.record);
    }
  }
  const pending = pendingAt(plan, records, { asOf, ...(withinDays === undefined ? {} : { withinDays }) });
  const content = format === 'json' ? `${JSON.stringify(pending, null, 2)}\n` : renderPending(pending, { format, locale });
  await output(content, text(values, 'out'), io);
  for (const problem of problems) io.stderr(`${problem}\n`);
  const invalid = problems.length + pending.counts.invalid;
  if (invalid > 0) io.stderr(`servicemaal: ${invalid} invalid row(s) left out\n`);
  return invalid > 0 ? EXIT.invalidRows : EXIT.ok;
}

function plansCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommand(args, { format: { type: 'string' } });
  const format = oneOf(text(values, 'format'), FORMATS, 'format', 'table');
  if (positionals.length === 0) {
    if (format === 'json') {
      io.stdout(`${JSON.stringify(catalogue.map(({ id, title, authority, year }) => ({ id, title, authority, year })), null, 2)}\n`);
      return EXIT.ok;
    }
    const width = catalogue.reduce((max, plan) => Math.max(max, plan.id.length), 0);
    for (const plan of catalogue) io.stdout(`${plan.id.padEnd(width)}  ${plan.year ?? '    '}  ${plan.title}\n`);
    return EXIT.ok;
  }
  if (positionals[0] !== 'show' || positionals.length !== 2) throw new UsageError("use 'servicemaal plans' or 'servicemaal plans show <id>'");
  const plan = getPlan(positionals[1] as string);
  io.stdout(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan, { format }));
  return EXIT.ok;
}
