import type { Asset, Plan } from '../plan/index.ts';
import { isRoundTheClock, monitoringProduct } from './detection.ts';
import { assetFlags } from './incidents.ts';
import { applies } from './match.ts';
import { matchProduct } from './products.ts';
import type { Tables } from './tables.ts';
import type { AssetView, ContactRef, ContactView, RoleView } from './types.ts';

// Preparation (CISA's federal playbooks end in a preparation checklist): the jump kit, break-glass
// accounts, log retention per product, EDR isolation and backup immutability, each read from the
// plan and the tables. What the plan does not record is shown as not recorded, never filled in.

/** One kind of logs: what they are, how long they last by default, how to check, and the systems keeping them. */
export interface LogKindView {
  logs: string;
  /** The known product whose documentation gives the facts (Microsoft 365, Okta, ...), or null. */
  product: string | null;
  facts: string[];
  check: string | null;
  assets: string[];
}

/** One system's logs: the retention the plan records for it (`log_retention`), or null. */
interface LogRetentionView {
  asset: string;
  logs: string;
  recorded: string | null;
}

/** One EDR console: who can isolate a host with it, how, and which hosts it covers. */
interface EdrView {
  source: string;
  /** The known EDR product's label; null for a source the plan calls EDR but irplan does not know. */
  product: string | null;
  /** How to isolate a host with it (products.yaml `isolate`); null when irplan does not know the product. */
  isolate: string | null;
  owner: ContactView | null;
  roundTheClock: boolean;
  hosts: string[];
}

/** The preparation checklist's data. */
export interface PreparationView {
  jumpKit: { location: string | null; keeper: ContactView | null };
  breakGlass: { account: string; system: string | null; kept: string; holders: string[] }[];
  /** The kinds of logs the client's systems keep, each with the systems keeping them. */
  logKinds: LogKindView[];
  logs: LogRetentionView[];
  /** Names of the assets that keep logs but record no retention. */
  logsUnrecorded: string[];
  edr: EdrView[];
  /** Names of the hosts the client runs (Windows, Linux, macOS) that no EDR source watches. */
  noEdr: string[];
  backups: { name: string; backupOf: string[]; immutable: boolean | null }[];
  /** Names of the holders of the roles that act first, with an out-of-band phone and without one. */
  outOfBand: { with: string[]; without: string[] };
}

/** The roles whose holders must be reachable when the office network and e-mail are down. */
const FIRST_ROLES = ['incident-commander', 'deputy', 'technical-lead', 'executive-sponsor'];

/** A source the plan itself calls EDR, whatever its product. */
const EDR_WORDS = /\b(EDR|endpoint detection)\b/i;

/** What logs an asset keeps and how long by default: its known product's facts, else its kind's (log-sources.yaml). */
export function logSourceOf(a: Asset, tables: Tables): Omit<LogKindView, 'assets'> | null {
  const facts = { os: a.os, kind: a.kind, services: a.services ?? [], data: a.data ?? [], criticality: a.criticality };
  const entry = tables.logSources.find((e) => applies(e, { ...facts, flags: assetFlags(a) }));
  const product = matchProduct(a.product, tables.products);
  if (product?.retention && a.os === 'saas')
    return { logs: entry?.logs ?? product.label, product: product.label, facts: product.retention, check: null };
  return entry ? { logs: entry.logs, product: null, facts: entry.retention, check: entry.check ?? null } : null;
}

type Monitoring = NonNullable<Plan['monitoring']>[number];

/** What the preparation view is built from. */
interface PreparationCtx {
  plan: Plan;
  tables: Tables;
  ref: ContactRef;
  roles: RoleView[];
  assets: AssetView[];
}

