import { join } from 'node:path';
import { diffPlans } from './diff.ts';
import { diffIncidents } from './incidents.ts';
import type { Change } from './change.ts';
import type { LoadedSide } from './sides.ts';
import { formatNumber, formatUserError, loadMessages, oneLine, UserError } from '../shared/index.ts';
import { buildModel, planLocale } from '../model/index.ts';
import type { Jurisdiction, ValidClient } from '../plan/index.ts';
import type { Plan } from '../plan/index.ts';
import { readJurisdictions } from '../plan/index.ts';
import { collectTemplates, renderDocuments } from '../render/index.ts';
import { loadTables } from '../model/index.ts';

/** A changed client: what changed in meaning, and which binder sections print differently. */
export interface ClientDiff {
  slug: string;
  client: string;
  status: 'added' | 'removed' | 'changed';
  changes: Change[];
  /** Binder sections whose text changes (the pages to reprint); null when they could not be rendered. */
  sections: Section[] | null;
  /** Why the sections could not be compared (a template that does not render on one side). */
  sectionsError: string | null;
  /** True when any change may need to be reported to the client's insurer. */
  notifyInsurer: boolean;
}

/** A binder section by its template id and the title printed on it. */
interface Section {
  id: string;
  title: string;
}

/** A template file that changed, and the clients whose outputs it can change. */
export interface TemplateChange {
  path: string;
  action: 'added' | 'removed' | 'changed';
  clients: string[];
}

/** A client that exists on a side but cannot be compared because it does not validate there. */
interface InvalidClient {
  slug: string;
  side: 'base' | 'head';
  errors: string[];
}

/** The whole comparison, as `irplan diff --format json` prints it. */
export interface DiffReport {
  base: { ref: string; commit: string | null };
  head: { ref: string; commit: string | null };
  clients: ClientDiff[];
  templates: TemplateChange[];
  invalid: InvalidClient[];
}

/** Compares two loaded sides client by client; unchanged clients are left out. */
export function compareSides(base: LoadedSide, head: LoadedSide): DiffReport {
  const templates = diffTemplates(base, head);
  const slugs = [...new Set([...base.clients.keys(), ...head.clients.keys()])].sort();
  const clients = slugs.flatMap((slug) => {
    const d = diffClient(slug, base, head);
    return d ? [d] : [];
  });
  return {
    base: { ref: base.ref.label, commit: base.ref.commit },
    head: { ref: head.ref.label, commit: head.ref.commit },
    clients,
    templates,
    invalid: [...invalidOf(base, 'base'), ...invalidOf(head, 'head')],
  };
}

function invalidOf(side: LoadedSide, name: 'base' | 'head'): InvalidClient[] {
  return [...side.invalid].map(([slug, errors]) => ({
    slug,
    side: name,
    errors: errors.map((e) => formatUserError(e, side.root)),
  }));
}

function diffClient(slug: string, base: LoadedSide, head: LoadedSide): ClientDiff | null {
  const before = base.clients.get(slug),
    after = head.clients.get(slug);
  // A client that is invalid on one side cannot be compared; it is listed under `invalid` instead.
  if (!before && base.invalid.has(slug)) return null;
  if (!after && head.invalid.has(slug)) return null;
  if (!before || !after)
    return wholeClient(slug, before ? 'removed' : 'added', (after ?? before)?.plan, before ? base : head);
  // Dates and numbers read as the client's binder writes them (its locale at head).
  const changes = [...diffPlans(before.plan, after.plan, localeOf(after.plan, head)), ...diffIncidents(before, after)];
  const { sections, error } = changedSections(before, after, base, head);
  if (changes.length === 0 && (sections === null || sections.length === 0)) return null;
  return {
    slug,
    client: after.plan.client.name,
    status: 'changed',
    changes,
    sections,
    sectionsError: error,
    notifyInsurer: changes.some((c) => c.insurer !== null),
  };
}

/** Each side's jurisdiction data, read once per side: it decides a client's locale. */
const sideJurisdictions = new WeakMap<LoadedSide, Jurisdiction[]>();

/** The client's locale as its side's templates define it (client.locale, else its country's). */
function localeOf(plan: Plan, side: LoadedSide): string {
  let jurisdictions = sideJurisdictions.get(side);
  if (!jurisdictions) {
    jurisdictions = readJurisdictions(side.templatesDir);
    sideJurisdictions.set(side, jurisdictions);
  }
  return planLocale(plan, jurisdictions);
}

