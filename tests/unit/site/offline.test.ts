import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeOffline } from '../../../src/site/offline.ts';
import { tempDir } from '../../helpers/cli.ts';

test('writeOffline inlines stylesheets and woff2 fonts, drops scripts and turns page links into anchors', () => {
  const site = tempDir();
  mkdirSync(join(site, 'offline'));
  mkdirSync(join(site, '_assets'));
  writeFileSync(join(site, '_assets', 'f.woff2'), Buffer.from([1, 2, 3]));
  writeFileSync(
    join(site, '_assets', 's.css'),
    "@font-face{src:url(/ir/_assets/f.woff2) format('woff2'), url(/ir/_assets/f.woff) format('woff')}body{color:red}",
  );
  writeFileSync(
    join(site, 'offline', 'index.html'),
    '<html><head><link rel="stylesheet" href="/ir/_assets/s.css"><script type="module" src="/ir/x.js"></script></head><body><a href="/ir/contacts/">Contacts</a> <a href="/ir/assets/#dc01">DC01</a> <a href="/ir/">Start</a> <a href="tel:+15035550142">call</a></body></html>',
  );
  expect(writeOffline(site, '/ir/')).toBe('offline.html');
  const html = readFileSync(join(site, 'offline.html'), 'utf8');
  expect(html).toContain(
    `<style>@font-face{src:url(data:font/woff2;base64,${Buffer.from([1, 2, 3]).toString('base64')}) format('woff2')}body{color:red}</style>`,
  );
  expect(html).not.toMatch(/<script|<link|\.woff\)/);
  expect(html).toContain(
    '<a href="#contacts">Contacts</a> <a href="#dc01">DC01</a> <a href="#index">Start</a> <a href="tel:+15035550142">call</a>',
  );
  expect(existsSync(join(site, 'offline'))).toBe(false);
});

test('writeOffline turns cross-references between pages ({{see}}: ../<id>/ and ../<id>/#<heading>) into anchors', () => {
  const site = tempDir();
  mkdirSync(join(site, 'offline'));
  writeFileSync(
    join(site, 'offline', 'index.html'),
    '<html><body><a class="xref" href="../severity/">Severity</a> <a class="xref" href="../assets/#triage-matrix">Triage matrix</a> <a href="./contacts/">Contacts</a> <a href="pdf/x-binder.pdf">PDF</a></body></html>',
  );
  writeOffline(site, '/ir/');
  expect(readFileSync(join(site, 'offline.html'), 'utf8')).toContain(
    '<a class="xref" href="#severity">Severity</a> <a class="xref" href="#triage-matrix">Triage matrix</a> <a href="#contacts">Contacts</a> <a href="pdf/x-binder.pdf">PDF</a>',
  );
});
