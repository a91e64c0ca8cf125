/**
 * Memory check of the command line (`npm run bench:memory`, or `tsx bench/memory.ts --rows N`).
 *
 * 1. Writes a deterministic CSV of SIRI 2023 case records (1,000,000 rows unless `--rows N`) to a
 *    temporary folder: header `id,caseType,applied,decided`, applications from 2022-10-01 to
 *    2023-12-31 (fewer at weekends), processing times drawn per case type, data extracted on
 *    2024-01-15 (cases decided later are pending: empty `decided`), a few case types without a 2023
 *    target, some dates in Danish `dd-mm-yyyy`, and one invalid record (decided before applied)
 *    per 250,000 rows. A seeded PRNG (mulberry32) and integer day arithmetic only: the same rows
 *    give the same bytes.
 * 2. Runs the built command line, `node dist/cli.js evaluate --plan siri-2023 --format json --out
 *    <tmp>/report.json <csv>`, as a child process and measures its peak resident set size.
 * 3. Checks that the report's counts reconcile (input = rows = measured + pending + outOfPeriod +
 *    withoutTarget + invalid, with the invalid rows written) and that the peak RSS is below three
 *    times the file size; prints a table and exits with 1 when a check fails.
 *
 * How the peak RSS is measured: the child is `node <tmp>/wrapper.mjs evaluate ...`, a few lines
 * that import dist/cli.js (which runs the command line on the same arguments) and print
 * `process.resourceUsage().maxRSS` to standard error when the process exits. That works on every
 * platform Node runs on. When GNU `/usr/bin/time -v` is present, the child runs under it too and
 * its "Maximum resident set size" (the kernel's figure for the whole process, to its very end) is
 * the one reported; the wrapper's figure is the fallback.
 *
 * The ratio check is applied to every run. Node and the command line take a fixed amount of memory
 * whatever the input (shown as the baseline: the peak RSS of `servicemaal plans`, measured the same
 * way), so for small files (`--rows` well below 1,000,000) the ratio is large and the check fails:
 * quick runs show the reconciliation and the numbers, the full run is the one that counts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const TIME = '/usr/bin/time';
const MAX_RATIO = 3;

// ---------------------------------------------------------------------------------------------
// The data

/** mulberry32: a small seeded PRNG giving numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const danishOf = (day: number): string => {
  const iso = isoOf(day);
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

const FIRST = dayOf('2022-10-01');
const LAST = dayOf('2023-12-31');
const EXTRACTED = dayOf('2024-01-15');

/** Case types, their share of the cases and processing times: bands of days with their weights. */
const TYPES: { caseType: string; weight: number; bands: [p: number, from: number, to: number][] }[] = [
  { caseType: 'eu', weight: 30, bands: [[0.8, 1, 40], [0.2, 40, 150]] },
  { caseType: 'fast-track', weight: 8, bands: [[0.85, 3, 31], [0.15, 31, 90]] },
  { caseType: 'beloebsordning', weight: 10, bands: [[0.55, 10, 31], [0.25, 31, 92], [0.2, 92, 200]] },
  { caseType: 'positivliste', weight: 10, bands: [[0.5, 10, 31], [0.25, 31, 92], [0.25, 92, 220]] },
  { caseType: 'landbrug', weight: 3, bands: [[0.85, 5, 31], [0.15, 31, 120]] },
  { caseType: 'medfoelgende-familie-erhverv', weight: 9, bands: [[0.8, 10, 62], [0.2, 62, 180]] },
  { caseType: 'studie', weight: 18, bands: [[0.9, 5, 62], [0.1, 62, 150]] },
  { caseType: 'phd', weight: 3, bands: [[0.8, 5, 31], [0.2, 31, 100]] },
  { caseType: 'loenarbejde', weight: 6, bands: [[1, 10, 120]] },
  { caseType: 'praktikant', weight: 3, bands: [[1, 10, 90]] },
];
const TOTAL_WEIGHT = TYPES.reduce((sum, type) => sum + type.weight, 0);

