// The binder's page numbers (contents, cover, cross-references): written in from a first print,
// then (for the reprint of the numbered pages alone) the rest of the binder emptied so that
// Chromium does not lay it all out again.
import type { Page } from 'puppeteer';

/** An outline entry's title and page, in document order (outline.ts, flatOutline). */
export interface OutlineMark {
  title: string;
  page: number;
}

/**
 * Chromium cannot number pages itself (no target-counter()), so the binder is printed once and its
 * visible headings matched, in order and by text, with that PDF's outline: the contents, the cover
 * and each cross-reference's slot ({{see}}) get the page of their target. The slots keep a fixed
 * width, so the layout does not move. Duplex binders first get a blank filler before each section
 * that would start on a left-hand page (the page numbers count them). Returns the pages that now
 * show a number (the front pages and every page of a section holding a reference), for the
 * reprint of those pages alone; each binder section is marked with its page count and whether it
 * holds a number (emptyUnnumbered). A target with no outline entry is an error, never a "p. 0".
 */
export async function numberPages(
  page: Page,
  outline: OutlineMark[],
  pageCount: number,
  duplex: boolean,
): Promise<number[]> {
  const result = await page.evaluate(
    (outline: OutlineMark[], pageCount: number, duplex: boolean) => {
      const shown = (el: Element) => el.getClientRects().length > 0;
      // Outline titles lose the spaces where a heading wrapped; a heading Chromium left out of the
      // outline (none is expected) takes no entry from the ones after it.
      const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
      const HEADINGS = 'h1, h2, h3, h4, h5, h6';
      const pageOf = new Map<Element, number>();
      const sections = [...document.querySelectorAll<HTMLElement>('section.section[id]')];
      const firstHeading = (s: Element) => [...s.querySelectorAll(HEADINGS)].find(shown);
      const find = (h: Element, from: number, to: number) =>
        outline.findIndex((e, j) => j >= from && j < to && squash(e.title) === squash(h.textContent));
      // Sections are matched first, so that a heading Chromium left out of the outline cannot take a
      // later section's entry of the same text; other headings are looked for within their section.
      const entryOf = new Map<Element, number>();
      let next = 0;
      for (const section of sections) {
        const h = firstHeading(section);
        const i = h ? find(h, next, outline.length) : -1;
        if (i < 0) continue;
        entryOf.set(section, i);
        next = i + 1;
      }
      const bounds = sections.map((sec, k) => {
        const later = sections.slice(k + 1).find((x) => entryOf.has(x));
        return {
          sec,
          from: entryOf.get(sec) ?? 0,
          to: later ? (entryOf.get(later) ?? outline.length) : outline.length,
        };
      });
      next = 0;
      for (const h of [...document.querySelectorAll(HEADINGS)].filter(shown)) {
        const b = bounds.find((x) => x.sec.contains(h));
        const i = find(h, Math.max(next, b?.from ?? 0), b?.to ?? outline.length);
        if (i < 0) continue;
        pageOf.set(h, outline[i]?.page ?? 0);
        next = i + 1;
      }
      const problems: string[] = [];
      const pageOfHeading = (h: Element | undefined, what: string) => {
        const at = h ? pageOf.get(h) : undefined;
        if (!at) problems.push(`${what} has no outline entry`);
        return at ?? 0;
      };
      const start = new Map<Element, number>();
      const shiftOf = new Map<Element, number>();
      let shift = 0;
      for (const section of sections) {
        let at = pageOfHeading(firstHeading(section), `section ${section.id}`) + shift;
        if (duplex && at % 2 === 0) {
          const blank = document.createElement('div');
          blank.className = 'blank-page';
          // The print page carries the words in its client's language (Print.astro, pdf.blank_page).
          blank.textContent = document.body.dataset.blankPage ?? '';
          section.before(blank);
          shift++;
          at++;
        }
        start.set(section, at);
        shiftOf.set(section, shift);
      }
      const sectionOf = (el: Element) => sections.find((s) => s.contains(el));
      const pageAt = (el: Element | null, what: string) => {
        if (el && start.has(el)) return start.get(el) ?? 0;
        const section = el ? sectionOf(el) : undefined;
        return pageOfHeading(el ?? undefined, what) + (section ? (shiftOf.get(section) ?? 0) : 0);
      };
      for (const el of document.querySelectorAll<HTMLElement>('[data-toc-for]')) {
        const target = sections.find((s) => s.id === el.dataset.tocFor);
        el.textContent = target ? String(start.get(target) ?? '') : '';
      }
      const numbered = new Set<Element>();
      for (const slot of [...document.querySelectorAll('.xref-at')].filter(shown)) {
        const link = slot.previousElementSibling;
        const target = document.getElementById(link?.getAttribute('href')?.slice(1) ?? '');
        const number = slot.querySelector('.xref-page');
        if (number) number.textContent = String(pageAt(target, `the target of "see ${link?.textContent}"`));
        const section = sectionOf(slot);
        if (section) numbered.add(section);
      }
      const binder = sections.filter((s) => s.matches('[data-binder-section]'));
      const pages = new Set<number>();
      for (let p = 1; p < (binder[0] ? (start.get(binder[0]) ?? 1) : 1); p++) pages.add(p);
      binder.forEach((section, i) => {
        const from = start.get(section) ?? 0;
        const following = binder[i + 1];
        const to = following ? (start.get(following) ?? 0) - 1 : pageCount;
        section.dataset.pages = String(to - from + 1);
        if (!numbered.has(section)) return;
        section.dataset.numbered = '';
        for (let p = from; p <= to; p++) pages.add(p);
      });
      return { problem: problems[0] ?? null, pages: [...pages].sort((a, b) => a - b) };
    },
    outline,
    pageCount,
    duplex,
  );
  if (result.problem) throw new Error(`cannot number the binder's pages: ${result.problem}`);
  return result.pages;
}

