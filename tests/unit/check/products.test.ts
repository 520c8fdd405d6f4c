import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkInventory } from '../../../src/check/products.ts';
import type { Asset, Plan } from '../../../src/plan/types.ts';
import { irplan, tempDir } from '../../helpers/cli.ts';
import { copyExamples, copyFixtureClient } from '../../helpers/examples.ts';

// Inventory warnings (issue 18, items 3 and 5): an asset whose name says which product it runs but
// whose `product:` is missing, a plan with no backup, a backup that does not say what it holds.

function plan(assets: Asset[]): Plan {
  return {
    client: { name: 'Acme' },
    plan: { version: '1.0.0', owner: 'ann', classification: 'TLP:AMBER' },
    contacts: [{ id: 'ann', name: 'Ann Lee', phones: [{ number: '+1 503 555 0101' }] }],
    assets,
  };
}
const codes = (p: Plan) => checkInventory(p).map((w) => `${w.code} ${w.path}`);
const nas: Asset = {
  id: 'nas',
  name: 'NAS',
  kind: 'data-store',
  services: ['backup'],
  criticality: 'high',
  backup_of: 'db',
};
const db = (over: Partial<Asset> = {}): Asset => ({
  id: 'db',
  name: 'Orders DB',
  kind: 'server',
  criticality: 'high',
  ...over,
});

describe('product warnings', () => {
  test('a product named in the asset name but not in product: is a warning on the name', () => {
    const w = checkInventory(plan([nas, db({ name: 'Orders DB (PostgreSQL)' })]));
    expect(w.map((x) => x.code)).toEqual(['IRP_ASSET_PRODUCT_UNSET']);
    expect(w[0]?.path).toBe('assets/1/name');
    expect(w[0]?.message).toContain('mentions PostgreSQL');
  });

  test('no warning once product: is set, to a known product or not, or when the name names none', () => {
    expect(codes(plan([nas, db({ name: 'Orders DB (PostgreSQL)', product: 'PostgreSQL 15' })]))).toEqual([]);
    expect(codes(plan([nas, db({ name: 'Orders DB (PostgreSQL)', product: 'in-house fork' })]))).toEqual([]);
    expect(codes(plan([nas, db()]))).toEqual([]);
  });
});

describe('backup warnings', () => {
  test('a plan with assets and no backup gets one warning', () => {
    expect(codes(plan([db()]))).toEqual(['IRP_NO_BACKUP assets']);
    expect(codes(plan([]))).toEqual([]);
  });

  test('a backup system that does not say what it holds gets a warning on the asset', () => {
    const { backup_of: _, ...bare } = nas;
    expect(codes(plan([db(), bare]))).toEqual(['IRP_BACKUP_OF_UNSET assets/1']);
  });
});

describe('irplan check and validate', () => {
  test('print the product warning at the asset name, with a hint', () => {
    const root = tempDir('irplan-products-check-');
    copyExamples(root);
    copyFixtureClient(root, 'linux-estate');
    const file = join(root, 'plans', 'linux-estate', 'plan.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8').replace(
        'regulations:',
        '  - id: mon01\n    name: Monitoring server (nginx)\n    kind: server\n    criticality: low\nregulations:',
      )}`,
    );
    const line = readFileSync(file, 'utf8').split('\n').indexOf('    name: Monitoring server (nginx)') + 1;
    const want = `plans/linux-estate/plan.yaml:${line}:11 warning IRP_ASSET_PRODUCT_UNSET Juniper Outfitters: Monitoring server (nginx): the name mentions nginx`;
    for (const cmd of [
      ['check', 'linux-estate', '--today', '2026-11-01'],
      ['validate', 'linux-estate'],
    ]) {
      const r = irplan(cmd, { cwd: root });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(want);
      expect(r.stdout).toMatch(/IRP_ASSET_PRODUCT_UNSET[^\n]*\n\s+hint: add product: with what the asset runs/);
    }
  });
});
