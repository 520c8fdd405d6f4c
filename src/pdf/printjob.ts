// The print of one job on a page of the pool, then the PDF written (a binder's numbered pages
// spliced in first).
import type { Page } from 'puppeteer';
import { numberPages } from './contents.ts';
import { numberFrontPages, spliceOrReprint } from './front.ts';
import { loadPage, printOptions } from './job.ts';
import type { PrintContext, Printed, PrintJob } from './job.ts';
import { flatOutline, readPages } from './outline.ts';
import { likelyWide, widenXrefs } from './xref.ts';
import { writePdf } from './write.ts';

/**
 * Prints one job once. The page's work comes first; the page goes back to the pool (or is
 * retired) as soon as the browser is done with it, so the next job loads while this process
 * splices, normalizes and writes the PDF, rather than the page sitting idle meanwhile.
 */
export async function printJob(ctx: PrintContext, job: PrintJob): Promise<void> {
  const printed = await ctx.pool.withPage(job.binder === true, (page) => printOnPage(ctx, page, job));
  let pdf = printed.pdf;
  if (printed.front) pdf = await spliceOrReprint(ctx, job, printed.pdf, printed.front);
  writePdf(job, pdf);
}

async function printOnPage(ctx: PrintContext, page: Page, job: PrintJob): Promise<Printed> {
  await loadPage(page, job, ctx.options.timeoutMs);
  const options = printOptions(job, ctx.options.timeoutMs);
  if (job.binder && job.duplex) {
    // Double-sided binders get a blank filler page before each section that would start on a
    // left-hand page. Where fillers go is only known from a first print, and each one moves
    // every page after it, so no page of the first print can be kept: the whole binder is
    // printed a second time (untagged first, as only its outline is read). The fillers can take
    // it past 99 pages, so its cross-references get three-digit slots from the start.
    await widenXrefs(page);
    ctx.counts.prints++;
    const { outline, pageCount } = readPages(Buffer.from(await page.pdf({ ...options, tagged: false })));
    await numberPages(page, flatOutline(outline), pageCount, true);
  }
  // A long binder is laid out with three-digit page slots from the start (src/pdf/xref.ts).
  const wide = job.binder === true && !job.duplex && (await likelyWide(page)) && (await widenXrefs(page));
  ctx.counts.prints++;
  const pdf = Buffer.from(await page.pdf(options));
  if (!job.binder || job.duplex) return { pdf };
  return numberFrontPages(ctx.counts, page, pdf, options, wide);
}
