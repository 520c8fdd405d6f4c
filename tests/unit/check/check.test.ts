import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkPlan, DEFAULT_CHECK } from '../../../src/check/check.ts';
import { dueDates, formatCalendar } from '../../../src/check/ics.ts';
import type { Plan } from '../../../src/plan/types.ts';
import { irplan, tempDir } from '../../helpers/cli.ts';
import { planRepo } from '../../helpers/repo.ts';

/** A small plan with one of every problem `check` looks for. */
function stalePlan(): Plan {
  return {
    client: { name: 'Acme Corp', country: 'US', region: 'US-OR', timezone: 'America/Los_Angeles' },
    plan: {
      version: '1.0.0',
      owner: 'ann',
      classification: 'TLP:AMBER',
      review: { last: '2025-01-15', every_months: 12 },
    },
    contacts: [
      {
        id: 'ann',
        name: 'Ann Lee',
        roles: ['incident-commander'],
        phones: [{ number: '+1 503 555 0100', label: 'desk' }],
        verified: '2026-01-10',
      },
      { id: 'bo', name: 'Bo Chen', phones: [{ number: '+1 503 555 0101' }], verified: '2026-11-01' },
      { id: 'cy', name: 'Cy Diaz', phones: [{ number: '+1 503 555 0102' }] },
    ],
    assets: [
      { id: 'erp', name: 'ERP server', kind: 'server', criticality: 'critical' },
      { id: 'web', name: 'Web site', kind: 'server', criticality: 'low' },
    ],
    insurance: {
      carrier: 'Harborline Mutual',
      policy_number: 'CYB-1',
      period: { start: '2025-12-01', end: '2026-12-10' },
    },
    exercises: [{ date: '2025-06-01', scenario: 'ransomware' }],
  };
}

const TODAY = { ...DEFAULT_CHECK, today: '2026-11-27' };

