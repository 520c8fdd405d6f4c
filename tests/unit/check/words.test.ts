import { describe, expect, test } from 'vitest';
import { checkPlan, DEFAULT_CHECK } from '../../../src/check/check.ts';
import { count, day } from '../../../src/check/words.ts';
import type { Plan } from '../../../src/plan/types.ts';

// Findings write their dates and counts for the client's locale, as its binder does.

describe('day and count', () => {
  test("write for the client's locale, and as in the plan without one", () => {
    expect(day('2026-10-15', { locale: 'en-GB' })).toBe('15 October 2026');
    expect(day('2026-10-15', {})).toBe('2026-10-15');
    expect(count(1174, { locale: 'en-US' })).toBe('1,174');
    expect(count(1174, { locale: 'de-DE' })).toBe('1.174');
    expect(count(1174, {})).toBe('1174');
  });
});

describe('findings in a locale', () => {
  const plan = {
    client: { name: 'Acme', timezone: 'Europe/Berlin' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER', review: { last: '2026-01-15' } },
    contacts: [{ id: 'ann', name: 'Ann Lee', phones: [{ number: '+49 30 1234567' }], verified: '2026-10-15' }],
  } as Plan;

  test('dates and day counts are written for it', () => {
    const opts = { ...DEFAULT_CHECK, today: '2030-01-01', locale: 'de-DE' };
    const messages = checkPlan('acme', plan, opts).map((f) => f.message);
    expect(messages).toContain(
      'Ann Lee: contact details last verified on 15. Oktober 2026, 1.174 days ago (more than 180)',
    );
    expect(messages).toContain(
      'plan review was due on 15. Januar 2027 (last review 15. Januar 2026, 1.082 days overdue)',
    );
  });

  test('the date a finding is about stays as in the plan, for tools', () => {
    const opts = { ...DEFAULT_CHECK, today: '2030-01-01', locale: 'de-DE' };
    const stale = checkPlan('acme', plan, opts).find((f) => f.code === 'IRP_CONTACT_STALE');
    expect(stale?.date).toBe('2026-10-15');
  });
});
