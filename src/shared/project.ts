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
    if (up === dir) {
      dir = resolve(cwd);
      break;
    }
    dir = up;
  }
  const own = join(dir, 'templates');
  return {
    root: dir,
    plansDir: join(dir, 'plans'),
    templatesDir: existsSync(own) ? own : join(TOOL_ROOT, 'templates'),
  };
}

/** Facts from git that outputs may depend on: the commit and its time. Never the wall clock. */
export interface SourceStamp {
  commit: string | null;
  epochSeconds: number | null;
}

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

/** What git says about the plan repository, read once per build with three git calls. */
export interface RepoState {
  /** Paths (relative to the root) with uncommitted changes. */
  dirty: string[];
  /** Release tags, `<slug>@<version>`. */
  tags: string[];
  /** Newest first: each commit with its time and the paths it touched under plans/ and templates/. */
  log: { commit: string; epochSeconds: number; paths: string[] }[];
}

/** Reads status, tags and the history of plans/ and templates/; empty outside git. */
export function readRepoState(root: string): RepoState {
  const status = git(root, ['status', '--porcelain', '--untracked-files=all', '--', 'plans', 'templates']);
  const tags = git(root, ['tag', '--list', '*@*']);
  const log = git(root, ['log', '--format=%x01%H %ct', '--name-only', '--', 'plans', 'templates']);
  return {
    dirty: (status ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3).replace(/^.* -> /, '')),
    tags: (tags ?? '').split('\n').filter(Boolean),
    log: (log ?? '')
      .split('\u0001')
      .filter(Boolean)
      .map((chunk) => {
        const [head = '', ...paths] = chunk.split('\n').filter(Boolean);
        const [commit = '', time = '0'] = head.split(' ');
        return { commit, epochSeconds: Number(time), paths };
      }),
  };
}

/**
 * The commit a client's outputs come from: the newest one that touched its folder, the MSP
 * defaults or the templates. Its time dates the outputs, so an unrelated commit changes nothing.
 */
export function clientStamp(state: RepoState, slug: string, env: NodeJS.ProcessEnv = process.env): SourceStamp {
  const own = `plans/${slug}/`;
  const hit = state.log.find((c) =>
    c.paths.some((p) => p.startsWith(own) || p === 'plans/defaults.yaml' || p.startsWith('templates/')),
  );
  const fromEnv = env.SOURCE_DATE_EPOCH;
  const epochSeconds = fromEnv && /^\d+$/.test(fromEnv) ? Number(fromEnv) : (hit?.epochSeconds ?? null);
  return { commit: hit?.commit ?? null, epochSeconds };
}

/** True when the client's folder, the defaults or the templates have uncommitted changes. */
export function clientDirty(state: RepoState, slug: string): boolean {
  return state.dirty.some(
    (p) => p.startsWith(`plans/${slug}/`) || p === 'plans/defaults.yaml' || p.startsWith('templates/'),
  );
}
