// Puts freshly numbered pages (cover, contents, pages with cross-references) into a binder that was
// printed with placeholder numbers, so the binder is printed in full only once.
//
// Only the /Contents and /Resources of those pages change. Every page object stays where it is
// and keeps its number, because the structure tree (/Pg), the parent tree (/StructParents), the
// outline (/Dest), the named destinations and the link annotations all point at page objects.
// Chromium writes a classic xref table and uncompressed dictionaries (Flate-compressed streams);
// anything else is "unexpected", and the caller then prints the whole binder again.
import { ClassicPdf } from './classicpdf.ts';
import type { Edit } from './classicpdf.ts';
import { Copier } from './copier.ts';
import { pageObject, withResources } from './pageobject.ts';
import { Unexpected } from './pdfsyntax.ts';

/** The spliced PDF, or why splicing was refused (for tests; the printer only counts refusals). */
export type Spliced = { pdf: Buffer } | { refused: string };

/**
 * Returns `full` with the pages numbered `pages` (1-based, ascending) taking their content and
 * resources from `printed` (a print of only those pages, in order, after the numbers were written
 * in), or a refusal when that would not be safe: the marked content of a page differs (the
 * structure tree would no longer match it) or the PDFs are not laid out as expected.
 */
export function splicePages(full: Buffer, printed: Buffer, pages: number[]): Spliced {
  try {
    return splice(new ClassicPdf(full), new ClassicPdf(printed), pages);
  } catch (err) {
    if (err instanceof Unexpected) return { refused: `unexpected PDF: ${err.message}` };
    throw err;
  }
}

function splice(full: ClassicPdf, printed: ClassicPdf, pages: number[]): Spliced {
  const fullPages = full.pages();
  const newPages = printed.pages();
  const oldPages = pages.map((p) => fullPages[p - 1]);
  if (pages.length === 0 || newPages.length !== pages.length || oldPages.some((n) => n === undefined))
    throw new Unexpected(`the reprint has ${newPages.length} pages, wanted ${pages.length}`);
  const copier = new Copier(full, printed, oldPages as number[]);
  const edits: Edit[] = [];
  for (const [i, p] of pages.entries()) {
    const oldPage = pageObject(full, oldPages[i] as number);
    const newPage = pageObject(printed, newPages[i] as number);
    if (oldPage.mediaBox !== newPage.mediaBox) throw new Unexpected('page sizes differ');
    if (!sameMarkedContent(full.inflate(oldPage.contents), printed.inflate(newPage.contents)))
      return { refused: `marked content differs on page ${p}` };
    // The new content stream takes the old one's object number (only this page uses it), so the
    // old stream does not stay behind in the file; the page's /Contents entry is unchanged.
    edits.push({ span: full.span(oldPage.contents), text: copier.streamAs(oldPage.contents, newPage.contents) });
    edits.push({ span: full.span(oldPage.num), text: withResources(full, oldPage, copier.value(newPage.resources)) });
  }
  return { pdf: full.rewrite(edits, copier.appended) };
}

/**
 * The structure tree of the full print points into each page's content by marked-content id. If a
 * numbered page's new content has the same tagged sequence, the tree still describes it; if not (a
 * line re-wrapped around a longer number, say), splicing would break the tags.
 */
export function sameMarkedContent(before: Buffer, after: Buffer): boolean {
  const ids = (content: Buffer) =>
    [...content.toString('latin1').matchAll(/\/([^\s/<>]+)\s*<<\s*\/MCID\s+(\d+)\s*>>\s*BDC/g)]
      .map((m) => `${m[1]} ${m[2]}`)
      .join(',');
  return ids(before) === ids(after);
}
