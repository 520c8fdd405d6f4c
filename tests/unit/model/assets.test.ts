import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listDependents } from '../../../src/model/assets.ts';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Asset, Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';

// Assets related the right way round: what a backup holds, how far a domain controller reaches,
// which incident types an asset's severity floor applies to, and which sheets its product picks.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'acme', audience: 'print' as const, buildDate: '2026-11-01', draft: false };

function plan(assets: Asset[]): Plan {
  return {
    client: { name: 'Acme' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    contacts: [{ id: 'ann', name: 'Ann Lee', roles: ['incident-commander'], phones: [{ number: '+1 503 555 0101' }] }],
    assets,
  };
}

const erp: Asset = { id: 'erp', name: 'ERP', kind: 'server', os: 'linux', criticality: 'critical', data: ['pii'] };
const files: Asset = { id: 'files', name: 'File server', kind: 'server', os: 'linux', criticality: 'high' };
const nas: Asset = {
  id: 'nas',
  name: 'Backup NAS',
  kind: 'data-store',
  os: 'other',
  services: ['backup'],
  criticality: 'medium',
  backup_of: ['erp', 'files'],
};

describe('backups', () => {
  const m = buildModel(plan([erp, files, nas]), tables, opts);
  const asset = (id: string) => m.assets.find((a) => a.id === id);

  test('a backup holds the assets it protects, and they are restored from it', () => {
    expect(asset('nas')?.backupOf).toEqual(['ERP', 'File server']);
    expect(asset('erp')?.restoreFrom).toEqual(['Backup NAS']);
    expect(asset('files')?.restoreFrom).toEqual(['Backup NAS']);
  });

  test('losing the backup does not take down what it protects, nor the other way round', () => {
    expect(asset('nas')?.affects).toEqual([]);
    expect(asset('erp')?.affects).toEqual([]);
  });

  test('the backup comes back before the assets restored from it, whatever their priority', () => {
    expect(m.restoreOrder.map((a) => a.name)).toEqual(['Backup NAS', 'ERP', 'File server']);
  });

  test('one id reads like a list of one', () => {
    const one = buildModel(plan([erp, { ...nas, backup_of: 'erp' }]), tables, opts);
    expect(one.assets.find((a) => a.id === 'erp')?.restoreFrom).toEqual(['Backup NAS']);
  });

  test('templates can tell whether the client has a backup at all', () => {
    expect(m.has.backup).toBe(true);
    expect(m.scope.restorable).toEqual(['ERP', 'File server']);
    const none = buildModel(plan([erp, files]), tables, opts);
    expect(none.has.backup).toBe(false);
    expect(none.scope.backup).toEqual([]);
  });
});

describe('a domain controller reaches every domain-joined host', () => {
  const dc: Asset = {
    id: 'dc',
    name: 'DC1',
    kind: 'server',
    os: 'windows',
    services: ['domain-controller'],
    criticality: 'critical',
  };
  const app: Asset = { id: 'app', name: 'App server', kind: 'server', os: 'windows', criticality: 'high' };
  const pcs: Asset = { id: 'pcs', name: 'Office PCs', kind: 'workstation', os: 'windows', criticality: 'medium' };
  const lone: Asset = { ...app, id: 'lone', name: 'Kiosk', domain_joined: false };
  const joinedLinux: Asset = {
    id: 'lx',
    name: 'Linux joined',
    kind: 'server',
    os: 'linux',
    criticality: 'low',
    domain_joined: true,
  };
  const portal: Asset = {
    id: 'portal',
    name: 'Portal',
    kind: 'server',
    os: 'linux',
    criticality: 'low',
    depends_on: ['app'],
  };
  const p = plan([dc, app, pcs, lone, joinedLinux, portal]);

  test('Windows servers and workstations count unless they say otherwise; others when they say so', () => {
    expect(listDependents('dc', p)).toEqual(['app', 'pcs', 'lx', 'portal']);
    const m = buildModel(p, tables, opts);
    expect(m.scope.domainJoined).toEqual(['DC1', 'App server', 'Office PCs', 'Linux joined']);
  });

  test('without a domain controller, no Windows host is domain-joined', () => {
    const m = buildModel(plan([app, pcs]), tables, opts);
    expect(m.assets.every((a) => !a.domainJoined)).toBe(true);
  });
});

describe('severity floors by incident type', () => {
  const saas: Asset = {
    id: 'crm',
    name: 'CRM',
    kind: 'cloud',
    os: 'saas',
    services: ['database'],
    criticality: 'high',
    data: ['pii'],
  };
  const desk: Asset = {
    id: 'desk',
    name: 'Front desk',
    kind: 'workstation',
    os: 'windows',
    criticality: 'high',
    data: ['phi'],
  };
  const m = buildModel(plan([saas, desk]), tables, opts);
  const floor = (id: string, incident: string) =>
    m.assets.find((a) => a.id === id)?.floors.find((f) => f.incident === incident)?.severity;

  test('ransomware does not reach a hosted service; a data breach does, raised by its data', () => {
    expect(floor('crm', 'ransomware')).toBeNull();
    expect(floor('crm', 'data-breach')).toBe('critical');
    expect(m.exposed.ransomware).toEqual(['Front desk']);
  });

  test('data raises the floor only where the incident can expose it', () => {
    expect(floor('desk', 'ransomware')).toBe('critical');
    expect(floor('desk', 'phishing')).toBe('high');
    expect(m.assets.find((a) => a.id === 'desk')?.severityFloor).toBe('critical');
  });
});

describe('products pick sheets', () => {
  test('a known product brings its sheet even when services say nothing', () => {
    const db: Asset = {
      id: 'db',
      name: 'DB',
      kind: 'server',
      os: 'linux',
      criticality: 'high',
      product: 'PostgreSQL 16',
    };
    const m = buildModel(plan([db]), tables, opts);
    expect(m.sheets.forensicsDatabase?.product.postgresql).toEqual({ label: 'PostgreSQL', assets: ['DB'] });
    expect(m.sheets.forensicsDatabase?.product.sqlServer).toBeNull();
    expect(m.sheets.forensicsDatabase?.other).toEqual([]);
  });

  test('an asset with no known product gets the generic steps', () => {
    const db: Asset = {
      id: 'db',
      name: 'DB',
      kind: 'server',
      os: 'linux',
      services: ['database'],
      criticality: 'high',
      product: 'AcmeDB',
    };
    const m = buildModel(plan([db]), tables, opts);
    expect(m.sheets.forensicsDatabase?.other).toEqual(['DB']);
  });

  test('a hosted service gets the vendor sheet, never a server sheet', () => {
    const crm: Asset = {
      id: 'crm',
      name: 'CRM',
      kind: 'cloud',
      os: 'saas',
      services: ['database', 'web'],
      criticality: 'high',
      product: 'PostgreSQL',
    };
    const m = buildModel(plan([crm]), tables, opts);
    expect(m.forensics.map((c) => c.id)).toEqual(['forensics-cloud-identity', 'forensics-saas']);
    expect(m.vendors.map((v) => v.asset.name)).toEqual(['CRM']);
    expect(m.vendors[0]?.vendor).toBeNull();
    expect(m.requester?.name).toBe('Ann Lee');
  });

  test('MySQL and MariaDB on one sheet read as one block naming both', () => {
    const my: Asset = { id: 'a', name: 'A', kind: 'server', os: 'linux', criticality: 'high', product: 'MySQL 8' };
    const maria: Asset = {
      id: 'b',
      name: 'B',
      kind: 'server',
      os: 'linux',
      criticality: 'high',
      product: 'MariaDB 11',
    };
    const m = buildModel(plan([my, maria]), tables, opts);
    expect(m.sheets.forensicsDatabase?.product.mysql).toEqual({ label: 'MySQL and MariaDB', assets: ['A', 'B'] });
  });
});
