import { seedCaseTypes } from '../targets/case-types.js';
import type { InputKind } from '../evaluate/records.js';
import { mapCaseType } from './convert.js';
import type { ReadSummary, RecordRow, ProblemRow, RowProblem } from './types.js';

/** The settings and counts of one read, shared by the format readers. */
export class ReadContext {
  private readonly known: ReadonlySet<string>;
  /** The JSON keys seen so far. */
  readonly seenKeys = new Set<string>();
  /** The name of the source in messages (a file path, or a stream's name), or `null`. */
  name: string | null = null;

  constructor(
    readonly summary: ReadSummary,
    readonly kind: InputKind,
    readonly fieldMap: ReadonlyMap<string, string>,
    readonly caseTypeMap: ReadonlyMap<string, string> | null,
    readonly delimiter: string | undefined,
  ) {
    this.known = new Set([...seedCaseTypes.keys(), ...(caseTypeMap?.values() ?? [])]);
  }

  /** Counts a row that became a record (after the case-type mapping). */
  record(line: number, record: Record<string, unknown>): RecordRow {
    if (this.caseTypeMap !== null && this.kind === 'cases') {
      const code = mapCaseType(record, this.caseTypeMap, this.known);
      if (code !== null) this.summary.unmappedCaseTypes.set(code, (this.summary.unmappedCaseTypes.get(code) ?? 0) + 1);
    }
    this.summary.rows++;
    this.summary.records++;
    return { line, record };
  }

  /**
   * The case type a code stands for after the case-type mapping, and the code itself when it is
   * neither mapped nor a known case type (to count in `summary.unmappedCaseTypes`), else `null`.
   */
  caseTypeOf(code: string): { caseType: string; unmapped: string | null } {
    if (this.caseTypeMap === null || code === '') return { caseType: code, unmapped: null };
    const mapped = this.caseTypeMap.get(code);
    if (mapped !== undefined) return { caseType: mapped, unmapped: null };
    return { caseType: code, unmapped: this.known.has(code) ? null : code };
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
