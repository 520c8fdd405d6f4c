/** A CSS string literal for `content:`; client text can never close the string or the style block. */
export function cssString(text: string): string {
  return `"${[...text].map((ch) => (/[A-Za-z0-9 .,:;+()&_#!?'\-/@]/.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16)} `)).join('')}"`;
}

/**
 * A `content:` value from a message split at its placeholders (meta.ts, messageParts): the text as
 * CSS strings, each placeholder as the CSS given for it (a counter). An empty text adds nothing.
 */
export function cssContent(parts: (string | { slot: string })[], slots: Record<string, string>): string {
  const out = parts.map((p) => {
    if (typeof p === 'string') return p === '' ? '' : cssString(p);
    const css = slots[p.slot];
    if (css === undefined) throw new Error(`no value for {${p.slot}} in a running head`);
    return css;
  });
  return out.filter(Boolean).join(' ') || 'none';
}
