// The binder's front pages (cover and contents): numbered from the full print, printed again
// alone and spliced into the full print, or the binder printed in full a second time.
import type { Page, PDFOptions } from 'puppeteer';
import { emptySections, numberContents } from './contents.ts';
import { loadPage, printOptions } from './job.ts';
import type { FrontPages, PrintContext, PrintCounts, Printed, PrintJob } from './job.ts';
import { readPages } from './outline.ts';
import { spliceFrontPages } from './splice.ts';
import type { Spliced } from './splice.ts';

/**
 * The binder was printed with placeholder page numbers. The numbers are written in, the rest of
 * the binder is emptied (contents.ts) and only the front pages that show the numbers (cover and
 * contents) are printed again; their content replaces the placeholders' in the full print once
 * the page is free (spliceOrReprint). When a number is further on than the front pages, the
 * whole binder is printed a second time, numbered.
 */
export async function numberFrontPages(
  counts: PrintCounts,
  page: Page,
  full: Buffer,
  options: PDFOptions,
): Promise<Printed> {
  const { outline, pageCount } = readPages(full);
  const starts = outline.map((e) => e.page);
  const count = await numberContents(page, starts, false);
  if (count === 0) return { pdf: await printAgain(counts, page, options) };
  await emptySections(page, count, pageCount);
  counts.partialPrints++;
  const pdf = Buffer.from(await page.pdf({ ...options, pageRanges: `1-${count}` }));
  return { pdf: full, front: { pdf, count, starts } };
}

/**
 * Splices the numbered front pages into the full print. If that is not safe (see splice.ts), or
 * the refuseSplice test seam is set, the binder is loaded on a page again, numbered and printed
 * in full a second time.
 */
export async function spliceOrReprint(
  ctx: PrintContext,
  job: PrintJob,
  full: Buffer,
  front: FrontPages,
): Promise<Buffer> {
  const { timeoutMs, refuseSplice, debug } = ctx.options;
  const spliced: Spliced = refuseSplice
    ? { refused: 'the refuseSplice test seam is set' }
    : spliceFrontPages(full, front.pdf, front.count);
  if ('pdf' in spliced) return spliced.pdf;
  if (debug) process.stderr.write(`irplan: front pages not spliced: ${JSON.stringify(spliced)}\n`);
  return ctx.pool.withPage(job.binder === true, async (page) => {
    await loadPage(page, job, timeoutMs);
    await numberContents(page, front.starts, false);
    return printAgain(ctx.counts, page, printOptions(job, timeoutMs));
  });
}

async function printAgain(counts: PrintCounts, page: Page, options: PDFOptions): Promise<Buffer> {
  counts.fallbacks++;
  counts.prints++;
  return Buffer.from(await page.pdf(options));
}
