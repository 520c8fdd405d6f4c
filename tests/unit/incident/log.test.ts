import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { canonicalJson, entryHash } from '../../../src/incident/canonical.ts';
import { verifyChain } from '../../../src/incident/chain.ts';
import { importLogs } from '../../../src/incident/import.ts';
import { readIncidents } from '../../../src/incident/store.ts';
import { UserError } from '../../../src/shared/index.ts';
import { deviceLog, exportName, hashEntry } from '../../helpers/incident-log.ts';
import type { LogHead, RawEntry } from '../../helpers/incident-log.ts';

// The log module: canonical hashing shared with the browser, chains that expose an edited or moved
// entry, a log of another client refused, and two devices merged in time order, idempotently.

const incident = {
  id: '20261130-0215-ransomware',
  discovered: '2026-11-30T02:15:00-08:00',
  type: 'ransomware',
  severity: 'critical',
};
const head = (device: string, over: Partial<LogHead> = {}): LogHead => ({
  client: 'northwind-logistics',
  plan_version: '2.1.0',
  time_zone: 'America/Los_Angeles',
  incident,
  device,
  ...over,
});
const phone: RawEntry[] = [
  { time: '2026-11-30T02:20:00-08:00', by: 'Dana Ruiz', kind: 'start', text: 'Incident mode started' },
  {
    time: '2026-11-30T02:31:00-08:00',
    by: 'Dana Ruiz',
    kind: 'step',
    step: 'playbook-ransomware:aaaaaaaaaaaa',
    text: 'Photograph the ransom note.',
  },
  { time: '2026-11-30T03:05:00-08:00', by: 'Dana Ruiz', kind: 'note', text: 'Ransom note names "LockBit"; € 0.5 BTC' },
];
const laptop: RawEntry[] = [
  { time: '2026-11-30T02:25:00-08:00', by: 'Dev Patel', kind: 'start', text: 'Incident mode started' },
  {
    time: '2026-11-30T02:40:00-08:00',
    by: 'Dev Patel',
    kind: 'cost',
    text: 'Forensic retainer',
    amount: 1250.5,
    currency: 'USD',
  },
];

let dir: string;
let client: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'irplan-incident-'));
  client = join(dir, 'plans', 'northwind-logistics');
  mkdirSync(client, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const target = () => ({ slug: 'northwind-logistics', dir: client, version: '2.1.0' });
function write(log: ReturnType<typeof deviceLog>, name = exportName(log as LogHead)): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(log));
  return file;
}
function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('canonical JSON and entry hashes', () => {
  test('keys sorted by code unit, no whitespace, JSON.stringify escapes and numbers', () => {
    expect(canonicalJson({ b: 1, a: 'x"y', Z: [1.5, null, { d: true, c: 'é' }] })).toBe(
      '{"Z":[1.5,null,{"c":"é","d":true}],"a":"x\\"y","b":1}',
    );
  });

  test('an entry hash leaves out the hash field and agrees with an independent hashing', () => {
    const entry = { seq: 1, time: 't', by: 'Dana', kind: 'note', text: 'ü', prev: '0'.repeat(64) };
    expect(entryHash({ ...entry, hash: 'ignored' })).toBe(hashEntry(entry));
  });
});

describe('verifyChain', () => {
  const entries = () => deviceLog(head('3fa9c2d1'), phone).entries as Record<string, unknown>[];

  test('holds for a log as exported', () => {
    expect(verifyChain(entries())).toBeNull();
  });

  test('finds an entry whose text was changed', () => {
    const e = entries();
    e[2] = { ...e[2], text: 'Nothing happened' };
    expect(verifyChain(e)).toEqual({ index: 2, reason: expect.stringContaining('changed after it was recorded') });
  });

  test('finds entries that were swapped', () => {
    const e = entries();
    [e[1], e[2]] = [e[2] as Record<string, unknown>, e[1] as Record<string, unknown>];
    expect(verifyChain(e)?.index).toBe(1);
  });

  test('finds an entry removed from the middle, even with seq renumbered', () => {
    const e = entries();
    e.splice(1, 1);
    (e[1] as Record<string, unknown>).seq = 2;
    expect(verifyChain(e)).toEqual({ index: 1, reason: expect.stringContaining('prev differs') });
  });
});

