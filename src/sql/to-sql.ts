/*
 * One SQL query per plan and period. The engine reads the records, checks them the way the library
 * does (dates as integer day numbers, never the engine's date functions), finds repeated ids, and
 * folds the valid records into shapes: a case type, the attribute values the scopes test, the flag
 * and the two days, with how many records have that shape. The library then counts the shapes
 * with its own code, so every convention of the plan (working days, months, scopes, windows,
 * addenda) is applied by one implementation. Records the library must see whole come back one row
 * each, as they are stored: those with pauses, those of case types whose targets read events, those
 * a lacking attribute may make invalid, and the invalid ones that fit in the problem list.
 */
import { MAX_YEAR, MIN_YEAR, dayNumberFromCivil } from '../dates/civil.js';
import { copenhagenOffsetIntervals } from '../dates/copenhagen.js';
import { fail } from '../errors.js';
import { compilePlan, resolveRegistry } from '../evaluate/compile.js';
import { duplicatesOf, missingAttributesOf } from '../evaluate/guards.js';
import { resolvePeriodInput } from '../evaluate/model.js';
import { maxProblemsOf } from '../evaluate/records.js';
import { parsePeriod } from '../dates/periods.js';
import type { ServicePlan } from '../targets/model.js';
import { sqlDialect } from './dialects/index.js';
import type { SqlDialect } from './dialect.js';
import type { SqlDateField, SqlDateKind, SqlPlanQuery, SqlSource, ToSqlOptions } from './model.js';

/** Day numbers are shifted by this many days in minute arithmetic, so every operand is ≥ 0. */
const SHIFT_DAYS = 30_000;
const SHIFT_MINUTES = SHIFT_DAYS * 1440;
/** The width of a bucket of the offset table, in minutes (2^19: about a year). */
const BUCKET_MINUTES = 524_288;
/** The most offset changes of Copenhagen in one bucket (two a year, a third in some war years). */
const CHANGES_PER_BUCKET = 4;
const MIN_DAY = dayNumberFromCivil(MIN_YEAR, 1, 1);
const MAX_DAY = dayNumberFromCivil(MAX_YEAR, 12, 31);

/** `YYYY-MM-DD`, and the ISO timestamps the library reads (see `parseDate`). */
const DATE_PATTERN = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const TIMESTAMP_PATTERN = '[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?';
const ZONE_PATTERN = '([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$';

/** Problem codes the query finds, in the order of their columns. */
export const SQL_PROBLEM_CODES = ['missing_field', 'invalid_date', 'date_out_of_range', 'decision_before_application', 'event_before_application', 'duplicate_record'] as const;

/** What a row of the query is (its first column). */
export const ROW_SHAPE = 0;
export const ROW_RECORD = 1;
export const ROW_PAUSE = 2;
export const ROW_OMITTED = 3;

/**
 * Writes the query that evaluates a plan over a period where the case records lie, for one SQL
 * dialect. Run it (a runner of `servicemaal/duckdb`, `servicemaal/postgres` or `servicemaal/spark`,
 * or any client), then give its rows to {@link aggregateFromRows}: the aggregate, and so the report,
 * is the one `aggregateCases` gives for the same records.
 *
 * The query reads dates as the library does: text through the same patterns and integer day
 * numbers, with Copenhagen's offsets as a table inside the query; no result depends on the engine's
 * time zone, date parser or calendar functions.
 *
 * @throws {ServicemaalError} `invalid_option` for a source without a table or query, or without the
 *   columns of `id`, `caseType` and `applied`, or with an unknown date kind or dialect.
 * @example
 * ```ts
 * const query = toSql(getPlan('siri-2023'), {
 *   dialect: 'duckdb',
 *   source: { table: 'sager', columns: { id: 'id', caseType: 'type', applied: 'applied', decided: 'decided' } },
 *   period: '2023',
 * });
 * query.sql.startsWith('WITH'); // true
 * query.sql.includes('FROM "sager"'); // true
 * toSql(getPlan('siri-2023'), { dialect: 'oracle' as 'duckdb', source: { table: 't', columns: { id: 'id', caseType: 'type', applied: 'a' } } }); // throws: code 'invalid_option'
 * ```
 */
