import { closest, preview, UserError } from '../shared/index.ts';
import { posOf } from './positions.ts';
import type { Located } from './positions.ts';

/**
 * Building a time-zone formatter is one of the slowest checks, and a portfolio uses a handful of
 * zones: each is resolved once per process, to the id the runtime files it under (undefined: unknown).
 */
const resolved = new Map<string, string | undefined>();

function resolveZone(tz: string): string | undefined {
  if (!resolved.has(tz)) {
    try {
      resolved.set(tz, new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone);
    } catch {
      resolved.set(tz, undefined);
    }
  }
  return resolved.get(tz);
}

let canonical: Set<string> | undefined;

/** The runtime's canonical zone ids (Area/City names such as America/Toronto). */
function canonicalZones(): Set<string> {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonical;
}

/**
 * Zone names that mean something else than what they are usually written for: an abbreviation is
 * a fixed offset with no daylight saving time, so deadlines in summer would be an hour off.
 * The runtime maps them to a city that happens to share the offset (EST to America/Panama), which
 * is not what a client in New York wants to read.
 */
const MISLEADING: Record<string, string> = {
  EST: 'a fixed UTC−5 offset without daylight saving time; for US and Canadian Eastern time write America/New_York or America/Toronto',
  MST: 'a fixed UTC−7 offset without daylight saving time (Arizona: America/Phoenix); for Mountain time write America/Denver or America/Edmonton',
  GMT: 'UTC all year, without British Summer Time; for the United Kingdom write Europe/London, for UTC write UTC',
  CET: "a rule set, not a place; write the client's city zone, e.g. Europe/Berlin or Europe/Paris",
  MET: "a rule set, not a place; write the client's city zone, e.g. Europe/Berlin or Europe/Paris",
  EET: "a rule set, not a place; write the client's city zone, e.g. Europe/Athens or Europe/Helsinki",
  WET: "a rule set, not a place; write the client's city zone, e.g. Europe/Lisbon",
  'Etc/GMT': 'UTC all year, without British Summer Time; for the United Kingdom write Europe/London, for UTC write UTC',
};

/** UTC written as IANA writes it: not an alias to warn about. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC']);

/** The geographic areas of IANA zone names; an Area/City name is never an abbreviation or a legacy alias. */
const AREAS = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;

/**
 * Why a known zone name should be written otherwise, with the name to write: legacy aliases
 * (US/Eastern, Canada/Pacific, EST5EDT) and abbreviations. Undefined for a canonical name.
 */
export function zoneAdvice(tz: string): string | undefined {
  const misleading = MISLEADING[tz];
  if (misleading) return `"${preview(tz)}" is ${misleading}`;
  const id = resolveZone(tz);
  if (id === undefined || UTC_NAMES.has(tz) || canonicalZones().has(tz) || AREAS.test(tz)) return undefined;
  const offset = /^Etc\/GMT([+-])(\d+)$/.exec(tz);
  // POSIX inverts the sign in these names: Etc/GMT+5 is five hours behind UTC.
  if (offset)
    return `"${tz}" is a fixed UTC${offset[1] === '+' ? '−' : '+'}${offset[2]} offset (the sign in these names is inverted) without daylight saving time; write the client's Area/City zone, e.g. America/New_York`;
  // The runtime's own ids are canonical but sometimes older spellings (Asia/Calcutta): Area/City
  // names such as Asia/Kolkata are accepted above, so only abbreviations and legacy forms get here.
  return `"${preview(tz)}" is not the zone's canonical name; write ${id}`;
}

/** Checks that client.timezone names an IANA time zone this runtime knows. */
export function checkTimezone(tz: string | undefined, input: Located, errors: UserError[]): void {
  if (tz === undefined || resolveZone(tz) !== undefined) return;
  const guess = closest(tz, canonicalZones());
  errors.push(
    new UserError('IRP_TIMEZONE', `client.timezone "${preview(tz)}" is not a known time zone`, {
      position: posOf(input, 'client/timezone'),
      hint: guess ? `did you mean \`${guess}\`?` : 'use an IANA name such as America/Los_Angeles or Europe/Berlin',
    }),
  );
}

/** The zones of a country (ISO 3166-1 alpha-2), as the runtime lists them; empty when it knows none. */
export function countryZones(country: string): string[] {
  try {
    // Intl.Locale#getTimeZones (Intl Locale Info) is not in TypeScript's ES2023 library yet.
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[] };
    return locale.getTimeZones?.() ?? [];
  } catch {
    return [];
  }
}
