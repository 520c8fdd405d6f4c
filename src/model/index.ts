// The public face of src/model: other stages import from here only.
export { buildModel } from './model.ts';
export type { Model } from './model.ts';
export { loadTables } from './tables.ts';
export { planLocale } from './locale.ts';
export type { Tables } from './tables.ts';
export type { StepKindView } from './steps.ts';
export type { ContactView, PhoneView } from './types.ts';
export { findProductInName } from './products.ts';
export type { PeopleRule } from './tables.ts';
export { compilePatterns } from './glossary.ts';
export type { GlossaryTerm } from './glossary.ts';
export type { CoverageEntry } from './tables.ts';
export { unwatchedAssets } from './detection.ts';
export { logSourceOf } from './preparation.ts';
