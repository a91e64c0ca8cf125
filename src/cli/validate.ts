/** `servicemaal validate`: every invalid row of a file, with its line, column, value and reason. */
import { readContactRecord } from '../evaluate/contacts.js';
import { readObservationRecord } from '../evaluate/observations.js';
import { readCaseRecord } from '../evaluate/records.js';
import { readRecords } from '../io/index.js';
import { oneOf, parseCommand, text, UsageError } from './args.js';
import { line, locate, nameOf, READ_OPTIONS, readOptions, sourceOf, warnAboutColumns, warnAboutUnmapped } from './common.js';
import { EXIT, type CliIo } from './main.js';
import { openOutput } from './output.js';

const KINDS = ['cases', 'contacts', 'observations'] as const;

function valueAt(record: Record<string, unknown>, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined), record);
}

/** Runs `servicemaal validate`. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, { kind: { type: 'string' }, ...READ_OPTIONS });
  const kind = oneOf(text(parsed, 'kind'), KINDS, 'kind', 'cases');
  if (parsed.positionals.length !== 1) throw new UsageError('give exactly one file to validate (or - for standard input)');
  const file = parsed.positionals[0] as string;
  const name = nameOf(file);
  const reader = readRecords(sourceOf(file, io), await readOptions(parsed, kind));
  const output = openOutput(undefined, io.stdout);
  let invalidRows = 0;
  let position = 0;
  try {
    for await (const row of reader) {
      if (row.problem !== undefined) {
        invalidRows++;
        output.write(line(`${name}:${row.line}: ${row.problem.column === '' ? '' : `column "${row.problem.column}" `}${row.problem.message} [${row.problem.code}]`));
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
        output.write(line(`${locate(problem, name, row.line).message}${shown} [${problem.code}]`));
      }
    }
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
