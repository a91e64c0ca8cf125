import { createCalendar } from '../calendar/calendar.js';
import type { PlanDocument, PlanRequirement, ServicePlan, ServiceTarget, Source } from '../targets/model.js';
import { catalogue } from './index.js';
import { formatLimit, formatPercent, formatScope, formatSource } from './format.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The catalogue reference as Markdown: per plan its requirements (weights, and which the data
 * evaluates), a table of targets, case types, limits, required shares, weights and sources, then
 * its groups, the targets not evaluated from case records, and the notes. `docs/catalogue.md` is this output.
 *
 * @example
 * ```ts
 * renderCatalogueMarkdown().startsWith('# Catalogue'); // true
 * ```
 */
export function renderCatalogueMarkdown(plans: readonly ServicePlan[] = catalogue): string {
  const lines: string[] = [
    '# Catalogue',
    '',
    '<!-- Generated from src/catalog by `npm run docs:catalogue`; do not edit by hand. A test fails when this file is out of date. -->',
    '',
    'The published plans that ship with servicemaal. Each plan lists the documents it rests on (authority, title as',
    'printed, year), and every target, tier weight and group cites its document and requirement number as that document',
    'numbers it, so it can be checked against the published plan line by line; a quoted phrase is the wording a number is',
    'read from. Limits are elapsed calendar days from the application to the decision unless the clock column says',
    'otherwise; "within N days" means at most N elapsed days (see [methodology](methodology.md)).',
    '',
  ];
  for (const plan of plans) {
    lines.push(`## ${plan.id}: ${plan.title}`, '');
    lines.push(`Authority: ${plan.authority ?? '–'}. Year: ${plan.year ?? '–'}.`, '');
    if (plan.documents.length > 0) {
      lines.push('Documents:', '');
      for (const document of plan.documents) lines.push(`- ${describeDocument(document)}`);
      lines.push('');
    }
    if (plan.requirements.length > 0) {
      lines.push('Requirements (the whole plan):', '');
      lines.push('| requirement | title | weight | evaluated from the data by | source |', '| --- | --- | --- | --- | --- |');
      for (const requirement of plan.requirements) {
        lines.push(`| ${cell(requirement.number)} | ${cell(requirement.title)} | ${requirement.weight ?? '– (not known)'} | ${cell(evaluatedBy(requirement))} | ${cell(formatSource(plan, requirement.source))} |`);
      }
      lines.push('', requirementsTotal(plan.requirements, plan.totalWeight), '');
    }
    lines.push('| target | label | measures | clock | limit | required | aggregate | weight | source |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const target of plan.targets) {
      const covers = describeCoverage(target);
      const clock = describeClock(target);
      target.tiers.forEach((tier, index) => {
        const first = index === 0;
        const weight = tier.weight ?? (first && target.weight !== null ? target.weight : null);
        lines.push(
          `| ${first ? `\`${target.id}\`` : ''} | ${first ? cell(target.label) : ''} | ${first ? covers : ''} | ${first ? clock : ''} | ${formatLimit(tier.limit)} | ${tier.required === null ? '–' : formatPercent(tier.required)} | ${first ? target.aggregate : ''} | ${weight ?? '–'} | ${cell(first ? formatSource(plan, target.source) : tier.source === null ? '' : formatSource(plan, tier.source))} |`,
        );
      });
    }
    lines.push('');
    if (plan.groups.length > 0) {
      lines.push('Groups (points for the group as a whole):', '');
      lines.push('| group | label | weight | targets | source |', '| --- | --- | --- | --- | --- |');
      for (const group of plan.groups) {
        lines.push(`| \`${group.id}\` | ${cell(group.label)} | ${group.weight ?? '–'} | ${group.targets.map((id) => `\`${id}\``).join(', ')} | ${cell(formatSource(plan, group.source))} |`);
      }
      lines.push('');
    }
    if (plan.notEvaluable.length > 0) {
      lines.push('Not evaluated from case records:', '');
      lines.push('| target | label | requirement | why | source |', '| --- | --- | --- | --- | --- |');
      for (const entry of plan.notEvaluable) {
        lines.push(`| \`${entry.id}\` | ${cell(entry.label)} | ${cell(entry.description)} | ${cell(entry.reason)} | ${cell(formatSource(plan, entry.source))} |`);
      }
      lines.push('');
    }
    if (plan.addenda.length > 0) {
      lines.push('Addenda:', '');
      lines.push('| addendum | from | applies by | adds | retires | source |', '| --- | --- | --- | --- | --- | --- |');
      for (const addendum of plan.addenda) {
        lines.push(`| \`${addendum.id}\` ${cell(addendum.label)} | ${addendum.effective} | ${addendum.by} date | ${addendum.adds.map((id) => `\`${id}\``).join(', ') || '–'} | ${addendum.retires.map((id) => `\`${id}\``).join(', ') || '–'} | ${cell(formatSource(plan, addendum.source))} |`);
      }
      lines.push('');
    }
    const quotes = sourceQuotes(plan);
    if (quotes.length > 0) {
      lines.push('Wording of the sources:', '');
      for (const quote of quotes) lines.push(`- ${quote}`);
      lines.push('');
    }
    const sourceNotes = [
      ...plan.requirements.flatMap((requirement) => [requirement.note, requirement.source?.note].flatMap((note) => (note === null || note === undefined ? [] : [`requirement ${requirement.number}: ${note}`]))),
      ...plan.targets.flatMap((target) => (target.source?.note === undefined ? [] : [`\`${target.id}\`: ${target.source.note}`])),
    ];
    if (plan.notes.length + sourceNotes.length > 0) {
      lines.push('Notes:', '');
      for (const note of [...plan.notes, ...sourceNotes]) lines.push(`- ${note}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Which groups and targets evaluate a requirement, or why none does. */
export function evaluatedBy(requirement: PlanRequirement): string {
  const members = [...requirement.groups.map((id) => `group ${id}`), ...requirement.targets.map((id) => `target ${id}`)];
  if (members.length > 0) return members.join(', ');
  return requirement.reason === null ? 'not evaluated from the data' : `not evaluated from the data: ${requirement.reason}`;
}

/** The total of the requirements' weights, and those without a known weight (their points together, when the plan's total tells them). */
export function requirementsTotal(requirements: readonly PlanRequirement[], totalWeight: number | null = null): string {
  const known = requirements.reduce((sum, requirement) => sum + (requirement.weight ?? 0), 0);
  const unknown = requirements.filter((requirement) => requirement.weight === null).map((requirement) => requirement.number);
  const evaluated = requirements
    .filter((requirement) => requirement.groups.length + requirement.targets.length > 0)
    .reduce((sum, requirement) => sum + (requirement.weight ?? 0), 0);
  return unknown.length === 0
    ? `The weights total ${known}; ${evaluated} of them are evaluated from the data.`
    : totalWeight !== null && totalWeight > known
      ? `The plan is worth ${totalWeight}; the known weights total ${known}, and ${unknown.join(', ')} hold the other ${totalWeight - known} together (their weights cannot be read); ${evaluated} are evaluated from the data.`
      : `The known weights total ${known} (without a known weight: ${unknown.join(', ')}); ${evaluated} of them are evaluated from the data.`;
}

function describeDocument(document: PlanDocument): string {
  const kind = document.kind === 'plan' ? 'signed plan' : document.kind;
  const numbers = document.requirements.map((requirement) => requirement.number).join(', ');
  return `${document.authority}, *${document.title}*${document.year === null ? '' : ` (${document.year})`}: ${kind}${numbers === '' ? '' : `, requirements ${numbers}`}.`;
}

/** The quoted phrases of the plan's sources, one line per target, tier or group that has any. */
function sourceQuotes(plan: ServicePlan): string[] {
  const quoted = (source: Source | null): string[] =>
    source === null
      ? []
      : [source, ...(source.also ?? [])].flatMap((citation) => {
          if (citation.quote === undefined) return [];
          const document = plan.documents.find((candidate) => candidate.id === citation.document);
          return [`"${citation.quote}" (${document?.title ?? citation.document}, ${citation.requirement})`];
        });
  const lines: string[] = [];
  for (const target of plan.targets) {
    const quotes = [...quoted(target.source), ...target.tiers.flatMap((tier) => quoted(tier.source))];
    if (quotes.length > 0) lines.push(`\`${target.id}\`: ${quotes.join('; ')}`);
  }
  for (const group of plan.groups) {
    const quotes = quoted(group.source);
    if (quotes.length > 0) lines.push(`group \`${group.id}\`: ${quotes.join('; ')}`);
  }
  for (const requirement of plan.requirements) {
    const quotes = quoted(requirement.source);
    if (quotes.length > 0) lines.push(`requirement ${requirement.number}: ${quotes.join('; ')}`);
  }
  return lines;
}

