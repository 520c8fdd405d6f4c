import type { Authority, Jurisdiction, JurisdictionRule, Plan } from '../plan/index.ts';
import type { Say } from './words.ts';

// Which notification rules bind a client: those of every country and region it (or one of its sites) is
// in, whose conditions its data and industry meet, plus those the plan lists, less those it excludes.

/** A place whose laws bind the client, and why it counts. */
interface Place {
  code: string;
  why: string;
}

/** A rule with the jurisdiction it belongs to (null: the plan's own). */
export interface CatalogueEntry {
  rule: JurisdictionRule;
  jurisdiction: Jurisdiction | null;
  region: string | null;
  place: string;
}

/** A rule that binds the client, and the reasons printed with it. */
export interface AppliedRule extends CatalogueEntry {
  why: string[];
}

/** The outcome: the rules that apply, those excluded with the plan's reason, ids the plan names but nobody knows. */
export interface Derived {
  applied: AppliedRule[];
  excluded: { entry: CatalogueEntry; reason: string }[];
  unknown: string[];
  /** The jurisdiction files in force for the client: its countries', those they include, and "*". */
  files: Jurisdiction[];
  regions: Set<string>;
}

/** The countries and regions whose laws bind the client: its own and each site's. */
function listPlaces(plan: Plan, say: Say): { countries: Place[]; regions: Place[] } {
  const countries: Place[] = [];
  const regions: Place[] = [];
  const c = plan.client;
  const country = c.country ?? c.region?.slice(0, 2);
  if (country) countries.push({ code: country, why: say('rules.client_country') });
  if (c.region) regions.push({ code: c.region, why: say('rules.client_region') });
  for (const loc of c.locations ?? []) {
    const country = loc.country ?? loc.region?.slice(0, 2);
    if (country) countries.push({ code: country, why: say('rules.site', { site: loc.name }) });
    if (loc.region) regions.push({ code: loc.region, why: say('rules.site', { site: loc.name }) });
  }
  return { countries: firstOf(countries), regions: firstOf(regions) };
}

function firstOf(places: Place[]): Place[] {
  return places.filter((p, i) => places.findIndex((q) => q.code === p.code) === i);
}

/** Every rule irplan and the plan know, by id: the plan's own rules replace built-in ones of the same id. */
function catalogue(jurisdictions: Jurisdiction[], plan: Plan, say: Say): Map<string, CatalogueEntry> {
  const out = new Map<string, CatalogueEntry>();
  for (const j of jurisdictions) {
    for (const rule of j.rules ?? []) out.set(rule.id, { rule, jurisdiction: j, region: null, place: j.name });
    for (const r of j.regions ?? [])
      for (const rule of r.rules ?? []) out.set(rule.id, { rule, jurisdiction: j, region: r.code, place: r.name });
  }
  for (const rule of plan.jurisdiction?.rules ?? [])
    out.set(rule.id, { rule, jurisdiction: null, region: null, place: say('rules.plan_rules') });
  return out;
}

/** The jurisdiction files in force for these countries: each country's file, those it includes, and "*". */
function filesInScope(jurisdictions: Jurisdiction[], countries: string[]): Jurisdiction[] {
  const wanted = new Set(countries);
  for (const j of jurisdictions)
    if (wanted.has(j.country)) for (const inc of j.includes ?? []) wanted.add(inc.toUpperCase());
  return jurisdictions.filter((j) => j.country === '*' || wanted.has(j.country));
}

/**
 * Derives the rules that bind the client. `held` maps each data kind the client holds to where it is held;
 * the reasons are written with `say` (the client's catalogue).
 */
