import type { Tables } from './tables.ts';
import type { Audience, CallEntry, ContactView, PhoneView } from './types.ts';

// The plan-level views of the model (client, MSP, insurance, plan, continuity, regulations, exercises):
// split from types.ts, which holds the people, asset, call and checklist views they build on.

export interface ClientView {
  name: string;
  industry: string | null;
  timezone: string;
  /** BCP 47: what dates are written for (client.locale, else the country's, else en-US). */
  locale: string;
  locations: { name: string; address: string | null }[];
}

export type GroupView = Tables['groups'][number] & { contacts: ContactView[]; consent: string[] };

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
  /** Panel firms for breach counsel: called before the forensic firm, which counsel engages. */
  counselPanel: PanelFirmView[];
  /** Panel firms that negotiate with extortionists: engaged by counsel, with the carrier's consent. */
  negotiatorPanel: PanelFirmView[];
  /** Who gives formal notice: the insured's executive sponsor, or the broker; never the MSP's SOC. */
  noticeBy: string;
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
  /** Who approves a release (plan.approver), printed on the approval page; null when the plan names nobody. */
  approver: ContactView | null;
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
  /** The jurisdiction the rule belongs to (a state, a country); null for a rule irplan does not know. */
  place: string | null;
  /** Why it binds the client: where, which data, or listed in the plan. */
  why: string[];
  /** To whom notice goes, in words. */
  authority: string;
  authorityName: string | null;
  authorityPhone: PhoneView | null;
  authorityUrl: string | null;
  /** What the authority's data could not confirm (its `confirm:`). */
  authorityConfirm: string | null;
  deadline: string;
  individuals: string;
  deadlineHours: number | null;
  deadlineText: string | null;
  example: string | null;
  clock: string | null;
  threshold: string | null;
  contents: string[];
  register: string | null;
  source: string;
  /** What is uncertain: printed with "confirm with counsel". */
  confirm: string | null;
  /** An event that alone brings the duty (ransom-payment). */
  trigger: string | null;
  data: string[];
  dataText: string[];
  assets: string[];
}

/** A derived rule the plan excludes, and the reason it gives. */
export interface ExcludedRuleView {
  id: string;
  label: string;
  reason: string;
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
