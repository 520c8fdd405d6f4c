// What leaves the device, and only when a person asks: the log file `irplan incident import` reads
// (INCIDENT-LOG-SPEC.md), the same entries as CSV for a spreadsheet, both as downloads.
import type { Session } from './session.ts';
import type { Entry } from './store.ts';

/** The log file's name: `<slug>-incident-<incident id>-<device>.json`. */
export function logFileName(session: Session, ext = 'json'): string {
  return `${session.site.slug}-incident-${session.incident.id}-${session.device}.${ext}`;
}

/** The log file's content, shaped as the spec says. */
export function logDocument(session: Session, entries: Entry[]): object {
  const { incident, site } = session;
  return {
    format: 'irplan-incident-log/1',
    client: site.slug,
    plan_version: site.version,
    time_zone: site.zone,
    incident: { id: incident.id, discovered: incident.discovered, type: incident.type, severity: incident.severity },
    device: session.device,
    entries,
  };
}

const COLUMNS = [
  'seq',
  'time',
  'by',
  'kind',
  'step',
  'text',
  'amount',
  'currency',
  'insurer_contact',
  'scope',
  'severity',
  'prev',
  'hash',
] as const;

/** One CSV field: quoted, and a text a spreadsheet would run as a formula starts with an apostrophe. */
function field(value: unknown): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The entries as CSV (RFC 4180, CRLF), one row each, with a header row. */
export function logCsv(entries: Entry[]): string {
  const rows = [COLUMNS.join(','), ...entries.map((e) => COLUMNS.map((c) => field(e[c])).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

/** Saves a text as a download made on the device (a blob: URL; nothing is requested). */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