/**
 * Before the numbered pages are printed again, every binder section without a number is emptied
 * and followed by blank pages up to its page count: each section starts on a page of its own, so
 * the sections that are kept fall on the same pages and are laid out as in the full print, while
 * Chromium has much less to lay out. The splice compares each page's marked content with the full
 * print's, so a difference is caught there (and the binder printed in full again).
 */
export async function emptyUnnumbered(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const section of document.querySelectorAll<HTMLElement>('section[data-binder-section]')) {
      if (section.dataset.numbered !== undefined) continue;
      section.replaceChildren();
      const fill = document.createDocumentFragment();
      for (let i = 1; i < Number(section.dataset.pages); i++) {
        const blank = document.createElement('div');
        blank.style.breakBefore = 'page';
        fill.append(blank);
      }
      section.after(fill);
    }
  });
}

/**
 * The benchmark's floor (scripts/bench) prints the front pages alone this way: the binder's sections are emptied and blank pages
 * fill up to the first print's page count. Printing pages 1 to n still lays out the whole
 * document; emptied, only the front pages have content to lay out. What the front pages show
 * does not change: nothing before the first section depends on the content after it,
 * the sections keep their ids (the contents' links still have targets) and "Page 2 of 110" still
 * counts 110 pages. The splice compares the marked content of every front page with the full
 * print's, so a difference is caught there (and the binder printed in full again).
 */
export async function emptySections(page: Page, front: number, pageCount: number): Promise<void> {
  await page.evaluate(
    (front: number, pageCount: number) => {
      const sections = [...document.querySelectorAll<HTMLElement>('section[data-binder-section]')];
      for (const s of sections) s.replaceChildren();
      // Each emptied section still starts a page of its own (break-before); blank pages make up the rest.
      const fill = document.createDocumentFragment();
      for (let i = front + sections.length; i < pageCount; i++) {
        const blank = document.createElement('div');
        blank.style.breakBefore = 'page';
        fill.append(blank);
      }
      sections.at(-1)?.after(fill);
    },
    front,
    pageCount,
  );
}
