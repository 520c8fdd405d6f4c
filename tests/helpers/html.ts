// Reading built site pages as a reader sees them, for tests that assert on printed words.

/**
 * What a reader sees: tags dropped, character references decoded, invisible joiners removed, spaces
 * collapsed. `tagGap` is what a tag leaves: a space between blocks, nothing to read inline text whole.
 */
export function visibleText(html: string, tagGap = ' '): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, tagGap)
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\u2060\u200b]/g, '')
    .replace(/\u2019/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The page cut at its second-level headings: each heading's visible text with the text up to the next one. */
export function sectionsOf(html: string): { heading: string; text: string }[] {
  return html
    .split(/(?=<h2[\s>])/i)
    .slice(1)
    .map((part) => {
      const heading = visibleText(/<h2[^>]*>([\s\S]*?)<\/h2>/i.exec(part)?.[1] ?? '');
      return { heading, text: visibleText(part) };
    });
}

/** Every distinct tel: link target on the page, as written in href. */
export function telLinks(html: string): string[] {
  return [...new Set([...html.matchAll(/href="(tel:[^"]*)"/g)].map((m) => m[1] as string))].sort();
}
