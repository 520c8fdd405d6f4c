import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ARGS, findBrowser } from '../../src/pdf/browser.ts';
import { serveStatic } from '../../src/pdf/server.ts';
import type { StaticServer } from '../../src/pdf/server.ts';
import { irplan } from '../helpers/cli.ts';
import { crawl, fenceIn } from '../helpers/crawl.ts';
import type { CrawlReport } from '../helpers/crawl.ts';
import { filesUnder, readableText } from '../helpers/outputs.ts';
import { tokenProject } from '../helpers/project.ts';

// The shipped examples plus a TLP:RED copy, each with a unique token, built once with PDFs
// under a sub-path, as a consultant would publish them on two intranets.
const BASE = '/ir/plan/';
const SITES = ['northwind-logistics', 'cedar-dental'];
const RED = 'red-clinic';
let root: string;
let out: string;
let tokens: Map<string, string>;
let result: ReturnType<typeof irplan>;
let browser: Browser;
const servers = new Map<string, StaticServer>();

beforeAll(async () => {
  ({ root, tokens } = tokenProject({ [RED]: { from: 'cedar-dental', classification: 'TLP:RED' } }));
  out = join(root, 'dist');
  result = irplan(['build', '--out', out, '--base', BASE], { cwd: root });
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  for (const slug of SITES) servers.set(slug, await serveStatic(join(out, slug, 'site'), BASE));
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers.values()) await s.close();
});

const start = (slug: string) => `${servers.get(slug)?.origin}${BASE}`;
const site = (slug: string) => join(out, slug, 'site');
const manifest = (slug: string) => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const htmlFiles = (slug: string) => filesUnder(site(slug)).filter((f) => f.endsWith('.html'));

