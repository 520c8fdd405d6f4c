/** The longest id made from a name, so ids stay readable in YAML and URLs. */
const MAX = 40;

/**
 * An id made from a name: lower case ASCII letters, digits and dashes ("Jane Doe" -> jane-doe,
 * "FS01" -> fs01). Accents are dropped rather than the letter; a name with no such letter gets `fallback`.
 */
export function idFromName(name: string, fallback: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX)
    .replace(/^-+|-+$/g, '');
  return id === '' ? fallback : id;
}

/** `id`, or id-2, id-3 ... when taken; the chosen id is added to `taken`. */
export function uniqueId(id: string, taken: Set<string>): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}-${n}`;
  taken.add(out);
  return out;
}
