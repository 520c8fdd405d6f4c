import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../../src/pdf/browser.ts';
import { ClassicPdf } from '../../../src/pdf/classicpdf.ts';
import { printOptions } from '../../../src/pdf/job.ts';
import type { PrintJob } from '../../../src/pdf/job.ts';
import { mergeParts, PART_LINK } from '../../../src/pdf/merge.ts';
import { Unexpected } from '../../../src/pdf/pdfsyntax.ts';
import { normalizePdf } from '../../../src/pdf/postprocess.ts';
import { tempDir } from '../../helpers/cli.ts';

// Real Chromium parts, printed from one page as a binder's would be: the other part taken out, its
// page numbers continued ("Page 2 of 3" on the second part's first page), and a link to the other
// part written as an irplan-part: URI.
const HTML = `<!doctype html><html lang="en"><head><title>t</title><style id="pages"></style><style>
  .part2 { break-before: page; } h2 { break-before: page; }
</style></head><body>
  <section id="alpha"><h1>Alpha</h1><p>Turn to <a href="${PART_LINK}beta">the beta part</a> at once.</p>
    <p><a href="#alpha">Top of alpha</a></p><table><tr><th>Who</th><th>When</th></tr><tr><td>Lead</td><td>Now</td></tr></table></section>
  <section id="beta"><h1>Beta</h1><p>Beta text (with "12 0 R" in it).</p><p><a href="#beta">Top of beta</a></p>
    <h2 id="beta-more">Beta, more /StructParent 7</h2><p>Second page of beta.</p>
    <table><tr><th>What</th><th>Where</th></tr><tr><td>Logs</td><td>Server</td></tr></table></section>
</body></html>`;
// The options the printer uses (outline, tags, background), for a letter-size job.
const OPTIONS = printOptions({ paper: 'letter' } as PrintJob, 60_000);

let browser: Browser;
let page: Page;
let parts: Buffer[];
const dir = tempDir('irplan-merge-');

/** Prints one section alone, its pages numbered from `first` of `total`. */
async function printPart(id: string, first: number, total: number): Promise<Buffer> {
  await page.evaluate(
    (id: string, first: number, total: number) => {
      for (const s of document.querySelectorAll<HTMLElement>('section')) s.hidden = s.id !== id;
      const css = `@page { size: letter; margin: 20mm; counter-increment: page 1;
        @bottom-right { content: "Page " counter(page) " of ${total}"; } }
        @page :first { counter-increment: page ${first}; }`;
      (document.getElementById('pages') as HTMLStyleElement).textContent = css;
    },
    id,
    first,
    total,
  );
  return Buffer.from(await page.pdf(OPTIONS));
}

beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer');
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  page = await browser.newPage();
  await page.goto(`data:text/html;base64,${Buffer.from(HTML).toString('base64')}`, { waitUntil: 'load' });
  parts = [await printPart('alpha', 1, 3), await printPart('beta', 2, 3)];
});
afterAll(async () => {
  await browser?.close();
});

