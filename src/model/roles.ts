import { toCamel } from './names.ts';
import type { Tables } from './tables.ts';
import type { ContactView, RoleView } from './types.ts';
import type { Words } from './words.ts';

/**
 * Each role with its holder and deputies: the other holders first, then the holders of the roles
 * the table names as its backup, so every role has someone to call when the holder is unreachable.
 */
export function buildRoles(tables: Tables, contacts: ContactView[], words: Words): RoleView[] {
  const holdersOf = (role: string) => contacts.filter((c) => c.roles.includes(role));
  return tables.roles.map((r) => {
    const holders = holdersOf(r.id);
    const primary = holders[0] ?? null;
    const deputies: ContactView[] = [];
    for (const c of [...holders.slice(1), ...(r.backup ?? []).flatMap(holdersOf)]) {
      if (c.id !== primary?.id && !deputies.some((d) => d.id === c.id)) deputies.push(c);
    }
    const role = r.label;
    const who = primary
      ? words.text('roles.who', { role, name: primary.name })
      : deputies[0]
        ? words.text('roles.who_standing_in', { role, name: deputies[0].name })
        : words.text('roles.who_unnamed', { role });
    return { id: r.id, label: r.label, duty: r.duty, holders, primary, deputies, who };
  });
}

/** Role id (camel case) to "Technical lead (Dev Patel)", for the Who column of every checklist. */
export function mapWho(roles: RoleView[]): Record<string, string> {
  return Object.fromEntries(roles.map((r) => [toCamel(r.id), r.who]));
}

/** Role id (camel case) to the person's name alone, for messages sent outside the team. */
export function mapPersons(roles: RoleView[], words: Words): Record<string, string> {
  const unnamed = (r: RoleView) => words.text('roles.person_unnamed', { role: lower(r.label, words.locale) });
  return Object.fromEntries(roles.map((r) => [toCamel(r.id), r.primary?.name ?? r.deputies[0]?.name ?? unnamed(r)]));
}

/** A role's label inside a sentence, lower-cased by the locale's rules. */
function lower(label: string, locale: string): string {
  try {
    return label.toLocaleLowerCase(locale);
  } catch {
    return label.toLowerCase();
  }
}