/** A client that is new or gone: one line that says what it holds; its whole binder is new or gone. */
function wholeClient(
  slug: string,
  status: 'added' | 'removed',
  plan: Plan | undefined,
  side: LoadedSide,
): ClientDiff | null {
  if (!plan) return null;
  const n = (x: number) => formatNumber(x, localeOf(plan, side));
  const what = `plan ${plan.plan.version}, ${n(plan.contacts.length)} contacts, ${n((plan.assets ?? []).length)} assets, ${plan.insurance ? `insured with ${plan.insurance.carrier}` : 'no cyber insurance'}`;
  const change: Change = {
    area: 'client',
    action: status,
    subject: plan.client.name,
    field: null,
    before: null,
    after: null,
    insurer: null,
    text: `Client ${status}: ${plan.client.name} (${what})`,
  };
  return {
    slug,
    client: plan.client.name,
    status,
    changes: [change],
    sections: [],
    sectionsError: null,
    notifyInsurer: false,
  };
}

/** Renders the binder of both sides the same way (fixed date, not a draft) and compares section texts. */
function changedSections(
  before: ValidClient,
  after: ValidClient,
  base: LoadedSide,
  head: LoadedSide,
): { sections: Section[] | null; error: string | null } {
  try {
    return { sections: sectionTitles(before, after, base, head), error: null };
  } catch (err) {
    // Templates and tables at an old commit may not fit today's model: that is expected history,
    // not a bug in diff, and the meaning-level changes still stand.
    if (err instanceof UserError)
      return { sections: null, error: `the binder did not render: ${err.code} ${oneLine(err.message)}` };
    if (err instanceof Error) return { sections: null, error: `the binder did not render: ${oneLine(err.message)}` };
    throw err;
  }
}

function sectionTitles(before: ValidClient, after: ValidClient, base: LoadedSide, head: LoadedSide): Section[] {
  const old = new Map(renderBinder(before, base).map((d) => [d.id, d]));
  const now = renderBinder(after, head);
  const changed = now.filter((d) => old.get(d.id)?.body !== d.body).map((d) => ({ id: d.id, title: d.title }));
  const removed = [...old.values()]
    .filter((d) => !now.some((n) => n.id === d.id))
    .map((d) => ({ id: d.id, title: `${d.title} (removed)` }));
  return [...changed, ...removed];
}

function renderBinder(client: ValidClient, side: LoadedSide) {
  const tables = loadTables(side.templatesDir);
  // The words of the side's own catalogue, as that side's build would print them.
  const locale = planLocale(client.plan, tables.jurisdictions);
  const messages = loadMessages(side.templatesDir, locale);
  const model = buildModel(client.plan, tables, {
    slug: client.slug,
    audience: 'print',
    buildDate: '2000-01-01',
    draft: false,
    messages,
  });
  const templates = collectTemplates(side.templatesDir, join(client.dir, 'templates'), locale);
  return renderDocuments(model, templates, messages).filter((d) => d.binder);
}

/** Template files that differ; a shared one affects every client that does not override it. */
function diffTemplates(base: LoadedSide, head: LoadedSide): TemplateChange[] {
  const paths = [...new Set([...base.templates.keys(), ...head.templates.keys()])].sort();
  const everyone = [
    ...new Set([...base.clients.keys(), ...head.clients.keys(), ...base.invalid.keys(), ...head.invalid.keys()]),
  ].sort();
  return paths.flatMap((path) => {
    const b = base.templates.get(path),
      a = head.templates.get(path);
    if (b === a) return [];
    const action = b === undefined ? 'added' : a === undefined ? 'removed' : 'changed';
    return [{ path, action, clients: affected(path, everyone, head, base) }];
  });
}

function affected(path: string, everyone: string[], head: LoadedSide, base: LoadedSide): string[] {
  const own = /^plans\/([^/]+)\/templates\//.exec(path);
  if (own?.[1]) return [own[1]];
  // The scaffold is only used by `irplan new`; no built output depends on it.
  if (path.startsWith('templates/scaffold/')) return [];
  const rel = path.slice('templates/'.length);
  const overridden = (slug: string) => [head, base].every((s) => s.templates.has(`plans/${slug}/templates/${rel}`));
  return everyone.filter((slug) => !overridden(slug));
}
