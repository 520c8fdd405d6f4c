import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { irplan, tempDir } from '../helpers/cli.ts';
import { copyExamples } from '../helpers/examples.ts';

// The Word binder (issue 23) as a reader gets it: it opens in LibreOffice, holds every section and
// contact of the binder, has a contents field, running heads, a reference template's styles, and
// is the same bytes when built again. Sites and Word only (--no-pdf): no browser needed.

const root = tempDir('irplan-docx-');
const out = join(root, 'dist');
copyExamples(root);
const docxOf = (dir: string, slug: string) => join(dir, slug, 'docx', `${slug}-binder.docx`);
const parts = (file: string) => unzipSync(readFileSync(file));
const part = (file: string, name: string) => strFromU8(parts(file)[name] ?? new Uint8Array());

/** A reference template made here: its Heading 1 in a font and colour no default has. */
async function writeReferenceTemplate(file: string): Promise<void> {
  const doc = new Document({
    styles: { default: { heading1: { run: { font: 'Courier New', color: 'C00000', size: 40 } } } },
    sections: [{ children: [new Paragraph('Reference')] }],
  });
  writeFileSync(file, await Packer.toBuffer(doc));
}

beforeAll(async () => {
  await writeReferenceTemplate(join(root, 'plans', 'branding', 'reference.docx'));
  appendFileSync(
    join(root, 'plans', 'northwind-logistics', 'plan.yaml'),
    '\nmsp:\n  word_template: branding/reference.docx\n',
  );
  const r = irplan(['build', 'northwind-logistics', 'cedar-dental', '--no-pdf', '--out', out], { cwd: root });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code, r.stderr).toBe(0);
});

describe('the Word binder', () => {
  test('is in the manifest and converts to PDF in LibreOffice headless', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'cedar-dental', 'manifest.json'), 'utf8'));
    expect(manifest.outputs.docx.binder).toBe('docx/cedar-dental-binder.docx');
    const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version']).status === 0);
    // Never skipped: CI without LibreOffice fails here and says how to get it.
    expect(
      soffice,
      'LibreOffice is missing: run `npm run setup` (as root with apt-get it installs libreoffice-writer-nogui), or install LibreOffice from https://www.libreoffice.org/download/ so that `soffice` is on PATH',
    ).toBeDefined();
    const pdfDir = tempDir('irplan-docx-pdf-');
    for (const slug of ['northwind-logistics', 'cedar-dental']) {
      const r = spawnSync(
        soffice as string,
        ['--headless', '--convert-to', 'pdf', '--outdir', pdfDir, docxOf(out, slug)],
        {
          encoding: 'utf8',
          env: { ...process.env, HOME: pdfDir },
          timeout: 300_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(pdfDir, `${slug}-binder.pdf`)), r.stdout + r.stderr).toBe(true);
    }
  });

  test.each(['northwind-logistics', 'cedar-dental'])(
    '%s: every section title and contact is in its text',
    async (slug) => {
      const { value: text } = await mammoth.extractRawText({ path: docxOf(out, slug) });
      for (const title of binderTitles(slug)) expect(text, title).toContain(title);
      for (const name of contactNames(slug)) expect(text, name).toContain(name);
    },
  );

  test('has a table-of-contents field, Heading 1 sections and running heads with client and classification', () => {
    const file = docxOf(out, 'cedar-dental');
    expect(part(file, 'word/document.xml')).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-1&quot;/);
    expect(part(file, 'word/document.xml')).toContain('<w:pStyle w:val="Heading1"/>');
    const headers = Object.keys(parts(file)).filter((n) => /^word\/header\d*\.xml$/.test(n));
    const heads = headers.map((n) => part(file, n)).join('');
    expect(heads).toContain('Cedar Family Dental');
    expect(heads).toMatch(/TLP:(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)/);
    expect(part(file, 'word/footer1.xml')).toMatch(/NUMPAGES/);
    expect(part(file, 'docProps/core.xml')).toContain('<dc:creator>Bluefin Managed IT</dc:creator>');
  });

  test("the reference template's Heading 1 style is the one the binder uses", () => {
    const styles = part(docxOf(out, 'northwind-logistics'), 'word/styles.xml');
    const heading1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(heading1).toContain('Courier New');
    expect(heading1).toContain('C00000');
    // Without a template: the MSP's branding colour.
    const own = part(docxOf(out, 'cedar-dental'), 'word/styles.xml');
    expect(/<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(own)?.[0]).not.toContain('C00000');
  });

  test('a second build is byte-identical', () => {
    const again = join(root, 'dist-again');
    const r = irplan(['build', 'cedar-dental', '--no-pdf', '--out', again], { cwd: root, env: { TZ: 'Asia/Tokyo' } });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(docxOf(again, 'cedar-dental')).equals(readFileSync(docxOf(out, 'cedar-dental')))).toBe(true);
  });
});

/** The site's pages that are not in the binder: the insurance summary (binder: false), downloads, incident mode. */
const SITE_ONLY = ['insurance', 'downloads', 'incident'];

/** The binder's sections, as the client's site lists them (its navigation), without the site's own pages. */
function binderTitles(slug: string): string[] {
  const html = readFileSync(join(out, slug, 'site', 'index.html'), 'utf8');
  const nav = /<nav class="side" id="sections"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const links = [...nav.matchAll(/<a href="[^"]*?([a-z0-9-]+)\/(?:index\.html)?"[^>]*>([^<]+)<\/a>/g)];
  expect(links.length).toBeGreaterThan(10);
  return links.filter((m) => !SITE_ONLY.includes(m[1] as string)).map((m) => decode(m[2] as string));
}

/** The names of the client's contacts and the MSP's (plans/defaults.yaml). */
function contactNames(slug: string): string[] {
  const read = (file: string) =>
    parse(readFileSync(join(root, 'plans', file), 'utf8')) as { contacts?: { name: string }[] };
  return [...(read(join(slug, 'plan.yaml')).contacts ?? []), ...(read('defaults.yaml').contacts ?? [])].map(
    (c) => c.name,
  );
}

function decode(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