/** Writes the CSV; returns the number of invalid rows written. */
function writeCases(path: string, rows: number): { invalid: number } {
  const random = mulberry32(20_230_101);
  const fd = openSync(path, 'w');
  let invalid = 0;
  try {
    let chunk = 'id,caseType,applied,decided\n';
    for (let i = 1; i <= rows; i++) {
      let pick = random() * TOTAL_WEIGHT;
      const type = TYPES.find((candidate) => (pick -= candidate.weight) < 0) ?? (TYPES[0] as (typeof TYPES)[number]);
      let applied = FIRST + Math.floor(random() * (LAST - FIRST + 1));
      // Fewer applications at weekends (1970-01-01, day 0, was a Thursday).
      const weekday = (applied + 3) % 7;
      if (weekday >= 5 && random() < 0.8) applied -= weekday - 4;
      if (applied < FIRST) applied = FIRST;
      let band = random();
      const [, from, to] = type.bands.find(([p]) => (band -= p) < 0) ?? (type.bands[type.bands.length - 1] as [number, number, number]);
      let decided: number | null = applied + from + Math.floor(random() * (to - from + 1));
      if (decided > EXTRACTED) decided = null;
      if (i % 250_000 === 123) {
        decided = applied - 10;
        invalid++;
      }
      const danish = random() < 0.1;
      const format = danish ? danishOf : isoOf;
      chunk += `SIRI-${String(i).padStart(7, '0')},${type.caseType},${format(applied)},${decided === null ? '' : format(decided)}\n`;
      if (i % 10_000 === 0) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk !== '') writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { invalid };
}

// ---------------------------------------------------------------------------------------------
// The measurement

const WRAPPER = `// Runs the built command line (it reads process.argv) and reports the peak RSS at exit.
process.on('exit', () => process.stderr.write('\\nbench-max-rss-kb=' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(pathToFileURL(CLI).href)});
`;

interface Run {
  code: number | null;
  seconds: number;
  peakKb: number;
  method: string;
  stderr: string;
}

function hasGnuTime(): boolean {
  return existsSync(TIME);
}

async function measure(wrapper: string, args: string[]): Promise<Run> {
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

// ---------------------------------------------------------------------------------------------
// The check

const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, keep: { type: 'boolean' } } });
  const rows = values.rows === undefined ? 1_000_000 : Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, not "${values.rows}"`);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench:memory does)`);

  const dir = mkdtempSync(join(tmpdir(), 'servicemaal-bench-'));
  try {
    const csv = join(dir, 'siri-2023-cases.csv');
    const out = join(dir, 'report.json');
    const wrapper = join(dir, 'wrapper.mjs');
    writeFileSync(wrapper, WRAPPER);

    const generated = performance.now();
    const { invalid } = writeCases(csv, rows);
    const size = statSync(csv).size;
    console.log(`wrote ${grouped(rows)} rows, ${mb(size)}, in ${((performance.now() - generated) / 1000).toFixed(1)} s: ${csv}`);

    const baseline = await measure(wrapper, ['plans']);
    const evaluated = await measure(wrapper, ['evaluate', '--plan', 'siri-2023', '--format', 'json', '--out', out, csv]);
    const peak = evaluated.peakKb * 1024;
    const ratio = peak / size;

    const failures: string[] = [];
    // Exit code 2 means invalid rows are present: expected when the file holds some.
    const expectedCode = invalid > 0 ? 2 : 0;
    if (evaluated.code !== expectedCode) failures.push(`exit code ${evaluated.code}, expected ${expectedCode}:\n${evaluated.stderr}`);
    const counts = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { counts: Record<string, number> }).counts : undefined;
    if (counts === undefined) failures.push('no report was written');
    if (counts !== undefined) {
      const parts = ['measured', 'pending', 'outOfPeriod', 'withoutTarget', 'invalid'] as const;
      const sum = parts.reduce((total, key) => total + (counts[key] ?? Number.NaN), 0);
      console.log(`counts: input ${grouped(counts['input'] ?? 0)} = ${parts.map((key) => `${key} ${grouped(counts[key] ?? 0)}`).join(' + ')}`);
      if (counts['input'] !== rows) failures.push(`counts.input is ${counts['input']}, expected ${rows}`);
      if (sum !== rows) failures.push(`the counts add up to ${sum}, expected ${rows}`);
      if (counts['invalid'] !== invalid) failures.push(`counts.invalid is ${counts['invalid']}, expected ${invalid}`);
    }
    if (ratio >= MAX_RATIO) failures.push(`peak RSS ${mb(peak)} is not below ${MAX_RATIO} × the file size (${mb(MAX_RATIO * size)})`);

    const table: [string, string][] = [
      ['rows', grouped(rows)],
      ['file size', `${mb(size)} (${grouped(size)} bytes)`],
      ['elapsed', `${evaluated.seconds.toFixed(1)} s`],
      ['peak RSS', mb(peak)],
      ['ratio', `${ratio.toFixed(2)} × file size (limit ${MAX_RATIO})`],
      ['baseline RSS', `${mb(baseline.peakKb * 1024)} (servicemaal plans)`],
      ['method', evaluated.method],
      ['node', process.version],
    ];
    const width = Math.max(...table.map(([label]) => label.length));
    for (const [label, value] of table) console.log(`${label.padEnd(width)}  ${value}`);
    if (failures.length > 0) {
      for (const failure of failures) console.error(`FAIL: ${failure}`);
      return 1;
    }
    console.log('OK: the counts reconcile and the peak RSS is within bounds');
    return 0;
  } finally {
    if (values.keep === true) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
