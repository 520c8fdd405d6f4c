import type { Authority, Jurisdiction, Plan } from '../plan/index.ts';
import { buildPhone } from './contacts.ts';
import { toCamel } from './names.ts';
import { regionAuthorities } from './region-authorities.ts';
import type { Derived } from './rules.ts';
import { resolveAuthority } from './rules.ts';
import type { Tables } from './tables.ts';
import type { ContactView } from './types.ts';
import type { Words } from './words.ts';

// Public authorities (police, cyber agency, sanctions, data protection) become contacts of their group on
// the call lists "when needed", unless the plan names its own contact in that group.

/** Kinds printed for every client in the country; a sector regulator only when a rule that applies names it. */
const ALWAYS = new Set(['data-protection', 'law-enforcement', 'cyber-agency', 'sanctions']);

/** Every authority by id: built-in ones, replaced by the plan's own of the same id. */
export function authorityIndex(jurisdictions: Jurisdiction[], plan: Plan): Map<string, Authority> {
  const out = new Map<string, Authority>();
  for (const j of jurisdictions) {
    for (const a of j.authorities ?? []) out.set(a.id, a);
    for (const r of j.regions ?? []) for (const a of r.authorities ?? []) out.set(a.id, a);
  }
  for (const a of plan.jurisdiction?.authorities ?? []) out.set(a.id, a);
  return out;
}

/** The authorities this client may need: its countries' and regions' standing ones, and those its rules name. */
export function pickAuthorities(plan: Plan, derived: Derived, index: Map<string, Authority>): Authority[] {
  const out = new Map<string, Authority>();
  for (const f of derived.files)
    for (const a of f.authorities ?? []) if (ALWAYS.has(a.kind)) out.set(a.id, index.get(a.id) ?? a);
  const local = regionAuthorities(plan, derived.files);
  for (const a of local.standing) out.set(a.id, index.get(a.id) ?? a);
  for (const id of local.replaced) out.delete(id);
  for (const a of plan.jurisdiction?.authorities ?? []) if (ALWAYS.has(a.kind)) out.set(a.id, a);
  for (const entry of derived.applied) {
    const a = resolveAuthority(entry, index, derived.files, derived.regions);
    if (a) out.set(a.id, a);
  }
  return [...out.values()];
}

/** The group an authority's kind belongs to (groups.yaml `authorities:`), or null when no group takes it. */
function groupOf(tables: Tables, kind: string): string | null {
  return tables.groups.find((g) => g.authorities?.includes(kind))?.id ?? null;
}

/** Authorities as contacts of their group; a group the plan already staffs keeps only the plan's own. */
export function authorityContacts(
  tables: Tables,
  authorities: Authority[],
  own: ContactView[],
  words: Words,
): ContactView[] {
  const staffed = new Set(own.flatMap((c) => c.groups));
  return authorities.flatMap((a) => {
    const group = groupOf(tables, a.kind);
    if (!group || staffed.has(group)) return [];
    return [toContact(a, group, tables, words)];
  });
}

function toContact(a: Authority, group: string, tables: Tables, words: Words): ContactView {
  const label = a.hours
    ? words.text('authorities.public_line_hours', { hours: a.hours })
    : words.text('authorities.public_line');
  const phones = a.phone ? [buildPhone({ number: a.phone, label }, null, tables.domesticNumbers)] : [];
  return {
    id: a.id,
    name: a.name,
    title: null,
    organization: null,
    display: a.name,
    groups: [group],
    groupLabels: [tables.groups.find((g) => g.id === group)?.label ?? group],
    roles: [],
    roleLabels: [],
    phones,
    primary: phones[0] ?? null,
    hasOutOfBand: false,
    email: null,
    verified: null,
    verifiedText: null,
    notes: a.when ?? null,
    url: a.url ?? null,
    authority: true,
    confirm: a.confirm ?? null,
  };
}

/** Authorities by group id in camel case, so a template can name "the sanctions authority" of this client. */
export function groupAuthorities(tables: Tables, authorities: ContactView[]): Record<string, ContactView[]> {
  // Every group that takes authorities has a key, empty or not: templates test `.length` without guards.
  const out: Record<string, ContactView[]> = Object.fromEntries(
    tables.groups.filter((g) => g.authorities?.length).map((g) => [toCamel(g.id), []]),
  );
  for (const a of authorities)
    for (const g of a.groups) {
      const key = toCamel(g);
      out[key] = [...(out[key] ?? []), a];
    }
  return out;
}
