import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../model/index.ts';
import type { PdfDoc } from '../pdf/index.ts';
import type { SourceStamp } from '../shared/index.ts';
import { OFFLINE_FILE } from '../site/index.ts';

/** Writes dist/<slug>/manifest.json: what was built, from which commit; paths relative to dist/<slug>/. */
export function writeManifest(
  final: string,
  model: Model,
  stamp: SourceStamp,
  pdfs: PdfDoc[],
  publishSite: boolean,
  docx: string | null = null,
): void {
  const file = (key: string) => pdfs.find((p) => p.key === key)?.file;
  const pdf = (name: string | undefined) => (name ? `pdf/${name}` : null);
  const manifest = {
    client: model.client.name,
    slug: model.slug,
    version: model.plan.version,
    classification: model.plan.classification,
    draft: model.draft,
    commit: stamp.commit,
    outputs: {
      site: publishSite ? 'site/' : null,
      binder: pdf(file('binder')),
      checklists: pdfs.filter((p) => p.key.startsWith('checklist:')).map((p) => `pdf/${p.file}`),
      walletCard: pdf(file('card:wallet-card')),
      callTree: pdf(file('card:call-tree')),
      offline: publishSite ? `site/${OFFLINE_FILE}` : null,
      afterActions: pdfs.filter((p) => p.key.startsWith('incident:')).map((p) => `pdf/${p.file}`),
      steps: 'steps.json',
      docx: { binder: docx },
    },
    review: { last: model.plan.reviewLast, due: model.plan.reviewDue }, // read by the portfolio index
  };
  writeFileSync(join(final, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