function describeCoverage(target: ServiceTarget): string {
  if (target.input === 'contacts') return `contacts: ${target.channels.map((channel) => `\`${channel}\``).join(', ')}`;
  if (target.input === 'observations') {
    if (target.centres === null) return 'observations: all centres pooled';
    const centres = Object.entries(target.centres).map(([centre, weight]) => `${centre} ${formatPercent(weight)}`);
    return `observations: ${centres.join(', ')} (${target.centreScoring})`;
  }
  const covered = [...target.caseTypes.map((id) => `\`${id}\``), ...target.areas.map((area) => `area \`${area}\``)].join(', ');
  return target.where.length === 0 ? covered : `${covered}; only ${formatScope(target.where)}`;
}

function describeClock(target: ServiceTarget): string {
  const parts =
    target.input === 'cases'
      ? [`${target.clock.start} → ${target.clock.stop}`]
      : [target.input === 'contacts' ? 'waiting time' : 'days to next free slot, working days only'];
  if (target.subtractPauses) parts.push('minus pauses');
  if (target.period !== null) parts.push(`in ${typeof target.period === 'string' ? target.period : 'a sub-period'}`);
  if (target.calendar !== null) parts.push(`calendar ${createCalendar(target.calendar).name}`);
  return parts.join(', ');
}

