import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { irplan, tempDir, tool } from '../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../helpers/examples.ts';

// Govern, Detect and the preparation checklist (issue 22), built with PDFs for a client that records
// them (tests/fixtures/clients/prepared-firm) and read as printed; and a client that records no
// monitoring (saas-only), which `irplan check` tells.
const slug = 'prepared-firm';
let root = '';
let out = '';
let result: ReturnType<typeof irplan>;

beforeAll(() => {
  root = tempDir('irplan-prepared-');
  copyExamples(root);
  copyFixtureClient(root, slug);
  copyFixtureClient(root, 'saas-only');
  out = join(root, 'dist');
  result = irplan(['build', slug, '--no-docx', '--out', out], { cwd: root });
});

const manifest = () => JSON.parse(readFileSync(join(out, slug, 'manifest.json'), 'utf8'));
/** Reading order, whitespace collapsed, typographic apostrophes made plain. */
const text = (rel: string) =>
  tool('pdftotext', [join(out, slug, rel), '-'])
    .replace(/\s+/g, ' ')
    .replace(/\u2019/g, "'");
const pages = (rel: string) => Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [join(out, slug, rel)]))?.[1]);

describe('a client that records its governance, monitoring and preparation', () => {
  test('builds', () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
  });

  test('the preparation checklist is its own PDF in the manifest, with every part bound to the client', () => {
    const file = `pdf/${slug}-preparation.pdf`;
    expect(manifest().outputs.checklists).toContain(file);
    expect(existsSync(join(out, slug, file))).toBe(true);
    expect(pages(file)).toBeLessThanOrEqual(5);
    const t = text(file);
    for (const part of [
      'Jump kit: ready to carry out of the door Who',
      'Kept at: Locked drawer, IT closet.',
      'Break-glass accounts: usable when normal sign-in is not Who',
      'Microsoft 365 emergency global administrator',
      'Log retention: long enough to look back to the first step Who',
      "Domain controller ADS1: confirm the plan's record: Security log 2 gigabytes, about 30 days.",
      'Edge firewall GW1: not recorded: find out how long its logs are kept',
      'Unified audit log: 180 days with Audit (Standard)',
      'choose Network contain',
      'No EDR covers Backup appliance NAS1',
      'its backups can be deleted by whoever holds its administrator password',
    ])
      expect(t, part).toContain(part);
  });

  test('the binder carries governance and detection, and its findings name what is missing', () => {
    const t = text(manifest().outputs.binder);
    expect(t).toContain('Governance: scope, declaring and closing an incident');
    expect(t).toMatch(
      /Critical 15 minutes 1\. Incident commander \(Ivy Chen\) 2\. Deputy incident commander \(Omar Reyes\)/,
    );
    expect(t).toMatch(/Technical lead \(Kai Lund\) \$2,500 None recorded/);
    expect(t).toMatch(/Role Prepare Detect Contain Eradicate Recover Post-incident/);
    expect(t).toContain('Where alerts come from and who watches them');
    expect(t).toContain('No source watches Edge firewall GW1.');
    expect(t).toContain('no monitoring source watches Edge firewall GW1 (critical or high)');
    expect(t).toContain('Preparation checklist');
    for (const page of ['governance', 'detection', 'preparation-checklist'])
      expect(existsSync(join(out, slug, 'site', page, 'index.html')), page).toBe(true);
  });

  test('a client without monitoring gets the finding from irplan check', () => {
    const r = irplan(['check', 'saas-only', '--today', '2026-11-01', '--ics', tempDir()], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^plans\/saas-only\/plan\.yaml:\d+:\d+ warning IRP_NO_MONITORING Larkspur Advisory: no monitoring is recorded: /m,
    );
  });
});
