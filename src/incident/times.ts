// Times in the after-action report are read in the client's time zone, whatever zone the devices
// or the build machine were in; 24-hour, as incident logs are kept.

const HOUR_MS = 3_600_000;

/** Formats instants in one zone and locale; the fallback locale keeps an unknown tag readable. */
export interface Clock {
  /** "Mon, Nov 30, 02:15" in the client's zone. */
  at(ms: number): string;
  /** "02:15" or "Nov 30" for an axis label, by the span the axis covers. */
  axis(ms: number, days: boolean): string;
  /** The zone's offset from UTC at an instant, in ms (for axis ticks on whole local hours). */
  offset(ms: number): number;
}

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat([locale, 'en-US'], { ...options, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
  }
}

/** The clock of a client: its locale's words, its zone's time. */
export function clockFor(locale: string, zone: string): Clock {
  const full = formatter(locale, zone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const hm = formatter(locale, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = formatter(locale, zone, { month: 'short', day: 'numeric' });
  const parts = formatter('en-US', zone, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return {
    at: (ms) => full.format(ms),
    axis: (ms, days) => (days ? day.format(ms) : hm.format(ms)),
    offset: (ms) => {
      const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
      const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
      return local - Math.floor(ms / 1000) * 1000;
    },
  };
}

/** A duration as hours and minutes ("3 h 20 min", "2 d 4 h"), for how late or early something was. */
export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** Hours after an instant, in ms. */
export function hoursAfter(ms: number, hours: number): number {
  return ms + hours * HOUR_MS;
}
