import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../src/pdf/browser.ts';
import { irplan, tempDir } from '../helpers/cli.ts';
import { checkLink, crawlFiles, emptyReport, filePage } from '../helpers/file-crawl.ts';
import type { FileCrawlReport } from '../helpers/file-crawl.ts';
import { filesUnder } from '../helpers/outputs.ts';
import { planRepo } from '../helpers/repo.ts';

// A consultant builds without --base and hands the site over as a folder (a file share, a USB
// stick): every page must open from the file system with its styles, and every link must lead to a
// file that is there. The client has one released version, so the versions page and the old
// version's own site are crawled too. A second build with --base keeps absolute URLs.
const SLUG = 'cedar-dental';
const BASE = '/clients/x/';
let out: string;
let based: string;
let browser: Browser;
let report: FileCrawlReport;
const site = () => join(out, SLUG, 'site');

beforeAll(async () => {
  const repo = planRepo();
  const version = /version: "([\d.]+)"/.exec(readFileSync(join(repo.dir, 'plans', SLUG, 'plan.yaml'), 'utf8'))?.[1];
  repo.git(['tag', `${SLUG}@${version}`]);
  out = tempDir('irplan-file-site-');
  based = tempDir('irplan-file-site-base-');
  const built = irplan(['build', SLUG, '--no-docx', '--out', out], { cwd: repo.dir });
  if (built.code !== 0) throw new Error(built.stderr);
  const again = irplan(['build', SLUG, '--no-pdf', '--no-docx', '--out', based, '--base', BASE], { cwd: repo.dir });
  if (again.code !== 0) throw new Error(again.stderr);
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  report = await crawlFiles(browser, site(), join(site(), 'index.html'));
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('a site built without --base, opened from the file system', () => {
  test('the crawl from index.html opens every page of the site, the released version and the offline copy included', () => {
    const pages = filesUnder(site())
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.split('\\').join('/'));
    expect([...report.pages].sort()).toEqual(pages.sort());
    expect(report.pages).toContain('offline.html');
    expect(report.pages.some((p) => /^versions\/[\d.]+\/contacts\/index\.html$/.test(p))).toBe(true);
    expect(report.pages.length).toBeGreaterThan(20);
  });

  test('every link leads to a file that exists (PDFs and vCards included), never to a folder or outside the site', () => {
    expect(report.missing).toEqual([]);
    expect(report.folders).toEqual([]);
    expect(report.outside).toEqual([]);
    expect(report.badAnchors).toEqual([]);
  });

  test('every stylesheet, script and font loads, and no request fails', () => {
    expect(report.failed).toEqual([]);
    expect(report.unloaded).toEqual([]);
  });

  test('a page looks as it does on a server: its fonts load, Pagefind is not started and a note says where search works', async () => {
    const page = await filePage(browser, site(), emptyReport());
    await page.goto(pathToFileURL(join(site(), 'contacts', 'index.html')).href, { waitUntil: 'networkidle0' });
    const facts = await page.evaluate(async () => {
      await document.fonts.ready;
      const note = document.querySelector('[data-search-note]') as HTMLElement | null;
      return {
        font: document.fonts.check('16px "Source Sans 3"'),
        family: getComputedStyle(document.body).fontFamily,
        noteShown: note !== null && !note.hidden && note.offsetHeight > 0,
        note: note?.textContent ?? '',
        offline: (note?.querySelector('a') as HTMLAnchorElement | null)?.href ?? '',
        box: document.querySelectorAll('.pagefind-ui__search-input').length,
      };
    });
    expect(facts.font).toBe(true);
    expect(facts.family).toMatch(/Source Sans 3/);
    expect(facts.noteShown).toBe(true);
    expect(facts.note).toMatch(/web server/);
    expect(facts.offline).toBe(pathToFileURL(join(site(), 'offline.html')).href);
    expect(facts.box).toBe(0);
    await page.close();
  });

  test('no page of the site holds a URL rooted at / (links, sources, stylesheets)', () => {
    const rooted: string[] = [];
    for (const f of filesUnder(site()).filter(
      (x) => x.endsWith('.html') || (x.endsWith('.css') && !x.includes('pagefind')),
    )) {
      const text = readFileSync(join(site(), f), 'utf8');
      for (const m of text.matchAll(/(?:\s(?:href|src)="|url\()(\/[^"')]*)/g)) rooted.push(`${m[1]} in ${f}`);
    }
    expect(rooted).toEqual([]);
  });
});

describe('the portfolio opened from the file system', () => {
  test('links to the site, binder and offline copy, each a file that exists, and the site opens styled', async () => {
    const portfolio = join(out, '_portfolio', 'index.html');
    const r = emptyReport();
    const page = await filePage(browser, out, r);
    await page.goto(pathToFileURL(portfolio).href, { waitUntil: 'networkidle0' });
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.map((l) => l.slice(pathToFileURL(out).href.length))).toEqual([
      `/${SLUG}/site/index.html`,
      `/${SLUG}/pdf/${SLUG}-binder.pdf`,
      `/${SLUG}/site/offline.html`,
    ]);
    for (const link of links) checkLink(link, portfolio, out, r);
    await page.goto(links[0] ?? '', { waitUntil: 'networkidle0' });
    expect(await page.$eval('body', (b) => getComputedStyle(b).fontFamily)).toMatch(/Source Sans 3/);
    expect(r).toEqual({ ...emptyReport() });
    await page.close();
  });
});

describe('a site built with --base', () => {
  test('keeps absolute URLs under the base, folders without index.html', () => {
    const index = readFileSync(join(based, SLUG, 'site', 'index.html'), 'utf8');
    expect(index).toContain(`<link rel="stylesheet" href="${BASE}pagefind/pagefind-ui.css">`);
    expect(index).toContain(`<script src="${BASE}pagefind/pagefind-ui.js">`);
    expect(index).toMatch(new RegExp(`<link rel="stylesheet" href="${BASE}_assets/[^"]+\\.css">`));
    expect(index).toContain(`<a href="${BASE}first-15-minutes/">`);
    expect(index).toContain(`<a href="${BASE}offline.html">`);
    expect(index).not.toMatch(/href="[^"]*index\.html/);
    const css = filesUnder(join(based, SLUG, 'site', '_assets')).filter((f) => f.endsWith('.css'));
    const urls = css.flatMap((f) => [
      ...readFileSync(join(based, SLUG, 'site', '_assets', f), 'utf8').matchAll(/url\(([^)]+)\)/g),
    ]);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u[1]).toMatch(new RegExp(`^(${BASE}_assets/|data:)`));
    const versions = readFileSync(join(based, SLUG, 'site', 'versions', 'index.html'), 'utf8');
    expect(versions).toMatch(/<a href="[\d.]+\/">/);
  });
});