export function toSql(plan: ServicePlan, options: ToSqlOptions): SqlPlanQuery {
  const dialect = sqlDialect(options.dialect);
  const source = checkSource(options.source);
  const period = parsePeriod(resolvePeriodInput(plan, options.period), options.period === undefined ? ['plan', 'period'] : ['period']);
  const compiled = compilePlan(plan, resolveRegistry(options.caseTypes), period);
  const maxProblems = maxProblemsOf(options.maxProblems);
  const duplicates = duplicatesOf(options.duplicates);
  const missingAttributes = missingAttributesOf(options.missingAttributes);

  const columns = source.columns;
  const mappedAttributes = new Map(Object.entries(columns.attributes ?? {}));
  const tested: string[] = [];
  for (const { scope } of compiled.targets) {
    for (const { attribute } of scope) if (mappedAttributes.has(attribute) && !tested.includes(attribute)) tested.push(attribute);
  }
  const events = Object.keys(columns.events ?? {});
  const dates: SqlDateField[] = [
    { field: 'applied', kind: dateKindOf(source, 'applied'), required: true },
    ...(columns.decided === undefined ? [] : [{ field: 'decided', kind: dateKindOf(source, 'decided'), required: false }]),
    ...events.map((name) => ({ field: `events.${name}`, kind: dateKindOf(source, `events.${name}`), required: false })),
  ];
  const dateColumns = [columns.applied, ...(columns.decided === undefined ? [] : [columns.decided]), ...events.map((name) => (columns.events ?? {})[name] as string)];
  // Case types whose records the library must read whole: their targets read events, or (when a
  // lacking attribute makes a record invalid) test an attribute the source does not hold.
  const eventClockTypes = new Set<string>();
  for (const { target, scope } of compiled.targets) {
    const events = target.clock.start !== 'applied' || target.clock.stop !== 'decided';
    const unheld = missingAttributes === 'invalid' && scope.some(({ attribute }) => !mappedAttributes.has(attribute));
    if (target.input === 'cases' && (events || unheld)) {
      for (const caseType of compiled.caseTypesOf(target)) eventClockTypes.add(caseType);
    }
  }

  const writer = new QueryWriter(dialect);
  const q = (name: string): string => `s.${dialect.quote(name)}`;
  const d = dialect;

  // 1. The records as text (and days or seconds for DATE and TIMESTAMP columns), with positions.
  const order = source.order === undefined ? null : typeof source.order === 'string' ? q(source.order) : source.order.sql;
  const read = [
    `${source.position === undefined ? d.position(order) : `CAST(${q(source.position)} AS ${d.type('bigint')})`} AS pos`,
    `${d.text(q(columns.id))} AS id_raw`,
    `NULLIF(${d.text(q(columns.id))}, '') AS id_t`,
    `${d.text(q(columns.caseType))} AS ct_raw`,
    `NULLIF(${d.text(q(columns.caseType))}, '') AS ct_t`,
    ...dates.flatMap(({ kind }, i) => rawDate(d, kind, q(dateColumns[i] as string), `f${String(i)}`)),
    ...tested.map((name, i) => `${d.text(q(mappedAttributes.get(name) as string))} AS t${String(i)}`),
    `${columns.withoutTarget === undefined ? `CAST(NULL AS ${d.type('int')})` : d.flag(q(columns.withoutTarget))} AS fl`,
  ];
  // The positions come first, from the source as it is read: a join may change the rows' order.
  writer.step('src', `SELECT ${read.join(',\n  ')}\nFROM ${fromOf(d, source.table, source.query)}`);
  // Text dates of the common form find their day in a calendar of every valid `YYYY-MM-DD`: a hash
  // join instead of reading each one; the others (timestamps, invalid dates) are read in full.
  const textDates = dates.flatMap(({ kind }, i) => (kind === 'text' ? [i] : []));
  if (textDates.length > 0) {
    writer.shared('calendar', calendarOf(d));
    const joins = textDates.map((i) => `LEFT JOIN calendar AS f${String(i)}_cal ON f${String(i)}_cal.txt = r.f${String(i)}_t`);
    const days = textDates.map((i) => `f${String(i)}_cal.day AS f${String(i)}_fast`);
    writer.step('calendared', `SELECT r.*,\n  ${days.join(',\n  ')}\nFROM ${writer.last} AS r\n${joins.join('\n')}`);
  }

  // 2. Dates read as the library reads them.
  const dateSteps = dateReading(d, dates.map(({ kind, required }, i) => ({ name: `f${String(i)}`, kind, required })));
  for (const [name, body] of dateSteps(writer.last)) writer.step(name, body, name === 'dated');

  // 3. The problems of each record, as counts per code.
  const f = (i: number, part: string): string => `f${String(i)}_${part}`;
  const eventChecks = events.map((_, e) => {
    const i = e + (columns.decided === undefined ? 1 : 2);
    return `CASE WHEN ${f(0, 'code')} = 0 AND ${f(i, 'code')} = 0 AND ${f(i, 'day')} < ${f(0, 'day')} THEN 1 ELSE 0 END`;
  });
  const decidedCheck = columns.decided === undefined ? '0' : `CASE WHEN ${f(0, 'code')} = 0 AND ${f(1, 'code')} = 0 AND ${f(1, 'day')} < ${f(0, 'day')} THEN 1 ELSE 0 END`;
  const countOf = (code: number): string => dates.map((_, i) => `CASE WHEN ${f(i, 'code')} = ${String(code)} THEN 1 ELSE 0 END`).join(' + ');
  // The problem slots of a record in the order readCaseRecord reports them, for the order codes are first seen in.
  const slots: { code: number; test: string }[] = [
    { code: 0, test: 'id_t IS NULL' },
    { code: 0, test: 'ct_t IS NULL' },
    ...dates.slice(0, columns.decided === undefined ? 1 : 2).flatMap((_, i) => [0, 1, 2].map((code) => ({ code, test: `${f(i, 'code')} = ${String(code === 0 ? 3 : code)}` }))),
    { code: 3, test: `${decidedCheck} = 1` },
    ...events.flatMap((_, e) => {
      const i = e + (columns.decided === undefined ? 1 : 2);
      return [
        { code: 1, test: `${f(i, 'code')} = 1` },
        { code: 2, test: `${f(i, 'code')} = 2` },
        { code: 4, test: `${eventChecks[e] as string} = 1` },
      ];
    }),
  ];
  const rankOf = (code: number): string => {
    const cases = slots.flatMap((slot, rank) => (slot.code === code ? [`WHEN ${slot.test} THEN ${String(rank)}`] : []));
    return cases.length === 0 ? `CAST(NULL AS ${d.type('int')})` : `CASE ${cases.join(' ')} END`;
  };
  const problemCounts = [
    `CASE WHEN id_t IS NULL THEN 1 ELSE 0 END + CASE WHEN ct_t IS NULL THEN 1 ELSE 0 END + CASE WHEN ${f(0, 'code')} = 3 THEN 1 ELSE 0 END`,
    countOf(1),
    countOf(2),
    decidedCheck,
    eventChecks.length === 0 ? '0' : eventChecks.join(' + '),
  ];
  writer.step(
    'checked',
    `SELECT *,\n  ${problemCounts.map((count, i) => `${count} AS p${String(i)}`).join(',\n  ')},\n  ${[0, 1, 2, 3, 4].map((code) => `${rankOf(code)} AS r${String(code)}`).join(',\n  ')}\nFROM ${writer.last}`,
    true,
  );

  // Only what the later steps read goes on: the windows below hold every row they are given.
  const kept = [
    'pos', 'id_raw', 'id_t', 'ct_raw', 'ct_t', 'fl',
    ...tested.map((_, i) => `t${String(i)}`),
    ...dates.map((_, i) => `f${String(i)}_raw`),
    ...dates.slice(0, columns.decided === undefined ? 1 : 2).map((_, i) => `f${String(i)}_day`),
    ...[0, 1, 2, 3, 4].flatMap((code) => [`p${String(code)}`, `r${String(code)}`]),
  ];
  writer.step('narrow', `SELECT ${kept.join(', ')} FROM ${writer.last}`);

  // 4. Repeated ids: the record that counts, and the rank of each record with problems (among those
  // only: every other record is a partition of its own, so no engine holds them all at once).
  const keeper = duplicates === 'first' ? 'MIN(pos)' : 'MAX(pos)';
  writer.step(
    'kept',
    `SELECT *,\n  CASE WHEN id_t IS NULL THEN NULL ELSE ${keeper} OVER (PARTITION BY id_t) END AS keeper,\n  CASE WHEN p0 + p1 + p2 + p3 + p4 > 0 THEN 1 ELSE 0 END AS bad\nFROM ${writer.last}`,
  );
  writer.step(
    'ranked',
    `SELECT *,\n  CASE WHEN keeper IS NOT NULL AND keeper <> pos THEN 1 ELSE 0 END AS dup,\n  row_number() OVER (PARTITION BY CASE WHEN bad = 1 OR (keeper IS NOT NULL AND keeper <> pos) THEN -1 ELSE pos END ORDER BY pos) AS prank\nFROM ${writer.last}`,
  );

  // 5. The pauses of each case id: a header row (i = -1) and a row per pause.
  const ranked = writer.last;
  let joined = ranked;
  let pauseDates: SqlDateKind | null = null;
  if (source.pauses !== undefined) {
    const pauses = source.pauses;
    pauseDates = pauses.dates ?? 'text';
    const p = (name: string): string => `p.${d.quote(name)}`;
    const pauseOrder = pauses.order === undefined ? `${p(pauses.columns.from)}, ${p(pauses.columns.to)}` : p(pauses.order);
    const cid = `NULLIF(${d.text(p(pauses.columns.caseId))}, '')`;
    const pauseRows = `SELECT ${cid} AS cid,\n  ${rawValue(d, pauseDates, p(pauses.columns.from))} AS pf,\n  ${rawValue(d, pauseDates, p(pauses.columns.to))} AS pt,\n  row_number() OVER (PARTITION BY ${cid} ORDER BY ${pauseOrder}) - 1 AS pi\nFROM ${fromOf(d, pauses.table, pauses.query, 'p')}`;
    writer.shared('pause_rows', pauseRows);
    writer.step(
      'pause_list',
      `SELECT cid, pi, pf, pt FROM pause_rows WHERE cid IS NOT NULL\nUNION ALL\nSELECT DISTINCT cid, -1 AS pi, CAST(NULL AS ${pauseType(d, pauseDates)}) AS pf, CAST(NULL AS ${pauseType(d, pauseDates)}) AS pt FROM pause_rows WHERE cid IS NOT NULL`,
    );
    joined = `${ranked} AS c LEFT JOIN pause_list AS pl ON pl.cid = c.id_t`;
  }
  const pauseIndex = source.pauses === undefined ? `CAST(NULL AS ${d.type('int')})` : 'pl.pi';

  // 6. What each row becomes.
  const listed = maxProblems === null ? '1 = 1' : `prank <= ${String(maxProblems)}`;
  const individual = [
    eventClockTypes.size === 0 ? null : `ct_t IN (${[...eventClockTypes].map((type) => d.literal(type)).join(', ')})`,
    missingAttributes === 'invalid' && tested.length > 0 ? tested.map((_, i) => `t${String(i)} IS NULL OR t${String(i)} = ''`).join(' OR ') : null,
  ].filter((test): test is string => test !== null);
  const kind = [
    'CASE',
    `WHEN ${pauseIndex} >= 0 THEN CASE WHEN dup = 1 THEN NULL ELSE ${String(ROW_PAUSE)} END`,
    `WHEN dup = 1 THEN CASE WHEN ${listed} THEN ${String(ROW_RECORD)} ELSE ${String(ROW_OMITTED)} END`,
    `WHEN ${pauseIndex} = -1 THEN ${String(ROW_RECORD)}`,
    `WHEN bad = 1 THEN CASE WHEN ${listed} THEN ${String(ROW_RECORD)} ELSE ${String(ROW_OMITTED)} END`,
    ...(individual.length === 0 ? [] : [`WHEN ${individual.join(' OR ')} THEN ${String(ROW_RECORD)}`]),
    `ELSE ${String(ROW_SHAPE)} END`,
  ].join(' ');
  writer.step('sorted', `SELECT *, ${kind} AS g_kind, ${pauseIndex} AS g_pi FROM ${joined}`);

  const only = (kinds: readonly number[], expr: string): string => `CASE WHEN g_kind IN (${kinds.join(', ')}) THEN ${expr} END`;
  const shapeOrRecord = [ROW_SHAPE, ROW_RECORD];
  const keys: [string, string][] = [
    ['g_kind', 'g_kind'],
    ['g_pos', only([ROW_RECORD, ROW_PAUSE], 'pos')],
    ['g_pi', only([ROW_PAUSE], 'g_pi')],
    ['g_ct', only(shapeOrRecord, 'ct_raw')],
    ['g_fl', only(shapeOrRecord, 'fl')],
    ...tested.map((_, i): [string, string] => [`g_t${String(i)}`, only(shapeOrRecord, `t${String(i)}`)]),
    ['g_a', only([ROW_SHAPE], f(0, 'day'))],
    ['g_d', columns.decided === undefined ? `CAST(NULL AS ${d.type('int')})` : only([ROW_SHAPE], f(1, 'day'))],
    ['g_id', only([ROW_RECORD], 'id_raw')],
    ['g_keeper', `CASE WHEN g_kind = ${String(ROW_RECORD)} AND dup = 1 THEN keeper END`],
    ...dates.map((_, i): [string, string] => [`g_f${String(i)}`, only([ROW_RECORD], `f${String(i)}_raw`)]),
    ['g_pf', source.pauses === undefined ? `CAST(NULL AS ${d.type('text')})` : only([ROW_PAUSE], 'pf')],
    ['g_pt', source.pauses === undefined ? `CAST(NULL AS ${d.type('text')})` : only([ROW_PAUSE], 'pt')],
  ];
  const counted = [
    ...[0, 1, 2, 3, 4].map((code) => `CASE WHEN dup = 1 OR g_kind = ${String(ROW_PAUSE)} THEN 0 ELSE p${String(code)} END AS c${String(code)}`),
    `CASE WHEN dup = 1 AND g_kind <> ${String(ROW_PAUSE)} THEN 1 ELSE 0 END AS c5`,
    ...[0, 1, 2, 3, 4].map((code) => `CASE WHEN dup = 1 OR g_kind <> ${String(ROW_OMITTED)} OR r${String(code)} IS NULL THEN NULL ELSE pos * 256 + r${String(code)} END AS k${String(code)}`),
    `CASE WHEN dup = 1 AND g_kind = ${String(ROW_OMITTED)} THEN pos * 256 ELSE NULL END AS k5`,
  ];
  writer.step('grouped', `SELECT ${keys.map(([name, expr]) => `${expr} AS ${name}`).join(',\n  ')},\n  pos,\n  ${counted.join(',\n  ')}\nFROM ${writer.last}\nWHERE g_kind IS NOT NULL`);

  const names = keys.map(([name]) => name);
  const outputs = [
    'g_kind',
    'MIN(pos) AS first_pos',
    'COUNT(*) AS n',
    ...names.slice(3),
    ...[0, 1, 2, 3, 4, 5].map((code) => `SUM(c${String(code)}) AS c${String(code)}`),
    ...[0, 1, 2, 3, 4, 5].map((code) => `MIN(k${String(code)}) AS k${String(code)}`),
    'g_pi',
  ];
  const sql = `${writer.text()}\nSELECT ${outputs.join(', ')}\nFROM ${writer.last}\nGROUP BY ${names.join(', ')}\nORDER BY first_pos, g_kind, g_pi`;

  const mapped: Record<string, string> = Object.create(null) as Record<string, string>;
  mapped['id'] = columns.id;
  mapped['caseType'] = columns.caseType;
  dates.forEach(({ field }, i) => { mapped[field] = dateColumns[i] as string; });
  for (const name of tested) mapped[`attributes.${name}`] = mappedAttributes.get(name) as string;
  if (columns.withoutTarget !== undefined) mapped['withoutTarget'] = columns.withoutTarget;
  if (source.pauses !== undefined) mapped['pauses'] = source.pauses.table ?? 'query';

  return {
    dialect: dialect.name,
    sql,
    plan: plan.id,
    options: {
      ...(options.period === undefined ? {} : { period: options.period }),
      ...(options.caseTypes === undefined ? {} : { caseTypes: options.caseTypes }),
      ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }),
      duplicates,
      missingAttributes,
    },
    attributes: tested,
    events,
    dates,
    pauseDates,
    columns: mapped,
    sourceName: source.table ?? 'query',
  };
}

