/**
 * The published package: build it, pack it, install the tarball into a scratch project, and use
 * it through `require` and `import`, as a user would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-consumer-'));
let packedFiles: string[] = [];

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const USE = `
  const report = sm.evaluatePlan(sm.getPlan('siri-2023'), [
    { id: 'a', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-01' },
    { id: 'b', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-02' },
  ], { period: '2023' });
  const tier = report.targets.find((t) => t.id === 'fast-track').tiers[0];
  // Maundy Thursday, Good Friday and Easter Monday 2024 are closed: one working day after 27 March.
  const easter = sm.workingDaysBetween('2024-03-27', '2024-04-02');
  console.log(JSON.stringify({ within: tier.within, measured: tier.measured, easter, error: typeof sm.ServicemaalError }));
`;

beforeAll(() => {
  run('npm', ['run', 'build'], root);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (packed === undefined) throw new Error('npm pack returned nothing');
  packedFiles = packed.files.map((file) => file.path).sort();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed.filename)], scratch);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('contains the ESM, CJS and type builds and no sources', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/io.js', 'dist/io.cjs', 'dist/io.d.ts', 'dist/cli.js', 'dist/scan-worker.js', 'package.json']),
    );
    expect(packedFiles.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(file))).toEqual([]);
  });

  it('works with require()', () => {
    const out = run('node', ['-e', `const sm = require('servicemaal');${USE}`], scratch);
    expect(JSON.parse(out)).toEqual({ within: 1, measured: 2, easter: 1, error: 'function' });
  });

  it('installs the servicemaal command', () => {
    const bin = join(scratch, 'node_modules', '.bin', 'servicemaal');
    expect(run(bin, ['--version'], scratch).trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run(bin, ['plans'], scratch)).toContain('siri-2023');
  });

  it('runs the built command end to end on the fixture files, with exit codes', () => {
    const bin = join(scratch, 'node_modules', '.bin', 'servicemaal');
    const fixture = (name: string): string => join(root, 'test', 'fixtures', 'io', name);
    const danish = ['--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', fixture('sagstyper.csv')];
    const cli = (args: string[], input?: string) => spawnSync(bin, args, { cwd: scratch, encoding: 'utf8', ...(input === undefined ? {} : { input }) });

    // A Danish semicolon export with BOM and CRLF: evaluated, counts reconcile, exit 0
    const good = cli(['evaluate', '--plan', 'siri-2023', '--format', 'json', ...danish, fixture('sager-danske.csv')]);
    expect(good.status, good.stderr).toBe(0);
    const counts = (JSON.parse(good.stdout) as { counts: Record<string, number> }).counts;
    expect((counts.measured ?? 0) + (counts.pending ?? 0) + (counts.outOfPeriod ?? 0) + (counts.withoutTarget ?? 0) + (counts.invalid ?? 0)).toBe(counts.input);

    // Bad rows: exit 2, a message per row with its line number, the report still written
    const bad = cli(['evaluate', '--plan', 'siri-2023', '--format', 'markdown', ...danish, fixture('daarlige-raekker.csv')]);
    expect(bad.status).toBe(2);
    for (const line of [3, 4, 6, 7]) expect(bad.stdout).toContain(`daarlige-raekker.csv:${line}`);
    expect(cli(['validate', ...danish, fixture('daarlige-raekker.csv')]).status).toBe(2);

    // JSON, NDJSON and standard input
    expect(cli(['evaluate', '--plan', 'siri-2023', fixture('sager.json')]).status).toBeLessThanOrEqual(2);
    const fromStdin = cli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '-'], readFileSync(fixture('sager.ndjson'), 'utf8'));
    const fromFile = cli(['evaluate', '--plan', 'siri-2023', '--format', 'json', fixture('sager.ndjson')]);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ counts: (JSON.parse(fromFile.stdout) as { counts: unknown }).counts });

    // A usage error: exit 1 with a message, no stack trace
    const usage = cli(['evaluate', '--plan', 'siri-2023', '--bogus']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads a large CSV file on two threads with the result of one', () => {
    const bin = join(scratch, 'node_modules', '.bin', 'servicemaal');
    // 17 MB: above the size from which the command reads a file on two threads.
    const types = ['fast-track', 'eu', 'studie', 'phd', 'au-pair'];
    const lines = ['id,caseType,applied,decided'];
    for (let i = 0; i < 380_000; i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((i % 28) + 1).padStart(2, '0');
      const decided = i % 11 === 0 ? '' : `2023-${month}-${String(Math.min(28, (i % 28) + 1 + (i % 5))).padStart(2, '0')}`;
      lines.push(`CASE-${String(i).padStart(8, '0')},${types[i % types.length] ?? ''},2023-${month}-${day},${decided}`);
    }
    // Invalid rows in both halves, named by their lines.
    lines[1000] = 'BAD-1,eu,2023-02-30,2023-03-01';
    lines[300_000] = 'BAD-2,eu,2023-03-01,2023-02-01';
    const big = join(scratch, 'big.csv');
    writeFileSync(big, `${lines.join('\n')}\n`);
    const reports = ['1', '2'].map((threads) => {
      const out = join(scratch, `big-${threads}.json`);
      const result = spawnSync(bin, ['evaluate', '--plan', 'siri-2023', '--period', '2023', '--threads', threads, '--format', 'json', '--out', out, big], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(2);
      return readFileSync(out, 'utf8');
    });
    expect(reports[1]).toBe(reports[0]);
    const report = JSON.parse(reports[0] ?? '') as { counts: { input: number; invalid: number }; invalid: { message: string }[] };
    expect(report.counts).toMatchObject({ input: 380_000, invalid: 2 });
    expect(report.invalid.map((entry) => entry.message.split(': ')[0])).toEqual([`${big}:1001 (id BAD-1)`, `${big}:300001 (id BAD-2)`]);
  }, 60_000);

  it('offers the file readers as servicemaal/io, for require and import', () => {
    const read = "r.parseFieldMap('applied=indgivet').applied";
    expect(run('node', ['-e', `const r = require('servicemaal/io'); console.log(${read})`], scratch).trim()).toBe('indgivet');
    expect(run('node', ['--input-type=module', '-e', `import * as r from 'servicemaal/io'; console.log(${read})`], scratch).trim()).toBe('indgivet');
  });

  it('works with import', () => {
    const out = run('node', ['--input-type=module', '-e', `import * as sm from 'servicemaal';${USE}`], scratch);
    expect(JSON.parse(out)).toEqual({ within: 1, measured: 2, easter: 1, error: 'function' });
  });
});
