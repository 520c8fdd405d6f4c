import type { IncidentType, Plan, Severity } from '../plan/index.ts';
import { mentions } from './steps.ts';
import type { Tables } from './tables.ts';
import type { CallEntry, ContactView } from './types.ts';
import type { Words } from './words.ts';
import type { IncidentView, InsuranceView, MspView, PanelFirmView, SeverityView } from './views.ts';

/** What a call list is drawn from. */
interface CallCtx {
  plan: Plan;
  tables: Tables;
  contacts: ContactView[];
  insurance: InsuranceView | null;
  msp: Pick<MspView, 'name' | 'hotline'>;
  /** The client's catalogue: why each entry is called and the notes beside it. */
  words: Words;
}

/** Each severity level from the table, with its call list. */
export function buildSeverities(ctx: CallCtx): SeverityView[] {
  return ctx.tables.severities.map((s) => ({ ...s, callList: buildCallList(ctx, s.id as Severity, null) }));
}

/** Each incident type with its call list per severity, and how its critical list differs from the plain one. */
export function buildIncidents(ctx: CallCtx, severities: SeverityView[]): IncidentView[] {
  return ctx.tables.incidents.map((i) => ({
    ...i,
    callLists: ctx.tables.severities.map((s) => ({
      severity: s.id,
      label: s.label,
      entries: buildCallList(ctx, s.id as Severity, i.id as IncidentType),
    })),
    ...diffCalls(severities[0]?.callList ?? [], buildCallList(ctx, 'critical', i.id as IncidentType)),
  }));
}

/**
 * Who is called, in order, for a severity (and optionally an incident type): the MSP hotline, then
 * the severity's roles, groups and firms from the table (`insurer`, `counsel-panel` and
 * `forensic-firm` name the insurer and its panel firms), then anyone whose own `notify` asks for it.
 */
function buildCallList(ctx: CallCtx, severity: Severity, incident: IncidentType | null, steps?: string[]): CallEntry[] {
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
      url: c.url,
      confirm: c.confirm,
    });
  };
  const say = ctx.words.text;
  if (ctx.msp.hotline) add(ctx.msp.hotline, say('calls.msp_hotline', { msp: ctx.msp.name ?? say('calls.msp') }));
  for (const step of steps ?? [...(sev?.call ?? []), ...extra]) {
    if (step === 'insurer') {
      out.push(buildInsurerEntry(ctx.insurance, say));
      continue;
    }
    if (step === 'counsel-panel' || step === 'forensic-firm') {
      for (const e of step === 'counsel-panel' ? counselFirms(ctx) : forensicFirms(ctx, add)) {
        if (!out.some((o) => o.name === e.name)) out.push(e);
      }
      continue;
    }
    const role = ctx.tables.roles.find((r) => r.id === step);
    const group = ctx.tables.groups.find((g) => g.id === step);
    const holders = ctx.contacts.filter((c) => (role ? c.roles : group ? c.groups : []).includes(step));
    // The short list names one holder per role; the others come with the full call-out.
    for (const c of steps && role ? holders.slice(0, 1) : holders) add(c, role?.label ?? group?.label ?? step);
  }
  // A short list (the first calls) leaves out people who only asked to be told.
  for (const c of steps ? [] : ctx.contacts) {
    const n = ctx.plan.contacts.find((x) => x.id === c.id)?.notify;
    if (n?.severities?.includes(severity))
      add(c, c.roleLabels[0] ?? c.groupLabels[0] ?? say('calls.asked_to_be_notified'));
  }
  return out;
}

/** The insurer's panel counsel: called before the forensic firm, which counsel engages. */
function counselFirms(ctx: CallCtx): CallEntry[] {
  const ins = ctx.insurance;
  if (!ins) return [];
  const say = ctx.words.text;
  return ins.counselPanel.map((f) =>
    firmEntry(f, say('calls.counsel', { carrier: ins.carrier }), say('calls.counsel_note')),
  );
}

/**
 * The forensic firm: the insurer's forensic panel firms, and technology vendors whose name says
 * forensics (they are added through `add`, which keeps each contact once and honours `notify`).
 */
function forensicFirms(ctx: CallCtx, add: (c: ContactView, why: string) => void): CallEntry[] {
  const words = ctx.tables.panelServices.find((s) => s.id === 'forensics')?.words ?? [];
  const say = ctx.words.text;
  for (const c of ctx.contacts) {
    if (c.groups.includes('vendor') && mentions(c.display, words)) add(c, say('calls.forensic'));
  }
  const ins = ctx.insurance;
  if (!ins) return [];
  return ins.forensicPanel.map((f) =>
    firmEntry(f, say('calls.forensic_panel', { carrier: ins.carrier }), say('calls.forensic_note')),
  );
}

function firmEntry(f: PanelFirmView, why: string, note: string): CallEntry {
  return {
    name: `${f.name} (${f.service})`,
    short: f.name,
    why,
    phones: f.phone ? [f.phone] : [],
    first: f.phone,
    email: null,
    note,
    url: null,
    confirm: null,
  };
}

function wantsCall(plan: Plan, id: string, severity: Severity, incident: IncidentType | null): boolean {
  const n = plan.contacts.find((c) => c.id === id)?.notify;
  if (!n) return true;
  if (n.severities && !n.severities.includes(severity)) return false;
  return !(incident && n.incident_types?.length && !n.incident_types.includes(incident));
}

function buildInsurerEntry(ins: InsuranceView | null, say: Words['text']): CallEntry {
  if (!ins)
    return {
      name: say('calls.no_insurance'),
      short: say('calls.no_insurance'),
      why: say('calls.insurer'),
      phones: [],
      first: null,
      email: null,
      note: say('calls.no_insurance_note'),
      url: null,
      confirm: null,
    };
  const notice = ins.noticeText ? say('calls.notice_due', { notice: ins.noticeText }) : say('calls.notice_check');
  return {
    name: say('calls.insurer_claims', { carrier: ins.carrier, policy: ins.policyNumber }),
    short: say('calls.insurer_claims_short', { carrier: ins.carrier }),
    why: say('calls.insurer'),
    phones: ins.claimsHotline ? [ins.claimsHotline] : [],
    first: ins.claimsHotline,
    email: ins.noticeEmail,
    note: notice,
    url: null,
    confirm: null,
  };
}

/**
 * How a type's critical call list differs from the plain critical one: who is added for this type
 * (law enforcement for extortion, say) and who is left out because they asked only for other types.
 */
export function diffCalls(base: CallEntry[], typed: CallEntry[]): { added: CallEntry[]; skipped: string[] } {
  const baseNames = new Set(base.map((e) => e.name));
  const typedNames = new Set(typed.map((e) => e.name));
  return {
    added: typed.filter((e) => !baseNames.has(e.name)),
    skipped: base.filter((e) => !typedNames.has(e.name)).map((e) => e.name),
  };
}

/** The first-15-minutes calls: the MSP, then the critical level's `first` roles, in order. */
export function listFirstCalls(ctx: CallCtx): CallEntry[] {
  const critical = ctx.tables.severities.find((s) => s.id === 'critical');
  return buildCallList(ctx, 'critical', null, critical?.first ?? critical?.call ?? []);
}