export function deriveRules(
  jurisdictions: Jurisdiction[],
  plan: Plan,
  held: Map<string, string[]>,
  labelData: (kind: string) => string,
  say: Say,
): Derived {
  const all = catalogue(jurisdictions, plan, say);
  const { countries, regions } = listPlaces(plan, say);
  const files = filesInScope(
    jurisdictions,
    countries.map((c) => c.code),
  );
  const listed = new Set(plan.regulations ?? []);
  const applied = new Map<string, AppliedRule>();
  for (const entry of all.values()) {
    const where = placeOf(entry, { files, countries, regions }, say);
    const met = where && meets(entry.rule, plan, held);
    const why: string[] = [];
    if (where && met) why.push(where, ...dataReasons(entry.rule, held, labelData, say));
    if (listed.has(entry.rule.id)) why.push(say('regulations.listed'));
    if (why.length > 0) applied.set(entry.rule.id, { ...entry, why });
  }
  const excluded: Derived['excluded'] = [];
  for (const x of plan.regulation_exclusions ?? []) {
    const hit = applied.get(x.id);
    if (hit && !listed.has(x.id)) {
      applied.delete(x.id);
      excluded.push({ entry: hit, reason: x.reason });
    }
  }
  return {
    applied: [...applied.values()],
    excluded,
    unknown: [...listed].filter((id) => !all.has(id)),
    files,
    regions: new Set(regions.map((r) => r.code)),
  };
}

/** Why the rule's jurisdiction binds the client, or null when it does not. */
function placeOf(
  entry: CatalogueEntry,
  { files, countries, regions }: { files: Jurisdiction[]; countries: Place[]; regions: Place[] },
  say: Say,
): string | null {
  const j = entry.jurisdiction;
  if (!j) return entry.rule.applies_when ? say('rules.plan_rule') : null;
  if (!files.includes(j)) return null;
  if (entry.region) {
    const r = regions.find((p) => p.code === entry.region);
    return r ? say('rules.region_why', { place: entry.place, code: r.code, why: r.why }) : null;
  }
  // A country-wide fallback for clients that gave no region (US state laws) stands aside once one is given.
  if (entry.rule.applies_when?.without_region && regions.some((r) => r.code.startsWith(`${j.country}-`))) return null;
  if (j.country === '*') return say('rules.anywhere');
  const c = countries.find((p) => p.code === j.country) ?? countries.find((p) => isMember(files, p.code, j));
  return c ? say('rules.country_why', { place: j.name, why: c.why, code: c.code }) : null;
}

function isMember(files: Jurisdiction[], code: string, union: Jurisdiction): boolean {
  return files.some((f) => f.country === code && (f.includes ?? []).some((i) => i.toUpperCase() === union.country));
}

/** Whether the client meets the rule's conditions: its data, its industry; opt-in rules never are derived. */
function meets(rule: JurisdictionRule, plan: Plan, held: Map<string, string[]>): boolean {
  const w = rule.applies_when;
  if (!w) return true;
  if (w.opt_in) return false;
  if (w.data && !w.data.some((d) => held.has(d))) return false;
  if (w.industries) {
    const industry = (plan.client.industry ?? '').toLowerCase();
    if (!w.industries.some((i) => industry.includes(i.toLowerCase()))) return false;
  }
  return true;
}

function dataReasons(
  rule: JurisdictionRule,
  held: Map<string, string[]>,
  labelData: (k: string) => string,
  say: Say,
): string[] {
  return (rule.applies_when?.data ?? [])
    .filter((d) => held.has(d))
    .map((d) =>
      say('rules.holds', { data: labelData(d), where: (held.get(d) ?? []).join(say('format.list_separator')) }),
    );
}

/** The authority a rule names: by id anywhere, else by kind in the rule's own region or country. */
export function resolveAuthority(
  entry: CatalogueEntry,
  authorities: Map<string, Authority>,
  files: Jurisdiction[],
  regions: Set<string>,
): Authority | null {
  const ref = entry.rule.authority;
  if (!ref) return null;
  const byId = authorities.get(ref);
  if (byId) return byId;
  const pools = [
    ...files.flatMap((f) => (f.regions ?? []).filter((r) => regions.has(r.code)).map((r) => r.authorities ?? [])),
    entry.jurisdiction?.authorities ?? [],
    ...files.map((f) => f.authorities ?? []),
  ];
  for (const pool of pools) {
    const hit = pool.find((a) => a.kind === ref);
    if (hit) return authorities.get(hit.id) ?? hit;
  }
  return null;
}

/** Each kind of data the client holds, with the assets and data flows (named with `say`) that hold it. */
export function heldData(plan: Plan, say: Say): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (kind: string, where: string) => out.set(kind, [...(out.get(kind) ?? []), where]);
  for (const a of plan.assets ?? []) for (const d of a.data ?? []) add(d, a.name);
  for (const f of plan.data_flows ?? []) for (const d of f.data ?? []) add(d, say('rules.data_flow', { flow: f.id }));
  return out;
}
