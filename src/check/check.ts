import { addMonths, daysBetween } from '../shared/index.ts';
import type { Plan } from '../plan/index.ts';
import { checkJurisdiction, JURISDICTION_HINTS } from './jurisdiction.ts';
import { checkPeople, PEOPLE_HINTS, publicAuthority } from './people.ts';
import { checkPreparation, PREPARATION_HINTS } from './preparation.ts';
import { checkInventory, INVENTORY_HINTS } from './products.ts';
import { checkTimezone, TIMEZONE_HINTS } from './timezone.ts';
import { count, day } from './words.ts';

// Maintenance checks: pure functions of a plan and a date. Only `irplan check` passes today's date.

/** How strict the checks are; every limit can be set on the command line. */
export interface CheckOptions {
  today: string;
  /** Contacts verified longer ago than this are stale. */
  staleDays: number;
  /** A policy ending within this many days is reported. */
  expiryDays: number;
  /** A tabletop exercise is expected at least this often. */
  exerciseMonths: number;
  /** The client's locale (BCP 47) for the dates in messages; without one they stay YYYY-MM-DD. */
  locale?: string;
}

export const DEFAULT_CHECK: Omit<CheckOptions, 'today'> = { staleDays: 180, expiryDays: 30, exerciseMonths: 12 };

/** One maintenance finding, naming the client, the person or asset, and the date concerned. */
export interface Finding {
  slug: string;
  client: string;
  code: string;
  /** Who or what it is about, by name. */
  subject: string;
  /** The date that makes it a finding (due, last verified, ends), when there is one. */
  date: string | null;
  message: string;
  /** Where in the plan the fix goes ("contacts/3/verified"), for file:line:col. */
  path: string;
}

/** How to fix each kind of finding: the knowledge is in this table, not in the checks. */
export const FINDING_HINTS: Record<string, string> = {
  IRP_REVIEW_OVERDUE:
    'review the plan with the client, then set plan.review.last to the review date (or run irplan release)',
  IRP_REVIEW_MISSING: 'set plan.review.last (or plan.effective) to the date of the last review',
  IRP_CONTACT_STALE: 'call the contact, confirm their numbers and role, then set verified: to that date',
  IRP_CONTACT_UNVERIFIED: 'call the contact, confirm their numbers and role, then add verified: with that date',
  IRP_POLICY_EXPIRED: 'ask the broker for the renewed policy and update insurance.policy_number and insurance.period',
  IRP_POLICY_ENDING: 'ask the broker about the renewal and update insurance.period when it is bound',
  IRP_EXERCISE_OVERDUE: 'schedule a tabletop exercise and record it under exercises:',
  IRP_EXERCISE_NONE: 'schedule a tabletop exercise and record it under exercises:',
  IRP_NO_COMMANDER: 'give one contact roles: [incident-commander]',
  IRP_COMMANDER_NO_OOB: 'add a phone the attacker cannot reach (a mobile), marked out_of_band: true',
  IRP_ASSET_NO_OWNER: 'set owner: to the contact who decides about this asset during an incident',
  IRP_ASSET_NO_RTO: 'agree a recovery time with the client and set rto_hours:',
  ...PEOPLE_HINTS,
  ...INVENTORY_HINTS,
  ...PREPARATION_HINTS,
  ...JURISDICTION_HINTS,
  ...TIMEZONE_HINTS,
};

/** A finding before it is tagged with its client. */
type Raw = Omit<Finding, 'slug' | 'client'>;

type Check = (plan: Plan, opts: CheckOptions) => Raw[];

/** The checks of the plan alone, whatever the date: `irplan validate` prints them as warnings too. */
const PLAN_CHECKS: ((plan: Plan) => Raw[])[] = [checkPeople, checkInventory, checkJurisdiction, checkTimezone];

/** Runs every check on one client's plan. */
export function checkPlan(slug: string, plan: Plan, opts: CheckOptions): Finding[] {
  const checks: Check[] = [checkReview, checkContacts, checkPolicy, checkExercises, checkCommander, checkAssets];
  checks.push(checkPreparation);
  const dated = checks.flatMap((check) => check(plan, opts)).map((f) => ({ slug, client: plan.client.name, ...f }));
  return [...dated, ...planWarnings(slug, plan)];
}

/** The findings that do not depend on the date (who is accountable, ...): `irplan validate`'s warnings. */
export function planWarnings(slug: string, plan: Plan): Finding[] {
  return PLAN_CHECKS.flatMap((check) => check(plan)).map((f) => ({ slug, client: plan.client.name, ...f }));
}

/** When the plan is next due for review: last review (or effective date) plus the cadence. */
export function reviewDue(plan: Plan): string | null {
  const last = plan.plan.review?.last ?? plan.plan.effective;
  return last ? addMonths(last, plan.plan.review?.every_months ?? 12) : null;
}

