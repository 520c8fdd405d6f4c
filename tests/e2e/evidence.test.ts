import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { tool } from '../helpers/cli.ts';

// Evidence forms as printed: the chain-of-custody form is a checklist PDF of its own in every
// client's manifest, and the binder's evidence register asks for the whole hash. Read from the
// shipped examples, built once by tests/setup/examples.ts (one on letter, one on A4 paper).
const out = inject('examplesOut');
const SLUGS = ['northwind-logistics', 'cedar-dental'];

const manifest = (slug: string) => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const pdfText = (slug: string, rel: string) => tool('pdftotext', [join(out, slug, rel), '-']).replace(/\s+/g, ' ');
const pages = (slug: string, rel: string) =>
  Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [join(out, slug, rel)]))?.[1]);

describe('evidence forms in print', () => {
  test.each(SLUGS)('the %s manifest lists the chain-of-custody PDF, one page, with its columns', (slug) => {
    const rel = `pdf/${slug}-chain-of-custody.pdf`;
    expect(manifest(slug).outputs.checklists).toContain(rel);
    expect(existsSync(join(out, slug, rel))).toBe(true);
    expect(pages(slug, rel)).toBe(1);
    const text = pdfText(slug, rel);
    for (const column of ['Item no.', 'Seal no.', 'Date and time', 'Released by', 'Received by', 'Purpose'])
      expect(text, column).toContain(column);
  });

  test.each(SLUGS)('the %s binder asks for the full SHA-256 and carries the custody form', (slug) => {
    const text = pdfText(slug, manifest(slug).outputs.binder);
    expect(text).toContain('all 64 characters');
    expect(text).toContain('certutil -hashfile');
    expect(text).not.toMatch(/first 12 characters/i);
    expect(text).toContain('Chain of custody');
  });
});
