import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import type { PeopleRule, Tables } from '../model/index.ts';
import { mspHotline } from '../plan/index.ts';
import type { Contact, Phone, Plan } from '../plan/index.ts';
import { peopleRule, toolTables } from './tables.ts';

// Accountable people: checks of the plan alone (no date), so `irplan validate` prints them too.
// Which roles, groups and limits each warning looks at is templates/data/people-rules.yaml; the
// roles are named by their labels in roles.yaml.

/** A warning about who answers for the response, before it is tagged with its client. */
export interface PeopleWarning {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

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

/**
 * A contact of a public authority: it sits in a group that takes authority kinds (groups.yaml
 * `authorities:` police, cyber agency, sanctions, data protection), and its numbers are the published
 * ones, not details a person confirms when called, so it is never reported as unverified.
 */
export function publicAuthority(c: Contact, tables: Pick<Tables, 'groups'> = toolTables()): boolean {
  const groups = tables.groups.filter((g) => (g.authorities ?? []).length > 0).map((g) => g.id);
  return (c.groups ?? []).some((g) => groups.includes(g));
}

/** A contact with its index in the merged plan, for paths. */
interface Held {
  c: Contact;
  i: number;
}

/** The tables the checks read: irplan's own unless a test passes others. */
type PeopleTables = Pick<Tables, 'roles' | 'peopleRules'>;

/** A rule's check, with how a role reads in a sentence. */
type RuleCheck = (plan: Plan, rule: PeopleRule, words: (role: string) => string) => PeopleWarning[];

/** The checks driven by people-rules.yaml, in the order their warnings are printed. */
const RULE_CHECKS: [string, RuleCheck][] = [
  ['IRP_NO_DEPUTY', checkDeputy],
  ['IRP_ROLE_NOT_PERSON', checkPersonRoles],
  ['IRP_ROLES_OVERLOADED', checkOverload],
  ['IRP_COUNSEL_NO_OOH', checkCounsel],
];

/** Runs the accountable-people checks on one plan. */
export function checkPeople(plan: Plan, tables: PeopleTables = toolTables()): PeopleWarning[] {
  const words = (role: string) => roleWords(tables.roles, role);
  const ruled = RULE_CHECKS.flatMap(([code, check]) => {
    const rule = peopleRule(tables.peopleRules, code);
    return rule ? check(plan, rule, words) : [];
  });
  return [...ruled, ...checkMspHotline(plan), ...checkFirstNumbers(plan)];
}

/** A role's label as it reads inside a sentence ("Incident commander" -> "incident commander"; "IT lead" stays). */
function roleWords(roles: PeopleTables['roles'], id: string): string {
  const label = roles.find((r) => r.id === id)?.label ?? id;
  return /^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
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

/** True when someone other than this contact holds a role that takes over (the rule's `stand_in`). */
function standsIn(plan: Plan, rule: PeopleRule, id: string): boolean {
  return (rule.stand_in ?? []).some((role) => holders(plan, role).some(({ c }) => c.id !== id));
}

/** A commander with nobody else named deputy: no one takes over at 3 a.m. (no commander is check.ts's finding). */
function checkDeputy(plan: Plan, rule: PeopleRule, words: (role: string) => string): PeopleWarning[] {
  const deputy = (rule.stand_in ?? []).map(words).join(' or ');
  return rule.roles.flatMap((role) => {
    const held = holders(plan, role)[0];
    if (!held || standsIn(plan, rule, held.c.id)) return [];
    const message = `no one is ${deputy}: nobody stands in when ${held.c.name} cannot be reached`;
    return [warning(rule.code, deputy, message, rolePath(held, role))];
  });
}

/** A role that needs a person, held only by contacts marked as a team or a desk. */
function checkPersonRoles(plan: Plan, rule: PeopleRule, words: (role: string) => string): PeopleWarning[] {
  return rule.roles.flatMap((role) => {
    const held = holders(plan, role);
    if (held.length === 0 || held.some(({ c }) => (c.kind ?? 'person') === 'person')) return [];
    const first = held[0] as Held;
    const names = held.map(({ c }) => `${c.name} (a ${c.kind})`).join(', ');
    return [
      warning(
        rule.code,
        first.c.name,
        `the ${words(role)} role is held only by ${names}: a named person must decide and answer for it`,
        rolePath(first, role),
      ),
    ];
  });
}

/** One person who is commander or scribe and also runs communications, with no other deputy to hand a role to. */
function checkOverload(plan: Plan, rule: PeopleRule, words: (role: string) => string): PeopleWarning[] {
  const deputy = (rule.stand_in ?? []).map(words).join(' or ');
  return (rule.with ?? []).flatMap((extra) =>
    holders(plan, extra).flatMap((held) => {
      const busy = rule.roles.filter((r) => held.c.roles?.includes(r));
      if (busy.length === 0 || standsIn(plan, rule, held.c.id)) return [];
      const roles = [...busy, extra].map(words).join(' and ');
      const message = `${held.c.name} is ${roles}, and no one else is ${deputy} to take one of these over`;
      return [warning(rule.code, held.c.name, message, rolePath(held, extra))];
    }),
  );
}

/**
 * A label that says the number answers out of hours, from the rule's words: whole words, case
 * ignored, a space in a word matching a hyphen or nothing as well ("on call", "on-call", "oncall").
 */
function outOfHoursLabel(rule: PeopleRule): RegExp | undefined {
  const words = (rule.words ?? []).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return undefined;
  const pattern = words.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '[- ]?'));
  return new RegExp(`\\b(?:${pattern.join('|')})\\b`, 'i');
}

/** Legal counsel reachable only in office hours while the insurer's notice window is short (the rule's max_hours). */
function checkCounsel(plan: Plan, rule: PeopleRule): PeopleWarning[] {
  const hours = plan.insurance?.notice_within_hours;
  if (hours === undefined || rule.max_hours === undefined || hours > rule.max_hours) return [];
  const groups = rule.groups ?? [];
  const counsel = plan.contacts
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.groups?.some((g) => groups.includes(g)) || c.roles?.some((r) => rule.roles.includes(r)));
  const label = outOfHoursLabel(rule);
  // A number marked out of band is the one dialled first, day or night.
  const outOfHours = (p: Phone) => p.out_of_band === true || (label?.test(p.label ?? '') ?? false);
  if (counsel.some(({ c }) => c.phones.some(outOfHours))) return [];
  return counsel.map(({ c, i }) =>
    warning(
      rule.code,
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
