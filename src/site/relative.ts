import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';

// A site built without --base is written with every URL relative to its page, so that the folder
// opens from a file share, a USB stick or an e-mail attachment as well as from any web server path.
// Astro cannot write relative URLs itself (withastro/astro#5435: base './' is unsupported), so its
// output is built under '/' as usual and rewritten here, once, after everything (offline copy,
// versions) has been added. Browsers opening a folder from the file system show a directory
// listing, not index.html: every link to a folder names its index.html.

/** Attributes that hold one URL. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'background']);

/** A start tag with its attributes; quoted values may hold '>' (text between tags is escaped, so never matches). */
const TAG = /<[a-zA-Z][\w-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const ATTR = /(\s)([^\s"'<>/=]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const STYLE_BLOCK = /(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi;

/** Where a file sits in the site, as a URL path under the base, and how to tell a folder from a file. */
interface Page {
  base: string;
  /** The file's own URL path, e.g. /contacts/index.html. */
  url: string;
  /** True when the site has a folder with an index.html at this URL path (under the base, no trailing slash). */
  isFolder: (path: string) => boolean;
}

/**
 * One URL as the page at `page.url` must write it to work from the file system: relative to the
 * page, a folder as its index.html. Anchors, other schemes (tel:, data:, https:) and paths outside
 * the base are left as they are.
 */
export function relativeUrl(value: string, page: Page): string {
  if (value === '' || value.startsWith('#') || value.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(value))
    return value;
  const cut = value.search(/[?#]/);
  const path = cut === -1 ? value : value.slice(0, cut);
  const rest = cut === -1 ? '' : value.slice(cut);
  if (path === '') return value;
  const dir = posix.dirname(page.url).replace(/\/?$/, '/');
  let target = path.startsWith('/') ? posix.normalize(path) : posix.join(dir, path);
  if (!target.startsWith(page.base)) return value;
  if (!target.endsWith('/') && page.isFolder(target.slice(page.base.length))) target += '/';
  if (target.endsWith('/')) target += 'index.html';
  return `${posix.relative(dir, target)}${rest}`;
}

/** Every url(...) of a stylesheet, relative to the file (or page) it is in. */
function rewriteCss(css: string, page: Page): string {
  return css.replace(CSS_URL, (all, quote: string, url: string) => {
    const rel = relativeUrl(url.trim(), page);
    return rel === url.trim() ? all : `url(${quote}${rel}${quote})`;
  });
}

/** One srcset: comma-separated candidates, each a URL and an optional descriptor. */
function rewriteSrcset(value: string, page: Page): string {
  return value
    .split(',')
    .map((candidate) =>
      candidate.replace(/^(\s*)(\S+)/, (_m, space: string, url: string) => space + relativeUrl(url, page)),
    )
    .join(',');
}

/** One attribute's value, by what the attribute holds. */
function rewriteAttr(name: string, value: string, page: Page): string {
  const key = name.toLowerCase();
  if (URL_ATTRS.has(key)) return relativeUrl(value, page);
  if (key === 'srcset') return rewriteSrcset(value, page);
  if (key === 'style') return rewriteCss(value, page);
  return value;
}

/** Every URL of one HTML page: its tags' attributes and its <style> blocks. */
export function rewriteHtml(html: string, page: Page): string {
  const tags = html.replace(TAG, (tag) =>
    tag.replace(ATTR, (all, space: string, name: string, eq: string, dq?: string, sq?: string, bare?: string) => {
      const value = dq ?? sq ?? bare ?? '';
      const rel = rewriteAttr(name, value, page);
      if (rel === value) return all;
      return `${space}${name}${eq}${sq !== undefined ? `'${rel}'` : `"${rel}"`}`;
    }),
  );
  return tags.replace(
    STYLE_BLOCK,
    (_m, open: string, css: string, close: string) => open + rewriteCss(css, page) + close,
  );
}

/** The site's HTML pages and stylesheets, as paths relative to the site with forward slashes. Pagefind's own bundle is left alone. */
function siteFiles(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.html') || (f.endsWith('.css') && !f.split('/').includes('pagefind')))
    .sort();
}

/** A URL path as a file path; a malformed escape is kept as written (it then names no folder). */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Rewrites every URL in the HTML and CSS of a finished site (offline copy and released versions
 * included) to be relative to the file it is in. `base` is the path Astro built the site under.
 * Returns how many files changed.
 */
export function relativizeSite(siteDir: string, base: string): number {
  const isFolder = (path: string) => path !== '' && existsSync(join(siteDir, safeDecode(path), 'index.html'));
  let changed = 0;
  for (const file of siteFiles(siteDir)) {
    const path = join(siteDir, file);
    const text = readFileSync(path, 'utf8');
    const page = { base, url: `${base}${file}`, isFolder };
    const out = file.endsWith('.css') ? rewriteCss(text, page) : rewriteHtml(text, page);
    if (out === text) continue;
    writeFileSync(path, out);
    changed++;
  }
  return changed;
}
