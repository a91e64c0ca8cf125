/** `servicemaal pending`: the cases pending at a date, soonest due first. */
import { toDayNumber } from '../dates/parse.js';
import { readRecords } from '../io/index.js';
import { pendingLines } from '../render/pending.js';
import { compileAt, pendingCollector } from '../reporting/pending.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import type { InvalidRecord } from '../evaluate/records.js';
import { FORMATS, line, LOCALES, loadPlan, locate, nameOf, problemLine, READ_OPTIONS, readOptions, rowProblem, sourceOf, writeLines } from './common.js';
import { EXIT, type CliIo } from './main.js';
import { jsonPieces, openOutput } from './output.js';

/**
 * Runs `servicemaal pending`. The records are counted one by one as they are read (never held
 * together), and the at-risk list is written line by line, so a backlog of millions of cases is
 * listed in bounded steps.
 */
export async function pendingCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, {
    plan: { type: 'string' },
    'as-of': { type: 'string' },
    'within-days': { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    ...READ_OPTIONS,
  });
  const plan = await loadPlan(text(parsed, 'plan'));
  const asOf = text(parsed, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of is required');
  const asOfDay = toDayNumber(asOf, ['asOf']);
  const format = oneOf(text(parsed, 'format'), FORMATS, 'format', 'table');
  const locale = oneOf(text(parsed, 'locale'), LOCALES, 'locale', 'en');
  const withinText = text(parsed, 'within-days');
  const withinDays = withinText === undefined ? undefined : Number(withinText);
  if (withinDays !== undefined && !Number.isInteger(withinDays)) throw new UsageError(`--within-days must be a whole number, not "${withinText}"`);
  if (parsed.positionals.length === 0) throw new UsageError('give at least one case file (or - for standard input)');

  const output = openOutput(text(parsed, 'out'), io.stdout);
  try {
    const collector = pendingCollector(compileAt(plan, undefined, asOfDay), asOfDay);
    const problems: InvalidRecord[] = [];
    // Rows that could not become records are not counted by the collector: they take the position of the next record.
    let records = 0;
    for (const file of parsed.positionals) {
      const name = nameOf(file);
      const reader = readRecords(sourceOf(file, io), await readOptions(parsed, 'cases'));
      for await (const row of reader) {
        if (row.problem !== undefined) problems.push(rowProblem(row, 'cases', records, name));
        else {
          records++;
          collector.add(row.record, (problem) => locate(problem, name, row.line, reader.summary.fields));
        }
      }
    }
    let { report: pending } = collector.finish();
    if (withinDays !== undefined) pending = { ...pending, cases: pending.cases.filter((entry) => entry.daysRemaining !== null && entry.daysRemaining <= withinDays) };
    if (format === 'json') {
      for (const piece of jsonPieces(pending)) output.write(piece);
      output.write('\n');
    } else writeLines(output, pendingLines(pending, { format, locale }));
    output.commit();
    for (const problem of problems) io.stderr(line(problemLine(problem)));
    const invalid = problems.length + pending.counts.invalid;
    if (invalid > 0) io.stderr(`servicemaal: ${invalid} invalid row(s) left out\n`);
    return invalid > 0 ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}
