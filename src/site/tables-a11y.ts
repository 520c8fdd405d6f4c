import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OPEN = '<div class="table-wrap" tabindex="0" role="region" aria-label="Table, scrolls sideways">';

/**
 * Wraps every table of the published pages in a focusable, labelled region: on a phone a wide
 * table scrolls sideways, and keyboard users must be able to reach and scroll it (WCAG 2.1.1).
 * Done on the built HTML so the print pages, which never scroll, keep their plain tables.
 */
export function wrapTables(siteDir: string): void {
  const files = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  for (const file of files) {
    const path = join(siteDir, file);
    const html = readFileSync(path, 'utf8');
    if (!html.includes('<table')) continue;
    writeFileSync(path, html.replace(/<table\b/g, `${OPEN}<table`).replace(/<\/table>/g, '</table></div>'));
  }
}
