import { systemError, UserError } from '../shared/index.ts';
import type { Ctx } from './context.ts';
import type { BuildEvent } from './events.ts';

// A client that fails at any step fails alone: its error is recorded and the build goes on.

type Stage = Extract<BuildEvent, { event: 'stage' }>['stage'];

/** Reports a client that is skipped because its inputs have not changed. */
export function reportUnchanged(slug: string, index: number, total: number, ctx: Ctx): void {
  ctx.opts.report({ event: 'client-start', client: slug, index, total });
  ctx.result.unchanged.push(slug);
  ctx.opts.report({ event: 'client', client: slug, status: 'unchanged', ms: 0 });
}

/** Runs one client's step; a failure is recorded against that client. True when it worked; `last` marks it built. */
export async function attempt(
  slug: string,
  started: number,
  ctx: Ctx,
  work: () => Promise<void>,
  last: boolean,
): Promise<boolean> {
  try {
    await work();
    if (last) {
      ctx.result.built.push(slug);
      ctx.opts.report({ event: 'client', client: slug, status: 'built', ms: performance.now() - started });
    }
    return true;
  } catch (err) {
    const user = err instanceof UserError ? err : systemError(err);
    if (!user) throw err;
    ctx.result.errors.push(user);
    ctx.result.failed.push(slug);
    ctx.opts.report({ event: 'client', client: slug, status: 'failed', ms: performance.now() - started });
    return false;
  }
}

/** Runs a stage of one client and reports how long it took. */
export async function timed<T>(ctx: Ctx, slug: string, stage: Stage, work: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await work();
  ctx.opts.report({ event: 'stage', client: slug, stage, ms: performance.now() - t });
  return out;
}
