import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { releaseMemory, removeOnInterrupt, TOOL_ROOT } from '../shared/index.ts';
import { DocxThread } from '../docx/index.ts';
import type { SiteWorker } from '../site/index.ts';
import { buildSite, closeSearch, splitSite, startSiteWorker, stopSiteWorker } from '../site/index.ts';
import type { Ctx, Queued } from './context.ts';
import type { Rendered } from './content.ts';
import { renderClient } from './content.ts';
import type { StartedDocx } from './docx.ts';
import { startDocx } from './docx.ts';
import { clientInputs } from './inputs.ts';
import { printClient } from './print.ts';
import { publishClient } from './publish.ts';
import { attempt, timed } from './steps.ts';

/** The folders one batch writes while it works: its staging folder and its Astro output. */
interface BatchDirs {
  staging: string;
  siteOut: string;
}

/**
 * Builds a batch of changed clients: render each, build all their pages in one Astro run, then
 * print, publish and swap in each client on its own. A client that fails at any step fails alone.
 */
export async function buildBatch(batch: Queued[], n: number, ctx: Ctx): Promise<void> {
  // Astro imports its own prerender bundle from outDir, so outDir must sit where node_modules resolve.
  const dirs = {
    staging: join(ctx.opts.outDir, `.staging-batch${n}-${process.pid}-${ctx.run}`),
    siteOut: workDir(`batch${n}`, ctx),
  };
  const cleanup = [dirs.staging, dirs.siteOut, ...batch.map((q) => workDir(q.client.slug, ctx))];
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
  const forget = removeOnInterrupt(cleanup);
  // Astro loads in its own process while this one renders the batch.
  const worker = startSiteWorker(join(dirs.staging, 'content'));
  const thread = new DocxThread();
  try {
    const rendered = await renderBatch(batch, dirs, ctx);
    // Astro and Chromium never hold their memory at the same time: the previous batch closed the
    // browser after its prints, and the first print of this one launches it again.
    releaseMemory();
    const sited = await buildSites(rendered, dirs, ctx, worker);
    releaseMemory();
    const printed = await printBatch(sited, dirs, ctx);
    // Word binders are written on their own thread while the clients are published: not while the
    // browser prints, as a binder's conversion (about 500 MB) and a binder's print (about 800 MB
    // across the browser's processes) together went past the batch's memory budget (issue 25).
    const words = startWordBinders(printed, dirs, ctx, thread);
    for (const item of printed) {
      const { slug } = item.client;
      const final = join(dirs.staging, 'final', slug);
      const word = words.get(slug);
      await attempt(slug, item.started, ctx, () => publishClient(item, final, workDir(slug, ctx), ctx, word), true);
      // Each client's Pagefind index leaves garbage that the next one need not stack on.
      releaseMemory();
    }
    // Pagefind's service process (about 50 MB) would otherwise idle through the next batch's prints,
    // the build's peak; the next index starts it again.
    await closeSearch();
  } finally {
    // Its last binder may still be writing into the staging folder removed below; and its memory
    // goes back before the next batch's Astro run.
    await thread.close();
    stopSiteWorker(worker);
    if (!ctx.opts.env.keepStaging) for (const path of cleanup) rmSync(path, { recursive: true, force: true });
    forget();
  }
}

/** Renders each client of the batch where its Astro run will read it. */
async function renderBatch(batch: Queued[], dirs: BatchDirs, ctx: Ctx): Promise<Rendered[]> {
  const rendered: Rendered[] = [];
  for (const q of batch) {
    const started = performance.now();
    ctx.opts.report({ event: 'client-start', client: q.client.slug, index: q.index, total: q.total });
    await attempt(
      q.client.slug,
      started,
      ctx,
      async () => {
        const inputs = clientInputs(q.client, ctx);
        const r = await timed(ctx, q.client.slug, 'render', () =>
          renderClient(q.client, inputs, ctx, join(dirs.staging, 'content')),
        );
        rendered.push({ ...q, inputs, r, started });
      },
      false,
    );
  }
  return rendered;
}

