import { Document, Packer } from 'docx';
import { htmlToContent } from 'docx/html';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { binderSections, cellStyles, WORD_CSS } from '../../../src/docx/html.ts';
import { brandStyles, TABLE_TEXT, templateAdditions } from '../../../src/docx/styles.ts';

// How the print binder's HTML becomes Word: a checklist's box column and empty cells, the table
// text style of every cell paragraph, and the styles added to a template that lacks them.

const PAGE = `<main><section data-binder-section id="first-15-minutes"><h1>The first 15 minutes</h1>
<div class="checklist"><table><thead><tr><th></th><th>Step</th><th>Who</th><th>Initials</th><th>Time</th></tr></thead>
<tbody><tr><td> </td><td>Phone the MSP</td><td>Whoever noticed</td><td></td><td></td></tr></tbody></table></div>
<div class="table-wrap"><table><tr><td>Client</td><td>Cedar</td></tr></table></div>
<div class="table-wrap"><table><tr><td>Version</td><td>1.3.0</td></tr></table></div>
</section></main>`;

/** The document.xml of a document holding `html` converted as the binder converts it. */
async function wordXml(html: string): Promise<string> {
  const content = htmlToContent(html, { stylesheet: WORD_CSS, styleMap: cellStyles(TABLE_TEXT) });
  const doc = new Document({ styles: brandStyles('#14507a'), sections: [{ children: [...content] }] });
  return strFromU8(unzipSync(await Packer.toBuffer(doc))['word/document.xml'] as Uint8Array);
}

describe('binderSections', () => {
  const [section] = binderSections(PAGE);

  test('finds the section with its title and makes its heading start a page', () => {
    expect(section?.id).toBe('first-15-minutes');
    expect(section?.title).toBe('The first 15 minutes');
    expect(section?.html).toMatch(/<h1[^>]*page-break-before: always/);
  });

  test('gives a checklist row a box and every empty cell a no-break space', () => {
    expect(section?.html).toContain('<td style="width: 5%">\u2610</td>');
    expect(section?.html).toContain('<th style="width: 5%">\u00a0</th>');
    expect(section?.html.match(/<td style="width: 14%">\u00a0<\/td>/g)).toHaveLength(2);
  });

  test('every cell paragraph is in the table text style, with padding', async () => {
    const xml = await wordXml(section?.html ?? '');
    const cells = xml.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
    expect(cells.length).toBe(14);
    for (const cell of cells) expect(cell).toContain(`<w:pStyle w:val="${TABLE_TEXT}"/>`);
    expect(xml).toContain('<w:tcMar>');
  });
});

describe('templateAdditions', () => {
  test('adds the contents title and table text styles only when the template lacks them', () => {
    expect(templateAdditions('<w:styles/>').paragraphStyles?.map((s) => s.id)).toEqual(['TOCHeading', TABLE_TEXT]);
    const full = `<w:style w:styleId="TOCHeading"/><w:style w:styleId="${TABLE_TEXT}"/>`;
    expect(templateAdditions(full).paragraphStyles).toEqual([]);
  });
});
