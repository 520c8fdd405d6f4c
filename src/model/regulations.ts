import { formatHours } from '../shared/index.ts';
import type { Authority } from '../plan/index.ts';
import { describeClock } from './clock.ts';
import { buildPhone } from './contacts.ts';
import { labelData } from './names.ts';
import type { AppliedRule, CatalogueEntry, Derived } from './rules.ts';
import { resolveAuthority } from './rules.ts';
import type { AssetView } from './types.ts';
import type { Tables } from './tables.ts';
import type { ExcludedRuleView, RegulationView } from './views.ts';
import type { Words } from './words.ts';

/** What a regulation view is built from beyond the rule itself. */
interface RegulationCtx {
  tables: Tables;
  assets: AssetView[];
  derived: Derived;
  authorities: Map<string, Authority>;
  /** The client's catalogue: "Confirm with legal counsel" and the deadline's words. */
  words: Words;
}

/** Each rule that binds the client, with why, its clock, its authority and the assets whose data it covers. */
export function buildRegulations(ctx: RegulationCtx): RegulationView[] {
  const known = ctx.derived.applied.map((entry) => buildRegulation(entry, ctx));
  return [...known, ...ctx.derived.unknown.map((id) => unknownRule(id, ctx.words))];
}

function buildRegulation(entry: AppliedRule, ctx: RegulationCtx): RegulationView {
  const r = entry.rule;
  const a = resolveAuthority(entry, ctx.authorities, ctx.derived.files, ctx.derived.regions);
  const data = r.applies_when?.data ?? [];
  const hours = r.deadline_hours ?? null;
  const say = ctx.words.text;
  return {
    id: r.id,
    label: r.label,
    place: entry.place,
    why: entry.why,
    authority: r.notify ?? a?.name ?? say('regulations.counsel'),
    authorityName: a?.name ?? null,
    authorityPhone: a?.phone ? buildPhone({ number: a.phone }, null, ctx.tables.domesticNumbers) : null,
    authorityUrl: a?.url ?? null,
    authorityConfirm: a?.confirm ?? null,
    deadline: r.deadline,
    deadlineHours: hours,
    deadlineText: hours === null ? null : formatHours(hours, ctx.words),
    example: hours === null ? null : describeClock(hours, ctx.words),
    clock: r.clock ?? null,
    threshold: r.threshold ?? null,
    contents: r.contents ?? [],
    individuals: r.individuals ?? say('regulations.individuals_unset'),
    register: r.register ?? null,
    source: r.source,
    confirm: r.confirm ?? null,
    trigger: r.trigger ?? null,
    data,
    dataText: data.map((d) => labelData(ctx.tables, d)),
    assets: ctx.assets.filter((x) => x.data.some((d) => data.includes(d))).map((x) => x.name),
  };
}

/** A regulation the plan lists that no data file knows still prints, and sends the reader to counsel. */
function unknownRule(id: string, words: Words): RegulationView {
  const counsel = words.text('regulations.counsel');
  return {
    id,
    label: id,
    place: null,
    why: [words.text('regulations.listed')],
    authority: counsel,
    authorityName: null,
    authorityPhone: null,
    authorityUrl: null,
    authorityConfirm: null,
    deadline: counsel,
    deadlineHours: null,
    deadlineText: null,
    example: null,
    clock: null,
    threshold: null,
    contents: [],
    individuals: counsel,
    register: null,
    source: counsel,
    confirm: words.text('regulations.no_data'),
    trigger: null,
    data: [],
    dataText: [],
    assets: [],
  };
}

/** Derived rules the plan excludes, with the reason printed beside them. */
export function buildExcluded(excluded: Derived['excluded']): ExcludedRuleView[] {
  return excluded.map(({ entry, reason }: { entry: CatalogueEntry; reason: string }) => ({
    id: entry.rule.id,
    label: entry.rule.label,
    reason,
  }));
}
