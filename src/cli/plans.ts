/** `servicemaal plans`: the bundled plans, and one plan's targets, tiers, weights and sources. */
import { oneOf, parseCommand, text, UsageError } from './args.js';
import { bundledPlans } from './bundled-plans.js';
import { EXIT, type CliIo } from './io.js';

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;

/** Runs `servicemaal plans`. */
export async function plansCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(args, { format: { type: 'string' } });
  const format = oneOf(text(parsed, 'format'), FORMATS, 'format', 'table');
  const plans = await bundledPlans();
  const { positionals } = parsed;
  if (positionals.length === 0) {
    if (format === 'json') {
      io.stdout(`${JSON.stringify(plans.map(({ id, title, authority, year }) => ({ id, title, authority, year })), null, 2)}\n`);
      return EXIT.ok;
    }
    const width = plans.reduce((max, plan) => Math.max(max, plan.id.length), 0);
    io.stdout(plans.map((plan) => `${plan.id.padEnd(width)}  ${plan.year ?? '    '}  ${plan.title}\n`).join(''));
    return EXIT.ok;
  }
  if (positionals[0] !== 'show' || positionals.length !== 2) throw new UsageError("use 'servicemaal plans' or 'servicemaal plans show <id>'");
  const id = positionals[1] as string;
  const plan = plans.find((candidate) => candidate.id === id);
  if (plan === undefined) throw new UsageError(`unknown plan "${id}"; known plans: ${plans.map((candidate) => candidate.id).join(', ')}`);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return EXIT.ok;
  }
  const { planText } = await import('./plan-text.js');
  io.stdout(planText(plan, { format }));
  return EXIT.ok;
}
