import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, UserErrors } from '../shared/index.ts';
import { checkSlug, loadYamlFile, nearestPosition } from '../plan/index.ts';
import { releaseApprover } from './approver.ts';
import { editRelease } from './planedit.ts';
import { readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { git, gitOrFail } from '../shared/index.ts';
import type { Position, Project } from '../shared/index.ts';
import { refuseUncommitted } from './worktree.ts';

/** How a release sets the version: raise one part of it, or release the version in the file as it is. */
export type Bump = 'patch' | 'minor' | 'major' | 'as-is';

export interface ReleaseOptions {
  slug: string;
  bump: Bump;
  /** What changed, for the revision history; optional only with as-is. */
  summary: string | null;
  /** A contact id given on the command line; null takes plan.approver. */
  approver: string | null;
  date: string;
}

export interface Released {
  version: string;
  tag: string;
  file: string;
  commit: string;
  /** Who approved it, as recorded: the contact's name and title. */
  approver: string;
}

/** The next semantic version: 2.1.3 → patch 2.1.4, minor 2.2.0, major 3.0.0, as-is 2.1.3. */
export function bumpVersion(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m)
    throw new UserError('IRP_RELEASE_VERSION', `plan.version "${version}" is not MAJOR.MINOR.PATCH`, {
      hint: 'set plan.version to a version like "1.0.0" first',
    });
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === 'as-is') return version;
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The tag of a client's released version. */
function releaseTag(slug: string, version: string): string {
  return `${slug}@${version}`;
}

/**
 * Releases one client: sets plan.version (raised, or as it is), records the release and its
 * approver in plan.history, commits only that file and tags it. Refuses an invalid plan, a client
 * that is not committed, and a version already released, so the tag holds exactly what was reviewed.
 */
export function releaseClient(project: Project, opts: ReleaseOptions): Released {
  const client = readValid(project, opts.slug);
  refuseUncommitted(project.root, relative(project.root, client.dir));
  const file = planFile(client);
  const at = positionsIn(file);
  const approver = releaseApprover(client, opts.approver, at('plan', true));
  const version = bumpVersion(client.plan.plan.version, opts.bump);
  refuseReleased(project.root, opts, client, version, at);
  const tag = releaseTag(opts.slug, version);
  const before = readFileSync(file, 'utf8');
  const release = { version, date: opts.date, approver, ...(opts.summary ? { summary: opts.summary } : {}) };
  writeFileSync(file, editRelease(file, before, release));
  try {
    readValid(project, opts.slug);
    const body = [opts.summary, `Approved-by: ${approver}`].filter(Boolean).join('\n\n');
    run(project.root, [
      'commit',
      '--quiet',
      '-m',
      `${opts.slug}: release ${version}\n\n${body}`,
      '--',
      relative(project.root, file),
    ]);
  } catch (err) {
    writeFileSync(file, before);
    throw err;
  }
  run(project.root, ['tag', '-a', tag, '-m', `${opts.slug} ${version}${opts.summary ? `: ${opts.summary}` : ''}`]);
  return { version, tag, file, commit: run(project.root, ['rev-parse', 'HEAD']), approver };
}

/** A version is released once: its tag must not exist, and as-is must not find it in the history already. */
function refuseReleased(
  root: string,
  opts: ReleaseOptions,
  client: ValidClient,
  version: string,
  at: (path: string) => Position,
): void {
  const tag = releaseTag(opts.slug, version);
  if (git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`]) !== null) {
    throw new UserError(
      'IRP_RELEASE_TAG_EXISTS',
      `version ${version} of ${opts.slug} is already released (tag ${tag})`,
      {
        position: at('plan/version'),
        hint:
          opts.bump === 'as-is'
            ? 'release --as-is releases the version in the file once; for changes since, release with --patch, --minor or --major'
            : 'plan.version is behind the released tags: set it to the latest released version, or release with --minor or --major',
      },
    );
  }
  const recorded = (client.plan.plan.history ?? []).findIndex((h) => h.version === version);
  if (opts.bump === 'as-is' && recorded >= 0) {
    throw new UserError(
      'IRP_RELEASE_RECORDED',
      `plan.history already records version ${version}, but it was never tagged`,
      {
        position: at(`plan/history/${recorded}`),
        hint: 'release --as-is writes that entry itself: remove it and release again, or release a new version with --patch, --minor or --major',
      },
    );
  }
}

function readValid(project: Project, slug: string): ValidClient {
  const bad = checkSlug(project.plansDir, slug);
  if (bad) throw bad;
  const read = readClients(project.plansDir, [slug]);
  if (read.errors.length > 0 || !read.clients[0]) throw new UserErrors(read.errors);
  return read.clients[0];
}

/** Where a path of the plan file was written (its key, when `key`), else its nearest written parent. */
function positionsIn(file: string): (path: string, key?: boolean) => Position {
  const loaded = loadYamlFile(file);
  return (path, key = false) =>
    nearestPosition(path, loaded.positions, { file, line: 1, col: 1 }, key ? loaded.keyPositions : undefined);
}

/** The client file that holds the plan: section (plan.yaml, or a sibling file it moved to). */
function planFile(client: ValidClient): string {
  const file = client.files.find((f) => 'plan' in loadYamlFile(f).data);
  if (!file)
    throw new UserError('IRP_RELEASE_EDIT', `no file in plans/${client.slug}/ holds the plan: section`, {
      position: { file: join(client.dir, 'plan.yaml'), line: 1, col: 1 },
      hint: 'add plan: with version: to plans/<slug>/plan.yaml',
    });
  return file;
}

const GIT_HINTS: Record<string, string> = {
  commit: 'set your name for commits: git config user.name "Your Name"; git config user.email you@example.com',
  tag: 'set your name for commits: git config user.name "Your Name"; git config user.email you@example.com',
};

/** Runs git where a failure ends the release with git's own message. */
function run(root: string, args: string[]): string {
  return gitOrFail(root, args, GIT_HINTS[args[0] ?? ''] ?? 'run the git command by hand to see what it needs');
}
