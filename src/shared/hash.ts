import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Incremental builds: each client's outputs are keyed by a hash of everything they depend on.
// When the key matches the one stored beside the outputs, the client is not rebuilt or reprinted
// and its files stay untouched (same bytes, same mtime).

/** The file beside a client's outputs that records the key they were built from. */
export const KEY_FILE = '.irplan-build.json';

/** Hashes every file below these paths (sorted, with relative names), skipping what never matters. */
export function hashTree(paths: string[], root: string): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    for (const file of listFiles(path)) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split('/').some((part) => part === 'node_modules' || part.startsWith('.')))
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** One key from the parts a client's outputs depend on. */
export function buildKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** What the key file records: the key, and the logo the plan named (a file outside the client's folder). */
export interface KeyRecord {
  key: string;
  logo: string | null;
}

/** The record beside a client's outputs; undefined when there is none or it is unreadable. */
export function readKeyRecord(dir: string): KeyRecord | undefined {
  try {
    const found = JSON.parse(readFileSync(join(dir, KEY_FILE), 'utf8')) as Partial<KeyRecord>;
    return typeof found.key === 'string'
      ? { key: found.key, logo: typeof found.logo === 'string' ? found.logo : null }
      : undefined;
  } catch {
    return undefined;
  }
}

/** True when `dir` holds outputs built from exactly this key. */
export function isFresh(dir: string, key: string): boolean {
  return readKeyRecord(dir)?.key === key;
}
