import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Jurisdiction, JurisdictionRule, Plan } from '../plan/index.ts';
import { closest } from '../shared/index.ts';
import { toolTables } from './tables.ts';

// Jurisdiction warnings of the plan alone (no date), so `irplan validate` prints them too: rules listed for the
// wrong country or without the data they govern, places irplan cannot derive laws for, numbers of no country.

/** A jurisdiction warning, before it is tagged with its client. */
interface JurisdictionWarning {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

/** The hints, by code: check.ts adds them to every finding's hint table. */
export const JURISDICTION_HINTS: Record<string, string> = {
  IRP_NO_COUNTRY:
    'set client.country (ISO 3166-1 alpha-2, e.g. US, GB, AU) so the plan derives its laws, authorities, locale and paper',
  IRP_NO_REGION:
    'set client.region (e.g. US-TX) and region: on each site in another state: state breach laws differ in deadline and in whom to notify',
  IRP_GDPR_IN_GB: 'list uk-gdpr instead: since leaving the EU the United Kingdom has its own UK GDPR and the ICO',
  IRP_RULE_WITHOUT_DATA:
    'record the data on the assets that hold it (data: [...]), or remove the rule from regulations: if it does not apply',
  IRP_RULE_UNKNOWN:
    'use a rule id from templates/data/jurisdictions/, or define the rule under jurisdiction.rules; the plan prints it as "confirm with counsel"',
  IRP_EXCLUSION_UNUSED: 'remove the exclusion: the rule is not derived for this client, so there is nothing to exclude',
  IRP_PHONE_COUNTRY:
    'check the country code and the digits; a number that is not valid for its country may be mistyped',
};

function jurisdictions(): Jurisdiction[] {
  return toolTables().jurisdictions;
}

/** Warnings about where the client is, the rules it lists or excludes, and numbers of no country. */
export function checkJurisdiction(plan: Plan): JurisdictionWarning[] {
  return [...checkPlaces(plan), ...checkListed(plan), ...checkExclusions(plan), ...checkNumbers(plan)];
}

function warn(code: string, subject: string, message: string, path: string): JurisdictionWarning {
  return { code, subject, date: null, message, path };
}

function checkPlaces(plan: Plan): JurisdictionWarning[] {
  const c = plan.client;
  if (!c.country)
    return [warn('IRP_NO_COUNTRY', 'jurisdiction', 'no client.country: no laws or authorities are derived', 'client')];
  const out: JurisdictionWarning[] = [];
  const hasRegions = regionsOf(c.country).length > 0;
  if (hasRegions && !c.region)
    out.push(
      warn(
        'IRP_NO_REGION',
        'jurisdiction',
        `${c.country} client without client.region: its state or province laws are not derived`,
        'client',
      ),
    );
  for (const [i, loc] of (c.locations ?? []).entries())
    if ((loc.country ?? c.country) !== c.country && !loc.region && regionsOf(loc.country).length > 0)
      out.push(
        warn('IRP_NO_REGION', loc.name, `site ${loc.name} in ${loc.country} without region:`, `client/locations/${i}`),
      );
  return out;
}

/** The regions of a country that have laws of their own (a region with only an authority does not count). */
function regionsOf(country: string | undefined): unknown[] {
  return (jurisdictions().find((j) => j.country === country)?.regions ?? []).filter((r) => (r.rules ?? []).length > 0);
}

/** Every rule irplan and the plan define, by id (the plan's own last, as they replace built-in ones). */
function rulesById(plan: Plan): Map<string, JurisdictionRule> {
  const all = jurisdictions().flatMap((j) => [...(j.rules ?? []), ...(j.regions ?? []).flatMap((g) => g.rules ?? [])]);
  return new Map([...all, ...(plan.jurisdiction?.rules ?? [])].map((r) => [r.id, r]));
}

function checkListed(plan: Plan): JurisdictionWarning[] {
  const rules = rulesById(plan);
  const held = new Set((plan.assets ?? []).flatMap((a) => a.data ?? []));
  for (const f of plan.data_flows ?? []) for (const d of f.data ?? []) held.add(d);
  return (plan.regulations ?? []).flatMap((id, i) => {
    const path = `regulations/${i}`;
    const rule = rules.get(id);
    if (!rule) {
      const near = closest(id, rules.keys());
      return [
        warn('IRP_RULE_UNKNOWN', id, `regulation "${id}" is not known${near ? ` (did you mean ${near}?)` : ''}`, path),
      ];
    }
    if (id === 'gdpr' && plan.client.country === 'GB')
      return [warn('IRP_GDPR_IN_GB', id, 'gdpr is listed for a client in the United Kingdom', path)];
    // A listed rule that governs kinds of data the plan records nowhere (hipaa without health records).
    const kinds = rule.applies_when?.data ?? [];
    if (kinds.length > 0 && !kinds.some((d) => held.has(d)))
      return [
        warn('IRP_RULE_WITHOUT_DATA', id, `${id} is listed but no asset or data flow holds ${kinds.join(', ')}`, path),
      ];
    return [];
  });
}

function checkExclusions(plan: Plan): JurisdictionWarning[] {
  const rules = rulesById(plan);
  return (plan.regulation_exclusions ?? []).flatMap((x, i) =>
    rules.has(x.id)
      ? []
      : [
          warn(
            'IRP_EXCLUSION_UNUSED',
            x.id,
            `regulation_exclusions names "${x.id}", which no data file or plan defines`,
            `regulation_exclusions/${i}/id`,
          ),
        ],
  );
}

/** An international number that can be dialled but is no valid number of its country may be mistyped. */
function checkNumbers(plan: Plan): JurisdictionWarning[] {
  return plan.contacts.flatMap((c, i) =>
    c.phones.flatMap((p, j) => {
      if (!p.number.trim().startsWith('+')) return [];
      const parsed = parsePhoneNumberFromString(p.number);
      if (!parsed || parsed.isValid()) return [];
      const where = parsed.country ?? `country code +${parsed.countryCallingCode}`;
      return [
        warn(
          'IRP_PHONE_COUNTRY',
          c.name,
          `${c.name}: "${p.number}" is not a valid number of ${where}`,
          `contacts/${i}/phones/${j}/number`,
        ),
      ];
    }),
  );
}
