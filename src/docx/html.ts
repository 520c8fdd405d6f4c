import type { ElementNode, Node } from 'ultrahtml';
import { ELEMENT_NODE, parse, renderSync, TEXT_NODE, walkSync } from 'ultrahtml';

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

/** The binder page's sections, in order, each rewritten for Word. */
export function binderSections(page: string): BinderSection[] {
  const sections: BinderSection[] = [];
  walkSync(parse(page), (node) => {
    if (!isElement(node) || node.name !== 'section' || !('data-binder-section' in node.attributes)) return;
    const id = node.attributes.id ?? '';
    const title = prepare(node, id);
    sections.push({ id, title, html: node.children.map((c) => renderSync(c)).join('') });
  });
  return sections;
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
      node.children.push({
        type: ELEMENT_NODE,
        name: 'a',
        attributes: { href: `#${id}` },
        children: [],
        parent: node,
        loc: node.loc,
      });
    }
    if (node.name === 'a') a.href = wordLink(a);
    if (node.name === 'table' && hasClassAbove(node, 'checklist')) boxColumn(node);
  });
  return title ?? id;
}

/** A checklist's columns in percent: the box 5, the last two (initials, time) 12 each, the step twice the others. */
function columnWidths(n: number): number[] {
  if (n < 4) return Array.from({ length: n }, (_, i) => (i === 0 ? 5 : 95 / (n - 1)));
  const part = 71 / (n - 2);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 5 : i >= n - 2 ? 12 : i === 1 ? 2 * part : part));
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
    if (cell?.name === 'td' && cell.children.every((c) => c.type === TEXT_NODE && !c.value.trim()))
      cell.children = [{ type: TEXT_NODE, value: '\u2610', parent: cell, loc: cell.loc }];
  });
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
