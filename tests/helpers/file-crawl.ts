import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';

/** What a crawl of a folder opened from the file system found; a clean folder has every list but `pages` empty. */
export interface FileCrawlReport {
  /** Pages opened, relative to the folder, with forward slashes. */
  pages: string[];
  /** Requests that failed (a stylesheet, script, font or image that is not there). */
  failed: string[];
  /** Stylesheets and scripts of a page that the browser did not load. */
  unloaded: string[];
  /** Links to a file that does not exist. */
  missing: string[];
  /** Links to a folder: from the file system that opens a listing, not the page. */
  folders: string[];
  /** Links and requests that leave the folder (or the file system). */
  outside: string[];
  badAnchors: string[];
}

interface FileFacts {
  links: string[];
  ids: string[];
  /** The page's stylesheets and scripts. */
  resources: string[];
}

async function fileFacts(page: Page): Promise<FileFacts> {
  return page.evaluate(() => ({
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
    ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name') || ''),
    resources: [
      ...[...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href),
      ...[...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
    ],
  }));
}

/**
 * A page that records failed requests, blocks (and records) every request outside `root`, and
 * adds each file it loaded to `loaded`.
 */
export async function filePage(
  browser: Browser,
  root: string,
  report: FileCrawlReport,
  loaded = new Set<string>(),
): Promise<Page> {
  const page = await browser.newPage();
  const prefix = pathToFileURL(root).href;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(`${prefix}/`) || url.startsWith('data:')) return void req.continue();
    report.outside.push(`request ${url} from ${page.url()}`);
    void req.abort('blockedbyclient');
  });
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith(prefix)) return; // already recorded as outside
    report.failed.push(`${req.failure()?.errorText ?? 'failed'} ${req.url()} from ${page.url()}`);
  });
  page.on('requestfinished', (req) => loaded.add(req.url()));
  return page;
}

/** An empty report. */
export function emptyReport(): FileCrawlReport {
  return { pages: [], failed: [], unloaded: [], missing: [], folders: [], outside: [], badAnchors: [] };
}

/**
 * Opens `start` (an HTML file under `root`) with file:// in the browser as a person would from a
 * file share, and follows every link to every page under `root`: each target must exist and be a
 * file, each stylesheet, script and font must load, and each #anchor must be on its page.
 */
export async function crawlFiles(browser: Browser, root: string, start: string): Promise<FileCrawlReport> {
  const report = emptyReport();
  const loaded = new Set<string>();
  const page = await filePage(browser, root, report, loaded);
  const ids = new Map<string, Set<string>>();
  const anchors: { target: string; hash: string; from: string }[] = [];
  const queue = [pathToFileURL(start).href];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift() ?? '';
    await page.goto(url, { waitUntil: 'load' });
    // Fonts are requested once the styles apply; a font that fails shows up before this settles.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    report.pages.push(relative(root, fileURLToPath(url)).split(sep).join('/'));
    const facts = await fileFacts(page);
    ids.set(url, new Set(facts.ids));
    report.unloaded.push(...facts.resources.filter((r) => !loaded.has(r)).map((r) => `${r} on ${url}`));
    for (const link of facts.links) {
      const target = checkLink(link, url, root, report);
      if (!target) continue;
      if (target.hash) anchors.push({ target: target.file, hash: target.hash, from: url });
      if (target.file.endsWith('.html') && !seen.has(target.file)) {
        seen.add(target.file);
        queue.push(target.file);
      }
    }
  }
  for (const a of anchors)
    if (!ids.get(a.target)?.has(decodeURIComponent(a.hash)))
      report.badAnchors.push(`#${a.hash} on ${a.target} linked from ${a.from}`);
  await page.close();
  return report;
}

/**
 * Checks one link of a page opened from `root`: phone and mail links are not files; a file link
 * must stay under `root`, name a file (not a folder) and exist. Returns the file and its #anchor.
 */
export function checkLink(
  link: string,
  from: string,
  root: string,
  report: FileCrawlReport,
): { file: string; hash: string } | null {
  if (link.startsWith('tel:') || link.startsWith('mailto:')) return null;
  if (!link.startsWith(`${pathToFileURL(root).href}/`)) {
    report.outside.push(`link ${link} on ${from}`);
    return null;
  }
  const url = new URL(link);
  const hash = url.hash.slice(1);
  url.hash = '';
  url.search = '';
  if (url.pathname.endsWith('/')) {
    report.folders.push(`${url.href} linked from ${from}`);
    return null;
  }
  if (!existsSync(fileURLToPath(url))) {
    report.missing.push(`${url.href} linked from ${from}`);
    return null;
  }
  return { file: url.href, hash };
}
