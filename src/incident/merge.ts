import { basename } from 'node:path';
import { UserError } from '../shared/index.ts';
import { verifyChain } from './chain.ts';
import type { Locate } from './parse.ts';
import type { DeviceLog, IncidentInfo, LogEntry, MergedEntry, MergedLog } from './types.ts';
import { LOG_FORMAT } from './types.ts';

/** One file given to the import, parsed: its path, its log and where its values are. */
export interface ImportedFile {
  file: string;
  log: DeviceLog;
  locate: Locate;
}

/** A located error about one entry of a file, naming the file and the entry. */
function entryError(f: { file: string; locate: Locate }, index: number, entry: LogEntry, reason: string): UserError {
  return new UserError(
    'IRP_INCIDENT_CHAIN',
    `entry ${index + 1} (seq ${entry.seq}, ${entry.kind} by ${entry.by} at ${entry.time}) of ${basename(f.file)}: ${reason}`,
    {
      position: f.locate(['entries', index]),
      hint: 'the log was edited after it was exported, or is incomplete: import the file the device exported, unchanged',
    },
  );
}

/** Checks a device's chain: a broken one is an error naming the file and the entry. */
export function checkDeviceChain(f: ImportedFile): void {
  const broken = verifyChain(f.log.entries as unknown as Record<string, unknown>[]);
  const entry = broken ? f.log.entries[broken.index] : undefined;
  if (broken && entry) throw entryError(f, broken.index, entry, broken.reason);
}

/** The incident id the spec derives from discovery: YYYYMMDD-HHMM-<type> in the client's time zone. */
export function expectedId(incident: IncidentInfo, timeZone: string): string | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(incident.discovered));
    const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
    return `${p('year')}${p('month')}${p('day')}-${p('hour')}${p('minute')}-${incident.type}`;
  } catch {
    return null;
  }
}

/** A device's entries as the merged log keeps them: the device first, the entry as recorded. */
function tagged(device: string, entries: LogEntry[]): MergedEntry[] {
  return entries.map((e) => ({ device, ...e }));
}

/** Entries in time order; ties by device, then by the device's own order. */
function byTime(a: MergedEntry, b: MergedEntry): number {
  return (
    Date.parse(a.time) - Date.parse(b.time) || (a.device < b.device ? -1 : a.device > b.device ? 1 : a.seq - b.seq)
  );
}

/**
 * Merges device logs into the incident's log (or a new one): entries de-duplicated by device and
 * seq, in time order. The same device and seq with another hash is two different histories: an error.
 */
export function mergeLogs(existing: MergedLog | null, files: ImportedFile[], logFile: string): MergedLog {
  const byKey = new Map<string, { entry: MergedEntry; from: string }>();
  const fileOf = new Map<string, string>();
  for (const e of existing?.entries ?? []) byKey.set(`${e.device}\0${e.seq}`, { entry: e, from: logFile });
  for (const d of existing?.devices ?? []) fileOf.set(d.device, d.file);
  const ordered = [...files].sort((a, b) => (a.log.device < b.log.device ? -1 : a.log.device > b.log.device ? 1 : 0));
  for (const f of ordered) {
    fileOf.set(f.log.device, basename(f.file));
    for (const [index, entry] of tagged(f.log.device, f.log.entries).entries()) {
      const key = `${entry.device}\0${entry.seq}`;
      const known = byKey.get(key);
      if (known && known.entry.hash !== entry.hash)
        throw entryError(
          f,
          index,
          entry,
          `device ${entry.device} recorded a different entry ${entry.seq} in ${basename(known.from)}: two different histories of one device`,
        );
      if (!known) byKey.set(key, { entry, from: f.file });
    }
  }
  const first = ordered[0]?.log;
  const entries = [...byKey.values()].map((x) => x.entry).sort(byTime);
  const devices = [...fileOf.keys()].sort().map((device) => ({
    device,
    file: fileOf.get(device) ?? '',
    entries: entries.filter((e) => e.device === device).length,
  }));
  const versions = new Set([...(existing?.plan_versions ?? []), ...files.map((f) => f.log.plan_version)]);
  return {
    format: LOG_FORMAT,
    client: existing?.client ?? first?.client ?? '',
    incident: existing?.incident ?? (first as DeviceLog).incident,
    time_zone: existing?.time_zone ?? first?.time_zone ?? '',
    plan_versions: [...versions].sort(),
    devices,
    entries,
  };
}

/** Each device's entries of a merged log, in the device's own order (seq), to check its chain again. */
function deviceChains(log: MergedLog): Map<string, { entries: MergedEntry[]; indexes: number[] }> {
  const out = new Map<string, { entries: MergedEntry[]; indexes: number[] }>();
  log.entries.forEach((e, i) => {
    const chain = out.get(e.device) ?? { entries: [], indexes: [] };
    chain.entries.push(e);
    chain.indexes.push(i);
    out.set(e.device, chain);
  });
  for (const chain of out.values()) {
    const order = chain.entries
      .map((_, i) => i)
      .sort((a, b) => (chain.entries[a]?.seq ?? 0) - (chain.entries[b]?.seq ?? 0));
    chain.entries = order.map((i) => chain.entries[i] as MergedEntry);
    chain.indexes = order.map((i) => chain.indexes[i] as number);
  }
  return out;
}

/** Checks every device's chain in a merged log: a broken one is an error naming log.json and the entry. */
export function checkMergedChains(log: MergedLog, file: string, locate: Locate): void {
  for (const chain of deviceChains(log).values()) {
    const entries = chain.entries.map(({ device: _device, ...e }) => e);
    const broken = verifyChain(entries as unknown as Record<string, unknown>[]);
    const index = broken ? chain.indexes[broken.index] : undefined;
    const entry = broken ? chain.entries[broken.index] : undefined;
    if (broken && index !== undefined && entry) throw entryError({ file, locate }, index, entry, broken.reason);
  }
}
