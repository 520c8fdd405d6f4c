import { parentPort } from 'node:worker_threads';
import { catalogueMessages } from '../shared/index.ts';
import { writeDocx } from './document.ts';
import type { DocxReply, DocxRequest } from './thread.ts';

// The thread that writes Word binders (started by thread.ts): converting a binder's HTML takes
// seconds of JavaScript, which here runs beside the publishing of the batch's clients.

parentPort?.on('message', async ({ id, job }: { id: number; job: DocxRequest }) => {
  const { locale, entries, ...rest } = job;
  let reply: DocxReply;
  try {
    await writeDocx({ ...rest, messages: catalogueMessages(locale, entries) });
    reply = { id };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const { code, path } = e as { code?: unknown; path?: unknown };
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    reply = { id, error: { message: e.message, stack: e.stack ?? e.message, code: text(code), path: text(path) } };
  }
  parentPort?.postMessage(reply);
});
