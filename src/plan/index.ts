// The public face of src/plan: other stages import from here only.
export { checkSlug, listClients, loadClient, loadYamlFile } from './load.ts';
export { logoDataUri } from './logo.ts';
export { readClients } from './read.ts';
export type { ValidClient } from './read.ts';
export type { Asset, Contact, IncidentType, Phone, Plan, Release, Severity } from './types.ts';
