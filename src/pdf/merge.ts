// One PDF from parts printed separately (a binder's cover and each of its sections), so that an
// edit to one section prints that section again and the binder is put together from the rest.
//
// Every object of every part is kept, renumbered part after part; what must be one for the whole
// document is written new: the catalog, the page tree, the structure tree root (one Document
// element holding every part's elements), its parent tree (each part's keys shifted past the
// previous parts'), the ID tree, the named destinations and the outline (each part's top-level
// entries chained after the previous part's). Links a part could not resolve itself (a target in
// another part) are printed as `irplan-part:<id>` URIs and become links to the named destination
// <id>: Chromium writes a named destination only for an id that something in the same print links
// to, so the printer must give each part a link to every id other parts link to. The result depends
// only on the parts' bytes, in order; anything a part holds that the merge would drop or get wrong
// (other catalog entries, an untagged part, another language, a name two parts use) is refused.
import { createHash } from 'node:crypto';
import { ClassicPdf } from './classicpdf.ts';
import { REF, skipDict, skipString, Unexpected, xrefTable } from './pdfsyntax.ts';

/** The URI scheme of a link whose target is in another part. */
export const PART_LINK = 'irplan-part:';

/** What one part holds that the merged document's shared objects are made from. */
interface PartInfo {
  pdf: ClassicPdf;
  pages: number[];
  /** Objects replaced by the merged document's own (their references point at those). */
  aliases: Map<number, Shared>;
  document: number | null;
  documentKids: string;
  parentTreeNextKey: number;
  nums: { key: number; value: string }[];
  ids: { name: string; value: string }[];
  dests: string;
  outline: { first: number; last: number; count: number } | null;
  info: number | null;
  catalog: string;
}

type Shared = 'catalog' | 'pages' | 'structRoot' | 'document' | 'parentTree' | 'idTree' | 'dests' | 'outlines';
type SharedKind = Shared | 'info' | 'idLeaf';
/** The object numbers of the merged document's own objects; the ID tree and outline may be absent. */
type SharedNumbers = Partial<Record<SharedKind, number>>;

/** Merges Chromium PDFs, in order, into one; throws Unexpected when a part is not laid out as expected. */
export function mergeParts(parts: Buffer[]): Buffer {
  if (parts.length === 0) throw new Unexpected('no parts to merge');
  const infos = parts.map((b) => readPart(new ClassicPdf(b)));
  const numbers = infos.map(() => new Map<number, number>());
  let next = 1;
  infos.forEach((part, i) => {
    for (let num = 1; num < part.pdf.size; num++)
      if (!part.aliases.has(num) && num !== part.info) (numbers[i] as Map<number, number>).set(num, next++);
  });
  // An ID tree and an outline only when some part has one (an empty outline root is not allowed).
  const hasIds = infos.some((p) => p.ids.length > 0);
  const hasOutline = infos.some((p) => p.outline);
  const kinds: SharedKind[] = ['catalog', 'pages', 'structRoot', 'document', 'parentTree', 'dests', 'info'];
  if (hasIds) kinds.push('idTree', 'idLeaf');
  if (hasOutline) kinds.push('outlines');
  const shared: SharedNumbers = Object.fromEntries(kinds.map((k) => [k, next++]));
  const body: string[] = [];
  let keyBase = 0;
  let idBase = 0;
  const outlineEnds: { first: number; last: number }[] = [];
  const linked = new Set<string>();
  infos.forEach((part, i) => {
    const map = numbers[i] as Map<number, number>;
    const ref = (num: number) => {
      const as = map.get(num) ?? (num === part.info ? shared.info : shared[part.aliases.get(num) as Shared]);
      // (An alias of an absent shared object, such as an outline root without entries, is never referenced.)
      if (as === undefined) throw new Unexpected(`a reference to object ${num}, which part ${i + 1} does not have`);
      return as;
    };
    const ids = new Map<string, string>();
    const shift = keyBase;
    // Names, keys and references are rewritten outside string literals only (a title may read
    // "/StructParent 7" or "12 0 R"); structure IDs are strings, renamed on their own.
    const rename = (text: string) =>
      renameIds(
        outsideStrings(text, (t) => shiftKeys(renameSubsets(renumber(t, ref), i), shift)),
        ids,
        () => String(++idBase).padStart(8, '0'),
      );
    for (const [num, as] of map) {
      const span = part.pdf.span(num);
      const value = resolvePartLinks(rename(part.pdf.text.slice(span.valueStart, span.valueEnd)), linked);
      body.push(`${as} 0 obj\n${value}${part.pdf.text.slice(span.valueEnd, span.end)}`);
    }
    part.nums = part.nums.map((n) => ({ key: n.key + keyBase, value: rename(n.value) }));
    part.ids = part.ids.map((n) => ({ name: rename(`(${n.name})`).slice(1, -1), value: rename(n.value) }));
    part.dests = rename(part.dests);
    part.documentKids = rename(part.documentKids);
    if (part.outline) outlineEnds.push({ first: ref(part.outline.first), last: ref(part.outline.last) });
    keyBase += part.parentTreeNextKey;
  });
  const dests = new Set<string>();
  for (const name of infos.flatMap((p) =>
    [...p.dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[/g)].map((m) => m[1] as string),
  )) {
    // A reader keeps one of two equal keys: some part's own links would jump into another part.
    if (dests.has(name)) throw new Unexpected(`two parts name the destination "${name}"`);
    dests.add(name);
  }
  for (const id of linked) if (!dests.has(id)) throw new Unexpected(`a link to "${id}", which no part holds`);
  const lang = (p: PartInfo) => /\/Lang (\([^)]*\))/.exec(p.catalog)?.[1] ?? '';
  if (infos.some((p) => lang(p) !== lang(infos[0] as PartInfo)))
    throw new Unexpected('the parts are in different languages (the merged document has one /Lang)');
  chainOutlines(body, outlineEnds);
  body.push(...sharedObjects(infos, numbers, shared, keyBase));
  return writeFile(header(infos[0] as PartInfo), body, shared);
}

