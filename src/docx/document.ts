import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Document, Packer, Paragraph, Table, TableOfContents } from 'docx';
import type { ISectionOptions } from 'docx';
import { htmlToContent } from 'docx/html';
import type { Messages } from '../shared/index.ts';
import type { DocxFacts } from './facts.ts';
import { writeFileAtomic } from '../shared/index.ts';
import { cover, footer, header } from './furniture.ts';
import type { FirstSection } from './furniture.ts';
import { binderSections, cellStyles, WORD_CSS } from './html.ts';
import type { BinderSection } from './html.ts';
import type { BinderStyles } from './styles.ts';
import { brandStyles, TABLE_TEXT, templateAdditions } from './styles.ts';
import { normalizeDocx } from './zip.ts';

/** What one client's Word binder is made from. */
export interface DocxJob {
  /** The print binder's HTML page, as Astro built it for the PDF (the print audience's). */
  page: string;
  /** The cover's and running heads' facts (facts.ts). */
  model: DocxFacts;
  messages: Messages;
  /** The styles.xml of msp.word_template, or null for Word's styles in the MSP's colour. */
  templateStyles: string | null;
  epochSeconds: number;
  out: string;
}

/** Page sizes in twentieths of a point, with one-inch (letter) or 20 mm (A4) margins. */
const PAGES = {
  letter: { size: { width: 12240, height: 15840 }, margin: 1440 },
  a4: { size: { width: 11906, height: 16838 }, margin: 1134 },
};

/** Writes the client's Word binder: cover, contents field, every binder section, running heads. */
export async function writeDocx(job: DocxJob): Promise<void> {
  const { model, messages } = job;
  const sections = binderSections(job.page);
  const first = firstSection(sections);
  const styles: BinderStyles = job.templateStyles
    ? { external: job.templateStyles, options: templateAdditions(job.templateStyles) }
    : { options: brandStyles(model.msp.color) };
  // One conversion for all sections, so that links between them become links to bookmarks.
  const body = separateTables(
    htmlToContent(sections.map((s) => s.html).join('\n'), {
      stylesheet: WORD_CSS,
      styleMap: cellStyles(TABLE_TEXT),
    }),
  );
  const version = model.plan.version;
  const doc = new Document({
    title: messages.text('pdf.title', {
      client: model.client.name,
      document: messages.text('pdf.binder_name'),
      version,
    }),
    subject: messages.text('pdf.subject', { version, classification: model.plan.classification }),
    creator: model.msp.name ?? model.client.name,
    lastModifiedBy: model.msp.name ?? model.client.name,
    // Word asks to update the fields on opening, so the contents and page references are exact.
    features: { updateFields: true },
    ...(styles.external === undefined ? {} : { externalStyles: styles.external }),
    styles: styles.options,
    sections: [
      page(model, messages, [
        ...cover(model, messages, model.msp.color.replace(/^#/, ''), first),
        new Paragraph({ text: messages.text('pdf.contents'), style: 'TOCHeading' }),
        new TableOfContents(messages.text('pdf.contents'), { hyperlink: true, headingStyleRange: '1-1' }),
        ...body,
      ]),
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  mkdirSync(dirname(job.out), { recursive: true });
  writeFileAtomic(job.out, Buffer.from(normalizeDocx(buffer, job.epochSeconds)));
}

/** The one Word section: the page size of the plan, no running heads on the cover. */
function page(model: DocxFacts, messages: Messages, children: ISectionOptions['children']): ISectionOptions {
  const { size, margin } = PAGES[model.plan.paper];
  return {
    properties: {
      titlePage: true,
      page: { size, margin: { top: margin, bottom: margin, left: margin, right: margin } },
    },
    headers: { default: header(model, size.width - 2 * margin) },
    footers: { default: footer(model, messages, size.width - 2 * margin) },
    children,
  };
}

/** The section the cover points to in an emergency (first-15-minutes), else the first. */
function firstSection(sections: BinderSection[]): FirstSection {
  const found = sections.find((s) => s.id === 'first-15-minutes') ?? sections[0];
  // docx/html names a bookmark after the id, with what Word forbids in a name made an underscore.
  return { id: (found?.id ?? '').replace(/[^A-Za-z0-9_]/g, '_'), title: found?.title ?? '' };
}

/** Word merges two tables with nothing between them into one: an empty paragraph keeps them apart. */
function separateTables(content: readonly (Paragraph | Table)[]): (Paragraph | Table)[] {
  return content.flatMap((c, i) =>
    c instanceof Table && content[i - 1] instanceof Table ? [new Paragraph({}), c] : [c],
  );
}
