import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../../src/pdf/browser.ts';
import type { Numbering } from '../../../src/pdf/contents.ts';
import type { PartStore, PrintCounts } from '../../../src/pdf/job.ts';
import { printNumbered } from '../../../src/pdf/numbered.ts';
import { markParts, partMarkups, showPart, startParts } from '../../../src/pdf/partpage.ts';
import { printInParts } from '../../../src/pdf/parts.ts';
import { normalizePdf } from '../../../src/pdf/postprocess.ts';
import { linkXrefs } from '../../../src/pdf/xref.ts';
import { REPO, tool as run } from '../../helpers/bin.ts';
import { tempDir } from '../../helpers/cli.ts';

// A binder printed in parts (src/pdf/parts.ts) with real Chromium and the real print.css, its page
// rules as Print.astro writes them: running heads but on the cover, "Page X of Y" from counters.
// Sections of three kinds make several parts; contents and cross-references link across parts.
const CSS = readFileSync(join(REPO, 'src', 'site', 'styles', 'print.css'), 'utf8');
const PAGE_CSS = `@page { size: letter;
  @top-left { content: "Client"; } @top-right { content: "TLP:AMBER"; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
@page :first { @top-left { content: none; } @top-right { content: none; } @bottom-right { content: none; } }`;
const OPTIONS: PDFOptions = { preferCSSPageSize: true, printBackground: true, outline: true, tagged: true };
const see = (doc: string, text: string) =>
  `see <a class="xref" href="../${doc}/" data-xref="${doc}">${text}</a><span class="xref-at" hidden data-pagefind-ignore>, p.<span class="xref-page">0</span></span>`;
const filler = (n: number, word = 'line') =>
  `<p>Text that fills the page, ${word} after ${word}, until it breaks.</p>`.repeat(n);

const SECTIONS: [id: string, kind: string, body: string][] = [
  ['one', 'plan', `<p>First ${see('five', 'Five')}.</p>${filler(20)}`],
  ['two', 'plan', filler(70)],
  ['three', 'playbook', `${filler(40)}<h2>Deep part</h2><p>Here ${see('one', 'One')}.</p>`],
  ['four', 'playbook', filler(10)],
  ['five', 'checklist', `<p>Back to ${see('three', 'Three')}.</p>`],
];

function binder(edit = ''): string {
  const sections = SECTIONS.map(
    ([id, kind, body]) =>
      `<section class="section kind-${kind}" id="${id}" data-binder-section><h1>${id[0]?.toUpperCase()}${id.slice(1)}</h1>${id === 'three' ? edit : ''}${body}</section>`,
  );
  const toc = SECTIONS.map(
    ([id]) =>
      `<li><a href="#${id}"><span class="toc-title">${id}</span><span class="toc-leader"></span><span class="toc-page" data-toc-for="${id}">0</span></a></li>`,
  );
  return `<!doctype html><html lang="en"><head><title>t</title><style>${CSS}</style><style>${PAGE_CSS}</style></head>
  <body class="binder"><div class="cover"><p>Turn to page <span data-toc-for="two">0</span>.</p></div>
  <section class="section toc" id="contents"><h1>Contents</h1><ol class="toc-list">${toc.join('')}</ol></section>
  ${sections.join('')}</body></html>`;
}

let browser: Browser;
const dir = tempDir('irplan-parts-');
beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer');
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

const zero = (): PrintCounts => ({ prints: 0, numberingPrints: 0, partPrints: 0 });

async function onPage<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage();
  try {
    await page.goto(`data:text/html;base64,${Buffer.from(html).toString('base64')}`, { waitUntil: 'load' });
    await linkXrefs(page);
    return await work(page);
  } finally {
    await page.close();
  }
}

/** The binder in parts, as the printer prints it; the PDF as written (fixed metadata). */
async function inParts(html: string, store: PartStore, predicted?: Numbering) {
  const counts = zero();
  // How often the binder asked to go alone (gate.ts) before printing much of itself.
  let alone = 0;
  const ask = async () => {
    alone++;
  };
  const printed = await onPage(html, (page) => printInParts(counts, page, OPTIONS, predicted, store, ask));
  if (!printed) throw new Error('the parts did not merge');
  return { counts, numbering: printed.numbering, pdf: fixed(printed.pdf), alone };
}

function fixed(pdf: Buffer): Buffer {
  return normalizePdf(pdf, { epochSeconds: 0, title: 't', author: 'a', subject: 's' });
}

function save(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** Each page's text, and the outline's titles and pages (not positions: parts round them apart). */
function reading(file: string): { pages: string[]; outline: string[] } {
  const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
  const pages = Array.from({ length: count }, (_, i) =>
    run('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, file, '-']),
  );
  const outline = run('mutool', ['show', file, 'outline'])
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/&zoom=.*$/, ''));
  return { pages, outline };
}

