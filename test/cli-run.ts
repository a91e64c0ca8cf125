/**
 * The command line run in process, for the tests: `main` with the given arguments and standard
 * input, its standard output and error captured.
 */
import { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';

/** What a run of the command line gave: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `servicemaal <argv>` in process, with `stdin` as its standard input. */
export async function runCli(argv: string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdin: Readable.from([stdin]),
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}