describe('checkPlan', () => {
  test('lists each finding with the client, the name and the date', () => {
    const found = checkPlan('acme', stalePlan(), TODAY).map((f) => `${f.code} ${f.client}: ${f.message}`);
    expect(found).toEqual([
      'IRP_REVIEW_OVERDUE Acme Corp: plan review was due on 2026-01-15 (last review 2025-01-15, 316 days overdue)',
      'IRP_CONTACT_STALE Acme Corp: Ann Lee: contact details last verified on 2026-01-10, 321 days ago (more than 180)',
      'IRP_CONTACT_UNVERIFIED Acme Corp: Cy Diaz: contact details have never been verified',
      'IRP_POLICY_ENDING Acme Corp: insurance policy CYB-1 with Harborline Mutual ends on 2026-12-10, in 13 days',
      'IRP_EXERCISE_OVERDUE Acme Corp: no tabletop exercise since 2025-06-01 (one was due by 2026-06-01)',
      'IRP_COMMANDER_NO_OOB Acme Corp: Ann Lee (incident commander) has no out-of-band phone number',
      'IRP_ASSET_NO_OWNER Acme Corp: ERP server (critical) has no owner',
      'IRP_ASSET_NO_RTO Acme Corp: ERP server (critical) has no recovery time objective (RTO)',
      'IRP_NO_MONITORING Acme Corp: no monitoring is recorded: nobody is named to watch for alerts, so an incident is found only when someone notices its effects',
      'IRP_NO_SPENDING_AUTHORITY Acme Corp: no spending limits are recorded for an incident: the executive sponsor has to approve every cost',
      'IRP_NO_BREAK_GLASS Acme Corp: no break-glass administrator account is recorded: if the attacker locks the administrators out, nobody may be able to take the systems back',
      'IRP_NO_DEPUTY Acme Corp: no one is deputy incident commander: nobody stands in when Ann Lee cannot be reached',
      'IRP_NO_BACKUP Acme Corp: no backup system is recorded: the plan cannot say where to restore from, and backup steps are left out',
    ]);
  });

  test("dates in messages are written for the client's locale when the caller gives it", () => {
    const found = checkPlan('acme', stalePlan(), { ...TODAY, locale: 'en-GB' }).map((f) => f.message);
    expect(found).toContain('plan review was due on 15 January 2026 (last review 15 January 2025, 316 days overdue)');
    expect(found).toContain('Ann Lee: contact details last verified on 10 January 2026, 321 days ago (more than 180)');
    expect(found).toContain('insurance policy CYB-1 with Harborline Mutual ends on 10 December 2026, in 13 days');
    expect(found).toContain('no tabletop exercise since 1 June 2025 (one was due by 1 June 2026)');
    const expired = checkPlan('acme', stalePlan(), { ...TODAY, today: '2026-12-11', locale: 'en-AU' });
    expect(expired.find((f) => f.code === 'IRP_POLICY_EXPIRED')?.message).toBe(
      'insurance policy CYB-1 with Harborline Mutual expired on 10 December 2026',
    );
  });

  test('a well-kept plan has no findings', () => {
    const plan = stalePlan();
    plan.plan.review = { last: '2026-10-01', every_months: 12 };
    plan.contacts = plan.contacts.map((c) => ({
      ...c,
      verified: '2026-10-01',
      phones: [{ number: '+1 503 555 0100', out_of_band: true }],
      roles: c.id === 'bo' ? ['deputy'] : (c.roles ?? []),
    }));
    plan.assets = [
      { id: 'erp', name: 'ERP server', kind: 'server', criticality: 'critical', owner: 'ann', rto_hours: 4 },
      {
        id: 'bk',
        name: 'Backup server',
        kind: 'server',
        services: ['backup'],
        backup_of: ['erp'],
        criticality: 'high',
        immutable: true,
      },
    ];
    plan.monitoring = [{ source: 'MSP SIEM', owner: 'bo', hours: '24x7', watches: ['erp', 'bk'] }];
    plan.governance = { spending_authority: [{ role: 'incident-commander', up_to: 5000, currency: 'USD' }] };
    plan.preparation = { break_glass: [{ account: 'Emergency admin', kept: 'Safe', holders: ['ann'] }] };
    plan.insurance = { carrier: 'Harborline Mutual', policy_number: 'CYB-1', period: { end: '2027-06-30' } };
    plan.exercises = [{ date: '2026-03-01', scenario: 'phishing' }];
    expect(checkPlan('acme', plan, TODAY)).toEqual([]);
  });

  test('contacts of the authority groups (police, cyber agency, sanctions, data protection) are not unverified', () => {
    const plan = stalePlan();
    const authority = (id: string, group: string) => ({
      id,
      name: id,
      groups: [group],
      phones: [{ number: '+1 503 555 0110' }],
    });
    plan.contacts.push(
      authority('police', 'law-enforcement'),
      authority('ncsc', 'cyber-agency'),
      authority('ofac', 'sanctions'),
      authority('dpa', 'regulator'),
      authority('pen-test-firm', 'vendor'),
    );
    const unverified = checkPlan('acme', plan, TODAY).filter((f) => f.code === 'IRP_CONTACT_UNVERIFIED');
    expect(unverified.map((f) => f.subject)).toEqual(['Cy Diaz', 'pen-test-firm']);
  });

  test('limits: stale after --stale-days, an expired policy, no exercise, no commander', () => {
    const plan = stalePlan();
    plan.contacts = [{ id: 'bo', name: 'Bo Chen', phones: [{ number: '+1 503 555 0101' }], verified: '2026-10-27' }];
    plan.exercises = [];
    const codes = checkPlan('acme', plan, { ...TODAY, today: '2026-12-11', staleDays: 30 }).map(
      (f) => `${f.code} ${f.date}`,
    );
    expect(codes).toEqual([
      'IRP_REVIEW_OVERDUE 2026-01-15',
      'IRP_CONTACT_STALE 2026-10-27',
      'IRP_POLICY_EXPIRED 2026-12-10',
      'IRP_EXERCISE_NONE null',
      'IRP_NO_COMMANDER null',
      'IRP_ASSET_NO_OWNER null',
      'IRP_ASSET_NO_RTO null',
      'IRP_NO_MONITORING null',
      'IRP_NO_SPENDING_AUTHORITY null',
      'IRP_NO_BREAK_GLASS null',
      'IRP_NO_BACKUP null',
    ]);
  });
});

