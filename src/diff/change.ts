import type { Plan } from '../plan/index.ts';

/** What a change is about; the Markdown report groups by it. */
export type Area =
  | 'client'
  | 'plan'
  | 'msp'
  | 'contact'
  | 'asset'
  | 'data-flow'
  | 'insurance'
  | 'continuity'
  | 'regulations'
  | 'exercises'
  | 'governance'
  | 'preparation'
  | 'monitoring'
  | 'jurisdiction'
  | 'incident';

/** One change in meaning, naming the person, asset or term it concerns. */
export interface Change {
  area: Area;
  action: 'added' | 'removed' | 'changed';
  /** The name of what changed: a person, an asset, "insurance", "plan". */
  subject: string;
  /** The field that changed, as a reader calls it; null for whole additions and removals. */
  field: string | null;
  before: string | null;
  after: string | null;
  /** Why the client's insurer may need to hear about it; null when it does not concern them. */
  insurer: string | null;
  /** The change as one sentence. */
  text: string;
}

type Names = (id: string | undefined) => string | undefined;

/** A plan with the names its ids stand for, and the locale its changes are read in. */
export interface Side {
  plan: Plan;
  contact: Names;
  asset: Names;
  /** The client's locale (BCP 47) for dates and numbers in the sentences; none leaves them as written. */
  locale: string | undefined;
}

/** Ids a plan refers to are shown as the names people know them by. */
export function side(plan: Plan, locale?: string): Side {
  const contacts = new Map(plan.contacts.map((c) => [c.id, c.name]));
  const assets = new Map((plan.assets ?? []).map((a) => [a.id, a.name]));
  return {
    plan,
    locale,
    contact: (id) => (id === undefined ? undefined : (contacts.get(id) ?? id)),
    asset: (id) => (id === undefined ? undefined : (assets.get(id) ?? id)),
  };
}
