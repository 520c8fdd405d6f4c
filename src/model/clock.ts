const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * A worked example of a deadline clock, so nobody does date arithmetic under stress:
 * a clock started Monday 09:00, 48 hours later is Wednesday 09:00. Long deadlines are given in days.
 */
export function describeClock(hours: number): string {
  if (hours > 24 * 14)
    return `clock starts on the 1st at 09:00, due on day ${1 + Math.floor(hours / 24)} at ${formatTime(9 + (hours % 24))}`;
  const end = 9 + hours;
  const day = WEEKDAYS[Math.floor(end / 24) % 7] ?? 'Monday';
  const week = end >= 24 * 7 ? ' of the following week' : '';
  return `clock starts Monday 09:00, due ${day}${week} ${formatTime(end % 24)}`;
}

function formatTime(h: number): string {
  return `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
}
