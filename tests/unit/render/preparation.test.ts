import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// The governance and detection sections and the preparation checklist (issue 22) as rendered for a
// client that records its preparation and for one that records none: what is missing is said to be
// missing, never filled in.
const tables = loadTables(join(REPO, 'templates'));
const templates = collectTemplates(join(REPO, 'templates'), null);
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const docs = (p: Plan, slug: string) => renderDocuments(buildModel(p, tables, { ...opts, slug }), templates);
/** A document's text as a reader sees it: character references decoded, cross-references as their titles. */
const text = (list: ReturnType<typeof docs>, id: string) =>
  (list.find((d) => d.id === id)?.body ?? '')
    .replace(/<span class="xref-at"[^>]*>.*?<\/span><\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

const firm = docs(readFixturePlan('prepared-firm'), 'prepared-firm');
const bare = docs(readFixturePlan('saas-only'), 'saas-only');

describe('the governance section', () => {
  test('comes between roles and severity, with the limits, the declaring order and the chart', () => {
    const ids = firm.map((d) => d.id);
    expect(ids.indexOf('governance')).toBe(ids.indexOf('roles') + 1);
    const t = text(firm, 'governance');
    expect(t).toContain('This plan covers Alder Street Accounting at Main office and Records room');
    expect(t).toContain('| Technical lead (Kai Lund) | **$2,500** | None recorded |');
    // Tags are dropped from the text: the line break between the two names goes with them.
    expect(t).toContain(
      '| **Critical** | 15 minutes | 1. Incident commander (Ivy Chen)2. Deputy incident commander (Omar Reyes) |',
    );
    expect(t).toContain('| Incident commander (Ivy Chen) | R | A | A | A | A | A |');
    expect(t).toContain('8. The state board of accountancy has been told');
    expect(t).not.toContain('No spending limits are recorded');
  });

  test('without spending limits it says so and names who approves meanwhile, with no amount', () => {
    const t = text(bare, 'governance');
    expect(t).toContain('No spending limits are recorded for Larkspur Advisory.');
    expect(t).toContain('the Executive sponsor (Nina Berg) approves every cost');
    expect(t).not.toMatch(/\$\d/);
  });
});

describe('the detection section', () => {
  test("lists the client's sources and names the gaps", () => {
    const t = text(firm, 'detection');
    expect(t).toContain('**CrowdStrike Falcon (EDR)**');
    expect(t).toContain('**Out of hours, nobody watches** Microsoft 365 alert e-mails (Mon-Fri 8:00-17:00)');
    expect(t).toContain('**No source watches** Edge firewall GW1.');
    expect(t).toContain('| Kai Lund and Omar Reyes |');
  });

  test('a client without monitoring is told that nobody is recorded as watching', () => {
    const t = text(bare, 'detection');
    expect(t).toContain('**No monitoring is recorded for Larkspur Advisory:**');
    expect(t).not.toContain('| Source | Watches |');
    expect(t).toContain('| Whoever receives it |');
  });
});

describe('the preparation checklist', () => {
  test('is a checklist document with its own PDF, in Who, Initials, Time tables', () => {
    const doc = firm.find((d) => d.id === 'preparation-checklist');
    expect(doc?.checklist).toBe('preparation');
    expect(doc?.binder).toBe(true);
    const heads = [...(doc?.body ?? '').matchAll(/^\| \| (.+?) \| Who \| Initials \| Time \|$/gm)].map((m) => m[1]);
    expect(heads).toEqual([
      'Jump kit: ready to carry out of the door',
      'Break-glass accounts: usable when normal sign-in is not',
      'Log retention: long enough to look back to the first step',
      'EDR: isolate a host within minutes, at any hour',
      'Backups: a clean copy the attacker cannot reach',
    ]);
  });

  test("binds each part to the client's data", () => {
    const t = text(firm, 'preparation-checklist');
    expect(t).toContain('Kept at: **Locked drawer, IT closet**');
    expect(t).toContain('**Kai Lund: none recorded, add one**');
    expect(t).toContain(
      '| **Domain administrator (emergency)** | Domain controller ADS1 | Sealed envelope in the office safe | Ivy Chen |',
    );
    expect(t).toContain("Domain controller ADS1: confirm the plan's record: Security log 2 gigabytes, about 30 days.");
    expect(t).toContain('Edge firewall GW1: **not recorded**: find out how long its logs are kept');
    expect(t).toContain('choose Network contain');
    expect(t).toContain('No EDR covers Backup appliance NAS1: label its network cable and switch port');
    expect(t).toContain('| **Backup appliance NAS1** | Client file server FS1 and Domain controller ADS1 | **No** |');
    expect(t).toContain('its backups can be deleted by whoever holds its administrator password');
  });

  test('for a client that records nothing, every part says not recorded and asks for it', () => {
    const t = text(bare, 'preparation-checklist');
    expect(t).toContain('Kept at: **not recorded**');
    expect(t).toContain('**No break-glass account is recorded.**');
    expect(t).toContain('**No EDR is recorded.**');
    expect(t).toContain('Unified audit log: 180 days with Audit (Standard)');
    expect(t).not.toContain("confirm the plan's record");
  });
});
