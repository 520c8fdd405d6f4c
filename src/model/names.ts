import type { Tables } from './tables.ts';

/** "incident-commander" becomes "incidentCommander", so templates can write who.incidentCommander. */
export function toCamel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The reader's name for a kind of data ("personal data" for pii); an unlisted kind reads as its id. */
export function labelData(tables: Tables, kind: string): string {
  return tables.dataKinds.find((k) => k.id === kind)?.label ?? kind;
}

/** Every kind of data with its reader's name, for templates that look one up. */
export function mapDataLabels(tables: Tables): Record<string, string> {
  return Object.fromEntries(tables.dataKinds.map((k) => [k.id, k.label]));
}
