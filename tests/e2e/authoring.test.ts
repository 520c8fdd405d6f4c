import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readOutline } from '../../src/pdf/outline.ts';
import type { OutlineEntry } from '../../src/pdf/outline.ts';
import { irplan, REPO, tool } from '../helpers/cli.ts';
import { filesUnder } from '../helpers/outputs.ts';
import { planRepo } from '../helpers/repo.ts';

// A consultant follows docs/templates.md ("Add a playbook") for one client and builds before
// committing. Northwind, with the new playbook not yet committed, is a draft and says so on every
// output; Cedar Dental, committed and never released, is not a draft (its site is built to show it).
const DRAFTED = 'northwind-logistics';
const CLEAN = 'cedar-dental';
let out = '';
let result: ReturnType<typeof irplan>;
let clean: ReturnType<typeof irplan>;
let playbookPath = '';

/** The doc's example file for this path (the fenced block after `<!-- example: <path> -->`). */
function docExample(pathPrefix: string): [string, string] {
  const doc = readFileSync(join(REPO, 'docs', 'templates.md'), 'utf8');
  const m = [...doc.matchAll(/<!-- example: (\S+)[^>]*-->\n```\w+\n([\s\S]*?)```\n/g)].find((x) =>
    x[1]?.startsWith(pathPrefix),
  );
  if (!m?.[1] || m[2] === undefined) throw new Error(`docs/templates.md has no example under ${pathPrefix}`);
  return [m[1], m[2]];
}

beforeAll(() => {
  const repo = planRepo();
  const [path, text] = docExample(`plans/${DRAFTED}/templates/playbooks/`);
  playbookPath = path;
  mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
  writeFileSync(join(repo.dir, path), text);
  out = join(repo.dir, 'dist');
  const env = { SOURCE_DATE_EPOCH: '1790000000' };
  result = irplan(['build', DRAFTED, '--no-docx', '--out', out], { cwd: repo.dir, env });
  // The clean client's site is enough to show that nothing marks it (printing costs half a minute).
  clean = irplan(['build', CLEAN, '--no-pdf', '--no-docx', '--out', out], { cwd: repo.dir, env });
});

const pdfs = (slug: string) =>
  readdirSync(join(out, slug, 'pdf'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(out, slug, 'pdf', f));
/** A PDF's text page by page (pdftotext ends each page with a form feed). */
const pages = (file: string) => tool('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
const htmlPages = (slug: string) =>
  filesUnder(join(out, slug, 'site'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f, readFileSync(join(out, slug, 'site', f), 'utf8')] as const);
const flat = (entries: OutlineEntry[]): OutlineEntry[] => entries.flatMap((e) => [e, ...flat(e.children)]);

test('builds both clients', () => {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
  expect(clean.code, clean.stderr).toBe(0);
  expect(JSON.parse(readFileSync(join(out, DRAFTED, 'manifest.json'), 'utf8')).draft).toBe(true);
  expect(JSON.parse(readFileSync(join(out, CLEAN, 'manifest.json'), 'utf8')).draft).toBe(false);
});

describe('the playbook added as docs/templates.md says', () => {
  test('is in the binder: in its outline and contents, and on its own pages', () => {
    const binder = join(out, DRAFTED, 'pdf', `${DRAFTED}-binder.pdf`);
    const titles = flat(readOutline(readFileSync(binder))).map((e) => e.title);
    expect(titles).toContain('Playbook: lost or stolen device');
    const text = pages(binder);
    expect(text[1]).toMatch(/Playbook: lost or stolen device/);
    const flowing = text.map((p) => p.replace(/\s+/g, ' ').replace(/\u2019/g, "'"));
    expect(flowing.some((p) => p.includes("Revoke the device's sessions and tokens"))).toBe(true);
  });

  test('is a page of the site, and only of that client', () => {
    const page = readFileSync(join(out, DRAFTED, 'site', 'playbook-lost-device', 'index.html'), 'utf8');
    expect(page).toContain('Playbook: lost or stolen device');
    expect(playbookPath).toBe(`plans/${DRAFTED}/templates/playbooks/lost-device.md.hbs`);
    expect(filesUnder(join(out, CLEAN)).filter((f) => f.includes('lost-device'))).toEqual([]);
  });
});

describe('a draft says so on every output', () => {
  test('every page of every PDF, the wallet card included', () => {
    const files = pdfs(DRAFTED);
    expect(files.map((f) => f.split('/').at(-1))).toEqual(
      expect.arrayContaining([`${DRAFTED}-binder.pdf`, `${DRAFTED}-wallet-card.pdf`, `${DRAFTED}-call-tree.pdf`]),
    );
    for (const file of files)
      pages(file).forEach((p, i) => {
        expect(p, `${file} page ${i + 1}`).toMatch(/DRAFT/);
      });
    // Both halves of the card (folded back to back) and the sheet it is printed on.
    const card = pages(join(out, DRAFTED, 'pdf', `${DRAFTED}-wallet-card.pdf`)).join('');
    expect(card.match(/DRAFT/g)?.length).toBeGreaterThanOrEqual(3);
    expect(card).toContain('DRAFT: not a released version');
  });

  test('every page of the site, the offline copy and the versions page', () => {
    const html = htmlPages(DRAFTED);
    expect(html.map(([f]) => f)).toEqual(expect.arrayContaining(['index.html', 'offline.html', 'versions/index.html']));
    for (const [f, text] of html) expect(text, f).toMatch(/DRAFT/);
  });

  test('a committed client without releases carries no draft mark on its site', () => {
    const html = htmlPages(CLEAN);
    expect(html.length).toBeGreaterThan(20);
    for (const [f, text] of html) expect(text, f).not.toMatch(/DRAFT/);
  });
});
