/**
 * The `servicemaal` command: runs {@link main} on the process's arguments and streams.
 */
import { main } from './main.js';

void main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
}).then((code) => {
  process.exitCode = code;
});
