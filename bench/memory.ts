/**
 * Memory check of the command line (`npm run bench:memory`, or `tsx bench/memory.ts --rows N`).
 *
 * 1. Writes a deterministic CSV of SIRI 2023 case records (1,000,000 rows unless `--rows N`) to a
 *    temporary folder, with the generator of bench/data.ts in the shape `MEMORY_FILE`: header
 *    `id,caseType,applied,decided`, applications from 2022-10-01 to 2023-12-31 (fewer at
 *    weekends), processing times drawn per case type, data extracted on 2024-01-15 (cases decided
 *    later are pending: empty `decided`), a few case types without a 2023 target, some dates in
 *    Danish `dd-mm-yyyy`, and one invalid record (decided before applied) per 250,000 rows. A
 *    seeded PRNG (mulberry32) and integer day arithmetic only: the same rows give the same bytes.
 * 2. Runs the built command line, `node dist/cli.js evaluate --plan siri-2023 --format json --out
 *    <tmp>/report.json <csv>`, as a child process and measures its peak resident set size.
 * 3. Checks that the report's counts reconcile (input = rows = measured + pending + outOfPeriod +
 *    withoutTarget + invalid, with the invalid rows written) and that the peak RSS is below three
 *    times the file size; prints a table and exits with 1 when a check fails.
 *
 * How the peak RSS is measured (bench/child.ts): the child is `node <tmp>/wrapper.mjs evaluate ...`,
 * a few lines that import dist/cli.js (which runs the command line on the same arguments) and print
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
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, measure, writeWrapper } from './child.js';
import { MEMORY_FILE, writeCases } from './data.js';

const MAX_RATIO = 3;

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
    const wrapper = writeWrapper(dir);

    const generated = performance.now();
    const { invalid } = writeCases(csv, rows, MEMORY_FILE);
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
