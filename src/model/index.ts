// The public face of src/model: other stages import from here only.
export { buildModel } from './model.ts';
export type { ContactView, Model, PhoneView } from './model.ts';
export { loadTables } from './tables.ts';
export type { Tables } from './tables.ts';
