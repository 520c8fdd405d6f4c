import type { IncidentSummary } from '../incident/index.ts';
import { readIncidentSummaries } from '../incident/index.ts';
import type { ValidClient } from '../plan/index.ts';
import type { Change } from './change.ts';

// An imported incident (plans/<slug>/incidents/<id>/log.json) is named in a diff by what it holds,
// not as a changed JSON file: "incident 20261130-0215-ransomware imported: 42 entries from 2 devices".

function held(s: IncidentSummary): string {
  return `${s.entries} ${s.entries === 1 ? 'entry' : 'entries'} from ${s.devices} ${s.devices === 1 ? 'device' : 'devices'}`;
}

function change(
  action: Change['action'],
  id: string,
  before: string | null,
  after: string | null,
  text: string,
): Change {
  return { area: 'incident', action, subject: `incident ${id}`, field: null, before, after, insurer: null, text };
}

/** The incidents imported, updated (more entries) or removed between two sides of one client. */
export function diffIncidents(before: ValidClient, after: ValidClient): Change[] {
  const old = new Map(readIncidentSummaries(before.dir).map((s) => [s.id, s]));
  const now = new Map(readIncidentSummaries(after.dir).map((s) => [s.id, s]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  return ids.flatMap((id) => {
    const b = old.get(id);
    const a = now.get(id);
    if (a && !b) return [change('added', id, null, held(a), `incident ${id} imported: ${held(a)}`)];
    if (b && !a) return [change('removed', id, held(b), null, `incident ${id} removed (it held ${held(b)})`)];
    if (a && b && (a.entries !== b.entries || a.devices !== b.devices))
      return [change('changed', id, held(b), held(a), `incident ${id} updated: ${held(a)} (was ${held(b)})`)];
    return [];
  });
}