/** Reads a part's catalog and the trees the merged document rebuilds. */
function readPart(pdf: ClassicPdf): PartInfo {
  const trailer = pdf.trailer();
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1]);
  const info = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
  const catalog = dictOf(pdf, root);
  const aliases = new Map<number, Shared>([[root, 'catalog']]);
  for (const num of pageTreeNodes(pdf, refOf(catalog, 'Pages'))) aliases.set(num, 'pages');
  const part: PartInfo = {
    pdf,
    pages: pdf.pages(),
    aliases,
    document: null,
    documentKids: '',
    parentTreeNextKey: 0,
    nums: [],
    ids: [],
    dests: '',
    outline: null,
    info: info === undefined ? null : Number(info),
    catalog,
  };
  const unknown = keysOf(catalog).filter((k) => !CATALOG_KEYS.includes(k));
  if (unknown.length) throw new Unexpected(`the catalog has /${unknown.join(', /')}, which the merge would drop`);
  const structRoot = optionalRef(catalog, 'StructTreeRoot');
  if (structRoot === null) throw new Unexpected('an untagged part (the merged document is tagged)');
  readStructTree(part, structRoot);
  const dests = optionalRef(catalog, 'Dests');
  if (dests !== null) {
    aliases.set(dests, 'dests');
    part.dests = dictOf(pdf, dests).slice(2, -2);
  }
  const outlines = optionalRef(catalog, 'Outlines');
  if (outlines !== null) {
    aliases.set(outlines, 'outlines');
    const o = dictOf(pdf, outlines);
    const first = optionalRef(o, 'First');
    const last = optionalRef(o, 'Last');
    if (first !== null && last !== null)
      part.outline = { first, last, count: Number(/\/Count (-?\d+)/.exec(o)?.[1] ?? 0) };
  }
  return part;
}

