/** `servicemaal validate`: every invalid row of a file, with its line, column, value and reason. */
import { readContactRecord } from '../evaluate/contacts.js';
import { readObservationRecord } from '../evaluate/observations.js';
import { DEFAULT_MAX_PROBLEMS, readCaseRecord, type InvalidRecord } from '../evaluate/records.js';
import { readRecords } from '../io/read.js';
import { notListed } from '../render/report.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import { line, locate, nameOf, parseMaxProblems, problemLine, READ_OPTIONS, readOptions, rowProblem, sourceOf, warnAboutColumns, warnAboutUnmapped } from './common.js';
import { EXIT, type CliIo } from './io.js';
import { openOutput } from './output.js';

const KINDS = ['cases', 'contacts', 'observations'] as const;

/** A problem as `validate` lists it: its message, the offending value and the code. */
function validateLine(problem: InvalidRecord): string {
  return problem.value === null ? problemLine(problem) : `${problem.message} (value ${JSON.stringify(problem.value)}) [${problem.code}]`;
}

/** Runs `servicemaal validate`. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, { kind: { type: 'string' }, 'max-problems': { type: 'string' }, ...READ_OPTIONS });
  const kind = oneOf(text(parsed, 'kind'), KINDS, 'kind', 'cases');
  const given = parseMaxProblems(text(parsed, 'max-problems'));
  const maxProblems = given === undefined ? DEFAULT_MAX_PROBLEMS : given === 0 ? null : given;
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one file to validate (or - for standard input)');
  const file = parsed.positionals[0] as string;
  const name = nameOf(file);
  const reader = readRecords(sourceOf(file, io), await readOptions(parsed, kind));
  const output = openOutput(undefined, io.stdout);
  let invalidRows = 0;
  let position = 0;
  let listed = 0;
  let omitted = 0;
  /** Lists a problem while fewer than `--max-problems` are listed; counts the others. */
  const list = (problem: () => InvalidRecord): void => {
    if (maxProblems !== null && listed >= maxProblems) {
      omitted++;
      return;
    }
    listed++;
    output.write(line(validateLine(problem())));
  };
  try {
    for await (const row of reader) {
      if (row.problem !== undefined) {
        invalidRows++;
        const index = position++;
        list(() => rowProblem(row, kind, index, name));
        continue;
      }
      const read = kind === 'cases' ? readCaseRecord(row.record, position) : kind === 'contacts' ? readContactRecord(row.record, position) : readObservationRecord(row.record, position);
      position++;
      if (!Array.isArray(read)) continue;
      invalidRows++;
      for (const problem of read) list(() => locate(problem, name, row.line, reader.summary.fields));
    }
    if (omitted > 0) output.write(line(`${notListed(omitted)} (--max-problems 0 lists all)`));
    const { rows, emptyLines } = reader.summary;
    output.write(line(`${name}: ${rows} row(s): ${rows - emptyLines - invalidRows} valid, ${invalidRows} invalid, ${emptyLines} empty line(s)`));
    output.commit();
  } finally {
    output.abort();
  }
  warnAboutColumns(name, reader.summary, io);
  warnAboutUnmapped(reader.summary.unmappedCaseTypes, 'evaluate counts them as without target', io);
  return invalidRows > 0 ? EXIT.invalidRows : EXIT.ok;
}
