import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { flatOutline, readOutline } from '../../src/pdf/outline.ts';
import { irplan, tool } from '../helpers/cli.ts';
import { examplesProject } from '../helpers/project.ts';
import { crossReferences } from '../helpers/xrefs.ts';

// The printed binder, checked the way a reader and a PDF viewer see it.
const out = inject('examplesOut');
const binder = (slug: string) =>
  join(out, slug, JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8')).outputs.binder);
const pageText = (file: string, page: number) =>
  tool('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-']);
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))?.[1]);

describe.each(['northwind-logistics', 'cedar-dental'])('the %s binder', (slug) => {
  test('the outline has a top-level entry per section, and each contents number equals its outline page', () => {
    const file = binder(slug);
    const outline = readOutline(readFileSync(file));
    const contents = pageText(file, 2);
    const lines = [...contents.matchAll(/^\s*(\S.*?)\s{2,}(\d+)\s*$/gm)].map((m) => ({
      title: m[1] ?? '',
      page: Number(m[2]),
    }));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const entry = outline.find((e) => e.title.startsWith(line.title) || line.title.startsWith(e.title));
      expect(entry, `outline entry for "${line.title}"`).toBeDefined();
      expect(entry?.page, line.title).toBe(line.page);
    }
    // mutool, as a user would run it, lists the same sections.
    const mutool = tool('mutool', ['show', file, 'outline']);
    for (const line of lines) expect(mutool).toContain(line.title);
  });

  test('every bookmark reads as its heading: no title said twice, no words run together where it wrapped', () => {
    const titles = flatOutline(readOutline(readFileSync(binder(slug)))).map((e) => e.title);
    expect(titles.length).toBeGreaterThan(40);
    const doubled = titles.filter((t) => t.length % 2 === 0 && t.slice(0, t.length / 2) === t.slice(t.length / 2));
    expect(doubled).toEqual([]);
    // A lower-case letter right before a capital or a digit glued to a word is a lost space ("paymentfraud" is not
    // caught this way, so the long playbook title that wraps on both papers is looked for whole).
    expect(titles.filter((t) => /[a-z][A-Z]/.test(t.replace(/SaaS|PowerShell|IoCs?/g, '')))).toEqual([]);
    const bec = titles.find((t) => t.startsWith('Playbook: business e-mail'));
    if (bec) expect(bec).toBe('Playbook: business e-mail compromise and payment fraud');
  });

  test('each cross-reference gives the page the outline gives its target', () => {
    const refs = crossReferences(binder(slug));
    expect(refs.length).toBeGreaterThan(3);
    for (const r of refs) expect(r.outline, `page ${r.page}: see ${r.title}, p. ${r.says}`).toContain(r.says);
  });

  test('page 3 shows "Page 3 of N", the version and the classification; the cover has no running head', () => {
    const file = binder(slug);
    const n = pageCount(file);
    const manifest = JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
    const text = pageText(file, 3);
    expect(text).toContain(`Page 3 of ${n}`);
    expect(text).toContain(`Plan ${manifest.version}`);
    expect(text).toContain(manifest.classification);
    expect(pageText(file, 1)).not.toMatch(/Page 1 of/);
  });

  test('every font is embedded and bundled with irplan', () => {
    const fonts = tool('pdffonts', [binder(slug)])
      .split('\n')
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
    // Only the bundled families: output never depends on the machine's fonts.
    for (const line of fonts) expect(line, line).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceCodePro)/);
  });

  test('metadata: title, author, subject, fixed producer, tagged', () => {
    const info = tool('pdfinfo', [binder(slug)]);
    expect(info).toMatch(/Title:\s+.+Incident response plan/);
    expect(info).toMatch(/Author:\s+Bluefin Managed IT/);
    expect(info).toMatch(/Producer:\s+irplan/);
    expect(info).toMatch(/Tagged:\s+yes/);
  });
});

test('letter and A4 plans give 612x792 and about 595x842 point pages', () => {
  expect(tool('pdfinfo', [binder('northwind-logistics')])).toMatch(/Page size:\s+612 x 792 pts/);
  expect(tool('pdfinfo', [binder('cedar-dental')])).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts/);
});

test('wallet card and call tree are listed in the manifest and fit on one page', () => {
  for (const slug of ['northwind-logistics', 'cedar-dental']) {
    const m = JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
    expect(pageCount(join(out, slug, m.outputs.walletCard))).toBe(1);
    expect(pageCount(join(out, slug, m.outputs.callTree))).toBe(1);
  }
});

test('two builds at different times and time zones give identical files', () => {
  // A copy of the examples outside git: the date comes from SOURCE_DATE_EPOCH, never the clock.
  const project = examplesProject('irplan-repro-');
  const a = join(project, 'a');
  const b = join(project, 'b');
  const env = { SOURCE_DATE_EPOCH: '1790000000' };
  const ra = irplan(['build', 'cedar-dental', '--out', a], { cwd: project, env: { ...env, TZ: 'America/Chicago' } });
  const rb = irplan(['build', 'cedar-dental', '--out', b], { cwd: project, env: { ...env, TZ: 'Pacific/Auckland' } });
  expect(ra.code, ra.stderr).toBe(0);
  expect(rb.code, rb.stderr).toBe(0);
  const hashes = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .filter((f) => f.includes('.'))
      .map((f) => {
        try {
          return `${f} ${createHash('sha256')
            .update(readFileSync(join(dir, f)))
            .digest('hex')}`;
        } catch {
          return `${f} dir`;
        }
      });
  const ha = hashes(a);
  expect(ha.length).toBeGreaterThan(20);
  expect(hashes(b)).toEqual(ha);
});

test('--duplex starts every top-level section on a right-hand (odd) page, and the contents still match', () => {
  const project = examplesProject('irplan-duplex-');
  const dist = join(project, 'dist');
  const r = irplan(['build', 'cedar-dental', '--duplex', '--out', dist], {
    cwd: project,
    env: { SOURCE_DATE_EPOCH: '1790000000' },
  });
  expect(r.code, r.stderr).toBe(0);
  const file = join(dist, 'cedar-dental', 'pdf', 'cedar-dental-binder.pdf');
  const outline = readOutline(readFileSync(file));
  expect(outline.length).toBeGreaterThan(10);
  for (const entry of outline) expect(entry.page % 2, `${entry.title} on page ${entry.page}`).toBe(1);
  const contents = tool('pdftotext', ['-layout', '-f', '3', '-l', '4', file, '-']);
  const first = outline.find((e) => e.title === 'The first 15 minutes');
  expect(contents).toMatch(new RegExp(`The first 15 minutes\\s+${first?.page}\\b`));
  expect(tool('pdftotext', [file, '-'])).toContain('This page is intentionally blank.');
  // Cross-references count the fillers too (their slots are three digits wide in a duplex binder).
  const refs = crossReferences(file);
  expect(refs.length).toBeGreaterThan(3);
  for (const r of refs) expect(r.outline, `page ${r.page}: see ${r.title}, p. ${r.says}`).toContain(r.says);
});
