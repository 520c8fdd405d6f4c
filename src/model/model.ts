import { addMonths, formatDate, formatHours, toE164 } from '../shared/index.ts';
import type { Tables } from './tables.ts';
import type { Asset, Contact, IncidentType, Phone, Plan, Severity } from '../plan/index.ts';

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

export interface PhoneView {
  number: string;
  tel: string | null;
  label: string | null;
  outOfBand: boolean;
  private: boolean;
}

export interface ContactView {
  id: string;
  name: string;
  title: string | null;
  organization: string | null;
  display: string;
  groups: string[];
  groupLabels: string[];
  roles: string[];
  roleLabels: string[];
  phones: PhoneView[];
  primary: PhoneView | null;
  hasOutOfBand: boolean;
  email: string | null;
  verified: string | null;
  verifiedText: string | null;
  notes: string | null;
}

export interface AssetView {
  id: string;
  name: string;
  kind: string;
  os: string | null;
  services: string[];
  criticality: Severity;
  data: string[];
  dataText: string[];
  owner: ContactView | null;
  location: string | null;
  rto: number | null;
  rpo: number | null;
  dependsOn: string[];
  notes: string | null;
  priority: number;
  impact: string;
  checklists: string[];
  /** The lowest severity an incident touching this asset can have (from its priority). */
  severityFloor: Severity;
  severityFloorLabel: string;
  /** Assets that depend on this one, directly or through others: the blast radius of losing it. */
  affects: string[];
  /** Labels of this client's regulations that the asset's data brings into play. */
  regulations: string[];
}

/** One call: `short` is the name alone and `first` the number to try first, for compact lists. */
export interface CallEntry {
  name: string;
  short: string;
  why: string;
  phones: PhoneView[];
  first: PhoneView | null;
  email: string | null;
  note: string | null;
}

export interface ChecklistView {
  id: string;
  title: string;
  kind: 'forensic' | 'response';
  assets: AssetView[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 1, high: 2, medium: 3, low: 4 };
const SEVERITY_BY_RANK: Severity[] = ['critical', 'high', 'medium', 'low'];

/** Reader names for the data kinds in the plan file. */
const DATA_LABELS: Record<string, string> = {
  pii: 'personal data',
  phi: 'health records',
  'payment-card': 'card data',
  credentials: 'credentials',
  financial: 'financial data',
  ip: 'intellectual property',
  'customer-data': 'customer data',
};
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
  const ref = (id: string | undefined) => (id ? (byId.get(id) ?? null) : null);
  // Within a priority, critical assets come before high ones: they are protected and restored first.
  const assets = (plan.assets ?? [])
    .map((a) => assetView(a, ref(a.owner), plan, tables))
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        SEVERITY_RANK[a.criticality] - SEVERITY_RANK[b.criticality] ||
        a.name.localeCompare(b.name),
    );
  const roles = roleViews(tables, contacts);
  const insurance = insuranceView(plan, tables, ref, opts.audience);
  const msp = {
    name: plan.msp?.name ?? null,
    hotline: ref(plan.msp?.hotline),
    color: plan.msp?.color ?? '#1f4e79',
    logo: plan.msp?.logo ?? null,
  };
  const ctx = { plan, tables, contacts, insurance, msp };
  const severities = tables.severities.map((s) => ({ ...s, callList: callList(ctx, s.id as Severity, null) }));
  const incidents = tables.incidents.map((i) => ({
    ...i,
    callLists: tables.severities.map((s) => ({
      severity: s.id,
      label: s.label,
      entries: callList(ctx, s.id as Severity, i.id as IncidentType),
    })),
    ...callDifference(severities[0]?.callList ?? [], callList(ctx, 'critical', i.id as IncidentType)),
  }));
  const checklists = [...forensicChecklists(assets, tables), ...responseChecklists(tables)];
  return {
    slug: opts.slug,
    draft: opts.draft,
    audience: opts.audience,
    buildDate: opts.buildDate,
    buildDateText: formatDate(opts.buildDate),
    client: {
      name: plan.client.name,
      industry: plan.client.industry ?? null,
      timezone: plan.client.timezone ?? 'UTC',
      locations: (plan.client.locations ?? []).map((l) => ({ name: l.name, address: l.address ?? null })),
    },
    plan: planView(plan, ref),
    msp,
    contacts,
    roles,
    who: whoMap(roles),
    person: personMap(roles),
    scope: assetScopes(assets),
    groups: tables.groups.map((g) => ({ ...g, contacts: contacts.filter((c) => c.groups.includes(g.id)) })),
    severities,
    incidents,
    callTree: severities[0]?.callList ?? [],
    firstCalls: firstCalls(ctx, tables),
    assets,
    restoreOrder: restoreOrder(assets, plan),
    criticalAssets: assets.filter((a) => a.criticality === 'critical'),
    dataFlows: (plan.data_flows ?? []).map((f) => ({
      id: f.id,
      data: f.data ?? [],
      dataText: (f.data ?? []).map((d) => DATA_LABELS[d] ?? d),
      from: endpointName(f.from, plan),
      to: endpointName(f.to, plan),
      via: f.via ?? null,
    })),
    insurance,
    continuity: continuityView(plan, ref),
    regulations: (plan.regulations ?? []).map((id) => regulationView(id, tables, assets)),
    exercises: (plan.exercises ?? []).map((x) => ({
      date: x.date,
      dateText: formatDate(x.date),
      scenario: x.scenario,
      scenarioLabel: tables.incidents.find((i) => i.id === x.scenario)?.label ?? x.scenario,
      participants: (x.participants ?? []).map((p) => ref(p)?.name ?? p),
      notes: x.notes ?? null,
    })),
    checklists,
    forensics: checklists.filter((c) => c.kind === 'forensic'),
    sheets: sheetMap(checklists),
    byIncident: Object.fromEntries(incidents.map((i) => [camel(i.id), i])),
    dataLabels: DATA_LABELS,
    playbooks: tables.incidents.map((i) => ({ id: i.id, label: i.label })),
    tlpRule: TLP_RULES[plan.plan.classification] ?? '',
  };
}