describe('a binder printed in parts', () => {
  test('reads as the binder printed whole: pages, running heads, page numbers, outline and links', async () => {
    const whole = await onPage(binder(), (page) => printNumbered(zero(), page, OPTIONS, undefined));
    const parts = await inParts(binder(), { next: join(dir, 'store-a'), basis: 'b' });
    const wholeFile = save('whole.pdf', fixed(whole.pdf));
    const partsFile = save('parts.pdf', parts.pdf);
    expect(run('qpdf', ['--check', partsFile])).toMatch(/No syntax or stream encoding errors/);
    expect(run('pdfinfo', [partsFile])).toMatch(/Tagged:\s+yes/);
    const a = reading(wholeFile);
    const b = reading(partsFile);
    expect(b.pages.length).toBeGreaterThan(6);
    expect(b).toEqual(a);
    // Page numbers run on across parts, and the cover alone goes without running heads.
    expect(b.pages[0]).not.toMatch(/Page \d+ of/);
    b.pages.slice(1).forEach((text, i) => {
      expect(text).toContain(`Page ${i + 2} of ${b.pages.length}`);
      expect(text).toContain('TLP:AMBER');
    });
    // Cross-references were numbered from the parts' outlines.
    expect(parts.numbering).toMatchObject({ outline: whole.numbering.outline, pageCount: b.pages.length });
    expect(b.pages.join('')).not.toMatch(/p\.\s*0\b/);
    // Every link into another part became a link to a named destination.
    const text = parts.pdf.toString('latin1');
    expect(text).not.toContain('irplan-part:');
    expect(parts.numbering.partPages?.length).toBeGreaterThanOrEqual(4);
    expect(parts.numbering.parts).toHaveLength(parts.numbering.partPages?.length ?? 0);
  });

  test("an edit to one section prints that section's part only, and the bytes of a print from nothing", async () => {
    const first = await inParts(binder(), { next: join(dir, 'store-1'), basis: 'b' });
    const edit = '<p>One more sentence in the third section.</p>';
    const store = { next: join(dir, 'store-2'), previous: join(dir, 'store-1'), basis: 'b' };
    const again = await inParts(binder(edit), store, first.numbering);
    expect(again.counts).toEqual({ prints: 1, numberingPrints: 0, partPrints: 1 });
    expect(again.alone).toBe(0);
    // The store holds exactly the parts the binder is made of.
    expect(readdirSync(store.next).sort()).toEqual((again.numbering.parts ?? []).map((k) => `${k}.pdf`).sort());
    const fresh = await inParts(binder(edit), { next: join(dir, 'store-3'), basis: 'b' });
    expect(fresh.counts.partPrints).toBe(fresh.numbering.partPages?.length);
    expect(again.pdf.equals(fresh.pdf)).toBe(true);
    // A damaged part in the store is printed again, not merged.
    const keys = first.numbering.parts ?? [];
    for (const key of keys) writeFileSync(join(dir, 'store-1', `${key}.pdf`), 'not a PDF');
    const mended = await inParts(binder(edit), { ...store, next: join(dir, 'store-2b') }, first.numbering);
    expect(mended.counts.partPrints).toBe(keys.length);
    expect(mended.pdf.equals(fresh.pdf)).toBe(true);
    // Another basis (a new browser, new fonts) shares no part.
    const other = await inParts(binder(edit), { ...store, next: join(dir, 'store-4'), basis: 'c' }, first.numbering);
    expect(other.counts.partPrints).toBe(other.numbering.partPages?.length);
  });

  test('an edit that moves later pages prints the parts after it again, with their new numbers', async () => {
    const first = await inParts(binder(), { next: join(dir, 'store-5'), basis: 'b' });
    const longer = filler(60, 'word');
    const store = { next: join(dir, 'store-6'), previous: join(dir, 'store-5'), basis: 'b' };
    const again = await inParts(binder(longer), store, first.numbering);
    expect(again.numbering.pageCount).toBeGreaterThan(first.numbering.pageCount);
    expect(again.counts.numberingPrints).toBe(1);
    // Every part after the edit printed again: the binder went alone first.
    expect(again.alone).toBeGreaterThan(0);
    expect(first.alone).toBeGreaterThan(0);
    const fresh = await inParts(binder(longer), { next: join(dir, 'store-7'), basis: 'b' });
    expect(again.pdf.equals(fresh.pdf)).toBe(true);
    const b = reading(save('longer.pdf', again.pdf));
    expect(b.pages.at(-1)).toContain(`Page ${b.pages.length} of ${b.pages.length}`);
  });

  test('the markup of every part found at once is the markup each part is shown and printed with', async () => {
    await onPage(binder(), async (page) => {
      const firsts = await markParts(page, 1);
      await startParts(page);
      const starts = firsts.map((_, k) => 1 + 3 * k);
      const atOnce = await partMarkups(page, starts, 40);
      expect(atOnce).toHaveLength(SECTIONS.length + 1);
      // Shown last to first, so that each part is shown after others were taken out.
      for (let k = atOnce.length - 1; k >= 0; k--) expect(await showPart(page, k, starts[k] ?? 1, 40)).toBe(atOnce[k]);
      expect(await partMarkups(page, starts, 40)).toEqual(atOnce);
      // A part's markup holds its own links across parts and anchors for the links into it.
      const five = atOnce.find((m) => m.includes('id="five"')) ?? '';
      expect(five).toContain('href="irplan-part:three"');
      expect(five).toContain('class="irplan-dest" href="#five"');
      expect(five).not.toContain('id="three"');
      expect(atOnce[2]).toContain('@page :first { counter-increment: page 7; }');
    });
  });
});
