import { preview, UserError } from '../shared/index.ts';
import { posOf } from './positions.ts';
import type { Located } from './positions.ts';

/**
 * Building a time-zone formatter is one of the slowest checks, and a portfolio uses a handful of
 * zones: each is checked once per process.
 */
const knownZones = new Map<string, boolean>();

function knownZone(tz: string): boolean {
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    knownZones.set(tz, ok);
  }
  return ok;
}

/** Checks that client.timezone names an IANA time zone this runtime knows. */
export function checkTimezone(tz: string | undefined, input: Located, errors: UserError[]): void {
  if (tz === undefined) return;
  if (!knownZone(tz)) {
    errors.push(
      new UserError('IRP_TIMEZONE', `client.timezone "${preview(tz)}" is not a known time zone`, {
        position: posOf(input, 'client/timezone'),
        hint: 'use an IANA name such as America/Los_Angeles or Europe/Berlin',
      }),
    );
  }
}
