import type { Area, Change } from './diff.ts';
import type { ClientDiff, DiffReport, TemplateChange } from './report.ts';

const AREA_TITLES: Record<Area, string> = {
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
};

// Client data goes into a pull-request comment: it must read as text, never as a link, HTML or a
// heading. Backslash escapes keep the raw Markdown readable in a terminal too.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SPECIAL = /[\\`*_{}[\]<>#|~&$]/g;
const AUTOLINK = /(www)(\.)|(https?|ftp|mailto)(:)|(@)/gi;

/** Makes plan text literal in GitHub Markdown. */
export function mdText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(AUTOLINK, (m) => `${m.slice(0, -1)}\u2060${m.slice(-1)}`);
}

const short = (commit: string | null) => (commit ? commit.slice(0, 7) : 'uncommitted');

/** The report as Markdown for a pull-request comment. */
export function formatMarkdown(report: DiffReport): string {
  const lines = [
    `## Plan changes: ${mdText(report.base.ref)} (${short(report.base.commit)}) → ${mdText(report.head.ref)} (${short(report.head.commit)})`,
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
  const tell = report.clients.filter((c) => c.notifyInsurer).map((c) => mdText(c.client));
  if (tell.length > 0) parts.push(`⚠️ the insurer may need to hear about changes for: ${tell.join(', ')}`);
  return `${parts.join('; ')}.`;
}

function clientBlock(c: ClientDiff): string[] {
  const head = `### ${mdText(c.client)} (\`${c.slug}\`)${c.status === 'changed' ? '' : `: client ${c.status}`}`;
  const lines = [head, ''];
  const reasons = [...new Set(c.changes.flatMap((x) => (x.insurer ? [x.insurer] : [])))];
  if (reasons.length > 0)
    lines.push(
      `> ⚠️ **Tell the insurer?** ${reasons.map(mdText).join('; ')}. Check the policy's notice conditions.`,
      '',
    );
  for (const [area, changes] of groupByArea(c.changes)) {
    lines.push(`**${AREA_TITLES[area]}**`, ...changes.map((x) => `- ${mdText(x.text)}${x.insurer ? ' ⚠️' : ''}`), '');
  }
  if (c.sections === null)
    lines.push(
      `_Binder sections could not be compared: ${mdText(c.sectionsError ?? 'a template did not render')}_`,
      '',
    );
  else if (c.sections.length > 0)
    lines.push(`**Binder sections to reprint:** ${c.sections.map((x) => mdText(x.title)).join(', ')}`, '');
  return lines;
}

function groupByArea(changes: Change[]): Map<Area, Change[]> {
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
