// The shapes of incident logs (INCIDENT-LOG-SPEC.md): what a device exports and what
// `irplan incident import` keeps in plans/<slug>/incidents/<id>/log.json.

/** The format tag every exported device log carries. */
export const LOG_FORMAT = 'irplan-incident-log/1';

/** What an entry records. */
export const ENTRY_KINDS = ['start', 'step', 'untick', 'note', 'decision', 'cost', 'consent', 'severity'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** One recorded entry; which optional fields it has depends on its kind. */
export interface LogEntry {
  seq: number;
  time: string;
  by: string;
  kind: EntryKind;
  step?: string;
  text?: string;
  amount?: number;
  currency?: string;
  insurer_contact?: string;
  scope?: string;
  severity?: string;
  prev: string;
  hash: string;
}

/** The incident a log belongs to; two devices that enter the same discovery and type share the id. */
export interface IncidentInfo {
  id: string;
  discovered: string;
  type: string;
  severity: string;
}

/** One device's exported log. */
export interface DeviceLog {
  format: string;
  client: string;
  plan_version: string;
  time_zone: string;
  incident: IncidentInfo;
  device: string;
  entries: LogEntry[];
}

/** An entry of the merged log: the device's entry as recorded, with the device that recorded it. */
export type MergedEntry = LogEntry & { device: string };

/** The merged log of every device of one incident, as plans/<slug>/incidents/<id>/log.json holds it. */
export interface MergedLog {
  format: string;
  client: string;
  incident: IncidentInfo;
  time_zone: string;
  plan_versions: string[];
  devices: { device: string; file: string; entries: number }[];
  entries: MergedEntry[];
}
