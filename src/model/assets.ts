import { formatNumber, UserError } from '../shared/index.ts';
import type { Asset, Plan, Severity, JurisdictionRule } from '../plan/index.ts';
import { buildFloors, highestFloor } from './exposure.ts';
import { assetFlags } from './incidents.ts';
import { applies, matchesRule, notExcepted } from './match.ts';
import type { AssetFacts } from './match.ts';
import { labelData, toCamel } from './names.ts';
import { matchProduct } from './products.ts';
import type { ProductEntry, Tables } from './tables.ts';
import type { AssetView, ContactRef } from './types.ts';
import type { Words } from './words.ts';

/** What an asset's view is built from beyond the asset: tables, contacts, the rules in force, the client's words. */
interface AssetCtx {
  tables: Tables;
  ref: ContactRef;
  rules: JurisdictionRule[];
  words: Words;
}

/** The inventory as templates see it, in priority order. */
export function buildAssets(plan: Plan, ctx: AssetCtx): AssetView[] {
  const { tables } = ctx;
  // Within a priority, critical assets come before high ones: they are protected and restored first.
  return (plan.assets ?? [])
    .map((a) => buildAsset(a, plan, ctx))
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        rankSeverity(tables, a.criticality) - rankSeverity(tables, b.criticality) ||
        a.name.localeCompare(b.name),
    );
}

function buildAsset(a: Asset, plan: Plan, ctx: AssetCtx): AssetView {
  const { tables, ref, rules } = ctx;
  const data = a.data ?? [];
  // Priority: criticality first, raised one step when the asset holds regulated or sensitive data.
  const base = rankSeverity(tables, a.criticality);
  const priority = Math.max(1, data.length > 0 ? base - 1 : base);
  const byId = new Map((plan.assets ?? []).map((x) => [x.id, x.name]));
  const name = (id: string) => byId.get(id) ?? id;
  const facts: AssetFacts = {
    os: a.os,
    kind: a.kind,
    services: a.services ?? [],
    data,
    criticality: a.criticality,
    flags: assetFlags(a),
  };
  const product = matchProduct(a.product, tables.products);
  const floors = buildFloors(facts, base, tables);
  const floor = highestFloor(floors, base, tables);
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
    dependsOn: (a.depends_on ?? []).map(name),
    notes: a.notes ?? null,
    dataText: data.map((d) => labelData(tables, d)),
    priority,
    impact: describeImpact(a, tables, ctx.words),
    checklists: pickChecklists(facts, product, tables),
    severityFloor: floor,
    severityFloorLabel: tables.severities.find((s) => s.id === floor)?.label ?? floor,
    affects: listDependents(a.id, plan).map(name),
    regulations: rules.filter((r) => r.applies_when?.data?.some((d) => data.includes(d))).map((r) => r.label),
    product: a.product ?? null,
    productLabel: product?.label ?? null,
    backupOf: backupTargets(a).map(name),
    restoreFrom: listBackupsOf(a.id, plan).map(name),
    domainJoined: isDomainJoined(a, plan),
    internetFacing: a.internet_facing === true,
    floors,
  };
}

