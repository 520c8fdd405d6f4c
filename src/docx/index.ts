// The public face of src/docx: other stages import from here only.
export { docxFacts } from './facts.ts';
export { templateStyles } from './styles.ts';
export { DocxThread, DocxThreadStopped } from './thread.ts';
