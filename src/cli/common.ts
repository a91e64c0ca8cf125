/**
 * What the commands that read records share: reading options, plans, warnings about columns and
 * case-type codes, and naming a record by its file and line.
 */
import { readFile } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { useHolidays } from '../calendar/holidays.js';
import type { MissingAttributes } from '../evaluate/model.js';
import type { GroupScoringRule } from '../evaluate/report.js';
import type { PeriodInput } from '../dates/periods.js';
import type { InputKind, InvalidRecord } from '../evaluate/records.js';
import { loadCaseTypeMap, loadCodes, parseFieldMap } from '../io/mapping.js';
import type { RecordSource } from '../io/source.js';
import type { ReadOptions, ReadSummary } from '../io/types.js';
import { visibleText } from '../render/format.js';
import type { ServicePlan } from '../targets/model.js';
import { text, UsageError, type OptionSpec, type ParsedCommand } from './args.js';
import { bundledPlans } from './bundled-plans.js';
import { DATE_HOLIDAYS_ON_DEMAND } from './holidays.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';

/** The options of the file readers, shared by every command that reads records. */
export const READ_OPTIONS = {
  map: { type: 'string' },
  'case-types': { type: 'string' },
  codes: { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  'skip-rows': { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

/** `--duplicates first|last`: which record of a repeated case id counts (default first). */
export const DUPLICATES_OPTION = { duplicates: { type: 'string' } } as const satisfies Record<string, OptionSpec>;

/**
 * The `--duplicates` of a command that reads the case files `files`: `last` reads them twice (once
 * for the ids), so standard input cannot be one of them.
 */
export function parseDuplicates(parsed: ParsedCommand, files: readonly string[]): 'first' | 'last' {
  const value = text(parsed, 'duplicates');
  if (value === undefined || value === 'first') return 'first';
  if (value !== 'last') throw new UsageError(`--duplicates must be first or last, got "${value}"`);
  if (files.includes('-')) {
    throw new UsageError('--duplicates last reads the case files twice (first their ids, then the records), and standard input can be read only once: save it to a file and give that file');
  }
  return 'last';
}

/** The formats of every command that writes a report or a list. */
export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export const LOCALES = ['en', 'da'] as const;

/**
 * The codes of `--codes` that apply to records of one kind: `id` and `channel` to contacts,
 * `centre` to observations; every other name, and `id`, to cases (which check it: a text field or
 * an attribute).
 */
function codesFor(kind: InputKind, codes: ReadonlyMap<string, ReadonlyMap<string, string>>): Map<string, ReadonlyMap<string, string>> {
  const chosen = new Map<string, ReadonlyMap<string, string>>();
  for (const [field, values] of codes) {
    const name = field.trim().toLowerCase();
    const ofContacts = name === 'id' || name === 'channel';
    const ofObservations = name === 'centre';
    const use = kind === 'contacts' ? ofContacts : kind === 'observations' ? ofObservations : name === 'id' || (!ofContacts && !ofObservations);
    if (use) chosen.set(field, values);
  }
  return chosen;
}

/**
 * The reading options of a command for records of one kind. `--encoding` applies to the mapping
 * files too (`--case-types`, `--codes`).
 */
export async function readOptions(parsed: ParsedCommand, kind: InputKind): Promise<ReadOptions> {
  const map = text(parsed, 'map');
  const caseTypes = text(parsed, 'case-types');
  const codesFile = text(parsed, 'codes');
  const delimiter = text(parsed, 'delimiter');
  const encoding = text(parsed, 'encoding');
  const sheet = parseSheet(text(parsed, 'sheet'));
  const skipRows = parseSkipRows(text(parsed, 'skip-rows'));
  const withEncoding = encoding === undefined ? {} : { encoding };
  const codes = codesFile === undefined ? null : codesFor(kind, await loadCodes(codesFile, withEncoding));
  return {
    kind,
    ...withEncoding,
    ...(map === undefined ? {} : { map: parseFieldMap(map) }),
    ...(caseTypes === undefined || kind !== 'cases' ? {} : { caseTypeMap: await loadCaseTypeMap(caseTypes, withEncoding) }),
    ...(codes === null || codes.size === 0 ? {} : { codes }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(sheet === undefined ? {} : { sheet }),
    ...(skipRows === undefined ? {} : { skipRows }),
  };
}

/** `--sheet`: a worksheet's number (from 1) when it is digits alone, else its name. */
function parseSheet(value: string | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError('--sheet takes a sheet name or number (from 1)');
  if (!/^\d+$/.test(value)) return value;
  const number = Number(value);
  if (number < 1) throw new UsageError(`--sheet numbers sheets from 1, got "${value}"`);
  return number;
}

/** `--skip-rows N`: the rows above a workbook's header. */
function parseSkipRows(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--skip-rows must be a whole number, 0 or more, got "${value}"`);
  return Number(value);
}

/**
 * The text of a file the command reads besides the records (a plan, say), in the encoding of
 * `--encoding` (default UTF-8; a UTF-8 byte-order mark is dropped).
 */
export async function readTextFile(path: string, encoding: string | undefined): Promise<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding ?? 'utf-8');
  } catch {
    throw new UsageError(`--encoding "${encoding ?? ''}" is not supported (try utf-8 or windows-1252)`);
  }
  return decoder.decode(await readFile(path));
}

/** A file, or standard input for `-`. */
export function sourceOf(file: string, io: CliIo): RecordSource {
  return file === '-' ? { stream: io.stdin, name: 'stdin' } : { path: file };
}

/**
 * How the rows of a file read are named in problems: the file's name, and for a workbook its sheet
 * too (`export.xlsx [sheet Sager]`), as `readInto` names them.
 */
export function placeName(name: string, summary: ReadSummary): string {
  return summary.sheet === null ? name : `${name} [sheet ${summary.sheet}]`;
}

/** How a file is named in messages: `stdin` for `-`. */
export function nameOf(file: string): string {
  return file === '-' ? 'stdin' : file;
}

/**
 * The plan of `--plan`: a bundled plan by id, or a plan JSON file (validated against the plan
 * schema, which is loaded only then). Registers date-holidays, loaded on first use, as the holiday
 * source, so plans may use any country. The file is read in `encoding` (that of `--encoding`).
 */
export async function loadPlan(reference: string | undefined, encoding?: string): Promise<ServicePlan> {
  useHolidays(DATE_HOLIDAYS_ON_DEMAND);
  if (reference === undefined) throw new UsageError('--plan is required (a plan id such as siri-2023, or a plan JSON file)');
  const plans = await bundledPlans();
  const bundled = plans.find((plan) => plan.id === reference);
  if (bundled !== undefined) return bundled;
  if (!/\.json$/i.test(reference)) throw new UsageError(`unknown plan "${reference}"; known plans: ${plans.map((plan) => plan.id).join(', ')}`);
  const content = await readTextFile(reference, encoding);
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new UsageError(`${reference} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { planFromJson } = await import('./plan-file.js');
  return planFromJson(data);
}

/** A line for the terminal: control characters in it shown as escapes, ending in a newline. */
export function line(message: string): string {
  return `${visibleText(message)}\n`;
}

/** Warnings about a file's columns and encoding: usually a missing --map or --encoding. */
export function warnAboutColumns(name: string, summary: ReadSummary, io: CliIo): void {
  if (summary.ignoredColumns.length > 0) io.stderr(line(`servicemaal: warning: ${name}: columns not used: ${summary.ignoredColumns.join(', ')}`));
  if (summary.missingFields.length > 0) {
    io.stderr(line(`servicemaal: warning: ${name}: no column for ${summary.missingFields.join(', ')} (map columns with --map, e.g. applied=indgivet)`));
  }
  if (summary.format === 'xlsx' && !/\.xls[xm]$/i.test(name)) {
    io.stderr(line(`servicemaal: ${name} is an Excel workbook: read as one (sheet ${summary.sheet ?? '?'})`));
  }
  if (summary.suspectEncoding) io.stderr(line(`servicemaal: warning: ${name}: the text looks mis-decoded; try --encoding windows-1252`));
}

/** Warns about case-type codes that `--case-types` does not map (and that are no known case type), with their counts. */
export function warnAboutUnmapped(unmapped: ReadonlyMap<string, number>, consequence: string, io: CliIo): void {
  if (unmapped.size === 0) return;
  const codes: string[] = [];
  for (const [code, count] of unmapped) codes.push(`${code} (${count})`);
  io.stderr(line(`servicemaal: warning: case-type codes without a mapping, ${consequence}: ${codes.join(', ')}`));
}

/** Adds the unmapped values of a read (`summary.unmappedCodes`) to a running count per field. */
export function addUnmappedCodes(total: Map<string, Map<string, number>>, codes: ReadonlyMap<string, ReadonlyMap<string, number>>): void {
  for (const [field, values] of codes) {
    let counts = total.get(field);
    if (counts === undefined) {
      counts = new Map();
      total.set(field, counts);
    }
    for (const [value, count] of values) counts.set(value, (counts.get(value) ?? 0) + count);
  }
}

/** Warns, one line per field, about values that `--codes` does not map (and that are none of its values), with their counts. */
export function warnAboutUnmappedCodes(unmapped: ReadonlyMap<string, ReadonlyMap<string, number>>, io: CliIo): void {
  for (const [field, values] of unmapped) {
    const listed: string[] = [];
    for (const [value, count] of values) listed.push(`${value} (${count})`);
    const name = field.startsWith('attributes.') ? field.slice('attributes.'.length) : field;
    io.stderr(line(`servicemaal: warning: values of ${name} without a code in --codes, read as they are: ${listed.join(', ')}`));
  }
}

/** The values of `--missing-attributes` and the library's `missingAttributes` each stands for. */
const MISSING_ATTRIBUTES = { 'in-scope': 'inScope', 'out-of-scope': 'outOfScope', invalid: 'invalid' } as const satisfies Record<string, MissingAttributes>;

/** `--missing-attributes in-scope|out-of-scope|invalid`: what a case lacking an attribute a scope tests counts as. */
export function parseMissingAttributes(value: string | undefined): MissingAttributes | undefined {
  if (value === undefined) return undefined;
  const policy = Object.hasOwn(MISSING_ATTRIBUTES, value) ? MISSING_ATTRIBUTES[value as keyof typeof MISSING_ATTRIBUTES] : undefined;
  if (policy === undefined) throw new UsageError(`--missing-attributes must be one of ${Object.keys(MISSING_ATTRIBUTES).join(', ')}, not "${value}"`);
  return policy;
}

/** What the cases lacking an attribute count as, for the warning of {@link warnAboutScopes}. */
const MISSING_CONSEQUENCE: Readonly<Record<MissingAttributes, string>> = {
  inScope: 'every case is taken as inside those scopes',
  outOfScope: 'the cases of the targets it scopes are counted as outside those scopes',
  invalid: 'the cases of the targets it scopes are invalid (missing_attribute)',
};

/**
 * Warns, one line per attribute, when the plan's targets have scopes on an attribute that no column
 * of the case files feeds (each file's name and read summary), saying what the cases
 * then count as: a figure restricted to, say, first-time applications is otherwise computed over
 * every case without a word.
 */
export function warnAboutScopes(plan: ServicePlan, summaries: readonly { name: string; summary: Pick<ReadSummary, 'records' | 'fields'> }[], missing: MissingAttributes | undefined, io: CliIo): void {
  // A file without records (a header alone) has no case to count either way.
  const reads = summaries.filter(({ summary }) => summary.records > 0).map(({ name, summary }) => ({ name, fields: summary.fields }));
  if (reads.length === 0) return;
  const attributes = new Set<string>();
  for (const target of plan.targets) for (const condition of target.where) attributes.add(condition.attribute);
  for (const attribute of attributes) {
    const lacking = reads.filter((read) => !Object.hasOwn(read.fields, `attributes.${attribute}`)).map((read) => read.name);
    if (lacking.length === 0) continue;
    const where = lacking.length === reads.length ? 'no column feeds it' : `no column of ${lacking.join(', ')} feeds it`;
    const consequence = MISSING_CONSEQUENCE[missing ?? 'inScope'];
    const hint = missing === undefined ? ' (--missing-attributes to choose otherwise)' : '';
    io.stderr(line(`servicemaal: warning: the plan's scopes test ${attribute}, but ${where}: ${consequence}${hint}`));
  }
}

/** `--max-problems`: the most problems listed; 0 lists all. */
export function parseMaxProblems(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-problems must be a whole number, 0 or more (0 lists every problem), got "${value}"`);
  return Number(value);
}

/** A problem as a line of the terminal: its message and code. */
export function problemLine(problem: InvalidRecord): string {
  return `${problem.message} [${problem.code}]`;
}

/** Writes lines to an output, each followed by a newline. */
export function writeLines(output: Output, lines: Iterable<string>): void {
  for (const text of lines) output.write(`${text}\n`);
}

/** `--period`: a period name, or `from..to`. */
export function periodOption(value: string | undefined): PeriodInput | undefined {
  if (value === undefined) return undefined;
  const range = /^(.+)\.\.(.+)$/.exec(value);
  return range === null ? value : { from: range[1] as string, to: range[2] as string };
}

/** `--group-scoring 1.1=share-of-tiers,1.2=mean-score`; group ids are plan data, so kept in a null-prototype object. */
export function parseGroupScoring(value: string | undefined): Record<string, GroupScoringRule> {
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
