import type { Deadline, DeadlineStatus } from './deadlines.ts';
import type { Clock } from './times.ts';
import type { EntryKind, MergedLog } from './types.ts';

// The timeline as a picture: one lane per person, each entry a mark at its time, each deadline a
// vertical line in its verdict's colour. Positions are fractions of the axis (0..1), so the page
// draws them at any width. Deadlines far beyond the log (the review, two weeks on) would squash the
// events into a corner; those are listed at the right edge instead of drawn to scale.

/** How far past the log's span a deadline may lie and still be drawn to scale. */
const SCALE_LIMIT = 4;

const HOUR_MS = 3_600_000;

/** Axis steps that read well, from a quarter hour to a week. */
const STEPS = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 168].map((h) => h * HOUR_MS);

/** What the page draws. */
export interface Chart {
  lanes: string[];
  marks: { x: number; lane: number; kind: EntryKind }[];
  deadlines: { x: number; name: string; status: DeadlineStatus; doneX: number | null }[];
  /** Deadlines beyond the drawn axis: named at its right edge with their due time. */
  later: { name: string; status: DeadlineStatus; due: string }[];
  ticks: { x: number; label: string }[];
  /** The discovery time on the axis. */
  discoveredX: number;
}

/** Lays out the picture of one incident's timeline. */
export function chartOf(log: MergedLog, deadlines: Deadline[], clock: Clock): Chart {
  const discovered = Date.parse(log.incident.discovered);
  const times = log.entries.map((e) => Date.parse(e.time));
  const start = Math.min(discovered, ...times);
  const lastEvent = Math.max(start + HOUR_MS, ...times);
  const limit = start + SCALE_LIMIT * (lastEvent - start);
  const timed = deadlines.filter((d): d is Deadline & { dueMs: number } => d.dueMs !== null);
  const end = Math.max(lastEvent, ...timed.filter((d) => d.dueMs <= limit).map((d) => d.dueMs));
  // A little room before the first mark and after the last, so no line sits on the frame.
  const axisStart = start - (end - start) * 0.03;
  const axisEnd = end + (end - start) * 0.03;
  const x = (t: number) => (t - axisStart) / (axisEnd - axisStart);
  const lanes = [...new Set(log.entries.map((e) => e.by))];
  return {
    lanes,
    marks: log.entries.map((e) => ({ x: x(Date.parse(e.time)), lane: lanes.indexOf(e.by), kind: e.kind })),
    deadlines: timed
      .filter((d) => d.dueMs <= end)
      .map((d) => ({
        x: x(d.dueMs),
        name: d.name,
        status: d.status,
        doneX: d.doneMs !== null && d.doneMs <= axisEnd ? x(d.doneMs) : null,
      })),
    later: timed.filter((d) => d.dueMs > end).map((d) => ({ name: d.name, status: d.status, due: d.due })),
    ticks: ticks(axisStart, axisEnd, clock).map((t) => ({ x: x(t.at), label: t.label })),
    discoveredX: x(discovered),
  };
}

/** Axis ticks on whole local hours (or days), at most eight; a tick at midnight shows the date. */
function ticks(start: number, end: number, clock: Clock): { at: number; label: string }[] {
  const step = STEPS.find((s) => (end - start) / s <= 8) ?? (STEPS.at(-1) as number);
  const offset = clock.offset(start);
  const first = Math.ceil((start + offset) / step) * step - offset;
  const out: { at: number; label: string }[] = [];
  for (let at = first; at <= end; at += step)
    out.push({ at, label: clock.axis(at, (at + offset) % (24 * HOUR_MS) === 0) });
  return out;
}
