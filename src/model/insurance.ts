import { formatDate, formatHours } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { describeClock } from './clock.ts';
import { buildPhone } from './contacts.ts';
import { mentions } from './steps.ts';
import type { Tables } from './tables.ts';
import type { Audience, ContactRef, RoleView } from './types.ts';
import type { InsuranceView, PanelFirmView } from './views.ts';
import type { Words } from './words.ts';

type PanelEntry = NonNullable<NonNullable<Plan['insurance']>['panel']>[number];

/** The cyber insurance policy with its notice clock and consents, in the client's words; null without one. */
export function buildInsurance(
  plan: Plan,
  tables: Tables,
  ref: ContactRef,
  audience: Audience,
  roles: RoleView[],
  words: Words,
): InsuranceView | null {
  const ins = plan.insurance;
  if (!ins) return null;
  const hours = ins.notice_within_hours ?? null;
  const broker = ref(ins.broker);
  const country = plan.client.country ?? null;
  return {
    carrier: ins.carrier,
    policyNumber: ins.policy_number,
    periodStart: formatDate(ins.period?.start, words.locale),
    periodEnd: formatDate(ins.period?.end, words.locale),
    claimsHotline: ins.claims_hotline
      ? buildPhone({ number: ins.claims_hotline }, country, tables.domesticNumbers)
      : null,
    // Without a recorded deadline the text still reads as a sentence and sends the reader to the policy.
    noticeHours: hours,
    noticeText: hours === null ? words.text('insurance.notice_unrecorded') : formatHours(hours, words),
    noticeExample: hours === null ? null : describeClock(hours, words),
    hotlineCountsAsNotice: ins.hotline_counts_as_notice === true,
    noticeEmail: ins.notice_email ?? null,
    broker,
    panel: (ins.panel ?? []).map((v) => buildPanelFirm(v, country, tables)),
    // Panel services are free text; templates/data/panel-services.yaml says which words mean what.
    forensicPanel: panelFor(ins.panel ?? [], tables, 'forensics', country),
    counselPanel: panelFor(ins.panel ?? [], tables, 'counsel', country),
    negotiatorPanel: panelFor(ins.panel ?? [], tables, 'negotiation', country),
    noticeBy: describeNoticeBy(roles, broker?.name ?? null, words),
    consent: (ins.consent_required_for ?? []).map((id) => ({
      id,
      label: tables.consent.find((c) => c.id === id)?.label ?? id,
    })),
    consentIds: ins.consent_required_for ?? [],
    stipulations: ins.stipulations ?? [],
    audience,
  };
}

/** The panel firms whose free-text service reads as the given panel service (counsel, forensics). */
function panelFor(panel: PanelEntry[], tables: Tables, service: string, country: string | null): PanelFirmView[] {
  const words = tables.panelServices.find((s) => s.id === service)?.words ?? [];
  return panel.filter((v) => mentions(v.service, words)).map((v) => buildPanelFirm(v, country, tables));
}

/**
 * Formal notice is the insured's act: its executive sponsor gives it, or the broker on its behalf.
 * The MSP's SOC tracks the clock but never gives notice, so it is never named here.
 */
function describeNoticeBy(roles: RoleView[], broker: string | null, words: Words): string {
  const sponsor = roles.find((r) => r.id === 'executive-sponsor')?.who ?? words.text('insurance.sponsor');
  return broker ? words.text('insurance.notice_by_broker', { sponsor, broker }) : sponsor;
}

function buildPanelFirm(v: PanelEntry, country: string | null, tables: Tables): PanelFirmView {
  const phone = v.phone ? buildPhone({ number: v.phone }, country, tables.domesticNumbers) : null;
  return { name: v.name, service: v.service, phone };
}
