import { ImportedXmlComponent } from 'docx';
import type { FileChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Fragment } from './fragment.ts';
import { isHeading1, mapBookmarkIds, mapLinkIds, mapNumIds, topLevel } from './xml.ts';

// The binder joined from its sections' fragments (fragment.ts). The frame, packed by docx, holds
// the cover, the contents and, for each heading the contents list, a copy of that heading: docx
// fills the contents from those copies and bookmarks each one. Then each copy's place in the body
// takes the fragments, the fragments' ids moved past the frame's and past each other's, each
// heading given its copy's contents bookmark, and their links and lists added to the package.

/** The Heading1 paragraphs of the fragments, in order: what the frame's contents are filled from. */
export function headingCopies(fragments: readonly Fragment[]): FileChild[] {
  return fragments.flatMap((f) =>
    topLevel(f.body)
      .filter(isHeading1)
      // The copy's own bookmarks are left out: only the one docx adds for the contents is read back.
      .map(
        (p) =>
          ImportedXmlComponent.fromXmlString(
            p.replace(/<w:bookmark(?:Start|End)\b[^>]*\/>/g, ''),
          ) as unknown as FileChild,
      ),
  );
}

/** The frame's package (docx's output, with `headingCopies` last in its body) with the fragments in their place. */
export function assemble(frame: Uint8Array, fragments: readonly Fragment[]): Uint8Array {
  const files = unzipSync(frame);
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const document = text('word/document.xml');
  const open = document.indexOf('<w:body>') + '<w:body>'.length;
  const close = document.lastIndexOf('<w:sectPr');
  const elements = topLevel(document.slice(open, close));
  const headings = fragments.reduce((n, f) => n + topLevel(f.body).filter(isHeading1).length, 0);
  const copies = elements.slice(elements.length - headings);
  if (headings > elements.length || !copies.every(isHeading1))
    throw new Error('the Word binder frame does not end with the copies of its headings');
  // Each copy's contents bookmark: its start and end, in the order of the headings.
  // (none for a heading without text, which the contents leave out)
  const marks = copies.map((copy) => {
    const start = /<w:bookmarkStart w:name="_Toc\d+" w:id="(\d+)"\/>/.exec(copy);
    return start ? { start: start[0], end: `<w:bookmarkEnd w:id="${start[1]}"/>` } : undefined;
  });
  let bookmark = maxOf(document, /<w:bookmarkStart\b[^>]*?w:id="(\d+)"/g);
  let abstract = maxOf(text('word/numbering.xml'), /<w:abstractNum w:abstractNumId="(\d+)"/g);
  let num = maxOf(text('word/numbering.xml'), /<w:num w:numId="(\d+)"/g);
  const links: string[] = [];
  const lists = { abstracts: [] as string[], nums: [] as string[] };
  const body: string[] = [];
  for (const f of fragments) {
    const [b, a, n] = [bookmark, abstract, num];
    let xml = mapBookmarkIds(f.body, (id) => id + b);
    xml = mapNumIds(xml, (id) => (id === 1 ? 1 : id - 1 + n));
    xml = mapLinkIds(xml, (id) => linkId(Number(id.replace('rIdFragment', '')) + links.length));
    links.push(...f.links.map((rel, i) => rel.replace(/\bId="[^"]*"/, `Id="${linkId(links.length + i + 1)}"`)));
    lists.abstracts.push(
      ...f.abstracts.map((x) =>
        x.replace(/w:abstractNumId="(\d+)"/, (_m, id) => `w:abstractNumId="${Number(id) - 1 + a}"`),
      ),
    );
    lists.nums.push(
      ...f.nums.map((x) =>
        x
          .replace(/w:numId="(\d+)"/, (_m, id) => `w:numId="${Number(id) - 1 + n}"`)
          .replace(/<w:abstractNumId w:val="(\d+)"\/>/, (_m, id) => `<w:abstractNumId w:val="${Number(id) - 1 + a}"/>`),
      ),
    );
    for (const element of topLevel(xml)) body.push(isHeading1(element) ? withMark(element, marks.shift()) : element);
    bookmark += f.bookmarks;
    abstract += f.abstracts.length;
    num += f.nums.length;
  }
  const before = elements.slice(0, elements.length - headings).join('');
  files['word/document.xml'] = strToU8(document.slice(0, open) + before + body.join('') + document.slice(close));
  files['word/_rels/document.xml.rels'] = strToU8(withLinks(text('word/_rels/document.xml.rels'), links));
  files['word/numbering.xml'] = strToU8(withLists(text('word/numbering.xml'), lists));
  return zipSync(files, { level: 0 });
}

/** An id that normalizeDocx (zip.ts) renumbers in order with docx's random ones: "rId" and 12 or more characters. */
function linkId(n: number): string {
  return `rIdBodyLink${String(n).padStart(6, '0')}`;
}

/**
 * The relationships with the body's hyperlinks added. docx relates the font table last, after
 * every hyperlink, as rId and the count of relationships: so it stays last, renumbered, as a
 * binder converted whole has it.
 */
function withLinks(rels: string, links: readonly string[]): string {
  const fontTable = /<Relationship Id="rId\d+" (Type="[^"]*\/fontTable"[^>]*\/>)/.exec(rels);
  const without = fontTable ? rels.replace(fontTable[0], '') : rels;
  const count = (without.match(/<Relationship\b/g) ?? []).length + links.length;
  const last = fontTable ? `<Relationship Id="rId${count + 1}" ${fontTable[1]}` : '';
  return without.replace('</Relationships>', `${links.join('')}${last}</Relationships>`);
}

function maxOf(xml: string, pattern: RegExp): number {
  return Math.max(0, ...[...xml.matchAll(pattern)].map((m) => Number(m[1])));
}

/** A heading with its copy's contents bookmark around its content, where docx puts it: after its properties. */
function withMark(paragraph: string, mark: { start: string; end: string } | undefined): string {
  if (!mark) return paragraph;
  const at = paragraph.indexOf('</w:pPr>') + '</w:pPr>'.length;
  const end = paragraph.lastIndexOf('</w:p>');
  return `${paragraph.slice(0, at)}${mark.start}${paragraph.slice(at, end)}${mark.end}</w:p>`;
}

/** The numbering with the fragments' lists: abstractNums after the frame's, nums after its nums. */
function withLists(numbering: string, lists: { abstracts: string[]; nums: string[] }): string {
  const afterAbstracts = numbering.lastIndexOf('</w:abstractNum>') + '</w:abstractNum>'.length;
  const withAbstracts = numbering.slice(0, afterAbstracts) + lists.abstracts.join('') + numbering.slice(afterAbstracts);
  const afterNums = withAbstracts.lastIndexOf('</w:num>') + '</w:num>'.length;
  return withAbstracts.slice(0, afterNums) + lists.nums.join('') + withAbstracts.slice(afterNums);
}
