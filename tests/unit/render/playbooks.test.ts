import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// The six playbooks chosen by a client's data (issue 22): rendered exactly for the clients that get
// them, with the client's own products, bank and authorities, and the safety rules of issue 18
// (containment at once, irreversible steps wait for the insurer's consent, Who on every step).
const tables = loadTables(join(REPO, 'templates'));
const templates = collectTemplates(join(REPO, 'templates'), null);
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const render = (p: Plan, slug = 'x') => renderDocuments(buildModel(p, tables, { ...opts, slug }), templates);

const NEW = [
  'business-email-compromise',
  'vendor-breach',
  'cloud-tenant-compromise',
  'lost-or-stolen-device',
  'insider-misuse',
  'denial-of-service',
].map((id) => `playbook-${id}`);

const all = render(readFixturePlan('all-playbooks'), 'all-playbooks');
const body = (id: string) => plain(all.find((d) => d.id === id)?.body ?? '');

/** Markdown text as a reader sees it: client data arrives as numeric character references. */
const plain = (md: string) => md.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The step rows of a playbook, each with the phase its table heads. */
function rows(md: string): { phase: string; text: string; who: string; row: string }[] {
  const out: { phase: string; text: string; who: string; row: string }[] = [];
  let phase = '';
  for (const line of plain(md).split('\n')) {
    if (!line.startsWith('| |')) continue;
    const cells = line.split(' | ');
    if (cells[2] === 'Who') phase = cells[1] ?? '';
    else out.push({ phase, text: cells[1] ?? '', who: cells[2] ?? '', row: line });
  }
  return out;
}

describe('rendered only for the clients whose data calls for them', () => {
  test('a client with mail, a tenant, laptops, data, an outside flow and a public service gets all six', () => {
    const ids = all.filter((d) => d.kind === 'playbook').map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(NEW));
    expect(ids).toHaveLength(12);
    for (const id of NEW) expect(all.find((d) => d.id === id)?.checklist).toBe(id);
  });

  test('an on-premises Linux estate gets only the ones its data calls for, with its own products', () => {
    const docs = render(readFixturePlan('linux-estate'), 'linux-estate');
    const ids = docs.filter((d) => d.kind === 'playbook').map((d) => d.id);
    expect(ids).not.toContain('playbook-cloud-tenant-compromise');
    const bec = plain(docs.find((d) => d.id === 'playbook-business-email-compromise')?.body ?? '');
    expect(bec).toContain('/etc/aliases');
    expect(bec).not.toMatch(/Get-InboxRule|Microsoft|Entra|Google/);
  });

  test('a client whose data calls for none of them gets the six playbooks every client gets', () => {
    const p = readFixturePlan('all-playbooks');
    p.assets = [
      { id: 'db', name: 'Database DB1', kind: 'server', os: 'linux', services: ['database'], criticality: 'high' },
    ];
    p.data_flows = [];
    const ids = render(p)
      .filter((d) => d.kind === 'playbook')
      .map((d) => d.id);
    expect(ids).toHaveLength(6);
    for (const id of NEW) expect(ids).not.toContain(id);
  });
});

