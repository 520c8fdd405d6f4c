import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { templateStyles, writeDocx } from '../docx/index.ts';
import { hashTree, TOOL_ROOT } from '../shared/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';
import { addToRecord, keepPrevious, readPrintRecord } from './reuse.ts';

/** Where a client's Word binder goes, relative to dist/<slug>/ (manifest outputs.docx.binder). */
export function docxPath(slug: string): string {
  return `docx/${slug}-binder.docx`;
}

/**
 * Writes the client's Word binder into `final` from the print binder page Astro built (the same
 * content as the PDF binder), styled by msp.word_template when the plan names one. When all it is
 * made from is as it was (recorded like the PDFs', reuse.ts), the previous file is kept instead.
 */
export async function buildDocx(item: Rendered, final: string, astroOut: string, ctx: Ctx): Promise<void> {
  const { client, inputs, r } = item;
  const template = client.plan.msp?.word_template;
  const job = {
    page: readFileSync(join(astroOut, 'print', 'print', 'binder', 'index.html'), 'utf8'),
    model: r.printModel,
    messages: r.messages,
    templateStyles: template ? templateStyles(ctx.project.plansDir, template) : null,
    epochSeconds: inputs.epochSeconds,
    out: join(final, docxPath(client.slug)),
  };
  ctx.prints.docxCode ??= hashTree([join(TOOL_ROOT, 'src', 'docx'), join(TOOL_ROOT, 'package-lock.json')], TOOL_ROOT);
  const { model, messages } = job;
  // What the Word binder reads beyond the page: the cover's and running heads' facts, and the words.
  const facts = { client: model.client, msp: model.msp, plan: model.plan, draft: model.draft, tlp: model.tlpRule };
  const hash = createHash('sha256')
    .update(JSON.stringify([ctx.prints.docxCode, job.page, job.templateStyles, job.epochSeconds, facts]))
    .update(JSON.stringify([messages.locale, messages.entries]))
    .digest('hex');
  const rel = docxPath(client.slug);
  const previousDir = join(ctx.opts.outDir, client.slug);
  addToRecord(final, rel, hash);
  const previous = ctx.opts.force ? {} : readPrintRecord(previousDir);
  mkdirSync(dirname(job.out), { recursive: true });
  if (previous[rel] === hash && keepPrevious(join(previousDir, rel), job.out)) return;
  await writeDocx(job);
}
