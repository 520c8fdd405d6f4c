import { join } from 'node:path';
import type { DocxJob } from '../../src/docx/document.ts';
import { loadMessages } from '../../src/shared/messages.ts';
import { TOOL_ROOT } from '../../src/shared/project.ts';

/** A Word binder job for `page` with a small plan's facts, as the build would give the thread. */
export function wordJob(out: string, page: string, client = 'Cedar Dental', paper = 'a4'): DocxJob {
  return {
    page,
    model: {
      client: { name: client },
      msp: { name: 'Bluefin IT', color: '#14507a' },
      plan: { version: '1.2.0', classification: 'CONFIDENTIAL', paper },
      draft: false,
      tlpRule: 'Share with staff only',
    } as unknown as DocxJob['model'],
    messages: loadMessages(join(TOOL_ROOT, 'templates'), 'en'),
    templateStyles: null,
    epochSeconds: 1_700_000_000,
    out,
  };
}
