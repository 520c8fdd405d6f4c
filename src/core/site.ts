import { mkdirSync, writeFileSync } from 'node:fs';
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

/** Writes the client's rendered documents where the Astro project will read them. */
export function writeSiteInput(contentDir: string, input: SiteInput): void {
  mkdirSync(contentDir, { recursive: true });
  writeFileSync(join(contentDir, 'meta.json'), JSON.stringify(input.meta));
  writeFileSync(join(contentDir, 'site.json'), JSON.stringify(input.siteDocs));
  writeFileSync(join(contentDir, 'print.json'), JSON.stringify(input.printDocs));
}

/** Builds one client's pages with Astro into `outDir`. Astro runs in-process, one client at a time. */
export async function buildSite(opts: { slug: string; contentDir: string; outDir: string; cacheDir: string; base: string }): Promise<void> {
  Object.assign(process.env, { IRPLAN_CONTENT: opts.contentDir, IRPLAN_SLUG: opts.slug, ASTRO_TELEMETRY_DISABLED: '1' });
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
    throw new UserError('IRP_SITE', `the site of "${opts.slug}" failed to build: ${msg.split('\n')[0]}`, { position: { file: join(opts.contentDir, 'site.json'), line: 1, col: 1 }, hint: 'a template produced Markdown the site could not render; run with IRPLAN_DEBUG=1 for the full error', cause });
  } finally {
    process.chdir(cwd);
  }
}
