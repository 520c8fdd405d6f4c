// The public face of src/versions: other stages import from here only.
export { isUnreleased, listVersions } from './list.ts';
export { addVersions } from './versions.ts';
export type { BuildVersionSite } from './versions.ts';
