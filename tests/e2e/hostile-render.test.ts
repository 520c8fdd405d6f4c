import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { visibleText } from '../helpers/html.ts';

// A client whose data tries to become MDX, JSX, HTML, script, links, images, Handlebars, front
// matter and headings (tests/fixtures/hostile/render). One real build, site and PDF, through the
// CLI; every payload must come out as plain visible text and nothing may reach a remote URL.
const FIXTURE = resolve(import.meta.dirname, '../fixtures/hostile/render');
const SLUG = 'payloads';

/** Each payload as a reader must see it (newlines in the data read as spaces). */
const PAYLOADS = [
  'Payload {process.exit(1)} Clinic',
  'Ana <img src=x onerror=alert(1)> Diaz',
  '![pixel](https://evil.example/pixel.png) Director',
  '{{constructor.constructor}} Org',
  'Ben <Widget value={1+1} /> Okafor',
  'Visit https://evil.example/x and www.evil.example now',
  'File server {{{raw}}} `code` *star* _under_',
  'Domain controller [ref]: https://evil.example/ref',
  'Carrier <iframe src=https://evil.example/frame></iframe>',
  'CYB-{1+1}-<x>',
  'Forensics <a href=https://evil.example>firm</a>',
  'Line one # Heading from a stipulation - list item > quote',
  "import x from 'evil'; export const y = 1",
];

let out: string;
let result: ReturnType<typeof irplan>;
let pages: { file: string; html: string }[];

beforeAll(() => {
  // Built from a copy outside the repository, as a consultant's own project would be.
  const root = tempDir('irplan-hostile-render-');
  cpSync(FIXTURE, root, { recursive: true });
  out = join(root, 'dist');
  result = irplan(['build', SLUG, '--out', out], { cwd: root });
  const site = join(out, SLUG, 'site');
  pages = readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ file: f, html: readFileSync(join(site, f), 'utf8') }));
});

/** What a reader sees, inline text read whole (a hostile value may sit inside a span). */
const readerText = (html: string) => visibleText(html, '');

/** Every start tag in the page, for checks on elements and attributes. */
const tags = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? [];

describe('hostile client data in the built site and PDF', () => {
  test('the build succeeds', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(pages.length).toBeGreaterThan(5);
  });

  test.each(PAYLOADS)('shows %s as plain text in the site', (payload) => {
    expect(pages.some((p) => readerText(p.html).includes(payload))).toBe(true);
  });

  test('no payload became an element: no script, img, iframe, a, b or Widget from the data', () => {
    for (const { file, html } of pages) {
      for (const tag of tags(html)) {
        expect(tag, file).not.toMatch(/onerror|<iframe|<widget|src=x\b|alert\(/i);
      }
      expect(html, file).not.toMatch(/<script>alert|<b>bold<\/b>/);
    }
  });

  test('no link or image points at javascript: or a remote host from the data', () => {
    for (const { file, html } of pages) {
      for (const tag of tags(html))
        expect(tag, file).not.toMatch(/(href|src|srcset|action)\s*=\s*["']?\s*(javascript:|https?:\/\/evil)/i);
      expect(html, file).not.toMatch(/<a [^>]*href="[^"]*evil/);
    }
  });

  test('newlines in data start no heading, list, quote or front matter', () => {
    for (const { file, html } of pages) {
      expect(html, file).not.toMatch(/<h[1-6][^>]*>\s*(Injected heading|Heading from a stipulation)/);
      expect(html, file).not.toMatch(/<blockquote>\s*<p>\s*quote/);
      expect(html, file).not.toMatch(/<title>[^<]*hacked/);
    }
    const assets = pages.find((p) => p.file === join('assets', 'index.html'));
    expect(readerText(assets?.html ?? '')).toContain('Room --- title: hacked --- # Injected heading');
  });

  test('the binder PDF carries the payloads as text', () => {
    const manifest = JSON.parse(readFileSync(join(out, SLUG, 'manifest.json'), 'utf8')) as {
      outputs: { binder: string };
    };
    const text = tool('pdftotext', [join(out, SLUG, manifest.outputs.binder), '-'])
      .replace(/[\u2060\u200b]/g, '')
      .replace(/\s+/g, ' ');
    for (const payload of [
      'Ana <img src=x onerror=alert(1)> Diaz',
      'Carrier <iframe src=https://evil.example/frame></iframe>',
      'Payload {process.exit(1)} Clinic',
      '{{constructor.constructor}} Org',
    ]) {
      expect(text).toContain(payload);
    }
  });
});
