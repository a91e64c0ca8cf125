/**
 * The library in a browser: the built ES module bundled for browsers as an application would
 * bundle it (esbuild, minified), its size and contents, and the bundle run in headless Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from './build.js';
import { chromium, chromiumSkipNotice, expectChromiumUnderCi, runChromium } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-browser-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * The most the bundle below may weigh, gzipped: measured at about 64 KB with scopes, observation
 * gaps, the whole plan and the exact check of repeated case ids, with room to grow.
 */
const GZIP_BUDGET = 72 * 1024;

/**
 * A page script using the package: a plan of its own with working-day limits on the default Danish
 * calendar and on the state's closing days (Easter, Christmas), SIRI 2023 from the catalogue, and
 * a calendar for another country without a holiday source. It writes what it finds into the page.
 */
const ENTRY = `
import { addMonths, createCalendar, definePlan, evaluatePlan, formatDayNumber, getPlan, toDayNumber, workingDaysBetween } from ${JSON.stringify(join(root, 'dist', 'index.js'))};

const out = {};
try {
  const visa = definePlan({
    id: 'visa-2024',
    title: 'Visa 2024',
    year: 2024,
    targets: [
      { id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 3, unit: 'workingDays' }, required: 0.5 }] },
      { id: 'visa-state', label: 'Visa (state)', caseTypes: ['visa-state'], calendar: { closingDays: 'state' }, tiers: [{ limit: { amount: 3, unit: 'workingDays' }, required: 0.9 }] },
    ],
  });
  const easter = evaluatePlan(visa, [
    { id: 'E1', caseType: 'visa', applied: '2024-03-27', decided: '2024-04-02' },
    { id: 'E2', caseType: 'visa', applied: '2024-03-26T23:30:00Z', decided: '2024-04-03' },
    { id: 'E3', caseType: 'visa', applied: '2024-03-22', decided: '2024-04-12' },
    { id: 'E4', caseType: 'visa', applied: '2024-03-28', decided: null },
    { id: 'C1', caseType: 'visa-state', applied: '2024-12-20', decided: '2024-12-30' },
  ], { period: '2024' });
  const tier = (report, id) => {
    const found = report.targets.find((target) => target.id === id).tiers[0];
    return [found.within, found.measured, found.met];
  };
  out.easter = tier(easter, 'visa');
  out.christmas = tier(easter, 'visa-state');
  out.easterCounts = [easter.counts.measured, easter.counts.pending];
  out.workingDays = [
    workingDaysBetween('2024-03-27', '2024-04-02'),
    workingDaysBetween('2024-03-22', '2024-04-12'),
    workingDaysBetween('2023-05-01', '2023-05-08'),
    workingDaysBetween('2024-12-23', '2025-01-02'),
    workingDaysBetween('2024-12-23', '2025-01-02', createCalendar({ closingDays: 'state' })),
  ];
  out.fifthWorkingDay = formatDayNumber(createCalendar().addWorkingDays(toDayNumber('2024-03-27'), 5));
  out.monthEnd = formatDayNumber(addMonths(toDayNumber('2024-01-31'), 1));

  const siri = evaluatePlan(getPlan('siri-2023'), [
    { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-01' },
    { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-02' },
    { id: 'A3', caseType: 'eu', applied: '2023-05-05T23:30:00Z', decided: '2023-05-07' },
    { id: 'A4', caseType: 'studie', applied: '2023-11-20', decided: null },
  ], { period: '2023' });
  out.siriFastTrack = tier(siri, 'fast-track');
  out.siriEu = tier(siri, 'eu');
  out.siriCounts = [siri.counts.input, siri.counts.measured, siri.counts.pending];

  try {
    createCalendar({ country: 'SE' });
    out.sweden = 'created';
  } catch (error) {
    out.sweden = [error.name, error.issues[0].code, error.issues[0].path.join('.')];
  }
} catch (error) {
  out.error = String(error && error.stack || error);
}
document.getElementById('results').textContent = JSON.stringify(out);
`;

