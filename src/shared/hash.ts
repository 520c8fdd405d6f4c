import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TOOL_ROOT } from './project.ts';

// Outputs are keyed by a hash of everything they depend on: equal keys mean equal outputs, so a
// build can skip what has not changed and leave its files untouched.

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

/** One key from the parts an output depends on. */
export function buildKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

let toolHash: string | undefined;

/** irplan's own code, templates and locked dependencies, hashed once per process: a new irplan rebuilds everything. */
export function toolFingerprint(): string {
  toolHash ??= hashTree(
    ['src', 'templates', 'astro.config.mjs', 'package-lock.json'].map((p) => join(TOOL_ROOT, p)),
    TOOL_ROOT,
  );
  return toolHash;
}
