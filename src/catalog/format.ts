import type { Citation, Limit, PlanDocument, ScopeCondition, Source } from '../targets/model.js';

/**
 * A target's scope as text: its conditions joined by `; ` (`=` for one value, `∈ {…}` for one of
 * several, `≠` / `∉ {…}` for none of them), or `''` when the target has none.
 *
 * @example
 * ```ts
 * formatScope([{ attribute: 'applicationKind', op: 'oneOf', values: ['first'] }, { attribute: 'complexity', op: 'oneOf', values: ['simple'] }]); // 'applicationKind = first; complexity = simple'
 * formatScope([{ attribute: 'channel', op: 'notOneOf', values: ['paper', 'fax'] }]); // 'channel ∉ {paper, fax}'
 * formatScope([]); // ''
 * ```
 */
export function formatScope(where: readonly ScopeCondition[]): string {
  return where
    .map(({ attribute, op, values }) =>
      values.length === 1 ? `${attribute} ${op === 'oneOf' ? '=' : '≠'} ${values[0] ?? ''}` : `${attribute} ${op === 'oneOf' ? '∈' : '∉'} {${values.join(', ')}}`,
    )
    .join('; ');
}

/**
 * A limit as text.
 *
 * @example
 * ```ts
 * formatLimit({ amount: 1, unit: 'days' }); // '1 day'
 * formatLimit({ amount: 15, unit: 'workingDays' }); // '15 working days'
 * ```
 */
export function formatLimit(limit: Limit): string {
  const [one, many] = UNIT_NAMES[limit.unit];
  return `${limit.amount} ${limit.amount === 1 ? one : many}`;
}

const UNIT_NAMES: Record<Limit['unit'], readonly [string, string]> = {
  days: ['day', 'days'],
  months: ['month', 'months'],
  workingDays: ['working day', 'working days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
};

/**
 * A share in percent, with up to one decimal (display only; comparisons are exact).
 *
 * @example
 * ```ts
 * formatPercent(0.8532); // '85.3 %'
 * ```
 */
export function formatPercent(share: number | null): string {
  if (share === null) return '–';
  return `${(Math.round(share * 1000) / 10).toString()} %`;
}

/**
 * A citation as a reader finds the document: authority, title, requirement number (the number as
 * the document numbers it). A document the plan does not list is named by its id.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2024');
 * formatCitation(plan, { document: 'siri-2024', requirement: '1.2' }); // 'SIRI, Mål- og resultatplan 2024, resultatkrav 1.2'
 * formatCitation(plan, null); // '–'
 * ```
 */
export function formatCitation(plan: { documents: readonly PlanDocument[] }, citation: Citation | null): string {
  return citation === null ? '–' : citationParts(plan, citation, null);
}

/**
 * A source as a reader finds it: its citation, then the other places that state the same (the
 * authority is not repeated when it is the same). Quotes and notes are left to the caller.
 *
 * @example
 * ```ts
 * const plan = getPlan('siri-2020');
 * formatSource(plan, plan.targets[0]?.source ?? null);
 * // 'SIRI, Mål- og resultatplan 2020, resultatkrav 1.4; Bilag for mål og resultatplan 2020 – opgørelsesmetode for resultatkrav, resultatkrav 1.5'
 * formatSource(plan, null); // '–'
 * ```
 */
export function formatSource(plan: { documents: readonly PlanDocument[] }, source: Source | null): string {
  if (source === null) return '–';
  const parts = [citationParts(plan, source, null)];
  let authority = documentOf(plan, source.document)?.authority ?? null;
  for (const citation of source.also ?? []) {
    parts.push(citationParts(plan, citation, authority));
    authority = documentOf(plan, citation.document)?.authority ?? null;
  }
  return parts.join('; ');
}

function documentOf(plan: { documents: readonly PlanDocument[] }, id: string): PlanDocument | undefined {
  return plan.documents.find((document) => document.id === id);
}

function citationParts(plan: { documents: readonly PlanDocument[] }, citation: Citation, previousAuthority: string | null): string {
  const document = documentOf(plan, citation.document);
  if (document === undefined) return `${citation.document}, resultatkrav ${citation.requirement}`;
  const name = document.authority === previousAuthority ? document.title : `${document.authority}, ${document.title}`;
  return `${name}, resultatkrav ${citation.requirement}`;
}