/** What the page must show, worked out by hand (see the comments). */
const EXPECTED = {
  // On the default calendar, within 3 working days: E1 (27 March → 2 April) is 1 (28, 29 March and
  // 1 April are holidays); E2 applied 00:30 on 27 March in Copenhagen, decided 3 April, is 2; E3
  // (22 March → 12 April) is 12: 25–27 March, 2–5 April, 8–12 April. 2 of 3 ≥ 50 %. E4 is pending.
  easter: [2, 3, true],
  easterCounts: [4, 1],
  // DK+state: from Friday 20 December 2024 to Monday 30 December, 23, 27 and 30 December are open
  // (24 December is a closing day, 25 and 26 holidays): 3, within 3.
  christmas: [1, 1, true],
  // 1 (Easter 2024); 12 (as E3); 4 (2, 3, 4, 8 May 2023: Store Bededag 5 May is closed);
  // 23 December 2024 → 2 January 2025: 24, 27, 30, 31 December and 2 January by default (5), only
  // 27, 30 December and 2 January with the state's closing days (3).
  workingDays: [1, 12, 4, 5, 3],
  // after Wednesday 27 March 2024: Tuesday 2, 3, 4, 5 and Monday 8 April
  fifthWorkingDay: '2024-04-08',
  monthEnd: '2024-02-29',
  // SIRI 2023 Fast-track, 85 % within 31 days: A1 31 days (within), A2 32 (not): 1 of 2, not met.
  siriFastTrack: [1, 2, false],
  // EU, 70 % within 1 day: A3 applied 01:30 on 6 May in Copenhagen, decided 7 May: 1 day, 1 of 1.
  siriEu: [1, 1, true],
  siriCounts: [4, 3, 1],
  // No holiday source in the page: Sweden's public holidays are refused with the stable code.
  sweden: ['ServicemaalError', 'invalid_option', 'calendar.country'],
};

/** Packages whose code must not be in the bundle: date-holidays and what it brings. */
const HOLIDAY_PACKAGES = ['date-holidays', 'date-holidays-parser', 'moment', 'moment-timezone', 'astronomia', 'caldate', 'date-chinese', 'date-easter', 'date-bengali-revised', 'jalaali-js'];

let bundle: Uint8Array = new Uint8Array(0);
let metafile: Metafile = { inputs: {}, outputs: {} };

beforeAll(async () => {
  ensureBuilt();
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: scratch, sourcefile: 'page.js', loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild wrote nothing');
  bundle = output.contents;
  metafile = result.metafile;
}, 180_000);

/** The npm package an esbuild input belongs to (`null` for the library's own files). */
function packageOf(input: string): string | null {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? null;
}

describe('the browser bundle', () => {
  it(`weighs at most ${GZIP_BUDGET / 1024} KB gzipped`, () => {
    const gzipped = gzipSync(bundle).length;
    expect(bundle.length).toBeGreaterThan(50 * 1024); // the whole evaluation is in it
    expect(gzipped, `${bundle.length} bytes minified, ${gzipped} gzipped`).toBeLessThanOrEqual(GZIP_BUDGET);
  });

  it('contains no date-holidays or moment code, and of zod no locale but English', () => {
    // The files that contribute code to the bundle (esbuild lists tree-shaken files with 0 bytes).
    const inputs = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
    const packages = [...new Set(inputs.map(packageOf).filter((name) => name !== null))].sort();
    expect(packages.filter((name) => HOLIDAY_PACKAGES.includes(name))).toEqual([]);
    expect(packages).toEqual(['zod']);
    expect(inputs.filter((input) => /zod\/.*\/locales\//.test(input) && !input.endsWith('/en.js'))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('dist/index.js'))).toBe(true);
  });
});

describe('in headless Chromium', () => {
  it('is available wherever CI runs', () => {
    const warn = vi.spyOn(console, 'warn');
    expectChromiumUnderCi('the browser test in headless Chromium');
    // Found (CI must find it), or the skip is announced in one line with how to run it.
    if (chromium === null) expect(warn).toHaveBeenCalledWith(chromiumSkipNotice('the browser test in headless Chromium'));
    else expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.skipIf(chromium === null)(
    'evaluates plans with working-day limits and shows the hand-computed results',
    () => {
      writeFileSync(join(scratch, 'bundle.js'), bundle);
      const page = join(scratch, 'page.html');
      writeFileSync(page, '<!DOCTYPE html><html><head><meta charset="utf-8"><title>servicemaal</title></head><body><pre id="results">not run</pre><script src="bundle.js"></script></body></html>');
      // A time zone far from Copenhagen's: the results must not depend on the browser's.
      const dom = runChromium(['--dump-dom', pathToFileURL(page).href], scratch, { ...process.env, TZ: 'Pacific/Kiritimati' });
      const shown = /<pre id="results">([^<]*)<\/pre>/.exec(dom)?.[1];
      if (shown === undefined) throw new Error(`no results in the page:\n${dom}`);
      const text = shown.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
      expect(JSON.parse(text)).toEqual(EXPECTED);
    },
    180_000,
  );
});
