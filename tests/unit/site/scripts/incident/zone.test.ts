import { describe, expect, test } from 'vitest';
import { isoInZone, localToInstant, localValue } from '../../../../../src/site/scripts/incident/zone.ts';

// Incident mode counts deadlines in the client's time zone whatever the phone's own zone is; these
// are the conversions it does with Intl, around the changes of offset where they can go wrong.

describe('isoInZone', () => {
  test('writes an instant with the offset the zone has at that instant', () => {
    expect(isoInZone(Date.UTC(2026, 10, 30, 7, 15), 'America/New_York')).toBe('2026-11-30T02:15:00-05:00');
    expect(isoInZone(Date.UTC(2026, 6, 1, 6, 15), 'America/New_York')).toBe('2026-07-01T02:15:00-04:00');
    expect(isoInZone(Date.UTC(2026, 0, 1, 0, 0, 5), 'UTC')).toBe('2026-01-01T00:00:05+00:00');
    expect(isoInZone(Date.UTC(2026, 0, 1, 12, 0), 'Asia/Kolkata')).toBe('2026-01-01T17:30:00+05:30');
    expect(isoInZone(Date.UTC(2026, 0, 1, 12, 0), 'America/St_Johns')).toBe('2026-01-01T08:30:00-03:30');
  });

  test('a deadline that crosses the end of summer time keeps its hours (48 h from 10:00 PDT is 09:00 PST)', () => {
    const start = localToInstant('2025-11-01T10:00', 'America/Los_Angeles').ms ?? 0;
    expect(isoInZone(start + 48 * 3_600_000, 'America/Los_Angeles')).toBe('2025-11-03T09:00:00-08:00');
  });
});

describe('localToInstant', () => {
  test('reads a wall-clock time of the zone', () => {
    expect(localToInstant('2026-11-30T02:15', 'America/New_York')).toEqual({
      ms: Date.UTC(2026, 10, 30, 7, 15),
      ambiguous: false,
    });
    expect(localToInstant('2026-03-29T12:00', 'Australia/Sydney').ms).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });

  test('a time the clocks skipped has no instant', () => {
    expect(localToInstant('2026-03-08T02:30', 'America/New_York')).toEqual({ ms: null, ambiguous: false });
  });

  test('a time the clocks passed twice gives the earlier instant and says so', () => {
    expect(localToInstant('2026-11-01T01:30', 'America/New_York')).toEqual({
      ms: Date.UTC(2026, 10, 1, 5, 30),
      ambiguous: true,
    });
  });

  test('refuses what is not a datetime-local value', () => {
    expect(localToInstant('30/11/2026 02:15', 'UTC').ms).toBeNull();
    expect(localToInstant('', 'UTC').ms).toBeNull();
  });

  test('is the inverse of localValue', () => {
    const ms = Date.UTC(2026, 4, 17, 22, 41);
    for (const zone of ['Europe/Berlin', 'Pacific/Auckland', 'America/Los_Angeles']) {
      expect(localToInstant(localValue(ms, zone), zone).ms).toBe(ms);
    }
  });
});
