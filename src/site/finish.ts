import type { ContactView } from '../model/index.ts';
import type { ValidClient } from '../plan/index.ts';
import { listVersions } from '../versions/index.ts';
import { writeOffline } from './offline.ts';
import { indexSite } from './search.ts';
import { wrapTables } from './tables-a11y.ts';
import { writeVCards } from './vcard.ts';

export { vcardLinks } from './vcard.ts';

/** True when the build will add site/versions/ (see addVersions), so the pages can link to it. */
export function hasVersionsPage(root: string, client: ValidClient): boolean {
  return process.env.IRPLAN_NO_VERSIONS !== '1' && listVersions(root, client.slug, client.plan).length > 0;
}

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
