import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import { readClients } from '../../../src/plan/index.ts';
import { collectTemplates, renderDocuments } from '../../../src/render/index.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';
import { copyFixtureClient } from '../../helpers/examples.ts';

// Steps that fit the client's products, read from the rendered Markdown of two clients made for it:
// an on-premises Linux estate (PostgreSQL, MariaDB, Postfix, nginx, FortiGate, Synology) and a
// client that runs only hosted services (Microsoft 365, Okta, a hosted line-of-business app).
const root = tempDir('irplan-products-');
const templatesDir = join(REPO, 'templates');
const tables = loadTables(templatesDir);

function render(slug: string) {
  copyFixtureClient(root, slug);
  const read = readClients(join(root, 'plans'), [slug]);
  const client = read.clients[0];
  if (!client) throw new Error(read.errors.map((e) => e.message).join('\n'));
  const model = buildModel(client.plan, tables, { slug, audience: 'print', buildDate: '2026-11-01', draft: false });
  return renderDocuments(model, collectTemplates(templatesDir, null));
}

/** Markdown as a reader gets its text: numeric character references decoded, whitespace collapsed. */
const plain = (md: string) => md.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/\s+/g, ' ');

/** The forensic and vendor sheets of a client, by checklist id. */
function sheets(slug: string): Map<string, string> {
  return new Map(
    render(slug)
      .filter((d) => d.checklist?.startsWith('forensics-'))
      .map((d) => [d.checklist ?? '', plain(d.body)]),
  );
}

describe('an on-premises Linux estate', () => {
  const got = sheets('linux-estate');
  const all = [...got.values()].join(' ');

  test('gets the sheets its products call for, and no vendor sheet', () => {
    expect([...got.keys()].sort()).toEqual([
      'forensics-backup',
      'forensics-database',
      'forensics-firewall',
      'forensics-linux',
      'forensics-mail',
      'forensics-remote-access',
      'forensics-web',
    ]);
  });

  test('its database sheet gives PostgreSQL and MariaDB steps and no generic or other engine steps', () => {
    const db = got.get('forensics-database') ?? '';
    expect(db).toContain('pg_stat_activity');
    expect(db).toContain('SHOW log_directory;');
    expect(db).toContain('SHOW FULL PROCESSLIST;');
    expect(db).toContain('**MariaDB:**');
    expect(db).not.toContain('**MySQL');
    expect(db).not.toMatch(/sys\.dm_exec_sessions|ERRORLOG|SQL Server/);
    expect(db).not.toContain("Copy the database's error log");
  });

  test('its mail relay gets Postfix steps, not cloud-mailbox steps', () => {
    const mail = got.get('forensics-mail') ?? '';
    expect(mail).toContain('postqueue -p');
    expect(mail).toContain('/var/log/mail.log*');
    expect(mail).not.toMatch(/message trace|inbox rules|OAuth|Purview/i);
  });

  test('web, firewall and backup sheets speak of nginx, FortiGate and Synology only', () => {
    expect(got.get('forensics-web')).toContain('nginx -T');
    expect(got.get('forensics-firewall')).toContain('get system status');
    expect(got.get('forensics-remote-access')).toContain('get vpn ssl monitor');
    expect(got.get('forensics-backup')).toContain('Log Center');
    expect(got.get('forensics-backup')).toContain('Orders database DB01, Stock database DB02, Web shop WEB01');
  });

  test('no sheet names a product the client does not run', () => {
    expect(all).not.toMatch(
      /SQL Server|Exchange|Microsoft|Entra|Office 365|Google|Okta|\bIIS\b|Apache|Veeam|Palo Alto|SonicWall|Cisco|PowerShell|MySQL/,
    );
  });
});

describe('a client that runs only hosted services', () => {
  const docs = render('saas-only');
  const got = new Map(
    docs.filter((d) => d.checklist?.startsWith('forensics-')).map((d) => [d.checklist ?? '', plain(d.body)]),
  );

  test('gets a vendor sheet and no server sheet', () => {
    expect([...got.keys()].sort()).toEqual(['forensics-cloud-identity', 'forensics-mail', 'forensics-saas']);
  });

  test('the vendor sheet asks each vendor to preserve logs, in a letter filled with the client data', () => {
    const saas = got.get('forensics-saas') ?? '';
    for (const name of ['Mail and files tenant', 'Single sign-on', 'Client records portal'])
      expect(saas).toContain(`Preservation request: Larkspur Advisory, ${name}`);
    expect(saas).toContain('**To:** Microsoft, security or support team');
    expect(saas).toContain('**To:** Okta, security or support team');
    expect(saas).toContain('**To:** the provider of Client records portal');
    expect(saas).toContain('Nina Berg, Managing Partner, Larkspur Advisory');
    expect(saas).toContain('System Log: 90 days.');
    expect(saas).toContain(
      '| Client records portal (owner Nina Berg) | the provider of Client records portal | not known here: the request asks |',
    );
    expect(saas).toContain('Please confirm in writing how long each record is kept');
    expect(saas).toMatch(/suspend those the business can run without/);
    expect(saas).toMatch(/Rotate each service's API keys, access tokens/);
  });

  test('no sheet tells anyone to unplug a service or copy a web server log', () => {
    const all = [...got.values()].join(' ');
    expect(all).not.toMatch(/disconnect|from the network|network cable|access and error logs|operating system sheet/i);
  });

  test('the mail sheet gives Microsoft 365 tenant steps', () => {
    expect(got.get('forensics-mail')).toContain('Search-UnifiedAuditLog');
    expect(got.get('forensics-mail')).not.toContain('postqueue');
  });

  test('the restore order says that no backup is recorded', () => {
    const assets = plain(docs.find((d) => d.id === 'assets')?.body ?? '');
    expect(assets).toContain('No backup system is recorded for Larkspur Advisory.');
  });
});
