import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildKey, copyDirAtomic, TOOL_ROOT, toolFingerprint } from '../shared/index.ts';

// A released version's site depends only on its commit, the base path and irplan itself, so it is
// built once and kept: a client with ten releases does not pay for ten site builds on every change.

const CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'irplan', 'versions');

/** Where the site of one released version is kept, keyed by everything it depends on. */
export function versionCachePath(slug: string, version: string, commit: string, base: string): string {
  const key = buildKey({ slug, version, commit, base, tool: toolFingerprint() });
  return join(CACHE_DIR, `${slug}@${version}-${key.slice(0, 16)}`);
}

/** Copies a cached site to `dest`; false when it is not cached. */
export function restoreVersion(cached: string, dest: string): boolean {
  if (!existsSync(cached)) return false;
  cpSync(cached, dest, { recursive: true });
  return true;
}

/** Keeps a freshly built site; when another build stored it first or the cache is read-only, it is only not kept. */
export function storeVersion(site: string, cached: string): void {
  copyDirAtomic(site, cached);
}
