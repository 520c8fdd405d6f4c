import { toCamel } from './names.ts';
import type { Tables } from './tables.ts';
import type { ContactView, RoleView } from './types.ts';

/**
 * Each role with its holder and deputies: the other holders first, then the holders of the roles
 * the table names as its backup, so every role has someone to call when the holder is unreachable.
 */
export function buildRoles(tables: Tables, contacts: ContactView[]): RoleView[] {
  const holdersOf = (role: string) => contacts.filter((c) => c.roles.includes(role));
  return tables.roles.map((r) => {
    const holders = holdersOf(r.id);
    const primary = holders[0] ?? null;
    const deputies: ContactView[] = [];
    for (const c of [...holders.slice(1), ...(r.backup ?? []).flatMap(holdersOf)]) {
      if (c.id !== primary?.id && !deputies.some((d) => d.id === c.id)) deputies.push(c);
    }
    const who = primary
      ? `${r.label} (${primary.name})`
      : deputies[0]
        ? `${r.label} (${deputies[0].name}, standing in)`
        : `${r.label} (to be named by the incident commander)`;
    return { id: r.id, label: r.label, duty: r.duty, holders, primary, deputies, who };
  });
}

/** Role id (camel case) to "Technical lead (Dev Patel)", for the Who column of every checklist. */
export function mapWho(roles: RoleView[]): Record<string, string> {
  return Object.fromEntries(roles.map((r) => [toCamel(r.id), r.who]));
}

/** Role id (camel case) to the person's name alone, for messages sent outside the team. */
export function mapPersons(roles: RoleView[]): Record<string, string> {
  return Object.fromEntries(
    roles.map((r) => [toCamel(r.id), r.primary?.name ?? r.deputies[0]?.name ?? `our ${r.label.toLowerCase()}`]),
  );
}
