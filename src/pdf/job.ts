// What a print job is, what the Printer is given, and what printing one job needs and returns.
import type { Page, PDFOptions } from 'puppeteer';
import type { Numbering } from './contents.ts';
import type { PagePool } from './pool.ts';
import { linkXrefs } from './xref.ts';

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
  /** The binder: its contents and cross-references are numbered from its outline (numbered.ts). */
  binder?: boolean;
  /** A binder's numbering as predicted (its previous build's, or this build's other audience's). */
  numbering?: Numbering;
  /** Start every top-level section on a right-hand page (for double-sided printing). */
  duplex?: boolean;
  /** Print a binder in parts, kept here between builds (parts.ts); not for duplex binders. */
  parts?: PartStore;
}

/** Where a binder's parts are kept between builds, and what every part's key starts from. */
export interface PartStore {
  /** This build's store, shared by the client's binders. */
  next: string;
  /** The previous build's store; none with --force. */
  previous?: string;
  /** The hash of what the parts' prints depend on beside their markup: files, code, browser, paper. */
  basis: string;
}

/** How the Printer prints; the build reads them from the environment, at the edge. */
export interface PrinterOptions {
  /** A page load, print or browser call that takes longer has hung (the browser is replaced). */
  timeoutMs: number;
}

/** What the Printer counts, for the build's summary and the benchmark. */
export interface PrintCounts {
  /** How many times page.pdf printed a whole document, second binder prints included. */
  prints: number;
  /** Of those, binder prints not kept: the page numbers they showed were not their own (numbered.ts). */
  numberingPrints: number;
  /** Parts of binders printed (parts.ts); a binder's pass counts once in prints, whatever its parts did. */
  partPrints: number;
}

/** What printing one job needs: the pages to print on, the options and the counts to add to. */
export interface PrintContext {
  pool: PagePool;
  options: PrinterOptions;
  counts: PrintCounts;
}

/** What a job's page printed: the PDF, and for a binder what its page numbers came from. */
export interface Printed {
  pdf: Buffer;
  numbering?: Numbering;
}

/** A print page that did not answer 200: a bug in irplan, not a reason to retry. */
export class MissingPage extends Error {}

/**
 * Loads the job's print page, its cross-references pointed at their targets in it; a missing page
 * is not printed as an error page.
 */
export async function loadPage(page: Page, job: PrintJob, timeoutMs: number): Promise<void> {
  const response = await page.goto(job.url, { waitUntil: 'load', timeout: timeoutMs });
  if (response?.status() !== 200) throw new MissingPage(`${job.url} answered ${response?.status() ?? 'nothing'}`);
  await loadFonts(page, job.binder === true);
  await linkXrefs(page);
}

/**
 * Loads the page's font faces before anything is laid out for print. A face is otherwise fetched
 * when a layout first needs it, and a print that needs one still on its way lays the page out in
 * a fallback font (other pages, other numbers). That is our reading, not proven, of what was seen
 * once on a machine busy with other builds: an incremental build's binder parts differed from a
 * --force build's; not seen since with the faces loaded first. A small document loads its Latin
 * faces: a face for another script is fetched by the first layout of text in it, on screen, where
 * the same text needs it too (every face cost 0.1 s a document; the Latin ones, nothing
 * measurable). A binder loads every face: its sections out of view are never laid out on screen
 * (print.css), so nothing else would fetch the faces their text needs.
 */
async function loadFonts(page: Page, every: boolean): Promise<void> {
  await page.evaluate(async (every: boolean) => {
    const latin = /U\+0(000)?-(00)?FF\b|U\+0-10FFFF/i;
    const faces = [...document.fonts].filter((face) => every || latin.test(face.unicodeRange));
    await Promise.all(faces.map((face) => face.load().catch(() => undefined)));
    await document.fonts.ready;
  }, every);
}

/** The page.pdf options of a job. */
export function printOptions(job: PrintJob, timeoutMs: number): PDFOptions {
  // waitForFonts: page.pdf waits for document.fonts.ready itself, sparing an evaluate of our own.
  return {
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
    format: job.paper === 'a4' ? 'A4' : 'Letter',
    timeout: timeoutMs,
    waitForFonts: true,
  };
}
