import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../../src/model/model.ts';
import { loadTables } from '../../../src/model/tables.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { REPO } from '../../helpers/bin.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// For high and critical incidents counsel is called before the forensic firm and engages it, so
// that the firm works for counsel; formal notice is the insured's (or its broker's) act.
const tables = loadTables(join(REPO, 'templates'));
const opts = { slug: 'consent-clinic', audience: 'print' as const, buildDate: '2026-11-01', draft: false };
const COUNSEL = ['Ruth Abara', 'Whitfield Privacy Law'];
const FORENSIC = 'Cobalt Forensics';

function lists(plan: Plan) {
  const m = buildModel(plan, tables, opts);
  return [
    ...m.severities.map((s) => ({ at: s.id, entries: s.callList })),
    ...m.incidents.flatMap((i) => i.callLists.map((l) => ({ at: `${i.id}/${l.severity}`, entries: l.entries }))),
  ];
}

describe('counsel before the forensic firm', () => {
  test('in every high and critical call list, each counsel comes before the forensic firm', () => {
    const serious = lists(readFixturePlan('consent-clinic')).filter((l) => /(^|\/)(high|critical)$/.test(l.at));
    // The high and critical lists, plain and for each of its eight incident types (the six, lost device, insider misuse).
    expect(serious).toHaveLength(18);
    for (const { at, entries } of serious) {
      const names = entries.map((e) => e.short);
      const forensic = names.indexOf(FORENSIC);
      expect(forensic, at).toBeGreaterThan(0);
      for (const counsel of COUNSEL) {
        expect(names.indexOf(counsel), `${at}: ${counsel}`).toBeGreaterThanOrEqual(0);
        expect(names.indexOf(counsel), `${at}: ${counsel}`).toBeLessThan(forensic);
      }
    }
  });

  test('the forensic firm is engaged through counsel, and panel counsel says it engages the firm', () => {
    const m = buildModel(readFixturePlan('consent-clinic'), tables, opts);
    const critical = m.callTree;
    expect(critical.find((e) => e.short === FORENSIC)?.why).toBe(
      'Forensic firm, engaged through counsel (Harborline Mutual panel)',
    );
    expect(critical.find((e) => e.short === 'Whitfield Privacy Law')?.note).toMatch(/Engages the forensic firm/);
  });

  test('a vendor contact whose name says forensics is placed after counsel too', () => {
    const plan = readFixturePlan('consent-clinic');
    delete plan.insurance;
    plan.contacts.push({
      id: 'dfir',
      name: 'Response desk',
      organization: 'Bayside Forensics',
      groups: ['vendor'],
      phones: [{ number: '+1 617 555 0190' }],
    });
    const m = buildModel(plan, tables, opts);
    const names = m.callTree.map((e) => e.short);
    expect(names.indexOf('Response desk')).toBeGreaterThan(names.indexOf('Ruth Abara'));
    expect(m.callTree.find((e) => e.short === 'Response desk')?.why).toBe('Forensic firm, engaged through counsel');
  });

  test('medium and low incidents call no forensic firm', () => {
    const quiet = lists(readFixturePlan('consent-clinic')).filter((l) => /(^|\/)(medium|low)$/.test(l.at));
    for (const { at, entries } of quiet)
      expect(
        entries.map((e) => e.short),
        at,
      ).not.toContain(FORENSIC);
  });

  test('the first calls include counsel and the insurer, not the forensic firm', () => {
    const m = buildModel(readFixturePlan('consent-clinic'), tables, opts);
    const names = m.firstCalls.map((e) => e.short);
    expect(names).toContain('Ruth Abara');
    expect(names).toContain('Harborline Mutual claims');
    expect(names).not.toContain(FORENSIC);
  });
});

describe('who gives notice to the insurer', () => {
  test('the executive sponsor or the broker, never the MSP desk that holds the liaison role', () => {
    const m = buildModel(readFixturePlan('consent-clinic'), tables, opts);
    expect(m.insurance?.noticeBy).toBe('Executive sponsor (Omar Haddad) or broker (Sam Ortiz)');
    expect(m.insurance?.noticeBy).not.toMatch(/MSP/);
  });

  test('without a broker, the executive sponsor alone', () => {
    const plan = readFixturePlan('consent-clinic');
    if (plan.insurance) delete plan.insurance.broker;
    expect(buildModel(plan, tables, opts).insurance?.noticeBy).toBe('Executive sponsor (Omar Haddad)');
  });
});

describe('step kinds', () => {
  test('every kind is containment or consent; containment kinds name no consent', () => {
    const m = buildModel(readFixturePlan('consent-clinic'), tables, opts);
    const containment = m.stepKinds.filter((k) => k.class === 'containment').map((k) => k.id);
    expect(containment).toEqual([
      'isolate-host',
      'disable-account',
      'revoke-sessions',
      'block-address',
      'suspend-remote-access',
    ]);
    for (const k of m.stepKinds.filter((s) => s.class === 'containment')) expect(k.consent, k.id).toEqual([]);
    for (const k of m.stepKinds.filter((s) => s.class === 'consent')) expect(k.consent.length, k.id).toBeGreaterThan(0);
  });

  test('stipulations attach to the kinds their words name', () => {
    const m = buildModel(readFixturePlan('consent-clinic'), tables, opts);
    const of = (id: string) => m.stepKinds.find((k) => k.id === id)?.stipulations ?? [];
    expect(of('wipe')).toEqual([expect.stringMatching(/^Affected systems are not rebuilt/)]);
    expect(of('restore')).toEqual([expect.stringMatching(/^Affected systems are not rebuilt/)]);
    expect(of('engage-vendor')).toEqual([expect.stringMatching(/^Only panel vendors/)]);
    expect(of('isolate-host')).toEqual([]);
  });
});