describe('the due-date calendar', () => {
  const ics = formatCalendar('Acme Corp, due dates', dueDates('acme', stalePlan(), DEFAULT_CHECK), 1_764_000_000);

  test('is RFC 5545: CRLF lines of at most 75 octets, one event per due date, stable UIDs', () => {
    const lines = ics.split('\r\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([
      'UID:acme-review@irplan',
      'UID:acme-exercise@irplan',
      'UID:acme-contact-ann@irplan',
      'UID:acme-policy-end@irplan',
      'UID:acme-contact-bo@irplan',
    ]);
    expect(lines).toContain('DTSTART;VALUE=DATE:20260115');
    expect(lines).toContain('X-WR-CALNAME:Acme Corp\\, due dates');
  });

  test('DTSTAMP is the given source time, so the file is the same on every run', () => {
    expect(ics.match(/^DTSTAMP:.*$/gm)?.every((l) => l === 'DTSTAMP:20251124T160000Z')).toBe(true);
    expect(formatCalendar('Acme Corp, due dates', dueDates('acme', stalePlan(), DEFAULT_CHECK), 1_764_000_000)).toBe(
      ics,
    );
  });
});

describe('irplan check in a git repository', () => {
  const repo = planRepo();

  test('on a stale plan lists each finding with file:line:col, client, name and date', () => {
    const out = tempDir();
    const r = irplan(['check', 'northwind-logistics', '--today', '2027-06-20', '--ics', out], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'plans/northwind-logistics/plan.yaml:55:15 warning IRP_CONTACT_STALE Northwind Logistics: Ken Ito: contact details last verified on June 1, 2026, 384 days ago (more than 180)\n  hint: ',
    );
    expect(r.stdout).toMatch(
      /warning IRP_CONTACT_UNVERIFIED Northwind Logistics: Pacific Carriers dispatch desk: contact details have never been verified/,
    );
    // A public authority's numbers are published: the FBI field office is never "unverified".
    expect(r.stdout).not.toMatch(/IRP_CONTACT_UNVERIFIED Northwind Logistics: FBI Portland/);
    expect(r.stdout).toMatch(
      /warning IRP_POLICY_ENDING Northwind Logistics: insurance policy CYB-2026-004417 with Harborline Mutual ends on June 30, 2027, in 10 days/,
    );
    expect(r.stdout).toMatch(
      /warning IRP_EXERCISE_OVERDUE Northwind Logistics: no tabletop exercise since March 12, 2026/,
    );
    expect(r.stdout).toMatch(
      /plans\/defaults\.yaml:\d+:\d+ warning IRP_CONTACT_STALE Northwind Logistics: Priya Raman/,
    );
    expect(r.stdout).not.toMatch(/Cedar/);
    const calendar = readFileSync(join(out, 'northwind-logistics-due.ics'), 'utf8');
    expect(calendar).toContain('SUMMARY:Northwind Logistics: insurance policy CYB-2026-004417 ends');
    expect(calendar).toContain('DTSTAMP:20261120T100000Z');
  });

  test('--strict exits 1 when anything is found, and the same day gives the same calendar', () => {
    const out = tempDir();
    const first = irplan(['check', '--strict', '--today', '2027-06-20', '--ics', out], { cwd: repo.dir });
    expect(first.code).toBe(1);
    const calendar = readFileSync(join(out, 'cedar-dental-due.ics'), 'utf8');
    irplan(['check', '--today', '2030-01-01', '--ics', out], { cwd: repo.dir });
    expect(readFileSync(join(out, 'cedar-dental-due.ics'), 'utf8')).toBe(calendar);
  });

  test('--stale-days widens the window; a date that is not one is a user error', () => {
    const r = irplan(
      ['check', 'northwind-logistics', '--today', '2026-11-02', '--stale-days', '400', '--ics', tempDir()],
      { cwd: repo.dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning IRP_CONTACT_UNVERIFIED/);
    expect(r.stdout).not.toMatch(/IRP_CONTACT_STALE/);
    const clean = irplan(['check', 'northwind-logistics', '--strict', '--today', 'soon'], { cwd: repo.dir });
    expect(clean.code).toBe(1);
    expect(clean.stderr).toContain(
      'error IRP_ARGS check: --today "soon" is not a date\n  hint: write it as YYYY-MM-DD',
    );
  });
});
