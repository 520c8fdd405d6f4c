import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeServiceWorker } from '../../../src/site/precache.ts';
import { tempDir } from '../../helpers/cli.ts';

// The service worker caches the site for incident mode offline: its list is every file of the
// site (paths relative to the root, so any --base works), and its version changes with the files.

function site(files: Record<string, string>): string {
  const dir = tempDir('irplan-precache-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** The FILES and VERSION sw.js was written with. */
function head(dir: string): { files: string[]; version: string } {
  const text = readFileSync(join(dir, 'sw.js'), 'utf8');
  const files = JSON.parse(/^const FILES = (.*);$/m.exec(text)?.[1] ?? 'null') as string[];
  return { files, version: /^const VERSION = '([0-9a-f]+)';$/m.exec(text)?.[1] ?? '' };
}

const FILES = {
  'index.html': 'home',
  'incident/index.html': 'incident',
  '_assets/a.js': 'js',
  '_assets/f.woff2': 'font',
  '_assets/f.woff': 'old font',
  'pdf/x-binder.pdf': 'pdf',
  'versions/1.0.0/index.html': 'old',
  'versions/index.html': 'list',
};

describe('writeServiceWorker', () => {
  test('lists every file of the site relative to its root, but released versions, .woff and itself', () => {
    const dir = site(FILES);
    expect(writeServiceWorker(dir)).toEqual({ files: 5, bytes: 'home'.length + 8 + 2 + 4 + 3 });
    expect(head(dir).files).toEqual([
      '_assets/a.js',
      '_assets/f.woff2',
      'incident/index.html',
      'index.html',
      'pdf/x-binder.pdf',
    ]);
    const text = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(text).toContain("self.addEventListener('fetch'");
    expect(text).not.toMatch(/https?:\/\//);
  });

  test('gives the same site the same worker, and a changed file a new version', () => {
    const [a, b] = [site(FILES), site(FILES)];
    writeServiceWorker(a);
    writeServiceWorker(b);
    expect(readFileSync(join(a, 'sw.js'), 'utf8')).toBe(readFileSync(join(b, 'sw.js'), 'utf8'));
    writeFileSync(join(b, 'index.html'), 'home, changed');
    writeServiceWorker(b);
    expect(head(b).version).not.toBe(head(a).version);
    expect(head(b).files).toEqual(head(a).files);
  });
});
