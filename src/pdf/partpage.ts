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

/**
 * Shows part `k` alone, its pages numbered from `first` of `total`, and returns the markup it is
 * printed from: its head (styles), body attributes and elements (parts.ts hashes it). Links to
 * other parts become irplan-part: URIs; an element of this part that another part links to gets a
 * link of its own, as Chromium writes a named destination only for an id something in the same
 * print links to.
 */
export async function showPart(page: Page, k: number, first: number, total: number): Promise<string> {
  const html = await page.evaluate(
    (k: number, first: number, total: number, scheme: string) => {
      type Link = { a: Element; href: string; id: string; target: Element; from?: string; to?: string };
      type State = { style: HTMLStyleElement; css: string; children: Element[]; links: Link[] };
      const w = window as unknown as { irplanParts?: State };
      const state = w.irplanParts;
      if (!state) return null;
      for (const link of state.links) link.a.setAttribute('href', link.href);
      for (const a of document.querySelectorAll('a.irplan-dest')) a.remove();
      document.body.append(...state.children);
      const part = String(k);
      // "of N" is written in: counter(pages) would count this part's pages only.
      let css = state.css.replaceAll('counter(pages)', `"${total}"`);
      if (k > 0) {
        // Only the binder's own first page (the cover) goes without running heads.
        const bare = /^@page :first \{.*\}$/m;
        if (!bare.test(css)) return null;
        css = `${css.replace(bare, '')}\n@page { counter-increment: page 1; }\n@page :first { counter-increment: page ${first}; }`;
      }
      state.style.textContent = css;
      const wanted = new Set<Element>();
      for (const { a, id, target, from, to } of state.links) {
        if (from === part) a.setAttribute('href', `${scheme}${id}`);
        else if (to === part) wanted.add(target);
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
      // The other parts leave the document: a print lays out and styles every element there is,
      // hidden or not, so a part printed beside the whole binder would cost nearly the whole print.
      for (const el of state.children) if ((el as HTMLElement).dataset.part !== part) el.remove();
      const body = [...document.body.attributes].map((a) => `${a.name}=${a.value}`).join('\n');
      const shown = [...document.body.children].map((e) => e.outerHTML);
      return [document.head.outerHTML, body, ...shown].join('\0');
    },
    k,
    first,
    total,
    PART_LINK,
  );
  if (html === null) throw new Error('the binder page is not laid out as parts.ts expects (no page style to continue)');
  return html;
}

/** Prepares the page for showPart, once after markParts: the style sheet with the page rules, the links across parts. */
export async function startParts(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const style = [...document.head.querySelectorAll('style')].find((s) =>
      /counter\(pages\)/.test(s.textContent ?? ''),
    );
    if (!style) return false;
    // The links from one part into another, found once: the numbers written in later move none.
    const partOf = (el: Element) => el.closest<HTMLElement>('body > [data-part]')?.dataset.part;
    const links = [...document.querySelectorAll('a[href^="#"]')].flatMap((a) => {
      const href = a.getAttribute('href') ?? '';
      const id = decodeURIComponent(href.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return [];
      const from = partOf(a);
      const to = partOf(target);
      return from === to ? [] : [{ a, href, id, target, from, to }];
    });
    const w = window as unknown as { irplanParts?: unknown };
    w.irplanParts = { style, css: style.textContent ?? '', children: [...document.body.children], links };
    return true;
  });
  if (!found) throw new Error('the binder page has no page style with counter(pages)');
}

/** Shows the whole binder again, as loaded (its page numbers are written on the whole: contents.ts). */
export async function showWhole(page: Page): Promise<void> {
  await page.evaluate(() => {
    type State = { style: HTMLStyleElement; css: string; children: Element[]; links: { a: Element; href: string }[] };
    const state = (window as unknown as { irplanParts?: State }).irplanParts;
    if (!state) return;
    for (const link of state.links) link.a.setAttribute('href', link.href);
    for (const a of document.querySelectorAll('a.irplan-dest')) a.remove();
    document.body.append(...state.children);
    state.style.textContent = state.css;
  });
}
