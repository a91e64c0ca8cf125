import { fail } from '../errors.js';
import { seedCaseTypes } from '../targets/case-types.js';
import type { InputKind } from '../evaluate/records.js';
import { canonicalField } from './convert.js';
import type { ReadSummary, RecordRow, ProblemRow, RowProblem } from './types.js';

/** The text fields whose values codes may map, per kind (attributes of cases aside). */
const CODED_FIELDS: Readonly<Record<InputKind, readonly string[]>> = {
  cases: ['id', 'caseType', 'withoutTarget'],
  contacts: ['id', 'channel'],
  observations: ['centre'],
};

const ATTRIBUTE_PREFIX = 'attributes.';

/** Where the codes of each field were given (by `parseCodes` and `loadCodes`), for messages. */
export const codeOrigins = new WeakMap<ReadonlyMap<string, string>, { path: string | null; line: number | null }>();

/** Where the codes of a field were given, for a message: `koder.csv, line 3`, `line 3`, or `null`. */
export function codesOrigin(codes: ReadonlyMap<string, string>): string | null {
  const origin = codeOrigins.get(codes);
  if (origin === undefined) return null;
  const line = origin.line === null ? null : `line ${origin.line}`;
  if (origin.path === null) return line;
  return line === null ? origin.path : `${origin.path}, ${line}`;
}

/**
 * The record field a name of the codes stands for: a text field of `kind` (matched without regard
 * to case) or, for cases, an attribute (`attributes.<name>`, or a name that is no record field).
 * Anything else is an option error naming `where`.
 */
export function codedField(kind: InputKind, name: string, where: string): string {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  const text = CODED_FIELDS[kind].find((field) => field.toLowerCase() === lower);
  if (text !== undefined) return text;
  const fields = kind === 'cases' ? `${CODED_FIELDS[kind].join(', ')} and attributes` : CODED_FIELDS[kind].join(', ');
  if (lower.startsWith(ATTRIBUTE_PREFIX) && kind === 'cases') {
    const attribute = trimmed.slice(ATTRIBUTE_PREFIX.length).trim();
    if (attribute !== '') return `${ATTRIBUTE_PREFIX}${attribute}`;
  } else if (kind === 'cases' && canonicalField(kind, trimmed) === null && !lower.startsWith('events.') && trimmed !== '') {
    return `${ATTRIBUTE_PREFIX}${trimmed}`;
  }
  return fail('invalid_option', `codes, ${where}: "${trimmed}" is not a text field of ${kind} records (codes apply to ${fields})`, ['codes', trimmed]);
}

/** The settings and counts of one read, shared by the format readers. */
export class ReadContext {
  /** Per coded field, the texts that are no code but already a value (not counted as unmapped). */
  private readonly known = new Map<string, ReadonlySet<string>>();
  /** The JSON keys seen so far. */
  readonly seenKeys = new Set<string>();
  /** The name of the source in messages (a file path, or a stream's name), or `null`. */
  name: string | null = null;

  /**
   * `codes`: field → (code → value), with the case-type mapping as the codes of `caseType` and
   * attributes as `attributes.<name>`; `null` when there are none.
   */
  constructor(
    readonly summary: ReadSummary,
    readonly kind: InputKind,
    readonly fieldMap: ReadonlyMap<string, string>,
    readonly codes: ReadonlyMap<string, ReadonlyMap<string, string>> | null,
    readonly delimiter: string | undefined,
  ) {
    for (const [field, values] of codes ?? []) {
      this.known.set(field, new Set(field === 'caseType' ? [...seedCaseTypes.keys(), ...values.values()] : values.values()));
    }
  }

  /** Whether values of this field are mapped by codes. */
  isCoded(field: string): boolean {
    return this.codes?.has(field) === true;
  }

  /** Counts a row that became a record (its cells or values already mapped by the codes). */
  record(line: number, record: Record<string, unknown>): RecordRow {
    this.summary.rows++;
    this.summary.records++;
    return { line, record };
  }

  /**
   * The value a text of a field stands for after the codes, and the text itself when it is neither
   * a code nor a known value (to count with {@link countUnmapped}), else `null` for `unmapped`.
   */
  codeOf(field: string, text: string): { value: string; unmapped: string | null } {
    const values = this.codes?.get(field);
    if (values === undefined || text === '') return { value: text, unmapped: null };
    const mapped = values.get(text);
    if (mapped !== undefined) return { value: mapped, unmapped: null };
    return { value: text, unmapped: this.known.get(field)?.has(text) === true ? null : text };
  }

  /**
   * The case type a code stands for after the case-type mapping, and the code itself when it is
   * neither mapped nor a known case type (to count in `summary.unmappedCaseTypes`), else `null`.
   */
  caseTypeOf(code: string): { caseType: string; unmapped: string | null } {
    const { value, unmapped } = this.codeOf('caseType', code);
    return { caseType: value, unmapped };
  }

  /** Counts rows with a value of a field that its codes do not map. */
  countUnmapped(field: string, text: string, rows = 1): void {
    const { summary } = this;
    let counts = summary.unmappedCaseTypes;
    if (field !== 'caseType') {
      let perField = summary.unmappedCodes.get(field);
      if (perField === undefined) {
        perField = new Map();
        summary.unmappedCodes.set(field, perField);
      }
      counts = perField;
    }
    counts.set(text, (counts.get(text) ?? 0) + rows);
  }

  /** Maps the cells of a CSV row through the codes, in place; `fields[i]` is the field of cell `i`. */
  mapCells(fields: readonly (string | null)[], cells: string[]): void {
    if (this.codes === null) return;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const cell = cells[i];
      if (field === null || field === undefined || cell === undefined || !this.isCoded(field)) continue;
      const { value, unmapped } = this.codeOf(field, cell);
      if (unmapped !== null) this.countUnmapped(field, unmapped);
      cells[i] = value;
    }
  }

  /**
   * Maps the values of a record read from JSON through the codes, in place: text and number values
   * of coded fields, and of coded attributes in its `attributes` object.
   */
  mapRecord(record: Record<string, unknown>): Record<string, unknown> {
    if (this.codes === null) return record;
    for (const field of this.codes.keys()) {
      let holder: Record<string, unknown> = record;
      let key = field;
      if (field.startsWith(ATTRIBUTE_PREFIX)) {
        const attributes = record['attributes'];
        if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) continue;
        holder = attributes as Record<string, unknown>;
        key = field.slice(ATTRIBUTE_PREFIX.length);
      }
      if (!Object.hasOwn(holder, key)) continue;
      const text = holder[key];
      if (typeof text !== 'string' && typeof text !== 'number') continue;
      const { value, unmapped } = this.codeOf(field, String(text));
      if (unmapped !== null) this.countUnmapped(field, unmapped);
      else if (value !== String(text)) holder[key] = value;
    }
    return record;
  }

  /** Counts a row that could not become a record. */
  problem(line: number, problem: RowProblem): ProblemRow {
    this.summary.rows++;
    this.summary.problems++;
    return { line, problem };
  }

  /** Where a line is, for a message: `file:line`, or `line N` for a source without a name. */
  where(line: number): string {
    return this.name === null ? `line ${line}` : `${this.name}:${line}`;
  }

  /** Counts empty lines (and blank rows). */
  empty(count: number): void {
    this.summary.rows += count;
    this.summary.emptyLines += count;
  }
}