/** The query's steps, as a `WITH` list. */
class QueryWriter {
  private readonly steps: string[] = [];
  private readonly names: string[] = [];
  constructor(private readonly dialect: SqlDialect) {}

  /**
   * Adds a step read by the next one only. A `fence` is computed once even where an engine would
   * inline it into the steps after it and compute its expressions again for each use (PostgreSQL).
   */
  step(name: string, body: string, fence = false): void {
    this.steps.push(fence ? this.dialect.fence(name, `\n${body}\n`) : `${name} AS (\n${body}\n)`);
    this.names.push(name);
  }

  /** Adds a step read more than once. */
  shared(name: string, body: string): void {
    this.steps.push(this.dialect.shared(name, `\n${body}\n`));
  }

  /** The name of the last step. */
  get last(): string {
    return this.names[this.names.length - 1] ?? '';
  }

  text(): string {
    return `WITH ${this.steps.join(',\n')}`;
  }
}

function checkSource(source: unknown): SqlSource {
  if (typeof source !== 'object' || source === null) return fail('invalid_option', 'source must describe the table (or query) of the case records', ['source']);
  const given = source as Partial<SqlSource>;
  if ((given.table === undefined) === (given.query === undefined)) fail('invalid_option', 'source needs a table or a query (one of them)', ['source']);
  if (given.position !== undefined && given.order !== undefined) fail('invalid_option', 'source needs an order or a position column, not both', ['source', 'position']);
  const columns: unknown = given.columns;
  if (typeof columns !== 'object' || columns === null) return fail('invalid_option', 'source.columns must name the columns of id, caseType and applied', ['source', 'columns']);
  const named = columns as Partial<Record<string, unknown>>;
  for (const field of ['id', 'caseType', 'applied'] as const) {
    if (typeof named[field] !== 'string' || named[field] === '') fail('invalid_option', `source.columns.${field} must name a column`, ['source', 'columns', field]);
  }
  if (given.pauses !== undefined) {
    const pauses = given.pauses;
    if ((pauses.table === undefined) === (pauses.query === undefined)) fail('invalid_option', 'source.pauses needs a table or a query (one of them)', ['source', 'pauses']);
    for (const field of ['caseId', 'from', 'to'] as const) {
      if (typeof pauses.columns[field] !== 'string' || pauses.columns[field] === '') fail('invalid_option', `source.pauses.columns.${field} must name a column`, ['source', 'pauses', 'columns', field]);
    }
    checkKind(pauses.dates ?? 'text', ['source', 'pauses', 'dates']);
  }
  return given as SqlSource;
}

