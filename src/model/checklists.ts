import { toCamel } from './names.ts';
import type { Tables } from './tables.ts';
import type { AssetView, ChecklistView } from './types.ts';

/** The checklists this client gets: the forensic ones its assets call for, then every response one. */
export function buildChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return [...buildForensicChecklists(assets, tables), ...buildResponseChecklists(tables)];
}

function buildForensicChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return tables.checklists
    .map((c) => ({
      id: c.id,
      title: c.title,
      kind: 'forensic' as const,
      assets: assets.filter((a) => a.checklists.includes(c.id)),
    }))
    .filter((c) => c.assets.length > 0);
}

function buildResponseChecklists(tables: Tables): ChecklistView[] {
  const fixed = tables.responseChecklists.map(({ id, title }) => ({
    id,
    title,
    kind: 'response' as const,
    assets: [],
  }));
  const playbooks = tables.incidents.map((i) => ({
    id: `playbook-${i.id}`,
    title: `${i.label}: response checklist`,
    kind: 'response' as const,
    assets: [],
  }));
  return [...fixed, ...playbooks];
}

/** Forensic checklists by camel-case id, with the assets each covers; absent ones are null. */
export function mapSheets(checklists: ChecklistView[]): Record<string, ChecklistView | null> {
  return Object.fromEntries(checklists.filter((c) => c.kind === 'forensic').map((c) => [toCamel(c.id), c]));
}
