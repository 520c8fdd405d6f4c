import { renameSync, rmSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer';
import type { Browser, Page } from 'puppeteer';
import { UserError } from '../core/errors.ts';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { readOutline } from './outline.ts';
import { normalizePdf } from './postprocess.ts';

/** One print job: a page of the locally served site to a PDF file. */
export interface PrintJob {
  url: string; out: string; paper: 'letter' | 'a4'; title: string; author: string; subject: string;
  /** The date stamped into the PDF's metadata (from the commit or SOURCE_DATE_EPOCH). */
  epochSeconds: number;
  /** The binder: its contents page is numbered from a first print's outline. */
  binder?: boolean;
  /** Start every top-level section on a right-hand page (for double-sided printing). */
  duplex?: boolean;
}

class MissingPage extends Error {}

/** Two pages at a time: measured on 2 cores, more gains nothing. */
const POOL_SIZE = 2;
const PRINT_TIMEOUT_MS = 60_000;

/** One warm browser and a small pool of pages, shared by every client in a build. */
export class Printer {
  private browser: Browser | undefined;
  private idle: Page[] = [];
  private waiting: { resolve: (p: Page) => void; reject: (e: unknown) => void }[] = [];
  private created = 0;
  /** How many times page.pdf ran, the binder's contents pass included (for the benchmark). */
  prints = 0;

  /** Prints one job, retrying once when the browser fails for a reason other than the page. */
  async print(job: PrintJob): Promise<void> {
    try {
      await this.printOnce(job);
    } catch (first) {
      if (first instanceof UserError || first instanceof MissingPage) throw first;
      await this.reset();
      await this.printOnce(job).catch((second: unknown) => {
        throw new UserError('IRP_PRINT', `printing ${job.out} failed twice: ${second instanceof Error ? second.message : String(second)}`, { hint: 'run again; if it keeps failing, check that Chromium starts: chromium --headless --version', cause: second });
      });
    }
  }

  private async printOnce(job: PrintJob): Promise<void> {
    const page = await this.acquire();
    try {
      const response = await page.goto(job.url, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
      // A missing print page is a bug in irplan, not a reason to retry or to print an error page.
      if (response?.status() !== 200) throw new MissingPage(`${job.url} answered ${response?.status() ?? 'nothing'}`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const options = { preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, format: job.paper === 'a4' ? 'A4' : 'Letter', timeout: PRINT_TIMEOUT_MS, waitForFonts: true } as const;
      if (job.binder) {
        this.prints++;
        await numberContents(page, await page.pdf({ ...options, tagged: false }), job.duplex === true);
      }
      this.prints++;
      const pdf = await page.pdf(options);
      writeAtomic(job.out, normalizePdf(Buffer.from(pdf), { epochSeconds: job.epochSeconds, title: job.title, author: job.author, subject: job.subject }));
      this.release(page);
    } catch (err) {
      await page.close().catch(() => undefined);
      this.created--;
      this.wakeWaiter();
      throw err;
    }
  }

  /** A page was lost: someone waiting for one gets a fresh page instead. */
  private wakeWaiter(): void {
    const next = this.waiting.shift();
    if (next) void this.acquire().then(next.resolve, next.reject);
  }

  private async launch(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    const executablePath = await findBrowser();
    this.browser = await puppeteer.launch({ executablePath, headless: true, args: BROWSER_ARGS, timeout: 30_000 });
    return this.browser;
  }

  private async acquire(): Promise<Page> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created >= POOL_SIZE) return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.created++;
    try {
      const page = await (await this.launch()).newPage();
      await blockRemote(page);
      return page;
    } catch (err) {
      this.created--;
      throw err;
    }
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next.resolve(page);
    else this.idle.push(page);
  }

  private async reset(): Promise<void> {
    this.idle = [];
    this.created = 0;
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
  }

  /** Closes the browser; safe to call more than once. */
  async close(): Promise<void> {
    await this.reset();
  }
}

/**
 * Chromium cannot number a contents page itself (no target-counter()), so the binder is printed
 * once, each section's first page read from that PDF's outline, written into the contents and the
 * duplex fillers, and printed again. The numbers keep a fixed width, so the layout does not move.
 */
async function numberContents(page: Page, firstPrint: Uint8Array, duplex: boolean): Promise<void> {
  const pages = readOutline(Buffer.from(firstPrint)).map((e) => e.page);
  const problem = await page.evaluate((pages: number[], duplex: boolean) => {
    const h1s = [...document.querySelectorAll('h1')];
    if (h1s.length !== pages.length) return `${h1s.length} h1 headings but ${pages.length} outline entries`;
    const start = new Map<string, number>();
    h1s.forEach((h, i) => {
      const id = h.closest('section[id]')?.id;
      if (id && !start.has(id)) start.set(id, pages[i] ?? 0);
    });
    let shift = 0;
    for (const section of document.querySelectorAll<HTMLElement>('section.section[id]')) {
      let at = (start.get(section.id) ?? 0) + shift;
      if (duplex && at % 2 === 0) {
        const blank = document.createElement('div');
        blank.className = 'blank-page';
        blank.textContent = 'This page is intentionally blank.';
        section.before(blank);
        shift++;
        at++;
      }
      start.set(section.id, at);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-toc-for]')) el.textContent = String(start.get(el.dataset.tocFor ?? '') ?? '');
    return null;
  }, pages, duplex);
  if (problem) throw new Error(`cannot number the contents: ${problem}`);
}

/** Printing may load only the site served on loopback: every other request is refused. */
async function blockRemote(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = new URL(req.url());
    if ((url.protocol === 'http:' && url.hostname === '127.0.0.1') || url.protocol === 'data:') void req.continue();
    else void req.abort('blockedbyclient');
  });
}

/** Writes through a temporary file and a rename, so a reader never sees half a PDF. */
export function writeAtomic(path: string, data: Buffer | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
