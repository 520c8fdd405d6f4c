import { escapeMarkdownReadable as md } from '../shared/index.ts';
import type { Area, Change } from './change.ts';
import type { ClientDiff, DiffReport, TemplateChange } from './report.ts';

/** The heading of each area of change, in Markdown and in plain text. */
export const AREA_TITLES: Record<Area, string> = {
  client: 'Client',
  plan: 'Plan',
  msp: 'MSP',
  contact: 'Contacts',
  asset: 'Assets',
  'data-flow': 'Data flows',
  insurance: 'Insurance',
  continuity: 'Continuity',
  regulations: 'Regulations',
  exercises: 'Exercises',
  governance: 'Governance',
  preparation: 'Preparation',
  monitoring: 'Monitoring',
  jurisdiction: 'Jurisdiction',
  incident: 'Incidents',
};

// Client data goes into a pull-request comment: every value from a plan passes through md(), so it
// reads as text there and in a terminal, never as a link, HTML or a heading.

/** A commit as people quote it, or "uncommitted" for the working tree. */
export const short = (commit: string | null) => (commit ? commit.slice(0, 7) : 'uncommitted');

/** The report as Markdown for a pull-request comment. */
export function formatMarkdown(report: DiffReport): string {
  const lines = [
    `## Plan changes: ${md(report.base.ref)} (${short(report.base.commit)}) → ${md(report.head.ref)} (${short(report.head.commit)})`,
    '',
  ];
  lines.push(summaryLine(report), '');
  for (const c of report.clients) lines.push(...clientBlock(c));
  if (report.templates.length > 0) lines.push('### Templates', '', ...report.templates.map(templateLine), '');
  for (const bad of report.invalid) {
    lines.push(
      `### \`${bad.slug}\` could not be compared: invalid at ${bad.side}`,
      '',
      '```',
      ...bad.errors.map((e) => e.replace(/`/g, "'")),
      '```',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function summaryLine(report: DiffReport): string {
  if (report.clients.length === 0 && report.templates.length === 0 && report.invalid.length === 0)
    return 'No client plan changes in meaning.';
  const n = report.clients.length;
  const parts = [`**${n} client${n === 1 ? '' : 's'} changed**`];
  if (report.templates.length > 0)
    parts.push(`${report.templates.length} template file${report.templates.length === 1 ? '' : 's'} changed`);
  const tell = report.clients.filter((c) => c.notifyInsurer).map((c) => md(c.client));
  if (tell.length > 0) parts.push(`⚠️ the insurer may need to hear about changes for: ${tell.join(', ')}`);
  return `${parts.join('; ')}.`;
}

function clientBlock(c: ClientDiff): string[] {
  const head = `### ${md(c.client)} (\`${c.slug}\`)${c.status === 'changed' ? '' : `: client ${c.status}`}`;
  const lines = [head, ''];
  const reasons = [...new Set(c.changes.flatMap((x) => (x.insurer ? [x.insurer] : [])))];
  if (reasons.length > 0)
    lines.push(`> ⚠️ **Tell the insurer?** ${reasons.map(md).join('; ')}. Check the policy's notice conditions.`, '');
  for (const [area, changes] of groupByArea(c.changes)) {
    lines.push(`**${AREA_TITLES[area]}**`, ...changes.map((x) => `- ${md(x.text)}${x.insurer ? ' ⚠️' : ''}`), '');
  }
  if (c.sections === null)
    lines.push(`_Binder sections could not be compared: ${md(c.sectionsError ?? 'a template did not render')}_`, '');
  else if (c.sections.length > 0)
    lines.push(`**Binder sections to reprint:** ${c.sections.map((x) => md(x.title)).join(', ')}`, '');
  return lines;
}

/** The changes of a client by area, in the order the areas first appear. */
export function groupByArea(changes: Change[]): Map<Area, Change[]> {
  const out = new Map<Area, Change[]>();
  for (const c of changes) out.set(c.area, [...(out.get(c.area) ?? []), c]);
  return out;
}

function templateLine(t: TemplateChange): string {
  const who =
    t.clients.length === 0 ? 'no built output (used by irplan new)' : t.clients.map((s) => `\`${s}\``).join(', ');
  return `- \`${t.path.replace(/`/g, "'")}\` ${t.action}: affects ${who}`;
}

/** The report as JSON for tools. */
export function formatJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
