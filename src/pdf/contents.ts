// The binder's contents page: numbered from a first print, then (for the reprint of the front
// pages alone) the rest of the binder emptied so that Chromium does not lay it all out again.
import type { Page } from 'puppeteer';

/**
 * Chromium cannot number a contents page itself (no target-counter()), so the binder is printed
 * once, each section's first page read from that PDF's outline and written into the contents, the
 * cover and (duplex) the fillers. The numbers keep a fixed width, so the layout does not move.
 * Returns how many front pages hold numbers: the pages before the first numbered section, or 0 if
 * a number is further on (then only a full print shows them all).
 */
export async function numberContents(page: Page, pages: number[], duplex: boolean): Promise<number> {
  const result = await page.evaluate(
    (pages: number[], duplex: boolean) => {
      const h1s = [...document.querySelectorAll('h1')];
      if (h1s.length !== pages.length)
        return { problem: `${h1s.length} h1 headings but ${pages.length} outline entries`, front: 0 };
      const start = new Map<string, number>();
      h1s.forEach((h, i) => {
        const id = h.closest('section[id]')?.id;
        if (id && !start.has(id)) start.set(id, pages[i] ?? 0);
      });
      let shift = 0;
      for (const section of document.querySelectorAll<HTMLElement>('section.section[id]')) {
        let at = (start.get(section.id) ?? 0) + shift;
        if (duplex && at % 2 === 0) {
          const blank = document.createElement('div');
          blank.className = 'blank-page';
          blank.textContent = 'This page is intentionally blank.';
          section.before(blank);
          shift++;
          at++;
        }
        start.set(section.id, at);
      }
      const numbers = [...document.querySelectorAll<HTMLElement>('[data-toc-for]')];
      for (const el of numbers) el.textContent = String(start.get(el.dataset.tocFor ?? '') ?? '');
      const first = document.querySelector<HTMLElement>('section[data-binder-section][id]');
      const before =
        first !== null &&
        numbers.every((el) => (el.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
      return { problem: null, front: before && first ? (start.get(first.id) ?? 1) - 1 : 0 };
    },
    pages,
    duplex,
  );
  if (result.problem) throw new Error(`cannot number the contents: ${result.problem}`);
  return result.front;
}

/**
 * Before the front pages are printed again, the binder's sections are emptied and blank pages
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
