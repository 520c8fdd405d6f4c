import type { Plan } from '../plan/index.ts';
import type { RaciLetter, Tables } from './tables.ts';
import type { AssetView, RoleView } from './types.ts';

// Govern (NIST SP 800-61r3 on CSF 2.0): what the plan covers, who may declare an incident, who may
// spend, when an incident is over and who does what in each phase. The roles' holders come from the
// contacts; the rules from templates/data/ (declaring.yaml, raci.yaml); amounts only from the plan.

/** Who may declare an incident of one severity: each role with its holder, in the order to try them. */
interface DeclareView {
  severity: string;
  label: string;
  respondWithin: string;
  who: string[];
}

/** One spending limit: the role with its holder, and the amount as the client's locale writes it. */
interface SpendingView {
  role: string;
  who: string;
  amount: string;
  notes: string | null;
}

/** One row of the responsibility chart: a role with its holder, and its letters in each phase ('' for none). */
interface RaciRowView {
  role: string;
  who: string;
  letters: string[];
}

/** The governance section's data. */
export interface GovernanceView {
  /** Names of the client's locations. */
  sites: string[];
  /** Lines the plan adds to its scope (governance.scope). */
  scope: string[];
  /** The kinds of data the client's assets hold, in words. */
  data: string[];
  /** Names of the services a vendor hosts (os: saas): the client's part is in scope, the vendor runs them. */
  hosted: string[];
  declare: DeclareView[];
  spending: SpendingView[];
  /** Closure criteria the plan adds (governance.closure). */
  closure: string[];
  /** Names of the owners of the critical and high assets, who confirm their systems work before closure. */
  owners: string[];
  phases: { id: string; label: string; summary: string }[];
  raci: RaciRowView[];
}

/** What the governance view is built from. */
interface GovernanceCtx {
  plan: Plan;
  tables: Tables;
  roles: RoleView[];
  assets: AssetView[];
  locale: string;
}

const LETTERS: [RaciLetter, string][] = [
  ['accountable', 'A'],
  ['responsible', 'R'],
  ['consulted', 'C'],
  ['informed', 'I'],
];

/** Builds the governance section's data from the plan, the roles and the tables. */
export function buildGovernance(ctx: GovernanceCtx): GovernanceView {
  const { plan, tables, roles, assets } = ctx;
  const gov = plan.governance ?? {};
  const who = (id: string) => roles.find((r) => r.id === id)?.who ?? id;
  const important = assets.filter((a) => a.criticality === 'critical' || a.criticality === 'high');
  return {
    sites: (plan.client.locations ?? []).map((l) => l.name),
    scope: gov.scope ?? [],
    data: unique(assets.flatMap((a) => a.dataText)),
    hosted: assets.filter((a) => a.os === 'saas').map((a) => a.name),
    declare: buildDeclare(tables, roles),
    spending: (gov.spending_authority ?? []).map((s) => ({
      role: roles.find((r) => r.id === s.role)?.label ?? s.role,
      who: who(s.role),
      amount: money(s.up_to, s.currency, ctx.locale),
      notes: s.notes ?? null,
    })),
    closure: gov.closure ?? [],
    owners: unique(important.flatMap((a) => (a.owner ? [a.owner.name] : []))),
    phases: tables.raci.map(({ id, label, summary }) => ({ id, label, summary })),
    raci: roles.map((r) => ({ role: r.label, who: r.who, letters: tables.raci.map((p) => lettersOf(p, r.id)) })),
  };
}

/**
 * Each severity with the roles that may declare it (declaring.yaml), most severe first. A person
 * who holds two of the roles is listed once, at the first: calling them again gains nothing.
 */
function buildDeclare(tables: Tables, roles: RoleView[]): DeclareView[] {
  return tables.severities.flatMap((s) => {
    const rule = tables.declaring.find((d) => d.severity === s.id);
    if (!rule) return [];
    const seen = new Set<string>();
    const who: string[] = [];
    for (const r of rule.roles.flatMap((id) => roles.filter((x) => x.id === id))) {
      const person = r.primary?.id ?? r.deputies[0]?.id ?? `role:${r.id}`;
      if (!seen.has(person)) who.push(r.who);
      seen.add(person);
    }
    return [{ severity: s.id, label: s.label, respondWithin: s.respond_within, who }];
  });
}

/** A role's letters in one phase ("A/R" when it both answers for and does the work). */
function lettersOf(phase: Record<RaciLetter, string[]>, role: string): string {
  return LETTERS.filter(([field]) => phase[field].includes(role))
    .map(([, letter]) => letter)
    .join('/');
}

/** An amount in its currency as the locale writes it: whole amounts without cents. */
function money(value: number, currency: string, locale: string): string {
  const digits = Number.isInteger(value) ? 0 : 2;
  const opts = { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
  try {
    return new Intl.NumberFormat([locale, 'en-US'], opts).format(value);
  } catch {
    return `${currency} ${value}`;
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
