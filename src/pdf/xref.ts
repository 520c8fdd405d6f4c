// Cross-references on a print page ({{see}}, src/render/xref.ts): each one is pointed at its target
// in this document, or, when the document does not hold it (a checklist printed alone), left as
// plain text. Run on every print page after it loads, before any print.
import type { Page } from 'puppeteer';

/**
 * Points each `a.xref` at its target in this document: the section of that document id (or, for a
 * heading, the visible heading of that title inside it), else a visible heading of the same title
 * anywhere (the triage sheet carries its own copy of the triage matrix). A reference with no target
 * loses its link; its page slot stays hidden (print.css shows it only for links into the binder).
 */
export async function linkXrefs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
    // Not getClientRects: that lays out the whole page, which print.css spares on screen.
    const shown = (el: Element) => el.checkVisibility();
    const headingIn = (root: ParentNode, title: string) =>
      [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].find((h) => shown(h) && norm(h.textContent) === title);
    let made = 0;
    for (const a of document.querySelectorAll<HTMLAnchorElement>('a.xref[data-xref]')) {
      const doc = a.dataset.xref ?? '';
      const heading = a.dataset.xrefHeading;
      const section = [...document.querySelectorAll('section[id]')].find((s) => s.id === doc && shown(s));
      const target =
        (section && (heading === undefined ? section : headingIn(section, heading))) ??
        headingIn(document, heading ?? norm(a.textContent));
      if (!target) {
        a.removeAttribute('href');
        continue;
      }
      // Heading ids repeat between sections of the binder (each document is slugged alone).
      if (target !== section && !target.id.startsWith('xref-')) target.id = `xref-${++made}`;
      a.setAttribute('href', `#${target.id}`);
    }
  });
}

/** From this many pages on, page numbers have three digits: the slots are widened (print.css). */
export const WIDE_FROM = 100;

/**
 * Text that fills 100 pages or more: the examples' binders and the benchmark's carry 1,800 to
 * 2,130 characters a page, so 216,000 characters pass 100 pages even at the densest. Such a
 * binder gets three-digit slots before its first print, sparing it a second full print; a shorter
 * one that still passes 99 pages is laid out again (numberFrontPages), and one under 100 never
 * shows the wider slot. The text decides, not a previous build: the same page prints the same.
 */
const WIDE_TEXT = 216_000;

/** True when the page's text is long enough for three-digit slots up front (WIDE_TEXT). */
export async function likelyWide(page: Page): Promise<boolean> {
  return page.evaluate((min) => (document.body.textContent?.length ?? 0) >= min, WIDE_TEXT);
}

/**
 * Widens every cross-reference's page slot to three digits. Returns false when the document has
 * none (then nothing changed and no new print is needed).
 */
export async function widenXrefs(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    document.body.classList.add('wide-xrefs');
    return document.querySelector('.xref-page') !== null;
  });
}
