// The PDF write: reproducible metadata, then the file replaced in one step.
import { writeFileAtomic } from '../shared/index.ts';
import type { PrintJob } from './job.ts';
import { normalizePdf } from './postprocess.ts';

/** Writes a job's PDF with its fixed metadata, atomically, so that a reader never sees half a PDF. */
export function writePdf(job: PrintJob, pdf: Buffer): void {
  writeFileAtomic(
    job.out,
    normalizePdf(pdf, { epochSeconds: job.epochSeconds, title: job.title, author: job.author, subject: job.subject }),
  );
}
