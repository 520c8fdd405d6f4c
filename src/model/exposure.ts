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
