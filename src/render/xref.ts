// Cross-references between documents: {{see "severity"}} or {{see "assets" "Triage matrix"}}.
// The helper writes one piece of HTML that every output reads its own way: the site follows the
// link to the other page, the binder's print (src/pdf/xref.ts) points it at the section and fills
// in the page, and a document printed alone shows "see <title>" without a page.
import type Handlebars from 'handlebars';
import { closest, escapeMarkdown, trusted, UserError } from '../shared/index.ts';
import type { Say } from './messages.ts';
import type { TemplateFile } from './template.ts';

/** The helpers this module adds, for Handlebars' knownHelpersOnly compile option. */
export const XREF_HELPER_NAMES = ['see'];

/** What a cross-reference can point at: each binder document by id, and whether this client gets it. */
export interface XrefTargets {
  titles: Map<string, string>;
  rendered: Set<string>;
}

/** The binder documents of every template (for typos) and of those this client gets. */
export function xrefTargets(all: TemplateFile[], rendered: TemplateFile[]): XrefTargets {
  const inBinder = (t: TemplateFile) => t.meta.binder !== false;
  return {
    titles: new Map(all.filter(inBinder).map((t) => [t.meta.id, t.meta.title])),
    rendered: new Set(rendered.filter(inBinder).map((t) => t.meta.id)),
  };
}

/** The document ids a template body or partial cross-references with {{see "..."}}. */
export function xrefIds(body: string): string[] {
  return [...body.matchAll(XREF)].map((m) => m[1] ?? '');
}

const XREF = /\{\{~?\s*see\s+"([^"]*)"/g;

/** Refuses a {{see "..."}} whose target is no binder document, at its line and column. */
export function checkXrefs(t: TemplateFile, targets: XrefTargets): void {
  for (const [i, line] of t.body.split('\n').entries()) {
    for (const m of line.matchAll(XREF)) {
      const id = m[1] ?? '';
      const position = { file: t.file, line: i + 1 + t.bodyLine, col: (m.index ?? 0) + 1 };
      // The PDF outline takes a heading's text from the first print, before numbers are written in.
      if (/^\s*#/.test(line))
        throw new UserError('IRP_TEMPLATE_XREF', `{{see "${id}"}} is in a heading`, {
          position,
          hint: 'put the reference in the text under the heading: the binder outline would show its placeholder page',
        });
      if (targets.titles.has(id)) continue;
      const guess = closest(id, [...targets.titles.keys()]);
      throw new UserError('IRP_TEMPLATE_XREF', `{{see "${id}"}} names no document of the binder`, {
        position,
        hint: guess ? `did you mean "${guess}"?` : 'name a document by the id in its front matter',
      });
    }
  }
}

/**
 * Refuses a {{see "doc" "Heading"}} whose document has no heading of that title once rendered (the
 * link would lead nowhere and the binder could give no page), at the reference's position.
 */
export function checkXrefHeadings(docs: { id: string; body: string }[], files: TemplateFile[]): void {
  const titles = new Map(
    docs.map((d) => [d.id, new Set([...d.body.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => m[1]))]),
  );
  for (const d of docs) {
    for (const m of d.body.matchAll(/data-xref="([^"]*)" data-xref-heading="([^"]*)"/g)) {
      const [doc, heading] = [decode(m[1] ?? ''), decode(m[2] ?? '')];
      if (titles.get(doc)?.has(heading)) continue;
      const t = files.find((f) => f.meta.id === d.id);
      const at = t?.body.split('\n').findIndex((l) => l.includes(`"${heading}"`)) ?? -1;
      throw new UserError('IRP_TEMPLATE_XREF', `{{see "${doc}" "${heading}"}}: "${doc}" has no heading "${heading}"`, {
        position: { file: t?.file ?? d.id, line: at < 0 ? 1 : at + 1 + (t?.bodyLine ?? 0), col: 1 },
        hint: 'give the exact title of a heading in that document, or leave the title out to point at the document',
      });
    }
  }
}

/** Numeric character references (escapeMarkdown's output) back to text. */
function decode(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** The {{see}} helper of one document (`from`, whose site page the link starts from), in the client's words. */
export function xrefHelpers(targets: XrefTargets, from: string, say: Say) {
  return {
    see: (...args: unknown[]) => {
      const options = args.at(-1) as Handlebars.HelperOptions;
      const [doc, heading] = args.slice(0, -1);
      if (typeof doc !== 'string' || (heading !== undefined && typeof heading !== 'string'))
        throw new Error('{{see}} takes a document id and, optionally, the exact title of a heading in it');
      return seeMarkup(say, targets, from, doc, heading, options.hash?.capital === true);
    },
  };
}

function seeMarkup(
  say: Say,
  targets: XrefTargets,
  from: string,
  doc: string,
  heading: string | undefined,
  capital: boolean,
): Handlebars.SafeString {
  const title = targets.titles.get(doc);
  if (title === undefined) throw new Error(`{{see "${doc}"}} names no document of the binder`);
  if (!targets.rendered.has(doc))
    throw new Error(
      `{{see "${doc}"}} points at a document this client does not get; put it inside the {{#if}} that decides whether the client gets it`,
    );
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(doc))
    throw new Error(`{{see "${doc}"}}: document ids are lower case words and dashes`);
  const text = heading ?? title;
  // Site pages live side by side (<base><id>/); the start page is the one above them. Written
  // plainly (ids and slugs hold no markup), so the offline copy can turn it into an anchor.
  const href = `${from === 'index' ? './' : '../'}${doc}/${heading ? `#${slug(heading)}` : ''}`;
  const attrs = [
    'class="xref"',
    `href="${href}"`,
    `data-xref="${escapeMarkdown(doc)}"`,
    heading ? `data-xref-heading="${escapeMarkdown(heading)}"` : '',
  ].filter(Boolean);
  // The page slot is hidden everywhere but in the binder (print.css); fixed width, so writing the
  // number in after the first print moves nothing. A translation may put words between the link and
  // the slot, never an element: print.css and src/pdf/contents.ts find the slot as the link's next element.
  const at = `<span class="xref-at" hidden data-pagefind-ignore>${say('render.see_page', { page: '<span class="xref-page">0</span>' })}</span>`;
  const link = `<a ${attrs.join(' ')}>${escapeMarkdown(text)}</a>`;
  return trusted(say(capital ? 'render.see_capital' : 'render.see', { target: link, page_ref: at }));
}

/** A heading's id as the site's Markdown gives it (github-slugger: lower case, punctuation dropped). */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
