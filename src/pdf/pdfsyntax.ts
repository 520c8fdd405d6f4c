// The bits of PDF syntax irplan reads and writes: indirect references, dictionaries, strings and
// the classic cross-reference table.

/** Something about the PDFs that the splice does not handle; never shown to users. */
export class Unexpected extends Error {}

/** An indirect reference of generation 0: `12 0 R`. */
export const REF = /(?<![\d.])(\d+) 0 R(?!\w)/g;

/** The object numbers `text` references, in order; only generation 0 is expected. */
export function refsIn(text: string): number[] {
  if (/(?<![\d.])\d+ [1-9]\d* R(?!\w)/.test(text)) throw new Unexpected('a reference with a non-zero generation');
  return [...text.matchAll(REF)].map((m) => Number(m[1]));
}

/** The end of the dictionary that starts at `at` (<<), skipping strings that may hold << or >>. */
export function skipDict(text: string, at: number): number {
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

/** Where the string literal that starts at `at` ends (its closing parenthesis), nesting and escapes allowed. */
export function skipString(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Unexpected('unterminated string');
}

/** A classic cross-reference table for objects 1..n at these byte offsets (index 0 is the free head). */
export function xrefTable(offsets: number[]): string {
  return [
    'xref',
    `0 ${offsets.length}`,
    '0000000000 65535 f ',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ].join('\n');
}
