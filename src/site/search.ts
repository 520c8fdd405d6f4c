import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { localeChain, UserError } from '../shared/index.ts';

/** Where the search bundle lives, relative to the site root (DESIGN.md: site/pagefind/). */
const SEARCH_DIR = 'pagefind';

/** Every page of the finished site: Astro writes each as <path>/index.html. */
function pages(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f === 'index.html' || f.endsWith('/index.html'))
    .sort();
}

/**
 * Pagefind's language for a plan's locale: its language subtag in lower case (en-GB -> en, fr-CA -> fr),
 * which picks the stemmer. The search box asks for the page's lang (en-gb), then its language (en), so
 * the one index is found whatever region the pages carry.
 */
export function searchLanguage(locale: string): string {
  return (localeChain(locale).at(-1) ?? 'en').toLowerCase();
}

/**
 * Indexes the published site with Pagefind into site/pagefind/, in the language of the plan's
 * `locale`. It runs on the final site folder (print pages already removed) and one client at a
 * time, so the index holds only what this client's readers can open. Result URLs resolve under the
 * base the site is hosted at.
 */
export async function indexSite(siteDir: string, locale: string): Promise<number> {
  const fail = (what: string, errors: string[]) =>
    new UserError('IRP_SEARCH', `the search index of ${siteDir} could not be ${what}: ${errors.join('; ')}`, {
      hint: 'run irplan doctor; reinstall with npm ci if the pagefind binary is missing',
    });
  // One index for the whole site, whatever lang a page carries: forced, so a stray page cannot split it.
  const { index, errors } = await pagefind.createIndex({ forceLanguage: searchLanguage(locale) });
  if (!index) throw fail('created', errors);
  try {
    const files = pages(siteDir);
    for (const file of files) {
      // Relative to the site root: Pagefind's UI prefixes the base it finds from its own script's URL.
      const url = `/${file.replace(/index\.html$/, '')}`;
      const added = await index.addHTMLFile({ url, content: readFileSync(join(siteDir, file), 'utf8') });
      if (added.errors.length > 0) throw fail(`built from ${file}`, added.errors);
    }
    const written = await index.writeFiles({ outputPath: join(siteDir, SEARCH_DIR) });
    if (written.errors.length > 0) throw fail('written', written.errors);
    return files.length;
  } finally {
    await index.deleteIndex();
  }
}

/** Stops the Pagefind service so the process can exit. */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}
