// The public face of src/site: other stages import from here only.
export { buildSite, splitSite, startSiteWorker, stopSiteWorker, writeSiteInput } from './astro.ts';
export type { SiteWorker } from './astro.ts';
export type { SiteMeta } from './contract.ts';
export { finishSite } from './finish.ts';
export { incidentMeta } from './incident-meta.ts';
export { OFFLINE_FILE } from './offline.ts';
export { relativizeSite } from './relative.ts';
export { closeSearch } from './search.ts';
export { vcardLinks } from './vcard.ts';