/** The forensic sheets for an asset: those its facts or its product ask for, less those that except it. */
function pickChecklists(facts: AssetFacts, product: ProductEntry | null, tables: Tables): string[] {
  return tables.checklists
    .filter((c) => (matchesRule(c.match, facts) || product?.sheets.includes(c.id)) && notExcepted(c, facts))
    .map((c) => c.id);
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

/** The ids of the assets a backup system holds backups of (`backup_of`, one id or a list). */
function backupTargets(a: Asset): string[] {
  if (a.backup_of === undefined) return [];
  return (typeof a.backup_of === 'string' ? [a.backup_of] : a.backup_of).filter((id) => id !== a.id);
}

/** The ids of the backup systems that hold backups of `id`, in inventory order. */
function listBackupsOf(id: string, plan: Plan): string[] {
  return (plan.assets ?? []).filter((b) => backupTargets(b).includes(id)).map((b) => b.id);
}

const isDomainController = (a: Asset) => (a.services ?? []).includes('domain-controller');

/**
 * Joined to the domain: the asset's own `domain_joined`, else any Windows server or workstation of
 * a client that has a domain controller (that is how Windows estates with a domain are run).
 */
function isDomainJoined(a: Asset, plan: Plan): boolean {
  if (a.domain_joined !== undefined) return a.domain_joined;
  const hasDomain = (plan.assets ?? []).some(isDomainController);
  return hasDomain && a.os === 'windows' && (a.kind === 'server' || a.kind === 'workstation');
}

/**
 * Every asset that depends on `id`, directly or through a chain, in inventory order. A domain
 * controller reaches every domain-joined host: whoever holds it can log on to all of them.
 */
export function listDependents(id: string, plan: Plan): string[] {
  const all = plan.assets ?? [];
  const joined = new Set(all.filter((a) => isDomainJoined(a, plan)).map((a) => a.id));
  const found = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const next = queue.shift();
    const cur = all.find((a) => a.id === next);
    if (!cur) continue;
    for (const a of all) {
      const reached = (a.depends_on ?? []).includes(cur.id) || (isDomainController(cur) && joined.has(a.id));
      if (a.id !== id && !found.has(a.id) && reached) {
        found.add(a.id);
        queue.push(a.id);
      }
    }
  }
  return all.filter((a) => found.has(a.id)).map((a) => a.id);
}

/** What losing the asset means, in the client's words: "critical to operations; holds ...; back within 4 h". */
function describeImpact(a: Asset, tables: Tables, words: Words): string {
  const say = words.text;
  const parts = [say('assets.impact', { criticality: a.criticality })];
  const data = (a.data ?? []).map((d) => labelData(tables, d));
  if (data.length > 0) parts.push(say('assets.impact_holds', { data: data.join(say('format.list_separator')) }));
  if (a.rto_hours !== undefined)
    parts.push(say('assets.impact_back', { hours: formatNumber(a.rto_hours, words.locale) }));
  return parts.join(say('assets.impact_separator'));
}

/**
 * Scope id (camel case) to the names of the assets each kind of playbook step acts on, in priority
 * order; `domainJoined` and `restorable` are worked out from the inventory's relations.
 */
export function listScopes(assets: AssetView[], tables: Tables): Record<string, string[]> {
  return {
    ...Object.fromEntries(
      tables.scopes.map((s) => [toCamel(s.id), assets.filter((a) => applies(s, factsOf(a))).map((a) => a.name)]),
    ),
    domainJoined: assets.filter((a) => a.domainJoined).map((a) => a.name),
    restorable: assets.filter((a) => a.restoreFrom.length > 0).map((a) => a.name),
  };
}

/** What a match rule looks at on an asset's view. */
export function factsOf(a: AssetView): AssetFacts {
  return {
    os: a.os,
    kind: a.kind,
    services: a.services,
    data: a.data,
    criticality: a.criticality,
    flags: assetFlags({ internet_facing: a.internetFacing }),
  };
}

/** Scope id (camel case) to whether the client has any asset in it: templates leave out steps for what is absent. */
export function mapHas(scope: Record<string, string[]>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, v.length > 0]));
}

/** Incident type (camel case) to the names of the assets it can reach, in priority order. */
export function mapExposed(assets: AssetView[], tables: Tables): Record<string, string[]> {
  return Object.fromEntries(
    tables.incidents.map((i) => [
      toCamel(i.id),
      assets.filter((a) => a.floors.some((f) => f.incident === i.id && f.severity)).map((a) => a.name),
    ]),
  );
}

/**
 * The order to bring assets back: by priority, but never before the assets they depend on nor
 * before the backup systems they are restored from. Each round takes the first asset (in priority
 * order) whose prerequisites are all back; a cycle is broken by taking the first remaining asset.
 */
export function orderRestore(assets: AssetView[], plan: Plan): AssetView[] {
  const known = new Set(assets.map((a) => a.id));
  const deps = new Map(
    (plan.assets ?? []).map((a) => [
      a.id,
      [...(a.depends_on ?? []), ...listBackupsOf(a.id, plan)].filter((d) => d !== a.id && known.has(d)),
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
