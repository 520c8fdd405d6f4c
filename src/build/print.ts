import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../model/index.ts';
import type { PdfDoc, Printer } from '../pdf/index.ts';
import { printJobs, serveStatic } from '../pdf/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';

/** Where one client's prints read from and write to. */
interface PrintPlace {
  astroOut: string;
  final: string;
  base: string;
  publishSite: boolean;
  epochSeconds: number;
  duplex: boolean;
}

/**
 * Prints a client's documents. Clients of a batch print at the same time, so each reports the
 * time since the previous one finished: the pdf stage's events add up to the batch's print time.
 */
export async function printClient(
  item: Rendered,
  final: string,
  astroOut: string,
  ctx: Ctx,
  clock: { last: number; batch: number },
): Promise<void> {
  const { client, inputs, r } = item;
  mkdirSync(join(final, 'pdf'), { recursive: true });
  const printer = ctx.printer;
  if (!printer) return;
  const place = {
    astroOut,
    final,
    base: ctx.opts.base,
    publishSite: r.publishSite,
    epochSeconds: inputs.epochSeconds,
    duplex: ctx.opts.duplex === true,
  };
  await printAll(printer, r.printModel, r.siteModel, { pdfs: r.pdfs, afterActions: r.afterActions }, place);
  const now = performance.now();
  ctx.opts.report({ event: 'stage', client: client.slug, stage: 'pdf', ms: now - clock.last, batch: clock.batch });
  clock.last = now;
}

/** Serves the client's print pages on 127.0.0.1 and prints every PDF, the site's copies too when they differ. */
async function printAll(
  printer: Printer,
  printModel: Model,
  siteModel: Model,
  docs: { pdfs: PdfDoc[]; afterActions: PdfDoc[] },
  o: PrintPlace,
): Promise<void> {
  const { pdfs, afterActions } = docs;
  const server = await serveStatic(o.astroOut, o.base);
  try {
    const common = { origin: server.origin, base: o.base, epochSeconds: o.epochSeconds, duplex: o.duplex };
    // After-action reports are printed for the print audience only: the site never gets a copy.
    const printed = [...pdfs, ...afterActions];
    const jobs = printJobs(printed, printModel, { ...common, audience: 'print', outDir: join(o.final, 'pdf') });
    // The site's copies leave out private numbers; print them separately only when they differ.
    const hasPrivate = printModel.contacts.some((c) => c.phones.some((p) => p.private));
    if (o.publishSite && hasPrivate) {
      mkdirSync(join(o.final, 'site-pdf'), { recursive: true });
      jobs.push(...printJobs(pdfs, siteModel, { ...common, audience: 'site', outDir: join(o.final, 'site-pdf') }));
    }
    await Promise.all(jobs.map((j) => printer.print(j)));
  } finally {
    await server.close();
  }
}
