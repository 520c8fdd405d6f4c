// A binder printed in parts and merged (merge.ts), so that an edit to one section prints the part
// holding that section again and takes every other part from the previous build. A part's PDF is
// kept under the hash of everything its print depends on: the page markup it is printed from
// (partpage.ts: its sections with their page numbers written in, the styles, where its page
// numbers start and the binder's page count) and the files and code of the basis. The page numbers
// are found as for a whole binder (numbered.ts): the parts' outlines, put end to end, are the
// binder's outline, and the binder is merged only when the numbers they show are their own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, PDFOptions } from 'puppeteer';
import type { Numbering, OutlineMark } from './contents.ts';
import { numberPagesAt } from './contents.ts';
import type { PartStore, PrintCounts } from './job.ts';
import { mergeParts } from './merge.ts';
import { flatOutline, readPages } from './outline.ts';
import { markParts, partMarkups, showPart, showWhole, startParts } from './partpage.ts';
import { Unexpected } from './pdfsyntax.ts';
import { normalizePdf } from './postprocess.ts';
import { likelyWide, WIDE_FROM, widenXrefs } from './xref.ts';

/**
 * Sections to a part: fewer parts would print more again for a one-section edit, more parts
 * would cost a print call and a copy of the fonts each. A first choice, not tuned: the benchmark's
 * 243-page binder makes 20 parts of 1 to 65 pages.
 */
const MAX_SECTIONS = 4;
/** As numbered.ts: a second pass shows the numbers of its own layout, a third follows wider slots. */
const MAX_PASSES = 4;

interface Part {
  key: string;
  pdf: Buffer;
  pages: number;
  outline: OutlineMark[];
}

/**
 * Prints a loaded binder page in parts with its own page numbers; returns the merged PDF and its
 * numbering. `alone` is awaited before printing much of the binder: the whole of it, or parts
 * that make more than half of its pages (gate.ts: such a binder takes a renderer's memory).
 */
export async function printInParts(
  counts: PrintCounts,
  page: Page,
  options: PDFOptions,
  predicted: Numbering | undefined,
  store: PartStore,
  alone: () => Promise<void> = async () => {},
): Promise<{ pdf: Buffer; numbering: Numbering } | undefined> {
  let wide = (await likelyWide(page)) && (await widenXrefs(page));
  const firstSections = await markParts(page, MAX_SECTIONS);
  await startParts(page);
  let layout = predicted?.partPages?.length === firstSections.length ? predicted.partPages : undefined;
  // The outline the page's numbers were last written from (numberPagesAt is a function of the page
  // and the outline: the same outline again writes the same numbers).
  let written: OutlineMark[] | undefined;
  if (predicted) {
    const ok = await numberPagesAt(page, predicted.outline, false).then(
      () => true,
      () => false,
    );
    if (ok) written = predicted.outline;
  }
  if (!layout) {
    // Nothing to go by: one untagged print of the whole binder gives its numbers and where each
    // part starts, as numbered.ts would learn them (a part at a time would cost twice as much).
    await alone();
    counts.prints++;
    counts.numberingPrints++;
    const { outline, pageCount } = readPages(Buffer.from(await page.pdf({ ...options, tagged: false })));
    const flat = flatOutline(outline);
    wide ||= pageCount >= WIDE_FROM && (await widenXrefs(page));
    const { starts } = await numberPagesAt(page, flat, false);
    written = flat;
    layout = partLengths(
      firstSections.map((id) => (id ? (starts[id] ?? 0) : 1)),
      pageCount,
    );
  }
  // Parts printed on a pass whose numbers turn out wrong are written nowhere: the store holds
  // only what the binders of this build are made of, whichever way the build got there.
  const printed = new Map<string, Buffer>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    counts.prints++;
    if (pass > 1) counts.numberingPrints++;
    const { parts, shown } = await printParts(counts, page, options, layout, { ...store, printed }, alone);
    // partMarkups leaves the page whole; a call now would wait for the layout its changes started.
    if (shown) await showWhole(page);
    const partPages = parts.map((p) => p.pages);
    const outline = joinOutlines(parts);
    const keys = parts.map((p) => p.key);
    const numbering = { outline, pageCount: sum(partPages), partPages, parts: keys, partsBasis: store.basis };
    const widened = !wide && numbering.pageCount >= WIDE_FROM && (await widenXrefs(page));
    wide ||= widened;
    // A binder whose pages did not move needs no second look at the whole page (a second of layout).
    const changed =
      !widened && sameOutline(written, outline) ? false : (await numberPagesAt(page, outline, false)).changed;
    written = outline;
    if (changed || widened || !sameLayout(layout, partPages)) {
      layout = partPages;
      continue;
    }
    try {
      const pdf = mergeParts(parts.map((p) => p.pdf));
      keepParts(store.next, parts);
      return { pdf, numbering };
    } catch (error) {
      // The whole binder is printed instead (numbered.ts); the same parts always merge the same way.
      if (error instanceof Unexpected) return undefined;
      throw error;
    }
  }
  throw new Error(`the binder's page numbers still changed after ${MAX_PASSES} passes`);
}

