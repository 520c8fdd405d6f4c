import type { Change, Side } from './change.ts';
import { diffById, diffFields } from './compare.ts';

// The fields a plan gained for preparation and jurisdiction: who governs and closes an incident,
// the jump kit and break-glass accounts, who watches which alerts, the client's own rules and
// authorities, and the rules it excludes. A reviewer must see a change to who holds a break-glass
// account or who answers the alerts as clearly as a changed phone number.

/** Changes to governance, preparation, monitoring, the plan's own jurisdiction data and exclusions. */
export function diffReadiness(b: Side, a: Side): Change[] {
  const locale = a.locale;
  const rules = (s: Side) => (s.plan.jurisdiction?.rules ?? []).map((r) => ({ ...r, name: r.label }));
  const exclusions = (s: Side) =>
    (s.plan.regulation_exclusions ?? []).map((x) => ({ ...x, name: `exclusion of ${x.id}` }));
  return [
    ...diffFields('governance', 'governance', b.plan.governance, a.plan.governance, null, locale),
    ...diffFields('preparation', 'preparation', preparation(b), preparation(a), null, locale),
    ...diffById('monitoring', sources(b), sources(a), watching, b, a, 'alert source'),
    ...diffById('jurisdiction', rules(b), rules(a), (r) => ({ ...r, id: undefined, name: undefined }), b, a, 'rule'),
    ...diffById(
      'jurisdiction',
      b.plan.jurisdiction?.authorities ?? [],
      a.plan.jurisdiction?.authorities ?? [],
      (x) => ({ ...x, id: undefined }),
      b,
      a,
      'authority',
    ),
    ...diffById('regulations', exclusions(b), exclusions(a), (x) => ({ reason: x.reason }), b, a, 'regulation'),
  ];
}

/** The jump kit's keeper and the break-glass holders by name. */
function preparation(s: Side): Record<string, unknown> | undefined {
  const p = s.plan.preparation;
  if (!p) return undefined;
  return {
    ...p,
    jump_kit: p.jump_kit && { ...p.jump_kit, keeper: s.contact(p.jump_kit.keeper) },
    break_glass: p.break_glass?.map((g) => ({
      ...g,
      system: s.asset(g.system),
      holders: g.holders.map((h) => s.contact(h)),
    })),
  };
}

type Source = NonNullable<Side['plan']['monitoring']>[number];

/** Alert sources have no id: the source's own words name it. */
function sources(s: Side): (Source & { id: string; name: string })[] {
  return (s.plan.monitoring ?? []).map((m) => ({ ...m, id: m.source, name: m.source }));
}

/** Who watches the source and which assets, by name. */
function watching(m: Source & { id: string; name: string }, s: Side): Record<string, unknown> {
  return {
    ...m,
    id: undefined,
    name: undefined,
    source: undefined,
    owner: s.contact(m.owner),
    watches: m.watches.map((w) => s.asset(w)),
  };
}
