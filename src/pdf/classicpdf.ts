// A Chromium PDF read as text: its xref table, where each object is, the page tree, and the file
// written again with objects replaced and appended.
import { inflateSync } from 'node:zlib';
import { refsIn, skipDict, Unexpected, xrefTable } from './pdfsyntax.ts';

/** Where one object is in the file: its value (a dictionary, for streams) and where it ends. */
export interface Span {
  start: number;
  valueStart: number;
  valueEnd: number;
  end: number;
  data?: { start: number; end: number };
}

/** An object of the file replaced by new text. */
export interface Edit {
  span: Span;
  text: string;
}

/** A Chromium PDF: one classic xref section from object 0, every object in use, generation 0. */
export class ClassicPdf {
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
    const header = start === undefined || num === 0 ? -1 : headerEnd(this.text, start, num);
    if (start === undefined || header < 0) throw new Unexpected(`object ${num} is not where the xref says`);
    const valueStart = header;
    const span = this.text.startsWith('<<', valueStart)
      ? this.dictSpan(num, start, valueStart)
      : this.plainSpan(num, start, valueStart);
    this.spans.set(num, span);
    return span;
  }

  /** The span of an object whose value is a dictionary, followed by a stream or not. */
  private dictSpan(num: number, start: number, valueStart: number): Span {
    const valueEnd = skipDict(this.text, valueStart);
    const stream = /^\s*stream\r?\n/.exec(this.text.slice(valueEnd, valueEnd + 16));
    if (stream) {
      const length = Number(/\/Length (\d+)\s*(?:\/|>>)/.exec(this.text.slice(valueStart, valueEnd))?.[1]);
      if (!Number.isInteger(length)) throw new Unexpected(`stream ${num} has no direct /Length`);
      const data = { start: valueEnd + stream[0].length, end: valueEnd + stream[0].length + length };
      const tail = /^\s*endstream\s*endobj/.exec(this.text.slice(data.end, data.end + 32));
      if (!tail) throw new Unexpected(`stream ${num} does not end where its /Length says`);
      return { start, valueStart, valueEnd, end: data.end + tail[0].length, data };
    }
    const tail = /^\s*endobj/.exec(this.text.slice(valueEnd, valueEnd + 16));
    if (!tail) throw new Unexpected(`object ${num} does not end after its dictionary`);
    return { start, valueStart, valueEnd, end: valueEnd + tail[0].length };
  }

  /** The span of an object whose value is not a dictionary (a number, an array, ...). */
  private plainSpan(num: number, start: number, valueStart: number): Span {
    const valueEnd = this.text.indexOf('endobj', valueStart);
    if (valueEnd < 0) throw new Unexpected(`object ${num} has no end`);
    return { start, valueStart, valueEnd, end: valueEnd + 'endobj'.length };
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
    const table = xrefTable(offsets);
    const trailer = this.trailer().replace(/\/Size \d+/, `/Size ${offsets.length}`);
    return Buffer.from(`${body}${table}\n${trailer}startxref\n${body.length}\n%%EOF\n`, 'latin1');
  }
}

/**
 * Where the value of object `num` starts, after "num 0 obj" and white space at `start`; -1 when
 * that header is not there. (A RegExp built per object cost a third of a second in each 243-page binder's merge.)
 */
function headerEnd(text: string, start: number, num: number): number {
  const head = `${num} 0 obj`;
  if (!text.startsWith(head, start)) return -1;
  let at = start + head.length;
  while (at < text.length && /\s/.test(text[at] as string)) at++;
  return at;
}
