import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The service worker, at the site's root so that its scope is the whole site. */
const WORKER_FILE = 'sw.js';

/** The worker's code; this module writes the list of files and the build's version above it. */
const WORKER_SOURCE = new URL('./scripts/service-worker.js', import.meta.url);

/**
 * The files the worker caches at install: every file of the site as it stands, relative to its root,
 * sorted. Released versions (versions/, added later) are whole older sites and stay online-only; the
 * .woff fonts are fallbacks for browsers without woff2, which have no service worker either.
 */
function siteFiles(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(siteDir.length + 1)
        .split(sep)
        .join('/'),
    )
    .filter((f) => f !== WORKER_FILE && !f.startsWith('versions/') && !f.endsWith('.woff'))
    .sort();
}

/**
 * Writes site/sw.js for a finished site: its file list, and a version that is the hash of those
 * files' names and contents, so a changed build replaces the cache and an unchanged one keeps it
 * (and the build stays byte-identical). Returns the number of files and their total size.
 */
export function writeServiceWorker(siteDir: string): { files: number; bytes: number } {
  const files = siteFiles(siteDir);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of files) {
    const data = readFileSync(join(siteDir, file));
    bytes += data.length;
    hash.update(`${file}\n${data.length}\n`).update(data);
  }
  const head = `const FILES = ${JSON.stringify(files)};\nconst VERSION = '${hash.digest('hex').slice(0, 16)}';\n`;
  writeFileSync(join(siteDir, WORKER_FILE), head + readFileSync(WORKER_SOURCE, 'utf8'));
  return { files: files.length, bytes };
}
