import { addDays } from '../shared/index.ts';
import { lastExercise, reviewDue } from './check.ts';
import type { CheckOptions } from './check.ts';
import { addMonths } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { day } from './words.ts';

/** A date something falls due, as a calendar event. */
export interface DueDate {
  /** Stable per item, so a calendar that subscribes updates the event instead of duplicating it. */
  uid: string;
  date: string;
  summary: string;
  description: string;
  /** Days before the date to remind; null for no reminder. */
  remindDaysBefore: number | null;
}

/**
 * Every due date the plan implies, whatever today is (so the file depends on the plan alone):
 * the next review, each contact's re-verification, the policy's end, the next tabletop exercise.
 */
export function dueDates(slug: string, plan: Plan, opts: Omit<CheckOptions, 'today'>): DueDate[] {
  const client = plan.client.name;
  const out: DueDate[] = [];
  const review = reviewDue(plan);
  if (review)
    out.push({
      uid: `${slug}-review`,
      date: review,
      summary: `${client}: plan review due`,
      description: `Review the incident response plan of ${client} (plan ${plan.plan.version}).`,
      remindDaysBefore: 14,
    });
  for (const c of plan.contacts) {
    if (!c.verified) continue;
    out.push({
      uid: `${slug}-contact-${c.id}`,
      date: addDays(c.verified, opts.staleDays),
      summary: `${client}: re-verify ${c.name}`,
      description: `${c.name}'s contact details were last verified on ${day(c.verified, opts)}.`,
      remindDaysBefore: null,
    });
  }
  const ins = plan.insurance;
  if (ins?.period?.end)
    out.push({
      uid: `${slug}-policy-end`,
      date: ins.period.end,
      summary: `${client}: insurance policy ${ins.policy_number} ends`,
      description: `The cyber policy ${ins.policy_number} with ${ins.carrier} ends. Confirm the renewal with the broker.`,
      remindDaysBefore: opts.expiryDays,
    });
  const last = lastExercise(plan);
  if (last)
    out.push({
      uid: `${slug}-exercise`,
      date: addMonths(last, opts.exerciseMonths),
      summary: `${client}: tabletop exercise due`,
      description: `The last tabletop exercise was on ${day(last, opts)}.`,
      remindDaysBefore: 30,
    });
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

/** An RFC 5545 calendar; DTSTAMP comes from the source (commit time), never the wall clock. */
export function formatCalendar(name: string, events: DueDate[], stampEpochSeconds: number): string {
  const stamp = new Date(stampEpochSeconds * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//irplan//irplan due dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
  ];
  for (const e of events) lines.push(...eventLines(e, stamp));
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function eventLines(e: DueDate, stamp: string): string[] {
  const day = (iso: string) => iso.replace(/-/g, '');
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.uid}@irplan`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${day(e.date)}`,
    `DTEND;VALUE=DATE:${day(addDays(e.date, 1))}`,
    `SUMMARY:${text(e.summary)}`,
    `DESCRIPTION:${text(e.description)}`,
    'TRANSP:TRANSPARENT',
  ];
  if (e.remindDaysBefore !== null)
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${text(e.summary)}`,
      `TRIGGER:-P${e.remindDaysBefore}D`,
      'END:VALARM',
    );
  lines.push('END:VEVENT');
  return lines;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a calendar line may not hold
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11). */
function text(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = Buffer.byteLength(ch);
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
