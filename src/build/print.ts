import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../model/index.ts';
import type { Numbering, PdfDoc, Printer, PrintJob } from '../pdf/index.ts';
import { findBrowser, partsBasis, printBasis, printInputHash, printJobs, serveStatic } from '../pdf/index.ts';
import { clientEpoch, documentStamp } from '../shared/index.ts';
import type { Rendered } from './content.ts';
import type { Ctx } from './context.ts';
import type { NumberingRecord, PrintRecord } from './reuse.ts';
import {
  keepBinderParts,
  keepPrevious,
  PARTS,
  previousFile,
  readNumberingRecord,
  readPrintRecord,
  writeNumberingRecord,
  writePrintRecord,
} from './reuse.ts';

/** Where one client's prints read from and write to. */
interface PrintPlace {
  astroOut: string;
  final: string;
  base: string;
  publishSite: boolean;
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
  const { client, r } = item;
  mkdirSync(join(final, 'pdf'), { recursive: true });
  if (!ctx.printer) return;
  const place = { astroOut, final, base: ctx.opts.base, publishSite: r.publishSite, duplex: ctx.opts.duplex === true };
  const jobs = await serveAndPrint(item, place, ctx);
  writePrintRecord(final, jobs);
  const now = performance.now();
  ctx.opts.report({ event: 'stage', client: client.slug, stage: 'pdf', ms: now - clock.last, batch: clock.batch });
  clock.last = now;
}

/** Serves the client's print pages on 127.0.0.1 and prints (or keeps) every PDF; returns what was printed from what. */
async function serveAndPrint(item: Rendered, o: PrintPlace, ctx: Ctx): Promise<PrintRecord> {
  const server = await serveStatic(o.astroOut, o.base);
  try {
    const jobs = clientJobs(item, o, server.origin, ctx);
    // Clients of a batch get here together: the first to resume asks the browser its version, once a build.
    ctx.prints.basis ??= printBasis(await findBrowser());
    const basis = ctx.prints.basis;
    const previousDir = join(ctx.opts.outDir, item.client.slug);
    const previous = ctx.opts.force ? {} : readPrintRecord(previousDir);
    const record: PrintRecord = {};
    const numbering = new BinderNumbering(ctx.opts.force ? {} : readNumberingRecord(previousDir));
    await Promise.all(
      jobs.map(async (job) => {
        const rel = relative(o.final, job.out).split('\\').join('/');
        const hash = printInputHash(job, o.astroOut, o.base, basis);
        record[rel] = hash;
        if (previous[rel] === hash && keepPrevious(previousFile(previousDir, rel), job.out)) {
          ctx.prints.kept++;
          if (job.binder) keepBinderParts(previousDir, o.final, numbering.kept(rel)?.parts);
        } else if (!ctx.printer) return;
        else if (job.binder) await numbering.print(rel, ctx.printer, withParts(job, o, ctx, previousDir));
        else await ctx.printer.print(job);
      }),
    );
    writeNumberingRecord(o.final, numbering.record);
    return record;
  } finally {
    await server.close();
  }
}

/**
 * Predicts each binder's numbering, so that it is printed once (src/pdf/numbered.ts), and records
 * what each binder's numbers came from. The print audience's binder comes first: its previous
 * numbering is the guess. The site's binder differs from it only in the private numbers it leaves
 * out, so it takes its own previous numbering while the print binder's has not changed, else the
 * print binder's new one (an edit that moved pages moved them in both).
 */
class BinderNumbering {
  readonly record: NumberingRecord = {};
  private readonly previous: NumberingRecord;
  /** The binders of the client, one after another (the printer prints one binder at a time anyway). */
  private chain: Promise<unknown> = Promise.resolve();
  private first: { before: Numbering | undefined; now: Numbering | undefined } | undefined;

  constructor(previous: NumberingRecord) {
    this.previous = previous;
  }

  /** A binder kept from the previous build keeps its numbering (returned: its parts are kept too). */
  kept(rel: string): Numbering | undefined {
    const was = this.previous[rel];
    if (was) this.record[rel] = was;
    this.first ??= { before: was, now: was };
    return was;
  }

  /** Prints a binder with the best prediction there is, once the binders before it are done. */
  print(rel: string, printer: Printer, job: PrintJob): Promise<void> {
    const turn = this.chain.then(async () => {
      const own = this.previous[rel];
      const first = this.first;
      const predicted = first && !sameNumbering(first.before, first.now) ? first.now : (own ?? first?.now);
      const now = await printer.print(predicted ? { ...job, numbering: predicted } : job);
      if (now) this.record[rel] = now;
      this.first ??= { before: own, now };
    });
    this.chain = turn.catch(() => {});
    return turn;
  }
}

/** The same page numbers (which parts a binder is made of does not matter to a prediction). */
function sameNumbering(a: Numbering | undefined, b: Numbering | undefined): boolean {
  const pages = (n: Numbering) => JSON.stringify([n.outline, n.pageCount, n.partPages]);
  return a !== undefined && b !== undefined && pages(a) === pages(b);
}

/**
 * A binder is printed in parts kept in the client's store, except a double-sided one: the blank
 * pages it gets before sections move every part after them (contents.ts).
 */
function withParts(job: PrintJob, o: PrintPlace, ctx: Ctx, previousDir: string): PrintJob {
  if (o.duplex || !ctx.prints.basis) return job;
  const basis = partsBasis(job, o.astroOut, o.base, ctx.prints.basis);
  const next = join(o.final, PARTS);
  return { ...job, parts: ctx.opts.force ? { next, basis } : { next, previous: join(previousDir, PARTS), basis } };
}

/** Every PDF of the client, for the print audience and, when they differ, the site's copies. */
function clientJobs(item: Rendered, o: PrintPlace, origin: string, ctx: Ctx): PrintJob[] {
  const { printModel, siteModel, pdfs, afterActions } = item.r;
  const common = { origin, base: o.base, epochOf: documentEpoch(item, ctx), duplex: o.duplex };
  // After-action reports are printed for the print audience only: the site never gets a copy.
  const printed = [...pdfs, ...afterActions];
  const jobs = printJobs(printed, printModel, { ...common, audience: 'print', outDir: join(o.final, 'pdf') });
  // The site's copies leave out private numbers; print them separately only when they differ.
  if (o.publishSite && hasPrivate(printModel)) {
    mkdirSync(join(o.final, 'site-pdf'), { recursive: true });
    jobs.push(...printJobs(pdfs, siteModel, { ...common, audience: 'site', outDir: join(o.final, 'site-pdf') }));
  }
  return jobs;
}

function hasPrivate(model: Model): boolean {
  return model.contacts.some((c) => c.phones.some((p) => p.private));
}

/**
 * The date in each PDF: the newest commit to what that document is made from (src/shared/repo.ts),
 * so a commit to another document's template leaves it, and its bytes, as they were. The binder and
 * after-action reports draw on every template: they take the client's date.
 */
function documentEpoch(item: Rendered, ctx: Ctx): (doc: PdfDoc) => number {
  const { client, r } = item;
  const sourceDateEpoch = ctx.opts.env.sourceDateEpoch;
  return (doc) => {
    const stamp = documentStamp(ctx.repo, client.slug, r.sources.get(doc.key) ?? null, sourceDateEpoch);
    return clientEpoch(stamp, client.plan.plan.effective);
  };
}
