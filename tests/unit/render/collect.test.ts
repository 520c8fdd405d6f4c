import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectTemplates } from '../../../src/render/collect.ts';
import { tempDir } from '../../helpers/cli.ts';

// A translation is a folder: templates/locales/<locale>/ replaces the default by the same path,
// the language's first and the exact locale's over it; a client's own templates win over both.

function write(root: string, rel: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), '---\nid: x\ntitle: X\norder: 1\nkind: section\n---\n');
}

describe('collectTemplates', () => {
  const root = tempDir('irplan-collect-');
  const templates = join(root, 'templates');
  for (const rel of [
    'sections/a.md.hbs',
    'sections/b.md.hbs',
    'sections/c.md.hbs',
    'locales/fr/sections/a.md.hbs',
    'locales/fr/sections/b.md.hbs',
    'locales/fr-CA/sections/b.md.hbs',
  ])
    write(templates, rel);
  write(join(root, 'client'), 'sections/c.md.hbs');

  test('resolves exact locale, then language, then the default, then the client wins', () => {
    const found = collectTemplates(templates, join(root, 'client'), 'fr-CA');
    expect([...found.keys()].sort()).toEqual(['sections/a.md.hbs', 'sections/b.md.hbs', 'sections/c.md.hbs']);
    expect(found.get('sections/a.md.hbs')).toBe(join(templates, 'locales/fr/sections/a.md.hbs'));
    expect(found.get('sections/b.md.hbs')).toBe(join(templates, 'locales/fr-CA/sections/b.md.hbs'));
    expect(found.get('sections/c.md.hbs')).toBe(join(root, 'client', 'sections/c.md.hbs'));
  });

  test('another locale gets the defaults, and translations are never documents of their own', () => {
    const found = collectTemplates(templates, null, 'en-GB');
    expect([...found.keys()].sort()).toEqual(['sections/a.md.hbs', 'sections/b.md.hbs', 'sections/c.md.hbs']);
    expect(found.get('sections/b.md.hbs')).toBe(join(templates, 'sections/b.md.hbs'));
  });
});
