import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// A client whose insurer requires consent for system changes and for engaging vendors
// (tests/fixtures/clients/consent-clinic). Encryption spreads while a team waits, so no
// containment step may carry a consent stop; irreversible steps keep theirs, in their own row.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'consent-clinic', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const model = buildModel(readFixturePlan('consent-clinic'), tables, opts);
const docs = renderDocuments(model, collectTemplates(join(REPO, 'templates'), null));
const body = (id: string) => docs.find((d) => d.id === id)?.body ?? '';

/** Markdown text as a reader sees it: client data arrives as numeric character references. */
const plain = (md: string) => md.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The step rows of a checklist document, each with the phase its table heads ("3. Contain: ..."). */
function rows(md: string): { phase: string; text: string; who: string; row: string }[] {
  const out: { phase: string; text: string; who: string; row: string }[] = [];
  let phase = '';
  for (const line of plain(md).split('\n')) {
    if (!line.startsWith('| |')) continue;
    const cells = line.split(' | ');
    const text = cells[1] ?? '';
    if (cells[2] === 'Who') phase = text;
    else out.push({ phase, text, who: cells[2] ?? '', row: line });
  }
  return out;
}

const playbooks = docs.filter((d) => d.kind === 'playbook');
const steps = playbooks.flatMap((d) => rows(d.body).map((r) => ({ ...r, doc: d.id })));
const CONTAINMENT =
  /\b(isolate|disconnect|disable|revoke|block|suspend)\b|off the network|\breset (the |all |every )?\w*\s?passwords?\b/i;
const IRREVERSIBLE =
  /\b(rebuild|reimage|re-image|wipe|power off|restore|reconnect|re-enable|patch or replace|delete|remove the accounts)\b/i;

describe('consent never holds back containment', () => {
  test('the fixture renders its playbooks with steps: the six, lost device and insider misuse', () => {
    expect(playbooks).toHaveLength(8);
    expect(steps.length).toBeGreaterThan(80);
  });

  test('no containment step carries a STOP; each says do it now and to tell the carrier', () => {
    const containment = steps.filter((s) => CONTAINMENT.test(s.text) && !IRREVERSIBLE.test(s.text));
    expect(containment.length).toBeGreaterThan(15);
    for (const s of containment) {
      expect(s.row, `${s.doc}: ${s.text}`).not.toContain('STOP');
      expect(s.row, `${s.doc}: ${s.text}`).toContain('**Do it now;** log it and tell Harborline Mutual.');
    }
  });

  test('irreversible steps in containment, eradication and recovery keep the STOP in their own row', () => {
    const irreversible = steps.filter((s) => /^[345]\./.test(s.phase) && IRREVERSIBLE.test(s.text));
    expect(irreversible.length).toBeGreaterThanOrEqual(10);
    for (const s of irreversible) {
      expect(s.row, `${s.doc}: ${s.text}`).toContain("**STOP: get Harborline Mutual's consent first.**");
      expect(s.row, `${s.doc}: ${s.text}`).not.toContain('Do it now');
    }
  });

  test('engaging the forensic firm waits for consent (engaging-vendors); the ransom step does not (not in this policy)', () => {
    const engage = steps.filter((s) => /engages the forensic responder/.test(s.text));
    expect(engage.length).toBe(2);
    for (const s of engage) expect(s.row).toContain('STOP:');
    const ransom = steps.find((s) => /Do not contact the attacker/.test(s.text));
    expect(ransom?.row).not.toContain('STOP');
  });

  test("a stipulation sits beside the steps it governs, inside the step's row", () => {
    const rebuild = steps.find((s) => s.doc === 'playbook-ransomware' && /rebuild affected hosts/.test(s.text));
    expect(rebuild?.text).toContain('<br>**Policy condition:** Affected systems are not rebuilt or restored');
    const isolate = steps.find((s) => s.doc === 'playbook-ransomware' && /^Isolate affected hosts/.test(s.text));
    expect(isolate?.text).not.toContain('Policy condition');
    const panel = steps.find((s) => /engages the forensic responder/.test(s.text));
    expect(panel?.text).toContain('Only panel vendors are reimbursed');
  });

  test('the first 15 minutes agree: isolate now, in the order of volatility, with no STOP on it', () => {
    const first = body('first-15-minutes');
    const isolate = rows(first).find((r) => /^Isolate the computer now/.test(r.text));
    expect(isolate?.row).toContain('**Do it now;**');
    expect(isolate?.row).not.toContain('STOP');
    expect(first).toMatch(/order of volatility/);
    expect(first).toMatch(/through the EDR first/);
    expect(first).toMatch(/capture memory and network state within minutes/);
    expect(first).not.toMatch(/Change no system/);
  });
});

describe('counsel first, and notice from the insured', () => {
  test('formal notice is given by the executive sponsor or the broker, never by the MSP desk', () => {
    const triage = rows(body('triage'));
    const notice = triage.find((r) => /^Send formal written notice/.test(r.text));
    expect(notice?.who).toBe('Executive sponsor (Omar Haddad) or broker (Sam Ortiz)');
    expect(triage.find((r) => /notice deadline at the top of the incident log/.test(r.text))?.who).toBe(
      'Liaison (Test MSP security desk)',
    );
    expect(plain(body('triage'))).toContain(
      'Who gives notice:** the Executive sponsor (Omar Haddad) or broker (Sam Ortiz), for the insured; never Test MSP.',
    );
    const first = rows(body('first-15-minutes')).find((r) => /^Insurance clock/.test(r.text));
    expect(first?.who).toBe('Executive sponsor (Omar Haddad) or broker (Sam Ortiz)');
  });

  test('the roles section says which records to mark privileged when counsel advises', () => {
    const triage = plain(body('roles'));
    expect(triage).toMatch(/Counsel first, then the forensic firm/);
    expect(triage).toMatch(/the decision log, and any analysis/);
    expect(triage).toMatch(/the forensic firm's reports, findings and working notes/);
  });

  test('the claim-cost log is a checklist of its own, opened at hour 0', () => {
    const log = docs.find((d) => d.checklist === 'cost-log');
    expect(log?.binder).toBe(true);
    expect(log?.body).toMatch(/hour 0/);
    expect(log?.body).toContain('Patient records server EHR01');
  });
});
