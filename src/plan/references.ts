import { closest, preview, UserError } from '../shared/index.ts';
import { dotted, posOf } from './positions.ts';
import type { Located } from './positions.ts';
import type { Plan } from './types.ts';

/** Checks that ids are unique and that every reference names a contact or asset that exists. */
export function checkReferences(plan: Plan, input: Located, errors: UserError[]): void {
  const contactIds = uniqueIds(plan.contacts, 'contacts', 'contact', input, errors);
  const assetIds = uniqueIds(plan.assets ?? [], 'assets', 'asset', input, errors);
  uniqueIds(plan.data_flows ?? [], 'data_flows', 'data flow', input, errors);
  const refContact = (path: string, id: string | undefined): void => {
    if (id !== undefined) checkRef(id, contactIds, 'contact', path, input, errors);
  };
  refContact('plan/owner', plan.plan.owner);
  for (const [i, id] of (plan.plan.distribution ?? []).entries()) refContact(`plan/distribution/${i}`, id);
  refContact('msp/hotline', plan.msp?.hotline);
  for (const [country, id] of Object.entries(plan.msp?.hotlines ?? {})) refContact(`msp/hotlines/${country}`, id);
  refContact('insurance/broker', plan.insurance?.broker);
  refContact('continuity/bcp/owner', plan.continuity?.bcp?.owner);
  refContact('continuity/drp/owner', plan.continuity?.drp?.owner);
  for (const [i, a] of (plan.assets ?? []).entries()) {
    refContact(`assets/${i}/owner`, a.owner);
    for (const [j, d] of (a.depends_on ?? []).entries())
      checkRef(d, assetIds, 'asset', `assets/${i}/depends_on/${j}`, input, errors);
    if (typeof a.backup_of === 'string')
      checkRef(a.backup_of, assetIds, 'asset', `assets/${i}/backup_of`, input, errors);
    for (const [j, b] of (Array.isArray(a.backup_of) ? a.backup_of : []).entries())
      checkRef(b, assetIds, 'asset', `assets/${i}/backup_of/${j}`, input, errors);
  }
  for (const [i, x] of (plan.exercises ?? []).entries())
    for (const [j, p] of (x.participants ?? []).entries()) refContact(`exercises/${i}/participants/${j}`, p);
}

/** Reports each id used twice in a list; returns the ids, so references can be checked against them. */
function uniqueIds(
  items: { id?: string }[],
  path: string,
  what: string,
  input: Located,
  errors: UserError[],
): Set<string> {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    const first = seen.get(item.id);
    if (first !== undefined) {
      const firstPos = posOf(input, `${path}/${first}/id`);
      errors.push(
        new UserError(
          'IRP_DUPLICATE_ID',
          `the ${what} id "${preview(item.id)}" is used twice (first at ${firstPos.file.split('/').slice(-2).join('/')}:${firstPos.line})`,
          {
            position: posOf(input, `${path}/${i}/id`),
            hint: `give each ${what} its own id, e.g. "${preview(item.id)}-2"`,
          },
        ),
      );
    } else seen.set(item.id, i);
  });
  return new Set(seen.keys());
}

/** Reports a reference to an id that no entry has, suggesting the closest one. */
function checkRef(
  id: string,
  known: Set<string>,
  what: string,
  path: string,
  input: Located,
  errors: UserError[],
): void {
  if (known.has(id)) return;
  const guess = closest(id, known);
  errors.push(
    new UserError('IRP_UNKNOWN_REF', `${dotted(path)} names the ${what} "${preview(id)}", which does not exist`, {
      position: posOf(input, path),
      hint: guess
        ? `did you mean \`${guess}\`?`
        : `add a ${what} with id "${preview(id)}" or use one of: ${[...known].slice(0, 8).join(', ')}`,
    }),
  );
}
