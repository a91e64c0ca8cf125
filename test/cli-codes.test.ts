/**
 * The command line's mapping of an agency export: `--codes` for the values of any field, `--map` of
 * any record field, and `--encoding` for every file a command reads (records, codes, case types,
 * plans). Files are written to a scratch folder, in UTF-8 and in Windows-1252.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../src/index.js';
import { runCli } from './cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'servicemaal-cli-codes-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes a file in UTF-8, or in Windows-1252 (Latin-1 for the Danish letters used here), and returns its path. */
function write(name: string, text: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): string {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'latin1'));
  return path;
}

/** A plan of one target per input, with Danish letters in its title, a case type and a centre. */
const PLAN = JSON.stringify({
  id: 'koe-2023',
  title: 'Kø og ventetid 2023',
  year: 2023,
  targets: [
    { id: 'beloeb', label: 'Beløbsordning, første ansøgning', caseTypes: ['beløbsordning'], tiers: [{ limit: { amount: 31, unit: 'days' }, required: 0.5 }] },
    { id: 'telefon', label: 'Telefonkø', input: 'contacts', channels: ['phone'], tiers: [{ limit: { amount: 10, unit: 'minutes' }, required: 0.8 }] },
    { id: 'biometri', label: 'Biometri', input: 'observations', centres: { Sønderborg: 1 }, tiers: [{ limit: { amount: 10, unit: 'days' }, required: 0.8 }] },
  ],
});

/** Every file `evaluate` reads, with a Danish letter in a value that must be read right to count. */
const FILES: Readonly<Record<string, string>> = {
  'plan.json': PLAN,
  'sager.csv': 'id;caseType;applied;decided\nA1;BELØB;02-01-2023;20-01-2023\nA2;BELØB;02-01-2023;20-03-2023\nA3;STÆRK;02-01-2023;03-01-2023\n',
  'kontakter.csv': 'id;channel;at;waitMinutes\nK1;Telefonkø;2023-08-01;4\nK2;Telefonkø;2023-08-01;14\n',
  'observationer.csv': 'date;centre;daysToNextSlot\n2023-08-01;Sønderborg C;4\n',
  'sagstyper.csv': 'kode;sagstype\nBELØB;beløbsordning\n',
  'koder.csv': 'felt;kode;værdi\nchannel;Telefonkø;phone\ncentre;Sønderborg C;Sønderborg\n',
};

/** Writes the files in an encoding and gives the arguments of `evaluate` on them. */
function evaluateArgs(encoding: 'utf-8' | 'windows-1252'): string[] {
  const path = (name: string): string => write(`${encoding}-${name}`, FILES[name] as string, encoding);
  return [
    'evaluate',
    '--plan',
    path('plan.json'),
    '--format',
    'json',
    '--case-types',
    path('sagstyper.csv'),
    '--codes',
    path('koder.csv'),
    '--contacts',
    path('kontakter.csv'),
    '--observations',
    path('observationer.csv'),
    path('sager.csv'),
  ];
}

describe('--encoding', () => {
  it('applies to the plan file, the case, contact and observation files, --case-types and --codes', async () => {
    const utf8 = await runCli(evaluateArgs('utf-8'));
    expect(utf8.code).toBe(0);
    const report = JSON.parse(utf8.out) as PlanReport;
    // Each figure needs its file read right: the plan's case type and centre, the codes, the mapping.
    expect(report.plan.title).toBe('Kø og ventetid 2023');
    const shares = report.targets.map((target) => {
      const tier = target.tiers[0];
      return tier !== undefined && 'within' in tier ? `${target.id}: ${String(tier.within)} of ${String(tier.measured)}` : target.id;
    });
    expect(shares).toEqual(['beloeb: 1 of 2', 'telefon: 1 of 2', 'biometri: 1 of 1']);
    expect(report.withoutTarget).toEqual({ STÆRK: 1 });
    expect(utf8.err).toContain('case-type codes without a mapping, counted as without target: STÆRK (1)');

    const latin = await runCli([...evaluateArgs('windows-1252'), '--encoding', 'windows-1252']);
    expect({ ...latin, out: '', err: latin.err.replaceAll('windows-1252-', 'utf-8-') }).toEqual({ ...utf8, out: '' });
    expect(JSON.parse(latin.out)).toEqual(report);
  });

  it('refuses a Windows-1252 file read as UTF-8, naming it and the line', async () => {
    const args = evaluateArgs('windows-1252');
    const codes = args[args.indexOf('--codes') + 1] as string;
    const result = await runCli(args);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${codes}, line 1: the text is not valid UTF-8; give the file's encoding (e.g. windows-1252)`);
  });

  it('reads a plan file in the encoding given', async () => {
    const plan = write('plan-1252.json', PLAN, 'windows-1252');
    const cases = write('plan-1252-sager.csv', 'id;caseType;applied;decided\nA1;beløbsordning;02-01-2023;20-01-2023\n');
    const right = await runCli(['evaluate', '--plan', plan, '--encoding', 'windows-1252', '--format', 'json', write('plan-1252-sager-1252.csv', FILES['sager.csv'] as string, 'windows-1252')]);
    expect((JSON.parse(right.out) as PlanReport).plan.title).toBe('Kø og ventetid 2023');
    const wrong = await runCli(['evaluate', '--plan', plan, '--format', 'json', cases]);
    expect((JSON.parse(wrong.out) as PlanReport).plan.title).toBe('K\uFFFD og ventetid 2023');
  });
});

