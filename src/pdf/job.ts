// What a print job is, what the Printer is given, and what printing one job needs and returns.
import type { Page, PDFOptions } from 'puppeteer';
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
  /** The binder: its contents page is numbered from a first print's outline. */
  binder?: boolean;
  /** Start every top-level section on a right-hand page (for double-sided printing). */
  duplex?: boolean;
}

/** How the Printer prints; the build reads them from the environment, at the edge. */
export interface PrinterOptions {
  /** A page load, print or browser call that takes longer has hung (the browser is replaced). */
  timeoutMs: number;
  /** TEST SEAM: refuses every splice of a binder's numbered pages, so the full-reprint fallback runs. */
  refuseSplice: boolean;
  /** Reports on stderr why a binder's front pages were not spliced. */
  debug: boolean;
}

/** What the Printer counts, for the build's summary and the benchmark. */
export interface PrintCounts {
  /** How many times page.pdf printed a whole document, second binder prints included. */
  prints: number;
  /** How many times page.pdf printed only a binder's numbered pages (cover, contents, cross-references). */
  partialPrints: number;
  /** Binders whose numbered pages could not be spliced in, so they were printed in full again. */
  fallbacks: number;
}

/** What printing one job needs: the pages to print on, the options and the counts to add to. */
export interface PrintContext {
  pool: PagePool;
  options: PrinterOptions;
  counts: PrintCounts;
}

/**
 * A binder's pages that show page numbers (cover, contents, sections with cross-references),
 * printed again with the numbers written in: `pages` are their numbers in the full print, `starts`
 * the first print's outline, flattened (to number the binder again if the splice is refused).
 */
export interface FrontPages {
  pdf: Buffer;
  pages: number[];
  starts: { title: string; page: number }[];
  pageCount: number;
  /** The cross-references' page slots were widened to three digits (src/pdf/xref.ts). */
  wide: boolean;
}

/** What a job's page printed: the PDF, and for a binder its numbered pages to splice in. */
export interface Printed {
  pdf: Buffer;
  front?: FrontPages;
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
  await linkXrefs(page);
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
