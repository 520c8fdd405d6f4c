import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { UserError } from '../shared/index.ts';
import { releaseMemory } from '../shared/index.ts';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { emptySections, numberContents } from './contents.ts';
import { readOutline, readPages } from './outline.ts';
import { normalizePdf } from './postprocess.ts';
import { spliceFrontPages } from './splice.ts';
import type { Spliced } from './splice.ts';

/** One print job: a page of the locally served site to a PDF file. */
export interface PrintJob {
  url: string;
  out: string;
  paper: 'letter' | 'a4';
  title: string;
  author: string;
  subject: string;
  /** The date stamped into the PDF's metadata (from the commit or SOURCE_DATE_EPOCH). */
  epochSeconds: number;
  /** The binder: its contents page is numbered from a first print's outline. */
  binder?: boolean;
  /** Start every top-level section on a right-hand page (for double-sided printing). */
  duplex?: boolean;
}

class MissingPage extends Error {}

/** A binder's front pages (cover and contents) printed again with their page numbers written in. */
interface FrontPages {
  pdf: Buffer;
  count: number;
  starts: number[];
}
/** What a job's page printed: the PDF, and for a binder its numbered front pages to splice in. */
interface Printed {
  pdf: Buffer;
  front?: FrontPages;
}

/**
 * Printing may reach only the site served on 127.0.0.1. Every other request goes to a proxy
 * address where nothing listens (loopback bypasses proxies), and no other name resolves. These are
 * launch flags, so unlike request interception they cost nothing per request (measured: request
 * interception made printing about 40% slower).
 */
