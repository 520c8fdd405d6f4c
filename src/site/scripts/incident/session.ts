// The incident this browser records, and the one way an entry is written: numbered, timed in the
// client's zone, signed by who uses the device and chained to the entry before it.
import { entryHash, FIRST_PREV } from './chain.ts';
import type { Entry, Incident } from './store.ts';
import { addEntry, getIncident, getValue, listEntries, openStore, putIncident, setValue } from './store.ts';
import { isoInZone } from './zone.ts';

/** The client site a page belongs to: the layout's banner carries it (Site.astro). */
export interface SiteFacts {
  slug: string;
  zone: string;
  version: string;
  locale: string;
}

/** An open incident on this device. */
export interface Session {
  db: IDBDatabase;
  site: SiteFacts;
  incident: Incident;
  device: string;
  by: string;
}

/** The fields an entry is given; the rest (number, time, who, chain) are added when it is written. */
export type EntryFields = Omit<Entry, 'seq' | 'time' | 'by' | 'prev' | 'hash'>;

/** The site facts of this page, or null on a page without the banner (the offline copy). */
export function siteFacts(): SiteFacts | null {
  const d = document.querySelector<HTMLElement>('[data-incident-banner]')?.dataset;
  if (!d?.client || !d.zone || !d.version) return null;
  return { slug: d.client, zone: d.zone, version: d.version, locale: d.locale ?? 'en-US' };
}

/** True when this browser can keep and sign a log here (IndexedDB, and Web Crypto, which needs HTTPS or localhost). */
export function canRecord(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}

/** This browser's device id: 8 lowercase hex, made once and kept. */
async function deviceId(db: IDBDatabase): Promise<string> {
  const known = await getValue<string>(db, 'device');
  if (known) return known;
  const id = [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('');
  await setValue(db, 'device', id);
  return id;
}

/** The incident this browser has open, or null. */
export async function openSession(site: SiteFacts): Promise<Session | null> {
  const db = await openStore(site.slug);
  const active = await getValue<string>(db, 'active');
  const incident = active ? await getIncident(db, active) : undefined;
  if (!incident) return null;
  return { db, site, incident, device: await deviceId(db), by: (await getValue<string>(db, 'by')) ?? '' };
}

/** What starting an incident is given: discovery as ISO with offset, and the person on this device. */
export interface StartFields {
  discovered: string;
  local: string;
  type: string;
  severity: string;
  by: string;
}

/**
 * Opens the incident `<YYYYMMDD>-<HHMM>-<type>` (discovery in the client's zone) and writes its start
 * entry. Another device that enters the same discovery and type records the same incident; on this
 * device, starting it again continues its log.
 */
export async function startIncident(site: SiteFacts, f: StartFields): Promise<Session> {
  const db = await openStore(site.slug);
  const id = `${f.local.slice(0, 10).replaceAll('-', '')}-${f.local.slice(11, 16).replace(':', '')}-${f.type}`;
  const known = await getIncident(db, id);
  const incident = known ?? { id, discovered: f.discovered, type: f.type, severity: f.severity, recovered: null };
  if (!known) await putIncident(db, incident);
  await setValue(db, 'active', id);
  await setValue(db, 'by', f.by);
  const session = { db, site, incident, device: await deviceId(db), by: f.by };
  if (!known) await record(session, { kind: 'start' });
  // Ask the browser not to clear this site's storage when space runs low; it may say no.
  await navigator.storage?.persist?.().catch(() => false);
  return session;
}

/** Runs `work` alone among this site's tabs, so two tabs never number two entries the same. */
async function alone<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!navigator.locks) return work();
  return await navigator.locks.request(name, work);
}

/** Writes one entry at the end of the log and returns it. */
export function record(session: Session, fields: EntryFields): Promise<Entry> {
  const { db, incident, site } = session;
  return alone(`irplan:${site.slug}:log`, async () => {
    const last = (await listEntries(db, incident.id)).at(-1);
    const base = {
      seq: (last?.seq ?? 0) + 1,
      time: isoInZone(Date.now(), site.zone),
      by: session.by,
      ...fields,
      prev: last?.hash ?? FIRST_PREV,
    };
    const entry: Entry = { ...base, hash: await entryHash(base) };
    await addEntry(db, incident.id, entry);
    return entry;
  });
}
