import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Recovery engineering, information sharing and the breach-coach pack read the client's own data:
// the reset order has only the rows the client's systems call for, the sector body only where the
// industry (and, for a national body, the country) fits, and the letters only the client's people.
const tables = loadTables(join(REPO, 'templates'));
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const model = (p: Plan, slug = 'x') => buildModel(p, tables, { ...opts, slug });
const ids = (p: Plan) => model(p).recovery.resets.map((r) => r.id);

describe('the credential reset order', () => {
  test('a domain with Microsoft 365 and Okta: tier 0 first, KRBTGT twice with 10 hours between, users last', () => {
    const m = model(readFixturePlan('recovery-bank'));
    expect(m.recovery.resets.map((r) => r.id)).toEqual([
      'domain-admins',
      'krbtgt',
      'domain-service-accounts',
      'entra-admins',
      'okta-admins',
      'infrastructure-admins',
      'service-accounts',
      'local-admins',
      'users',
    ]);
    const krbtgt = m.recovery.resets.find((r) => r.id === 'krbtgt');
    expect(krbtgt?.waitHours).toBe(10);
    expect(krbtgt?.assets).toEqual(['Domain controller LDC01']);
    expect(m.recovery.resets.find((r) => r.id === 'okta-admins')?.assets).toEqual(['Single sign-on']);
    expect(m.recovery.resets.at(-1)?.tier).toBe('Tier 2');
  });

  test('no domain controller, no KRBTGT and no domain rows; no cloud product, no cloud rows', () => {
    const linux = ids(readFixturePlan('linux-estate'));
    expect(linux).not.toContain('krbtgt');
    expect(linux).not.toContain('domain-admins');
    expect(linux.filter((id) => /entra|okta|google/.test(id))).toEqual([]);
    expect(linux).toEqual(expect.arrayContaining(['infrastructure-admins', 'service-accounts', 'users']));
  });

  test('a client that runs only hosted services gets its cloud administrators, not local accounts', () => {
    const saas = ids(readFixturePlan('saas-only'));
    expect(saas).toEqual(expect.arrayContaining(['entra-admins', 'okta-admins', 'users']));
    expect(saas).not.toContain('krbtgt');
    expect(saas).not.toContain('local-admins');
  });
});

describe('backups and the watch period', () => {
  test('each backup system with what it holds, and the critical systems it does not hold', () => {
    const m = model(readFixturePlan('consent-clinic'));
    expect(m.recovery.backups).toEqual([
      {
        name: 'Backup server BK01',
        product: null,
        protects: ['Domain controller DC01', 'Patient records server EHR01'],
      },
    ]);
    expect(m.recovery.unbacked).toContain('Firewall and VPN FW01');
    expect(m.recovery.unbacked).not.toContain('Backup server BK01');
  });

  test('the watch period per incident type comes from watch-periods.yaml', () => {
    const m = model(readFixturePlan('consent-clinic'));
    expect(m.recovery.watch).toEqual({ ransomware: 30, lateralMovement: 30 });
  });
});

describe('information sharing', () => {
  test('the sector body that fits the industry, and none where no body fits', () => {
    expect(model(readFixturePlan('recovery-bank')).sharing.isacs.map((i) => i.name)).toEqual([
      'FS-ISAC (Financial Services Information Sharing and Analysis Center)',
    ]);
    expect(model(readFixturePlan('tx-dental')).sharing.isacs.map((i) => i.url)).toEqual(['https://health-isac.org/']);
    expect(model(readFixturePlan('qc-firm')).sharing.isacs).toEqual([]);
  });

  test('a US-only body needs a US client; without a country it is not guessed', () => {
    const p = readFixturePlan('people-clean');
    p.client.industry = 'county government';
    p.client.country = 'US';
    expect(model(p).sharing.isacs.map((i) => i.url)).toEqual(['https://www.cisecurity.org/ms-isac']);
    p.client.country = 'CA';
    expect(model(p).sharing.isacs).toEqual([]);
    delete p.client.country;
    expect(model(p).sharing.isacs).toEqual([]);
  });
});

describe('the breach-coach pack', () => {
  test("the client's own spokesperson, counsel and signatory, and every notice but the ransom-payment report", () => {
    const m = model(readFixturePlan('recovery-bank'));
    expect(m.letters.spokesperson?.name).toBe('Ben Cho');
    expect(m.letters.counsel?.name).toBe('Rosa Lind');
    expect(m.letters.signatory?.name).toBe('Tom Reyes');
    expect(m.letters.notices.map((r) => r.id)).toEqual(expect.arrayContaining(['glba', 'us-oh-breach']));
    const au = model(readFixturePlan('au-firm'));
    expect(au.regulations.map((r) => r.id)).toContain('au-ransomware-payment');
    expect(au.letters.notices.map((r) => r.id)).not.toContain('au-ransomware-payment');
  });

  test("the insurer's ransom negotiator is read from the panel's free-text service", () => {
    const panel = model(readFixturePlan('recovery-bank')).insurance?.negotiatorPanel ?? [];
    expect(panel.map((f) => f.name)).toEqual(['Meridian Negotiations']);
  });
});