const LOOPBACK_ONLY = [
  '--proxy-server=http://127.0.0.1:1',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Two pages at a time: measured on 2 cores, more gains nothing. */
const POOL_SIZE = 2;
/** A print that takes longer has hung; IRPLAN_PRINT_TIMEOUT_MS shortens it for fault tests. */
const PRINT_TIMEOUT_MS = Number(process.env.IRPLAN_PRINT_TIMEOUT_MS) || 60_000;

/** One warm browser and a small pool of pages, shared by every client in a build. */
export class Printer {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private idle: Page[] = [];
  private waiting: { resolve: (p: Page) => void; reject: (e: unknown) => void }[] = [];
  /** Pages of the current browser that are in use or being opened. */
  private busy = 0;
  /** How many times page.pdf printed a whole document, second binder prints included (for the benchmark). */
  prints = 0;
  /** How many times page.pdf printed only a binder's front pages (cover and contents). */
  partialPrints = 0;
  /** Binders whose numbered front pages could not be spliced in, so they were printed in full again. */
  fallbacks = 0;

  /**
   * One binder at a time: a renderer laying out a binder of a hundred pages holds several hundred
   * megabytes, and two at once made the build's peak memory. The other page meanwhile prints the
   * small documents queued behind, so the pool stays busy. The binder whose turn it is takes the
   * next free page before them: otherwise binders would wait behind every small document and be
   * printed last, one after another, while the other page had nothing left to do.
   */
  private binderSlot: Promise<void> = Promise.resolve();

  /** Prints one job, retrying once (on a fresh browser) when the browser fails or hangs. */
  async print(job: PrintJob): Promise<void> {
    if (!job.binder) return this.printRetrying(job);
    const previous = this.binderSlot;
    let done = () => {};
    this.binderSlot = new Promise((resolve) => {
      done = resolve;
    });
    try {
      await previous;
      // The garbage of earlier prints (PDF bytes, protocol messages) is collected before the
      // binder's print, the print that needs the most memory, rather than whenever V8 gets to it.
      releaseMemory();
      await this.printRetrying(job);
    } finally {
      done();
    }
  }

  private async printRetrying(job: PrintJob): Promise<void> {
    try {
      await this.printOnce(job);
    } catch (first) {
      if (first instanceof UserError || first instanceof MissingPage) throw first;
      await this.printOnce(job).catch((second: unknown) => {
        throw new UserError(
          'IRP_PRINT',
          `printing ${job.out} failed twice: ${second instanceof Error ? second.message.split('\n')[0] : String(second)}`,
          { hint: 'run again; if it keeps failing, check that the browser starts: npx irplan doctor', cause: second },
        );
      });
    }
  }

  /**
   * The page's work comes first; the page goes back to the pool (or is retired) as soon as the
   * browser is done with it, so the next job loads while this process splices, normalizes and
   * writes the PDF (about 0.1 s for a 110-page binder, measured, that the page would otherwise
   * sit idle for).
   */
  private async printOnce(job: PrintJob): Promise<void> {
    const printed = await this.withPage(job, (page) => this.printOnPage(page, job));
    let pdf = printed.pdf;
    if (printed.front) pdf = await this.spliceOrReprint(job, printed.pdf, printed.front);
    writeAtomic(
      job.out,
      normalizePdf(pdf, { epochSeconds: job.epochSeconds, title: job.title, author: job.author, subject: job.subject }),
    );
  }

  /**
   * Runs `work` on a page of the pool. A binder's page is retired afterwards (see retire), any
   * other goes back to the pool. A browser that failed or hung once is not trusted again: it is
   * killed, and the retry (and every job still waiting) gets a fresh one.
   */
  private async withPage<T>(job: PrintJob, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire(job.binder === true);
    try {
      const result = await work(page);
      if (job.binder) this.retire(page);
      else this.release(page);
      return result;
    } catch (err) {
      this.discard(page.browser());
      throw err;
    }
  }

  private async printOnPage(page: Page, job: PrintJob): Promise<Printed> {
    await this.load(page, job);
    const options = printOptions(job);
    if (job.binder && job.duplex) {
      // Double-sided binders get a blank filler page before each section that would start on a
      // left-hand page. Where fillers go is only known from a first print, and each one moves
      // every page after it, so no page of the first print can be kept: the whole binder is
      // printed a second time (untagged first, as only its outline is read).
      this.prints++;
      await numberContents(page, outlinePages(await page.pdf({ ...options, tagged: false })), true);
    }
    this.prints++;
    const pdf = Buffer.from(await page.pdf(options));
    if (!job.binder || job.duplex) return { pdf };
    return this.numberFrontPages(page, pdf, options);
  }

  private async load(page: Page, job: PrintJob): Promise<void> {
    const response = await page.goto(job.url, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
    // A missing print page is a bug in irplan, not a reason to retry or to print an error page.
    if (response?.status() !== 200) throw new MissingPage(`${job.url} answered ${response?.status() ?? 'nothing'}`);
  }

  /**
   * The binder was printed with placeholder page numbers. The numbers are written in, the rest of
   * the binder is emptied (contents.ts) and only the front pages that show the numbers (cover and
   * contents) are printed again; their content replaces the placeholders' in the full print once
   * the page is free (spliceOrReprint). When a number is further on than the front pages, the
   * whole binder is printed a second time, numbered.
   */
  private async numberFrontPages(page: Page, full: Buffer, options: PDFOptions): Promise<Printed> {
    const { outline, pageCount } = readPages(full);
    const starts = outline.map((e) => e.page);
    const count = await numberContents(page, starts, false);
    if (count === 0) return { pdf: await this.printAgain(page, options) };
    await emptySections(page, count, pageCount);
    this.partialPrints++;
    const pdf = Buffer.from(await page.pdf({ ...options, pageRanges: `1-${count}` }));
    return { pdf: full, front: { pdf, count, starts } };
  }

  /**
   * Splices the numbered front pages into the full print. If that is not safe (see splice.ts), or
   * IRPLAN_NO_SPLICE is set, the binder is loaded on a page again, numbered and printed in full a
   * second time.
   */
  private async spliceOrReprint(job: PrintJob, full: Buffer, front: FrontPages): Promise<Buffer> {
    // IRPLAN_NO_SPLICE refuses every splice: the way to compare with (and test) the full reprint.
    const spliced: Spliced = process.env.IRPLAN_NO_SPLICE
      ? { refused: 'IRPLAN_NO_SPLICE is set' }
      : spliceFrontPages(full, front.pdf, front.count);
    if ('pdf' in spliced) return spliced.pdf;
    if (process.env.IRPLAN_DEBUG) process.stderr.write(`irplan: front pages not spliced: ${JSON.stringify(spliced)}\n`);
    return this.withPage(job, async (page) => {
      await this.load(page, job);
      await numberContents(page, front.starts, false);
      return this.printAgain(page, printOptions(job));
    });
  }

  private async printAgain(page: Page, options: PDFOptions): Promise<Buffer> {
    this.fallbacks++;
    this.prints++;
    return Buffer.from(await page.pdf(options));
  }

  private async launch(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= (async () => {
      const executablePath = await findBrowser();
      // Imported on first use, like Astro: unchanged clients never start a browser.
      const { default: puppeteer } = await import('puppeteer');
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...BROWSER_ARGS, ...LOOPBACK_ONLY],
        timeout: 30_000,
        protocolTimeout: PRINT_TIMEOUT_MS,
      });
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
   * A renderer keeps the memory of what it laid out until its process ends: measured here, each of
   * the two pages' renderers grew to 500 to 600 MB RSS over a batch's binders and held it to the
   * end. So the page that printed a binder is closed (its renderer exits with it) and the next job
   * gets a new page. The cost is a cold renderer for that job (a 30-page binder measured 1.2 to
   * 1.5 s on a warm page, 1.5 to 2.5 s on a fresh one): part of why pdf_ratio rose (benchmark.md).
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
 * Chromium opens a blank tab at start, with a renderer process of its own (about 100 MB RSS,
 * measured): the pool opens its own pages, so it is closed. A browser that does not answer in time
 * is left as it is: the print that uses it has its own timeout.
 */
async function closeStartTabs(browser: Browser): Promise<void> {
  const tabs = browser.targets().filter((t) => t.type() === 'page');
  const closing = Promise.all(tabs.map(async (t) => (await t.page())?.close())).catch(() => undefined);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
}

function printOptions(job: PrintJob): PDFOptions {
  // waitForFonts: page.pdf waits for document.fonts.ready itself (an evaluate of our own before
  // it cost about 20 ms a document, measured).
  return {
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
    format: job.paper === 'a4' ? 'A4' : 'Letter',
    timeout: PRINT_TIMEOUT_MS,
    waitForFonts: true,
  };
}

function outlinePages(pdf: Uint8Array): number[] {
  return readOutline(Buffer.from(pdf)).map((e) => e.page);
}

function closeQuietly(page: Page): void {
  void page.close().catch(() => undefined);
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
