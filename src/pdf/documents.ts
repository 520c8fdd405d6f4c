import { join } from 'node:path';
import type { Model } from '../model/index.ts';
import type { RenderedDoc } from '../render/index.ts';
import type { PrintJob } from './job.ts';

/** A PDF irplan makes for a client: where its print page is and what its file is called. */
export interface PdfDoc {
  key: string;
  label: string;
  page: string;
  file: string;
}

/**
 * The PDFs of one client, named so that a checklist's file name contains its id: the binder, and
 * each applicable checklist that a template rendered.
 */
export function pdfDocuments(model: Model, docs: RenderedDoc[]): PdfDoc[] {
  const slug = model.slug;
  const rendered = new Set(docs.map((d) => d.checklist));
  const binder: PdfDoc = {
    key: 'binder',
    label: `Complete plan (binder), version ${model.plan.version}`,
    page: 'binder/',
    file: `${slug}-binder.pdf`,
  };
  const checklists = model.checklists
    .filter((c) => rendered.has(c.id))
    .map((c) => ({
      key: `checklist:${c.id}`,
      label: `Checklist: ${c.title}`,
      page: `checklist/${c.id}/`,
      file: `${slug}-${c.id}.pdf`,
    }));
  const cards = docs
    .filter((d) => d.card)
    .map((d) => ({ key: `card:${d.card}`, label: d.title, page: `card/${d.card}/`, file: `${slug}-${d.card}.pdf` }));
  return [binder, ...checklists, ...cards];
}

/** Print jobs for one audience's print pages, served at `origin` + base. */
export function printJobs(
  docs: PdfDoc[],
  model: Model,
  opts: {
    origin: string;
    base: string;
    audience: 'site' | 'print';
    outDir: string;
    epochSeconds: number;
    duplex: boolean;
  },
): PrintJob[] {
  return docs.map((d) => ({
    url: `${opts.origin}${opts.base}print/${opts.audience}/${d.page}`,
    out: join(opts.outDir, d.file),
    paper: model.plan.paper,
    title: `${model.client.name}: ${d.key === 'binder' ? 'Incident response plan' : d.label.replace(/^Checklist: /, '')} ${model.plan.version}`,
    binder: d.key === 'binder',
    duplex: opts.duplex,
    epochSeconds: opts.epochSeconds,
    author: model.msp.name ?? model.client.name,
    subject: `Incident response plan ${model.plan.version}, ${model.plan.classification}`,
  }));
}
