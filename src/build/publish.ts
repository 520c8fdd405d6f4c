import { copyFileSync, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PdfDoc } from '../pdf/index.ts';
import { finishSite, relativizeSite } from '../site/index.ts';
import { addVersions } from '../versions/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';
import type { StartedDocx } from './docx.ts';
import { docxPath } from './docx.ts';
import { writeKeyRecord } from './keys.ts';
import { keepUnchangedFiles } from './reuse.ts';
import { writeManifest } from './manifest.ts';
import { writeCheckSummary } from './portfolio.ts';
import { timed } from './steps.ts';

/**
 * After the prints: the published site, versions, the Word binder (started on its thread once the
 * batch's prints were done, see docx.ts), manifest; then swaps dist/<slug> in.
 */
export async function publishClient(
  item: Rendered,
  final: string,
  astroOut: string,
  ctx: Ctx,
  word?: StartedDocx,
): Promise<void> {
  const { opts } = ctx;
  const { client, inputs, r } = item;
  const log = (message: string) => opts.report({ event: 'note', client: client.slug, message });
  if (r.publishSite) {
    const siteDir = join(final, 'site');
    await timed(ctx, client.slug, 'publish', async () => {
      publishSiteFiles(astroOut, final, r.pdfs);
      await finishSite(siteDir, r.siteModel.contacts, opts.base, r.siteModel.client.locale, opts.relative === true);
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
        draft: r.printModel.draft,
        log,
      };
      await timed(ctx, client.slug, 'versions', () => addVersions({ ...version, build: ctx.buildVersion }));
    }
    // Again for the versions page and the released versions' sites, added after finishSite.
    if (opts.relative) relativizeSite(siteDir, opts.base);
  } else log(`${r.printModel.plan.classification} plan, so no site was built (PDFs only)`);
  copySteps(astroOut, final);
  // The docx stage is the time the Word binder kept the client waiting once its prints were done.
  if (word) await timed(ctx, client.slug, 'docx', () => word.finish());
  const docx = word ? docxPath(client.slug) : null;
  writeManifest(final, r.printModel, inputs.stamp, [...r.pdfs, ...r.afterActions], r.publishSite, docx);
  const { buildDate, client: view } = r.printModel;
  writeCheckSummary(final, client.slug, client.plan, { asOf: buildDate, locale: view.locale, coverage: r.coverage });
  writeKeyRecord(final, { key: inputs.key, logo: inputs.logo, wordTemplate: inputs.wordTemplate });
  keepUnchangedFiles(final, join(opts.outDir, client.slug));
  swapInto(final, join(opts.outDir, client.slug));
}

/** The published site is Astro's output without the print pages, plus the PDFs it links to. */
function publishSiteFiles(astroOut: string, final: string, pdfs: PdfDoc[]): void {
  const site = join(final, 'site');
  cpSync(astroOut, site, { recursive: true });
  rmSync(join(site, 'print'), { recursive: true, force: true });
  if (pdfs.length === 0) return;
  const from = existsSync(join(final, 'site-pdf')) ? join(final, 'site-pdf') : join(final, 'pdf');
  // Only the PDFs the site links to: the after-action reports beside them are never published.
  const linked = new Set(pdfs.map((p) => p.file));
  cpSync(from, join(site, 'pdf'), { recursive: true, filter: (src) => src === from || linked.has(basename(src)) });
  rmSync(join(final, 'site-pdf'), { recursive: true, force: true });
}

/**
 * dist/<slug>/steps.json: every step of the site's playbooks and checklists with its id, as the
 * Astro run listed them (print/steps.json, never published), for incident logs to be read against.
 */
function copySteps(astroOut: string, final: string): void {
  const steps = join(astroOut, 'print', 'steps.json');
  if (existsSync(steps)) copyFileSync(steps, join(final, 'steps.json'));
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
