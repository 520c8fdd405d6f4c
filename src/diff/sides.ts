import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { UserError } from '../shared/index.ts';
import { exportTree, resolveCommit } from '../shared/index.ts';
import { readClients } from '../plan/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { git, templatesOf } from '../shared/index.ts';

/** One side of a comparison: a commit, or the working tree when `commit` is null. */
export interface SideRef {
  label: string;
  commit: string | null;
}

/** The plans and templates of one side, read and validated. */
export interface LoadedSide {
  ref: SideRef;
  /** Where the side's files are: the project itself, or a temporary export of the commit. */
  root: string;
  templatesDir: string;
  clients: Map<string, ValidClient>;
  /** Clients that exist on this side but do not validate, with their errors. */
  invalid: Map<string, UserError[]>;
  /** Template files (templates/**, plans/<slug>/templates/**) by path, with their text. */
  templates: Map<string, string>;
  dispose(): void;
}

/**
 * The refs compared when none or one is named. Head is the working tree (so uncommitted edits are
 * included); base is where this branch left main, or, on main itself, the last commit (HEAD~1 when
 * the tree is clean, HEAD when it has uncommitted plan changes).
 */
export function defaultRefs(
  root: string,
  base: string | undefined,
  head: string | undefined,
): { base: SideRef; head: SideRef } {
  const headRef: SideRef =
    head === undefined ? { label: 'working tree', commit: null } : { label: head, commit: resolveCommit(root, head) };
  if (base !== undefined) return { base: { label: base, commit: resolveCommit(root, base) }, head: headRef };
  const here = resolveCommit(root, 'HEAD');
  const main = ['main', 'origin/main', 'master'].map((r) => git(root, ['merge-base', here, r])).find((c) => c !== null);
  if (main && main !== here) return { base: { label: 'merge-base with main', commit: main }, head: headRef };
  const dirty = (git(root, ['status', '--porcelain', '--', 'plans', 'templates']) ?? '') !== '';
  if (head === undefined && dirty) return { base: { label: 'HEAD', commit: here }, head: headRef };
  return { base: { label: 'HEAD~1', commit: resolveCommit(root, 'HEAD~1') }, head: headRef };
}

/** Reads one side: a commit straight from git's objects, or the working tree as it is. */
export function loadSide(root: string, ref: SideRef): LoadedSide {
  let dir = root;
  let dispose = () => {};
  if (ref.commit !== null) {
    dir = mkdtempSync(join(tmpdir(), 'irplan-diff-'));
    const tmp = dir;
    dispose = () => rmSync(tmp, { recursive: true, force: true });
    exportTree(root, ref.commit, ['plans', 'templates'], dir);
  }
  try {
    const templatesDir = templatesOf(dir);
    const { clients, invalid } = readSideClients(dir, ref);
    return { ref, root: dir, templatesDir, clients, invalid, templates: readTemplates(dir, templatesDir), dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

function readSideClients(
  dir: string,
  ref: SideRef,
): { clients: Map<string, ValidClient>; invalid: Map<string, UserError[]> } {
  const plansDir = join(dir, 'plans');
  const clients = new Map<string, ValidClient>();
  const invalid = new Map<string, UserError[]>();
  if (!existsSync(plansDir)) return { clients, invalid };
  const read = readClients(plansDir, []);
  for (const c of read.clients) clients.set(c.slug, c);
  const errors = read.errors.filter((e) => e.code !== 'IRP_NO_CLIENTS').map((e) => relocate(e, dir, ref));
  for (const slug of read.failed)
    invalid.set(
      slug,
      errors.filter((e) => belongsTo(e, slug)),
    );
  return { clients, invalid };
}

/** An error in a defaults file concerns every client; one in plans/<slug>/ concerns that client. */
function belongsTo(e: UserError, slug: string): boolean {
  const file = e.position?.file ?? '';
  return !/plans\/[^/]+\//.test(file) || file.includes(`plans/${slug}/`);
}

/** Errors found in a temporary export name the commit and the path in it, as `git show` would. */
function relocate(e: UserError, dir: string, ref: SideRef): UserError {
  if (ref.commit === null || !e.position?.file.startsWith(dir)) return e;
  const file = `${ref.label}:${relative(dir, e.position.file).split(sep).join('/')}`;
  return new UserError(e.code, e.message, { position: { ...e.position, file }, hint: e.hint, cause: e.cause });
}

/** Shared templates under templates/ and each client's overrides under plans/<slug>/templates/. */
function readTemplates(dir: string, templatesDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const add = (root: string, prefix: string) => {
    for (const rel of walk(root)) out.set(`${prefix}${rel}`, readFileSync(join(root, rel), 'utf8'));
  };
  add(templatesDir, 'templates/');
  const plansDir = join(dir, 'plans');
  if (existsSync(plansDir)) {
    for (const slug of readdirSync(plansDir))
      if (existsSync(join(plansDir, slug, 'templates')))
        add(join(plansDir, slug, 'templates'), `plans/${slug}/templates/`);
  }
  return out;
}

function walk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}
