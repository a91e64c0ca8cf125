import { fail, shortText, type IssueCode } from '../errors.js';
import type { InputKind } from '../evaluate/records.js';
import { keyedRecord } from '../evaluate/keys.js';
import { problemReason } from '../evaluate/messages.js';

/**
 * A mapping from record fields to the source columns (CSV header names, or JSON keys) that hold
 * them, e.g. `{ applied: 'indgivet', decided: 'afgjort', 'events.firstInterview': 'foerste_samtale' }`.
 *
 * @example
 * ```ts
 * const map: FieldMap = { id: 'sagsnr', caseType: 'sagstype', applied: 'indgivet', 'events.firstInterview': 'foerste_samtale' };
 * const { records } = await readAllRecords({ text: 'sagsnr;sagstype;indgivet;foerste_samtale\nU1;asyl;07-01-2019;30-01-2019\n' }, { map });
 * records[0]; // { id: 'U1', caseType: 'asyl', applied: '2019-01-07', events: { firstInterview: '2019-01-30' } }
 * ```
 */
export type FieldMap = Readonly<Record<string, string>>;

/**
 * A mapping from the agency's case-type codes to catalogue case-type ids, as a `Map` or a plain
 * object, e.g. `{ FT1: 'fast-track', STU: 'studie' }`.
 *
 * @example
 * ```ts
 * const caseTypeMap: CaseTypeMap = new Map([['FT1', 'fast-track']]);
 * const { records, summary } = await readAllRecords({ text: 'id;caseType;applied\nA1;FT1;01-03-2023\nA2;XYZ;02-03-2023\n' }, { caseTypeMap });
 * records.map((record) => record.caseType); // ['fast-track', 'XYZ']
 * [...summary.unmappedCaseTypes]; // [['XYZ', 1]]: passed through unchanged, and counted
 * ```
 */
export type CaseTypeMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** How a field's text is converted. */
type FieldType = 'text' | 'date' | 'nullableDate' | 'number' | 'pauses' | 'events' | 'answered' | 'attributes' | 'attribute' | 'flag';

const FIELD_TYPES: Readonly<Record<InputKind, Readonly<Record<string, FieldType>>>> = {
  cases: { id: 'text', caseType: 'text', applied: 'date', decided: 'nullableDate', events: 'events', pauses: 'pauses', attributes: 'attributes', withoutTarget: 'flag' },
  contacts: { id: 'text', channel: 'text', at: 'date', waitMinutes: 'number', arrived: 'date', answered: 'answered' },
  observations: { date: 'date', centre: 'text', daysToNextSlot: 'number' },
};

const REQUIRED_FIELDS: Readonly<Record<InputKind, readonly string[]>> = {
  cases: ['id', 'caseType', 'applied'],
  contacts: ['id', 'channel'],
  observations: ['date', 'centre', 'daysToNextSlot'],
};

const EVENT_PREFIX = 'events.';
const ATTRIBUTE_PREFIX = 'attributes.';

/** The record fields a source column can feed, for messages. */
function fieldList(kind: InputKind): string {
  const names = Object.keys(FIELD_TYPES[kind]).filter((name) => name !== 'events' && name !== 'attributes');
  return kind === 'cases' ? `${names.join(', ')}, events.<name>, attributes.<name>` : names.join(', ');
}

/**
 * The canonical record field a name stands for (matched without regard to case), or `null`.
 * `events.<name>` keeps the event name as written.
 */
export function canonicalField(kind: InputKind, name: string): string | null {
  const lower = name.trim().toLowerCase();
  if (kind === 'cases' && lower.startsWith(EVENT_PREFIX)) {
    const event = name.trim().slice(EVENT_PREFIX.length).trim();
    return event === '' ? null : `${EVENT_PREFIX}${event}`;
  }
  if (kind === 'cases' && lower.startsWith(ATTRIBUTE_PREFIX)) {
    const attribute = name.trim().slice(ATTRIBUTE_PREFIX.length).trim();
    return attribute === '' ? null : `${ATTRIBUTE_PREFIX}${attribute}`;
  }
  for (const field of Object.keys(FIELD_TYPES[kind])) if (field.toLowerCase() === lower) return field;
  return null;
}

