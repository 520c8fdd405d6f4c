// The public face of src/plan: other stages import from here only.
export { loadClient } from './client.ts';
export { checkSlug, listClients } from './files.ts';
export { logoDataUri } from './logo.ts';
export { projectWarnings } from './markers.ts';
export type { FileWarning } from './markers.ts';
export { mspHotline } from './msp.ts';
export { nearestPosition } from './positions.ts';
export { readClients } from './read.ts';
export { countryZones, zoneAdvice } from './timezones.ts';
export type { ValidClient } from './read.ts';
export type {
  Asset,
  Authority,
  Contact,
  IncidentType,
  JurisdictionRule,
  Phone,
  Plan,
  Release,
  Severity,
} from './types.ts';
export { readJurisdictions } from './jurisdiction-file.ts';
export type { Jurisdiction } from './jurisdiction-file.ts';
export { loadYamlFile } from './yaml.ts';
