import { parseArgs } from 'node:util';

/** A usage error: printed with the command's help, exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An option of a command: a text given at most once, a text that may be given several times
 * (`repeatable`: every value is read, in order, such as `--contacts a.csv --contacts b.csv`), or a
 * flag.
 */
export type OptionSpec = { type: 'string'; repeatable?: true } | { type: 'boolean' };

/** A command's arguments: the options' values by name and the positional arguments, in order. */
export interface ParsedCommand {
  /** Options given once (texts) and flags given (`true`). */
  values: ReadonlyMap<string, string | boolean>;
  /** Every value of each repeatable option that was given, in order. */
  lists: ReadonlyMap<string, readonly string[]>;
  positionals: string[];
}

/**
 * Parses a command's arguments strictly: unknown options and missing values are usage errors, and
 * so is an option that takes one value given more than once (`--plan a --plan b`), rather than
 * one of the values silently winning.
 */
export function parseCommand(args: string[], options: Readonly<Record<string, OptionSpec>>): ParsedCommand {
  const config = Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, multiple: true }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error));
  }
  const values = new Map<string, string | boolean>();
  const lists = new Map<string, readonly string[]>();
  for (const [name, spec] of Object.entries(options)) {
    const given = (parsed.values as Record<string, (string | boolean)[] | undefined>)[name];
    if (given === undefined || given.length === 0) continue;
    if (spec.type === 'boolean') values.set(name, true);
    else if (spec.repeatable === true) lists.set(name, given.map(String));
    else if (given.length > 1) throw new UsageError(`--${name} was given ${given.length} times; give it once`);
    else values.set(name, String(given[0]));
  }
  return { values, lists, positionals: parsed.positionals };
}

/** A string option's value, or `undefined`. */
export function text(parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.values.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Whether a flag was given. */
export function flag(parsed: ParsedCommand, name: string): boolean {
  return parsed.values.get(name) === true;
}

/** Every value of a repeatable option, in order (none when it was not given). */
export function list(parsed: ParsedCommand, name: string): readonly string[] {
  return parsed.lists.get(name) ?? [];
}

/** One of a set of allowed values, or a usage error. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}
