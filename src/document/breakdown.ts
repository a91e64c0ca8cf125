/**
 * The blocks of a breakdown (see `breakdownPlan`): one readable table per tier, and one table of
 * every figure for programs, every word in the document's language.
 */
import { message } from '../messages/catalogue.js';
import type { BreakdownRow, PlanBreakdown, TierBreakdown } from '../reporting/breakdown.js';
import type { Limit } from '../targets/model.js';
import { amountText, shareText } from './cells.js';
import type { PlanReport } from '../evaluate/report.js';
import type { AmountUnit, Cell, CellStatus, DocumentBlock, DocumentColumn, DocumentLanguage, DocumentSection, ReportDocument } from './model.js';

/**
 * Options of {@link breakdownBlocks}: the document's language.
 *
 * @example
 * ```ts
 * const options: BreakdownBlocksOptions = { language: 'da' };
 * options.language; // 'da'
 * ```
 */
export interface BreakdownBlocksOptions {
  language: DocumentLanguage;
}

/** The unit of a limit as a document writes it (case limits are in days, working days or months). */
function unitOf(limit: Limit): AmountUnit {
  return limit.unit === 'workingDays' || limit.unit === 'months' ? limit.unit : limit.unit === 'days' ? 'days' : 'none';
}

function statusOf(met: boolean | null, language: DocumentLanguage): Cell {
  const status: CellStatus = met === null ? 'unknown' : met ? 'met' : 'notMet';
  return { kind: 'status', status, text: message(language, `status.${status}`) };
}

/**
 * A breakdown as blocks of a document: a paragraph naming the attribute, then per share tier a
 * table (for readers) of each value's measured cases, those within the limit, the share and
 * whether it meets the requirement, with the total last; and one table of every figure (for
 * programs: CSV, XLSX), with the tier's target, limit and required share on each row. The values
 * come from the records and are shown as they are (cases without one as "(none)" / "(ingen)").
 *
 * @example
 * ```ts
 * const breakdown = breakdownPlan(getPlan('siri-2023'), [
 *   { id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20', attributes: { team: 'Nord' } },
 *   { id: 'A2', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-04-15' },
 * ], { period: '2023', by: 'team' });
 * const blocks = breakdownBlocks(breakdown, { language: 'da' });
 * blocks.map((block) => block.kind); // ['text', 'table', 'table']
 * const document: ReportDocument = { language: 'da', title: 'Fordelt på team', sections: [{ id: 'breakdown', title: 'siri-2023', blocks }] };
 * renderDocumentText(document, { format: 'table' }).split('\n').slice(6, 12).map((line) => line.trimEnd());
 * // ['Fast-track 1. gang: ≤ 31 dage, krav 85,0 %', 'team     målt  inden for    andel  opfyldt', '-------  ----  ---------  -------  --------------', 'Nord        1          1  100,0 %  ✓ opfyldt', '(ingen)     1          0    0,0 %  ✗ ikke opfyldt', 'I alt       2          1   50,0 %  ✗ ikke opfyldt']
 * ```
 */
