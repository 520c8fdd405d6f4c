import { parsePhoneNumberFromString } from 'libphonenumber-js';

const LONG = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) as people read it: "November 1, 2026". */
export function formatDate(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : LONG.format(d);
}

/** The E.164 form for tel: links; numbers are shown as written elsewhere. */
export function toE164(number: string): string | null {
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: 'US' });
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

/** Hours as a reader says them: "48 hours", "3 days (72 hours)". */
export function formatHours(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days (${hours} hours)`;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