/** The type of a canonical field. */
function typeOf(kind: InputKind, field: string): FieldType {
  if (field.startsWith(EVENT_PREFIX)) return 'date';
  if (field.startsWith(ATTRIBUTE_PREFIX)) return 'attribute';
  return FIELD_TYPES[kind][field] ?? 'text';
}

/** The required fields of a kind that `fields` does not provide. */
export function missingFields(kind: InputKind, provided: Iterable<string>): string[] {
  const have = new Set(provided);
  return REQUIRED_FIELDS[kind].filter((field) => !have.has(field));
}

/**
 * Checks a field map against the record fields of `kind`; returns it with canonical field names.
 * For case records, a name that is no record field names an attribute: `applicationKind` stands
 * for `attributes.applicationKind`.
 */
export function checkFieldMap(kind: InputKind, map: FieldMap | undefined): Map<string, string> {
  const checked = new Map<string, string>();
  if (map === undefined) return checked;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers may pass null
  if (typeof map !== 'object' || map === null || Array.isArray(map)) fail('invalid_option', 'map must be an object { field: column }', ['map']);
  for (const [key, column] of Object.entries(map)) {
    const field = canonicalField(kind, key) ?? (kind === 'cases' && key.trim() !== '' ? `${ATTRIBUTE_PREFIX}${key.trim()}` : null);
    if (field === null) fail('invalid_option', `map: "${key}" is not a field of ${kind} records (fields: ${fieldList(kind)})`, ['map', key]);
    if (typeof column !== 'string' || column.trim() === '') fail('invalid_option', `map: the column for ${field} must be a non-empty name`, ['map', key]);
    if (checked.has(field)) fail('invalid_option', `map: ${field} is mapped twice`, ['map', key]);
    checked.set(field, column.trim());
  }
  return checked;
}

/** Lower-case form of a column name, for matching. */
export const columnKey = (name: string): string => name.trim().toLowerCase();

/**
 * Decides which source column feeds which record field: the mapped columns first, then columns
 * named like a record field that is not mapped (names match without regard to case). Returns the
 * field per column (`null`: the column is ignored). A CSV cell cannot hold the `events` or
 * `attributes` object: CSV files give one `events.<name>` or `attributes.<name>` column each.
 */
