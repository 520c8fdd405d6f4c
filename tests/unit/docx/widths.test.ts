import type { ElementNode } from 'ultrahtml';
import { ELEMENT_NODE, parse, renderSync, walkSync } from 'ultrahtml';
import { describe, expect, test } from 'vitest';
import { fitColumns } from '../../../src/docx/widths.ts';

// Column widths from content: a long column gets more of the page than a short one, and a phone
// number stays on one line.

/** The table of `html` after fitColumns, as HTML. */
function fitted(html: string): string {
  const root = parse(html);
  walkSync(root, (node) => {
    if (node.type === ELEMENT_NODE && (node as ElementNode).name === 'table') fitColumns(node as ElementNode);
  });
  return renderSync(root);
}

const widths = (html: string) => [...html.matchAll(/width: ([\d.]+)%/g)].map((m) => Number(m[1]));

describe('fitColumns', () => {
  test('gives a column of long text more room than a column of short words, all of the page', () => {
    const html = fitted(
      `<table><tr><th>Priority</th><th>Impact</th></tr><tr><td>P1</td><td>${'critical to operations; holds health records, '.repeat(3)}</td></tr></table>`,
    );
    const [priority, impact] = widths(html);
    expect(impact).toBeGreaterThan(3 * (priority ?? 0));
    expect((priority ?? 0) + (impact ?? 0)).toBeCloseTo(100, 0);
  });

  test('keeps a phone number on one line and leaves tables with merged cells alone', () => {
    expect(fitted('<table><tr><td><a href="tel:+12175550181">+1 217 555 0181</a></td></tr></table>')).toContain(
      '+1\u00a0217\u00a0555\u00a00181',
    );
    expect(widths(fitted('<table><tr><td colspan="2">a</td></tr><tr><td>b</td><td>c</td></tr></table>'))).toEqual([]);
  });

  test('sets a table smaller when its longest words do not fit across the page at table size', () => {
    const row = (cell: string) => `<tr>${`<td>${cell}</td>`.repeat(8)}</tr>`;
    expect(fitted(`<table>${row('workstations')}</table>`)).toContain('font-size: 8pt');
    expect(fitted(`<table>${row('P1')}</table>`)).not.toContain('font-size');
  });
});
