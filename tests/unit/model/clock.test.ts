import { describe, expect, test } from 'vitest';
import { describeClock } from '../../../src/model/clock.ts';
import { englishMessages } from '../../../src/render/messages.ts';

// The worked example of a deadline: the catalogue's words, the locale's weekday names and times.
const words = (locale: string) => ({ locale, text: englishMessages().text });

describe('describeClock', () => {
  test('US English reads as it always did: weekdays, a 24-hour clock', () => {
    expect(describeClock(48, words('en-US'))).toBe('clock starts Monday 09:00, due Wednesday 09:00');
    expect(describeClock(36.5, words('en-US'))).toBe('clock starts Monday 09:00, due Tuesday 21:30');
  });

  test("weekdays and times are the locale's", () => {
    expect(describeClock(48, words('de-DE'))).toBe('clock starts Montag 09:00, due Mittwoch 09:00');
    expect(describeClock(72, words('fr-FR'))).toBe('clock starts lundi 09:00, due jeudi 09:00');
    // Finnish writes times with a dot.
    expect(describeClock(24, words('fi-FI'))).toBe('clock starts maanantai 09.00, due tiistai 09.00');
  });

  test('a long deadline counts days, the day number written for the locale', () => {
    expect(describeClock(24 * 1200, words('de-DE'))).toBe(
      'clock starts on the 1st at 09:00, due on day 1.201 at 09:00',
    );
    expect(describeClock(24 * 1200, words('en-US'))).toBe(
      'clock starts on the 1st at 09:00, due on day 1,201 at 09:00',
    );
  });

  test('a deadline that ends after midnight is due on the next day, not at 33:00', () => {
    expect(describeClock(24 * 20 + 20, words('en-US'))).toBe(
      'clock starts on the 1st at 09:00, due on day 22 at 05:00',
    );
  });
});
