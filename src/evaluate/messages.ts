/**
 * The words of record problems: one catalogue per language, with one entry per problem code that
 * writes the reason from the problem's parameters, and the nouns that name a record's place. A
 * language is added by adding a catalogue; the code that finds problems only names the code and
 * its parameters.
 */
import type { IssueCode } from '../errors.js';
import type { InputKind } from './input-kind.js';

/** The parameters of a code with one reason and nothing to fill in. */
export interface NoParams {
  kind?: never;
}

/**
 * The parameters of each record problem code, from which a catalogue writes the reason. A code
 * with several reasons has a `kind` for each.
 */
export interface ProblemParams {
  invalid_type:
    | { kind: 'record' | 'events' | 'pauses' | 'pause' | 'attributes' }
    | { kind: 'text' | 'flag'; got: string }
    | { kind: 'date'; text: string };
  missing_field: { kind: 'missing' | 'with-answered' | 'answered-or-null' | 'with-wait' | 'wait-or-times' };
  unknown_field: { kind: 'record'; input: InputKind; expected: readonly string[] } | { kind: 'pause' };
  invalid_date: { text: string };
  date_out_of_range: { text: string };
  decision_before_application: NoParams;
  event_before_application: NoParams;
  clock_reversed: { start: string; target: string };
  invalid_pause: { kind: 'ends-before-start' | 'open-in-decided-case' } | { kind: 'cell'; cell: string };
  overlapping_pauses: NoParams;
  pause_outside_case: NoParams;
  invalid_value:
    | { kind: 'wait-and-times' | 'answered-before-arrived' | 'answered-too-late' }
    | { kind: 'wait-minutes'; got: string }
    | { kind: 'wait-too-long'; minutes: number }
    | { kind: 'not-arrival-day'; day: string }
    | { kind: 'days-to-slot'; got: string }
    | { kind: 'too-many-days'; max: number }
    | { kind: 'extra-columns'; cells: number; header: number }
    | { kind: 'flag-cell'; cell: string }
    | { kind: 'not-json'; error: string };
  /**
   * A second observation of a centre and day (no `kind`), or a case record whose id another record
   * has: `kind` says which of them is counted (the first or the last), placed by its position or
   * by its file and line.
   */
  duplicate_record: NoParams | { kind: 'first' | 'last'; index: number; file: string | null; line: number | null };
  missing_attribute: { target: string };
}

/** The codes of problems with one record (listed in a report's `invalid`). */
export type ProblemCode = keyof ProblemParams & IssueCode;

/** A problem's code with its parameters: what a catalogue needs to write its reason. */
export type ProblemReason = { [C in ProblemCode]: { code: C } & ProblemParams[C] }[ProblemCode];

/** The words of one language for record problems. */
export type MessageCatalogue = { readonly [C in ProblemCode]: (params: ProblemParams[C]) => string } & {
  /** How a record of an input is named when it has no file and line: `record 3`. */
  readonly place: (input: InputKind, index: number) => string;
  /** How a line is named when there is no file: `line 3`. */
  readonly line: (line: number) => string;
  /** How a source column is named when a problem has no field: `column "indgivet"`. */
  readonly column: (name: string) => string;
  /** The reason of a date the date reader could not read (its words are English), in this language. */
  readonly dateText: (text: string) => string;
};

const NOUNS: Readonly<Record<InputKind, string>> = { cases: 'record', contacts: 'contact', observations: 'observation' };
const BEFORE_APPLICATION = 'is before the application date';

