import { UserError } from '../shared/index.ts';
import type { Asset, Plan, Severity } from '../plan/index.ts';
import { labelData, toCamel } from './names.ts';
import type { MatchRule, Tables } from './tables.ts';
import type { AssetView, ContactRef } from './types.ts';

/** What a match rule looks at on an asset. */
type AssetFacts = Pick<AssetView, 'kind' | 'services' | 'data' | 'criticality'> & { os: string | null | undefined };

/** The inventory as templates see it, in priority order. */
export function buildAssets(plan: Plan, tables: Tables, ref: ContactRef): AssetView[] {
  // Within a priority, critical assets come before high ones: they are protected and restored first.
  return (plan.assets ?? [])
    .map((a) => buildAsset(a, plan, tables, ref))
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        rankSeverity(tables, a.criticality) - rankSeverity(tables, b.criticality) ||
        a.name.localeCompare(b.name),
    );
}

function buildAsset(a: Asset, plan: Plan, tables: Tables, ref: ContactRef): AssetView {
  const data = a.data ?? [];
  // Priority: criticality first, raised one step when the asset holds regulated or sensitive data.
  const base = rankSeverity(tables, a.criticality);
  const priority = Math.max(1, data.length > 0 ? base - 1 : base);
  const floor = (tables.severities[priority - 1]?.id ?? 'low') as Severity;
  const byId = new Map((plan.assets ?? []).map((x) => [x.id, x.name]));
  const facts: AssetFacts = { os: a.os, kind: a.kind, services: a.services ?? [], data, criticality: a.criticality };
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    os: a.os ?? null,
    services: a.services ?? [],
    criticality: a.criticality,
    data,
    owner: ref(a.owner),
    location: a.location ?? null,
    rto: a.rto_hours ?? null,
    rpo: a.rpo_hours ?? null,
    dependsOn: (a.depends_on ?? []).map((d) => byId.get(d) ?? d),
    notes: a.notes ?? null,
    dataText: data.map((d) => labelData(tables, d)),
    priority,
    impact: describeImpact(a, tables),
    checklists: tables.checklists.filter((c) => matchesRule(c.match, facts)).map((c) => c.id),
    severityFloor: floor,
    severityFloorLabel: tables.severities.find((s) => s.id === floor)?.label ?? 'Low',
    affects: listDependents(a.id, plan).map((id) => byId.get(id) ?? id),
    regulations: (plan.regulations ?? []).flatMap((id) => {
      const r = tables.regulations.find((x) => x.id === id);
      return r?.data?.some((d) => data.includes(d)) ? [r.label] : [];
    }),
  };
}

/** 1 for the most severe level (the first in severities.yaml), 2 for the next, and so on. */
function rankSeverity(tables: Tables, severity: Severity): number {
  const i = tables.severities.findIndex((s) => s.id === severity);
  if (i < 0)
    throw new UserError('IRP_TABLE', `severities.yaml does not list the severity "${severity}"`, {
      hint: 'the severities table lists every level a plan may use (critical, high, medium, low), most severe first',
    });
  return i + 1;
}

/** Every asset that depends on `id`, directly or through a chain, in inventory order. */
export function listDependents(id: string, plan: Plan): string[] {
  const all = plan.assets ?? [];
  const found = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const cur = queue.shift() as string;
    for (const a of all) {
      if (a.id !== id && !found.has(a.id) && (a.depends_on ?? []).includes(cur)) {
        found.add(a.id);
        queue.push(a.id);
      }
    }
  }
  return all.filter((a) => found.has(a.id)).map((a) => a.id);
}

function describeImpact(a: Asset, tables: Tables): string {
  const parts = [`${a.criticality} to operations`];
  if (a.data?.length) parts.push(`holds ${a.data.map((d) => labelData(tables, d)).join(', ')}`);
  if (a.rto_hours !== undefined) parts.push(`back within ${a.rto_hours} h`);
  return parts.join('; ');
}

/** True when the asset has any service, operating system, kind, data kind or criticality the rule lists. */
function matchesRule(rule: MatchRule, a: AssetFacts): boolean {
  return Boolean(
    (a.os && rule.os?.includes(a.os)) ||
      rule.kind?.includes(a.kind) ||
      rule.criticality?.includes(a.criticality) ||
      a.services.some((s) => rule.services?.includes(s)) ||
      a.data.some((d) => rule.data?.includes(d)),
  );
}

/** Scope id (camel case) to the names of the assets each kind of playbook step acts on, in priority order. */
export function listScopes(assets: AssetView[], tables: Tables): Record<string, string[]> {
  return Object.fromEntries(
    tables.scopes.map((s) => [toCamel(s.id), assets.filter((a) => matchesRule(s.match, a)).map((a) => a.name)]),
  );
}

/**
 * The order to bring assets back: by priority, but never before the assets they depend on.
 * Each round takes the first asset (in priority order) whose dependencies are all back;
 * a dependency cycle is broken by taking the first remaining asset.
 */
export function orderRestore(assets: AssetView[], plan: Plan): AssetView[] {
  const deps = new Map(
    (plan.assets ?? []).map((a) => [
      a.id,
      (a.depends_on ?? []).filter((d) => d !== a.id && assets.some((x) => x.id === d)),
    ]),
  );
  const done = new Set<string>();
  const left = [...assets];
  const out: AssetView[] = [];
  while (left.length > 0) {
    const i = Math.max(
      0,
      left.findIndex((a) => (deps.get(a.id) ?? []).every((d) => done.has(d))),
    );
    const [next] = left.splice(i, 1);
    if (!next) break;
    done.add(next.id);
    out.push(next);
  }
  return out;
}
