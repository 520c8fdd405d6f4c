import { formatDate, formatNumber } from '../shared/index.ts';

// Dates and counts in findings are written for the client's locale, as its binder writes them; a
// caller that knows no locale (a test, a tool) gets them as in the plan.

/** What the words of a finding depend on: the client's locale (BCP 47), when the caller knows it. */
interface Locale {
  locale?: string | undefined;
}

/** A date (YYYY-MM-DD) in a message: "15 October 2026" for en-GB; as in the plan without a locale. */
export function day(iso: string, { locale }: Locale): string {
  return locale ? (formatDate(iso, locale) ?? iso) : iso;
}

/** A count in a message (days): "1,200" for en-US, "1.200" for de; plain digits without a locale. */
export function count(n: number, { locale }: Locale): string {
  return locale ? formatNumber(n, locale) : String(n);
}