describe('the build', () => {
  test('builds all three clients and says why the TLP:RED one has no site', () => {
    expect(result.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toMatch(/red-clinic: TLP:RED plan, so no site was built \(PDFs only\)/);
    expect(existsSync(site(RED))).toBe(false);
    expect(manifest(RED).outputs.site).toBeNull();
    expect(existsSync(join(out, RED, manifest(RED).outputs.binder))).toBe(true);
  });
});

describe('isolation', () => {
  test("each client's token is in its own site, search index, PDFs and Word binder (so the search below can find a leak)", () => {
    for (const slug of SITES) {
      const token = tokens.get(slug) ?? '';
      expect(readableText(join(site(slug), 'contacts', 'index.html'))).toContain(token);
      const fragments = filesUnder(join(site(slug), 'pagefind')).filter((f) => f.endsWith('.pf_fragment'));
      expect(fragments.some((f) => readableText(join(site(slug), 'pagefind', f)).includes(token))).toBe(true);
      expect(readableText(join(out, slug, manifest(slug).outputs.binder))).toContain(token);
      expect(readableText(join(out, slug, manifest(slug).outputs.docx.binder))).toContain(token);
    }
  });

  test("no file in one client's outputs holds another client's token", () => {
    const leaks: string[] = [];
    for (const slug of [...SITES, RED]) {
      for (const file of filesUnder(join(out, slug))) {
        const text = readableText(join(out, slug, file));
        for (const [other, token] of tokens)
          if (other !== slug && text.includes(token)) leaks.push(`${token} of ${other} in ${slug}/${file}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  test('the portfolio lists every client and sits outside every client folder', () => {
    const page = readFileSync(join(out, '_portfolio', 'index.html'), 'utf8');
    for (const slug of [...SITES, RED]) expect(page).toContain(`${manifest(slug).version}</td>`);
    expect(page).toContain('Northwind Logistics');
    expect(page).toContain('2026-09-15');
    expect(page).toMatch(/TLP:RED: PDFs only, no site/);
    for (const slug of SITES) expect(filesUnder(site(slug)).some((f) => /portfolio/i.test(f))).toBe(false);
  });
});

describe('publishing rules', () => {
  test('a private number is in the binder but in no file of the site (pages, vCards, search, offline copy, PDFs)', () => {
    const slug = 'northwind-logistics';
    expect(readableText(join(out, slug, manifest(slug).outputs.binder))).toContain('971 555 0199');
    const hits = filesUnder(site(slug)).filter((f) =>
      /971 ?555 ?0199|\+19715550199/.test(readableText(join(site(slug), f))),
    );
    expect(hits).toEqual([]);
  });

  test('every page and the offline copy carry noindex', () => {
    for (const slug of SITES)
      for (const f of htmlFiles(slug))
        expect(readFileSync(join(site(slug), f), 'utf8'), f).toContain(
          '<meta name="robots" content="noindex, nofollow"',
        );
  });

  test('each contact with a phone has a vCard with E.164 numbers, linked from the contacts page', () => {
    const slug = 'cedar-dental';
    const card = readFileSync(join(site(slug), 'vcard', 'tom-baker.vcf'), 'utf8');
    expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\nFN:Tom Baker\r\nN:Baker;Tom;;;\r\n/);
    expect(card).toContain('TEL;TYPE=CELL:+12175550182\r\n');
    expect(card).toContain('EMAIL;TYPE=INTERNET:tom.baker@cedardental.example');
    expect(readFileSync(join(site(slug), 'contacts', 'index.html'), 'utf8')).toContain(
      `href="${BASE}vcard/tom-baker.vcf"`,
    );
  });

  test('the offline copy is listed in the manifest, holds the whole plan and refers to nothing outside itself', () => {
    const slug = 'northwind-logistics';
    expect(manifest(slug).outputs.offline).toBe('site/offline.html');
    const html = readFileSync(join(out, slug, manifest(slug).outputs.offline), 'utf8');
    for (const text of ['Maria Lopez', 'Domain controller DC01', 'href="tel:+15035550142"', 'Harborline Mutual'])
      expect(html).toContain(text);
    expect(html).not.toMatch(/<link (?!rel="icon" href="data:)|<script|\ssrc=|url\((?!data:)/);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.filter((h) => !/^(#|tel:|mailto:)/.test(h) && h !== 'data:,')).toEqual([]);
  });
});

describe('in a browser, served under --base', () => {
  const reports = new Map<string, CrawlReport>();
  beforeAll(async () => {
    // Both sites at once: each page waits for its network to go quiet, which the other crawl's work fills.
    const crawled = await Promise.all(SITES.map((slug) => crawl(browser, start(slug), { axe: true })));
    for (const [i, slug] of SITES.entries()) reports.set(slug, crawled[i] as CrawlReport);
  });

  test.each(SITES)('%s: the crawl from the start page reaches every page, with no broken link or anchor', (slug) => {
    const r = reports.get(slug);
    const expected = htmlFiles(slug)
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `${BASE}${f.replace(/index\.html$/, '')}`);
    expect([...(r?.pages ?? [])].sort()).toEqual(expected.sort());
    expect(r?.pages.length).toBeGreaterThan(8);
    expect(r?.broken).toEqual([]);
    expect(r?.badAnchors).toEqual([]);
    expect(r?.badTel).toEqual([]);
  });

  test.each(SITES)('%s: no page requests or links to anything outside the site', (slug) => {
    expect(reports.get(slug)?.outside).toEqual([]);
  });

  test.each(SITES)('%s: axe-core finds no serious or critical violation on any page', (slug) => {
    expect(reports.get(slug)?.violations).toEqual([]);
  });

  test('the start page shows the first 15 minutes and the call list, and leads to a playbook', async () => {
    const page = await browser.newPage();
    await page.goto(start('northwind-logistics'), { waitUntil: 'networkidle0' });
    const text = await page.$eval('main', (m) => m.textContent ?? '');
    expect(text).toMatch(/Call now/);
    expect(await page.$$eval('nav.side a', (as) => as.map((a) => a.textContent))).toContain('The first 15 minutes');
    const link = await page.$('nav.side a[href*="playbook-"]');
    expect(link).not.toBeNull();
    await Promise.all([page.waitForNavigation(), link?.click()]);
    expect(page.url()).toMatch(new RegExp(`${BASE}playbook-[a-z-]+/$`));
    expect(await page.$eval('h1', (h) => h.textContent)).toMatch(/ransomware/i);
    await page.close();
  });

  test("searching a contact's surname with Pagefind finds the contacts page", async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    await fenceIn(page, start('cedar-dental'), outside);
    await page.goto(start('cedar-dental'), { waitUntil: 'networkidle0' });
    await page.type('.pagefind-ui__search-input', 'Alvarez');
    const result = await page.waitForSelector('.pagefind-ui__result-link', { timeout: 10_000 });
    const hrefs = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => a.getAttribute('href')));
    expect(result).not.toBeNull();
    // The directory comes first: a person's numbers are what a name search is for.
    expect(hrefs[0]).toBe(`${BASE}contacts/`);
    expect(outside).toEqual([]);
    await page.close();
  });

  test("a planted surname is found only in its own client's search", async () => {
    const page = await browser.newPage();
    await page.goto(start('northwind-logistics'), { waitUntil: 'networkidle0' });
    // A string, so the test runner does not rewrite the page's dynamic import() into its own.
    const count = (q: string) =>
      page.evaluate(
        `import(${JSON.stringify(`${BASE}pagefind/pagefind.js`)}).then((pf) => pf.search(${JSON.stringify(q)})).then((r) => r.results.length)`,
      ) as Promise<number>;
    expect(await count(tokens.get('northwind-logistics') ?? '')).toBeGreaterThan(0);
    expect(await count(tokens.get('cedar-dental') ?? '')).toBe(0);
    await page.close();
  });

  test('the binder downloads from the downloads page as a PDF', async () => {
    const page = await browser.newPage();
    await page.goto(`${start('northwind-logistics')}downloads/`, { waitUntil: 'networkidle0' });
    const href = await page.$eval('a[href$="-binder.pdf"]', (a) => (a as HTMLAnchorElement).href);
    const res = await fetch(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.close();
  });

  test('the offline copy opens from a file without a single other request', async () => {
    const page = await browser.newPage();
    const file = pathToFileURL(join(site('cedar-dental'), 'offline.html')).href;
    const requests: string[] = [];
    // Fonts inlined as data: URLs show up as requests too; they never leave the file.
    page.on('request', (r) => {
      if (!r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(file, { waitUntil: 'networkidle0' });
    expect(requests).toEqual([file]);
    expect(await page.$eval('#contacts', (s) => s.textContent)).toContain('Dr. Grace Kim');
    const font = await page.evaluate(() => document.fonts.check('16px "Source Sans 3"'));
    expect(font).toBe(true);
    await page.close();
  });
});

describe('the site folder', () => {
  test('holds no print pages', () => {
    for (const slug of SITES) expect(readdirSync(site(slug))).not.toContain('print');
  });
});
