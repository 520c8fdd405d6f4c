import { formatDate, formatHours } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { describeClock } from './clock.ts';
import { buildPhone } from './contacts.ts';
import type { Tables } from './tables.ts';
import type { Audience, ContactRef, InsuranceView, PanelFirmView } from './types.ts';

/** The cyber insurance policy with its notice clock and consents; null when the client has none. */
export function buildInsurance(plan: Plan, tables: Tables, ref: ContactRef, audience: Audience): InsuranceView | null {
  const ins = plan.insurance;
  if (!ins) return null;
  const hours = ins.notice_within_hours ?? null;
  return {
    carrier: ins.carrier,
    policyNumber: ins.policy_number,
    periodStart: formatDate(ins.period?.start),
    periodEnd: formatDate(ins.period?.end),
    claimsHotline: ins.claims_hotline ? buildPhone({ number: ins.claims_hotline }) : null,
    // Without a recorded deadline the text still reads as a sentence and sends the reader to the policy.
    noticeHours: hours,
    noticeText: hours === null ? 'the notice period in the policy (not recorded in this plan)' : formatHours(hours),
    noticeExample: hours === null ? null : describeClock(hours),
    hotlineCountsAsNotice: ins.hotline_counts_as_notice === true,
    noticeEmail: ins.notice_email ?? null,
    broker: ref(ins.broker),
    panel: (ins.panel ?? []).map(buildPanelFirm),
    // Panel services are free text; the forensic sheets name only the firms that do forensics.
    forensicPanel: (ins.panel ?? [])
      .filter((v) => /forensic|incident response|dfir/i.test(v.service))
      .map(buildPanelFirm),
    consent: (ins.consent_required_for ?? []).map((id) => ({
      id,
      label: tables.consent.find((c) => c.id === id)?.label ?? id,
    })),
    consentIds: ins.consent_required_for ?? [],
    stipulations: ins.stipulations ?? [],
    audience,
  };
}

function buildPanelFirm(v: { name: string; service: string; phone?: string }): PanelFirmView {
  return { name: v.name, service: v.service, phone: v.phone ? buildPhone({ number: v.phone }) : null };
}
