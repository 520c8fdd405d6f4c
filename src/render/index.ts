// The public face of src/render: other stages import from here only.
export { collectTemplates } from './collect.ts';
export { renderDocuments } from './render.ts';
export type { RenderedDoc } from './render.ts';
