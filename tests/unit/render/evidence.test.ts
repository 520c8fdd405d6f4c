import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel, loadTables } from '../../../src/model/index.ts';
import { readClients } from '../../../src/plan/index.ts';
import { collectTemplates, renderDocuments } from '../../../src/render/index.ts';
import { REPO, tempDir } from '../../helpers/cli.ts';
import { copyFixtureClient } from '../../helpers/examples.ts';

// Evidence that holds up: the full SHA-256 in the register, a chain-of-custody form with seals and
// signatures, an order of volatility the Windows steps follow, event logs exported with wevtutil and
// locked registry hives taken only through a collection tool. Read from the rendered Markdown of a
// client made for it: Windows and Linux servers, an insurer that must consent to system changes.
const root = tempDir('irplan-evidence-');
copyFixtureClient(root, 'evidence-windows');

const read = readClients(join(root, 'plans'), ['evidence-windows']);
const client = read.clients[0];
if (!client) throw new Error(read.errors.map((e) => e.message).join('\n'));
const templatesDir = join(REPO, 'templates');
const model = buildModel(client.plan, loadTables(templatesDir), {
  slug: client.slug,
  audience: 'print',
  buildDate: '2026-11-01',
  draft: false,
});
const docs = renderDocuments(model, collectTemplates(templatesDir, null));

/** The body of one document, whitespace collapsed; fails the test when the client does not get it. */
function body(id: string): string {
  const doc = docs.find((d) => d.id === id);
  if (!doc) throw new Error(`no document ${id}; rendered: ${docs.map((d) => d.id).join(', ')}`);
  return doc.body.replace(/\s+/g, ' ');
}

/** The step rows of a checklist table, each one line of Markdown. */
function steps(id: string): string[] {
  const doc = docs.find((d) => d.id === id);
  return (doc?.body ?? '').split('\n').filter((l) => l.startsWith('| | '));
}

describe('evidence log', () => {
  const text = body('evidence-log');

  test('asks for the full SHA-256, never a shortened one', () => {
    expect(text).toContain('full SHA-256 hash, all 64 characters');
    expect(text).toContain(
      '| Item no. | SHA-256 hash: all 64 characters, 32 on each line, in groups of eight | Read back by |',
    );
    expect(text).not.toMatch(/first 12 characters/i);
  });

  test('gives the command that computes it on Windows, Linux and macOS', () => {
    expect(text).toContain('`certutil -hashfile <file> SHA256`');
    expect(text).toContain('`Get-FileHash -Algorithm SHA256 <file> | Format-List`');
    expect(text).toContain('`sha256sum <file>`');
    expect(text).toContain('`shasum -a 256 <file>`');
  });

  test('sends every hand-over to the chain-of-custody form', () => {
    expect(text).toContain('href="../chain-of-custody/"');
  });
});

describe('chain of custody', () => {
  test('is a form of the binder and a checklist printed alone', () => {
    const doc = docs.find((d) => d.id === 'chain-of-custody');
    expect(doc?.binder).toBe(true);
    expect(doc?.checklist).toBe('chain-of-custody');
    expect(model.checklists.map((c) => c.id)).toContain('chain-of-custody');
  });

  test('has one row per transfer with item, seal, time, both signatures and purpose', () => {
    const lines = (docs.find((d) => d.id === 'chain-of-custody')?.body ?? '').split('\n');
    const header = lines.find((l) => l.startsWith('| Item no.')) ?? '';
    const columns = header
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    expect(columns).toEqual([
      'Item no.',
      'Description',
      'Seal no., seal intact?',
      'Date and time',
      'Released by: print name, sign',
      'Received by: print name, sign',
      'Purpose (store, analyse, return)',
    ]);
    const rows = lines.filter((l) => l.startsWith('| &nbsp;'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) expect(row.split('|').length - 2).toBe(columns.length);
  });
});

describe('Windows forensic sheet', () => {
  const text = body('checklist-forensics-windows');
  const rows = steps('checklist-forensics-windows');
  const at = (pattern: RegExp) => rows.findIndex((r) => pattern.test(r));

  test('exports event logs with wevtutil epl, the Security log first', () => {
    expect(text).toContain('`wevtutil epl Security X:\\<host>\\Security.evtx`');
    expect(text).toContain('then the same for `System` and `Application`');
    expect(text).toContain(
      '`wevtutil epl Microsoft-Windows-PowerShell/Operational X:\\<host>\\PowerShell-Operational.evtx`',
    );
    expect(text).toContain('each `Microsoft-Windows-TerminalServices-*` log');
    expect(text).toContain('`Get-WinEvent -ListLog *TerminalServices*`');
  });

  test('takes locked registry hives only through a collection tool or reg save, never a raw copy', () => {
    expect(text).toMatch(/forensic collection tool .*KAPE, Velociraptor or FTK Imager/);
    for (const hive of ['SAM', 'SYSTEM', 'SECURITY']) expect(text).toContain(`HKLM\\${hive}`);
    expect(text).toContain('`reg save HKLM\\SAM X:\\<host>\\SAM.hiv`');
    // No copy command and no path into the live hive folder or a user's hive.
    expect(text).not.toMatch(/\b(copy|xcopy|robocopy|Copy-Item|cp)\b[^|]*(config|NTUSER)/i);
    expect(text).not.toMatch(/System32\\+config/i);
  });

  test('follows the order of volatility: network state and memory before the cable is pulled', () => {
    const isolate = at(/Isolation, circle one: \*\*EDR now\*\* or \*\*cable after memory\*\*/);
    const network = at(/Save network state: `netstat -anob`, `arp -a`, `route print`/);
    const users = at(/Save logged-on users/);
    const processes = at(/Save running processes/);
    const memory = at(/Capture memory .*WinPmem.*never to the host's disk/);
    const cable = at(/No EDR isolation: now pull the network cable/);
    const logs = at(/wevtutil epl Security/);
    expect([isolate, network, users, processes, memory, cable, logs].every((i) => i >= 0)).toBe(true);
    expect(isolate).toBeLessThan(network);
    expect(Math.max(network, users, processes, memory)).toBeLessThan(cable);
    expect(cable).toBeLessThan(logs);
  });

  test('says which order applies: EDR isolation first when it keeps the host on, else volatile state first', () => {
    expect(text).toContain('isolate it through the EDR first (containment never waits)');
    expect(text).toMatch(/volatile steps .* come before the network cable is pulled/);
  });

  test('isolation never waits for consent; powering off does', () => {
    for (const row of [rows[at(/Isolation, circle one/)], rows[at(/No EDR isolation: now pull/)]]) {
      expect(row).not.toContain('STOP');
      expect(row).toContain('**Do it now;** log it and tell Tidewater Cyber.');
    }
    expect(text).toMatch(
      /Power off, wipe, rebuild or restore only after collection.*STOP: get Tidewater Cyber.s consent first\./,
    );
  });

  test('keeps the Host, Initials and Time columns, one row per step', () => {
    expect(text).toContain('| | Step | Host | Initials | Time |');
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2, row).toBe(5);
  });

  test('uses no command Windows 11 no longer ships', () => {
    expect(text).not.toMatch(/\bwmic\b/i);
  });
});

describe('the order of volatility on the other live-host sheets', () => {
  test('the Linux sheet carries it; a service sheet does not', () => {
    expect(body('checklist-forensics-linux')).toContain('Order on a running computer');
    expect(body('checklist-forensics-web')).not.toContain('Order on a running computer');
  });
});
