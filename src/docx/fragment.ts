import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table } from 'docx';
import type { ISectionPropertiesOptions } from 'docx';
import { htmlToContent } from 'docx/html';
import { strFromU8, unzipSync } from 'fflate';
import { writeFileAtomic } from '../shared/index.ts';
import { cellStyles, WORD_CSS } from './html.ts';
import type { BinderStyles } from './styles.ts';
import { TABLE_TEXT } from './styles.ts';
import { mapBookmarkIds, mapLinkIds, mapNumIds } from './xml.ts';

// A template edit changes one or two sections of a binder, and converting a binder's HTML to Word
// is seconds of work (issue 25). So each section is converted on its own, into a fragment of Word
// XML numbered as if it were alone, kept between builds under the hash of what it is made from, and
// the binder joined from its fragments (assemble.ts). A section's links to others are bookmarks its
// HTML already names (html.ts), so a fragment depends on its own section only.

/** One binder section as Word XML, its own numbering from 1 (see the fields). */
export interface Fragment {
  /** Its top-level body elements: hyperlinks' r:id "rIdFragment<n>", lists' numIds from 2, bookmark ids from 1. */
  body: string;
  /** The Relationship element of each hyperlink, the n-th with Id "rIdFragment<n>". */
  links: string[];
  /** Its lists' abstractNum elements, the n-th with w:abstractNumId n + 1 (1 is docx's default bullets). */
  abstracts: string[];
  /** Its lists' num elements, the n-th with w:numId n + 1, on the abstractNums above. */
  nums: string[];
  /** Its highest bookmark id. */
  bookmarks: number;
}

/** Where fragments are kept: this build's folder, and the previous build's to take them from. */
export interface FragmentStore {
  next: string;
  previous?: string;
  /** What every fragment's key starts from: the Word code and its dependencies (build/docx.ts). */
  basis: string;
}

/** How a fragment is laid out: the binder's styles and page (a table's column widths follow the page's). */
export interface FragmentLayout {
  styles: BinderStyles;
  page: ISectionPropertiesOptions;
}

/** The fragment of each section's HTML, from the store or converted; every one used is left in `store.next`. */
export async function fragmentsOf(
  sections: readonly string[],
  layout: FragmentLayout,
  store: FragmentStore | undefined,
): Promise<Fragment[]> {
  const stylesKey = JSON.stringify([layout.styles.external ?? null, layout.styles.options, layout.page]);
  const out: Fragment[] = [];
  for (const html of sections) {
    const key = createHash('sha256')
      .update(`${store?.basis ?? ''}\0${stylesKey}\0${html}`)
      .digest('hex');
    let fragment = store ? stored(store, key) : undefined;
    if (!fragment) {
      fragment = await convert(html, layout);
      if (store) save(store.next, key, fragment);
    }
    out.push(fragment);
  }
  return out;
}

/** The stored fragment, copied into `next` when it came from the previous build; undefined when none can be read. */
function stored(store: FragmentStore, key: string): Fragment | undefined {
  for (const dir of [store.next, store.previous]) {
    if (!dir) continue;
    const file = join(dir, `${key}.json`);
    if (!existsSync(file)) continue;
    try {
      const fragment = JSON.parse(readFileSync(file, 'utf8')) as Fragment;
      if (!isFragment(fragment)) continue;
      if (dir !== store.next) save(store.next, key, fragment);
      return fragment;
    } catch {
      // A damaged file is converted again, and overwritten.
    }
  }
  return undefined;
}

function save(dir: string, key: string, fragment: Fragment): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, `${key}.json`), JSON.stringify(fragment));
}

function isFragment(f: Fragment): boolean {
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  return (
    typeof f?.body === 'string' &&
    strings(f.links) &&
    strings(f.abstracts) &&
    strings(f.nums) &&
    Number.isInteger(f.bookmarks)
  );
}

