// The binder's numbered pages (cover, contents, pages with cross-references): numbered from the
// full print, printed again alone and spliced into the full print, or the binder printed in full a
// second time.
import type { Page, PDFOptions } from 'puppeteer';
import { emptyUnnumbered, numberPages } from './contents.ts';
import { loadPage, printOptions } from './job.ts';
import type { FrontPages, PrintContext, PrintCounts, Printed, PrintJob } from './job.ts';
import { flatOutline, readPages } from './outline.ts';
import { splicePages } from './splice.ts';
import { WIDE_FROM, widenXrefs } from './xref.ts';
import type { Spliced } from './splice.ts';

/**
 * The binder was printed with placeholder page numbers. The numbers are written in, the sections
 * that show none are emptied (contents.ts) and only the pages that show numbers are printed again;
 * their content replaces the placeholders' in the full print once the page is free
 * (spliceOrReprint). `widened`: the first print already had three-digit slots.
 */
export async function numberFrontPages(
  counts: PrintCounts,
  page: Page,
  first: Buffer,
  options: PDFOptions,
  widened = false,
): Promise<Printed> {
  let full = first;
  let { outline, pageCount } = readPages(full);
  // Cross-references hold two digits; a binder of 100 pages or more is laid out again with three.
  const again = !widened && pageCount >= WIDE_FROM && (await widenXrefs(page));
  const wide = widened || again;
  if (again) {
    counts.prints++;
    full = Buffer.from(await page.pdf(options));
    ({ outline, pageCount } = readPages(full));
  }
  const starts = flatOutline(outline);
  const pages = await numberPages(page, starts, pageCount, false);
  if (pages.length === 0) return { pdf: full };
  await emptyUnnumbered(page);
  counts.partialPrints++;
  const pdf = Buffer.from(await page.pdf({ ...options, pageRanges: pageRanges(pages) }));
  return { pdf: full, front: { pdf, pages, starts, pageCount, wide } };
}

/** "1-3,8,12-13" for pages 1, 2, 3, 8, 12 and 13. */
export function pageRanges(pages: number[]): string {
  const runs: [number, number][] = [];
  for (const p of pages) {
    const last = runs.at(-1);
    if (last && p === last[1] + 1) last[1] = p;
    else runs.push([p, p]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

/**
 * Splices the numbered pages into the full print. If that is not safe (see splice.ts), or the
 * refuseSplice test seam is set, the binder is loaded on a page again, numbered and printed in full
 * a second time.
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
    : splicePages(full, front.pdf, front.pages);
  if ('pdf' in spliced) return spliced.pdf;
  if (debug) process.stderr.write(`irplan: numbered pages not spliced: ${JSON.stringify(spliced)}\n`);
  return ctx.pool.withPage(job.binder === true, async (page) => {
    await loadPage(page, job, timeoutMs);
    if (front.wide) await widenXrefs(page);
    await numberPages(page, front.starts, front.pageCount, false);
    return printAgain(ctx.counts, page, printOptions(job, timeoutMs));
  });
}

async function printAgain(counts: PrintCounts, page: Page, options: PDFOptions): Promise<Buffer> {
  counts.fallbacks++;
  counts.prints++;
  return Buffer.from(await page.pdf(options));
}
