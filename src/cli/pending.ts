/** `servicemaal pending`: the cases pending at a date, soonest due first. */
import { readIdsInto } from '../io/into.js';
import { readRecords } from '../io/read.js';
import { pendingLines } from '../render/pending.js';
import { notListed } from '../render/report.js';
import { createPendingCollector } from '../reporting/pending.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import { DUPLICATES_OPTION, FORMATS, line, LOCALES, loadPlan, nameOf, parseDuplicates, parseMaxProblems, placeName, READ_OPTIONS, readOptions, sourceOf, writeLines } from './common.js';
import { EXIT, type CliIo } from './io.js';
import { BOM_OPTIONS, byteOrderMark, jsonPieces, openOutput } from './output.js';

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
    'max-problems': { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string' },
    ...DUPLICATES_OPTION,
    ...READ_OPTIONS,
    ...BOM_OPTIONS,
  });
  const plan = await loadPlan(text(parsed, 'plan'), text(parsed, 'encoding'));
  const asOf = text(parsed, 'as-of');
  if (asOf === undefined) throw new UsageError('--as-of is required');
  const format = oneOf(text(parsed, 'format'), FORMATS, 'format', 'table');
  const locale = oneOf(text(parsed, 'locale'), LOCALES, 'locale', 'en');
  const bom = byteOrderMark(parsed, format, locale);
  const withinText = text(parsed, 'within-days');
  const withinDays = withinText === undefined ? undefined : Number(withinText);
  if (withinDays !== undefined && !Number.isInteger(withinDays)) throw new UsageError(`--within-days must be a whole number, not "${withinText}"`);
  if (parsed.positionals.length === 0) throw new UsageError('give at least one case file (or - for standard input)');
  const maxProblems = parseMaxProblems(text(parsed, 'max-problems'));
  const duplicates = parseDuplicates(parsed, parsed.positionals);
  const collector = createPendingCollector(plan, {
    asOf,
    duplicates,
    ...(withinDays === undefined ? {} : { withinDays }),
    ...(maxProblems === undefined ? {} : { maxProblems }),
  });

  const output = openOutput(text(parsed, 'out'), io.stdout);
  try {
    if (duplicates === 'last') {
      const read = await readOptions(parsed, 'cases');
      for (const file of parsed.positionals) await readIdsInto(collector.intake, sourceOf(file, io), { ...read, name: nameOf(file) });
    }
    for (const file of parsed.positionals) {
      const name = nameOf(file);
      const reader = readRecords(sourceOf(file, io), await readOptions(parsed, 'cases'));
      for await (const row of reader) {
        const place = { file: placeName(name, reader.summary), line: row.line };
        if (row.problem === undefined) collector.add(row.record, place);
        else collector.addUnreadable(row.problem, place);
      }
    }
    const pending = collector.report();
    if (format === 'json') {
      for (const piece of jsonPieces(pending)) output.write(piece);
      output.write('\n');
    } else {
      output.write(bom);
      writeLines(output, pendingLines(pending, { format, locale }));
    }
    output.commit();
    for (const problem of pending.invalid) io.stderr(line(`${problem.message} [${problem.code}]`));
    if (pending.invalidOmitted > 0) io.stderr(line(`${notListed(pending.invalidOmitted)} (--max-problems 0 lists all)`));
    const invalid = pending.counts.invalid;
    if (invalid > 0) io.stderr(`servicemaal: ${invalid} invalid row(s) left out\n`);
    return invalid > 0 ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}
