import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entryHash, GENESIS } from '../../src/incident/canonical.ts';
import { BROWSER_ARGS, findBrowser } from '../../src/pdf/browser.ts';
import { serveStatic } from '../../src/pdf/server.ts';
import type { StaticServer } from '../../src/pdf/server.ts';
import { stepsOf } from '../../src/render/steps.ts';
import { irplan, tempDir } from '../helpers/cli.ts';
import { fenceIn, seriousViolations } from '../helpers/crawl.ts';
import { examplesProject } from '../helpers/project.ts';

// Incident mode on a phone (issue 21): a built site served on 127.0.0.1 under a base path, opened
// once, then used offline. One browser profile for the whole file: its IndexedDB and service worker
// carry the incident from test to test, as they would on a phone. Screenshots at 390 px go to
// IRPLAN_SCREENSHOTS when set (to look at), else to a temporary folder.

const BASE = '/ir/plan/';
const SLUG = 'northwind-logistics';
const ZONE_DISCOVERY = '2025-11-01T10:00'; // America/Los_Angeles, PDT: the 48 hours end after summer time
let root: string;
let site: string;
let server: StaticServer;
let origin = '';
let stopped = false;
let browser: Browser;
let page: Page;
let downloads: string;
const outside: string[] = [];
const shots = process.env.IRPLAN_SCREENSHOTS ?? '';

beforeAll(async () => {
  root = examplesProject('irplan-incident-site-');
  const built = irplan(['build', SLUG, '--no-pdf', '--base', BASE, '--out', join(root, 'dist')], { cwd: root });
  expect(built.code, built.stderr).toBe(0);
  site = join(root, 'dist', SLUG, 'site');
  server = await serveStatic(site, BASE);
  origin = server.origin;
  browser = await puppeteer.launch({ executablePath: await findBrowser(), headless: true, args: BROWSER_ARGS });
  downloads = tempDir('irplan-incident-downloads-');
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844 });
  page.on('dialog', (d) => void d.accept());
  await fenceIn(page, start(), outside);
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
});

const start = () => `${origin}${BASE}`;

/** Stops serving the site (the offline test, then the end of the file). */
async function stopServer(): Promise<void> {
  if (stopped || !server) return;
  stopped = true;
  await server.close();
}
const open = (path: string) => page.goto(`${start()}${path}`, { waitUntil: 'networkidle0' });
const html = (doc: string) => readFileSync(join(site, doc, 'index.html'), 'utf8');
const ticked = () =>
  page.$$eval('input[type=checkbox][data-step]:checked', (boxes) =>
    boxes.map((b) => b.id || b.getAttribute('data-step')),
  );

/** A phone screen's worth of the page, from the element `at` (its top) when given. */
async function screenshot(name: string, at?: string): Promise<void> {
  if (at) await page.$eval(at, (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(shots || tempDir('irplan-shots-'), `${name}.png`) });
}

/** Ticks the first `n` steps of a playbook page and waits until each shows who ticked it. */
async function tick(doc: string, n: number): Promise<string[]> {
  await open(`${doc}/`);
  const ids = await page.$$eval(
    'input[type=checkbox][data-step]:not([hidden])',
    (boxes, n) => boxes.slice(0, n).map((b) => b.getAttribute('data-step') ?? ''),
    n,
  );
  for (const id of ids) await page.click(`input[data-step="${id}"]`);
  await page.waitForFunction((n) => document.querySelectorAll('.step-by:not(:empty)').length === n, {}, n);
  return ids;
}

