import type { Plan } from '../plan/index.ts';
import { findProductInName, matchProduct } from './products.ts';
import type { ProductEntry } from './tables.ts';
import type { AssetView, ContactRef, ContactView } from './types.ts';

// Detect: where alerts come from and who watches them, only as the plan records it (`monitoring:`).
// Nothing is assumed: a plan without monitoring gets an empty list, and the section says so.

/** One source of alerts as the detection section and the preparation checklist show it. */
interface MonitoringView {
  source: string;
  /** The known product behind the source (products.yaml), by its label, when the source does not name it already. */
  product: string | null;
  owner: ContactView | null;
  /** When someone watches, as the plan says it (`hours`: a helper has that name). */
  schedule: string;
  /** Watched round the clock ("24x7", "24/7"): its alerts never wait for the morning. */
  roundTheClock: boolean;
  /** Names of the assets it watches. */
  watches: string[];
  notes: string | null;
}

/** The detection section's data. */
export interface DetectionView {
  sources: MonitoringView[];
  /** The sources nobody watches out of hours: their alerts wait. */
  partTime: MonitoringView[];
  /** Names of the critical and high assets that no source watches. */
  unwatched: string[];
  /** Who watches, by name, for the Who column of the steps from alert to incident. */
  watchers: string[];
}

/** "24x7", "24/7", "24 x 7", "round the clock": watched at every hour. */
const ROUND_THE_CLOCK = /^\s*(24\s*[x×/]\s*7|(a)?round[- ]the[- ]clock)\b/i;

/** The known product a monitoring entry names: its `product:`, else one named in its source. */
export function monitoringProduct(
  m: { source: string; product?: string },
  products: ProductEntry[],
): ProductEntry | null {
  return m.product !== undefined ? matchProduct(m.product, products) : findProductInName(m.source, products);
}

/** Whether a monitoring entry's hours mean round the clock. */
export function isRoundTheClock(hours: string): boolean {
  return ROUND_THE_CLOCK.test(hours);
}

/** Builds the detection section's data from the plan's `monitoring:` list. */
export function buildDetection(
  plan: Plan,
  assets: AssetView[],
  ref: ContactRef,
  products: ProductEntry[],
): DetectionView {
  const name = (id: string) => assets.find((a) => a.id === id)?.name ?? id;
  const sources = (plan.monitoring ?? []).map((m) => ({
    source: m.source,
    product: unnamed(m.source, monitoringProduct(m, products)),
    owner: ref(m.owner),
    schedule: m.hours,
    roundTheClock: isRoundTheClock(m.hours),
    watches: m.watches.map(name),
    notes: m.notes ?? null,
  }));
  const watched = new Set((plan.monitoring ?? []).flatMap((m) => m.watches));
  return {
    sources,
    partTime: sources.filter((s) => !s.roundTheClock),
    unwatched: unwatchedAssets(plan, watched).map(name),
    watchers: [...new Set(sources.flatMap((s) => (s.owner ? [s.owner.name] : [])))],
  };
}

/** A known product's label when the source's own words do not already name it. */
function unnamed(source: string, product: ProductEntry | null): string | null {
  return product && !source.toLowerCase().includes(product.label.toLowerCase()) ? product.label : null;
}

/** The critical and high assets no monitoring entry watches, in inventory order (ids). */
export function unwatchedAssets(
  plan: Plan,
  watched = new Set((plan.monitoring ?? []).flatMap((m) => m.watches)),
): string[] {
  return (plan.assets ?? [])
    .filter((a) => (a.criticality === 'critical' || a.criticality === 'high') && !watched.has(a.id))
    .map((a) => a.id);
}
