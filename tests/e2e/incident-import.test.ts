import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';
import { deviceLog, exportName } from '../helpers/incident-log.ts';
import type { LogHead, RawEntry } from '../helpers/incident-log.ts';
import { filesUnder, readableText } from '../helpers/outputs.ts';

// Issue 21, the CLI side: two devices' logs of one incident (made here with node:crypto) are
// imported, the build prints the after-action report from them, and a tampered log or another
// client's log is refused with nothing written. evidence-windows is a UK client insured with
// Tidewater Cyber (72 hours' notice); its file server is given personal data here, so the UK GDPR's
// 72 hours to the ICO bind too. The insurer's row is ticked in time (met); the ICO's never is while
// the log runs on past its deadline (missed).

const SLUG = 'evidence-windows';
const ID = '20261130-0215-ransomware';
const NOTE = 'Ransom note on FS01 names Qzxnotetok and asks for 4 BTC';
let root = '';
let out = '';
let steps: { id: string; doc: string; text: string; phase: string }[] = [];

const head = (device: string, over: Partial<LogHead> = {}): LogHead => ({
  client: SLUG,
  plan_version: '1.0.0',
  time_zone: 'Europe/London',
  incident: { id: ID, discovered: '2026-11-30T02:15:00+00:00', type: 'ransomware', severity: 'high' },
  device,
  ...over,
});

/** The step of the site whose text starts with `start` in document `doc`, as steps.json lists it. */
function step(doc: string, start: string): { step: string; text: string } {
  const s = steps.find((x) => x.doc === doc && x.text.startsWith(start));
  if (!s)
    throw new Error(
      `no step "${start}" in ${doc}: ${steps
        .filter((x) => x.doc === doc)
        .map((x) => x.text)
        .join(' | ')}`,
    );
  return { step: s.id, text: s.text };
}

function phoneEntries(): RawEntry[] {
  return [
    { time: '2026-11-30T02:20:00+00:00', by: 'Ann Lee', kind: 'start' },
    {
      time: '2026-11-30T02:31:00+00:00',
      by: 'Ann Lee',
      kind: 'step',
      ...step('playbook-ransomware', 'Photograph the ransom note'),
    },
    { time: '2026-11-30T03:05:00+00:00', by: 'Ann Lee', kind: 'note', text: NOTE },
    { time: '2026-11-30T09:00:00+00:00', by: 'Ann Lee', kind: 'step', ...step('contact-checklist', 'Insurer') },
    {
      time: '2026-11-30T09:30:00+00:00',
      by: 'Ann Lee',
      kind: 'consent',
      insurer_contact: 'Jo Qzxinsurertok, claims',
      scope: 'engaging-vendors',
      text: 'Keel Forensics approved',
    },
    { time: '2026-12-04T10:00:00+00:00', by: 'Ann Lee', kind: 'decision', text: 'Restore from Tuesday backups' },
  ];
}

function laptopEntries(): RawEntry[] {
  return [
    { time: '2026-11-30T02:25:00+00:00', by: 'Bob Ray', kind: 'start' },
    {
      time: '2026-11-30T02:45:00+00:00',
      by: 'Bob Ray',
      kind: 'step',
      ...step('playbook-ransomware', 'Isolate affected hosts'),
    },
    {
      time: '2026-11-30T06:00:00+00:00',
      by: 'Bob Ray',
      kind: 'cost',
      amount: 1250.5,
      currency: 'GBP',
      text: 'Replacement switch',
    },
  ];
}

/** Writes a device's export where a consultant would have saved it; returns its path. */
function save(log: ReturnType<typeof deviceLog>, name = exportName(log as unknown as LogHead)): string {
  const file = join(root, 'exports', name);
  writeFileSync(file, JSON.stringify(log, null, 2));
  return file;
}

const logFile = () => join(root, 'plans', SLUG, 'incidents', ID, 'log.json');
const run = (args: string[]) => irplan(args, { cwd: root });

beforeAll(() => {
  root = tempDir('irplan-incident-import-');
  copyExamples(root);
  copyFixtureClient(root, SLUG);
  const plan = join(root, 'plans', SLUG, 'plan.yaml');
  const doc = parseDocument(readFileSync(plan, 'utf8'));
  doc.setIn(['assets', 0, 'data'], doc.createNode(['pii']));
  writeFileSync(plan, doc.toString());
  out = join(root, 'dist');
  // The site's steps (and their ids) come from a first build, as a consultant's devices get them from the site.
  const first = run(['build', SLUG, '--no-pdf', '--out', out]);
  expect(first.code, first.stderr).toBe(0);
  steps = JSON.parse(readFileSync(join(out, SLUG, 'steps.json'), 'utf8')).steps;
  mkdirSync(join(root, 'exports'));
});

