import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, UserErrors } from '../shared/index.ts';
import { checkSlug, loadYamlFile } from '../plan/index.ts';
import { editRelease } from './planedit.ts';
import { readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { git, gitOrFail } from '../shared/index.ts';
import type { Project } from '../shared/index.ts';

export type Bump = 'patch' | 'minor' | 'major';

export interface ReleaseOptions {
  slug: string;
  bump: Bump;
  summary: string;
  approver: string;
  date: string;
}

export interface Released {
  version: string;
  tag: string;
  file: string;
  commit: string;
}

/** The next semantic version: 2.1.3 → patch 2.1.4, minor 2.2.0, major 3.0.0. */
export function bumpVersion(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m)
    throw new UserError('IRP_RELEASE_VERSION', `plan.version "${version}" is not MAJOR.MINOR.PATCH`, {
      hint: 'set plan.version to a version like "1.0.0" first',
    });
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The tag of a client's released version. */
function releaseTag(slug: string, version: string): string {
  return `${slug}@${version}`;
}

/**
 * Releases one client: bumps plan.version, records the release in plan.history, commits only that
 * file and tags it. Refuses an invalid plan and a client folder with uncommitted changes, so the
 * tag holds exactly what was reviewed.
 */
export function releaseClient(project: Project, opts: ReleaseOptions): Released {
  const client = readValid(project, opts.slug);
  const folder = relative(project.root, client.dir);
  refuseDirty(project.root, folder, client.dir);
  const version = bumpVersion(client.plan.plan.version, opts.bump);
  const tag = releaseTag(opts.slug, version);
  if (git(project.root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`]) !== null) {
    throw new UserError('IRP_RELEASE_TAG_EXISTS', `the tag ${tag} already exists`, {
      position: { file: client.files[0] ?? client.dir, line: 1, col: 1 },
      hint: 'plan.version is behind the released tags: set it to the latest released version, or release with --minor or --major',
    });
  }
  const file = planFile(client);
  const before = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    editRelease(file, before, { version, date: opts.date, summary: opts.summary, approver: opts.approver }),
  );
  try {
    readValid(project, opts.slug);
    const rel = relative(project.root, file);
    run(project.root, [
      'commit',
      '--quiet',
      '-m',
      `${opts.slug}: release ${version}\n\n${opts.summary}\n\nApproved-by: ${opts.approver}`,
      '--',
      rel,
    ]);
  } catch (err) {
    writeFileSync(file, before);
    throw err;
  }
  run(project.root, ['tag', '-a', tag, '-m', `${opts.slug} ${version}: ${opts.summary}`]);
  return { version, tag, file, commit: run(project.root, ['rev-parse', 'HEAD']) };
}

function readValid(project: Project, slug: string): ValidClient {
  const bad = checkSlug(project.plansDir, slug);
  if (bad) throw bad;
  const read = readClients(project.plansDir, [slug]);
  if (read.errors.length > 0 || !read.clients[0]) throw new UserErrors(read.errors);
  return read.clients[0];
}

function refuseDirty(root: string, folder: string, dir: string): void {
  if (git(root, ['rev-parse', '--git-dir']) === null) {
    throw new UserError('IRP_NOT_GIT', `${root} is not a git repository`, {
      position: { file: root, line: 1, col: 1 },
      hint: 'release commits and tags: run git init and commit the plans first',
    });
  }
  const status = git(root, ['status', '--porcelain', '--untracked-files=all', '--', folder]) ?? '';
  if (status !== '') {
    const files = status
      .split('\n')
      .map((l) => l.trim().replace(/^\S+\s+/, ''))
      .join(', ');
    throw new UserError('IRP_RELEASE_DIRTY', `${folder} has uncommitted changes: ${files}`, {
      position: { file: dir, line: 1, col: 1 },
      hint: 'commit (or stash) them first, so the release tags exactly what was reviewed',
    });
  }
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
