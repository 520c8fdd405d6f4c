// Reads values out of a plan that may not match the schema: the checks beyond the schema run on
// whatever can be read, so one `irplan validate` reports every problem at once. A value of the
// wrong shape reads as absent (its schema error already names it).

/** The value at a path ("insurance/broker", "contacts/0/id"), or undefined where the data has no such place. */
function valueAt(data: unknown, path: string): unknown {
  let v = data;
  for (const seg of path === '' ? [] : path.split('/')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** The value at a path when it is text, else undefined. */
export function textAt(data: unknown, path: string): string | undefined {
  const v = valueAt(data, path);
  return typeof v === 'string' ? v : undefined;
}

/** The list at a path; anything else reads as an empty list. */
export function listAt(data: unknown, path: string): unknown[] {
  const v = valueAt(data, path);
  return Array.isArray(v) ? v : [];
}

/**
 * Every text value a pattern matches, with its concrete path: `*` stands for each item of a list or
 * each key of a mapping ("assets/*\/depends_on/*" gives "assets/2/depends_on/0" ...).
 */
export function textsAt(data: unknown, pattern: string): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  const visit = (v: unknown, path: string, rest: string[]): void => {
    const [seg, ...tail] = rest;
    if (seg === undefined) {
      if (typeof v === 'string') out.push({ path, value: v });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const keys = seg === '*' ? Object.keys(v) : Object.hasOwn(v, seg) ? [seg] : [];
    for (const key of keys) visit((v as Record<string, unknown>)[key], path === '' ? key : `${path}/${key}`, tail);
  };
  visit(data, '', pattern.split('/'));
  return out;
}
