// The public face of src/build: other stages import from here only.
export { buildClients } from './build.ts';
export type { BuildEvent, Reporter } from './events.ts';
