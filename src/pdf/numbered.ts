// The binder's page numbers (contents, cover, cross-references). Chromium cannot number pages
// itself, so the numbers come from a print's outline. They are written in before the print,
// from a prediction when there is one (the previous build's binder, or this build's binder for the
// other audience), and the print is kept only if its own outline gives the same numbers; otherwise
// the numbers it gives are written in and the binder printed again. The PDF is always a print of
// the page showing the numbers of its own layout, whatever was predicted: a build with --force
// (no prediction, two prints) and an incremental build (one print) write the same bytes.
import type { Page, PDFOptions } from 'puppeteer';
import type { Numbering } from './contents.ts';
import { numberPages } from './contents.ts';
import type { PrintCounts } from './job.ts';
import { flatOutline, readPages } from './outline.ts';
import { likelyWide, WIDE_FROM, widenXrefs } from './xref.ts';

/**
 * Numbers never move the layout (their slots have a fixed width), so the second print shows the
 * numbers of its own layout; a third is allowed for a binder that passes 99 pages and gets wider
 * slots (which can move lines), a fourth only as a margin. More is a bug.
 */
const MAX_PRINTS = 4;

/** Prints a loaded binder page with its own page numbers; returns the PDF and what they came from. */
export async function printNumbered(
  counts: PrintCounts,
  page: Page,
  options: PDFOptions,
  predicted: Numbering | undefined,
): Promise<{ pdf: Buffer; numbering: Numbering }> {
  // A long binder is laid out with three-digit page slots from the start (src/pdf/xref.ts).
  let wide = (await likelyWide(page)) && (await widenXrefs(page));
  // A prediction whose headings no longer match leaves some slots wrong: the print shows it.
  if (predicted) await numberPages(page, predicted.outline, false).catch(() => false);
  for (let print = 1; print <= MAX_PRINTS; print++) {
    counts.prints++;
    if (print > 1) counts.numberingPrints++;
    const pdf = Buffer.from(await page.pdf(options));
    const { outline, pageCount } = readPages(pdf);
    const numbering = { outline: flatOutline(outline), pageCount };
    // Cross-references hold two digits; a binder of 100 pages or more is laid out again with three.
    const widened = !wide && pageCount >= WIDE_FROM && (await widenXrefs(page));
    wide ||= widened;
    const changed = await numberPages(page, numbering.outline, false);
    if (!changed && !widened) return { pdf, numbering };
  }
  throw new Error(`the binder's page numbers still changed after ${MAX_PRINTS} prints`);
}
