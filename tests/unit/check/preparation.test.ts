import { describe, expect, test } from 'vitest';
import { checkPlan, DEFAULT_CHECK, FINDING_HINTS } from '../../../src/check/check.ts';
import { checkPreparation } from '../../../src/check/preparation.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { readFixturePlan } from '../../helpers/fixture-plan.ts';

// Govern, Detect and preparation findings (issue 22): what an incident needs ready and the plan
// does not record. Each one names what is missing; none is raised when the plan records it.
const codes = (p: Plan) => checkPreparation(p).map((f) => `${f.code} ${f.path}`);

describe('preparation findings', () => {
  test('a client without monitoring is told so, and nothing else is invented', () => {
    const p = readFixturePlan('saas-only');
    const found = checkPreparation(p);
    expect(found.find((f) => f.code === 'IRP_NO_MONITORING')?.message).toBe(
      'no monitoring is recorded: nobody is named to watch for alerts, so an incident is found only when someone notices its effects',
    );
    expect(found.map((f) => f.code)).not.toContain('IRP_UNWATCHED');
  });

  test('a plan that records its preparation gets only what it leaves out', () => {
    expect(codes(readFixturePlan('prepared-firm'))).toEqual([
      'IRP_UNWATCHED monitoring',
      'IRP_LOG_RETENTION_UNSET assets',
    ]);
    const found = checkPreparation(readFixturePlan('prepared-firm'));
    expect(found[0]?.message).toBe('no monitoring source watches Edge firewall GW1 (critical or high)');
    expect(found[1]?.message).toMatch(
      /^no log retention is recorded for Client file server FS1, Microsoft 365 mail, Edge firewall GW1, Backup appliance NAS1: /,
    );
  });

  test('each missing record is its own finding, where the fix goes', () => {
    const p = readFixturePlan('prepared-firm');
    delete p.monitoring;
    delete p.governance;
    delete p.preparation;
    for (const a of p.assets ?? []) {
      a.log_retention = 'recorded';
      delete a.immutable;
    }
    expect(codes(p)).toEqual([
      'IRP_NO_MONITORING monitoring',
      'IRP_NO_SPENDING_AUTHORITY governance',
      'IRP_NO_BREAK_GLASS preparation',
      'IRP_BACKUP_IMMUTABILITY_UNSET assets/4',
    ]);
    expect(checkPreparation(p).at(-1)?.subject).toBe('Backup appliance NAS1');
  });

  test('immutable: false is recorded, not missing; a plan with nothing to watch has no break-glass finding', () => {
    const p = readFixturePlan('prepared-firm');
    p.monitoring?.push({ source: 'Firewall syslog', owner: 'kai-lund', hours: '24x7', watches: ['edge'] });
    for (const a of p.assets ?? []) a.log_retention ??= 'recorded';
    expect(codes(p)).toEqual([]);
    expect(codes({ ...p, assets: [], preparation: {} })).toEqual([]);
  });

  test('every code has a hint, and the check runs with the dated checks of irplan check', () => {
    for (const code of ['IRP_NO_MONITORING', 'IRP_UNWATCHED', 'IRP_NO_SPENDING_AUTHORITY', 'IRP_NO_BREAK_GLASS'])
      expect(FINDING_HINTS[code], code).toBeTruthy();
    expect(FINDING_HINTS.IRP_LOG_RETENTION_UNSET).toMatch(/log_retention:/);
    expect(FINDING_HINTS.IRP_BACKUP_IMMUTABILITY_UNSET).toMatch(/immutable:/);
    const all = checkPlan('saas-only', readFixturePlan('saas-only'), { ...DEFAULT_CHECK, today: '2026-11-01' });
    expect(all.find((f) => f.code === 'IRP_NO_MONITORING')?.client).toBe('Larkspur Advisory');
  });
});
