// Puts freshly numbered front pages (cover and contents) into a binder that was printed with
// placeholder numbers, so the binder is printed in full only once.
//
// Only the /Contents and /Resources of the front pages change. Every page object stays where it is
// and keeps its number, because the structure tree (/Pg), the parent tree (/StructParents), the
// outline (/Dest), the named destinations and the link annotations all point at page objects.
// Chromium writes a classic xref table and uncompressed dictionaries (Flate-compressed streams);
// anything else is "unexpected", and the caller then prints the whole binder again.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/** Something about the PDFs that this module does not handle; never shown to users. */
class Unexpected extends Error {}

/** Where one object is in the file: its value (a dictionary, for streams) and where it ends. */
interface Span {
  start: number;
  valueStart: number;
  valueEnd: number;
  end: number;
  data?: { start: number; end: number };
}

/** The spliced PDF, or why splicing was refused (for tests; the printer only counts refusals). */
export type Spliced = { pdf: Buffer } | { refused: string };

/**
 * Returns `full` with pages 1..n taking their content and resources from `front` (a print of only
 * those pages, after the numbers were written in), or a refusal when that would not be safe: the
 * marked content of a page differs (the structure tree would no longer match it) or the PDFs are
 * not laid out as expected.
 */
export function spliceFrontPages(full: Buffer, front: Buffer, n: number): Spliced {
  try {
    return splice(new ClassicPdf(full), new ClassicPdf(front), n);
  } catch (err) {
    if (err instanceof Unexpected) return { refused: `unexpected PDF: ${err.message}` };
    throw err;
  }
}

function splice(full: ClassicPdf, front: ClassicPdf, n: number): Spliced {
  const fullPages = full.pages();
  const frontPages = front.pages();
  if (n < 1 || frontPages.length !== n || fullPages.length < n)
    throw new Unexpected(`front print has ${frontPages.length} pages, wanted ${n}`);
  const copier = new Copier(full, front, fullPages.slice(0, n));
  const edits: Edit[] = [];
  for (let i = 0; i < n; i++) {
    const oldPage = page(full, fullPages[i] as number);
    const newPage = page(front, frontPages[i] as number);
    if (oldPage.mediaBox !== newPage.mediaBox) throw new Unexpected('page sizes differ');
    if (!sameMarkedContent(full.inflate(oldPage.contents), front.inflate(newPage.contents)))
      return { refused: `marked content differs on page ${i + 1}` };
    // The new content stream takes the old one's object number (only this page uses it), so the
    // old stream does not stay behind in the file; the page's /Contents entry is unchanged.
    edits.push({ span: full.span(oldPage.contents), text: copier.streamAs(oldPage.contents, newPage.contents) });
    edits.push({ span: full.span(oldPage.num), text: withResources(full, oldPage, copier.value(newPage.resources)) });
  }
  return { pdf: full.rewrite(edits, copier.appended) };
}

interface PageInfo {
  num: number;
  dict: string;
  contents: number;
  resources: { text: string; start: number; end: number };
  mediaBox: string;
}