function readStructTree(part: PartInfo, root: number): void {
  const { pdf, aliases } = part;
  aliases.set(root, 'structRoot');
  const dict = dictOf(pdf, root);
  const unknown = keysOf(dict).filter((k) => !STRUCT_ROOT_KEYS.includes(k));
  if (unknown.length) throw new Unexpected(`the structure tree root has /${unknown.join(', /')}`);
  const document = optionalRef(dict, 'K');
  if (document === null || !/\/S \/Document\b/.test(dictOf(pdf, document)))
    throw new Unexpected('the structure tree root does not hold one Document element');
  aliases.set(document, 'document');
  part.document = document;
  // One kid is written as a reference, more as an array.
  const kids = /\/K (?:\[([^\]]*)\]|(\d+ 0 R))/.exec(dictOf(pdf, document));
  if (!kids || !/^(\s*\d+ 0 R)*\s*$/.test(kids[1] ?? kids[2] ?? ''))
    throw new Unexpected('the Document element holds something other than elements');
  part.documentKids = kids[1] ?? kids[2] ?? '';
  for (const num of treeNodes(pdf, optionalRef(dict, 'ParentTree'))) {
    aliases.set(num, 'parentTree');
    const nums = /\/Nums \[([^\]]*)\]/.exec(dictOf(pdf, num))?.[1] ?? '';
    // Values are references to arrays (pages) or to elements (annotations); a direct array is not expected.
    if (!/^(\s*\d+ \d+ 0 R)*\s*$/.test(nums)) throw new Unexpected('a parent tree value that is not a reference');
    for (const m of nums.matchAll(/(\d+) (\d+ 0 R)/g)) part.nums.push({ key: Number(m[1]), value: m[2] as string });
  }
  // The next part's keys start after this one's, whether or not it says where they end.
  const highest = Math.max(-1, ...part.nums.map((n) => n.key));
  part.parentTreeNextKey = Math.max(Number(/\/ParentTreeNextKey (\d+)/.exec(dict)?.[1] ?? 0), highest + 1);
  for (const num of treeNodes(pdf, optionalRef(dict, 'IDTree'))) {
    aliases.set(num, 'idTree');
    const names = /\/Names \[([^\]]*)\]/.exec(dictOf(pdf, num))?.[1] ?? '';
    for (const m of names.matchAll(/\(([^()\\]*)\) (\d+ 0 R)/g))
      part.ids.push({ name: m[1] as string, value: m[2] as string });
  }
}

/** The page tree's inner nodes; an inherited attribute on one would be lost, so it is refused. */
function pageTreeNodes(pdf: ClassicPdf, root: number): number[] {
  const out: number[] = [];
  const walk = (num: number) => {
    const dict = dictOf(pdf, num);
    if (!/\/Type \/Pages\b/.test(dict)) return;
    if (/\/(Resources|MediaBox|CropBox|Rotate)\b/.test(dict))
      throw new Unexpected('a page tree node has inherited attributes');
    out.push(num);
    for (const m of (/\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)) walk(Number(m[1]));
  };
  walk(root);
  return out;
}

/** A number or name tree's nodes (root, then kids), for the leaves' entries. */
function treeNodes(pdf: ClassicPdf, root: number | null): number[] {
  if (root === null) return [];
  const out = [root];
  for (const m of (/\/Kids \[([^\]]*)\]/.exec(dictOf(pdf, root))?.[1] ?? '').matchAll(/(\d+) 0 R/g))
    out.push(...treeNodes(pdf, Number(m[1])));
  return out;
}

/** The last top-level outline entry of each part points at the next part's first, and back. */
function chainOutlines(body: string[], ends: { first: number; last: number }[]): void {
  const edit = (num: number, key: string, to: number) => {
    const i = body.findIndex((o) => o.startsWith(`${num} 0 obj\n`));
    const obj = body[i] as string;
    const at = obj.lastIndexOf('>>');
    body[i] = `${obj.slice(0, at)}\n/${key} ${to} 0 R${obj.slice(at)}`;
  };
  for (let k = 1; k < ends.length; k++) {
    edit((ends[k - 1] as { last: number }).last, 'Next', (ends[k] as { first: number }).first);
    edit((ends[k] as { first: number }).first, 'Prev', (ends[k - 1] as { last: number }).last);
  }
}

