import type { Severity } from '../plan/index.ts';
import type { Tables } from './tables.ts';

// The model is what templates and the Astro site read: every optional value is present as null or []
// so templates in strict mode can test it. Field names are the templates' vocabulary; keep them.

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

/** Looks a contact up by id; null for no id or an unknown one. */
export type ContactRef = (id: string | undefined) => ContactView | null;

export interface RoleView {
  id: string;
  label: string;
  duty: string;
  holders: ContactView[];
  primary: ContactView | null;
  deputies: ContactView[];
  who: string;
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

export interface ClientView {
  name: string;
  industry: string | null;
  timezone: string;
  locations: { name: string; address: string | null }[];
}

export type GroupView = Tables['groups'][number] & { contacts: ContactView[] };

export interface MspView {
  name: string | null;
  hotline: ContactView | null;
  color: string;
  logo: string | null;
}

export interface PanelFirmView {
  name: string;
  service: string;
  phone: PhoneView | null;
}

export interface InsuranceView {
  carrier: string;
  policyNumber: string;
  periodStart: string | null;
  periodEnd: string | null;
  claimsHotline: PhoneView | null;
  noticeHours: number | null;
  noticeText: string;
  noticeExample: string | null;
  hotlineCountsAsNotice: boolean;
  noticeEmail: string | null;
  broker: ContactView | null;
  panel: PanelFirmView[];
  forensicPanel: PanelFirmView[];
  consent: { id: string; label: string }[];
  consentIds: string[];
  stipulations: string[];
  audience: Audience;
}

export interface PlanView {
  version: string;
  effective: string | null;
  effectiveText: string | null;
  owner: ContactView | null;
  ownerName: string;
  classification: string;
  paper: 'letter' | 'a4';
  reviewLast: string | null;
  reviewLastText: string | null;
  reviewEvery: number;
  reviewDue: string | null;
  reviewDueText: string | null;
  distribution: ContactView[];
  history: {
    version: string;
    date: string;
    dateText: string | null;
    summary: string | null;
    approver: string | null;
  }[];
}

export interface ContinuityDocView {
  document: string | null;
  location: string | null;
  owner: ContactView | null;
}

export interface ContinuityView {
  bcp: ContinuityDocView | null;
  drp: ContinuityDocView | null;
  requirements: string[];
}

export interface RegulationView {
  id: string;
  label: string;
  authority: string;
  deadline: string;
  individuals: string;
  deadlineHours: number | null;
  deadlineText: string | null;
  example: string | null;
  data: string[];
  dataText: string[];
  assets: string[];
}

export type SeverityView = Tables['severities'][number] & { callList: CallEntry[] };

export type IncidentView = Tables['incidents'][number] & {
  callLists: { severity: string; label: string; entries: CallEntry[] }[];
  added: CallEntry[];
  skipped: string[];
};

export interface DataFlowView {
  id: string;
  data: string[];
  dataText: string[];
  from: { name: string; isAsset: boolean };
  to: { name: string; isAsset: boolean };
  via: string | null;
}

export interface ExerciseView {
  date: string;
  dateText: string | null;
  scenario: string;
  scenarioLabel: string;
  participants: string[];
  notes: string | null;
}
