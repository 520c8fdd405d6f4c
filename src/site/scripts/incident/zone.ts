// Times in the client's time zone, with Intl alone: incident mode writes and counts every time where
// the client is, whatever zone the phone is set to.

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone: [year, month, day, hour, minute, second]. */
function wallClock(ms: number, zone: string): number[] {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(ms);
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) =>
    Number(parts.find((p) => p.type === type)?.value),
  );
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
function offsetMinutes(ms: number, zone: string): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallClock(ms, zone);
  return Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An instant as ISO 8601 in the zone, to the second, with its offset: 2026-11-30T02:15:00-05:00. */
export function isoInZone(ms: number, zone: string): string {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallClock(ms, zone);
  const off = offsetMinutes(ms, zone);
  const sign = off < 0 ? '-' : '+';
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/** What a local time of the zone is: one instant, the earlier of two (a clock turned back), or none. */
export interface LocalReading {
  ms: number | null;
  ambiguous: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The instant a `YYYY-MM-DDTHH:MM` wall-clock time of the zone names. A time the zone skipped (clocks
 * turned forward) has none; a time it had twice (clocks turned back) gives the earlier, so that no
 * deadline counted from it is late, and says it was ambiguous.
 */
export function localToInstant(local: string, zone: string): LocalReading {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return { ms: null, ambiguous: false };
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets a day either side cover any one change of offset near this time.
  const candidates = [
    ...new Set([-DAY_MS, DAY_MS].map((shift) => guess - offsetMinutes(guess + shift, zone) * 60_000)),
  ];
  const valid = candidates
    .filter((ms) => wallClock(ms, zone).slice(0, 5).join() === [y, mo, d, h, mi].join())
    .sort((a, b) => a - b);
  return { ms: valid[0] ?? null, ambiguous: valid.length > 1 };
}

/** The `YYYY-MM-DDTHH:MM` wall-clock time of an instant in the zone (a datetime-local field's value). */
export function localValue(ms: number, zone: string): string {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = wallClock(ms, zone);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}
