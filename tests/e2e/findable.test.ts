import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readOutline } from '../../src/pdf/outline.ts';
import type { OutlineEntry } from '../../src/pdf/outline.ts';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';
import { crossReferences } from '../helpers/xrefs.ts';

// Findable under stress, read from the PDFs of a client made for it
// (tests/fixtures/clients/findable-stale: no revision history, review overdue, stale contacts),
// built on 2026-09-21: cross-references carry the page the outline gives their target, no page
// holds only a heading or a line, the triage sheet carries its matrix, text is large enough.
const slug = 'findable-stale';
let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-findable-');
  copyExamples(root);
  copyFixtureClient(root, slug);
  out = join(root, 'dist');
  result = irplan(['build', slug, '--no-docx', '--out', out], { cwd: root, env: { SOURCE_DATE_EPOCH: '1790000000' } });
});

const manifest = () => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const file = (rel: string) => join(out, slug, rel);
const pageCount = (f: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [f]))?.[1]);
/** One page in reading order, whitespace collapsed; pdftotext drops the hyphen of a word broken at one. */
const pageText = (f: string, p: number) =>
  tool('pdftotext', ['-f', String(p), '-l', String(p), f, '-'])
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
const flat = (entries: OutlineEntry[]): OutlineEntry[] => entries.flatMap((e) => [e, ...flat(e.children)]);

test('builds', () => {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
});

describe('the binder', () => {
  const binder = () => file(manifest().outputs.binder);

  test('every cross-reference gives the page the outline (and the contents) give its target', () => {
    const f = binder();
    for (let p = 1; p <= pageCount(f); p++) expect(pageText(f, p), `page ${p}`).not.toMatch(/, p\. ?0\b/);
    const refs = crossReferences(f);
    for (const r of refs) expect(r.outline, `page ${r.page}: see ${r.title}, p. ${r.says}`).toContain(r.says);
    // Document control, maintenance and the evidence log refer to sections and to headings.
    expect(refs.length).toBeGreaterThanOrEqual(6);
    expect(refs.map((r) => r.title)).toEqual(expect.arrayContaining(['Plan maintenance', 'Revision history']));
  });

  test('no page holds only a heading or a single line, and the contents end with more than one entry', () => {
    const f = binder();
    const titles = new Set(flat(readOutline(readFileSync(f))).map((e) => e.title));
    for (let p = 2; p <= pageCount(f); p++) {
      // Without the running heads: the first line (client, classification) and the last (version, page).
      const lines = tool('pdftotext', ['-layout', '-f', String(p), '-l', String(p), f, '-'])
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(1, -1);
      expect(lines.length, `page ${p}: ${lines.join(' | ')}`).toBeGreaterThan(1);
      expect(
        lines.every((l) => titles.has(l)),
        `page ${p} holds only headings: ${lines.join(' | ')}`,
      ).toBe(false);
    }
    const contents = flat(readOutline(readFileSync(f))).find((e) => e.title === 'Contents')?.page ?? 0;
    const first = readOutline(readFileSync(f))[1]?.page ?? 0;
    const last = tool('pdftotext', ['-layout', '-f', String(first - 1), '-l', String(first - 1), f, '-']);
    expect(first - 1).toBeGreaterThanOrEqual(contents);
    expect([...last.matchAll(/^\s*\S.*?\s{2,}\d+\s*$/gm)].length).toBeGreaterThan(1);
  });

  test('document control says no history is recorded and boxes the findings as of the build date', () => {
    const f = binder();
    const at = readOutline(readFileSync(f)).find((e) => e.title === 'Document control')?.page ?? 0;
    const text = `${pageText(f, at)} ${pageText(f, at + 1)}`;
    expect(text).toContain('No history recorded in the plan.');
    expect(text).not.toMatch(/first issue/i);
    expect(text).toContain('Maintenance findings as of September 21, 2026.');
    expect(text).toContain('plan review was due on February 1, 2026');
    expect(text).toContain('Rosa Diaz: contact details last verified on November 4, 2024');
  });
});

describe('the triage checklist', () => {
  test('carries the triage matrix it tells the reader to look assets up in, without page numbers', () => {
    const text = tool('pdftotext', [file(`pdf/${slug}-triage.pdf`), '-']).replace(/\s+/g, ' ');
    expect(text).toContain('Triage matrix');
    for (const asset of ['Domain controller LV-DC01', 'Transport management server LV-TMS', 'Remote access gateway'])
      expect(text.replace(/- /g, '-')).toContain(asset);
    expect(text).not.toMatch(/, p\. ?\d/);
  });
});

/** Font sizes (pt) of the text lines inside the page's margins, from mutool's structured text. */
function bodySizes(f: string): { size: number; text: string; box: number[] }[] {
  const xml = tool('mutool', ['draw', '-F', 'stext', '-o', '-', f]);
  const out: { size: number; text: string; box: number[] }[] = [];
  for (const page of xml.split('<page ').slice(1)) {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
    for (const line of page.split('<line ').slice(1)) {
      const box = (/bbox="([^"]+)"/.exec(line)?.[1] ?? '').split(' ').map(Number);
      // Running heads sit in the 22 mm top and 20 mm bottom margins (print.css).
      if ((box[3] ?? 0) < 62 || (box[1] ?? 0) > height - 56) continue;
      const text = [...line.matchAll(/ c="([^"]*)"/g)].map((m) => m[1]).join('');
      for (const m of line.matchAll(/<font name="[^"]*" size="([\d.]+)"/g)) out.push({ size: Number(m[1]), text, box });
    }
  }
  return out;
}

describe('text size', () => {
  test('checklist body text is at least 10 pt', () => {
    const lists: string[] = manifest().outputs.checklists;
    expect(lists.length).toBeGreaterThan(5);
    for (const rel of lists) {
      const small = bodySizes(file(rel)).filter((l) => l.size < 9.99);
      expect(
        small.map((l) => `${l.size} ${l.text}`),
        rel,
      ).toEqual([]);
    }
  });

  test('the wallet card is at least 7 pt, and its footer is inside the card below the text', () => {
    const lines = bodySizes(file(manifest().outputs.walletCard));
    expect(lines.filter((l) => l.size < 6.99).map((l) => `${l.size} ${l.text}`)).toEqual([]);
    const foot = lines.find((l) => l.text.startsWith('Plan 3.0.0'));
    expect(foot?.size).toBeGreaterThanOrEqual(6.99);
    const footTop = foot?.box[1] ?? 0;
    const panel = lines.filter((l) => (l.box[0] ?? 0) >= (foot?.box[0] ?? 0) - 1 && l !== foot && l.size < 9);
    expect(panel.length).toBeGreaterThan(2);
    for (const l of panel) expect(l.box[3], l.text).toBeLessThanOrEqual(footTop);
  });
});

describe('on the site', () => {
  test('a cross-reference is a link to the other page, its page slot hidden; the offline copy turns it into an anchor', () => {
    const page = readFileSync(file('site/maintenance/index.html'), 'utf8');
    expect(page).toContain(
      '<a class="xref" href="../document-control/index.html#revision-history" data-xref="document&#45;control" data-xref-heading="Revision history">Revision history</a><span class="xref-at" hidden data-pagefind-ignore>',
    );
    expect(readFileSync(file('site/document-control/index.html'), 'utf8')).toContain('id="revision-history"');
    const offline = readFileSync(file(manifest().outputs.offline), 'utf8');
    expect(offline).toContain('<a class="xref" href="#revision-history"');
    expect(offline).not.toMatch(/href="\.\.?\//);
  });
});
