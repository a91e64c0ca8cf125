/**
 * Headless Chromium for the tests that open pages: where it is, and running it on a page.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The Chromium binary: /usr/bin/chromium, else chromium or chromium-browser on the PATH; null when none. */
export const chromium: string | null = findChromium();

function findChromium(): string | null {
  const candidates = ['/usr/bin/chromium', ...['chromium', 'chromium-browser'].flatMap((name) => (process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name)))];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Where Chromium is missing: fails under CI (which must run every browser test); elsewhere prints
 * one line saying which test is skipped, why, and how to run it.
 */
export function expectChromiumUnderCi(test: string): void {
  if (chromium !== null) return;
  if (process.env['CI'] !== undefined) {
    throw new Error(`CI must have Chromium for ${test}: none found at /usr/bin/chromium or as chromium / chromium-browser on the PATH`);
  }
  console.warn(chromiumSkipNotice(test));
}

/** The line printed when a browser test is skipped for want of Chromium. */
export function chromiumSkipNotice(test: string): string {
  return `Skipped ${test}: no Chromium at /usr/bin/chromium or as chromium / chromium-browser on the PATH. To run it, install Chromium (Debian: apt-get install chromium).`;
}

/**
 * Runs headless Chromium with a fresh profile under `scratch` and returns its standard output;
 * throws with its standard error when it fails.
 */
export function runChromium(args: string[], scratch: string, env: NodeJS.ProcessEnv = process.env): string {
  if (chromium === null) throw new Error('no Chromium on this machine');
  const profile = mkdtempSync(join(scratch, 'profile-'));
  const result = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024, env },
  );
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) throw new Error(`chromium exited with ${String(result.status)}: ${result.stderr}`);
  return result.stdout;
}
