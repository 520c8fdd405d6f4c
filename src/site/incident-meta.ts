import type { Model } from '../model/index.ts';

// What the incident page (site/incident/, issue 21) needs of the model: the choices of its start
// form and the deadlines its clocks count down. Hours only: the browser adds them to the discovery
// time it is given, in the client's time zone.

/** One deadline a rule sets, in hours from the event its `starts` text names. */
interface RuleClock {
  id: string;
  label: string;
  hours: number;
  /** What starts the rule's own clock, in the rule's words (its `clock:`); null when the data has none. */
  starts: string | null;
}

/** The incident page's facts about one client (SiteMeta.incident). */
export interface IncidentMeta {
  timezone: string;
  types: { id: string; label: string }[];
  severities: { id: string; label: string }[];
  /** The insurer's notice window; hours null when the plan does not record it. Null without insurance. */
  insurer: { carrier: string; hours: number | null } | null;
  /** The rules with a deadline in hours that binds whatever is paid: a rule that only a ransom payment brings is left out. */
  clocks: RuleClock[];
  /** The rules without a number of hours ("at once", "without unreasonable delay"): listed, not counted. */
  untimed: { id: string; label: string; deadline: string }[];
  /** The actions the policy requires consent for, as the consent record offers them. */
  consent: string[];
  /** Days from recovery to the after-action meeting. */
  reviewDays: number;
}

/**
 * The after-action meeting is held within two weeks of full isolation, remediation and recovery:
 * templates/sections/120-after-action.md.hbs says so in words, the page counts it in days.
 */
const REVIEW_DAYS = 14;

/** The incident page's facts from the client's model (the site's audience: nothing private is needed). */
export function incidentMeta(model: Model): IncidentMeta {
  const binding = model.regulations.filter((r) => r.trigger === null);
  return {
    timezone: model.client.timezone,
    types: model.incidents.map((i) => ({ id: i.id, label: i.label })),
    severities: model.severities.map((s) => ({ id: s.id, label: s.label })),
    insurer: model.insurance ? { carrier: model.insurance.carrier, hours: model.insurance.noticeHours } : null,
    clocks: binding.flatMap((r) =>
      r.deadlineHours === null ? [] : [{ id: r.id, label: r.label, hours: r.deadlineHours, starts: r.clock }],
    ),
    untimed: binding
      .filter((r) => r.deadlineHours === null)
      .map((r) => ({ id: r.id, label: r.label, deadline: r.deadline })),
    consent: model.insurance?.consent.map((c) => c.label) ?? [],
    reviewDays: REVIEW_DAYS,
  };
}