/**
 * Each part, from this build's or the previous build's store when its key is there, else printed.
 * The keys come from every part's markup at once (partMarkups); a part to print is shown alone,
 * and the markup it prints from must be the one its key was made from.
 */
async function printParts(
  counts: PrintCounts,
  page: Page,
  options: PDFOptions,
  layout: number[],
  store: PartStore & { printed: Map<string, Buffer> },
  alone: () => Promise<void>,
): Promise<{ parts: Part[]; shown: boolean }> {
  const firsts = starts(layout);
  const total = sum(layout);
  const found = (await partMarkups(page, firsts, total)).map((markup) => {
    const key = createHash('sha256').update(store.basis).update('\0').update(markup).digest('hex');
    return { key, markup, part: readable(key, stored(store, key)) };
  });
  // An edit that moved the pages after it prints those parts again: nearly a binder's print.
  const missing = sum(found.map((f, k) => (f.part ? 0 : (layout[k] ?? 0))));
  if (missing * 2 > total) await alone();
  const parts: Part[] = [];
  for (const [k, { key, markup, part: kept }] of found.entries()) {
    let part = kept;
    if (!part) {
      counts.partPrints++;
      if ((await showPart(page, k, firsts[k] ?? 1, total)) !== markup)
        throw new Error(`part ${k + 1} of the binder shows other markup than its key was made from`);
      const pdf = normalizePart(Buffer.from(await page.pdf(options)));
      store.printed.set(key, pdf);
      part = readable(key, pdf);
      if (!part) throw new Error(`part ${k + 1} of the binder printed as a PDF its outline cannot be read from`);
    }
    parts.push(part);
  }
  return { parts, shown: found.some((f) => !f.part) };
}

/** A part with its pages and outline; none for a stored file that is not a PDF of ours (damaged). */
function readable(key: string, pdf: Buffer | undefined): Part | undefined {
  if (!pdf) return undefined;
  try {
    const { outline, pageCount } = readPages(pdf);
    return pageCount > 0 ? { key, pdf, pages: pageCount, outline: flatOutline(outline) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A part's bytes depend only on its print: its structure ids renumbered (they come from the
 * tab's history) and its metadata fixed. The merge drops the metadata and names the ids anew.
 */
function normalizePart(pdf: Buffer): Buffer {
  return normalizePdf(pdf, { epochSeconds: 0, title: '', author: '', subject: '' });
}

function stored(store: PartStore & { printed: Map<string, Buffer> }, key: string): Buffer | undefined {
  const now = store.printed.get(key);
  if (now) return now;
  for (const dir of [store.next, store.previous]) {
    const file = dir && partFile(dir, key);
    if (file && existsSync(file)) return readFileSync(file);
  }
  return undefined;
}

/** The store keeps the parts this build's binders are made of (the site's binder shares most of them). */
function keepParts(dir: string, parts: Part[]): void {
  mkdirSync(dir, { recursive: true });
  for (const part of parts) {
    const file = partFile(dir, part.key);
    if (!existsSync(file)) writeFileSync(file, part.pdf);
  }
}

/** Where a store keeps the part of that key. */
export function partFile(dir: string, key: string): string {
  return join(dir, `${key}.pdf`);
}

/** The binder's outline: each part's entries, its pages counted on from the parts before. */
function joinOutlines(parts: Part[]): OutlineMark[] {
  const firsts = starts(parts.map((p) => p.pages));
  return parts.flatMap((p, k) => p.outline.map((e) => ({ title: e.title, page: e.page + (firsts[k] ?? 1) - 1 })));
}

/** Each part's length from where each starts (the first starts on page 1) and the page count. */
function partLengths(firsts: number[], pageCount: number): number[] {
  return firsts.map((first, k) => (firsts[k + 1] ?? pageCount + 1) - first);
}

/** Each part's first page number. */
function starts(pages: number[]): number[] {
  let next = 1;
  return pages.map((n) => {
    const first = next;
    next += n;
    return first;
  });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sameOutline(a: OutlineMark[] | undefined, b: OutlineMark[]): boolean {
  return (
    a !== undefined && a.length === b.length && a.every((e, i) => e.title === b[i]?.title && e.page === b[i]?.page)
  );
}

function sameLayout(a: number[] | undefined, b: number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((n, i) => n === b[i]);
}
