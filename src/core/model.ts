import { addMonths, formatDate, formatHours, toE164 } from './format.ts';
import type { Tables } from './tables.ts';
import type { Asset, Contact, IncidentType, Phone, Plan, Severity } from './types.ts';

// The model is a pure function of the validated plan, the domain tables and the build options.
// Every optional value is present as null or [] so templates in strict mode can test it.

export type Audience = 'site' | 'print';

export interface ModelOptions {
  slug: string;
  audience: Audience;
  /** Calendar date of the build (from SOURCE_DATE_EPOCH or the commit), never the wall clock. */
  buildDate: string;
  draft: boolean;
}

export interface PhoneView { number: string; tel: string | null; label: string | null; outOfBand: boolean; private: boolean }

export interface ContactView {
  id: string; name: string; title: string | null; organization: string | null; display: string;
  groups: string[]; groupLabels: string[]; roles: string[]; roleLabels: string[];
  phones: PhoneView[]; primary: PhoneView | null; hasOutOfBand: boolean;
  email: string | null; verified: string | null; verifiedText: string | null; notes: string | null;
}

export interface AssetView {
  id: string; name: string; kind: string; os: string | null; services: string[]; criticality: Severity;
  data: string[]; owner: ContactView | null; location: string | null; rto: number | null; rpo: number | null;
  dependsOn: string[]; notes: string | null; priority: number; impact: string; checklists: string[];
}

export interface CallEntry { name: string; why: string; phones: PhoneView[]; email: string | null; note: string | null }

export interface ChecklistView { id: string; title: string; kind: 'forensic' | 'response'; assets: AssetView[] }

const SEVERITY_RANK: Record<Severity, number> = { critical: 1, high: 2, medium: 3, low: 4 };
const TLP_RULES: Record<string, string> = {
  'TLP:CLEAR': 'May be shared freely.',
  'TLP:GREEN': 'May be shared within the community, not published.',
  'TLP:AMBER': 'Share only within the client and those who need to know to respond.',
  'TLP:AMBER+STRICT': 'Share only within the client organisation.',
  'TLP:RED': 'For the named recipients only; do not share further.',
};

/** Builds everything the templates need for one client. */
export function buildModel(plan: Plan, tables: Tables, opts: ModelOptions) {
  const contacts = plan.contacts.map((c) => contactView(c, tables, opts.audience));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const ref = (id: string | undefined) => (id ? byId.get(id) ?? null : null);
  const assets = (plan.assets ?? []).map((a) => assetView(a, ref(a.owner), plan, tables)).sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const insurance = insuranceView(plan, tables, ref, opts.audience);
  const msp = { name: plan.msp?.name ?? null, hotline: ref(plan.msp?.hotline), color: plan.msp?.color ?? '#1f4e79', logo: plan.msp?.logo ?? null };
  const ctx = { plan, tables, contacts, insurance, msp };
  const severities = tables.severities.map((s) => ({ ...s, callList: callList(ctx, s.id as Severity, null) }));
  const incidents = tables.incidents.map((i) => ({
    ...i,
    callLists: tables.severities.map((s) => ({ severity: s.id, label: s.label, entries: callList(ctx, s.id as Severity, i.id as IncidentType) })),
  }));
  const checklists = [...forensicChecklists(assets, tables), ...responseChecklists(tables)];
  return {
    slug: opts.slug,
    draft: opts.draft,
    audience: opts.audience,
    buildDate: opts.buildDate,
    buildDateText: formatDate(opts.buildDate),
    client: { name: plan.client.name, industry: plan.client.industry ?? null, timezone: plan.client.timezone ?? 'UTC', locations: (plan.client.locations ?? []).map((l) => ({ name: l.name, address: l.address ?? null })) },
    plan: planView(plan, ref),
    msp,
    contacts,
    roles: tables.roles.map((r) => ({ ...r, holders: contacts.filter((c) => c.roles.includes(r.id)) })),
    groups: tables.groups.map((g) => ({ ...g, contacts: contacts.filter((c) => c.groups.includes(g.id)) })),
    severities,
    incidents,
    callTree: severities[0]?.callList ?? [],
    assets,
    criticalAssets: assets.filter((a) => a.criticality === 'critical'),
    dataFlows: (plan.data_flows ?? []).map((f) => ({ id: f.id, data: f.data ?? [], from: endpointName(f.from, plan), to: endpointName(f.to, plan), via: f.via ?? null })),
    insurance,
    continuity: continuityView(plan, ref),
    regulations: (plan.regulations ?? []).map((id) => tables.regulations.find((r) => r.id === id) ?? { id, label: id, authority: 'See legal counsel', deadline: 'Confirm with legal counsel', deadline_hours: 0, individuals: 'Confirm with legal counsel' }),
    exercises: (plan.exercises ?? []).map((x) => ({ date: x.date, dateText: formatDate(x.date), scenario: x.scenario, scenarioLabel: tables.incidents.find((i) => i.id === x.scenario)?.label ?? x.scenario, participants: (x.participants ?? []).map((p) => ref(p)?.name ?? p), notes: x.notes ?? null })),
    checklists,
    forensics: checklists.filter((c) => c.kind === 'forensic'),
    playbooks: tables.incidents.map((i) => ({ id: i.id, label: i.label })),
    tlpRule: TLP_RULES[plan.plan.classification] ?? '',
  };
}

