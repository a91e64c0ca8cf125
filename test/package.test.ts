/**
 * The published package: build it, pack it, install the tarball into a scratch project, and use
 * it through `require` and `import`, the command and strict TypeScript, as a user would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './build.js';

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

/**
 * A consumer's TypeScript, written against the namespaces `sm` (servicemaal) and `io`
 * (servicemaal/io) so that the same lines compile as an ES module and as CommonJS. Each
 * `@ts-expect-error` line must fail to compile, which proves the shipped types are precise (not `any`).
 */
const TYPED_USE = `
const cases: sm.CaseRecord[] = [
  { id: 'a', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-01' },
  { id: 'b', caseType: 'fast-track', applied: '2023-03-01', decided: null },
];
const report: sm.PlanReport = sm.evaluatePlan(sm.getPlan('siri-2023'), cases, { period: '2023', groupScoring: { '1.1': 'share-of-tiers' } });

function describeTier(tier: sm.TierReport): string {
  switch (tier.kind) {
    case 'share':
      return \`\${tier.within} of \${tier.measured} within, share \${tier.share ?? 'none'}\`;
    case 'mean':
      return \`mean \${tier.mean ?? 'none'}\`;
  }
}
const firstTarget: sm.TargetReport | undefined = report.targets[0];
export const tiers: string[] = firstTarget === undefined ? [] : firstTarget.tiers.map(describeTier);
export const measured: number = report.counts.measured + report.counts.pending;

export const plan: sm.ServicePlan = sm.definePlan({
  id: 'visa-2025',
  title: 'Visa service targets 2025',
  year: 2025,
  targets: [{ id: 'visa', label: 'Visa', caseTypes: ['visa'], tiers: [{ limit: { amount: 15, unit: 'workingDays' }, required: 0.9, weight: 5 }] }],
});

export const codes: sm.IssueCode[] = [];
try {
  sm.getPlan('siri-1999');
} catch (error) {
  if (error instanceof sm.ServicemaalError) {
    for (const issue of error.issues) if (issue.code === 'unknown_plan') codes.push(issue.code);
  }
}

export async function countRows(): Promise<number> {
  const reader: io.RecordReader = io.readRecords({ text: 'id,caseType,applied,decided\\nA1,eu,2023-05-05,2023-05-07\\n' }, { format: 'csv', kind: 'cases' });
  const records: Record<string, unknown>[] = [];
  for await (const row of reader) {
    if (row.problem) codes.push(row.problem.code);
    else records.push(row.record);
  }
  const summary: io.ReadSummary = reader.summary;
  return summary.records + records.length;
}

// @ts-expect-error: a period is a string or { from, to }, not a number
sm.evaluatePlan(plan, cases, { period: 2025 });
// @ts-expect-error: 'best-of' is not a group scoring rule
sm.evaluatePlan(plan, cases, { groupScoring: { '1.1': 'best-of' } });
// @ts-expect-error: 'fortnights' is not a unit of a limit
sm.definePlan({ id: 'p', title: 'P', targets: [{ id: 'x', label: 'X', caseTypes: ['x'], tiers: [{ limit: { amount: 1, unit: 'fortnights' }, required: 0.5 }] }] });
// @ts-expect-error: a tier report has no 'score'
export const score: unknown = report.targets[0]?.tiers[0]?.score;
// @ts-expect-error: issue codes are string literals
export const code: sm.IssueCode = 'no_such_code';
// @ts-expect-error: 'xls' (the old binary format) is not an input format
io.readRecords({ path: 'sager.xls' }, { format: 'xls' });
export const workbook: Promise<Uint8Array> = io.renderDocumentXlsx({ language: 'da', title: 'Rapport', sections: [] });
`;

/** Strict compiler options for the consumer, with the shipped declaration files checked too. */
const STRICT = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, target: 'ES2022' };

beforeAll(() => {
  ensureBuilt();
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (packed === undefined) throw new Error('npm pack returned nothing');
  packedFiles = packed.files.map((file) => file.path).sort();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed.filename)], scratch);
}, 180_000);

