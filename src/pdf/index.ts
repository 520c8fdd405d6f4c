// The public face of src/pdf: other stages import from here only.
export { findBrowser } from './browser.ts';
export { afterActionDocuments, pdfDocuments, printJobs } from './documents.ts';
export type { PdfDoc } from './documents.ts';
export { partsBasis, printBasis, printInputHash } from './fingerprint.ts';
export { partFile } from './parts.ts';
export type { PrintBasis } from './fingerprint.ts';
export type { PrinterOptions, PrintJob } from './job.ts';
export type { Numbering } from './contents.ts';
export { Printer } from './print.ts';
export { serveStatic } from './server.ts';
