import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildKey, hashTree } from '../shared/index.ts';
import { TOOL_ROOT } from '../shared/index.ts';

// A released version's site depends only on its commit, the base path and irplan itself, so it is
// built once and kept: a client with ten releases does not pay for ten site builds on every change.

const CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'irplan', 'versions');

let toolHash: string | undefined;

/** Where the site of one released version is kept, keyed by everything it depends on. */
export function versionCachePath(slug: string, version: string, commit: string, base: string): string {
  toolHash ??= hashTree(
    ['src', 'templates', 'astro.config.mjs', 'package-lock.json'].map((p) => join(TOOL_ROOT, p)),
    TOOL_ROOT,
  );
  const key = buildKey({ slug, version, commit, base, tool: toolHash });
  return join(CACHE_DIR, `${slug}@${version}-${key.slice(0, 16)}`);
}

/** Copies a cached site to `dest`; false when it is not cached. */
export function restoreVersion(cached: string, dest: string): boolean {
  if (!existsSync(cached)) return false;
  cpSync(cached, dest, { recursive: true });
  return true;
}

/** Keeps a freshly built site; the rename makes it appear whole or not at all. */
export function storeVersion(site: string, cached: string): void {
  const tmp = `${cached}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(cached), { recursive: true });
    cpSync(site, tmp, { recursive: true });
    renameSync(tmp, cached);
  } catch {
    // Another build stored it first, or the cache is read-only: the site is still built, only not kept.
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
