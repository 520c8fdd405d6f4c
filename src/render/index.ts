// The public face of src/render: other stages import from here only.
export { collectTemplates } from './collect.ts';
export { renderDocuments } from './render.ts';
export type { RenderedDoc } from './render.ts';
export { stepsOf } from './steps.ts';
export type { PlanStep } from './steps.ts';
export { readableText, usedTerms } from './glossary.ts';
