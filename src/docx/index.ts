// The public face of src/docx: other stages import from here only.
export { writeDocx } from './document.ts';
export { templateStyles } from './styles.ts';