/** Converts one section in a document of its own and renumbers what docx numbered for that document. */
async function convert(html: string, { styles, page }: FragmentLayout): Promise<Fragment> {
  const content = separateTables(htmlToContent(html, { stylesheet: WORD_CSS, styleMap: cellStyles(TABLE_TEXT) }));
  const doc = new Document({
    ...(styles.external === undefined ? {} : { externalStyles: styles.external }),
    styles: styles.options,
    sections: [{ properties: page, children: content }],
  });
  const files = unzipSync(await Packer.toBuffer(doc));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const document = text('word/document.xml');
  const start = document.indexOf('<w:body>') + '<w:body>'.length;
  let body = document.slice(start, document.lastIndexOf('<w:sectPr'));
  // Hyperlinks: docx's random ids, numbered in order.
  const rels = new Map(
    [...text('word/_rels/document.xml.rels').matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => [
      /\bId="([^"]*)"/.exec(m[0])?.[1] ?? '',
      m[0],
    ]),
  );
  const links: string[] = [];
  body = mapLinkIds(body, (id) => {
    const rel = rels.get(id);
    if (rel === undefined) throw new Error(`docx wrote a hyperlink without its relationship (${id})`);
    links.push(rel.replace(/\bId="[^"]*"/, `Id="rIdFragment${links.length + 1}"`));
    return `rIdFragment${links.length}`;
  });
  const lists = ownLists(text('word/numbering.xml'));
  body = mapNumIds(body, (id) => lists.numIds.get(id) ?? id);
  const bookmarks = new Map<number, number>();
  body = mapBookmarkIds(body, (id) => {
    if (!bookmarks.has(id)) bookmarks.set(id, bookmarks.size + 1);
    return bookmarks.get(id) ?? id;
  });
  return { body, links, abstracts: lists.abstracts, nums: lists.nums, bookmarks: bookmarks.size };
}

/** The lists docx defined for the section, renumbered from 2; docx's default bullets (numId 1) are every document's. */
function ownLists(numbering: string): { abstracts: string[]; nums: string[]; numIds: Map<number, number> } {
  const abstractIds = new Map<number, number>();
  const numIds = new Map<number, number>([[1, 1]]);
  const nums: string[] = [];
  let defaultAbstract: number | undefined;
  for (const [num] of numbering.matchAll(/<w:num w:numId="\d+">[\s\S]*?<\/w:num>/g)) {
    const id = Number(/w:numId="(\d+)"/.exec(num)?.[1]);
    const abstract = Number(/<w:abstractNumId w:val="(\d+)"\/>/.exec(num)?.[1]);
    if (id === 1) {
      defaultAbstract = abstract;
      continue;
    }
    if (!abstractIds.has(abstract)) abstractIds.set(abstract, abstractIds.size + 2);
    numIds.set(id, numIds.size + 1);
    nums.push(
      num
        .replace(/w:numId="\d+"/, `w:numId="${numIds.get(id)}"`)
        .replace(/<w:abstractNumId w:val="\d+"\/>/, `<w:abstractNumId w:val="${abstractIds.get(abstract)}"/>`),
    );
  }
  const abstracts: string[] = [];
  for (const [element] of numbering.matchAll(/<w:abstractNum w:abstractNumId="\d+"[^>]*>[\s\S]*?<\/w:abstractNum>/g)) {
    const id = Number(/w:abstractNumId="(\d+)"/.exec(element)?.[1]);
    if (id === defaultAbstract) continue;
    const local = abstractIds.get(id);
    if (local === undefined) continue;
    abstracts[local - 2] = element.replace(/w:abstractNumId="\d+"/, `w:abstractNumId="${local}"`);
  }
  return { abstracts, nums, numIds };
}

/** Word merges two tables with nothing between them into one: an empty paragraph keeps them apart. */
export function separateTables(content: readonly (Paragraph | Table)[]): (Paragraph | Table)[] {
  return content.flatMap((c, i) =>
    c instanceof Table && content[i - 1] instanceof Table ? [new Paragraph({}), c] : [c],
  );
}
