import { findProductInName } from '../model/index.ts';
import type { Asset, Plan } from '../plan/index.ts';
import { toolTables } from './tables.ts';

// Inventory checks of the plan alone (no date), so `irplan validate` prints them as warnings too:
// products irplan has steps for but was not told about, and backups the plan cannot use.

/** An inventory warning, before it is tagged with its client. */
interface InventoryWarning {
  code: string;
  subject: string;
  date: null;
  message: string;
  path: string;
}

/** The hints, by code: check.ts adds them to every finding's hint table. */
export const INVENTORY_HINTS: Record<string, string> = {
  IRP_ASSET_PRODUCT_UNSET:
    'add product: with what the asset runs and its version (e.g. product: "SQL Server 2019"); its forensic sheets then give that product\'s own steps',
  IRP_NO_BACKUP:
    'record the backup system as an asset with services: [backup] and backup_of: the assets it holds; if there is none, that is a finding for the client',
  IRP_BACKUP_OF_UNSET:
    'add backup_of: with the ids of the assets whose backups it holds, so the plan says what to restore from it',
};

/** Warnings about the inventory: products named only in an asset's name, no backup, backups that say nothing. */
export function checkInventory(plan: Plan): InventoryWarning[] {
  const assets = plan.assets ?? [];
  return [...assets.flatMap((a, i) => checkProduct(a, i)), ...checkBackups(assets)];
}

function checkProduct(a: Asset, i: number): InventoryWarning[] {
  // A product irplan does not know is legitimate (most line-of-business software): no warning.
  if (a.product !== undefined) return [];
  const named = findProductInName(a.name, toolTables().products);
  if (!named) return [];
  return [
    {
      code: 'IRP_ASSET_PRODUCT_UNSET',
      subject: a.name,
      date: null,
      message: `${a.name}: the name mentions ${named.label}, but no product: is set, so its forensic sheets give generic steps`,
      path: `assets/${i}/name`,
    },
  ];
}

function checkBackups(assets: Asset[]): InventoryWarning[] {
  const backups = assets.map((a, i) => ({ a, i })).filter(({ a }) => (a.services ?? []).includes('backup'));
  if (assets.length > 0 && backups.length === 0 && !assets.some((a) => a.backup_of !== undefined))
    return [
      {
        code: 'IRP_NO_BACKUP',
        subject: 'backups',
        date: null,
        message:
          'no backup system is recorded: the plan cannot say where to restore from, and backup steps are left out',
        path: 'assets',
      },
    ];
  return backups
    .filter(({ a }) => a.backup_of === undefined || a.backup_of.length === 0)
    .map(({ a, i }) => ({
      code: 'IRP_BACKUP_OF_UNSET',
      subject: a.name,
      date: null,
      message: `${a.name}: a backup system with no backup_of:, so the plan cannot say which assets to restore from it`,
      path: `assets/${i}`,
    }));
}
