import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { mspHotline } from '../plan/index.ts';
import type { Contact, Phone, Plan } from '../plan/index.ts';

// Accountable people: checks of the plan alone (no date), so `irplan validate` prints them too.
// The role ids are those of templates/data/roles.yaml.

/** A warning about who answers for the response, before it is tagged with its client. */
export interface PeopleWarning {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

/** Roles a named person must hold: a desk or a team cannot decide, approve spending or be held to account. */
const PERSON_ROLES = ['incident-commander', 'deputy', 'executive-sponsor'];

/** Roles that leave no time for running communications as well. */
const BUSY_ROLES = ['incident-commander', 'scribe'];

/** How the roles read in a sentence. */
const ROLE_WORDS: Record<string, string> = {
  'incident-commander': 'incident commander',
  deputy: 'deputy incident commander',
  'executive-sponsor': 'executive sponsor',
  scribe: 'scribe',
  'communications-lead': 'communications lead',
};

/** A phone label that says the number answers out of hours (free text, so a word match). */
const OUT_OF_HOURS_LABEL =
  /\b(mobile|cell|cellphone|out[- ]of[- ]hours|after[- ]hours|24 ?x ?7|24\/7|on[- ]call|emergency|home)\b/i;

/** An insurer's notice window this short leaves no time to wait for counsel's office to open. */
const SHORT_NOTICE_HOURS = 72;

/** The hints, by code: check.ts adds them to every finding's hint table. */
export const PEOPLE_HINTS: Record<string, string> = {
  IRP_NO_DEPUTY: 'give a second person roles: [deputy], to run the response when the commander cannot be reached',
  IRP_ROLE_NOT_PERSON:
    'give this role to a named person (kind: person, the default); the team or desk can stay on the call list',
  IRP_ROLES_OVERLOADED:
    'give communications-lead to someone else, or name another person deputy (roles: [deputy]) to take a role over',
  IRP_COUNSEL_NO_OOH:
    "add counsel's mobile or after-hours number with out_of_band: true (or a label such as mobile or out of hours)",
  IRP_FIRST_TOLL_FREE: 'add a direct number with out_of_band: true (dialled first) and keep the toll-free one after it',
  IRP_FIRST_FOREIGN:
    "add a number in the client's country with out_of_band: true (dialled first); for the MSP, a line in msp.hotlines",
  IRP_MSP_NO_HOTLINE:
    'set client.country and give that country a line in msp.hotlines, or set msp.hotline for clients without one',
};

/** A contact with its index in the merged plan, for paths. */
interface Held {
  c: Contact;
  i: number;
}

/** Runs the accountable-people checks on one plan. */
export function checkPeople(plan: Plan): PeopleWarning[] {
  return [
    ...checkDeputy(plan),
    ...checkPersonRoles(plan),
    ...checkOverload(plan),
    ...checkCounsel(plan),
    ...checkMspHotline(plan),
    ...checkFirstNumbers(plan),
  ];
}

function holders(plan: Plan, role: string): Held[] {
  return plan.contacts.map((c, i) => ({ c, i })).filter(({ c }) => c.roles?.includes(role));
}

/** Where a contact's role is written: the offending value itself. */
function rolePath({ c, i }: Held, role: string): string {
  return `contacts/${i}/roles/${c.roles?.indexOf(role) ?? 0}`;
}

function warning(code: string, subject: string, message: string, path: string): PeopleWarning {
  return { code, subject, date: null, message, path };
}

/** A commander with nobody else named deputy: no one takes over at 3 a.m. (no commander is check.ts's finding). */
function checkDeputy(plan: Plan): PeopleWarning[] {
  const commander = holders(plan, 'incident-commander')[0];
  if (!commander) return [];
  if (holders(plan, 'deputy').some(({ c }) => c.id !== commander.c.id)) return [];
  return [
    warning(
      'IRP_NO_DEPUTY',
      'deputy incident commander',
      `no one is deputy incident commander: nobody stands in when ${commander.c.name} cannot be reached`,
      rolePath(commander, 'incident-commander'),
    ),
  ];
}

/** A role that needs a person, held only by contacts marked as a team or a desk. */
function checkPersonRoles(plan: Plan): PeopleWarning[] {
  return PERSON_ROLES.flatMap((role) => {
    const held = holders(plan, role);
    if (held.length === 0 || held.some(({ c }) => (c.kind ?? 'person') === 'person')) return [];
    const first = held[0] as Held;
    const names = held.map(({ c }) => `${c.name} (a ${c.kind})`).join(', ');
    return [
      warning(
        'IRP_ROLE_NOT_PERSON',
        first.c.name,
        `the ${ROLE_WORDS[role]} role is held only by ${names}: a named person must decide and answer for it`,
        rolePath(first, role),
      ),
    ];
  });
}

/** One person who is commander or scribe and also runs communications, with no other deputy to hand a role to. */
function checkOverload(plan: Plan): PeopleWarning[] {
  return holders(plan, 'communications-lead').flatMap((held) => {
    const busy = BUSY_ROLES.filter((r) => held.c.roles?.includes(r));
    if (busy.length === 0) return [];
    if (holders(plan, 'deputy').some(({ c }) => c.id !== held.c.id)) return [];
    const roles = [...busy, 'communications-lead'].map((r) => ROLE_WORDS[r]).join(' and ');
    return [
      warning(
        'IRP_ROLES_OVERLOADED',
        held.c.name,
        `${held.c.name} is ${roles}, and no one else is deputy incident commander to take one of these over`,
        rolePath(held, 'communications-lead'),
      ),
    ];
  });
}

/** True when a number answers out of hours: marked out of band, or labelled so. */
function outOfHours(p: Phone): boolean {
  return p.out_of_band === true || OUT_OF_HOURS_LABEL.test(p.label ?? '');
}

/** Legal counsel reachable only in office hours while the insurer's notice window is 72 hours or less. */
function checkCounsel(plan: Plan): PeopleWarning[] {
  const hours = plan.insurance?.notice_within_hours;
  if (hours === undefined || hours > SHORT_NOTICE_HOURS) return [];
  const counsel = plan.contacts
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.groups?.includes('legal-counsel') || c.roles?.includes('legal'));
  if (counsel.some(({ c }) => c.phones.some(outOfHours))) return [];
  return counsel.map(({ c, i }) =>
    warning(
      'IRP_COUNSEL_NO_OOH',
      c.name,
      `${c.name} (legal counsel) has no out-of-hours number, and notice to ${plan.insurance?.carrier} is due within ${hours} hours`,
      `contacts/${i}/phones`,
    ),
  );
}

