import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileWarning } from '../plan/index.ts';
import { UserError } from '../shared/index.ts';
import { checkDeviceChain, expectedId, mergeLogs } from './merge.ts';
import type { ImportedFile } from './merge.ts';
import { parseDeviceLog } from './parse.ts';
import { logFile, readIncident, writeIncident } from './store.ts';
import type { MergedLog } from './types.ts';

/** What the import did to one incident's log. */
export interface ImportedIncident {
  id: string;
  file: string;
  changed: boolean;
  entries: number;
  added: number;
  devices: number;
}

/** The client a log is imported into: its slug, its folder and the plan version in force now. */
export interface ImportTarget {
  slug: string;
  dir: string;
  version: string;
}

/**
 * Checks every file first (format, client, incident id, each chain), then merges them into their
 * incidents' logs; nothing is written unless every file passes. A log made under another plan
 * version is accepted with a warning naming both versions.
 */
export function importLogs(
  target: ImportTarget,
  files: string[],
): { incidents: ImportedIncident[]; warnings: FileWarning[] } {
  const warnings: FileWarning[] = [];
  const parsed = files.map((file) => readDeviceFile(file, target, warnings));
  const groups = new Map<string, ImportedFile[]>();
  for (const f of parsed) groups.set(f.log.incident.id, [...(groups.get(f.log.incident.id) ?? []), f]);
  const merged: { log: MergedLog; before: number }[] = [];
  for (const [id, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const existing = readIncident(target.dir, id);
    merged.push({ log: mergeLogs(existing, group, logFile(target.dir, id)), before: existing?.entries.length ?? 0 });
  }
  // Every file has passed: only now is anything written.
  const incidents = merged.map(({ log, before }) => ({
    id: log.incident.id,
    file: logFile(target.dir, log.incident.id),
    changed: writeIncident(target.dir, log),
    entries: log.entries.length,
    added: log.entries.length - before,
    devices: log.devices.length,
  }));
  return { incidents, warnings };
}

function readDeviceFile(file: string, target: ImportTarget, warnings: FileWarning[]): ImportedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new UserError('IRP_INCIDENT_FILE', 'cannot read this file', {
      position: { file, line: 1, col: 1 },
      hint: 'name the JSON files the incident page exported (<slug>-incident-<id>-<device>.json)',
      cause,
    });
  }
  const f = { file, ...parseDeviceLog(file, text) };
  const { log, locate } = f;
  if (log.client !== target.slug)
    throw new UserError(
      'IRP_INCIDENT_CLIENT',
      `${basename(file)} is a log of client "${log.client}", not of "${target.slug}"`,
      {
        position: locate(['client']),
        hint: `import it into its own client: irplan incident import ${log.client} ${basename(file)}`,
      },
    );
  const id = expectedId(log.incident, log.time_zone);
  if (id !== log.incident.id)
    throw new UserError(
      'IRP_INCIDENT_LOG',
      `the incident id "${log.incident.id}" does not match its discovery time and type (${id ?? `unknown time zone ${log.time_zone}`})`,
      {
        position: locate(['incident', 'id']),
        hint: 'import the file exactly as the incident page exported it; an edited log is refused',
      },
    );
  checkDeviceChain(f);
  if (log.plan_version !== target.version)
    warnings.push({
      code: 'IRP_INCIDENT_VERSION',
      message: `${basename(file)} was recorded under plan version ${log.plan_version}; the plan is now version ${target.version}`,
      hint: 'the log is imported; steps that changed between the versions may show as not done in the after-action report',
      position: locate(['plan_version']),
    });
  return f;
}
