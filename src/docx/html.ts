import type { ElementNode, Node } from 'ultrahtml';
import { ELEMENT_NODE, parse, renderSync, TEXT_NODE, walkSync } from 'ultrahtml';
import { fitColumns } from './widths.ts';

// The Word binder is made from the print binder's own page (the HTML Astro built for Chromium),
// so it says exactly what the PDF binder says. This module cuts that page into its sections and
// rewrites what only makes sense on a web page: hidden page-number spans, links between pages,
// and the checklist tables' box column, which the print CSS draws and Word must show as text.

/** One section of the binder: its id (a bookmark in Word) and its HTML, ready for docx/html. */
export interface BinderSection {
  id: string;
  /** The text of its first heading. */
  title: string;
  html: string;
}

/**
 * What the print CSS does that Word needs told: room inside table cells, a light header row kept
 * with the first row, a gap between a table and the text after it, and checklist
 * rows that do not break across pages.
 */
export const WORD_CSS = `
td, th { padding: 2pt 4pt; }
th, thead td { background-color: #f2f2f2; break-after: avoid; }
table + p, .table-wrap + p, .table-wrap + div, .table-wrap + ul, .table-wrap + ol,
.checklist + p, .checklist + div, .checklist + ul, .checklist + ol,
.table-wrap + div > :first-child, .checklist + div > :first-child { margin-top: 8pt; }
.checklist tr { break-inside: avoid; }
`;

/** Every paragraph in a table cell, list items too, in the style of table text (see styles.ts). */
export function cellStyles(style: string): Record<string, string> {
  return Object.fromEntries(['td', 'th', 'td p', 'th p', 'td li', 'th li'].map((selector) => [selector, style]));
}

/**
 * The binder page's sections, in order, each rewritten for Word. Each section is converted on its
 * own (fragment.ts), and docx/html bookmarks an element only when a link of the same conversion
 * goes to it: so a section's first heading also holds an empty link to each of its ids that any
 * section links to (an empty link writes nothing in Word).
 */
export function binderSections(page: string): BinderSection[] {
  const found: { node: ElementNode; id: string; title: string }[] = [];
  walkSync(parse(page), (node) => {
    if (!isElement(node) || node.name !== 'section' || !('data-binder-section' in node.attributes)) return;
    const id = node.attributes.id ?? '';
    found.push({ node, id, title: prepare(node, id) });
  });
  const linked = new Set(found.flatMap(({ node }) => linksIn(node)));
  return found.map(({ node, id, title }) => {
    anchorTargets(node, linked);
    return { id, title, html: node.children.map((c) => renderSync(c)).join('') };
  });
}

/** The ids the links of a (prepared) section go to. */
function linksIn(section: ElementNode): string[] {
  const ids: string[] = [];
  walkSync(section, (node) => {
    const href = isElement(node) && node.name === 'a' ? (node.attributes.href ?? '') : '';
    if (href.startsWith('#') && href.length > 1) ids.push(href.slice(1));
  });
  return ids;
}

/** Gives the section's first heading an empty link to each of its ids in `linked` that it does not link to itself. */
function anchorTargets(section: ElementNode, linked: ReadonlySet<string>): void {
  const own = new Set(linksIn(section));
  const targets: string[] = [];
  let heading: ElementNode | undefined;
  walkSync(section, (node) => {
    if (!isElement(node)) return;
    if (node.name === 'h1') heading ??= node;
    const id = node.attributes.id;
    if (id && linked.has(id) && !own.has(id) && !targets.includes(id)) targets.push(id);
  });
  if (!heading) return;
  for (const id of targets) heading.children.push(emptyLink(id, heading));
}

function emptyLink(id: string, parent: ElementNode): ElementNode {
  return { type: ELEMENT_NODE, name: 'a', attributes: { href: `#${id}` }, children: [], parent, loc: parent.loc };
}

function isElement(node: Node): node is ElementNode {
  return node.type === ELEMENT_NODE;
}

/** Rewrites one section in place (see the module comment) and returns its heading's text. */
function prepare(section: ElementNode, id: string): string {
  let title: string | null = null;
  walkSync(section, (node) => {
    if (!isElement(node)) return;
    const a = node.attributes;
    if ('hidden' in a || node.name === 'img') node.children = [];
    if ('hidden' in a || node.name === 'img') node.name = 'span';
    if (node.name === 'h1' && title === null) {
      // Each section starts a page, and its heading carries the section's id, the target of links.
      title = textOf(node);
      a.id = id;
      a.style = 'page-break-before: always';
      // docx/html makes a bookmark only for an id something links to; the cover refers to each by page.
      node.children.push(emptyLink(id, node));
    }
    if (node.name === 'a') a.href = wordLink(a);
    if (node.name === 'table') (hasClassAbove(node, 'checklist') ? boxColumn : fitColumns)(node);
    if ((node.name === 'td' || node.name === 'th') && isBlank(node)) fill(node, '\u00a0');
  });
  return title ?? id;
}

/** A checklist's columns in percent: the box 5, the last two (initials, time) 14 each, the step twice the others. */
function columnWidths(n: number): number[] {
  if (n < 4) return Array.from({ length: n }, (_, i) => (i === 0 ? 5 : 95 / (n - 1)));
  // 14 %: room for a bold "Reached (initials)" heading without breaking a word.
  const part = 67 / (n - 2);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 5 : i >= n - 2 ? 14 : i === 1 ? 2 * part : part));
}

/** The text of a node, its character references read (the parser leaves them as written). */
function textOf(node: Node): string {
  if (node.type === TEXT_NODE) return decode(node.value);
  return 'children' in node ? (node.children as Node[]).map(textOf).join('') : '';
}

/** A link in Word: to a bookmark for a cross-reference, as written for tel:, mailto: and the web, else none. */
function wordLink(a: Record<string, string>): string {
  const href = a.href ?? '';
  if (/^(tel:|mailto:|https?:)/.test(href)) return href;
  const fragment = href.includes('#') ? href.slice(href.indexOf('#') + 1) : '';
  if (a['data-xref']) return `#${a['data-xref-heading'] && fragment ? fragment : a['data-xref']}`;
  return href.startsWith('#') ? href : '';
}

function hasClassAbove(node: ElementNode, name: string): boolean {
  const parent = node.parent;
  return isElement(parent) && (parent.attributes.class ?? '').split(/\s+/).includes(name);
}

/** A checklist's first column is an empty cell the print CSS draws a box in: Word gets the box itself. */
function boxColumn(table: ElementNode): void {
  walkSync(table, (node) => {
    if (!isElement(node) || node.name !== 'tr') return;
    const cells = node.children.filter(isElement);
    // Narrow box and sign-off columns, a wide step; docx/html takes a column's width from its cells.
    const widths = columnWidths(cells.length);
    cells.forEach((c, i) => {
      c.attributes.style = `width: ${widths[i]}%`;
    });
    const cell = cells[0];
    if (cell?.name === 'td' && isBlank(cell)) fill(cell, '\u2610');
  });
}

/** Whether a cell holds nothing but white space. */
function isBlank(cell: ElementNode): boolean {
  return cell.children.every((c) => c.type === TEXT_NODE && !c.value.trim());
}

/**
 * Gives a cell its only text. An empty cell would get a paragraph of Word's Normal style, whose
 * space after would make its row taller than the text of the others; a no-break space gets the
 * cell the table text style.
 */
function fill(cell: ElementNode, text: string): void {
  cell.children = [{ type: TEXT_NODE, value: text, parent: cell, loc: cell.loc }];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    return String.fromCodePoint(
      ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1)),
    );
  });
}
