import { ServicemaalError } from '../errors.js';
import { visibleText } from '../render/format.js';
import { VERSION } from '../version.js';
import { UsageError } from './args.js';
import { HELP } from './help.js';
import { fileErrorReason, OutputError } from './output.js';

import { EXIT, type CliIo } from './io.js';

export { EXIT, type CliIo } from './io.js';

/** The commands, each loaded when it runs: a command loads only the code it needs. */
const COMMANDS: ReadonlyMap<string, () => Promise<(args: string[], io: CliIo) => Promise<number>>> = new Map([
  ['evaluate', async () => (await import('./evaluate.js')).evaluateCommand],
  ['validate', async () => (await import('./validate.js')).validateCommand],
  ['pending', async () => (await import('./pending.js')).pendingCommand],
  ['report', async () => (await import('./report.js')).reportCommand],
  ['plans', async () => (await import('./plans.js')).plansCommand],
]);

const HELPS: ReadonlyMap<string, string> = new Map(Object.entries(HELP));

/**
 * Runs the `servicemaal` command line with the given arguments and returns the exit code: 0 done,
 * 1 usage error (or a result that cannot be written), 2 invalid rows present. Bad input never ends
 * in a stack trace. A command loads only what it needs; a command that reads a plan registers
 * date-holidays (loaded on first use) as the holiday source, so plans may use any country.
 *
 * @example
 * ```ts
 * const code = await main(['plans'], { stdin: process.stdin, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 * ```
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
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
    const load = COMMANDS.get(command);
    if (rest.includes('-h') || rest.includes('--help')) {
      const help = HELPS.get(command);
      if (help === undefined || load === undefined) throw new UsageError(`unknown command "${command}"`);
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (load === undefined) throw new UsageError(`unknown command "${command}" (commands: evaluate, report, validate, pending, plans)`);
    return await (await load())(rest, io);
  } catch (error) {
    return reportError(error, command, io);
  }
}

/** One line (two for a usage error, with the help to read) on standard error; exit code 1. */
function reportError(error: unknown, command: string | undefined, io: CliIo): number {
  const say = (message: string): void => {
    io.stderr(`servicemaal: ${visibleText(message)}\n`);
  };
  if (error instanceof UsageError) {
    say(error.message);
    io.stderr(`See 'servicemaal ${command !== undefined && COMMANDS.has(command) ? `${command} ` : ''}--help'.\n`);
  } else if (error instanceof ServicemaalError || error instanceof OutputError) {
    say(error.message);
  } else if (isFileError(error)) {
    say(`cannot read ${error.path ?? 'a file'}: ${error.code === 'ENOENT' ? 'no such file' : fileErrorReason(error)}`);
  } else {
    say(error instanceof Error ? error.message : String(error));
  }
  return EXIT.usage;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '');
}
