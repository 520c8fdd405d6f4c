import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Document, Packer, Paragraph, TableOfContents } from 'docx';
import type { FileChild, ISectionOptions, ISectionPropertiesOptions } from 'docx';
import type { Messages } from '../shared/index.ts';
import type { DocxFacts } from './facts.ts';
import { writeFileAtomic } from '../shared/index.ts';
import { assemble, headingCopies } from './assemble.ts';
import type { FragmentStore } from './fragment.ts';
import { fragmentsOf } from './fragment.ts';
import { cover, footer, header } from './furniture.ts';
import type { FirstSection } from './furniture.ts';
import { binderSections } from './html.ts';
import type { BinderSection } from './html.ts';
import type { BinderStyles } from './styles.ts';
import { brandStyles, templateAdditions } from './styles.ts';
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
  /** Where the sections' Word XML is kept between builds (fragment.ts); none converts every section. */
  fragments?: FragmentStore;
}

/** Page sizes in twentieths of a point, with one-inch (letter) or 20 mm (A4) margins. */
const PAGES = {
  letter: { size: { width: 12240, height: 15840 }, margin: 1440 },
  a4: { size: { width: 11906, height: 16838 }, margin: 1134 },
};

/**
 * Writes the client's Word binder: cover, contents field, every binder section, running heads. The
 * sections come converted one by one (fragment.ts), most of them from the store after an edit, and
 * are joined into the frame docx packs around them (assemble.ts).
 */
export async function writeDocx(job: DocxJob): Promise<void> {
  const sections = binderSections(job.page);
  const styles = stylesOf(job);
  const fragments = await fragmentsOf(
    sections.map((s) => s.html),
    { styles, page: pageOf(job.model) },
    job.fragments,
  );
  const doc = binderDocument(job, sections, headingCopies(fragments), styles);
  const buffer = assemble(await Packer.toBuffer(doc), fragments);
  mkdirSync(dirname(job.out), { recursive: true });
  writeFileAtomic(job.out, Buffer.from(normalizeDocx(buffer, job.epochSeconds)));
}

/** The binder's styles: msp.word_template's, or Word's own in the MSP's colour. */
function stylesOf(job: Pick<DocxJob, 'templateStyles' | 'model'>): BinderStyles {
  return job.templateStyles
    ? { external: job.templateStyles, options: templateAdditions(job.templateStyles) }
    : { options: brandStyles(job.model.msp.color) };
}

/** The binder as docx writes it: its properties, styles, cover and contents, then `body`. */
export function binderDocument(
  job: DocxJob,
  sections: BinderSection[],
  body: FileChild[],
  styles: BinderStyles = stylesOf(job),
): Document {
  const { model, messages } = job;
  const version = model.plan.version;
  return new Document({
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
        ...cover(model, messages, model.msp.color.replace(/^#/, ''), firstSection(sections)),
        new Paragraph({ text: messages.text('pdf.contents'), style: 'TOCHeading' }),
        new TableOfContents(messages.text('pdf.contents'), { hyperlink: true, headingStyleRange: '1-1' }),
        ...body,
      ]),
    ],
  });
}

/** The page size and margins of the plan's paper. */
function pageOf(model: DocxFacts): { page: NonNullable<ISectionPropertiesOptions['page']> } {
  const { size, margin } = PAGES[model.plan.paper];
  return { page: { size, margin: { top: margin, bottom: margin, left: margin, right: margin } } };
}

/** The one Word section: the page size of the plan, no running heads on the cover. */
function page(model: DocxFacts, messages: Messages, children: ISectionOptions['children']): ISectionOptions {
  const { size, margin } = PAGES[model.plan.paper];
  return {
    properties: { titlePage: true, ...pageOf(model) },
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