/** The model's type, as templates and the site see it. */
export type Model = ReturnType<typeof buildModel>;

function phoneView(p: Phone): PhoneView {
  return {
    number: p.number,
    tel: toE164(p.number),
    label: p.label ?? null,
    outOfBand: p.out_of_band === true,
    private: p.private === true,
  };
}

function contactView(c: Contact, tables: Tables, audience: Audience): ContactView {
  // Private numbers are printed for the binder but never published on a site.
  const phones = c.phones
    .filter((p) => audience === 'print' || p.private !== true)
    .map(phoneView)
    .sort((a, b) => Number(b.outOfBand) - Number(a.outOfBand));
  const roles = c.roles ?? [];
  const groups = c.groups ?? [];
  return {
    id: c.id,
    name: c.name,
    title: c.title ?? null,
    organization: c.organization ?? null,
    display: [c.name, c.title, c.organization].filter(Boolean).join(', '),
    groups,
    groupLabels: groups.map((g) => tables.groups.find((x) => x.id === g)?.label ?? g),
    roles,
    roleLabels: roles.map((r) => tables.roles.find((x) => x.id === r)?.label ?? r),
    phones,
    primary: phones[0] ?? null,
    hasOutOfBand: phones.some((p) => p.outOfBand),
    email: c.email ?? null,
    verified: c.verified ?? null,
    verifiedText: formatDate(c.verified),
    notes: c.notes ?? null,
  };
}

function assetView(a: Asset, owner: ContactView | null, plan: Plan, tables: Tables): AssetView {
  const data = a.data ?? [];
  // Priority: criticality first, raised one step when the asset holds regulated or sensitive data.
  const base = SEVERITY_RANK[a.criticality];
  const priority = Math.max(1, data.length > 0 ? base - 1 : base);
  const byId = new Map((plan.assets ?? []).map((x) => [x.id, x.name]));
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    os: a.os ?? null,
    services: a.services ?? [],
    criticality: a.criticality,
    data,
    owner,
    location: a.location ?? null,
    rto: a.rto_hours ?? null,
    rpo: a.rpo_hours ?? null,
    dependsOn: (a.depends_on ?? []).map((d) => byId.get(d) ?? d),
    notes: a.notes ?? null,
    dataText: data.map((d) => DATA_LABELS[d] ?? d),
    priority,
    impact: impactText(a),
    checklists: tables.checklists.filter((c) => matches(c.match, a)).map((c) => c.id),
    severityFloor: SEVERITY_BY_RANK[priority - 1] ?? 'low',
    severityFloorLabel:
      tables.severities.find((s) => s.id === (SEVERITY_BY_RANK[priority - 1] ?? 'low'))?.label ?? 'Low',
    affects: dependents(a.id, plan).map((id) => byId.get(id) ?? id),
    regulations: (plan.regulations ?? []).flatMap((id) => {
      const r = tables.regulations.find((x) => x.id === id);
      return r && r.data?.some((d) => data.includes(d)) ? [r.label] : [];
    }),
  };
}

