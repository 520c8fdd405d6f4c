import { addMonths, formatDate } from '../shared/index.ts';
import { mspHotline } from '../plan/index.ts';
import type { Plan } from '../plan/index.ts';
import { labelData } from './names.ts';
import type { Tables } from './tables.ts';
import type { ContactRef, ContactView } from './types.ts';
import type { Words } from './words.ts';
import type {
  ClientView,
  ContinuityDocView,
  ContinuityView,
  DataFlowView,
  ExerciseView,
  MspView,
  PlanView,
} from './views.ts';

/** The client's name, industry, time zone, locale (see planLocale) and locations. */
export function buildClient(plan: Plan, locale: string): ClientView {
  return {
    name: plan.client.name,
    industry: plan.client.industry ?? null,
    timezone: plan.client.timezone ?? 'UTC',
    locale,
    locations: (plan.client.locations ?? []).map((l) => ({ name: l.name, address: l.address ?? null })),
  };
}

/** The MSP whose hotline (for the client's country, if given per country) is called first; colour and logo. */
export function buildMsp(plan: Plan, ref: ContactRef): MspView {
  return {
    name: plan.msp?.name ?? null,
    hotline: ref(mspHotline(plan)),
    color: plan.msp?.color ?? '#1f4e79',
    logo: plan.msp?.logo ?? null,
  };
}

/** The plan's own facts: version, owner, classification, paper (see planPaper), review cadence and history. */
export function buildPlanView(plan: Plan, ref: ContactRef, words: Words, paper: PlanView['paper']): PlanView {
  const { locale } = words;
  const p = plan.plan;
  const every = p.review?.every_months ?? 12;
  const last = p.review?.last ?? p.effective ?? null;
  const due = last ? addMonths(last, every) : null;
  return {
    version: p.version,
    effective: p.effective ?? null,
    effectiveText: formatDate(p.effective, locale),
    owner: ref(p.owner),
    approver: ref(p.approver),
    ownerName: ref(p.owner)?.name ?? words.text('plan.owner'),
    classification: p.classification,
    paper,
    reviewLast: last,
    reviewLastText: formatDate(last ?? undefined, locale),
    reviewEvery: every,
    reviewDue: due,
    reviewDueText: formatDate(due ?? undefined, locale),
    distribution: (p.distribution ?? []).map((id) => ref(id)).filter((c): c is ContactView => c !== null),
    history: (p.history ?? []).map((h) => ({
      version: h.version,
      date: h.date,
      dateText: formatDate(h.date, locale),
      summary: h.summary ?? null,
      approver: h.approver ?? null,
    })),
  };
}

/** Where the business continuity and disaster recovery plans are; null when none is recorded. */
export function buildContinuity(plan: Plan, ref: ContactRef): ContinuityView | null {
  const c = plan.continuity;
  if (!c) return null;
  const doc = (d: typeof c.bcp): ContinuityDocView | null =>
    d ? { document: d.document ?? null, location: d.location ?? null, owner: ref(d.owner) } : null;
  return { bcp: doc(c.bcp), drp: doc(c.drp), requirements: c.requirements ?? [] };
}

/** The data flows, with data kinds in words and ends named by asset where they are one. */
export function buildDataFlows(plan: Plan, tables: Tables): DataFlowView[] {
  return (plan.data_flows ?? []).map((f) => ({
    id: f.id,
    data: f.data ?? [],
    dataText: (f.data ?? []).map((d) => labelData(tables, d)),
    from: nameEndpoint(f.from, plan),
    to: nameEndpoint(f.to, plan),
    via: f.via ?? null,
  }));
}

function nameEndpoint(end: string, plan: Plan): { name: string; isAsset: boolean } {
  const asset = plan.assets?.find((a) => a.id === end);
  return asset ? { name: asset.name, isAsset: true } : { name: end, isAsset: false };
}

/** The exercises held, with the scenario's label and the participants' names. */
export function buildExercises(plan: Plan, tables: Tables, ref: ContactRef, locale: string): ExerciseView[] {
  return (plan.exercises ?? []).map((x) => ({
    date: x.date,
    dateText: formatDate(x.date, locale),
    scenario: x.scenario,
    scenarioLabel: tables.incidents.find((i) => i.id === x.scenario)?.label ?? x.scenario,
    participants: (x.participants ?? []).map((p) => ref(p)?.name ?? p),
    notes: x.notes ?? null,
  }));
}
