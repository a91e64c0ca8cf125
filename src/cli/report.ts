/**
 * `servicemaal report`: the quarterly report to the ministry as of a day, from files of cases,
 * contacts and observations, in English or Danish, as text, Markdown, CSV or JSON.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { quarterlyDocument, type QuarterlyProvenance } from '../document/quarterly-document.js';
import { renderDocumentCsv } from '../document/render-csv.js';
import { renderDocumentHtml } from '../document/render-html.js';
import { renderDocumentXlsx } from '../document/render-xlsx.js';
import { documentTextLines } from '../document/render-text.js';
import { placeProblem, type InputKind, type InvalidRecord, type ProblemPlace } from '../evaluate/records.js';
import { readAllRecords } from '../io/read.js';
import type { InflowOption } from '../reporting/inflow.js';
import { quarterlyReport } from '../reporting/quarterly.js';
import { VERSION } from '../version.js';
import { flag, list, oneOf, parseCommand, text, UsageError } from './args.js';
import {
  addUnmappedCodes,
  DUPLICATES_OPTION,
  line,
  LOCALES,
  loadPlan,
  nameOf,
  parseDuplicates,
  parseGroupScoring,
  parseMaxProblems,
  parseMissingAttributes,
  periodOption,
  READ_OPTIONS,
  readOptions,
  warnAboutColumns,
  warnAboutScopes,
  warnAboutUnmapped,
  warnAboutUnmappedCodes,
} from './common.js';
import { EXIT, type CliIo } from './io.js';
import { BOM_OPTIONS, byteOrderMark, jsonPieces, openOutput } from './output.js';
import { loadResults } from './results.js';

/** The formats of `report`. */
const REPORT_FORMATS = ['table', 'markdown', 'csv', 'json', 'html', 'xlsx'] as const;

/**
 * `--inflow`: `none`, a whole number for every case target, or `target=N` pairs (the targets not
 * named are estimated from the data). Target ids are plan data: a null-prototype object.
 */
export function parseInflow(value: string | undefined): InflowOption | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return 'none';
  if (/^\d+$/.test(value)) return Number(value);
  const byTarget = Object.create(null) as Record<string, number>;
  for (const pair of value.split(',')) {
    const match = /^\s*([^=]+?)\s*=\s*(\d+)\s*$/.exec(pair);
    if (match === null) throw new UsageError(`--inflow takes none, a whole number, or target=number pairs such as fast-track=120,eu=900, not "${pair}"`);
    byTarget[match[1] as string] = Number(match[2]);
  }
  return byTarget;
}

