/**
 * The quarterly report to the ministry as a document: every word from the message catalogues in
 * the document's language, every figure a typed cell.
 */
import { civilFromDayNumber } from '../dates/civil.js';
import { toDayNumber } from '../dates/parse.js';
import type { ReportPeriod, QuarterlyReport } from '../reporting/quarterly.js';
import type { TargetInflow } from '../reporting/inflow.js';
import type { TierForecast } from '../reporting/forecast.js';
import { message, type MessageKey } from '../messages/catalogue.js';
import type { Limit, LimitUnit } from '../targets/model.js';
import { formatCount } from '../render/format.js';
import { amountText } from './cells.js';
import type { AmountUnit, Cell, CellStatus, DocumentBlock, DocumentColumn, DocumentLanguage, DocumentSection, ReportDocument, TrendPoint } from './model.js';

/**
 * Where a quarterly report's figures come from, as the command line knows it: the input files with
 * their SHA-256 and row counts, the mappings used and the library's version.
 *
 * @example
 * ```ts
 * const provenance: QuarterlyProvenance = {
 *   inputs: [{ file: 'sager.csv', input: 'cases', rows: 2003, sha256: 'e3b0c442…' }],
 *   mapping: 'id=sagsnr,caseType=sagstype,applied=indgivet,decided=afgjort',
 *   caseTypeMap: 'case-type-codes.csv',
 *   version: '1.0.0',
 * };
 * provenance.inputs.length; // 1
 * ```
 */
export interface QuarterlyProvenance {
  inputs: readonly { file: string; input: 'cases' | 'contacts' | 'observations'; rows: number; sha256: string }[];
  /** The column mapping (`--map`), or `null`. */
  mapping: string | null;
  /** The case-type codes file (`--case-types`), or `null`. */
  caseTypeMap: string | null;
  version: string;
}

/**
 * Options of {@link quarterlyDocument}: the language of every word, and where the figures come from.
 *
 * @example
 * ```ts
 * const options: QuarterlyDocumentOptions = { language: 'da' };
 * options.language; // 'da'
 * ```
 */
export interface QuarterlyDocumentOptions {
  language: DocumentLanguage;
  /** The input files, mappings and version, for the provenance section (left out without it). */
  provenance?: QuarterlyProvenance;
}

