import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatHours, formatNumber, isOne } from '../../../src/shared/format.ts';
import { loadMessages } from '../../../src/shared/messages.ts';
import { REPO } from '../../helpers/cli.ts';

// Numbers are written for the client's locale, and the words around them come from its catalogue.
const english = loadMessages(join(REPO, 'templates'), 'en');
const words = (locale: string) => ({ locale, text: english.text });

describe('formatNumber', () => {
  test.each([
    ['en-US', 1440, '1,440'],
    ['en-GB', 1200000, '1,200,000'],
    ['de-DE', 1440, '1.440'],
    ['fr-FR', 1440, '1\u202f440'],
    ['en-IN', 1200000, '12,00,000'],
    ['en-US', 2.5, '2.5'],
    ['de-DE', 2.5, '2,5'],
    ['en-US', 48, '48'],
  ])('%s writes %d as %s', (locale, n, text) => {
    expect(formatNumber(n, locale)).toBe(text);
  });

  test('a tag Intl does not know reads as en-US, never as the machine locale', () => {
    expect(formatNumber(1440, 'zz')).toBe('1,440');
    expect(formatNumber(1440, 'en-')).toBe('1,440');
  });
});

describe('isOne', () => {
  test("follows the locale's plural rule", () => {
    expect(isOne(1, 'en-US')).toBe(true);
    expect(isOne(0, 'en-US')).toBe(false);
    expect(isOne(2, 'en-US')).toBe(false);
    // French counts 0 and 1 as one: "0 heure".
    expect(isOne(0, 'fr')).toBe(true);
  });
});

describe('formatHours', () => {
  test('reads as before in US English, with the digit grouping that was missing', () => {
    expect(formatHours(1, words('en-US'))).toBe('1 hour');
    expect(formatHours(24, words('en-US'))).toBe('24 hours');
    expect(formatHours(48, words('en-US'))).toBe('2 days (48 hours)');
    expect(formatHours(50, words('en-US'))).toBe('50 hours');
    expect(formatHours(1440, words('en-US'))).toBe('60 days (1,440 hours)');
  });

  test("writes the numbers for the client's locale", () => {
    expect(formatHours(1440, words('de-DE'))).toBe('60 days (1.440 hours)');
    expect(formatHours(1080, words('fr-FR'))).toBe('45 days (1\u202f080 hours)');
  });

  test('takes its words from the catalogue', () => {
    const pseudo = {
      locale: 'en-US',
      text: (key: string, vars?: Record<string, string | number>) => `${key}:${JSON.stringify(vars)}`,
    };
    expect(formatHours(72, pseudo)).toBe('format.days_hours:{"days":"3","hours":"72"}');
    expect(formatHours(1, pseudo)).toBe('format.hours_one:{"hours":"1"}');
  });
});
