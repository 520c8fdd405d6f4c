import type { Severity } from '../plan/index.ts';
import type { Messages } from '../shared/index.ts';

// The model is what templates and the Astro site read: every optional value is present as null or []
// so templates in strict mode can test it. Field names are the templates' vocabulary; keep them.

export type Audience = 'site' | 'print';

export interface ModelOptions {
  slug: string;
  audience: Audience;
  /** Calendar date of the build (from SOURCE_DATE_EPOCH or the commit), never the wall clock. */
  buildDate: string;
  draft: boolean;
  /** Maintenance findings as of buildDate (src/check, run by the build stage), for document control. */
  findings?: FindingView[];
  /** The client's message catalogue (the project's templates/messages/); irplan's own without one. */
  messages?: Messages;
}

/** A maintenance finding (review overdue, stale contact, ...) as the document control box shows it. */
export interface FindingView {
  code: string;
  subject: string;
  message: string;
}

export interface PhoneView {
  /** As written; a number dialled only inside its country, written with +, in its national form. */
  number: string;
  /** The tel: link's body: E.164, or national digits with ;phone-context=+<code> (templates/data/domestic-numbers.yaml). */
  tel: string | null;
  /** What a phone dials (vCards): E.164, or the national digits of a number dialled only inside its country. */
  dial: string | null;
  label: string | null;
  outOfBand: boolean;
  private: boolean;
}

export interface ContactView {
  id: string;
  name: string;
  title: string | null;
  organization: string | null;
  display: string;
  groups: string[];
  groupLabels: string[];
  roles: string[];
  roleLabels: string[];
  phones: PhoneView[];
  primary: PhoneView | null;
  hasOutOfBand: boolean;
  email: string | null;
  verified: string | null;
  verifiedText: string | null;
  notes: string | null;
  /** Where to report online: public authorities have a page, the plan's own contacts none. */
  url: string | null;
  /** A public authority from the jurisdiction data, not a person the plan names. */
  authority: boolean;
  /** What the authority's data could not confirm (its `confirm:`), printed with "confirm with counsel". */
  confirm: string | null;
}

/** Looks a contact up by id; null for no id or an unknown one. */
export type ContactRef = (id: string | undefined) => ContactView | null;

export interface RoleView {
  id: string;
  label: string;
  duty: string;
  holders: ContactView[];
  primary: ContactView | null;
  deputies: ContactView[];
  who: string;
}

export interface AssetView {
  id: string;
  name: string;
  kind: string;
  os: string | null;
  services: string[];
  criticality: Severity;
  data: string[];
  dataText: string[];
  owner: ContactView | null;
  location: string | null;
  rto: number | null;
  rpo: number | null;
  dependsOn: string[];
  notes: string | null;
  priority: number;
  impact: string;
  checklists: string[];
  /** The lowest severity an incident touching this asset can have (from its priority). */
  severityFloor: Severity;
  severityFloorLabel: string;
  /** Assets that depend on this one, directly or through others: the blast radius of losing it. */
  affects: string[];
  /** Labels of this client's regulations that the asset's data brings into play. */
  regulations: string[];
  /** The product as written in the plan, and the known product it names (null when none). */
  product: string | null;
  productLabel: string | null;
  /** Names of the assets this backup system holds backups of (restore them from it). */
  backupOf: string[];
  /** Names of the backup systems holding this asset's backups. */
  restoreFrom: string[];
  /** Joined to the domain: a compromised domain controller reaches it. */
  domainJoined: boolean;
  /** Reachable from the internet (`internet_facing`): in scope.internetFacing and the denial-of-service floor. */
  internetFacing: boolean;
  /** Severity floor per incident type, in incidents.yaml order; null where the type cannot reach it. */
  floors: FloorView[];
}

export interface FloorView {
  incident: string;
  label: string;
  severity: Severity | null;
  severityLabel: string | null;
}

/** A product's own steps on a sheet: its label(s) and the names of the assets that run it. */
export interface ProductStepsView {
  label: string;
  assets: string[];
}

/** One call: `short` is the name alone and `first` the number to try first, for compact lists. */
export interface CallEntry {
  name: string;
  short: string;
  why: string;
  phones: PhoneView[];
  first: PhoneView | null;
  email: string | null;
  note: string | null;
  /** Where to report online, for a public authority. */
  url: string | null;
  /** What a public authority's data could not confirm, printed with "confirm with counsel". */
  confirm: string | null;
}

export interface ChecklistView {
  id: string;
  title: string;
  kind: 'forensic' | 'response';
  assets: AssetView[];
  /** Product family (camel case) to its assets on this sheet; null for every family the client lacks. */
  product: Record<string, ProductStepsView | null>;
  /** Names of the assets on this sheet that get its generic steps (no product steps here). */
  other: string[];
  /** The same, split: hosted by a vendor (os: saas) or run by the client. */
  otherHosted: string[];
  otherOnPremises: string[];
}

/** One hosted service's vendor sheet: whom to ask, what to export first, how long logs are kept. */
export interface VendorView {
  asset: AssetView;
  /** The vendor's name when the product is known, else null (the sheet says "the vendor of ..."). */
  vendor: string | null;
  selfExport: string[];
  retention: string[];
}
