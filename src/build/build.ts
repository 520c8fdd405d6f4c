import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pdfDocuments, printJobs } from '../pdf/index.ts';
import type { PdfDoc } from '../pdf/index.ts';
import { findBrowser } from '../pdf/index.ts';
import { Printer } from '../pdf/index.ts';
import { serveStatic } from '../pdf/index.ts';
import { systemError, UserError } from '../shared/index.ts';
import { onInterrupt, removeOnInterrupt } from '../shared/index.ts';
import { buildModel } from '../model/index.ts';
import type { Model } from '../model/index.ts';
import { readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import type { Reporter } from './events.ts';
import { buildKey, hashTree, KEY_FILE, readKeyRecord } from '../shared/index.ts';
import { checkSlug, listClients } from '../plan/index.ts';
import { logoDataUri } from '../plan/index.ts';
import { releaseMemory } from '../shared/index.ts';
import { clientDirty, clientEpoch, clientStamp, readRepoState, sourceStamp, TOOL_ROOT } from '../shared/index.ts';
import type { Project, RepoState, SourceStamp } from '../shared/index.ts';
import { collectTemplates, renderDocuments } from '../render/index.ts';
import { buildSite, splitSite, startSiteWorker, stopSiteWorker, writeSiteInput } from '../site/index.ts';
import type { SiteWorker } from '../site/index.ts';
import { finishSite } from '../site/index.ts';
import { closeSearch } from '../site/index.ts';
import { OFFLINE_FILE } from '../site/index.ts';
import { writeCheckSummary, writePortfolio } from './portfolio.ts';
import { hasVersionsPage, vcardLinks } from '../site/index.ts';
import { addVersions, isUnreleased } from '../versions/index.ts';
import { loadTables } from '../model/index.ts';
import type { Tables } from '../model/index.ts';

export interface BuildOptions {
  slugs: string[];
  outDir: string;
  base: string;
  pdf: boolean;
  /** Start each binder section on a right-hand page. */
  duplex?: boolean;
  /** Rebuild even clients whose inputs have not changed. */
  force?: boolean;
  /** Build only share i of n (1-based), chosen by a stable hash of each slug: for CI matrices. */
  shard?: { index: number; count: number };
  report: Reporter;
}

export interface BuildResult {
  built: string[];
  unchanged: string[];
  errors: UserError[];
  failed: string[];
}

/** Builds every named client (all when none are named); broken clients are reported, the rest built. */
export async function buildClients(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  // Without a browser no PDF can be printed: say so before any client is built.
  if (opts.pdf) await findBrowser();
  const repo = readRepoState(project.root);
  const keys = keyInputs(project, opts, repo);
  // Clients whose files, git state and options match their outputs' key are not even validated:
  // a build where nothing changed reads each client's files once, to hash them, and stops there.
  const names = (opts.slugs.length > 0 ? opts.slugs : listClients(project.plansDir)).filter((s) =>
    inShard(s, opts.shard),
  );
  const fresh = new Set(opts.force ? [] : names.filter((slug) => isUnchanged(slug, keys, opts.outDir)));
  const stale = names.filter((s) => !fresh.has(s));
  const read =
    stale.length > 0 || names.length === 0
      ? readClients(project.plansDir, stale)
      : { clients: [], errors: [], failed: [] };
  opts.report({
    event: 'validate',
    ms: performance.now() - started,
    valid: fresh.size + read.clients.length,
    failed: read.failed.length,
  });
  const valid = new Map(read.clients.map((c) => [c.slug, c]));
  const todo = names.filter((s) => fresh.has(s) || valid.has(s));
  opts.report({ event: 'start', clients: todo.length, pdf: opts.pdf });
  const ctx: Ctx = {
    project,
    opts,
    tables: loadTables(project.templatesDir),
    repo,
    keys,
    printer: opts.pdf ? new Printer() : undefined,
  };
  const result: BuildResult = { built: [], unchanged: [], errors: [...read.errors], failed: [...read.failed] };
  mkdirSync(opts.outDir, { recursive: true });
  const stopListening = onInterrupt();
  try {
    const stale: Queued[] = [];
    for (const [index, slug] of todo.entries()) {
      const client = valid.get(slug);
      if (client) stale.push({ client, index, total: todo.length });
      else reportUnchanged(slug, index, todo.length, ctx, result);
    }
    for (let i = 0; i < stale.length; i += SITE_BATCH)
      await buildBatch(stale.slice(i, i + SITE_BATCH), i / SITE_BATCH, ctx, result);
  } finally {
    stopListening();
    await ctx.printer?.close();
    await closeSearch();
  }
  writePortfolio(
    opts.outDir,
    new Date((sourceStamp(project.root).epochSeconds ?? 0) * 1000).toISOString().slice(0, 10),
  );
  opts.report({
    event: 'done',
    built: result.built.length,
    unchanged: result.unchanged.length,
    failed: result.failed.length,
    ms: performance.now() - started,
    prints: ctx.printer?.prints ?? 0,
    partialPrints: ctx.printer?.partialPrints ?? 0,
    fallbacks: ctx.printer?.fallbacks ?? 0,
  });
  return result;
}

/** A stable share of the clients: the same slug always lands in the same shard. */
export function inShard(slug: string, shard: BuildOptions['shard']): boolean {
  if (!shard) return true;
  const n = createHash('sha256').update(slug).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}

function reportUnchanged(slug: string, index: number, total: number, ctx: Ctx, result: BuildResult): void {
  ctx.opts.report({ event: 'client-start', client: slug, index, total });
  result.unchanged.push(slug);
  ctx.opts.report({ event: 'client', client: slug, status: 'unchanged', ms: 0 });
}

/**
 * How many clients one Astro run builds. Astro's start-up is paid once per batch (loading Astro,
 * about 1 s here, overlaps rendering; its config, Vite and compiling the pages, a few seconds, do
 * not); its memory grows with the batch (peak PSS of a sites-only build: 1.1 GB at 12 clients,
 * 1.3 GB at 25, 1.7 GB at 50), but is returned before printing starts. IRPLAN_SITE_BATCH overrides it.
 */
const SITE_BATCH = Math.max(1, Number(process.env.IRPLAN_SITE_BATCH) || 12);

interface Queued {
  client: ValidClient;
  index: number;
  total: number;
}
interface Rendered extends Queued {
  inputs: ClientInputs;
  r: RenderResult;
  started: number;
}

/**
 * Builds a batch of changed clients: render each, build all their pages in one Astro run, then
 * print, publish and swap in each client on its own. A client that fails at any step fails alone.
 */
async function buildBatch(batch: Queued[], n: number, ctx: Ctx, result: BuildResult): Promise<void> {
  const dir = join(ctx.opts.outDir, `.staging-batch${n}-${process.pid}`);
  // Astro imports its own prerender bundle from outDir, so outDir must sit where node_modules resolve.
  const siteOut = workDir(`batch${n}`);
  const cleanup = [dir, siteOut, ...batch.map((q) => workDir(q.client.slug))];
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
  const forget = removeOnInterrupt(cleanup);
  // Astro loads in its own process while this one renders the batch.
  const worker = startSiteWorker(join(dir, 'content'));
  try {
    const rendered: Rendered[] = [];
    for (const q of batch) {
      const started = performance.now();
      ctx.opts.report({ event: 'client-start', client: q.client.slug, index: q.index, total: q.total });
      await attempt(
        q.client.slug,
        started,
        ctx,
        result,
        async () => {
          const inputs = clientInputs(q.client, ctx);
          const r = await timed(ctx, q.client.slug, 'render', () =>
            renderClient(q.client, inputs, ctx, join(dir, 'content')),
          );
          rendered.push({ ...q, inputs, r, started });
        },
        false,
      );
    }
    // Astro and Chromium never hold their memory at the same time: the previous batch closed the
    // browser after its prints, and the first print of this one launches it again.
    releaseMemory();
    const sited = await buildSites(rendered, dir, siteOut, ctx, result, worker);
    releaseMemory();
    // The batch's documents go to the browser's pages as one queue, so the pool never drains
    // between clients. Publishing (Pagefind among it) waits until the batch is printed.
    const clock = { last: performance.now(), batch: sited.length };
    const printed = await Promise.all(
      sited.map((item) =>
        attempt(
          item.client.slug,
          item.started,
          ctx,
          result,
          () => printClient(item, join(dir, 'final', item.client.slug), ctx, clock),
          false,
        ),
      ),
    );
    // Chromium's renderers keep what they laid out until the browser closes (about 850 MB after a
    // batch of 12 here): closed now, so publishing (Pagefind) never adds to it.
    await ctx.printer?.close();
    releaseMemory();
    for (const item of sited.filter((_, i) => printed[i])) {
      await attempt(
        item.client.slug,
        item.started,
        ctx,
        result,
        () => publishClient(item, join(dir, 'final', item.client.slug), ctx),
        true,
      );
    }
  } finally {
    stopSiteWorker(worker);
    // IRPLAN_KEEP_STAGING=1 keeps the intermediate files for debugging templates and print pages.
    if (!process.env.IRPLAN_KEEP_STAGING) for (const path of cleanup) rmSync(path, { recursive: true, force: true });
    forget();
  }
}

/** Where a client's (or a batch's) Astro output goes: inside the tool, where node_modules resolve. */
function workDir(name: string): string {
  return join(TOOL_ROOT, 'node_modules', '.irplan-work', `${name}-${process.pid}`);
}

/**
 * One Astro run for the rendered clients, then each client's pages split off into its own
 * folder. When the run fails, each client is built alone, so only the one that breaks it fails.
 */
async function buildSites(
  rendered: Rendered[],
  dir: string,
  siteOut: string,
  ctx: Ctx,
  result: BuildResult,
  worker?: SiteWorker,
): Promise<Rendered[]> {
  const slugs = rendered.map((x) => x.client.slug);
  if (slugs.length === 0) return [];
  const started = performance.now();
  rmSync(siteOut, { recursive: true, force: true });
  try {
    await buildSite(
      { slugs, contentDir: join(dir, 'content'), outDir: siteOut, cacheDir: join(dir, 'cache'), base: ctx.opts.base },
      worker,
    );
  } catch (err) {
    if (rendered.length > 1) {
      const ok: Rendered[] = [];
      // One at a time: each run writes into the same output folder.
      for (const x of rendered) ok.push(...(await buildSites([x], dir, siteOut, ctx, result)));
      return ok;
    }
    const only = rendered[0];
    if (only)
      await attempt(
        only.client.slug,
        only.started,
        ctx,
        result,
        () => {
          throw err;
        },
        false,
      );
    return [];
  }
  // The run's time is shared out evenly, so stage totals still add up to the build's.
  const ms = (performance.now() - started) / slugs.length;
  for (const slug of slugs) {
    splitSite(siteOut, slug, slugs, workDir(slug));
    ctx.opts.report({ event: 'stage', client: slug, stage: 'site', ms, batch: slugs.length });
  }
  return rendered;
}

/** Runs one client's step; a failure is recorded against that client and the build goes on. True when it worked. */
async function attempt(
  slug: string,
  started: number,
  ctx: Ctx,
  result: BuildResult,
  work: () => Promise<void>,
  last: boolean,
): Promise<boolean> {
  try {
    await work();
    if (last) {
      result.built.push(slug);
      ctx.opts.report({ event: 'client', client: slug, status: 'built', ms: performance.now() - started });
    }
    return true;
  } catch (err) {
    const user = err instanceof UserError ? err : systemError(err);
    if (!user) throw err;
    result.errors.push(user);
    result.failed.push(slug);
    ctx.opts.report({ event: 'client', client: slug, status: 'failed', ms: performance.now() - started });
    return false;
  }
}

async function timed<T>(
  ctx: Ctx,
  slug: string,
  stage: 'render' | 'site' | 'pdf' | 'publish' | 'versions',
  work: () => T | Promise<T>,
): Promise<T> {
  const t = performance.now();
  const out = await work();
  ctx.opts.report({ event: 'stage', client: slug, stage, ms: performance.now() - t });
  return out;
}

/** What every client's key shares, hashed once per build rather than once per client. */
interface KeyInputs {
  shared: string;
  project: Project;
  repo: RepoState;
  /** Keys already computed (slug and logo), so a changed client's files are hashed once, not twice. */
  memo: Map<string, string>;
}

function keyInputs(project: Project, opts: BuildOptions, repo: RepoState): KeyInputs {
  return {
    shared: buildKey({
      tool: toolFingerprint(),
      inputs: hashTree([join(project.plansDir, 'defaults.yaml'), project.templatesDir], project.root),
      options: { base: opts.base, pdf: opts.pdf, duplex: opts.duplex === true },
    }),
    project,
    repo,
    memo: new Map(),
  };
}

/**
 * A client's key, from raw inputs only: its files, the logo its plan names, the shared inputs and
 * what git says about it. Everything the outputs depend on (the plan's version and dates, whether
 * it is a draft, the build date) is a function of these, so equal keys mean equal outputs.
 */
function clientKey(slug: string, logo: string | null, k: KeyInputs): string {
  const memoKey = `${slug}\0${logo ?? ''}`;
  const known = k.memo.get(memoKey);
  if (known) return known;
  const dir = join(k.project.plansDir, slug);
  const key = buildKey({
    shared: k.shared,
    own: hashTree([dir, ...(logo ? [resolve(k.project.plansDir, logo)] : [])], k.project.root),
    logo,
    stamp: clientStamp(k.repo, slug),
    dirty: clientDirty(k.repo, slug),
    tags: k.repo.tags.filter((t) => t.startsWith(`${slug}@`)),
  });
  k.memo.set(memoKey, key);
  return key;
}

/** Unchanged when the stored key equals the key of today's files (with the logo the plan named then). */
function isUnchanged(slug: string, k: KeyInputs, outDir: string): boolean {
  if (checkSlug(k.project.plansDir, slug)) return false; // reported by validation
  const record = readKeyRecord(join(outDir, slug));
  return record !== undefined && record.key === clientKey(slug, record.logo, k);
}

interface ClientInputs {
  key: string;
  logo: string | null;
  stamp: SourceStamp;
  epochSeconds: number;
  draft: boolean;
}

/** Everything a client's outputs depend on, and the key that sums it up. */
function clientInputs(client: ValidClient, ctx: Ctx): ClientInputs {
  const { project, opts, repo } = ctx;
  const stamp = clientStamp(repo, client.slug);
  const tags = repo.tags.filter((t) => t.startsWith(`${client.slug}@`));
  const sources = [relative(project.root, client.dir), relative(project.root, project.templatesDir)];
  // A client with releases is a draft when its inputs changed since the tag of its current version.
  const draft =
    clientDirty(repo, client.slug) ||
    (tags.length > 0 && isUnreleased(project.root, client.slug, client.plan.plan.version, sources));
  const epochSeconds = clientEpoch(stamp, client.plan.plan.effective);
  const logo = client.plan.msp?.logo ?? null;
  return { key: clientKey(client.slug, logo, ctx.keys), logo, stamp, epochSeconds, draft };
}

/** The tool's own code, templates and locked dependencies: a new irplan rebuilds everything. */
function toolFingerprint(): string {
  return hashTree(
    ['src', 'templates', 'astro.config.mjs', 'package-lock.json'].map((p) => join(TOOL_ROOT, p)),
    TOOL_ROOT,
  );
}

interface Ctx {
  project: Project;
  tables: Tables;
  repo: RepoState;
  keys: KeyInputs;
  printer: Printer | undefined;
  opts: BuildOptions;
}

/**
 * Prints a client's documents. Clients of a batch print at the same time, so each reports the
 * time since the previous one finished: the pdf stage's events add up to the batch's print time.
 */
async function printClient(
  item: Rendered,
  final: string,
  ctx: Ctx,
  clock: { last: number; batch: number },
): Promise<void> {
  const { client, inputs, r } = item;
  mkdirSync(join(final, 'pdf'), { recursive: true });
  const printer = ctx.printer;
  if (!printer) return;
  await printAll(printer, r.printModel, r.siteModel, r.pdfs, {
    astroOut: workDir(client.slug),
    final,
    base: ctx.opts.base,
    publishSite: r.publishSite,
    epochSeconds: inputs.epochSeconds,
    duplex: ctx.opts.duplex === true,
  });
  const now = performance.now();
  ctx.opts.report({ event: 'stage', client: client.slug, stage: 'pdf', ms: now - clock.last, batch: clock.batch });
  clock.last = now;
}

/** After the prints: the published site, versions, manifest; then swaps dist/<slug> in. */
async function publishClient(item: Rendered, final: string, ctx: Ctx): Promise<void> {
  const { opts } = ctx;
  const { client, inputs, r } = item;
  const log = (message: string) => opts.report({ event: 'note', client: client.slug, message });
  const astroOut = workDir(client.slug);
  if (r.publishSite) {
    await timed(ctx, client.slug, 'publish', async () => {
      publishSiteFiles(astroOut, final, r.pdfs);
      await finishSite(join(final, 'site'), r.siteModel.contacts, opts.base);
    });
    await timed(ctx, client.slug, 'versions', () =>
      addVersions({
        project: ctx.project,
        slug: client.slug,
        plan: client.plan,
        siteDir: join(final, 'site'),
        base: opts.base,
        log,
      }),
    );
  } else log(`${r.printModel.plan.classification} plan, so no site was built (PDFs only)`);
  writeManifest(final, r.printModel, inputs.stamp, r.pdfs, r.publishSite);
  writeCheckSummary(final, client.slug, client.plan, r.printModel.buildDate);
  writeFileSync(join(final, KEY_FILE), `${JSON.stringify({ key: inputs.key, logo: inputs.logo })}\n`);
  swapInto(final, join(opts.outDir, client.slug));
}

type RenderResult = ReturnType<typeof renderClient>;

/** Models and Markdown for both audiences, written where the Astro project reads them. */
function renderClient(client: ValidClient, inputs: ClientInputs, ctx: Ctx, contentDir: string) {
  const buildDate = new Date(inputs.epochSeconds * 1000).toISOString().slice(0, 10);
  const base = { slug: client.slug, buildDate, draft: inputs.draft };
  const printModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'print' });
  const siteModel = buildModel(client.plan, ctx.tables, { ...base, audience: 'site' });
  const templates = collectTemplates(ctx.project.templatesDir, join(client.dir, 'templates'));
  const siteDocs = renderDocuments(siteModel, templates);
  const printDocs = renderDocuments(printModel, templates);
  const pdfs = ctx.printer ? pdfDocuments(printModel, printDocs) : [];
  const publishSite = printModel.plan.classification !== 'TLP:RED';
  const meta = {
    ...siteMeta(printModel, pdfs, publishSite),
    logo: logoDataUri(ctx.project.plansDir, printModel.msp.logo),
    nav: siteDocs.filter((d) => d.id !== 'index' && !d.card).map((d) => ({ id: d.id, title: d.title })),
    vcards: vcardLinks(siteModel.contacts),
    versions: hasVersionsPage(ctx.project.root, client),
  };
  writeSiteInput(contentDir, { slug: client.slug, meta, siteDocs, printDocs });
  return { printModel, siteModel, pdfs, publishSite };
}

function siteMeta(model: Model, pdfs: PdfDoc[], publishSite: boolean) {
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

async function printAll(
  printer: Printer,
  printModel: Model,
  siteModel: Model,
  pdfs: PdfDoc[],
  o: { astroOut: string; final: string; base: string; publishSite: boolean; epochSeconds: number; duplex: boolean },
): Promise<void> {
  const server = await serveStatic(o.astroOut, o.base);
  try {
    const jobs = printJobs(pdfs, printModel, {
      origin: server.origin,
      base: o.base,
      audience: 'print',
      outDir: join(o.final, 'pdf'),
      epochSeconds: o.epochSeconds,
      duplex: o.duplex,
    });
    // The site's copies leave out private numbers; print them separately only when they differ.
    const hasPrivate = printModel.contacts.some((c) => c.phones.some((p) => p.private));
    if (o.publishSite && hasPrivate) {
      mkdirSync(join(o.final, 'site-pdf'), { recursive: true });
      jobs.push(
        ...printJobs(pdfs, siteModel, {
          origin: server.origin,
          base: o.base,
          audience: 'site',
          outDir: join(o.final, 'site-pdf'),
          epochSeconds: o.epochSeconds,
          duplex: o.duplex,
        }),
      );
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
