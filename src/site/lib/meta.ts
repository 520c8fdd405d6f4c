// Build-time facts about the client that every page needs (written by irplan's build stage).
import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteBatch, SiteMeta } from '../contract.ts';

const cache = new Map<string, unknown>();

/** Reads a JSON file of the current batch once per build (each batch has its own folder). */
function readJson<T>(...parts: string[]): T {
  const dir = process.env.IRPLAN_CONTENT;
  if (!dir) throw new Error('IRPLAN_CONTENT is not set: run the site through `irplan build`');
  const file = join(dir, ...parts);
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(file, 'utf8')));
  return cache.get(file) as T;
}

/** The clients this build covers, and the base they are published under. */
export function siteBatch(): SiteBatch {
  return readJson<SiteBatch>('batch.json');
}

/** One client's build-time facts; `client` is the page's [client] route parameter. */
export function siteMeta(client: string | undefined): SiteMeta {
  if (!client || !siteBatch().clients.includes(client)) throw new Error(`no client "${client}" in this site build`);
  return readJson<SiteMeta>(client, 'meta.json');
}

/** One static path per client of the batch, for pages that exist once per client. */
export function perClient() {
  return siteBatch().clients.map((client) => ({ params: { client } }));
}

/** A path under the configured base, with the trailing slash Astro is set to use. */
export function href(path: string): string {
  // Every client of a batch is published under the same --base; pages are split off per client after.
  const base = siteBatch().base.replace(/\/?$/, '/');
  return `${base}${path.replace(/^\//, '')}`;
}

/** One client's entries of a collection (entry ids are `<client>/<document id>`; data.id is the document's own). */
export function clientDocs<C extends 'site' | 'print'>(collection: C, client: string) {
  return getCollection(collection, (entry) => entry.data.client === client);
}

/** A message of the client's catalogue (SiteMeta.messages) with its {name} placeholders filled in. */
export function t(meta: SiteMeta, key: string, vars: Record<string, string | number> = {}): string {
  return messageParts(meta, key)
    .map((p) => (typeof p === 'string' ? p : String(vars[p.slot] ?? missing(key, p.slot))))
    .join('');
}

/**
 * A message split at its placeholders, for a page that puts markup in a slot (the cover's page
 * number): plain text and `{ slot }` in the order the translation puts them.
 */
export function messageParts(meta: SiteMeta, key: string): (string | { slot: string })[] {
  const text = meta.messages[key];
  if (text === undefined) throw new Error(`no message "${key}" in the site's catalogue`);
  return text.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? { slot: part } : part));
}

function missing(key: string, slot: string): never {
  throw new Error(`message "${key}" needs a value for {${slot}}`);
}

/** The footer line every site page ends with: client, version, effective date and classification. */
export function footerLine(meta: SiteMeta): string {
  const vars = {
    client: meta.client,
    version: meta.version,
    effective: meta.effective ?? '',
    classification: meta.classification,
    tlp_rule: meta.tlpRule,
  };
  return t(meta, meta.effective ? 'site.footer_effective' : 'site.footer', vars);
}