/** The unit of a tier's times: days for month limits (as its statistics), a plain number for hours. */
const unitOf = (unit: LimitUnit): AmountUnit => (unit === 'months' ? 'days' : unit === 'hours' ? 'none' : unit);
const col = (key: string, title: string, align: 'left' | 'right' = 'left'): DocumentColumn => ({ key, title, align });
const text = (value: string): Cell => ({ kind: 'text', text: value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const share = (value: number | null): Cell => ({ kind: 'share', value });

/**
 * The quarterly report as a document in English or Danish: a summary (per requirement the share so
 * far, the required share, the expected result and share), a section per target (trend charts of
 * the share per month and per quarter against the required share with the year-end band, and the
 * tables behind them), the forecast with the further cases assumed and how they were found, the
 * cases at risk, the case flow, processing times, points with their scoring rules, the provenance
 * (when given) and the notes that state every assumption. Targets are named by their labels.
 *
 * @example
 * ```ts
 * const report = quarterlyReport(getPlan('siri-2023'), [
 *   { id: 'F1', caseType: 'fast-track', applied: '2023-08-01', decided: '2023-08-20' },
 * ], { asOf: '2023-09-30' });
 * const document = quarterlyDocument(report, { language: 'da' });
 * document.title; // 'Kvartalsrapport: SIRI mål- og resultatplan 2023: sagsbehandlingstider og borgerservice'
 * document.sections.map((section) => section.id).slice(0, 2); // ['summary', 'target-fast-track']
 * ```
 */
export function quarterlyDocument(report: QuarterlyReport, options: QuarterlyDocumentOptions): ReportDocument {
  const { language } = options;
  const say = (key: MessageKey, params?: Readonly<Record<string, string>>): string => message(language, key, params);
  const date = (iso: string): string => {
    const { year, month, day } = civilFromDayNumber(toDayNumber(iso));
    return say('quarterly.date', { day: String(day), month: say(`month.${String(month)}` as MessageKey), year: String(year) });
  };
  const number = (value: number): string => formatCount(value, language);
  const dateCell = (iso: string | null): Cell => ({ kind: 'date', day: iso === null ? null : toDayNumber(iso) });
  const limitText = (limit: Limit, mean: boolean): string => {
    const words = limit.unit === 'hours' ? say('quarterly.unit.hours', { count: number(limit.amount) }) : amountText(limit.amount, limit.unit, language, 0);
    return say(mean ? 'quarterly.limitMean' : 'quarterly.limit', { limit: words });
  };
  const statusCell = (status: CellStatus): Cell => ({ kind: 'status', status, text: say(`status.${status}` as MessageKey) });
  const metCell = (met: boolean | null): Cell => statusCell(met === null ? 'unknown' : met ? 'met' : 'notMet');
  const { yearToDate, forecast } = report;
  const labelOf = new Map(yearToDate.targets.map((target) => [target.id, target.label]));
  const targetLabel = (id: string): string => labelOf.get(id) ?? id;
  const forecastOf = (id: string, tier: number): TierForecast | undefined => forecast.targets.find((target) => target.id === id)?.tiers[tier];
  const inflowOf = new Map(report.inflow.map((entry) => [entry.targetId, entry]));
  const periodLabel = (period: ReportPeriod): string =>
    period.kind === 'quarter' ? `${say('quarter.label', { quarter: String(period.number) })} ${String(period.year)}` : `${say(`month.${String(period.number)}` as MessageKey)} ${String(period.year)}`;

  // Summary
  const tiers = yearToDate.targets.flatMap((target) => target.tiers.map((tier, index) => ({ target, tier, index })));
  const statuses = tiers.map(({ target, index }) => forecastOf(target.id, index)?.status ?? 'open');
  const summary: DocumentSection = {
    id: 'summary',
    title: say('quarterly.section.summary'),
    blocks: [
      {
        kind: 'text',
        text: say('quarterly.summary.text', {
          asOf: date(report.asOf),
          met: number(tiers.filter(({ tier }) => tier.met === true).length),
          tiers: number(tiers.length),
          certain: number(statuses.filter((status) => status === 'met').length),
          lost: number(statuses.filter((status) => status === 'lost').length),
          open: number(statuses.filter((status) => status === 'open').length),
        }),
      },
      {
        kind: 'table',
        id: 'summary',
        title: say('quarterly.table.summary'),
        columns: [
          col('target', say('quarterly.col.target')),
          col('limit', say('quarterly.col.limit')),
          col('share_so_far', say('quarterly.col.shareSoFar'), 'right'),
          col('required', say('quarterly.col.required'), 'right'),
          col('status_so_far', say('quarterly.col.statusSoFar')),
          col('estimate', say('quarterly.col.estimate'), 'right'),
          col('forecast_status', say('quarterly.col.forecastStatus')),
        ],
        rows: tiers.map(({ target, tier, index }) => {
          const expected = forecastOf(target.id, index);
          return [
            text(target.label),
            text(limitText(tier.limit, tier.kind === 'mean')),
            tier.kind === 'share' ? share(tier.share) : { kind: 'amount', value: tier.mean, unit: unitOf(tier.limit.unit) },
            share(tier.required),
            metCell(tier.met),
            tier.kind === 'share' ? share(expected?.estimate ?? null) : { kind: 'amount', value: expected?.estimate ?? null, unit: unitOf(tier.limit.unit) },
            statusCell(expected?.status ?? 'open'),
          ];
        }),
      },
    ],
  };

  // One section per target: charts and the tables behind them.
  const periodRows = (periods: readonly ReportPeriod[], id: string): Cell[][] =>
    periods.flatMap((period) =>
      (period.targets.find((target) => target.id === id)?.tiers ?? []).map((tier, index): Cell[] => {
        const limit = yearToDate.targets.find((target) => target.id === id)?.tiers[index]?.limit;
        return [
          text(periodLabel(period)),
          text(limit === undefined ? '' : limitText(limit, tier.mean !== null || tier.within === null)),
          count(tier.measured),
          count(tier.within),
          tier.within === null ? { kind: 'amount', value: tier.mean, unit: 'none' } : share(tier.share),
          metCell(tier.met),
        ];
      }),
    );
  const periodColumns = [
    col('period', say('quarterly.col.period')),
    col('limit', say('quarterly.col.limit')),
    col('measured', say('quarterly.col.measured'), 'right'),
    col('within', say('quarterly.col.within'), 'right'),
    col('share', say('quarterly.col.share'), 'right'),
    col('met', say('quarterly.col.status')),
  ];
  const targetSections = yearToDate.targets.map((target): DocumentSection => {
    const charts = target.tiers.flatMap((tier, index): DocumentBlock[] => {
      if (tier.kind !== 'share') return [];
      const expected = forecastOf(target.id, index);
      const band = expected?.lower !== null && expected?.lower !== undefined && expected.upper !== null ? { label: say('quarterly.chart.band'), lower: expected.lower, estimate: expected.estimate, upper: expected.upper } : null;
      const points = (periods: readonly ReportPeriod[]): TrendPoint[] =>
        periods.map((period) => {
          const measured = period.targets.find((candidate) => candidate.id === target.id)?.tiers[index];
          return { label: periodLabel(period), share: measured?.share ?? null, count: measured?.measured ?? 0 };
        });
      const limit = limitText(tier.limit, false);
      return [
        { kind: 'chart', chart: { kind: 'trend', id: `${target.id}.${String(index)}.months`, title: say('quarterly.chart.months', { target: target.label, limit }), required: tier.required, points: points(report.months), band } },
        { kind: 'chart', chart: { kind: 'trend', id: `${target.id}.${String(index)}.quarters`, title: say('quarterly.chart.quarters', { target: target.label, limit }), required: tier.required, points: points(report.quarters), band } },
      ];
    });
    return {
      id: `target-${target.id}`,
      title: target.label,
      blocks: [
        ...charts,
        {
          kind: 'table',
          id: `${target.id}.tiers`,
          title: say('quarterly.table.tiers', { target: target.label }),
          columns: [
            col('limit', say('quarterly.col.limit')),
            col('requirement', say('quarterly.col.label')),
            col('measured', say('quarterly.col.measured'), 'right'),
            col('within', say('quarterly.col.within'), 'right'),
            col('share', say('quarterly.col.share'), 'right'),
            col('required', say('quarterly.col.required'), 'right'),
            col('met', say('quarterly.col.status')),
          ],
          rows: target.tiers.map((tier) => [
            text(limitText(tier.limit, tier.kind === 'mean')),
            text(tier.label ?? ''),
            count(tier.measured),
            count(tier.kind === 'share' ? tier.within : null),
            tier.kind === 'share' ? share(tier.share) : { kind: 'amount', value: tier.mean, unit: 'none' },
            share(tier.required),
            metCell(tier.met),
          ]),
        },
        { kind: 'table', id: `${target.id}.quarters`, title: say('quarterly.table.quarters', { target: target.label }), columns: periodColumns, rows: periodRows(report.quarters, target.id) },
        { kind: 'table', id: `${target.id}.months`, title: say('quarterly.table.months', { target: target.label }), columns: periodColumns, rows: periodRows(report.months, target.id) },
      ],
    };
  });

  // Forecast
  const methodText = (entry: TargetInflow | undefined): string => {
    if (entry === undefined) return '';
    switch (entry.method) {
      case 'previousYear':
        return say('quarterly.method.previousYear', { observed: number(entry.observed ?? 0), from: date(entry.from ?? report.asOf), to: date(entry.to ?? report.asOf) });
      case 'recentRate':
        return say('quarterly.method.recentRate', {
          weeks: String(entry.weeks ?? 0),
          observed: number(entry.observed ?? 0),
          from: date(entry.from ?? report.asOf),
          to: date(entry.to ?? report.asOf),
          days: number(entry.daysLeft),
        });
      default:
        return say(`quarterly.method.${entry.method}`);
    }
  };
  const forecastSection: DocumentSection = {
    id: 'forecast',
    title: say('quarterly.section.forecast'),
    blocks: [
      {
        kind: 'table',
        id: 'forecast',
        title: say('quarterly.table.forecast'),
        columns: [
          col('target', say('quarterly.col.target')),
          col('limit', say('quarterly.col.limit')),
          col('share_so_far', say('quarterly.col.shareSoFar'), 'right'),
          col('lower', say('quarterly.col.lower'), 'right'),
          col('estimate', say('quarterly.col.estimate'), 'right'),
          col('upper', say('quarterly.col.upper'), 'right'),
          col('required', say('quarterly.col.required'), 'right'),
          col('needed', say('quarterly.col.needed'), 'right'),
          col('status', say('quarterly.col.forecastStatus')),
          col('inflow', say('quarterly.col.inflow'), 'right'),
          col('inflow_method', say('quarterly.col.inflowMethod')),
        ],
        rows: forecast.targets.flatMap((target) =>
          target.tiers.map((tier): Cell[] => {
            const mean = tier.required === null;
            const entry = inflowOf.get(target.id);
            return [
              text(target.label),
              text(limitText(tier.limit, mean)),
              mean ? { kind: 'amount', value: tier.soFar.mean, unit: 'none' } : share(tier.soFar.share),
              share(tier.lower),
              mean ? { kind: 'amount', value: tier.estimate, unit: 'none' } : share(tier.estimate),
              share(tier.upper),
              share(tier.required),
              count(tier.casesNeeded),
              statusCell(tier.status),
              count(entry === undefined ? null : tier.inflow),
              text(methodText(entry)),
            ];
          }),
        ),
      },
      {
        kind: 'facts',
        items: [
          { key: 'points_lower', label: say('quarterly.fact.pointsLower'), value: { kind: 'points', value: report.points.forecast.lower } },
          { key: 'points_estimate', label: say('quarterly.fact.pointsEstimate'), value: { kind: 'points', value: report.points.forecast.estimate } },
          { key: 'points_upper', label: say('quarterly.fact.pointsUpper'), value: { kind: 'points', value: report.points.forecast.upper } },
        ],
      },
    ],
  };

  // At risk
  const days = String(report.atRisk.days);
  const riskCases = report.atRisk.cases;
  const atRiskSection: DocumentSection = {
    id: 'at-risk',
    title: say('quarterly.section.atRisk'),
    blocks: [
      {
        kind: 'table',
        id: 'at_risk_summary',
        title: say('quarterly.table.atRiskSummary'),
        columns: [
          col('target', say('quarterly.col.target')),
          col('limit', say('quarterly.col.limit')),
          col('open', say('quarterly.col.open'), 'right'),
          col('overdue', say('quarterly.col.overdue'), 'right'),
          col('due_soon', say('quarterly.col.dueSoon', { days }), 'right'),
        ],
        rows: report.atRisk.tiers.map((row) => [text(targetLabel(row.targetId)), text(limitText(row.limit, false)), count(row.open), count(row.overdue), count(row.dueSoon)]),
      },
      riskCases.length === 0
        ? { kind: 'text', text: say('quarterly.atRisk.none', { days }) }
        : {
            kind: 'table',
            id: 'at_risk',
            title: say('quarterly.table.atRisk', { days }),
            columns: [
              col('id', say('quarterly.col.id')),
              col('target', say('quarterly.col.target')),
              col('limit', say('quarterly.col.limit')),
              col('applied', say('quarterly.col.applied')),
              col('due', say('quarterly.col.due')),
              col('days_left', say('quarterly.col.daysLeft'), 'right'),
              col('status', say('quarterly.col.status')),
            ],
            rows: {
              count: riskCases.length,
              at: (index: number): Cell[] => {
                const entry = riskCases[index];
                if (entry === undefined) return [];
                return [
                  text(entry.id),
                  text(targetLabel(entry.targetId)),
                  text(limitText(entry.limit, false)),
                  dateCell(entry.applied),
                  dateCell(entry.dueDate),
                  count(entry.daysRemaining),
                  text(say(entry.overdue ? 'quarterly.risk.overdue' : 'quarterly.risk.dueSoon')),
                ];
              },
            },
          },
    ],
  };

  // Backlog
  const { backlog } = report;
  const backlogSection: DocumentSection = {
    id: 'backlog',
    title: say('quarterly.section.backlog'),
    blocks: [
      {
        kind: 'table',
        id: 'backlog',
        title: say('quarterly.table.backlog', { from: date(backlog.period.from), to: date(backlog.period.to) }),
        columns: [
          col('case_type', say('quarterly.col.caseType')),
          col('pending_start', say('quarterly.col.pendingStart'), 'right'),
          col('incoming', say('quarterly.col.incoming'), 'right'),
          col('decided', say('quarterly.col.decided'), 'right'),
          col('pending_end', say('quarterly.col.pendingEnd'), 'right'),
          col('clearance_rate', say('quarterly.col.clearance'), 'right'),
          col('disposition_time', say('quarterly.col.disposition'), 'right'),
        ],
        rows: [...backlog.rows, backlog.total].map((row) => [
          text(row === backlog.total ? say('quarterly.backlog.total') : row.caseType),
          count(row.pendingStart),
          count(row.incoming),
          count(row.decided),
          count(row.pendingEnd),
          share(row.clearanceRate),
          { kind: 'amount', value: row.dispositionTime, unit: 'days', decimals: 0 },
        ]),
      },
    ],
  };

  // Processing times
  const timesSection: DocumentSection = {
    id: 'processing-times',
    title: say('quarterly.section.times'),
    blocks: [
      {
        kind: 'table',
        id: 'processing_times',
        title: say('quarterly.table.times'),
        columns: [
          col('target', say('quarterly.col.target')),
          col('decided', say('quarterly.col.measured'), 'right'),
          col('median', say('quarterly.col.median'), 'right'),
          col('mean', say('quarterly.col.mean'), 'right'),
          col('p90', say('quarterly.col.p90'), 'right'),
        ],
        rows: report.processingTimes.map((row) => [
          text(targetLabel(row.targetId)),
          count(row.count),
          { kind: 'amount', value: row.median, unit: unitOf(row.unit), decimals: 0 },
          { kind: 'amount', value: row.mean, unit: unitOf(row.unit), decimals: 1 },
          { kind: 'amount', value: row.p90, unit: unitOf(row.unit), decimals: 0 },
        ]),
      },
    ],
  };

  // Points
  const pointsSection: DocumentSection = {
    id: 'points',
    title: say('quarterly.section.points'),
    blocks: [
      {
        kind: 'table',
        id: 'points',
        title: say('quarterly.table.points'),
        columns: [
          col('group', say('quarterly.col.group')),
          col('label', say('quarterly.col.label')),
          col('weight', say('quarterly.col.weight'), 'right'),
          col('points', say('quarterly.col.points'), 'right'),
          col('rule', say('quarterly.col.rule')),
        ],
        rows: report.points.groups.map((group) => [
          text(group.id),
          text(group.label),
          { kind: 'points', value: group.weight },
          { kind: 'points', value: group.points },
          text(say(`quarterly.rule.${group.rule ?? 'none'}`)),
        ]),
      },
      {
        kind: 'facts',
        items: [
          { key: 'points_so_far', label: say('quarterly.fact.pointsSoFar'), value: { kind: 'points', value: report.points.earned } },
          { key: 'points_possible', label: say('quarterly.fact.pointsPossible'), value: { kind: 'points', value: report.points.possible } },
        ],
      },
    ],
  };

  // Provenance
  const { plan } = yearToDate;
  const provenance = options.provenance;
  const provenanceSection: DocumentSection = {
    id: 'provenance',
    title: say('quarterly.section.provenance'),
    blocks: [
      {
        kind: 'facts',
        items: [
          { key: 'plan', label: say('quarterly.fact.plan'), value: text(`${plan.id}: ${plan.title}`) },
          { key: 'documents', label: say('quarterly.fact.documents'), value: text(plan.documents.length === 0 ? say('quarterly.none') : plan.documents.map((document) => `${document.authority}: ${document.title}`).join('; ')) },
          { key: 'period', label: say('quarterly.fact.period'), value: text(`${date(report.period.from)} – ${date(report.period.to)}`) },
          { key: 'as_of', label: say('quarterly.fact.asOf'), value: dateCell(report.asOf) },
          { key: 'records', label: say('quarterly.fact.records'), value: count(yearToDate.counts.input) },
          { key: 'invalid', label: say('quarterly.fact.invalid'), value: count(yearToDate.counts.invalid) },
          ...(provenance === undefined
            ? []
            : [
                { key: 'mapping', label: say('quarterly.fact.mapping'), value: text(provenance.mapping ?? say('quarterly.none')) },
                { key: 'case_type_map', label: say('quarterly.fact.caseTypeMap'), value: text(provenance.caseTypeMap ?? say('quarterly.none')) },
                { key: 'version', label: say('quarterly.fact.version'), value: text(provenance.version) },
              ]),
        ],
      },
      ...(provenance === undefined
        ? []
        : [
            {
              kind: 'table' as const,
              id: 'inputs',
              title: say('quarterly.table.inputs'),
              columns: [col('file', say('quarterly.col.file')), col('input', say('quarterly.col.input')), col('rows', say('quarterly.col.rows'), 'right'), col('sha256', say('quarterly.col.sha256'))],
              rows: provenance.inputs.map((input) => [text(input.file), text(say(`quarterly.input.${input.input}`)), count(input.rows), text(input.sha256)]),
            },
          ]),
    ],
  };

  // Notes: every assumption.
  const asOf = date(report.asOf);
  const notes: string[] = [
    say('quarterly.note.asOf', { asOf }),
    say('quarterly.note.periods', { asOf }),
    say('quarterly.note.bounds'),
    say('quarterly.note.estimate'),
    say('quarterly.note.status'),
    say('quarterly.note.needed'),
    say('quarterly.note.inflow', { asOf }),
    say('quarterly.note.atRisk', { days, asOf }),
    ...(yearToDate.targets.some((target) => target.input !== 'cases') ? [say('quarterly.note.waits')] : []),
    ...(yearToDate.counts.invalid > 0 ? [say('quarterly.note.invalid', { count: number(yearToDate.counts.invalid) })] : []),
  ];

  return {
    language,
    title: say('quarterly.title', { plan: plan.title }),
    subtitle: say('quarterly.subtitle', { from: date(report.period.from), to: date(report.period.to), asOf }),
    sections: [
      summary,
      ...targetSections,
      forecastSection,
      atRiskSection,
      backlogSection,
      timesSection,
      pointsSection,
      provenanceSection,
      { id: 'notes', title: say('quarterly.section.notes'), blocks: [{ kind: 'notes', items: notes }] },
    ],
  };
}