export function breakdownBlocks(breakdown: PlanBreakdown, options: BreakdownBlocksOptions): DocumentBlock[] {
  const { language } = options;
  const by = breakdown.by === 'caseType' ? message(language, 'breakdown.caseType') : breakdown.by;
  const none = message(language, 'breakdown.none');
  const title = (key: Parameters<typeof message>[1]): string => message(language, key);
  const blocks: DocumentBlock[] = [{ kind: 'text', text: message(language, 'breakdown.intro', { by, none }) }];
  if (breakdown.tiers.every((tier) => tier.total.measured === 0)) blocks.push({ kind: 'text', text: message(language, 'breakdown.empty') });
  const figures = (row: BreakdownRow): Cell[] => [
    { kind: 'count', value: row.measured },
    { kind: 'count', value: row.within },
    { kind: 'share', value: row.share },
    statusOf(row.met, language),
  ];
  const figureColumns: DocumentColumn[] = [
    { key: 'measured', title: title('breakdown.column.measured'), align: 'right' },
    { key: 'within', title: title('breakdown.column.within'), align: 'right' },
    { key: 'share', title: title('breakdown.column.share'), align: 'right' },
    { key: 'met', title: title('breakdown.column.met'), align: 'left' },
  ];
  const valueText = (row: BreakdownRow): string => row.value ?? none;
  const tierTitle = (tier: TierBreakdown): string =>
    message(language, 'breakdown.tier', { target: tier.label, limit: amountText(tier.limit.amount, unitOf(tier.limit), language, 0), required: shareText(tier.required, language) });
  for (const tier of breakdown.tiers) {
    if (tier.total.measured === 0) continue;
    blocks.push({
      kind: 'table',
      id: `breakdown.${tier.target}.${String(tier.tier + 1)}`,
      title: tierTitle(tier),
      columns: [{ key: 'value', title: by, align: 'left' }, ...figureColumns],
      rows: [...tier.rows.map((row) => [{ kind: 'text', text: valueText(row) } satisfies Cell, ...figures(row)]), [{ kind: 'text', text: message(language, 'breakdown.total') }, ...figures(tier.total)]],
      use: 'reading',
    });
  }
  blocks.push({
    kind: 'table',
    id: 'breakdown',
    title: message(language, 'breakdown.title', { by }),
    columns: [
      { key: 'target', title: title('breakdown.column.target'), align: 'left' },
      { key: 'label', title: title('breakdown.column.label'), align: 'left' },
      { key: 'tier', title: title('breakdown.column.tier'), align: 'right' },
      { key: 'limit', title: title('breakdown.column.limit'), align: 'right' },
      { key: 'limit_unit', title: title('breakdown.column.unit'), align: 'left' },
      { key: 'required', title: title('breakdown.column.required'), align: 'right' },
      { key: 'by', title: title('breakdown.column.by'), align: 'left' },
      { key: 'value', title: by, align: 'left' },
      ...figureColumns,
    ],
    rows: breakdown.tiers.flatMap((tier) =>
      tier.rows.map((row): Cell[] => [
        { kind: 'text', text: tier.target },
        { kind: 'text', text: tier.label },
        { kind: 'count', value: tier.tier + 1 },
        { kind: 'amount', value: tier.limit.amount, unit: unitOf(tier.limit), decimals: 0 },
        { kind: 'text', text: tier.limit.unit },
        { kind: 'share', value: tier.required },
        { kind: 'text', text: breakdown.by },
        { kind: 'text', text: row.value ?? '' },
        ...figures(row),
      ]),
    ),
    use: 'data',
  });
  return blocks;
}

/**
 * A breakdown as a section of a document, titled by the attribute: what `servicemaal evaluate
 * --by` appends to the report's document ({@link breakdownBlocks} under its heading).
 *
 * @example
 * ```ts
 * const breakdown = breakdownPlan(getPlan('siri-2023'), [], { period: '2023', by: 'team' });
 * const section = breakdownSection(breakdown, { language: 'da' });
 * [section.id, section.title]; // ['breakdown', 'Fordelt på team']
 * ```
 */
export function breakdownSection(breakdown: PlanBreakdown, options: BreakdownBlocksOptions): DocumentSection {
  const { language } = options;
  const by = breakdown.by === 'caseType' ? message(language, 'breakdown.caseType') : breakdown.by;
  return { id: 'breakdown', title: message(language, 'breakdown.title', { by }), blocks: breakdownBlocks(breakdown, { language }) };
}

/**
 * A breakdown as a document of its own, titled by the plan and period of the report it breaks
 * down, with the {@link breakdownSection}.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2023');
 * const cases = [{ id: 'A1', caseType: 'fast-track', applied: '2023-03-01', decided: '2023-03-20' }];
 * const report = evaluatePlan(plan, cases, { period: '2023' });
 * const document = breakdownDocument(breakdownPlan(plan, cases, { period: '2023', by: 'caseType' }), report, { language: 'da' });
 * [document.title, document.sections[0]?.title]; // ['siri-2023, 2023-01-01 til 2023-12-31', 'Fordelt på sagstype']
 * ```
 */
export function breakdownDocument(breakdown: PlanBreakdown, report: Pick<PlanReport, 'plan' | 'period'>, options: BreakdownBlocksOptions): ReportDocument {
  const { language } = options;
  return {
    language,
    title: message(language, 'breakdown.period', { plan: report.plan.id, from: report.period.from, to: report.period.to }),
    sections: [breakdownSection(breakdown, options)],
  };
}
