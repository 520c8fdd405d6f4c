import { AREA_TITLES, groupByArea, short } from './format.ts';
import type { ClientDiff, DiffReport, TemplateChange } from './report.ts';

// The report as a person reads it in a terminal: the same content as the Markdown, with no
// Markdown syntax or escapes. Client data is still data: a value cannot move the cursor, clear the
// screen or reorder what is shown, since control characters and direction marks are taken out.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rule removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of plan text, safe to print on a terminal. */
function line(text: string): string {
  return text.replace(CONTROL, ' ').replace(BIDI, '');
}

/** Marks a change the client's insurer may need to hear about. */
const INSURER = ' [tell the insurer?]';

/** The report as plain text for a terminal. */
export function formatText(report: DiffReport): string {
  const lines = [
    line(
      `Plan changes: ${report.base.ref} (${short(report.base.commit)}) → ${report.head.ref} (${short(report.head.commit)})`,
    ),
    summaryLine(report),
    '',
  ];
  for (const c of report.clients) lines.push(...clientBlock(c));
  if (report.templates.length > 0) lines.push('Templates', ...report.templates.map(templateLine), '');
  for (const bad of report.invalid) {
    lines.push(
      `${bad.slug} could not be compared: invalid at ${bad.side}`,
      ...bad.errors.flatMap((e) => e.split('\n')).map((e) => `  ${line(e)}`),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function summaryLine(report: DiffReport): string {
  if (report.clients.length === 0 && report.templates.length === 0 && report.invalid.length === 0)
    return 'No client plan changes in meaning.';
  const n = report.clients.length;
  const parts = [`${n} client${n === 1 ? '' : 's'} changed`];
  if (report.templates.length > 0)
    parts.push(`${report.templates.length} template file${report.templates.length === 1 ? '' : 's'} changed`);
  const tell = report.clients.filter((c) => c.notifyInsurer).map((c) => line(c.client));
  if (tell.length > 0) parts.push(`the insurer may need to hear about changes for: ${tell.join(', ')}`);
  return `${parts.join('; ')}.`;
}

function clientBlock(c: ClientDiff): string[] {
  const lines = [line(`${c.client} (${c.slug})${c.status === 'changed' ? '' : `: client ${c.status}`}`)];
  const reasons = [...new Set(c.changes.flatMap((x) => (x.insurer ? [x.insurer] : [])))];
  if (reasons.length > 0)
    lines.push(line(`  Tell the insurer? ${reasons.join('; ')}. Check the policy's notice conditions.`));
  for (const [area, changes] of groupByArea(c.changes))
    lines.push(`  ${AREA_TITLES[area]}`, ...changes.map((x) => line(`  - ${x.text}${x.insurer ? INSURER : ''}`)));
  if (c.sections === null)
    lines.push(line(`  Binder sections could not be compared: ${c.sectionsError ?? 'a template did not render'}`));
  else if (c.sections.length > 0)
    lines.push(line(`  Binder sections to reprint: ${c.sections.map((x) => x.title).join(', ')}`));
  return [...lines, ''];
}

function templateLine(t: TemplateChange): string {
  const who = t.clients.length === 0 ? 'no built output (used by irplan new)' : t.clients.join(', ');
  return line(`  - ${t.path} ${t.action}: affects ${who}`);
}
