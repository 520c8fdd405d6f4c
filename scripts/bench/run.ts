// Runs the real CLI as a child process and reads its JSON events; on request, samples the memory of
// the whole process tree (the CLI, its Astro processes, Chromium and its helpers) every few ms. Sampling is
// not free: reading smaps_rollup of Chromium's processes took about 75 ms per sample here and made
// printing about a third slower, so timed builds run without it and memory has a build of its own.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Event = Record<string, unknown> & { event: string };
export interface CliRun {
  events: Event[];
  wall_s: number;
  peak_rss_mb: number;
  peak_pss_mb: number;
  /** At the PSS peak: MB by kind of process (node, astro, browser, renderer, gpu, utility, other), and the last event before it. */
  peak_by_kind: Record<string, number>;
  peak_after_event: string;
  /** The highest PSS each kind of process reached at any sample, in MB (not at the same moment). */
  max_by_kind: Record<string, number>;
  pid: number;
  code: number;
  stderr: string;
}

const PAGE = 4096;

/** Parent pid of every process, read from /proc. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      /* the process ended */
    }
  }
  return map;
}

/**
 * Resident memory of `root` and all its descendants, in bytes: the sum of RSS (shared pages such as
 * Chromium's counted once per process) and the sum of PSS (shared pages divided among their users).
 */
function treeMemory(root: number): { rss: number; pss: number; byKind: Record<string, number> } {
  const map = parents();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of map)
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  let rss = 0;
  let pss = 0;
  const byKind: Record<string, number> = {};
  for (const pid of tree) {
    try {
      rss += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      const own = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
      pss += own;
      const kind = processKind(pid, root);
      byKind[kind] = (byKind[kind] ?? 0) + own;
    } catch {
      /* ended */
    }
  }
  return { rss, pss, byKind };
}

/** What a process of the build is, from its command line: where the peak's memory sits. */
function processKind(pid: number, root: number): string {
  if (pid === root) return 'node';
  const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
  if (type) return type === 'gpu-process' ? 'gpu' : type;
  if (/chrom/i.test(cmd.split('\0')[0] ?? '')) return 'browser';
  if (/astro|site\/worker\.ts/i.test(cmd)) return 'astro';
  if (/pagefind/i.test(cmd)) return 'pagefind';
  return 'other';
}

/**
 * `<tool>/bin/irplan.mjs build --json <args>` with cwd = the project; fails loudly when the build fails.
 * With `sampleMs`, the process tree's memory is sampled that often.
 */
export async function runBuild(
  tool: string,
  project: string,
  args: string[],
  env: Record<string, string> = {},
  sampleMs?: number,
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(tool, 'bin', 'irplan.mjs'), 'build', '--json', ...args], {
    cwd: project,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let peak = 0;
  let peakPss = 0;
  let peakByKind: Record<string, number> = {};
  let peakAfter = '';
  const maxByKind: Record<string, number> = {};
  const pid = child.pid ?? 0;
  const sample = () => {
    const m = treeMemory(pid);
    peak = Math.max(peak, m.rss);
    for (const [k, v] of Object.entries(m.byKind)) maxByKind[k] = Math.max(maxByKind[k] ?? 0, Math.round(v / 2 ** 20));
    if (m.pss <= peakPss) return;
    peakPss = m.pss;
    peakByKind = Object.fromEntries(Object.entries(m.byKind).map(([k, v]) => [k, Math.round(v / 2 ** 20)]));
    peakAfter = stdout.trimEnd().split('\n').at(-1) ?? '';
  };
  const timer = sampleMs ? setInterval(sample, sampleMs) : undefined;
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(timer);
  const wall_s = (performance.now() - started) / 1000;
  const events = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Event);
  if (code !== 0 || !events.some((e) => e.event === 'done'))
    throw new Error(`irplan build ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  return {
    events,
    wall_s,
    peak_rss_mb: peak / 2 ** 20,
    peak_pss_mb: peakPss / 2 ** 20,
    peak_by_kind: peakByKind,
    peak_after_event: peakAfter,
    max_by_kind: maxByKind,
    pid,
    code,
    stderr,
  };
}

/** Sum of one stage's times over all clients, in seconds. */
export function stageSeconds(events: Event[], stage: string): number {
  return events.filter((e) => e.event === 'stage' && e.stage === stage).reduce((s, e) => s + Number(e.ms), 0) / 1000;
}

export function doneEvent(events: Event[]): {
  built: number;
  unchanged: number;
  failed: number;
  ms: number;
  prints: number;
  /** Binder prints not kept: the page numbers they showed were not their own. */
  numberingPrints: number;
  /** Parts of binders printed (src/pdf/parts.ts). */
  partPrints: number;
  /** PDFs kept from the previous build because their print input was unchanged. */
  kept: number;
} {
  return events.find((e) => e.event === 'done') as never;
}
