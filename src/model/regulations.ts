import { formatHours } from '../shared/index.ts';
import { describeClock } from './clock.ts';
import { labelData } from './names.ts';
import type { Tables } from './tables.ts';
import type { AssetView } from './types.ts';
import type { RegulationView } from './views.ts';

const COUNSEL = 'Confirm with legal counsel';

/** A listed regulation with its clock and the client's assets whose data it covers. */
export function buildRegulation(id: string, tables: Tables, assets: AssetView[]): RegulationView {
  const r = tables.regulations.find((x) => x.id === id);
  // A regulation irplan has no table entry for still prints, and sends the reader to counsel.
  if (!r)
    return {
      id,
      label: id,
      authority: COUNSEL,
      deadline: COUNSEL,
      deadlineHours: null,
      deadlineText: null,
      example: null,
      individuals: COUNSEL,
      data: [],
      dataText: [],
      assets: [],
    };
  const data = r.data ?? [];
  return {
    id: r.id,
    label: r.label,
    authority: r.authority,
    deadline: r.deadline,
    individuals: r.individuals,
    deadlineHours: r.deadline_hours,
    deadlineText: formatHours(r.deadline_hours),
    example: describeClock(r.deadline_hours),
    data,
    dataText: data.map((d) => labelData(tables, d)),
    assets: assets.filter((a) => a.data.some((d) => data.includes(d))).map((a) => a.name),
  };
}
