import { countryZones, zoneAdvice } from '../plan/index.ts';
import type { Plan } from '../plan/index.ts';

// The client's time zone decides every date and deadline the plan prints. A missing one falls back
// to UTC and an abbreviation has no daylight saving time: both pass validation but shift deadlines,
// so `irplan validate` warns about them instead of accepting them in silence.

/** A time-zone warning, before it is tagged with its client. */
interface TimezoneWarning {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

/** The hints, by code: check.ts adds them to every finding's hint table. */
export const TIMEZONE_HINTS: Record<string, string> = {
  IRP_TIMEZONE_MISSING:
    "add timezone: under client: with the IANA name of the client's zone, e.g. timezone: America/Toronto",
  IRP_TIMEZONE_ALIAS: 'write client.timezone as the canonical IANA name the warning gives',
};

/** Warns when client.timezone is missing (UTC is used) or is an alias or abbreviation of a canonical zone. */
export function checkTimezone(plan: Plan): TimezoneWarning[] {
  const tz = plan.client.timezone;
  const subject = plan.client.name;
  if (tz === undefined) {
    const zones = plan.client.country ? countryZones(plan.client.country) : [];
    const only = zones.length === 1 ? `; ${plan.client.country} has one zone: ${zones[0]}` : '';
    return [
      {
        code: 'IRP_TIMEZONE_MISSING',
        subject,
        date: null,
        message: `client.timezone is not set, so dates and deadlines are shown in UTC${only}`,
        path: 'client/timezone',
      },
    ];
  }
  const advice = zoneAdvice(tz);
  if (!advice) return [];
  return [
    { code: 'IRP_TIMEZONE_ALIAS', subject, date: null, message: `client.timezone ${advice}`, path: 'client/timezone' },
  ];
}