// The consumer's node_modules holds the package's dependencies (exceljs's among them): thousands of files.
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe('the packed package', () => {
  it('contains the ESM, CJS and type builds and no sources', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        ...['index', 'io', 'duckdb', 'postgres'].flatMap((entry) => [`dist/${entry}.js`, `dist/${entry}.cjs`, `dist/${entry}.d.ts`, `dist/${entry}.d.cts`]),
        'dist/cli.js',
        'dist/scan-worker.js',
        'package.json',
      ]),
    );
    // Outside dist/: the manifest, the read-me, the licence and the changelog, and nothing else.
    expect(packedFiles.filter((file) => !file.startsWith('dist/'))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
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

  it('type-checks a strict TypeScript consumer with moduleResolution bundler and node16 (ESM and CommonJS)', () => {
    const dir = join(scratch, 'types');
    mkdirSync(dir, { recursive: true });
    const esm = `import * as sm from 'servicemaal';\nimport * as io from 'servicemaal/io';\n${TYPED_USE}`;
    writeFileSync(join(dir, 'consumer.ts'), esm);
    writeFileSync(join(dir, 'consumer.mts'), esm);
    writeFileSync(join(dir, 'consumer.cts'), `import sm = require('servicemaal');\nimport io = require('servicemaal/io');\n${TYPED_USE}`);
    const configs = {
      // A bundler or browser build: no Node.js types at all.
      bundler: { compilerOptions: { ...STRICT, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] }, files: ['consumer.ts'] },
      // Node.js: the .mts file is an ES module (import condition), the .cts file CommonJS (require condition).
      node16: {
        compilerOptions: { ...STRICT, module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], typeRoots: [join(root, 'node_modules', '@types')], types: ['node'] },
        files: ['consumer.mts', 'consumer.cts'],
      },
    };
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const declarations: Record<string, string[]> = {};
    for (const [name, config] of Object.entries(configs)) {
      const tsconfig = join(dir, `tsconfig.${name}.json`);
      writeFileSync(tsconfig, JSON.stringify(config, null, 2));
      const result = spawnSync(tsc, ['--noEmit', '--listFiles', '-p', tsconfig], { cwd: dir, encoding: 'utf8' });
      expect(result.status, `tsc -p tsconfig.${name}.json:\n${result.stdout}${result.stderr}`).toBe(0);
      declarations[name] = [...result.stdout.matchAll(/node_modules\/servicemaal\/dist\/(index|io)\.d\.c?ts$/gm)].map((match) => match[0].slice('node_modules/servicemaal/dist/'.length)).sort();
    }
    // The import condition gives the .d.ts files, the require condition the .d.cts files.
    expect(declarations).toEqual({ bundler: ['index.d.ts', 'io.d.ts'], node16: ['index.d.cts', 'index.d.ts', 'io.d.cts', 'io.d.ts'] });
  }, 120_000);

  it('loads servicemaal and servicemaal/io without the engines\' packages, which only their own entries need', () => {
    // The consumer has not installed the optional peer dependencies.
    for (const engine of ['@duckdb/node-api', 'pg', 'pg-cursor']) {
      expect(spawnSync('node', ['-e', `require.resolve(${JSON.stringify(engine)})`], { cwd: scratch }).status, engine).not.toBe(0);
    }
    const load = (entry: string): string => `import(${JSON.stringify(entry)}).then((m) => console.log(Object.keys(m).length > 0 ? 'loaded' : 'empty'), (e) => console.log(String(e.code ?? e.message)))`;
    for (const entry of ['servicemaal', 'servicemaal/io']) {
      expect(run('node', ['-e', `require(${JSON.stringify(entry)}); console.log('loaded')`], scratch).trim(), `require ${entry}`).toBe('loaded');
      expect(run('node', ['-e', load(entry)], scratch).trim(), `import ${entry}`).toBe('loaded');
    }
    // The check itself: the PostgreSQL runner needs pg-cursor, missing here.
    expect(run('node', ['-e', load('servicemaal/postgres')], scratch).trim()).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('works with import', () => {
    const out = run('node', ['--input-type=module', '-e', `import * as sm from 'servicemaal';${USE}`], scratch);
    expect(JSON.parse(out)).toEqual({ within: 1, measured: 2, easter: 1, error: 'function' });
  });
});

