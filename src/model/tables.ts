import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The domain tables in templates/data/: the knowledge a consultant can read and edit. */
export interface Tables {
  roles: { id: string; label: string; duty: string; backup?: string[] }[];
  groups: { id: string; label: string; when: string; message: string }[];
  severities: {
    id: string;
    label: string;
    respond_within: string;
    criteria: string[];
    call: string[];
    first?: string[];
  }[];
  incidents: { id: string; label: string; also_call: string[] }[];
  checklists: { id: string; title: string; match: { os?: string[]; services?: string[]; kind?: string[] } }[];
  regulations: {
    id: string;
    label: string;
    authority: string;
    deadline: string;
    deadline_hours: number;
    individuals: string;
    data?: string[];
  }[];
  consent: { id: string; label: string }[];
}

const NAMES = ['roles', 'groups', 'severities', 'incidents', 'checklists', 'regulations', 'consent'] as const;

/** Reads the tables from a templates folder (they ship with the tool and are trusted). */
export function loadTables(templatesDir: string): Tables {
  const out: Partial<Record<(typeof NAMES)[number], unknown>> = {};
  for (const name of NAMES) out[name] = parse(readFileSync(join(templatesDir, 'data', `${name}.yaml`), 'utf8'));
  return out as Tables;
}
