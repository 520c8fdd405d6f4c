// The Printer: one warm browser for the whole build, binders in turn, each job retried once.
import { releaseMemory, UserError } from '../shared/index.ts';
import { MissingPage } from './job.ts';
import type { PrintContext, PrinterOptions, PrintJob } from './job.ts';
import type { Numbering } from './contents.ts';
import { BinderGate, lightBinder } from './gate.ts';
import { PagePool } from './pool.ts';
import { printJob } from './printjob.ts';

/** Prints jobs on one warm browser and a small pool of pages, shared by every client in a build. */
export class Printer {
  private readonly ctx: PrintContext;

  /**
   * Binders take turns (BinderGate): a renderer laying out a large binder holds a lot of memory,
   * and two at once would set the build's peak. The other page meanwhile prints the small
   * documents queued behind, so the pool stays busy.
   */
  private readonly binders = new BinderGate();

  /** A printer that launches its browser on the first print; options not given take their defaults. */
  constructor(options: Partial<PrinterOptions> = {}) {
    const resolved: PrinterOptions = {
      timeoutMs: options.timeoutMs ?? 60_000,
    };
    this.ctx = {
      pool: new PagePool(resolved.timeoutMs),
      options: resolved,
      counts: { prints: 0, numberingPrints: 0, partPrints: 0 },
    };
  }

  /** How many times page.pdf printed a whole document, second binder prints included (for the benchmark). */
  get prints(): number {
    return this.ctx.counts.prints;
  }

  /** Parts of binders printed (src/pdf/parts.ts), for the benchmark. */
  get partPrints(): number {
    return this.ctx.counts.partPrints;
  }

  /** Binder prints not kept because the page numbers they showed were not their own (numbered.ts). */
  get numberingPrints(): number {
    return this.ctx.counts.numberingPrints;
  }

  /**
   * Prints one job, retrying once (on a fresh browser) when the browser fails or hangs. Returns a
   * binder's numbering (what its page numbers were written from).
   */
  async print(job: PrintJob): Promise<Numbering | undefined> {
    if (!job.binder) return this.printRetrying(job);
    let light = lightBinder(job);
    await this.binders.enter(light);
    const alone = async () => {
      if (!light) return;
      light = false;
      await this.binders.alone();
    };
    try {
      // The garbage of earlier prints (PDF bytes, protocol messages) is collected before the
      // binder's print, the print that needs the most memory, rather than whenever V8 gets to it.
      releaseMemory();
      return await this.printRetrying(job, alone);
    } finally {
      this.binders.leave(light);
    }
  }

  private async printRetrying(job: PrintJob, alone?: () => Promise<void>): Promise<Numbering | undefined> {
    try {
      return await printJob(this.ctx, job, alone);
    } catch (first) {
      if (first instanceof UserError || first instanceof MissingPage) throw first;
      return printJob(this.ctx, job, alone).catch((second: unknown) => {
        throw new UserError(
          'IRP_PRINT',
          `printing ${job.out} failed twice: ${second instanceof Error ? second.message.split('\n')[0] : String(second)}`,
          { hint: 'run again; if it keeps failing, check that the browser starts: npx irplan doctor', cause: second },
        );
      });
    }
  }

  /** Closes the browser; safe to call more than once. Kills it if it does not close in time. */
  async close(): Promise<void> {
    await this.ctx.pool.close();
  }
}
