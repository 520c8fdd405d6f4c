import { matchProduct } from './products.ts';
import type { Tables } from './tables.ts';
import type { AssetView, ContactView, RoleView, VendorView } from './types.ts';

/** One vendor sheet per hosted service (os: saas), in priority order. */
export function buildVendors(assets: AssetView[], tables: Tables): VendorView[] {
  return assets
    .filter((a) => a.os === 'saas')
    .map((asset) => {
      const p = matchProduct(asset.product ?? undefined, tables.products);
      return {
        asset,
        vendor: p?.vendor ?? null,
        selfExport: p?.self_export ?? [],
        retention: p?.retention ?? [],
      };
    });
}

/**
 * Who signs a preservation request to a vendor: the incident commander, else the plan's owner.
 * A request from the client itself, with a name and a number, is what a vendor's support acts on.
 */
export function pickRequester(roles: RoleView[], owner: ContactView | null): ContactView | null {
  return roles.find((r) => r.id === 'incident-commander')?.primary ?? owner;
}
