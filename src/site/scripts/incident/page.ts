// The incident page (site/incident/): start an incident, watch its deadlines, keep its log, export
// it and wipe it. Everything is kept in this browser (store.ts); nothing is sent anywhere.
import { showBanner } from './banner.ts';
import { brokenAt } from './chain.ts';
import { setClocks, tick } from './clocks.ts';
import { download, logCsv, logDocument, logFileName } from './export.ts';
import { declareRecovery, wireForms } from './forms.ts';
import type { Session, SiteFacts } from './session.ts';
import { canRecord, openSession, siteFacts, startIncident } from './session.ts';
import { getValue, listEntries, setValue, wipeIncident } from './store.ts';
import { optionLabels, renderTimeline } from './timeline.ts';
import { say } from './words.ts';
import { isoInZone, localToInstant, localValue } from './zone.ts';

const page = document.querySelector<HTMLElement>('[data-incident-page]');

/** A part of the page by its data-incident-<name> attribute. */
function part<T extends HTMLElement = HTMLElement>(name: string): T | null {
  return page?.querySelector<T>(`[data-incident-${name}]`) ?? null;
}

/** Shows a message in the page's alert line. */
function alertLine(message: string): void {
  const out = part('alert');
  if (out) out.textContent = message;
}

/** Why a start form cannot start an incident, or '' when it can. */
function startError(site: SiteFacts, by: string, local: string, ms: number | null): string {
  if (!by) return say('site.incident_error_by');
  if (!local) return say('site.incident_error_discovered');
  if (ms === null) return say('site.incident_error_gap', { zone: site.zone });
  return ms > Date.now() + 300_000 ? say('site.incident_error_future') : '';
}

/** Starts the incident the form describes. */
async function start(site: SiteFacts, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const [local, by] = ['discovered', 'by'].map((n) => String(data.get(n) ?? '').trim()) as [string, string];
  const reading = localToInstant(local, site.zone);
  const error = startError(site, by, local, reading.ms);
  alertLine(error);
  if (error || reading.ms === null) return;
  const fields = { local, by, type: String(data.get('type')), severity: String(data.get('severity')) };
  const session = await startIncident(site, { ...fields, discovered: isoInZone(reading.ms, site.zone) });
  if (reading.ambiguous) alertLine(say('site.incident_ambiguous', { zone: site.zone }));
  await showActive(session);
}

/** The page with no incident open: the start form, the discovery time set to now in the client's zone. */
async function showNew(site: SiteFacts): Promise<void> {
  const form = part<HTMLFormElement>('start-form');
  const section = part('new');
  if (!form || !section) return;
  const discovered = form.querySelector<HTMLInputElement>('input[name=discovered]');
  if (discovered && !discovered.value) discovered.value = localValue(Date.now(), site.zone);
  section.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start(site, form).catch((err: unknown) => alertLine(say('site.incident_error_save', { error: String(err) })));
  });
}

/** Redraws what the log shows: the timeline, and whether the latest entries have been exported. */
async function refresh(session: Session): Promise<void> {
  const entries = await listEntries(session.db, session.incident.id);
  renderTimeline(part('timeline-rows'), entries, optionLabels(page?.querySelector('select[name=severity]') ?? null));
  const exported = await getValue<number>(session.db, `exported:${session.incident.id}`);
  const wipe = part<HTMLButtonElement>('wipe');
  if (wipe) wipe.disabled = exported !== entries.at(-1)?.seq;
}

/** The one-line summary of the open incident. */
function summary(session: Session): string {
  const { incident } = session;
  const type = optionLabels(page?.querySelector('select[name=type]') ?? null).get(incident.type) ?? incident.type;
  const discovered = `${incident.discovered.slice(0, 10)} ${incident.discovered.slice(11, 16)} (${session.site.zone})`;
  return say('site.incident_summary', { id: incident.id, type, discovered, device: session.device });
}

/** Sets the clocks from discovery and, once declared, recovery. */
function clocks(session: Session): void {
  const { incident, site } = session;
  const recovery = incident.recovered ? Date.parse(incident.recovered) : null;
  if (page) setClocks(page, { discovery: Date.parse(incident.discovered), recovery }, site.zone, site.locale);
}

/** Exports the log as JSON (the file `irplan incident import` reads) or CSV. */
async function exportLog(session: Session, csv: boolean): Promise<void> {
  const entries = await listEntries(session.db, session.incident.id);
  const broken = await brokenAt(entries as unknown as Record<string, unknown>[]);
  alertLine(broken < 0 ? '' : say('site.incident_error_chain', { seq: entries[broken]?.seq ?? broken + 1 }));
  if (csv) return download(logFileName(session, 'csv'), 'text/csv', logCsv(entries));
  download(logFileName(session), 'application/json', `${JSON.stringify(logDocument(session, entries), null, 2)}\n`);
  await setValue(session.db, `exported:${session.incident.id}`, entries.at(-1)?.seq);
  await refresh(session);
}

/** Deletes the incident from this device, once the person confirms. */
async function wipe(session: Session): Promise<void> {
  if (!window.confirm(say('site.incident_wipe_confirm'))) return;
  await wipeIncident(session.db, session.incident.id);
  location.reload();
}

/** Runs a button's action on click; a failure is shown, never lost. */
function onClick(name: string, action: () => Promise<void> | void): void {
  part(name)?.addEventListener('click', () => {
    Promise.resolve()
      .then(action)
      .catch((err: unknown) => alertLine(say('site.incident_error_save', { error: String(err) })));
  });
}

/** The page with an incident open: clocks, log forms, timeline, export and wipe. */
async function showActive(session: Session): Promise<void> {
  part('new')?.setAttribute('hidden', '');
  part('active')?.removeAttribute('hidden');
  part('timeline')?.removeAttribute('hidden');
  showBanner(session.incident.id);
  for (const line of [part('summary'), part('print-summary')]) if (line) line.textContent = summary(session);
  clocks(session);
  setInterval(() => page && tick(page), 30_000);
  wireForms(page as HTMLElement, session, () => void refresh(session));
  onClick('recovered', async () => {
    await declareRecovery(session);
    clocks(session);
    await refresh(session);
  });
  onClick('export', () => exportLog(session, false));
  onClick('export-csv', () => exportLog(session, true));
  onClick('print', () => window.print());
  onClick('wipe', () => wipe(session));
  await refresh(session);
}

/** Runs the incident page when this is it (it has [data-incident-page]); elsewhere does nothing. */
export async function runIncidentPage(): Promise<void> {
  const site = siteFacts();
  if (!page || !site) return;
  part('noscript')?.setAttribute('hidden', '');
  if (!canRecord()) return alertLine(say('site.incident_unsupported'));
  const session = await openSession(site);
  await (session ? showActive(session) : showNew(site));
}
