import type { Severity } from '../plan/index.ts';
import { applies } from './match.ts';
import type { AssetFacts } from './match.ts';
import type { Tables } from './tables.ts';
import type { FloorView } from './types.ts';

/**
 * The asset's severity floor for each incident type (exposure.yaml): its criticality, raised by
 * sensitive data where that type can expose the data; null where the type cannot reach the asset.
 * `rank` is the criticality's rank (1 is the most severe level).
 */
export function buildFloors(facts: AssetFacts, rank: number, tables: Tables): FloorView[] {
  return tables.incidents.map((inc) => {
    const rule = tables.exposure.find((e) => e.incident === inc.id);
    // An incident type the table does not list reaches every asset, and data raises its floor.
    if (rule && !applies(rule, facts))
      return { incident: inc.id, label: inc.label, severity: null, severityLabel: null };
    const raise = facts.data.length > 0 ? (rule?.data_raises ?? 1) : 0;
    const level = tables.severities[Math.max(0, rank - 1 - raise)];
    return {
      incident: inc.id,
      label: inc.label,
      severity: (level?.id ?? 'low') as Severity,
      severityLabel: level?.label ?? 'Low',
    };
  });
}

/** The most severe of the floors; the criticality's own level when no incident type reaches the asset. */
export function highestFloor(floors: FloorView[], rank: number, tables: Tables): Severity {
  const ranks = floors.flatMap((f) =>
    f.severity ? [tables.severities.findIndex((s) => s.id === f.severity) + 1] : [],
  );
  const best = ranks.length > 0 ? Math.min(...ranks) : rank;
  return (tables.severities[best - 1]?.id ?? 'low') as Severity;
}

/** One severity-floor table: a few incident types as columns, every asset as a row. */
export interface FloorTable {
  playbooks: { id: string; label: string }[];
  rows: { name: string; floors: FloorView[] }[];
}

/** At most this many incident-type columns beside the asset's: more do not fit a portrait page. */
const COLUMNS_PER_TABLE = 6;

/**
 * The floor matrix split into tables of at most six types, as even as possible: a seventh column
 * made the table wider than the page, and Chromium then shrinks the whole PDF below 10 pt.
 */
export function floorTables(
  assets: { name: string; floors: FloorView[] }[],
  playbooks: { id: string; label: string }[],
): FloorTable[] {
  const count = Math.ceil(playbooks.length / COLUMNS_PER_TABLE);
  const size = Math.ceil(playbooks.length / Math.max(1, count));
  const tables: FloorTable[] = [];
  for (let start = 0; start < playbooks.length; start += size) {
    const ids = new Set(playbooks.slice(start, start + size).map((p) => p.id));
    tables.push({
      playbooks: playbooks.filter((p) => ids.has(p.id)),
      rows: assets.map((a) => ({ name: a.name, floors: a.floors.filter((f) => ids.has(f.incident)) })),
    });
  }
  return tables;
}
