import type { ContactView } from '../model/index.ts';
import { writeOffline } from './offline.ts';
import { indexSite } from './search.ts';
import { wrapTables } from './tables-a11y.ts';
import { writeVCards } from './vcard.ts';

/**
 * What the published site gets after Astro: the offline copy, vCards and the search index.
 * The order matters: the index is built last, from exactly the pages a reader can open.
 */
export async function finishSite(siteDir: string, contacts: ContactView[], base: string): Promise<void> {
  wrapTables(siteDir);
  writeOffline(siteDir, base);
  writeVCards(siteDir, contacts);
  await indexSite(siteDir);
}
