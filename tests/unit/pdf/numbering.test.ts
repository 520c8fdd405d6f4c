import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../../src/pdf/browser.ts';
import type { PrintCounts } from '../../../src/pdf/job.ts';
import type { Numbering } from '../../../src/pdf/contents.ts';
import { printNumbered } from '../../../src/pdf/numbered.ts';
import { readOutline } from '../../../src/pdf/outline.ts';
import { normalizePdf } from '../../../src/pdf/postprocess.ts';
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

/** Prints the binder as the printer does: linked, numbered from the prediction if any, printed until its numbers are its own. */
async function printBinder(html: string, predicted?: Numbering) {
  const page: Page = await browser.newPage();
  try {
    await page.goto(`data:text/html;base64,${Buffer.from(html).toString('base64')}`, { waitUntil: 'load' });
    await linkXrefs(page);
    const counts: PrintCounts = { prints: 0, numberingPrints: 0, partPrints: 0 };
    const { pdf, numbering } = await printNumbered(counts, page, OPTIONS, predicted);
    const file = join(dir, `binder-${extraSectionsOf(html)}-${predicted ? 'predicted' : 'cold'}.pdf`);
    // Chromium's dates and document id differ from print to print; the printer rewrites them.
    const normalized = normalizePdf(pdf, { epochSeconds: 1_790_000_000, title: 't', author: 'a', subject: 's' });
    writeFileSync(file, normalized);
    return { file, counts, numbering, bytes: normalized };
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
  test('cross-references carry the page of their target, from the outline; without a prediction the binder is printed twice', async () => {
    const { file, counts } = await printBinder(binder(0));
    const one = outlinePage(file, 'One') ?? 0;
    const page = text(file, one);
    expect(page).toContain(`see Deep part, p. ${outlinePage(file, 'Deep part')};`);
    expect(page).toContain(`see Two, p. ${outlinePage(file, 'Two')};`);
    // No target in this document: plain text, no page.
    expect(page).toMatch(/nothing: see Gone\./);
    expect(text(file, outlinePage(file, 'Four') ?? 0)).toContain(`Last see One, p. ${one}.`);
    expect(text(file, 1)).toContain(`Turn to page ${outlinePage(file, 'Two')}.`);
    expect(text(file, outlinePage(file, 'Contents') ?? 0)).toMatch(new RegExp(`One\\.* ${one}`));
    // The copy hidden in the binder is not in the outline: one "Deep part", in section Three.
    expect(readOutline(readFileSync(file)).flatMap((e) => e.children.map((c) => c.title))).toEqual(['Deep part']);
    expect(counts).toEqual({ prints: 2, numberingPrints: 1, partPrints: 0 });
    expect(tool('mutool', ['show', file, 'outline'])).toContain('"Two"');
  });

  test('a right prediction prints once, a wrong one twice, and both give the bytes of the print without one', async () => {
    const cold = await printBinder(binder(0));
    const right = await printBinder(binder(0), cold.numbering);
    expect(right.counts).toEqual({ prints: 1, numberingPrints: 0, partPrints: 0 });
    expect(right.bytes.equals(cold.bytes)).toBe(true);
    // Every page one later, as after an edit that added a page before them all.
    const shifted = cold.numbering.outline.map((e) => ({ ...e, page: e.page + 1 }));
    const wrong = await printBinder(binder(0), { outline: shifted, pageCount: cold.numbering.pageCount + 1 });
    expect(wrong.counts).toEqual({ prints: 2, numberingPrints: 1, partPrints: 0 });
    expect(wrong.bytes.equals(cold.bytes)).toBe(true);
    // A prediction from another binder (headings it does not have) is only a bad guess.
    const other = await printBinder(binder(0), { outline: [{ title: 'Nothing here', page: 3 }], pageCount: 3 });
    expect(other.bytes.equals(cold.bytes)).toBe(true);
  });

  test('a binder of 100 pages or more is laid out again with three-digit slots before it is numbered', async () => {
    const { file, counts } = await printBinder(binder(100));
    expect(counts.prints).toBeGreaterThanOrEqual(2);
    expect(counts.prints).toBeLessThanOrEqual(3);
    const four = outlinePage(file, 'Four') ?? 0;
    expect(text(file, four)).toContain(`Last see One, p. ${outlinePage(file, 'One')}.`);
    expect(Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1])).toBeGreaterThanOrEqual(100);
  });
});
