import type { Model } from '../model/index.ts';
import type { Messages } from '../shared/index.ts';
import { formatNumber } from '../shared/index.ts';
import { chartOf } from './chart.ts';
import type { Chart } from './chart.ts';
import { judgeDeadlines } from './deadlines.ts';
import type { Deadline } from './deadlines.ts';
import { consentLabel, describe, money, severityLabel, typeLabel } from './entries.ts';
import type { Ctx } from './entries.ts';
import { clockFor } from './times.ts';
import type { Clock } from './times.ts';
import type { MergedEntry, MergedLog } from './types.ts';
import { KIND_KEYS, QUESTION_KEYS } from './keys.ts';

// The after-action report of one imported incident, in the client's words and time zone: what the
// print page lays out and draws. The steps not done need the site's steps, which only the Astro run
// has; the page joins them with `ticked` (left.ts).

/** A step ticked at the end of the log (ticked and not unticked after). */
export interface TickedStep {
  id: string;
  text: string;
  by: string;
  time: string;
}

/** Everything the after-action print page shows for one incident. */
export interface IncidentReport {
  id: string;
  title: string;
  zone: string;
  facts: { label: string; value: string }[];
  timeline: { time: string; by: string; what: string }[];
  people: { by: string; span: string; did: string }[];
  deadlines: Deadline[];
  ticked: TickedStep[];
  /** The playbook of the incident's type: its steps are listed as not done even when none was ticked. */
  playbook: string;
  costs: { time: string; by: string; what: string; amount: string }[];
  totals: string[];
  consents: { time: string; by: string; contact: string; scope: string; text: string }[];
  questions: { question: string; answer: string | null }[];
  chart: Chart;
}

/** The report of one incident's merged log, for the client's print model. */
export function buildReport(
  log: MergedLog,
  model: Model,
  messages: Messages,
  titles: Map<string, string>,
): IncidentReport {
  const ctx: Ctx = { model, messages, clock: clockFor(model.client.locale, model.client.timezone), titles };
  const say = messages.text;
  const discovered = Date.parse(log.incident.discovered);
  const deadlines = judgeDeadlines(discovered, log.entries, model, ctx);
  const ticked = tickedSteps(log.entries, ctx.clock);
  return {
    id: log.incident.id,
    title: say('pdf.incident_title', { id: log.incident.id }),
    zone: say('pdf.incident_zone', { zone: model.client.timezone }),
    facts: facts(log, ctx),
    timeline: log.entries.map((e) => ({ time: ctx.clock.at(Date.parse(e.time)), by: e.by, what: describe(e, ctx) })),
    people: people(log.entries, ctx),
    deadlines,
    ticked,
    playbook: `playbook-${log.incident.type}`,
    ...money(log.entries, ctx),
    consents: log.entries
      .filter((e) => e.kind === 'consent')
      .map((e) => ({
        time: ctx.clock.at(Date.parse(e.time)),
        by: e.by,
        contact: e.insurer_contact ?? '',
        scope: consentLabel(e.scope ?? '', model),
        text: e.text ?? '',
      })),
    questions: questions(log, ticked, ctx),
    chart: chartOf(log, deadlines, ctx.clock),
  };
}

function facts(log: MergedLog, ctx: Ctx): { label: string; value: string }[] {
  const say = ctx.messages.text;
  const times = log.entries.map((e) => Date.parse(e.time));
  const changes = log.entries
    .filter((e) => e.kind === 'severity')
    .map((e) => severityLabel(e.severity ?? '', ctx.model));
  const devices = log.devices.map((d) =>
    say('pdf.incident_device', {
      device: d.device,
      entries: formatNumber(d.entries, ctx.model.client.locale),
      file: d.file,
    }),
  );
  return [
    { label: say('pdf.incident_fact_type'), value: typeLabel(log, ctx.model) },
    {
      label: say('pdf.incident_fact_severity'),
      value: [severityLabel(log.incident.severity, ctx.model), ...changes].join(' → '),
    },
    { label: say('pdf.incident_fact_discovered'), value: ctx.clock.at(Date.parse(log.incident.discovered)) },
    {
      label: say('pdf.incident_fact_log'),
      value:
        times.length > 0
          ? say('pdf.incident_log_span', {
              entries: formatNumber(log.entries.length, ctx.model.client.locale),
              first: ctx.clock.at(Math.min(...times)),
              last: ctx.clock.at(Math.max(...times)),
            })
          : say('pdf.incident_log_empty'),
    },
    { label: say('pdf.incident_fact_devices'), value: devices.join('; ') },
    { label: say('pdf.incident_fact_versions'), value: log.plan_versions.join(', ') },
  ];
}

/** Steps ticked when the log ends: a step unticked later is not done; the first tick is when it was done. */
function tickedSteps(entries: MergedEntry[], clock: Clock): TickedStep[] {
  const ticked = new Map<string, TickedStep>();
  for (const e of entries) {
    if (!e.step) continue;
    if (e.kind === 'untick') ticked.delete(e.step);
    else if (e.kind === 'step' && !ticked.has(e.step))
      ticked.set(e.step, { id: e.step, text: e.text ?? '', by: e.by, time: clock.at(Date.parse(e.time)) });
  }
  return [...ticked.values()];
}

/** Who did what and when: each person's first and last entry and what they recorded, by kind. */
function people(entries: MergedEntry[], ctx: Ctx): { by: string; span: string; did: string }[] {
  const say = ctx.messages.text;
  const order = [...new Set(entries.map((e) => e.by))];
  return order.map((by) => {
    const own = entries.filter((e) => e.by === by);
    const times = own.map((e) => Date.parse(e.time));
    const kinds = [...new Set(own.map((e) => e.kind))];
    const did = kinds.map((k) =>
      say('pdf.incident_did', {
        kind: say(KIND_KEYS[k] ?? 'pdf.incident_kind_note'),
        n: formatNumber(own.filter((e) => e.kind === k).length, ctx.model.client.locale),
      }),
    );
    return {
      by,
      span: say('pdf.incident_span', {
        first: ctx.clock.at(Math.min(...times)),
        last: ctx.clock.at(Math.max(...times)),
      }),
      did: did.join('; '),
    };
  });
}

/** The after-action meeting's questions with what the log already answers. */
function questions(log: MergedLog, ticked: TickedStep[], ctx: Ctx): { question: string; answer: string | null }[] {
  const say = ctx.messages.text;
  const start = log.entries.find((e) => e.kind === 'start') ?? log.entries[0];
  const calls = ticked.filter((t) => t.id.startsWith('contact-checklist:'));
  const answers: (string | null)[] = [
    say('pdf.incident_a_detected', { time: ctx.clock.at(Date.parse(log.incident.discovered)) }),
    start ? say('pdf.incident_a_started', { by: start.by, time: ctx.clock.at(Date.parse(start.time)) }) : null,
    null,
    calls.length > 0
      ? say('pdf.incident_a_reached', { calls: calls.map((c) => `${c.text} (${c.time})`).join('; ') })
      : null,
    null,
    null,
    null,
    null,
    null,
  ];
  return answers.map((answer, i) => ({ question: say(QUESTION_KEYS[i] ?? 'pdf.incident_q9'), answer }));
}
