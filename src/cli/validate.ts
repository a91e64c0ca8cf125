/** `servicemaal validate`: every invalid row of a file, with its line, column, value and reason. */
import { createIntake } from '../evaluate/intake.js';
import type { InvalidRecord } from '../evaluate/records.js';
import { readIdsInto } from '../io/into.js';
import { readRecords } from '../io/read.js';
import { notListed } from '../render/report.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import {
  DUPLICATES_OPTION,
  line,
  loadPlan,
  nameOf,
  parseDuplicates,
  parseMaxProblems,
  parseMissingAttributes,
  problemLine,
  READ_OPTIONS,
  readOptions,
  sourceOf,
  placeName,
  warnAboutColumns,
  warnAboutScopes,
  warnAboutUnmapped,
  warnAboutUnmappedCodes,
} from './common.js';
import { EXIT, type CliIo } from './io.js';
import { openOutput } from './output.js';

const KINDS = ['cases', 'contacts', 'observations'] as const;

/** A problem as `validate` lists it: its message, the offending value and the code. */
function validateLine(problem: InvalidRecord): string {
  return problem.value === null ? problemLine(problem) : `${problem.message} (value ${JSON.stringify(problem.value)}) [${problem.code}]`;
}

/**
 * Runs `servicemaal validate`: the file's records go through an intake, as in `evaluate`, and each
 * problem is listed as soon as it is found. With `--plan`, the plan's own checks apply too (a clock
 * that stops before it starts).
 */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, { kind: { type: 'string' }, plan: { type: 'string' }, 'max-problems': { type: 'string' }, 'missing-attributes': { type: 'string' }, ...DUPLICATES_OPTION, ...READ_OPTIONS });
  const kind = oneOf(text(parsed, 'kind'), KINDS, 'kind', 'cases');
  const maxProblems = parseMaxProblems(text(parsed, 'max-problems'));
  const missingAttributes = parseMissingAttributes(text(parsed, 'missing-attributes'));
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one file to validate (or - for standard input)');
  const reference = text(parsed, 'plan');
  const plan = reference === undefined ? null : await loadPlan(reference, text(parsed, 'encoding'));
  const file = parsed.positionals[0] as string;
  // Repeated ids are those of case records: contacts and observations are read once.
  const duplicates = parseDuplicates(parsed, kind === 'cases' ? [file] : []);
  const intake = createIntake(plan, {
    period: { from: '1900-01-01', to: '2199-12-31' },
    duplicates,
    ...(maxProblems === undefined ? {} : { maxProblems }),
    ...(missingAttributes === undefined ? {} : { missingAttributes }),
  });
  const name = nameOf(file);
  const read = await readOptions(parsed, kind);
  if (duplicates === 'last' && kind === 'cases') await readIdsInto(intake, sourceOf(file, io), { ...read, name });
  const reader = readRecords(sourceOf(file, io), read);
  const output = openOutput(undefined, io.stdout);
  const listed = intake.aggregate().invalid;
  let shown = 0;
  try {
    for await (const row of reader) {
      const place = { file: placeName(name, reader.summary), line: row.line, columns: reader.summary.fields };
      if (row.problem === undefined) intake.add(kind, row.record, place);
      else intake.addUnreadable(kind, row.problem, place);
      while (shown < listed.length) output.write(line(validateLine(listed[shown++] as InvalidRecord)));
    }
    const aggregate = intake.aggregate();
    if (aggregate.invalidOmitted > 0) output.write(line(`${notListed(aggregate.invalidOmitted)} (--max-problems 0 lists all)`));
    const counts = kind === 'cases' ? aggregate.counts : aggregate[kind].counts;
    const { rows, emptyLines } = reader.summary;
    output.write(line(`${name}: ${rows} row(s): ${counts.input - counts.invalid} valid, ${counts.invalid} invalid, ${emptyLines} empty line(s)`));
    output.commit();
    warnAboutColumns(name, reader.summary, io);
    if (plan !== null && kind === 'cases') warnAboutScopes(plan, [{ name, summary: reader.summary }], missingAttributes, io);
    warnAboutUnmapped(reader.summary.unmappedCaseTypes, 'evaluate counts them as without target', io);
    warnAboutUnmappedCodes(reader.summary.unmappedCodes, io);
    return counts.invalid > 0 ? EXIT.invalidRows : EXIT.ok;
  } finally {
    output.abort();
  }
}
