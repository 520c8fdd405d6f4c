// The public face of src/diff: other stages import from here only.
export { diffPlans } from './diff.ts';
export { formatJson, formatMarkdown } from './format.ts';
export { compareSides } from './report.ts';
export type { DiffReport } from './report.ts';
export { formatText } from './text.ts';
export { defaultRefs, loadSide } from './sides.ts';