/** A page's single content stream, its resources (inline or a reference) and its size. */
function page(pdf: ClassicPdf, num: number): PageInfo {
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
function withResources(full: ClassicPdf, p: PageInfo, resources: string): string {
  const dict = p.dict.slice(0, p.resources.start) + resources + p.dict.slice(p.resources.end);
  return `${p.num} 0 obj\n${dict}${full.text.slice(full.span(p.num).valueEnd, full.span(p.num).end)}`;
}

/**
 * The structure tree of the full print points into each page's content by marked-content id. If a
 * front page's new content has the same tagged sequence, the tree still describes it; if not (a
 * line re-wrapped around a longer number, say), splicing would break the tags.
 */
export function sameMarkedContent(before: Buffer, after: Buffer): boolean {
  const ids = (content: Buffer) =>
    [...content.toString('latin1').matchAll(/\/([^\s/<>]+)\s*<<\s*\/MCID\s+(\d+)\s*>>\s*BDC/g)]
      .map((m) => `${m[1]} ${m[2]}`)
      .join(',');
  return ids(before) === ids(after);
}

/**
 * Copies objects of the front print into the full one: the closure of what a page's content and
 * resources reference (fonts, descriptors, font files, ToUnicode maps, images, graphics states),
 * under new numbers after the full print's last one. An object that is byte for byte one the old
 * front pages already used (an image, a graphics state) is not copied again.
 */
class Copier {
  readonly appended: string[] = [];
  private readonly numbers = new Map<number, number>();
  private readonly visiting = new Set<number>();
  private readonly existing = new Map<string, number>();
  private readonly seen = new Set<number>();
  private readonly full: ClassicPdf;
  private readonly front: ClassicPdf;
  private next: number;

  constructor(full: ClassicPdf, front: ClassicPdf, oldPages: number[]) {
    this.full = full;
    this.front = front;
    this.next = full.size;
    for (const num of oldPages) {
      const { resources } = page(full, num);
      for (const ref of refsIn(resources.text)) this.remember(ref);
    }
  }

  /** Indexes what the old front pages' resources reach, to reuse identical objects. */
  private remember(num: number): void {
    if (this.seen.has(num)) return;
    this.seen.add(num);
    const span = this.full.span(num);
    this.existing.set(this.full.text.slice(span.valueStart, span.end), num);
    for (const ref of refsIn(this.full.text.slice(span.valueStart, span.valueEnd))) this.remember(ref);
  }

  /** A value of the front print (a resources dictionary) with its references copied over. */
  value(v: { text: string }): string {
    for (const ref of refsIn(v.text)) this.copy(ref);
    return this.renumber(v.text);
  }

  /** The front print's stream `num`, written as object `as` of the full print. */
  streamAs(as: number, num: number): string {
    const span = this.front.span(num);
    return `${as} 0 obj\n${this.value({ text: this.front.text.slice(span.valueStart, span.valueEnd) })}${this.front.text.slice(span.valueEnd, span.end)}`;
  }

  /** Copies one object after its references (depth first, so numbering is deterministic). */
  private copy(num: number): number {
    const done = this.numbers.get(num);
    if (done !== undefined) return done;
    if (this.visiting.has(num)) throw new Unexpected(`reference cycle through object ${num}`);
    this.visiting.add(num);
    const span = this.front.span(num);
    const value = this.front.text.slice(span.valueStart, span.valueEnd);
    // Resources never point back into the page tree or the structure tree; if one did, copying it
    // would drag in the front print's own tree.
    if (/\/(Parent|StructParents?)\b/.test(value)) throw new Unexpected(`object ${num} points into a tree`);
    const body = renameSubsets(this.value({ text: value })) + this.front.text.slice(span.valueEnd, span.end);
    let as = this.existing.get(body);
    if (as === undefined) {
      as = this.next++;
      this.appended.push(`${as} 0 obj\n${body}`);
    }
    this.numbers.set(num, as);
    this.visiting.delete(num);
    return as;
  }

  private renumber(text: string): string {
    return text.replace(REF, (_m, num: string) => `${this.numbers.get(Number(num)) ?? num} 0 R`);
  }
}

const REF = /(?<![\d.])(\d+) 0 R(?!\w)/g;

function refsIn(text: string): number[] {
  if (/(?<![\d.])\d+ [1-9]\d* R(?!\w)/.test(text)) throw new Unexpected('a reference with a non-zero generation');
  return [...text.matchAll(REF)].map((m) => Number(m[1]));
}

/**
 * Chromium tags subset fonts AAAAAA+, BAAAAA+, ... in each PDF, so the front print's subsets carry
 * the same names as different subsets in the full print. Viewers may treat fonts with one name as
 * one font, so copied fonts get their own tag, derived from the old name (deterministic output).
 */
function renameSubsets(text: string): string {
  return text.replace(
    /\/(BaseFont|FontName)\s*\/([A-Z]{6})\+([^\s/<>[\]()]+)/g,
    (_m, key: string, tag: string, name: string) => {
      const digest = createHash('sha256').update(`front:${tag}+${name}`).digest();
      const newTag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
      return `/${key} /${newTag}+${name}`;
    },
  );
}

/** The end of the dictionary that starts at `at` (<<), skipping strings that may hold << or >>. */
function skipDict(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '(') i = skipString(text, i);
    else if (text.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (c === '<') i = text.indexOf('>', i);
    if (i < 0) break;
  }
  throw new Unexpected('unterminated dictionary');
}

function skipString(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Unexpected('unterminated string');
}

interface Edit {
  span: Span;
  text: string;
}

/** A Chromium PDF: one classic xref section from object 0, every object in use, generation 0. */
class ClassicPdf {
  readonly text: string;
  readonly offsets: number[];
  readonly xrefAt: number;
  private readonly spans = new Map<number, Span>();

