// The incident page's timeline: every entry of this device's log as a row (time in the client's
// zone, who, what). It is also the printable view: printing the page prints this table alone.
import type { Entry, EntryKind } from './store.ts';
import { say } from './words.ts';

/** The word for each kind of entry. */
const KIND: Record<EntryKind, string> = {
  start: 'site.incident_kind_start',
  step: 'site.incident_kind_step',
  untick: 'site.incident_kind_untick',
  note: 'site.incident_kind_note',
  decision: 'site.incident_kind_decision',
  cost: 'site.incident_kind_cost',
  consent: 'site.incident_kind_consent',
  severity: 'site.incident_kind_severity',
};

let titles: Record<string, string> | undefined;

/** A document's title by its id (the incident page lists them); the id itself when not listed. */
function docTitle(id: string): string {
  titles ??= JSON.parse(document.querySelector('[data-incident-docs]')?.textContent || '{}') as Record<string, string>;
  return titles[id] ?? id;
}

/** Labels of the options of a select on the page (incident types, severities), by value. */
export function optionLabels(select: HTMLSelectElement | null): Map<string, string> {
  return new Map([...(select?.options ?? [])].map((o) => [o.value, o.text]));
}

/** What an entry says, beyond its kind. */
function detail(e: Entry, severities: Map<string, string>): string {
  switch (e.kind) {
    case 'cost':
      return `${e.amount ?? ''} ${e.currency ?? ''}: ${e.text ?? ''}`;
    case 'consent':
      return say('site.incident_consent_detail', {
        who: e.insurer_contact ?? '',
        scope: e.scope ?? '',
        text: e.text ?? '',
      });
    case 'severity':
      return severities.get(e.severity ?? '') ?? e.severity ?? '';
    case 'step':
    case 'untick':
      // The document the step belongs to (by its title, as the reader knows it) before its text.
      return `${docTitle((e.step ?? '').replace(/:[0-9a-f]+$/, ''))}: ${e.text ?? ''}`;
    default:
      return e.text ?? '';
  }
}

/** One table row of cells with the given texts. */
function row(cells: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

/** Fills the timeline's table body with the entries, latest last, as a log is read. */
export function renderTimeline(body: HTMLElement | null, entries: Entry[], severities: Map<string, string>): void {
  if (!body) return;
  body.replaceChildren(
    ...entries.map((e) =>
      row([`${e.time.slice(0, 10)} ${e.time.slice(11, 16)}`, e.by, say(KIND[e.kind]), detail(e, severities)]),
    ),
  );
}
