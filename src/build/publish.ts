import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PdfDoc } from '../pdf/index.ts';
import { finishSite } from '../site/index.ts';
import { addVersions } from '../versions/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';
import { writeKeyRecord } from './keys.ts';
import { writeManifest } from './manifest.ts';
import { writeCheckSummary } from './portfolio.ts';
import { timed } from './steps.ts';

/** After the prints: the published site, versions, manifest; then swaps dist/<slug> in. */
export async function publishClient(item: Rendered, final: string, astroOut: string, ctx: Ctx): Promise<void> {
  const { opts } = ctx;
  const { client, inputs, r } = item;
  const log = (message: string) => opts.report({ event: 'note', client: client.slug, message });
  if (r.publishSite) {
    const siteDir = join(final, 'site');
    await timed(ctx, client.slug, 'publish', async () => {
      publishSiteFiles(astroOut, final, r.pdfs);
      await finishSite(siteDir, r.siteModel.contacts, opts.base);
    });
    if (opts.versions !== false) {
      const { locale } = r.printModel.client;
      const version = {
        project: ctx.project,
        slug: client.slug,
        plan: client.plan,
        locale,
        siteDir,
        base: opts.base,
        log,
      };
      await timed(ctx, client.slug, 'versions', () => addVersions({ ...version, build: ctx.buildVersion }));
    }
  } else log(`${r.printModel.plan.classification} plan, so no site was built (PDFs only)`);
  writeManifest(final, r.printModel, inputs.stamp, r.pdfs, r.publishSite);
  writeCheckSummary(final, client.slug, client.plan, r.printModel.buildDate, r.printModel.client.locale);
  writeKeyRecord(final, { key: inputs.key, logo: inputs.logo });
  swapInto(final, join(opts.outDir, client.slug));
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
