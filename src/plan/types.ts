// The plan file's shape after validation (src/schema/plan.schema.json is the source of truth).

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type IncidentType =
  | 'account-compromise'
  | 'data-breach'
  | 'lateral-movement'
  | 'phishing'
  | 'ransomware'
  | 'remote-access-breach'
  | 'business-email-compromise'
  | 'vendor-breach'
  | 'cloud-tenant-compromise'
  | 'lost-or-stolen-device'
  | 'insider-misuse'
  | 'denial-of-service';

export interface Phone {
  number: string;
  label?: string;
  out_of_band?: boolean;
  private?: boolean;
}

export interface Contact {
  id: string;
  name: string;
  title?: string;
  organization?: string;
  /** Who answers: a named person (absent means person), a team or a desk. */
  kind?: 'person' | 'team' | 'desk';
  groups?: string[];
  roles?: string[];
  phones: Phone[];
  email?: string;
  notify?: { severities?: Severity[]; incident_types?: IncidentType[] };
  verified?: string;
  notes?: string;
  /** Set by irplan import: the CSV file and date it came from. */
  source?: { file: string; date: string };
}

export interface Asset {
  id: string;
  name: string;
  kind: string;
  os?: string;
  services?: string[];
  criticality: Severity;
  data?: string[];
  owner?: string;
  location?: string;
  rto_hours?: number;
  rpo_hours?: number;
  depends_on?: string[];
  /** Free text; a known product (templates/data/products.yaml) picks product-specific steps. */
  product?: string;
  /** The asset id(s) a backup system protects. */
  backup_of?: string | string[];
  /** Joined to the Active Directory domain; absent means "Windows server or workstation". */
  domain_joined?: boolean;
  /** Reachable from the internet: picks the denial-of-service playbook. */
  internet_facing?: boolean;
  /** How long its logs are actually kept (free text), for the preparation checklist. */
  log_retention?: string;
  /** For a backup system: whether its backups cannot be changed or deleted before they expire. */
  immutable?: boolean;
  notes?: string;
  /** Set by irplan import: the CSV file and date it came from. */
  source?: { file: string; date: string };
}

interface DataFlow {
  id: string;
  data?: string[];
  from: string;
  to: string;
  via?: string;
}

export interface Release {
  version: string;
  date: string;
  summary?: string;
  approver?: string;
}

interface Insurance {
  carrier: string;
  policy_number: string;
  period?: { start?: string; end?: string };
  claims_hotline?: string;
  notice_within_hours?: number;
  hotline_counts_as_notice?: boolean;
  notice_email?: string;
  broker?: string;
  panel?: { name: string; service: string; phone?: string }[];
  consent_required_for?: string[];
  stipulations?: string[];
}

interface ContinuityDoc {
  document?: string;
  location?: string;
  owner?: string;
}

export interface Plan {
  client: {
    name: string;
    industry?: string;
    timezone?: string;
    /** ISO 3166-1 alpha-2. */
    country?: string;
    /** ISO 3166-2, e.g. US-TX. */
    region?: string;
    /** BCP 47; default from the country. */
    locale?: string;
    locations?: { name: string; address?: string; country?: string; region?: string }[];
  };
  plan: {
    version: string;
    effective?: string;
    owner: string;
    /** Contact id of who approves a release (required by irplan release). */
    approver?: string;
    classification: string;
    review?: { last?: string; every_months?: number };
    paper?: 'letter' | 'a4';
    distribution?: string[];
    history?: Release[];
  };
  msp?: {
    name?: string;
    hotline?: string;
    hotlines?: Record<string, string>;
    color?: string;
    logo?: string;
    word_template?: string;
  };
  contacts: Contact[];
  assets?: Asset[];
  data_flows?: DataFlow[];
  insurance?: Insurance;
  continuity?: { bcp?: ContinuityDoc; drp?: ContinuityDoc; requirements?: string[] };
  regulations?: string[];
  regulation_exclusions?: { id: string; reason: string }[];
  jurisdiction?: { rules?: JurisdictionRule[]; authorities?: Authority[] };
  exercises?: { date: string; scenario: IncidentType; participants?: string[]; notes?: string }[];
  monitoring?: Monitoring[];
  governance?: {
    scope?: string[];
    spending_authority?: { role: string; up_to: number; currency: string; notes?: string }[];
    closure?: string[];
  };
  preparation?: {
    jump_kit?: { location?: string; keeper?: string };
    break_glass?: { account: string; system?: string; kept: string; holders: string[] }[];
  };
}

/** A source of alerts and who watches it (`monitoring:`). */
interface Monitoring {
  source: string;
  /** The product behind the source; a known EDR product brings its way of isolating a host. */
  product?: string;
  /** Contact id. */
  owner: string;
  /** "24x7" or the hours as people say them. */
  hours: string;
  /** Asset ids. */
  watches: string[];
  notes?: string;
}

/** An authority to report to (templates/data/jurisdictions/*.yaml, or a plan's own). */
export interface Authority {
  id: string;
  kind: 'data-protection' | 'law-enforcement' | 'cyber-agency' | 'sanctions' | 'sector-regulator';
  name: string;
  phone?: string;
  url?: string;
  hours?: string;
  when?: string;
  source?: string;
  confirm?: string;
  /** In a region's list: on the call lists of every client in the region, like a country's police. */
  standing?: boolean;
  /** Ids of authorities this one stands in for (region-authorities.ts in src/model says when). */
  replaces?: string[];
}

/** A notification duty (templates/data/jurisdictions/*.yaml, or a plan's own). */
export interface JurisdictionRule {
  id: string;
  label: string;
  applies_when?: { data?: string[]; industries?: string[]; opt_in?: boolean; without_region?: boolean };
  authority?: string;
  notify?: string;
  deadline: string;
  deadline_hours?: number | null;
  clock?: string;
  threshold?: string;
  contents?: string[];
  individuals?: string;
  register?: string;
  source: string;
  confirm?: string;
  trigger?: 'ransom-payment';
}
