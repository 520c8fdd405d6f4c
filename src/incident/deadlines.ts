import type { Model } from '../model/index.ts';
import type { Messages } from '../shared/index.ts';
import type { Clock } from './times.ts';
import { duration, hoursAfter } from './times.ts';
import type { MergedEntry } from './types.ts';

// Each deadline of the incident is counted from discovery, as the incident page's clocks are, and
// judged met or missed from the log: the first tick of the emergency contact checklist's row for
// whom the notice goes to (the carrier; the rule's authority, or the rule) stops the clock. Only
// that checklist counts: it is ticked when the person is reached, while a playbook step that says
// "tell the carrier" is not the notice. The report prints the row beside the verdict.

/** The emergency contact checklist (templates/sections/101-contact-checklist.md.hbs): one row per call. */
const CALLS = 'contact-checklist:';

/** Days from discovery to the after-action review: the two weeks, the page's review clock. */
const REVIEW_DAYS = 14;

/** How a deadline came out: met, missed, still open when the log ends, or no number of hours to count. */
export type DeadlineStatus = 'met' | 'missed' | 'open' | 'untimed';

/** One deadline as the report prints and draws it. */
export interface Deadline {
  /** Short name for the picture ("Insurer notice"). */
  name: string;
  /** What it is and how long ("Notice to Harborline Mutual, within 2 days (48 hours) of discovery"). */
  label: string;
  status: DeadlineStatus;
  dueMs: number | null;
  /** The due time in the client's zone; empty when the rule sets no hours. */
  due: string;
  /** What the log shows, with the step it was judged on. */
  result: string;
  doneMs: number | null;
  /** What the rule itself says (its clock, or its deadline in words); null when nothing. */
  note: string | null;
}

/** What a deadline is judged on: which ticked step stops its clock. */
interface Rule {
  name: string;
  label: string;
  hours: number | null;
  stops: (e: MergedEntry) => boolean;
  note: string | null;
}

type Ctx = { messages: Messages; clock: Clock };

/** A sentence from the data, ending with a full stop, to be followed by another. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** The incident's deadlines: the insurer's notice, each binding rule's notice, the after-action review. */
export function judgeDeadlines(discovered: number, entries: MergedEntry[], model: Model, ctx: Ctx): Deadline[] {
  const say = ctx.messages.text;
  const names = (needle: string) => (e: MergedEntry) =>
    (e.step ?? '').startsWith(CALLS) && (e.text ?? '').includes(needle);
  const rules: Rule[] = [];
  const ins = model.insurance;
  if (ins)
    rules.push({
      name: say('pdf.incident_deadline_insurer_short'),
      label: say('pdf.incident_deadline_insurer', { carrier: ins.carrier, within: ins.noticeText }),
      hours: ins.noticeHours,
      stops: names(ins.carrier),
      note: ins.hotlineCountsAsNotice ? null : say('pdf.incident_deadline_hotline'),
    });
  // A rule that only a ransom payment brings is not counted: the incident page leaves it out too.
  for (const r of model.regulations.filter((x) => x.trigger === null)) {
    const clock = r.clock ? say('pdf.incident_deadline_clock', { clock: sentence(r.clock) }) : null;
    const words = r.deadlineHours === null ? say('pdf.incident_deadline_untimed', { deadline: r.deadline }) : null;
    rules.push({
      name: r.label,
      label: r.deadlineText ? say('pdf.incident_deadline_rule', { rule: r.label, within: r.deadlineText }) : r.label,
      hours: r.deadlineHours,
      // The contact checklist names the authority when the plan knows it, else the rule.
      stops: (e) => names(r.label)(e) || (r.authorityName !== null && names(r.authorityName)(e)),
      note: [words, clock].filter((x) => x !== null).join(' ') || null,
    });
  }
  rules.push({
    name: say('pdf.incident_deadline_review_short'),
    label: say('pdf.incident_deadline_review', { days: REVIEW_DAYS }),
    hours: REVIEW_DAYS * 24,
    stops: (e) => (e.step ?? '').startsWith('after-action-checklist:'),
    note: say('pdf.incident_deadline_review_note'),
  });
  const ticks = entries.filter((e) => e.kind === 'step');
  const last = Math.max(...entries.map((e) => Date.parse(e.time)), discovered);
  return rules.map((rule) => judge(rule, { discovered, last, ticks }, ctx));
}

function judge(rule: Rule, log: { discovered: number; last: number; ticks: MergedEntry[] }, ctx: Ctx): Deadline {
  const say = ctx.messages.text;
  const done = log.ticks.find(rule.stops);
  const doneMs = done ? Date.parse(done.time) : null;
  const base = { name: rule.name, label: rule.label, note: rule.note, doneMs };
  const evidence = done && doneMs !== null ? { time: ctx.clock.at(doneMs), by: done.by, step: done.text ?? '' } : null;
  if (rule.hours === null) {
    const result = evidence ? say('pdf.incident_result_done', evidence) : say('pdf.incident_result_none');
    return { ...base, status: 'untimed', dueMs: null, due: '', result };
  }
  const dueMs = hoursAfter(log.discovered, rule.hours);
  const due = ctx.clock.at(dueMs);
  const end = ctx.clock.at(log.last);
  if (evidence && doneMs !== null) {
    const met = doneMs <= dueMs;
    const result = say(met ? 'pdf.incident_result_met' : 'pdf.incident_result_late', {
      ...evidence,
      by_how_much: duration(dueMs - doneMs),
    });
    return { ...base, status: met ? 'met' : 'missed', dueMs, due, result };
  }
  if (log.last > dueMs)
    return { ...base, status: 'missed', dueMs, due, result: say('pdf.incident_result_missed', { end }) };
  return { ...base, status: 'open', dueMs, due, result: say('pdf.incident_result_open', { end }) };
}