const checkReview: Check = (plan, opts) => {
  const due = reviewDue(plan);
  if (!due)
    return [
      {
        code: 'IRP_REVIEW_MISSING',
        subject: 'plan review',
        date: null,
        message: 'the plan records no review date',
        path: 'plan',
      },
    ];
  if (due >= opts.today) return [];
  // Always set when a review is due (due is computed from it); `?? due` only narrows the type.
  const last = plan.plan.review?.last ?? plan.plan.effective ?? due;
  return [
    {
      code: 'IRP_REVIEW_OVERDUE',
      subject: 'plan review',
      date: due,
      message: `plan review was due on ${day(due, opts)} (last review ${day(last, opts)}, ${count(daysBetween(due, opts.today), opts)} days overdue)`,
      path: plan.plan.review?.last ? 'plan/review/last' : 'plan/effective',
    },
  ];
};

const checkContacts: Check = (plan, opts) =>
  plan.contacts.flatMap((c, i): Raw[] => {
    if (!c.verified && publicAuthority(c)) return [];
    if (!c.verified)
      return [
        {
          code: 'IRP_CONTACT_UNVERIFIED',
          subject: c.name,
          date: null,
          message: `${c.name}: contact details have never been verified`,
          path: `contacts/${i}`,
        },
      ];
    const age = daysBetween(c.verified, opts.today);
    if (age <= opts.staleDays) return [];
    return [
      {
        code: 'IRP_CONTACT_STALE',
        subject: c.name,
        date: c.verified,
        message: `${c.name}: contact details last verified on ${day(c.verified, opts)}, ${count(age, opts)} days ago (more than ${count(opts.staleDays, opts)})`,
        path: `contacts/${i}/verified`,
      },
    ];
  });

const checkPolicy: Check = (plan, opts) => {
  const ins = plan.insurance;
  const end = ins?.period?.end;
  if (!ins || !end) return [];
  const policy = `insurance policy ${ins.policy_number} with ${ins.carrier}`;
  if (end < opts.today)
    return [
      {
        code: 'IRP_POLICY_EXPIRED',
        subject: ins.carrier,
        date: end,
        message: `${policy} expired on ${day(end, opts)}`,
        path: 'insurance/period/end',
      },
    ];
  const left = daysBetween(opts.today, end);
  if (left > opts.expiryDays) return [];
  return [
    {
      code: 'IRP_POLICY_ENDING',
      subject: ins.carrier,
      date: end,
      message: `${policy} ends on ${day(end, opts)}, in ${count(left, opts)} day${left === 1 ? '' : 's'}`,
      path: 'insurance/period/end',
    },
  ];
};

/** The date of the most recent exercise, if any. */
export function lastExercise(plan: Plan): string | null {
  return (
    (plan.exercises ?? [])
      .map((x) => x.date)
      .sort()
      .at(-1) ?? null
  );
}

const checkExercises: Check = (plan, opts) => {
  const last = lastExercise(plan);
  if (!last)
    return [
      {
        code: 'IRP_EXERCISE_NONE',
        subject: 'tabletop exercise',
        date: null,
        message: 'no tabletop exercise is recorded',
        path: 'exercises',
      },
    ];
  const due = addMonths(last, opts.exerciseMonths);
  if (due >= opts.today) return [];
  return [
    {
      code: 'IRP_EXERCISE_OVERDUE',
      subject: 'tabletop exercise',
      date: last,
      message: `no tabletop exercise since ${day(last, opts)} (one was due by ${day(due, opts)})`,
      path: 'exercises',
    },
  ];
};

const checkCommander: Check = (plan) => {
  const commanders = plan.contacts.map((c, i) => ({ c, i })).filter(({ c }) => c.roles?.includes('incident-commander'));
  if (commanders.length === 0)
    return [
      {
        code: 'IRP_NO_COMMANDER',
        subject: 'incident commander',
        date: null,
        message: 'no contact is the incident commander',
        path: 'contacts',
      },
    ];
  return commanders
    .filter(({ c }) => !c.phones.some((p) => p.out_of_band))
    .map(({ c, i }) => ({
      code: 'IRP_COMMANDER_NO_OOB',
      subject: c.name,
      date: null,
      message: `${c.name} (incident commander) has no out-of-band phone number`,
      path: `contacts/${i}/phones`,
    }));
};

const checkAssets: Check = (plan) =>
  (plan.assets ?? []).flatMap((a, i) => {
    if (a.criticality !== 'critical') return [];
    const out: Raw[] = [];
    if (!a.owner)
      out.push({
        code: 'IRP_ASSET_NO_OWNER',
        subject: a.name,
        date: null,
        message: `${a.name} (critical) has no owner`,
        path: `assets/${i}`,
      });
    if (a.rto_hours === undefined)
      out.push({
        code: 'IRP_ASSET_NO_RTO',
        subject: a.name,
        date: null,
        message: `${a.name} (critical) has no recovery time objective (RTO)`,
        path: `assets/${i}`,
      });
    return out;
  });