/** The model's type, as templates and the site see it. */
export type Model = ReturnType<typeof buildModel>;

function phoneView(p: Phone): PhoneView {
  return { number: p.number, tel: toE164(p.number), label: p.label ?? null, outOfBand: p.out_of_band === true, private: p.private === true };
}

function contactView(c: Contact, tables: Tables, audience: Audience): ContactView {
  // Private numbers are printed for the binder but never published on a site.
  const phones = c.phones.filter((p) => audience === 'print' || p.private !== true).map(phoneView).sort((a, b) => Number(b.outOfBand) - Number(a.outOfBand));
  const roles = c.roles ?? [];
  const groups = c.groups ?? [];
  return {
    id: c.id, name: c.name, title: c.title ?? null, organization: c.organization ?? null,
    display: [c.name, c.title, c.organization].filter(Boolean).join(', '),
    groups, groupLabels: groups.map((g) => tables.groups.find((x) => x.id === g)?.label ?? g),
    roles, roleLabels: roles.map((r) => tables.roles.find((x) => x.id === r)?.label ?? r),
    phones, primary: phones[0] ?? null, hasOutOfBand: phones.some((p) => p.outOfBand),
    email: c.email ?? null, verified: c.verified ?? null, verifiedText: formatDate(c.verified), notes: c.notes ?? null,
  };
}

function assetView(a: Asset, owner: ContactView | null, plan: Plan, tables: Tables): AssetView {
  const data = a.data ?? [];
  // Priority: criticality first, raised one step when the asset holds regulated or sensitive data.
  const base = SEVERITY_RANK[a.criticality];
  const priority = Math.max(1, data.length > 0 ? base - 1 : base);
  const byId = new Map((plan.assets ?? []).map((x) => [x.id, x.name]));
  return {
    id: a.id, name: a.name, kind: a.kind, os: a.os ?? null, services: a.services ?? [], criticality: a.criticality,
    data, owner, location: a.location ?? null, rto: a.rto_hours ?? null, rpo: a.rpo_hours ?? null,
    dependsOn: (a.depends_on ?? []).map((d) => byId.get(d) ?? d), notes: a.notes ?? null,
    priority, impact: impactText(a), checklists: tables.checklists.filter((c) => matches(c.match, a)).map((c) => c.id),
  };
}

function impactText(a: Asset): string {
  const parts = [`${a.criticality} to operations`];
  if (a.data?.length) parts.push(`holds ${a.data.join(', ')}`);
  if (a.rto_hours !== undefined) parts.push(`back within ${a.rto_hours} h`);
  return parts.join('; ');
}

function matches(rule: Tables['checklists'][number]['match'], a: Asset): boolean {
  return Boolean((a.os && rule.os?.includes(a.os)) || rule.kind?.includes(a.kind) || a.services?.some((s) => rule.services?.includes(s)));
}

function forensicChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return tables.checklists
    .map((c) => ({ id: c.id, title: c.title, kind: 'forensic' as const, assets: assets.filter((a) => a.checklists.includes(c.id)) }))
    .filter((c) => c.assets.length > 0);
}

const RESPONSE_CHECKLISTS: [string, string][] = [
  ['first-15-minutes', 'The first 15 minutes'],
  ['triage', 'Triage checklist'],
  ['communications', 'Emergency contact checklist'],
  ['after-action', 'After-action checklist'],
];

function responseChecklists(tables: Tables): ChecklistView[] {
  const fixed = RESPONSE_CHECKLISTS.map(([id, title]) => ({ id, title, kind: 'response' as const, assets: [] }));
  const playbooks = tables.incidents.map((i) => ({ id: `playbook-${i.id}`, title: `${i.label}: response checklist`, kind: 'response' as const, assets: [] }));
  return [...fixed, ...playbooks];
}

function endpointName(end: string, plan: Plan): { name: string; isAsset: boolean } {
  const asset = plan.assets?.find((a) => a.id === end);
  return asset ? { name: asset.name, isAsset: true } : { name: end, isAsset: false };
}

function planView(plan: Plan, ref: (id: string | undefined) => ContactView | null) {
  const p = plan.plan;
  const every = p.review?.every_months ?? 12;
  const last = p.review?.last ?? p.effective ?? null;
  const due = last ? addMonths(last, every) : null;
  return {
    version: p.version, effective: p.effective ?? null, effectiveText: formatDate(p.effective),
    owner: ref(p.owner), classification: p.classification, paper: p.paper ?? 'letter',
    reviewLast: last, reviewLastText: formatDate(last ?? undefined), reviewEvery: every, reviewDue: due, reviewDueText: formatDate(due ?? undefined),
    distribution: (p.distribution ?? []).map((id) => ref(id)).filter((c): c is ContactView => c !== null),
    history: (p.history ?? []).map((h) => ({ version: h.version, date: h.date, dateText: formatDate(h.date), summary: h.summary ?? null, approver: h.approver ?? null })),
  };
}

