import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pdfDocuments, printJobs } from '../pdf/documents.ts';
import type { PdfDoc } from '../pdf/documents.ts';
import { Printer } from '../pdf/print.ts';
import { serveStatic } from '../pdf/server.ts';
import { UserError } from './errors.ts';
import { buildModel } from './model.ts';
import type { Model } from './model.ts';
import { readClients } from './plans.ts';
import type { ValidClient } from './plans.ts';
import { clientEpoch, isDirty, sourceStamp, TOOL_ROOT } from './project.ts';
import type { Project, SourceStamp } from './project.ts';
import { collectTemplates, renderDocuments } from './render.ts';
import { buildSite, writeSiteInput } from './site.ts';
import { finishSite } from './publish.ts';
import { closeSearch } from './search.ts';
import { OFFLINE_FILE } from './offline.ts';
import { writePortfolio } from './portfolio.ts';
import { vcardLinks } from './vcard.ts';
import { addVersions } from './versions.ts';
import { loadTables } from './tables.ts';
import type { Tables } from './tables.ts';

export interface BuildOptions {
  slugs: string[];
  outDir: string;
  base: string;
  pdf: boolean;
  /** Start each binder section on a right-hand page. */
  duplex?: boolean;
  log: (line: string) => void;
}

export interface BuildResult { built: string[]; errors: UserError[]; failed: string[] }

/** Builds every named client (all when none are named); broken clients are reported, the rest built. */
export async function buildClients(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const read = readClients(project.plansDir, opts.slugs);
  const tables = loadTables(project.templatesDir);
  const stamp = sourceStamp(project.root);
  const printer = opts.pdf ? new Printer() : undefined;
  const built: string[] = [];
  const errors = [...read.errors];
  const failed = [...read.failed];
  mkdirSync(opts.outDir, { recursive: true });
  try {
    for (const client of read.clients) {
      const started = performance.now();
      try {
        await buildOne(client, { project, tables, stamp, printer, opts });
        built.push(client.slug);
        opts.log(`built ${client.slug} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        errors.push(err);
        failed.push(client.slug);
      }
    }
  } finally {
    await printer?.close();
    await closeSearch();
  }
  writePortfolio(opts.outDir, new Date((stamp.epochSeconds ?? 0) * 1000).toISOString().slice(0, 10));
  return { built, errors, failed };
}

interface Ctx { project: Project; tables: Tables; stamp: SourceStamp; printer: Printer | undefined; opts: BuildOptions }

async function buildOne(client: ValidClient, ctx: Ctx): Promise<void> {
  const { opts } = ctx;
  const stage = join(opts.outDir, `.staging-${client.slug}-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  const cleanup = [stage];
  try {
    const draft = isDirty(ctx.project.root, [relative(ctx.project.root, client.dir), relative(ctx.project.root, ctx.project.templatesDir)]);
    const epochSeconds = clientEpoch(ctx.stamp, client.plan.plan.effective);
    const buildDate = new Date(epochSeconds * 1000).toISOString().slice(0, 10);
    const base = { slug: client.slug, buildDate, draft };
    const printModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'print' });
    const siteModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'site' });
    const templates = collectTemplates(ctx.project.templatesDir, join(client.dir, 'templates'));
    const siteDocs = renderDocuments(siteModel, templates);
    const printDocs = renderDocuments(printModel, templates);
    const pdfs = ctx.printer ? pdfDocuments(printModel, printDocs) : [];
    const publishSite = printModel.plan.classification !== 'TLP:RED';
    const meta = siteMeta(printModel, pdfs, publishSite);
    meta.nav = siteDocs.filter((d) => d.id !== 'index' && !d.card).map((d) => ({ id: d.id, title: d.title }));
    writeSiteInput(join(stage, 'content'), { slug: client.slug, meta: { ...meta, vcards: vcardLinks(siteModel.contacts) }, siteDocs, printDocs });
    // Astro imports its own prerender bundle from outDir, so outDir must sit where node_modules resolve.
    const astroOut = join(TOOL_ROOT, 'node_modules', '.irplan-work', `${client.slug}-${process.pid}`);
    cleanup.push(astroOut);
    await buildSite({ slug: client.slug, contentDir: join(stage, 'content'), outDir: astroOut, cacheDir: join(stage, 'cache'), base: opts.base });
    const final = join(stage, 'final');
    mkdirSync(join(final, 'pdf'), { recursive: true });
    if (ctx.printer) await printAll(ctx.printer, printModel, siteModel, pdfs, { astroOut, final, base: opts.base, publishSite, epochSeconds, duplex: opts.duplex === true });
    if (publishSite) publishSiteFiles(astroOut, final, pdfs);
    if (publishSite) await finishSite(join(final, 'site'), siteModel.contacts, opts.base);
    else opts.log(`${client.slug}: ${printModel.plan.classification} plan, so no site was built (PDFs only)`);
    if (publishSite) await addVersions({ project: ctx.project, slug: client.slug, plan: client.plan, siteDir: join(final, 'site'), base: opts.base, log: opts.log });
    writeManifest(final, printModel, ctx.stamp, pdfs, publishSite);
    swapInto(final, join(opts.outDir, client.slug));
  } finally {
    // IRPLAN_KEEP_STAGING=1 keeps the intermediate files for debugging templates and print pages.
    if (!process.env.IRPLAN_KEEP_STAGING) for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  }
}

