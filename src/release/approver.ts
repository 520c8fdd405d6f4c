import { closest, preview, UserError } from '../shared/index.ts';
import type { Position } from '../shared/index.ts';
import type { Contact, ValidClient } from '../plan/index.ts';

/**
 * Who approved a release, as plan.history records it: the contact named by --approver (an id) or
 * else by plan.approver, written "Name, Title". Never the git user: the approver is the client's
 * person who signs the approval page, not whoever ran the command.
 */
export function releaseApprover(client: ValidClient, given: string | null, planAt: Position): string {
  const id = given ?? client.plan.plan.approver;
  if (id === undefined) {
    throw new UserError(
      'IRP_RELEASE_APPROVER',
      `plans/${client.slug} names no approver, and a release records who approved it`,
      {
        position: planAt,
        hint: `add approver: <contact id> under plan: (the client's contact who approves releases, e.g. approver: ${client.plan.plan.owner}), or name one with --approver <contact-id>`,
      },
    );
  }
  const contact = client.plan.contacts.find((c) => c.id === id);
  if (!contact) throw unknownApprover(client, id);
  return [contact.name, contact.title]
    .filter(Boolean)
    .join(', ')
    .replace(/[\r\n]+/g, ' ');
}

/** --approver names no contact: suggest the id nearest to it, or the id of a contact of that name. */
function unknownApprover(client: ValidClient, id: string): UserError {
  const ids = client.plan.contacts.map((c) => c.id);
  const byName = client.plan.contacts.find((c: Contact) => c.name.toLowerCase() === id.trim().toLowerCase());
  const guess = byName?.id ?? closest(id, ids);
  return new UserError('IRP_ARGS', `--approver "${preview(id)}" is not the id of a contact of ${client.slug}`, {
    hint: guess
      ? `did you mean --approver ${guess}? --approver takes a contact id, not a name`
      : `--approver takes a contact id, one of: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''}`,
  });
}