describe('--codes', () => {
  const cases = (): string => write('koder-sager.csv', 'Sagsnr;Sagstype;Modtaget;Afgjort\nS1;ER-FT;02-01-2023;20-01-2023\nS2;ER-NY;02-01-2023;\nS3;ER-NY;03-01-2023;\n');

  it('maps the codes of case types like --case-types, and warns about codes it lacks', async () => {
    const codes = write('koder-ft.csv', 'felt;kode;værdi\ncaseType;ER-FT;fast-track\n');
    const map = ['--map', 'id=Sagsnr,caseType=Sagstype,applied=Modtaget,decided=Afgjort'];
    const withCodes = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', ...map, '--codes', codes, cases()]);
    const withTypes = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', ...map, '--case-types', write('typer-ft.csv', 'ER-FT;fast-track\n'), cases()]);
    expect(withCodes).toEqual(withTypes);
    expect((JSON.parse(withCodes.out) as PlanReport).targets.find((target) => target.id === 'fast-track')?.tiers[0]?.measured).toBe(1);
    expect(withCodes.err).toContain('case-type codes without a mapping, counted as without target: ER-NY (2)');
  });

  it('warns, per field, about values without a code, in evaluate and validate', async () => {
    const contacts = write('koder-kontakter.csv', 'id;channel;at;waitMinutes\nK1;TLF;2023-08-01;4\nK2;SMS;2023-08-01;2\nK3;SMS;2023-08-02;2\n');
    const codes = write('koder-kanal.csv', 'channel;TLF;phone\n');
    const evaluate = await runCli(['evaluate', '--plan', 'siri-2023', '--period', '2023-H2', '--codes', codes, '--contacts', contacts]);
    expect(evaluate.err).toContain('servicemaal: warning: values of channel without a code in --codes, read as they are: SMS (2)\n');
    const validate = await runCli(['validate', '--kind', 'contacts', '--codes', codes, contacts]);
    expect(validate.code).toBe(0);
    expect(validate.err).toContain('values of channel without a code in --codes, read as they are: SMS (2)');
  });

  it('stops with a usage error when --codes and --case-types disagree on a code, or a field is no text field', async () => {
    const codes = write('koder-uenig.csv', 'felt;kode;værdi\ncaseType;ER-FT;fast-track\n');
    const types = write('typer-uenig.csv', 'kode;sagstype\nER-FT;studie\n');
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--map', 'id=Sagsnr,caseType=Sagstype,applied=Modtaget,decided=Afgjort', '--codes', codes, '--case-types', types, cases()]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`codes, ${codes}, line 2: "ER-FT" of caseType is "fast-track", but the case-type mapping makes it "studie"`);
    const dates = write('koder-datoer.csv', 'felt;kode;værdi\ndecided;i dag;2023-01-01\n');
    const date = await runCli(['validate', '--codes', dates, cases()]);
    expect(date.code).toBe(1);
    expect(date.err).toContain(`codes, ${dates}, line 2: "decided" is not a text field of cases records`);
  });
});
