import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import { attackHelpers } from '../../../src/render/attack.ts';
import { collectTemplates } from '../../../src/render/collect.ts';
import { renderDocuments } from '../../../src/render/render.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Issue 22 in the rendered plan: recovery engineering in the ransomware and lateral-movement
// playbooks (the forest recovery outline only with a domain controller, the credential reset
// order, proof of eradication, the watch period), the ransom decision in one place, the
// breach-coach pack addressed to the client's own regulators and people, and the sector's
// information-sharing body only where the industry has one.
const tables = loadTables(join(REPO, 'templates'));
const templates = collectTemplates(join(REPO, 'templates'), null);
const opts = { audience: 'print' as const, buildDate: '2026-11-01', draft: false };

/** The client's rendered documents by id, as a reader sees them (character references decoded). */
function render(p: Plan, slug = 'x'): (id: string) => string {
  const docs = renderDocuments(buildModel(p, tables, { ...opts, slug }), templates);
  return (id) =>
    (docs.find((d) => d.id === id)?.body ?? '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** The step rows of a document, each with the header of its table. */
function rows(md: string): { phase: string; text: string; row: string }[] {
  const out: { phase: string; text: string; row: string }[] = [];
  let phase = '';
  for (const line of md.split('\n')) {
    if (!line.startsWith('| |')) continue;
    const cells = line.split(' | ');
    if (cells[2] === 'Who') phase = cells[1] ?? '';
    else out.push({ phase, text: cells[1] ?? '', row: line });
  }
  return out;
}

const bank = render(readFixturePlan('recovery-bank'), 'recovery-bank');
const linux = render(readFixturePlan('linux-estate'), 'linux-estate');

describe('the Active Directory forest recovery outline', () => {
  test('a client with a domain controller gets it in both playbooks, in Microsoft order', () => {
    for (const id of ['playbook-ransomware', 'playbook-lateral-movement']) {
      const forest = rows(bank(id)).filter((r) => r.phase.startsWith('4. Eradicate, the domain'));
      const order = ['off the network', 'authoritative restore of SYSVOL', 'tier 0 accounts and KRBTGT', 'FSMO', 'RID'];
      const at = order.map((words) => forest.findIndex((r) => r.text.includes(words)));
      expect(at, id).toEqual([...at].sort((a, b) => a - b));
      expect(
        at.every((i) => i >= 0),
        id,
      ).toBe(true);
      expect(forest.find((r) => r.text.includes('backup taken before'))?.text).toContain(
        'Domain controller LDC01: on Veeam backup server VB01',
      );
    }
  });

  test('a client without one does not', () => {
    for (const id of ['playbook-ransomware', 'playbook-lateral-movement']) {
      expect(linux(id)).not.toMatch(/SYSVOL|operations master|forest/);
      expect(linux(id)).not.toContain('KRBTGT');
    }
  });
});

describe('the credential reset order', () => {
  const resets = rows(bank('playbook-ransomware')).filter((r) => r.phase.startsWith('4. Eradicate, credentials'));

  test('tier 0 first, then tier 1, then tier 2, each done at once and reported, never held for consent', () => {
    const tiers = resets.map((r) => /^\*\*(Tier \d)/.exec(r.text)?.[1]);
    expect(tiers).toEqual([...tiers].sort());
    expect(tiers[0]).toBe('Tier 0');
    expect(tiers.at(-1)).toBe('Tier 2');
    for (const r of resets) {
      expect(r.row).toContain('**Do it now;** log it and tell Harborline Mutual.');
      expect(r.row).not.toContain('STOP');
    }
  });

  test('KRBTGT twice, with the wait for ticket lifetime and replication between', () => {
    const krbtgt = resets.find((r) => r.text.includes('KRBTGT account'))?.text ?? '';
    expect(krbtgt).toContain('Reset the KRBTGT password twice');
    expect(krbtgt).toContain('Wait at least 10 hours between the two resets');
    expect(krbtgt).toContain('check that the first reset has reached every domain controller, then reset again');
    expect(krbtgt).toContain('ATT&CK T1558.001 Golden Ticket');
  });

  test("the client's own cloud directories: Entra ID and Okta administrators with their sessions revoked", () => {
    expect(resets.find((r) => r.text.includes('Entra ID'))?.text).toContain('Revoke-MgUserSignInSession');
    expect(resets.find((r) => r.text.includes('in Okta'))?.text).toContain('Clear user sessions');
    expect(resets.map((r) => r.text).join('\n')).not.toMatch(/Google/);
    expect(linux('playbook-ransomware')).not.toMatch(/Entra|Okta|Revoke-MgUserSignInSession/);
  });
});

describe('recovery: backups, proof of eradication, the watch period', () => {
  const recover = rows(bank('playbook-ransomware')).filter((r) => r.phase.startsWith('5. Recover'));

  test('the backups are checked and restored into an isolated network before the proof and the restore order', () => {
    const check = recover.findIndex((r) => r.text.includes('Veeam backup server VB01 (Veeam) holds'));
    const sure = recover.findIndex((r) => r.text.includes('SureBackup job'));
    const isolated = recover.findIndex((r) => r.text.startsWith('Restore first into an isolated network'));
    const proof = recover.findIndex((r) => r.text.startsWith('Before any system goes back on the network'));
    const order = recover.findIndex((r) => r.text.startsWith('Restore in the restore order'));
    expect([check, sure, isolated, proof, order]).toEqual([0, 1, 2, 3, 4]);
    expect(recover[isolated]?.row).toContain("STOP: get Harborline Mutual's consent first.");
    expect(recover[proof]?.text).toContain('the second KRBTGT reset included');
  });

  test("the watch period names the client's own alert source and the days from the data", () => {
    const watch = recover.find((r) => r.text.startsWith('For 30 days after reconnecting'))?.text ?? '';
    expect(watch).toContain('Managed SIEM: domain and firewall logs, Ana Weiss');
    expect(watch).toMatch(/on the sign-in systems \(.*Domain controller LDC01.*\)/);
    const lateral = rows(bank('playbook-lateral-movement')).find((r) => r.text.startsWith('For 30 days'));
    expect(lateral).toBeDefined();
  });

  test('SureBackup only for a client that runs Veeam', () => {
    expect(linux('playbook-ransomware')).not.toContain('SureBackup');
  });
});

describe('the ransom decision', () => {
  const decision = rows(bank('playbook-ransomware')).filter((r) =>
    r.phase.startsWith('3. Contain, the ransom decision'),
  );

  test("screening, law enforcement, the panel's negotiator, proof of decryption, the decision, the duties that stay", () => {
    const order = [
      'Do not contact the attacker',
      'against the sanctions lists',
      'Report the extortion to law enforcement',
      'negotiator from the Harborline Mutual panel (Meridian Negotiations',
      'Demand proof of decryption',
      'The decision:',
      'Paying does not end any notification duty',
    ];
    expect(order.map((words) => decision.findIndex((r) => r.text.includes(words)))).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(decision.find((r) => r.text.includes('Demand proof'))?.row).toContain('STOP');
  });

  test('each ransom step is in the playbook once', () => {
    const all = rows(bank('playbook-ransomware'));
    expect(all.filter((r) => r.text.includes('sanctions lists'))).toHaveLength(1);
    expect(all.filter((r) => r.text.startsWith('Report the extortion'))).toHaveLength(1);
  });

  test("the payment report a client's law requires sits in the decision table", () => {
    const au = rows(render(readFixturePlan('au-firm'))('playbook-ransomware'));
    const report = au.find((r) => r.text.startsWith('If a ransom is ever paid'));
    expect(report?.phase).toMatch(/^3\. Contain, the ransom decision/);
    expect(report?.text).toContain('Australian Signals Directorate');
  });
});

describe('the breach-coach pack', () => {
  const pack = bank('breach-coach');

  test("each draft is marked for counsel's review, filled with the client's people", () => {
    const drafts = pack.match(/\*\*Draft for counsel's review before use\.\*\*/g) ?? [];
    expect(drafts.length).toBe(4 + 2);
    expect(pack).toContain('Media enquiries: Ben Cho, ben.cho');
    expect(pack).toContain('call Ana Weiss on [+1 216 555 0143](tel:+12165550143)');
    expect(pack).toContain('> Tom Reyes, Chief Executive Officer');
  });

  test('one notice per regulator, to the authority the rule names, with counsel as the contact', () => {
    const headings = [...pack.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(expect.arrayContaining(['Notice under GLBA Safeguards Rule, notice to the FTC']));
    expect(pack).toContain('> To Federal Trade Commission (FTC)');
    expect(pack).toContain('> To Ohio Attorney General');
    // Counsel's office line, not the after-hours number kept for the team.
    expect(pack).toContain('Contact for this notice: Rosa Lind, Lind & Marsh LLP, [+1 216 555 0160](tel:+12165550160)');
    expect(pack).not.toContain('+1 216 555 0161');
  });

  test('a customer letter for a lender, a patient letter for a clinic', () => {
    expect(pack).toMatch(/^## Customer letter$/m);
    expect(pack).not.toMatch(/Patient letter/);
    const clinic = render(readFixturePlan('consent-clinic'))('breach-coach');
    expect(clinic).toMatch(/^## Patient letter$/m);
    expect(clinic).toContain('your health and personal information');
  });
});

describe('information sharing', () => {
  test("the sector's ISAC only where the industry has one", () => {
    expect(bank('communications')).toContain(
      '**FS-ISAC (Financial Services Information Sharing and Analysis Center)**',
    );
    const qc = render(readFixturePlan('qc-firm'))('communications');
    expect(qc).not.toMatch(/ISAC/);
    expect(qc).toContain('No information-sharing body is on file');
  });

  test('indicators are shared with a TLP label, after counsel agrees', () => {
    const sharing = bank('communications').split('## Information sharing')[1]?.split('## Message templates')[0] ?? '';
    expect(sharing).toContain('TLP:AMBER (the recipient');
    expect(sharing).toContain('Nothing leaves before the Legal adviser (Rosa Lind) agrees');
  });

  test('ATT&CK names where they help a responder search; an unknown id stops the build', () => {
    expect(linux('playbook-lateral-movement')).toContain('ATT&CK T1021.001 Remote Desktop Protocol');
    expect(linux('playbook-ransomware')).toContain('ATT&CK T1486 Data Encrypted for Impact');
    const { attack } = attackHelpers(tables.attack);
    expect(() => attack('T1468')).toThrow(
      '{{attack "T1468"}} names no technique of templates/data/attack.yaml: did you mean "T1486"?',
    );
  });
});
