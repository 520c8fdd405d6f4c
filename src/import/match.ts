/** An entry of the plan as matching reads it. */
interface Existing {
  id: string;
  name?: string;
  email?: string;
}

const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The plan entry a row stands for: by id (the row's own, or the one made from its name), then by
 * e-mail, then by name; e-mail and name ignore case and spacing. Entries already matched are skipped,
 * so two rows never update one entry.
 */
export function findMatch<T extends Existing>(
  row: { id?: string | undefined; madeId: string; email?: string | undefined; name: string },
  entries: T[],
  used: Set<T>,
): T | undefined {
  const free = entries.filter((e) => !used.has(e));
  const email = row.email ? norm(row.email) : undefined;
  return (
    free.find((e) => e.id === (row.id ?? row.madeId)) ??
    (email ? free.find((e) => e.email !== undefined && norm(e.email) === email) : undefined) ??
    free.find((e) => e.name !== undefined && norm(e.name) === norm(row.name))
  );
}