/** Per-country hotlines that name none for this client, with no general hotline behind them. */
function checkMspHotline(plan: Plan): PeopleWarning[] {
  const lines = plan.msp?.hotlines ?? {};
  if (Object.keys(lines).length === 0 || mspHotline(plan)) return [];
  const country = plan.client.country;
  const why = country ? `names no hotline for ${country}` : 'cannot be used: the client has no client.country';
  return [
    warning(
      'IRP_MSP_NO_HOTLINE',
      'MSP hotline',
      `msp.hotlines ${why}, and there is no msp.hotline: the call lists start without the MSP`,
      country ? 'msp/hotlines' : 'client',
    ),
  ];
}

/**
 * The number dialled first for each contact (out-of-band numbers come first, in the binder with
 * private numbers and on the site without) must be a direct one in the client's country. The MSP's
 * hotlines for other countries are never called for this client and are left alone.
 */
function checkFirstNumbers(plan: Plan): PeopleWarning[] {
  const country = plan.client.country;
  const home = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const chosen = mspHotline(plan);
  const others = new Set([...Object.values(plan.msp?.hotlines ?? {}), plan.msp?.hotline].filter((id) => id !== chosen));
  return plan.contacts.flatMap((c, i) => {
    if (others.has(c.id)) return [];
    return firstPhones(c.phones).flatMap((j) => {
      const number = c.phones[j]?.number ?? '';
      const path = `contacts/${i}/phones/${j}/number`;
      const parsed = parsePhoneNumberFromString(number, home ? { defaultCountry: home } : undefined);
      if (!parsed) return [];
      if (parsed.getType() === 'TOLL_FREE')
        return [
          warning(
            'IRP_FIRST_TOLL_FREE',
            c.name,
            `${c.name}: the first number dialled, "${number}", is toll-free: it may reach a queue or menu, and may not be reachable from abroad or from every mobile`,
            path,
          ),
        ];
      if (!country || !parsed.country || parsed.country === country) return [];
      return [
        warning(
          'IRP_FIRST_FOREIGN',
          c.name,
          `${c.name}: the first number dialled, "${number}", is a ${parsed.country} number; the client's country is ${country}`,
          path,
        ),
      ];
    });
  });
}

/** Indexes of the number shown first in the binder (private ones included) and on the site (without). */
function firstPhones(phones: Phone[]): number[] {
  const first = (shown: (p: Phone) => boolean): number | undefined => {
    const idx = phones.map((p, j) => ({ p, j })).filter(({ p }) => shown(p));
    return (idx.find(({ p }) => p.out_of_band) ?? idx[0])?.j;
  };
  const out = [first(() => true), first((p) => p.private !== true)];
  return [...new Set(out.filter((j): j is number => j !== undefined))];
}
