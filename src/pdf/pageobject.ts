// A page object of a ClassicPdf: the entries the splice reads and the one it replaces.
import type { ClassicPdf } from './classicpdf.ts';
import { skipDict, Unexpected } from './pdfsyntax.ts';

/** A page's dictionary, its single content stream, its /Resources value (and where it is) and its size. */
export interface PageInfo {
  num: number;
  dict: string;
  contents: number;
  resources: { text: string; start: number; end: number };
  mediaBox: string;
}

/** Reads page object `num`: a single content stream and resources, inline or a reference. */
export function pageObject(pdf: ClassicPdf, num: number): PageInfo {
  const span = pdf.span(num);
  const dict = pdf.text.slice(span.valueStart, span.valueEnd);
  const contents = /\/Contents\s+(\d+) 0 R/.exec(dict);
  const key = /\/Resources\s*/.exec(dict);
  if (!contents || !key) throw new Unexpected(`page ${num} has no single content stream or no resources`);
  const start = key.index + key[0].length;
  const end = dict.startsWith('<<', start)
    ? skipDict(dict, start)
    : start + (/^\d+ 0 R/.exec(dict.slice(start))?.[0].length ?? 0);
  if (end === start) throw new Unexpected(`page ${num} has odd resources`);
  return {
    num,
    dict,
    contents: Number(contents[1]),
    resources: { text: dict.slice(start, end), start, end },
    mediaBox: /\/MediaBox\s*\[[^\]]*\]/.exec(dict)?.[0] ?? '',
  };
}

/** The page object with its /Resources value replaced; every other entry stays as it was. */
export function withResources(full: ClassicPdf, p: PageInfo, resources: string): string {
  const dict = p.dict.slice(0, p.resources.start) + resources + p.dict.slice(p.resources.end);
  return `${p.num} 0 obj\n${dict}${full.text.slice(full.span(p.num).valueEnd, full.span(p.num).end)}`;
}
