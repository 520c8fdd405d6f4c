import { join } from 'node:path';
import { checkPlan, DEFAULT_CHECK, planCoverage, summarizeCoverage } from '../check/index.ts';
import type { CoverageSummary } from '../check/index.ts';
import type { Model } from '../model/index.ts';
import { buildModel, planLocale } from '../model/index.ts';
import type { PdfDoc } from '../pdf/index.ts';
import { afterActionDocuments, pdfDocuments } from '../pdf/index.ts';
import { buildReport, readIncidents } from '../incident/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { logoDataUri } from '../plan/index.ts';
import { collectTemplates, renderDocuments } from '../render/index.ts';
import type { RenderedDoc } from '../render/index.ts';
import type { SiteMeta } from '../site/index.ts';
import { incidentMeta, vcardLinks, writeSiteInput } from '../site/index.ts';
import type { Messages } from '../shared/index.ts';
import { loadMessages } from '../shared/index.ts';
import { listVersions } from '../versions/index.ts';
import type { Ctx, Queued } from './context.ts';
import type { ClientInputs } from './inputs.ts';

/** One client's models and documents for both audiences: the site's (no private numbers) and print's. */
export interface RenderResult {
  printModel: Model;
  siteModel: Model;
  pdfs: PdfDoc[];
  /** The after-action reports of imported incidents: printed, never on the site nor among its downloads. */
  afterActions: PdfDoc[];
  publishSite: boolean;
  /** `irplan coverage`'s counts for the binder's documents, for the portfolio. */
  coverage: CoverageSummary;
  /** The client's message catalogue, for the words the Word binder writes itself. */
  messages: Messages;
  /** The templates each document printed alone is made from, by its PDF's key (absent: every template). */
  sources: Map<string, string[]>;
}

/** A client of the batch once it is rendered. */
export interface Rendered extends Queued {
  inputs: ClientInputs;
  r: RenderResult;
  started: number;
}

/** Models and Markdown for both audiences, written where the Astro project reads them. */
export function renderClient(client: ValidClient, inputs: ClientInputs, ctx: Ctx, contentDir: string): RenderResult {
  const buildDate = new Date(inputs.epochSeconds * 1000).toISOString().slice(0, 10);
  // Document control shows the maintenance findings as of the build's date, never today's.
  const locale = planLocale(client.plan, ctx.tables.jurisdictions);
  const findings = checkPlan(client.slug, client.plan, { ...DEFAULT_CHECK, today: buildDate, locale });
  // The client's language: its translated templates and the words irplan itself writes (model included).
  const messages = loadMessages(ctx.project.templatesDir, locale);
  const base = { slug: client.slug, buildDate, draft: inputs.draft, findings, messages };
  const printModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'print' });
  const siteModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'site' });
  const templates = collectTemplates(ctx.project.templatesDir, join(client.dir, 'templates'), locale);
  const siteDocs = renderDocuments(siteModel, templates, messages);
  const printDocs = renderDocuments(printModel, templates, messages);
  const pdfs = ctx.printer ? pdfDocuments(printModel, printDocs, messages) : [];
  const publishSite = printModel.plan.classification !== 'TLP:RED';
  const meta: SiteMeta = {
    ...modelMeta(printModel, pdfs, publishSite),
    logo: logoDataUri(ctx.project.plansDir, printModel.msp.logo),
    nav: siteDocs.filter((d) => d.id !== 'index' && !d.card).map((d) => ({ id: d.id, title: d.title })),
    vcards: vcardLinks(siteModel.contacts),
    versions: hasVersionsPage(client, ctx),
    locale: messages.locale,
    messages: pageMessages(messages),
    incident: incidentMeta(siteModel),
  };
  // Each imported incident's log is checked again (an edit in git breaks its chain) and reported.
  const titles = new Map(siteDocs.map((d) => [d.id, d.title]));
  const incidents = readIncidents(client.dir).map((log) => buildReport(log, printModel, messages, titles));
  const ids = incidents.map((i) => i.id);
  const afterActions = ctx.printer ? afterActionDocuments(printModel, ids, messages) : [];
  writeSiteInput(contentDir, { slug: client.slug, meta, siteDocs, printDocs, incidents });
  const coverage = summarizeCoverage(planCoverage(printModel, printDocs, ctx.tables.coverage));
  return {
    printModel,
    siteModel,
    pdfs,
    afterActions,
    publishSite,
    coverage,
    messages,
    sources: sourcesByKey(printDocs),
  };
}

/** Each checklist's and card's template sources, by the key of its PDF (src/pdf/documents.ts). */
function sourcesByKey(docs: RenderedDoc[]): Map<string, string[]> {
  return new Map(
    docs.flatMap((d) => [
      ...(d.checklist ? [[`checklist:${d.checklist}`, d.sources] as const] : []),
      ...(d.card ? [[`card:${d.card}`, d.sources] as const] : []),
    ]),
  );
}

/** The words the site's and print pages write themselves; the helpers' (render.) stay out of meta.json. */
function pageMessages(messages: Messages): Record<string, string> {
  return Object.fromEntries(Object.entries(messages.entries).filter(([key]) => /^(pdf|site)\./.test(key)));
}

/** The facts every page shows, from the print model (the site's differs only in private numbers). */
function modelMeta(model: Model, pdfs: PdfDoc[], publishSite: boolean) {
  return {
    slug: model.slug,
    client: model.client.name,
    version: model.plan.version,
    classification: model.plan.classification,
    tlpRule: model.tlpRule,
    effective: model.plan.effectiveText,
    paper: model.plan.paper,
    draft: model.draft,
    builtOn: model.buildDateText,
    msp: { name: model.msp.name, color: model.msp.color, logo: model.msp.logo },
    publishSite,
    downloads: pdfs.map((p) => ({ label: p.label, href: `pdf/${p.file}` })),
  };
}

/** True when the build will add site/versions/ (see publishVersions), so the pages can link to it. */
function hasVersionsPage(client: ValidClient, ctx: Ctx): boolean {
  return ctx.opts.versions !== false && listVersions(ctx.project.root, client.slug, client.plan).length > 0;
}
