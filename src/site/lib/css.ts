/** A CSS string literal for `content:`; client text can never close the string or the style block. */
export function cssString(text: string): string {
  return `"${[...text].map((ch) => (/[A-Za-z0-9 .,:;+()&_#!?'\-/@]/.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16)} `)).join('')}"`;
}