function checkKind(kind: unknown, path: string[]): SqlDateKind {
  if (kind === 'text' || kind === 'date' || kind === 'timestamp') return kind;
  return fail('invalid_option', `${path.join('.')} must be 'text', 'date' or 'timestamp', got ${typeof kind === 'string' ? JSON.stringify(kind) : typeof kind}`, path);
}

function dateKindOf(source: SqlSource, field: string): SqlDateKind {
  const dates = source.dates;
  if (dates === undefined) return 'text';
  if (typeof dates === 'string') return checkKind(dates, ['source', 'dates']);
  return Object.hasOwn(dates, field) ? checkKind(dates[field], ['source', 'dates', field]) : 'text';
}

function fromOf(d: SqlDialect, table: string | undefined, query: string | undefined, alias = 's'): string {
  if (query !== undefined) return `(${query}) AS ${alias}`;
  return `${(table ?? '').split('.').map((part) => d.quote(part)).join('.')} AS ${alias}`;
}

/**
 * A date column as the query reads it first: `<name>_raw`, the value as stored (text, or days, or
 * seconds), and for text `<name>_t`, the text with an empty one as `NULL`.
 */
function rawDate(d: SqlDialect, kind: SqlDateKind, column: string, name: string): string[] {
  const raw = `${rawValue(d, kind, column)} AS ${name}_raw`;
  return kind === 'text' ? [raw, `NULLIF(${d.text(column)}, '') AS ${name}_t`] : [raw];
}

