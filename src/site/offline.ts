import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The self-contained copy of the plan, relative to the site root. */
export const OFFLINE_FILE = 'offline.html';

/** Reads a file the page links to under `base` from the built site. */
function siteFile(siteDir: string, base: string, url: string): Buffer {
  if (!url.startsWith(base)) throw new Error(`offline copy: ${url} is not under the base ${base}`);
  return readFileSync(join(siteDir, url.slice(base.length)));
}

/** Fonts become data: URLs; the woff fallbacks are dropped, every browser that matters reads woff2. */
function inlineFonts(css: string, siteDir: string, base: string): string {
  return css
    .replace(/,\s*url\([^)]+\.woff\)\s*format\(['"]?woff['"]?\)/g, '')
    .replace(
      /url\(([^)]+\.woff2)\)/g,
      (_m, url: string) => `url(data:font/woff2;base64,${siteFile(siteDir, base, url).toString('base64')})`,
    );
}

/** Replaces every stylesheet link with the stylesheet itself. */
function inlineStyles(html: string, siteDir: string, base: string): string {
  return html.replace(/<link rel="stylesheet" href="([^"]+)"\s*\/?>/g, (_m, url: string) => {
    const css = inlineFonts(siteFile(siteDir, base, url).toString('utf8'), siteDir, base);
    return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  });
}

/** Links to the site's own pages become anchors to the sections of this one page. */
function linksToAnchors(html: string, base: string): string {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    html
      .replace(
        new RegExp(`href="${escaped}([a-z0-9-]+)/(#[^"]*)?"`, 'g'),
        (_m, id: string, hash: string | undefined) => `href="${hash ?? `#${id}`}"`,
      )
      .replace(new RegExp(`href="${escaped}"`, 'g'), 'href="#index"')
      // Cross-references ({{see}}) link page to page relatively: ../<id>/ or ../<id>/#<heading>.
      .replace(
        /href="\.\.?\/([a-z0-9-]+)\/(#[^"]*)?"/g,
        (_m, id: string, hash: string | undefined) => `href="${hash ?? `#${id}`}"`,
      )
  );
}

/**
 * Turns the site's /offline/ page into site/offline.html: one file with its CSS and fonts inline
 * and no scripts, that opens from a USB stick or a phone without a server and requests nothing.
 */
export function writeOffline(siteDir: string, base: string): string {
  const page = join(siteDir, 'offline', 'index.html');
  if (!existsSync(page)) throw new Error(`offline copy: ${page} was not built`);
  let html = readFileSync(page, 'utf8');
  html = inlineStyles(html, siteDir, base);
  html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  html = linksToAnchors(html, base);
  writeFileSync(join(siteDir, OFFLINE_FILE), html);
  rmSync(join(siteDir, 'offline'), { recursive: true, force: true });
  return OFFLINE_FILE;
}
