import type { Jurisdiction, Plan } from '../plan/index.ts';

// How a client's plan is written and printed where it is: its locale (dates) and its paper. Each is the
// plan's own choice, else its country's (templates/data/jurisdictions/<cc>.yaml), else the US default.

/** The locale without a country or a jurisdiction file that names one. */
const DEFAULT_LOCALE = 'en-US';

/** The paper without a country or a jurisdiction file that names one. */
const DEFAULT_PAPER = 'letter';

/** The jurisdiction file of the client's country, if there is one. */
function homeJurisdiction(plan: Plan, jurisdictions: Jurisdiction[]): Jurisdiction | undefined {
  const country = plan.client.country?.toUpperCase();
  return country ? jurisdictions.find((j) => j.country === country) : undefined;
}

/** The client's locale (BCP 47): client.locale, else its country's, else en-US. */
export function planLocale(plan: Plan, jurisdictions: Jurisdiction[]): string {
  return plan.client.locale ?? homeJurisdiction(plan, jurisdictions)?.locale ?? DEFAULT_LOCALE;
}

/** The paper the client's PDFs are printed on: plan.paper, else its country's (A4 outside the US and Canada), else letter. */
export function planPaper(plan: Plan, jurisdictions: Jurisdiction[]): 'letter' | 'a4' {
  return plan.plan.paper ?? homeJurisdiction(plan, jurisdictions)?.paper ?? DEFAULT_PAPER;
}