/** The English catalogue: the reasons the library writes. */
export const ENGLISH: MessageCatalogue = {
  place: (input, index) => `${NOUNS[input]} ${String(index)}`,
  line: (line) => `line ${String(line)}`,
  column: (name) => `column "${name}"`,
  dateText: (text) => text,
  invalid_type: (params) => {
    switch (params.kind) {
      case 'record':
        return 'is not an object';
      case 'events':
        return 'must be an object of named dates';
      case 'pauses':
        return 'must be a list of { from, to } intervals';
      case 'pause':
        return 'must be an object { from, to }';
      case 'attributes':
        return 'must be an object of text values { name: value }';
      case 'text':
        return `must be a string, got ${params.got}`;
      case 'flag':
        return `must be true, false or null, got ${params.got}`;
      case 'date':
        return params.text;
    }
  },
  missing_field: ({ kind }) =>
    ({
      missing: 'is missing',
      'with-answered': 'is missing (needed with answered)',
      'answered-or-null': 'is missing (null for a contact that was never answered)',
      'with-wait': 'is missing (needed with waitMinutes)',
      'wait-or-times': 'is missing: give waitMinutes, or arrived and answered',
    })[kind],
  unknown_field: (params) =>
    params.kind === 'pause' ? 'is not a pause field (expected from, to)' : `is not a field of a ${NOUNS[params.input]} (expected ${params.expected.join(', ')})`,
  invalid_date: ({ text }) => text,
  date_out_of_range: ({ text }) => text,
  decision_before_application: () => BEFORE_APPLICATION,
  event_before_application: () => BEFORE_APPLICATION,
  clock_reversed: ({ start, target }) => `is before ${start}, where target "${target}" starts its clock`,
  invalid_pause: (params) => {
    switch (params.kind) {
      case 'ends-before-start':
        return 'ends before it starts';
      case 'open-in-decided-case':
        return 'is missing: a pause of a decided case must end';
      case 'cell':
        return `"${params.cell}" is not a from/to pair (write pauses as 2023-03-01/2023-03-10, several separated by | or +, an open one as 2023-03-01/)`;
    }
  },
  overlapping_pauses: () => 'has overlapping intervals',
  pause_outside_case: () => 'lies outside the time from application to decision',
  invalid_value: (params) => {
    switch (params.kind) {
      case 'wait-and-times':
        return 'and arrived/answered are both given: give one or the other';
      case 'answered-before-arrived':
        return 'is before arrived';
      case 'answered-too-late':
        return 'is more than 24 hours after arrived: check the export';
      case 'wait-minutes':
        return `must be a number of minutes ≥ 0, got ${params.got}`;
      case 'wait-too-long':
        return `is longer than 24 hours (${String(params.minutes)} minutes): check the export`;
      case 'not-arrival-day':
        return `is not the day of arrived (${params.day} in Copenhagen)`;
      case 'days-to-slot':
        return `must be a whole number of days ≥ 0, got ${params.got}`;
      case 'too-many-days':
        return `is more than ${String(params.max)} days (10 years): check the export`;
      case 'extra-columns':
        return `extra columns: the row has ${String(params.cells)} cells, the header ${String(params.header)}`;
      case 'not-json':
        return `is not valid JSON: ${params.error}`;
      case 'flag-cell':
        return `"${params.cell}" is not true or false (withoutTarget: true for a case without a management target, false or empty otherwise)`;
    }
  },
  duplicate_record: (params) => {
    if (params.kind === undefined) return 'is observed twice for this centre';
    const place = params.file === null ? `record ${String(params.index)}` : params.line === null ? `in ${params.file}` : `at ${params.file}:${String(params.line)}`;
    return params.kind === 'first' ? `is repeated: the first record with it is ${place}` : `is repeated: the last record with it, the one counted, is ${place}`;
  },
  missing_attribute: ({ target }) => `is missing: the scope of target "${target}" tests it`,
};

const DANISH_NOUNS: Readonly<Record<InputKind, string>> = { cases: 'post', contacts: 'kontakt', observations: 'observation' };
const DANISH_BEFORE_APPLICATION = 'er før ansøgningsdatoen';

/** The reasons of the date reader (src/dates/parse.ts) in Danish: a pattern of its English words and the Danish. */
const DANISH_DATES: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^(".*") is not a calendar date$/s, (m) => `${m[1] ?? ''} er ikke en dato i kalenderen`],
  [/^(".*") is outside the years (\d+)–(\d+)$/s, (m) => `${m[1] ?? ''} ligger uden for årene ${m[2] ?? ''}–${m[3] ?? ''}`],
  [/^(".*") is not a date \(expected YYYY-MM-DD or an ISO timestamp such as (\S+)\)$/s, (m) => `${m[1] ?? ''} er ikke en dato (forventet ÅÅÅÅ-MM-DD eller et ISO-tidsstempel som ${m[2] ?? ''})`],
  [/^(".*") is not a timestamp \(expected e\.g\. (\S+)\)$/s, (m) => `${m[1] ?? ''} er ikke et tidsstempel (forventet f.eks. ${m[2] ?? ''})`],
  [/^(".*") has an impossible time of day$/s, (m) => `${m[1] ?? ''} har et umuligt klokkeslæt`],
  [/^(".*") has an impossible UTC offset$/s, (m) => `${m[1] ?? ''} har en umulig UTC-forskydning`],
  [/^is an invalid Date object$/, () => 'er et ugyldigt Date-objekt'],
  [/^expected a date string \(YYYY-MM-DD or an ISO timestamp\) or a Date, got (.*)$/s, (m) => `skal være en dato som tekst (ÅÅÅÅ-MM-DD eller et ISO-tidsstempel) eller et Date-objekt, men er ${danishType(m[1] ?? '')}`],
  [/^expected an ISO timestamp or a Date, got (.*)$/s, (m) => `skal være et ISO-tidsstempel eller et Date-objekt, men er ${danishType(m[1] ?? '')}`],
];

/** The name of a JavaScript type as the English messages write it (`a number`, `an array`), in Danish. */
function danishType(type: string): string {
  const names: Readonly<Record<string, string>> = { null: 'null', 'an array': 'en liste', number: 'et tal', boolean: 'en sandhedsværdi', object: 'et objekt', string: 'en tekst', undefined: 'udefineret' };
  const name = type.replace(/^an? /, '');
  return Object.hasOwn(names, type) ? (names[type] as string) : Object.hasOwn(names, name) ? (names[name] as string) : type;
}

