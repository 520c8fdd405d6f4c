import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { UserError } from './errors.ts';

// Every git call goes through runGit: a large enough buffer, no prompt, and git's own message kept.

const MAX_BUFFER = 64 * 1024 * 1024;

/** Runs git and returns its output as text; throws with git's stderr in the error when git fails. */
function runGit(cwd: string, args: string[]): string {
  return runGitBytes(cwd, args).toString('utf8');
}

/** Runs git and returns its output as bytes (a blob may be binary, such as a plan's logo). */
function runGitBytes(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_BUFFER });
}

/** Runs git quietly; null when git or the repository is missing, or the command fails. */
export function git(cwd: string, args: string[]): string | null {
  try {
    return runGit(cwd, args).trim();
  } catch {
    return null;
  }
}

/** Runs git where a failure is the user's to fix: a user error carrying git's own message and a hint. */
export function gitOrFail(cwd: string, args: string[], hint: string): string {
  try {
    return runGit(cwd, args).trim();
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim();
    throw new UserError('IRP_GIT', `git ${args[0]} failed: ${stderr || String(cause)}`, { hint, cause });
  }
}

/** Resolves a ref to a commit id, or explains how to name one. */
export function resolveCommit(root: string, ref: string): string {
  // A ref starting with "-" would be read by git as an option.
  const commit = ref.startsWith('-') ? null : git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!commit) {
    throw new UserError('IRP_GIT_REF', `"${ref}" is not a commit in this repository`, {
      hint: 'name a branch, tag or commit, e.g. main, HEAD~1 or northwind-logistics@2.1.0; in CI fetch the history (actions/checkout with fetch-depth: 0)',
    });
  }
  return commit;
}

/** A file as git stores it at a commit. */
interface TreeEntry {
  mode: string;
  object: string;
  path: string;
}

/** Lists the regular files under `paths` at a commit. */
function listTree(root: string, commit: string, paths: string[]): TreeEntry[] {
  return runGit(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', , object = ''] = line.slice(0, tab).split(' ');
      return { mode, object, path: line.slice(tab + 1) };
    });
}

/** Reads one blob's bytes (not text: a plan's logo is binary). */
function readBlob(root: string, object: string): Buffer {
  return runGitBytes(root, ['cat-file', 'blob', object]);
}

/**
 * Writes the files under `paths` as they are at `commit` into `dest`, straight from git's objects:
 * the working tree and the index are never touched. Only regular files are written; symbolic links
 * and submodules are left out, so nothing read at a ref can point outside `dest`.
 */
export function exportTree(root: string, commit: string, paths: string[], dest: string): string[] {
  const written: string[] = [];
  for (const entry of listTree(root, commit, paths)) {
    if (entry.mode !== '100644' && entry.mode !== '100755') continue;
    const rel = normalize(entry.path);
    if (rel.startsWith('..') || rel.startsWith('/')) continue;
    const file = join(dest, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, readBlob(root, entry.object));
    written.push(rel);
  }
  return written;
}
