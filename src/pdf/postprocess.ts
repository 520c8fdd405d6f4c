// Chromium stamps every PDF with the wall-clock time and its own user agent. To make PDFs
// reproducible, the document information dictionary is replaced and the cross-reference table
// rebuilt with shifted offsets; every other object (tags, outline, fonts) stays byte for byte.
import { xrefTable } from './pdfsyntax.ts';

export interface PdfInfo {
  epochSeconds: number;
  title: string;
  author: string;
  subject: string;
}

const PRODUCER = 'irplan';

/** Rewrites the Info dictionary of a Chromium PDF with fixed dates and our metadata. */
export function normalizePdf(pdf: Buffer, info: PdfInfo): Buffer {
  const text = renumberNodeIds(pdf.toString('latin1'));
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const xref = parseXref(text, startxref);
  const infoRef = /\/Info (\d+) 0 R/.exec(text.slice(startxref))?.[1];
  if (!xref || infoRef === undefined)
    throw new Error('unexpected PDF layout from the browser (no classic xref table or Info)');
  const num = Number(infoRef);
  const start = xref.offsets[num];
  if (start === undefined) throw new Error(`PDF object ${num} is missing from the xref table`);
  const end = text.indexOf('endobj', start) + 'endobj'.length;
  const replacement = `${num} 0 obj\n${infoDict(info)}\nendobj`;
  const delta = replacement.length - (end - start);
  const body = text.slice(0, start) + replacement + text.slice(end, xref.start);
  const offsets = xref.offsets.map((o) => (o > start ? o + delta : o));
  const table = xrefTable(offsets);
  const trailer = text.slice(text.indexOf('trailer', xref.start), text.lastIndexOf('startxref'));
  return Buffer.from(`${body}${table}\n${trailer}startxref\n${xref.start + delta}\n%%EOF\n`, 'latin1');
}

/**
 * Tagged PDFs name structure elements after DOM node ids, which depend on what the browser tab
 * loaded before. They are renumbered in order of first appearance at the same width, so offsets
 * stay valid; then each ID-tree leaf is re-sorted (a permutation: same length) as the format wants.
 */
function renumberNodeIds(text: string): string {
  const pattern = /\(node(\d{8})\)/g;
  const ids = new Map<string, string>();
  const renumbered = text.replace(pattern, (_, id: string) => {
    let next = ids.get(id);
    if (next === undefined) {
      next = String(ids.size + 1).padStart(8, '0');
      ids.set(id, next);
    }
    return `(node${next})`;
  });
  return renumbered.replace(
    /\/Limits \[\((node\d{8})\) \((node\d{8})\)\]\n\/Names \[([^\]]*)\]/g,
    (_all, _lo: string, _hi: string, names: string) => {
      const entries = [...names.matchAll(/\((node\d{8})\) (\d+ \d+ R)/g)]
        .map((m) => [m[1] ?? '', m[2] ?? ''] as const)
        .sort((a, b) => a[0].localeCompare(b[0]));
      const first = entries[0]?.[0] ?? '';
      const last = entries[entries.length - 1]?.[0] ?? '';
      return `/Limits [(${first}) (${last})]\n/Names [${entries.map(([id, ref]) => `(${id}) ${ref}`).join(' ')}]`;
    },
  );
}

function parseXref(text: string, at: number): { start: number; offsets: number[] } | undefined {
  if (!text.startsWith('xref', at)) return undefined;
  const lines = text.slice(at, text.indexOf('trailer', at)).split(/\r?\n/);
  const [first, count] = (lines[1] ?? '').trim().split(/\s+/).map(Number);
  if (first !== 0 || !count) return undefined;
  const offsets = lines.slice(2, 2 + count).map((l) => Number(l.slice(0, 10)));
  return { start: at, offsets };
}

function infoDict(info: PdfInfo): string {
  const date = pdfDate(info.epochSeconds);
  return `<</Title ${pdfString(info.title)}\n/Author ${pdfString(info.author)}\n/Subject ${pdfString(info.subject)}\n/Creator ${pdfString(PRODUCER)}\n/Producer ${pdfString(PRODUCER)}\n/CreationDate (${date})\n/ModDate (${date})>>`;
}

/** A PDF date in UTC: D:YYYYMMDDHHmmSS+00'00'. */
function pdfDate(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `D:${iso.slice(0, 19).replace(/[-T:]/g, '')}+00'00'`;
}

/** ASCII as a literal string, anything else as UTF-16BE hex with a byte-order mark. */
function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const hex = [...s].flatMap((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    const units = cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
    return units.map((u) => u.toString(16).padStart(4, '0'));
  });
  return `<FEFF${hex.join('')}>`;
}
