import type { Phone } from '../plan/index.ts';
import { formatDate, formatNumber, parseIsoDate } from '../shared/index.ts';

// How values read in a diff: a reviewer sees names and phone numbers as written, never raw JSON;
// given the client's locale, dates and numbers read as its binder writes them (15 October 2026).

/** The readable labels of plan fields; a field missing here reads as its key with spaces. */
const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  title: 'title',
  organization: 'organization',
  phones: 'phone',
  email: 'email',
  roles: 'roles',
  groups: 'groups',
  notify: 'notified for',
  verified: 'verified on',
  notes: 'notes',
  kind: 'kind',
  os: 'operating system',
  services: 'services',
  criticality: 'criticality',
  data: 'data',
  owner: 'owner',
  location: 'location',
  rto_hours: 'RTO (hours)',
  rpo_hours: 'RPO (hours)',
  depends_on: 'depends on',
  product: 'product',
  backup_of: 'holds the backups of',
  domain_joined: 'joined to the domain',
  carrier: 'carrier',
  policy_number: 'policy number',
  period: 'policy period',
  claims_hotline: 'claims hotline',
  notice_within_hours: 'notice deadline (hours)',
  hotline_counts_as_notice: 'calling the hotline counts as notice',
  notice_email: 'notice email',
  broker: 'broker',
  panel: 'panel vendors',
  consent_required_for: 'consent required for',
  stipulations: 'stipulations',
  version: 'version',
  effective: 'effective date',
  classification: 'classification',
  review: 'review',
  paper: 'paper size',
  distribution: 'distribution',
  industry: 'industry',
  timezone: 'time zone',
  locations: 'locations',
  hotline: 'hotline contact',
  color: 'colour',
  logo: 'logo',
  bcp: 'business continuity plan',
  drp: 'disaster recovery plan',
  requirements: 'requirements',
  from: 'from',
  to: 'to',
  via: 'via',
};

/** A field's readable label. */
export function labelOf(key: string): string {
  return FIELD_LABELS[key] ?? key.replace(/_/g, ' ');
}

/** One phone as people read it: "+1 503 555 0142 (mobile, out of band)". */
function showPhone(p: Phone): string {
  const notes = [p.label, p.out_of_band ? 'out of band' : undefined, p.private ? 'private' : undefined].filter(Boolean);
  return notes.length > 0 ? `${p.number} (${notes.join(', ')})` : p.number;
}

/**
 * Any plan value as one line of text. With a `locale` a date (YYYY-MM-DD) and a number are written
 * for it; without one they stay as in the YAML (the raw values of `irplan diff --format json`).
 */
export function show(value: unknown, locale?: string): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return locale ? formatNumber(value, locale) : String(value);
  if (typeof value === 'string') return locale && parseIsoDate(value) ? (formatDate(value, locale) ?? value) : value;
  if (Array.isArray(value))
    return value.length === 0 ? '(none)' : value.map((v) => (isPhone(v) ? showPhone(v) : show(v, locale))).join('; ');
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.map(([k, v]) => `${labelOf(k)} ${show(v, locale)}`).join(', ');
}

function isPhone(v: unknown): v is Phone {
  return typeof v === 'object' && v !== null && typeof (v as { number?: unknown }).number === 'string';
}
