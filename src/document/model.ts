/**
 * The document model: what a report says, built once and rendered to every format (text,
 * Markdown, HTML, CSV, XLSX). A builder turns a result (a plan report, a quarterly report) into a
 * {@link ReportDocument} of sections, tables, charts and notes, with every word already in the
 * document's language; a renderer only lays it out. Numbers stay numbers (a share is 0.853, not
 * "85.3 %"), so each format writes them its own way: text and HTML as the locale writes them, CSV
 * rounded to the precision shown, XLSX as numbers with a number format.
 */
import type { DayNumber } from '../dates/civil.js';

/**
 * The languages of documents: every word of a document is in one of them.
 *
 * @example
 * ```ts
 * const language: DocumentLanguage = 'da';
 * language; // 'da'
 * ```
 */
export type DocumentLanguage = 'en' | 'da';

/**
 * The unit of an amount: calendar days, working days, months, minutes, or none (a plain number).
 *
 * @example
 * ```ts
 * const unit: AmountUnit = 'workingDays';
 * unit; // 'workingDays'
 * ```
 */
export type AmountUnit = 'days' | 'workingDays' | 'months' | 'minutes' | 'none';

/**
 * A status a cell can show: a target met or not, unknown (nothing measured), or a forecast's
 * `open` (still possible both ways), `met` and `lost`.
 *
 * @example
 * ```ts
 * const status: CellStatus = 'open';
 * status; // 'open'
 * ```
 */
export type CellStatus = 'met' | 'notMet' | 'unknown' | 'open' | 'lost';

/**
 * One cell of a table, typed so that every format writes it its own way. `null` values are
 * shown empty (text: `–`).
 *
 * @example
 * ```ts
 * const cells: Cell[] = [
 *   { kind: 'text', text: 'Fast-track' },
 *   { kind: 'count', value: 1204 },
 *   { kind: 'share', value: 0.853 },
 *   { kind: 'amount', value: 31, unit: 'days' },
 *   { kind: 'date', day: 19631 },
 *   { kind: 'status', status: 'met', text: 'met' },
 * ];
 * cells.length; // 6
 * ```
 */
export type Cell =
  | { kind: 'text'; text: string }
  /** A whole number (cases, days, rows). */
  | { kind: 'count'; value: number | null }
  /** A share from 0 to 1, shown as a percentage with `decimals` decimals (default 1). */
  | { kind: 'share'; value: number | null; decimals?: number }
  /** A number in a unit, shown with at most `decimals` decimals (default 1; trailing zeros dropped: `31 dage`, `109,9 dage`). */
  | { kind: 'amount'; value: number | null; unit: AmountUnit; decimals?: number }
  /** Points, shown with up to two decimals. */
  | { kind: 'points'; value: number | null }
  /** A civil date as a day number. */
  | { kind: 'date'; day: DayNumber | null }
  /** A status with its word in the document's language. */
  | { kind: 'status'; status: CellStatus; text: string };

/**
 * A column of a table: a stable `key` (lower-case, `snake_case`, the same in every language: the
 * CSV header in English, and the key tests and programs use) and a `title` in the document's
 * language.
 *
 * @example
 * ```ts
 * const column: DocumentColumn = { key: 'share', title: 'andel', align: 'right' };
 * column.key; // 'share'
 * ```
 */
export interface DocumentColumn {
  key: string;
  title: string;
  align: 'left' | 'right';
}

/**
 * The rows of a table: an array, or for long tables `{ count, at }`, which makes each row when it
 * is written.
 *
 * @example
 * ```ts
 * const rows: Rows = { count: 2, at: (index) => [{ kind: 'count', value: index }] };
 * 'count' in rows ? rows.at(1) : null; // [{ kind: 'count', value: 1 }]
 * ```
 */
export type Rows =
  | readonly (readonly Cell[])[]
  | {
      readonly count: number;
      /** The row at `index` (from 0 to `count` − 1), made when it is written. */
      at(index: number): readonly Cell[];
    };

/**
 * A point of a trend chart: a month or quarter with its share and the cases behind it.
 *
 * @example
 * ```ts
 * const point: TrendPoint = { label: 'K1', share: 0.91, count: 120 };
 * point.share; // 0.91
 * ```
 */
export interface TrendPoint {
  label: string;
  /** The share in the period, or `null` when nothing was measured. */
  share: number | null;
  /** The cases (or days) measured in the period. */
  count: number;
}