/** The Danish catalogue: the reasons as a Danish ministry or agency reads them. */
export const DANISH: MessageCatalogue = {
  place: (input, index) => `${DANISH_NOUNS[input]} ${String(index)}`,
  line: (line) => `linje ${String(line)}`,
  column: (name) => `kolonnen "${name}"`,
  dateText: (text) => {
    for (const [pattern, words] of DANISH_DATES) {
      const match = pattern.exec(text);
      if (match !== null) return words(match);
    }
    return text;
  },
  invalid_type: (params) => {
    switch (params.kind) {
      case 'record':
        return 'er ikke et objekt';
      case 'events':
        return 'skal være et objekt med navngivne datoer';
      case 'pauses':
        return 'skal være en liste af intervaller { from, to }';
      case 'pause':
        return 'skal være et objekt { from, to }';
      case 'attributes':
        return 'skal være et objekt med tekstværdier { navn: værdi }';
      case 'text':
        return `skal være en tekst, men er ${danishType(params.got)}`;
      case 'flag':
        return `skal være true, false eller null, men er ${danishType(params.got)}`;
      case 'date':
        return DANISH.dateText(params.text);
    }
  },
  missing_field: ({ kind }) =>
    ({
      missing: 'mangler',
      'with-answered': 'mangler (skal angives sammen med answered)',
      'answered-or-null': 'mangler (null for en kontakt, der aldrig blev besvaret)',
      'with-wait': 'mangler (skal angives sammen med waitMinutes)',
      'wait-or-times': 'mangler: angiv waitMinutes, eller arrived og answered',
    })[kind],
  unknown_field: (params) =>
    params.kind === 'pause'
      ? 'er ikke et felt i en pause (forventet from, to)'
      : `er ikke et felt i en ${DANISH_NOUNS[params.input]} (forventet ${params.expected.join(', ')})`,
  invalid_date: ({ text }) => DANISH.dateText(text),
  date_out_of_range: ({ text }) => DANISH.dateText(text),
  decision_before_application: () => DANISH_BEFORE_APPLICATION,
  event_before_application: () => DANISH_BEFORE_APPLICATION,
  clock_reversed: ({ start, target }) => `er før ${start}, hvor målet "${target}" starter sit ur`,
  invalid_pause: (params) => {
    switch (params.kind) {
      case 'ends-before-start':
        return 'slutter, før den begynder';
      case 'open-in-decided-case':
        return 'mangler: en pause i en afgjort sag skal slutte';
      case 'cell':
        return `"${params.cell}" er ikke et fra/til-par (skriv pauser som 2023-03-01/2023-03-10, flere adskilt af | eller +, en åben som 2023-03-01/)`;
    }
  },
  overlapping_pauses: () => 'har overlappende intervaller',
  pause_outside_case: () => 'ligger uden for tiden fra ansøgning til afgørelse',
  invalid_value: (params) => {
    switch (params.kind) {
      case 'wait-and-times':
        return 'og arrived/answered er begge angivet: angiv det ene eller det andet';
      case 'answered-before-arrived':
        return 'er før arrived';
      case 'answered-too-late':
        return 'er mere end 24 timer efter arrived: kontrollér udtrækket';
      case 'wait-minutes':
        return `skal være et antal minutter ≥ 0, men er ${params.got}`;
      case 'wait-too-long':
        return `er længere end 24 timer (${String(params.minutes)} minutter): kontrollér udtrækket`;
      case 'not-arrival-day':
        return `er ikke dagen for arrived (${params.day} i København)`;
      case 'days-to-slot':
        return `skal være et helt antal dage ≥ 0, men er ${params.got}`;
      case 'too-many-days':
        return `er mere end ${String(params.max)} dage (10 år): kontrollér udtrækket`;
      case 'extra-columns':
        return `ekstra kolonner: rækken har ${String(params.cells)} celler, overskriften ${String(params.header)}`;
      case 'not-json':
        return `er ikke gyldig JSON: ${params.error}`;
      case 'flag-cell':
        return `"${params.cell}" er ikke true eller false (withoutTarget: true for en sag uden styringsmål, ellers false eller tom)`;
    }
  },
  duplicate_record: (params) => {
    if (params.kind === undefined) return 'er observeret to gange for dette center';
    const place = params.file === null ? `post ${String(params.index)}` : params.line === null ? `i ${params.file}` : `i ${params.file}:${String(params.line)}`;
    return params.kind === 'first' ? `er gentaget: den første post med det er ${place}` : `er gentaget: den sidste post med det, den der tælles, er ${place}`;
  },
  missing_attribute: ({ target }) => `mangler: afgrænsningen af målet "${target}" tester den`,
};

/**
 * The reason of a problem, without its place, in the words of a catalogue (English by default).
 *
 * @example
 * ```ts
 * problemReason({ code: 'decision_before_application' }); // 'is before the application date'
 * problemReason({ code: 'invalid_value', kind: 'extra-columns', cells: 4, header: 3 }); // 'extra columns: the row has 4 cells, the header 3'
 * ```
 */
export function problemReason(reason: ProblemReason, catalogue: MessageCatalogue = ENGLISH): string {
  const { code, ...params } = reason;
  return (catalogue[code] as (params: unknown) => string)(params);
}
