import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { classicScripts } from '../../../src/site/classic-scripts.ts';
import { tempDir } from '../../helpers/cli.ts';

// Browsers refuse module scripts on file:// pages, so the site's one bundle becomes a classic
// deferred script: same file, wrapped so its names stay its own.

function site(bundle: string): string {
  const dir = tempDir('irplan-classic-');
  mkdirSync(join(dir, '_assets'));
  mkdirSync(join(dir, 'contacts'));
  writeFileSync(join(dir, '_assets', 'main.js'), bundle);
  const tag = '<script type="module" src="/ir/_assets/main.js"></script>';
  writeFileSync(join(dir, 'index.html'), `<p>home</p>${tag}`);
  writeFileSync(join(dir, 'contacts', 'index.html'), `<p>contacts</p>${tag}`);
  return dir;
}

const BUNDLE = 'const e=document.querySelector("p");e&&(e.title="important: no imports here");';

describe('classicScripts', () => {
  test('makes each module script tag classic and deferred, and wraps its file once', () => {
    const dir = site(BUNDLE);
    expect(classicScripts(dir, '/ir/')).toBe(1);
    for (const page of ['index.html', 'contacts/index.html'])
      expect(readFileSync(join(dir, page), 'utf8')).toContain('<script src="/ir/_assets/main.js" defer></script>');
    const code = readFileSync(join(dir, '_assets', 'main.js'), 'utf8');
    expect(code).toBe(`(()=>{"use strict";\n${BUNDLE}\n})();\n`);
    classicScripts(dir, '/ir/');
    expect(readFileSync(join(dir, '_assets', 'main.js'), 'utf8')).toBe(code);
  });

  test('refuses a bundle that still imports or exports', () => {
    for (const bundle of ['import{a as b}from"./session.js";b();', 'const x=import("./y.js");', 'export{a};'])
      expect(() => classicScripts(site(bundle), '/ir/'), bundle).toThrow(/imports or exports/);
  });
});
