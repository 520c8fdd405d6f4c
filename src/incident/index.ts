// The public face of src/incident: other stages import from here only.
export { importLogs } from './import.ts';
export { stepsLeft } from './left.ts';
export { buildReport } from './report.ts';
export type { IncidentReport } from './report.ts';
export { readIncidents, readIncidentSummaries } from './store.ts';
export type { IncidentSummary } from './store.ts';
export { LEGEND_KEYS, STATUS_KEYS } from './keys.ts';
export type { EntryKind, LogEntry } from './types.ts';
