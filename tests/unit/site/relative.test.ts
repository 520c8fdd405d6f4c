import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { relativeUrl, relativizeSite, rewriteHtml } from '../../../src/site/relative.ts';
import { tempDir } from '../../helpers/cli.ts';

const at = (url: string, base = '/', folders: string[] = []) => ({
  base,
  url,
  isFolder: (p: string) => folders.includes(p),
});

describe('relativeUrl', () => {
  test('from the start page, a folder becomes its index.html and a file stays a file', () => {
    const page = at('/index.html');
    expect(relativeUrl('/', page)).toBe('index.html');
    expect(relativeUrl('/contacts/', page)).toBe('contacts/index.html');
    expect(relativeUrl('/contacts/#on-call', page)).toBe('contacts/index.html#on-call');
    expect(relativeUrl('/_assets/site.css', page)).toBe('_assets/site.css');
    expect(relativeUrl('/pdf/a.pdf?x=1', page)).toBe('pdf/a.pdf?x=1');
  });

  test('from a page in a folder, rooted and ../ links both climb to the root', () => {
    const page = at('/contacts/index.html');
    expect(relativeUrl('/', page)).toBe('../index.html');
    expect(relativeUrl('/assets/', page)).toBe('../assets/index.html');
    expect(relativeUrl('../assets/#inventory', page)).toBe('../assets/index.html#inventory');
    expect(relativeUrl('./', page)).toBe('index.html');
    expect(relativeUrl('/vcard/kim.vcf', page)).toBe('../vcard/kim.vcf');
  });

  test('a released version two folders down links within itself and back to the current plan', () => {
    const page = at('/versions/1.4.0/contacts/index.html');
    expect(relativeUrl('/versions/1.4.0/assets/', page)).toBe('../assets/index.html');
    expect(relativeUrl('/versions/1.4.0/_assets/s.css', page)).toBe('../_assets/s.css');
    expect(relativeUrl('/', page)).toBe('../../../index.html');
  });

  test('a folder named without its slash is found as a folder', () => {
    expect(relativeUrl('/versions', at('/index.html', '/', ['versions']))).toBe('versions/index.html');
    expect(relativeUrl('/versions', at('/index.html'))).toBe('versions');
  });

  test('anchors, other schemes and paths outside the base are left as they are', () => {
    const page = at('/ir/contacts/index.html', '/ir/');
    for (const url of [
      '#main',
      'tel:+15035550142',
      'mailto:a@b.example',
      'data:,',
      'https://x.example/',
      '//cdn.example/a.js',
      '/other/',
      '',
    ])
      expect(relativeUrl(url, page)).toBe(url);
    expect(relativeUrl('/ir/', page)).toBe('../index.html');
  });
});

describe('rewriteHtml', () => {
  test('rewrites the URLs of tags, style blocks, style attributes and srcsets, and never text', () => {
    const html = [
      '<link rel="stylesheet" href="/_assets/s.css"><script src=\'/pagefind/ui.js\'></script>',
      '<style>@font-face{src:url("/_assets/f.woff2")}</style>',
      '<A HREF="/contacts/" title="a > b">Contacts</A> <img src="/i.png" srcset="/i.png 1x, /i2.png 2x">',
      '<div style="background:url(/b.png)"></div>',
      '<p>write href="/x/" in text, or &lt;a href="/y/"&gt;</p>',
    ].join('');
    const out = rewriteHtml(html, at('/roles/index.html'));
    expect(out).toContain('<link rel="stylesheet" href="../_assets/s.css">');
    expect(out).toContain("<script src='../pagefind/ui.js'>");
    expect(out).toContain('url("../_assets/f.woff2")');
    expect(out).toContain('<A HREF="../contacts/index.html" title="a > b">');
    expect(out).toContain('srcset="../i.png 1x, ../i2.png 2x"');
    expect(out).toContain('style="background:url(../b.png)"');
    expect(out).toContain('<p>write href="/x/" in text, or &lt;a href="/y/"&gt;</p>');
  });
});

describe('relativizeSite', () => {
  test('rewrites pages and stylesheets of a site folder, leaves Pagefind alone and counts what changed', () => {
    const site = tempDir('irplan-relative-');
    for (const dir of ['_assets', 'pagefind', 'contacts', 'versions']) mkdirSync(join(site, dir));
    writeFileSync(join(site, '_assets', 's.css'), '@font-face{src:url(/_assets/f.woff2)}');
    writeFileSync(join(site, 'pagefind', 'pagefind-ui.css'), '.x{background:url(/pagefind/a.svg)}');
    writeFileSync(join(site, 'index.html'), '<a href="/contacts/">c</a><a href="/versions">v</a>');
    writeFileSync(join(site, 'contacts', 'index.html'), '<a href="/">home</a>');
    writeFileSync(join(site, 'versions', 'index.html'), '<a href="../">back</a><a href="#top">top</a>');
    expect(relativizeSite(site, '/')).toBe(4);
    expect(readFileSync(join(site, '_assets', 's.css'), 'utf8')).toBe('@font-face{src:url(f.woff2)}');
    expect(readFileSync(join(site, 'pagefind', 'pagefind-ui.css'), 'utf8')).toContain('url(/pagefind/a.svg)');
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe(
      '<a href="contacts/index.html">c</a><a href="versions/index.html">v</a>',
    );
    expect(readFileSync(join(site, 'contacts', 'index.html'), 'utf8')).toBe('<a href="../index.html">home</a>');
    expect(readFileSync(join(site, 'versions', 'index.html'), 'utf8')).toBe(
      '<a href="../index.html">back</a><a href="#top">top</a>',
    );
    expect(relativizeSite(site, '/')).toBe(0);
  });
});
