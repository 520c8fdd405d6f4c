// The hash chain of an incident log (/work/tools/INCIDENT-LOG-SPEC.md): each entry's `hash` is the
// SHA-256 of its canonical JSON without `hash`, and each `prev` the hash before it, so an entry edited
// after it was written no longer matches. Web Crypto in the browser; the CLI checks the same in Node.

/** The `prev` of a log's first entry. */
export const FIRST_PREV = '0'.repeat(64);

/** JSON with object keys sorted by code unit and no whitespace; strings and numbers as JSON.stringify writes them. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Lowercase hex SHA-256 of a text's UTF-8. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An entry's hash: over everything it holds but the hash itself. */
export function entryHash(entry: Record<string, unknown>): Promise<string> {
  const { hash: _hash, ...rest } = entry;
  return sha256(canonical(rest));
}

/** The position (0-based) of the first entry that breaks the chain, or -1 when every link holds. */
export async function brokenAt(entries: Record<string, unknown>[]): Promise<number> {
  let prev = FIRST_PREV;
  for (const [i, entry] of entries.entries()) {
    if (entry.prev !== prev || entry.hash !== (await entryHash(entry))) return i;
    prev = String(entry.hash);
  }
  return -1;
}
