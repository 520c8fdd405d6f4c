import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';

// Steps that fit the client's products, vendor sheets and backups the right way round (issue 18,
// items 3 to 5), read from the printed PDFs of two clients made for it: an on-premises Linux estate
// (tests/fixtures/clients/linux-estate) and a client that runs only hosted services (saas-only).
let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  const root = tempDir('irplan-products-');
  copyExamples(root);
  copyFixtureClient(root, 'linux-estate');
  copyFixtureClient(root, 'saas-only');
  out = join(root, 'dist');
  result = irplan(['build', 'linux-estate', 'saas-only', '--no-docx', '--out', out], { cwd: root });
});

const manifest = (slug: string) => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
const checklists = (slug: string): string[] => manifest(slug).outputs.checklists;
/** Reading order, whitespace collapsed, typographic apostrophes made plain. */
const text = (slug: string, rel: string) =>
  tool('pdftotext', [join(out, slug, rel), '-'])
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
const sheet = (slug: string, id: string) => text(slug, `pdf/${slug}-${id}.pdf`);

test('both clients build', () => {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(0);
});

describe('the on-premises Linux estate', () => {
  const slug = 'linux-estate';

  test('its database and mail sheets give PostgreSQL, MariaDB and Postfix steps', () => {
    const db = sheet(slug, 'forensics-database');
    expect(db).toContain('pg_stat_activity');
    expect(db).toContain('SHOW FULL PROCESSLIST;');
    const mail = sheet(slug, 'forensics-mail');
    expect(mail).toContain('postqueue -p');
    expect(mail).toContain('Postfix:');
  });

  test('no printed page names SQL Server, Exchange Online or Microsoft 365', () => {
    const pdfs = [manifest(slug).outputs.binder as string, ...checklists(slug)];
    for (const rel of pdfs)
      expect(text(slug, rel), rel).not.toMatch(/SQL Server|Exchange Online|Microsoft 365|Office 365/);
  });

  test('the triage matrix and the restore order read the backup the right way round', () => {
    const binder = text(slug, manifest(slug).outputs.binder);
    expect(binder).toContain('holds the backups of Orders database DB01, Stock database DB02, Web shop WEB01');
    expect(binder).toContain('restore from Backup store NAS01');
    const order = /Restore order.*?Outbound mail relay MX01/.exec(binder)?.[0] ?? '';
    expect(order.indexOf('Backup store NAS01')).toBeGreaterThan(-1);
    expect(order.indexOf('Backup store NAS01')).toBeLessThan(order.indexOf('Orders database DB01'));
    expect(order).toContain('Orders database DB01, restored from Backup store NAS01');
  });

  test('the backup sheet says what the backup holds', () => {
    expect(sheet(slug, 'forensics-backup')).toContain(
      'Backup store NAS01: Orders database DB01, Stock database DB02, Web shop WEB01',
    );
  });
});

describe('the client that runs only hosted services', () => {
  const slug = 'saas-only';

  test('gets a vendor sheet and no server sheet', () => {
    const listed = checklists(slug);
    expect(listed).toContain(`pdf/${slug}-forensics-saas.pdf`);
    for (const id of ['forensics-web', 'forensics-database', 'forensics-linux', 'forensics-windows'])
      expect(listed).not.toContain(`pdf/${slug}-${id}.pdf`);
  });

  test('its vendor sheet carries a preservation request per service, signed by the incident commander', () => {
    const saas = sheet(slug, 'forensics-saas');
    expect(saas).toContain('Preservation request: Larkspur Advisory, Client records portal');
    expect(saas).toContain('To: Microsoft, security or support team');
    expect(saas).toContain('Nina Berg, Managing Partner, Larkspur Advisory, +1 212 555 0160');
    expect(saas).toContain("Rotate each service's API keys");
  });

  test('no forensic or vendor sheet says to disconnect a service or copy web server logs', () => {
    for (const rel of checklists(slug).filter((p) => p.includes('forensics-')))
      expect(text(slug, rel), rel).not.toMatch(/disconnect|from the network|network cable|access and error logs/i);
  });
});
