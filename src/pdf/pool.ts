// One warm browser and a small pool of its pages, shared by every client in a build.
import type { Browser, Page } from 'puppeteer';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { browserScratch } from './scratch.ts';

/**
 * Printing may reach only the site served on 127.0.0.1. Every other request goes to a proxy
 * address where nothing listens (loopback bypasses proxies), and no other name resolves. These are
 * launch flags, so unlike request interception they cost nothing per request.
 */
const LOOPBACK_ONLY = [
  '--proxy-server=http://127.0.0.1:1',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Two pages at a time: on two cores, more gain nothing. */
const POOL_SIZE = 2;

/**
 * A renderer whose heaps (V8's and Blink's) hold more than this after a job is collected. Blink
 * keeps the documents a page printed before until a full collection, which a renderer with V8's
 * small heap seldom runs: one page grew by about 100 MB over 20 checklists, all of it garbage.
 */
const COLLECT_ABOVE_MB = 48;

/** The browser, launched on first use, and its pages: idle, in use, or awaited by jobs. */
export class PagePool {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private idle: Page[] = [];
  private waiting: { resolve: (p: Page) => void; reject: (e: unknown) => void }[] = [];
  /** Pages of the current browser that are in use or being opened. */
  private busy = 0;
  private readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  /**
   * Runs `work` on a page of the pool; a binder's page jumps the queue. A binder's page is retired
   * afterwards (see retire), any other goes back to the pool. A browser that failed or hung once is
   * not trusted again: it is killed, and the retry (and every job still waiting) gets a fresh one.
   */
  async withPage<T>(binder: boolean, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire(binder);
    try {
      // The binder, the print that needs the most memory, starts on a renderer without garbage.
      if (binder) await collectGarbage(page, 0);
      const result = await work(page);
      if (binder) this.retire(page);
      else {
        await collectGarbage(page, COLLECT_ABOVE_MB);
        this.release(page);
      }
      return result;
    } catch (err) {
      this.discard(page.browser());
      throw err;
    }
  }

  private async launch(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= (async () => {
      const executablePath = await findBrowser();
      // Imported on first use, like Astro: unchanged clients never start a browser.
      const { default: puppeteer } = await import('puppeteer');
      const scratch = browserScratch();
      const browser = await puppeteer
        .launch({
          executablePath,
          headless: true,
          args: [...BROWSER_ARGS, ...LOOPBACK_ONLY],
          userDataDir: scratch.profile,
          timeout: 30_000,
          protocolTimeout: this.timeoutMs,
        })
        .catch((err: unknown) => {
          scratch.remove();
          throw err;
        });
      scratch.removeAfter(browser.process());
      await closeStartTabs(browser);
      this.browser = browser;
      return browser;
    })().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  /** A page of the pool; `first` jumps the queue (the binder whose turn it is). */
  private async acquire(first = false): Promise<Page> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.busy >= POOL_SIZE)
      return new Promise((resolve, reject) => this.waiting[first ? 'unshift' : 'push']({ resolve, reject }));
    this.busy++;
    try {
      return await (await this.launch()).newPage();
    } catch (err) {
      this.busy--;
      throw err;
    }
  }

  private release(page: Page): void {
    if (page.browser() !== this.browser) return void closeQuietly(page);
    const next = this.waiting.shift();
    if (next) next.resolve(page);
    else this.idle.push(page);
  }

  /**
   * A renderer keeps the memory of what it laid out until its process ends, so the page that
   * printed a binder is closed (its renderer exits with it) and the next job gets a new page, at
   * the cost of a cold renderer for that job.
   */
  private retire(page: Page): void {
    closeQuietly(page);
    if (page.browser() !== this.browser) return;
    this.busy--;
    const next = this.waiting.shift();
    if (next) void this.acquire().then(next.resolve, next.reject);
  }

  /** Kills a failed browser; if it was the current one, its pages no longer count. */
  private discard(browser: Browser): void {
    killBrowser(browser);
    if (browser !== this.browser) return;
    this.browser = undefined;
    this.idle = [];
    this.busy = 0;
    // Jobs waiting for a page of the dead browser get one of a fresh browser instead.
    for (const w of this.waiting.splice(0, POOL_SIZE)) void this.acquire().then(w.resolve, w.reject);
  }

  /** Closes the browser; safe to call more than once. Kills it if it does not close in time. */
  async close(): Promise<void> {
    // A browser still starting (a fresh one for jobs of a killed browser) would otherwise outlive
    // the build, with its profile folder: it is waited for and closed like the current one.
    if (this.launching) await this.launching.catch(() => undefined);
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    this.busy = 0;
    if (!browser) return;
    const closed = browser.close().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref());
    if (!(await Promise.race([closed, timeout]))) killBrowser(browser);
  }
}

/**
 * Kills the browser's whole process group (Puppeteer starts it as a group leader on Linux and
 * macOS): its helpers, or a wrapper's children, must not outlive it, frozen or not.
 */
function killBrowser(browser: Browser): void {
  const child = browser.process();
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Chromium opens a blank tab at start, with a renderer process of its own: the pool opens its own
 * pages, so it is closed. A browser that does not answer in time is left as it is: the print that
 * uses it has its own timeout.
 */
async function closeStartTabs(browser: Browser): Promise<void> {
  const tabs = browser.targets().filter((t) => t.type() === 'page');
  const closing = Promise.all(tabs.map(async (t) => (await t.page())?.close())).catch(() => undefined);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
}

/**
 * A full garbage collection in the page's renderer when its heaps hold more than `aboveMb`; a few
 * milliseconds for a checklist's heap. Only memory depends on it, so a browser that fails to
 * answer is left to the next job's own timeout.
 */
async function collectGarbage(page: Page, aboveMb: number): Promise<void> {
  try {
    const session = await page.createCDPSession();
    try {
      if (aboveMb > 0) {
        const heap = await session.send('Runtime.getHeapUsage');
        if ((heap.usedSize + heap.embedderHeapUsedSize) / 2 ** 20 < aboveMb) return;
      }
      await session.send('HeapProfiler.collectGarbage');
    } finally {
      await session.detach().catch(() => undefined);
    }
  } catch {
    /* see above */
  }
}

function closeQuietly(page: Page): void {
  void page.close().catch(() => undefined);
}
