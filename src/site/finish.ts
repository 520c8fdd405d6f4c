import type { ContactView } from '../model/index.ts';
import { classicScripts } from './classic-scripts.ts';
import { writeOffline } from './offline.ts';
import { writeServiceWorker } from './precache.ts';
import { relativizeSite } from './relative.ts';
import { indexSite } from './search.ts';
import { addStepBoxes } from './step-boxes.ts';
import { wrapTables } from './tables-a11y.ts';
import { writeVCards } from './vcard.ts';

/**
 * What the published site gets after Astro: the offline copy, vCards, the step boxes of incident
 * mode, the search index (in the language of the plan's `locale`) and the service worker. The order
 * matters: the index is built from the pages as a reader opens them, the worker's list from every file.
 */
export async function finishSite(
  siteDir: string,
  contacts: ContactView[],
  base: string,
  locale: string,
  /** No --base: URLs become relative to their page (relative.ts), before the worker hashes the files. */
  relative = false,
): Promise<void> {
  wrapTables(siteDir);
  writeOffline(siteDir, base);
  // After the offline copy: it is one page of every document, with no scripts to tick a step.
  addStepBoxes(siteDir);
  classicScripts(siteDir, base);
  writeVCards(siteDir, contacts);
  await indexSite(siteDir, locale);
  if (relative) relativizeSite(siteDir, base);
  // Last: the service worker caches every file above for incident mode offline (precache.ts).
  writeServiceWorker(siteDir);
}