/** The versions of the engines' packages (and of pg's types) the repository is tested with (its node_modules). */
const engineVersions = ['@duckdb/node-api', 'pg', 'pg-cursor', '@types/pg'].map((name) => {
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return `${name}@${version}`;
});

/** DuckDB's runner on an in-memory database, and PostgreSQL's on a client never connected, as a consumer writes them. */
const ENGINES_USE = (duckdb: string, postgres: string, pg: string, ddb: string): string => `
  const instance = await ${ddb}.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = [];
  for await (const row of ${duckdb}.duckdbRunner(connection).rows("SELECT 42::BIGINT, 'Ærø', NULL")) rows.push(row);
  connection.closeSync();
  instance.closeSync();
  const client = new ${pg}.Client();
  console.log(JSON.stringify({ rows, dialect: ${postgres}.postgresRunner(client).dialect }));
`;

describe('the packed package with the engines\' packages installed', () => {
  const consumer = mkdtempSync(join(tmpdir(), 'servicemaal-engines-'));

  beforeAll(() => {
    ensureBuilt();
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', consumer], root)) as { filename: string }[];
    if (packed === undefined) throw new Error('npm pack returned nothing');
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'engines-consumer', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(consumer, packed.filename), ...engineVersions], consumer);
  }, 300_000);

  afterAll(() => {
    rmSync(consumer, { recursive: true, force: true });
  }, 60_000);

  const expected = { rows: [[42, 'Ærø', null]], dialect: 'postgres' };

  it('offers servicemaal/duckdb and servicemaal/postgres to require()', () => {
    const code = `const duckdb = require('servicemaal/duckdb'); const postgres = require('servicemaal/postgres'); const pg = require('pg'); const ddb = require('@duckdb/node-api');
      (async () => {${ENGINES_USE('duckdb', 'postgres', 'pg', 'ddb')}})().catch((error) => { console.error(error); process.exit(1); });`;
    expect(JSON.parse(run('node', ['-e', code], consumer))).toEqual(expected);
  });

  it('offers servicemaal/duckdb and servicemaal/postgres to import', () => {
    const code = `import * as duckdb from 'servicemaal/duckdb'; import * as postgres from 'servicemaal/postgres'; import pg from 'pg'; import * as ddb from '@duckdb/node-api';
      ${ENGINES_USE('duckdb', 'postgres', 'pg', 'ddb')}`;
    expect(JSON.parse(run('node', ['--input-type=module', '-e', code], consumer))).toEqual(expected);
  });

  it('type-checks a strict TypeScript consumer of both runners (ESM and CommonJS)', () => {
    const typed = `
import { DuckDBInstance } from '@duckdb/node-api';
export async function runners(): Promise<string[]> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const client = new pg.Client();
  const pool = new pg.Pool();
  const dialects: ('duckdb' | 'postgres' | 'spark')[] = [duckdb.duckdbRunner(connection).dialect, postgres.postgresRunner(client, { batchSize: 1000 }).dialect, postgres.postgresRunner(pool).dialect];
  const rows: AsyncIterable<readonly unknown[]> = duckdb.duckdbRunner(connection).rows('SELECT 1');
  // @ts-expect-error: a runner takes a client, not a connection string
  postgres.postgresRunner('postgres://localhost/db');
  // @ts-expect-error: the batch size is a number
  postgres.postgresRunner(client, { batchSize: '1000' });
  return rows === null ? [] : dialects;
}
`;
    writeFileSync(join(consumer, 'engines.mts'), `import * as duckdb from 'servicemaal/duckdb';\nimport * as postgres from 'servicemaal/postgres';\nimport pg from 'pg';\n${typed}`);
    writeFileSync(join(consumer, 'engines.cts'), `import duckdb = require('servicemaal/duckdb');\nimport postgres = require('servicemaal/postgres');\nimport pg = require('pg');\n${typed}`);
    const config = {
      compilerOptions: { ...STRICT, module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], typeRoots: [join(root, 'node_modules', '@types')], types: ['node'], esModuleInterop: true },
      files: ['engines.mts', 'engines.cts'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(config, null, 2));
    const result = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(consumer, 'tsconfig.json')], { cwd: consumer, encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 120_000);
});