/** Builds the preparation checklist's data. */
export function buildPreparation(ctx: PreparationCtx): PreparationView {
  const { plan, ref } = ctx;
  const prep = plan.preparation ?? {};
  const name = (id: string) => ctx.assets.find((a) => a.id === id)?.name ?? id;
  const kinds = buildLogKinds(ctx);
  const recorded = new Map((plan.assets ?? []).flatMap((a) => (a.log_retention ? [[a.name, a.log_retention]] : [])));
  const logs = kinds.flatMap((k) =>
    k.assets.map((asset) => ({ asset, logs: k.logs, recorded: recorded.get(asset) ?? null })),
  );
  const edrSources = (plan.monitoring ?? []).filter((m) => isEdr(m, ctx.tables));
  const covered = new Set(edrSources.flatMap((m) => m.watches));
  return {
    jumpKit: { location: prep.jump_kit?.location ?? null, keeper: ref(prep.jump_kit?.keeper) },
    breakGlass: (prep.break_glass ?? []).map((b) => ({
      account: b.account,
      system: b.system ? name(b.system) : null,
      kept: b.kept,
      holders: b.holders.map((id) => ref(id)?.name ?? id),
    })),
    logKinds: kinds,
    logs,
    logsUnrecorded: logs.filter((l) => l.recorded === null).map((l) => l.asset),
    edr: edrSources.map((m) => buildEdr(m, ctx, name)),
    noEdr: ctx.assets.filter((a) => isHost(a) && !covered.has(a.id)).map((a) => a.name),
    backups: (plan.assets ?? [])
      .filter((a) => (a.services ?? []).includes('backup'))
      .map((a) => ({ name: a.name, backupOf: targets(a).map(name), immutable: a.immutable ?? null })),
    outOfBand: splitOutOfBand(ctx.roles),
  };
}

/** The kinds of logs the client's systems keep, in inventory order: systems with the same facts share one. */
function buildLogKinds(ctx: PreparationCtx): LogKindView[] {
  const kinds = new Map<string, LogKindView>();
  for (const a of ctx.plan.assets ?? []) {
    const source = logSourceOf(a, ctx.tables);
    if (!source) continue;
    const key = `${source.logs}\n${source.facts.join('\n')}`;
    const kind = kinds.get(key) ?? { ...source, assets: [] };
    kind.assets.push(a.name);
    kinds.set(key, kind);
  }
  return [...kinds.values()];
}

/** A monitoring source that is an EDR console: a known EDR product, or a source the plan calls EDR. */
function isEdr(m: Monitoring, tables: Tables): boolean {
  return Boolean(monitoringProduct(m, tables.products)?.isolate) || EDR_WORDS.test(m.source);
}

function buildEdr(m: Monitoring, ctx: PreparationCtx, name: (id: string) => string): EdrView {
  const product = monitoringProduct(m, ctx.tables.products);
  const isolate = product?.isolate ?? null;
  return {
    source: m.source,
    product: isolate ? (product?.label ?? null) : null,
    isolate,
    owner: ctx.ref(m.owner),
    roundTheClock: isRoundTheClock(m.hours),
    hosts: m.watches.map(name),
  };
}

/** A computer the client runs itself, which an EDR agent could protect. */
function isHost(a: AssetView): boolean {
  return a.os === 'windows' || a.os === 'linux' || a.os === 'macos';
}

/** The asset ids a backup system holds backups of (`backup_of`, one id or a list). */
function targets(a: Asset): string[] {
  if (a.backup_of === undefined) return [];
  return typeof a.backup_of === 'string' ? [a.backup_of] : a.backup_of;
}

/** The holders of the first roles, split by whether they have a phone that works without the office network. */
function splitOutOfBand(roles: RoleView[]): { with: string[]; without: string[] } {
  const people = new Map<string, ContactView>();
  for (const r of roles.filter((x) => FIRST_ROLES.includes(x.id))) for (const c of r.holders) people.set(c.id, c);
  const all = [...people.values()];
  return {
    with: all.filter((c) => c.hasOutOfBand).map((c) => c.name),
    without: all.filter((c) => !c.hasOutOfBand).map((c) => c.name),
  };
}
