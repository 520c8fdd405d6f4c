import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { DocxJob } from './document.ts';

// Word binders are written on a thread of their own (worker.ts): the conversion is seconds of
// synchronous JavaScript per binder, which there runs beside the build's other work (publishing
// the clients), and its garbage, hundreds of MB a binder, goes when the thread ends rather than
// staying in the build's heap. One binder at a time, so the thread holds one binder's memory at most.

/** A DocxJob as it crosses to the thread: the catalogue as data, not functions. */
export type DocxRequest = Omit<DocxJob, 'messages'> & { locale: string; entries: Readonly<Record<string, string>> };

/** What the thread answers: nothing, or what went wrong. */
export interface DocxReply {
  id: number;
  /** A system error's code and path come along, so a full disk is reported as one (shared/errors.ts). */
  error?: { message: string; stack: string; code: string | undefined; path: string | undefined };
}

const WORKER = new URL('./worker.ts', import.meta.url);

/**
 * The thread's heap, capped (issue 25). Converting a 243-page binder makes hundreds of MB of
 * short-lived objects, and an uncapped V8 lets the heap grow to hold them rather than collect:
 * four such conversions in a row peaked at 832 to 936 MB PSS; with these caps 481 to 509 MB, each
 * conversion 8 to 14 % slower (3.7 to 3.9 s against 3.3 to 3.6 s). A binder whose conversion needs more
 * than the cap is written again on a thread without one (DocxThread), never failed for it.
 */
const THREAD_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 };

/** The thread stopped while writing a binder (out of memory, or killed): not a fault of the plan's. */
export class DocxThreadStopped extends Error {}

/** The job the thread is writing, and which thread (a dead thread fails only its own job). */
interface InFlight {
  id: number;
  request: DocxRequest;
  worker: Worker;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Writes Word binders on one thread, started at the first and ended by close(). */
export class DocxThread {
  private worker: Worker | undefined;
  private ids = 0;
  private current: InFlight | undefined;
  /** The jobs, one after another: at most one is in flight. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The thread's script: worker.ts, or a test's stand-in. */
  private readonly script: URL;
  /** The heap caps of the thread; none once a binder ran out of memory under them. */
  private limits: ResourceLimits | undefined;

  constructor(options: { script?: URL; limits?: ResourceLimits } = {}) {
    this.script = options.script ?? WORKER;
    this.limits = options.limits ?? THREAD_LIMITS;
  }

  /** Writes `job.out`; resolves when it is written, rejects with the thread's error. */
  write(job: DocxJob): Promise<void> {
    const { messages, ...rest } = job;
    const request: DocxRequest = { ...rest, locale: messages.locale, entries: messages.entries };
    const turn = this.queue.then(() => this.send(request));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Ends the thread (and returns its memory) once its jobs are done. */
  async close(): Promise<void> {
    await this.queue;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private send(request: DocxRequest): Promise<void> {
    const id = ++this.ids;
    return new Promise<void>((resolve, reject) => this.post({ id, request, resolve, reject }));
  }

  /** Gives the job to the thread, started if need be. */
  private post(job: Omit<InFlight, 'worker'>): void {
    const worker = this.started();
    worker.postMessage({ id: job.id, job: job.request });
    this.current = { ...job, worker };
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, this.limits ? { resourceLimits: this.limits } : {});
    worker.on('message', (reply: DocxReply) => this.settle(reply));
    // A thread that dies takes its job with it; the next job starts a new one. Its 'error' and
    // 'exit' can come a turn apart, by when the next job may be in flight on a new thread.
    const fail = (reason: string, cause?: unknown) => {
      if (this.worker === worker) this.worker = undefined;
      const job = this.current;
      if (job?.worker !== worker) return;
      this.current = undefined;
      // A binder too large for the capped heap is written again, and so are the ones after it,
      // on a thread without caps: memory the build needs rather than a binder it fails.
      if ((cause as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY' && this.limits) {
        this.limits = undefined;
        this.post(job);
        return;
      }
      job.reject(new DocxThreadStopped(`the Word binder thread stopped (${reason})`, { cause }));
    };
    worker.on('error', (err) => fail(err.message.split('\n')[0] ?? 'error', err));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private settle(reply: DocxReply): void {
    const job = this.current;
    if (job?.id !== reply.id) return;
    this.current = undefined;
    if (!reply.error) {
      job.resolve();
      return;
    }
    const { message, stack, code, path } = reply.error;
    job.reject(Object.assign(new Error(message), { stack, code, path }));
  }
}
