import { join } from 'node:path';
import type { Model } from '../model/index.ts';
import type { RenderedDoc } from '../render/index.ts';
import type { Messages } from '../shared/index.ts';
import type { PrintJob } from './job.ts';

/** A PDF irplan makes for a client: where its print page is and what its file is called. */
export interface PdfDoc {
  key: string;
  /** The download link's text. */
  label: string;
  page: string;
  file: string;
  /** The PDF's title and subject (document properties), in the client's words. */
  title: string;
  subject: string;
}

/**
 * The PDFs of one client, named so that a checklist's file name contains its id: the binder, and
 * each applicable checklist that a template rendered, and each card; labels and titles from the
 * client's message catalogue.
 */
export function pdfDocuments(model: Model, docs: RenderedDoc[], messages: Messages): PdfDoc[] {
  const slug = model.slug;
  const version = model.plan.version;
  const rendered = new Set(docs.map((d) => d.checklist));
  const properties = (document: string) => ({
    title: messages.text('pdf.title', { client: model.client.name, document, version }),
    subject: messages.text('pdf.subject', { version, classification: model.plan.classification }),
  });
  const binder: PdfDoc = {
    key: 'binder',
    label: messages.text('pdf.binder_label', { version }),
    page: 'binder/',
    file: `${slug}-binder.pdf`,
    ...properties(messages.text('pdf.binder_name')),
  };
  const checklists = model.checklists
    .filter((c) => rendered.has(c.id))
    .map((c) => ({
      key: `checklist:${c.id}`,
      label: messages.text('pdf.checklist_label', { title: c.title }),
      page: `checklist/${c.id}/`,
      file: `${slug}-${c.id}.pdf`,
      ...properties(c.title),
    }));
  const cards = docs
    .filter((d) => d.card)
    .map((d) => ({
      key: `card:${d.card}`,
      label: d.title,
      page: `card/${d.card}/`,
      file: `${slug}-${d.card}.pdf`,
      ...properties(d.title),
    }));
  return [binder, ...checklists, ...cards];
}

/**
 * The after-action report of each imported incident: printed for the print audience only and never
 * linked from the site, so it is not among pdfDocuments (the site's downloads).
 */
export function afterActionDocuments(model: Model, ids: string[], messages: Messages): PdfDoc[] {
  const version = model.plan.version;
  return ids.map((id) => ({
    key: `incident:${id}`,
    label: messages.text('pdf.incident_label', { id }),
    page: `incident/${id}/`,
    file: `${model.slug}-after-action-${id}.pdf`,
    title: messages.text('pdf.title', {
      client: model.client.name,
      document: messages.text('pdf.incident_name', { id }),
      version,
    }),
    subject: messages.text('pdf.subject', { version, classification: model.plan.classification }),
  }));
}

/** Print jobs for one audience's print pages, served at `origin` + base, each dated by `epochOf`. */
export function printJobs(
  docs: PdfDoc[],
  model: Model,
  opts: {
    origin: string;
    base: string;
    audience: 'site' | 'print';
    outDir: string;
    epochOf: (doc: PdfDoc) => number;
    duplex: boolean;
  },
): PrintJob[] {
  return docs.map((d) => ({
    url: `${opts.origin}${opts.base}print/${opts.audience}/${d.page}`,
    out: join(opts.outDir, d.file),
    paper: model.plan.paper,
    title: d.title,
    binder: d.key === 'binder',
    duplex: opts.duplex,
    epochSeconds: opts.epochOf(d),
    author: model.msp.name ?? model.client.name,
    subject: d.subject,
  }));
}
