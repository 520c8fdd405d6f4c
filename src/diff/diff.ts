import type { Asset, Contact, Plan } from '../plan/index.ts';
import { formatDate } from '../shared/index.ts';
import type { Change, Side } from './change.ts';
import { side } from './change.ts';
import { diffById, diffFields, diffList } from './compare.ts';
import { diffReadiness } from './readiness.ts';
import { labelOf } from './show.ts';

/**
 * Compares two valid plans of one client in meaning. Returns nothing when they mean the same. The
 * sentences write dates and numbers for `locale` (the client's); without one, as in the YAML.
 */
export function diffPlans(before: Plan, after: Plan, locale?: string): Change[] {
  const b = side(before, locale),
    a = side(after, locale);
  const exercise = (x: { date: string; scenario: string }) => `${x.date} ${x.scenario}`;
  const exercises = new Map(
    [...(before.exercises ?? []), ...(after.exercises ?? [])].map((x) => [
      exercise(x),
      `${(locale && formatDate(x.date, locale)) || x.date} ${x.scenario}`,
    ]),
  );
  return [
    ...diffFields('client', 'client', before.client, after.client, null, locale),
    ...diffPlanSection(b, a),
    ...diffFields('msp', 'MSP', resolveMsp(b), resolveMsp(a), null, locale),
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
    ...diffFields('continuity', 'continuity', resolveContinuity(b), resolveContinuity(a), null, locale),
    ...diffList('regulations', 'regulations', before.regulations ?? [], after.regulations ?? [], null),
    ...diffList(
      'exercises',
      'exercises',
      (before.exercises ?? []).map(exercise),
      (after.exercises ?? []).map(exercise),
      null,
      (key) => exercises.get(key) ?? key,
    ),
    ...diffReadiness(b, a),
  ];
}

function resolveContact(c: Contact): Record<string, unknown> {
  return { ...c, id: undefined };
}

function resolveAsset(x: Asset, s: Side): Record<string, unknown> {
  const backupOf = typeof x.backup_of === 'string' ? [x.backup_of] : x.backup_of;
  return {
    ...x,
    id: undefined,
    owner: s.contact(x.owner),
    depends_on: x.depends_on?.map((d) => s.asset(d)),
    backup_of: backupOf?.map((d) => s.asset(d)),
  };
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
    approver: s.contact(s.plan.plan.approver),
    distribution: s.plan.plan.distribution?.map((id) => s.contact(id)),
  });
  const changes = diffFields('plan', 'plan', view(b), view(a), null, a.locale);
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
  if (!before || !after)
    return diffFields('insurance', 'insurance', view(b), view(a), 'insurance terms changed', a.locale);
  const panel = (s: Side) => (s.plan.insurance?.panel ?? []).map((p) => ({ ...p, id: p.name }));
  return [
    ...diffFields('insurance', 'insurance', view(b), view(a), 'insurance terms changed', a.locale),
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
