import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncidentReport } from '../incident/index.ts';
import type { RenderedDoc } from '../render/index.ts';
import { killOnInterrupt, TOOL_ROOT, UserError } from '../shared/index.ts';
import type { SiteBatch, SiteMeta } from './contract.ts';
import { SITE_FILES } from './contract.ts';

/** What the Astro project reads for one client (see contract.ts). */
export interface SiteInput {
  slug: string;
  meta: SiteMeta;
  siteDocs: RenderedDoc[];
  printDocs: RenderedDoc[];
  /** The after-action reports of its imported incidents (print pages only). */
  incidents?: IncidentReport[];
}

/** Writes the client's rendered documents where the Astro project will read them: <contentRoot>/<slug>/. */
export function writeSiteInput(contentRoot: string, input: SiteInput): void {
  const contentDir = join(contentRoot, input.slug);
  mkdirSync(contentDir, { recursive: true });
  writeFileSync(join(contentDir, SITE_FILES.meta), JSON.stringify(input.meta));
  writeFileSync(join(contentDir, SITE_FILES.site), JSON.stringify(input.siteDocs));
  writeFileSync(join(contentDir, SITE_FILES.print), JSON.stringify(input.printDocs));
  writeFileSync(join(contentDir, SITE_FILES.incidents), JSON.stringify(input.incidents ?? []));
}

export interface SiteBatchOptions {
  slugs: string[];
  contentDir: string;
  outDir: string;
  cacheDir: string;
  base: string;
  /** Called when the run waits for another build's Astro run with this install (turn.ts), with its pid. */
  waiting?: (pid: number) => void;
}

/**
 * An Astro process started ahead of its batch: it loads Astro while the
 * build process renders the batch's documents on the other core, then builds when told to.
 */
export interface SiteWorker {
  child: ChildProcess;
  done: Promise<number | null>;
}

/** Starts the Astro process for a batch whose content will be written to `contentDir`. */
export function startSiteWorker(contentDir: string): SiteWorker {
  const child = spawn(process.execPath, [...WORKER_FLAGS, WORKER], {
    cwd: TOOL_ROOT,
    env: { ...WORKER_ALLOCATOR, ...process.env, IRPLAN_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 2, 'pipe', 'ipc'], // Astro's own output goes to stderr: stdout may be JSON events
  });
  const forget = killOnInterrupt(child);
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(forget);
  done.catch(() => undefined); // awaited by buildSite; a worker that is never used is only killed
  return { child, done };
}

/** Ends a worker that was not used (its batch had nothing left to build). */
export function stopSiteWorker(worker: SiteWorker): void {
  if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
}

/**
 * Builds the pages of several clients in one Astro run, each under /<slug>/ of `outDir`: Astro's
 * start-up (config, Vite, compiling the pages) costs seconds, and is paid once per batch rather
 * than once per client. splitSite() then gives each client its own tree. Astro runs in a child
 * process (site-worker.ts), so its memory is returned before the batch is printed: `worker`, if
 * started ahead with startSiteWorker, or a new one.
 */
export async function buildSite(opts: SiteBatchOptions, worker = startSiteWorker(opts.contentDir)): Promise<void> {
  const batch: SiteBatch = { base: opts.base, clients: opts.slugs };
  writeFileSync(join(opts.contentDir, 'batch.json'), JSON.stringify(batch));
  let stderr = '';
  worker.child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  worker.child.on('message', (m: { waiting?: number }) => {
    if (typeof m?.waiting === 'number') opts.waiting?.(m.waiting);
  });
  // A worker that already died (Astro failed to load) is reported from its exit code and stderr.
  worker.child.send({ outDir: opts.outDir, cacheDir: opts.cacheDir, base: opts.base }, () => undefined);
  const code = await worker.done;
  if (code === 0) return;
  const message =
    stderr
      .trim()
      .split('\n')
      .find((l) => l.trim() !== '') ?? `Astro exited with code ${code}`;
  const who =
    opts.slugs.length === 1 ? `"${opts.slugs[0]}"` : `${opts.slugs.length} clients (${opts.slugs.join(', ')})`;
  throw new UserError('IRP_SITE', `the site of ${who} failed to build: ${message.replace(/^(Error|\w+Error): /, '')}`, {
    position: { file: join(opts.contentDir, opts.slugs[0] ?? '', 'site.json'), line: 1, col: 1 },
    hint: 'a template produced Markdown the site could not render; run with IRPLAN_DEBUG=1 for the full error',
    cause: new Error(stderr),
  });
}

/** The script that runs Astro in its own process. */
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'worker.ts');

/**
 * A 12-client Astro run peaked at 1.1 GB PSS, more than the batch's whole budget (issue 25). Most
 * of the V8 heap was garbage that V8 collects only when near its limit, so the limit is lowered
 * (a 12-client batch ran within 256 MB; a worker that still runs out fails the batch's run, and
 * batch.ts then builds each client alone). Together with WORKER_ALLOCATOR: about 740 MB. A 384 MB
 * limit was tried in session 13: over a 100-client build the worker's highest PSS stayed at 776 MB
 * (779 with 512), the rest being outside the V8 heap, so the limit stayed at 512.
 */
const WORKER_FLAGS = ['--max-old-space-size=512'];

/**
 * Rolldown's native code allocates with mimalloc, which by default commits its arenas eagerly and
 * returns freed pages late; what they cost in time was lost in this machine's noise. The user's own
 * settings win.
 */
const WORKER_ALLOCATOR = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' };

/**
 * Moves one client's pages out of a batch build into `dest`, with a copy of what the batch shares
 * at its root (Astro's _assets): the result is the tree a build of that client alone would give.
 */
export function splitSite(outDir: string, slug: string, slugs: string[], dest: string): void {
  renameSync(join(outDir, slug), dest);
  for (const entry of readdirSync(outDir)) {
    if (!slugs.includes(entry)) cpSync(join(outDir, entry), join(dest, entry), { recursive: true });
  }
}
