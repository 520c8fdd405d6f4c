import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packer } from 'docx';
import { htmlToContent } from 'docx/html';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { DocxJob } from '../../../src/docx/document.ts';
import { binderDocument, writeDocx } from '../../../src/docx/document.ts';
import { separateTables } from '../../../src/docx/fragment.ts';
import { binderSections, cellStyles, WORD_CSS } from '../../../src/docx/html.ts';
import { TABLE_TEXT } from '../../../src/docx/styles.ts';
import { normalizeDocx } from '../../../src/docx/zip.ts';
import { tempDir } from '../../helpers/cli.ts';
import { wordJob } from '../../helpers/docx.ts';

// The Word binder is joined from its sections converted one by one and kept between builds
// (src/docx/fragment.ts, assemble.ts): it must be the binder docx writes from all the sections
// at once, byte for byte, and an edit to one section must convert that section only.

const SECTIONS = [
  `<section data-binder-section id="first-15-minutes"><h1>The first 15 minutes</h1>
<p>Phone Bluefin on <a href="tel:+441614960000">0161 496 0000</a>, then see <a href="#isolate-host" data-xref="isolate-host">isolating a host</a>.</p>
<ol><li>Stay calm.<ul><li>Do not switch off.</li><li>Write the time down.</li></ul></li><li>Phone the MSP.</li></ol>
<div class="checklist"><table><thead><tr><th></th><th>Step</th><th>Who</th><th>Initials</th><th>Time</th></tr></thead>
<tbody><tr><td> </td><td>Phone the MSP</td><td>Whoever noticed</td><td></td><td></td></tr></tbody></table></div></section>`,
  `<section data-binder-section id="contacts"><h1>Contacts</h1>
<div class="table-wrap"><table><tr><th>Name</th><th>Phone</th></tr><tr><td>Ana</td><td><a href="tel:+441614960001">0161 496 0001</a></td></tr></table></div>
<div class="table-wrap"><table><tr><td>Insurer</td><td><a href="https://example.com/claims">example.com/claims</a></td></tr></table></div>
<ul><li>Back to <a href="#first-15-minutes" data-xref="first-15-minutes">the first 15 minutes</a>.</li></ul></section>`,
  `<section data-binder-section id="playbook-ransomware"><h1>Ransomware</h1>
<h2 id="isolate-host">Isolating a host</h2><ol><li>Pull the cable.</li><li>Leave it on.</li></ol>
<p>Call <a href="tel:+441614960002">0161 496 0002</a>.</p></section>`,
];

const page = (sections: string[]) => `<main>${sections.join('\n')}</main>`;

function job(out: string, sections: string[], fragments?: DocxJob['fragments']): DocxJob {
  return { ...wordJob(out, page(sections), 'Cedar Dental', 'letter'), ...(fragments ? { fragments } : {}) };
}

/** The binder as docx writes it from every section converted at once (how irplan wrote it until session 18). */
async function convertedWhole(j: DocxJob): Promise<Buffer> {
  const sections = binderSections(j.page);
  const body = htmlToContent(sections.map((s) => s.html).join('\n'), {
    stylesheet: WORD_CSS,
    styleMap: cellStyles(TABLE_TEXT),
  });
  const packed = await Packer.toBuffer(binderDocument(j, sections, separateTables(body)));
  return Buffer.from(normalizeDocx(packed, j.epochSeconds));
}

const documentXml = (file: string) => strFromU8(unzipSync(readFileSync(file))['word/document.xml'] as Uint8Array);

describe('the Word binder joined from its sections', () => {
  const dir = tempDir('irplan-fragments-');

  test('is byte for byte the binder converted whole: contents, bookmarks, links and lists', async () => {
    const out = join(dir, 'joined.docx');
    const j = job(out, SECTIONS);
    await writeDocx(j);
    const joined = readFileSync(out);
    expect(joined.equals(await convertedWhole(j))).toBe(true);
    // And it holds what the comparison is about: a link into another section, to its bookmark.
    const xml = documentXml(out);
    expect(xml).toContain('w:anchor="isolate_host"');
    expect(xml).toContain('w:name="isolate_host"');
    expect(xml.match(/<w:instrText xml:space="preserve">PAGEREF _Toc\d+ \\h<\/w:instrText>/g)).toHaveLength(3);
    expect(xml.match(/<w:numId w:val="\d+"\/>/g)?.length).toBeGreaterThan(5);
  });

  test('an edit to one section converts that section only, and gives the bytes of a binder made from nothing', async () => {
    const first = join(dir, 'store-1');
    const second = join(dir, 'store-2');
    await writeDocx(job(join(dir, 'a.docx'), SECTIONS, { next: first, basis: 'code' }));
    expect(readdirSync(first)).toHaveLength(3);
    const edited = SECTIONS.map((s, i) => (i === 1 ? s.replace('Ana', 'Ana Ortiz') : s));
    const out = join(dir, 'b.docx');
    await writeDocx(job(out, edited, { next: second, previous: first, basis: 'code' }));
    const kept = readdirSync(second).filter((f) => existsSync(join(first, f)));
    expect(readdirSync(second)).toHaveLength(3);
    expect(kept).toHaveLength(2);
    const fresh = join(dir, 'b-fresh.docx');
    await writeDocx(job(fresh, edited));
    expect(readFileSync(out).equals(readFileSync(fresh))).toBe(true);
    expect(documentXml(out)).toContain('Ana Ortiz');
  });

  test('a damaged stored section, or one of another basis, is converted again', async () => {
    const store = join(dir, 'store-3');
    await writeDocx(job(join(dir, 'c.docx'), SECTIONS, { next: store, basis: 'code' }));
    for (const f of readdirSync(store)) writeFileSync(join(store, f), '{"body": 1');
    const again = join(dir, 'c-again.docx');
    await writeDocx(job(again, SECTIONS, { next: join(dir, 'store-4'), previous: store, basis: 'code' }));
    expect(readFileSync(again).equals(readFileSync(join(dir, 'c.docx')))).toBe(true);
    const other = join(dir, 'store-5');
    await writeDocx(
      job(join(dir, 'd.docx'), SECTIONS, { next: other, previous: join(dir, 'store-4'), basis: 'newer code' }),
    );
    expect(readdirSync(other).filter((f) => existsSync(join(dir, 'store-4', f)))).toEqual([]);
  });
});