/** Starts each client's Word binder (unless --no-docx); a client whose start fails fails alone. */
function startWordBinders(sited: Rendered[], dirs: BatchDirs, ctx: Ctx, thread: DocxThread): Map<string, StartedDocx> {
  const words = new Map<string, StartedDocx>();
  if (ctx.opts.docx === false) return words;
  for (const item of sited) {
    const { slug } = item.client;
    const final = join(dirs.staging, 'final', slug);
    try {
      words.set(slug, startDocx(item, final, workDir(slug, ctx), ctx, thread));
    } catch (err) {
      // Reported when the client is published, as a failure of its docx step.
      words.set(slug, { finish: () => Promise.reject(err) });
    }
  }
  return words;
}

/**
 * Prints the batch: its documents go to the browser's pages as one queue, so the pool never drains
 * between clients. The browser is closed after, so publishing (Pagefind) never adds to its memory.
 */
async function printBatch(sited: Rendered[], dirs: BatchDirs, ctx: Ctx): Promise<Rendered[]> {
  const clock = { last: performance.now(), batch: sited.length };
  const printed = await Promise.all(
    sited.map((item) => {
      const final = join(dirs.staging, 'final', item.client.slug);
      return attempt(
        item.client.slug,
        item.started,
        ctx,
        () => printClient(item, final, workDir(item.client.slug, ctx), ctx, clock),
        false,
      );
    }),
  );
  await ctx.printer?.close();
  releaseMemory();
  return sited.filter((_, i) => printed[i]);
}

/** Where a client's (or a batch's) Astro output goes: inside the tool, where node_modules resolve. */
function workDir(name: string, ctx: Ctx): string {
  return join(TOOL_ROOT, 'node_modules', '.irplan-work', `${name}-${process.pid}-${ctx.run}`);
}

/**
 * One Astro run for the rendered clients, then each client's pages split off into its own
 * folder. When the run fails, each client is built alone, so only the one that breaks it fails.
 */
async function buildSites(rendered: Rendered[], dirs: BatchDirs, ctx: Ctx, worker?: SiteWorker): Promise<Rendered[]> {
  const slugs = rendered.map((x) => x.client.slug);
  if (slugs.length === 0) return [];
  const started = performance.now();
  rmSync(dirs.siteOut, { recursive: true, force: true });
  try {
    const content = join(dirs.staging, 'content');
    const waiting = (pid: number) =>
      ctx.opts.report({ event: 'note', client: slugs[0] ?? '', message: waitingNote(pid) });
    await buildSite(
      {
        slugs,
        contentDir: content,
        outDir: dirs.siteOut,
        cacheDir: join(dirs.staging, 'cache'),
        base: ctx.opts.base,
        waiting,
      },
      worker,
    );
  } catch (err) {
    if (rendered.length > 1) {
      const ok: Rendered[] = [];
      // One at a time: each run writes into the same output folder.
      for (const x of rendered) ok.push(...(await buildSites([x], dirs, ctx)));
      return ok;
    }
    const only = rendered[0];
    if (only) await attempt(only.client.slug, only.started, ctx, () => Promise.reject(err), false);
    return [];
  }
  // The run's time is shared out evenly, so stage totals still add up to the build's.
  const ms = (performance.now() - started) / slugs.length;
  for (const slug of slugs) {
    splitSite(dirs.siteOut, slug, slugs, workDir(slug, ctx));
    ctx.opts.report({ event: 'stage', client: slug, stage: 'site', ms, batch: slugs.length });
  }
  return rendered;
}

/** Said when this build's site waits for another build's (src/site/turn.ts). */
const waitingNote = (pid: number) =>
  `waiting for another irplan build (process ${pid}) to finish its site stage: builds with one irplan install take turns at Astro`;
