import { createHash } from 'node:crypto';

// Device logs as the incident page exports them (INCIDENT-LOG-SPEC.md), made in the test with
// node:crypto: no hash is written down by hand, and the hashing here is independent of irplan's.

/** An entry before it is chained: the fields a device records. */
export type RawEntry = { time: string; by: string; kind: string } & Record<string, string | number>;

/** The header of a device's log. */
export interface LogHead {
  client: string;
  plan_version: string;
  time_zone: string;
  incident: { id: string; discovered: string; type: string; severity: string };
  device: string;
}

/** Lowercase hex SHA-256 of an entry's canonical JSON (flat entries: keys sorted, no whitespace). */
export function hashEntry(entry: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(JSON.stringify(sorted), 'utf8').digest('hex');
}

/** A device's exported log: seq 1.., each entry chained to the one before. */
export function deviceLog(head: LogHead, raw: RawEntry[]) {
  let prev = '0'.repeat(64);
  const entries = raw.map((r, i) => {
    const entry: Record<string, unknown> = { seq: i + 1, ...r, prev };
    const hash = hashEntry(entry);
    prev = hash;
    return { ...entry, hash } as Record<string, unknown>;
  });
  return { format: 'irplan-incident-log/1', ...head, entries };
}

/** The file name the incident page gives an export. */
export function exportName(head: LogHead): string {
  return `${head.client}-incident-${head.incident.id}-${head.device}.json`;
}
