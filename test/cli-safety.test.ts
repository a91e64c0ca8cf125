/**
 * The command line with any output target and any arguments: results written whole or not at all,
 * a closed pipe and a full disk handled without a stack trace, CSV cells that cannot become
 * formulas, control characters shown as escapes, repeated options read in order or refused, long
 * lists written in pieces, and a start-up that loads only what a command needs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPieces } from '../src/cli/output.js';
import { evaluatePlan, getPlan, listPlans, pendingAt, type PendingReport, type PlanReport } from '../src/index.js';
import { ensureBuilt } from './build.js';
import { runCli } from './cli-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string): string => join(root, 'test', 'fixtures', 'io', name);
const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-cli-safety-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const run = runCli;

/** The command line from the sources, as a child process. */
const BIN = ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts')];

/** A folder of its own for a test, with the files in it listed by `files()`. */
function folder(name: string): { dir: string; files: () => string[] } {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return { dir, files: () => readdirSync(dir).sort() };
}

/** A CSV file of `rows` valid case records. */
function casesCsv(path: string, rows: number): void {
  const lines = ['id,caseType,applied,decided'];
  for (let i = 0; i < rows; i++) lines.push(`C${i},fast-track,2023-03-${String((i % 28) + 1).padStart(2, '0')},`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('--out', () => {
  it('replaces a previous report only with a complete one, leaving no temporary file', async () => {
    const { dir, files } = folder('replace');
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous report\n');
    const done = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--out', out, fixture('sager.json')]);
    expect(done.code).toBeLessThanOrEqual(2);
    expect((JSON.parse(readFileSync(out, 'utf8')) as PlanReport).plan.id).toBe('siri-2023');
    expect(files()).toEqual(['report.json']);

    // A run that fails after it has started (an input file that does not exist) keeps the report.
    writeFileSync(out, 'previous report\n');
    const failed = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--out', out, fixture('sager.json'), join(dir, 'missing.csv')]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('no such file');
    expect(readFileSync(out, 'utf8')).toBe('previous report\n');
    expect(files()).toEqual(['report.json']);
  });

  it('leaves the previous report and no temporary file when interrupted (Ctrl-C)', async () => {
    const { dir, files } = folder('interrupted');
    const out = join(dir, 'report.csv');
    writeFileSync(out, 'previous report\n');
    // Standard input stays open: the command waits for more records when the signal comes.
    const child = spawn(process.execPath, [...BIN, 'evaluate', '--plan', 'siri-2023', '--format', 'csv', '--out', out, '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('id,caseType,applied,decided\nA1,fast-track,2023-03-01,2023-03-20\n');
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code); }));
    // The temporary file appears beside the report when the command has started.
    for (let waited = 0; files().length < 2; waited += 50) {
      if (waited > 30_000) throw new Error(`no temporary file in ${dir}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(files().find((file) => file !== 'report.csv')).toMatch(/^\.report\.csv\.\d+-.*\.tmp$/);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('previous report\n');
    expect(files()).toEqual(['report.csv']);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('reports a full disk in one line naming the file, exit code 1', async () => {
    const result = await run(['evaluate', '--plan', 'siri-2023', '--out', '/dev/full', fixture('sager.json')]);
    expect(result.code).toBe(1);
    expect(result.err.split('\n').filter((line) => !line.includes('warning'))).toEqual(['servicemaal: cannot write /dev/full: no space left on the device (ENOSPC)', '']);
  });

  it('reports a missing folder before reading anything, and creates nothing', async () => {
    const { dir, files } = folder('missing-folder');
    const out = join(dir, 'no', 'such', 'report.csv');
    const result = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--out', out, fixture('sager.json')]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`servicemaal: cannot write ${out}: no such file or directory (ENOENT)\n`);
    expect(files()).toEqual([]);
  });

  it('writes through to a device such as /dev/null rather than replacing it', async () => {
    const result = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--format', 'csv', '--out', '/dev/null', fixture('sager.json')]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });
});

describe('standard output', () => {
  it('ends quietly with exit code 0 when the reader closes the pipe (| head -1)', async () => {
    const big = join(folder('pipe').dir, 'invalid.csv');
    // Every row invalid: validate writes a line for each, far more than a pipe holds.
    const lines = ['id,caseType,applied,decided'];
    for (let i = 0; i < 200_000; i++) lines.push(`B${i},fast-track,2023-02-30,`);
    writeFileSync(big, `${lines.join('\n')}\n`);
    const child = spawn(process.execPath, [...BIN, 'validate', big], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const first = await new Promise<string>((resolve) => {
      child.stdout.once('data', (chunk: Buffer) => {
        // The reader takes the first line and goes away.
        child.stdout.destroy();
        resolve(chunk.toString().split('\n')[0] ?? '');
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exit) => { resolve(exit); }));
    expect(first).toMatch(/invalid\.csv:2 \(id B0\): applied "2023-02-30"/);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('reports a full disk in one line, exit code 1, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [...BIN, 'validate', fixture('daarlige-raekker.csv')], { cwd: root, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('servicemaal: cannot write standard output: no space left on the device (ENOSPC)\n');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      closeSync(full);
    }
  }, 30_000);
});

describe('CSV from the command line', () => {
  it('neutralises ids that begin like a formula and keeps negative numbers', async () => {
    const file = join(folder('formulas').dir, 'cases.csv');
    writeFileSync(file, 'id,caseType,applied,decided\n=1+1,fast-track,2023-08-01,\n-5,fast-track,2023-09-25,\n@cmd,fast-track,2023-09-01,\n');
    const result = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-09-30', '--format', 'csv', file]);
    expect(result.code).toBe(0);
    const rows = result.out.trimEnd().split('\n').slice(1).map((row) => row.split(','));
    expect(rows.map((row) => [row[1], row[9]])).toEqual([
      ["'=1+1", '-29'],
      ["'@cmd", '2'],
      ["'-5", '26'],
    ]);
  });
});

describe('control characters in messages', () => {
  it('are shown as escapes in problem lines, warnings and errors', async () => {
    const file = join(folder('controls').dir, 'cases.csv');
    writeFileSync(file, 'id,caseType,applied,decided,\u001b]0;owned\u0007\n"A\u001b[2J\nB",fast-track,2023-02-30,,x\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('(id A\\u001b[2J\\nB): applied "2023-02-30" is not a calendar date');
    expect(result.err).toContain('columns not used: \\u001b]0;owned\\u0007');
    for (const text of [result.out, result.err]) expect(text.includes('\u0007') || text.includes('\u001b')).toBe(false);
    const unknown = await run(['plans', 'show', 'x\u001b[2J']);
    expect(unknown.err).toContain('unknown plan "x\\u001b[2J"');
    expect(unknown.err).not.toContain('\u001b');
  });
});

describe('repeated options', () => {
  it('reads every --contacts file in order: counts add up, problems name their file and line', async () => {
    const { dir } = folder('contacts');
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    writeFileSync(first, 'id,channel,at,waitMinutes\nK1,phone,2023-09-04,7.5\nK2,phone,2023-09-04,x\n');
    writeFileSync(second, 'id,channel,at,waitMinutes\nK3,phone,2023-09-05,12\nK4,phone,2023-02-30,3\nK5,phone,2023-09-05,4\n');
    const both = await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--contacts', first, '--contacts', second]);
    const report = JSON.parse(both.out) as PlanReport;
    expect(report.contacts.counts.input).toBe(5);
    expect(report.contacts.counts.invalid).toBe(2);
    expect(report.contacts.counts.measured).toBe(3);
    expect(report.invalid.map((entry) => [entry.index, entry.message.split(' ')[0]])).toEqual([
      [1, `${first}:3`],
      [3, `${second}:3`],
    ]);
    const telefon = report.targets.find((target) => target.id === 'telefon')?.tiers[0];
    expect(telefon).toMatchObject({ measured: 3, within: 2 });
  });

  it('reads every --observations file and every case file', async () => {
    const observations = fileURLToPath(new URL('../examples/data/siri-2023-observations.json', import.meta.url));
    const once = JSON.parse((await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--observations', observations])).out) as PlanReport;
    const twice = JSON.parse((await run(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--observations', observations, '--observations', observations])).out) as PlanReport;
    expect(twice.observations.counts.input).toBe(2 * once.observations.counts.input);
    // The second file repeats every centre and day of the first: read as one input, each of its
    // valid observations is a duplicate, found however far apart the two are.
    expect(twice.observations.counts.measured).toBe(once.observations.counts.measured);
    expect(twice.observations.counts.invalid).toBe(once.observations.counts.input + once.observations.counts.invalid);
    expect(twice.invalidCounts.duplicate_record).toBe(once.observations.counts.input - once.observations.counts.invalid);
    const pending = JSON.parse((await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--format', 'json', fixture('sager.json'), fixture('sager.json')])).out) as PendingReport;
    const single = JSON.parse((await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--format', 'json', fixture('sager.json')])).out) as PendingReport;
    expect(pending.counts.input).toBe(2 * single.counts.input);
  });

  it('names the file and line of an invalid record among several case files of pending', async () => {
    const { dir } = folder('pending-files');
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    writeFileSync(first, 'id,caseType,applied,decided\nA1,fast-track,2023-09-01,\n');
    writeFileSync(second, 'id,caseType,applied,decided\nB1,fast-track,2023-09-02,\nB2,fast-track,2023-02-30,\n');
    const result = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-09-30', '--format', 'json', first, second]);
    expect(result.code).toBe(2);
    const pending = JSON.parse(result.out) as PendingReport;
    expect(pending.counts).toMatchObject({ input: 3, pending: 2, invalid: 1 });
    expect(pending.invalid.map((entry) => entry.message)).toEqual([`${second}:3 (id B2): applied "2023-02-30" is not a calendar date`]);
  });

  it.each([
    ['--plan', ['evaluate', '--plan', 'siri-2023', '--plan', 'siri-2024', 'x.csv']],
    ['--out', ['evaluate', '--plan', 'siri-2023', '--out', 'a.csv', '--out', 'b.csv', 'x.csv']],
    ['--format', ['pending', '--plan', 'siri-2023', '--as-of', '2023-12-31', '--format', 'csv', '--format', 'json', 'x.csv']],
    ['--map', ['validate', '--map', 'id=a', '--map', 'id=b', 'x.csv']],
    ['--format', ['plans', '--format', 'json', '--format', 'table']],
  ])('refuses %s given twice (a usage error, nothing read)', async (option, argv) => {
    const result = await run(argv);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`servicemaal: ${option} was given 2 times; give it once`);
    expect(result.out).toBe('');
  });
});

describe('long results', () => {
  it('are written as JSON in pieces, exactly as JSON.stringify writes them', () => {
    const cases = [
      { id: 'A1', caseType: 'fast-track', applied: '2023-08-01' },
      { id: 'A2', caseType: 'studie', applied: '2023-09-01' },
      { id: 'B1', caseType: 'fast-track', applied: '2023-02-30' },
    ];
    const pending = pendingAt(getPlan('siri-2023'), cases, { asOf: '2023-09-30' });
    const report = evaluatePlan(getPlan('siri-2023'), cases);
    for (const value of [pending, report, { empty: [], nothing: undefined, list: [undefined, 1] }, {}, [1, [2]], 'text', null]) {
      expect(Array.from(jsonPieces(value)).join('')).toBe(JSON.stringify(value, null, 2));
    }
  });

  it('are written as JSON beyond the longest string (a backlog of millions of cases)', () => {
    // 600,000 entries of 1,000 characters: more than 2^29 characters in all.
    const entry = { id: 'x'.repeat(1000) };
    const cases = new Array<typeof entry>(600_000).fill(entry);
    let length = 0;
    let pieces = 0;
    let longest = 0;
    for (const piece of jsonPieces({ asOf: '2023-09-30', cases })) {
      length += piece.length;
      longest = Math.max(longest, piece.length);
      pieces++;
    }
    expect(length).toBeGreaterThan(2 ** 29);
    expect(pieces).toBeGreaterThan(600_000);
    expect(longest).toBeLessThan(2000);
  }, 60_000);

  it('lists a backlog through pending as table, CSV and JSON that match the library', async () => {
    const file = join(folder('backlog').dir, 'backlog.csv');
    casesCsv(file, 30_000);
    const table = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-09-30', file]);
    expect(table.code).toBe(0);
    expect(table.out).toContain('At risk, soonest due first (30,000 entries; a case once per tier)');
    const json = await run(['pending', '--plan', 'siri-2023', '--as-of', '2023-09-30', '--format', 'json', file]);
    const records = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((row) => {
      const [id, caseType, applied] = row.split(',');
      return { id, caseType, applied, decided: null };
    });
    expect(json.out).toBe(`${JSON.stringify(pendingAt(getPlan('siri-2023'), records, { asOf: '2023-09-30' }), null, 2)}\n`);
  }, 60_000);
});

describe('the built command line', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 180_000);

  /** The bare imports (packages) of the modules `file` loads before it runs, following its static imports. */
  function staticPackages(file: string): Set<string> {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const code = readFileSync(join(root, 'dist', name), 'utf8');
      for (const match of code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gms)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('./')) visit(specifier.slice(2));
        else packages.add(specifier);
      }
    };
    visit(file);
    return packages;
  }

  it('lists the plans without loading zod, the file readers or date-holidays', () => {
    const plansChunk = readdirSync(join(root, 'dist')).find((name) => /^plans-[A-Z0-9]+\.js$/.test(name));
    expect(plansChunk).toBeDefined();
    const loaded = new Set([...staticPackages('cli.js'), ...staticPackages(plansChunk as string)]);
    for (const heavy of ['zod', 'csv-parse', 'csv-parse/sync', 'date-holidays', 'exceljs']) expect(loaded).not.toContain(heavy);
    // The evaluation itself, of a bundled plan, needs no plan schema either.
    const evaluateChunk = readdirSync(join(root, 'dist')).find((name) => /^evaluate-[A-Z0-9]+\.js$/.test(name));
    expect(staticPackages(evaluateChunk as string)).not.toContain('zod');
    // Nor exceljs, loaded only when a workbook is read or written.
    expect(staticPackages(evaluateChunk as string)).not.toContain('exceljs');
  });

  it('has the plans of the catalogue, unchanged', () => {
    for (const { id } of listPlans()) {
      const shown = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'plans', 'show', id, '--format', 'json'], { encoding: 'utf8' });
      expect(shown.status).toBe(0);
      expect(JSON.parse(shown.stdout)).toEqual(JSON.parse(JSON.stringify(getPlan(id))));
    }
    const listed = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'plans'], { encoding: 'utf8' });
    expect(listed.stdout.split('\n').filter(Boolean).map((row) => row.split(/\s+/)[0])).toEqual(listPlans().map((plan) => plan.id));
  });

  it('still validates a plan JSON file against the schema', () => {
    const plan = join(folder('plan-file').dir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ id: 'p', title: 'P', targets: [{ id: 'x', label: 'X', caseTypes: ['x'], tiers: [{ limit: { amount: 1, unit: 'fortnights' }, required: 0.5 }] }] }));
    const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'evaluate', '--plan', plan, fixture('sager.json')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unit');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
