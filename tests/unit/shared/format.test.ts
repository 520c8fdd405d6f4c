import { describe, expect, test } from 'vitest';
import { formatDate } from '../../../src/shared/format.ts';

describe('formatDate', () => {
  test.each([
    ['en-US', 'October 15, 2026'],
    ['en-GB', '15 October 2026'],
    ['en-AU', '15 October 2026'],
    ['en-CA', 'October 15, 2026'],
  ])('writes a date the way %s reads it', (locale, text) => {
    expect(formatDate('2026-10-15', locale)).toBe(text);
  });

  test('keeps the calendar day whatever the machine time zone (UTC midnight, never the day before)', () => {
    expect(formatDate('2026-01-01', 'en-GB')).toBe('1 January 2026');
    expect(formatDate('2028-02-29', 'en-US')).toBe('February 29, 2028');
  });

  test('reads a locale it does not know, or a malformed tag, as en-US rather than the machine locale', () => {
    expect(formatDate('2026-10-15', 'zz')).toBe('October 15, 2026');
    expect(formatDate('2026-10-15', 'en-')).toBe('October 15, 2026');
  });

  test('gives null for no date and the text itself for one it cannot read', () => {
    expect(formatDate(undefined, 'en-GB')).toBeNull();
    expect(formatDate('', 'en-GB')).toBeNull();
    expect(formatDate('someday', 'en-GB')).toBe('someday');
  });
});