describe("the client's own data in the new playbooks", () => {
  test('payment fraud: the bank first, Microsoft 365 mailbox commands, the FBI with IC3', () => {
    const bec = body('playbook-business-email-compromise');
    const first = rows(bec)[0];
    expect(first?.phase).toMatch(/^1\. Identify/);
    expect(first?.text).toContain("call the bank's fraud line now");
    expect(first?.text).toContain('Treasury fraud desk (Front Range Bank): [+1 303 555 0150](tel:+13035550150)');
    expect(bec).toContain('Get-InboxRule -Mailbox <user>');
    expect(bec).toContain('Set-Mailbox <user> -ForwardingAddress $null -ForwardingSmtpAddress $null');
    // The FBI's own words (jurisdiction data) point at IC3; addresses carry break hints, so match the name.
    expect(bec).toMatch(/Internet Crime Complaint Center \(IC3\) at .*ic3\.gov/);
    expect(bec).not.toMatch(/Google|Okta|Postfix/);
  });

  test('a plan without a bank contact says where to find the fraud line, never a number from the e-mail', () => {
    const p = readFixturePlan('all-playbooks');
    p.contacts = p.contacts.filter((c) => !(c.groups ?? []).includes('bank'));
    const bec = plain(render(p).find((d) => d.id === 'playbook-business-email-compromise')?.body ?? '');
    expect(bec).toContain(
      "the number on the bank's own website or on the company's bank card, never a number from the e-mail",
    );
  });

  test('breach at a vendor lists the hosted services and the outside data flows', () => {
    const vendor = body('playbook-vendor-breach');
    expect(vendor).toContain('| Microsoft | Hosts Mail and files tenant |');
    expect(vendor).toContain('| Mountain Carriers exchange | Receives data from Quote portal WEB1 by SFTP |');
  });

  test('cloud tenant compromise gives the Entra ID steps of Microsoft 365 only', () => {
    const tenant = body('playbook-cloud-tenant-compromise');
    expect(tenant).toContain('Microsoft Entra ID (Microsoft 365: Mail and files tenant)');
    expect(tenant).not.toMatch(/Okta|Google/);
  });

  test('lost device names the laptops and Windows encryption, not macOS', () => {
    const lost = body('playbook-lost-or-stolen-device');
    expect(lost).toContain('(Staff laptops)');
    expect(lost).toContain('BitLocker on Windows');
    expect(lost).not.toContain('FileVault');
  });

  test('denial of service names the internet-facing service', () => {
    expect(body('playbook-denial-of-service')).toContain('(Quote portal WEB1)');
  });

  test('insider misuse brings in counsel and HR before anyone else, and keeps evidence quietly', () => {
    const steps = rows(body('playbook-insider-misuse'));
    expect(steps[0]?.text).toMatch(/^Tell only the Executive sponsor \(Ada Moss\) and the Legal adviser \(Dan Egan\)/);
    expect(steps.find((s) => /without anything the person could notice/.test(s.text))?.phase).toMatch(/^2\./);
  });
});

describe('the safety rules every playbook step follows', () => {
  const steps = NEW.flatMap((id) => rows(body(id)).map((r) => ({ ...r, doc: id })));

  test('six phases, and a Who on every step', () => {
    for (const id of NEW) {
      const phases = [...new Set(rows(body(id)).map((r) => r.phase.split(':')[0]))];
      expect(phases, id).toEqual([
        '1. Identify',
        '2. Triage',
        '3. Contain',
        '4. Eradicate',
        '5. Recover',
        '6. After action',
      ]);
    }
    for (const s of steps) expect(s.who.trim(), `${s.doc}: ${s.text}`).not.toBe('');
    expect(all.find((d) => d.id === NEW[0])?.body).toContain(
      '| | 1. Identify: stop the money first, then confirm the fraud. | Who | Initials | Time |',
    );
  });

  test('containment is done at once and reported; irreversible steps and police reports wait for consent', () => {
    const now = steps.filter((s) => s.row.includes('**Do it now;** log it and tell Harborline Mutual.'));
    const stop = steps.filter((s) => s.row.includes("**STOP: get Harborline Mutual's consent first.**"));
    expect(now.length).toBeGreaterThan(20);
    for (const s of now) expect(s.row, s.text).not.toContain('STOP');
    for (const re of [
      /^Wipe the device remotely/,
      /^Delete /,
      /^Restore what the person/,
      /^Report the fraud/,
      /^Report a theft/,
    ])
      expect(
        stop.some((s) => re.test(s.text)),
        String(re),
      ).toBe(true);
    const containment = /^(Disable|Reset|Revoke|Block|Suspend|Lock)\b/;
    for (const s of steps.filter((x) => containment.test(x.text))) expect(s.row, s.text).toContain('**Do it now;**');
  });
});
