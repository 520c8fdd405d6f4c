import { describe, expect, test } from 'vitest';
import { inShard } from '../../../src/build/shard.ts';

const slugs = (count: number, prefix = 'client') => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

/** Each slug's shard (1-based), as every job of a matrix of `count` would compute it. */
function shardsOf(names: string[], count: number): Map<string, number> {
  const found = new Map<string, number>();
  const twice: string[] = [];
  for (let index = 1; index <= count; index++) {
    for (const slug of inShard(names, { index, count })) {
      if (found.has(slug)) twice.push(`${slug} in shards ${found.get(slug)} and ${index}`);
      found.set(slug, index);
    }
  }
  expect(twice).toEqual([]);
  return found;
}

/** How many of the clients both lists share changed shard. */
function moved(before: Map<string, number>, after: Map<string, number>): number {
  return [...before].filter(([slug, shard]) => after.has(slug) && after.get(slug) !== shard).length;
}

describe('inShard', () => {
  test('every client falls in exactly one shard, and each shard holds the floor or ceiling of clients/n', () => {
    for (let clients = 1; clients <= 60; clients++) {
      for (let count = 1; count <= 7; count++) {
        const names = slugs(clients);
        const shards = shardsOf(names, count);
        expect([...shards.keys()].sort()).toEqual([...names].sort());
        const sizes = Array.from({ length: count }, (_, i) => inShard(names, { index: i + 1, count }).length);
        const floor = Math.floor(clients / count);
        for (const size of sizes) expect([floor, Math.ceil(clients / count)], `${clients}/${count}`).toContain(size);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(clients);
      }
    }
  });

  test('adding a client moves at most n-1 of the others, and removing one likewise', () => {
    let total = 0;
    let cases = 0;
    for (let clients = 1; clients <= 60; clients++) {
      for (let count = 1; count <= 7; count++) {
        const before = shardsOf(slugs(clients), count);
        // Several newcomers, so that they land at different places in the hash order.
        for (const extra of ['acme-corp', 'zeta-labs', `client-${clients + 1}`]) {
          const after = shardsOf([...slugs(clients), extra], count);
          const n = moved(before, after);
          expect(n, `${clients} clients over ${count} shards, adding ${extra}`).toBeLessThanOrEqual(count - 1);
          expect(moved(after, before), 'removing it again').toBe(n);
          total += n;
          cases++;
        }
      }
    }
    // On average well under one client moves: dealing round-robin would move about half of them.
    expect(total / cases).toBeLessThan(1.5);
  });

  test('the shares depend on the set of clients, not the order they are listed in', () => {
    const names = slugs(23);
    const shuffled = [...names].reverse();
    for (let index = 1; index <= 4; index++) {
      expect(inShard(shuffled, { index, count: 4 }).sort()).toEqual(inShard(names, { index, count: 4 }).sort());
    }
  });

  test('keeps the order it was given, and more shards than clients leaves some empty', () => {
    const names = ['delta', 'alpha', 'charlie', 'bravo'];
    const all = Array.from({ length: 4 }, (_, i) => inShard(names, { index: i + 1, count: 4 }));
    for (const share of all) expect(share.length).toBe(1);
    const mine = inShard(names, { index: 1, count: 2 });
    expect(mine).toEqual(names.filter((n) => mine.includes(n)));
    const sizes = Array.from({ length: 6 }, (_, i) => inShard(['a', 'b'], { index: i + 1, count: 6 }).length);
    expect(sizes.sort()).toEqual([0, 0, 0, 0, 1, 1]);
    expect(inShard(names, undefined)).toEqual(names);
  });
});
