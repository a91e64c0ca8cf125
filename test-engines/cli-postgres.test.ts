/**
 * `evaluate --database postgres://… --table`: the plan's query run by PostgreSQL on a table of the
 * example export (ISO dates, as text; and as DATE and TIMESTAMPTZ columns) gives the report the
 * command line's own CSV reader gives. Needs the server of `SERVICEMAAL_TEST_POSTGRES` (a libpq
 * URL); skipped without it on a developer's machine, failing under CI=true.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvalidRecord, PlanReport } from '../src/index.js';
import { danishDateToIso } from '../src/io/index.js';
import { runCli } from '../test/cli-run.js';

const url = process.env['SERVICEMAAL_TEST_POSTGRES'];

describe('evaluate --database postgres://', () => {
  it('has a PostgreSQL server to run on (SERVICEMAAL_TEST_POSTGRES), required under CI', () => {
    if (url === undefined && process.env['CI'] === 'true') expect.fail('SERVICEMAAL_TEST_POSTGRES is not set: the PostgreSQL tests of the command line cannot run (scripts/engines/start.sh sets it)');
    if (url === undefined) console.warn('SERVICEMAAL_TEST_POSTGRES is not set: the PostgreSQL tests of the command line are skipped');
  });
});

describe.skipIf(url === undefined)('evaluate --database postgres:// on a table', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-cli-postgres-'));
  const agency = join(scratch, 'agency-export.csv');
  const table = `cli_agency_${String(process.pid)}`;
  const rows = readFileSync(new URL('../examples/data/agency-export.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';').map(danishDateToIso));
  const client = new pg.Client({ connectionString: url });
  const OPTIONS = ['--plan', 'siri-2023', '--group-scoring', '1.1=share-of-tiers', '--map', 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort', '--case-types', 'examples/data/case-type-codes.csv', '--format', 'json'];

  beforeAll(async () => {
    writeFileSync(agency, rows.map((row) => row.join(';')).join('\n'));
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (nr integer, sagsnr text, sagstype text, indgivet text, afgjort text)`);
    // Stored in reverse, so that only --order gives the records their order.
    const records = rows.slice(1).map((row, i) => [i, ...row]).reverse();
    for (let at = 0; at < records.length; at += 500) {
      const batch = records.slice(at, at + 500);
      const values = batch.map((_, i) => `(${[1, 2, 3, 4, 5].map((k) => `$${String(i * 5 + k)}`).join(', ')})`).join(', ');
      await client.query(`INSERT INTO ${table} VALUES ${values}`, batch.flat().map((value) => (value === '' ? null : value)));
    }
  });
  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('gives the report of the CSV reader, problems at the row of --order', async () => {
    const plain = JSON.parse((await runCli(['evaluate', ...OPTIONS, agency])).out) as PlanReport;
    const run = await runCli(['evaluate', ...OPTIONS, '--database', url ?? '', '--table', table, '--order', 'nr']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.out) as PlanReport;
    const unplaced = (r: PlanReport): unknown => ({ ...r, invalid: r.invalid.map(({ file: _file, line: _line, message: _message, ...rest }: InvalidRecord) => rest) });
    expect(unplaced(report)).toEqual(unplaced(plain));
    expect(report.invalid.map((problem) => problem.message)).toEqual([
      `${table}:600 (id SIRI-05986): applied "2023-02-29" is not a calendar date`,
      `${table}:851 (id SIRI-08487): caseType is missing`,
      `${table}:1394 (id SIRI-13906): decided is before the application date`,
    ]);
  });

  it('warns that the records are in the order PostgreSQL reads them without --order', async () => {
    const run = await runCli(['evaluate', ...OPTIONS, '--database', url ?? '', '--table', table]);
    expect(run.err).toContain(`${table}: without --order the records are numbered`);
    expect((JSON.parse(run.out) as PlanReport).counts.input).toBe(2003);
  });

  it('reads DATE and TIMESTAMPTZ columns, and --dates text reads them as text', async () => {
    const typed = `${table}_typed`;
    await client.query(`DROP TABLE IF EXISTS ${typed}; CREATE TABLE ${typed} (nr integer, id text, casetype text, applied date, decided timestamptz)`);
    // Decided at 23:30 UTC on 31 January: 1 February in Copenhagen, the 31st day after 1 January.
    await client.query(`INSERT INTO ${typed} VALUES (0, 'A1', 'eu', '2023-01-01', '2023-01-31T23:30:00Z'), (1, 'A2', 'eu', '2023-01-01', '2023-01-01T10:00:00Z'), (2, 'A3', 'eu', '2023-01-02', NULL)`);
    const csv = join(scratch, 'instants.csv');
    writeFileSync(csv, 'id,caseType,applied,decided\nA1,eu,2023-01-01,2023-01-31T23:30:00Z\nA2,eu,2023-01-01,2023-01-01T10:00:00Z\nA3,eu,2023-01-02,\n');
    const options = ['--plan', 'siri-2023', '--period', '2023-Q1', '--format', 'json'];
    const plain = JSON.parse((await runCli(['evaluate', ...options, csv])).out) as PlanReport;
    const run = await runCli(['evaluate', ...options, '--database', url ?? '', '--table', typed, '--order', 'nr']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(plain);
    // As text, PostgreSQL writes the instant in the session's zone with a space and an offset: read as the library reads such text.
    const text = await runCli(['evaluate', ...options, '--database', url ?? '', '--table', typed, '--order', 'nr', '--dates', 'text']);
    expect((JSON.parse(text.out) as PlanReport).counts).toEqual(plain.counts);
    await client.query(`DROP TABLE ${typed}`);
  });
});