describe('the built site', () => {
  test('has an incident page, linked from every page, and a service worker listing the whole site', () => {
    expect(html('incident')).toContain('data-incident-start');
    expect(html('contacts')).toContain(`href="${BASE}incident/"`);
    const sw = readFileSync(join(site, 'sw.js'), 'utf8');
    const files = JSON.parse(/^const FILES = (.*);$/m.exec(sw)?.[1] ?? '[]') as string[];
    expect(files).toContain('incident/index.html');
    expect(files).toContain('playbook-ransomware/index.html');
    expect(files.filter((f) => /^[a-z]+:|^\/|\.\./.test(f))).toEqual([]);
  });

  test("marks each step of a playbook with the id render's stepsOf gives the page", () => {
    for (const doc of ['playbook-ransomware', 'first-15-minutes', 'cost-log']) {
      const page = html(doc);
      const ids = [...page.matchAll(/<input type="checkbox"[^>]*data-step="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length, doc).toBeGreaterThan(3);
      expect(ids).toEqual(stepsOf(page, doc).map((s) => s.id));
    }
  });

  test("the site's step boxes are exactly the steps the build lists for the CLI (dist/<slug>/steps.json)", () => {
    const listed = JSON.parse(readFileSync(join(root, 'dist', SLUG, 'steps.json'), 'utf8')).steps as { id: string }[];
    const boxes = readdirSync(site, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(site, d.name, 'index.html')))
      .flatMap((d) => [...html(d.name).matchAll(/data-step="([^"]+)"/g)].map((m) => m[1]));
    expect(boxes.length).toBeGreaterThan(100);
    expect(new Set(boxes)).toEqual(new Set(listed.map((s) => s.id)));
  });
});

describe('incident mode in the browser', () => {
  test('without JavaScript the pages read as before: no boxes, and the page says what it needs', async () => {
    const plain = await browser.newPage();
    await plain.setJavaScriptEnabled(false);
    await plain.goto(`${start()}playbook-ransomware/`);
    expect(await plain.$$('input[type=checkbox][data-step]:not([hidden])')).toHaveLength(0);
    await plain.goto(`${start()}incident/`);
    expect(await plain.$eval('[data-incident-noscript]', (e) => (e as HTMLElement).hidden)).toBe(false);
    expect(await plain.$eval('[data-incident-new]', (e) => (e as HTMLElement).hidden)).toBe(true);
    await plain.close();
  });

  test("starts an incident: the insurer's clock is due 48 hours after discovery, in the client's zone", async () => {
    await open('incident/');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.$eval(
      'input[name=discovered]',
      (e, v) => {
        (e as HTMLInputElement).value = v;
      },
      ZONE_DISCOVERY,
    );
    await page.type('input[name=by]', 'Maria Lopez');
    await page.select('select[name=type]', 'ransomware');
    await page.select('select[name=severity]', 'critical');
    await page.click('[data-incident-start]');
    await page.waitForSelector('[data-clock="insurer-notice"][data-due]');
    const due = (name: string) => page.$eval(`[data-clock="${name}"]`, (e) => e.getAttribute('data-due'));
    expect(await due('insurer-notice')).toBe('2025-11-03T09:00:00-08:00');
    expect(await due('rule-us-wa-breach')).toBe('2025-12-01T09:00:00-08:00'); // 30 days
    expect(await due('after-action-review')).toBeNull(); // counted from recovery, not yet declared
    expect(await page.$eval('[data-incident-banner]', (e) => (e as HTMLElement).hidden)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('incident-started', '[data-incident-summary]');
  });

  test('offline, the incident survives a reload and steps ticked in two playbooks stay ticked', async () => {
    // Offline for the page, and the server gone: the service worker's own requests fail too.
    await stopServer();
    await page.setOfflineMode(true);
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await page.$eval('[data-incident-summary]', (e) => e.textContent)).toContain('20251101-1000-ransomware');
    const ransomware = await tick('playbook-ransomware', 2);
    const breach = await tick('playbook-data-breach', 1);
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('input[data-step]:checked');
    expect(await ticked()).toEqual(breach);
    await open('playbook-ransomware/');
    await page.waitForSelector('input[data-step]:checked');
    expect(await ticked()).toEqual(ransomware);
    // At phone width the checklist is cards: nothing wider than the screen, every box a 44 px target.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const rows = await page.$$eval('.checklist tbody tr', (trs) => trs.map((tr) => tr.getBoundingClientRect().right));
    expect(Math.max(...rows)).toBeLessThanOrEqual(390);
    const boxes = await page.$$eval('.checklist td:first-child', (tds) =>
      tds.map((td) => td.getBoundingClientRect().width),
    );
    expect(Math.min(...boxes)).toBeGreaterThanOrEqual(44);
    await screenshot('playbook-ticked', '.checklist');
  });

  test('a note is added and the export is a log whose chain holds in Node', async () => {
    await open('incident/');
    await page.type('textarea[data-incident-note]', 'File server FS01 isolated; "Cobalt" engaged.');
    await page.click('[data-incident-note-add]');
    await page.waitForFunction(() => document.querySelectorAll('[data-incident-timeline-rows] tr').length === 5);
    // A ticked step is named with its document's title, as the reader knows it, not the page's id.
    const rows = await page.$$eval('[data-incident-timeline-rows] tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows[1]).toContain('Playbook: ransomware and extortion: ');
    expect(rows.join('\n')).not.toContain('playbook-ransomware:');
    await page.click('[data-incident-export]');
    const file = await downloaded(/^northwind-logistics-incident-20251101-1000-ransomware-[0-9a-f]{8}\.json$/);
    const log = JSON.parse(readFileSync(join(downloads, file), 'utf8'));
    expect(log).toMatchObject({
      format: 'irplan-incident-log/1',
      client: SLUG,
      time_zone: 'America/Los_Angeles',
      incident: { id: '20251101-1000-ransomware', discovered: '2025-11-01T10:00:00-07:00', type: 'ransomware' },
    });
    expect(file).toContain(log.device);
    const entries = log.entries as Record<string, unknown>[];
    expect(entries.map((e) => e.kind)).toEqual(['start', 'step', 'step', 'step', 'note']);
    expect(entries.every((e) => e.by === 'Maria Lopez' && /[-+]0[78]:00$/.test(String(e.time)))).toBe(true);
    expect(entries[4]?.text).toBe('File server FS01 isolated; "Cobalt" engaged.');
    const steps = new Set(
      ['playbook-ransomware', 'playbook-data-breach'].flatMap((d) => stepsOf(html(d), d).map((s) => s.id)),
    );
    expect(entries.filter((e) => e.kind === 'step').every((e) => steps.has(String(e.step)))).toBe(true);
    let prev = GENESIS;
    for (const [i, entry] of entries.entries()) {
      expect(entry.seq).toBe(i + 1);
      expect(entry.prev).toBe(prev);
      expect(entry.hash).toBe(entryHash(entry));
      prev = String(entry.hash);
    }
    await screenshot('incident-exported', '[data-incident-timeline]');
  });

  test('`irplan incident import` takes the exported file as it is', () => {
    const file = readdirSync(downloads).find((f) => f.endsWith('.json')) ?? '';
    const result = irplan(['incident', 'import', SLUG, join(downloads, file)], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const stored = join(root, 'plans', SLUG, 'incidents', '20251101-1000-ransomware', 'log.json');
    expect(readFileSync(stored, 'utf8')).toContain('File server FS01 isolated');
  });

  test('no request left 127.0.0.1: not from the pages, not from the service worker', async () => {
    const worker = await (await browser.waitForTarget((t) => t.type() === 'service_worker')).worker();
    const fetched = (await worker?.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) ?? [];
    expect(fetched.length).toBeGreaterThan(50);
    expect(fetched.filter((url) => !url.startsWith(start()))).toEqual([]);
    expect(outside).toEqual([]);
  });

  test('once exported, the incident can be wiped from the device', async () => {
    await open('incident/');
    await page.waitForFunction(() => !(document.querySelector('[data-incident-wipe]') as HTMLButtonElement).disabled);
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('[data-incident-wipe]')]);
    await page.waitForSelector('[data-incident-new]:not([hidden])');
    expect(await page.$eval('[data-incident-banner]', (e) => (e as HTMLElement).hidden)).toBe(true);
    await open('playbook-ransomware/');
    expect(await page.$$('input[type=checkbox][data-step]:not([hidden])')).toHaveLength(0);
  });
});

/** Waits for a finished download whose name matches, and returns the name. */
async function downloaded(name: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const file = existsSync(downloads) ? readdirSync(downloads).find((f) => name.test(f)) : undefined;
    if (file) return file;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no download named ${name} in ${readdirSync(downloads).join(', ')}`);
}
