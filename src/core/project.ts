import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where irplan itself is installed: its Astro project, schema and default templates. */
export const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The plan repository the user works in. */
export interface Project {
  root: string;
  plansDir: string;
  templatesDir: string;
}

/** Finds the plan repository: the nearest folder upwards that holds plans/. */
export function findProject(cwd: string): Project {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'plans'))) break;
    const up = dirname(dir);
    if (up === dir) { dir = resolve(cwd); break; }
    dir = up;
  }
  const own = join(dir, 'templates');
  return { root: dir, plansDir: join(dir, 'plans'), templatesDir: existsSync(own) ? own : join(TOOL_ROOT, 'templates') };
}

/** Facts from git that outputs may depend on: the commit and its time. Never the wall clock. */
export interface SourceStamp { commit: string | null; epochSeconds: number | null }

/** SOURCE_DATE_EPOCH wins; else the commit time; else null (outside git: the plan's date is used). */
export function sourceStamp(root: string, env: NodeJS.ProcessEnv = process.env): SourceStamp {
  const commit = git(root, ['rev-parse', 'HEAD']);
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv && /^\d+$/.test(fromEnv)) return { commit, epochSeconds: Number(fromEnv) };
  const time = commit ? git(root, ['log', '-1', '--format=%ct', 'HEAD']) : null;
  return { commit, epochSeconds: time ? Number(time) : null };
}

/** The build's epoch for one client: the stamp, else the plan's effective date, else 1970. */
export function clientEpoch(stamp: SourceStamp, effective: string | undefined): number {
  if (stamp.epochSeconds !== null) return stamp.epochSeconds;
  const t = effective ? Date.parse(`${effective}T00:00:00Z`) : NaN;
  return Number.isNaN(t) ? 0 : t / 1000;
}

/** True when these paths have changes git has not committed. */
export function isDirty(root: string, paths: string[]): boolean {
  const out = git(root, ['status', '--porcelain', '--', ...paths]);
  return out === null ? false : out.length > 0;
}

/** Runs git quietly; null when git or the repository is missing. */
export function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