describe('steps.json', () => {
  test("lists the site's steps with the ids its checkboxes carry", () => {
    expect(steps.length).toBeGreaterThan(50);
    const site = join(out, SLUG, 'site');
    const boxes = new Set(
      filesUnder(site)
        .filter((f) => f.endsWith('.html') && !f.startsWith('versions/'))
        .flatMap((f) => [...readFileSync(join(site, f), 'utf8').matchAll(/data-step="([^"]+)"/g)].map((m) => m[1])),
    );
    // Until the incident page marks the steps, there is nothing to compare; once it does, every box is listed.
    for (const id of boxes) expect(steps.map((s) => s.id)).toContain(id);
    expect(filesUnder(site).filter((f) => f.endsWith('steps.json'))).toEqual([]);
  });
});

describe('irplan incident import', () => {
  test('refuses a tampered log, naming the file and the entry, and writes nothing', () => {
    const log = deviceLog(head('3fa9c2d1'), phoneEntries());
    log.entries[2] = { ...log.entries[2], text: 'Nothing happened' };
    const file = save(log, 'tampered.json');
    const r = run(['incident', 'import', SLUG, save(deviceLog(head('0b7e4410'), laptopEntries())), file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tampered\.json:\d+:\d+ error IRP_INCIDENT_CHAIN entry 3 \(seq 3, note by Ann Lee/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(existsSync(join(root, 'plans', SLUG, 'incidents'))).toBe(false);
  });

  test("refuses another client's log and writes nothing", () => {
    const file = save(deviceLog(head('3fa9c2d1', { client: 'northwind-logistics' }), phoneEntries()), 'other.json');
    const r = run(['incident', 'import', SLUG, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('other.json is a log of client "northwind-logistics", not of "evidence-windows"');
    expect(existsSync(join(root, 'plans', SLUG, 'incidents'))).toBe(false);
  });

  test('merges two devices in time order, warns about another plan version, and changes nothing the second time', () => {
    const files = [
      save(deviceLog(head('3fa9c2d1'), phoneEntries())),
      save(deviceLog(head('0b7e4410', { plan_version: '0.9.0' }), laptopEntries())),
    ];
    const r = run(['incident', 'import', SLUG, ...files]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `imported incident ${ID} into plans/${SLUG}/incidents/${ID}/log.json: 9 entries from 2 devices`,
    );
    expect(r.stderr).toMatch(/warning IRP_INCIDENT_VERSION .*plan version 0\.9\.0; the plan is now version 1\.0\.0/);
    const text = readFileSync(logFile(), 'utf8');
    const log = JSON.parse(text);
    expect(log.entries.map((e: { by: string; seq: number }) => `${e.by} ${e.seq}`).slice(0, 4)).toEqual([
      'Ann Lee 1',
      'Bob Ray 1',
      'Ann Lee 2',
      'Bob Ray 2',
    ]);
    const again = run(['incident', 'import', SLUG, ...files.reverse()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(readFileSync(logFile(), 'utf8')).toBe(text);
  });
});

describe('the build after the import', () => {
  let pdf = '';
  let text = '';
  beforeAll(() => {
    const r = run(['build', SLUG, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    pdf = join(out, SLUG, 'pdf', `${SLUG}-after-action-${ID}.pdf`);
    text = tool('pdftotext', [pdf, '-']).replace(/\s+/g, ' ');
  });

  test('prints the after-action report with the note, the people and the ticked steps', () => {
    expect(text).toContain(NOTE);
    expect(text).toContain('Ann Lee');
    expect(text).toContain('Bob Ray');
    expect(text).toContain(step('playbook-ransomware', 'Photograph the ransom note').text);
    // A British client reads British dates, in its own zone.
    expect(text).toContain('Discovered Mon 30 Nov, 02:15');
    expect(text).toContain('£1,250.50');
    expect(text).toContain('Jo Qzxinsurertok, claims');
    // Not done: a step of the ransomware playbook nobody ticked.
    expect(text).toMatch(
      /Steps not done .*Playbook: ransomware and extortion .*Disable the accounts the attacker used/,
    );
  });

  test('judges a deadline met and another missed, counted from discovery', () => {
    // The insurer's row of the contact checklist, not the containment step that says "tell Tidewater Cyber".
    expect(text).toContain(
      'Notice to Tidewater Cyber, within 3 days (72 hours) of discovery Thu 3 Dec, 02:15 Met Insurer: Tidewater Cyber claims, policy TC-2026-19: ticked Mon 30 Nov, 09:00 by Ann Lee',
    );
    expect(text).toMatch(/UK GDPR.{0,200}Missed No step recorded it/);
  });

  test('is in the manifest and never on the site', () => {
    const manifest = JSON.parse(readFileSync(join(out, SLUG, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.afterActions).toEqual([`pdf/${SLUG}-after-action-${ID}.pdf`]);
    const site = join(out, SLUG, 'site');
    const files = filesUnder(site);
    expect(files.filter((f) => f.includes(ID) || f.includes('incidents'))).toEqual([]);
    const leaks = files.filter((f) => {
      const body = readableText(join(site, f));
      return body.includes(ID) || body.includes('Qzxnotetok') || body.includes('Qzxinsurertok');
    });
    expect(leaks).toEqual([]);
  });
});
