import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import type { Model } from '../model/index.ts';
import type { Messages } from '../shared/index.ts';
import { locatedHelpers } from './args.ts';
import { compile } from './engine.ts';
import { PartialFailure, templateError } from './errors.ts';
import { usedTerms } from './glossary.ts';
import { createHelpers } from './helpers.ts';
import { englishMessages } from './messages.ts';
import type { Say } from './messages.ts';
import type { DocKind, TemplateFile } from './template.ts';
import { readTemplate } from './template.ts';
import { checkXrefHeadings, checkXrefs, xrefHelpers, xrefIds, xrefTargets } from './xref.ts';
import { attackHelpers } from './attack.ts';

/** One rendered document: static front matter from the template, Markdown body from the data. */
export interface RenderedDoc {
  id: string;
  title: string;
  /** Position in the binder and the site's navigation. */
  order: number;
  kind: DocKind;
  /** Included in the binder. */
  binder: boolean;
  /** When set, this document is also printed alone as the checklist of that id. */
  checklist: string | null;
  /** When set, a card document (wallet-card, call-tree) printed alone, not a site page. */
  card: string | null;
  body: string;
  /** Template path relative to its root, for error messages and incremental builds. */
  template: string;
  /**
   * The document templates (paths relative to the templates root) its text comes from: its own and
   * those it cross-references, whose titles it shows. Partials, data and messages feed every
   * document; the build dates each PDF by the newest commit to these (src/shared/repo.ts).
   */
  sources: string[];
}

/**
 * Renders every template that applies to this model into Markdown documents, with the words the
 * helpers add from `messages` (the client's catalogue; irplan's English without one).
 */
export function renderDocuments(
  model: Model,
  templates: Map<string, string>,
  messages: Messages = englishMessages(),
): RenderedDoc[] {
  const ins = model.insurance;
  const helpers = createHelpers(
    ins
      ? {
          consentIds: ins.consentIds,
          carrier: ins.carrier,
          consentLabels: new Map(ins.consent.map((c) => [c.id, c.label])),
        }
      : null,
    model.stepKinds,
    model.client.locale,
    messages,
    model.consentActions.map((c) => c.id),
  );
  const say: Say = (key, vars) => messages.text(key, vars);
  const partials: Record<string, Handlebars.TemplateDelegate> = {};
  for (const [rel, file] of [...templates].filter(([rel]) => rel.startsWith('partials/')))
    partials[rel.slice('partials/'.length).replace(/\.hbs$/, '')] = partial(file);
  const wanted = new Set(model.checklists.map((c) => c.id));
  const all = [...templates]
    .filter(([rel]) => rel.endsWith('.md.hbs') && !rel.startsWith('partials/'))
    .map(([rel, file]) => readTemplate(rel, file));
  const applies = all.filter((t) => !t.meta.checklist || wanted.has(t.meta.checklist) || !leftOut(t.meta));
  const targets = xrefTargets(all, applies);
  const sources = sourcesOf(
    all,
    [...templates].filter(([rel]) => rel.startsWith('partials/')),
  );
  const render = (t: TemplateFile, m: Model) => {
    checkXrefs(t, targets);
    const doc = renderOne(
      {
        helpers: locatedHelpers({
          ...helpers,
          ...xrefHelpers(targets, t.meta.id, say),
          ...attackHelpers(model.attack),
        }),
        partials,
      },
      t,
      m,
    );
    return { ...doc, sources: sources(t) };
  };
  const docs = applies.filter((t) => !t.meta.glossary).map((t) => render(t, model));
  // The glossary lists what the client's own documents use, so it is rendered from them, last.
  const bodies = docs.map((d) => d.body);
  const used = usedTerms(model.glossary, bodies);
  docs.push(...applies.filter((t) => t.meta.glossary).map((t) => render(t, { ...model, glossary: used })));
  checkXrefHeadings(docs, applies);
  return docs.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** What one client's render passes to every template; the compiled bodies are shared across clients. */
interface ClientRuntime {
  helpers: ReturnType<typeof createHelpers>;
  partials: Record<string, Handlebars.TemplateDelegate>;
}

/**
 * A partial compiled like a template (strict, known helpers only); what fails inside it is
 * reported at the partial's own file and line, not at the template that includes it.
 */
function partial(file: string): Handlebars.TemplateDelegate {
  const body = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const fn = compile({ file, body });
  return (context, options) => {
    try {
      return fn(context, options);
    } catch (cause) {
      throw cause instanceof PartialFailure ? cause : new PartialFailure({ file, body }, cause);
    }
  };
}

function renderOne(runtime: ClientRuntime, t: TemplateFile, model: Model): RenderedDoc {
  let body: string;
  try {
    body = compile(t)(model, { ...runtime, allowProtoPropertiesByDefault: false });
  } catch (cause) {
    throw templateError(t, cause);
  }
  return {
    id: t.meta.id,
    title: t.meta.title,
    order: t.meta.order,
    kind: t.meta.kind,
    binder: t.meta.binder !== false,
    checklist: t.meta.checklist ?? null,
    card: t.meta.card ?? null,
    body: tidy(body),
    template: t.rel,
    sources: [t.rel],
  };
}

/**
 * The templates a document's text comes from: its own, and those that it or any partial (a partial
 * may be used by any document) cross-references. The glossary lists the terms of every document.
 */
function sourcesOf(all: TemplateFile[], partials: [string, string][]): (t: TemplateFile) => string[] {
  const relOf = new Map(all.map((t) => [t.meta.id, t.rel]));
  const fromPartials = partials.flatMap(([, file]) => xrefIds(readFileSync(file, 'utf8')));
  return (t) => {
    if (t.meta.glossary) return all.map((x) => x.rel).sort();
    const ids = [...xrefIds(t.body), ...fromPartials];
    const rels = ids.flatMap((id) => relOf.get(id) ?? []);
    return [...new Set([t.rel, ...rels])].sort();
  };
}

/**
 * A template this client does not get when its checklist is not among the model's: a forensic or
 * response checklist, or the playbook of an incident type the client's data does not call for
 * (its checklist is `playbook-<type>`). A playbook naming some other checklist is kept.
 */
function leftOut(meta: { kind: string; checklist?: string | undefined }): boolean {
  return meta.kind === 'checklist' || (meta.kind === 'playbook' && meta.checklist?.startsWith('playbook-') === true);
}

/** Collapses the blank lines that block helpers leave behind. */
function tidy(md: string): string {
  return `${md
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
