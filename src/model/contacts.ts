import { dialForm, formatDate } from '../shared/index.ts';
import type { DomesticRange } from '../shared/index.ts';
import type { Contact, Phone } from '../plan/index.ts';
import type { Tables } from './tables.ts';
import type { Audience, ContactRef, ContactView, PhoneView } from './types.ts';
import type { GroupView } from './views.ts';

/**
 * A phone number with its dialling form and flags, read in `country` when written without "+". A number that
 * cannot be dialled from abroad (`domestic`, templates/data/domestic-numbers.yaml) keeps its national form.
 */
export function buildPhone(p: Phone, country: string | null, domestic: readonly DomesticRange[]): PhoneView {
  const d = dialForm(p.number, country, domestic);
  return {
    number: d?.shown ?? p.number,
    tel: d?.tel ?? null,
    dial: d?.dial ?? null,
    label: p.label ?? null,
    outOfBand: p.out_of_band === true,
    private: p.private === true,
  };
}

/**
 * One contact as templates see it: labels for its roles and groups, out-of-band numbers first; phones
 * read in the client's `country`, dates written for its `locale`.
 */
export function buildContact(
  c: Contact,
  tables: Tables,
  audience: Audience,
  country: string | null,
  locale: string,
): ContactView {
  // Private numbers are printed for the binder but never published on a site.
  const phones = c.phones
    .filter((p) => audience === 'print' || p.private !== true)
    .map((p) => buildPhone(p, country, tables.domesticNumbers))
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
    verifiedText: formatDate(c.verified, locale),
    notes: c.notes ?? null,
    url: null,
    authority: false,
    confirm: null,
  };
}

/** Looks contacts up by id, for the plan's references to them (owner, broker, hotline ...). */
export function makeContactRef(contacts: ContactView[]): ContactRef {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

/** Each stakeholder group from the table with its contacts. */
export function buildGroups(tables: Tables, contacts: ContactView[]): GroupView[] {
  return tables.groups.map((g) => ({
    ...g,
    consent: g.consent ?? [],
    contacts: contacts.filter((c) => c.groups.includes(g.id)),
  }));
}
