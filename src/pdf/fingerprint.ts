// What a PDF depends on, as one hash: the print page's HTML and every file it loads, the job's
// options (paper, metadata, date), the code that prints and post-processes, and the browser. Two
// prints with equal hashes give the same bytes, so the build may keep the previous PDF instead.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { hashTree, TOOL_ROOT } from '../shared/index.ts';
import type { PrintJob } from './job.ts';

/** What every job's hash shares: the print code and the browser's version, found once per build. */
export interface PrintBasis {
  code: string;
  browser: string;
  /** Hashes of the files pages load, by path: a client's fonts and styles are read once. */
  files: Map<string, string>;
}

/** The shared part of every print hash; `executable` is the browser the build will launch. */
export function printBasis(executable: string): PrintBasis {
  const run = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  // A browser that cannot say its version still prints: its path stands in (a new one is a new path or a rebuild).
  const browser = run.status === 0 ? run.stdout.trim() : executable;
  const code = hashTree([join(TOOL_ROOT, 'src', 'pdf'), join(TOOL_ROOT, 'package-lock.json')], TOOL_ROOT);
  return { code, browser, files: new Map() };
}

/**
 * The hash of one job's input. `root` is the folder its page is served from at `base`. A missing
 * page is never reused: its print fails and reports it.
 */
export function printInputHash(job: PrintJob, root: string, base: string, basis: PrintBasis): string {
  const h = createHash('sha256');
  // A binder's predicted numbering only spares a print: the PDF is the same (numbered.ts).
  // Where a binder's parts are kept is not what it prints (parts.ts).
  const { url: _url, out: _out, numbering: _numbering, parts: _parts, ...options } = job;
  h.update(JSON.stringify({ code: basis.code, browser: basis.browser, options }));
  const page = pagePath(job.url, base);
  const html = join(root, page, 'index.html');
  h.update(`\0page ${page}\0`);
  h.update(existsSync(html) ? readFileSync(html) : 'missing');
  hashLoadedFiles(h, html, root, base, basis);
  return h.digest('hex');
}

/**
 * What every part of a binder's print depends on beside its own markup (parts.ts): the files its
 * page loads, the print code, the browser and the paper. Both audiences' binders share it.
 */
export function partsBasis(job: PrintJob, root: string, base: string, basis: PrintBasis): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ code: basis.code, browser: basis.browser, paper: job.paper }));
  hashLoadedFiles(h, join(root, pagePath(job.url, base), 'index.html'), root, base, basis);
  return h.digest('hex');
}

/** Adds the files a page loads, by their served path: the folder they are served from differs from build to build. */
function hashLoadedFiles(h: Hash, html: string, root: string, base: string, basis: PrintBasis): void {
  for (const file of loadedFiles(html, root, base))
    h.update(`\0${relative(root, file)}\0${fileHash(file, root, base, basis)}`);
}

/** The path of a job's page below the served root: its URL without the origin and the base. */
function pagePath(url: string, base: string): string {
  const path = decodeURIComponent(new URL(url).pathname);
  return path.startsWith(base) ? path.slice(base.length) : path;
}

/**
 * The local files an HTML page or style sheet loads (style sheets, scripts, images, fonts), sorted.
 * Links the reader follows (pages, PDFs) are not loaded by the print.
 */
function loadedFiles(file: string, root: string, base: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const patterns = file.endsWith('.css')
    ? [/url\(\s*["']?([^"')]+)["']?\s*\)/g, /@import\s+["']([^"']+)["']/g]
    : [/<link\b[^>]*\shref="([^"]+)"/g, /\ssrc="([^"]+)"/g];
  const refs = patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] ?? ''));
  const files = refs.flatMap((ref) => {
    const at = localFile(ref, file, root, base);
    return at ? [at] : [];
  });
  return [...new Set(files)].sort();
}

/** The file a reference loads from the served root; undefined for pages, anchors and other hosts. */
function localFile(ref: string, from: string, root: string, base: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('#') || ref.startsWith('//')) return undefined;
  const path = ref.split(/[?#]/)[0] ?? '';
  if (path === '' || path.endsWith('/') || !/\.[a-z0-9]+$/i.test(path)) return undefined;
  if (path.startsWith('/')) return path.startsWith(base) ? join(root, path.slice(base.length)) : undefined;
  return join(dirname(from), ...posix.normalize(path).split('/'));
}

/** A loaded file's hash; a style sheet's includes the files it loads in turn (fonts). */
function fileHash(file: string, root: string, base: string, basis: PrintBasis): string {
  const known = basis.files.get(file);
  if (known) return known;
  const h = createHash('sha256');
  h.update(existsSync(file) ? readFileSync(file) : 'missing');
  if (file.endsWith('.css'))
    for (const f of loadedFiles(file, root, base)) h.update(`\0${fileHash(f, root, base, basis)}`);
  const hash = h.digest('hex');
  basis.files.set(file, hash);
  return hash;
}
