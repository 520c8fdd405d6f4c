// The binder page shown one part at a time (parts.ts prints each part alone). Every binder section
// starts a new page, so a run of sections printed alone is laid out as it is in the whole binder;
// what differs is put right here: the page numbers continue from the parts before ("Page 37 of
// 244"), the cover's bare first page is the first part's only, and a link into another part is
// written as an irplan-part: URI that the merge (merge.ts) turns back into a link.
import type { Page } from 'puppeteer';
import { PART_LINK } from './merge.ts';

/**
 * Gives every child of the binder's body a part: the cover and contents are part 0, then each run
 * of sections of one kind, at most `maxSections` to a part. The cut depends only on the sections
 * and their kinds, so an edit inside a section leaves every other part as it was. Returns the id of
 * each part's first section ('' for part 0, which starts the binder).
 */
export async function markParts(page: Page, maxSections: number): Promise<string[]> {
  return page.evaluate((max: number) => {
    let part = 0;
    let inPart = 0;
    let kind = '';
    const firsts = [''];
    for (const el of document.body.children) {
      if (el.matches('section[data-binder-section]')) {
        const own = [...el.classList].find((c) => c.startsWith('kind-')) ?? '';
        if (part === 0 || own !== kind || inPart >= max) {
          part++;
          inPart = 0;
          kind = own;
          firsts.push(el.id);
        }
        inPart++;
      }
      (el as HTMLElement).dataset.part = String(part);
    }
    return firsts;
  }, maxSections);
}

/** What startParts leaves on the page for the calls below (all run in the page). */
interface PartState {
  /** Puts the page back as loaded: every element, link and the page style. */
  reset(): void;
  /** Points every link into another part at its part URI and anchors every target of one. */
  linkAcross(): void;
  /** The page style of part k, numbered from `first` of `total`; false if it cannot be continued. */
  pageStyle(k: number, first: number, total: number): boolean;
  /** The markup part k prints from: the head (styles), the body's attributes and part k's elements. */
  markup(k: number): string;
  /** Takes every element of other parts out of the document. */
  keepOnly(k: number): void;
}

/**
 * Shows part `k` alone, its pages numbered from `first` of `total`, and returns the markup it is
 * printed from (parts.ts hashes it). Links to other parts become irplan-part: URIs; an element of
 * this part that another part links to gets a link of its own, as Chromium writes a named
 * destination only for an id something in the same print links to.
 */
export async function showPart(page: Page, k: number, first: number, total: number): Promise<string> {
  const html = await page.evaluate(
    (k: number, first: number, total: number) => {
      const parts = (window as unknown as { irplanParts?: PartState }).irplanParts;
      if (!parts) return null;
      parts.reset();
      parts.linkAcross();
      if (!parts.pageStyle(k, first, total)) return null;
      const html = parts.markup(k);
      // The other parts leave the document: a print lays out and styles every element there is,
      // hidden or not, so a part printed beside the whole binder would cost nearly the whole print.
      parts.keepOnly(k);
      return html;
    },
    k,
    first,
    total,
  );
  if (html === null) throw new Error('the binder page is not laid out as parts.ts expects (no page style to continue)');
  return html;
}

/**
 * The markup showPart would return for each part (each starting on `firsts[k]`), in one call and
 * without taking elements out: a binder edit finds most of its parts in the store, and showing
 * each in turn cost up to a second a binder. The links and anchors of every part are set at once,
 * since a part's markup holds only its own. The page is left as showWhole leaves it.
 */
export async function partMarkups(page: Page, firsts: number[], total: number): Promise<string[]> {
  const markups = await page.evaluate(
    (firsts: number[], total: number) => {
      const parts = (window as unknown as { irplanParts?: PartState }).irplanParts;
      if (!parts) return null;
      parts.reset();
      parts.linkAcross();
      const out: string[] = [];
      for (const [k, first] of firsts.entries()) {
        if (!parts.pageStyle(k, first, total)) return null;
        out.push(parts.markup(k));
      }
      parts.reset();
      return out;
    },
    firsts,
    total,
  );
  if (markups === null)
    throw new Error('the binder page is not laid out as parts.ts expects (no page style to continue)');
  return markups;
}

/**
 * Prepares the page for showPart and partMarkups, once after markParts: it keeps the style sheet
 * with the page rules and the links across parts, found once (the numbers written in later move
 * none), and the calls above.
 */
export async function startParts(page: Page): Promise<void> {
  const found = await page.evaluate((scheme: string) => {
    const style = [...document.head.querySelectorAll('style')].find((s) =>
      /counter\(pages\)/.test(s.textContent ?? ''),
    );
    if (!style) return false;
    const css = style.textContent ?? '';
    const children = [...document.body.children];
    const partOf = (el: Element) => el.closest<HTMLElement>('body > [data-part]')?.dataset.part;
    const links = [...document.querySelectorAll('a[href^="#"]')].flatMap((a) => {
      const href = a.getAttribute('href') ?? '';
      const id = decodeURIComponent(href.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return [];
      const from = partOf(a);
      const to = partOf(target);
      return from === to ? [] : [{ a, href, id, target }];
    });
    // Only the binder's own first page (the cover) goes without running heads.
    const bare = /^@page :first \{.*\}$/m;
    const state: PartState = {
      reset() {
        // The elements first: anchors inside elements of other parts are found only in the document.
        document.body.append(...children);
        for (const link of links) link.a.setAttribute('href', link.href);
        for (const a of document.querySelectorAll('a.irplan-dest')) a.remove();
        style.textContent = css;
      },
      linkAcross() {
        const wanted = new Set<Element>();
        for (const { a, id, target } of links) {
          a.setAttribute('href', `${scheme}${id}`);
          wanted.add(target);
        }
        for (const target of wanted) {
          const anchor = document.createElement('a');
          anchor.className = 'irplan-dest';
          anchor.setAttribute('href', `#${target.id}`);
          anchor.setAttribute('aria-hidden', 'true');
          // Out of the flow, so the layout does not move; inside a heading, so its text does not change.
          anchor.setAttribute('style', 'position: absolute; width: 1px; height: 1px;');
          const at = target.matches('section') ? (target.querySelector('h1, h2, h3, h4, h5, h6') ?? target) : target;
          at.prepend(anchor);
        }
      },
      pageStyle(k, first, total) {
        // "of N" is written in: counter(pages) would count this part's pages only.
        let own = css.replaceAll('counter(pages)', `"${total}"`);
        if (k > 0) {
          if (!bare.test(own)) return false;
          own = `${own.replace(bare, '')}\n@page { counter-increment: page 1; }\n@page :first { counter-increment: page ${first}; }`;
        }
        style.textContent = own;
        return true;
      },
      markup(k) {
        const part = String(k);
        const body = [...document.body.attributes].map((a) => `${a.name}=${a.value}`).join('\n');
        const shown = [...document.body.children].filter(
          (el) => !children.includes(el) || (el as HTMLElement).dataset.part === part,
        );
        return [document.head.outerHTML, body, ...shown.map((e) => e.outerHTML)].join('\0');
      },
      keepOnly(k) {
        for (const el of children) if ((el as HTMLElement).dataset.part !== String(k)) el.remove();
      },
    };
    (window as unknown as { irplanParts?: PartState }).irplanParts = state;
    return true;
  }, PART_LINK);
  if (!found) throw new Error('the binder page has no page style with counter(pages)');
}

/** Shows the whole binder again, as loaded (its page numbers are written on the whole: contents.ts). */
export async function showWhole(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { irplanParts?: PartState }).irplanParts?.reset());
}
