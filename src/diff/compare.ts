import { same } from '../shared/index.ts';
import type { Area, Change, Side } from './change.ts';
import { insurerReason } from './insurer.ts';
import { labelOf, show } from './show.ts';

// Each change is a sentence for people, with dates and numbers written for `locale` (the client's),
// and its before and after as written in the plan, for tools.

/** What an added item is described by: everything but its id and the name already shown. */
function details(x: Record<string, unknown>, locale: string | undefined): string {
  return show({ ...x, name: undefined }, locale);
}

/** Field-by-field changes of one mapping (or its addition or removal as a whole). */
export function diffFields(
  area: Area,
  subject: string,
  before: object | undefined,
  after: object | undefined,
  insurer: string | null,
  locale?: string,
): Change[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined || after === undefined) {
    const action = before === undefined ? 'added' : 'removed';
    return [
      change(
        area,
        action,
        subject,
        null,
        before,
        after,
        insurer,
        `${capital(subject)} ${action}: ${show(after ?? before, locale)}`,
      ),
    ];
  }
  const bx = before as Record<string, unknown>,
    ax = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(bx), ...Object.keys(ax)])];
  return keys
    .filter((k) => !same(bx[k], ax[k]))
    .map((k) => fieldChange({ area, subject, field: labelOf(k), insurer, locale }, bx[k], ax[k]));
}

/** Which field of what changed, and how its values are written. */
interface FieldOf {
  area: Area;
  subject: string;
  field: string;
  insurer: string | null;
  locale: string | undefined;
}

/** One field's change; for lists only the items that went and came are shown (one phone of three, not all three). */
function fieldChange(f: FieldOf, before: unknown, after: unknown): Change {
  const { area, subject, field, insurer } = f;
  const shown = (v: unknown) => show(v, f.locale);
  if (!Array.isArray(before) || !Array.isArray(after)) {
    return change(
      area,
      'changed',
      subject,
      field,
      before,
      after,
      insurer,
      `${capital(subject)}: ${field} ${shown(before)} → ${shown(after)}`,
    );
  }
  const gone = before.filter((x) => !after.some((y) => same(x, y)));
  const came = after.filter((x) => !before.some((y) => same(x, y)));
  const what =
    gone.length === 0
      ? `added ${shown(came)}`
      : came.length === 0
        ? `removed ${shown(gone)}`
        : `${shown(gone)} → ${shown(came)}`;
  return change(area, 'changed', subject, field, gone, came, insurer, `${capital(subject)}: ${field} ${what}`);
}

/** Items with ids (contacts, assets, data flows, panel vendors): added, removed, or changed field by field. */
export function diffById<T extends { id: string; name?: string }>(
  area: Area,
  before: T[],
  after: T[],
  resolve: (x: T, s: Side) => Record<string, unknown>,
  b: Side,
  a: Side,
  noun: string = area.replace('-', ' '),
): Change[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const out: Change[] = [];
  for (const x of after) {
    const prev = old.get(x.id);
    const name = x.name ?? x.id;
    const insurer = insurerReason(area, prev, x);
    if (!prev)
      out.push(
        change(
          area,
          'added',
          name,
          null,
          undefined,
          resolve(x, a),
          insurer,
          `${capital(noun)} added: ${name} (${details(resolve(x, a), a.locale)})`,
        ),
      );
    else out.push(...diffFields(area, name, resolve(prev, b), resolve(x, a), insurer, a.locale));
  }
  for (const x of before) {
    if (now.has(x.id)) continue;
    const name = x.name ?? x.id;
    out.push(
      change(
        area,
        'removed',
        name,
        null,
        resolve(x, b),
        undefined,
        insurerReason(area, x, undefined),
        `${capital(noun)} removed: ${name}`,
      ),
    );
  }
  return out;
}

/** Lists of words or sentences: what was added and what was removed; `read` gives an item's words. */
export function diffList(
  area: Area,
  field: string,
  before: string[],
  after: string[],
  insurer: string | null,
  read: (item: string) => string = (x) => x,
): Change[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const say = (verb: string, x: string) => `${capital(field)}: ${verb} ${read(x)}`;
  return [
    ...added.map((x) => change(area, 'added', field, field, undefined, x, insurer, say('added', x))),
    ...removed.map((x) => change(area, 'removed', field, field, x, undefined, insurer, say('removed', x))),
  ];
}

function change(
  area: Area,
  action: Change['action'],
  subject: string,
  field: string | null,
  before: unknown,
  after: unknown,
  insurer: string | null,
  text: string,
): Change {
  return {
    area,
    action,
    subject,
    field,
    before: before === undefined ? null : show(before),
    after: after === undefined ? null : show(after),
    insurer,
    text,
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
