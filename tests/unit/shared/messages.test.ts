import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { localeChain, loadMessages } from '../../../src/shared/messages.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';

// The words irplan writes come from templates/messages/: key by key from the exact locale, its
// language, then English; a translation that names a key or a placeholder English lacks is refused.

/** A templates folder holding only the given message files. */
function catalogues(files: Record<string, string>): string {
  const dir = tempDir('irplan-messages-');
  mkdirSync(join(dir, 'messages'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'messages', name), text);
  return dir;
}

describe('localeChain', () => {
  test('goes from the exact locale to its language, in canonical case', () => {
    expect(localeChain('en-GB')).toEqual(['en-GB', 'en']);
    expect(localeChain('EN-gb')).toEqual(['en-GB', 'en']);
    expect(localeChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(localeChain('en')).toEqual(['en']);
  });
});

describe('loadMessages', () => {
  test('takes each key from the most specific file that has it, then from English', () => {
    const dir = catalogues({
      'fr.yaml': 'pdf.contents: "Table des matières"\npdf.page_of: "Page {page} sur {pages}"\n',
      'fr-CA.yaml': 'pdf.contents: "Table des matières (CA)"\n',
    });
    const m = loadMessages(dir, 'fr-CA');
    expect(m.locale).toBe('fr-CA');
    expect(m.text('pdf.contents')).toBe('Table des matières (CA)');
    expect(m.text('pdf.page_of', { page: 2, pages: 9 })).toBe('Page 2 sur 9');
    expect(m.text('site.start_here')).toBe('Start here');
  });

  test('a locale without files of its own reads as English', () => {
    const m = loadMessages(catalogues({}), 'de-AT');
    expect(m.text('pdf.page_of', { page: 1, pages: 3 })).toBe('Page 1 of 3');
  });

  test('a project English file overrides irplan English', () => {
    const m = loadMessages(catalogues({ 'en.yaml': 'pdf.contents: "Table of contents"\n' }), 'en-US');
    expect(m.text('pdf.contents')).toBe('Table of contents');
    expect(m.text('pdf.cover_version')).toBe('Version');
  });

  test('a key English lacks is refused at its line, with the closest key', () => {
    const dir = catalogues({ 'fr.yaml': 'pdf.contents: "Sommaire"\npdf.page_off: "Page {page}"\n' });
    expect(() => loadMessages(dir, 'fr')).toThrow(
      expect.objectContaining({ code: 'IRP_MESSAGES', position: expect.objectContaining({ line: 2 }) }),
    );
    expect(() => loadMessages(dir, 'fr')).toThrow(/"pdf.page_off" is not a message/);
  });

  test('a placeholder English never fills is refused', () => {
    const dir = catalogues({ 'fr.yaml': 'pdf.page_of: "Page {pgae} sur {pages}"\n' });
    expect(() => loadMessages(dir, 'fr')).toThrow(/\{pgae\} that is never filled in/);
  });

  test('a value that is not text is refused', () => {
    const dir = catalogues({ 'fr.yaml': 'pdf.contents:\n  - a\n' });
    expect(() => loadMessages(dir, 'fr')).toThrow(/must be a text/);
  });

  test('a key the code asks for that no catalogue has is a bug, and so is a missing value', () => {
    const m = loadMessages(catalogues({}), 'en');
    expect(() => m.text('pdf.nothing')).toThrow(/no message "pdf.nothing"/);
    expect(() => m.text('pdf.page_of', { page: 1 })).toThrow(/needs a value for \{pages\}/);
  });
});

/** Every source file under src/ (TypeScript and Astro). */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|astro)$/.test(d.name))
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'));
}

describe('templates/messages/en.yaml', () => {
  // Keys are written whole in the code ('pdf.page_of'), so a search finds each one; file names are not keys.
  const english = Object.keys(parse(readFileSync(join(REPO, 'templates', 'messages', 'en.yaml'), 'utf8')));
  const used = new Set(
    sources(join(REPO, 'src')).flatMap((s) =>
      [
        ...s.matchAll(
          /'((?:pdf|site|render|versions|format|clock|calls|roles|insurance|plan|authorities|regulations|rules|assets)\.(?!json'|yaml')[a-z0-9_]+)'/g,
        ),
      ].map((m) => m[1]),
    ),
  );

  test('holds every key the code asks for', () => {
    expect([...used].filter((k) => k !== undefined && !english.includes(k))).toEqual([]);
  });

  test('holds no key the code never asks for', () => {
    expect(english.filter((k) => !used.has(k))).toEqual([]);
  });
});
