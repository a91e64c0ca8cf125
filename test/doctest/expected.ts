/**
 * Expected values written as comments in documentation examples, and how an actual value is
 * compared with them.
 *
 * An example states a result in a comment after an expression statement (or a declaration of one
 * variable), on the same line or on the comment lines that follow it:
 *
 *     parsePeriod('2023-Q3').from; // '2023-07-01'
 *     workingDaysBetween('2024-03-27', '2024-04-02'); // 1: Maundy Thursday to Easter Monday are closed
 *     toDayNumber('2023-02-29'); // throws: code 'invalid_date'
 *
 * The longest beginning of the comment that is a literal (numbers, strings, booleans, null,
 * undefined, arrays and objects of them) is the expected value; the rest is prose. `…` marks what is
 * left out: in an object, further keys; at the end of an array, further items; after a decimal
 * number, further digits (`0.533…`). A comment with no such beginning is prose and checks nothing.
 */
import ts from 'typescript';

/** What a comment expects. */
export type Expectation =
  | { kind: 'value'; value: unknown; text: string }
  | { kind: 'throws'; code: string | null; text: string };

/** Marks "further keys" in an expected object. */
export const REST_KEY = '__rest__';
/** Marks "further items" at the end of an expected array. */
export const REST_ITEM: unique symbol = Symbol('…');

/** An expected number given with a truncated decimal expansion (`0.533…`). */
export class Approximately {
  constructor(
    readonly digits: string,
  ) {}

  matches(actual: unknown): boolean {
    if (typeof actual !== 'number') return false;
    const decimals = this.digits.split('.')[1]?.length ?? 0;
    return Math.abs(actual - Number(this.digits)) < 10 ** -decimals;
  }
}

const ALLOWED_IDENTIFIERS = new Set(['undefined', 'NaN', 'Infinity', '__REST_ITEM', '__approx']);

/**
 * The expectation stated by a comment (its text without the `//` markers, lines joined by
 * newlines), or null when the comment is prose.
 */
export function parseExpectation(comment: string): Expectation | null {
  const text = comment.trim();
  if (/^throws\b/.test(text)) {
    const code = /\bcode:? ['"`]([a-z_]+)['"`]/.exec(text)?.[1] ?? null;
    return { kind: 'throws', code, text };
  }
  for (const end of cutPoints(text)) {
    const candidate = text.slice(0, end).trim();
    if (candidate === '') continue;
    const value = literalValue(candidate);
    if (value !== NOT_A_LITERAL) return { kind: 'value', value, text: candidate };
  }
  return null;
}

/** Where the expected value may end: the whole text, then before each `:`, `;`, ` (`, ` —`, ` –`, `,`, from the end. */
function cutPoints(text: string): number[] {
  const points = [text.length];
  for (let index = text.length - 1; index > 0; index--) {
    const char = text[index];
    if (char === ':' || char === ';' || char === ',' || (char === ' ' && ['(', '—', '–'].includes(text[index + 1] ?? ''))) points.push(index);
  }
  return points;
}

const NOT_A_LITERAL = Symbol('not a literal');

/** The value of a literal expression, with `…` markers resolved, or NOT_A_LITERAL. */
function literalValue(candidate: string): unknown {
  const source = markEllipses(candidate);
  if (source === null) return NOT_A_LITERAL;
  const file = ts.createSourceFile('expected.ts', `(${source});`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) return NOT_A_LITERAL;
  const [statement] = file.statements;
  if (file.statements.length !== 1 || statement === undefined || !ts.isExpressionStatement(statement)) return NOT_A_LITERAL;
  if (!isLiteral(statement.expression)) return NOT_A_LITERAL;
  // The text is checked above to be a literal: evaluating it runs no code of the comment's.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a literal, checked above
  const evaluate = new Function('__REST_ITEM', '__approx', `"use strict"; return (${source});`) as (rest: symbol, approx: (digits: string) => Approximately) => unknown;
  return evaluate(REST_ITEM, (digits) => new Approximately(digits));
}

/** Whether an expression is made of literals only. */
function isLiteral(node: ts.Node): boolean {
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression);
  if (ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node)) return ALLOWED_IDENTIFIERS.has(node.text) && node.text !== '__approx';
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.MinusToken && isLiteral(node.operand);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteral);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (property) =>
        ts.isPropertyAssignment(property) &&
        (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name)) &&
        isLiteral(property.initializer),
    );
  }
  if (ts.isCallExpression(node)) {
    const [argument] = node.arguments;
    return ts.isIdentifier(node.expression) && node.expression.text === '__approx' && node.arguments.length === 1 && argument !== undefined && ts.isStringLiteral(argument);
  }
  return false;
}

/**
 * Replaces `…` outside strings: after a decimal number by `__approx("digits")`, inside an object
 * by a rest key, inside an array by the rest item. Null when a `…` is anywhere else.
 */
function markEllipses(text: string): string | null {
  let out = '';
  const brackets: string[] = [];
  let quote: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (quote !== null) {
      out += char;
      if (char === '\\') {
        out += text[index + 1] ?? '';
        index++;
      }
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '{' || char === '[') brackets.push(char);
    else if (char === '}' || char === ']') brackets.pop();
    if (char !== '…') {
      out += char;
      continue;
    }
    const number = /-?\d+\.\d+$/.exec(out);
    if (number !== null) {
      out = `${out.slice(0, number.index)}__approx(${JSON.stringify(number[0])})`;
      continue;
    }
    const inside = brackets.at(-1);
    if (inside === '{') out += `${REST_KEY}: true`;
    else if (inside === '[') out += '__REST_ITEM';
    else return null;
  }
  return quote === null ? out : null;
}

/**
 * Differences between an actual value and an expected one, as readable lines (empty when they
 * match). Objects must have the same keys (keys whose value is undefined count as absent) unless
 * the expected object has the rest key; arrays the same length unless the expected array ends
 * with the rest item.
 */
export function differences(actual: unknown, expected: unknown, path = '$'): string[] {
  if (expected instanceof Approximately) {
    return expected.matches(actual) ? [] : [`${path}: expected ${expected.digits}…, got ${show(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    const open = expected.at(-1) === REST_ITEM;
    const items = open ? expected.slice(0, -1) : expected;
    if (items.includes(REST_ITEM)) throw new Error(`${path}: "…" may only end an array`);
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${path}: expected ${open ? 'at least ' : ''}${items.length} items, got ${actual.length}: ${show(actual)}`];
    }
    return items.flatMap((item, index) => differences(actual[index], item, `${path}[${index}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    const open = REST_KEY in expected;
    const wanted = Object.entries(expected).filter(([key]) => key !== REST_KEY);
    const found = Object.entries(actual).filter(([, value]) => value !== undefined);
    const problems: string[] = [];
    if (!open) {
      const extra = found.map(([key]) => key).filter((key) => !(key in expected));
      if (extra.length > 0) problems.push(`${path}: unexpected keys ${extra.join(', ')}`);
    }
    for (const [key, value] of wanted) {
      const child = `${path}.${key}`;
      if (!(key in actual) && value !== undefined) problems.push(`${child}: missing`);
      else problems.push(...differences((actual as Record<string, unknown>)[key], value, child));
    }
    return problems;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    return expected === actual || (Number.isNaN(expected) && Number.isNaN(actual)) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/** A short readable form of a value, for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return String(value);
  const text = JSON.stringify(value, (_key, item: unknown) => (item === undefined ? '«undefined»' : item));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
