import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateStyles, writeDocx } from '../docx/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';

/** Where a client's Word binder goes, relative to dist/<slug>/ (manifest outputs.docx.binder). */
export function docxPath(slug: string): string {
  return `docx/${slug}-binder.docx`;
}

/**
 * Writes the client's Word binder into `final` from the print binder page Astro built (the same
 * content as the PDF binder), styled by msp.word_template when the plan names one.
 */
export async function buildDocx(item: Rendered, final: string, astroOut: string, ctx: Ctx): Promise<void> {
  const { client, inputs, r } = item;
  const template = client.plan.msp?.word_template;
  await writeDocx({
    page: readFileSync(join(astroOut, 'print', 'print', 'binder', 'index.html'), 'utf8'),
    model: r.printModel,
    messages: r.messages,
    templateStyles: template ? templateStyles(ctx.project.plansDir, template) : null,
    epochSeconds: inputs.epochSeconds,
    out: join(final, docxPath(client.slug)),
  });
}
