import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toCamel } from '../../../src/model/names.ts';
import { findProductInName, matchProduct, productFamily } from '../../../src/model/products.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { REPO } from '../../helpers/bin.ts';

// Products are read from free text: case, versions and editions do not matter, whole words do, and
// a sheet template has a block of steps for exactly the products the table says it has.
const tables = loadTables(join(REPO, 'templates'));
const id = (text: string) => matchProduct(text, tables.products)?.id ?? null;

describe('matching a product', () => {
  test.each([
    ['PostgreSQL 15', 'postgresql'],
    ['postgres 9.6 on Debian', 'postgresql'],
    ['MariaDB 10.11', 'mariadb'],
    ['MySQL 8.0 Community', 'mysql'],
    ['Microsoft SQL Server 2019 Standard', 'sql-server'],
    ['Microsoft 365 Business Premium', 'microsoft-365'],
    ['Exchange Online', 'microsoft-365'],
    ['Exchange Server 2019 CU14', 'exchange-server'],
    ['Exchange 2016', 'exchange-server'],
    ['Google Workspace Business Standard', 'google-workspace'],
    ['Postfix 3.7', 'postfix'],
    ['Active Directory (Windows Server 2022)', 'active-directory'],
    ['Azure Active Directory', 'entra-id'],
    ['Okta Workforce Identity', 'okta'],
    ['IIS 10', 'iis'],
    ['NGINX 1.24', 'nginx'],
    ['Apache 2.4', 'apache'],
    ['Apache HTTP Server 2.4.58', 'apache'],
    ['FortiGate 60F (FortiOS 7.2)', 'fortigate'],
    ['PAN-OS 10.2', 'palo-alto'],
    ['SonicWall TZ470', 'sonicwall'],
    ['ASA 5506-X', 'cisco-asa'],
    ['Synology DS920+', 'synology'],
    ['Veeam Backup & Replication 12', 'veeam'],
    ['macOS Sonoma', 'macos'],
  ])('"%s" is %s', (text, want) => {
    expect(id(text)).toBe(want);
  });

  test.each(['Apache Tomcat 9', 'PracticeHub', 'PostgresQLite', 'Exchange rate service', ''])(
    '"%s" is no product irplan knows',
    (text) => {
      expect(id(text)).toBeNull();
    },
  );

  test('MySQL and MariaDB share one block of steps', () => {
    const maria = matchProduct('MariaDB', tables.products);
    expect(maria && productFamily(maria)).toBe('mysql');
  });

  test('an asset name names a product only through its whole names, never an exact-only one', () => {
    const inName = (name: string) => findProductInName(name, tables.products)?.id ?? null;
    expect(inName('Dispatch ERP (SQL Server)')).toBe('sql-server');
    expect(inName('Microsoft 365 mail and identity')).toBe('microsoft-365');
    expect(inName('Mail relay (Postfix)')).toBe('postfix');
    expect(inName('Exchange')).toBeNull();
    expect(inName('Backup appliance BK01')).toBeNull();
  });
});

describe('the products table and the sheet templates agree', () => {
  const checklistIds = tables.checklists.map((c) => c.id);
  const template = (sheet: string) => readFileSync(join(REPO, 'templates', 'checklists', `${sheet}.md.hbs`), 'utf8');

  test('every product names sheets that exist', () => {
    for (const p of tables.products)
      for (const sheet of [...p.sheets, ...p.steps]) expect(checklistIds, `${p.id}: ${sheet}`).toContain(sheet);
  });

  test('a product with steps on a sheet has a block there, and every block belongs to such a product', () => {
    for (const sheet of checklistIds) {
      const blocks = new Set([...template(sheet).matchAll(/\.product\.([a-zA-Z0-9]+)/g)].map((m) => m[1]));
      const want = new Set(
        tables.products.filter((p) => p.steps.includes(sheet)).map((p) => toCamel(productFamily(p))),
      );
      expect([...blocks].sort(), sheet).toEqual([...want].sort());
    }
  });

  test('every incident type says which assets it can reach', () => {
    expect(tables.exposure.map((e) => e.incident).sort()).toEqual(tables.incidents.map((i) => i.id).sort());
  });
});
