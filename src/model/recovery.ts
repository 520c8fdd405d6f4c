import { factsOf } from './assets.ts';
import { matchesRule } from './match.ts';
import { toCamel } from './names.ts';
import { matchProduct, productFamily } from './products.ts';
import type { CredentialResetEntry } from './response-tables.ts';
import type { Tables } from './tables.ts';
import type { AssetView } from './types.ts';

// Recovery engineering for the ransomware and lateral-movement playbooks: which backups to verify
// before restoring, the order of credential resets that fits this client's systems, and how long
// to watch afterwards. Every row names the client's own assets; an entry the client has nothing
// for is left out.

/** A backup system, what it holds, and its product when irplan knows it. */
interface BackupView {
  name: string;
  product: string | null;
  /** Names of the assets it holds backups of (`backup_of`). */
  protects: string[];
}

/** One group of accounts to reset, in order, with the client's assets it concerns. */
interface ResetView {
  id: string;
  tier: string;
  accounts: string;
  how: string;
  /** Names of the client's assets the entry matched (empty for an entry every client gets). */
  assets: string[];
  /** For an account reset twice: the least hours between the resets; null otherwise. */
  waitHours: number | null;
}

/** What the recovery steps of the playbooks read. */
export interface RecoveryView {
  backups: BackupView[];
  /** Critical and high assets the client runs itself with no backup recorded (`backup_of` names none). */
  unbacked: string[];
  resets: ResetView[];
  /** Incident type (camel case) to the days of heightened watch after recovery. */
  watch: Record<string, number>;
}

/** Builds the recovery view from the inventory and templates/data (credential-resets, watch-periods). */
export function buildRecovery(assets: AssetView[], tables: Tables): RecoveryView {
  return {
    backups: assets.filter(isBackup).map((a) => ({ name: a.name, product: a.productLabel, protects: a.backupOf })),
    unbacked: assets
      .filter((a) => ['critical', 'high'].includes(a.criticality) && a.os !== 'saas' && !isBackup(a))
      .filter((a) => a.restoreFrom.length === 0)
      .map((a) => a.name),
    resets: tables.credentialResets.flatMap((e) => buildReset(e, assets, tables)),
    watch: Object.fromEntries(tables.watchPeriods.map((w) => [toCamel(w.incident), w.days])),
  };
}

const isBackup = (a: AssetView) => a.services.includes('backup') || a.backupOf.length > 0;

/** The entry as a row when it applies to the client: always without `match` and `products`. */
function buildReset(e: CredentialResetEntry, assets: AssetView[], tables: Tables): ResetView[] {
  const conditional = e.match !== undefined || e.products !== undefined;
  const hits = assets.filter((a) => (e.match && matchesRule(e.match, factsOf(a))) || runs(a, e.products, tables));
  if (conditional && hits.length === 0) return [];
  return [
    {
      id: e.id,
      tier: e.tier,
      accounts: e.accounts,
      how: e.how,
      assets: conditional ? hits.map((a) => a.name) : [],
      waitHours: e.wait_hours ?? null,
    },
  ];
}

/** Whether the asset runs one of the products (products.yaml ids or families). */
function runs(a: AssetView, products: string[] | undefined, tables: Tables): boolean {
  const p = matchProduct(a.product ?? undefined, tables.products);
  return p !== null && products !== undefined && (products.includes(p.id) || products.includes(productFamily(p)));
}
