/**
 * The kinds of input records.
 *
 * @example
 * ```ts
 * const report = evaluatePlan(getPlan('siri-2023'), { cases: [{ id: 'A1' }], contacts: [{ id: 'K1', channel: 'phone' }] }, { period: '2023' });
 * // A1 lacks caseType and applied; K1 lacks its waiting time.
 * const kinds: InputKind[] = report.invalid.map((problem) => problem.input); // ['cases', 'cases', 'contacts']
 * ```
 */
export type InputKind = 'cases' | 'contacts' | 'observations';
