import { readFileSync } from 'node:fs';
import { readOutline } from '../../src/pdf/outline.ts';
import type { OutlineEntry } from '../../src/pdf/outline.ts';
import { tool } from './bin.ts';

/** A "see <title>, p. N" of a printed binder, and the pages the outline gives an entry of that title. */
export interface CrossReference {
  page: number;
  title: string;
  says: number;
  outline: number[];
}

const flat = (entries: OutlineEntry[]): OutlineEntry[] => entries.flatMap((e) => [e, ...flat(e.children)]);
// pdftotext drops the hyphen of a word broken at one ("Claim-cost" across lines reads "Claimcost").
const squash = (s: string) => s.replace(/[-\s]/g, '');

/** Every cross-reference with a page number in a PDF, page by page, with its target's outline pages. */
export function crossReferences(file: string): CrossReference[] {
  const outline = flat(readOutline(readFileSync(file)));
  const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1]);
  const out: CrossReference[] = [];
  for (let page = 1; page <= pages; page++) {
    const text = tool('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).replace(/\s+/g, ' ');
    for (const m of text.matchAll(/\b[Ss]ee ([^()]{1,80}?), p\. ?(\d+)/g)) {
      const title = m[1] ?? '';
      const pagesOf = outline.filter((e) => squash(e.title) === squash(title)).map((e) => e.page);
      out.push({ page, title, says: Number(m[2]), outline: pagesOf });
    }
  }
  return out;
}