/** Every asset that depends on `id`, directly or through a chain, in inventory order. */
export function dependents(id: string, plan: Plan): string[] {
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

function impactText(a: Asset): string {
  const parts = [`${a.criticality} to operations`];
  if (a.data?.length) parts.push(`holds ${a.data.map((d) => DATA_LABELS[d] ?? d).join(', ')}`);
  if (a.rto_hours !== undefined) parts.push(`back within ${a.rto_hours} h`);
  return parts.join('; ');
}

function matches(rule: Tables['checklists'][number]['match'], a: Asset): boolean {
  return Boolean(
    (a.os && rule.os?.includes(a.os)) ||
      rule.kind?.includes(a.kind) ||
      a.services?.some((s) => rule.services?.includes(s)),
  );
}

function forensicChecklists(assets: AssetView[], tables: Tables): ChecklistView[] {
  return tables.checklists
    .map((c) => ({
      id: c.id,
      title: c.title,
      kind: 'forensic' as const,
      assets: assets.filter((a) => a.checklists.includes(c.id)),
    }))
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
  const playbooks = tables.incidents.map((i) => ({
    id: `playbook-${i.id}`,
    title: `${i.label}: response checklist`,
    kind: 'response' as const,
    assets: [],
  }));
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
    version: p.version,
    effective: p.effective ?? null,
    effectiveText: formatDate(p.effective),
    owner: ref(p.owner),
    ownerName: ref(p.owner)?.name ?? 'The plan owner',
    classification: p.classification,
    paper: p.paper ?? 'letter',
    reviewLast: last,
    reviewLastText: formatDate(last ?? undefined),
    reviewEvery: every,
    reviewDue: due,
    reviewDueText: formatDate(due ?? undefined),
    distribution: (p.distribution ?? []).map((id) => ref(id)).filter((c): c is ContactView => c !== null),
    history: (p.history ?? []).map((h) => ({
      version: h.version,
      date: h.date,
      dateText: formatDate(h.date),
      summary: h.summary ?? null,
      approver: h.approver ?? null,
    })),
  };
}

function insuranceView(
  plan: Plan,
  tables: Tables,
  ref: (id: string | undefined) => ContactView | null,
  audience: Audience,
) {
  const ins = plan.insurance;
  if (!ins) return null;
  const hours = ins.notice_within_hours ?? null;
  return {
    carrier: ins.carrier,
    policyNumber: ins.policy_number,
    periodStart: formatDate(ins.period?.start),
    periodEnd: formatDate(ins.period?.end),
    claimsHotline: ins.claims_hotline ? phoneView({ number: ins.claims_hotline }) : null,
    // Without a recorded deadline the text still reads as a sentence and sends the reader to the policy.
    noticeHours: hours,
    noticeText: hours === null ? 'the notice period in the policy (not recorded in this plan)' : formatHours(hours),
    noticeExample: hours === null ? null : clockExample(hours),
    hotlineCountsAsNotice: ins.hotline_counts_as_notice === true,
    noticeEmail: ins.notice_email ?? null,
    broker: ref(ins.broker),
    panel: (ins.panel ?? []).map((v) => ({
      name: v.name,
      service: v.service,
      phone: v.phone ? phoneView({ number: v.phone }) : null,
    })),
    // Panel services are free text; the forensic sheets name only the firms that do forensics.
    forensicPanel: (ins.panel ?? [])
      .filter((v) => /forensic|incident response|dfir/i.test(v.service))
      .map((v) => ({ name: v.name, service: v.service, phone: v.phone ? phoneView({ number: v.phone }) : null })),
    consent: (ins.consent_required_for ?? []).map((id) => ({
      id,
      label: tables.consent.find((c) => c.id === id)?.label ?? id,
    })),
    consentIds: ins.consent_required_for ?? [],
    stipulations: ins.stipulations ?? [],
    audience,
  };
}