function rawValue(d: SqlDialect, kind: SqlDateKind, column: string): string {
  if (kind === 'text') return d.text(column);
  if (kind === 'date') return d.dateDays(column);
  return d.epochSeconds(column);
}

function pauseType(d: SqlDialect, kind: SqlDateKind): string {
  return kind === 'text' ? d.type('text') : d.type('bigint');
}

/**
 * The steps that read date fields: for each field `<name>`, `<name>_day` (the Copenhagen day
 * number, when valid) and `<name>_code` (0 valid or absent, 1 `invalid_date`, 2
 * `date_out_of_range`, 3 missing when required).
 */
function dateReading(d: SqlDialect, fields: readonly { name: string; kind: SqlDateKind; required: boolean }[]): (from: string) => [string, string][] {
  return (from) => {
    const missing = (required: boolean): string => (required ? '3' : '0');
    const texts = fields.filter(({ kind }) => kind === 'text');
    const int = d.type('int');
    // a. What the text looks like: 1 a date, 2 a timestamp, 0 neither.
    const shape = texts.map(({ name }) => {
      const t = `${name}_t`;
      return `CASE WHEN ${name}_fast IS NOT NULL THEN 3 WHEN ${t} IS NULL THEN NULL WHEN ${d.length(t)} = 10 THEN CASE WHEN ${d.matches(t, DATE_PATTERN)} THEN 1 ELSE 0 END WHEN ${d.matches(t, TIMESTAMP_PATTERN)} THEN 2 ELSE 0 END AS ${name}_k`;
    });
    // b. Its parts, as integers.
    const parts = texts.flatMap(({ name }) => {
      const t = `${name}_t`;
      const k = `${name}_k`;
      const digits = (at: number, length: number): string => d.int(`substr(${t}, ${String(at)}, ${String(length)})`);
      return [
        `CASE WHEN ${k} IN (1, 2) THEN ${digits(1, 4)} END AS ${name}_y`,
        `CASE WHEN ${k} IN (1, 2) THEN ${digits(6, 2)} END AS ${name}_m`,
        `CASE WHEN ${k} IN (1, 2) THEN ${digits(9, 2)} END AS ${name}_d`,
        `CASE WHEN ${k} = 2 THEN ${digits(12, 2)} END AS ${name}_h`,
        `CASE WHEN ${k} = 2 THEN ${digits(15, 2)} END AS ${name}_mi`,
        `CASE WHEN ${k} = 2 AND substr(${t}, 17, 1) = ':' THEN ${digits(18, 2)} ELSE 0 END AS ${name}_s`,
        `CASE WHEN ${k} = 2 THEN NULLIF(${d.find(t, ZONE_PATTERN)}, '') END AS ${name}_z`,
      ];
    });
    // c. The civil day, the zone's offset and the code before the zone is applied.
    const checks = texts.flatMap(({ name, required }) => {
      const [k, y, m, day, h, mi, s, z] = ['k', 'y', 'm', 'd', 'h', 'mi', 's', 'z'].map((part) => `${name}_${part}`) as [string, string, string, string, string, string, string, string];
      const civilValid = `${m} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${daysInMonth(y, m)}`;
      const zoneHours = `CASE WHEN ${z} IN ('Z', 'z') THEN 0 ELSE ${d.int(`substr(${z}, 2, 2)`)} END`;
      const zoneMinutes = `CASE WHEN ${d.length(z)} = 5 THEN ${d.int(`substr(${z}, 4, 2)`)} WHEN ${d.length(z)} = 6 THEN ${d.int(`substr(${z}, 5, 2)`)} ELSE 0 END`;
      const sign = `CASE WHEN substr(${z}, 1, 1) = '-' THEN -1 ELSE 1 END`;
      const code = [
        'CASE',
        `WHEN ${k} = 3 THEN 0`,
        `WHEN ${name}_t IS NULL THEN ${missing(required)}`,
        `WHEN ${k} = 0 THEN 1`,
        `WHEN NOT (${civilValid}) THEN 1`,
        `WHEN ${y} < ${String(MIN_YEAR)} OR ${y} > ${String(MAX_YEAR)} THEN 2`,
        `WHEN ${k} = 2 AND (${h} > 23 OR ${mi} > 59 OR ${s} > 59) THEN 1`,
        `WHEN ${z} IS NOT NULL AND (${zoneHours} > 18 OR ${zoneMinutes} > 59) THEN 1`,
        'ELSE 0 END',
      ].join(' ');
      return [
        `${code} AS ${name}_c0`,
        `CASE WHEN ${k} = 3 THEN ${name}_fast WHEN ${k} IN (1, 2) AND ${y} BETWEEN ${String(MIN_YEAR)} AND ${String(MAX_YEAR)} AND ${civilValid} THEN ${civilDays(d, y, m, day)} END AS ${name}_civ`,
        `CASE WHEN ${z} IS NULL THEN NULL ELSE ${sign} * (${zoneHours} * 60 + ${zoneMinutes}) END AS ${name}_off`,
      ];
    });
    // d. Minutes since 1970 (shifted) of instants, whose Copenhagen day comes from the offset table.
    const minutes = fields.flatMap(({ name, kind }) => {
      if (kind === 'text') {
        return [`CASE WHEN ${name}_c0 = 0 AND ${name}_off IS NOT NULL THEN ${name}_civ * 1440 + ${name}_h * 60 + ${name}_mi - ${name}_off + ${String(SHIFT_MINUTES)} END AS ${name}_um`];
      }
      if (kind === 'timestamp') {
        const low = -SHIFT_DAYS * 86_400;
        const high = (MAX_DAY + 2) * 86_400;
        return [`CASE WHEN ${name}_raw >= ${String(low)} AND ${name}_raw < ${String(high)} THEN CAST(${d.div(`${name}_raw + ${String(SHIFT_DAYS * 86_400)}`, '60')} AS ${int}) END AS ${name}_um`];
      }
      return [];
    });
    const zoned = fields.filter(({ kind }) => kind !== 'date');
    // An equality join on the bucket (a hash join in every engine); the bucket's changes pick the offset.
    const joins = zoned.map(({ name }) => `LEFT JOIN copenhagen AS ${name}_tz ON ${name}_tz.b = ${d.div(`x.${name}_um`, String(BUCKET_MINUTES))}`).join('\n');
    const offsetOf = (name: string): string => {
      const tz = `${name}_tz`;
      const changes = Array.from({ length: CHANGES_PER_BUCKET }, (_, i) => CHANGES_PER_BUCKET - i).map((i) => `WHEN x.${name}_um >= ${tz}.t${String(i)} THEN ${tz}.o${String(i)}`);
      return `COALESCE(CASE ${changes.join(' ')} ELSE ${tz}.o0 END, 60)`;
    };
    const dayOf = (name: string): string => `${d.div(`x.${name}_um + ${offsetOf(name)}`, '1440')} - ${String(SHIFT_DAYS)}`;
    const final = fields.flatMap(({ name, kind, required }) => {
      const inRange = (day: string): string => `${day} BETWEEN ${String(MIN_DAY)} AND ${String(MAX_DAY)}`;
      if (kind === 'text') {
        const day = `CASE WHEN x.${name}_c0 <> 0 THEN NULL WHEN x.${name}_um IS NULL THEN x.${name}_civ ELSE ${dayOf(name)} END`;
        return [
          `${day} AS ${name}_day`,
          `CASE WHEN x.${name}_c0 <> 0 THEN x.${name}_c0 WHEN x.${name}_um IS NOT NULL AND NOT (${inRange(dayOf(name))}) THEN 2 ELSE 0 END AS ${name}_code`,
        ];
      }
      if (kind === 'date') {
        return [
          `CASE WHEN ${inRange(`x.${name}_raw`)} THEN x.${name}_raw END AS ${name}_day`,
          `CASE WHEN x.${name}_raw IS NULL THEN ${missing(required)} WHEN ${inRange(`x.${name}_raw`)} THEN 0 ELSE 2 END AS ${name}_code`,
        ];
      }
      return [
        `CASE WHEN x.${name}_um IS NOT NULL AND ${inRange(dayOf(name))} THEN ${dayOf(name)} END AS ${name}_day`,
        `CASE WHEN x.${name}_raw IS NULL THEN ${missing(required)} WHEN x.${name}_um IS NOT NULL AND ${inRange(dayOf(name))} THEN 0 ELSE 2 END AS ${name}_code`,
      ];
    });
    const steps: [string, string][] = [];
    let last = from;
    const add = (name: string, columns: readonly string[]): void => {
      if (columns.length === 0) return;
      steps.push([name, `SELECT *,\n  ${columns.join(',\n  ')}\nFROM ${last}`]);
      last = name;
    };
    add('date_shapes', shape);
    add('date_parts', parts);
    add('date_checks', checks);
    add('date_minutes', minutes);
    const columns = ['b', 'o0', ...Array.from({ length: CHANGES_PER_BUCKET }, (_, i) => [`t${String(i + 1)}`, `o${String(i + 1)}`]).flat()];
    if (zoned.length > 0) steps.unshift(['copenhagen', `SELECT * FROM ${d.values('t', columns, offsetTable())}`]);
    steps.push(['dated', `SELECT x.*,\n  ${final.join(',\n  ')}\nFROM ${last} AS x${joins === '' ? '' : `\n${joins}`}`]);
    return steps;
  };
}

