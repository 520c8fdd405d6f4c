import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';

// Astro writes its bundled scripts as modules (<script type="module" src>), and browsers refuse to
// load a module from a file:// page: a site opened from a share or a USB stick would lose incident
// mode and report a failed request. The site has one script, bundled without imports (scripts/
// incident/main.ts), so it can be a classic deferred script instead: wrapped in a function so its
// names stay out of the page's global scope, and loaded the same way over HTTP and from a file.

const MODULE_TAG = /<script type="module" src="([^"]+)"><\/script>/g;
const WRAP_START = '(()=>{"use strict";\n';

/** A static or dynamic import, an export, or import.meta, as a bundler writes them (not "important"). */
const MODULE_SYNTAX =
  /\bimport\s*\(|(?:^|[;\s}])(?:import\s*[{*"']|import\s+[\w$]+\s*(?:,|from\b)|export\s*(?:[{*]|(?:default|const|let|var|function|class)\b))|\bimport\.meta\b/m;

/** True when a bundle still needs module loading. */
function needsModule(code: string): boolean {
  return MODULE_SYNTAX.test(code);
}

/** The site's HTML pages, relative to its root with forward slashes. */
function pages(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.html'));
}

/**
 * Turns each module script of the site's pages into a classic deferred one and wraps its file once.
 * `base` is the path the site was built under (the scripts' src start with it). A bundle that still
 * imports something cannot run as a classic script: that is a build error, not a silent breakage.
 */
export function classicScripts(siteDir: string, base: string): number {
  const bundles = new Set<string>();
  for (const page of pages(siteDir)) {
    const file = join(siteDir, page);
    const html = readFileSync(file, 'utf8');
    const out = html.replace(MODULE_TAG, (_tag, src: string) => {
      const url = src.startsWith(base) ? src.slice(base.length) : posix.join(posix.dirname(page), src);
      bundles.add(url);
      return `<script src="${src}" defer></script>`;
    });
    if (out !== html) writeFileSync(file, out);
  }
  for (const url of bundles) {
    const file = join(siteDir, ...url.split('/'));
    const code = readFileSync(file, 'utf8');
    if (code.startsWith(WRAP_START)) continue; // a file the build shares between pages, done once
    if (needsModule(code))
      throw new Error(
        `site script ${url} imports or exports: bundle the site's scripts into one (scripts/incident/main.ts)`,
      );
    writeFileSync(file, `${WRAP_START}${code}\n})();\n`);
  }
  return bundles.size;
}