  constructor(pdf: Buffer) {
    this.text = pdf.toString('latin1');
    this.xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text)?.[1]);
    if (!this.text.startsWith('xref', this.xrefAt)) throw new Unexpected('no classic xref table');
    const lines = this.text
      .slice(this.xrefAt, this.text.indexOf('trailer', this.xrefAt))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const [first, count] = (lines[1] ?? '').split(/\s+/).map(Number);
    if (first !== 0 || !count || lines.length !== count + 2)
      throw new Unexpected('the xref table is not one section from object 0');
    this.offsets = lines.slice(2).map((l, i) => {
      const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(l);
      if (!entry || (i > 0 && (entry[3] !== 'n' || entry[2] !== '00000')))
        throw new Unexpected(`xref entry ${i} is free or odd`);
      return Number(entry[1]);
    });
  }

  get size(): number {
    return this.offsets.length;
  }

  trailer(): string {
    return this.text.slice(this.text.indexOf('trailer', this.xrefAt), this.text.lastIndexOf('startxref'));
  }

  /** Page objects in page-tree order. */
  pages(): number[] {
    const root = /\/Root (\d+) 0 R/.exec(this.trailer())?.[1];
    const catalog = this.span(Number(root));
    const tree = /\/Pages (\d+) 0 R/.exec(this.text.slice(catalog.valueStart, catalog.valueEnd))?.[1];
    const out: number[] = [];
    const walk = (num: number, depth: number) => {
      if (depth > 32) throw new Unexpected('page tree too deep');
      const span = this.span(num);
      const dict = this.text.slice(span.valueStart, span.valueEnd);
      if (/\/Type\s*\/Page\b(?!s)/.test(dict)) return void out.push(num);
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1];
      if (kids === undefined) throw new Unexpected(`page tree node ${num} has no kids`);
      for (const kid of refsIn(kids)) walk(kid, depth + 1);
    };
    walk(Number(tree), 0);
    return out;
  }

  /**
   * Where object `num` starts and ends. A stream's end comes from its /Length, not from searching
   * for "endobj", which compressed data may contain.
   */
  span(num: number): Span {
    const known = this.spans.get(num);
    if (known) return known;
    const start = this.offsets[num];
    const header =
      start === undefined || num === 0
        ? null
        : new RegExp(`^${num} 0 obj\\s*`).exec(this.text.slice(start, start + 32));
    if (start === undefined || !header) throw new Unexpected(`object ${num} is not where the xref says`);
    const valueStart = start + header[0].length;
    let span: Span;
    if (this.text.startsWith('<<', valueStart)) {
      const valueEnd = skipDict(this.text, valueStart);
      const stream = /^\s*stream\r?\n/.exec(this.text.slice(valueEnd, valueEnd + 16));
      if (stream) {
        const length = Number(/\/Length (\d+)\s*(?:\/|>>)/.exec(this.text.slice(valueStart, valueEnd))?.[1]);
        if (!Number.isInteger(length)) throw new Unexpected(`stream ${num} has no direct /Length`);
        const data = { start: valueEnd + stream[0].length, end: valueEnd + stream[0].length + length };
        const tail = /^\s*endstream\s*endobj/.exec(this.text.slice(data.end, data.end + 32));
        if (!tail) throw new Unexpected(`stream ${num} does not end where its /Length says`);
        span = { start, valueStart, valueEnd, end: data.end + tail[0].length, data };
      } else {
        const tail = /^\s*endobj/.exec(this.text.slice(valueEnd, valueEnd + 16));
        if (!tail) throw new Unexpected(`object ${num} does not end after its dictionary`);
        span = { start, valueStart, valueEnd, end: valueEnd + tail[0].length };
      }
    } else {
      const valueEnd = this.text.indexOf('endobj', valueStart);
      if (valueEnd < 0) throw new Unexpected(`object ${num} has no end`);
      span = { start, valueStart, valueEnd, end: valueEnd + 'endobj'.length };
    }
    this.spans.set(num, span);
    return span;
  }

  /** A content stream's decoded bytes; only Flate without predictors is expected. */
  inflate(num: number): Buffer {
    const span = this.span(num);
    const dict = this.text.slice(span.valueStart, span.valueEnd);
    if (!span.data || /\/DecodeParms/.test(dict) || (/\/Filter/.test(dict) && !/\/Filter\s*\/FlateDecode\b/.test(dict)))
      throw new Unexpected(`content ${num} is not a plain Flate stream`);
    const raw = Buffer.from(this.text.slice(span.data.start, span.data.end), 'latin1');
    try {
      return /\/Filter/.test(dict) ? inflateSync(raw) : raw;
    } catch {
      throw new Unexpected(`content ${num} does not inflate`);
    }
  }

  /**
   * The file with objects replaced in place and new ones appended before a rebuilt xref table.
   * Replaced objects keep their numbers; the offsets of everything after them shift.
   */
  rewrite(edits: Edit[], appended: string[]): Buffer {
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    let body = '';
    let at = 0;
    const moved: { from: number; delta: number }[] = [];
    for (const { span, text } of sorted) {
      if (span.start < at) throw new Unexpected('overlapping edits');
      body += this.text.slice(at, span.start) + text;
      moved.push({ from: span.start, delta: text.length - (span.end - span.start) });
      at = span.end;
    }
    body += this.text.slice(at, this.xrefAt);
    const shift = (offset: number) =>
      offset + moved.filter((m) => m.from < offset).reduce((sum, m) => sum + m.delta, 0);
    const offsets = this.offsets.map((o, i) => (i === 0 ? 0 : shift(o)));
    for (const obj of appended) {
      if (!body.endsWith('\n')) body += '\n';
      offsets.push(body.length);
      body += `${obj}\n`;
    }
    const table = [
      'xref',
      `0 ${offsets.length}`,
      '0000000000 65535 f ',
      ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    ].join('\n');
    const trailer = this.trailer().replace(/\/Size \d+/, `/Size ${offsets.length}`);
    return Buffer.from(`${body}${table}\n${trailer}startxref\n${body.length}\n%%EOF\n`, 'latin1');
  }
}
