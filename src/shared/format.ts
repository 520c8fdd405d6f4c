import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

/** The locale dates fall back to: a tag Intl does not know never picks up the machine's own locale. */
const FALLBACK_LOCALE = 'en-US';

const longDates = new Map<string, Intl.DateTimeFormat>();

/** One long-date formatter per locale, made once: a binder formats hundreds of dates. */
function longDate(locale: string): Intl.DateTimeFormat {
  let f = longDates.get(locale);
  if (!f) {
    f = makeLongDate(locale);
    longDates.set(locale, f);
  }
  return f;
}

function makeLongDate(locale: string): Intl.DateTimeFormat {
  const style = { dateStyle: 'long', timeZone: 'UTC' } as const;
  try {
    // The fallback in the list, not Intl's default: a build must not depend on the machine's LANG.
    return new Intl.DateTimeFormat([locale, FALLBACK_LOCALE], style);
  } catch {
    // A tag that is not BCP 47 at all (the schema's pattern lets a few through) reads as the fallback.
    return new Intl.DateTimeFormat(FALLBACK_LOCALE, style);
  }
}

/** A calendar date (YYYY-MM-DD) as people in `locale` read it: "November 1, 2026" (en-US), "1 November 2026" (en-GB). */
export function formatDate(iso: string | undefined, locale: string): string | null {
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : longDate(locale).format(d);
}

/**
 * The E.164 form of a number (tel: links use dialForm, phone.ts, which knows numbers not dialled from abroad).
 * A national-format number is read in `country`; without one only an international number (+...) has one.
 */
export function toE164(number: string, country: string | null): string | null {
  const home = country && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(number, home ? { defaultCountry: home } : undefined);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Adds whole months to a calendar date, clamping to the month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const numbers = new Map<string, Intl.NumberFormat>();

/** A number as people in `locale` write it: 1,440 (en-US), 1 440 (fr), 1.440 (de); one formatter per locale. */
export function formatNumber(n: number, locale: string): string {
  let f = numbers.get(locale);
  if (!f) {
    try {
      f = new Intl.NumberFormat([locale, FALLBACK_LOCALE], { maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat(FALLBACK_LOCALE, { maximumFractionDigits: 2 });
    }
    numbers.set(locale, f);
  }
  return f.format(n);
}

/** What the words of a count need: the client's locale and its message catalogue (Messages). */
interface Words {
  locale: string;
  text(key: string, vars?: Record<string, string | number>): string;
}

/** True where the locale's plural rule calls `count` "one" (en: 1 hour; fr: 0 and 1 heure), for a message's _one form. */
export function isOne(count: number, locale: string): boolean {
  try {
    return new Intl.PluralRules([locale, FALLBACK_LOCALE]).select(count) === 'one';
  } catch {
    return count === 1;
  }
}

/** Hours as a reader says them, from the catalogue: "48 hours", "3 days (72 hours)", "60 days (1,440 hours)". */
export function formatHours(hours: number, words: Words): string {
  const n = (x: number) => formatNumber(x, words.locale);
  if (hours >= 48 && hours % 24 === 0) return words.text('format.days_hours', { days: n(hours / 24), hours: n(hours) });
  return words.text(isOne(hours, words.locale) ? 'format.hours_one' : 'format.hours_other', { hours: n(hours) });
}
