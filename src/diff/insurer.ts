import type { Asset, Contact } from '../plan/index.ts';
import type { Area } from './change.ts';

/**
 * Why a change may matter to the insurer (data-driven: one row per rule). Policies commonly
 * require notice of changes to insured terms, to the systems they cover and to who leads a response.
 */
const INSURER_RULES: { area: Area; reason: string; applies: (before: unknown, after: unknown) => boolean }[] = [
  { area: 'insurance', reason: 'insurance terms changed', applies: () => true },
  { area: 'asset', reason: 'a critical asset changed', applies: (b, a) => isCritical(b) || isCritical(a) },
  {
    area: 'contact',
    reason: 'the incident commander changed',
    applies: (b, a) => hasRole(b, 'incident-commander') || hasRole(a, 'incident-commander'),
  },
  {
    area: 'contact',
    reason: 'an insurer or broker contact changed',
    applies: (b, a) => inGroup(b, ['insurer', 'broker']) || inGroup(a, ['insurer', 'broker']),
  },
];

const isCritical = (x: unknown) => (x as Asset | undefined)?.criticality === 'critical';
const hasRole = (x: unknown, role: string) => ((x as Contact | undefined)?.roles ?? []).includes(role);
const inGroup = (x: unknown, groups: string[]) =>
  ((x as Contact | undefined)?.groups ?? []).some((g) => groups.includes(g));

/** The reason the insurer may need to hear about a change, or null when it does not concern them. */
export function insurerReason(area: Area, before: unknown, after: unknown): string | null {
  return INSURER_RULES.find((r) => r.area === area && r.applies(before, after))?.reason ?? null;
}
