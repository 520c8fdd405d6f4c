import { createHash } from 'node:crypto';

// The hash of a log entry must come out the same in the browser (Web Crypto) and here (node:crypto),
// so both hash one canonical text: object keys sorted by UTF-16 code unit, no whitespace, strings
// and numbers exactly as JSON.stringify writes them (INCIDENT-LOG-SPEC.md).

/** A value as canonical JSON: keys sorted by code unit order, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // The default sort compares UTF-16 code units, as the spec asks; localeCompare would not.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash an entry must carry: lowercase hex SHA-256 of its canonical JSON without `hash`. */
export function entryHash(entry: Record<string, unknown>): string {
  const { hash: _hash, ...rest } = entry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** What the first entry of a chain names as its previous hash. */
export const GENESIS = '0'.repeat(64);