function siteMeta(model: Model, pdfs: PdfDoc[], publishSite: boolean) {
  return {
    slug: model.slug, client: model.client.name, version: model.plan.version, classification: model.plan.classification,
    tlpRule: model.tlpRule, effective: model.plan.effectiveText, paper: model.plan.paper, draft: model.draft,
    builtOn: model.buildDateText, msp: { name: model.msp.name, color: model.msp.color, logo: model.msp.logo }, publishSite,
    downloads: pdfs.map((p) => ({ label: p.label, href: `pdf/${p.file}` })),
    nav: [] as { id: string; title: string }[],
  };
}

async function printAll(printer: Printer, printModel: Model, siteModel: Model, pdfs: PdfDoc[], o: { astroOut: string; final: string; base: string; publishSite: boolean; epochSeconds: number; duplex: boolean }): Promise<void> {
  const server = await serveStatic(o.astroOut, o.base);
  try {
    const jobs = printJobs(pdfs, printModel, { origin: server.origin, base: o.base, audience: 'print', outDir: join(o.final, 'pdf'), epochSeconds: o.epochSeconds, duplex: o.duplex });
    // The site's copies leave out private numbers; print them separately only when they differ.
    const hasPrivate = printModel.contacts.some((c) => c.phones.some((p) => p.private));
    if (o.publishSite && hasPrivate) {
      mkdirSync(join(o.final, 'site-pdf'), { recursive: true });
      jobs.push(...printJobs(pdfs, siteModel, { origin: server.origin, base: o.base, audience: 'site', outDir: join(o.final, 'site-pdf'), epochSeconds: o.epochSeconds, duplex: o.duplex }));
    }
    await Promise.all(jobs.map((j) => printer.print(j)));
  } finally {
    await server.close();
  }
}

/** The published site is Astro's output without the print pages, plus the PDFs it links to. */
function publishSiteFiles(astroOut: string, final: string, pdfs: PdfDoc[]): void {
  const site = join(final, 'site');
  cpSync(astroOut, site, { recursive: true });
  rmSync(join(site, 'print'), { recursive: true, force: true });
  if (pdfs.length === 0) return;
  const from = existsSync(join(final, 'site-pdf')) ? join(final, 'site-pdf') : join(final, 'pdf');
  cpSync(from, join(site, 'pdf'), { recursive: true });
  rmSync(join(final, 'site-pdf'), { recursive: true, force: true });
}

function writeManifest(final: string, model: Model, stamp: SourceStamp, pdfs: PdfDoc[], publishSite: boolean): void {
  const file = (key: string) => pdfs.find((p) => p.key === key)?.file;
  const binder = file('binder');
  const manifest = {
    client: model.client.name,
    slug: model.slug,
    version: model.plan.version,
    classification: model.plan.classification,
    draft: model.draft,
    commit: stamp.commit,
    outputs: {
      site: publishSite ? 'site/' : null,
      binder: binder ? `pdf/${binder}` : null,
      checklists: pdfs.filter((p) => p.key.startsWith('checklist:')).map((p) => `pdf/${p.file}`),
      walletCard: file('card:wallet-card') ? `pdf/${file('card:wallet-card')}` : null,
      callTree: file('card:call-tree') ? `pdf/${file('card:call-tree')}` : null,
      offline: publishSite ? `site/${OFFLINE_FILE}` : null,
    },
    review: { last: model.plan.reviewLast, due: model.plan.reviewDue }, // read by the portfolio index
  };
  writeFileSync(join(final, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Replaces dist/<slug> with the finished build in two renames; the old tree is removed after. */
function swapInto(final: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  try {
    renameSync(final, target);
  } catch (err) {
    if (existsSync(old)) renameSync(old, target);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}