/**
 * The forecast band of a trend chart: at year end, the guaranteed lower and upper bounds and the
 * estimate.
 *
 * @example
 * ```ts
 * const band: ForecastBand = { label: 'År', lower: 0.62, estimate: 0.88, upper: 0.97 };
 * band.upper - band.lower > 0; // true
 * ```
 */
export interface ForecastBand {
  label: string;
  lower: number;
  estimate: number | null;
  upper: number;
}

/**
 * A chart. Formats that cannot draw (text, Markdown, CSV, XLSX) leave charts out: every figure of
 * a chart is also in a table of the same section.
 *
 * - `bars`: one bar per item with its share and the required share marked.
 * - `trend`: the share per month or quarter against the required share, with the year-end
 *   forecast band when there is one.
 * - `cumulative`: the cumulative share decided by each elapsed value, with the limits marked.
 *
 * @example
 * ```ts
 * const chart: Chart = {
 *   kind: 'trend', id: 'fast-track.0.trend', title: 'Fast-track: ≤ 31 dage', required: 0.85,
 *   points: [{ label: 'K1', share: 0.91, count: 120 }, { label: 'K2', share: 0.84, count: 98 }],
 *   band: null,
 * };
 * chart.kind; // 'trend'
 * ```
 */
export type Chart =
  | {
      kind: 'bars';
      id: string;
      title: string;
      bars: readonly { label: string; share: number | null; required: number | null; status: CellStatus; target: string; tier: number }[];
    }
  | { kind: 'trend'; id: string; title: string; required: number | null; points: readonly TrendPoint[]; band: ForecastBand | null }
  | {
      kind: 'cumulative';
      id: string;
      title: string;
      target: string;
      unit: AmountUnit;
      /** The cumulative share at each elapsed value, ascending. */
      steps: readonly { value: number; share: number }[];
      limits: readonly { value: number; label: string; status: CellStatus }[];
    };

/**
 * A block of a section.
 *
 * - `text`: a paragraph; `notes`: small print (assumptions, policies, sources); `list`: items.
 * - `facts`: label–value pairs (period, as-of date, plan, version …).
 * - `table`: a titled table with a stable `id` (the CSV section and the XLSX sheet take it); its
 *   optional `use` keeps it to the formats people read (`reading`) or to those programs read (`data`).
 * - `chart`: see {@link Chart}.
 *
 * @example
 * ```ts
 * const block: DocumentBlock = {
 *   kind: 'table', id: 'targets', title: 'Servicemål',
 *   columns: [{ key: 'target', title: 'mål', align: 'left' }, { key: 'share', title: 'andel', align: 'right' }],
 *   rows: [[{ kind: 'text', text: 'Fast-track' }, { kind: 'share', value: 0.853 }]],
 * };
 * block.kind; // 'table'
 * ```
 */
export type DocumentBlock =
  | { kind: 'text'; text: string }
  | { kind: 'notes'; items: readonly string[] }
  | {
      kind: 'list';
      items:
        | readonly string[]
        | {
            readonly count: number;
            /** The item at `index` (from 0 to `count` − 1), made when it is written. */
            at(index: number): string;
          };
    }
  | { kind: 'facts'; items: readonly { key: string; label: string; value: Cell }[] }
  | {
      kind: 'table';
      id: string;
      title: string;
      columns: readonly DocumentColumn[];
      rows: Rows;
      /**
       * Who the table is for: `reading` (shown by the formats people read: text, Markdown, HTML),
       * `data` (written only by the formats programs read: CSV, XLSX), or both when absent. A
       * report has a readable targets table and, for programs, one row per tier with every figure.
       */
      use?: 'reading' | 'data';
    }
  | { kind: 'chart'; chart: Chart };

/**
 * A section: a heading with a stable `id` (HTML anchors, page breaks when printed) and its blocks.
 *
 * @example
 * ```ts
 * const section: DocumentSection = { id: 'summary', title: 'Resumé', blocks: [{ kind: 'text', text: 'Alle mål er nået.' }] };
 * section.blocks.length; // 1
 * ```
 */
export interface DocumentSection {
  id: string;
  title: string;
  blocks: readonly DocumentBlock[];
}

/**
 * A whole report: its language, title, sections. The same document and options give the same
 * output in every format, byte for byte.
 *
 * @example
 * ```ts
 * const document: ReportDocument = { language: 'da', title: 'siri-2023: Servicemål 2023', sections: [] };
 * document.language; // 'da'
 * ```
 */
export interface ReportDocument {
  language: DocumentLanguage;
  title: string;
  /** A line under the title (the period, the as-of date). */
  subtitle?: string;
  sections: readonly DocumentSection[];
}
