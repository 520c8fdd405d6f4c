// Small readings of the WordprocessingML that docx writes, for joining binder sections converted
// apart (fragment.ts, assemble.ts). docx writes no raw "<" in text or attributes, so a tag is
// everything from "<" to the next ">", and a body's top-level elements are found by nesting depth.

/** The top-level elements of a body's XML (paragraphs, tables, structured tags), in order. */
export function topLevel(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (const tag of xml.matchAll(/<[^>]*>/g)) {
    const text = tag[0];
    const at = tag.index;
    if (depth === 0) start = at;
    if (text.startsWith('</')) depth--;
    else if (!text.endsWith('/>') && !text.startsWith('<?')) depth++;
    if (depth === 0) out.push(xml.slice(start, at + text.length));
  }
  return out;
}

/** Whether a top-level element is a paragraph of the Heading1 style (what the binder's contents list). */
export function isHeading1(element: string): boolean {
  const properties = /^<w:p(?: [^>]*)?><w:pPr>([\s\S]*?)<\/w:pPr>/.exec(element);
  return properties?.[1]?.includes('<w:pStyle w:val="Heading1"/>') ?? false;
}

/** Every bookmark id (w:id of w:bookmarkStart and w:bookmarkEnd) rewritten by `to`. */
export function mapBookmarkIds(xml: string, to: (id: number) => number): string {
  return xml.replace(
    /(<w:bookmark(?:Start|End)\b[^>]*?w:id=")(\d+)"/g,
    (_m, head: string, id: string) => `${head}${to(Number(id))}"`,
  );
}

/** Every list reference of the body (w:numId) rewritten by `to`. */
export function mapNumIds(xml: string, to: (id: number) => number): string {
  return xml.replace(/<w:numId w:val="(\d+)"\/>/g, (_m, id: string) => `<w:numId w:val="${to(Number(id))}"/>`);
}

/** Every hyperlink's relationship id (r:id of w:hyperlink) rewritten by `to`. */
export function mapLinkIds(xml: string, to: (id: string) => string): string {
  return xml.replace(/<w:hyperlink\b[^>]*>/g, (tag) =>
    tag.replace(/\br:id="([^"]*)"/, (_m, id: string) => `r:id="${to(id)}"`),
  );
}
