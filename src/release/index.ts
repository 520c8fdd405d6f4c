// The public face of src/release: other stages import from here only.
export { releaseClient } from './release.ts';
export type { Bump } from './release.ts';
