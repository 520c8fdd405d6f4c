import type { ElementNode, Node } from 'ultrahtml';
import { ELEMENT_NODE, TEXT_NODE } from 'ultrahtml';

// A table without widths is split into equal columns in Word, which breaks words such as
// "workstations" in narrow columns while wide ones stay half empty. A browser sizes columns by their
// content; this does the same, roughly, in characters: each column gets at least its longest word
// (a phone number counts as one) and shares what is left by how much text it holds.

/** About how many characters of table text (a point smaller than body text) fit across a Letter or A4 page. */
const LINE = 97;
/** A cell's padding, in characters. */
const PADDING = 2.5;
/** A long word is wider than as many average characters (which count spaces and narrow letters). */
const WORD = 1.15;
/** Longer words break wherever they must; they do not claim a column of their own. */
const LONGEST_WORD = 20;
/** A cell this short ("4 h / 1 h", "P1") stays on one line, as a browser keeps it when there is room. */
const SHORT = 14;

/** A column's widths in characters: its longest word, its short cells on one line, all its text on one line. */
interface Column {
  word: number;
  short: number;
  max: number;
}

/** Gives every cell of `table` the width in percent of its column, measured from the text of all its rows. */
export function fitColumns(table: ElementNode): void {
  const rows = elements(table).flatMap((n) => (n.name === 'tr' ? [n] : elements(n).filter((r) => r.name === 'tr')));
  const grid = rows.map((row) => elements(row).filter((c) => c.name === 'td' || c.name === 'th'));
  // Merged cells would need the column spans worked out: such a table keeps Word's equal columns.
  if (grid.flat().some((c) => c.attributes.colspan || c.attributes.rowspan)) return;
  const columns: Column[] = [];
  for (const cells of grid)
    cells.forEach((cell, i) => {
      const words = wordsOf(cell);
      const bold = cell.name === 'th' ? 1.1 : 1;
      const text = words.join(' ').length;
      const word = Math.min(LONGEST_WORD, Math.max(0, ...words.map((w) => w.length))) * WORD * bold + PADDING;
      const short = text <= SHORT ? Math.max(word, text * bold + PADDING) : word;
      const max = Math.max(short, text * bold + PADDING);
      const column = columns[i] ?? { word: 0, short: 0, max: 0 };
      columns[i] = {
        word: Math.max(column.word, word),
        short: Math.max(column.short, short),
        max: Math.max(column.max, max),
      };
    });
  // A table whose longest words do not fit across the page is set smaller (8 pt) rather than break them.
  const small = sum(columns.map((c) => c.word)) > LINE;
  const widths = percents(columns, small ? (LINE * 9.5) / 8 : LINE);
  for (const cells of grid)
    cells.forEach((cell, i) => {
      const style = cell.attributes.style ? `${cell.attributes.style}; ` : '';
      cell.attributes.style = `${style}width: ${widths[i]}%${small ? '; font-size: 8pt' : ''}`;
    });
}

/** Column widths in percent (two decimals): the widest of a column's widths that fits, and a share of what is left. */
function percents(columns: Column[], line: number): number[] {
  const levels = [columns.map((c) => c.word), columns.map((c) => c.short), columns.map((c) => c.max)];
  // Even the longest words do not fit: columns as wide as their longest words need, scaled down.
  let chars = levels[0] as number[];
  for (const [i, level] of levels.entries()) {
    if (sum(level) > line) break;
    const next = levels[i + 1];
    chars = next ? grow(level, next, line) : level;
  }
  const total = sum(chars) || 1;
  return chars.map((c) => Math.round((10000 * c) / total) / 100);
}

/** `low`, with the room left on a line of `line` characters shared out by how much wider each column is at `high`. */
function grow(low: number[], high: number[], line: number): number[] {
  const want = sum(high) - sum(low);
  if (want <= 0) return low;
  const room = Math.min(want, line - sum(low));
  return low.map((l, k) => l + (room * ((high[k] ?? l) - l)) / want);
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

/** The words of a cell; a phone number's spaces become no-break spaces, so it is one word and one line. */
function wordsOf(node: Node): string[] {
  if (node.type === TEXT_NODE)
    return node.value
      .replace(/&[#\w]+;/g, 'x')
      .split(/[ \t\r\n]+/)
      .filter(Boolean);
  if (node.type !== ELEMENT_NODE) return [];
  if (node.name === 'a' && (node.attributes.href ?? '').startsWith('tel:'))
    for (const child of node.children) if (child.type === TEXT_NODE) child.value = child.value.replace(/ /g, '\u00a0');
  return (node.children as Node[]).flatMap(wordsOf);
}

function elements(node: ElementNode): ElementNode[] {
  return node.children.filter((c): c is ElementNode => c.type === ELEMENT_NODE);
}
