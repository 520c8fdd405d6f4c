import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mapBookmarkIds } from './xml.ts';

// A .docx is a zip. docx stamps it with the clock (each entry's time, the core properties' dates)
// and gives hyperlinks random relationship ids; its bookmarks are numbered by counters that run on
// across every document of the process (so a client's binder would depend on the clients built
// before it). The binder must be byte-identical on every rebuild, so those are replaced by the
// plan's date and by ids numbered in order of appearance.

/** The package rewritten so that it depends only on its content and `epochSeconds`. */
export function normalizeDocx(docx: Uint8Array, epochSeconds: number): Uint8Array {
  const date = new Date(epochSeconds * 1000);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // Zip times are local times: shift so that the entries read as the UTC date in every time zone.
  const mtime = new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
  const entries = unzipSync(docx);
  const names = Object.keys(entries).sort();
  const ids = randomIds(names.map((n) => (isXml(n) ? strFromU8(entries[n] as Uint8Array) : '')));
  const out: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of names) {
    let data = entries[name] as Uint8Array;
    if (isXml(name)) {
      let text = strFromU8(data).replace(/rId[A-Za-z0-9_-]{12,}/g, (id) => ids.get(id) ?? id);
      if (name === 'word/document.xml') text = renumberBookmarks(text);
      if (name === 'docProps/core.xml')
        text = text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${stamp}`);
      data = strToU8(text);
    }
    out[name] = [data, { mtime }];
  }
  return zipSync(out, { level: 6 });
}

function isXml(name: string): boolean {
  return /\.(xml|rels)$/.test(name);
}

/** The random relationship ids in the order they first appear, each to a numbered one. */
function randomIds(texts: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const text of texts)
    for (const id of text.match(/rId[A-Za-z0-9_-]{12,}/g) ?? [])
      if (!ids.has(id)) ids.set(id, `rIdLink${ids.size + 1}`);
  return ids;
}

/** Bookmark names (_Toc<n>) and ids (w:id on bookmarkStart and bookmarkEnd) numbered from 1 as they appear. */
function renumberBookmarks(xml: string): string {
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  const next = (map: Map<string, number>, key: string) => {
    if (!map.has(key)) map.set(key, map.size + 1);
    return map.get(key);
  };
  const named = xml.replace(/_Toc(\d+)/g, (_m, n: string) => `_Toc${next(names, n)}`);
  return mapBookmarkIds(named, (id) => next(ids, String(id)) ?? id);
}
