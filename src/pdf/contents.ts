// The binder's page numbers (contents, cover, cross-references), written in from a print's outline
// (numbered.ts decides which print's).
import type { Page } from 'puppeteer';

/** An outline entry's title and page, in document order (outline.ts, flatOutline). */
export interface OutlineMark {
  title: string;
  page: number;
}

/** What a binder's page numbers are written from: a print's outline, flattened, and its page count. */
export interface Numbering {
  outline: OutlineMark[];
  pageCount: number;
  /** A binder printed in parts (parts.ts): each part's page count, in order. */
  partPages?: number[];
  /** And the keys of its parts in the store, for a build that keeps the binder to keep them too. */
  parts?: string[];
  /** And what every part's print depended on beside its markup (PartStore.basis). */
  partsBasis?: string;
}

/**
 * Chromium cannot number pages itself (no target-counter()), so the binder's visible headings are
 * matched, in order and by text, with a print's outline: the contents, the cover and each
 * cross-reference's slot ({{see}}) get the page of their target. The slots keep a fixed width, so
 * the layout does not move. Duplex binders first get a blank filler before each section that
 * would start on a left-hand page (the page numbers count them). Returns whether anything on the
 * page changed: if not, a print made before shows these very numbers. A target with no outline
 * entry is an error, never a "p. 0".
 */
export async function numberPages(page: Page, outline: OutlineMark[], duplex: boolean): Promise<boolean> {
  return (await numberPagesAt(page, outline, duplex)).changed;
}

/** As numberPages, and also returns the page each section (by id) starts on. */
export async function numberPagesAt(
  page: Page,
  outline: OutlineMark[],
  duplex: boolean,
): Promise<{ changed: boolean; starts: Record<string, number> }> {
  const result = await page.evaluate(
    (outline: OutlineMark[], duplex: boolean) => {
      // Not getClientRects: that lays out the whole page, which print.css spares on screen.
      const shown = (el: Element) => el.checkVisibility();
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
      // Only a slot whose text differs is written: an equal number leaves the page as it was.
      let changed = shift > 0;
      const write = (el: Element, text: string) => {
        if (el.textContent === text) return;
        el.textContent = text;
        changed = true;
      };
      for (const el of document.querySelectorAll<HTMLElement>('[data-toc-for]')) {
        const target = sections.find((s) => s.id === el.dataset.tocFor);
        write(el, target ? String(start.get(target) ?? '') : '');
      }
      for (const slot of [...document.querySelectorAll('.xref-at')].filter(shown)) {
        const link = slot.previousElementSibling;
        const target = document.getElementById(link?.getAttribute('href')?.slice(1) ?? '');
        const number = slot.querySelector('.xref-page');
        if (number) write(number, String(pageAt(target, `the target of "see ${link?.textContent}"`)));
      }
      const starts = Object.fromEntries(sections.map((s) => [s.id, start.get(s) ?? 0]));
      return { problem: problems[0] ?? null, changed, starts };
    },
    outline,
    duplex,
  );
  if (result.problem) throw new Error(`cannot number the binder's pages: ${result.problem}`);
  return { changed: result.changed, starts: result.starts };
}
