import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeFileAtomic } from '../shared/index.ts';
import { checkMergedChains } from './merge.ts';
import { parseMergedLog } from './parse.ts';
import type { MergedLog } from './types.ts';

// Imported incidents live in the client's folder, reviewed in git like any change to the plan:
// plans/<slug>/incidents/<incident id>/log.json. The build reads them to print the after-action
// reports; nothing else in the folder is read.

/** The folder of a client's imported incidents. */
function incidentsDir(clientDir: string): string {
  return join(clientDir, 'incidents');
}

/** Where one incident's merged log is kept. */
export function logFile(clientDir: string, id: string): string {
  return join(incidentsDir(clientDir), id, 'log.json');
}

/** Reads one merged log, checked field by field and chain by chain; null when there is none yet. */
export function readIncident(clientDir: string, id: string): MergedLog | null {
  const file = logFile(clientDir, id);
  if (!existsSync(file)) return null;
  const { log, locate } = parseMergedLog(file, readFileSync(file, 'utf8'));
  if (log.incident.id !== id)
    throw new UserError(
      'IRP_INCIDENT_LOG',
      `this log is of incident ${log.incident.id}, but its folder is named ${id}`,
      {
        position: locate(['incident', 'id']),
        hint: 'keep each log.json in the folder named after its incident id, as irplan incident import writes it',
      },
    );
  checkMergedChains(log, file, locate);
  return log;
}

/** Every imported incident of a client, in id order (discovery time first). */
export function readIncidents(clientDir: string): MergedLog[] {
  return incidentIds(clientDir).map((id) => readIncident(clientDir, id) as MergedLog);
}

/** The ids of the client's imported incidents (folders holding a log.json), sorted. */
function incidentIds(clientDir: string): string[] {
  const dir = incidentsDir(clientDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'log.json')))
    .map((d) => d.name)
    .sort();
}

/** The text log.json holds: indented JSON, so a review in git shows each entry on its own lines. */
function logText(log: MergedLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Writes a merged log unless the file already holds exactly it; true when the file changed. */
export function writeIncident(clientDir: string, log: MergedLog): boolean {
  const file = logFile(clientDir, log.incident.id);
  const text = logText(log);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(join(incidentsDir(clientDir), log.incident.id), { recursive: true });
  writeFileAtomic(file, text);
  return true;
}

/** What `irplan diff` says of an imported incident: its id, how many entries from how many devices. */
export interface IncidentSummary {
  id: string;
  entries: number;
  devices: number;
}

/** The imported incidents of a client folder, read for a diff: counted, not checked (the build checks them). */
export function readIncidentSummaries(clientDir: string): IncidentSummary[] {
  return incidentIds(clientDir).map((id) => {
    try {
      const log = JSON.parse(readFileSync(logFile(clientDir, id), 'utf8')) as Partial<MergedLog>;
      const entries = Array.isArray(log.entries) ? log.entries : [];
      return { id, entries: entries.length, devices: new Set(entries.map((e) => e.device)).size };
    } catch {
      return { id, entries: 0, devices: 0 };
    }
  });
}