/** The catalog, page tree, structure tree root, parent and ID trees, destinations, outline and info. */
function sharedObjects(infos: PartInfo[], numbers: Map<number, number>[], s: SharedNumbers, nextKey: number): string[] {
  const first = infos[0] as PartInfo;
  const pages = infos.flatMap((p, i) => p.pages.map((n) => `${(numbers[i] as Map<number, number>).get(n)} 0 R`));
  const nums = infos.flatMap((p) => p.nums.map((n) => `${n.key} ${n.value}`));
  const ids = infos.flatMap((p) => p.ids).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const withOutline = infos.filter((p) => p.outline);
  const count = withOutline.reduce((sum, p) => sum + (p.outline?.count ?? 0), 0);
  const lang = /\/Lang (\([^)]*\))/.exec(first.catalog)?.[1];
  const obj = (num: number, text: string) => `${num} 0 obj\n${text}\nendobj`;
  const docLang =
    first.document === null ? '' : (/\/Lang (\([^)]*\))/.exec(dictOf(first.pdf, first.document))?.[1] ?? '');
  const infoSpan = first.info === null ? null : first.pdf.span(first.info);
  const outlines = s.outlines === undefined ? '' : `\n/Outlines ${s.outlines} 0 R`;
  const idTree = s.idTree === undefined ? '' : `\n/IDTree ${s.idTree} 0 R`;
  const out = [
    obj(
      s.catalog as number,
      `<</Type /Catalog\n/Pages ${s.pages} 0 R\n/Dests ${s.dests} 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot ${s.structRoot} 0 R${outlines}\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>${lang ? `\n/Lang ${lang}` : ''}>>`,
    ),
    obj(s.pages as number, `<</Type /Pages\n/Count ${pages.length}\n/Kids [${pages.join(' ')}]>>`),
    obj(
      s.structRoot as number,
      `<</Type /StructTreeRoot\n/K ${s.document} 0 R\n/ParentTreeNextKey ${nextKey}\n/ParentTree ${s.parentTree} 0 R${idTree}>>`,
    ),
    obj(
      s.document as number,
      `<</Type /StructElem\n/S /Document${docLang ? `\n/Lang ${docLang}` : ''}\n/P ${s.structRoot} 0 R\n/K [${infos
        .map((p) => p.documentKids.trim())
        .filter(Boolean)
        .join(' ')}]>>`,
    ),
    obj(s.parentTree as number, `<</Type /ParentTree\n/Nums [${nums.join(' ')}]>>`),
    obj(
      s.dests as number,
      `<<${infos
        .map((p) => p.dests.trim())
        .filter(Boolean)
        .join('\n')}>>`,
    ),
    obj(s.info as number, infoSpan ? first.pdf.text.slice(infoSpan.valueStart, infoSpan.valueEnd) : '<<>>'),
  ];
  if (s.idTree !== undefined && s.idLeaf !== undefined) {
    // Shaped as Chromium writes it (a root, one leaf with limits), which normalizePdf re-sorts.
    out.push(obj(s.idTree, `<</Kids [${s.idLeaf} 0 R]>>`));
    out.push(
      obj(
        s.idLeaf,
        `<</Limits [(${ids[0]?.name}) (${ids.at(-1)?.name})]\n/Names [${ids.map((n) => `(${n.name}) ${n.value}`).join(' ')}]>>`,
      ),
    );
  }
  if (s.outlines !== undefined)
    out.push(
      obj(
        s.outlines,
        `<</Type /Outlines\n/First ${outlineRef(withOutline[0] as PartInfo, infos, numbers, 'first')} 0 R\n/Last ${outlineRef(withOutline.at(-1) as PartInfo, infos, numbers, 'last')} 0 R\n/Count ${count}>>`,
      ),
    );
  return out;
}

function outlineRef(part: PartInfo, infos: PartInfo[], numbers: Map<number, number>[], end: 'first' | 'last'): number {
  const i = infos.indexOf(part);
  return (numbers[i] as Map<number, number>).get(part.outline?.[end] ?? 0) ?? 0;
}

/** The first part's header: its version line and binary comment. */
function header(part: PartInfo): string {
  const first = part.pdf.offsets[1];
  if (first === undefined || !part.pdf.text.startsWith('%PDF-')) throw new Unexpected('no PDF header');
  return part.pdf.text.slice(0, first);
}

