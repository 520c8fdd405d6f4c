// The print of one job on a page of the pool, then the PDF written.
import type { Page } from 'puppeteer';
import { numberPages } from './contents.ts';
import { loadPage, printOptions } from './job.ts';
import type { PrintContext, Printed, PrintJob } from './job.ts';
import type { Numbering } from './contents.ts';
import { printNumbered } from './numbered.ts';
import { printInParts } from './parts.ts';
import { flatOutline, readPages } from './outline.ts';
import { widenXrefs } from './xref.ts';
import { writePdf } from './write.ts';

/**
 * Prints one job once. The page's work comes first; the page goes back to the pool (or is
 * retired) as soon as the browser is done with it, so the next job loads while this process
 * normalizes and writes the PDF, rather than the page sitting idle meanwhile. Returns a binder's
 * numbering, for the next binder of the client and the next build to predict from. `alone`
 * waits, before a binder prints much of itself, until no other binder prints (gate.ts).
 */
export async function printJob(
  ctx: PrintContext,
  job: PrintJob,
  alone: () => Promise<void> = async () => {},
): Promise<Numbering | undefined> {
  const printed = await ctx.pool.withPage(job.binder === true, (page) => printOnPage(ctx, page, job, alone));
  writePdf(job, printed.pdf);
  return printed.numbering;
}

async function printOnPage(ctx: PrintContext, page: Page, job: PrintJob, alone: () => Promise<void>): Promise<Printed> {
  await loadPage(page, job, ctx.options.timeoutMs);
  const options = printOptions(job, ctx.options.timeoutMs);
  if (job.binder && !job.duplex && job.parts) {
    const merged = await printInParts(ctx.counts, page, options, job.numbering, job.parts, alone);
    // Parts that do not merge (merge.ts refused them) leave the page numbered for a whole print.
    if (merged) return merged;
  }
  if (job.binder) await alone();
  if (job.binder && !job.duplex) return printNumbered(ctx.counts, page, options, job.numbering);
  if (job.binder && job.duplex) {
    // Double-sided binders get a blank filler page before each section that would start on a
    // left-hand page. Where fillers go is only known from a first print, and each one moves
    // every page after it, so the binder is printed a second time (untagged first, as only its
    // outline is read). The fillers can take it past 99 pages, so its cross-references get
    // three-digit slots from the start.
    await widenXrefs(page);
    ctx.counts.prints++;
    ctx.counts.numberingPrints++;
    const { outline } = readPages(Buffer.from(await page.pdf({ ...options, tagged: false })));
    await numberPages(page, flatOutline(outline), true);
  }
  ctx.counts.prints++;
  return { pdf: Buffer.from(await page.pdf(options)) };
}
