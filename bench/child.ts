/**
 * Runs the built command line (`dist/cli.js`) as a child process and measures its wall time and
 * peak resident set size (used by `bench/memory.ts` and `bench/speed.ts`).
 *
 * The child is `node <dir>/wrapper.mjs <args>`, a few lines that import dist/cli.js (which runs the
 * command line on the same arguments) and print `process.resourceUsage().maxRSS` to standard error
 * when the process exits. That works on every platform Node runs on. When GNU `/usr/bin/time -v` is
 * present, the child runs under it too and its "Maximum resident set size" (the kernel's figure for
 * the whole process, to its very end) is the one reported; the wrapper's figure is the fallback.
 * The wall time is that of the whole child process, start-up included.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
const TIME = '/usr/bin/time';

const WRAPPER = `// Runs the built command line (it reads process.argv) and reports the peak RSS at exit.
process.on('exit', () => process.stderr.write('\\nbench-max-rss-kb=' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(pathToFileURL(CLI).href)});
`;

/** Writes the wrapper into `dir` and returns its path. */
export function writeWrapper(dir: string): string {
  const path = join(dir, 'wrapper.mjs');
  writeFileSync(path, WRAPPER);
  return path;
}

/** One run of the command line. */
export interface Run {
  code: number | null;
  /** Wall time of the whole child process, in seconds. */
  seconds: number;
  /** Peak resident set size, in kB (1,024 bytes). */
  peakKb: number;
  method: string;
  stderr: string;
}

export function hasGnuTime(): boolean {
  return existsSync(TIME);
}

/** Runs `node <wrapper> <args>` (under `/usr/bin/time -v` when present) and measures it. */
export async function measure(wrapper: string, args: string[]): Promise<Run> {
  const useTime = hasGnuTime();
  const command = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-v', process.execPath, wrapper, ...args] : [wrapper, ...args];
  const started = performance.now();
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const fromWrapper = /bench-max-rss-kb=(\d+)/.exec(stderr)?.[1];
  if (fromTime !== undefined) return { code, seconds, peakKb: Number(fromTime), method: '/usr/bin/time -v', stderr };
  if (fromWrapper !== undefined) return { code, seconds, peakKb: Number(fromWrapper), method: 'process.resourceUsage().maxRSS', stderr };
  throw new Error(`the child reported no peak RSS (exit code ${code}):\n${stderr}`);
}