/** `--at-risk-days`: a whole number of days, 0 or more. */
function parseAtRiskDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--at-risk-days must be a whole number of days, 0 or more, got "${value}"`);
  return Number(value);
}

/** Standard input passed on as it is read, its SHA-256 taken on the way. */
function hashing(stream: AsyncIterable<string | Uint8Array>, hash: ReturnType<typeof createHash>): AsyncIterable<string | Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) {
        hash.update(chunk);
        yield chunk;
      }
    },
  };
}

/** The records of every file of one input, in order, with the place of each and the files' provenance. */
interface ReadInput {
  records: unknown[];
  places: ProblemPlace[];
}

/** Runs `servicemaal report`. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
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
    inflow: { type: 'string' },
    'at-risk-days': { type: 'string' },
    'group-scoring': { type: 'string' },
    results: { type: 'string' },
    'observation-gaps': { type: 'string' },
    'max-problems': { type: 'string' },
    'missing-attributes': { type: 'string' },
    timestamp: { type: 'boolean' },
    ...DUPLICATES_OPTION,
    ...READ_OPTIONS,
    ...BOM_OPTIONS,
  });
  const plan = await loadPlan(text(parsed, 'plan'), text(parsed, 'encoding'));
  const asOf = text(parsed, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of is required: the day the report is made (e.g. 2023-09-30)');
  const format = oneOf(text(parsed, 'format'), REPORT_FORMATS, 'format', 'table');
  const locale = oneOf(text(parsed, 'locale'), LOCALES, 'locale', 'en');
  const bom = byteOrderMark(parsed, format, locale);
  if (flag(parsed, 'timestamp') && format !== 'html') throw new UsageError('--timestamp adds the time the report was made to an HTML report: give it with --format html');
  if (format === 'xlsx' && text(parsed, 'out') === undefined) {
    throw new UsageError('--format xlsx writes an Excel workbook, which is no text for a terminal or a pipe: give --out with a file name, e.g. --out kvartalsrapport.xlsx');
  }
  const duplicates = parseDuplicates(parsed, parsed.positionals);
  const groupScoring = parseGroupScoring(text(parsed, 'group-scoring'));
  const results = await loadResults(text(parsed, 'results'), text(parsed, 'encoding'));
  const observationGaps = oneOf(text(parsed, 'observation-gaps'), ['not-within', 'exclude'], 'observation-gaps', 'not-within') === 'exclude' ? 'exclude' : 'notWithin';
  const inflow = parseInflow(text(parsed, 'inflow'));
  const atRiskDays = parseAtRiskDays(text(parsed, 'at-risk-days'));
  const maxProblems = parseMaxProblems(text(parsed, 'max-problems'));
  const missingAttributes = parseMissingAttributes(text(parsed, 'missing-attributes'));
  const period = periodOption(text(parsed, 'period'));
  const contacts = list(parsed, 'contacts');
  const observations = list(parsed, 'observations');
  if (parsed.positionals.length === 0 && contacts.length === 0 && observations.length === 0) {
    throw new UsageError('give at least one input file (or - for standard input)');
  }

  const output = openOutput(text(parsed, 'out'), io.stdout);
  try {
    const inputs = new Map<InputKind, ReadInput>();
    const provenance: QuarterlyProvenance = { inputs: [], mapping: text(parsed, 'map') ?? null, caseTypeMap: text(parsed, 'case-types') ?? null, version: VERSION };
    const files: QuarterlyProvenance['inputs'][number][] = [];
    const unreadable: string[] = [];
    const unmapped = new Map<string, number>();
    const unmappedCodes = new Map<string, Map<string, number>>();
    const caseReads: Parameters<typeof warnAboutScopes>[1][number][] = [];
    const kinds: [InputKind, readonly string[]][] = [
      ['cases', parsed.positionals],
      ['contacts', contacts],
      ['observations', observations],
    ];
    for (const [kind, names] of kinds) {
      const read: ReadInput = { records: [], places: [] };
      for (const file of names) {
        const hash = createHash('sha256');
        const source = file === '-' ? { stream: hashing(io.stdin, hash), name: 'stdin' } : { path: file };
        if (file !== '-') hash.update(await readFile(file));
        const result = await readAllRecords(source, await readOptions(parsed, kind));
        const name = nameOf(file);
        warnAboutColumns(name, result.summary, io);
        if (kind === 'cases') caseReads.push({ name, summary: result.summary });
        for (const [code, count] of result.summary.unmappedCaseTypes) unmapped.set(code, (unmapped.get(code) ?? 0) + count);
        addUnmappedCodes(unmappedCodes, result.summary.unmappedCodes);
        result.records.forEach((record, i) => {
          read.records.push(record);
          read.places.push({ file: name, line: result.lines[i] ?? 0, columns: result.summary.fields });
        });
        for (const problem of result.problems) unreadable.push(`${name}:${String(problem.line)}: ${problem.problem.message} [${problem.problem.code}]`);
        files.push({ file: name, input: kind, rows: result.summary.rows, sha256: hash.digest('hex') });
      }
      inputs.set(kind, read);
    }
    warnAboutScopes(plan, caseReads, missingAttributes, io);
    warnAboutUnmapped(unmapped, 'counted as without target', io);
    warnAboutUnmappedCodes(unmappedCodes, io);
    const report = quarterlyReport(
      plan,
      { cases: inputs.get('cases')?.records ?? [], contacts: inputs.get('contacts')?.records ?? [], observations: inputs.get('observations')?.records ?? [] },
      {
        asOf,
        groupScoring,
        observationGaps,
        duplicates,
        ...(period === undefined ? {} : { period }),
        ...(inflow === undefined ? {} : { inflow }),
        ...(atRiskDays === undefined ? {} : { atRiskDays }),
        ...(results === undefined ? {} : { results }),
        ...(maxProblems === undefined ? {} : { maxProblems }),
        ...(missingAttributes === undefined ? {} : { missingAttributes }),
      },
    );
    // Problems named by file and line.
    const placed = report.yearToDate.invalid.map((problem): InvalidRecord => {
      const place = inputs.get(problem.input)?.places[problem.index];
      return place === undefined ? problem : placeProblem(problem, place);
    });
    const problems = unreadable.length + report.yearToDate.invalid.length + report.yearToDate.invalidOmitted;
    for (const entry of unreadable) io.stderr(line(entry));
    for (const entry of placed) io.stderr(line(`${entry.message} [${entry.code}]`));
    if (problems > 0 && flag(parsed, 'strict')) {
      io.stderr(`servicemaal: ${String(problems)} problem(s) in the input; no report written (--strict)\n`);
      return EXIT.invalidRows;
    }
    const full = { ...report, yearToDate: { ...report.yearToDate, invalid: placed } };
    if (format === 'json') {
      for (const piece of jsonPieces(full)) output.write(piece);
      output.write('\n');
    } else {
      const document = quarterlyDocument(full, { language: locale, provenance: { ...provenance, inputs: files } });
      if (format === 'csv') output.write(renderDocumentCsv(document, { bom: bom !== '' }));
      else if (format === 'xlsx') output.writeBytes(await renderDocumentXlsx(document));
      else if (format === 'html') output.write(renderDocumentHtml(document, flag(parsed, 'timestamp') ? { generatedAt: generationTime() } : {}));
      else for (const text of documentTextLines(document, { format })) output.write(`${text}\n`);
    }
    output.commit();
    if (problems > 0) io.stderr(`servicemaal: ${String(problems)} problem(s) in the input, left out of every figure\n`);
    return problems > 0 ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}

/**
 * The time a report is made, for `--timestamp`: UTC to the minute (`2024-10-01 09:00 UTC`), so that
 * it says the same wherever the command runs. Without `--timestamp` no time is written, and the
 * same inputs give the same bytes.
 */
function generationTime(): string {
  const now = new Date().toISOString();
  return `${now.slice(0, 10)} ${now.slice(11, 16)} UTC`;
}
