/**
 * The `servicemaal` command: runs {@link main} on the process's arguments and streams.
 *
 * A result being written to `--out` is a temporary file until it is complete: on Ctrl-C (or another
 * signal that ends the process), an error or a crash, the temporary file is removed and a previous
 * result stays as it was. When the reader of standard output goes away (`servicemaal validate
 * big.csv | head -1`), the command ends quietly with exit code 0; any other failure to write
 * standard output (a full disk) is one line on standard error and exit code 1.
 */
import { EXIT, main } from './main.js';
import { fileErrorReason, removeTemporaryFiles } from './output.js';

process.on('exit', removeTemporaryFiles);
const SIGNALS = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
] as const;
for (const [signal, number] of SIGNALS) {
  process.once(signal, () => {
    removeTemporaryFiles();
    process.exit(128 + number);
  });
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader has all it wants (head -1): stop without a word.
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  process.stderr.write(`servicemaal: cannot write standard output: ${fileErrorReason(error)}\n`);
  process.exit(EXIT.usage);
});

void main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
}).then((code) => {
  process.exitCode = code;
});
