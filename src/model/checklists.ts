import { toCamel } from './names.ts';
import { matchProduct, productFamily } from './products.ts';
import type { Tables } from './tables.ts';
import type { AssetView, ChecklistView, ProductStepsView } from './types.ts';

/** The checklists this client gets: the forensic ones its assets call for, then every response one. */
export function buildChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return [...buildForensicChecklists(assets, tables), ...buildResponseChecklists(tables)];
}

function buildForensicChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return tables.checklists
    .map((c) => {
      const on = assets.filter((a) => a.checklists.includes(c.id));
      // An asset whose product has its own steps on this sheet skips the sheet's generic steps.
      const generic = on.filter((a) => !familyOn(a, c.id, tables));
      return {
        id: c.id,
        title: c.title,
        kind: 'forensic' as const,
        assets: on,
        product: mapProductSteps(on, c.id, tables),
        other: generic.map((a) => a.name),
        otherHosted: generic.filter((a) => a.os === 'saas').map((a) => a.name),
        otherOnPremises: generic.filter((a) => a.os !== 'saas').map((a) => a.name),
      };
    })
    .filter((c) => c.assets.length > 0);
}

/** The product family whose steps the asset follows on this sheet, or null for the generic steps. */
function familyOn(a: AssetView, sheet: string, tables: Tables): string | null {
  const p = matchProduct(a.product ?? undefined, tables.products);
  return p?.steps.includes(sheet) ? productFamily(p) : null;
}

/** Every product family (camel case) to the sheet's assets running it, or null when none does. */
function mapProductSteps(on: AssetView[], sheet: string, tables: Tables): Record<string, ProductStepsView | null> {
  const out: Record<string, ProductStepsView | null> = {};
  for (const p of tables.products) out[toCamel(productFamily(p))] = null;
  for (const a of on) {
    const family = familyOn(a, sheet, tables);
    if (!family) continue;
    const key = toCamel(family);
    const entry = out[key] ?? { label: '', assets: [] };
    const label = a.productLabel ?? '';
    // "MySQL and MariaDB" when a client runs both members of one family.
    if (!entry.label.split(' and ').includes(label)) entry.label = entry.label ? `${entry.label} and ${label}` : label;
    entry.assets.push(a.name);
    out[key] = entry;
  }
  return out;
}

function buildResponseChecklists(tables: Tables): ChecklistView[] {
  const none = { assets: [], product: {}, other: [], otherHosted: [], otherOnPremises: [] };
  const fixed = tables.responseChecklists.map(({ id, title }) => ({ id, title, kind: 'response' as const, ...none }));
  const playbooks = tables.incidents.map((i) => ({
    id: `playbook-${i.id}`,
    title: `${i.label}: response checklist`,
    kind: 'response' as const,
    ...none,
  }));
  return [...fixed, ...playbooks];
}

/** Forensic checklists by camel-case id, with the assets each covers; absent ones are null. */
export function mapSheets(checklists: ChecklistView[]): Record<string, ChecklistView | null> {
  return Object.fromEntries(checklists.filter((c) => c.kind === 'forensic').map((c) => [toCamel(c.id), c]));
}
