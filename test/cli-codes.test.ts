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
    // One observed day: the share of the observed days, not of every working day of the year.
    '--observation-gaps',
    'exclude',
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

describe('--missing-attributes and the scope warning', () => {
  const cases = (): string =>
    write('scope-sager.csv', 'id;caseType;applied;decided\nF1;fast-track;02-01-2023;20-01-2023\nF2;fast-track;02-01-2023;20-03-2023\nE1;eu;02-01-2023;03-01-2023\n');
  const warning = (consequence: string): string => `servicemaal: warning: the plan's scopes test applicationKind, but no column feeds it: ${consequence}`;

  it('warns, before the report, that the scopes test an attribute no column feeds, and counts every case as inside by default', async () => {
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', cases()]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${warning('every case is taken as inside those scopes')} (--missing-attributes to choose otherwise)\n`);
    expect(result.err.match(/scopes test/g)).toHaveLength(1);
    const report = JSON.parse(result.out) as PlanReport;
    expect(report.counts).toMatchObject({ input: 3, measured: 3, withoutTarget: 0 });
    // A plan without scopes gives no warning.
    const plain = await runCli(['evaluate', '--plan', write('scope-plan.json', PLAN), cases()]);
    expect(plain.err).not.toContain('scopes test');
  });

  it('passes out-of-scope and invalid on to the library, and says what they do', async () => {
    const outside = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--missing-attributes', 'out-of-scope', cases()]);
    expect(outside.err).toContain(`${warning('the cases of the targets it scopes are counted as outside those scopes')}\n`);
    const report = JSON.parse(outside.out) as PlanReport;
    // EU has no scope in SIRI 2023: E1 is measured; both Fast-track cases are outside its first-time scope.
    expect(report.counts).toMatchObject({ input: 3, measured: 1, withoutTarget: 2 });
    expect(report.withoutTargetReasons.outOfScope).toEqual({ 'fast-track': 2 });

    // (JSON records: the same cases, read record by record.)
    const json = write('scope-sager.json', JSON.stringify([
      { id: 'F1', caseType: 'fast-track', applied: '2023-01-02', decided: '2023-01-20' },
      { id: 'F2', caseType: 'fast-track', applied: '2023-01-02', decided: '2023-03-20' },
      { id: 'E1', caseType: 'eu', applied: '2023-01-02', decided: '2023-01-03' },
    ]));
    const invalid = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--missing-attributes', 'invalid', json]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(warning('the cases of the targets it scopes are invalid (missing_attribute)'));
    expect((JSON.parse(invalid.out) as PlanReport).invalidCounts).toEqual({ missing_attribute: 2 });

    const validate = await runCli(['validate', '--plan', 'siri-2023', '--missing-attributes', 'invalid', cases()]);
    expect(validate.code).toBe(2);
    expect(validate.out).toMatch(/scope-sager\.csv:2 \(id F1\).*\[missing_attribute\]/);
    expect(validate.out).toContain('1 valid, 2 invalid');
    expect(validate.err).toContain(warning('the cases of the targets it scopes are invalid (missing_attribute)'));

    const bad = await runCli(['evaluate', '--plan', 'siri-2023', '--missing-attributes', 'inScope', cases()]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--missing-attributes must be one of in-scope, out-of-scope, invalid, not "inScope"');
  });
});

describe('--map of attributes and the flag, with --codes', () => {
  const MAP = 'id=Sagsnr,caseType=Sagstype,applicationKind=Ansøgningstype,applied=Modtaget,decided=Afgjort,attributes.team=Enhed,withoutTarget=Styringsmål';
  const CODES = 'felt;kode;værdi\ncaseType;ER-FT;fast-track\napplicationKind;Første ansøgning;first\napplicationKind;Forlængelse;extension\nwithoutTarget;Nej;true\nwithoutTarget;Ja;false\n';
  const ROWS = [
    'Sagsnr;Sagstype;Ansøgningstype;Modtaget;Afgjort;Enhed;Styringsmål',
    'F1;ER-FT;Første ansøgning;02-01-2023;20-01-2023;Team Ø;Ja',
    'F2;ER-FT;Forlængelse;02-01-2023;20-01-2023;Team Ø;Ja',
    'F3;ER-FT;Første ansøgning;02-01-2023;20-03-2023;Team V;Nej',
    'F4;ER-FT;Genoptagelse;02-01-2023;25-01-2023;Team V;',
  ];

  it('maps an attribute by its name alone or as attributes.<name>, and the flag, through their codes', async () => {
    const cases = write('attributter.csv', `${ROWS.join('\n')}\n`);
    const result = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--map', MAP, '--codes', write('attributter-koder.csv', CODES), cases]);
    expect(result.code).toBe(0);
    // Every column feeds a field, and applicationKind has its column: the only warning is the value without a code.
    expect(result.err).toBe('servicemaal: warning: values of applicationKind without a code in --codes, read as they are: Genoptagelse (1)\n');
    const report = JSON.parse(result.out) as PlanReport;
    // F1 is measured; F2 is an extension (outside the first-time scope); F3 is flagged; F4's "Genoptagelse" is no first-time application either.
    expect(report.counts).toMatchObject({ input: 4, measured: 1, withoutTarget: 3, invalid: 0 });
    expect(report.withoutTargetReasons).toEqual({ noTarget: {}, outOfScope: { 'fast-track': 2 }, flagged: { 'fast-track': 1 } });
  });

  it('reads the same from Windows-1252 files with --encoding', async () => {
    const cases = write('attributter-1252.csv', `${ROWS.join('\r\n')}\r\n`, 'windows-1252');
    const codes = write('attributter-koder-1252.csv', CODES, 'windows-1252');
    const latin = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--encoding', 'windows-1252', '--map', MAP, '--codes', codes, cases]);
    const utf8 = await runCli(['evaluate', '--plan', 'siri-2023', '--format', 'json', '--map', MAP, '--codes', write('attributter-koder.csv', CODES), write('attributter.csv', `${ROWS.join('\n')}\n`)]);
    expect(latin.code).toBe(0);
    expect(JSON.parse(latin.out)).toEqual(JSON.parse(utf8.out));
    expect((JSON.parse(latin.out) as PlanReport).counts.measured).toBe(1);
  });
});
