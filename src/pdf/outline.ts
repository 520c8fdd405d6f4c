// Reads the outline (bookmarks) of a PDF that Chromium wrote: classic xref table, uncompressed
// dictionaries. The binder's contents and cross-references take their page numbers from here.

/** A bookmark and the physical page (1-based) it points to. */
export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

/** The top-level outline entries with their pages, in document order. */
export function readOutline(pdf: Buffer): OutlineEntry[] {
  return readPages(pdf).outline;
}

/** Every entry's title and page, children after their parent: the order of the headings they come from. */
export function flatOutline(entries: OutlineEntry[]): { title: string; page: number }[] {
  return entries.flatMap((e) => [{ title: e.title, page: e.page }, ...flatOutline(e.children)]);
}

/** The top-level outline entries and how many pages the PDF has. */
export function readPages(pdf: Buffer): { outline: OutlineEntry[]; pageCount: number } {
  const doc = new PdfObjects(pdf.toString('latin1'));
  const root = doc.ref(doc.trailer(), 'Root');
  if (root === undefined) return { outline: [], pageCount: 0 };
  const pages = doc.pageNumbers(doc.ref(doc.get(root), 'Pages'));
  const outlines = doc.ref(doc.get(root), 'Outlines');
  return {
    outline: outlines === undefined ? [] : doc.entries(doc.ref(doc.get(outlines), 'First'), pages),
    pageCount: pages.size,
  };
}

class PdfObjects {
  private readonly text: string;
  private readonly offsets = new Map<number, number>();

  constructor(text: string) {
    this.text = text;
    const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
    const table = text.slice(at, text.indexOf('trailer', at)).split(/\r?\n/).slice(1);
    let num = 0;
    for (const line of table) {
      const head = /^(\d+) (\d+)$/.exec(line.trim());
      if (head) {
        num = Number(head[1]);
        continue;
      }
      const entry = /^(\d{10}) \d{5} n/.exec(line);
      if (entry) this.offsets.set(num, Number(entry[1]));
      if (line.trim()) num++;
    }
  }

  trailer(): string {
    return this.text.slice(this.text.lastIndexOf('trailer'));
  }

  get(num: number | undefined): string {
    const start = num === undefined ? undefined : this.offsets.get(num);
    if (start === undefined) return '';
    return this.text.slice(start, this.text.indexOf('endobj', start));
  }

  ref(dict: string, key: string): number | undefined {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  }

  /** Maps each page object number to its 1-based position in the page tree. */
  pageNumbers(node: number | undefined, out = new Map<number, number>()): Map<number, number> {
    const dict = this.get(node);
    if (/\/Type\s*\/Page\b(?!s)/.test(dict) && node !== undefined) {
      out.set(node, out.size + 1);
      return out;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
    for (const m of kids.matchAll(/(\d+) 0 R/g)) this.pageNumbers(Number(m[1]), out);
    return out;
  }

  entries(first: number | undefined, pages: Map<number, number>): OutlineEntry[] {
    const out: OutlineEntry[] = [];
    const seen = new Set<number>();
    for (let n = first; n !== undefined && !seen.has(n); n = this.ref(this.get(n), 'Next')) {
      seen.add(n);
      const dict = this.get(n);
      const target = /\/Dest\s*\[\s*(\d+) 0 R/.exec(dict)?.[1];
      out.push({
        title: decodeTitle(dict),
        page: pages.get(Number(target)) ?? 0,
        children: this.entries(this.ref(dict, 'First'), pages),
      });
    }
    return out;
  }
}

function decodeTitle(dict: string): string {
  const hex = /\/Title\s*<([0-9A-Fa-f]*)>/.exec(dict)?.[1];
  if (hex !== undefined) {
    const bytes = Buffer.from(hex, 'hex');
    const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
    let s = '';
    for (let i = 0; i + 1 < body.length; i += 2) s += String.fromCharCode(body.readUInt16BE(i));
    return s;
  }
  const lit = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1] ?? '';
  return lit.replace(/\\([()\\])/g, '$1');
}
