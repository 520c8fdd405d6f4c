import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { selectIncidents } from '../../../src/model/incidents.ts';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Asset, Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/cli.ts';

// Issue 22: six playbooks chosen by the client's data, as forensic sheets are (incidents.yaml
// `match`, `products`, `flows`). Each case below gives a plan exactly one thing that calls for one of
// them and checks that it, and no other, joins the six every client gets.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'acme', audience: 'print' as const, buildDate: '2026-11-01', draft: false };

const EVERY_CLIENT = [
  'ransomware',
  'data-breach',
  'account-compromise',
  'phishing',
  'lateral-movement',
  'remote-access-breach',
];

function plan(assets: Asset[], flows: Plan['data_flows'] = []): Plan {
  return {
    client: { name: 'Acme', country: 'US' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    contacts: [{ id: 'ann', name: 'Ann Lee', roles: ['incident-commander'], phones: [{ number: '+1 503 555 0101' }] }],
    assets,
    data_flows: flows,
  };
}

/** A plain asset that calls for none of the six: a Linux database server with no data recorded. */
function asset(over: Partial<Asset> = {}): Asset {
  return {
    id: 'db',
    name: 'Database DB1',
    kind: 'server',
    os: 'linux',
    services: ['database'],
    criticality: 'high',
    ...over,
  };
}

/** The incident types this plan gets beyond those every client gets. */
const extra = (p: Plan) =>
  selectIncidents(p, tables)
    .map((i) => i.id)
    .filter((id) => !EVERY_CLIENT.includes(id));

describe('which playbooks a client gets', () => {
  test('every client gets the six; nothing else without data that calls for it', () => {
    expect(selectIncidents(plan([]), tables).map((i) => i.id)).toEqual(EVERY_CLIENT);
    expect(extra(plan([asset()]))).toEqual([]);
    expect(extra(plan([asset({ internet_facing: false })]))).toEqual([]);
  });

  test('an asset with the mail service: business e-mail compromise, whatever runs it', () => {
    expect(extra(plan([asset({ services: ['mail'], product: 'Postfix 3.7' })]))).toEqual(['business-email-compromise']);
    // A Microsoft 365 tenant without the mail service recorded is a tenant, not a mailbox.
    expect(extra(plan([asset({ os: 'other', product: 'Microsoft 365' })]))).not.toContain('business-email-compromise');
  });

  test('a hosted service, or a data flow to or from an outside system: breach at a vendor', () => {
    expect(extra(plan([asset({ kind: 'cloud', os: 'saas', services: [] })]))).toEqual(['vendor-breach']);
    const out = [{ id: 'f', data: ['pii'], from: 'db', to: 'Carrier portal' }];
    expect(extra(plan([asset()], out))).toEqual(['vendor-breach']);
    const inbound = [{ id: 'f', from: 'Bank feed', to: 'db' }];
    expect(extra(plan([asset()], inbound))).toEqual(['vendor-breach']);
    const inside = [{ id: 'f', from: 'db', to: 'web' }];
    expect(extra(plan([asset(), asset({ id: 'web', name: 'Web WEB1', services: ['web'] })], inside))).toEqual([]);
  });

  test('a cloud directory product (Microsoft 365, Entra ID, Google Workspace, Okta): cloud tenant compromise', () => {
    for (const product of ['Microsoft 365 E3', 'Microsoft Entra ID P1', 'Google Workspace', 'Okta Workforce Identity'])
      expect(extra(plan([asset({ os: 'other', product })])), product).toEqual(['cloud-tenant-compromise']);
    // Active Directory on premises is a domain, not a cloud tenant; an unknown product picks nothing.
    expect(extra(plan([asset({ os: 'windows', product: 'Active Directory' })]))).toEqual([]);
    expect(extra(plan([asset({ os: 'other', product: 'Acme Cloud Directory' })]))).toEqual([]);
  });

  test('an endpoint (asset kind workstation): lost or stolen device', () => {
    expect(extra(plan([asset({ kind: 'workstation', os: 'macos', services: [] })]))).toEqual(['lost-or-stolen-device']);
  });

  test('any data held: insider misuse', () => {
    expect(extra(plan([asset({ data: ['ip'] })]))).toEqual(['insider-misuse']);
  });

  test('an asset marked internet_facing: denial of service', () => {
    expect(extra(plan([asset({ internet_facing: true })]))).toEqual(['denial-of-service']);
  });

  test('an incident type naming a product or flow kind irplan does not know is refused', () => {
    const bad = (over: object) => ({ ...tables, incidents: [{ id: 'x', label: 'X', also_call: [], ...over }] });
    expect(() => selectIncidents(plan([]), bad({ products: ['office-365'] }))).toThrow(/products.yaml does not list/);
    expect(() => selectIncidents(plan([]), bad({ flows: ['inside'] }))).toThrow(/data flow kind "inside"/);
  });
});

describe('what the choice decides in the model', () => {
  const web = asset({ id: 'web', name: 'Web WEB1', services: ['web'], internet_facing: true, criticality: 'critical' });
  const m = buildModel(plan([asset(), web]), tables, opts);

  test('the playbook checklists, triage matrix columns, call-list changes and incident mode types follow it', () => {
    const chosen = [...EVERY_CLIENT, 'denial-of-service'];
    expect(m.checklists.filter((c) => c.id.startsWith('playbook-')).map((c) => c.id)).toEqual(
      chosen.map((id) => `playbook-${id}`),
    );
    expect(m.playbooks.map((p) => p.id)).toEqual(chosen);
    expect(m.incidents.map((i) => i.id)).toEqual(chosen);
    expect(m.assets[0]?.floors.map((f) => f.incident)).toEqual(chosen);
    expect(Object.keys(m.byIncident)).not.toContain('lostOrStolenDevice');
  });

  test('the denial-of-service floor applies to the internet-facing asset only', () => {
    const floor = (name: string) =>
      m.assets.find((a) => a.name === name)?.floors.find((f) => f.incident === 'denial-of-service')?.severity;
    expect(floor('Web WEB1')).toBe('critical');
    expect(floor('Database DB1')).toBeNull();
    expect(m.scope.internetFacing).toEqual(['Web WEB1']);
    expect(m.exposed.denialOfService).toEqual(['Web WEB1']);
  });

  test('an exercise of a type the client does not get keeps its label', () => {
    const p = { ...plan([asset()]), exercises: [{ date: '2026-03-01', scenario: 'insider-misuse' as const }] };
    expect(buildModel(p, tables, opts).exercises[0]?.scenarioLabel).toBe('Insider misuse');
  });
});
