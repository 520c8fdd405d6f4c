import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DocxThread } from '../docx/index.ts';
import { DocxThreadStopped, docxFacts, templateStyles } from '../docx/index.ts';
import { hashTree, TOOL_ROOT, UserError } from '../shared/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';
import { addToRecord, FRAGMENTS, keepFragments, keepPrevious, readPrintRecord } from './reuse.ts';

/** Where a client's Word binder goes, relative to dist/<slug>/ (manifest outputs.docx.binder). */
export function docxPath(slug: string): string {
  return `docx/${slug}-binder.docx`;
}

/** A Word binder on its way: finish() waits for it and records what it was made from. */
export interface StartedDocx {
  finish(): Promise<void>;
}

/**
 * Starts the client's Word binder in `final`, from the print binder page Astro built (the same
 * content as the PDF binder), styled by msp.word_template when the plan names one. It is written
 * on the Word binder thread while the batch's clients are published; when all it is made from is as it was
 * (recorded like the PDFs', reuse.ts), the previous file is kept instead.
 */
export function startDocx(item: Rendered, final: string, astroOut: string, ctx: Ctx, thread: DocxThread): StartedDocx {
  const { client, inputs, r } = item;
  const template = client.plan.msp?.word_template;
  ctx.prints.docxCode ??= hashTree([join(TOOL_ROOT, 'src', 'docx'), join(TOOL_ROOT, 'package-lock.json')], TOOL_ROOT);
  const previousDir = join(ctx.opts.outDir, client.slug);
  const store = join(final, FRAGMENTS);
  const job = {
    page: readFileSync(join(astroOut, 'print', 'print', 'binder', 'index.html'), 'utf8'),
    model: docxFacts(r.printModel),
    messages: r.messages,
    templateStyles: template ? templateStyles(ctx.project.plansDir, template) : null,
    epochSeconds: inputs.epochSeconds,
    out: join(final, docxPath(client.slug)),
    // --force converts every section again, as it prints every part.
    fragments: ctx.opts.force
      ? { next: store, basis: ctx.prints.docxCode }
      : { next: store, previous: join(previousDir, FRAGMENTS), basis: ctx.prints.docxCode },
  };
  const { messages } = job;
  const hash = createHash('sha256')
    .update(JSON.stringify([ctx.prints.docxCode, job.page, job.templateStyles, job.epochSeconds, job.model]))
    .update(JSON.stringify([messages.locale, messages.entries]))
    .digest('hex');
  const rel = docxPath(client.slug);
  const previous = ctx.opts.force ? {} : readPrintRecord(previousDir);
  mkdirSync(dirname(job.out), { recursive: true });
  // Where the binder is kept between builds: the previous one to keep, the name to report.
  const target = join(previousDir, rel);
  const kept = previous[rel] === hash && keepPrevious(target, job.out);
  if (kept) keepFragments(previousDir, final);
  const done = kept
    ? Promise.resolve()
    : thread.write(job).catch((err: unknown) => Promise.reject(stopped(err, target)));
  // Awaited by finish(); a client that fails before it is published never gets there.
  done.catch(() => undefined);
  return {
    async finish() {
      await done;
      // After the prints, which wrote the record this joins.
      addToRecord(final, rel, hash);
    },
  };
}

/** A thread that stopped mid-binder fails that client, said plainly, and the build goes on. */
function stopped(err: unknown, out: string): unknown {
  if (!(err instanceof DocxThreadStopped)) return err;
  return new UserError('IRP_DOCX', `writing ${out} failed: ${err.message}`, {
    hint: 'run again; if it keeps failing, build with --no-docx and report the plan that causes it',
    cause: err,
  });
}
