import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isRoundTheClock } from '../../../src/model/detection.ts';
import { buildModel } from '../../../src/model/model.ts';
import { logSourceOf } from '../../../src/model/preparation.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Asset, Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Detect and the preparation checklist (issue 22): only what the plan records. No monitoring is
// invented for a plan without it; log retention facts come from the tables, the client's own
// retention from the plan; EDR isolation from a known product or not at all.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'x', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const model = (p: Plan) => buildModel(p, tables, opts);
const firm = () => readFixturePlan('prepared-firm');

describe('detection', () => {
  test('lists each source with what it watches, who and when; a gap out of hours; critical assets nobody watches', () => {
    const d = model(firm()).detection;
    expect(d.sources.map((s) => [s.source, s.watches.join(', '), s.owner?.name, s.roundTheClock])).toEqual([
      ['CrowdStrike Falcon (EDR)', 'Domain controller ADS1, Client file server FS1', 'Kai Lund', true],
      ['Microsoft 365 alert e-mails', 'Microsoft 365 mail, Backup appliance NAS1', 'Omar Reyes', false],
    ]);
    expect(d.partTime.map((s) => s.schedule)).toEqual(['Mon-Fri 8:00-17:00']);
    expect(d.unwatched).toEqual(['Edge firewall GW1']);
    expect(d.watchers).toEqual(['Kai Lund', 'Omar Reyes']);
    // The source names its product already: it is not repeated.
    expect(d.sources[0]?.product).toBeNull();
  });

  test('a known product the source does not name is given by its label', () => {
    const p = firm();
    p.monitoring = [
      {
        source: 'Endpoint alerts',
        product: 'SentinelOne Singularity',
        owner: 'kai-lund',
        hours: '24/7',
        watches: ['dc'],
      },
    ];
    expect(model(p).detection.sources[0]?.product).toBe('SentinelOne');
  });

  test('a plan without monitoring gets none: no source, no watcher', () => {
    const p = firm();
    delete p.monitoring;
    const d = model(p).detection;
    expect(d).toEqual({ sources: [], partTime: [], unwatched: expect.any(Array), watchers: [] });
    expect(d.unwatched).toHaveLength(5);
    expect(model(p).preparation.edr).toEqual([]);
  });

  test.each([
    ['24x7', true],
    ['24/7', true],
    ['24 x 7', true],
    ['Round the clock', true],
    ['business hours', false],
    ['Mon-Fri 7:00-18:00', false],
    ['24 hours on weekdays', false],
  ])('hours "%s" round the clock: %s', (hours, expected) => {
    expect(isRoundTheClock(hours)).toBe(expected);
  });
});

describe('log retention', () => {
  const asset = (over: Partial<Asset>): Asset => ({ id: 'a', name: 'A', kind: 'server', criticality: 'high', ...over });

  test("a hosted service with a known product gets its maker's retention facts; others by kind", () => {
    expect(logSourceOf(asset({ os: 'saas', product: 'Microsoft 365' }), tables)?.facts[1]).toMatch(
      /^Unified audit log: 180 days/,
    );
    expect(logSourceOf(asset({ os: 'saas', product: 'Okta' }), tables)?.facts).toEqual(['System Log: 90 days.']);
    expect(logSourceOf(asset({ os: 'saas' }), tables)?.facts[0]).toMatch(/ask the vendor/);
    expect(logSourceOf(asset({ os: 'windows' }), tables)?.facts[0]).toMatch(
      /Security log's default maximum is 20 megabytes/,
    );
    expect(logSourceOf(asset({ os: 'linux' }), tables)?.check).toMatch(/journalctl --disk-usage/);
    expect(logSourceOf(asset({ kind: 'network', os: 'network-os', services: ['firewall'] }), tables)?.logs).toMatch(
      /^Firewall/,
    );
    // Nothing to say about an asset of no known kind: no row, no finding.
    expect(logSourceOf(asset({ os: 'other' }), tables)).toBeNull();
  });

  test("groups systems by kind of logs, with each system's recorded retention or null", () => {
    const prep = model(firm()).preparation;
    expect(prep.logKinds.map((k) => k.assets.join(', '))).toEqual([
      'Domain controller ADS1, Client file server FS1',
      'Microsoft 365 mail',
      'Edge firewall GW1',
      'Backup appliance NAS1',
    ]);
    expect(prep.logKinds[1]?.product).toBe('Microsoft 365');
    expect(prep.logs.find((l) => l.asset === 'Domain controller ADS1')?.recorded).toBe(
      'Security log 2 gigabytes, about 30 days',
    );
    expect(prep.logsUnrecorded).toEqual([
      'Client file server FS1',
      'Microsoft 365 mail',
      'Edge firewall GW1',
      'Backup appliance NAS1',
    ]);
  });
});

describe('EDR, break-glass accounts, backups, jump kit, phones', () => {
  test("a known EDR product brings its maker's way to isolate; hosts it does not watch are listed", () => {
    const prep = model(firm()).preparation;
    expect(prep.edr).toHaveLength(1);
    expect(prep.edr[0]?.product).toBe('CrowdStrike Falcon');
    expect(prep.edr[0]?.isolate).toMatch(/Network contain/);
    expect(prep.edr[0]?.hosts).toEqual(['Domain controller ADS1', 'Client file server FS1']);
    expect(prep.noEdr).toEqual(['Backup appliance NAS1']);
  });

  test('a source the plan calls EDR but irplan does not know has no isolation steps', () => {
    const p = firm();
    p.monitoring = [{ source: 'Acme Shield EDR', owner: 'kai-lund', hours: '24x7', watches: ['dc'] }];
    const edr = model(p).preparation.edr[0];
    expect(edr).toMatchObject({ source: 'Acme Shield EDR', product: null, isolate: null });
  });

  test('break-glass accounts, backups with their immutability, the jump kit and out-of-band phones', () => {
    const prep = model(firm()).preparation;
    expect(prep.breakGlass[0]).toEqual({
      account: 'Microsoft 365 emergency global administrator',
      system: 'Microsoft 365 mail',
      kept: 'Sealed envelope in the office safe',
      holders: ['Ivy Chen', 'Kai Lund'],
    });
    expect(prep.backups).toEqual([
      {
        name: 'Backup appliance NAS1',
        backupOf: ['Client file server FS1', 'Domain controller ADS1'],
        immutable: false,
      },
    ]);
    expect(prep.jumpKit.location).toBe('Locked drawer, IT closet');
    expect(prep.jumpKit.keeper?.name).toBe('Kai Lund');
    expect(prep.outOfBand.without).toEqual(['Kai Lund']);
    expect(prep.outOfBand.with).toContain('Ivy Chen');
  });

  test('nothing recorded reads as nothing: null and empty lists, never a default', () => {
    const p = firm();
    delete p.preparation;
    for (const a of p.assets ?? []) delete a.immutable;
    const prep = model(p).preparation;
    expect(prep.jumpKit).toEqual({ location: null, keeper: null });
    expect(prep.breakGlass).toEqual([]);
    expect(prep.backups[0]?.immutable).toBeNull();
  });
});
