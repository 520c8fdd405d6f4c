import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { DocxThread, DocxThreadStopped } from '../../../src/docx/thread.ts';
import { wordJob } from '../../helpers/docx.ts';

// Word binders are written on a thread of their own once the batch has printed: what it writes, and
// that a binder it cannot write rejects that binder alone, with the thread's own error.

const dir = mkdtempSync(join(tmpdir(), 'irplan-docx-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = `<main><section data-binder-section id="first-15-minutes"><h1>The first 15 minutes</h1>
<p>Phone Bluefin on 0161 496 0000.</p></section></main>`;

const job = (out: string, client: string) => wordJob(out, PAGE, client);

function documentXml(file: string): string {
  return strFromU8(unzipSync(readFileSync(file))['word/document.xml'] as Uint8Array);
}

describe('DocxThread', () => {
  test('writes each binder it is given, in order, and a failed one rejects alone', async () => {
    const thread = new DocxThread();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const first = thread.write(job(join(dir, 'cedar.docx'), 'Cedar Dental'));
    const broken = thread.write(job(join(blocker, 'inside', 'x.docx'), 'Nowhere'));
    const last = thread.write(job(join(dir, 'northwind.docx'), 'Northwind Logistics'));
    await expect(first).resolves.toBeUndefined();
    // With its code and path, so the build reports a full or read-only disk as such.
    await expect(broken).rejects.toMatchObject({ code: 'ENOTDIR', path: expect.stringContaining(blocker) });
    await expect(last).resolves.toBeUndefined();
    await thread.close();
    expect(documentXml(join(dir, 'cedar.docx'))).toContain('Phone Bluefin on 0161 496 0000.');
    expect(documentXml(join(dir, 'northwind.docx'))).toContain('Northwind Logistics');
  });

  test('a thread that dies fails its own job only; the next job gets a new thread', async () => {
    const thread = new DocxThread({ script: new URL('../../fixtures/docx/dying-worker.mjs', import.meta.url) });
    const before = thread.write(job(join(dir, 'before.docx'), 'A'));
    const dying = thread.write(job(join(dir, 'die.docx'), 'B'));
    const after = thread.write(job(join(dir, 'after.docx'), 'C'));
    await expect(before).resolves.toBeUndefined();
    await expect(dying).rejects.toThrow(new DocxThreadStopped('the Word binder thread stopped (exit code 3)'));
    await expect(dying).rejects.toBeInstanceOf(DocxThreadStopped);
    await expect(after).resolves.toBeUndefined();
    await thread.close();
  });

  test('a binder that runs out of memory under the caps is written on a thread without them, the same bytes', async () => {
    // Caps far too small for any binder: the conversion runs out of memory and is done again.
    const capped = new DocxThread({ limits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 2 } });
    const first = capped.write(job(join(dir, 'capped-1.docx'), 'Cedar Dental'));
    const second = capped.write(job(join(dir, 'capped-2.docx'), 'Northwind Logistics'));
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    await capped.close();
    const free = new DocxThread();
    await free.write(job(join(dir, 'free-1.docx'), 'Cedar Dental'));
    await free.close();
    expect(readFileSync(join(dir, 'capped-1.docx')).equals(readFileSync(join(dir, 'free-1.docx')))).toBe(true);
    expect(documentXml(join(dir, 'capped-2.docx'))).toContain('Northwind Logistics');
  });

  test('the same job gives the same bytes as a second thread', async () => {
    const a = new DocxThread();
    await a.write(job(join(dir, 'one.docx'), 'Cedar Dental'));
    await a.close();
    const b = new DocxThread();
    await b.write(job(join(dir, 'two.docx'), 'Cedar Dental'));
    await b.close();
    expect(readFileSync(join(dir, 'one.docx')).equals(readFileSync(join(dir, 'two.docx')))).toBe(true);
  });
});
