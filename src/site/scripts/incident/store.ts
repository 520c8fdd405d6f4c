// Incident mode's storage: IndexedDB of this browser, one database per client site, nothing else.
// It survives reloads, closing the browser and going offline; it leaves the device only as the file
// a person exports.

// The same entry shapes `irplan incident import` reads (types only: nothing of Node reaches the page).
import type { EntryKind, LogEntry } from '../../../incident/index.ts';

export type { EntryKind };
/** One entry of a device's log, as the log file holds it. */
export type Entry = LogEntry;

/** The incident this device records. */
export interface Incident {
  id: string;
  /** ISO 8601 with the client's offset. */
  discovered: string;
  type: string;
  severity: string;
  /** When recovery was declared (ISO 8601), which starts the after-action clock; null before. */
  recovered: string | null;
}

const opened = new Map<string, Promise<IDBDatabase>>();

/** A request as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The client's database (`irplan:<slug>`): clients published on one web server keep apart. */
export function openStore(slug: string): Promise<IDBDatabase> {
  let db = opened.get(slug);
  if (!db) {
    const request = indexedDB.open(`irplan:${slug}`, 1);
    request.onupgradeneeded = () => {
      const d = request.result;
      d.createObjectStore('kv');
      d.createObjectStore('incidents', { keyPath: 'id' });
      d.createObjectStore('entries', { keyPath: ['incident', 'seq'] });
    };
    db = done(request);
    opened.set(slug, db);
  }
  return db;
}

/** One store in a transaction of its own. */
function store(db: IDBDatabase, name: string, mode: IDBTransactionMode = 'readonly'): IDBObjectStore {
  return db.transaction(name, mode).objectStore(name);
}

/** A setting of this browser (device id, who uses it, the active incident). */
export async function getValue<T>(db: IDBDatabase, key: string): Promise<T | undefined> {
  return (await done(store(db, 'kv').get(key))) as T | undefined;
}

/** Stores a setting; undefined deletes it. */
export async function setValue(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  const kv = store(db, 'kv', 'readwrite');
  if (value === undefined) await done(kv.delete(key));
  else await done(kv.put(value, key));
}

/** An incident by id. */
export async function getIncident(db: IDBDatabase, id: string): Promise<Incident | undefined> {
  return (await done(store(db, 'incidents').get(id))) as Incident | undefined;
}

/** Stores an incident. */
export async function putIncident(db: IDBDatabase, incident: Incident): Promise<void> {
  await done(store(db, 'incidents', 'readwrite').put(incident));
}

/** The incident's entries in order. */
export async function listEntries(db: IDBDatabase, id: string): Promise<Entry[]> {
  const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
  const rows = (await done(store(db, 'entries').getAll(range))) as (Entry & { incident?: string })[];
  return rows.map(({ incident: _incident, ...entry }) => entry);
}

/** Adds an entry; a second entry with the same number fails rather than replacing the first. */
export async function addEntry(db: IDBDatabase, id: string, entry: Entry): Promise<void> {
  await done(store(db, 'entries', 'readwrite').add({ incident: id, ...entry }));
}

/** Deletes the incident, its entries and who used the device; the device id stays. */
export async function wipeIncident(db: IDBDatabase, id: string): Promise<void> {
  const tx = db.transaction(['kv', 'incidents', 'entries'], 'readwrite');
  tx.objectStore('entries').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
  tx.objectStore('incidents').delete(id);
  for (const key of ['active', 'by', `exported:${id}`]) tx.objectStore('kv').delete(key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
