import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { printInputHash } from '../../../src/pdf/fingerprint.ts';
import type { PrintJob } from '../../../src/pdf/job.ts';
import { tempDir } from '../../helpers/cli.ts';

// The hash that decides whether a PDF is printed again: everything the print loads, and nothing else.
const job = (over: Partial<PrintJob> = {}): PrintJob => ({
  url: 'http://127.0.0.1:4321/ir/print/print/checklist/triage/',
  out: '/tmp/out.pdf',
  paper: 'letter',
  title: 'Triage',
  author: 'MSP',
  subject: 'v1',
  epochSeconds: 100,
  ...over,
});

/** A served folder with one print page, its style sheet and the font the style sheet loads. */
function site(files: Record<string, string> = {}): string {
  const root = tempDir('irplan-fingerprint-');
  const all = {
    'print/print/checklist/triage/index.html':
      '<link rel="stylesheet" href="/ir/_assets/print.css"><a href="/ir/pdf/x.pdf">PDF</a><a href="../roles/">Roles</a>',
    '_assets/print.css': '@font-face { src: url(/ir/_assets/f.woff2) } body { color: red }',
    '_assets/f.woff2': 'font bytes',
    'pdf/x.pdf': 'a download, not loaded by the print',
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const hash = (root: string, j = job()) =>
  printInputHash(j, root, '/ir/', { code: 'code', browser: 'Chromium 1', files: new Map() });

describe('a print input hash', () => {
  test('is the same for the same page served from another folder and port', () => {
    expect(hash(site())).toBe(hash(site(), job({ url: 'http://127.0.0.1:5000/ir/print/print/checklist/triage/' })));
  });

  test('changes with the page, a style sheet, a font the style sheet loads, or the options', () => {
    const base = hash(site());
    expect(hash(site({ '_assets/f.woff2': 'other font' }))).not.toBe(base);
    expect(hash(site({ '_assets/print.css': 'body { color: blue }' }))).not.toBe(base);
    expect(hash(site(), job({ epochSeconds: 101 }))).not.toBe(base);
    expect(hash(site(), job({ title: 'Triage 2' }))).not.toBe(base);
    expect(printInputHash(job(), site(), '/ir/', { code: 'code', browser: 'Chromium 2', files: new Map() })).not.toBe(
      base,
    );
  });

  test('ignores files the page only links to', () => {
    expect(hash(site({ 'pdf/x.pdf': 'a new download' }))).toBe(hash(site()));
  });
});
