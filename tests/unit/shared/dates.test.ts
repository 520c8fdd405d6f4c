import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, localToday, parseIsoDate } from '../../../src/shared/dates.ts';

describe('parseIsoDate', () => {
  test('accepts real calendar dates written YYYY-MM-DD', () => {
    expect(parseIsoDate('2026-11-27')).toBe('2026-11-27');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  test.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-1-5',
    '26-11-27',
    '2026-11-27T00:00',
    ' 2026-11-27',
    'today',
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });
});

describe('date arithmetic at UTC midnight', () => {
  test('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  test('daysBetween is signed and ignores daylight saving', () => {
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });

  test("localToday reads the machine's calendar, not UTC", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
