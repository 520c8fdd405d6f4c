import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffIncidents } from '../../../src/diff/incidents.ts';
import { importLogs } from '../../../src/incident/import.ts';
import type { ValidClient } from '../../../src/plan/index.ts';
import { irplan, tempDir } from '../../helpers/cli.ts';
import { deviceLog } from '../../helpers/incident-log.ts';
import type { LogHead, RawEntry } from '../../helpers/incident-log.ts';
import { planRepo } from '../../helpers/repo.ts';

// An imported incident is named in a diff by what it holds, not as a changed JSON file.

const ID = '20261130-0215-ransomware';
const head = (device: string): LogHead => ({
  client: 'northwind-logistics',
  plan_version: '2.1.0',
  time_zone: 'America/Los_Angeles',
  incident: { id: ID, discovered: '2026-11-30T02:15:00-08:00', type: 'ransomware', severity: 'critical' },
  device,
});
const notes = (by: string, n: number): RawEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    time: `2026-11-30T0${3 + i}:00:00-08:00`,
    by,
    kind: 'note',
    text: `note ${i + 1}`,
  }));

/** Imports device logs of `counts` entries each into the client folder `dir`. */
function importInto(dir: string, counts: number[]): void {
  const files = counts.map((n, i) => {
    const file = join(tempDir('irplan-exports-'), `log${i}.json`);
    writeFileSync(file, JSON.stringify(deviceLog(head(`0000000${i}`), notes(`Person ${i}`, n))));
    return file;
  });
  importLogs({ slug: 'northwind-logistics', dir, version: '2.1.0' }, files);
}

function client(): ValidClient {
  const dir = join(tempDir('irplan-side-'), 'northwind-logistics');
  mkdirSync(dir, { recursive: true });
  return { slug: 'northwind-logistics', dir, files: [], plan: {} as ValidClient['plan'] };
}

describe('diffIncidents', () => {
  test('an imported incident, then more entries, then none', () => {
    const none = client();
    const first = client();
    importInto(first.dir, [2, 1]);
    const more = client();
    importInto(more.dir, [4, 1]);
    expect(diffIncidents(none, first).map((c) => c.text)).toEqual([
      `incident ${ID} imported: 3 entries from 2 devices`,
    ]);
    expect(diffIncidents(first, more).map((c) => c.text)).toEqual([
      `incident ${ID} updated: 5 entries from 2 devices (was 3 entries from 2 devices)`,
    ]);
    expect(diffIncidents(more, none).map((c) => c.text)).toEqual([
      `incident ${ID} removed (it held 5 entries from 2 devices)`,
    ]);
    expect(diffIncidents(more, more)).toEqual([]);
  });

  test('irplan diff names a committed import in meaning', () => {
    const repo = planRepo();
    importInto(join(repo.dir, 'plans', 'northwind-logistics'), [3, 2]);
    repo.git(['add', '.']);
    repo.commit('Incident of 30 November imported');
    const r = irplan(['diff', 'HEAD~1', 'HEAD'], { cwd: repo.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  Incidents\n');
    expect(r.stdout).toContain(`  - incident ${ID} imported: 5 entries from 2 devices\n`);
  });
});
