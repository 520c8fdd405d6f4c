import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../../src/pdf/browser.ts';
import { numberFrontPages, pageRanges } from '../../../src/pdf/front.ts';
import type { PrintCounts } from '../../../src/pdf/job.ts';
import { readOutline } from '../../../src/pdf/outline.ts';
import { splicePages } from '../../../src/pdf/splice.ts';
import { linkXrefs } from '../../../src/pdf/xref.ts';
import { REPO } from '../../helpers/bin.ts';
import { tempDir, tool } from '../../helpers/cli.ts';

// The binder's page numbers with real Chromium prints and the real print.css: a cover and
// contents, sections that start on pages of their own, cross-references ({{see}}'s markup) to a
// section and to a heading, one to a heading that only a printed-alone copy carries (hidden in the
// binder), one to a document the print does not hold, and a heading left out of the outline.
const CSS = readFileSync(join(REPO, 'src', 'site', 'styles', 'print.css'), 'utf8');
const OPTIONS: PDFOptions = { preferCSSPageSize: true, printBackground: true, outline: true, tagged: true };
const see = (doc: string, text: string, heading?: string) =>
  `see <a class="xref" href="../${doc}/" data-xref="${doc}"${heading ? ` data-xref-heading="${heading}"` : ''}>${text}</a><span class="xref-at" hidden data-pagefind-ignore>, p.<span class="xref-page">0</span></span>`;
const filler = (n: number) => '<p>Text that fills the page, line after line, until it breaks.</p>'.repeat(n);

function binder(extraSections: number): string {
  const sections = [
    // A heading Chromium leaves out of the outline (folded away) must not shift the others' pages.
    `<section class="section" id="one" data-binder-section><h1>One</h1><details><summary>More</summary><h2>Folded</h2></details><p>First ${see('three', 'Deep part', 'Deep part')}; then ${see('two', 'Two')}; nothing: ${see('gone', 'Gone')}.</p></section>`,
    `<section class="section" id="two" data-binder-section><h1>Two</h1>${filler(90)}</section>`,
    `<section class="section" id="three" data-binder-section><h1>Three</h1>${filler(30)}<h2>Deep part</h2><p>Here.</p></section>`,
    `<section class="section" id="four" data-binder-section><h1>Four</h1><p>Last ${see('one', 'One')}.</p><div class="alone-only"><h2>Deep part</h2></div></section>`,
    ...Array.from(
      { length: extraSections },
      (_, i) => `<section class="section" id="x${i}" data-binder-section><h1>Extra ${i}</h1><p>${i}</p></section>`,
    ),
  ];
  return `<!doctype html><html lang="en"><head><title>t</title><style>@page { size: letter; } ${CSS}</style></head>
  <body class="binder"><div class="cover"><p>Turn to page <span data-toc-for="two">0</span>.</p></div>
  <section class="section toc" id="contents"><h1>Contents</h1><ol class="toc-list">
  <li><a href="#one"><span class="toc-title">One</span><span class="toc-leader"></span><span class="toc-page" data-toc-for="one">0</span></a></li>
  </ol></section>${sections.join('')}</body></html>`;
}

let browser: Browser;
const dir = tempDir('irplan-numbering-');
beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer');
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Prints the binder as the printer does: linked, printed in full, numbered, numbered pages again, spliced. */
async function printBinder(html: string) {
  const page: Page = await browser.newPage();
  try {
    await page.goto(`data:text/html;base64,${Buffer.from(html).toString('base64')}`, { waitUntil: 'load' });
    await linkXrefs(page);
    const counts: PrintCounts = { prints: 1, partialPrints: 0, fallbacks: 0 };
    const printed = await numberFrontPages(counts, page, Buffer.from(await page.pdf(OPTIONS)), OPTIONS);
    if (!printed.front) throw new Error('nothing numbered');
    const spliced = splicePages(printed.pdf, printed.front.pdf, printed.front.pages);
    if ('refused' in spliced) throw new Error(spliced.refused);
    const file = join(dir, `binder-${extraSectionsOf(html)}.pdf`);
    writeFileSync(file, spliced.pdf);
    return { file, counts, front: printed.front };
  } finally {
    await page.close();
  }
}
const extraSectionsOf = (html: string) => (html.match(/id="x\d+"/g) ?? []).length;
const text = (file: string, p: number) =>
  tool('pdftotext', ['-f', String(p), '-l', String(p), file, '-']).replace(/\s+/g, ' ');
const outlinePage = (file: string, title: string) =>
  readOutline(readFileSync(file))
    .flatMap((e) => [e, ...e.children])
    .find((e) => e.title === title)?.page;

describe('numbered pages', () => {
  test('cross-references carry the page of their target, from the outline, and only pages with numbers are printed again', async () => {
    const { file, counts, front } = await printBinder(binder(0));
    const one = outlinePage(file, 'One') ?? 0;
    const page = text(file, one);
    expect(page).toContain(`see Deep part, p. ${outlinePage(file, 'Deep part')};`);
    expect(page).toContain(`see Two, p. ${outlinePage(file, 'Two')};`);
    // No target in this document: plain text, no page.
    expect(page).toMatch(/nothing: see Gone\./);
    expect(text(file, outlinePage(file, 'Four') ?? 0)).toContain(`Last see One, p. ${one}.`);
    expect(text(file, 1)).toContain(`Turn to page ${outlinePage(file, 'Two')}.`);
    // The copy hidden in the binder is not in the outline: one "Deep part", in section Three.
    expect(readOutline(readFileSync(file)).flatMap((e) => e.children.map((c) => c.title))).toEqual(['Deep part']);
    // Cover, contents, section One and section Four: not Two (3 pages) or Three.
    expect(pageRanges(front.pages)).toBe(`1-${one},${outlinePage(file, 'Four')}`);
    expect(counts).toMatchObject({ prints: 1, partialPrints: 1 });
    expect(tool('mutool', ['show', file, 'outline'])).toContain('"Two"');
  });

  test('a binder of 100 pages or more is laid out again with three-digit slots before it is numbered', async () => {
    const { file, counts } = await printBinder(binder(100));
    expect(counts).toMatchObject({ prints: 2, partialPrints: 1 });
    const four = outlinePage(file, 'Four') ?? 0;
    expect(text(file, four)).toContain(`Last see One, p. ${outlinePage(file, 'One')}.`);
    expect(Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1])).toBeGreaterThanOrEqual(100);
  });
});

test('pageRanges joins consecutive pages', () => {
  expect(pageRanges([1, 2, 3, 8, 12, 13])).toBe('1-3,8,12-13');
  expect(pageRanges([5])).toBe('5');
});
