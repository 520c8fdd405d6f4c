import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';

/** What a crawl of a site found; a clean site has every list but `pages` empty. */
export interface CrawlReport {
  pages: string[];
  broken: string[];
  outside: string[];
  badAnchors: string[];
  badTel: string[];
  violations: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns its serious and critical violations, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      targets: v.nodes
        .map((n) => JSON.stringify(n.target))
        .slice(0, 3)
        .join(' '),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} at ${v.targets} on ${page.url()}`);
}

/** Blocks and records every request that leaves `prefix` (the site's origin and base). */
export async function fenceIn(page: Page, prefix: string, outside: string[]): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(prefix) || url.startsWith('data:')) return void req.continue();
    outside.push(`${url} from ${page.url()}`);
    void req.abort('blockedbyclient');
  });
}

interface PageFacts {
  links: string[];
  ids: string[];
}

async function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => ({
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
    ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name') || ''),
  }));
}

/**
 * Crawls a served site from its start page: follows every link under the base, checks every
 * resource and #anchor, records requests that leave the site, and runs axe on each page.
 */
export async function crawl(browser: Browser, start: string, opts: { axe: boolean }): Promise<CrawlReport> {
  const report: CrawlReport = { pages: [], broken: [], outside: [], badAnchors: [], badTel: [], violations: [] };
  const page = await browser.newPage();
  // The crawl checks what the server serves. The site's service worker (incident mode offline) would
  // answer the navigations itself, and under request interception Puppeteer then reports no response.
  await page.setBypassServiceWorker(true);
  await fenceIn(page, start, report.outside);
  page.on('response', (res) => {
    if (res.status() >= 400) report.broken.push(`${res.status()} ${res.url()}`);
  });
  const ids = new Map<string, Set<string>>();
  const anchors: { target: string; hash: string; from: string }[] = [];
  const queue = [start];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift() ?? start;
    const res = await page.goto(url, { waitUntil: 'networkidle0' });
    if (res?.status() !== 200) {
      report.broken.push(`${res?.status() ?? 'no response'} ${url}`);
      continue;
    }
    report.pages.push(new URL(url).pathname);
    const facts = await pageFacts(page);
    ids.set(url, new Set(facts.ids));
    if (opts.axe) report.violations.push(...(await seriousViolations(page)));
    for (const link of facts.links) await follow(link, { start, from: url, report, anchors, queue, seen });
  }
  for (const a of anchors)
    if (!ids.get(a.target)?.has(decodeURIComponent(a.hash)))
      report.badAnchors.push(`#${a.hash} on ${a.target} linked from ${a.from}`);
  await page.close();
  return report;
}

interface FollowCtx {
  start: string;
  from: string;
  report: CrawlReport;
  anchors: { target: string; hash: string; from: string }[];
  queue: string[];
  seen: Set<string>;
}

async function follow(link: string, ctx: FollowCtx): Promise<void> {
  if (link.startsWith('tel:')) {
    // E.164, or national digits with their country (RFC 3966) for a number not dialled from abroad (1300 ...).
    if (!/^tel:(\+\d{7,15}|\d{3,15};phone-context=\+\d{1,3})$/.test(link))
      ctx.report.badTel.push(`${link} on ${ctx.from}`);
    return;
  }
  if (link.startsWith('mailto:')) return;
  if (!link.startsWith(ctx.start)) {
    ctx.report.outside.push(`link ${link} on ${ctx.from}`);
    return;
  }
  const url = new URL(link);
  const hash = url.hash.slice(1);
  url.hash = '';
  const target = url.href;
  if (hash) ctx.anchors.push({ target, hash, from: ctx.from });
  if (ctx.seen.has(target)) return;
  ctx.seen.add(target);
  if (target.endsWith('/')) {
    ctx.queue.push(target);
    return;
  }
  // A download (PDF, vCard, offline copy): it must exist, it is not a page to crawl.
  const res = await fetch(target);
  if (res.status !== 200) ctx.report.broken.push(`${res.status} ${target} linked from ${ctx.from}`);
  await res.arrayBuffer();
}