function writeFile(head: string, body: string[], s: SharedNumbers): Buffer {
  const ordered = body
    .map((text) => ({ num: Number(/^(\d+) 0 obj/.exec(text)?.[1]), text }))
    .sort((a, b) => a.num - b.num);
  let out = head;
  const offsets = [0];
  for (const { num, text } of ordered) {
    if (num !== offsets.length) throw new Unexpected(`object ${num} out of sequence`);
    offsets.push(out.length);
    out += `${text}\n`;
  }
  const xrefAt = out.length;
  out += `${xrefTable(offsets)}\ntrailer\n<</Size ${offsets.length}\n/Root ${s.catalog} 0 R\n/Info ${s.info} 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A link to `irplan-part:<id>` becomes a link to the named destination <id> (noted in `linked`). */
function resolvePartLinks(value: string, linked: Set<string>): string {
  const out = value.replace(
    /\/A <<\/Type \/Action\n\/S \/URI\n\/URI \(irplan-part:((?:[^()\\]|\\.)*)\)>>/g,
    (_m, id: string) => {
      if (!/^[A-Za-z0-9_.-]+$/.test(id)) throw new Unexpected(`a part link to "${id}", not a plain name`);
      linked.add(id);
      return `/Dest /${id}`;
    },
  );
  if (out.includes(PART_LINK)) throw new Unexpected('a part link written in an unexpected form');
  return out;
}

/** Applies `fn` to the text between string literals, leaving the literals as they are. */
function outsideStrings(text: string, fn: (t: string) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') {
      const end = skipString(text, i) + 1;
      out += fn(text.slice(from, i)) + text.slice(i, end);
      from = end;
      i = end - 1;
    }
  }
  return out + fn(text.slice(from));
}

/** Renumbers the references in text that holds no string literal. */
function renumber(text: string, ref: (num: number) => number): string {
  return text.replace(REF, (_m, num: string) => `${ref(Number(num))} 0 R`);
}

/** A page's /StructParents and an annotation's /StructParent, past the previous parts' keys. */
function shiftKeys(text: string, by: number): string {
  return text.replace(/\/(StructParents?) (\d+)/g, (_m, key: string, k: string) => `/${key} ${Number(k) + by}`);
}

/** Structure element IDs (DOM node ids) made unique across parts, in order of appearance. */
function renameIds(text: string, ids: Map<string, string>, fresh: () => string): string {
  return text.replace(/\(node(\d{8})\)/g, (_m, id: string) => {
    let to = ids.get(id);
    if (to === undefined) {
      to = fresh();
      ids.set(id, to);
    }
    return `(node${to})`;
  });
}

/** Each part's subset fonts are tagged AAAAAA+, BAAAAA+, ...; the tags are made distinct per part. */
function renameSubsets(text: string, part: number): string {
  return text.replace(
    /\/(BaseFont|FontName) \/([A-Z]{6})\+([^\s/<>[\]()]+)/g,
    (_m, key: string, tag: string, name: string) => {
      const digest = createHash('sha256').update(`part${part}:${tag}+${name}`).digest();
      return `/${key} /${[...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')}+${name}`;
    },
  );
}

/** What a Chromium part's catalog and structure tree root may hold; anything else is refused, not dropped. */
const CATALOG_KEYS = ['Type', 'Pages', 'Dests', 'MarkInfo', 'StructTreeRoot', 'Outlines', 'ViewerPreferences', 'Lang'];
const STRUCT_ROOT_KEYS = ['Type', 'K', 'ParentTreeNextKey', 'ParentTree', 'IDTree'];

/** The top-level keys of a dictionary (nested dictionaries and arrays skipped). */
function keysOf(dict: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < dict.length; i++) {
    const c = dict[i];
    if (c === '(') i = skipString(dict, i);
    else if (dict.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (dict.startsWith('>>', i)) {
      depth--;
      i++;
    } else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '/' && depth === 1) {
      const name = /^\/([^\s/<>[\]()]+)/.exec(dict.slice(i))?.[1] ?? '';
      keys.push(name);
      i += name.length;
      // Skip the value when it is a name, so that it is not read as the next key.
      const value = /^\s*\/([^\s/<>[\]()]+)/.exec(dict.slice(i + 1));
      if (value) i += value[0].length;
    }
  }
  return keys;
}

function dictOf(pdf: ClassicPdf, num: number): string {
  const span = pdf.span(num);
  const text = pdf.text.slice(span.valueStart, span.valueEnd);
  if (!text.startsWith('<<') || skipDict(text, 0) !== text.length)
    throw new Unexpected(`object ${num} is not a dictionary`);
  return text;
}

function refOf(dict: string, key: string): number {
  const num = optionalRef(dict, key);
  if (num === null) throw new Unexpected(`no /${key}`);
  return num;
}

function optionalRef(dict: string, key: string): number | null {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
}
