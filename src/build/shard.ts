import { createHash } from 'node:crypto';
import type { BuildOptions } from './context.ts';

type Shard = NonNullable<BuildOptions['shard']>;

// How `--shard i/n` shares the clients out among the jobs of a CI matrix. Every job lists the same
// clients and must reach the same answer on its own, so the shares are a function of the set of
// slugs alone (not of the order the file system lists them in).
//
// Clients are sorted by a hash of their slug and the sorted list is cut into n contiguous runs
// whose sizes differ by at most one: the first (clients mod n) runs take the ceiling of clients/n,
// the rest the floor. Why this and not the usual alternatives:
// - sha256(slug) mod n, or rendezvous hashing, never moves a client when another is added, but the
//   shares are only balanced on average: client-1 ... client-40 over 4 shards come out 6/12/8/14.
// - dealing the hash-sorted list round-robin is balanced, but a new client shifts every client
//   after it by one place, so most of those change shard (13.5 on average for 1-60 clients, n 1-7).
// - contiguous runs are balanced, and a new client shifts a client across a run boundary only
//   where the boundary and the client's place do not move together: at most n - 1 clients change
//   shard, each to a neighbouring one, however many clients there are (1.3 on average).
// Sorting by hash rather than by name spreads clients with similar names (often one group's
// companies, with similar plans) over the shards.

/** The 1-based shard of each slug when the slugs are shared out among `count` shards. */
function assignShards(slugs: readonly string[], count: number): Map<string, number> {
  const hashed = [...new Set(slugs)].map((slug) => ({ slug, hash: createHash('sha256').update(slug).digest('hex') }));
  hashed.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.slug < b.slug ? -1 : 1));
  const floor = Math.floor(hashed.length / count);
  const larger = hashed.length % count;
  const shards = new Map<string, number>();
  let at = 0;
  for (let shard = 1; shard <= count; shard++) {
    const size = floor + (shard <= larger ? 1 : 0);
    for (const { slug } of hashed.slice(at, at + size)) shards.set(slug, shard);
    at += size;
  }
  return shards;
}

/** The slugs that fall in one shard, in the order given; all of them without a shard. */
export function inShard(slugs: readonly string[], shard: Shard | undefined): string[] {
  if (!shard) return [...slugs];
  const shards = assignShards(slugs, shard.count);
  return slugs.filter((slug) => shards.get(slug) === shard.index);
}
