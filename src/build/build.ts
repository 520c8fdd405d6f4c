import { findBrowser } from '../pdf/index.ts';
import type { Project } from '../shared/index.ts';
import { findProject, onInterrupt, sourceStamp } from '../shared/index.ts';
import { closeSearch } from '../site/index.ts';
import { buildBatch } from './batch.ts';
import type { BuildOptions, BuildResult, Ctx, VersionBuilder } from './context.ts';
import { createContext } from './context.ts';
import { writePortfolio } from './portfolio.ts';
import { selectClients } from './select.ts';

// The pipeline of `irplan build`: select the clients whose inputs changed (validating them), then
// in batches render, build the sites in one Astro run, print, publish and swap each into dist/.

/** Builds every named client (all when none are named); broken clients are reported, the rest built. */
export async function buildClients(project: Project, opts: BuildOptions): Promise<BuildResult> {
  try {
    return await buildPortfolio(project, opts);
  } finally {
    await closeSearch();
  }
}

async function buildPortfolio(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  // Without a browser no PDF can be printed: say so before any client is built.
  if (opts.pdf) await findBrowser();
  const ctx = createContext(project, opts, versionBuilder(opts));
  const queued = selectClients(ctx, started);
  const stopListening = onInterrupt();
  try {
    const size = opts.env.siteBatch;
    for (let i = 0; i < queued.length; i += size) await buildBatch(queued.slice(i, i + size), i / size, ctx);
  } finally {
    stopListening();
    await ctx.printer?.close();
  }
  const today = new Date((sourceStamp(project.root, opts.env.sourceDateEpoch).epochSeconds ?? 0) * 1000);
  writePortfolio(opts.outDir, today.toISOString().slice(0, 10));
  reportDone(ctx, started);
  return ctx.result;
}

/**
 * Builds a released version's site the way `irplan build --no-pdf` would in an export of its tree:
 * its own plans and templates, the tag's date, no versions of its own, and nothing reported.
 */
function versionBuilder(opts: BuildOptions): VersionBuilder {
  return async (tree, slug, outDir, base, epochSeconds) => {
    const env = { ...opts.env, sourceDateEpoch: epochSeconds };
    const nested = {
      slugs: [slug],
      outDir,
      base,
      pdf: false,
      docx: false,
      versions: false,
      env,
      report: () => undefined,
    };
    const result = await buildPortfolio(findProject(tree), nested);
    const first = result.errors[0];
    if (first) throw first;
  };
}

function reportDone(ctx: Ctx, started: number): void {
  const { result, printer } = ctx;
  ctx.opts.report({
    event: 'done',
    built: result.built.length,
    unchanged: result.unchanged.length,
    failed: result.failed.length,
    ms: performance.now() - started,
    prints: printer?.prints ?? 0,
    numberingPrints: printer?.numberingPrints ?? 0,
    partPrints: printer?.partPrints ?? 0,
    kept: ctx.prints.kept,
  });
}
