import { same } from '../shared/index.ts';
import type { Area, Change, Side } from './change.ts';
import { insurerReason } from './insurer.ts';
import { labelOf, show } from './show.ts';

/** What an added item is described by: everything but its id and the name already shown. */
function details(x: Record<string, unknown>): string {
  return show({ ...x, name: undefined });
}

/** Field-by-field changes of one mapping (or its addition or removal as a whole). */
export function diffFields(
  area: Area,
  subject: string,
  before: object | undefined,
  after: object | undefined,
  insurer: string | null,
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
        `${capital(subject)} ${action}: ${show(after ?? before)}`,
      ),
    ];
  }
  const bx = before as Record<string, unknown>,
    ax = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(bx), ...Object.keys(ax)])];
  return keys
    .filter((k) => !same(bx[k], ax[k]))
    .map((k) => fieldChange(area, subject, labelOf(k), bx[k], ax[k], insurer));
}

/** One field's change; for lists only the items that went and came are shown (one phone of three, not all three). */
function fieldChange(
  area: Area,
  subject: string,
  field: string,
  before: unknown,
  after: unknown,
  insurer: string | null,
): Change {
  if (!Array.isArray(before) || !Array.isArray(after)) {
    return change(
      area,
      'changed',
      subject,
      field,
      before,
      after,
      insurer,
      `${capital(subject)}: ${field} ${show(before)} → ${show(after)}`,
    );
  }
  const gone = before.filter((x) => !after.some((y) => same(x, y)));
  const came = after.filter((x) => !before.some((y) => same(x, y)));
  const what =
    gone.length === 0
      ? `added ${show(came)}`
      : came.length === 0
        ? `removed ${show(gone)}`
        : `${show(gone)} → ${show(came)}`;
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
          `${capital(noun)} added: ${name} (${details(resolve(x, a))})`,
        ),
      );
    else out.push(...diffFields(area, name, resolve(prev, b), resolve(x, a), insurer));
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

/** Lists of words or sentences: what was added and what was removed. */
export function diffList(
  area: Area,
  field: string,
  before: string[],
  after: string[],
  insurer: string | null,
): Change[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  return [
    ...added.map((x) => change(area, 'added', field, field, undefined, x, insurer, `${capital(field)}: added ${x}`)),
    ...removed.map((x) =>
      change(area, 'removed', field, field, x, undefined, insurer, `${capital(field)}: removed ${x}`),
    ),
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
