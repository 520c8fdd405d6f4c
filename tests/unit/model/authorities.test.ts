import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Public authorities as the binder lists them: the police route of the client's own region, what their data
// could not confirm, and numbers that can only be dialled inside their country.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'x', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const ids = (p: Plan) => buildModel(p, tables, opts).authorities.map((a) => a.id);

/** The London firm of tests/fixtures/clients/uk-firm, moved to `region` (and given `sites`). */
function ukFirm(region?: string, sites: { name: string; country?: string; region?: string }[] = []): Plan {
  const p = readFixturePlan('uk-firm');
  if (region) p.client.region = region;
  p.client.locations = [...(p.client.locations ?? []), ...sites];
  return p;
}

describe('the law-enforcement route of a region', () => {
  test('a firm in England and Wales (no region) reports to Report Fraud', () => {
    expect(ids(ukFirm())).toContain('gb-report-fraud');
    expect(ids(ukFirm())).not.toContain('gb-sct-police-scotland');
  });

  test('a firm in Scotland gets Police Scotland instead of Report Fraud, on the ransomware call list too', () => {
    const m = buildModel(ukFirm('GB-SCT'), tables, opts);
    const police = m.authorityGroups.lawEnforcement?.map((a) => a.id);
    expect(police).toEqual(['gb-sct-police-scotland']);
    expect(m.byIncident.ransomware?.added.map((e) => e.short)).toContain('Police Scotland');
    expect(m.byIncident.ransomware?.added.map((e) => e.short).join()).not.toContain('Report Fraud');
  });

  test('a firm in Northern Ireland keeps Report Fraud and gets the PSNI beside it', () => {
    const police = buildModel(ukFirm('GB-NIR'), tables, opts).authorityGroups.lawEnforcement?.map((a) => a.id);
    expect(police).toEqual(['gb-report-fraud', 'gb-nir-psni']);
  });

  test('a Scottish firm with a site in England keeps both routes', () => {
    const both = ids(ukFirm('GB-SCT', [{ name: 'London office', country: 'GB', region: 'GB-ENG' }]));
    expect(both).toContain('gb-report-fraud');
    expect(both).toContain('gb-sct-police-scotland');
  });

  test("a region's authority without `standing` still waits for a rule that names it", () => {
    const p = readFixturePlan('tx-dental');
    p.client.region = 'US-NJ';
    p.assets = [];
    expect(ids(p)).not.toContain('us-nj-nsp');
  });
});

describe("an authority's confirm", () => {
  test('reaches its contact, its call-list entries and the rules that name it', () => {
    const p = ukFirm();
    const hours = 'The helpline hours were read on a page dated 2019.';
    const line = 'The live-attack line was read only in a news report.';
    p.jurisdiction = {
      authorities: [
        { id: 'gb-ico', kind: 'data-protection', name: 'ICO', phone: '+44 303 123 1113', confirm: hours },
        { id: 'gb-report-fraud', kind: 'law-enforcement', name: 'Report Fraud', confirm: line },
      ],
    };
    const m = buildModel(p, tables, opts);
    expect(m.authorities.find((a) => a.id === 'gb-ico')?.confirm).toBe(hours);
    expect(m.regulations.find((r) => r.id === 'uk-gdpr')?.authorityConfirm).toBe(hours);
    const calls = m.byIncident.ransomware?.callLists.flatMap((l) => l.entries) ?? [];
    const police = calls.filter((e) => e.short === 'Report Fraud');
    expect(police.length).toBeGreaterThan(0);
    for (const e of police) expect(e.confirm).toBe(line);
    expect(calls.filter((e) => e.short !== 'Report Fraud').every((e) => e.confirm === null)).toBe(true);
    expect(m.authorities.find((a) => a.id === 'gb-ncsc')?.confirm).toBeNull();
  });
});

describe('numbers dialled only inside their country', () => {
  test("the OAIC's 1300 line prints in national form with a local tel: link, in contacts and rules", () => {
    const m = buildModel(readFixturePlan('au-firm'), tables, opts);
    const oaic = m.authorities.find((a) => a.id === 'au-oaic')?.primary;
    expect(oaic).toMatchObject({ number: '1300 363 992', tel: '1300363992;phone-context=+61', dial: '1300363992' });
    expect(m.regulations.find((r) => r.id === 'au-ndb')?.authorityPhone?.tel).toBe('1300363992;phone-context=+61');
  });

  test("a client's own 1300 number written nationally keeps its form; its mobile stays E.164", () => {
    const p = readFixturePlan('au-firm');
    const lena = p.contacts.find((c) => c.id === 'lena-finch');
    lena?.phones.push({ number: '1300 123 456', label: 'office' });
    const phones = buildModel(p, tables, opts).contacts.find((c) => c.id === 'lena-finch')?.phones;
    expect(phones?.map((x) => [x.number, x.tel])).toEqual([
      ['0412 345 678', '+61412345678'],
      ['1300 123 456', '1300123456;phone-context=+61'],
    ]);
  });
});
