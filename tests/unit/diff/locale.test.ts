import { describe, expect, test } from 'vitest';
import { diffPlans } from '../../../src/diff/diff.ts';
import { show } from '../../../src/diff/show.ts';
import type { Plan } from '../../../src/plan/types.ts';

// A diff's sentences write dates and numbers as the client's binder does; its before and after
// stay as in the YAML, for tools reading --format json.

function plan(over: Partial<Plan> = {}): Plan {
  return {
    client: { name: 'Acme', country: 'DE' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER', effective: '2026-01-15' },
    contacts: [{ id: 'ann', name: 'Ann Lee', phones: [{ number: '+49 30 1234567' }], verified: '2026-10-15' }],
    assets: [{ id: 'db', name: 'CRM', kind: 'server', criticality: 'high', rto_hours: 1200 }],
    exercises: [{ date: '2026-03-12', scenario: 'ransomware' }],
    ...over,
  } as Plan;
}

describe('show', () => {
  test('writes dates and numbers for a locale, and leaves them as written without one', () => {
    expect(show('2026-10-15', 'de-DE')).toBe('15. Oktober 2026');
    expect(show('2026-10-15', 'en-GB')).toBe('15 October 2026');
    expect(show(1200, 'de-DE')).toBe('1.200');
    expect(show({ start: '2026-07-01', end: '2027-06-30' }, 'en-US')).toBe('start July 1, 2026, end June 30, 2027');
    expect(show('2026-10-15')).toBe('2026-10-15');
    expect(show(1200)).toBe('1200');
  });

  test('text that only looks like a date, and phone numbers, stay as written', () => {
    expect(show('2026-02-30', 'de-DE')).toBe('2026-02-30');
    expect(show('CYB-2026-10-15', 'de-DE')).toBe('CYB-2026-10-15');
    expect(show([{ number: '+49 30 1234567' }], 'de-DE')).toBe('+49 30 1234567');
  });
});

describe('diffPlans in a locale', () => {
  const before = plan();
  const after = plan({
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER', effective: '2026-12-01' },
    contacts: [{ id: 'ann', name: 'Ann Lee', phones: [{ number: '+49 30 1234567' }], verified: '2026-11-30' }],
    assets: [{ id: 'db', name: 'CRM', kind: 'server', criticality: 'high', rto_hours: 2400 }],
    exercises: [{ date: '2026-11-05', scenario: 'phishing' }],
  });

  test('the sentences read as the binder writes them', () => {
    expect(diffPlans(before, after, 'de-DE').map((c) => c.text)).toEqual([
      'Plan: effective date 15. Januar 2026 → 1. Dezember 2026',
      'Ann Lee: verified on 15. Oktober 2026 → 30. November 2026',
      'CRM: RTO (hours) 1.200 → 2.400',
      'Exercises: added 5. November 2026 phishing',
      'Exercises: removed 12. März 2026 ransomware',
    ]);
  });

  test('before and after stay as in the YAML, for tools', () => {
    const changes = diffPlans(before, after, 'de-DE');
    expect(changes.map((c) => [c.before, c.after])).toEqual([
      ['2026-01-15', '2026-12-01'],
      ['2026-10-15', '2026-11-30'],
      ['1200', '2400'],
      [null, '2026-11-05 phishing'],
      ['2026-03-12 ransomware', null],
    ]);
  });

  test('without a locale the sentences keep the values as written', () => {
    expect(diffPlans(before, after).map((c) => c.text)[0]).toBe('Plan: effective date 2026-01-15 → 2026-12-01');
  });
});
