import { cpSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.ts';
import { TOOL_ROOT } from './project.ts';
import type { RenderedDoc } from './render.ts';

/** What the Astro project reads for one client (see src/site/content.config.ts and lib/meta.ts). */
export interface SiteInput {
  slug: string;
  meta: Record<string, unknown>;
  siteDocs: RenderedDoc[];
  printDocs: RenderedDoc[];
}

/** Writes the client's rendered documents where the Astro project will read them: <contentRoot>/<slug>/. */
export function writeSiteInput(contentRoot: string, input: SiteInput): void {
  const contentDir = join(contentRoot, input.slug);
  mkdirSync(contentDir, { recursive: true });
  writeFileSync(join(contentDir, 'meta.json'), JSON.stringify(input.meta));
  writeFileSync(join(contentDir, 'site.json'), JSON.stringify(input.siteDocs));
  writeFileSync(join(contentDir, 'print.json'), JSON.stringify(input.printDocs));
}

export interface SiteBatchOptions { slugs: string[]; contentDir: string; outDir: string; cacheDir: string; base: string }

/**
 * Builds the pages of several clients in one Astro run, each under /<slug>/ of `outDir`: Astro's
 * start-up (config, Vite, compiling the pages) costs seconds, and is paid once per batch rather
 * than once per client. splitSite() then gives each client its own tree. Astro runs in-process.
 */
export async function buildSite(opts: SiteBatchOptions): Promise<void> {
  writeFileSync(join(opts.contentDir, 'batch.json'), JSON.stringify({ base: opts.base, clients: opts.slugs }));
  Object.assign(process.env, { IRPLAN_CONTENT: opts.contentDir, ASTRO_TELEMETRY_DISABLED: '1' });
  // Astro puts its prerender bundle inside outDir only when outDir is inside the working directory,
  // and that bundle must resolve Astro's own packages: so it runs from the tool's folder.
  const cwd = process.cwd();
  process.chdir(TOOL_ROOT);
  try {
    // Imported on first use: a build where every client is unchanged never pays Astro's start-up.
    const { build: astroBuild } = await import('astro');
    await astroBuild({
      root: TOOL_ROOT,
      configFile: 'astro.config.mjs', // Astro resolves it against root
      outDir: opts.outDir,
      cacheDir: opts.cacheDir,
      base: opts.base,
      logLevel: 'error',
      mode: 'production',
    });
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    const who = opts.slugs.length === 1 ? `"${opts.slugs[0]}"` : `${opts.slugs.length} clients (${opts.slugs.join(', ')})`;
    throw new UserError('IRP_SITE', `the site of ${who} failed to build: ${msg.split('\n')[0]}`, { position: { file: join(opts.contentDir, opts.slugs[0] ?? '', 'site.json'), line: 1, col: 1 }, hint: 'a template produced Markdown the site could not render; run with IRPLAN_DEBUG=1 for the full error', cause });
  } finally {
    process.chdir(cwd);
  }
}

/**
 * Moves one client's pages out of a batch build into `dest`, with a copy of what the batch shares
 * at its root (Astro's _assets): the result is the tree a build of that client alone would give.
 */
export function splitSite(outDir: string, slug: string, slugs: string[], dest: string): void {
  renameSync(join(outDir, slug), dest);
  for (const entry of readdirSync(outDir)) {
    if (!slugs.includes(entry)) cpSync(join(outDir, entry), join(dest, entry), { recursive: true });
  }
}
