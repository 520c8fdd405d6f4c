import type { ParagraphChild } from 'docx';
import { Footer, Header, PageBreak, PageNumber, PageReference, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { Messages } from '../shared/index.ts';
import type { DocxFacts } from './facts.ts';

// What surrounds the binder's sections in Word: the cover, and the running header and footer of
// every page after it. Words come from the client's message catalogue, as the PDF's do.

/** The section the cover sends a reader to first, and its title in the client's words. */
export interface FirstSection {
  id: string;
  title: string;
}

/** The cover: MSP, client, version, effective date, classification, its rule, and where to turn first. */
export function cover(model: DocxFacts, messages: Messages, brand: string, first: FirstSection): Paragraph[] {
  const { plan } = model;
  const t = (key: string, vars?: Record<string, string>) => messages.text(key, vars);
  const fact = (label: string, value: string) =>
    new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
  const version = model.draft ? t('pdf.cover_version_draft', { version: plan.version }) : plan.version;
  const msp = model.msp.name
    ? [new Paragraph({ children: [new TextRun({ text: model.msp.name, bold: true, color: brand })] })]
    : [];
  return [
    ...msp,
    new Paragraph({ text: t('pdf.cover_kicker'), spacing: { before: 2400 } }),
    new Paragraph({ text: model.client.name, style: 'Title' }),
    fact(t('pdf.cover_version'), version),
    ...(plan.effectiveText ? [fact(t('pdf.cover_effective'), plan.effectiveText)] : []),
    fact(t('pdf.cover_classification'), plan.classification),
    new Paragraph({
      children: [new TextRun({ text: `${plan.classification}: ${model.tlpRule}`, bold: true })],
      spacing: { before: 480 },
    }),
    new Paragraph({ children: emergency(messages, first), spacing: { before: 480 } }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** "In an emergency, turn to <section> (page N)": the number a field Word fills from the section's bookmark. */
function emergency(messages: Messages, first: FirstSection): ParagraphChild[] {
  return slots(messages.text('pdf.cover_emergency', { section: '{section}', page: '{page}' })).map((part) => {
    if (typeof part !== 'object') return new TextRun(part);
    return part.slot === 'section' ? new TextRun({ text: first.title, bold: true }) : new PageReference(first.id);
  });
}

/** Splits a message at its {name} slots, which the caller fills in (a field, a bold run). */
function slots(text: string): (string | { slot: string })[] {
  return text
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? { slot: part } : part))
    .filter((part) => part !== '');
}

/** Client name and classification (at `right`, the text's right edge) at the top of every page but the cover. */
export function header(model: DocxFacts, right: number): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: right }],
        children: [
          new TextRun(model.client.name),
          new TextRun({ children: [new Tab(), model.plan.classification], bold: true }),
        ],
      }),
    ],
  });
}

/** The plan's version and "Page X of Y" (fields Word counts) at the foot of every page but the cover. */
export function footer(model: DocxFacts, messages: Messages, right: number): Footer {
  const { version } = model.plan;
  const text = messages.text(model.draft ? 'pdf.foot_version_draft' : 'pdf.foot_version', { version });
  const fields: Record<string, (typeof PageNumber)[keyof typeof PageNumber]> = {
    page: PageNumber.CURRENT,
    pages: PageNumber.TOTAL_PAGES,
  };
  const pageOf = slots(messages.text('pdf.page_of', { page: '{page}', pages: '{pages}' })).map((part) =>
    typeof part === 'string' ? part : (fields[part.slot] ?? ''),
  );
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: right }],
        children: [new TextRun(text), new TextRun({ children: [new Tab(), ...pageOf] })],
      }),
    ],
  });
}
