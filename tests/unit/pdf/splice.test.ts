import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../../src/pdf/browser.ts';
import { sameMarkedContent, splicePages } from '../../../src/pdf/splice.ts';
import type { Spliced } from '../../../src/pdf/splice.ts';
import { tempDir, tool } from '../../helpers/cli.ts';

// Real Chromium PDFs: a three-page document printed with a placeholder on its first page, then
// only that page printed again with the number written in, as the binder is.
const HTML = `<!doctype html><html lang="en"><head><title>t</title><style>
  @page { size: letter; margin: 20mm; } .page { break-after: page; } .page:last-child { break-after: auto; }
  span.n { display: inline-block; min-width: 8mm; text-align: right; font-variant-numeric: tabular-nums; }
</style></head><body>
  <div class="page"><h1>Cover</h1><p id="turn">In an emergency, turn to page <span class="n">0</span>.</p><p><a href="#two">Go to page two</a></p></div>
  <div class="page" id="two"><h1>Second</h1><p>Text on the second page.</p></div>
  <div class="page"><h1>Third</h1><p>Text on the third page.</p></div>
</body></html>`;
const OPTIONS: PDFOptions = {
  preferCSSPageSize: true,
  printBackground: true,
  outline: true,
  tagged: true,
  format: 'Letter',
};

let browser: Browser;
let page: Page;
let full: Buffer;
const dir = tempDir('irplan-splice-');

beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer');
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  page = await browser.newPage();
  await page.goto(`data:text/html;base64,${Buffer.from(HTML).toString('base64')}`, { waitUntil: 'load' });
  full = Buffer.from(await page.pdf(OPTIONS));
});
afterAll(async () => {
  await browser?.close();
});

async function frontPrint(change: string): Promise<Buffer> {
  await page.evaluate(change);
  return Buffer.from(await page.pdf({ ...OPTIONS, pageRanges: '1-1' }));
}

function save(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

function pdfOf(result: Spliced): Buffer {
  if ('refused' in result) throw new Error(`splice refused: ${result.refused}`);
  return result.pdf;
}

const text = (file: string, p: number) => tool('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-']);
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1]);

describe('splicePages', () => {
  test('puts the numbered front page into the full print: valid, same pages, new text, same bytes twice', async () => {
    const front = await frontPrint(`document.querySelector('span.n').textContent = '42'`);
    const spliced = pdfOf(splicePages(full, front, [1]));
    const file = save('spliced.pdf', spliced);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(text(file, 1)).toMatch(/turn to page\s+42\./);
    expect(text(file, 1)).not.toMatch(/page\s+0\./);
    expect(pages(file)).toBe(3);
    expect(text(file, 2)).toContain('Text on the second page.');
    expect(tool('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    // The outline still points at the same pages.
    expect(tool('mutool', ['show', file, 'outline'])).toMatch(/"Third"\s+#page=3/);
    // Deterministic: the same inputs give the same bytes.
    expect(pdfOf(splicePages(full, front, [1])).equals(spliced)).toBe(true);
  });

  test("refuses when the front page's marked content no longer matches the structure tree", async () => {
    const front = await frontPrint(
      `document.getElementById('turn').insertAdjacentHTML('afterend', '<p>An extra paragraph.</p>')`,
    );
    expect(splicePages(full, front, [1])).toEqual({ refused: 'marked content differs on page 1' });
  });

  test('refuses PDFs it does not expect', async () => {
    const front = await frontPrint(`document.querySelector('span.n').textContent = '7'`);
    expect(splicePages(full, front, [1, 2])).toEqual({
      refused: expect.stringMatching(/^unexpected PDF: the reprint has 1 pages, wanted 2/),
    });
    expect(splicePages(full, Buffer.from('%PDF-1.4\nnot really\n%%EOF\n'), [1])).toEqual({
      refused: expect.stringMatching(/^unexpected PDF: no classic xref/),
    });
    // A cross-reference stream instead of a classic table.
    const odd = Buffer.from(full.toString('latin1').replace(/\nxref\n/, '\nXref\n'), 'latin1');
    expect(splicePages(odd, front, [1])).toEqual({
      refused: expect.stringMatching(/^unexpected PDF: no classic xref/),
    });
  });
});

test('sameMarkedContent compares the tagged sequence of marked-content ids', () => {
  const a = Buffer.from('/P <</MCID 0 >>BDC BT (a) Tj ET EMC /Artifact BMC EMC /Span <</MCID 1>> BDC EMC');
  expect(sameMarkedContent(a, Buffer.from('/P <</MCID 0 >>BDC BT (b) Tj ET EMC /Span <</MCID 1>> BDC EMC'))).toBe(true);
  expect(sameMarkedContent(a, Buffer.from('/P <</MCID 0 >>BDC EMC /P <</MCID 1>> BDC EMC'))).toBe(false);
  expect(
    sameMarkedContent(a, Buffer.from('/P <</MCID 0 >>BDC EMC /Span <</MCID 1>> BDC EMC /Span <</MCID 2>> BDC EMC')),
  ).toBe(false);
});