/** Every valid date of the years 1900–2199 as `YYYY-MM-DD` text (`txt`) and day number (`day`), computed in integers. */
function calendarOf(d: SqlDialect): string {
  const z = `(day + 719468)`;
  const era = d.div(z, '146097');
  const doe = `(${z} - ${era} * 146097)`;
  const yoe = d.div(`${doe} - ${d.div(doe, '1460')} + ${d.div(doe, '36524')} - ${d.div(doe, '146096')}`, '365');
  const doy = `(${doe} - (365 * ${yoe} + ${d.div(yoe, '4')} - ${d.div(yoe, '100')}))`;
  const mp = d.div(`5 * ${doy} + 2`, '153');
  const day = `(${doy} - ${d.div(`153 * ${mp} + 2`, '5')} + 1)`;
  const month = `(CASE WHEN ${mp} < 10 THEN ${mp} + 3 ELSE ${mp} - 9 END)`;
  const year = `(${yoe} + ${era} * 400 + CASE WHEN ${mp} >= 10 THEN 1 ELSE 0 END)`;
  const pad = (expr: string, width: number): string => `lpad(${d.text(expr)}, ${String(width)}, '0')`;
  return `SELECT day, ${pad(year, 4)} || '-' || ${pad(month, 2)} || '-' || ${pad(day, 2)} AS txt\nFROM ${d.integers(MIN_DAY, MAX_DAY, 'day')}`;
}