export function resolveColumns(kind: InputKind, map: ReadonlyMap<string, string>, columns: readonly string[]): (string | null)[] {
  const fields: (string | null)[] = columns.map(() => null);
  const byKey = new Map<string, number[]>();
  columns.forEach((name, i) => {
    const key = columnKey(name);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const only = (key: string, field: string): number => {
    const at = byKey.get(key) ?? [];
    if (at.length > 1) {
      fail('invalid_option', `the column "${columns[at[0] as number] ?? key}" for ${field} occurs ${at.length} times in the header`, ['map', field]);
    }
    return at[0] as number;
  };
  for (const [field, column] of map) {
    if (field === 'events') fail('invalid_option', 'map: a CSV file gives events one column each: map events.<name> to a column', ['map', field]);
    if (field === 'attributes') fail('invalid_option', 'map: a CSV file gives attributes one column each: map attributes.<name> (or <name>) to a column', ['map', field]);
    const key = columnKey(column);
    if (!byKey.has(key)) {
      fail('invalid_option', `map: the column "${column}" for ${field} is not in the header (columns: ${columns.join(', ')})`, ['map', field]);
    }
    fields[only(key, field)] = field;
  }
  columns.forEach((name, i) => {
    if (fields[i] !== null) return;
    const field = canonicalField(kind, name);
    if (field === null || field === 'events' || field === 'attributes' || map.has(field)) return;
    fields[only(columnKey(name), field)] = field;
  });
  return fields;
}

/**
 * Resolves the keys of JSON records to record fields, like {@link resolveColumns} but one key at a
 * time (records need not share their keys), remembering the keys it ignores.
 */
export class KeyResolver {
  private readonly cache = new Map<string, string | null>();
  private readonly mappedKeys: Map<string, string>;
  /** Keys that feed no field, in the order first seen. */
  readonly ignored: string[] = [];
  /** Record field → the key that feeds it, in the order first seen. */
  readonly fields: Record<string, string> = {};

  constructor(
    private readonly kind: InputKind,
    private readonly map: ReadonlyMap<string, string>,
  ) {
    this.mappedKeys = new Map([...map].map(([field, column]) => [columnKey(column), field]));
  }

  /** The field a key feeds, or `null`. */
  fieldOf(key: string): string | null {
    let field = this.cache.get(key);
    if (field === undefined) {
      field = this.mappedKeys.get(columnKey(key)) ?? canonicalField(this.kind, key);
      if (field !== null && this.map.has(field) && this.mappedKeys.get(columnKey(key)) !== field) field = null;
      this.cache.set(key, field);
      if (field === null) this.ignored.push(key);
      else this.fields[field] ??= key;
    }
    return field;
  }
}

/** Renames the keys of a JSON record to record fields; values are kept as they are. */
export function recordFromObject(object: Readonly<Record<string, unknown>>, keys: KeyResolver): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  let events: Record<string, unknown> | undefined;
  let attributes: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    const field = keys.fieldOf(key);
    if (field === null) continue;
    // Event and attribute names come from the user: a record without a prototype keeps `__proto__` a name.
    if (field.startsWith(EVENT_PREFIX)) (events ??= keyedRecord())[field.slice(EVENT_PREFIX.length)] = value;
    else if (field.startsWith(ATTRIBUTE_PREFIX)) (attributes ??= keyedRecord())[field.slice(ATTRIBUTE_PREFIX.length)] = value;
    else if (field === 'withoutTarget' && typeof value === 'string') record[field] = flagOf(value) ?? value;
    else record[field] = value;
  }
  // Flat `events.<name>` and `attributes.<name>` keys join a nested object; anything else is left for the library to report.
  if (events !== undefined) joinNested(record, 'events', events);
  if (attributes !== undefined) joinNested(record, 'attributes', attributes);
  const nested = record['attributes'];
  // A nested attributes object from JSON: copied without a prototype, where any name is an own key.
  if (attributes === undefined && typeof nested === 'object' && nested !== null && !Array.isArray(nested)) record['attributes'] = Object.assign(keyedRecord(), nested);
  return record;
}

function joinNested(record: Record<string, unknown>, field: 'events' | 'attributes', flat: Record<string, unknown>): void {
  const nested = record[field];
  if (nested === undefined || nested === null) record[field] = flat;
  else if (typeof nested === 'object' && !Array.isArray(nested)) record[field] = Object.assign(keyedRecord(), nested, flat);
}

/** A `withoutTarget` text: `true` or `false` in any case, `null` for empty text, else `undefined`. */
function flagOf(text: string): boolean | null | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return lower === '' ? null : undefined;
}

/** A problem with one source row that keeps it from becoming a record. */
export interface CellProblem {
  column: string;
  value: string;
  code: IssueCode;
  message: string;
}

const DANISH_DATE = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})$/;
const DANISH_TIMESTAMP = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?$/;
const pad = (digits: string): string => digits.padStart(2, '0');

/**
 * Rewrites a Danish date (`dd-mm-yyyy`, `dd.mm.yyyy`, day and month with one or two digits) as
 * `yyyy-mm-dd`, and a Danish date with a time (`01-03-2023 10:15`, `01.03.2023 10.15.30`) as a
 * timestamp without an offset (`2023-03-01T10:15`, read as Copenhagen wall-clock time). Only the
 * order changes: impossible dates stay impossible (`29-02-2023` → `2023-02-29`) for the library to
 * report. Any other text is returned unchanged.
 *
 * @example
 * ```ts
 * danishDateToIso('01-03-2023'); // '2023-03-01'
 * danishDateToIso('1.3.2023 9.05'); // '2023-03-01T09:05'
 * danishDateToIso('2023-03-01'); // '2023-03-01' (unchanged)
 * ```
 */