function save(name: string, pdf: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('mergeParts', () => {
  test('one valid, tagged PDF: pages in order, numbered through, outline and structure of both parts', () => {
    const file = save('merged.pdf', mergeParts(parts));
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+3/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = [1, 2, 3].map((p) => run('pdftotext', ['-f', `${p}`, '-l', `${p}`, file, '-']));
    expect(pages[0]).toMatch(/Alpha[\s\S]*Page 1 of 3/);
    expect(pages[1]).toMatch(/Beta[\s\S]*Page 2 of 3/);
    expect(pages[2]).toMatch(/Beta, more[\s\S]*Page 3 of 3/);
    const outline = run('mutool', ['show', file, 'outline']);
    // A title that reads like a key keeps its words: keys are rewritten outside strings only.
    expect(outline).toMatch(
      /"Alpha"\s+#page=1\b[\s\S]*"Beta"\s+#page=2\b[\s\S]*"Beta, more \/StructParent 7"\s+#page=3\b/,
    );
    // The structure tree reaches every part's text, in order (poppler reads it through the parent tree).
    const struct = run('pdfinfo', ['-struct-text', file]);
    expect(struct).toMatch(/Alpha[\s\S]*Turn to[\s\S]*Beta[\s\S]*12 0 R[\s\S]*Second page of beta/);
  });

  test("a link to another part goes to that part's named destination", () => {
    const pdf = new ClassicPdf(mergeParts(parts));
    const text = pdf.text;
    expect(text).not.toContain('irplan-part:');
    const destsNum = Number(/\/Dests (\d+) 0 R/.exec(text)?.[1]);
    const span = pdf.span(destsNum);
    const target = /\/beta \[(\d+) 0 R/.exec(text.slice(span.valueStart, span.valueEnd))?.[1];
    expect(Number(target)).toBe(pdf.pages()[1]);
    const first = pdf.span(pdf.pages()[0] as number);
    const annots = /\/Annots \[([^\]]*)\]/.exec(text.slice(first.valueStart, first.valueEnd))?.[1] ?? '';
    const dests = [...annots.matchAll(/(\d+) 0 R/g)].map((m) => {
      const a = pdf.span(Number(m[1]));
      return /\/Dest \/([\w-]+)/.exec(text.slice(a.valueStart, a.valueEnd))?.[1];
    });
    expect(dests).toContain('beta');
  });

  test("each page's and link's structure key leads, through the merged parent tree, to that page's elements", () => {
    const pdf = new ClassicPdf(mergeParts(parts));
    const dict = (num: number) => {
      const span = pdf.span(num);
      return pdf.text.slice(span.valueStart, span.valueEnd);
    };
    const root = Number(/\/StructTreeRoot (\d+) 0 R/.exec(pdf.text)?.[1]);
    const tree = dict(Number(/\/ParentTree (\d+) 0 R/.exec(dict(root))?.[1]));
    const nums = new Map([...tree.matchAll(/(\d+) (\d+) 0 R/g)].map((m) => [Number(m[1]), Number(m[2])]));
    const keys = pdf.pages().map((p) => Number(/\/StructParents (\d+)/.exec(dict(p))?.[1]));
    expect(new Set(keys).size).toBe(3);
    pdf.pages().forEach((p, i) => {
      const elements = pdf.text.slice(pdf.span(nums.get(keys[i] as number) as number).valueStart).split(']')[0] ?? '';
      const first = Number(/(\d+) 0 R/.exec(elements)?.[1]);
      expect(dict(first)).toMatch(new RegExp(`/Pg ${p} 0 R`));
    });
    const links = [...pdf.text.matchAll(/\/StructParent (\d+)>>/g)].map((m) => Number(m[1]));
    expect(links.length).toBeGreaterThan(2);
    for (const k of links) expect(nums.has(k)).toBe(true);
    expect(new Set([...keys, ...links]).size).toBe(keys.length + links.length);
  });

  test('subset fonts get a tag of their own in each part; the same parts merge to the same bytes', () => {
    const merged = mergeParts(parts);
    const tags = [...merged.toString('latin1').matchAll(/\/BaseFont \/([A-Z]{6})\+/g)].map((m) => m[1]);
    const perPart = parts.map(
      (p) => new Set([...p.toString('latin1').matchAll(/\/BaseFont \/([A-Z]{6})\+/g)].map((m) => m[1])).size,
    );
    expect(new Set(tags).size).toBe(perPart.reduce((a, b) => a + b, 0));
    expect(mergeParts(parts).equals(merged)).toBe(true);
    // The metadata step that every PDF goes through takes the merged file as it takes a print.
    const normal = save('normal.pdf', normalizePdf(merged, { epochSeconds: 0, title: 'T', author: 'A', subject: 'S' }));
    expect(run('qpdf', ['--check', normal])).toMatch(/No syntax or stream encoding errors/);
  });

  test('structure IDs (table headers) stay unique across parts, in one sorted ID tree', () => {
    const text = mergeParts(parts).toString('latin1');
    const perPart = parts.map((p) => new Set(p.toString('latin1').match(/\(node\d{8}\)/g)).size);
    const names = /\/Limits \[[^\]]*\]\n\/Names \[([^\]]*)\]/.exec(text)?.[1]?.match(/\(node\d{8}\)/g) ?? [];
    expect(perPart.every((n) => n > 0)).toBe(true);
    expect(new Set(names).size).toBe(perPart.reduce((a, b) => a + b, 0));
    expect(names).toEqual([...names].sort());
  });

  test('two parts naming one destination are refused (a reader would keep only one)', () => {
    expect(() => mergeParts([parts[1] as Buffer, parts[1] as Buffer])).toThrow(/two parts name the destination "beta"/);
  });

  test('a link to an id no part holds is refused, not left pointing nowhere', async () => {
    await page.evaluate(
      (from: string, to: string) => document.querySelector(`a[href="${from}"]`)?.setAttribute('href', to),
      `${PART_LINK}beta`,
      `${PART_LINK}gamma`,
    );
    const broken = await printPart('alpha', 1, 3);
    const merge = () => mergeParts([broken, parts[1] as Buffer]);
    expect(merge).toThrow(Unexpected);
    expect(merge).toThrow(/"gamma", which no part holds/);
  });
});