function insuranceView(plan: Plan, tables: Tables, ref: (id: string | undefined) => ContactView | null, audience: Audience) {
  const ins = plan.insurance;
  if (!ins) return null;
  const hours = ins.notice_within_hours ?? null;
  return {
    carrier: ins.carrier, policyNumber: ins.policy_number,
    periodStart: formatDate(ins.period?.start), periodEnd: formatDate(ins.period?.end),
    claimsHotline: ins.claims_hotline ? phoneView({ number: ins.claims_hotline }) : null,
    noticeHours: hours, noticeText: hours === null ? null : formatHours(hours),
    hotlineCountsAsNotice: ins.hotline_counts_as_notice === true, noticeEmail: ins.notice_email ?? null,
    broker: ref(ins.broker),
    panel: (ins.panel ?? []).map((v) => ({ name: v.name, service: v.service, phone: v.phone ? phoneView({ number: v.phone }) : null })),
    consent: (ins.consent_required_for ?? []).map((id) => ({ id, label: tables.consent.find((c) => c.id === id)?.label ?? id })),
    consentIds: ins.consent_required_for ?? [],
    stipulations: ins.stipulations ?? [],
    audience,
  };
}

function continuityView(plan: Plan, ref: (id: string | undefined) => ContactView | null) {
  const c = plan.continuity;
  if (!c) return null;
  const doc = (d: typeof c.bcp) => (d ? { document: d.document ?? null, location: d.location ?? null, owner: ref(d.owner) } : null);
  return { bcp: doc(c.bcp), drp: doc(c.drp), requirements: c.requirements ?? [] };
}

interface CallCtx {
  plan: Plan; tables: Tables; contacts: ContactView[];
  insurance: ReturnType<typeof insuranceView>; msp: { name: string | null; hotline: ContactView | null };
}

/**
 * Who is called, in order, for a severity (and optionally an incident type): the MSP hotline, then
 * the severity's roles and groups from the table, then anyone whose own `notify` asks for it.
 */
export function callList(ctx: CallCtx, severity: Severity, incident: IncidentType | null): CallEntry[] {
  const sev = ctx.tables.severities.find((s) => s.id === severity);
  const extra = incident ? ctx.tables.incidents.find((i) => i.id === incident)?.also_call ?? [] : [];
  const seen = new Set<string>();
  const out: CallEntry[] = [];
  const add = (c: ContactView, why: string) => {
    if (seen.has(c.id) || !wantsCall(ctx.plan, c.id, severity, incident)) return;
    seen.add(c.id);
    out.push({ name: c.display, why, phones: c.phones, email: c.email, note: c.notes });
  };
  if (ctx.msp.hotline) add(ctx.msp.hotline, `${ctx.msp.name ?? 'MSP'} incident hotline`);
  for (const step of [...(sev?.call ?? []), ...extra]) {
    if (step === 'insurer') {
      out.push(insurerEntry(ctx));
      continue;
    }
    const role = ctx.tables.roles.find((r) => r.id === step);
    const group = ctx.tables.groups.find((g) => g.id === step);
    for (const c of ctx.contacts) {
      if (role && c.roles.includes(step)) add(c, role.label);
      else if (group && c.groups.includes(step)) add(c, group.label);
    }
  }
  for (const c of ctx.contacts) {
    const n = ctx.plan.contacts.find((x) => x.id === c.id)?.notify;
    if (n?.severities?.includes(severity)) add(c, c.roleLabels[0] ?? c.groupLabels[0] ?? 'Asked to be notified');
  }
  return out;
}

function wantsCall(plan: Plan, id: string, severity: Severity, incident: IncidentType | null): boolean {
  const n = plan.contacts.find((c) => c.id === id)?.notify;
  if (!n) return true;
  if (n.severities && !n.severities.includes(severity)) return false;
  return !(incident && n.incident_types?.length && !n.incident_types.includes(incident));
}

function insurerEntry(ctx: CallCtx): CallEntry {
  const ins = ctx.insurance;
  if (!ins) return { name: 'No cyber insurance on file', why: 'Insurer', phones: [], email: null, note: 'This client has no cyber insurance policy recorded; skip this call.' };
  const notice = ins.noticeText ? `Notice due within ${ins.noticeText} of discovery.` : 'Check the policy for the notice deadline.';
  return { name: `${ins.carrier} claims (policy ${ins.policyNumber})`, why: 'Insurer', phones: ins.claimsHotline ? [ins.claimsHotline] : [], email: ins.noticeEmail, note: notice };
}