describe('importLogs', () => {
  test('merges two devices in time order into incidents/<id>/log.json; importing again changes nothing', () => {
    const files = [write(deviceLog(head('3fa9c2d1'), phone)), write(deviceLog(head('0b7e4410'), laptop))];
    const first = importLogs(target(), files);
    expect(first.warnings).toEqual([]);
    expect(first.incidents).toEqual([
      expect.objectContaining({ id: incident.id, changed: true, entries: 5, added: 5, devices: 2 }),
    ]);
    const file = join(client, 'incidents', incident.id, 'log.json');
    const text = readFileSync(file, 'utf8');
    const log = JSON.parse(text);
    expect(log.entries.map((e: { device: string; seq: number }) => `${e.device}:${e.seq}`)).toEqual([
      '3fa9c2d1:1',
      '0b7e4410:1',
      '3fa9c2d1:2',
      '0b7e4410:2',
      '3fa9c2d1:3',
    ]);
    expect(log.devices).toEqual([
      { device: '0b7e4410', file: exportName(head('0b7e4410')), entries: 2 },
      { device: '3fa9c2d1', file: exportName(head('3fa9c2d1')), entries: 3 },
    ]);
    expect(log.entries[1]).toMatchObject({ device: '0b7e4410', seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = importLogs(target(), [...files].reverse());
    expect(again.incidents[0]).toMatchObject({ changed: false, added: 0 });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readIncidents(client)[0]?.entries).toHaveLength(5);
  });

  test('a later export of the same device adds its new entries', () => {
    importLogs(target(), [write(deviceLog(head('3fa9c2d1'), phone.slice(0, 2)), 'early.json')]);
    const more = importLogs(target(), [write(deviceLog(head('3fa9c2d1'), phone))]);
    expect(more.incidents[0]).toMatchObject({ changed: true, entries: 3, added: 1, devices: 1 });
  });

  test('a tampered entry is refused naming the file and the entry, and nothing is written', () => {
    const log = deviceLog(head('3fa9c2d1'), phone);
    log.entries[2] = { ...log.entries[2], text: 'Nothing to see' };
    const good = write(deviceLog(head('0b7e4410'), laptop));
    const bad = write(log, 'tampered.json');
    const e = refusal(() => importLogs(target(), [good, bad]));
    expect(e.code).toBe('IRP_INCIDENT_CHAIN');
    expect(e.message).toMatch(
      /^entry 3 \(seq 3, note by Dana Ruiz at 2026-11-30T03:05:00-08:00\) of tampered\.json: .*changed/,
    );
    expect(e.position?.file).toBe(bad);
    expect(e.position?.line).toBe(1);
    expect(existsSync(join(client, 'incidents'))).toBe(false);
  });

  test('a reordered entry is refused at the entry that moved, with its line in a pretty-printed file', () => {
    const log = deviceLog(head('3fa9c2d1'), phone);
    log.entries.splice(1, 2, ...log.entries.slice(1, 3).reverse());
    const file = join(dir, 'moved.json');
    writeFileSync(file, JSON.stringify(log, null, 2));
    const e = refusal(() => importLogs(target(), [file]));
    expect(e.message).toMatch(/^entry 2 \(seq 3, note .*\) of moved\.json: its seq is 3 where 2 was expected/);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[(e.position?.line ?? 0) - 1]).toMatch(/^\s*\{$/);
    expect(lines[e.position?.line ?? 0]).toContain('"seq": 3');
  });

  test("another client's log is refused, naming the file", () => {
    const file = write(deviceLog(head('3fa9c2d1', { client: 'cedar-dental' }), phone));
    const e = refusal(() => importLogs(target(), [file]));
    expect(e.code).toBe('IRP_INCIDENT_CLIENT');
    expect(e.message).toContain('is a log of client "cedar-dental", not of "northwind-logistics"');
    expect(existsSync(join(client, 'incidents'))).toBe(false);
  });

  test('a log made under another plan version is imported with a warning naming both versions', () => {
    const file = write(deviceLog(head('3fa9c2d1', { plan_version: '2.0.0' }), phone));
    const { incidents, warnings } = importLogs(target(), [file]);
    expect(incidents[0]?.changed).toBe(true);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/plan version 2\.0\.0.*now version 2\.1\.0/),
    ]);
    expect(JSON.parse(readFileSync(incidents[0]?.file ?? '', 'utf8')).plan_versions).toEqual(['2.0.0']);
  });

  test('the same device and seq with different content is two histories: refused', () => {
    importLogs(target(), [write(deviceLog(head('3fa9c2d1'), phone))]);
    const other = phone.map((e, i) => (i === 2 ? { ...e, text: 'A different note' } : e));
    const e = refusal(() => importLogs(target(), [write(deviceLog(head('3fa9c2d1'), other), 'other.json')]));
    expect(e.message).toMatch(/^entry 3 .* of other\.json: device 3fa9c2d1 recorded a different entry 3 in log\.json/);
  });

  test('an incident id that does not match discovery and type is refused', () => {
    const wrong = { ...incident, id: '20261130-0315-ransomware' };
    const e = refusal(() => importLogs(target(), [write(deviceLog(head('3fa9c2d1', { incident: wrong }), phone))]));
    expect(e.message).toContain('does not match its discovery time and type (20261130-0215-ransomware)');
  });

  test('a stored log.json edited by hand is refused when read', () => {
    const [done] = importLogs(target(), [write(deviceLog(head('3fa9c2d1'), phone))]).incidents;
    const file = done?.file ?? '';
    writeFileSync(file, readFileSync(file, 'utf8').replace('Photograph the ransom note.', 'Nothing.'));
    const e = refusal(() => readIncidents(client));
    expect(e.message).toMatch(/^entry 2 \(seq 2, step .*\) of log\.json: its hash does not match/);
  });

  test('a file that is not a log is refused with its position', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "format": "irplan-incident-log/1",\n  "client": }');
    expect(refusal(() => importLogs(target(), [file])).code).toBe('IRP_INCIDENT_JSON');
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...deviceLog(head('3fa9c2d1'), phone), format: 'csv' }));
    expect(refusal(() => importLogs(target(), [wrong])).message).toContain('not an irplan incident log');
  });
});
