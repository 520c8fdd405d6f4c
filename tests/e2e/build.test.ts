import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { tool } from '../helpers/cli.ts';

// The shipped examples, built once by tests/setup/examples.ts, inspected as a reader would.
const out = inject('examplesOut');
const result = inject('examplesBuild');

const manifest = (slug: string) => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const html = (slug: string, page: string) => readFileSync(join(out, slug, 'site', page, 'index.html'), 'utf8');
const pdfText = (file: string) => tool('pdftotext', ['-layout', file, '-']);

describe('irplan build on the examples', () => {
  test('exits 0 and names both clients', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/built 2, unchanged 0, failed 0/);
  });

  test('manifest.json lists the site, the binder and the checklists as relative paths that exist', () => {
    for (const slug of ['northwind-logistics', 'cedar-dental']) {
      const m = manifest(slug);
      expect(m.outputs.site).toBe('site/');
      expect(m.outputs.binder).toMatch(/^pdf\/.+-binder\.pdf$/);
      expect(m.outputs.checklists.length).toBeGreaterThan(3);
      for (const path of [m.outputs.binder, ...m.outputs.checklists])
        expect(existsSync(join(out, slug, path)), path).toBe(true);
      expect(existsSync(join(out, slug, 'site', 'index.html'))).toBe(true);
    }
  });

  test('the contacts page shows names, numbers as written and E.164 tel: links', () => {
    const page = html('northwind-logistics', 'contacts');
    expect(page).toContain('Maria Lopez');
    expect(page).toContain('+1 503 555 0142');
    expect(page).toContain('href="tel:+15035550142"');
  });

  test('the assets page lists the inventory', () => {
    const page = html('northwind-logistics', 'assets');
    expect(page).toContain('Domain controller DC01');
    expect(page).toContain('Public DNS server NS1');
  });

  test('a private number is in the binder PDF but nowhere in the site', () => {
    const slug = 'northwind-logistics';
    const m = manifest(slug);
    expect(pdfText(join(out, slug, m.outputs.binder))).toContain('+1 971 555 0199');
    const files = readdirSync(join(out, slug, 'site'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(html|js|json)$/.test(f),
    );
    for (const f of files) expect(readFileSync(join(out, slug, 'site', f), 'utf8'), f).not.toContain('971 555 0199');
    for (const f of readdirSync(join(out, slug, 'site', 'pdf')))
      expect(pdfText(join(out, slug, 'site', 'pdf', f)), f).not.toContain('971 555 0199');
  });

  test("the binder PDF has pages on the plan's paper size and carries a phone number as text", () => {
    const nw = manifest('northwind-logistics');
    const info = tool('pdfinfo', [join(out, 'northwind-logistics', nw.binder ?? nw.outputs.binder)]);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(3);
    expect(info).toMatch(/Page size:\s+612 x 792/);
    expect(pdfText(join(out, 'northwind-logistics', nw.outputs.binder))).toContain('+1 503 555 0142');
    const cd = manifest('cedar-dental');
    expect(tool('pdfinfo', [join(out, 'cedar-dental', cd.outputs.binder)])).toMatch(
      /Page size:\s+59[45]\.\d+ x 841\.\d+/,
    );
  });

  test("forensic checklists follow each client's inventory", () => {
    const names = (slug: string) =>
      manifest(slug).outputs.checklists.map((p: string) => p.replace(/^pdf\/[a-z-]+?-(forensics-[a-z-]+)\.pdf$/, '$1'));
    expect(names('northwind-logistics')).toEqual(
      expect.arrayContaining(['forensics-linux', 'forensics-dns', 'forensics-windows', 'forensics-web']),
    );
    expect(names('cedar-dental')).not.toContain('forensics-linux');
    expect(names('cedar-dental')).not.toContain('forensics-dns');
    expect(names('cedar-dental')).toContain('forensics-windows');
  });
});
