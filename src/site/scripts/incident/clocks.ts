// The deadline clocks of the incident page. Each `[data-clock]` element carries its length
// (data-hours) and what starts it (data-from: discovery, or recovery for the after-action meeting);
// this sets its due time (data-due, ISO 8601 with the client's offset) and counts down to it.
import { say } from './words.ts';
import { isoInZone } from './zone.ts';

/** The instants the clocks count from, in milliseconds; recovery is null until it is declared. */
export interface ClockStarts {
  discovery: number;
  recovery: number | null;
}

const MINUTE = 60_000;

/** A span in days and hours, hours and minutes, or minutes. */
function span(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60];
  if (d > 0) return say('site.incident_days_hours', { d, h });
  return h > 0 ? say('site.incident_hours_minutes', { h, m }) : say('site.incident_minutes', { m });
}

/** Sets each clock's due time from the starts; a clock whose start is not known yet has none. */
export function setClocks(root: ParentNode, starts: ClockStarts, zone: string, locale: string): void {
  const when = new Intl.DateTimeFormat([locale, 'en-US'], {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  for (const clock of root.querySelectorAll<HTMLElement>('[data-clock]')) {
    const from = clock.dataset.from === 'recovery' ? starts.recovery : starts.discovery;
    const due = clock.querySelector<HTMLTimeElement>('[data-clock-due]');
    clock.classList.toggle('pending', from === null);
    if (from === null || !due) {
      delete clock.dataset.due;
      continue;
    }
    const at = from + Number(clock.dataset.hours) * 3_600_000;
    clock.dataset.due = isoInZone(at, zone);
    due.dateTime = clock.dataset.due;
    due.textContent = say('site.incident_due', { date: when.format(at) });
  }
  tick(root);
}

/** Writes the time left (or overdue) on every clock that has a due time. */
export function tick(root: ParentNode): void {
  const now = Date.now();
  for (const clock of root.querySelectorAll<HTMLElement>('[data-clock][data-due]')) {
    const left = Date.parse(clock.dataset.due ?? '') - now;
    const out = clock.querySelector('[data-clock-left]');
    clock.classList.toggle('overdue', left < 0);
    if (out)
      out.textContent =
        left < 0
          ? say('site.incident_overdue', { time: span(-left) })
          : say('site.incident_left', { time: span(left) });
  }
}
