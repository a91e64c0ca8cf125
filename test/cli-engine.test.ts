/**
 * `evaluate --engine duckdb`: the plan's query run by DuckDB on a CSV file, on a Parquet file and on
 * a table of a DuckDB database file gives the report the command line's own CSV reader gives (the
 * examples' exports with ISO dates, as the engine reads dates; the files are written to a scratch
 * folder, the Parquet file and the database by DuckDB); and the options an engine cannot honour are
 * refused with a message that says why.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvalidRecord, PlanReport } from '../src/index.js';
import { danishDateToIso } from '../src/io/index.js';
import { runCli } from './cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-cli-engine-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** An example export with its Danish dates written as ISO dates (every other cell as it is), in the scratch folder. */
function isoCopy(example: string): string {
  const lines = readFileSync(new URL(`../examples/data/${example}`, import.meta.url), 'utf8').split('\n');
  const path = join(scratch, example);
  writeFileSync(path, lines.map((line, i) => (i === 0 ? line : line.split(';').map(danishDateToIso).join(';'))).join('\n'));
  return path;
}

/** Runs SQL statements in DuckDB (in memory, or in a database file). */
async function duckdb(database: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A report as JSON, its problems without where they were read (file, line, and the message that names them). */
function unplaced(report: PlanReport): unknown {
  return { ...report, invalid: report.invalid.map(({ file: _file, line: _line, message: _message, ...rest }: InvalidRecord) => rest) };
}

const AGENCY = ['--plan', 'siri-2023', '--group-scoring', '1.1=share-of-tiers', '--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', 'examples/data/case-type-codes.csv', '--format', 'json'];
const MIXED = ['--plan', 'siri-2023', '--map', 'id=Sagsnr,caseType=Sagstype,applicationKind=Ansøgningstype,applied=Modtaget,decided=Afgjort,withoutTarget=Styringsmål', '--codes', 'examples/data/koder.csv', '--format', 'json'];

describe('evaluate --engine duckdb', () => {
  let agency = '';
  let parquet = '';
  let database = '';
  beforeAll(async () => {
    agency = isoCopy('agency-export.csv');
    parquet = join(scratch, 'agency.parquet');
    database = join(scratch, 'agency.duckdb');
    const read = `read_csv('${agency}', all_varchar = true, header = true)`;
    await duckdb(':memory:', `COPY (SELECT * FROM ${read}) TO '${parquet}' (FORMAT parquet)`);
    await duckdb(database, `CREATE TABLE sager AS SELECT * FROM ${read}`);
  });

  it('gives the report of the CSV reader on the bundled export, Danish dates and all, with every problem at its line', async () => {
    const bundled = 'examples/data/agency-export.csv';
    const plain = await runCli(['evaluate', ...AGENCY, bundled]);
    const engine = await runCli(['evaluate', ...AGENCY, '--engine', 'duckdb', bundled]);
    expect(plain.code).toBe(2);
    expect(engine.code).toBe(2);
    const report = JSON.parse(engine.out) as PlanReport;
    expect(report.counts).toEqual({ input: 2003, measured: 1507, pending: 109, outOfPeriod: 239, withoutTarget: 145, invalid: 3 });
    // The figures, the problems with their lines and messages, and an empty cell read as missing (value null): all as the CSV reader gives them.
    expect(report).toEqual(JSON.parse(plain.out));
    expect(report.invalid.map((problem) => [problem.line, problem.column, problem.value])).toEqual([[601, 'indgivet', '2023-02-29'], [852, 'sagstype', null], [1395, 'afgjort', '2023-08-04']]);
    expect(engine.err).toContain('3 problem(s) in invalid rows');
  });

  it('rewrites the Danish dates of a CSV file as the file readers do, and leaves any other text to be reported', async () => {
    const texts = [' 01-03-2023 ', '1-3-2023', '1.3.2023', '31.12.2022', '29-02-2023', '30.02.2024', '01-03.2023', '001-03-2023', '1-3-23', '2023-03-01', '2023-3-1', '01-03-2023 9.05', '1.3.2023 09:05:30', '01.03.2023 10.15.30,123456789', '01-03-2023T23:59:59.5', '01-03-2023 24:00', '01-03-2023 9:5', '01-03-2023 10:15 +01:00', '2023-03-01 10:15', 'i går'];
    const rows = texts.flatMap((text, i) => [`D${String(i)};eu;${text};`, `E${String(i)};eu;2023-01-01;${text}`]);
    const csv = join(scratch, 'danish.csv');
    writeFileSync(csv, `id;caseType;applied;decided\n${rows.join('\n')}\n`);
    const options = ['--plan', 'siri-2023', '--period', '2023', '--format', 'json', '--max-problems', '0'];
    const plain = JSON.parse((await runCli(['evaluate', ...options, csv])).out) as PlanReport;
    const engine = JSON.parse((await runCli(['evaluate', ...options, '--engine', 'duckdb', csv])).out) as PlanReport;
    expect(engine).toEqual(plain);
    expect(engine.counts.invalid).toBeGreaterThan(10);
    expect(engine.counts.measured).toBeGreaterThan(5);
  });

  it('gives the same figures on a Parquet file written by DuckDB, numbering its rows from 1', async () => {
    const plain = JSON.parse((await runCli(['evaluate', ...AGENCY, agency])).out) as PlanReport;
    const engine = await runCli(['evaluate', ...AGENCY, '--engine', 'duckdb', parquet]);
    expect(engine.code).toBe(2);
    const report = JSON.parse(engine.out) as PlanReport;
    expect(unplaced(report)).toEqual(unplaced(plain));
    expect(report.invalid.map((problem) => problem.message)).toEqual([
      `${parquet}:600 (id SIRI-05986): applied "2023-02-29" is not a calendar date`,
      `${parquet}:851 (id SIRI-08487): caseType is missing`,
      `${parquet}:1394 (id SIRI-13906): decided is before the application date`,
    ]);
  });

  it('gives the same figures on a table of a DuckDB database file', async () => {
    const plain = JSON.parse((await runCli(['evaluate', ...AGENCY, agency])).out) as PlanReport;
    const engine = await runCli(['evaluate', ...AGENCY, '--engine', 'duckdb', '--database', database, '--table', 'sager']);
    expect(engine.code).toBe(2);
    const report = JSON.parse(engine.out) as PlanReport;
    expect(unplaced(report)).toEqual(unplaced(plain));
    expect(report.invalid[0]?.message).toBe('sager:600 (id SIRI-05986): applied "2023-02-29" is not a calendar date');
  });

  it('applies --codes to case types, attributes and the flag, and names a repeated id\'s other record by its line', async () => {
    const mixed = isoCopy('mixed-export.csv');
    for (const duplicates of ['first', 'last']) {
      const options = [...MIXED, '--duplicates', duplicates, '--max-problems', '5'];
      const plain = await runCli(['evaluate', ...options, mixed]);
      const engine = await runCli(['evaluate', ...options, '--engine', 'duckdb', mixed]);
      expect(engine.code).toBe(2);
      expect(JSON.parse(engine.out)).toEqual(JSON.parse(plain.out));
      const report = JSON.parse(engine.out) as PlanReport;
      expect(report.invalidCounts).toEqual({ duplicate_record: 23 });
      expect(report.invalid[0]?.reason).toMatch(new RegExp(`is at ${mixed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`));
    }
    // Read in Danish, the other record is named by its line too.
    const danish = await runCli(['evaluate', ...MIXED.slice(0, -2), '--locale', 'da', '--engine', 'duckdb', mixed]);
    expect(danish.out).toContain(`${mixed}:228 (id SAG-00204): id er gentaget: den første post med det er i ${mixed}:205`);
  });

  it('reads DATE and TIMESTAMP columns of a Parquet file as the library reads ISO dates and UTC instants', async () => {
    // Decided at 23:30 UTC on 2 January: 3 January in Copenhagen, 2 days after the application
    // (beyond EU's limit of 1 day); read as the text of a wall-clock time it would be 2 January.
    const csv = join(scratch, 'instants.csv');
    writeFileSync(csv, 'id,caseType,applied,decided\nA1,eu,2023-01-01,2023-01-02T23:30:00Z\nA2,eu,2023-01-01,2023-01-01T10:00:00Z\nA3,eu,2023-01-02,\n');
    const typed = join(scratch, 'instants.parquet');
    await duckdb(':memory:', `COPY (SELECT id, caseType, CAST(applied AS DATE) AS applied, CAST(replace(replace(decided, 'T', ' '), 'Z', '') AS TIMESTAMP) AS decided FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${typed}' (FORMAT parquet)`);
    const options = ['--plan', 'siri-2023', '--period', '2023-Q1', '--format', 'json'];
    const plain = JSON.parse((await runCli(['evaluate', ...options, csv])).out) as PlanReport;
    const engine = await runCli(['evaluate', ...options, '--engine', 'duckdb', typed]);
    expect(engine.code).toBe(0);
    const report = JSON.parse(engine.out) as PlanReport;
    expect(report).toEqual(plain);
    expect(report.counts).toMatchObject({ input: 3, measured: 2, pending: 1 });
    expect(report.targets.find((target) => target.id === 'eu')?.tiers[0]).toMatchObject({ limit: { amount: 1, unit: 'days' }, measured: 2, within: 1 });
  });

  it('stops with a message naming the value when a text flag is neither true nor false', async () => {
    const csv = join(scratch, 'flags.csv');
    writeFileSync(csv, 'id,caseType,applied,decided,withoutTarget\nA1,eu,2023-01-02,2023-01-03,TRUE\nA2,eu,2023-01-02,2023-01-03,maybe\n');
    const run = await runCli(['evaluate', '--plan', 'siri-2023', '--engine', 'duckdb', csv]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${csv}: withoutTarget (column withoutTarget) must be true or false, got "maybe"`);
  });

  it('refuses what it cannot read, saying why', async () => {
    const csv = join(scratch, 'small.csv');
    writeFileSync(csv, 'id,caseType,applied,pauses\nA1,eu,2023-01-02,\n');
    const refused = async (args: string[]): Promise<string> => {
      const run = await runCli(['evaluate', '--plan', 'siri-2023', ...args]);
      expect(run.code).toBe(1);
      expect(run.out).toBe('');
      return run.err;
    };
    expect(await refused(['--engine', 'duckdb', '-'])).toContain('--engine duckdb reads a file, not standard input');
    expect(await refused(['--engine', 'duckdb', 'examples/data/siri-2023-cases.json'])).toContain('--engine duckdb reads .csv and .parquet files');
    expect(await refused(['--engine', 'duckdb', agency, agency])).toContain('reads one file of case records');
    expect(await refused(['--engine', 'oracle', agency])).toContain('--engine must be one of duckdb, postgres, not "oracle"');
    expect(await refused(['--engine', 'duckdb', '--database', database])).toContain('--database needs --table');
    expect(await refused(['--table', 'sager', agency])).toContain('--table applies to a table of a database');
    expect(await refused(['--engine', 'duckdb', '--order', 'nr', agency])).toContain('--order applies to a table of a database');
    expect(await refused(['--database', database, '--table', 'sager'])).toContain('--database takes a postgres:// or postgresql:// URL, or a DuckDB database file with --engine duckdb');
    expect(await refused(['--engine', 'duckdb', '--contacts', agency, agency])).toContain('--contacts is not read with --engine');
    expect(await refused(['--engine', 'duckdb', '--cases-out', join(scratch, 'out.csv'), agency])).toContain('--cases-out is not read with --engine');
    expect(await refused(['--engine', 'duckdb', join(scratch, 'none.csv')])).toContain('no such file');
    expect(await refused(['--engine', 'duckdb', '--map', 'applied=modtaget', agency])).toContain('--map: the column "modtaget" for applied is not in');
    expect(await refused(['--engine', 'duckdb', agency])).toContain('no column for id, caseType, applied (map columns with --map');
    expect(await refused(['--engine', 'duckdb', csv])).toContain('a pauses column is not read by an engine');
    expect(await refused(['--engine', 'duckdb', '--database', database, '--table', 'sager', '--order', 'nr'])).toContain('--order: the column "nr" is not in sager');
    expect(await refused(['--database', 'spark://localhost:10000', '--table', 'sager'])).toContain("Spark from the command line: use servicemaal/spark's connectSpark in a script (see docs/at-scale.md)");
  });
});
