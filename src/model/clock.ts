import { formatNumber } from '../shared/index.ts';
import type { Words } from './words.ts';

// A worked example of a deadline clock, so nobody does date arithmetic under stress: a clock started
// Monday 09:00, 48 hours later is Wednesday 09:00. Weekdays and times are the locale's; the clock is
// always 24-hour, as incident logs are kept.

/** A Monday at 00:00 UTC: weekday names are read from the days after it. */
const MONDAY = Date.UTC(2024, 0, 1);

const HOUR_MS = 3_600_000;

/** The locale's formatter, with the fallback in the list so a tag Intl does not know reads as en-US. */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const style = { ...options, timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat([locale, 'en-US'], style);
  } catch {
    return new Intl.DateTimeFormat('en-US', style);
  }
}

/** A worked example of a deadline of `hours` in the client's words; long deadlines are counted in days. */
export function describeClock(hours: number, words: Words): string {
  const weekday = formatter(words.locale, { weekday: 'long' });
  const time = formatter(words.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const at = (h: number) => time.format(MONDAY + h * HOUR_MS);
  const start = at(9);
  const end = 9 + hours;
  if (hours > 24 * 14)
    return words.text('clock.example_long', {
      start,
      day: formatNumber(1 + Math.floor(end / 24), words.locale),
      time: at(end % 24),
    });
  const vars = {
    start_day: weekday.format(MONDAY),
    start,
    day: weekday.format(MONDAY + Math.floor(end / 24) * 24 * HOUR_MS),
    time: at(end % 24),
  };
  return words.text(end >= 24 * 7 ? 'clock.example_next_week' : 'clock.example', vars);
}