function continuityView(plan: Plan, ref: (id: string | undefined) => ContactView | null) {
  const c = plan.continuity;
  if (!c) return null;
  const doc = (d: typeof c.bcp) =>
    d ? { document: d.document ?? null, location: d.location ?? null, owner: ref(d.owner) } : null;
  return { bcp: doc(c.bcp), drp: doc(c.drp), requirements: c.requirements ?? [] };
}

interface CallCtx {
  plan: Plan;
  tables: Tables;
  contacts: ContactView[];
  insurance: ReturnType<typeof insuranceView>;
  msp: { name: string | null; hotline: ContactView | null };
}

/**
 * Who is called, in order, for a severity (and optionally an incident type): the MSP hotline, then
 * the severity's roles and groups from the table, then anyone whose own `notify` asks for it.
 */
export function callList(
  ctx: CallCtx,
  severity: Severity,
  incident: IncidentType | null,
  steps?: string[],
): CallEntry[] {
  const sev = ctx.tables.severities.find((s) => s.id === severity);
  const extra = incident ? (ctx.tables.incidents.find((i) => i.id === incident)?.also_call ?? []) : [];
  const seen = new Set<string>();
  const out: CallEntry[] = [];
  const add = (c: ContactView, why: string) => {
    if (seen.has(c.id) || !wantsCall(ctx.plan, c.id, severity, incident)) return;
    seen.add(c.id);
    out.push({
      name: c.display,
      short: c.name,
      why,
      phones: c.phones,
      first: c.primary,
      email: c.email,
      note: c.notes,
    });
  };
  if (ctx.msp.hotline) add(ctx.msp.hotline, `${ctx.msp.name ?? 'MSP'} incident hotline`);
  for (const step of steps ?? [...(sev?.call ?? []), ...extra]) {
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
  // A short list (the first calls) leaves out people who only asked to be told.
  for (const c of steps ? [] : ctx.contacts) {
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
  if (!ins)
    return {
      name: 'No cyber insurance on file',
      short: 'No cyber insurance on file',
      why: 'Insurer',
      phones: [],
      first: null,
      email: null,
      note: 'This client has no cyber insurance policy recorded; skip this call.',
    };
  const notice = ins.noticeText
    ? `Notice due within ${ins.noticeText} of discovery.`
    : 'Check the policy for the notice deadline.';
  return {
    name: `${ins.carrier} claims (policy ${ins.policyNumber})`,
    short: `${ins.carrier} claims`,
    why: 'Insurer',
    phones: ins.claimsHotline ? [ins.claimsHotline] : [],
    first: ins.claimsHotline,
    email: ins.noticeEmail,
    note: notice,
  };
}

/** "incident-commander" becomes "incidentCommander", so templates can write who.incidentCommander. */
export function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface RoleView {
  id: string;
  label: string;
  duty: string;
  holders: ContactView[];
  primary: ContactView | null;
  deputies: ContactView[];
  who: string;
}

/**
 * Each role with its holder and deputies: the other holders first, then the holders of the roles
 * the table names as its backup, so every role has someone to call when the holder is unreachable.
 */
export function roleViews(tables: Tables, contacts: ContactView[]): RoleView[] {
  const holdersOf = (role: string) => contacts.filter((c) => c.roles.includes(role));
  return tables.roles.map((r) => {
    const holders = holdersOf(r.id);
    const primary = holders[0] ?? null;
    const deputies: ContactView[] = [];
    for (const c of [...holders.slice(1), ...(r.backup ?? []).flatMap(holdersOf)]) {
      if (c.id !== primary?.id && !deputies.some((d) => d.id === c.id)) deputies.push(c);
    }
    const who = primary
      ? `${r.label} (${primary.name})`
      : deputies[0]
        ? `${r.label} (${deputies[0].name}, standing in)`
        : `${r.label} (to be named by the incident commander)`;
    return { id: r.id, label: r.label, duty: r.duty, holders, primary, deputies, who };
  });
}

/** Role id (camel case) to "Technical lead (Dev Patel)", for the Who column of every checklist. */
function whoMap(roles: RoleView[]): Record<string, string> {
  return Object.fromEntries(roles.map((r) => [camel(r.id), r.who]));
}

/** Which assets each kind of playbook step acts on; names in priority order, empty when none. */
const SCOPES: Record<string, (a: AssetView) => boolean> = {
  identity: (a) => a.services.some((s) => s === 'domain-controller' || s === 'identity'),
  backup: (a) => a.services.includes('backup'),
  remoteAccess: (a) => a.services.some((s) => s === 'vpn' || s === 'remote-access'),
  firewall: (a) => a.services.includes('firewall') || a.os === 'network-os',
  mail: (a) => a.services.includes('mail'),
  web: (a) => a.services.includes('web'),
  database: (a) => a.services.includes('database'),
  dns: (a) => a.services.includes('dns'),
  sensitive: (a) => a.data.some((d) => d !== 'credentials'),
  critical: (a) => a.criticality === 'critical',
  endpoints: (a) => a.kind === 'workstation',
  servers: (a) => a.kind === 'server' || a.kind === 'application' || a.kind === 'data-store',
  cloud: (a) => a.kind === 'cloud' || a.os === 'saas',
};

export function assetScopes(assets: AssetView[]): Record<string, string[]> {
  return Object.fromEntries(Object.entries(SCOPES).map(([k, test]) => [k, assets.filter(test).map((a) => a.name)]));
}

/** Forensic checklists by camel-case id, with the assets each covers; absent ones are null. */
function sheetMap(checklists: ChecklistView[]): Record<string, ChecklistView | null> {
  return Object.fromEntries(checklists.filter((c) => c.kind === 'forensic').map((c) => [camel(c.id), c]));
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * A worked example of a deadline clock, so nobody does date arithmetic under stress:
 * discovered Monday 09:00, 48 hours later is Wednesday 09:00. Long deadlines are given in days.
 */
export function clockExample(hours: number): string {
  if (hours > 24 * 14)
    return `discovered on the 1st at 09:00, due on day ${1 + Math.floor(hours / 24)} at ${hhmm(9 + (hours % 24))}`;
  const end = 9 + hours;
  const day = WEEKDAYS[Math.floor(end / 24) % 7] ?? 'Monday';
  const week = end >= 24 * 7 ? ' of the following week' : '';
  return `discovered Monday 09:00, due ${day}${week} ${hhmm(end % 24)}`;
}

function hhmm(h: number): string {
  return `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
}

/** A listed regulation with its clock and the client's assets whose data it covers. */
function regulationView(id: string, tables: Tables, assets: AssetView[]) {
  const r = tables.regulations.find((x) => x.id === id);
  if (!r)
    return {
      id,
      label: id,
      authority: 'Confirm with legal counsel',
      deadline: 'Confirm with legal counsel',
      deadlineHours: null,
      deadlineText: null,
      example: null,
      individuals: 'Confirm with legal counsel',
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
    example: clockExample(r.deadline_hours),
    data,
    dataText: data.map((d) => DATA_LABELS[d] ?? d),
    assets: assets.filter((a) => a.data.some((d) => data.includes(d))).map((a) => a.name),
  };
}

/**
 * How a type's critical call list differs from the plain critical one: who is added for this type
 * (law enforcement for extortion, say) and who is left out because they asked only for other types.
 */
export function callDifference(base: CallEntry[], typed: CallEntry[]): { added: CallEntry[]; skipped: string[] } {
  const baseNames = new Set(base.map((e) => e.name));
  const typedNames = new Set(typed.map((e) => e.name));
  return {
    added: typed.filter((e) => !baseNames.has(e.name)),
    skipped: base.filter((e) => !typedNames.has(e.name)).map((e) => e.name),
  };
}

/** The first-15-minutes calls: the MSP, then the critical level's `first` roles, in order. */
function firstCalls(ctx: CallCtx, tables: Tables): CallEntry[] {
  const critical = tables.severities.find((s) => s.id === 'critical');
  return callList(ctx, 'critical', null, critical?.first ?? critical?.call ?? []);
}

/**
 * The order to bring assets back: by priority, but never before the assets they depend on.
 * Each round takes the first asset (in priority order) whose dependencies are all back;
 * a dependency cycle is broken by taking the first remaining asset.
 */
export function restoreOrder(assets: AssetView[], plan: Plan): AssetView[] {
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

/** Role id (camel case) to the person's name alone, for messages sent outside the team. */
function personMap(roles: RoleView[]): Record<string, string> {
  return Object.fromEntries(
    roles.map((r) => [camel(r.id), r.primary?.name ?? r.deputies[0]?.name ?? `our ${r.label.toLowerCase()}`]),
  );
}
