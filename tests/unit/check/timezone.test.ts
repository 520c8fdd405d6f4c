import { describe, expect, test } from 'vitest';
import { checkTimezone } from '../../../src/check/timezone.ts';
import type { Plan } from '../../../src/plan/types.ts';

// Issue 20: a plan without a time zone shows every date and deadline in UTC, and an abbreviation
// such as EST has no daylight saving time. Both used to pass in silence; now they are warnings.

function plan(client: Plan['client']): Plan {
  return {
    client,
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    contacts: [{ id: 'ann', name: 'Ann Lee', phones: [{ number: '+1 503 555 0101' }] }],
  };
}
const warnings = (client: Plan['client']) =>
  checkTimezone(plan(client)).map((w) => `${w.code} ${w.path}: ${w.message}`);

describe('client.timezone warnings', () => {
  test('a missing zone names the field; UTC is what the plan would use', () => {
    expect(warnings({ name: 'Acme' })).toEqual([
      'IRP_TIMEZONE_MISSING client/timezone: client.timezone is not set, so dates and deadlines are shown in UTC',
    ]);
  });

  test("a country with one zone is told which: the client's zone is then certain", () => {
    expect(warnings({ name: 'Acme', country: 'GB' })).toEqual([
      'IRP_TIMEZONE_MISSING client/timezone: client.timezone is not set, so dates and deadlines are shown in UTC; GB has one zone: Europe/London',
    ]);
    // Several zones: none is guessed.
    expect(warnings({ name: 'Acme', country: 'CA' })[0]).toMatch(/shown in UTC$/);
  });

  test('an alias or abbreviation names the canonical zone', () => {
    expect(warnings({ name: 'Acme', timezone: 'US/Eastern' })).toEqual([
      'IRP_TIMEZONE_ALIAS client/timezone: client.timezone "US/Eastern" is not the zone\'s canonical name; write America/New_York',
    ]);
    expect(warnings({ name: 'Acme', timezone: 'EST' })[0]).toMatch(/"EST" is a fixed UTC−5 offset/);
  });

  test('a canonical zone, and UTC written as such, pass', () => {
    expect(warnings({ name: 'Acme', timezone: 'America/Toronto' })).toEqual([]);
    expect(warnings({ name: 'Acme', timezone: 'UTC' })).toEqual([]);
  });
});
