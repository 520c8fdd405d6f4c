import { git } from './git.ts';

// What outputs may depend on from git: commits, their times, tags and uncommitted changes. Never
// the wall clock, so the same inputs give the same bytes on any machine, any day.

/** The commit outputs come from, and its time in epoch seconds. */
export interface SourceStamp {
  commit: string | null;
  epochSeconds: number | null;
}

/** The repository's HEAD; `sourceDateEpoch` (SOURCE_DATE_EPOCH) wins over its time; null outside git. */
export function sourceStamp(root: string, sourceDateEpoch: number | null): SourceStamp {
  const commit = git(root, ['rev-parse', 'HEAD']);
  if (sourceDateEpoch !== null) return { commit, epochSeconds: sourceDateEpoch };
  const time = commit ? git(root, ['log', '-1', '--format=%ct', 'HEAD']) : null;
  return { commit, epochSeconds: time ? Number(time) : null };
}

/** The build's epoch for one client: the stamp, else the plan's effective date, else 1970. */
export function clientEpoch(stamp: SourceStamp, effective: string | undefined): number {
  if (stamp.epochSeconds !== null) return stamp.epochSeconds;
  const t = effective ? Date.parse(`${effective}T00:00:00Z`) : NaN;
  return Number.isNaN(t) ? 0 : t / 1000;
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
    // git() trims its output, so the first line may have lost the blank of " M path": the status
    // letters are matched, not counted.
    dirty: lines(status).map((l) => l.replace(/^[ MTADRCU?!]{1,2} /, '').replace(/^.* -> /, '')),
    tags: lines(tags),
    log: (log ?? '')
      .split('\u0001')
      .filter(Boolean)
      .map((chunk) => {
        const [head = '', ...paths] = lines(chunk);
        const [commit = '', time = '0'] = head.split(' ');
        return { commit, epochSeconds: Number(time), paths };
      }),
  };
}

function lines(text: string | null): string[] {
  return (text ?? '').split('\n').filter(Boolean);
}

/** True when a repository path is one of a client's inputs: its folder, the MSP defaults or the templates. */
function isClientInput(path: string, slug: string): boolean {
  return path.startsWith(`plans/${slug}/`) || path === 'plans/defaults.yaml' || path.startsWith('templates/');
}

/**
 * The commit a client's outputs come from: the newest one that touched its inputs. Its time dates
 * the outputs, so an unrelated commit changes nothing; `sourceDateEpoch` wins over it.
 */
export function clientStamp(state: RepoState, slug: string, sourceDateEpoch: number | null): SourceStamp {
  const hit = state.log.find((c) => c.paths.some((p) => isClientInput(p, slug)));
  return { commit: hit?.commit ?? null, epochSeconds: sourceDateEpoch ?? hit?.epochSeconds ?? null };
}

/**
 * The commit one document of a client comes from: the newest that touched its folder, the defaults
 * or a template file the document depends on. `sources` are the document templates it depends on
 * (relative to templates/, from src/render); any other template file (partials, data, messages)
 * counts for every document, and null means every template. A commit that only changed another
 * document's template leaves this one's date, so its PDF keeps its bytes.
 */
export function documentStamp(
  state: RepoState,
  slug: string,
  sources: string[] | null,
  sourceDateEpoch: number | null,
): SourceStamp {
  const own = sources && new Set(sources);
  const affects = (path: string) => {
    if (!isClientInput(path, slug)) return false;
    if (!own || !path.startsWith('templates/')) return true;
    // A translation of a document is that document: templates/locales/<tag>/<path>.
    const rel = path.slice('templates/'.length).replace(/^locales\/[^/]+\//, '');
    return !isDocumentTemplate(rel) || own.has(rel);
  };
  const hit = state.log.find((c) => c.paths.some(affects));
  return { commit: hit?.commit ?? null, epochSeconds: sourceDateEpoch ?? hit?.epochSeconds ?? null };
}

/** A document's own template (not a partial, data or messages), relative to templates/. */
function isDocumentTemplate(rel: string): boolean {
  return rel.endsWith('.md.hbs') && !rel.startsWith('partials/');
}

/** True when the client's folder, the defaults or the templates have uncommitted changes. */
export function clientDirty(state: RepoState, slug: string): boolean {
  return state.dirty.some((p) => isClientInput(p, slug));
}
