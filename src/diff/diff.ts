import { same } from '../shared/index.ts';
import { labelOf, show } from './show.ts';
import type { Asset, Contact, Plan } from '../plan/index.ts';

/** What a change is about; the Markdown report groups by it. */
export type Area =
  | 'client'
  | 'plan'
  | 'msp'
  | 'contact'
  | 'asset'
  | 'data-flow'
  | 'insurance'
  | 'continuity'
  | 'regulations'
  | 'exercises';

/** One change in meaning, naming the person, asset or term it concerns. */
export interface Change {
  area: Area;
  action: 'added' | 'removed' | 'changed';
  /** The name of what changed: a person, an asset, "insurance", "plan". */
  subject: string;
  /** The field that changed, as a reader calls it; null for whole additions and removals. */
  field: string | null;
  before: string | null;
  after: string | null;
  /** Why the client's insurer may need to hear about it; null when it does not concern them. */
  insurer: string | null;
  /** The change as one sentence. */
  text: string;
}

type Names = (id: string | undefined) => string | undefined;

interface Side {
  plan: Plan;
  contact: Names;
  asset: Names;
}

/** Ids a plan refers to are shown as the names people know them by. */
function side(plan: Plan): Side {
  const contacts = new Map(plan.contacts.map((c) => [c.id, c.name]));
  const assets = new Map((plan.assets ?? []).map((a) => [a.id, a.name]));
  return {
    plan,
    contact: (id) => (id === undefined ? undefined : (contacts.get(id) ?? id)),
    asset: (id) => (id === undefined ? undefined : (assets.get(id) ?? id)),
  };
}

/**
 * Why a change may matter to the insurer (data-driven: one row per rule). Policies commonly
 * require notice of changes to insured terms, to the systems they cover and to who leads a response.
 */
const INSURER_RULES: { area: Area; reason: string; applies: (before: unknown, after: unknown) => boolean }[] = [
  { area: 'insurance', reason: 'insurance terms changed', applies: () => true },
  { area: 'asset', reason: 'a critical asset changed', applies: (b, a) => isCritical(b) || isCritical(a) },
  {
    area: 'contact',
    reason: 'the incident commander changed',
    applies: (b, a) => hasRole(b, 'incident-commander') || hasRole(a, 'incident-commander'),
  },
  {
    area: 'contact',
    reason: 'an insurer or broker contact changed',
    applies: (b, a) => inGroup(b, ['insurer', 'broker']) || inGroup(a, ['insurer', 'broker']),
  },
];

const isCritical = (x: unknown) => (x as Asset | undefined)?.criticality === 'critical';
const hasRole = (x: unknown, role: string) => ((x as Contact | undefined)?.roles ?? []).includes(role);
const inGroup = (x: unknown, groups: string[]) =>
  ((x as Contact | undefined)?.groups ?? []).some((g) => groups.includes(g));

function insurerReason(area: Area, before: unknown, after: unknown): string | null {
  return INSURER_RULES.find((r) => r.area === area && r.applies(before, after))?.reason ?? null;
}

/** Compares two valid plans of one client in meaning. Returns nothing when they mean the same. */
export function diffPlans(before: Plan, after: Plan): Change[] {
  const b = side(before),
    a = side(after);
  return [
    ...diffFields('client', 'client', before.client, after.client, null),
    ...diffPlanSection(b, a),
    ...diffFields('msp', 'MSP', resolveMsp(b), resolveMsp(a), null),
    ...diffById('contact', before.contacts, after.contacts, (c) => resolveContact(c), b, a),
    ...diffById('asset', before.assets ?? [], after.assets ?? [], (x, s) => resolveAsset(x, s), b, a),
    ...diffById(
      'data-flow',
      before.data_flows ?? [],
      after.data_flows ?? [],
      (x, s) => ({ ...x, from: s.asset(x.from), to: s.asset(x.to) }),
      b,
      a,
    ),
    ...diffInsurance(b, a),
    ...diffFields('continuity', 'continuity', resolveContinuity(b), resolveContinuity(a), null),
    ...diffList('regulations', 'regulations', before.regulations ?? [], after.regulations ?? [], null),
    ...diffList(
      'exercises',
      'exercises',
      (before.exercises ?? []).map((x) => `${x.date} ${x.scenario}`),
      (after.exercises ?? []).map((x) => `${x.date} ${x.scenario}`),
      null,
    ),
  ];
}

function resolveContact(c: Contact): Record<string, unknown> {
  return { ...c, id: undefined };
}

/** What an added item is described by: everything but its id and the name already shown. */
function details(x: Record<string, unknown>): string {
  return show({ ...x, name: undefined });
}

function resolveAsset(x: Asset, s: Side): Record<string, unknown> {
  return { ...x, id: undefined, owner: s.contact(x.owner), depends_on: x.depends_on?.map((d) => s.asset(d)) };
}

function resolveMsp(s: Side): Record<string, unknown> | undefined {
  const msp = s.plan.msp;
  return msp && { ...msp, hotline: s.contact(msp.hotline) };
}

function resolveContinuity(s: Side): Record<string, unknown> | undefined {
  const c = s.plan.continuity;
  const doc = (d: { owner?: string } | undefined) => d && { ...d, owner: s.contact(d.owner) };
  return c && { ...c, bcp: doc(c.bcp), drp: doc(c.drp) };
}

/** The plan section: version (with the release summary), owner by name; the history itself is not repeated. */
function diffPlanSection(b: Side, a: Side): Change[] {
  const view = (s: Side) => ({
    ...s.plan.plan,
    history: undefined,
    owner: s.contact(s.plan.plan.owner),
    distribution: s.plan.plan.distribution?.map((id) => s.contact(id)),
  });
  const changes = diffFields('plan', 'plan', view(b), view(a), null);
  const release = a.plan.plan.history?.find((h) => h.version === a.plan.plan.version);
  const versionChange = changes.find((c) => c.field === labelOf('version'));
  if (versionChange && release?.summary && b.plan.plan.version !== a.plan.plan.version)
    versionChange.text += ` (${release.summary})`;
  return changes;
}

function diffInsurance(b: Side, a: Side): Change[] {
  const view = (s: Side) => {
    const ins = s.plan.insurance;
    return (
      ins && {
        ...ins,
        broker: s.contact(ins.broker),
        panel: undefined,
        consent_required_for: undefined,
        stipulations: undefined,
      }
    );
  };
  const before = b.plan.insurance,
    after = a.plan.insurance;
  if (!before || !after) return diffFields('insurance', 'insurance', view(b), view(a), 'insurance terms changed');
  const panel = (s: Side) => (s.plan.insurance?.panel ?? []).map((p) => ({ ...p, id: p.name }));
  return [
    ...diffFields('insurance', 'insurance', view(b), view(a), 'insurance terms changed'),
    ...diffById(
      'insurance',
      panel(b),
      panel(a),
      (p) => ({ ...p, id: undefined, name: undefined }),
      b,
      a,
      'panel vendor',
    ),
    ...diffList(
      'insurance',
      'consent required for',
      before.consent_required_for ?? [],
      after.consent_required_for ?? [],
      'insurance terms changed',
    ),
    ...diffList(
      'insurance',
      'stipulations',
      before.stipulations ?? [],
      after.stipulations ?? [],
      'insurance terms changed',
    ),
  ];
}

/** Field-by-field changes of one mapping (or its addition or removal as a whole). */
function diffFields(
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
function diffById<T extends { id: string; name?: string }>(
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
function diffList(area: Area, field: string, before: string[], after: string[], insurer: string | null): Change[] {
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