export function danishDateToIso(text: string): string {
  const date = DANISH_DATE.exec(text);
  if (date !== null) {
    const [, day, , month, year] = date as unknown as [string, string, string, string, string];
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  const stamp = DANISH_TIMESTAMP.exec(text);
  if (stamp === null) return text;
  const [, day, , month, year, hours, minutes, seconds, fraction] = stamp as unknown as [string, string, string, string, string, string, string, string?, string?];
  const time = `${pad(hours)}:${minutes}${seconds === undefined ? '' : `:${seconds}${fraction === undefined ? '' : `.${fraction}`}`}`;
  return `${year}-${pad(month)}-${pad(day)}T${time}`;
}

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Reads a number written with a decimal comma or point (`7,5` and `7.5` are 7.5; no thousands
 * separators). Other text is returned unchanged, for the library to report.
 *
 * @example
 * ```ts
 * decimalNumber('7,5'); // 7.5
 * decimalNumber('12'); // 12
 * decimalNumber('n/a'); // 'n/a'
 * ```
 */
export function decimalNumber(text: string): number | string {
  return DECIMAL.test(text) ? Number(text.replace(',', '.')) : text;
}

// Pauses are separated by `|`, or by `+` when a date follows (so a UTC offset such as `+01:00` is no separator).
const PAUSE_SEPARATOR = /\s*(?:\||\+(?=\s*\d{1,4}[-.]))\s*/;

/** Reads a pauses cell: `from/to` pairs separated by `|` or `+`; `to` may be empty (still paused). */
function readPauses(text: string): { from: string; to: string | null }[] | string {
  const pauses: { from: string; to: string | null }[] = [];
  for (const part of text.split(PAUSE_SEPARATOR)) {
    const ends = part.split('/').map((end) => end.trim());
    const [from, to] = ends;
    if (ends.length !== 2 || from === undefined || from === '' || to === undefined) return part;
    pauses.push({ from: danishDateToIso(from), to: to === '' ? null : danishDateToIso(to) });
  }
  return pauses;
}

/** The result of converting the cells of one source row. */
export type Converted = { record: Record<string, unknown> } | { problem: CellProblem };

/** Converts the trimmed cells of a CSV row into a record; `fields[i]` is the field of cell `i`. */
export function recordFromCells(
  kind: InputKind,
  columns: readonly string[],
  fields: readonly (string | null)[],
  cells: readonly string[],
): Converted {
  const record: Record<string, unknown> = {};
  let events: Record<string, string> | undefined;
  let attributes: Record<string, string> | undefined;
  let emptyAnswered = false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === null || field === undefined) continue;
    const cell = cells[i] ?? '';
    const type = typeOf(kind, field);
    if (cell === '') {
      if (type === 'nullableDate') record[field] = null;
      else if (type === 'answered') emptyAnswered = true;
      continue;
    }
    switch (type) {
      case 'date':
      case 'nullableDate':
      case 'answered':
        if (field.startsWith(EVENT_PREFIX)) (events ??= keyedRecord())[field.slice(EVENT_PREFIX.length)] = danishDateToIso(cell);
        else record[field] = danishDateToIso(cell);
        break;
      case 'number':
        record[field] = decimalNumber(cell);
        break;
      case 'attribute':
        (attributes ??= keyedRecord())[field.slice(ATTRIBUTE_PREFIX.length)] = cell;
        break;
      case 'flag': {
        const flag = flagOf(cell);
        if (flag === undefined) {
          return { problem: { column: columns[i] ?? field, value: cell, code: 'invalid_value', message: problemReason({ code: 'invalid_value', kind: 'flag-cell', cell: shortText(cell) }) } };
        }
        record[field] = flag;
        break;
      }
      case 'pauses': {
        const pauses = readPauses(cell);
        if (typeof pauses === 'string') {
          const column = columns[i] ?? field;
          return {
            problem: {
              column,
              value: cell,
              code: 'invalid_pause',
              message: problemReason({ code: 'invalid_pause', kind: 'cell', cell: shortText(pauses) }),
            },
          };
        }
        record[field] = pauses;
        break;
      }
      default:
        record[field] = cell;
    }
  }
  if (events !== undefined) record['events'] = events;
  if (attributes !== undefined) record['attributes'] = attributes;
  // An empty `answered` is a contact never answered, when it has an arrival time at all.
  if (emptyAnswered && record['arrived'] !== undefined) record['answered'] = null;
  return { record };
}
