import type { ValidClient } from '../plan/index.ts';
import { listClients, readClients } from '../plan/index.ts';
import type { Ctx, Queued } from './context.ts';
import { isUnchanged } from './keys.ts';
import { inShard } from './shard.ts';
import { reportUnchanged } from './steps.ts';

/**
 * The clients to build, in order: unchanged ones are reported as such and left out; changed ones
 * are validated, and the broken among them recorded as failed. Unchanged clients are not even
 * validated: a build where nothing changed reads each client's files once, to hash them.
 */
export function selectClients(ctx: Ctx, started: number): Queued[] {
  const { project, opts, result } = ctx;
  const all = opts.slugs.length > 0 ? opts.slugs : listClients(project.plansDir);
  const names = inShard(all, opts.shard);
  if (opts.shard)
    opts.report({ event: 'shard', ...opts.shard, clients: names.length, others: all.length - names.length });
  const fresh = new Set(opts.force ? [] : names.filter((slug) => isUnchanged(slug, ctx.keys, opts.outDir)));
  const stale = names.filter((s) => !fresh.has(s));
  const read =
    // An empty shard reads nothing: another shard's broken client is that shard's failure.
    stale.length > 0 || all.length === 0
      ? readClients(project.plansDir, stale)
      : { clients: [], errors: [], failed: [] };
  result.errors.push(...read.errors);
  result.failed.push(...read.failed);
  opts.report({
    event: 'validate',
    ms: performance.now() - started,
    valid: read.clients.length,
    failed: read.failed.length,
    unchanged: fresh.size,
  });
  const valid = new Map<string, ValidClient>(read.clients.map((c) => [c.slug, c]));
  const todo = names.filter((s) => fresh.has(s) || valid.has(s));
  opts.report({ event: 'start', clients: todo.length, pdf: opts.pdf });
  const queued: Queued[] = [];
  for (const [index, slug] of todo.entries()) {
    const client = valid.get(slug);
    if (client) queued.push({ client, index, total: todo.length });
    else reportUnchanged(slug, index, todo.length, ctx);
  }
  return queued;
}
