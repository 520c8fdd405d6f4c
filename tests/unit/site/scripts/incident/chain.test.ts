import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { entryHash as cliHash } from '../../../../../src/incident/canonical.ts';
import { brokenAt, canonical, entryHash, FIRST_PREV } from '../../../../../src/site/scripts/incident/chain.ts';

// The browser's half of the hash chain (Web Crypto, here Node's): it must hash exactly as the CLI
// that imports the log does (src/incident/canonical.ts), or every export would be refused.

async function chain(raw: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let prev = FIRST_PREV;
  for (const [i, fields] of raw.entries()) {
    const entry = { seq: i + 1, ...fields, prev };
    const hash = await entryHash(entry);
    out.push({ ...entry, hash });
    prev = hash;
  }
  return out;
}

const RAW = [
  { time: '2026-11-30T02:20:00-05:00', by: 'Maria López', kind: 'start' },
  { time: '2026-11-30T02:21:00-05:00', by: 'Maria López', kind: 'note', text: 'Ransom note: "pay" ☠ \u2028 done' },
  { time: '2026-11-30T02:22:00-05:00', by: 'Dev', kind: 'cost', amount: 1250.5, currency: 'USD', text: 'retainer' },
];

describe('canonical', () => {
  test('sorts keys by code unit, drops whitespace and writes values as JSON.stringify does', () => {
    expect(canonical({ b: 1, a: [true, null, 'x'], Z: { d: 1e21, c: 0.1 } })).toBe(
      '{"Z":{"c":0.1,"d":1e+21},"a":[true,null,"x"],"b":1}',
    );
    expect(canonical({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });
});

describe('entryHash', () => {
  test("is the SHA-256 of the entry's canonical JSON without its hash, as the CLI computes it", async () => {
    const entries = await chain(RAW);
    for (const entry of entries) {
      expect(entry.hash).toBe(cliHash(entry));
      const { hash: _hash, ...rest } = entry;
      expect(entry.hash).toBe(createHash('sha256').update(canonical(rest), 'utf8').digest('hex'));
    }
  });
});

describe('brokenAt', () => {
  test('finds no break in a chain as written', async () => {
    expect(await brokenAt(await chain(RAW))).toBe(-1);
  });

  test('finds an edited entry, and one taken out', async () => {
    const edited = await chain(RAW);
    edited[1] = { ...edited[1], text: 'nothing happened' };
    expect(await brokenAt(edited)).toBe(1);
    const cut = await chain(RAW);
    cut.splice(1, 1);
    expect(await brokenAt(cut)).toBe(1);
  });
});
