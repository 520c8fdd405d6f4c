// Puts freshly numbered front pages (cover and contents) into a binder that was printed with
// placeholder numbers, so the binder is printed in full only once.
//
// Only the /Contents and /Resources of the front pages change. Every page object stays where it is
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
 * Returns `full` with pages 1..n taking their content and resources from `front` (a print of only
 * those pages, after the numbers were written in), or a refusal when that would not be safe: the
 * marked content of a page differs (the structure tree would no longer match it) or the PDFs are
 * not laid out as expected.
 */
export function spliceFrontPages(full: Buffer, front: Buffer, n: number): Spliced {
  try {
    return splice(new ClassicPdf(full), new ClassicPdf(front), n);
  } catch (err) {
    if (err instanceof Unexpected) return { refused: `unexpected PDF: ${err.message}` };
    throw err;
  }
}

function splice(full: ClassicPdf, front: ClassicPdf, n: number): Spliced {
  const fullPages = full.pages();
  const frontPages = front.pages();
  if (n < 1 || frontPages.length !== n || fullPages.length < n)
    throw new Unexpected(`front print has ${frontPages.length} pages, wanted ${n}`);
  const copier = new Copier(full, front, fullPages.slice(0, n));
  const edits: Edit[] = [];
  for (let i = 0; i < n; i++) {
    const oldPage = pageObject(full, fullPages[i] as number);
    const newPage = pageObject(front, frontPages[i] as number);
    if (oldPage.mediaBox !== newPage.mediaBox) throw new Unexpected('page sizes differ');
    if (!sameMarkedContent(full.inflate(oldPage.contents), front.inflate(newPage.contents)))
      return { refused: `marked content differs on page ${i + 1}` };
    // The new content stream takes the old one's object number (only this page uses it), so the
    // old stream does not stay behind in the file; the page's /Contents entry is unchanged.
    edits.push({ span: full.span(oldPage.contents), text: copier.streamAs(oldPage.contents, newPage.contents) });
    edits.push({ span: full.span(oldPage.num), text: withResources(full, oldPage, copier.value(newPage.resources)) });
  }
  return { pdf: full.rewrite(edits, copier.appended) };
}

/**
 * The structure tree of the full print points into each page's content by marked-content id. If a
 * front page's new content has the same tagged sequence, the tree still describes it; if not (a
 * line re-wrapped around a longer number, say), splicing would break the tags.
 */
export function sameMarkedContent(before: Buffer, after: Buffer): boolean {
  const ids = (content: Buffer) =>
    [...content.toString('latin1').matchAll(/\/([^\s/<>]+)\s*<<\s*\/MCID\s+(\d+)\s*>>\s*BDC/g)]
      .map((m) => `${m[1]} ${m[2]}`)
      .join(',');
  return ids(before) === ids(after);
}
