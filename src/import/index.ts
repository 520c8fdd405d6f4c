// The public face of src/import: other stages import from here only.
export { driftReport } from './drift.ts';
export { importCsv } from './import.ts';
export type { Kind } from './mapping.ts';
export type { RowOutcome } from './merge.ts';
