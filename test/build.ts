/**
 * The built package (dist/) for the tests that use it: built once, when it is missing or older than
 * its sources, by one test file at a time (test files run in parallel, and a build starts by
 * removing dist/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What the build writes: the library's two entries in both formats with types, and the command line. */
const OUTPUTS = ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'io.js', 'io.cjs', 'io.d.ts', 'io.d.cts', 'cli.js', 'scan-worker.js'];
/** What the build reads besides src/. */
const CONFIG = ['package.json', 'tsconfig.json', 'tsup.config.ts'];
/** Held while a test file checks or builds dist/. */
const LOCK = join(root, 'node_modules', '.cache', 'servicemaal-build.lock');
/** A lock older than this was left by a test run that died; a build takes a few seconds. */
const STALE_LOCK_MS = 5 * 60_000;

/** Builds dist/ (`npm run build`) unless it is newer than every source and configuration file. */
export function ensureBuilt(): void {
  acquireLock();
  try {
    if (!upToDate()) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function upToDate(): boolean {
  let built = Infinity;
  for (const output of OUTPUTS) {
    try {
      built = Math.min(built, statSync(join(root, 'dist', output)).mtimeMs);
    } catch {
      return false;
    }
  }
  return newestSource() < built;
}

function newestSource(): number {
  let newest = Math.max(...CONFIG.map((file) => statSync(join(root, file)).mtimeMs));
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function acquireLock(): void {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    Atomics.wait(pause, 0, 0, 200);
  }
}