/** The number of days of month `m` of year `y` (SQL integers). */
function daysInMonth(y: string, m: string): string {
  return `CASE WHEN ${m} = 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}

/** The day number of a civil date of the years 1900–2199 (SQL integers), as `dayNumberFromCivil` computes it. */
function civilDays(d: SqlDialect, y: string, m: string, day: string): string {
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.div(yy, '400');
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(${d.div(`153 * ((${m} + 9) % 12) + 2`, '5')} + ${day} - 1)`;
  const doe = `(${yoe} * 365 + ${d.div(yoe, '4')} - ${d.div(yoe, '100')} + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}

/**
 * Copenhagen's offsets as one row per bucket of shifted minutes: the offset at the bucket's start
 * (`o0`) and up to {@link CHANGES_PER_BUCKET} changes in it (`t1`, `o1`, …; unused ones start
 * after the bucket), from the library's offset table, so that an instant finds its offset by an
 * equality join on its bucket.
 */
function offsetTable(): number[][] {
  const rows = new Map<number, number[]>();
  for (const [, from, until, offset] of copenhagenOffsetIntervals()) {
    let start = from + SHIFT_MINUTES;
    const end = until + SHIFT_MINUTES;
    while (start < end) {
      const bucket = Math.floor(start / BUCKET_MINUTES);
      const edge = Math.min(end, (bucket + 1) * BUCKET_MINUTES);
      const row = rows.get(bucket);
      if (row === undefined) rows.set(bucket, [bucket, offset]);
      else if (row[row.length - 1] !== offset) {
        if (row.length >= 2 + 2 * CHANGES_PER_BUCKET) throw new Error(`more than ${String(CHANGES_PER_BUCKET)} offset changes in a bucket`);
        row.push(start, offset);
      }
      start = edge;
    }
  }
  const never = 2_000_000_000;
  return [...rows.values()].map((row) => {
    const full = [...row];
    while (full.length < 2 + 2 * CHANGES_PER_BUCKET) full.push(never, full[full.length - 1] as number);
    return full;
  });
}
