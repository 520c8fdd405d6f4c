// The public face of src/diff: other stages import from here only.
export { formatJson, formatMarkdown } from './format.ts';
export { compareSides } from './report.ts';
export { defaultRefs, loadSide } from './sides.ts';
